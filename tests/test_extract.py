"""Reading reports and resolving events: files, HTML, errors, the gazetteer, the example report, the CLI."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED_EXAMPLES
from tracker.cli import main
from tracker.errors import ExtractionError, InputError
from tracker.extract import extract_events, extract_file, read_report

REPORT = """November 20, 2024

Ukrainian forces recently advanced in Kursk Oblast and near Kupyansk. Geolocated footage published on
November 19 indicates that Russian forces advanced southeast of Selydove.

Russian milbloggers claimed that Russian forces seized Illinka, but ISW has not observed confirmation.
Elements of a Russian motorized rifle regiment arrived in Belgorod Oblast on November 18.
"""


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


@pytest.fixture(scope="module")
def report_events(gazetteer):
    return extract_events(REPORT, source="test-report", gazetteer=gazetteer)


def test_events_are_geocoded_with_precision(report_events):
    by = {(e.side, e.kind, e.place, e.relation): e for e in report_events}
    kursk = by[("ukraine", "advance", "Kursk Oblast", "in")]
    assert kursk.precision == "region" and kursk.admin1 == "Kursk Oblast" and kursk.uncertainty_km >= 50
    kup = by[("ukraine", "advance", "Kupyansk", "near")]
    assert kup.admin1 == "Kharkiv Oblast" and kup.precision == "near" and kup.date_precision == "recent"
    assert 49.5 < kup.lat < 49.9 and 37.4 < kup.lon < 37.8
    sel = by[("russia", "advance", "Selydove", "southeast of")]
    assert sel.precision == "offset" and sel.status == "confirmed" and sel.event_date == "2024-11-19"
    assert sel.lon > 37.3 and sel.lat < 48.15  # moved southeast of the town (48.15 N, 37.30 E)
    ill = [e for e in report_events if e.place == "Illinka"][0]
    assert ill.status == "claimed" and ill.claimant == "Russian milbloggers"
    dep = by[("russia", "deployment", "Belgorod Oblast", "in")]
    assert dep.status is None and dep.event_date == "2024-11-18" and dep.country == "RU"


def test_ids_are_stable_and_quotes_point_into_the_text(report_events, gazetteer):
    again = extract_events(REPORT, source="test-report", gazetteer=gazetteer)
    assert [e.id for e in again] == [e.id for e in report_events]
    assert len({e.id for e in report_events}) == len(report_events)
    for e in report_events:
        assert REPORT[e.quote_start:e.quote_end] == e.quote and e.place in e.quote
        assert e.source == "test-report" and e.report_date == "2024-11-20"


def test_homonym_settled_by_the_oblast_in_the_sentence(gazetteer):
    near_kharkiv = extract_events("Russian forces attacked near Kamianka in Kharkiv Oblast.", "2024-11-20",
                                  gazetteer=gazetteer)
    near_zap = extract_events("Russian forces attacked near Kamianske, northwest of Polohy, in Zaporizhzhia Oblast.",
                              "2024-11-20", gazetteer=gazetteer)
    assert near_zap and near_zap[0].admin1 == "Zaporizhzhia Oblast" and near_zap[0].place_note is None
    # cities500 has no Kamianka in Kharkiv Oblast: the settlement layer's is taken, never a namesake
    (e,) = near_kharkiv
    assert e.admin1 == "Kharkiv Oblast" and e.precision == "hromada" and "KATOTTG" in e.place_note
    # and a name no layer holds in the oblast is placed at the oblast, flagged
    (r,) = extract_events("Russian forces attacked near Zzyzxivka in Kharkiv Oblast.", "2024-11-20",
                          gazetteer=gazetteer)
    assert r.admin1 == "Kharkiv Oblast" and r.precision == "region" and "Kharkiv Oblast" in r.place_note


def test_unsettled_homonym_is_flagged_not_silently_guessed(gazetteer):
    (e,) = extract_events("Russian forces attacked near Druzhba.", "2024-11-20", gazetteer=gazetteer)
    assert e.place_note and "ambiguous" in e.place_note
    assert e.uncertainty_km >= 20 and e.precision == "near"


def test_plain_html_bom_and_crlf_give_the_same_events(tmp_path, gazetteer):
    plain = write(tmp_path, "r.txt", REPORT)
    bom = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode())
    paras = "".join(f"<p>{p}</p>" for p in REPORT.split("\n\n"))
    page = write(tmp_path, "r.html", "<!DOCTYPE html><html><head><title>x</title><script>var a = 'Russian forces "
                 "advanced near Kherson';</script><style>p{}</style></head><body>" + paras + "</body></html>")
    key = lambda evs: sorted((e.side, e.kind, e.place, e.relation, e.status) for e in evs)
    base = key(extract_file(plain))
    assert base and key(extract_file(bom)) == base and key(extract_file(page)) == base
    assert "Kherson" not in read_report(page)
    assert extract_file(plain)[0].source == str(plain)


def test_report_date_from_the_file_name(tmp_path):
    p = write(tmp_path, "assessment-2024-11-20.txt", "Russian forces advanced near Siversk.\n")
    (e,) = extract_file(p)
    assert e.report_date == "2024-11-20"
    p = write(tmp_path, "assessment.txt", "Russian forces advanced near Siversk.\n")
    with pytest.raises(ExtractionError, match="--report-date"):
        extract_file(p)


@pytest.mark.parametrize("data, match", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(256)) * 8, "binary"),
    (b"", "empty"),
])
def test_bad_input_is_refused_clearly(tmp_path, data, match):
    with pytest.raises(InputError, match=match):
        extract_file(write(tmp_path, "bad-2024-11-20.txt", data))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        extract_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        extract_file(tmp_path)


EXAMPLE = SHARED_EXAMPLES / "isw-2024-10-24.txt"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared/examples/isw-2024-10-24.txt is not next to the repo")
def test_example_report_gives_exactly_the_expected_events(gazetteer):
    events = extract_file(EXAMPLE)
    got = {(e.side, e.kind, e.place_name, e.relation, e.admin1, e.precision == "region") for e in events}
    adv = {g for g in got if g[1] == "advance"}
    assert adv == {
        ("ukraine", "advance", "Kursk Oblast", "in", "Kursk Oblast", True),
        ("ukraine", "advance", "Toretsk", "near", "Donetsk Oblast", False),
        ("ukraine", "advance", "Pokrovsk", "near", "Donetsk Oblast", False),
        ("russia", "advance", "Kreminna", "near", "Luhansk Oblast", False),
        ("russia", "advance", "Siversk", "near", "Donetsk Oblast", False),
    }
    dep = [e for e in events if e.kind == "deployment"]
    assert all(e.side == "north_korea" for e in dep)
    kursk = [e for e in dep if e.place_name == "Kursk Oblast"]
    assert len(kursk) == 1 and kursk[0].event_date == "2024-10-23" and kursk[0].date_precision == "day"
    grounds = {e.admin1 for e in dep if e.place_name != "Kursk Oblast"}
    assert grounds == {"Primorsky Krai", "Republic of Buryatia", "Amur Oblast", "Khabarovsk Krai"}
    assert len(dep) == 6
    hosts = [e for e in dep if e.precision != "region" and e.place_name != "Kursk Oblast"]
    import math
    for e, (lat, lon) in zip(sorted(hosts, key=lambda e: e.lon), [(51.83, 107.58), (50.43, 129.44),
                                                                   (43.80, 131.95), (48.64, 135.34)]):
        assert math.hypot(e.lat - lat, (e.lon - lon) * 0.6) < 0.5, (e.place, e.lat, e.lon)
    assert not [e for e in events if e.kind == "attack"]
    assert not [e for e in events if "Kazan" in (e.place or "") or e.admin1 == "Republic of Tatarstan"]


def test_cli_prints_geojson_and_jsonl(tmp_path, capsys):
    p = write(tmp_path, "r-2024-11-20.txt", REPORT)
    with pytest.raises(SystemExit) as ex:
        main(["extract", str(p)])
    assert ex.value.code == 0
    fc = json.loads(capsys.readouterr().out)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) >= 4
    f = fc["features"][0]
    assert f["geometry"]["type"] == "Point" and f["properties"]["source"] == str(p)
    with pytest.raises(SystemExit):
        main(["extract", "--format", "jsonl", "--source", "my-feed", "--report-date", "2024-11-21", str(p)])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(fc["features"])
    assert all(json.loads(x)["properties"]["source"] == "my-feed" for x in lines)
    assert all(json.loads(x)["properties"]["report_date"] == "2024-11-21" for x in lines)


def test_cli_bad_file_is_one_line_and_the_rest_still_print(tmp_path, capsys):
    good = write(tmp_path, "r-2024-11-20.txt", REPORT)
    bad = write(tmp_path, "x.bin", b"\x00\x01\x02binary")
    with pytest.raises(SystemExit) as ex:
        main(["extract", "--format", "table", str(bad), str(good)])
    assert ex.value.code == 1
    out, err = capsys.readouterr()
    assert "Kupyansk" in out
    assert err.strip().count("\n") == 0 and "binary" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as ex:
        main(["extract", str(tmp_path / "missing.txt")])
    assert ex.value.code == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("frontline: error:") and "no such file" in err
    with pytest.raises(SystemExit) as ex:
        main(["extract", "--report-date", "yesterday", str(good)])
    assert ex.value.code == 2


def test_a_village_far_from_its_neighbours_is_not_silently_guessed(gazetteer):
    # the only 'Promin' in the gazetteer lies hundreds of km from Toretsk: the one meant may be
    # missing, so it is reported but flagged, its uncertainty widened
    events = extract_events("Russian forces attacked near Toretsk and Promin.", "2024-12-01", gazetteer=gazetteer)
    assert [e.place for e in events] == ["Toretsk", "Promin"]
    toretsk, promin = events
    assert toretsk.place_note is None and toretsk.uncertainty_km < 10
    # cities500's only Promin lies in Mykolaiv Oblast; the one near Toretsk is in the settlement
    # layer, placed by its hromada and flagged as such
    assert promin.admin1 == "Donetsk Oblast" and promin.precision == "hromada"
    assert "KATOTTG" in promin.place_note and promin.uncertainty_km >= 15


def test_taking_prisoners_is_not_taking_ground(gazetteer):
    assert extract_events("Russian forces captured two Ukrainian soldiers near Lyman.", "2024-12-01",
                          gazetteer=gazetteer) == []


def test_utf16_with_bom_and_windows_1252_are_read(tmp_path):
    text = "November 20, 2024\n\nUkrainian forces recently advanced near Kupyansk.\n"
    for name, data in [("u16.txt", text.encode("utf-16")), ("cp.txt", (text + "Caf\u00e9 \u2013 note.\n").encode("cp1252"))]:
        events = extract_file(write(tmp_path, name, data))
        assert [(e.side, e.place) for e in events] == [("ukraine", "Kupyansk")]


def test_cli_reads_a_report_from_stdin(monkeypatch, capsys):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("November 20, 2024\n\nRussian forces advanced near Siversk.\n"))
    with pytest.raises(SystemExit) as ex:
        main(["extract", "--format", "jsonl", "-"])
    assert ex.value.code == 0
    (line,) = capsys.readouterr().out.splitlines()
    props = json.loads(line)["properties"]
    assert (props["place"], props["source"], props["report_date"]) == ("Siversk", "<stdin>", "2024-11-20")
