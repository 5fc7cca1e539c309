"""Review state as data, in both stores: accept, correct, retract, merge, undo, versions, reports."""
from __future__ import annotations

import json
import sqlite3

import pytest

from ft_fixtures.store import make_event
from tracker.errors import ConflictError, InputError
from tracker.query import Query
from tracker.store import open_store
from tracker.store.base import Report

pytestmark = pytest.mark.filterwarnings("ignore")


def test_new_events_are_unreviewed_at_version_zero(store):
    e = make_event(0)
    store.add([e])
    got = store.get(e.id)
    assert (got.review_state, got.reviewed_by, got.reviewed_at, got.version) == \
        ("unreviewed", None, None, 0)
    assert [x.id for x in store.query(Query(review_states=("unreviewed",)))] == [e.id]


def test_accept_correct_retract_then_undo_each(store):
    a, b, c = make_event(0), make_event(1), make_event(2)
    store.add([a, b, c], analyst="ingest")
    got = store.accept(a.id, analyst="ana", expected_version=0)
    assert (got.review_state, got.reviewed_by, got.version) == ("accepted", "ana", 1)
    got = store.edit(b.id, {"kind": "deployment", "status": None}, reason="misread",
                     analyst="bob", expected_version=0, review=True)
    assert (got.kind, got.review_state, got.reviewed_by, got.version) == \
        ("deployment", "corrected", "bob", 1)
    got = store.retract(c.id, reason="not an event", analyst="ana", expected_version=0)
    assert got.retracted and got.review_state == "retracted"
    assert {e.id for e in store.query(Query(review_states=("accepted", "corrected")))} == {a.id, b.id}
    assert [e.id for e in store.query(Query(review_states=("retracted",)))] == [c.id]

    # undo the retraction: back in lists, unreviewed again, and the undo is in the history
    back, undone = store.undo(c.id, analyst="ana", expected_version=1)
    assert not back.retracted and back.review_state == "unreviewed" and back.version == 2
    assert undone[-1]["field"] == "retracted"
    assert c.id in {e.id for e in store.query()}
    last = store.history(c.id)[-1]
    assert last["action"] == "undo" and last["reason"].startswith("undo of retract by ana")
    # undo the correction: the kind comes back
    back, _ = store.undo(b.id, analyst="bob")
    assert (back.kind, back.review_state) == (b.kind, "unreviewed")
    # nothing left to undo on c: only how it was added
    with pytest.raises(InputError, match="no change to undo"):
        store.undo(c.id)


def test_undo_walks_back_change_by_change(store):
    e = make_event(3)
    store.add([e])
    store.edit(e.id, {"place": "First"}, reason="one", review=True, analyst="x")
    store.edit(e.id, {"place": "Second"}, reason="two", review=True, analyst="x")
    assert store.undo(e.id)[0].place == "First"
    assert store.undo(e.id)[0].place == e.place
    with pytest.raises(InputError):
        store.undo(e.id)


def test_stale_version_is_a_conflict_and_writes_nothing(store):
    e = make_event(4)
    store.add([e])
    store.edit(e.id, {"kind": "deployment", "status": None}, reason="first", analyst="ana",
               expected_version=0, review=True)
    before = store.history(e.id)
    with pytest.raises(ConflictError, match="changed by ana .* since you loaded it"):
        store.edit(e.id, {"side": "ukraine" if e.side == "russia" else "russia"}, reason="second",
                   analyst="bob", expected_version=0, review=True)
    with pytest.raises(ConflictError):
        store.retract(e.id, reason="x", analyst="bob", expected_version=0)
    with pytest.raises(ConflictError):
        store.accept(e.id, analyst="bob", expected_version=0)
    assert store.history(e.id) == before and store.get(e.id).kind == "deployment"


def test_merge_retracts_one_and_the_other_gains_its_sources(store):
    a = make_event(5, source="r1.txt")
    b = make_event(6, source="r2.txt")
    store.add([a, b])
    dropped, kept = store.merge_into(b.id, a.id, reason="same village", analyst="ana")
    assert dropped.retracted and f"merged into {a.id}" in store.history(b.id)[-1]["reason"]
    assert kept.sources == ("r1.txt", "r2.txt")
    assert store.undo(a.id)[0].sources == ("r1.txt",)


def test_reports_keep_text_and_their_events(store):
    events = [make_event(7, source="paste:1"), make_event(8, source="paste:1")]
    text = "Forces advanced near Place 7. <b>bold</b> ${x}"
    rep = Report(Report.make_id("paste:1", "2024-10-29", text), "paste:1", "2024-10-29", text)
    stored, result = store.add_report(rep, events, analyst="ana")
    assert stored.text == text and stored.added_by == "ana"
    assert stored.event_ids == tuple(e.id for e in events) and len(result.new) == 2
    again, result = store.add_report(rep, events, analyst="bob")  # the same paste: nothing new
    assert again.event_ids == stored.event_ids and not result.new and again.added_by == "ana"
    logged = store.add_derived(make_event(9, source="paste:1"), reason="missed by the extractor",
                               analyst="ana")
    store.link_event(rep.id, logged.id)
    assert store.get_report(rep.id).event_ids[-1] == logged.id
    assert logged.review_state == "corrected" and store.history(logged.id)[-1]["action"] == "note"
    assert [r.id for r in store.reports()] == [rep.id]
    assert set(store.get_many([*stored.event_ids, "nope"])) == set(stored.event_ids)
    with pytest.raises(InputError):
        store.add_report(Report("x", "src", "2024-10-29", "   "), [])


def test_users_hold_hashes(store):
    assert store.users() == [] and store.user_hash("ana") is None
    store.add_user("ana", "pbkdf2:sha256:1$salt$hash")
    assert store.users() == ["ana"] and store.user_hash("ana").startswith("pbkdf2:")
    with pytest.raises(InputError):
        store.add_user("two words", "h")


def test_cli_retract_sets_the_review_state(store):
    e = make_event(10)
    store.add([e])
    store.retract(e.id, reason="dup")
    got = store.get(e.id)
    assert got.review_state == "retracted" and store.history(e.id)[-1]["field"] == "retracted"


def test_old_geopackage_opens_and_gains_review_columns_and_tables(tmp_path):
    path = tmp_path / "old.gpkg"
    with open_store(path) as s:
        s.add([make_event(0), make_event(1)])
        s.retract(make_event(1).id, reason="dup")
    con = sqlite3.connect(path)  # make it look like a store of the previous version
    for col in ("review_state", "reviewed_by", "reviewed_at", "version"):
        con.execute(f'ALTER TABLE events DROP COLUMN "{col}"')
    con.execute("DROP TABLE reports")
    con.execute("DROP TABLE users")
    con.execute("DELETE FROM gpkg_contents WHERE table_name IN ('reports', 'users')")
    con.commit()
    con.close()
    with open_store(path) as s:
        states = {e.id: (e.review_state, e.version)
                  for e in s.query(Query(include_retracted=True))}
        assert states == {make_event(0).id: ("unreviewed", 0), make_event(1).id: ("retracted", 0)}
        assert s.reports() == [] and s.users() == []
    con = sqlite3.connect(path)
    kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert kinds["reports"] == "attributes" and kinds["users"] == "attributes"
    con.close()


@pytest.mark.postgis
def test_old_postgis_store_gains_review_columns(pg_server):
    import psycopg

    from ft_fixtures.store import fresh_schema_url

    url = fresh_schema_url(pg_server)
    with open_store(url) as s:
        s.add([make_event(0), make_event(1)])
        s.retract(make_event(1).id, reason="dup")
    with psycopg.connect(url, autocommit=True) as con:
        for col in ("review_state", "reviewed_by", "reviewed_at", "version"):
            con.execute(f'ALTER TABLE events DROP COLUMN "{col}"')
        con.execute("DROP TABLE reports")
        con.execute("DROP TABLE users")
    with open_store(url) as s:
        states = {e.id: e.review_state for e in s.query(Query(include_retracted=True))}
        assert states == {make_event(0).id: "unreviewed", make_event(1).id: "retracted"}
        assert s.reports() == [] and s.users() == []
        assert s.accept(make_event(0).id, expected_version=0).version == 1


def test_exports_carry_review_fields(store):
    from tracker.export import export_events
    import io

    e = make_event(11)
    store.add([e])
    store.accept(e.id, analyst="ana")
    buf = io.StringIO()
    export_events(store.query(), buf, fmt="geojson")
    props = json.loads(buf.getvalue())["features"][0]["properties"]
    assert (props["review_state"], props["reviewed_by"], props["version"]) == ("accepted", "ana", 1)


def test_changes_in_one_millisecond_stay_separate_changes(store, monkeypatch):
    """Undo takes back one change: two edits stamped in the same millisecond must not merge."""
    import tracker.store.base as base

    e = make_event(12)
    store.add([e])
    monkeypatch.setattr(base, "utc_now", lambda: "2026-01-01T00:00:00.000Z")
    store.edit(e.id, {"place": "First"}, reason="one", analyst="x")
    store.edit(e.id, {"place": "Second"}, reason="two", analyst="x")
    ats = [h["at"] for h in store.history(e.id) if h["action"] == "edit"]
    assert len(set(ats)) == 2
    assert store.undo(e.id)[0].place == "First"
    assert store.undo(e.id)[0].place == e.place
