"""One store test suite, run against both backends: a GeoPackage file and a real PostGIS server."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from ft_fixtures.store import make_event

from tracker.errors import EventNotFound, FrontlineError, InputError
from tracker.event import FIELD_NAMES, Event
from tracker.query import Query
from tracker.store import AddResult, Store, open_store


def test_add_then_get_round_trips_every_field(store):
    e = make_event(3, quote="Росія «advanced» near Pokrovsk — ok", quote_start=12, quote_end=80,
                   place_id="geonames:1", place_name="Pokrovsk", admin1="Donetsk Oblast",
                   country="UA", claimant=None, place_note="two places share the name",
                   date_precision="recent")
    result = store.add([e], analyst="ana")
    assert isinstance(result, AddResult)
    assert result.new == [e.id] and result.known == [] and result.merged == []
    got = store.get(e.id)
    assert got == e
    for name in FIELD_NAMES:
        assert getattr(got, name) == getattr(e, name), name
    assert store.count() == 1


def test_same_event_twice_is_stored_once(store):
    e = make_event(1)
    store.add([e])
    again = store.add([e])
    assert again.new == [] and again.known == [e.id] and again.merged == []
    assert store.count() == 1
    assert [h["action"] for h in store.history(e.id)] == ["add"]


def test_same_fact_from_another_report_lists_both_sources(store):
    a = make_event(2, source="report-a.txt")
    b = make_event(2, source="https://example.org/report-b", quote="other wording")
    assert a.id == b.id
    store.add([a], analyst="ana")
    result = store.add([b], analyst="bob")
    assert result.known == [a.id] and result.merged == [a.id]
    stored = store.get(a.id)
    assert stored.sources == ("report-a.txt", "https://example.org/report-b")
    assert stored.source == "report-a.txt"  # the first report stays the event's own source
    merge = store.history(a.id)[-1]
    assert merge["action"] == "merge" and merge["analyst"] == "bob"
    assert "report-b" in merge["new"] and "report-b" not in merge["old"]
    assert store.count() == 1


def test_duplicates_within_one_batch_merge(store):
    a, b = make_event(4, source="x.txt"), make_event(4, source="y.txt")
    result = store.add([a, b, make_event(5)])
    assert sorted(result.new) == sorted({a.id, make_event(5).id})
    assert store.get(a.id).sources == ("x.txt", "y.txt")
    assert store.count() == 2


def test_a_bad_event_stores_nothing_of_its_batch(store):
    store.add([make_event(0)])
    good = [make_event(i) for i in range(1, 20)]
    bad = make_event(99, lat=123.0)
    with pytest.raises(InputError, match="out of range"):
        store.add(good + [bad])
    with pytest.raises(InputError, match="not a date"):
        store.add(good + [make_event(98, event_date="2024-13-45")])
    assert store.count() == 1


def test_counts_per_kind_and_side(store):
    events = [make_event(i) for i in range(12)]
    result = store.add(events)
    counts = result.counts()
    for kind in ("advance", "attack", "deployment"):
        for side in ("russia", "ukraine"):
            assert counts[(kind, side)] == sum(1 for e in events if (e.kind, e.side) == (kind, side))
    assert "12 new, 0 already known" in result.summary()


def test_unknown_id_raises_event_not_found(store):
    store.add([make_event(0)])
    for call in (lambda: store.get("nope"), lambda: store.history("nope"),
                 lambda: store.edit("nope", {"kind": "attack"}, reason="r"),
                 lambda: store.retract("nope", reason="r")):
        with pytest.raises(EventNotFound) as info:
            call()
        assert isinstance(info.value, FrontlineError) and "nope" in str(info.value)


def _random_events(n: int, seed: int) -> list[Event]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = rng.choice(["advance", "attack", "deployment"])
        out.append(Event(
            side=rng.choice(["russia", "ukraine", "north_korea"]), kind=kind,
            status=rng.choice(["confirmed", "assessed", "claimed"]) if kind == "advance" else None,
            place=f"P{i}", relation="near", lat=round(rng.uniform(46.0, 52.0), 5),
            lon=round(rng.uniform(32.0, 40.0), 5),
            event_date=(dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))).isoformat(),
            report_date="2025-01-02", source=f"r{i % 7}", retracted=rng.random() < 0.1))
    return out


def _random_query(rng: random.Random) -> Query:
    kw: dict = {}
    if rng.random() < 0.5:
        a, b = sorted(dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366)) for _ in range(2))
        kw["since"], kw["until"] = a.isoformat(), b.isoformat()
    if rng.random() < 0.3:
        kw["sides"] = tuple(rng.sample(["russia", "ukraine", "north_korea"], rng.randint(1, 2)))
    if rng.random() < 0.3:
        kw["kinds"] = tuple(rng.sample(["advance", "attack", "deployment"], rng.randint(1, 2)))
    if rng.random() < 0.2:
        kw["statuses"] = (rng.choice(["confirmed", "assessed", "claimed"]),)
    if rng.random() < 0.5:
        x0, y0 = rng.uniform(32, 39), rng.uniform(46, 51)
        kw["bbox"] = (x0, y0, x0 + rng.uniform(0.2, 3), y0 + rng.uniform(0.2, 3))
    if rng.random() < 0.3:
        kw["near"], kw["within_km"] = (rng.uniform(46, 52), rng.uniform(32, 40)), rng.uniform(10, 150)
    kw["include_retracted"] = rng.random() < 0.3
    return Query(**kw)


def test_query_agrees_with_the_in_memory_filter(store):
    events = _random_events(400, seed=7)
    store.add(events)
    rng = random.Random(11)
    for _ in range(40):
        q = _random_query(rng)
        expected = sorted(e.id for e in events if q.matches(e))
        got = store.query(q)
        assert sorted(e.id for e in got) == expected, q
        assert store.count(q) == len(expected), q
        dates = [e.event_date for e in got]
        assert dates == sorted(dates)


def test_bbox_keeps_points_on_its_edge(store):
    e = make_event(0, lat=48.5, lon=37.25)
    store.add([e])
    assert [x.id for x in store.query(Query(bbox=(37.25, 48.5, 38.0, 49.0)))] == [e.id]
    assert [x.id for x in store.query(Query(bbox=(36.0, 48.0, 37.25, 48.5)))] == [e.id]
    assert store.query(Query(bbox=(37.2500001, 48.0, 38.0, 49.0))) == []


def test_edit_keeps_the_id_and_records_old_and_new(store, monkeypatch):
    e = make_event(0)
    store.add([e])
    monkeypatch.setenv("FRONTLINE_ANALYST", "env-analyst")
    after = store.edit(e.id, {"kind": "attack", "status": None, "lat": 48.1, "lon": 37.5},
                       reason="misread the sentence")
    assert after.id == e.id and after.kind == "attack" and after.status is None
    assert store.get(e.id) == after
    assert [x.id for x in store.query(Query(bbox=(37.4, 48.0, 37.6, 48.2)))] == [e.id]
    rows = [h for h in store.history(e.id) if h["action"] == "edit"]
    assert {(h["field"], h["old"], h["new"]) for h in rows} == {
        ("kind", "advance", "attack"), ("status", "assessed", None),
        ("lat", str(e.lat), "48.1"), ("lon", str(e.lon), "37.5")}
    for h in rows:
        assert h["analyst"] == "env-analyst" and h["reason"] == "misread the sentence"
        when = dt.datetime.fromisoformat(h["at"].replace("Z", "+00:00"))
        assert when.utcoffset() == dt.timedelta(0)
        assert abs((dt.datetime.now(dt.timezone.utc) - when).total_seconds()) < 300


@pytest.mark.parametrize("changes, message", [
    ({"kind": "bombing"}, "kind must be"),
    ({"event_date": "yesterday"}, "not a date"),
    ({"lat": 95}, "out of range"),
    ({"id": "abc"}, "cannot be edited"),
    ({"colour": "red"}, "unknown field"),
    ({"place": ""}, "cannot be empty"),
])
def test_bad_edits_change_nothing(store, changes, message):
    e = make_event(0)
    store.add([e])
    with pytest.raises(InputError, match=message):
        store.edit(e.id, changes, reason="why not")
    assert store.get(e.id) == e
    assert len(store.history(e.id)) == 1


def test_edit_and_retract_need_a_reason(store):
    e = make_event(0)
    store.add([e])
    with pytest.raises(InputError, match="reason"):
        store.edit(e.id, {"kind": "attack"}, reason=" ")
    with pytest.raises(InputError, match="reason"):
        store.retract(e.id, reason="")
    assert store.get(e.id) == e


def test_retract_hides_but_keeps(store):
    keep, drop = make_event(0), make_event(1)
    store.add([keep, drop])
    out = store.retract(drop.id, reason="duplicate of another report", analyst="lead")
    assert out.retracted
    assert [e.id for e in store.query()] == [keep.id]
    assert store.count() == 1 and store.count(Query(include_retracted=True)) == 2
    assert store.get(drop.id).retracted
    last = store.history(drop.id)[-1]
    assert (last["action"], last["field"], last["old"], last["new"], last["analyst"], last["reason"]) == \
        ("retract", "retracted", "false", "true", "lead", "duplicate of another report")
    with pytest.raises(InputError, match="already retracted"):
        store.retract(drop.id, reason="again")
    # a retracted fact reported again stays retracted: the analyst's call stands
    store.add([drop.replace(source="later.txt", sources=())])
    assert store.get(drop.id).retracted and store.count() == 1


def test_reopening_keeps_everything(store_location):
    events = [make_event(i) for i in range(30)]
    with Store.open(store_location) as s:
        s.add(events, analyst="ana")
        s.edit(events[0].id, {"place": "Renamed"}, reason="typo")
    with open_store(store_location) as s:
        assert s.count() == 30
        assert s.get(events[0].id).place == "Renamed"
        assert [h["action"] for h in s.history(events[0].id)] == ["add", "edit"]
        assert s.add(events).known == [e.id for e in events]


def test_analyst_defaults_to_env_then_login(store, monkeypatch):
    import getpass

    monkeypatch.delenv("FRONTLINE_ANALYST", raising=False)
    store.add([make_event(0)])
    assert store.history(make_event(0).id)[0]["analyst"] == getpass.getuser()
    monkeypatch.setenv("FRONTLINE_ANALYST", "night-shift")
    store.add([make_event(1)])
    assert store.history(make_event(1).id)[0]["analyst"] == "night-shift"
    store.add([make_event(2)], analyst="explicit")
    assert store.history(make_event(2).id)[0]["analyst"] == "explicit"


def test_empty_store_and_empty_batch(store):
    assert store.query() == [] and store.count() == 0
    assert store.add([]).total == 0


_CONCURRENT = """
import sys
sys.path.insert(0, {repo!r}); sys.path.insert(0, {tests!r})
from ft_fixtures.store import make_event
from tracker.store import open_store
location, source = sys.argv[1], sys.argv[2]
with open_store(location) as s:
    for i in range(40):
        s.add([make_event(i, source=source)], analyst=source)
"""


def test_two_processes_storing_the_same_facts_merge_them(store_location):
    """Two analysts ingesting overlapping reports at once: one event per fact, both sources."""
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    open_store(store_location).close()  # the schema exists; both writers race on rows only
    script = _CONCURRENT.format(repo=str(repo), tests=str(repo / "tests"))
    procs = [subprocess.Popen([sys.executable, "-c", script, store_location, src],
                              stderr=subprocess.PIPE, text=True) for src in ("r1.txt", "r2.txt")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with open_store(store_location) as s:
        events = s.query(Query(include_retracted=True))
        assert len(events) == 40
        assert all(sorted(e.sources) == ["r1.txt", "r2.txt"] for e in events)
        actions = [h["action"] for h in s.history(events[0].id)]
        assert sorted(actions) == ["add", "merge"]


def test_text_and_numbers_round_trip_exactly(store_location):
    """Any text a report may hold (quotes, accents, Cyrillic, emoji, newlines) comes back as stored."""
    from hypothesis import HealthCheck, example, given, settings
    from hypothesis import strategies as st

    import itertools

    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                   min_size=1, max_size=60)
    serial = itertools.count()  # a new fact each time: the same id would merge instead
    with open_store(store_location) as s:
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        @given(place=text, quote=text, actor=text, source=text,
               lat=st.floats(-90, 90), lon=st.floats(-180, 180),
               unc=st.floats(0, 500), start=st.integers(0, 2**31 - 1))
        # offsets past 32 bits: PostGIS once stored them in a 4-byte integer column
        @example(place="x", quote="q", actor="a", source="s", lat=0.0, lon=0.0, unc=0.0, start=2**31 - 1)
        def check(place, quote, actor, source, lat, lon, unc, start):
            e = make_event(0, place=f"{place} #{next(serial)}", quote=quote, actor=actor, source=source, lat=lat,
                           lon=lon, uncertainty_km=unc, quote_start=start, quote_end=start + 1)
            s.add([e])
            assert s.get(e.id) == e

        check()


def test_text_with_nul_is_refused_on_both_backends(store):
    with pytest.raises(InputError, match="NUL"):
        store.add([make_event(0, quote="bad\x00byte")])
    assert store.count() == 0
