/* frontline review: the job progress page and the review queue of one report.
 *
 * Report text and every event field reach the DOM through textContent only: the page's
 * data comes as JSON (a non-executed <script type="application/json"> block), and the
 * highlights are spans built here around slices of the text. Every change is a JSON POST
 * with the CSRF token in a header and the row version the page saw.
 */
(function () {
  "use strict";

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function request(method, url, data) {
    var opts = { method: method, headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
                 credentials: "same-origin" };
    if (data !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(data);
    }
    return fetch(url, opts).then(function (resp) {
      return resp.json().catch(function () { return { error: "the server answered " + resp.status }; })
        .then(function (body) { return { ok: resp.ok, status: resp.status, body: body }; });
    }, function () {
      return { ok: false, status: 0, body: { error: "the server cannot be reached; nothing was changed" } };
    });
  }

  // --- the extraction's progress --------------------------------------------------------
  function jobPage(root) {
    var url = root.dataset.statusUrl;
    function poll() {
      request("GET", url).then(function (r) {
        var s = r.body || {};
        if (!r.ok) { $("job-error").textContent = s.error || "unknown job"; $("job-error").hidden = false; return; }
        $("job-stage").textContent = s.stage;
        $("job-progress").value = s.fraction;
        $("job-elapsed").textContent = s.elapsed_s + " s (about " + s.estimate_s + " s expected)";
        if (s.stage === "done") {
          $("job-progress").value = 1;
          $("job-summary").textContent = s.summary;
          $("job-summary").hidden = false;
          var target = root.dataset.reportUrl.replace("REPORT", encodeURIComponent(s.report_id));
          $("job-open").href = target;
          $("job-open").hidden = false;
          try { sessionStorage.setItem("frontline-summary", s.summary); } catch (e) { /* private mode */ }
          window.location.assign(target);
        } else if (s.stage === "failed") {
          $("job-error").textContent = s.error + "; nothing was stored";
          $("job-error").hidden = false;
        } else {
          setTimeout(poll, 300);
        }
      });
    }
    poll();
  }

  // --- the review of one report ------------------------------------------------------------
  var STATE_ORDER = { unreviewed: 0, corrected: 1, accepted: 2, retracted: 3 };
  var STATE_LABEL = { unreviewed: "unreviewed", accepted: "accepted", corrected: "corrected", retracted: "retracted" };

  function reviewPage(root) {
    var data = JSON.parse($("review-data").textContent);
    var report = data.report, text = report.text, choices = data.choices;
    var events = data.events, byId = {};
    var selected = null, mode = null, pending = null, selection = null, pick = false;
    var mapWin = null, lmap = null, ring = null, pickMark = null, mapSig = "";
    var historyFor = null;
    var refLabel = "";     // what the distances in the place search are measured from
    var formBase = null;  // the event as it was when the correction form opened: only what the
                          // analyst changed from it is sent, so a reload after a conflict keeps
                          // the other analyst's changes instead of writing the old values back

    function index() { byId = {}; events.forEach(function (e) { byId[e.id] = e; }); }
    index();

    $("crumb-source").textContent = report.source;
    document.title = report.source + " · review";

    function describe(e) {
      var what = e.side + " " + e.kind + (e.status ? " (" + e.status + (e.claimant ? ", " + e.claimant : "") + ")" : "");
      return what + " " + e.relation + " " + e.place;
    }

    function where(e) {
      var p = (e.place_name || e.place) + (e.admin1 ? ", " + e.admin1 : "");
      return p + " · " + e.precision + " ±" + Number(e.uncertainty_km).toFixed(e.uncertainty_km < 10 ? 1 : 0) + " km";
    }

    // --- banner ---------------------------------------------------------------------------
    function banner(message, kind, reloadId) {
      $("banner").className = "message " + (kind || "");
      $("banner-text").textContent = message;
      $("banner").hidden = false;
      $("banner-reload").hidden = !reloadId;
      $("banner-reload").dataset.id = reloadId || "";
    }
    $("banner-close").addEventListener("click", function () { $("banner").hidden = true; });
    $("banner-reload").addEventListener("click", function () {
      refreshEvent($("banner-reload").dataset.id).then(function () { $("banner").hidden = true; });
    });
    try {
      var summary = sessionStorage.getItem("frontline-summary");
      if (summary) { sessionStorage.removeItem("frontline-summary"); banner(summary, "ok"); }
    } catch (e) { /* private mode */ }

    // --- the text with its highlights -------------------------------------------------------
    function spans() {
      var out = [];
      events.forEach(function (e) {
        var s = e.quote_start, t = e.quote_end;
        if (s === null || t === null || s === undefined || !(s >= 0 && t > s && t <= text.length)) { return; }
        out.push({ s: s, t: t, id: e.id, place: false });
        var hay = text.slice(s, t).toLowerCase(), needle = (e.place || "").toLowerCase();
        var at = needle ? hay.indexOf(needle) : -1;
        if (at >= 0) { out.push({ s: s + at, t: s + at + needle.length, id: e.id, place: true }); }
      });
      return out;
    }

    function renderText() {
      var box = $("report-text"), scroll = box.scrollTop;
      var sp = spans(), cuts = [0, text.length];
      sp.forEach(function (x) { cuts.push(x.s, x.t); });
      cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
      clear(box);
      for (var i = 0; i + 1 < cuts.length; i++) {
        var a = cuts[i], b = cuts[i + 1];
        var seg = el("span", "seg", text.slice(a, b));
        seg.dataset.start = a;
        var ids = [], place = false, best = null;
        sp.forEach(function (x) {
          if (x.s <= a && x.t >= b) {
            if (x.place) { place = true; } else if (ids.indexOf(x.id) < 0) { ids.push(x.id); }
          }
        });
        if (ids.length) {
          ids.forEach(function (id) {
            var st = byId[id].review_state;
            if (best === null || STATE_ORDER[st] < STATE_ORDER[best]) { best = st; }
          });
          seg.classList.add("hl", "st-" + best);
          seg.dataset.ids = ids.join(" ");
          if (selected && ids.indexOf(selected) >= 0) { seg.classList.add("sel"); }
        }
        if (place) { seg.classList.add("pl"); }
        box.appendChild(seg);
      }
      box.scrollTop = scroll;
    }

    $("report-text").addEventListener("click", function (ev) {
      var sel = window.getSelection();
      if (sel && !sel.isCollapsed) { return; }
      var seg = ev.target.closest ? ev.target.closest(".hl") : null;
      if (!seg) { return; }
      var ids = seg.dataset.ids.split(" ");
      var next = ids[(ids.indexOf(selected) + 1) % ids.length];  // several events in one sentence: cycle
      select(next, false);
    });

    // --- selecting words: log a missed event ----------------------------------------------
    function offsetOf(node, off) {
      var box = $("report-text");
      if (node === box) {
        var child = box.childNodes[off];
        return child ? Number(child.dataset.start) : text.length;
      }
      var seg = node.nodeType === 3 ? node.parentNode : node;
      if (!seg || !seg.dataset || seg.dataset.start === undefined) { return null; }
      return Number(seg.dataset.start) + (node.nodeType === 3 ? off : 0);
    }

    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection(), box = $("report-text");
      if (!sel || sel.isCollapsed || !sel.rangeCount || mode === "new") {
        if (mode !== "new") { $("selection-bar").hidden = true; selection = null; }
        return;
      }
      var r = sel.getRangeAt(0);
      if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) { return; }
      var a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
      if (a === null || b === null || b <= a) { return; }
      selection = { start: a, end: b, text: text.slice(a, b) };
      $("selection-text").textContent = selection.text.length > 80 ? selection.text.slice(0, 77) + "…" : selection.text;
      $("selection-bar").hidden = false;
    });

    $("log-selection").addEventListener("click", function () {
      if (!selection) { return; }
      openNew(selection);
    });

    // --- counts and list -----------------------------------------------------------------
    function renderCounts() {
      var c = { unreviewed: 0, accepted: 0, corrected: 0, retracted: 0 };
      events.forEach(function (e) { c[e.review_state] = (c[e.review_state] || 0) + 1; });
      var box = $("counts");
      clear(box);
      box.appendChild(el("strong", null, events.length + " event" + (events.length === 1 ? "" : "s")));
      ["unreviewed", "accepted", "corrected", "retracted"].forEach(function (k) {
        if (c[k]) { box.appendChild(el("span", "badge " + k, c[k] + " " + k)); }
      });
      var bar = el("progress", "done-bar");
      bar.max = Math.max(1, events.length);
      bar.value = events.length - c.unreviewed;
      bar.title = (events.length - c.unreviewed) + " of " + events.length + " reviewed";
      box.appendChild(bar);
    }

    function renderList() {
      var list = $("event-list");
      clear(list);
      events.forEach(function (e, i) {
        var li = el("li", "event st-" + e.review_state + (e.id === selected ? " selected" : ""));
        li.dataset.id = e.id;
        li.tabIndex = -1;
        var head = el("div", "ev-head");
        head.appendChild(el("span", "num", String(i + 1)));
        head.appendChild(el("span", "badge " + e.review_state, STATE_LABEL[e.review_state]));
        head.appendChild(el("span", "ev-what", describe(e)));
        li.appendChild(head);
        li.appendChild(el("div", "ev-where", where(e) + " · " + e.event_date));
        if (e.reviewed_by) { li.appendChild(el("div", "ev-by", e.review_state + " by " + e.reviewed_by)); }
        li.addEventListener("click", function () { select(e.id, true); });
        list.appendChild(li);
      });
      if (data.truncated) {
        $("truncated").textContent = data.truncated + " more events of this report are not shown (the page shows the first 500)";
        $("truncated").hidden = false;
      }
    }

    function renderAll() { index(); renderCounts(); renderList(); renderText(); }

    // --- the map (the frontline map in a frame) ------------------------------------------
    function signature() {
      return events.map(function (e) {
        return [e.id, e.lat, e.lon, e.side, e.kind, e.status, e.retracted].join(":");
      }).join("|");
    }

    function loadMap() {
      var sig = signature();
      if (sig === mapSig && lmap) { return; }
      mapSig = sig;
      var v = events.map(function (e) { return e.version; }).join("");
      $("map").src = root.dataset.mapUrl + "?v=" + encodeURIComponent(v.length > 200 ? String(sig.length) + v.slice(-150) : v) + "-" + events.length;
    }

    $("map").addEventListener("load", function () {
      try {
        mapWin = $("map").contentWindow;
        lmap = mapWin.frontline ? mapWin.frontline.map : null;
      } catch (e) { lmap = null; }
      if (!lmap) { return; }
      ring = null;
      pickMark = null;
      lmap.on("click", function (ev) {
        if (pick) { mapPicked(ev.latlng); return; }
        // a click on an event's symbol selects it here too (the map opens its popup as well)
        var fl = mapWin.frontline, found = fl && fl.hits ? fl.hits(ev.layerPoint) : [];
        var id = found.length ? fl.data.ev.id[found[0]] : null;
        if (id && byId[id] && id !== selected) { select(id, true); }
      });
      showOnMap();
    });

    function showOnMap() {
      if (!lmap || !mapWin) { return; }
      var e = selected && byId[selected];
      if (ring) { lmap.removeLayer(ring); ring = null; }
      if (!e) { return; }
      ring = mapWin.L.circleMarker([e.lat, e.lon], { radius: 15, color: "#111", weight: 3, fill: false,
                                                     interactive: false, dashArray: e.retracted ? "4 4" : null });
      ring.addTo(lmap);
      if (!lmap.getBounds().pad(-0.1).contains([e.lat, e.lon])) { lmap.panTo([e.lat, e.lon]); }
    }

    function setPick(on) {
      pick = on;
      $("map-mode").hidden = !on;
      $("map").classList.toggle("picking", on);
      if (lmap) { lmap.getContainer().style.cursor = on ? "crosshair" : ""; }
    }

    function mapPicked(latlng) {
      setPick(false);
      if (pickMark && lmap) { lmap.removeLayer(pickMark); }
      if (lmap) {
        pickMark = mapWin.L.circleMarker([latlng.lat, latlng.lng], { radius: 6, color: "#000", weight: 2,
                                                                     fillColor: "#ffd400", fillOpacity: 1, interactive: false });
        pickMark.addTo(lmap);
      }
      var lat = Math.round(latlng.lat * 1e5) / 1e5, lon = Math.round(latlng.lng * 1e5) / 1e5;
      request("GET", "/api/places/nearest?lat=" + lat + "&lon=" + lon).then(function (r) {
        var list = $("place-results");
        clear(list);
        var p = r.body && r.body.place;
        if (p) {
          list.appendChild(placeItem(p, "nearest place to the click: "));
        }
        var li = el("li", "place-item");
        var b = el("button", "pick-point", "this point: " + lat.toFixed(4) + ", " + lon.toFixed(4));
        b.type = "button";
        var unc = el("input", "unc");
        unc.type = "number"; unc.min = "0"; unc.max = "500"; unc.step = "0.5"; unc.value = "1";
        unc.setAttribute("aria-label", "uncertainty in km");
        b.addEventListener("click", function () {
          choose({ lat: lat, lon: lon, uncertainty_km: Number(unc.value || 1),
                   label: "point " + lat.toFixed(4) + ", " + lon.toFixed(4) + " ±" + (unc.value || 1) + " km" });
        });
        li.appendChild(b);
        li.appendChild(el("span", "hint", " ± "));
        li.appendChild(unc);
        li.appendChild(el("span", "hint", " km"));
        list.appendChild(li);
      });
    }

    // --- selecting an event --------------------------------------------------------------
    function select(id, scrollText) {
      if (!byId[id]) { return; }
      selected = id;
      closeForms();
      showHead(byId[id]);
      var e = byId[id];
      document.querySelectorAll("#event-list li").forEach(function (li) {
        li.classList.toggle("selected", li.dataset.id === id);
        if (li.dataset.id === id) { li.scrollIntoView({ block: "nearest" }); }
      });
      document.querySelectorAll("#report-text .hl").forEach(function (seg) {
        seg.classList.toggle("sel", seg.dataset.ids.split(" ").indexOf(id) >= 0);
      });
      if (scrollText) {
        var first = document.querySelector("#report-text .sel");
        if (first) { first.scrollIntoView({ block: "center" }); }
      }
      showOnMap();
      loadHistory(id);
    }

    function showHead(e) {
      $("editor").hidden = false;
      $("ed-actions").hidden = false;
      $("ed-title").textContent = describe(e);
      $("ed-state").className = "badge " + e.review_state;
      $("ed-state").textContent = STATE_LABEL[e.review_state] + (e.reviewed_by ? " by " + e.reviewed_by : "");
      $("ed-quote").textContent = e.quote || "(no quote)";
      $("ed-where").textContent = "placed at " + where(e) + " · " + e.lat.toFixed(4) + ", " + e.lon.toFixed(4) + " · " + e.event_date;
      $("btn-accept").disabled = e.retracted;
      $("btn-retract").disabled = e.retracted;
    }

    function selectNext(step, unreviewedOnly) {
      if (!events.length) { return; }
      var at = selected ? events.findIndex(function (e) { return e.id === selected; }) : -1;
      for (var k = 1; k <= events.length; k++) {
        var e = events[(at + step * k + events.length * k) % events.length];
        if (!unreviewedOnly || e.review_state === "unreviewed") { select(e.id, true); return; }
      }
      if (unreviewedOnly) { banner("every event of this report is reviewed", "ok"); }
    }

    function loadHistory(id) {
      historyFor = id;
      request("GET", "/api/events/" + encodeURIComponent(id) + "/history").then(function (r) {
        if (!r.ok || historyFor !== id) { return; }
        var list = $("history-list");
        clear(list);
        var groups = [];
        r.body.history.forEach(function (h) {
          var g = groups[groups.length - 1];
          if (g && g.at === h.at && g.action === h.action && g.analyst === h.analyst) { g.rows.push(h); }
          else { groups.push({ at: h.at, action: h.action, analyst: h.analyst, reason: h.reason, rows: [h] }); }
        });
        groups.forEach(function (g) {
          var li = el("li", "h-" + g.action);
          li.appendChild(el("span", "h-at", g.at.replace("T", " ").slice(0, 19)));
          li.appendChild(el("span", "h-who", g.analyst));
          li.appendChild(el("span", "h-action", g.action));
          var what = g.rows.filter(function (h) { return h.field && h.field !== "reviewed_at" && h.field !== "reviewed_by"; })
            .map(function (h) { return h.field + ": " + (h.old === null ? "–" : h.old) + " → " + (h.new === null ? "–" : h.new); });
          if (g.action === "add") { what = ["from " + g.rows[0].new]; }
          li.appendChild(el("span", "h-what", what.join("; ")));
          if (g.reason) { li.appendChild(el("span", "h-why", "(" + g.reason + ")")); }
          list.appendChild(li);
        });
        $("history").hidden = false;
        $("btn-undo").disabled = !groups.some(function (g) { return g.action !== "add" && g.action !== "note"; });
      });
    }

    function refreshEvent(id) {
      return request("GET", "/api/events/" + encodeURIComponent(id) + "/history").then(function (r) {
        if (r.ok) { update([r.body.event], true); }
      });
    }

    // --- changes ---------------------------------------------------------------------------
    function update(changed, keepForms) {
      var placeMoved = false;
      changed.forEach(function (e) {
        var old = byId[e.id];
        if (old) {
          if (old.lat !== e.lat || old.lon !== e.lon || old.side !== e.side || old.kind !== e.kind ||
              old.status !== e.status || old.retracted !== e.retracted) { placeMoved = true; }
          events[events.indexOf(old)] = e;
        } else {
          events.push(e);
          placeMoved = true;
        }
      });
      events.sort(function (a, b) {
        return ((a.quote_start === null ? 1e12 : a.quote_start) - (b.quote_start === null ? 1e12 : b.quote_start)) ||
               ((a.quote_end || 0) - (b.quote_end || 0));
      });
      renderAll();
      if (placeMoved) { loadMap(); }
      if (selected && !keepForms) { select(selected, false); }
      else if (selected) {
        showHead(byId[selected]);
        $("f-place-now").textContent = where(byId[selected]);
        loadHistory(selected);
        showOnMap();
      }
    }

    var busy = false;  // one change at a time: a key pressed twice must not send a stale version

    function post(url, payload, done) {
      var id = selected;
      if (busy) { return Promise.resolve({ ok: false, status: 0, body: {} }); }
      busy = true;
      document.body.classList.add("busy");
      return request("POST", url, payload).then(function (r) {
        busy = false;
        document.body.classList.remove("busy");
        if (r.ok) {
          update(r.body.events);
          if (done) { done(r.body); }
          return r;
        }
        var msg = (r.body && r.body.error) || ("the server answered " + r.status);
        if (r.status === 409) {
          banner("Conflict: " + msg, "conflict", id);
          refreshEvent(id);
        } else {
          banner(msg, "error");
        }
        return r;
      });
    }

    function evUrl(action) { return "/api/events/" + encodeURIComponent(selected) + "/" + action; }

    function accept() {
      var e = selected && byId[selected];
      if (!e || e.retracted) { return; }
      post(evUrl("accept"), { version: e.version }, function () {
        $("banner").hidden = true;
        selectNext(1, true);
      });
    }

    function undo() {
      var e = selected && byId[selected];
      if (!e) { return; }
      post(evUrl("undo"), { version: e.version }, function (body) {
        var u = body.undone && body.undone[0];
        banner("undone: " + (u ? u.action + " by " + u.analyst : "the last change"), "ok");
      });
    }

    function closeForms() {
      mode = null;
      pending = null;
      setPick(false);
      $("retract-form").hidden = true;
      $("correct-form").hidden = true;
      $("place-chosen").hidden = true;
      clear($("place-results"));
      if (pickMark && lmap) { lmap.removeLayer(pickMark); pickMark = null; }
    }

    function openRetract() {
      var e = selected && byId[selected];
      if (!e || e.retracted) { return; }
      closeForms();
      mode = "retract";
      $("retract-form").hidden = false;
      $("retract-reason").value = "";
      $("retract-reason").focus();
    }

    $("retract-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var e = byId[selected], reason = $("retract-reason").value.trim();
      if (!reason) { $("retract-reason").focus(); return; }
      post(evUrl("retract"), { version: e.version, reason: reason }, function () { closeForms(); });
    });
    $("retract-cancel").addEventListener("click", closeForms);

    function options(select, values, blank) {
      clear(select);
      if (blank !== undefined) { var o = el("option", null, blank); o.value = ""; select.appendChild(o); }
      values.forEach(function (v) { var o = el("option", null, v); o.value = v; select.appendChild(o); });
    }

    function fillForm(e) {
      options($("f-side"), choices.side, e ? undefined : "choose…");
      options($("f-kind"), choices.kind, e ? undefined : "choose…");
      options($("f-status"), choices.status, "— (attacks, deployments)");
      var rel = choices.relation.slice();
      if (e && rel.indexOf(e.relation) < 0) { rel.unshift(e.relation); }
      options($("f-relation"), rel);
      $("f-side").value = e ? e.side : "";
      $("f-kind").value = e ? e.kind : "";
      $("f-status").value = e ? (e.status || "") : "";
      $("f-claimant").value = e ? (e.claimant || "") : "";
      $("f-relation").value = e ? e.relation : "near";
      $("f-date").value = e ? e.event_date : report.report_date;
      $("f-reason").value = "";
      $("f-place-now").textContent = e ? where(e) : "none yet: search or click the map";
      var merge = $("merge-into");
      clear(merge);
      events.forEach(function (o, i) {
        if (e && o.id !== e.id && !o.retracted) {
          var opt = el("option", null, (i + 1) + ". " + describe(o));
          opt.value = o.id;
          merge.appendChild(opt);
        }
      });
      $("merge-row").hidden = !e || !merge.options.length;
      $("btn-split").hidden = !e;
      $("btn-save").textContent = e ? "Save correction" : "Log this event";
    }

    function openCorrect() {
      var e = selected && byId[selected];
      if (!e) { return; }
      closeForms();
      mode = "correct";
      formBase = JSON.parse(JSON.stringify(e));
      fillForm(e);
      $("correct-form").hidden = false;
      $("place-q").value = "";
      $("f-side").focus();
    }

    function openNew(sel) {
      closeForms();
      mode = "new";
      selected = null;
      showOnMap();
      document.querySelectorAll("#event-list li.selected").forEach(function (li) { li.classList.remove("selected"); });
      document.querySelectorAll("#report-text .sel").forEach(function (seg) { seg.classList.remove("sel"); });
      $("editor").hidden = false;
      $("ed-actions").hidden = true;
      $("history").hidden = true;
      $("ed-title").textContent = "New event from the selected words";
      $("ed-state").className = "badge corrected";
      $("ed-state").textContent = "logged by you";
      $("ed-quote").textContent = "“" + sel.text + "”";
      $("ed-where").textContent = "";
      fillForm(null);
      $("correct-form").hidden = false;
      $("selection-bar").hidden = true;
      $("place-q").value = sel.text.trim().slice(0, 100);
      searchPlaces();
      $("f-side").focus();
    }

    $("correct-cancel").addEventListener("click", function () {
      var wasNew = mode === "new";
      closeForms();
      if (wasNew) { $("editor").hidden = true; selection = null; }
    });

    function placeItem(p, prefix) {
      var li = el("li", "place-item");
      var b = el("button", "pick-place");
      b.type = "button";
      b.appendChild(el("span", "p-prefix", prefix || ""));
      b.appendChild(el("strong", null, p.name));
      b.appendChild(el("span", "p-admin", p.admin1 ? ", " + p.admin1 : (p.country ? ", " + p.country : "")));
      b.appendChild(el("span", "p-kind", " · " + p.kind));
      if (p.distance_km !== null && p.distance_km !== undefined) {
        b.appendChild(el("span", "p-dist", " · " + p.distance_km + " km from " + refLabel));
      }
      if (p.population) { b.appendChild(el("span", "p-kind", " · pop. " + Number(p.population).toLocaleString("en"))); }
      b.appendChild(el("span", "p-id", " " + p.id));
      b.title = p.id;
      b.addEventListener("click", function () {
        choose({ place_id: p.id, label: p.name + (p.admin1 ? ", " + p.admin1 : "") + " (" + p.id + ")" });
      });
      li.appendChild(b);
      return li;
    }

    function choose(place) {
      pending = place;
      $("place-chosen").textContent = "Chosen: " + place.label;
      $("place-chosen").hidden = false;
      clear($("place-results"));
    }

    function searchPlaces() {
      var q = $("place-q").value.trim();
      if (!q) { return; }
      var ref = selected && byId[selected];
      if (!ref && selection) {  // a new event: distances from the nearest event in the text
        events.forEach(function (e) {
          if (e.quote_start === null || e.quote_start === undefined) { return; }
          if (!ref || Math.abs(e.quote_start - selection.start) < Math.abs(ref.quote_start - selection.start)) { ref = e; }
        });
      }
      refLabel = ref ? (selected ? "the event's point" : ref.place_name || ref.place) : "";
      var url = "/api/places?q=" + encodeURIComponent(q) + (ref ? "&lat=" + ref.lat + "&lon=" + ref.lon : "");
      request("GET", url).then(function (r) {
        var list = $("place-results");
        clear(list);
        var found = (r.body && r.body.places) || [];
        if (!found.length) { list.appendChild(el("li", "hint", (r.body && (r.body.note || r.body.error)) || "no place of that name in the gazetteer")); }
        found.forEach(function (p) { list.appendChild(placeItem(p)); });
      });
    }

    $("place-go").addEventListener("click", searchPlaces);
    $("place-q").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); searchPlaces(); }
    });
    $("place-map").addEventListener("click", function () { setPick(!pick); });

    function formChanges(e) {
      var out = {}, f = { side: $("f-side").value, kind: $("f-kind").value, status: $("f-status").value,
                          claimant: $("f-claimant").value.trim(), relation: $("f-relation").value,
                          event_date: $("f-date").value };
      Object.keys(f).forEach(function (k) {
        var now = e ? (e[k] === null || e[k] === undefined ? "" : String(e[k])) : null;
        if (!e || f[k] !== now) { out[k] = f[k]; }
      });
      if (pending) {
        if (pending.place_id) { out.place_id = pending.place_id; }
        else { out.lat = pending.lat; out.lon = pending.lon; out.uncertainty_km = pending.uncertainty_km; }
      }
      return out;
    }

    $("correct-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (mode === "new") {
        if (!selection) { banner("select words in the report text first", "error"); return; }
        var c = formChanges(null);
        c.start = selection.start;
        c.end = selection.end;
        c.place = selection.text.trim();
        c.reason = $("f-reason").value.trim();
        request("POST", root.dataset.logUrl, c).then(function (r) {
          if (!r.ok) { banner((r.body && r.body.error) || "could not log the event", "error"); return; }
          var made = r.body.events[0];
          report.event_ids.push(made.id);
          selection = null;
          window.getSelection().removeAllRanges();
          mode = null;
          update([made]);
          select(made.id, true);
          banner("logged: " + describe(made), "ok");
        });
        return;
      }
      var e = byId[selected];
      var changes = formChanges(formBase && formBase.id === e.id ? formBase : e);
      changes.version = e.version;
      changes.reason = $("f-reason").value.trim();
      post(evUrl("correct"), changes, function () { closeForms(); });
    });

    $("btn-split").addEventListener("click", function () {
      var e = byId[selected];
      if (!pending) { banner("choose the other place first (search or click the map)", "error"); return; }
      var c = formChanges(formBase && formBase.id === e.id ? formBase : e);
      delete c.place_id; delete c.lat; delete c.lon;
      if (pending.place_id) { c.place_id = pending.place_id; } else { c.lat = pending.lat; c.lon = pending.lon; c.uncertainty_km = pending.uncertainty_km; }
      c.version = e.version;
      c.report_id = report.id;
      c.reason = $("f-reason").value.trim();
      post(evUrl("split"), c, function (body) {
        var made = body.events[0];
        if (report.event_ids.indexOf(made.id) < 0) { report.event_ids.push(made.id); }
        closeForms();
        banner("split: added " + describe(made), "ok");
      });
    });

    $("btn-merge").addEventListener("click", function () {
      var e = byId[selected], into = byId[$("merge-into").value];
      if (!into) { return; }
      post(evUrl("merge"), { version: e.version, into: into.id, into_version: into.version,
                             reason: $("f-reason").value.trim() || "the same fact twice" }, function () { closeForms(); });
    });

    $("btn-accept").addEventListener("click", accept);
    $("btn-correct").addEventListener("click", openCorrect);
    $("btn-retract").addEventListener("click", openRetract);
    $("btn-undo").addEventListener("click", undo);
    $("btn-history").addEventListener("click", function () { $("history").hidden = !$("history").hidden; });

    // --- keys ------------------------------------------------------------------------------
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((ev.target && ev.target.tagName) || "");
      if (ev.key === "Escape") {
        if (pick) { setPick(false); } else { closeForms(); if (typing) { ev.target.blur(); } }
        return;
      }
      if (typing) { return; }
      var k = ev.key;
      if (k === "a") { accept(); }
      else if (k === "n" || k === "j") { selectNext(1, false); }
      else if (k === "p" || k === "k") { selectNext(-1, false); }
      else if (k === "r") { openRetract(); }
      else if (k === "e") { openCorrect(); }
      else if (k === "u") { undo(); }
      else if (k === "/") { if (mode !== "correct" && mode !== "new") { openCorrect(); } $("place-q").focus(); }
      else { return; }
      ev.preventDefault();
    });

    renderAll();
    loadMap();
    var first = events.find(function (e) { return e.review_state === "unreviewed"; }) || events[0];
    if (first) { select(first.id, false); }
    window.frontlineReview = { events: function () { return events; }, select: select,
                               map: function () { return lmap; } };
  }

  document.addEventListener("DOMContentLoaded", function () {
    if ($("job")) { jobPage($("job")); }
    if ($("review")) { reviewPage($("review")); }
  });
})();
