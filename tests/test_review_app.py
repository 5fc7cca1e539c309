"""frontline serve through Flask's test client: ingest, review calls, CSRF, conflicts, login,
upload limits, escaping, and the CLI around it (serve's host rule, users, export-labels)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from ft_fixtures.maps import PAYLOADS
from tracker.query import Query
from tracker.store import open_store

REPO = Path(__file__).resolve().parent.parent
SEED = (REPO / "tracker" / "data" / "demo_report.txt").read_text(encoding="utf-8")


def make_app(location, **kw):
    from tracker.review.app import create_app

    kw.setdefault("background", False)
    return create_app(str(location), testing=True, analyst=kw.pop("analyst", "ana"), **kw)


def token(client, path="/") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def ingest(client, text=SEED, source="seed-report", report_date="", tok=None, **files):
    data = {"text": text, "source": source, "report_date": report_date,
            "csrf_token": tok or token(client)}
    data.update(files)
    return client.post("/reports", data=data, content_type="multipart/form-data")


def post(client, url, tok, **payload):
    return client.post(url, json=payload, headers={"X-CSRFToken": tok})


@pytest.fixture
def location(tmp_path, gazetteer):
    return tmp_path / "review.gpkg"


@pytest.fixture
def app(location):
    a = make_app(location)
    yield a
    a.extensions["frontline"]["store"].close()


@pytest.fixture
def seeded(app):
    """(client, token, report id, events in page order) after ingesting the seed report."""
    c = app.test_client()
    tok = token(c)
    r = ingest(c, tok=tok)
    assert r.status_code == 302, r.get_data(as_text=True)
    job = c.get(r.headers["Location"].replace("/jobs/", "/api/jobs/")).get_json()
    assert job["stage"] == "done", job
    rep = c.get(f"/api/reports/{job['report_id']}").get_json()
    return c, tok, job["report_id"], rep["events"]


def test_ingest_lands_unreviewed_events_with_the_report_text(seeded, location):
    c, tok, rid, events = seeded
    assert len(events) >= 10 and {e["review_state"] for e in events} == {"unreviewed"}
    with open_store(location) as s:
        rep = s.get_report(rid)
        assert rep.text == SEED and rep.report_date == "2025-03-14" and rep.source == "seed-report"
        for e in events:  # quote offsets index the stored text
            assert rep.text[e["quote_start"]:e["quote_end"]] == e["quote"]
        assert s.count(Query(review_states=("unreviewed",))) == len(events)
    page = c.get(f"/reports/{rid}")
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    # the same paste again adds nothing
    r = ingest(c, tok=tok)
    job = c.get(r.headers["Location"].replace("/jobs/", "/api/jobs/")).get_json()
    assert job["report_id"] == rid and "0 new" in job["summary"]


def test_review_calls_accept_correct_retract_undo_and_history(seeded, location):
    c, tok, rid, events = seeded
    a, b, d = events[0], events[1], events[2]
    r = post(c, f"/api/events/{a['id']}/accept", tok, version=a["version"])
    assert r.status_code == 200 and r.get_json()["events"][0]["review_state"] == "accepted"
    # correct the place through the gazetteer search: homonyms listed with oblast and distance
    found = c.get("/api/places", query_string={"q": "Novoselivka", "lat": b["lat"], "lon": b["lon"]}).get_json()
    assert len(found["places"]) >= 3
    assert len({p["admin1"] for p in found["places"]}) >= 2
    assert all(p["distance_km"] is not None for p in found["places"])
    pick = found["places"][0]
    r = post(c, f"/api/events/{b['id']}/correct", tok, version=b["version"], place_id=pick["id"],
             reason="wrong homonym")
    got = r.get_json()["events"][0]
    assert (got["place_id"], got["review_state"], got["reviewed_by"]) == (pick["id"], "corrected", "ana")
    # correct by a point clicked on the map
    r = post(c, f"/api/events/{d['id']}/correct", tok, version=d["version"], lat=48.1234,
             lon=37.5, uncertainty_km=2, reason="placed from footage")
    got = r.get_json()["events"][0]
    assert (got["lat"], got["lon"], got["precision"], got["uncertainty_km"]) == (48.1234, 37.5, "point", 2.0)
    near = c.get("/api/places/nearest", query_string={"lat": 48.28, "lon": 37.18}).get_json()
    assert near["place"]["admin1"] == "Donetsk Oblast"
    # retract, then undo the retraction
    e = events[3]
    r = post(c, f"/api/events/{e['id']}/retract", tok, version=e["version"], reason="")
    assert r.status_code == 400 and "reason" in r.get_json()["error"]
    r = post(c, f"/api/events/{e['id']}/retract", tok, version=e["version"], reason="a forecast")
    assert r.get_json()["events"][0]["retracted"] is True
    r = post(c, f"/api/events/{e['id']}/undo", tok, version=e["version"] + 1)
    back = r.get_json()["events"][0]
    assert back["retracted"] is False and back["review_state"] == "unreviewed"
    h = c.get(f"/api/events/{e['id']}/history").get_json()["history"]
    assert [x["action"] for x in h][-2:] == ["retract", "undo"] or h[-1]["action"] == "undo"
    assert {x["analyst"] for x in h if x["action"] != "add"} == {"ana"}
    assert any(x["reason"] == "a forecast" for x in h)


def test_split_merge_and_a_missed_event_from_selected_words(seeded, location):
    c, tok, rid, events = seeded
    e = events[0]
    found = c.get("/api/places", query_string={"q": "Siversk"}).get_json()["places"]
    r = post(c, f"/api/events/{e['id']}/split", tok, version=e["version"], place_id=found[0]["id"],
             report_id=rid, reason="two places in one phrase")
    made = r.get_json()["events"][0]
    assert made["id"] != e["id"] and made["quote"] == e["quote"] and made["review_state"] == "corrected"
    other = events[1]
    r = post(c, f"/api/events/{other['id']}/merge", tok, version=other["version"], into=made["id"],
             into_version=made["version"], reason="same fact")
    dropped, kept = r.get_json()["events"]
    assert dropped["retracted"] and set(other["sources"]) <= set(kept["sources"])
    # a missed event: the words "Kostiantynivka" in the report
    start = SEED.index("Kostiantynivka")
    place = c.get("/api/places", query_string={"q": "Kostiantynivka"}).get_json()["places"][0]
    r = post(c, f"/api/reports/{rid}/events", tok, start=start, end=start + len("Kostiantynivka"),
             side="russia", kind="attack", relation="toward", place_id=place["id"])
    assert r.status_code == 200, r.get_json()
    logged = r.get_json()["events"][0]
    assert logged["quote"].startswith("Russian forces will likely attempt")
    assert SEED[logged["quote_start"]:logged["quote_end"]] == logged["quote"]
    assert logged["place"] == "Kostiantynivka" and logged["review_state"] == "corrected"
    ids = c.get(f"/api/reports/{rid}").get_json()["report"]["event_ids"]
    assert made["id"] in ids and logged["id"] in ids
    r = post(c, f"/api/reports/{rid}/events", tok, start=5, end=2, side="russia", kind="attack")
    assert r.status_code == 400 and "selection" in r.get_json()["error"]


def test_two_analysts_on_one_event_get_a_conflict_not_an_overwrite(seeded, location):
    c, tok, rid, events = seeded
    e = events[0]
    c2 = c.application.test_client()
    tok2 = token(c2)
    r1 = post(c, f"/api/events/{e['id']}/correct", tok, version=e["version"], kind="attack",
              reason="first analyst")
    assert r1.status_code == 200
    r2 = post(c2, f"/api/events/{e['id']}/correct", tok2, version=e["version"], side="russia",
              reason="second analyst")
    assert r2.status_code == 409
    body = r2.get_json()
    assert body["conflict"] and "was changed by ana" in body["error"] and "nothing was written" in body["error"]
    r3 = post(c2, f"/api/events/{e['id']}/accept", tok2, version=e["version"])
    assert r3.status_code == 409
    # the second analyst reloads and makes the change again: both edits are kept
    fresh = c2.get(f"/api/events/{e['id']}/history").get_json()["event"]
    r4 = post(c2, f"/api/events/{e['id']}/correct", tok2, version=fresh["version"], side="russia",
              reason="second analyst")
    assert r4.status_code == 200
    with open_store(location) as s:
        got = s.get(e["id"])
        assert (got.kind, got.side) == ("attack", "russia")
        reasons = [h["reason"] for h in s.history(e["id"]) if h["action"] == "edit"]
        assert "first analyst" in reasons and "second analyst" in reasons


def test_changes_without_the_csrf_token_are_refused(seeded, location):
    c, tok, rid, events = seeded
    e = events[0]
    for headers in ({}, {"X-CSRFToken": "forged"}):
        r = c.post(f"/api/events/{e['id']}/accept", json={"version": e["version"]}, headers=headers)
        assert r.status_code == 400 and "CSRF" in r.get_json()["error"]
    r = c.post("/reports", data={"text": "Russian forces advanced near Siversk.", "source": "x",
                                 "report_date": "2024-10-24"})
    assert r.status_code == 400 and b"CSRF" in r.data
    # a token from another session does not work either
    other = c.application.test_client()
    r = other.post(f"/api/events/{e['id']}/accept", json={"version": e["version"]},
                   headers={"X-CSRFToken": tok})
    assert r.status_code == 400
    with open_store(location) as s:
        assert s.get(e["id"]).review_state == "unreviewed" and len(s.reports()) == 1


def test_upload_limits_and_bad_uploads_store_nothing(location, gazetteer):
    import io

    app = make_app(location, max_upload=64 * 1024)
    c = app.test_client()
    tok = token(c)
    big = io.BytesIO(b"Russian forces advanced near Siversk. " * 4000)
    r = ingest(c, text="", tok=tok, file=(big, "big.txt"))
    assert r.status_code == 413 and "larger than" in r.get_data(as_text=True)
    r = ingest(c, text="", tok=tok, file=(io.BytesIO(b"\x00\x01\x02PK" * 100), "report.txt"))
    assert r.status_code == 400 and "binary" in r.get_data(as_text=True)
    r = ingest(c, text="", tok=tok)
    assert r.status_code == 400 and "nothing to ingest" in r.get_data(as_text=True)
    r = ingest(c, text="Russian forces advanced near Siversk.", tok=tok)  # no date anywhere
    assert r.status_code == 400 and "no report date" in r.get_data(as_text=True)
    r = ingest(c, text="Russian forces advanced near Siversk.", report_date="2024-02-30", tok=tok)
    assert r.status_code == 400 and "nothing was stored" in r.get_data(as_text=True)
    html = b"<html><body><p>October 24, 2024</p><p>Russian forces recently advanced near Siversk.</p></body></html>"
    r = ingest(c, text="", source="saved.html", tok=tok, file=(io.BytesIO(html), "saved.html"))
    assert r.status_code == 302
    with open_store(location) as s:
        reps = s.reports()
        assert len(reps) == 1 and "<p>" not in s.get_report(reps[0].id).text
        assert s.count(Query(include_retracted=True)) >= 1
    app.extensions["frontline"]["store"].close()


def test_report_text_and_source_are_data_never_markup(location, gazetteer):
    app = make_app(location)
    c = app.test_client()
    tok = token(c)
    text = "October 24, 2024\n\nRussian forces recently advanced near Siversk. " + " ".join(PAYLOADS)
    r = ingest(c, text=text, source=PAYLOADS[0] + PAYLOADS[1], tok=tok)
    job = c.get(r.headers["Location"].replace("/jobs/", "/api/jobs/")).get_json()
    for path in ("/", f"/reports/{job['report_id']}"):
        page = c.get(path).get_data(as_text=True)
        assert "<img src=x" not in page and "<script>window.__pwned" not in page
        assert "</script><script>" not in page
    mp = c.get(f"/reports/{job['report_id']}/map")
    assert "sha256-" in mp.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in mp.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    app.extensions["frontline"]["store"].close()


def test_login_required_off_loopback(location, gazetteer):
    from werkzeug.security import generate_password_hash

    from tracker.cli.serve_cmd import serve_config

    with open_store(location) as s:
        assert serve_config("127.0.0.1", s.users(), False) is False
        with pytest.raises(click.UsageError, match="users add"):
            serve_config("0.0.0.0", s.users(), False)
        s.add_user("bob", generate_password_hash("correct horse"))
        assert serve_config("0.0.0.0", s.users(), False) is True
        assert serve_config("::1", s.users(), False) is False
        assert serve_config("192.168.1.5", s.users(), False) is True
    app = make_app(location, require_login=True)
    c = app.test_client()
    r = c.get("/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert c.get("/api/places?q=Siversk").status_code == 401
    tok = token(c, "/login")
    r = c.post("/login", data={"name": "bob", "password": "wrong", "csrf_token": tok})
    assert r.status_code == 401 and b"wrong name or password" in r.data
    r = c.post("/login", data={"name": "bob", "password": "correct horse", "csrf_token": tok,
                               "next": "https://evil.example/"})
    assert r.status_code == 302 and r.headers["Location"] == "/"
    tok = token(c)
    r = ingest(c, text=SEED, tok=tok)
    job = c.get(r.headers["Location"].replace("/jobs/", "/api/jobs/")).get_json()
    ev = c.get(f"/api/reports/{job['report_id']}").get_json()["events"][0]
    post(c, f"/api/events/{ev['id']}/accept", tok, version=ev["version"])
    with open_store(location) as s:
        assert s.get(ev["id"]).reviewed_by == "bob"
        assert s.get_report(job["report_id"]).added_by == "bob"
    c.post("/logout", data={"csrf_token": tok})
    assert c.get("/").status_code == 302
    app.extensions["frontline"]["store"].close()


def test_cli_users_list_unreviewed_map_and_export_labels(tmp_path, seeded, location, capsys):
    from tracker.cli import main

    c, tok, rid, events = seeded
    accepted = events[:3]
    for e in accepted:
        post(c, f"/api/events/{e['id']}/accept", tok, version=e["version"])
    post(c, f"/api/events/{events[3]['id']}/retract", tok, version=events[3]["version"], reason="no")

    def run(*args, stdin=None):
        p = subprocess.run([sys.executable, "-m", "tracker.cli", *args], capture_output=True,
                           text=True, input=stdin, cwd=tmp_path,
                           env={**__import__("os").environ, "PYTHONPATH": str(REPO)})
        return p.returncode, p.stdout, p.stderr

    code, out, err = run("list", "--unreviewed", "--store", str(location))
    assert code == 0 and f"{len(events) - 4} events" in err
    assert all(e["id"] not in out for e in accepted)
    code, out, err = run("list", "--review-state", "accepted", "--store", str(location))
    assert code == 0 and all(e["id"] in out for e in accepted) and "3 events" in err
    code, _, err = run("map", "--review-state", "accepted", "-o", str(tmp_path / "m.html"),
                       "--store", str(location))
    assert code == 0 and "3 events" in err
    code, out, err = run("users", "add", "carol", "--password-stdin", "--store", str(location),
                         stdin="a long password\n")
    assert code == 0 and "added user carol" in out
    code, out, err = run("users", "add", "dave", "--password-stdin", "--store", str(location),
                         stdin="short\n")
    assert code == 1 and "at least 8" in err and "Traceback" not in err
    labels = tmp_path / "labels.jsonl"
    code, _, err = run("review", "export-labels", "-o", str(labels), "--store", str(location))
    assert code == 0, err
    items = [json.loads(l) for l in labels.read_text().splitlines()]
    assert sum(len(i["events"]) for i in items) == 3
    for item in items:
        assert set(item) >= {"id", "report_date", "text", "events"}
        for g in item["events"]:
            assert set(g) >= {"side", "kind", "status", "claimant", "place", "relation", "gold_name",
                              "geonameid", "lat", "lon", "admin1", "region_level"}
            assert g["place"] in item["text"] or g["region_level"]
    p = subprocess.run([sys.executable, str(REPO / "bench" / "score_dev.py"), str(labels)],
                       capture_output=True, text=True, env={**__import__("os").environ,
                                                            "PYTHONPATH": str(REPO)})
    assert p.returncode == 0, p.stderr
    assert "dev set: labels.jsonl" in p.stdout and "F1" in p.stdout


def test_frontline_serve_runs_waitress_on_loopback(tmp_path, gazetteer):
    """The command itself: starts, answers on 127.0.0.1 with the security headers, stops."""
    import os
    import socket
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = tmp_path / "served.gpkg"
    proc = subprocess.Popen([sys.executable, "-m", "tracker.cli", "serve", "--store", str(store),
                             "--port", str(port), "--analyst", "ana"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    body, headers = r.read().decode(), r.headers
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(proc.stderr.read() if proc.poll() is not None else "no answer")
                time.sleep(0.3)
        assert "Add a report" in body and "ana" in body
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "frontline review on http://127.0.0.1:" in err and "this machine only" in err
