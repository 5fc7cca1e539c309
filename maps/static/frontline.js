/* frontline-tracker map runtime: builds event layers, popups, the time slider,
 * the legend and the title from the compact data block maps/layers.py writes.
 *
 * Report text (places, quotes, sources, claimants) only ever reaches the page
 * through textContent or a checked http(s) href, never through innerHTML, so
 * nothing a report contains can run as markup or script.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url);
  }

  // Every event of one side and kind drawn on one canvas: a Leaflet object per
  // event costs too much at 100,000 events, a batched canvas path does not.
  var EventCanvasLayer = L.Layer.extend({
    options: {pane: "overlayPane", padding: 0.1},

    initialize: function (fl, index) {
      this._fl = fl;
      this._index = index;
      this._sx = null;
      this._sy = null;
    },

    onAdd: function (map) {
      var canvas = this._canvas = L.DomUtil.create("canvas", "fl-events leaflet-zoom-animated");
      canvas.setAttribute("data-layer", this._fl.data.layers[this._index].key);
      this.getPane().appendChild(canvas);
      this._scheduleDraw();
    },

    onRemove: function () {
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
      this._sx = this._sy = null;
    },

    getEvents: function () {
      return {moveend: this._scheduleDraw, resize: this._scheduleDraw, viewreset: this._scheduleDraw,
              zoomanim: this._animateZoom};
    },

    // Draw at most once per frame: opening the map adds the layer and then
    // fits the view, which would otherwise draw every event twice.
    _scheduleDraw: function () {
      if (this._frame) { return; }
      var self = this;
      this._frame = L.Util.requestAnimFrame(function () { self._frame = null; self._draw(); });
    },

    _animateZoom: function (e) {
      if (!this._bounds) { return; }
      var map = this._map, scale = map.getZoomScale(e.zoom, this._zoom);
      var offset = map._latLngBoundsToNewLayerBounds(this._bounds, e.zoom, e.center).min;
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    redraw: function () { if (this._map) { this._scheduleDraw(); } return this; },

    _draw: function () {
      var map = this._map, canvas = this._canvas;
      if (!map || !canvas) { return; }
      var fl = this._fl, d = fl.data, st = d.style, layer = fl.layers[this._index];
      var size = map.getSize(), pad = this.options.padding;
      var topLeft = map.containerPointToLayerPoint(size.multiplyBy(-pad)).round();
      var w = Math.round(size.x * (1 + 2 * pad)), h = Math.round(size.y * (1 + 2 * pad));
      var dpr = window.devicePixelRatio || 1;
      canvas.width = w * dpr; canvas.height = h * dpr;
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
      L.DomUtil.setPosition(canvas, topLeft);
      this._topLeft = topLeft;
      this._zoom = map.getZoom();
      this._bounds = L.latLngBounds(map.layerPointToLatLng(topLeft),
                                    map.layerPointToLatLng(topLeft.add([w, h])));
      var ctx = canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);

      var crs = map.options.crs, t = crs.transformation, s = crs.scale(this._zoom);
      var origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;
      var a = s * t._a, b = s * t._b, c = s * t._c, dd = s * t._d;
      var first = layer.start, n = layer.shown;
      var sx = this._sx = new Float32Array(n), sy = this._sy = new Float32Array(n);
      var r = st.radius, color = layer.spec.color;
      var circles = new Path2D(), anyCircle = false, minCircle = r * 2.5;
      var drawn = new Int32Array(n), m = 0;
      for (var k = 0; k < n; k++) {
        var i = first + k;
        var x = a * fl.mx[i] + b - ox + fl.fanX[i], y = c * fl.my[i] + dd - oy;
        sx[k] = x; sy[k] = y;
        var rc = fl.uncProj[i] > 0 ? fl.uncProj[i] * a : 0;
        var reach = Math.max(rc, r * 2);
        if (x < -reach || y < -reach || x > w + reach || y > h + reach) { continue; }
        // A circle hardly wider than its marker says nothing and costs raster time.
        if (rc >= minCircle) { circles.moveTo(x + rc, y); circles.arc(x, y, rc, 0, 2 * Math.PI); anyCircle = true; }
        drawn[m++] = k;
      }
      if (anyCircle) {
        ctx.globalAlpha = 0.06; ctx.fillStyle = color; ctx.fill(circles);
        ctx.globalAlpha = 0.45; ctx.strokeStyle = color; ctx.lineWidth = 1; ctx.setLineDash([]);
        ctx.stroke(circles);
      }
      ctx.globalAlpha = 1;
      // Markers are stamped from pre-drawn sprites: copying pixels is far
      // cheaper than rasterising 100,000 anti-aliased paths.
      for (var q = 0; q < m; q++) {
        var kk = drawn[q], ii = first + kk;
        var sprite = fl.sprite(color, fl.styleOf[ii], fl.shapeOf[ii]);
        ctx.drawImage(sprite.canvas, Math.round(sx[kk] - sprite.half), Math.round(sy[kk] - sprite.half),
                      sprite.size, sprite.size);
      }
      ctx.globalAlpha = 1; ctx.setLineDash([]);
    },

    // The shown events within reach of a layer point, as {index, d2}.
    hits: function (layerPoint, out) {
      if (!this._sx || !this._topLeft) { return out; }
      var x = layerPoint.x - this._topLeft.x, y = layerPoint.y - this._topLeft.y;
      var reach = this._fl.data.style.radius * 1.6 + 3, max = reach * reach;
      var start = this._fl.layers[this._index].start;
      for (var k = this._sx.length - 1; k >= 0; k--) {
        var dx = this._sx[k] - x, dy = this._sy[k] - y, dist = dx * dx + dy * dy;
        if (dist <= max) { out.push({index: start + k, d2: dist}); }
      }
      return out;
    }
  });

  var SHAPES = ["circle", "triangle", "square", "diamond"];

  function addShape(path, shape, x, y, s) {
    if (shape === 0) {
      path.moveTo(x + s, y); path.arc(x, y, s, 0, 2 * Math.PI);
    } else if (shape === 1) {
      path.moveTo(x, y - s * 1.25); path.lineTo(x + s * 1.15, y + s * 0.85);
      path.lineTo(x - s * 1.15, y + s * 0.85); path.closePath();
    } else if (shape === 2) {
      path.rect(x - s * 0.9, y - s * 0.9, s * 1.8, s * 1.8);
    } else {
      path.moveTo(x, y - s * 1.35); path.lineTo(x + s * 1.35, y);
      path.lineTo(x, y + s * 1.35); path.lineTo(x - s * 1.35, y); path.closePath();
    }
  }

  function svgSymbol(shape, style) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "18"); svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "0 0 18 18");
    var node;
    if (shape === "ring") {
      node = document.createElementNS(SVG_NS, "circle");
      node.setAttribute("cx", "9"); node.setAttribute("cy", "9"); node.setAttribute("r", "7.5");
    } else if (shape === "circle") {
      node = document.createElementNS(SVG_NS, "circle");
      node.setAttribute("cx", "9"); node.setAttribute("cy", "9"); node.setAttribute("r", "5");
    } else {
      node = document.createElementNS(SVG_NS, "polygon");
      node.setAttribute("points", {
        diamond: "9,2 16,9 9,16 2,9", triangle: "9,3 15,14 3,14", square: "4,4 14,4 14,14 4,14"
      }[shape] || "4,4 14,4 14,14 4,14");
    }
    node.setAttribute("fill", style.fill ? style.color : "none");
    node.setAttribute("fill-opacity", style.fill ? String(style.fillOpacity) : "0");
    node.setAttribute("stroke", style.color);
    node.setAttribute("stroke-width", String(style.weight || 1.5));
    if (style.dashArray) { node.setAttribute("stroke-dasharray", style.dashArray); }
    svg.appendChild(node);
    return svg;
  }

  function Frontline(map, data) {
    this.map = map;
    this.data = data;
    this.layers = [];
    this._sprites = {};
    this.step = data.steps.length - 1;
    this._build();
    var self = this;
    map.on("overlayadd overlayremove", function () { self._updateLabel(); });
  }

  Frontline.prototype.str = function (column, i) {
    var v = this.data.ev[column][i];
    return v === undefined || v === null || v < 0 ? "" : this.data.strings[v];
  };

  Frontline.prototype._build = function () {
    var d = this.data, ev = d.ev, st = d.style, map = this.map;
    var n = ev.lat.length;
    // Styles: one per status, plus retracted (faint and dotted whatever its status).
    var statusNames = Object.keys(st.status);
    this.styles = statusNames.map(function (name) {
      var x = st.status[name];
      return {fillOpacity: x.fillOpacity, weight: x.weight, opacity: 1,
              dash: x.dashArray ? x.dashArray.split(/[ ,]+/).map(Number) : []};
    });
    var retractedStyle = this.styles.length;
    this.styles.push({fillOpacity: 0, weight: 1.5, opacity: 0.5, dash: [1, 3]});
    var styleIndex = {};
    statusNames.forEach(function (name, k) { styleIndex[name] = k; });
    var circlePrecision = {};
    st.circlePrecisions.forEach(function (p) { circlePrecision[p] = true; });

    var proj = map.options.crs.projection;
    this.mx = new Float64Array(n); this.my = new Float64Array(n);
    this.uncProj = new Float64Array(n);
    this.styleOf = new Uint8Array(n); this.shapeOf = new Uint8Array(n);
    var kindShape = {};
    for (var kind in st.shapes) { kindShape[kind] = SHAPES.indexOf(st.shapes[kind]); }
    var regionShape = SHAPES.indexOf(st.regionShape);
    var latlng = L.latLng(0, 0);
    for (var i = 0; i < n; i++) {
      latlng.lat = ev.lat[i]; latlng.lng = ev.lon[i];
      var p = proj.project(latlng);
      this.mx[i] = p.x; this.my[i] = p.y;
      var precision = this.str("precision", i);
      if (ev.unc[i] > 0 && circlePrecision[precision]) {
        // Web Mercator stretches distances by 1 / cos(latitude).
        this.uncProj[i] = ev.unc[i] * 1000 / Math.max(Math.cos(ev.lat[i] * Math.PI / 180), 0.01);
      }
      var status = this.str("status", i);
      this.styleOf[i] = ev.retracted[i] ? retractedStyle
        : (styleIndex[status] !== undefined ? styleIndex[status] : styleIndex[""]);
      var spec = d.layers[ev.layer[i]];
      var shape = precision === "region" ? regionShape : kindShape[spec.kind];
      this.shapeOf[i] = shape >= 0 ? shape : 0;
    }
    // Events of different layers at one point (a Ukrainian advance and a North
    // Korean deployment both "in Kursk Oblast") would hide each other: fan the
    // layers out side by side, a symbol's width apart.
    this.fanX = new Float32Array(n);
    var atPoint = {}, fanStep = st.radius * 2.6;
    for (var f = 0; f < n; f++) {
      var pk = Math.round(ev.lat[f] * 1e4) + "|" + Math.round(ev.lon[f] * 1e4);
      var slot = atPoint[pk] || (atPoint[pk] = {layers: [], of: {}});
      if (slot.of[ev.layer[f]] === undefined) { slot.of[ev.layer[f]] = slot.layers.length; slot.layers.push(ev.layer[f]); }
    }
    for (var g2 = 0; g2 < n; g2++) {
      var sl = atPoint[Math.round(ev.lat[g2] * 1e4) + "|" + Math.round(ev.lon[g2] * 1e4)];
      if (sl.layers.length > 1) { this.fanX[g2] = (sl.of[ev.layer[g2]] - (sl.layers.length - 1) / 2) * fanStep; }
    }
    for (var li = 0; li < d.layers.length; li++) {
      var spec2 = d.layers[li];
      var layer = {spec: spec2, start: spec2.start, end: spec2.end, cum: spec2.cum,
                   shown: spec2.end - spec2.start};
      layer.group = new EventCanvasLayer(this, li);
      this.layers.push(layer);
    }
    map.on("click", this._onClick, this);
    map.on("mousemove", L.Util.throttle(this._onHover, 50, this), this);
    this.showThrough(this.step);
  };


  Frontline.prototype.sprite = function (color, styleIdx, shape) {
    var key = color + "|" + styleIdx + "|" + shape;
    var cached = this._sprites[key];
    if (cached) { return cached; }
    var style = this.styles[styleIdx], r = this.data.style.radius;
    var dpr = window.devicePixelRatio || 1;
    var half = Math.ceil(r * 1.4 + style.weight + 1), size = half * 2;
    var canvas = document.createElement("canvas");
    canvas.width = size * dpr; canvas.height = size * dpr;
    var ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    var path = new Path2D();
    addShape(path, shape, half, half, r);
    if (style.fillOpacity > 0) { ctx.globalAlpha = style.fillOpacity; ctx.fillStyle = color; ctx.fill(path); }
    ctx.globalAlpha = style.opacity; ctx.strokeStyle = color; ctx.lineWidth = style.weight;
    ctx.setLineDash(style.dash); ctx.stroke(path);
    return (this._sprites[key] = {canvas: canvas, half: half, size: size});
  };

  Frontline.prototype.showThrough = function (step) {
    step = Math.max(0, Math.min(step, this.data.steps.length - 1));
    this.step = step;
    for (var li = 0; li < this.layers.length; li++) {
      var layer = this.layers[li], want = layer.cum[step] || 0;
      if (want !== layer.shown) {
        layer.shown = want;
        layer.group.redraw();
        if (this.labels) { this.labels.redraw(); }
      }
    }
    this._updateLabel();
  };

  // Event indexes under a layer point: nearest first, then latest first, so
  // a town reported on many days opens on its newest report.
  Frontline.prototype.hits = function (layerPoint) {
    var found = [], self = this;
    for (var li = 0; li < this.layers.length; li++) {
      var g = this.layers[li].group;
      if (this.map.hasLayer(g)) { g.hits(layerPoint, found); }
    }
    found.sort(function (p, q) {
      // events at one spot (fanned apart only for display) keep their date order
      var same = self.mx[p.index] === self.mx[q.index] && self.my[p.index] === self.my[q.index];
      var dp = Math.round(Math.sqrt(p.d2)), dq = Math.round(Math.sqrt(q.d2));
      if (dp !== dq && !same) { return dp - dq; }
      var ep = self.str("event_date", p.index), eq = self.str("event_date", q.index);
      return ep < eq ? 1 : ep > eq ? -1 : p.index - q.index;
    });
    return found.map(function (h) { return h.index; });
  };

  Frontline.prototype._onHover = function (e) {
    this.map.getContainer().style.cursor = this.hits(e.layerPoint).length ? "pointer" : "";
  };

  Frontline.prototype.visibleCount = function () {
    var total = 0;
    for (var li = 0; li < this.layers.length; li++) {
      if (this.map.hasLayer(this.layers[li].group)) { total += this.layers[li].shown; }
    }
    return total;
  };

  Frontline.prototype._onClick = function (e) {
    var found = this.hits(e.layerPoint);
    if (found.length) { this.openPopup(found); }
  };

  // Open a popup for one event index or a list of them (events drawn on top
  // of each other: a town reported on many days).
  Frontline.prototype.openPopup = function (indexes) {
    if (!Array.isArray(indexes)) { indexes = [indexes]; }
    var limit = 10, i0 = indexes[0], content;
    if (indexes.length === 1) {
      content = this.popupNode(i0);
    } else {
      content = el("div", "fl-popup-list");
      content.appendChild(el("div", "fl-popup-count", indexes.length + " events here" +
        (indexes.length > limit ? " (the " + limit + " latest shown; zoom in or use the slider)" : "")));
      for (var k = 0; k < Math.min(limit, indexes.length); k++) {
        if (k) { content.appendChild(el("hr", "fl-popup-sep")); }
        content.appendChild(this.popupNode(indexes[k]));
      }
    }
    return L.popup({maxWidth: 420, minWidth: 260, maxHeight: 420, autoPanPadding: [20, 20]})
      .setLatLng([this.data.ev.lat[i0], this.data.ev.lon[i0]])
      .setContent(content)
      .openOn(this.map);
  };

  Frontline.prototype.popupNode = function (i) {
    var d = this.data, self = this;
    var spec = d.layers[d.ev.layer[i]];
    var root = el("div", "fl-popup");
    root.setAttribute("data-event-id", d.ev.id[i]);
    var head = el("div", "fl-popup-head");
    var swatch = el("span", "fl-swatch");
    swatch.style.background = spec.color;
    head.appendChild(swatch);
    head.appendChild(document.createTextNode(spec.single + (d.ev.retracted[i] ? " (retracted)" : "")));
    root.appendChild(head);
    var table = el("table", "fl-popup-table");
    function row(label, value) {
      if (value === "" || value === null || value === undefined) { return; }
      var tr = el("tr");
      tr.appendChild(el("th", null, label));
      var td = el("td");
      if (typeof value === "string") { td.textContent = value; } else { td.appendChild(value); }
      tr.appendChild(td);
      table.appendChild(tr);
    }
    function link(url) {
      if (!isWebUrl(url)) { return el("span", "fl-source", url); }
      var a = el("a", "fl-source", url);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      return a;
    }
    var s = function (c) { return self.str(c, i); };
    var side = s("side"), actor = s("actor");
    row("Side", (d.sideLabels[side] || side) + (actor ? " — " + actor : ""));
    row("Kind", s("kind"));
    var status = s("status"), claimant = s("claimant");
    row("Status", status ? status + (claimant ? " (by " + claimant + ")" : "") : "");
    if (!status) { row("Claimant", claimant); }
    row("Place as written", s("place"));
    var resolved = [s("place_name"), s("admin1"), s("country")].filter(Boolean).join(", ");
    var pid = s("place_id");
    row("Resolved as", resolved + (pid ? " [" + pid + "]" : ""));
    row("Relation", s("relation"));
    var unc = d.ev.unc[i];
    var precision = s("precision");
    row("Precision", precision + (unc > 0 ? " (within ~" + (Math.round(unc * 10) / 10) + " km)" : ""));
    var dp = s("date_precision");
    row("Event date", s("event_date") + (dp ? " (" + (d.datePrecisions[dp] || dp) + ")" : ""));
    row("Report date", s("report_date"));
    var quote = s("quote");
    if (quote) { row("Quote", el("blockquote", "fl-quote", quote)); }
    var source = s("source");
    if (source) { row("Source", link(source)); }
    var others = [];
    try {
      var parsed = JSON.parse(s("sources") || "[]");
      if (Array.isArray(parsed)) { others = parsed.filter(function (x) { return x !== source; }); }
    } catch (err) { others = []; }
    if (others.length) {
      var list = el("div", "fl-sources");
      others.forEach(function (x) { list.appendChild(link(String(x))); list.appendChild(el("br")); });
      row("Also reported by", list);
    }
    row("Place note", s("place_note"));
    row("Event id", el("code", null, d.ev.id[i]));
    root.appendChild(table);
    return root;
  };

  Frontline.prototype._updateLabel = function () {
    if (!this._label) { return; }
    var steps = this.data.steps, last = this.step >= steps.length - 1;
    var when = last ? "all dates" : "through " + steps[this.step];
    this._label.textContent = when + " · " + this.visibleCount() + " shown";
    if (this._input) { this._input.value = String(this.step); }
  };

  Frontline.prototype.addSlider = function (options) {
    var self = this, steps = this.data.steps;
    var control = L.control({position: options.position || "bottomleft"});
    control.onAdd = function () {
      var box = el("div", "fl-slider leaflet-bar");
      var play = el("button", "fl-play", "▶");
      play.type = "button"; play.title = "Play: add events " + options.unit + " by " + options.unit;
      var input = el("input", "fl-range");
      input.type = "range"; input.min = "0"; input.max = String(Math.max(steps.length - 1, 0));
      input.step = "1"; input.value = String(self.step);
      input.setAttribute("aria-label", "Show events through this " + options.unit);
      var all = el("button", "fl-all", "All");
      all.type = "button"; all.title = "Show every date";
      var label = el("span", "fl-slider-label");
      box.appendChild(play); box.appendChild(input); box.appendChild(all); box.appendChild(label);
      self._label = label; self._input = input;
      input.addEventListener("input", function () { self.stop(); self.showThrough(parseInt(input.value, 10)); });
      all.addEventListener("click", function () { self.stop(); self.showThrough(steps.length - 1); });
      play.addEventListener("click", function () {
        if (self._timer) { self.stop(); return; }
        play.textContent = "❚❚";
        var at = self.step >= steps.length - 1 ? 0 : self.step + 1;
        self.showThrough(at);
        self._timer = setInterval(function () {
          if (self.step >= steps.length - 1) { self.stop(); return; }
          self.showThrough(self.step + 1);
        }, options.interval || 700);
      });
      self._play = play;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(this.map);
    this._updateLabel();
    return control;
  };

  Frontline.prototype.stop = function () {
    if (this._timer) { clearInterval(this._timer); this._timer = null; }
    if (this._play) { this._play.textContent = "▶"; }
  };

  Frontline.prototype.addTitle = function (title, subtitle) {
    var box = el("div", "fl-title");
    box.appendChild(el("div", "fl-title-main", title));
    if (subtitle) { box.appendChild(el("div", "fl-title-sub", subtitle)); }
    L.DomEvent.disableClickPropagation(box);
    this.map.getContainer().appendChild(box);
    return box;
  };

  Frontline.prototype.addLegend = function (legend) {
    var control = L.control({position: legend.position || "bottomright"});
    control.onAdd = function () {
      var box = el("div", "fl-legend");
      legend.sections.forEach(function (section) {
        box.appendChild(el("div", "fl-legend-head", section.title));
        section.items.forEach(function (item) {
          var line = el("div", "fl-legend-item");
          line.appendChild(svgSymbol(item.shape, item.style));
          line.appendChild(el("span", null, item.label));
          box.appendChild(line);
        });
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(this.map);
    return control;
  };


  // ---- Offline base map: land, lakes, rivers, oblast lines, borders on one canvas ----

  function decodeRings(rings, scale, proj) {
    // Each ring: x0, y0 then deltas, in 1/scale degrees -> projected (Web Mercator metres).
    var out = [], latlng = L.latLng(0, 0);
    for (var r = 0; r < rings.length; r++) {
      var ring = rings[r], n = ring.length / 2, xy = new Float64Array(ring.length);
      var x = 0, y = 0;
      for (var k = 0; k < n; k++) {
        x += ring[2 * k]; y += ring[2 * k + 1];
        latlng.lng = x / scale; latlng.lat = Math.max(-85, Math.min(85, y / scale));
        var p = proj.project(latlng);
        xy[2 * k] = p.x; xy[2 * k + 1] = p.y;
      }
      out.push(xy);
    }
    return out;
  }

  var BASE_STYLE = {
    land: "#f4f1e8", landStroke: "#9fb3c4", water: "#cfe0ec", river: "#6f9cc7",
    admin1: "#8c8c8c", border: "#4a4a4a", borderHalo: "rgba(255,255,255,0.85)", world: "#8a8a8a"
  };

  // A canvas redrawn on every move: a few tens of thousands of vertices cost far
  // less than the tiles they stand in for, and no request leaves the page.
  var CanvasPaneLayer = L.Layer.extend({
    options: {pane: "overlayPane", padding: 0.1, cls: "fl-canvas"},

    initialize: function (paint, options) { L.setOptions(this, options); this._paint = paint; },

    onAdd: function () {
      this._canvas = L.DomUtil.create("canvas", this.options.cls + " leaflet-zoom-animated");
      this.getPane().appendChild(this._canvas);
      this._scheduleDraw();
    },

    onRemove: function () { L.DomUtil.remove(this._canvas); this._canvas = null; },

    getEvents: function () {
      return {moveend: this._scheduleDraw, resize: this._scheduleDraw, viewreset: this._scheduleDraw,
              zoomanim: this._animateZoom};
    },

    _scheduleDraw: function () {
      if (this._frame) { return; }
      var self = this;
      this._frame = L.Util.requestAnimFrame(function () { self._frame = null; self._draw(); });
    },

    redraw: function () { if (this._map) { this._scheduleDraw(); } return this; },

    _animateZoom: function (e) {
      if (!this._bounds) { return; }
      var map = this._map, scale = map.getZoomScale(e.zoom, this._zoom);
      var offset = map._latLngBoundsToNewLayerBounds(this._bounds, e.zoom, e.center).min;
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    _draw: function () {
      var map = this._map, canvas = this._canvas;
      if (!map || !canvas) { return; }
      var size = map.getSize(), pad = this.options.padding;
      var topLeft = map.containerPointToLayerPoint(size.multiplyBy(-pad)).round();
      var w = Math.round(size.x * (1 + 2 * pad)), h = Math.round(size.y * (1 + 2 * pad));
      var dpr = window.devicePixelRatio || 1;
      canvas.width = w * dpr; canvas.height = h * dpr;
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
      L.DomUtil.setPosition(canvas, topLeft);
      this._zoom = map.getZoom();
      this._bounds = L.latLngBounds(map.layerPointToLatLng(topLeft), map.layerPointToLatLng(topLeft.add([w, h])));
      var ctx = canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      var crs = map.options.crs, t = crs.transformation, s = crs.scale(this._zoom);
      var origin = map.getPixelOrigin();
      var view = {a: s * t._a, b: s * t._b - origin.x - topLeft.x, c: s * t._c, d: s * t._d - origin.y - topLeft.y,
                  w: w, h: h, zoom: this._zoom, offsetX: -topLeft.x - origin.x, offsetY: -topLeft.y - origin.y,
                  padX: size.x * pad, padY: size.y * pad};
      this._paint(ctx, view);
    }
  });

  function tracePath(path, rings, v, close) {
    for (var r = 0; r < rings.length; r++) {
      var xy = rings[r], n = xy.length / 2;
      path.moveTo(v.a * xy[0] + v.b, v.c * xy[1] + v.d);
      for (var k = 1; k < n; k++) { path.lineTo(v.a * xy[2 * k] + v.b, v.c * xy[2 * k + 1] + v.d); }
      if (close) { path.closePath(); }
    }
  }

  Frontline.prototype.addBase = function (base) {
    var map = this.map, proj = map.options.crs.projection, self = this;
    var g = {
      land: decodeRings(base.land, base.scale, proj),
      landWorld: decodeRings(base.landWorld, base.coarse, proj),
      lakes: decodeRings(base.lakes, base.scale, proj),
      rivers: decodeRings(base.rivers, base.scale, proj),
      admin1: decodeRings(base.admin1, base.scale, proj),
      borders: decodeRings(base.borders, base.scale, proj),
      world: decodeRings(base.worldLines, base.coarse, proj)
    };
    if (!map.getPane("fl-base")) {
      map.createPane("fl-base").style.zIndex = 150;    // under tiles (200) and events (400)
      var lp = map.createPane("fl-labels");             // over events, under popups
      lp.style.zIndex = 450; lp.style.pointerEvents = "none";
    }
    var st = BASE_STYLE;
    this.base = new CanvasPaneLayer(function (ctx, v) {
      var z = v.zoom, p;
      p = new Path2D(); tracePath(p, g.landWorld, v, true); tracePath(p, g.land, v, true);
      ctx.fillStyle = st.land; ctx.fill(p, "evenodd");
      ctx.strokeStyle = st.landStroke; ctx.lineWidth = 0.8; ctx.stroke(p);
      p = new Path2D(); tracePath(p, g.lakes, v, true);
      ctx.fillStyle = st.water; ctx.fill(p, "evenodd");
      ctx.strokeStyle = st.river; ctx.lineWidth = 0.6; ctx.stroke(p);
      p = new Path2D(); tracePath(p, g.rivers, v, false);
      ctx.strokeStyle = st.river; ctx.lineWidth = z >= 9 ? 2 : z >= 7 ? 1.4 : 0.9; ctx.stroke(p);
      p = new Path2D(); tracePath(p, g.world, v, false);
      ctx.strokeStyle = st.world; ctx.lineWidth = 0.8; ctx.stroke(p);
      if (z >= 5) {
        p = new Path2D(); tracePath(p, g.admin1, v, false);
        ctx.strokeStyle = st.admin1; ctx.lineWidth = z >= 8 ? 1.2 : 0.9; ctx.setLineDash([5, 3]);
        ctx.stroke(p); ctx.setLineDash([]);
      }
      p = new Path2D(); tracePath(p, g.borders, v, false);
      ctx.strokeStyle = st.borderHalo; ctx.lineWidth = 4; ctx.stroke(p);
      ctx.strokeStyle = st.border; ctx.lineWidth = z >= 7 ? 2 : 1.5; ctx.stroke(p);
    }, {pane: "fl-base", cls: "fl-base"});
    this.base.addTo(map);

    // Towns: projected once; the label layer picks by zoom, largest first.
    var towns = base.towns, nt = towns.name.length, latlng = L.latLng(0, 0);
    this._towns = {name: towns.name, pop: towns.pop, x: new Float64Array(nt), y: new Float64Array(nt)};
    for (var i = 0; i < nt; i++) {
      latlng.lat = towns.lat[i]; latlng.lng = towns.lon[i];
      var q = proj.project(latlng); this._towns.x[i] = q.x; this._towns.y[i] = q.y;
    }
    this._townPop = {};
    for (var j = nt - 1; j >= 0; j--) { this._townPop[towns.name[j]] = towns.pop[j]; }
    this._units = base.units.map(function (u) {
      latlng.lat = u[1]; latlng.lng = u[2];
      var q = proj.project(latlng); return {name: u[0], x: q.x, y: q.y};
    });
    this._addLabels();
    if (base.attribution && map.attributionControl) { map.attributionControl.addAttribution(base.attribution); }
    return this.base;
  };

  // Smallest population a town needs to be named at a zoom: larger towns first.
  function townThreshold(z) {
    return z <= 4 ? 1e6 : z <= 5 ? 400000 : z <= 6 ? 150000 : z <= 7 ? 60000 : z <= 8 ? 25000 : z <= 9 ? 10000 : 0;
  }

  Frontline.prototype._eventPlaces = function () {
    // One label per place name, ranked by how many shown events it holds.
    var d = this.data, ev = d.ev, byKey = {}, list = [];
    for (var li = 0; li < this.layers.length; li++) {
      var layer = this.layers[li];
      if (!this.map.hasLayer(layer.group)) { continue; }
      for (var i = layer.start; i < layer.start + layer.shown; i++) {
        var name = this.str("place_name", i) || this.str("place", i);
        if (!name) { continue; }
        var key = name + "|" + Math.round(ev.lat[i] * 20) + "|" + Math.round(ev.lon[i] * 20);
        var e = byKey[key];
        if (!e) { e = byKey[key] = {name: name, x: this.mx[i], y: this.my[i], n: 0, dx: 0}; list.push(e); }
        e.n++;
        if (this.fanX[i] > e.dx) { e.dx = this.fanX[i]; }
      }
    }
    var pop = this._townPop || {};
    list.sort(function (p, q) {
      return q.n - p.n || (pop[q.name] || 0) - (pop[p.name] || 0) || (p.name < q.name ? -1 : 1);
    });
    return list;
  };

  Frontline.prototype._addLabels = function () {
    var self = this;
    this._placed = [];
    this.labels = new CanvasPaneLayer(function (ctx, v) {
      var placed = [], boxes = [], z = v.zoom;
      function free(x0, y0, x1, y1) {
        for (var k = 0; k < boxes.length; k++) {
          var b = boxes[k];
          if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) { return false; }
        }
        return true;
      }
      function inView(x, y) { return x > v.padX - 50 && y > v.padY - 20 && x < v.w - v.padX + 50 && y < v.h - v.padY + 20; }
      function label(text, x, y, font, color, kind, dot, anywhere) {
        ctx.font = font;
        var tw = ctx.measureText(text).width, th = parseInt(font.match(/(\d+)px/)[1], 10);
        var gap = dot ? 5 : 8;
        // right of the point first, then left, above and below (event labels only)
        var spots = [[x + gap, y + th * 0.35]];
        if (anywhere) { spots.push([x - gap - tw, y + th * 0.35], [x - tw / 2, y - gap], [x - tw / 2, y + gap + th * 0.8]); }
        for (var sIdx = 0; sIdx < spots.length; sIdx++) {
          var lx = spots[sIdx][0], ly = spots[sIdx][1];
          var box = [lx - 2, ly - th, lx + tw + 2, ly + 3];
          if (!free(box[0], box[1], box[2], box[3])) { continue; }
          boxes.push(box);
          // reserve the symbol itself so no other label covers it
          boxes.push([x - 4, y - 4, x + 4, y + 4]);
          if (dot) { ctx.fillStyle = "#555"; ctx.beginPath(); ctx.arc(x, y, 2.2, 0, 2 * Math.PI); ctx.fill(); }
          ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.lineJoin = "round";
          ctx.strokeText(text, lx, ly); ctx.fillStyle = color; ctx.fillText(text, lx, ly);
          placed.push({text: text, kind: kind, x: x - v.padX, y: y - v.padY});
          return true;
        }
        return false;
      }
      // 1. the places events happened, most events first
      if (z >= 5) {
        var places = self._eventPlaces(), limit = z >= 8 ? 400 : 60;
        for (var i = 0; i < places.length && placed.length < limit; i++) {
          var p = places[i], px = v.a * p.x + v.b, py = v.c * p.y + v.d;
          if (inView(px, py)) { label(p.name, px + p.dx, py, "bold 13px system-ui, sans-serif", "#111", "event", false, true); }
        }
      }
      // 2. the largest towns of the view before region names: "Donetsk" matters more than "Donetsk Oblast"
      var t = self._towns, min = townThreshold(z), big = Math.max(min, 250000), k = 0;
      function townLabel(k) {
        var tx = v.a * t.x[k] + v.b, ty = v.c * t.y[k] + v.d;
        if (inView(tx, ty)) { label(t.name[k], tx, ty, (t.pop[k] >= 500000 ? "12px" : "11px") + " system-ui, sans-serif", "#444", "town", true); }
      }
      for (; k < t.name.length && t.pop[k] >= big; k++) { townLabel(k); }
      // 3. oblast and region names while the whole front is in view
      if (z >= 5 && z <= 8) {
        ctx.save();
        for (var u = 0; u < self._units.length; u++) {
          var un = self._units[u], ux = v.a * un.x + v.b, uy = v.c * un.y + v.d;
          if (!inView(ux, uy)) { continue; }
          ctx.font = "italic 11px system-ui, sans-serif";
          var uw = ctx.measureText(un.name).width, ub = null;
          // at the unit's point, or a line above or below it when a town's name is there
          for (var dy = 0; dy <= 32 && !ub; dy = dy > 0 ? -dy : 16 - dy) {
            var tryBox = [ux - uw / 2 - 2, uy + dy - 10, ux + uw / 2 + 2, uy + dy + 3];
            if (free(tryBox[0], tryBox[1], tryBox[2], tryBox[3])) { ub = tryBox; uy += dy; }
          }
          if (!ub) { continue; }
          boxes.push(ub);
          ctx.fillStyle = "rgba(90,90,110,0.75)"; ctx.textAlign = "center";
          ctx.fillText(un.name, ux, uy);
          placed.push({text: un.name, kind: "region", x: ux - v.padX, y: uy - v.padY});
        }
        ctx.restore();
      }
      // 4. the other towns, largest first, never over another label
      for (; k < t.name.length && t.pop[k] >= min; k++) { townLabel(k); }
      self._placed = placed;
    }, {pane: "fl-labels", cls: "fl-labels"});
    this.labels.addTo(this.map);
    this.map.on("overlayadd overlayremove", function () { self.labels.redraw(); });
  };

  // The labels drawn in the last frame: [{text, kind: event|region|town, x, y}] in container pixels.
  Frontline.prototype.drawnLabels = function () { return this._placed || []; };

  // "6 events outside the view: Khabarovsk Krai ↗", each group a button that flies there.
  Frontline.prototype.addOutsideNote = function (groups) {
    var self = this;
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var box = el("div", "fl-outside leaflet-bar");
      var total = groups.reduce(function (s, g) { return s + g.count; }, 0);
      box.appendChild(el("div", "fl-outside-head", total + " event" + (total === 1 ? "" : "s") + " outside the view:"));
      groups.forEach(function (g) {
        var b = el("button", "fl-outside-go", g.count + " · " + g.label + " " + g.arrow);
        b.type = "button"; b.title = "Show these events";
        b.addEventListener("click", function () {
          self.map.flyToBounds(g.bounds, {padding: [40, 40], maxZoom: 9, duration: 0.8});
        });
        box.appendChild(b);
      });
      var back = el("button", "fl-outside-back", "↺ back to the front");
      back.type = "button";
      back.addEventListener("click", function () { self.map.flyToBounds(self.homeBounds, {duration: 0.8}); });
      box.appendChild(back);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(this.map);
    return control;
  };

  Frontline.fromElement = function (map, elementId) {
    var data = JSON.parse(document.getElementById(elementId).textContent);
    return (window.frontline = new Frontline(map, data));
  };

  window.Frontline = Frontline;
})();
