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

  // Canvas markers with a shape, so kind and region-level precision read at a
  // glance without one DOM node per event.
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var shape = this.options.shape;
      var r = this._renderer;
      if (!shape || shape === "circle" || !r || !r._ctx) {
        return L.CircleMarker.prototype._updatePath.call(this);
      }
      if (!r._drawing || this._empty()) { return; }
      var p = this._point, ctx = r._ctx, s = Math.max(Math.round(this._radius), 1);
      ctx.beginPath();
      if (shape === "diamond") {
        ctx.moveTo(p.x, p.y - s * 1.35); ctx.lineTo(p.x + s * 1.35, p.y);
        ctx.lineTo(p.x, p.y + s * 1.35); ctx.lineTo(p.x - s * 1.35, p.y);
      } else if (shape === "triangle") {
        ctx.moveTo(p.x, p.y - s * 1.25); ctx.lineTo(p.x + s * 1.15, p.y + s * 0.85);
        ctx.lineTo(p.x - s * 1.15, p.y + s * 0.85);
      } else {
        ctx.rect(p.x - s * 0.9, p.y - s * 0.9, s * 1.8, s * 1.8);
      }
      ctx.closePath();
      r._fillStroke(ctx, this);
    }
  });

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
    node.setAttribute("fill", style.fill ? style.fillColor || style.color : "none");
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
    this.markers = [];
    this.circles = [];
    this.step = data.steps.length - 1;
    this.renderer = L.canvas({padding: 0.5});
    this._build();
    var self = this;
    map.on("overlayadd overlayremove", function () { self._updateLabel(); });
  }

  Frontline.prototype.str = function (column, i) {
    var v = this.data.ev[column][i];
    return v === undefined || v === null || v < 0 ? "" : this.data.strings[v];
  };

  Frontline.prototype._build = function () {
    var d = this.data, ev = d.ev, st = d.style, self = this;
    var n = ev.lat.length;
    for (var li = 0; li < d.layers.length; li++) {
      var spec = d.layers[li];
      var group = L.featureGroup();
      var layer = {spec: spec, group: group, start: spec.start, end: spec.end, cum: spec.cum, shown: 0};
      group.on("click", this._onClick, this);
      this.layers.push(layer);
    }
    for (var i = 0; i < n; i++) {
      var spec2 = d.layers[ev.layer[i]];
      var status = this.str("status", i);
      var precision = this.str("precision", i);
      var sstyle = st.status[status] || st.status[""];
      var shape = precision === "region" ? st.regionShape : (st.shapes[spec2.kind] || "circle");
      var latlng = [ev.lat[i], ev.lon[i]];
      var opts = {
        renderer: this.renderer, shape: shape, radius: st.radius,
        color: spec2.color, fillColor: spec2.color, weight: sstyle.weight,
        fill: true, fillOpacity: sstyle.fillOpacity, opacity: 1,
        dashArray: sstyle.dashArray || null
      };
      if (ev.retracted[i]) { opts.opacity = 0.5; opts.fillOpacity = 0; opts.dashArray = "1 3"; }
      var marker = new ShapeMarker(latlng, opts);
      marker._fl = i;
      this.markers.push(marker);
      var unc = ev.unc[i];
      if (unc > 0 && st.circlePrecisions.indexOf(precision) >= 0) {
        var circle = L.circle(latlng, {
          renderer: this.renderer, radius: unc * 1000, color: spec2.color, weight: 1,
          opacity: 0.6, dashArray: "4 4", fill: true, fillColor: spec2.color,
          fillOpacity: 0.06, interactive: false
        });
        this.circles.push(circle);
      } else {
        this.circles.push(null);
      }
    }
    this.showThrough(this.step);
  };

  Frontline.prototype.showThrough = function (step) {
    step = Math.max(0, Math.min(step, this.data.steps.length - 1));
    this.step = step;
    for (var li = 0; li < this.layers.length; li++) {
      var layer = this.layers[li], want = layer.cum[step] || 0, g = layer.group, i;
      while (layer.shown < want) {
        i = layer.start + layer.shown;
        if (this.circles[i]) { g.addLayer(this.circles[i]); }
        g.addLayer(this.markers[i]);
        layer.shown++;
      }
      while (layer.shown > want) {
        layer.shown--;
        i = layer.start + layer.shown;
        g.removeLayer(this.markers[i]);
        if (this.circles[i]) { g.removeLayer(this.circles[i]); }
      }
    }
    this._updateLabel();
  };

  Frontline.prototype.visibleCount = function () {
    var total = 0;
    for (var li = 0; li < this.layers.length; li++) {
      if (this.map.hasLayer(this.layers[li].group)) { total += this.layers[li].shown; }
    }
    return total;
  };

  Frontline.prototype._onClick = function (e) {
    var i = e.layer && e.layer._fl;
    if (i === undefined) { return; }
    L.popup({maxWidth: 420, minWidth: 260, autoPanPadding: [20, 20]})
      .setLatLng(this.markers[i].getLatLng())
      .setContent(this.popupNode(i))
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

  Frontline.fromElement = function (map, elementId) {
    var data = JSON.parse(document.getElementById(elementId).textContent);
    var fl = new Frontline(map, data);
    (window.frontlineMaps = window.frontlineMaps || []).push(fl);
    window.frontline = fl;
    return fl;
  };

  window.Frontline = Frontline;
})();
