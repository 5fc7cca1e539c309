"""Places beyond cities500: GeoNames dump import, the analyst's own places, the opt-in online fallback."""
from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
import zipfile

import pytest

from tracker.cli import main


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def dump_line(gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, a1, pop):
    cols = [str(gid), name, ascii_, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", a1, "", "", "",
            str(pop), "", "150", "Europe/Kyiv", "2024-01-01"]
    return "\t".join(cols) + "\n"


# Invented villages (names unlike any real place) in the GeoNames dump format
ROWS = [
    dump_line(99000001, "Zorianivka-Testova", "Zorianivka-Testova", ["Zoryanovka-Testovaya", "Зорянівка-Тестова"],
              48.31, 37.61, "P", "PPL", "UA", "05", 120),
    dump_line(99000002, "Kvitkove Pole", "Kvitkove Pole", ["Tsvetochnoye Pole"], 47.52, 35.91, "P", "PPL", "UA", "26", 0),
    dump_line(99000003, "Hlybokyi Yar Stream", "Hlybokyi Yar Stream", [], 48.0, 37.0, "H", "STM", "UA", "05", 0),
    dump_line(99000004, "Polihon Testovyi", "Polihon Testovyi", [], 50.1, 36.1, "L", "RNGA", "UA", "07", 0),
]


def test_import_txt(gazetteer, tmp_path, capsys):
    src = tmp_path / "XA.txt"
    src.write_text("".join(ROWS), encoding="utf-8")
    code, out, err = run(capsys, "gazetteer", "import", str(src))
    assert code == 0, err
    assert "imported 3 places" in out  # the stream is not a place a report would name
    from gazetteer import Gazetteer
    gz = Gazetteer.default()
    m = gz.lookup("Zoryanovka-Testovaya")[0]
    assert (m.place.id, m.place.admin1, m.place.lat, m.place.lon) == \
        ("geonames:99000001", "Donetsk Oblast", 48.31, 37.61)
    assert gz.lookup("Hlybokyi Yar Stream", fuzzy=False) == []
    assert gz.lookup("Polihon Testovyi")[0].place.kind == "training_ground"


def test_import_zip(gazetteer, tmp_path, capsys):
    src = tmp_path / "XB.zip"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("readme.txt", "not data\n")
        zf.writestr("XB.txt", ROWS[1])
    code, out, err = run(capsys, "gazetteer", "import", str(src))
    assert code == 0, err
    from gazetteer import Gazetteer
    m = Gazetteer.default().lookup("Tsvetochnoye Pole", region="Zaporizhzhia Oblast")[0]
    assert m.place.id == "geonames:99000002" and m.place.population is None


@pytest.mark.parametrize("content, needle", [
    ("just some text\n", "columns"),
    (dump_line(1, "A", "A", [], "north", 1, "P", "PPL", "UA", "05", 1), "not numbers"),
    (b"\xff\xfe\x00\x01binary", "UTF-8"),
])
def test_import_rejects_other_files(gazetteer, tmp_path, capsys, content, needle):
    src = tmp_path / "bad.txt"
    (src.write_bytes if isinstance(content, bytes) else src.write_text)(content)
    code, out, err = run(capsys, "gazetteer", "import", str(src))
    assert code == 1 and needle in err and err.count("\n") == 1


def test_add_survives_rebuild(gazetteer, capsys):
    code, out, err = run(capsys, "gazetteer", "add", "Observation Hill 204", "--lat", "48.41", "--lon", "37.9",
                         "--alias", "Hill 204", "--note", "analyst estimate from imagery")
    assert code == 0, err
    assert "user:observation-hill-204" in out and "Donetsk Oblast" in out
    from gazetteer import Gazetteer
    assert Gazetteer.default().lookup("Hill 204")[0].place.id == "user:observation-hill-204"
    rebuilt = Gazetteer.rebuild()
    p = rebuilt.lookup("Observation Hill 204")[0].place
    assert (p.id, p.lat, p.lon, p.admin1) == ("user:observation-hill-204", 48.41, 37.9, "Donetsk Oblast")
    assert rebuilt.lookup("Zoryanovka-Testovaya")  # imports survive too (test_import_txt ran first)
    # the same name again gets its own id rather than overwriting
    code, out, _ = run(capsys, "gazetteer", "add", "Observation Hill 204", "--lat", "48.5", "--lon", "37.95")
    assert code == 0 and "user:observation-hill-204-2" in out


class FakeNominatim(http.server.BaseHTTPRequestHandler):
    hits: list = []
    fail = False

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        type(self).hits.append((url.path, q, self.headers.get("User-Agent")))
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            return
        body = []
        if q.get("q", [""])[0].startswith("Khutir Vyhadanyi"):
            body = [{"place_id": 1, "osm_type": "node", "osm_id": 424242, "lat": "48.1234", "lon": "37.5678",
                     "class": "place", "type": "hamlet", "addresstype": "hamlet", "name": "Khutir Vyhadanyi",
                     "display_name": "Khutir Vyhadanyi, Donetsk Oblast, Ukraine",
                     "address": {"hamlet": "Khutir Vyhadanyi", "state": "Donetsk Oblast", "country_code": "ua"}}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim(monkeypatch, tmp_path):
    FakeNominatim.hits = []
    FakeNominatim.fail = False
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("FRONTLINE_NOMINATIM_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("FRONTLINE_ONLINE_DELAY", "0")
    monkeypatch.delenv("FRONTLINE_ONLINE", raising=False)
    yield FakeNominatim
    server.shutdown()
    server.server_close()


def test_online_is_off_by_default(gazetteer, nominatim):
    assert gazetteer.lookup("Khutir Vyhadanyi") == []
    assert nominatim.hits == []


def test_online_fallback_is_cached(gazetteer, nominatim, capsys):
    from gazetteer import Gazetteer
    m = Gazetteer().lookup("Khutir Vyhadanyi", online=True)[0]
    assert (m.place.id, m.place.country, m.place.admin1) == ("osm:node/424242", "UA", "Donetsk Oblast")
    assert (m.place.lat, m.place.lon) == (48.1234, 37.5678)
    assert "online" in m.reason
    path, query, agent = nominatim.hits[0]
    assert path == "/search" and query["format"] == ["json"] and agent.startswith("frontline-tracker")
    assert "ua" in query["countrycodes"][0]
    # a second process-like gazetteer, through the CLI flag: answered from the cache, not the server
    code, out, err = run(capsys, "gazetteer", "lookup", "Khutir Vyhadanyi", "--online", "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["id"] == "osm:node/424242"
    assert len(nominatim.hits) == 1
    # empty answers are cached as well
    assert Gazetteer().lookup("Nowhere Vyhadane", online=True) == []
    assert Gazetteer().lookup("Nowhere Vyhadane", online=True) == []
    assert len(nominatim.hits) == 2


def test_online_env_switch_and_failure(gazetteer, nominatim, monkeypatch, capsys):
    monkeypatch.setenv("FRONTLINE_ONLINE", "1")
    nominatim.fail = True
    code, out, err = run(capsys, "gazetteer", "lookup", "Selo Nevidome")
    assert code == 1 and err.count("\n") == 1 and "online lookup" in err
    assert len(nominatim.hits) >= 1


def test_hand_edited_places_file_with_a_bad_row(gazetteer, capsys):
    from gazetteer import Gazetteer, user

    code, _, err = run(capsys, "gazetteer", "add", "Cheremkha Post", "--lat", "48.2", "--lon", "37.4")
    assert code == 0, err
    with user.places_file().open("a", encoding="utf-8") as fh:
        fh.write("broken,Broken Row,settlement,not-a-number,37.0,,,,,\n")
    gz = Gazetteer.default()  # notices the edited file and reloads the user layer
    assert gz.lookup("Cheremkha Post")[0].place.id == "user:cheremkha-post"
    assert gz.lookup("Broken Row", fuzzy=False) == []


def test_russian_spelling_of_a_village_found_only_in_context(gazetteer, tmp_path, capsys):
    # an invented village with only its Ukrainian name, as GeoNames has for a fifth of front-line places
    src = tmp_path / "XC.txt"
    src.write_text(dump_line(99000010, "Hlybokoiarivka", "Hlybokoiarivka", [], 48.33, 37.52,
                             "P", "PPL", "UA", "05", 40), encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "import", str(src))
    assert code == 0, err
    from gazetteer import Gazetteer
    gz = Gazetteer.default()
    assert gz.lookup("Glubokoyarovka") == []  # alone, the Russian spelling matches nothing
    m = gz.lookup("Glubokoyarovka", near=[(48.28, 37.18), (48.39, 37.85)])[0]  # named with Pokrovsk, Toretsk
    assert m.place.id == "geonames:99000010" and "Russian/Ukrainian spelling" in m.reason and m.score < 100
    assert gz.lookup("Glubokoyarovka", region="Donetsk Oblast")[0].place.id == "geonames:99000010"
    assert gz.lookup("Glubokoyarovka", near=(50.0, 30.0)) == []  # not near Kyiv


def test_an_imported_dump_gives_a_layer_village_its_exact_point(gazetteer, tmp_path, capsys):
    # Tonenke (Donetsk Oblast) is below cities500: the settlement layer places it by its hromada
    # until a GeoNames dump with its point is imported; then the dump's point wins
    from gazetteer import Gazetteer
    from tracker import extract_events
    before = Gazetteer.default().lookup("Tonenke")[0].place
    assert before.precision == "hromada"
    src = tmp_path / "XC.txt"
    src.write_text(dump_line(99000009, "Tonenke", "Tonenke", ["Тоненьке"], 48.099, 37.596, "P", "PPL",
                             "UA", "05", 0), encoding="utf-8")
    code, out, err = run(capsys, "gazetteer", "import", str(src))
    assert code == 0, err
    after = Gazetteer.default().lookup("Tonenke")[0].place
    assert (after.id, after.precision, after.lat, after.lon) == ("geonames:99000009", "point", 48.099, 37.596)
    (e,) = extract_events("Russian forces attacked near Tonenke.", "2024-11-20")
    assert e.place_id == "geonames:99000009" and e.place_note is None and e.precision == "near"
