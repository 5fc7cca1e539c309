"""The review web app of ``frontline serve``: a Flask app over one event store.

Pages: the report list with the ingest form (``/``), an extraction's progress
(``/jobs/ID``), a report's review queue (``/reports/ID``) with its map
(``/reports/ID/map``, the map of ``frontline map``), and the login page. Every
change is a JSON POST under ``/api`` carrying the CSRF token in a header and
the row version the page saw; a stale version answers 409 with who changed the
event. Pages carry a Content-Security-Policy with no inline script and no other
origin; report text only ever reaches the page as JSON data and is put in the
DOM with textContent.
"""
from __future__ import annotations

import base64
import hashlib
import ipaddress
import logging
import os
import re
import secrets
import threading
from collections import OrderedDict
from functools import wraps
from typing import Any, Callable

from flask import (Flask, abort, g, jsonify, redirect, render_template, request, session,
                   url_for)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.security import check_password_hash

from ..errors import ConflictError, EventNotFound, FrontlineError, InputError
from ..event import KINDS, REVIEW_STATES, SIDES, STATUSES
from ..store import Store, resolve_analyst
from . import service

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # a long daily assessment is ~100 KB; 8 MB is room to spare
REPORTS_PER_PAGE = 30
MAX_QUEUE_EVENTS = 500  # events shown on one report's page; more are paged
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'self'")
RELATIONS = ("in", "near", "into", "outskirts of", "toward", "direction", "north of",
             "northeast of", "east of", "southeast of", "south of", "southwest of", "west of",
             "northwest of")


def is_loopback(host: str) -> bool:
    host = (host or "").strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class StoreHolder:
    """One store connection per server thread (sqlite connections and psycopg connections are
    not shared between threads), opened on first use and kept for the server's life."""

    def __init__(self, location: str):
        self.location = location
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        s = getattr(self._local, "store", None)
        if s is None:
            s = Store.open(self.location)
            self._local.store = s
            with self._lock:
                self._all.append(s)
        return s

    def fresh(self) -> Store:
        return Store.open(self.location)

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # closing at exit: nothing left to save
                    pass
            self._all.clear()


class MapCache:
    """Rendered report maps by (report, event versions): rendering takes ~0.2 s, a page
    reload after no change should not pay it again."""

    def __init__(self, size: int = 32):
        self._items: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: str, make: Callable[[], str]) -> tuple[str, str]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        html = make()
        csp = map_csp(html)
        with self._lock:
            self._items[key] = (html, csp)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return html, csp


_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def map_csp(html: str) -> str:
    """The map page's policy: its own inline scripts by hash (folium writes them inline), no
    other script, nothing from another origin; inline styles allowed (Leaflet and folium set
    them), which cannot run code."""
    hashes = []
    for m in _SCRIPT.finditer(html):
        if "src=" in m.group("attrs").lower():
            continue
        digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return ("default-src 'none'; script-src " + (" ".join(sorted(set(hashes))) or "'none'")
            + "; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; "
              "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def create_app(store: str, *, require_login: bool = False, analyst: str | None = None,
               secret_key: str | None = None, max_upload: int = MAX_UPLOAD_BYTES,
               testing: bool = False, background: bool = True) -> Flask:
    """The app over the store at ``store``. ``require_login``: every page and call needs an
    account of the store (``frontline users add``); otherwise the analyst is ``analyst``, else
    $FRONTLINE_ANALYST, else the login name. ``background``: extract in a worker thread
    (False: in the request, for tests)."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or os.environ.get("FRONTLINE_SECRET_KEY") or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=max_upload,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        WTF_CSRF_SSL_STRICT=False,  # plain http on a local network: the token is the check
        TESTING=testing,
        JSON_SORT_KEYS=False,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    csrf = CSRFProtect(app)
    holder = StoreHolder(store)
    holder.get()  # fail now, in one line, if the store cannot be used
    jobs = service.Jobs(holder.fresh)
    maps = MapCache()
    app.extensions["frontline"] = {"store": holder, "jobs": jobs, "maps": maps,
                                   "require_login": require_login}
    local_analyst = resolve_analyst(analyst)

    def st() -> Store:
        return holder.get()

    def current_user() -> str | None:
        if require_login:
            return session.get("user")
        return local_analyst

    def wants_json() -> bool:
        return request.path.startswith("/api/")

    # --- security around every request -----------------------------------------------
    @app.before_request
    def _login_gate():
        g.user = current_user()
        if request.endpoint in ("login", "static") or g.user:
            return None
        if wants_json():
            return jsonify(error="log in first: your session has ended or you are not logged in"), 401
        return redirect(url_for("login", next=request.full_path if request.method == "GET" else "/"))

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        resp.headers["Cache-Control"] = "no-store" if not request.path.startswith("/static/") \
            else "max-age=300"
        return resp

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        msg = ("refused: this change came without a valid CSRF token (reload the page and "
               "try again)")
        if wants_json():
            return jsonify(error=msg), 400
        return render_template("error.html", message=msg, user=g.get("user")), 400

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(exc):
        msg = (f"the upload is larger than {max_upload // (1024 * 1024)} MB, the limit of this "
               "server; nothing was stored (split the report, or start frontline serve with "
               "a larger --max-upload-mb)")
        if wants_json():
            return jsonify(error=msg), 413
        return render_template("index.html", error=msg, **index_context()), 413

    @app.errorhandler(ConflictError)
    def _conflict(exc):
        return jsonify(error=str(exc), conflict=True), 409

    @app.errorhandler(EventNotFound)
    def _not_found(exc):
        if wants_json():
            return jsonify(error=str(exc)), 404
        return render_template("error.html", message=str(exc), user=g.get("user")), 404

    @app.errorhandler(FrontlineError)
    def _bad_input(exc):
        if wants_json():
            return jsonify(error=str(exc)), 400
        return render_template("error.html", message=str(exc), user=g.get("user")), 400

    @app.errorhandler(HTTPException)
    def _http(exc):
        if wants_json():
            return jsonify(error=exc.description), exc.code
        return render_template("error.html", message=exc.description, user=g.get("user")), exc.code

    # --- login --------------------------------------------------------------------------
    @app.route("/login", methods=["GET", "POST"])
    def login():
        if not require_login:
            return redirect(url_for("index"))
        error = None
        nxt = request.values.get("next") or "/"
        if not nxt.startswith("/") or nxt.startswith("//"):
            nxt = "/"  # never send a person elsewhere after login
        if request.method == "POST":
            name = (request.form.get("name") or "").strip()
            password = request.form.get("password") or ""
            stored = st().user_hash(name) if name else None
            if stored and check_password_hash(stored, password):
                session.clear()
                session["user"] = name
                return redirect(nxt)
            error = "wrong name or password"
        return render_template("login.html", error=error, next=nxt, user=None), \
            (401 if error else 200)

    @app.post("/logout")
    def logout():
        session.clear()
        return redirect(url_for("login") if require_login else url_for("index"))

    # --- pages --------------------------------------------------------------------------
    def index_context() -> dict[str, Any]:
        from ..query import Query

        try:
            page = max(0, int(request.args.get("page", 0)))
        except ValueError:
            page = 0
        s = st()
        reports = s.reports(limit=REPORTS_PER_PAGE + 1, offset=page * REPORTS_PER_PAGE)
        more = len(reports) > REPORTS_PER_PAGE
        reports = reports[:REPORTS_PER_PAGE]
        states: dict[str, dict[str, int]] = {}
        known = s.review_states_of([i for r in reports for i in r.event_ids])
        for r in reports:
            c = {k: 0 for k in REVIEW_STATES}
            for i in r.event_ids:
                if i in known:
                    c[known[i]] += 1
            states[r.id] = c
        return {"reports": reports, "states": states, "page": page, "more": more,
                "unreviewed": s.count(Query(review_states=("unreviewed",))),
                "user": g.get("user"), "location": s.location, "today": service.today(),
                "max_upload_mb": max_upload // (1024 * 1024)}

    @app.get("/")
    def index():
        return render_template("index.html", error=None, **index_context())

    @app.post("/reports")
    def ingest():
        upload = request.files.get("file")
        data = upload.read() if upload and upload.filename else None
        try:
            text, name = service.report_text(request.form.get("text"), data,
                                             upload.filename if data else None)
            report = service.report_for(text, name, request.form.get("source"),
                                        request.form.get("report_date"),
                                        upload.filename if data else None)
        except FrontlineError as exc:
            return render_template("index.html", error=f"{exc}; nothing was stored",
                                   **index_context()), 400
        job = (jobs.start if background else jobs.run_now)(report, g.user)
        return redirect(url_for("job_page", job_id=job.id))

    @app.get("/jobs/<job_id>")
    def job_page(job_id: str):
        job = jobs.get(job_id) or abort(404, "no such extraction (the server was restarted?)")
        return render_template("job.html", job=job.status(), user=g.user)

    @app.get("/api/jobs/<job_id>")
    def job_status(job_id: str):
        job = jobs.get(job_id) or abort(404, "no such extraction")
        return jsonify(job.status())

    def report_events(report) -> list[dict]:
        events = st().get_many(report.event_ids[:MAX_QUEUE_EVENTS])
        ordered = [events[i] for i in report.event_ids[:MAX_QUEUE_EVENTS] if i in events]
        ordered.sort(key=lambda e: (e.quote_start if e.quote_start is not None else 1 << 30,
                                    e.quote_end or 0, e.place))
        return [service.event_json(e) for e in ordered]

    @app.get("/reports/<report_id>")
    def report_page(report_id: str):
        report = st().get_report(report_id)
        data = {"report": report.to_dict(), "events": report_events(report),
                "choices": {"side": SIDES, "kind": KINDS, "status": STATUSES,
                            "relation": RELATIONS},
                "truncated": max(0, len(report.event_ids) - MAX_QUEUE_EVENTS),
                "user": g.user}
        return render_template("report.html", report=report, data=data, user=g.user)

    @app.get("/api/reports/<report_id>")
    def report_json(report_id: str):
        report = st().get_report(report_id)
        return jsonify(report=report.to_dict(), events=report_events(report))

    @app.get("/reports/<report_id>/map")
    def report_map(report_id: str):
        report = st().get_report(report_id)
        events = st().get_many(report.event_ids[:MAX_QUEUE_EVENTS])
        key = report.id + ":" + hashlib.sha1(",".join(
            f"{i}:{e.version}" for i, e in sorted(events.items())).encode()).hexdigest()

        def make() -> str:
            from maps import map_html, render_map

            from ..frame import to_geodataframe

            shown = [e for e in events.values()]
            # the page lists the events and their states: the map keeps to the points
            return map_html(render_map(to_geodataframe(shown), title=report.source,
                                       slider=False, legend=False, layer_control=False))

        html, csp = maps.get(key, make)
        resp = app.response_class(html, mimetype="text/html")
        resp.headers["Content-Security-Policy"] = csp
        return resp

    @app.get("/favicon.ico")
    def favicon():
        return "", 204  # no icon: a browser asking for one gets no error

    # --- changes ------------------------------------------------------------------------
    def body() -> dict[str, Any]:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise InputError("send the change as a JSON object")
        return data

    def version(data: dict[str, Any], key: str = "version") -> int:
        try:
            return int(data[key])
        except (KeyError, TypeError, ValueError):
            raise InputError(f"the change needs the {key} of the event you saw") from None

    def answer(*events, **extra):
        out = {"events": [service.event_json(e) for e in events]}
        out.update(extra)
        return jsonify(out)

    @app.post("/api/events/<event_id>/accept")
    def accept(event_id: str):
        data = body()
        return answer(st().accept(event_id, analyst=g.user, expected_version=version(data)))

    @app.post("/api/events/<event_id>/correct")
    def correct(event_id: str):
        data = body()
        s = st()
        before = s.get(event_id)
        changes = service.field_changes(data)
        relation = changes.get("relation", before.relation)
        if data.get("place_id") or data.get("lat") is not None:
            changes.update(service.place_changes(relation, data.get("place_id"), data.get("lat"),
                                                 data.get("lon"), data.get("uncertainty_km")))
        elif "relation" in changes and before.place_id:
            changes.update(service.place_changes(relation, before.place_id))
        reason = (data.get("reason") or "").strip() or "corrected in review"
        after = s.edit(event_id, changes, reason=reason, analyst=g.user,
                       expected_version=version(data), review=True)
        if after.version == before.version:  # nothing differed: a correction that agrees
            after = s.accept(event_id, analyst=g.user, expected_version=after.version)
        return answer(after)

    @app.post("/api/events/<event_id>/retract")
    def retract(event_id: str):
        data = body()
        reason = (data.get("reason") or "").strip()
        if not reason:
            raise InputError("a retraction needs a reason, kept in the event's history")
        return answer(st().retract(event_id, reason=reason, analyst=g.user,
                                   expected_version=version(data)))

    @app.post("/api/events/<event_id>/undo")
    def undo(event_id: str):
        data = body()
        e, group = st().undo(event_id, analyst=g.user, expected_version=version(data))
        return answer(e, undone=group)

    @app.post("/api/events/<event_id>/merge")
    def merge(event_id: str):
        data = body()
        target = (data.get("into") or "").strip()
        if not target:
            raise InputError("choose the event to merge into")
        dropped, kept = st().merge_into(event_id, target, reason=(data.get("reason") or
                                                                 "the same fact twice"),
                                        analyst=g.user, expected_version=version(data),
                                        target_version=version(data, "into_version"))
        return answer(dropped, kept)

    @app.post("/api/events/<event_id>/split")
    def split(event_id: str):
        """One extracted event that is really two (two places in one phrase): a copy at
        another place, reviewed by the analyst; the original stays as it is."""
        data = body()
        s = st()
        before = s.get(event_id)
        if before.version != version(data):
            raise s._conflict(before)
        changes = service.field_changes(data)
        relation = changes.get("relation", before.relation)
        placed = service.place_changes(relation, data.get("place_id"), data.get("lat"),
                                       data.get("lon"), data.get("uncertainty_km"),
                                       (data.get("place") or "").strip() or None)
        if "place" not in placed:
            placed["place"] = placed.get("place_name") or before.place
        # id="": the copy gets the id of its own fact (side, kind, place, ...)
        new = before.replace(id="", **changes, **placed, review_state="corrected", version=0,
                             retracted=False, sources=(), source=before.source)
        made = s.add_derived(new, reason=f"split from {before.id}: "
                             + ((data.get("reason") or "").strip() or "two events in one"),
                             analyst=g.user)
        report_id = data.get("report_id")
        if report_id:
            s.link_event(str(report_id), made.id)
        return answer(made)

    @app.post("/api/reports/<report_id>/events")
    def log_missed(report_id: str):
        data = body()
        s = st()
        report = s.get_report(report_id)
        e = service.missed_event(report, data)
        why = (data.get("reason") or "").strip()
        made = s.add_derived(e, reason="missed by the extractor: logged from the selected text "
                             f"[{int(data['start'])}:{int(data['end'])}]" + (f": {why}" if why else ""),
                             analyst=g.user)
        s.link_event(report.id, made.id)
        return answer(made)

    @app.get("/api/events/<event_id>/history")
    def history(event_id: str):
        s = st()
        return jsonify(event=service.event_json(s.get(event_id)),
                       history=service.history_json(s.history(event_id)))

    @app.get("/api/places")
    def places():
        q = request.args.get("q", "")
        near = None
        try:
            if request.args.get("lat") and request.args.get("lon"):
                near = (float(request.args["lat"]), float(request.args["lon"]))
        except ValueError:
            raise InputError("lat and lon must be numbers") from None
        if len(q) > 200:
            raise InputError("a place name is at most 200 characters")
        try:
            return jsonify(places=service.search_places(q, near))
        except FrontlineError as exc:  # a name the gazetteer refuses: say why, list nothing
            return jsonify(places=[], note=str(exc))

    @app.get("/api/places/nearest")
    def nearest():
        try:
            lat, lon = float(request.args["lat"]), float(request.args["lon"])
        except (KeyError, ValueError):
            raise InputError("give lat and lon as numbers") from None
        return jsonify(place=service.nearest_place(lat, lon), lat=lat, lon=lon)

    @app.context_processor
    def _context():
        return {"login_required": require_login}

    return app


def require(cond: bool, message: str) -> None:
    if not cond:
        raise InputError(message)


__all__ = ["create_app", "is_loopback", "MAX_UPLOAD_BYTES"]
