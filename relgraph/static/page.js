/* relgraph page script.
 *
 * The data arrives once, as JSON in the script element "relgraph-data". Every piece of
 * text from it is written with textContent or createTextNode: this script never
 * uses innerHTML, outerHTML, insertAdjacentHTML or document.write, never hands
 * vis-network a `title` (vis writes those into the page as markup), and links
 * only to http and https addresses.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("relgraph-data").textContent);
  var FONT =
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", ' +
    '"Liberation Sans", sans-serif';
  var ALLEGED = new Set(["alleged", "disputed"]);
  var COLOR_RE = /^#[0-9a-fA-F]{6}$/;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var DETAIL_SCALE = 0.35;

  // -- lookups -----------------------------------------------------------------
  /* Data text is never used as a key of a plain object: an id such as "constructor" or
   * "__proto__" would find Object.prototype's members. Every index is a Map. */
  function mapOf(obj) { return new Map(Object.entries(obj || {})); }
  /* vis-network keeps its nodes and edges in plain objects keyed by id, so an actor or a
   * relation called "constructor" would find Object.prototype's member there and stop the
   * drawing. Such an id is handed to vis-network with a space after it (no id of the data
   * holds a space); visId and dataId translate at every call into vis-network and back. */
  function visId(id) { return id in Object.prototype ? id + " " : id; }
  function dataId(v) { return typeof v === "string" && v.slice(-1) === " " ? v.slice(0, -1) : v; }
  function byId(list) {
    var map = new Map();
    list.forEach(function (item) { map.set(item.id, item); });
    return map;
  }
  var nodeById = byId(DATA.nodes);
  var edgeById = byId(DATA.edges);
  var kindById = byId(DATA.kinds);
  var categoryById = byId(DATA.categories);
  var signById = byId(DATA.signs);
  var statusById = byId(DATA.statuses);
  var types = mapOf(DATA.types);
  var sources = mapOf(DATA.sources);
  var reliability = mapOf(DATA.reliability);
  var credibility = mapOf(DATA.credibility);
  var settings = DATA.settings;
  var metricLabels = mapOf(settings.metric_labels);
  var metricHelp = mapOf(settings.metric_help);
  var edgesOf = new Map();
  DATA.nodes.forEach(function (n) { edgesOf.set(n.id, []); });
  DATA.edges.forEach(function (e) {
    edgesOf.get(e.from).push(e.id);
    if (e.to !== e.from) edgesOf.get(e.to).push(e.id);
  });
  var claimsOf = new Map();
  DATA.claims.forEach(function (c) {
    if (!claimsOf.has(c.entity)) claimsOf.set(c.entity, []);
    claimsOf.get(c.entity).push(c);
  });
  var ranks = new Map();
  settings.metrics.forEach(function (m) {
    var order = DATA.nodes.slice().sort(function (a, b) {
      return ((b.metrics || {})[m] || 0) - ((a.metrics || {})[m] || 0);
    });
    var rank = new Map();
    var last = null;
    var place = 0;
    order.forEach(function (n, i) {
      var v = (n.metrics || {})[m] || 0;
      if (v !== last) { place = i + 1; last = v; }
      rank.set(n.id, place);
    });
    ranks.set(m, rank);
  });

  // -- small helpers -------------------------------------------------------------
  function $(id) { return document.getElementById(id); }

  /* Build an element. Text goes in as text nodes, never as markup. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "class") el.className = value;
        else if (key === "text") el.textContent = String(value);
        else if (key === "onclick") el.addEventListener("click", value);
        else el.setAttribute(key, value === true ? "" : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function color(value, fallback) { return COLOR_RE.test(value || "") ? value : fallback; }
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function shorten(text, max) {
    var chars = Array.from(String(text).replace(/\s+/g, " ").trim());
    return chars.length > max ? chars.slice(0, max - 1).join("") + "\u2026" : chars.join("");
  }
  function shade(hex, amount) {
    var c = color(hex, "#888888");
    var out = "#";
    for (var i = 1; i < 7; i += 2) {
      var v = Math.round(parseInt(c.slice(i, i + 2), 16) * (1 - amount));
      out += ("0" + Math.max(0, Math.min(255, v)).toString(16)).slice(-2);
    }
    return out;
  }
  function tint(hex, amount) {
    var c = color(hex, "#888888");
    var out = "#";
    for (var i = 1; i < 7; i += 2) {
      var v = parseInt(c.slice(i, i + 2), 16);
      v = Math.round(v + (255 - v) * amount);
      out += ("0" + v.toString(16)).slice(-2);
    }
    return out;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function fmt(v) {
    if (v === undefined || v === null) return "\u2013";
    if (Number.isInteger(v)) return String(v);
    if (Math.abs(v) >= 10) return v.toFixed(1);
    return Math.abs(v) >= 0.001 ? v.toFixed(3) : v.toExponential(1);
  }
  function nameOf(id) { var n = nodeById.get(id); return n ? n.name : id; }
  function kindOf(n) {
    return kindById.get(n.kind) || { id: n.kind, label: n.kind, color: "#888888", shape: "dot" };
  }
  function typeOf(e) {
    return types.get(e.type) || { label: e.type, inverse_label: e.type, category: "", directed: true };
  }
  /* A second cue for a relation's category besides its colour: a mark at the middle of
   * the line (none for the first category), the same in the legend. */
  var MARKS = [null, "circle", "box", "diamond", "bar"];
  var markOf = new Map();
  DATA.categories.forEach(function (c, i) { markOf.set(c.id, MARKS[i % MARKS.length]); });
  function categoryOf(e) {
    var id = typeOf(e).category;
    return categoryById.get(id) || { id: id, label: id, color: "#888888" };
  }
  function dateText(item) {
    if (item.date) return item.date;
    if (item.start && item.end) return item.start + " \u2013 " + item.end;
    if (item.start) return "since " + item.start;
    if (item.end) return "until " + item.end;
    // a report's date is never the event's
    if (item.reported) return "reported " + item.reported;
    return "";
  }
  function reading(e) {
    return nameOf(e.from) + " " + typeOf(e).label + " " + nameOf(e.to);
  }

  // -- drawing -------------------------------------------------------------------
  var state = {
    sizeBy: settings.size_by,
    colorBy: settings.color_by,
    edgeLabels: "status",
    hiddenKinds: new Set(),
    hiddenCategories: new Set(),
    hiddenStatuses: new Set(),
    from: "",
    to: "",
    includeUndated: true,
    focus: null,
    focusSet: null,
    selected: null,
    hideIsolated: true,
    path: null,
    sort: null,
    story: null,
    storyKey: null,
    physics: false,
    // a large graph opens zoomed out, so it starts plain (see applyDetail)
    detailed: !settings.large,
  };

  /* Node radius: 9 to 31 by the square root of the chosen metric, relative to its largest value. */
  var metricMax = new Map();
  function metricOf(n, metric) { return (n.metrics && n.metrics[metric]) || 0; }
  function nodeSize(n) {
    var metric = state.sizeBy;
    if (metric === "none") return 16;
    if (!metricMax.has(metric)) {
      metricMax.set(metric, DATA.nodes.reduce(function (max, x) {
        return Math.max(max, metricOf(x, metric));
      }, 0) || 1);
    }
    return 9 + 22 * Math.sqrt(metricOf(n, metric) / metricMax.get(metric));
  }

  function nodeItem(n) {
    var kind = kindOf(n);
    var fill = color(kind.color, "#888888");
    var shape = kind.shape || "dot";
    var inside = shape === "ellipse";
    var size = nodeSize(n);
    return {
      id: visId(n.id),
      label: shorten(n.name, 32),
      x: n.x,
      y: n.y,
      shape: shape,
      size: size,
      font: { size: Math.round(12 + 0.2 * (size - 9)) },
      color: {
        background: inside ? tint(fill, 0.55) : fill,
        border: shade(fill, 0.3),
        highlight: { background: inside ? tint(fill, 0.3) : tint(fill, 0.2), border: "#111827" },
        hover: { background: inside ? tint(fill, 0.4) : tint(fill, 0.15), border: shade(fill, 0.45) },
      },
    };
  }

  function drawOrder() {
    return DATA.nodes.map(function (n, i) { return { n: n, i: i, v: nodeSize(n) }; })
      .sort(function (a, b) { return a.v - b.v || a.i - b.i; })
      .map(function (x) { return x.n; });
  }

  function edgeColor(e) {
    if (state.colorBy === "sign") {
      var s = signById.get(e.sign);
      return color(s && s.color, "#7b8794");
    }
    return color(categoryOf(e).color, "#7b8794");
  }

  function edgeLabel(e) {
    var status = ALLEGED.has(e.status) || e.status === "denied" ? e.status : "";
    if (unhappened(e)) status = (status ? status + " \u00b7 " : "") + modalityOf(e);
    if (proposed(e)) status = "proposed" + (status ? " \u00b7 " + status : "");
    if (state.edgeLabels === "all") {
      return shorten(typeOf(e).label, 40) + (status ? " (" + status + ")" : "");
    }
    return status || undefined;
  }

  /* Line width by the amount of evidence (one to five quotes and more, from the sources
   * shown) or, with "Line width: independent origins", by the independent origins. */
  function edgeWidth(e) {
    var n = state.widthBy === "origins" ? corroborationOf(e).independent
      : state.hiddenSources.size ? evidenceShown(e).length : (e.evidence || []).length;
    return 1.2 + 1.2 * (Math.min(Math.max(n, 1), 5) - 1);
  }

  /* The drawing style of a relation. Zoomed far out on a large graph (see applyDetail),
   * edges are drawn plainly: straight, no dashes, no arrowheads, no labels, no halo,
   * allegations fainter; those details cost most of a frame and cannot be seen at that
   * size anyway. In full, a status is drawn so that no two look alike: confirmed solid
   * with a pale halo of its colour, reported solid, alleged and disputed dashed and
   * labelled, denied dotted and labelled. */
  function edgeStyle(e) {
    var c = edgeColor(e);
    var denied = e.status === "denied";
    var alleged = ALLEGED.has(e.status);
    if (!state.detailed) {
      return {
        dashes: false,
        arrows: { to: { enabled: false }, middle: { enabled: false } },
        smooth: { enabled: false },
        color: { color: c, highlight: shade(c, 0.35), hover: shade(c, 0.2), inherit: false,
          opacity: denied ? 0.25 : alleged ? 0.4 : 0.85 },
        background: { enabled: false },
        label: null,
      };
    }
    var curve = e.curve || 0;
    var mark = state.colorBy === "category" ? markOf.get(typeOf(e).category) : null;
    return {
      dashes: unhappened(e) ? MODALITY_DASHES : alleged ? [9, 6] : denied ? [2, 5] : false,
      background: e.status === "confirmed"
        ? { enabled: true, color: tint(c, 0.62), size: edgeWidth(e) + 6, dashes: false }
        : { enabled: false },
      arrows: { to: { enabled: !!typeOf(e).directed, scaleFactor: 0.6 },
        middle: mark ? { enabled: true, type: mark, scaleFactor: 0.45 } : { enabled: false } },
      smooth: curve === 0 ? { enabled: false }
        : { enabled: true, type: curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(curve) },
      color: { color: c, highlight: shade(c, 0.35), hover: shade(c, 0.2), inherit: false,
        opacity: proposed(e) ? 0.45 : denied ? 0.55 : 0.9 },
      label: edgeLabel(e) || null,
    };
  }

  function edgeItem(e) {
    var item = edgeStyle(e);
    item.id = visId(e.id);
    item.from = visId(e.from);
    item.to = visId(e.to);
    item.width = edgeWidth(e);
    item.font = {
      face: FONT, size: labelSize(), align: "horizontal", strokeWidth: 4, strokeColor: "#ffffff",
      color: ALLEGED.has(e.status) ? "#8a3b00" : "#3e4c59",
    };
    return item;
  }

  /* vis-network draws the halo (its edge "background") of curved lines only; the halo of a
   * straight confirmed relation is drawn here, under everything else. */
  var CONFIRMED_STRAIGHT = DATA.edges.filter(function (e) {
    return e.status === "confirmed" && !e.curve;
  });
  function drawStraightHalos(ctx) {
    if (!state.detailed || !CONFIRMED_STRAIGHT.length) return;
    var renderer = network.renderer || {};
    if (settings.large && (renderer.zooming || renderer.dragging)) return;
    var edges = network.body.edges;
    var nodes = network.body.nodes;
    ctx.save();
    ctx.lineCap = "butt";
    CONFIRMED_STRAIGHT.forEach(function (e) {
      var edge = edges[visId(e.id)];
      if (!edge || !edge.connected || edge.options.hidden) return;
      var a = nodes[visId(e.from)], b = nodes[visId(e.to)];
      if (!a || !b) return;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.strokeStyle = edge.options.background.color;
      ctx.lineWidth = edge.options.background.size;
      ctx.stroke();
    });
    ctx.restore();
  }

  /* vis-network draws the relations' labels first and the actors' labels over them, so
   * the "alleged" of a short relation could hide under a name. Once everything is drawn,
   * the labels that carry a status are drawn again, on top. */
  var STATUS_LABELLED = DATA.edges.filter(function (e) {
    return ALLEGED.has(e.status) || e.status === "denied" || unhappened(e);
  }).map(function (e) { return visId(e.id); });
  function drawStatusLabels(ctx) {
    if (!state.detailed) return;
    var renderer = network.renderer || {};
    if (settings.large && (renderer.zooming || renderer.dragging)) return;  // edges hidden then
    var edges = network.body.edges;
    STATUS_LABELLED.forEach(function (id) {
      var edge = edges[id];  // only the relations drawn now: the filters' view
      if (!edge || !edge.connected || edge.options.hidden || edge.options.label === undefined) return;
      if (typeof edge.drawLabel !== "function" || !edge.edgeType) return;
      edge.drawLabel(ctx, edge.edgeType.getViaNode());
    });
  }

  /* Relation labels are drawn at least 11 px high on screen: zoomed out, their size in
   * the drawing grows to make up for it. */
  var LABEL_PX = 11;
  var labelPx = LABEL_PX;
  function labelSize() { return labelPx; }
  function fitLabels() {
    if (!network || !edgesDS || settings.large) return;
    var want = Math.max(LABEL_PX, Math.ceil(LABEL_PX / Math.max(network.getScale(), 0.05)));
    if (want === labelPx) return;
    labelPx = want;
    edgesDS.update(DATA.edges.map(function (e) { return { id: visId(e.id), font: { size: want } }; }));
  }

  /* Switch a large graph's edges between the plain and the detailed style as the zoom
   * crosses DETAIL_SCALE. */
  function applyDetail() {
    fitLabels();
    if (!settings.large || !network) return;
    var want = network.getScale() >= DETAIL_SCALE;
    if (want === state.detailed) return;
    state.detailed = want;
    restyleEdges();
  }
  function restyleEdges() {
    if (!edgesDS) return;
    edgesDS.update(DATA.edges.map(function (e) {
      var item = edgeStyle(e);
      item.id = visId(e.id);
      item.width = edgeWidth(e);
      return item;
    }));
  }

  // -- dimming and label places --------------------------------------------------------
  /* Selecting an actor fades every actor and relation that is not it, one of its shown
   * relations or an actor at their other end; selecting a relation keeps that relation
   * and its two actors. Nothing fades for a path or with nothing selected. The fading is
   * done while drawing (vis-network's node and edge drawing is wrapped once), so that a
   * selection costs one pass over the selected actor's relations, not an update of every
   * item of a large graph. */
  var DIM_ALPHA = 0.16;
  var dimCache = { selected: undefined, shown: null, nodes: null, edges: null };
  function dimSets() {
    var sel = state.selected;
    if (!sel || (sel.type !== "node" && sel.type !== "edge" && sel.type !== "story")) return null;
    if (dimCache.selected === sel && dimCache.shown === shownEdges) return dimCache;
    var nodes = new Set();
    var edges = new Set();
    if (sel.type === "story") {
      if (state.story === null) return null;
      var step = stepSets(VIEWS[state.story]);
      if (!step.nodes.size) return null;
      nodes = step.nodes;
      edges = step.edges;
    } else if (sel.type === "node" && nodeById.has(sel.id)) {
      nodes.add(sel.id);
      edgesOf.get(sel.id).forEach(function (eid) {
        if (!shownEdges.has(eid)) return;
        var e = edgeById.get(eid);
        edges.add(eid);
        nodes.add(e.from);
        nodes.add(e.to);
      });
    } else if (sel.type === "edge" && edgeById.has(sel.id)) {
      var e = edgeById.get(sel.id);
      edges.add(e.id);
      nodes.add(e.from);
      nodes.add(e.to);
    }
    dimCache = { selected: sel, shown: shownEdges, nodes: nodes, edges: edges };
    return dimCache;
  }
  function faded(kind, visid) {
    var sets = dimSets();
    return !!sets && !sets[kind].has(dataId(visid));
  }
  /* Only the alpha is set and put back: a save() and restore() of the whole context for
   * each faded item took half of a frame of a graph of 40,000 relations. */
  function withAlpha(ctx, run) {
    var was = ctx.globalAlpha;
    ctx.globalAlpha = was * DIM_ALPHA;
    try { return run(); } finally { ctx.globalAlpha = was; }
  }
  /* Wrap the drawing methods of vis-network's Node and Edge classes (found on the first
   * actor and relation drawn), once. */
  function wrapDrawing() {
    var body = network.body;
    var node = body.nodes[body.nodeIndices[0]];
    var edge = body.edges[body.edgeIndices[0]];
    var nodeProto = node && Object.getPrototypeOf(node);
    if (nodeProto && !nodeProto.relgraphWrapped && typeof nodeProto.draw === "function") {
      var drawNode = nodeProto.draw;
      nodeProto.relgraphWrapped = true;
      nodeProto.draw = function (ctx) {
        var self = this, args = arguments;
        if (!faded("nodes", this.id)) return drawNode.apply(this, args);
        var out = withAlpha(ctx, function () { return drawNode.apply(self, args); });
        if (out && typeof out.drawExternalLabel === "function") {
          var label = out.drawExternalLabel;
          out.drawExternalLabel = function () { withAlpha(ctx, label); };
        }
        return out;
      };
    }
    var edgeProto = edge && Object.getPrototypeOf(edge);
    if (edgeProto && !edgeProto.relgraphWrapped && typeof edgeProto.draw === "function") {
      edgeProto.relgraphWrapped = true;
      ["draw", "drawArrows"].forEach(function (name) {
        var original = edgeProto[name];
        if (typeof original !== "function") return;
        edgeProto[name] = function (ctx) {
          var self = this, args = arguments;
          if (!faded("edges", this.id)) return original.apply(this, args);
          return withAlpha(ctx, function () { return original.apply(self, args); });
        };
      });
      var drawLabel = edgeProto.drawLabel;
      if (typeof drawLabel === "function") {
        edgeProto.drawLabel = function (ctx, via) {
          var self = this;
          var at = labelPlaces.get(this.id);
          if (at === null) return undefined;  // no free place: left out (hover shows it)
          var run = function () {
            if (at === undefined || (at.t === 0.5 && !at.dy) || self.fromId === self.toId) return drawLabel.call(self, ctx, via);
            var type = self.edgeType;
            var getPoint = type.getPoint;
            type.getPoint = function (t, v) {
              if (t !== 0.5) return getPoint.call(type, t, v);
              var p = getPoint.call(type, at.t, v);
              return { x: p.x, y: p.y + at.dy };
            };
            try { return drawLabel.call(self, ctx, via); } finally { delete type.getPoint; }
          };
          return faded("edges", this.id) ? withAlpha(ctx, run) : run();
        };
      }
    }
  }

  /* Relation labels are placed where they overlap no other label and (but for status
   * labels, drawn over names) no actor: at the
   * middle of their line if that is free, else at the first free place of LABEL_AT along
   * it (on the line, or a label's height above or below it). A label with no free place is left out, except a status label (alleged,
   * disputed, denied), which is drawn at the middle all the same. Status labels are
   * placed first. Worked out before each frame, for the labels drawn (not on a large
   * graph, whose labels show only zoomed in); a selection fades labels but moves none. */
  var LABEL_AT = [];
  [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82].forEach(function (t) { LABEL_AT.push({ t: t, dy: 0 }); });
  [0.5, 0.34, 0.66, 0.2, 0.8].forEach(function (t) { LABEL_AT.push({ t: t, dy: -1 }, { t: t, dy: 1 }); });
  var labelPlaces = new Map();
  var labelBoxes = new Map();
  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return true;
    }
    return false;
  }
  function placeLabels(ctx) {
    labelPlaces = new Map();
    labelBoxes = new Map();
    if (!state.detailed || settings.large) return;
    var body = network.body;
    var taken = [];
    var placed = [];
    body.nodeIndices.forEach(function (id) {
      var n = body.nodes[id];
      var b = n.shape && n.shape.boundingBox;
      if (b) taken.push({ left: b.left, top: b.top, right: b.right, bottom: b.bottom });
      var s = n.labelModule && n.labelModule.size;
      if (s && s.width) taken.push({ left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height });
    });
    var labelled = body.edgeIndices.map(function (id) { return body.edges[id]; }).filter(function (edge) {
      return edge.connected && !edge.options.hidden && edge.options.label !== undefined &&
        edge.options.label !== null && edge.fromId !== edge.toId;
    });
    var status = function (edge) { return STATUS_LABELLED.indexOf(edge.id) >= 0 ? 0 : 1; };
    labelled.sort(function (a, b) { return status(a) - status(b); });
    labelled.forEach(function (edge) {
      var size = edge.labelModule.getTextSize(ctx, edge.selected, edge.hover);
      var w = size.width, hgt = size.height;
      var via = edge.edgeType.getViaNode();
      var boxes = LABEL_AT.map(function (at) {
        var p = edge.edgeType.getPoint(at.t, via);
        var y = p.y + at.dy * hgt;
        return { left: p.x - w / 2, top: y - hgt / 2, right: p.x + w / 2, bottom: y + hgt / 2 };
      });
      // a status label is drawn over actors' names (see drawStatusLabels): only other
      // labels are in its way; it goes at the middle if nothing is free
      var at = -1;
      var clear = status(edge) === 0 ? placed : taken;
      for (var i = 0; i < boxes.length && at < 0; i++) if (!overlaps(boxes[i], clear)) at = i;
      if (at < 0 && status(edge) === 0) at = 0;
      if (at < 0) { labelPlaces.set(edge.id, null); return; }
      taken.push(boxes[at]);
      placed.push(boxes[at]);
      labelPlaces.set(edge.id, { t: LABEL_AT[at].t, dy: LABEL_AT[at].dy * hgt });
      labelBoxes.set(dataId(edge.id), boxes[at]);
    });
  }

  /* The relation drawn nearest a point of the drawing, within 8 px on screen, or null.
   * vis-network's own test misjudges strongly curved lines (those far out in the fan of
   * a pair with many relations), so clicks are matched against the lines as drawn. */
  var HIT_PX = 8;
  function segmentDistance(p, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y;
    var len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    var x = a.x + t * dx - p.x, y = a.y + t * dy - p.y;
    return Math.sqrt(x * x + y * y);
  }
  function edgeNear(point) {
    if (!network) return null;
    var body = network.body;
    var limit = HIT_PX / Math.max(network.getScale(), 0.01);
    var best = null, bestDistance = limit;
    body.edgeIndices.forEach(function (id) {
      var edge = body.edges[id];
      if (!edge.connected || edge.options.hidden || edge.fromId === edge.toId) return;
      var a = edge.from, b = edge.to;
      var curved = edge.options.smooth && edge.options.smooth.enabled;
      if (!curved) {
        var d = segmentDistance(point, a, b);
        if (d < bestDistance) { best = id; bestDistance = d; }
        return;
      }
      var via = edge.edgeType.getViaNode();
      var last = edge.edgeType.getPoint(0, via);
      for (var i = 1; i <= 24; i++) {
        var next = edge.edgeType.getPoint(i / 24, via);
        var dist = segmentDistance(point, last, next);
        if (dist < bestDistance) { best = id; bestDistance = dist; }
        last = next;
      }
    });
    return best === null ? null : dataId(best);
  }

  // -- filters -------------------------------------------------------------------
  function edgePasses(e) {
    if (state.hiddenCategories.has(typeOf(e).category)) return false;
    if (state.hiddenStatuses.has(e.status)) return false;
    if (!evidencePasses(e)) return false;
    var span = spanOf(e);
    if (!span.earliest && !span.latest) {
      if (!state.includeUndated && (state.from || state.to)) return false;
    } else {
      if (state.from && span.latest && span.latest < state.from) return false;
      if (state.to && span.earliest && span.earliest > state.to) return false;
    }
    return !state.hiddenKinds.has(nodeById.get(e.from).kind)
      && !state.hiddenKinds.has(nodeById.get(e.to).kind);
  }
  /* An actor is drawn when its kind is shown, it is in the focused neighbourhood if any,
   * and (with "hide actors left with no shown relation") some relation of it is shown or
   * it has none at all. A relation is drawn when it passes the filters and both its
   * actors' kinds and the focus let them be drawn. Both are worked out in refresh(). */
  function nodeBase(id) {
    if (state.hiddenKinds.has(nodeById.get(id).kind)) return false;
    return !state.focusSet || state.focusSet.has(id);
  }
  var shownEdges = new Set();
  var shownDegree = new Map();
  function computeVisible() {
    shownEdges = new Set();
    shownDegree = new Map();
    DATA.edges.forEach(function (e) {
      if (!edgePasses(e) || !nodeBase(e.from) || !nodeBase(e.to)) return;
      shownEdges.add(e.id);
      shownDegree.set(e.from, (shownDegree.get(e.from) || 0) + 1);
      if (e.to !== e.from) shownDegree.set(e.to, (shownDegree.get(e.to) || 0) + 1);
    });
  }
  function nodeVisible(id) {
    if (!nodeBase(id)) return false;
    if (state.hideIsolated && !shownDegree.has(id) && edgesOf.get(id).length) return false;
    return true;
  }
  function edgeVisible(id) { return shownEdges.has(id); }
  function neighbourhood(id, depth) {
    var seen = new Set([id]);
    var frontier = [id];
    for (var step = 0; step < depth; step++) {
      var next = [];
      frontier.forEach(function (v) {
        edgesOf.get(v).forEach(function (eid) {
          var e = edgeById.get(eid);
          if (!edgePasses(e)) return;
          var other = e.from === v ? e.to : e.from;
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }

  // -- the network -----------------------------------------------------------------
  var nodesDS = null;
  var edgesDS = null;
  var nodeView = null;
  var edgeView = null;
  var network = null;
  var firstDraw = null;
  var graphError = null;

  function buildNetwork() {
    var container = $("graph");
    if (typeof vis === "undefined" || !vis.Network) {
      throw new Error("vis-network did not load");
    }
    // vis-network draws nodes in the order of its data: the biggest last, on top
    nodesDS = new vis.DataSet(drawOrder().map(nodeItem));
    edgesDS = new vis.DataSet(DATA.edges.map(edgeItem));
    nodeView = new vis.DataView(nodesDS, { filter: function (n) { return nodeVisible(dataId(n.id)); } });
    edgeView = new vis.DataView(edgesDS, { filter: function (e) { return edgeVisible(dataId(e.id)); } });
    var large = !!settings.large;
    network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 1 },
      physics: {
        enabled: false,
        solver: "barnesHut",
        barnesHut: {
          gravitationalConstant: -4000, centralGravity: 0.15, springLength: 150,
          springConstant: 0.03, damping: 0.5, avoidOverlap: 0.1,
        },
        stabilization: { enabled: false },
        maxVelocity: 25,
        minVelocity: 1,
      },
      interaction: {
        hover: !large,
        hideEdgesOnDrag: large,
        hideEdgesOnZoom: large,
        multiselect: false,
        navigationButtons: false,
        keyboard: { enabled: true, bindToWindow: false },
        selectConnectedEdges: true,
        tooltipDelay: 3600000,
        zoomSpeed: 0.7,
      },
      nodes: {
        borderWidth: 1.5,
        borderWidthSelected: 3,
        font: {
          face: FONT, size: 13, color: "#1f2933", strokeWidth: 3,
          strokeColor: "rgba(255,255,255,0.92)", multi: false,
        },
        shapeProperties: { interpolation: false },
      },
      edges: {
        smooth: { enabled: false },
        selectionWidth: 2,
        hoverWidth: 0.6,
        arrowStrikethrough: false,
        font: { multi: false },
      },
    });
    network.once("afterDrawing", function () { firstDraw = performance.now(); });
    network.on("beforeDrawing", drawStraightHalos);
    network.on("afterDrawing", drawStatusLabels);
    wrapDrawing();
    network.on("beforeDrawing", placeLabels);
    network.on("click", function (params) {
      var near = params.nodes.length ? null : edgeNear(params.pointer.canvas);
      if (params.nodes.length) selectNode(dataId(params.nodes[0]), false);
      else if (near) selectEdge(near, false);
      else if (params.edges.length) selectEdge(dataId(params.edges[0]), false);
      else if (state.story !== null) { selectStep(); writeHash(true); }
      else { state.selected = null; state.path = null; showOverview(); writeHash(true); }
    });
    // zoom and pan update the current step of the history, once the view rests
    function moved() {
      state.moved = true;
      clearTimeout(state.viewTimer);
      state.viewTimer = setTimeout(function () { writeHash(false); }, 400);
    }
    network.on("dragEnd", function (params) { if (!params.nodes.length) moved(); });
    network.on("zoom", moved);
    network.on("hoverNode", function (params) {
      var n = nodeById.get(dataId(params.node));
      showTooltip(params.pointer.DOM, n.name, kindOf(n).label);
    });
    network.on("hoverEdge", function (params) {
      var e = edgeById.get(dataId(params.edge));
      showTooltip(params.pointer.DOM, reading(e), e.status + (unhappened(e) ? ", " + modalityOf(e) : "") +
        (dateText(e) ? " \u00b7 " + dateText(e) : ""));
    });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) {
      network.on(ev, hideTooltip);
    });
    // restyling every edge takes a while on a large graph: do it once the wheel rests,
    // not inside the zoom step that crosses DETAIL_SCALE (edges are hidden while zooming)
    network.on("zoom", function () {
      clearTimeout(state.detailTimer);
      state.detailTimer = setTimeout(applyDetail, 300);
    });
    network.on("animationFinished", applyDetail);
    fitAll();
  }

  /* Fit the drawing, with a margin so that labels at the edges stay readable. */
  function fitAll(ids) {
    if (!network) return;
    network.fit({ nodes: ids || [], animation: false });
    network.moveTo({ scale: network.getScale() * 0.88 });
    applyDetail();
  }

  function showTooltip(pos, title, sub) {
    var tip = $("tooltip");
    clear(tip);
    append(tip, [h("strong", { text: shorten(title, 120) }), sub ? h("span", { text: sub }) : null]);
    tip.hidden = false;
    var box = $("graph").getBoundingClientRect();
    var main = $("main").getBoundingClientRect();
    var x = box.left - main.left + pos.x + 14;
    var y = box.top - main.top + pos.y + 14;
    tip.style.left = Math.min(x, main.width - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(y, main.height - tip.offsetHeight - 8) + "px";
  }
  function hideTooltip() { $("tooltip").hidden = true; }

  function refresh(fromHash) {
    // a filter changed by the reader leaves the story's step (its filters stay)
    if (!fromHash && state.story !== null && filterKey() !== state.storyKey) leaveStory(false);
    state.focusSet = state.focus ? neighbourhood(state.focus.id, state.focus.depth) : null;
    computeVisible();
    if (state.path) state.path = findPaths(state.path.from, state.path.to);
    if (nodeView) { nodeView.refresh(); edgeView.refresh(); }
    updateCounts();
    updateFilterCounts();
    filterTable();
    updateFocusUi();
    redrawPanel();
    if (!fromHash) writeHash(true);
  }

  function counts() {
    var shownNodes = 0;
    var shownEdges = 0;
    DATA.nodes.forEach(function (n) { if (nodeVisible(n.id)) shownNodes++; });
    DATA.edges.forEach(function (e) { if (edgeVisible(e.id)) shownEdges++; });
    return { nodes: shownNodes, edges: shownEdges };
  }

  function updateCounts() {
    var c = counts();
    var total = plural(DATA.nodes.length, "actor", "actors") + " \u00b7 " +
      plural(DATA.edges.length, "relation", "relations") + " \u00b7 " +
      plural(sources.size, "source", "sources");
    var filtered = c.nodes !== DATA.nodes.length || c.edges !== DATA.edges.length;
    $("counts").textContent = filtered
      ? "Showing " + c.nodes + " of " + plural(DATA.nodes.length, "actor", "actors") + ", " +
        c.edges + " of " + plural(DATA.edges.length, "relation", "relations")
      : total;
  }

  // -- legend and filter lists ---------------------------------------------------------
  function svg(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    return el;
  }
  function shapeIcon(shape, fill) {
    var c = color(fill, "#888888");
    var icon = svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true", class: "icon" });
    var common = { fill: c, stroke: shade(c, 0.3), "stroke-width": 1.2 };
    function poly(points) { return svg("polygon", Object.assign({ points: points }, common)); }
    var el;
    if (shape === "diamond") el = poly("9,1.5 16.5,9 9,16.5 1.5,9");
    else if (shape === "square") el = svg("rect", Object.assign({ x: 3, y: 3, width: 12, height: 12 }, common));
    else if (shape === "triangle") el = poly("9,2 16.5,15.5 1.5,15.5");
    else if (shape === "triangleDown") el = poly("1.5,2.5 16.5,2.5 9,16");
    else if (shape === "star") el = poly("9,1.2 11.2,6.6 17,6.9 12.5,10.6 14,16.4 9,13.2 4,16.4 5.5,10.6 1,6.9 6.8,6.6");
    else if (shape === "hexagon") el = poly("9,1.5 15.5,5.2 15.5,12.8 9,16.5 2.5,12.8 2.5,5.2");
    else if (shape === "ellipse") el = svg("ellipse", Object.assign({ cx: 9, cy: 9, rx: 8, ry: 5.5 }, common));
    else el = svg("circle", Object.assign({ cx: 9, cy: 9, r: 7 }, common));
    icon.appendChild(el);
    return icon;
  }
  function lineIcon(stroke, dash, width, arrow, halo, mark) {
    var icon = svg("svg", { width: 34, height: 14, viewBox: "0 0 34 14", "aria-hidden": "true", class: "icon line" });
    var c = color(stroke, "#7b8794");
    if (halo) {
      icon.appendChild(svg("line", {
        x1: 2, y1: 7, x2: arrow ? 26 : 32, y2: 7, stroke: tint(c, 0.62),
        "stroke-width": (width || 2.2) + 6, class: "halo",
      }));
    }
    var line = svg("line", {
      x1: 2, y1: 7, x2: arrow ? 26 : 32, y2: 7, stroke: c,
      "stroke-width": width || 2.2, "stroke-dasharray": dash || "none",
    });
    icon.appendChild(line);
    if (mark === "circle") icon.appendChild(svg("circle", { cx: 17, cy: 7, r: 3.6, fill: c }));
    else if (mark === "box") icon.appendChild(svg("rect", { x: 13.5, y: 3.5, width: 7, height: 7, fill: c }));
    else if (mark === "diamond") icon.appendChild(svg("polygon", { points: "17,2.5 21.5,7 17,11.5 12.5,7", fill: c }));
    else if (mark === "bar") icon.appendChild(svg("rect", { x: 16, y: 1.5, width: 2.2, height: 11, fill: c }));
    if (arrow) icon.appendChild(svg("polygon", { points: "25,2.5 33,7 25,11.5", fill: color(stroke, "#7b8794") }));
    return icon;
  }

  function checkItem(id, icon, label, count, title, onChange) {
    var input = h("input", { type: "checkbox", checked: true, "data-id": id });
    input.addEventListener("change", function () { onChange(input.checked); });
    var row = h("label", { class: "check", title: title || null },
      input, icon, h("span", { class: "label", text: label }),
      h("span", { class: "count", "data-id": id, "data-total": count, text: count + "/" + count }));
    return h("li", { class: count ? null : "none" }, row);
  }
  /* Every count beside a filter says how many are shown of how many there are. */
  function updateFilterCounts() {
    var kinds = new Map();
    var cats = new Map();
    var stats = new Map();
    function bump(map, key) { map.set(key, (map.get(key) || 0) + 1); }
    DATA.nodes.forEach(function (n) { if (nodeVisible(n.id)) bump(kinds, n.kind); });
    DATA.edges.forEach(function (e) {
      if (!shownEdges.has(e.id)) return;
      bump(cats, typeOf(e).category);
      bump(stats, e.status);
    });
    [["kinds", kinds], ["categories", cats], ["statuses", stats]].forEach(function (pair) {
      $(pair[0]).querySelectorAll("span.count").forEach(function (span) {
        var shown = pair[1].get(span.getAttribute("data-id")) || 0;
        var total = span.getAttribute("data-total");
        span.textContent = shown + "/" + total;
        span.title = shown + " of " + total + " shown";
      });
    });
    updateEvidenceCounts();
  }

  function buildFilters() {
    var kindCount = new Map();
    DATA.nodes.forEach(function (n) { kindCount.set(n.kind, (kindCount.get(n.kind) || 0) + 1); });
    var kinds = $("kinds");
    DATA.kinds.forEach(function (k) {
      kinds.appendChild(checkItem(k.id, shapeIcon(k.shape, k.color), k.label, kindCount.get(k.id) || 0,
        k.description, function (on) {
          if (on) state.hiddenKinds.delete(k.id); else state.hiddenKinds.add(k.id);
          refresh();
        }));
    });
    var catCount = new Map();
    DATA.edges.forEach(function (e) {
      var c = typeOf(e).category;
      catCount.set(c, (catCount.get(c) || 0) + 1);
    });
    var cats = $("categories");
    DATA.categories.forEach(function (c) {
      var item = checkItem(c.id, lineIcon(c.color, null, null, false, false, markOf.get(c.id)), c.label, catCount.get(c.id) || 0, c.description,
        function (on) {
          if (on) state.hiddenCategories.delete(c.id); else state.hiddenCategories.add(c.id);
          refresh();
        });
      item.classList.add("category");
      cats.appendChild(item);
    });
    var statusCount = new Map();
    DATA.edges.forEach(function (e) { statusCount.set(e.status, (statusCount.get(e.status) || 0) + 1); });
    var statuses = $("statuses");
    DATA.statuses.forEach(function (s) {
      var dash = s.allegation ? "6 4" : s.id === "denied" ? "2 3" : null;
      statuses.appendChild(checkItem(s.id, lineIcon("#52606d", dash, 2, false, s.id === "confirmed"), s.id.charAt(0).toUpperCase() + s.id.slice(1), statusCount.get(s.id) || 0,
        s.text, function (on) {
          if (on) state.hiddenStatuses.delete(s.id); else state.hiddenStatuses.add(s.id);
          syncAllegationBox();
          refresh();
        }));
    });
    $("hide-allegations").addEventListener("change", function () {
      var hide = $("hide-allegations").checked;
      DATA.statuses.forEach(function (s) {
        if (!s.allegation) return;
        if (hide) state.hiddenStatuses.add(s.id); else state.hiddenStatuses.delete(s.id);
      });
      syncStatusBoxes();
      refresh();
    });
    buildTime();
    buildEvidenceControls();
    $("hide-isolated").addEventListener("change", function () {
      state.hideIsolated = $("hide-isolated").checked;
      refresh();
    });
  }
  function syncAllegationBox() {
    var all = DATA.statuses.filter(function (s) { return s.allegation; });
    $("hide-allegations").checked = all.every(function (s) { return state.hiddenStatuses.has(s.id); });
  }
  function syncStatusBoxes() {
    $("statuses").querySelectorAll("input").forEach(function (input) {
      input.checked = !state.hiddenStatuses.has(input.getAttribute("data-id"));
    });
  }

  function buildLegend() {
    var legend = $("legend");
    clear(legend);
    if (state.colorBy === "sign") {
      DATA.signs.forEach(function (s) {
        legend.appendChild(h("li", null, lineIcon(s.color), h("span", { text: s.label + " relation" })));
      });
    } else {
      legend.appendChild(h("li", { class: "note", text: "Edge colour and the mark at its middle: the relation\u2019s category (above)." }));
    }
    [
      [lineIcon("#52606d", null, 2.2, false, true), "Confirmed (with a halo)"],
      [lineIcon("#52606d", null, 2.2), "Reported"],
      [lineIcon("#52606d", "6 4", 2.2), "Alleged or disputed (labelled)"],
      [lineIcon("#52606d", "2 3", 2.2), "Denied"],
      [lineIcon("#52606d", MODALITY_DASHES.join(" "), 2.2), "Announced or planned, not shown to have happened (dash-dot, labelled)"],
      [lineIcon("#52606d", null, 2.2, true), "Directed: reads from tail to head"],
      [lineIcon("#52606d", null, 5), state.widthBy === "origins" ? "Thicker: more independent origins" : "Thicker: more evidence"],
    ].forEach(function (row) {
      legend.appendChild(h("li", null, row[0], h("span", { text: row[1] })));
    });
    var label = metricLabels.get(state.sizeBy) || state.sizeBy;
    legend.appendChild(h("li", { class: "note", text: "Node size: " + label + "." }));
  }

  function buildDisplay() {
    var select = $("size-by");
    settings.metrics.concat(["none"]).forEach(function (m) {
      select.appendChild(h("option", { value: m, text: metricLabels.get(m) || m }));
    });
    select.value = state.sizeBy;
    select.addEventListener("change", function () {
      state.sizeBy = select.value;
      if (nodesDS) {
        // re-add in the new drawing order, keeping where the reader moved actors to
        var moved = network.getPositions();
        nodesDS.clear();
        nodesDS.add(drawOrder().map(function (n) {
          var item = nodeItem(n);
          var at = Object.prototype.hasOwnProperty.call(moved, visId(n.id)) ? moved[visId(n.id)] : null;
          if (at) { item.x = at.x; item.y = at.y; }
          return item;
        }));
        if (state.selected && state.selected.type === "node" && inView(state.selected.id, "node")) {
          network.selectNodes([visId(state.selected.id)]);
        }
      }
      buildLegend();
      redrawPanel();
    });
    var colorBy = $("color-by");
    colorBy.value = state.colorBy;
    colorBy.addEventListener("change", function () {
      state.colorBy = colorBy.value;
      restyleEdges();
      buildLegend();
    });
    var labels = $("edge-labels");
    labels.addEventListener("change", function () {
      state.edgeLabels = labels.value;
      restyleEdges();
    });
  }

  // -- time ---------------------------------------------------------------------------
  /* Dates as the command line reads them: "2023" is the whole year, "2023-06" the whole
   * month; a relation is shown when its own (partial) date overlaps the chosen span. */
  var DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  function partialDate(text, last) {
    var m = DATE_RE.exec(String(text || "").trim());
    if (!m) return null;
    var y = parseInt(m[1], 10);
    var mo = m[2] ? parseInt(m[2], 10) : last ? 12 : 1;
    if (mo < 1 || mo > 12) return null;
    var days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    var d = m[3] ? parseInt(m[3], 10) : last ? days : 1;
    if (d < 1 || d > days) return null;
    function two(v) { return ("0" + v).slice(-2); }
    return ("000" + y).slice(-4) + "-" + two(mo) + "-" + two(d);
  }
  var timeSpan = null;
  var undatedCount = 0;
  /* "1 of 31 relations is", "3 of 31 relations are", "1 of 1 relation is": the noun
   * agrees with the total, the verb with the part. */
  function someOf(part, total, one, many) {
    return part + " of " + plural(total, "relation", "relations") + " " + (part === 1 ? one : many);
  }
  /* The Time section's counts and histogram, by event dates or by report dates. */
  function drawTime() {
    var reported = state.dates === "reported";
    var years = new Map();
    var first = null;
    var last = null;
    undatedCount = 0;
    DATA.edges.forEach(function (e) {
      var span = spanOf(e);
      if (!span.earliest && !span.latest) { undatedCount++; return; }
      var a = parseInt((span.earliest || span.latest).slice(0, 4), 10);
      var b = parseInt((span.latest || span.earliest).slice(0, 4), 10);
      if (first === null || a < first) first = a;
      if (last === null || b > last) last = b;
      for (var y = a; y <= b; y++) years.set(y, (years.get(y) || 0) + 1);
    });
    var dated = DATA.edges.length - undatedCount;
    var range = first + (last !== first ? "\u2013" + last : "");
    $("date-kind-note").textContent = reported
      ? "Report dates: when a source reported it (its reported date, else its sources\u2019 " +
        "publication dates), as relgraph --by-reported reads them."
      : "Event dates: when it happened (date, start, end). A report\u2019s date is never read as the event\u2019s.";
    if (reported) {
      $("dated-count").textContent = dated
        ? someOf(dated, DATA.edges.length, "has", "have") + " a report date, " +
          range + "; " + undatedCount + (undatedCount === 1 ? " has" : " have") + " none."
        : "No relation has a report date.";
      $("undated-label").textContent = "Include the " + plural(undatedCount, "relation", "relations") + " with no report date";
    } else {
      $("dated-count").textContent = dated
        ? someOf(dated, DATA.edges.length, "is", "are") + " dated, " + range + "; " + undatedCount + " undated."
        : "No relation is dated.";
      $("undated-label").textContent = "Include the " + plural(undatedCount, "undated relation", "undated relations");
    }
    clear($("histogram"));
    timeSpan = null;
    $("time-steps").hidden = first === null;
    if (first === null) return;
    timeSpan = { first: first, last: last, years: years };
    var n = last - first + 1;
    var max = 0;
    years.forEach(function (v) { max = Math.max(max, v); });
    var chart = svg("svg", { viewBox: "0 0 " + n * 10 + " 36", preserveAspectRatio: "none" });
    for (var y = first; y <= last; y++) {
      var v = years.get(y) || 0;
      var hgt = v ? Math.max(3, 34 * v / max) : 0;
      chart.appendChild(svg("rect", { x: (y - first) * 10 + 1, y: 36 - hgt, width: 8, height: hgt, "data-year": y }));
    }
    $("histogram").appendChild(chart);
    markHistogram();
  }
  function buildTime() {
    drawTime();
    function changed() { readDates(); refresh(); }
    // typing applies a date as soon as it is whole; leaving the box says what is wrong
    function typed(ev) {
      var text = ev.target.value.trim();
      if (!text || partialDate(text, false)) changed();
    }
    ["date-from", "date-to"].forEach(function (id) {
      $(id).addEventListener("change", changed);
      $(id).addEventListener("input", typed);
    });
    $("include-undated").addEventListener("change", function () {
      state.includeUndated = $("include-undated").checked;
      refresh();
    });
    $("time-prev").addEventListener("click", function () { stepYear(-1); });
    $("time-next").addEventListener("click", function () { stepYear(1); });
    $("time-clear").addEventListener("click", function () {
      $("date-from").value = "";
      $("date-to").value = "";
      changed();
    });
  }
  function readDates(quiet) {
    var ok = true;
    [["date-from", false, "from"], ["date-to", true, "to"]].forEach(function (d) {
      var text = $(d[0]).value.trim();
      var value = text ? partialDate(text, d[1]) : "";
      if (value === null) { ok = false; value = ""; }
      $(d[0]).setAttribute("aria-invalid", text && !value ? "true" : "false");
      state[d[2]] = value;
      state[d[2] + "Text"] = value ? text : "";
    });
    if (!ok && !quiet) announce("A date is a year, a month like 2023-06, or a day (year-month-day).");
    markHistogram();
  }
  function stepYear(delta) {
    if (!timeSpan) return;
    var current = state.fromText && state.fromText === state.toText ? parseInt(state.fromText, 10) : null;
    var y = current === null ? (delta > 0 ? timeSpan.first : timeSpan.last) : current + delta;
    y = Math.max(timeSpan.first, Math.min(timeSpan.last, y));
    $("date-from").value = String(y);
    $("date-to").value = String(y);
    readDates();
    refresh();
    announce("Relations of " + y + ": " + counts().edges + " shown.");
  }
  function markHistogram() {
    $("histogram").querySelectorAll("rect").forEach(function (r) {
      var y = r.getAttribute("data-year");
      var out = (state.from && y + "-12-31" < state.from) || (state.to && y + "-01-01" > state.to);
      r.setAttribute("class", out ? "out" : "");
    });
  }

  // -- evidence: origins, the sources used, conflicts, modality, report dates ---------------
  /* What the evidence model adds to the page. A relation's corroboration and conflicts come
   * computed in the data, as `relgraph evidence` prints them; when the reader hides sources
   * (the Sources panel), they are worked out again here by the same rules on the evidence
   * left: quotes, distinct sources, and the distinct independent origins of the items that
   * support or qualify it, less those affiliated with one of its ends. */
  var originById = byId(DATA.origins || []);
  var MODALITIES = [
    { id: "occurred", label: "Happened", text: "reported as having happened" },
    { id: "announced", label: "Announced", text: "a party said it will happen; not shown to have happened" },
    { id: "planned", label: "Planned", text: "reported as scheduled or expected; not shown to have happened" },
  ];
  var MODALITY_DASHES = [12, 4, 2, 4];
  var CONFLICT_KINDS = { stance: "A report contradicts it", amount: "Amounts disagree",
    date: "Dates disagree", status: "Statuses disagree" };
  state.hiddenSources = new Set();
  state.hiddenModalities = new Set();
  state.conflictsOnly = false;
  state.dates = "event";
  state.widthBy = "evidence";

  function modalityOf(item) { return item.modality || "occurred"; }
  function unhappened(item) { return modalityOf(item) !== "occurred"; }
  function endsOf(item) { return item.entity !== undefined ? [item.entity] : [item.from, item.to]; }
  /* The evidence items the hidden sources leave, each with its place in the item's list. */
  function evidenceShown(item) {
    var out = [];
    (item.evidence || []).forEach(function (ev, i) {
      if (!state.hiddenSources.has(ev.source)) out.push({ ev: ev, i: i });
    });
    return out;
  }
  function restsOnShown(item) {
    if (!state.hiddenSources.size) return true;
    return (item.evidence || []).some(function (ev) { return !state.hiddenSources.has(ev.source); });
  }
  function corroborationOf(item) {
    var c = item.corroboration;
    if (c && !state.hiddenSources.size) {
      var all = c.origins || [];
      return { quotes: c.quotes, sources: c.sources, origins: all, independent: c.independent,
        affiliated: all.length - c.independent };
    }
    var ends = endsOf(item);
    var seen = new Set();
    var origins = [];
    var shown = evidenceShown(item);
    shown.forEach(function (x) {
      seen.add(x.ev.source);
      var o = x.ev.origin || x.ev.source;
      if (x.ev.stance !== "contradicts" && origins.indexOf(o) < 0) origins.push(o);
    });
    // an origin is affiliated when one of its actors is an end or an end is tied to it
    var tied = (c && c.ties || []).map(function (t) { return t.origin; });
    var affiliated = origins.filter(function (id) {
      var o = originById.get(id);
      return tied.indexOf(id) >= 0 ||
        (!!o && (o.affiliations || []).some(function (a) { return ends.indexOf(a) >= 0; }));
    }).length;
    return { quotes: shown.length, sources: seen.size, origins: origins,
      independent: origins.length - affiliated, affiliated: affiliated };
  }
  /* The counts as `relgraph evidence` prints them: "4 quotes · 3 sources · 2 independent origins". */
  function corroborationText(c) {
    var text = plural(c.quotes, "quote", "quotes") + " \u00b7 " + plural(c.sources, "source", "sources") +
      " \u00b7 " + plural(c.independent, "independent origin", "independent origins");
    return c.affiliated ? text + " (" + c.affiliated + " affiliated)" : text;
  }
  /* The conflicts still there with the sources shown: while two of its sides keep an item
   * from a shown source (a relation's own date is a side of its own); a status conflict
   * while any of its items is shown. */
  function conflictsOf(item) {
    var all = item.conflicts || [];
    if (!state.hiddenSources.size || !all.length) return all;
    var ev = item.evidence || [];
    function shown(i) { return !!ev[i] && !state.hiddenSources.has(ev[i].source); }
    return all.filter(function (c) {
      var sides = c.sides || [{ items: c.items || [] }];
      var live = sides.filter(function (s) { return !s.items.length || s.items.some(shown); }).length;
      return live >= Math.min(2, sides.length) && (c.items || []).some(shown);
    });
  }
  /* Whether the evidence filters let a relation or claim through. */
  function evidencePasses(item) {
    if (state.hiddenModalities.has(modalityOf(item))) return false;
    if (!restsOnShown(item)) return false;
    return !state.conflictsOnly || conflictsOf(item).length > 0;
  }
  /* A relation's dates as the time filter reads them: its event dates (date, start, end), or
   * with "when it was reported" its report dates as `relgraph --by-reported` reads them: its
   * own `reported`, else the report dates of its evidence (each item's, else its source's
   * publication date). */
  var reportSpans = new Map();
  function reportSpan(item) {
    if (item.reported) return { earliest: partialDate(item.reported, false), latest: partialDate(item.reported, true) };
    var first = null;
    var last = null;
    (item.evidence || []).forEach(function (ev) {
      if (!ev.reported) return;
      var a = partialDate(ev.reported, false);
      var b = partialDate(ev.reported, true);
      if (a && (first === null || a < first)) first = a;
      if (b && (last === null || b > last)) last = b;
    });
    return { earliest: first, latest: last };
  }
  function spanOf(e) {
    if (state.dates !== "reported") return { earliest: e.earliest, latest: e.latest };
    if (!reportSpans.has(e.id)) reportSpans.set(e.id, reportSpan(e));
    return reportSpans.get(e.id);
  }
  function conflictBadge(n) {
    return n ? h("span", { class: "badge conflict", text: n === 1 ? "conflict" : n + " conflicts" }) : null;
  }
  /* A record still proposed for review (written by `relgraph suggest`, not checked yet):
   * its line is drawn faint and labelled "proposed", its panel says so. */
  function proposed(item) { return item.review === "proposed"; }
  function reviewBadge(item) {
    return proposed(item) ? h("span", { class: "badge review-proposed", text: "proposed" }) : null;
  }
  function reviewField(dl, item) {
    if (!proposed(item)) return;
    field(dl, "Review", [reviewBadge(item), " suggested by relgraph suggest and not checked yet: " +
      "read it against its source before relying on it"]);
  }

  function modalityBadge(item) {
    return unhappened(item) ? h("span", { class: "badge modality", text: modalityOf(item) }) : null;
  }
  function entityName(id) { return nodeById.has(id) ? nameOf(id) : id; }
  function sourceTitle(id) { var s = sources.get(id); return s ? s.title : id; }

  /* -- the controls: conflicts, modality, sources, dates, line width -- */
  var conflicted = DATA.edges.filter(function (e) { return (e.conflicts || []).length > 0; }).length;
  function buildEvidenceControls() {
    $("only-conflicts").addEventListener("change", function () {
      state.conflictsOnly = $("only-conflicts").checked;
      refresh();
      announce(state.conflictsOnly ? "Only relations with conflicts: " + counts().edges + " shown." : "Every relation shown again.");
    });
    var modalityCount = new Map();
    DATA.edges.forEach(function (e) { modalityCount.set(modalityOf(e), (modalityCount.get(modalityOf(e)) || 0) + 1); });
    MODALITIES.forEach(function (m) {
      var icon = lineIcon("#52606d", m.id === "occurred" ? null : MODALITY_DASHES.join(" "), 2);
      $("modalities").appendChild(checkItem(m.id, icon, m.label, modalityCount.get(m.id) || 0, m.text, function (on) {
        if (on) state.hiddenModalities.delete(m.id); else state.hiddenModalities.add(m.id);
        refresh();
      }));
    });
    $("show-sources").addEventListener("click", function () {
      showSources();
      writeHash(true);
      if (narrow()) setDrawer("details");
      focusTitle();
    });
    $("date-kind").addEventListener("change", function () {
      state.dates = $("date-kind").value === "reported" ? "reported" : "event";
      drawTime();
      refresh();
      announce((state.dates === "reported" ? "Time reads report dates: " : "Time reads event dates: ") +
        plural(counts().edges, "relation", "relations") + " shown.");
    });
    $("width-by").addEventListener("change", function () {
      state.widthBy = $("width-by").value === "origins" ? "origins" : "evidence";
      restyleEdges();
      buildLegend();
      writeHash(true);
    });
  }
  function updateEvidenceCounts() {
    var mods = new Map();
    var withConflicts = 0;
    DATA.edges.forEach(function (e) {
      if (!shownEdges.has(e.id)) return;
      mods.set(modalityOf(e), (mods.get(modalityOf(e)) || 0) + 1);
      if (conflictsOf(e).length) withConflicts++;
    });
    $("modalities").querySelectorAll("span.count").forEach(function (span) {
      var shown = mods.get(span.getAttribute("data-id")) || 0;
      var total = span.getAttribute("data-total");
      span.textContent = shown + "/" + total;
      span.title = shown + " of " + total + " shown";
    });
    $("conflict-count").textContent = withConflicts + "/" + conflicted;
    $("conflict-count").title = withConflicts + " of " + plural(conflicted, "relation", "relations") + " with conflicts shown";
    var hidden = state.hiddenSources.size;
    $("sources-summary").textContent = hidden
      ? plural(hidden, "source is", "sources are") + " hidden of " + sources.size + "; what rests only on them is left out."
      : "Every one of the " + plural(sources.size, "source", "sources") + " is used.";
  }
  function syncEvidenceBoxes() {
    $("only-conflicts").checked = state.conflictsOnly;
    $("modalities").querySelectorAll("input").forEach(function (box) {
      box.checked = !state.hiddenModalities.has(box.getAttribute("data-id"));
    });
    $("date-kind").value = state.dates;
    $("width-by").value = state.widthBy;
  }
  function evidenceHash(put) {
    put("hide-sources", list(state.hiddenSources));
    put("modalities", list(state.hiddenModalities));
    if (state.conflictsOnly) put("conflicts", "only");
    if (state.dates === "reported") put("dates", "reported");
    if (state.widthBy === "origins") put("width", "origins");
    if (state.selected && state.selected.type === "sources") put("panel", "sources");
  }
  function applyEvidenceHash(q) {
    state.hiddenSources = idSet(q.get("hide-sources"), function (x) { return sources.has(x); });
    state.hiddenModalities = idSet(q.get("modalities"), function (x) {
      return MODALITIES.some(function (m) { return m.id === x; });
    });
    state.conflictsOnly = q.get("conflicts") === "only";
    var dates = q.get("dates") === "reported" ? "reported" : "event";
    var width = q.get("width") === "origins" ? "origins" : "evidence";
    var restyle = width !== state.widthBy || state.hiddenSources.size > 0 || tableRows.size > 0;
    state.widthBy = width;
    if (dates !== state.dates) { state.dates = dates; drawTime(); }
    tableRows.clear();
    if (restyle) { restyleEdges(); buildLegend(); }
  }
  function resetEvidence() {
    state.hiddenSources.clear();
    state.hiddenModalities.clear();
    state.conflictsOnly = false;
    state.dates = "event";
    state.widthBy = "evidence";
    tableRows.clear();
    syncEvidenceBoxes();
    drawTime();
    restyleEdges();
    buildLegend();
  }
  function describeEvidenceFilters(bits) {
    if (state.hiddenSources.size) bits.push("hidden sources: " + Array.from(state.hiddenSources).join(", "));
    if (state.hiddenModalities.size) bits.push("hidden: " + Array.from(state.hiddenModalities).join(", "));
    if (state.conflictsOnly) bits.push("only relations with conflicts");
    if (state.dates === "reported") bits.push("dates read as report dates");
  }
  function sourcesChanged(text) {
    tableRows.clear();
    restyleEdges();
    refresh();
    announce(text + " " + counts().edges + " of " + plural(DATA.edges.length, "relation", "relations") + " shown.");
  }

  /* -- the Sources panel -- */
  var sourceUse = new Map();
  function useOf(id) {
    if (!sourceUse.size) {
      sources.forEach(function (s, sid) { sourceUse.set(sid, { relations: 0, claims: 0, alone: 0 }); });
      DATA.edges.concat(DATA.claims).forEach(function (item) {
        var mine = new Set((item.evidence || []).map(function (ev) { return ev.source; }));
        mine.forEach(function (sid) {
          var u = sourceUse.get(sid);
          if (!u) return;
          if (item.entity !== undefined) u.claims++; else u.relations++;
          if (mine.size === 1) u.alone++;
        });
      });
    }
    return sourceUse.get(id) || { relations: 0, claims: 0, alone: 0 };
  }
  /* The sources in the order of their independent origins (dataset order), each origin
   * first: [{origin}, {id}, {id}, {origin}, ...]. */
  function sourceOrder() {
    var out = [];
    var seen = new Set();
    DATA.origins.forEach(function (o) {
      var mine = (o.sources || []).filter(function (id) { return sources.has(id) && !seen.has(id); });
      if (!mine.length) return;
      out.push({ origin: { label: o.label, sources: mine } });
      mine.forEach(function (id) { seen.add(id); out.push({ id: id }); });
    });
    var rest = [];
    sources.forEach(function (s, id) { if (!seen.has(id)) rest.push(id); });
    if (rest.length) {
      out.push({ origin: { label: "none", sources: rest } });
      rest.forEach(function (id) { out.push({ id: id }); });
    }
    return out;
  }
  function originOfSource(id) {
    var found = null;
    originById.forEach(function (o) { if (!found && (o.sources || []).indexOf(id) >= 0) found = o; });
    return found;
  }
  /* "About this source": the Sources panel, at this source. */
  function aboutSource(id) {
    return h("button", { type: "button", class: "link about-source", "data-key": "about:" + id,
      onclick: function () {
        showSources();
        writeHash(true);
        if (narrow()) setDrawer("details");
        var box = $("details-body").querySelector('input[data-source="' + id.replace(/["\\]/g, "") + '"]');
        if (box) { box.scrollIntoView({ block: "start" }); box.focus({ preventScroll: true }); }
      } }, "About this source");
  }
  function sourceFacts(id) {
    var s = sources.get(id) || {};
    var dl = h("dl", { class: "facts" });
    var o = originOfSource(id);
    if (o) {
      var others = (o.sources || []).filter(function (x) { return x !== id; });
      field(dl, "Independent origin", o.label + (others.length ? " (with " + others.map(sourceTitle).join("; ") + ")" : " (its own)"));
    }
    if (s.derived_from && s.derived_from.length) {
      field(dl, "Derived from", "a translation, republication or rewrite of " +
        s.derived_from.map(function (x) { return "\u201c" + sourceTitle(x) + "\u201d"; }).join(" and "));
    }
    if (s.origin) field(dl, "Relays", entityName(s.origin));
    if (s.affiliation && s.affiliation.length) {
      var one = s.affiliation.length === 1;
      field(dl, "Affiliated with", s.affiliation.map(entityName).join(", ") +
        ": it belongs to or is funded by " + (one ? "it" : "them") +
        ", so it does not confirm what concerns " + (one ? "it" : "them") +
        " or an actor tied to " + (one ? "it" : "them") +
        " here (an office-holder, member or spokesperson, or one of " + (one ? "its" : "their") + " country)");
    }
    return dl;
  }
  function showSources(keepScroll) {
    state.selected = { type: "sources" };
    state.path = null;
    var scroll = $("details").scrollTop;
    var body = panel();
    body.appendChild(h("p", { class: "eyebrow", text: "Sources" }));
    body.appendChild(h("h2", { id: "details-title", tabindex: "-1", text: "Sources and their grades" }));
    body.appendChild(h("p", { class: "lead", text: "Untick a source to hide what rests only on it: a relation or " +
      "claim whose every quote comes from hidden sources disappears, and the counts follow." }));
    var hidden = state.hiddenSources.size;
    body.appendChild(h("p", { class: "notice", id: "sources-status", text: hidden
      ? plural(hidden, "source is", "sources are") + " hidden: " + counts().edges + " of " +
        plural(DATA.edges.length, "relation", "relations") + " shown."
      : "Every one of the " + plural(sources.size, "source", "sources") + " is used." }));
    if (hidden) {
      body.appendChild(h("div", { class: "row actions" }, h("button", { type: "button", "data-key": "sources-all",
        onclick: function () { state.hiddenSources.clear(); sourcesChanged("Every source used again."); } },
        "Use every source")));
    }
    var listEl = null;
    sourceOrder().forEach(function (entry) {
      if (entry.origin) {
        var o = entry.origin;
        body.appendChild(h("h3", { text: "Origin: " + o.label + " (" + plural(o.sources.length, "source", "sources") + ")" }));
        listEl = body.appendChild(h("ul", { class: "source-list" }));
        return;
      }
      var id = entry.id;
      var s = sources.get(id) || { title: id };
      var box = h("input", { type: "checkbox", "data-key": "source:" + id, "data-source": id });
      box.checked = !state.hiddenSources.has(id);
      box.addEventListener("change", function () {
        if (box.checked) state.hiddenSources.delete(id); else state.hiddenSources.add(id);
        sourcesChanged((box.checked ? "Using " : "Hiding ") + s.title + ".");
      });
      var url = safeUrl(s.url);
      var bits = [];
      if (s.publisher) bits.push(s.publisher);
      if (s.published) bits.push("published " + s.published);
      var use = useOf(id);
      var grades = h("div", { class: "grades" });
      if (s.reliability) {
        grades.appendChild(h("span", { class: "grade", title: "Source reliability (Admiralty scale)" },
          "Reliability " + s.reliability + ": " + (reliability.get(s.reliability) || "")));
      }
      if (s.retrieved) grades.appendChild(h("span", { class: "grade", text: "Retrieved " + s.retrieved }));
      listEl.appendChild(h("li", { class: "source-entry" + (box.checked ? "" : " hidden-source"), "data-source": id },
        h("label", { class: "check source-check" }, box, h("span", { class: "source-title", text: s.title })),
        bits.length || url ? h("p", { class: "muted small" }, bits.join(", "),
          url ? [bits.length ? " \u00b7 " : "", h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "open it")] : null) : null,
        grades.firstChild ? grades : null,
        s.notes ? h("p", { class: "notes" }, h("span", { class: "label", text: "Why this grade: " }), s.notes) : null,
        sourceFacts(id),
        h("p", { class: "muted small", text: "Quoted for " + plural(use.relations, "relation", "relations") +
          (use.claims ? " and " + plural(use.claims, "claim", "claims") : "") + "; " +
          (use.alone ? use.alone + " rest on it alone." : "nothing rests on it alone.") })));
    });
    if (keepScroll) $("details").scrollTop = scroll;
    updateFocusUi();
  }

  /* -- a relation's or claim's evidence, grouped by independent origin -- */
  function originHead(id, item, group) {
    var o = originById.get(id) || { id: id, label: id, sources: [], affiliations: [] };
    var ends = endsOf(item);
    var head = h("div", { class: "origin-head" });
    head.appendChild(h("h4", { text: "Origin: " + o.label }));
    var quoted = [];
    group.forEach(function (x) { if (quoted.indexOf(x.ev.source) < 0) quoted.push(x.ev.source); });
    var lines = [];
    quoted.forEach(function (sid) {
      var s = sources.get(sid) || {};
      var line = (s.publisher ? s.publisher + ", " : "") + "\u201c" + sourceTitle(sid) + "\u201d";
      if (s.derived_from && s.derived_from.length) {
        line += ": a translation, republication or rewrite of " + s.derived_from.map(function (x) {
          return "\u201c" + sourceTitle(x) + "\u201d";
        }).join(" and ");
      }
      if ((o.sources || []).indexOf(sid) < 0) line += ", relaying it";
      lines.push(line);
    });
    head.appendChild(h("p", { class: "origin-sources" }, h("span", { class: "label", text: quoted.length === 1 ? "Source: " : "Sources: " }), lines.join("; ")));
    // an origin that is an entity is affiliated with itself: said only when it is a party here
    var ties = ((item.corroboration || {}).ties || []).filter(function (t) { return t.origin === id; });
    var party = (o.affiliations || []).filter(function (a) {
      return ends.indexOf(a) >= 0 || ties.some(function (t) { return t.actor === a; });
    });
    var aff = (o.affiliations || []).filter(function (a) { return a !== o.id || party.indexOf(a) >= 0; });
    if (aff.length) {
      // a party here, or tied to one: "Miguel Díaz-Canel holds office in Cuba"
      var direct = party.some(function (a) { return ends.indexOf(a) >= 0; });
      var through = ties.filter(function (t) { return t.steps && t.steps.length; });
      head.appendChild(h("p", { class: "origin-affiliation" + (party.length ? " party" : "") },
        h("span", { class: "label", text: "Affiliated with: " }), aff.map(entityName).join(", "),
        direct ? " \u2014 a party here" : "",
        through.length ? " \u2014 " + through.map(tieText).join("; ") : "",
        party.length ? ", so not an independent origin" : ""));
    }
    return head;
  }
  /* How an end is tied to the actor an origin is affiliated with: "Miguel Díaz-Canel holds
   * office in Cuba", or "Miguel Díaz-Canel has country CU, the country of Cuba". */
  function tieText(t) {
    return t.steps.map(function (s) {
      return s.relation === null || s.relation === undefined
        ? entityName(s.actor) + " has country " + s.label + ", the country of " + entityName(s.to)
        : entityName(s.actor) + " " + s.label + " " + entityName(s.to);
    }).join(", ");
  }
  function evidenceByOrigin(item) {
    var groups = [];
    var at = new Map();
    evidenceShown(item).forEach(function (x) {
      var id = x.ev.origin || x.ev.source;
      if (!at.has(id)) { at.set(id, groups.length); groups.push({ id: id, items: [] }); }
      groups[at.get(id)].items.push(x);
    });
    var out = h("div", { class: "origins" });
    groups.forEach(function (g) {
      var ol = h("ol", { class: "evidence" });
      g.items.forEach(function (x) { ol.appendChild(evidenceItem(x.ev, x.i)); });
      out.appendChild(h("section", { class: "origin-group", "data-origin": g.id, "aria-label": "Origin: " + ((originById.get(g.id) || {}).label || g.id) },
        originHead(g.id, item, g.items), ol));
    });
    return out;
  }
  function hiddenNote(item) {
    var gone = (item.evidence || []).length - evidenceShown(item).length;
    return gone ? h("p", { class: "notice", text: plural(gone, "quote comes", "quotes come") + " from hidden sources and " +
      (gone === 1 ? "is" : "are") + " left out." }) : null;
  }
  function conflictBlock(item, c) {
    var ev = item.evidence || [];
    var box = h("div", { class: "conflict-box", "data-kind": c.kind },
      h("p", { class: "conflict-kind" }, conflictBadge(1), " ", h("strong", { text: CONFLICT_KINDS[c.kind] || c.kind })),
      h("p", { class: "conflict-message muted", text: c.message }));
    var sides = h("div", { class: "sides" });
    (c.sides || [{ label: "", items: c.items || [] }]).forEach(function (side) {
      var col = h("div", { class: "side" }, h("p", { class: "side-label", text: side.label }));
      side.items.forEach(function (i) {
        var x = ev[i];
        if (!x) return;
        if (state.hiddenSources.has(x.source)) {
          col.appendChild(h("p", { class: "muted small", text: "Item " + (i + 1) + ": from a hidden source." }));
          return;
        }
        col.appendChild(h("blockquote", { class: "quote" }, quoteText(x)));
        col.appendChild(h("p", { class: "side-source" }, h("span", { class: "label", text: "Item " + (i + 1) + " \u2014 " }), sourceTitle(x.source)));
      });
      sides.appendChild(col);
    });
    box.appendChild(sides);
    return box;
  }
  function conflictSection(item) {
    var found = conflictsOf(item);
    if (!found.length) return null;
    var sec = h("section", { class: "conflicts", "aria-labelledby": "h-conflicts" },
      h("h3", { id: "h-conflicts", text: "Conflicts (" + found.length + ")" }));
    found.forEach(function (c) { sec.appendChild(conflictBlock(item, c)); });
    return sec;
  }
  /* The evidence of a relation or claim: its counts, its conflicts side by side, and its
   * quotes grouped by independent origin. */
  function evidenceSection(item, body) {
    var c = corroborationOf(item);
    body.appendChild(h("p", { class: "corroboration", text: corroborationText(c) }));
    var conflicts = conflictSection(item);
    if (conflicts) body.appendChild(conflicts);
    body.appendChild(h("h3", { text: "Evidence (" + c.quotes + ")" }));
    append(body, hiddenNote(item));
    body.appendChild(evidenceByOrigin(item));
  }

  // -- announcements and drawers ------------------------------------------------------
  function announce(text) {
    var box = $("announce");
    box.textContent = "";
    // a fresh text node, a moment later, so that the same words are read again
    setTimeout(function () { box.textContent = text; }, 30);
  }
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 999.98px)") : null;
  function narrow() { return !!(NARROW && NARROW.matches); }
  var STILL = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  function motion(ms) {
    return STILL && STILL.matches ? false : { duration: ms, easingFunction: "easeInOutQuad" };
  }
  /* The part of the graph that no open drawer covers, in the canvas's own pixels: a sheet
   * from the bottom (phones, tablets upright) cuts its foot, a side drawer one side. */
  function openArea() {
    var box = $("graph").getBoundingClientRect();
    var area = { left: 0, top: 0, right: box.width, bottom: box.height };
    var open = document.body.getAttribute("data-drawer");
    if (!narrow() || !open || !$(open)) return area;
    var r = $(open).getBoundingClientRect();
    if (!r.width || !r.height) return area;
    if (r.top - box.top > 1) area.bottom = Math.min(area.bottom, r.top - box.top);
    else if (r.left - box.left > 1) area.right = Math.min(area.right, r.left - box.left);
    else area.left = Math.max(area.left, r.right - box.left);
    return area;
  }
  /* Keep points of the drawing (an actor, a relation's two ends) in the open area: when one
   * is outside it (or always, with opts.always), pan them to its middle; opts.fit zooms out
   * until they fit (and, with opts.always, in to at most 1); opts.scale zooms in to it. */
  function bringIntoSight(points, opts) {
    if (!network || !points.length) return;
    var area = openArea();
    var margin = Math.min(32, (area.right - area.left) / 6, (area.bottom - area.top) / 6);
    var w = area.right - area.left - 2 * margin;
    var hgt = area.bottom - area.top - 2 * margin;
    if (w <= 0 || hgt <= 0) return;
    var inside = points.every(function (p) {
      var d = network.canvasToDOM(p);
      return d.x >= area.left + margin && d.x <= area.right - margin &&
        d.y >= area.top + margin && d.y <= area.bottom - margin;
    });
    if (inside && !opts.always) return;
    var xs = points.map(function (p) { return p.x; });
    var ys = points.map(function (p) { return p.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var scale = network.getScale();
    if (opts.scale) scale = Math.max(scale, opts.scale);
    if (opts.fit) {
      var fits = Math.min(w / Math.max(maxX - minX, 1), hgt / Math.max(maxY - minY, 1));
      scale = opts.always ? Math.min(fits, 1) : Math.min(fits, scale);
    }
    var box = $("graph").getBoundingClientRect();
    var ax = (area.left + area.right) / 2 - box.width / 2;
    var ay = (area.top + area.bottom) / 2 - box.height / 2;
    network.moveTo({
      position: { x: (minX + maxX) / 2 - ax / scale, y: (minY + maxY) / 2 - ay / scale },
      scale: scale, animation: motion(300),
    });
  }
  function nodePoint(id) { return network.getPositions([visId(id)])[visId(id)]; }
  function setDrawer(name, moveFocus) {
    document.body.setAttribute("data-drawer", name || "");
    $("open-controls").setAttribute("aria-expanded", name === "controls" ? "true" : "false");
    $("open-details").setAttribute("aria-expanded", name === "details" ? "true" : "false");
    if (name && moveFocus && narrow()) $(name).focus();
  }

  // -- paths ---------------------------------------------------------------------------
  var MAX_PATHS = 12;
  /* The shortest paths between two actors over what is shown, as `relgraph path` finds
   * them: hops on the undirected projection, every shown relation of a hop listed. */
  function findPaths(a, b) {
    var result = { from: a, to: b, paths: [] };
    if (!nodeById.has(a) || !nodeById.has(b) || a === b || !nodeVisible(a) || !nodeVisible(b)) return result;
    var dist = new Map([[a, 0]]);
    var preds = new Map([[a, []]]);
    var frontier = [a];
    while (frontier.length && !dist.has(b)) {
      var next = [];
      frontier.forEach(function (v) {
        neighboursOf(v).forEach(function (w) {
          if (!dist.has(w)) { dist.set(w, dist.get(v) + 1); preds.set(w, [v]); next.push(w); }
          else if (dist.get(w) === dist.get(v) + 1 && preds.get(w).indexOf(v) < 0) preds.get(w).push(v);
        });
      });
      frontier = next;
    }
    if (!dist.has(b)) return result;
    var out = [];
    (function walk(v, tail) {
      if (out.length >= MAX_PATHS) return;
      if (v === a) { out.push([a].concat(tail)); return; }
      preds.get(v).forEach(function (p) { walk(p, [v].concat(tail)); });
    })(b, []);
    out.sort(function (x, y) {
      for (var i = 0; i < x.length; i++) {
        var nx = nameOf(x[i]), ny = nameOf(y[i]);
        if (nx !== ny) return nx < ny ? -1 : 1;
      }
      return 0;
    });
    result.paths = out.map(function (p) {
      var hops = [];
      for (var i = 0; i + 1 < p.length; i++) hops.push({ from: p[i], to: p[i + 1], edges: between(p[i], p[i + 1]) });
      return { actors: p, hops: hops };
    });
    return result;
  }
  function neighboursOf(v) {
    var seen = [];
    edgesOf.get(v).forEach(function (eid) {
      if (!shownEdges.has(eid)) return;
      var e = edgeById.get(eid);
      var w = e.from === v ? e.to : e.from;
      if (w !== v && nodeVisible(w) && seen.indexOf(w) < 0) seen.push(w);
    });
    return seen;
  }
  /* The shown relations joining u and v, in the order `relgraph path` lists them: those
   * from the actor that comes first in the dataset, then the others, each in dataset order. */
  var nodeIndex = new Map();
  DATA.nodes.forEach(function (n, i) { nodeIndex.set(n.id, i); });
  var edgeIndex = new Map();
  DATA.edges.forEach(function (e, i) { edgeIndex.set(e.id, i); });
  function between(u, v) {
    return edgesOf.get(u).filter(function (eid) {
      var e = edgeById.get(eid);
      return shownEdges.has(eid) && ((e.from === u && e.to === v) || (e.from === v && e.to === u));
    }).map(function (eid) { return edgeById.get(eid); }).sort(function (x, y) {
      return nodeIndex.get(x.from) - nodeIndex.get(y.from) || edgeIndex.get(x.id) - edgeIndex.get(y.id);
    });
  }
  function hopAlleged(hop) {
    return hop.edges.every(function (e) { return ALLEGED.has(e.status); });
  }
  function showPath(a, b, quiet) {
    state.path = findPaths(a, b);
    state.selected = { type: "path" };
    $("path-from").value = a;
    $("path-to").value = b;
    $("path-clear").disabled = false;
    drawPathSelection();
    var body = panel();
    var res = state.path;
    body.appendChild(h("p", { class: "eyebrow", text: "Connection" }));
    body.appendChild(h("h2", { id: "details-title", tabindex: "-1" }, "How ", actorButton(a), " and ", actorButton(b), " are connected"));
    if (!res.paths.length) {
      body.appendChild(h("p", { class: "notice", text: "No path joins them through the relations shown" +
        (counts().edges < DATA.edges.length ? " (filters apply)." : ".") }));
      if (!quiet) announce("No path between " + nameOf(a) + " and " + nameOf(b) + ".");
      return;
    }
    var hops = res.paths[0].hops.length;
    body.appendChild(h("p", { class: "lead", text: plural(res.paths.length, "shortest path", "shortest paths") +
      (res.paths.length >= MAX_PATHS ? " (the first " + MAX_PATHS + ")" : "") + " of " + plural(hops, "hop", "hops") +
      " through the relations shown." }));
    res.paths.forEach(function (p, n) {
      var alleged = p.hops.filter(hopAlleged).length;
      body.appendChild(h("h3", { text: "Path " + (n + 1) + ": " + p.actors.map(nameOf).join(" \u2013 ") +
        (alleged ? " (" + plural(alleged, "hop rests", "hops rest") + " on allegations only)" : "") }));
      p.hops.forEach(function (hop, i) {
        var only = hopAlleged(hop);
        var box = h("div", { class: "path-hop" + (only ? " alleged" : ""), "data-hop": i + 1 },
          h("h4", null, "Hop " + (i + 1) + ": ", actorButton(hop.from), " \u2013 ", actorButton(hop.to),
            only ? [" ", h("span", { class: "badge status-alleged", text: "allegation only" })] : null));
        hop.edges.forEach(function (e) {
          var t = typeOf(e);
          var read = e.from === hop.from ? nameOf(e.from) + " " + t.label + " " + nameOf(e.to)
            : nameOf(hop.from) + " " + (t.directed ? t.inverse_label : t.label) + " " + nameOf(hop.to);
          box.appendChild(h("p", { class: "path-relation" },
            h("button", { type: "button", class: "link", "data-key": "edge:" + e.id, onclick: function () { selectEdge(e.id, true); } }, read),
            " ", statusBadge(e.status)));
          box.appendChild(evidenceList(e.evidence));
        });
        body.appendChild(box);
      });
    });
    if (!quiet) announce(plural(res.paths.length, "path", "paths") + " of " + plural(hops, "hop", "hops") + " between " + nameOf(a) + " and " + nameOf(b) + ".");
  }
  function drawPathSelection() {
    if (!network || !state.path) return;
    var nodes = new Set();
    var edges = new Set();
    state.path.paths.forEach(function (p) {
      p.actors.forEach(function (x) { nodes.add(x); });
      p.hops.forEach(function (hop) { hop.edges.forEach(function (e) { edges.add(e.id); }); });
    });
    network.setSelection({ nodes: Array.from(nodes).map(visId), edges: Array.from(edges).map(visId) }, { unselectAll: true, highlightEdges: false });
  }
  function clearPath() {
    state.path = null;
    $("path-clear").disabled = true;
    if (network) network.unselectAll();
    state.selected = null;
    showOverview();
    writeHash(true);
  }
  function buildPathControls() {
    var order = DATA.nodes.slice().sort(function (x, y) { return x.name < y.name ? -1 : x.name > y.name ? 1 : 0; });
    ["path-from", "path-to"].forEach(function (id, i) {
      var sel = $(id);
      order.forEach(function (n) { sel.appendChild(h("option", { value: n.id, text: n.name })); });
      if (order.length > 1) sel.value = order[i].id;
    });
    $("path-find").addEventListener("click", function () {
      showPath($("path-from").value, $("path-to").value);
      writeHash(true);
      if (narrow()) setDrawer("details");
      focusTitle();
    });
    $("path-clear").addEventListener("click", clearPath);
  }

  // -- views in the address ----------------------------------------------------------------
  /* The view lives in the address after "#": selection, focus, filters, dates, zoom and
   * pan. Each change the reader makes is a step Back and Forward go through; zooming and
   * panning only update the current step. */
  var lastHash = null;
  var applying = false;
  function list(set) { return Array.from(set).sort().join(","); }
  function viewHash() {
    var q = [];
    function put(k, v) { if (v !== "" && v !== null && v !== undefined) q.push(k + "=" + encodeURIComponent(v)); }
    if (state.selected && state.selected.type === "node") put("actor", state.selected.id);
    if (state.selected && state.selected.type === "edge") put("relation", state.selected.id);
    if (state.path) put("path", state.path.from + "," + state.path.to);
    if (state.story !== null) {
      put("story", VIEWS[state.story].id);  // the step says its own filters
    } else {
      if (state.focus) { put("focus", state.focus.id); put("steps", state.focus.depth); }
      put("kinds", list(state.hiddenKinds));
      put("categories", list(state.hiddenCategories));
      put("statuses", list(state.hiddenStatuses));
      put("from", state.fromText);
      put("to", state.toText);
      if (!state.includeUndated) put("undated", "hide");
      if (!state.hideIsolated) put("isolated", "show");
    }
    if (tableOpen()) put("table", "1");
    if (state.sort) put("sort", (state.sort.desc ? "-" : "") + state.sort.key);
    evidenceHash(put);
    if (network && state.moved) {
      var pos = network.getViewPosition();
      put("view", [network.getScale().toFixed(3), pos.x.toFixed(1), pos.y.toFixed(1)].join(","));
    }
    return q.join("&");
  }
  function writeHash(push) {
    if (applying) return;
    var hash = viewHash();
    var now = location.hash.replace(/^#/, "");
    if (hash === now) return;
    lastHash = hash;
    try {
      if (push) history.pushState(null, "", "#" + hash);
      else history.replaceState(null, "", "#" + hash);
    } catch (err) {
      // a page in a sandboxed frame may not touch its history: the view just is not kept
    }
  }
  function readHash() {
    var out = new Map();
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var at = part.indexOf("=");
      var key = at < 0 ? part : part.slice(0, at);
      var value = "";
      try { value = decodeURIComponent(at < 0 ? "" : part.slice(at + 1)); } catch (err) { value = ""; }
      out.set(key, value);
    });
    return out;
  }
  function idSet(text, known) {
    var set = new Set();
    String(text || "").split(",").forEach(function (x) { if (x && known(x)) set.add(x); });
    return set;
  }
  function applyHash() {
    var q = readHash();
    var wasStory = state.story;
    var storyAt = storyIndex.has(q.get("story")) ? storyIndex.get(q.get("story")) : null;
    applying = true;
    try {
      state.hiddenKinds = idSet(q.get("kinds"), function (x) { return kindById.has(x); });
      state.hiddenCategories = idSet(q.get("categories"), function (x) { return categoryById.has(x); });
      state.hiddenStatuses = idSet(q.get("statuses"), function (x) { return statusById.has(x); });
      applyEvidenceHash(q);
      $("date-from").value = q.get("from") || "";
      $("date-to").value = q.get("to") || "";
      readDates(true);
      state.includeUndated = q.get("undated") !== "hide";
      state.hideIsolated = q.get("isolated") !== "show";
      var focus = q.get("focus");
      var steps = parseInt(q.get("steps") || "1", 10);
      steps = steps >= 1 && steps <= 3 ? steps : 1;
      state.focus = focus && nodeById.has(focus) ? { id: focus, depth: steps } : null;
      $("focus-depth").value = String(steps);
      var sort = q.get("sort") || "";
      var key = sort.replace(/^-/, "");
      state.sort = SORT_KEYS.indexOf(key) >= 0 ? { key: key, desc: sort.charAt(0) === "-" } : null;
      state.story = storyAt;
      if (storyAt !== null) setStepFilters(VIEWS[storyAt]);
      syncBoxes();
      state.path = null;
      refresh(true);
      state.storyKey = storyAt !== null ? filterKey() : null;
      drawStoryBar();
      setTable(q.get("table") === "1", true);
      var path = (q.get("path") || "").split(",");
      if (q.has("actor") && nodeById.has(q.get("actor"))) selectNode(q.get("actor"), false, true);
      else if (q.has("relation") && edgeById.has(q.get("relation"))) selectEdge(q.get("relation"), false, true);
      else if (path.length === 2 && nodeById.has(path[0]) && nodeById.has(path[1])) showPath(path[0], path[1], true);
      else if (q.get("panel") === "sources") { if (network) network.unselectAll(); showSources(); }
      else if (storyAt !== null) selectStep();
      else { state.selected = null; if (network) network.unselectAll(); showOverview(); }
      var view = (q.get("view") || "").split(",").map(Number);
      if (network) {
        if (view.length === 3 && view.every(isFinite) && view[0] > 0) {
          state.moved = true;
          network.moveTo({ scale: view[0], position: { x: view[1], y: view[2] }, animation: false });
          applyDetail();
        } else if (storyAt !== null) {
          state.moved = false;
          fitStep();
        } else if (state.moved || state.focus || wasStory !== null) {
          state.moved = false;
          fitAll();
        }
      }
    } finally {
      applying = false;
    }
    lastHash = location.hash.replace(/^#/, "");
  }
  function syncBoxes() {
    [["kinds", state.hiddenKinds], ["categories", state.hiddenCategories], ["statuses", state.hiddenStatuses]].forEach(function (pair) {
      $(pair[0]).querySelectorAll("input").forEach(function (box) {
        box.checked = !pair[1].has(box.getAttribute("data-id"));
      });
    });
    syncAllegationBox();
    syncEvidenceBoxes();
    $("include-undated").checked = state.includeUndated;
    $("hide-isolated").checked = state.hideIsolated;
  }
  // -- the story -------------------------------------------------------------------------
  /* A dataset's `views:` are the steps of its story: each sets the filters and dates it
   * names, fades everything but its actors and relations, and says its title and caption.
   * The address names the step (#story=id), so a step can be shared, and Back and Forward
   * go through the steps the reader took. Changing a filter leaves the story. */
  var VIEWS = (DATA.views || []).map(function (v) {
    function ids(xs, known) { return (xs || []).filter(function (x) { return known.has(x); }); }
    return {
      id: v.id,
      title: v.title,
      caption: v.caption || "",
      actors: ids(v.actors, nodeById),
      relations: ids(v.relations, edgeById),
      hideKinds: ids(v.hide_kinds, kindById),
      hideCategories: ids(v.hide_categories, categoryById),
      hideStatuses: ids(v.hide_statuses, statusById),
      from: v.from || "",
      to: v.to || "",
    };
  });
  var storyIndex = new Map();
  VIEWS.forEach(function (v, i) { storyIndex.set(v.id, i); });
  /* What the filters let through, as one string: a step is left when it changes. */
  function filterKey() {
    var q = [];
    function put(k, v) { q.push(k + "=" + v); }
    put("kinds", list(state.hiddenKinds));
    put("categories", list(state.hiddenCategories));
    put("statuses", list(state.hiddenStatuses));
    put("from", state.fromText);
    put("to", state.toText);
    put("undated", state.includeUndated);
    put("isolated", state.hideIsolated);
    put("focus", state.focus ? state.focus.id + "/" + state.focus.depth : "");
    put("sources", list(state.hiddenSources));
    put("modalities", list(state.hiddenModalities));
    put("conflicts", state.conflictsOnly);
    put("dates", state.dates);
    return q.join("&");
  }
  /* The filters of a step; a step with dates leaves the undated relations out. */
  function setStepFilters(v) {
    state.hiddenKinds = new Set(v.hideKinds);
    state.hiddenCategories = new Set(v.hideCategories);
    state.hiddenStatuses = new Set(v.hideStatuses);
    $("date-from").value = v.from;
    $("date-to").value = v.to;
    readDates(true);
    state.includeUndated = !(v.from || v.to);
    state.hideIsolated = true;
    state.focus = null;
    state.path = null;
    if (state.hiddenSources.size || state.hiddenModalities.size || state.conflictsOnly || state.dates !== "event") {
      var width = state.widthBy;
      resetEvidence();
      if (width !== state.widthBy) { state.widthBy = width; syncEvidenceBoxes(); restyleEdges(); buildLegend(); }
    }
    syncBoxes();
  }
  /* The actors and relations a step puts forward, among those shown: its relations and
   * their ends, and its actors (with the relations among them when it names none). */
  function stepSets(v) {
    var nodes = new Set();
    var edges = new Set();
    v.relations.forEach(function (id) {
      if (!shownEdges.has(id)) return;
      var e = edgeById.get(id);
      edges.add(id);
      nodes.add(e.from);
      nodes.add(e.to);
    });
    var actors = new Set(v.actors.filter(nodeVisible));
    actors.forEach(function (id) { nodes.add(id); });
    if (!v.relations.length) {
      actors.forEach(function (id) {
        edgesOf.get(id).forEach(function (eid) {
          var e = edgeById.get(eid);
          if (shownEdges.has(eid) && actors.has(e.from) && actors.has(e.to)) edges.add(eid);
        });
      });
    }
    return { nodes: nodes, edges: edges };
  }
  function stepLabel(i) { return "Step " + (i + 1) + " of " + VIEWS.length; }
  /* Go to step i: its filters, its selection, its fit; a step of the history unless quiet. */
  function showStep(i, quiet) {
    if (i < 0 || i >= VIEWS.length) return;
    var v = VIEWS[i];
    state.story = i;
    setStepFilters(v);
    state.selected = { type: "story", index: i };
    state.moved = false;
    refresh(true);
    state.storyKey = filterKey();
    fitStep();
    drawStoryBar();
    if (!quiet) {
      writeHash(true);
      announce(stepLabel(i) + ": " + v.title + ".");
    }
  }
  function fitStep() {
    if (!network || state.story === null) return;
    var sets = stepSets(VIEWS[state.story]);
    var ids = Array.from(sets.nodes).filter(function (id) { return inView(id, "node"); }).map(visId);
    fitAll(ids.length ? ids : undefined);
  }
  /* The step as the selection: drawn selected, the rest faded, listed in the panel. */
  function selectStep() {
    state.selected = { type: "story", index: state.story };
    state.path = null;
    drawStepSelection();
    showStepPanel();
  }
  function drawStepSelection() {
    if (!network || state.story === null) return;
    var sets = stepSets(VIEWS[state.story]);
    network.setSelection({
      nodes: Array.from(sets.nodes).filter(function (id) { return inView(id, "node"); }).map(visId),
      edges: Array.from(sets.edges).filter(function (id) { return inView(id, "edge"); }).map(visId),
    }, { unselectAll: true, highlightEdges: false });
  }
  function showStepPanel() {
    var i = state.story;
    if (i === null) { showOverview(); return; }
    var v = VIEWS[i];
    var sets = stepSets(v);
    var body = panel();
    body.appendChild(h("p", { class: "eyebrow", text: "Story \u00b7 " + stepLabel(i) }));
    body.appendChild(h("h2", { id: "details-title", tabindex: "-1", text: v.title }));
    if (v.caption) body.appendChild(h("p", { class: "lead", text: v.caption }));
    var rels = DATA.edges.filter(function (e) { return sets.edges.has(e.id); });
    if (rels.length) {
      body.appendChild(h("h3", { text: "Relations in this step (" + rels.length + ")" }));
      body.appendChild(h("ul", { class: "relations" }, rels.map(function (e) {
        return h("li", { class: ALLEGED.has(e.status) ? "allegation" : null },
          h("button", { type: "button", class: "relation", "data-key": "edge:" + e.id,
            onclick: function () { selectEdge(e.id, true); focusTitle(); } },
            h("span", { text: reading(e) }), " ", statusBadge(e.status)));
      })));
    }
    var actors = DATA.nodes.filter(function (n) { return sets.nodes.has(n.id); });
    if (actors.length) {
      body.appendChild(h("h3", { text: "Actors in this step (" + actors.length + ")" }));
      var line = h("p", { class: "step-actors" });
      actors.forEach(function (n, k) {
        if (k) line.appendChild(document.createTextNode(", "));
        line.appendChild(actorButton(n.id));
      });
      body.appendChild(line);
    }
    body.appendChild(h("p", { class: "muted small", text: "Next and Previous (or the arrow keys) step through the story; " +
      "changing a filter leaves it." }));
    updateFocusUi();
  }
  function drawStoryBar() {
    var on = state.story !== null;
    $("story").hidden = !on;
    $("story-open").setAttribute("aria-pressed", on ? "true" : "false");
    if (!on) return;
    var v = VIEWS[state.story];
    $("story-step").textContent = stepLabel(state.story);
    $("story-title").textContent = v.title;
    $("story-caption").textContent = v.caption;
    $("story-caption").hidden = !v.caption;
    $("story-prev").disabled = state.story === 0;
    $("story-next").disabled = state.story === VIEWS.length - 1;
  }
  /* Leave the story: the step's selection goes; its filters stay unless asked to clear. */
  function leaveStory(clearFilters) {
    if (state.story === null) return;
    state.story = null;
    state.storyKey = null;
    if (state.selected && state.selected.type === "story") {
      state.selected = null;
      if (network) network.unselectAll();
    }
    drawStoryBar();
    if (clearFilters) {
      state.hiddenKinds.clear();
      state.hiddenCategories.clear();
      state.hiddenStatuses.clear();
      $("date-from").value = "";
      $("date-to").value = "";
      readDates(true);
      state.includeUndated = true;
      syncBoxes();
      state.moved = false;
      refresh();
      fitAll();
      announce("Story left; everything shown again.");
    }
  }
  function buildStory() {
    if (!VIEWS.length) return;
    $("story-open").hidden = false;
    $("story-open").addEventListener("click", function () {
      if (state.story !== null) leaveStory(true);
      else showStep(0);
    });
    $("story-prev").addEventListener("click", function () { showStep(state.story - 1); });
    $("story-next").addEventListener("click", function () { showStep(state.story + 1); });
    $("story-leave").addEventListener("click", function () { leaveStory(true); $("story-open").focus(); });
    document.addEventListener("keydown", function (ev) {
      if (state.story === null || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      var t = ev.target;
      if (t && t.closest && t.closest("input, select, textarea, [contenteditable], #graph, [role=listbox]")) return;
      var step = ev.key === "ArrowRight" || ev.key === "PageDown" ? 1 : ev.key === "ArrowLeft" || ev.key === "PageUp" ? -1 : 0;
      if (!step) return;
      var to = state.story + step;
      if (to < 0 || to >= VIEWS.length) return;
      ev.preventDefault();
      showStep(to);
    });
  }
  function copyText(text, done) {
    function fallback() {
      var area = h("textarea", { class: "visually-hidden", readonly: true, "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }
  function copyLink() {
    writeHash(false);
    copyText(location.href, function (ok) {
      announce(ok ? "Link to this view copied." : "The link could not be copied: copy it from the address bar.");
      $("copy-link").textContent = ok ? "Link copied" : "Copy failed";
      setTimeout(function () { $("copy-link").textContent = "Copy link to this view"; }, 2000);
    });
  }

  // -- details panel -------------------------------------------------------------------
  function actorButton(id) {
    var n = nodeById.get(id);
    if (!n) return h("span", { text: id });
    return h("button", { type: "button", class: "link", "data-key": "actor:" + id,
      onclick: function () { selectNode(id, true); focusTitle(); } }, n.name);
  }
  function statusBadge(status) {
    return h("span", { class: "badge status-" + (statusById.has(status) ? status : "unknown"), text: status });
  }
  function field(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(h("dt", { text: term }));
    dl.appendChild(h("dd", null, value));
  }
  function sourceBlock(ev) {
    var s = sources.get(ev.source) || { title: ev.source };
    var url = safeUrl(s.url);
    var title = url
      ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, s.title)
      : h("span", { class: "title", text: s.title });
    var bits = [];
    if (s.publisher) bits.push(s.publisher);
    if (s.published) bits.push(s.published);
    var block = h("div", { class: "source" }, h("span", { class: "label", text: "Source: " }), title,
      bits.length ? h("span", { class: "muted", text: " \u2014 " + bits.join(", ") }) : null);
    var grades = h("div", { class: "grades" });
    if (s.reliability) {
      grades.appendChild(h("span", { class: "grade", title: "Source reliability (Admiralty scale)" },
        "Reliability " + s.reliability + ": " + (reliability.get(s.reliability) || "")));
    }
    if (ev.credibility) {
      grades.appendChild(h("span", { class: "grade", title: "Credibility of this information (Admiralty scale)" },
        "Credibility " + ev.credibility + ": " + (credibility.get(String(ev.credibility)) || "")));
    }
    if (s.retrieved) grades.appendChild(h("span", { class: "grade", text: "Retrieved " + s.retrieved }));
    if (sources.has(ev.source)) grades.appendChild(aboutSource(ev.source));
    return [block, grades.firstChild ? grades : null];
  }
  /* An elided quote's fragments ("a \u2026 b", "a ... b", "a [\u2026] b", as relgraph.quotes
   * splits them), or null when it has no elision or its context holds it whole, dots and all. */
  var ELISION = /\s+\[?(?:\u2026|\.\.\.)\]?\s+/;
  function quoteFragments(ev) {
    var q = String(ev.quote);
    var parts = (" " + q + " ").split(ELISION).map(function (part) {
      return part.replace(/\s+/g, " ").trim();
    }).filter(Boolean);
    if (parts.length < 2) return null;
    if (ev.context && String(ev.context).indexOf(q.replace(/\s+/g, " ").trim()) >= 0) return null;
    return parts;
  }
  /* The quote as written; an elided one as its fragments with each elision marked. */
  function quoteText(ev) {
    var parts = quoteFragments(ev);
    if (!parts) return h("p", { text: ev.quote });
    var p = h("p", { class: "elided" });
    parts.forEach(function (part, n) {
      if (n) p.appendChild(h("span", { class: "elision", title: "words left out", "aria-label": "words left out", text: " [\u2026] " }));
      p.appendChild(h("span", { class: "fragment", text: part }));
    });
    return p;
  }
  function contextBlock(ev) {
    if (!ev.context) return null;
    var ctx = String(ev.context);
    var q = String(ev.quote).replace(/\s+/g, " ").trim();
    var at = q ? ctx.indexOf(q) : -1;
    var p = h("p", { class: "context" }, h("span", { class: "label", text: "In context: " }));
    var parts = quoteFragments(ev);
    if (parts) {  // each fragment marked where it is, in order
      var pieces = [], pos = 0;
      for (var n = 0; n < parts.length; n++) {
        var found = ctx.indexOf(parts[n], pos);
        if (found < 0) { pieces = null; break; }
        pieces.push(ctx.slice(pos, found), h("mark", { text: parts[n] }));
        pos = found + parts[n].length;
      }
      if (pieces) { pieces.push(ctx.slice(pos)); append(p, pieces); return p; }
    }
    if (at >= 0) {
      append(p, [ctx.slice(0, at), h("mark", { text: q }), ctx.slice(at + q.length)]);
    } else {
      append(p, ctx);
    }
    return p;
  }
  /* The quotes of the sources shown, numbered as `relgraph evidence` numbers them. */
  function evidenceList(items) {
    var list = h("ol", { class: "evidence" });
    (items || []).forEach(function (ev, i) {
      if (!state.hiddenSources.has(ev.source)) list.appendChild(evidenceItem(ev, i));
    });
    return list;
  }
  /* The dataset's alleged_attributions: words it takes as allegation (warning[not-alleged]). */
  var ALLEGED_ATTRIBUTIONS = (DATA.dataset && DATA.dataset.alleged_attributions) || [];
  var STANCE_TEXT = { contradicts: " this report denies or corrects it", qualifies: " this report supports it only in part" };
  function evidenceItem(ev, i) {
    var attributed = null;
    if (ev.attributed_to) {
      attributed = h("p", { class: "attribution" }, "Attributed to ",
        ev.attributed_entity && nodeById.has(ev.attributed_entity)
          ? actorButton(ev.attributed_entity) : h("span", { text: ev.attributed_to }),
        ALLEGED_ATTRIBUTIONS.indexOf(ev.attributed_to) >= 0
          ? h("span", { class: "alleged-attribution", text: " \u2014 the dataset takes these words as allegation" }) : null);
    }
    var notes = ev.notes ? h("p", { class: "context" },
      h("span", { class: "label", text: "Note: " }), h("span", { text: ev.notes })) : null;
    var stance = STANCE_TEXT[ev.stance] ? h("p", { class: "stance" },
      h("span", { class: "badge stance-" + ev.stance, text: ev.stance }), STANCE_TEXT[ev.stance]) : null;
    var amounts = (ev.amounts || []).length ? h("p", { class: "amounts" },
      h("span", { class: "label", text: ev.amounts.length === 1 ? "Amount: " : "Amounts: " }),
      ev.amounts.map(function (a) { return a.text + (a.note ? " (" + a.note + ")" : ""); }).join("; "),
      h("span", { class: "muted", text: " — " + sourceTitle(ev.source) })) : null;
    var s = sources.get(ev.source) || {};
    var when = [];
    if (ev.date) when.push("dates it " + ev.date);
    if (ev.reported && ev.reported !== s.published) when.push("reported " + ev.reported);
    return h("li", { value: i + 1, class: ev.stance && ev.stance !== "supports" ? "stance-" + ev.stance : null },
      stance,
      h("blockquote", { class: "quote" }, quoteText(ev)),
      amounts,
      when.length ? h("p", { class: "attribution", text: when.join("; ").replace(/^./, function (c) { return c.toUpperCase(); }) }) : null,
      attributed, sourceBlock(ev), contextBlock(ev), notes);
  }

  /* Clear the panel for new content. When the panel is redrawn for the same thing (a
   * filter changed), the control that had focus gets it back afterwards. */
  var focusKey = null;
  function panel() {
    var body = $("details-body");
    var active = document.activeElement;
    focusKey = active && body.contains(active) ? active.getAttribute("data-key") || (active.id === "details-title" ? "title" : null) : null;
    clear(body);
    $("details").scrollTop = 0;
    return body;
  }
  function restoreFocus() {
    if (!focusKey) return;
    var el = focusKey === "title" ? $("details-title")
      : $("details-body").querySelector('[data-key="' + focusKey.replace(/["\\]/g, "") + '"]');
    focusKey = null;
    if (el) el.focus({ preventScroll: true });
    else if ($("details-title")) $("details-title").focus({ preventScroll: true });
  }
  function focusTitle() {
    var t = $("details-title");
    if (t) t.focus();
  }
  /* Draw the panel again for what it shows, keeping the reader's place. */
  function redrawPanel() {
    var sel = state.selected;
    if (!sel) showOverview();
    else if (sel.type === "node") showNode(sel.id, true);
    else if (sel.type === "edge") showEdge(sel.id, true);
    else if (sel.type === "path" && state.path) showPath(state.path.from, state.path.to, true);
    else if (sel.type === "sources") showSources(true);
    else if (sel.type === "story") { drawStepSelection(); showStepPanel(); }
    restoreFocus();
  }

  function showOverview() {
    var body = panel();
    var d = DATA.dataset;
    body.appendChild(h("p", { class: "eyebrow", text: "Dataset" }));
    body.appendChild(h("h2", { text: d.title }));
    if (d.description) body.appendChild(h("p", { class: "lead", text: d.description }));
    if (d.notes) body.appendChild(h("p", { class: "muted", text: d.notes }));
    var dl = h("dl", { class: "facts" });
    if (d.authors) field(dl, "Made by", d.authors);
    if (d.license) field(dl, "License", d.license);
    (d.parts || []).forEach(function (p) { field(dl, "From " + p.title, credits(p)); });
    field(dl, "Actors", String(DATA.nodes.length));
    field(dl, "Relations", String(DATA.edges.length));
    var allegations = DATA.edges.filter(function (e) { return ALLEGED.has(e.status); }).length;
    field(dl, "Allegations", String(allegations));
    field(dl, "Sources", String(sources.size));
    field(dl, "Independent origins", String(originById.size));
    if (conflicted) field(dl, "With conflicts", plural(conflicted, "relation", "relations"));
    body.appendChild(dl);
    if (VIEWS.length) {
      body.appendChild(h("h3", { text: "The story, in " + plural(VIEWS.length, "step", "steps") }));
      body.appendChild(h("ol", { class: "story-steps" }, VIEWS.map(function (v, i) {
        return h("li", null, h("button", { type: "button", class: "link", "data-key": "step:" + v.id,
          onclick: function () { showStep(i); focusTitle(); } }, v.title));
      })));
    }
    body.appendChild(h("div", { class: "row actions" }, h("button", { type: "button", "data-key": "sources",
      onclick: function () { showSources(); writeHash(true); focusTitle(); } }, "Sources and their grades")));
    body.appendChild(h("p", { class: "hint", text:
      "Click an actor or a relation to see its evidence: the quotes, their sources and the " +
      "sentences around them. Search finds actors by name or alias; the table view lists every relation." }));
    body.appendChild(h("p", { class: "muted small narrow-only", text: DATA.layout.text }));
    updateFocusUi();
  }

  function relationLine(e, from) {
    var t = typeOf(e);
    var other = e.from === from ? e.to : e.from;
    var verb = t.directed && e.to === from ? t.inverse_label : t.label;
    var cat = categoryOf(e);
    var dot = h("span", { class: "swatch", "aria-hidden": "true" });
    dot.style.background = color(cat.color, "#7b8794");
    var meta = [];
    if (dateText(e)) meta.push(dateText(e));
    var li = h("li", { class: ALLEGED.has(e.status) ? "allegation" : null },
      h("button", { type: "button", class: "relation", "data-key": "edge:" + e.id,
        onclick: function () { selectEdge(e.id, true); focusTitle(); } },
        dot, h("span", { class: "verb", text: verb + " " }), h("strong", { text: nameOf(other) }),
        meta.length ? h("span", { class: "muted", text: " \u00b7 " + meta.join(" \u00b7 ") }) : null,
        e.status !== "reported" && e.status !== "confirmed" ? [" ", statusBadge(e.status)] : null,
        unhappened(e) ? [" ", modalityBadge(e)] : null,
        proposed(e) ? [" ", reviewBadge(e)] : null,
        conflictsOf(e).length ? [" ", conflictBadge(conflictsOf(e).length)] : null));
    return li;
  }

  function showNode(id, keepScroll) {
    var n = nodeById.get(id);
    if (!n) return;
    state.selected = { type: "node", id: id };
    var scroll = $("details").scrollTop;
    var body = panel();
    var kind = kindOf(n);
    body.appendChild(h("p", { class: "eyebrow" }, shapeIcon(kind.shape, kind.color), " " + kind.label));
    body.appendChild(h("h2", { id: "details-title", tabindex: "-1", text: n.name }));
    if (!nodeVisible(id)) body.appendChild(h("p", { class: "notice", text: "Hidden by the current filters." }));
    var dl = h("dl", { class: "facts" });
    reviewField(dl, n);
    if (n.aliases && n.aliases.length) field(dl, "Also known as", n.aliases.join("; "));
    field(dl, "Country", n.country);
    if (n.tags && n.tags.length) field(dl, "Tags", n.tags.join(", "));
    (n.external_ids || []).forEach(function (pair) { field(dl, pair[0], pair[1]); });
    if (n.referents && n.referents.length) field(dl, "Merged from", n.referents.join(", "));
    if (dl.firstChild) body.appendChild(dl);
    if (n.description) body.appendChild(h("p", { class: "lead", text: n.description }));

    body.appendChild(h("h3", { text: "Centrality" }));
    var metrics = h("dl", { class: "facts metrics" });
    var rels = edgesOf.get(id) || [];
    field(metrics, "Relations", String(rels.length));
    var neighbours = new Set();
    rels.forEach(function (eid) {
      var e = edgeById.get(eid);
      neighbours.add(e.from === id ? e.to : e.from);
    });
    field(metrics, "Linked actors", String(neighbours.size));
    settings.metrics.forEach(function (m) {
      var label = metricLabels.get(m) || m;
      var value = fmt(n.metrics ? n.metrics[m] : undefined);
      var rank = ranks.get(m).get(id);
      var dd = [value, h("span", { class: "muted", text: " \u00b7 rank " + rank + " of " + DATA.nodes.length })];
      field(metrics, label + (m === state.sizeBy ? " (size)" : ""), dd);
      metrics.lastChild.previousSibling.title = metricHelp.get(m) || "";
    });
    body.appendChild(metrics);

    var allClaims = claimsOf.get(id) || [];
    var claims = allClaims.filter(function (c) { return !state.hiddenStatuses.has(c.status) && evidencePasses(c); });
    if (allClaims.length) {
      body.appendChild(h("h3", { text: "Claims (" + (claims.length === allClaims.length ? claims.length
        : claims.length + " of " + allClaims.length) + ")" }));
      if (claims.length < allClaims.length) {
        body.appendChild(h("p", { class: "notice", text: plural(allClaims.length - claims.length, "claim is", "claims are") +
          " hidden by the filters." }));
      }
      var list = h("ul", { class: "claims" });
      claims.forEach(function (c) {
        var li = h("li", { class: ALLEGED.has(c.status) ? "allegation" : null, "data-claim": c.id },
          h("p", { class: "statement" }, c.statement, " ", statusBadge(c.status),
            unhappened(c) ? [" ", modalityBadge(c)] : null,
            proposed(c) ? [" ", reviewBadge(c)] : null,
            conflictsOf(c).length ? [" ", conflictBadge(conflictsOf(c).length)] : null,
            dateText(c) ? h("span", { class: "muted", text: " " + dateText(c) }) : null),
          c.notes ? h("p", { class: "muted", text: c.notes }) : null);
        evidenceSection(c, li);
        list.appendChild(li);
      });
      body.appendChild(list);
    }

    var shownRels = rels.filter(function (eid) { return shownEdges.has(eid); });
    body.appendChild(h("h3", { id: "node-relations", text: "Relations (" + (shownRels.length === rels.length
      ? rels.length : shownRels.length + " of " + rels.length) + ")" }));
    if (shownRels.length < rels.length) {
      body.appendChild(h("p", { class: "notice", text: plural(rels.length - shownRels.length, "relation is", "relations are") +
        " hidden by the filters." }));
    }
    var order = shownRels.map(function (eid) { return edgeById.get(eid); });
    var catIndex = new Map();
    DATA.categories.forEach(function (c, i) { catIndex.set(c.id, i); });
    order.sort(function (a, b) {
      var ca = catIndex.get(typeOf(a).category) || 0;
      var cb = catIndex.get(typeOf(b).category) || 0;
      if (ca !== cb) return ca - cb;
      var na = nameOf(a.from === id ? a.to : a.from);
      var nb = nameOf(b.from === id ? b.to : b.from);
      return na < nb ? -1 : na > nb ? 1 : 0;
    });
    var relList = h("ul", { class: "relations" });
    order.forEach(function (e) { relList.appendChild(relationLine(e, id)); });
    body.appendChild(relList);
    body.appendChild(h("div", { class: "row actions" },
      h("button", { type: "button", "data-key": "focus", onclick: function () { focusOn(id); } }, "Focus on neighbourhood"),
      h("button", { type: "button", "data-key": "centre", onclick: function () { centre(id); } }, "Centre in view"),
      h("button", { type: "button", "data-key": "path", onclick: function () {
        $("path-from").value = id;
        if (narrow()) setDrawer("controls"); $("path-to").focus();
      } }, "Path to\u2026")));
    if (keepScroll) $("details").scrollTop = scroll;
    updateFocusUi();
    return rels.length;
  }

  function showEdge(id, keepScroll) {
    var e = edgeById.get(id);
    if (!e) return;
    state.selected = { type: "edge", id: id };
    var scroll = $("details").scrollTop;
    var body = panel();
    var t = typeOf(e);
    var cat = categoryOf(e);
    var dot = h("span", { class: "swatch", "aria-hidden": "true" });
    dot.style.background = color(cat.color, "#7b8794");
    body.appendChild(h("p", { class: "eyebrow" }, dot, " " + cat.label + " \u00b7 " +
      (t.directed ? "directed" : "undirected")));
    body.appendChild(h("h2", { id: "details-title", class: "reading", tabindex: "-1" },
      actorButton(e.from), " " + t.label + " ", actorButton(e.to)));
    if (ALLEGED.has(e.status) || e.status === "denied") {
      var status = statusById.get(e.status);
      body.appendChild(h("div", { class: "callout status-" + e.status, role: "note" },
        h("strong", { text: e.status.charAt(0).toUpperCase() + e.status.slice(1) }),
        " \u2014 " + (status ? status.text : e.status) + "."));
    }
    if (!edgeVisible(id)) body.appendChild(h("p", { class: "notice", text: "Hidden by the current filters." }));
    var dl = h("dl", { class: "facts" });
    reviewField(dl, e);
    field(dl, "Type", t.label + (t.directed ? " / " + t.inverse_label : ""));
    field(dl, t.directed ? "From" : "Between", actorButton(e.from));
    field(dl, t.directed ? "To" : "And", actorButton(e.to));
    field(dl, "Date", dateText(e));
    if (e.reported && e.reported !== dateText(e).replace(/^reported /, "")) field(dl, "Reported", e.reported);
    if (unhappened(e)) {
      var mod = MODALITIES.filter(function (m) { return m.id === modalityOf(e); })[0];
      field(dl, "Happened?", [modalityBadge(e), " " + (mod ? mod.text : modalityOf(e))]);
    }
    var st = statusById.get(e.status);
    var nConflicts = conflictsOf(e).length;
    field(dl, "Status", [statusBadge(e.status), st ? " " + st.text : "", nConflicts ? [" ", conflictBadge(nConflicts)] : null]);
    var sign = signById.get(e.sign);
    field(dl, "Sign", sign ? sign.label : e.sign);
    if (e.referents && e.referents.length) field(dl, "Merged from", e.referents.join(", "));
    body.appendChild(dl);
    evidenceSection(e, body);
    if (e.notes) {
      body.appendChild(h("h3", { text: "Notes" }));
      body.appendChild(h("p", { class: "notes", text: e.notes }));
    }
    if (t.description) {
      body.appendChild(h("p", { class: "muted", text: "\u201c" + t.label + "\u201d: " + t.description }));
    }
    if (keepScroll) $("details").scrollTop = scroll;
    updateFocusUi();
  }

  // -- selection, focus, search ------------------------------------------------------
  function inView(id, kind) {
    return kind === "node" ? nodeView && nodeView.get(visId(id)) !== null
      : edgeView && edgeView.get(visId(id)) !== null;
  }
  function selectNode(id, move, quiet) {
    if (!nodeById.has(id)) return false;
    state.path = null;
    var shown = !!network && inView(id, "node");
    if (shown) network.selectNodes([visId(id)]);
    else if (network) network.unselectAll();
    var rels = showNode(id);
    // on a phone the details open over the graph first, so that the actor is moved clear of them
    if (!quiet && narrow()) setDrawer("details");
    if (shown && move) centre(id);
    else if (shown && !quiet && narrow()) bringIntoSight([nodePoint(id)], {});
    if (!quiet) {
      writeHash(true);
      announce(nameOf(id) + ", " + kindOf(nodeById.get(id)).label + ": " + plural(rels, "relation", "relations") + ".");
    }
    return true;
  }
  function selectEdge(id, move, quiet) {
    if (!edgeById.has(id)) return false;
    state.path = null;
    var e = edgeById.get(id);
    var shown = !!network && inView(id, "edge");
    if (shown) network.setSelection({ nodes: [], edges: [visId(id)] }, { unselectAll: true, highlightEdges: false });
    else if (network) network.unselectAll();
    showEdge(id);
    if (!quiet && narrow()) setDrawer("details");
    // both ends in sight: fitted when asked from a list, moved clear of the drawer after a tap
    if (shown && (move || (!quiet && narrow()))) bringIntoSight([nodePoint(e.from), nodePoint(e.to)], { fit: true, always: !!move });
    if (!quiet) {
      writeHash(true);
      announce(reading(e) + ", " + e.status + ": " + plural((e.evidence || []).length, "quote", "quotes") + ".");
    }
    return true;
  }
  function centre(id) {
    if (!network || !inView(id, "node")) return;
    bringIntoSight([nodePoint(id)], { always: true, scale: Math.max(network.getScale(), 1) });
  }
  function focusOn(id) {
    state.moved = false;
    state.focus = { id: id, depth: parseInt($("focus-depth").value, 10) || 1 };
    refresh();
    fitAll();
  }
  function unfocus() {
    state.moved = false;
    state.focus = null;
    refresh();
    fitAll();
  }
  function updateFocusUi() {
    var sel = state.selected && state.selected.type === "node" ? state.selected.id : null;
    $("focus").disabled = !sel;
    $("unfocus").disabled = !state.focus;
    $("focus-text").textContent = state.focus
      ? "Showing actors within " + plural(state.focus.depth, "step", "steps") + " of " + nameOf(state.focus.id) + "."
      : sel ? "Focus on the actors around " + nameOf(sel) + "."
        : "Select an actor, then focus on the actors around it.";
  }

  function search(query) {
    var q = fold(query).trim();
    if (!q) return [];
    var out = [];
    DATA.nodes.forEach(function (n) {
      var name = fold(n.name);
      var score = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) >= 0 ? 3 : 9;
      var alias = null;
      (n.aliases || []).forEach(function (a) {
        var f = fold(a);
        var s = f === q ? 2 : f.indexOf(q) === 0 ? 2.5 : f.indexOf(q) >= 0 ? 4 : 9;
        if (s < score) { score = s; alias = a; }
      });
      var old = null;
      (n.referents || []).forEach(function (r) {
        var f = fold(r);
        var s = f === q ? 2 : f.indexOf(q) === 0 ? 2.5 : 9;
        if (s < score) { score = s; alias = null; old = r; }
      });
      if (score < 9) out.push({ node: n, score: score, alias: alias, old: old });
    });
    out.sort(function (a, b) {
      return a.score - b.score || (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0);
    });
    return out.slice(0, 12);
  }
  var active = -1;
  function renderResults() {
    var list = $("search-results");
    clear(list);
    var results = search($("search").value);
    active = results.length ? 0 : -1;
    results.forEach(function (r, i) {
      var kind = kindOf(r.node);
      var li = h("li", { role: "option", id: "result-" + i, "aria-selected": i === active ? "true" : "false",
        "data-id": r.node.id },
        shapeIcon(kind.shape, kind.color), h("span", { class: "name", text: r.node.name }),
        r.alias ? h("span", { class: "muted", text: " also " + r.alias }) : null,
        r.old ? h("span", { class: "muted", text: " merged from " + r.old }) : null);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(r.node.id); });
      list.appendChild(li);
    });
    if (!results.length && $("search").value.trim()) {
      list.appendChild(h("li", { class: "empty", text: "No actor matches." }));
    }
    list.hidden = !$("search").value.trim();
    $("search").setAttribute("aria-expanded", list.hidden ? "false" : "true");
    setActive(active);
  }
  function setActive(i) {
    var items = $("search-results").querySelectorAll("li[role=option]");
    items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
    active = i;
    if (i >= 0 && items[i]) $("search").setAttribute("aria-activedescendant", items[i].id);
    else $("search").removeAttribute("aria-activedescendant");
  }
  function pick(id, keyboard) {
    $("search-results").hidden = true;
    $("search").setAttribute("aria-expanded", "false");
    selectNode(id, true);
    if (keyboard) focusTitle();
  }
  function buildSearch() {
    var input = $("search");
    input.addEventListener("input", renderResults);
    input.addEventListener("focus", function () { if (input.value.trim()) renderResults(); });
    input.addEventListener("blur", function () {
      $("search-results").hidden = true;
      input.setAttribute("aria-expanded", "false");
    });
    input.addEventListener("keydown", function (ev) {
      var items = $("search-results").querySelectorAll("li[role=option]");
      if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); setActive((active + 1) % items.length); }
      else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); setActive((active - 1 + items.length) % items.length); }
      else if (ev.key === "Enter") {
        ev.preventDefault();
        if (active >= 0 && items[active]) pick(items[active].getAttribute("data-id"), true);
      } else if (ev.key === "Escape") {
        $("search-results").hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
    });
  }

  // -- table view ---------------------------------------------------------------------
  /* Rows are made when first shown, and listed TABLE_PAGE at a time: a table of tens of
   * thousands of rows takes the browser many seconds to lay out. */
  var TABLE_PAGE = 500;
  var tableActive = false;
  var tableLimit = TABLE_PAGE;
  var tableRows = new Map();
  function sourceOf(ev) { return sources.get(ev.source) || { title: ev.source }; }
  function attributionOf(e) {
    var seen = [];
    (e.evidence || []).forEach(function (ev) {
      var who = ev.attributed_entity && nodeById.has(ev.attributed_entity) ? nameOf(ev.attributed_entity) : ev.attributed_to;
      if (who && seen.indexOf(who) < 0) seen.push(who);
    });
    return seen.join("; ");
  }
  function tableRow(e) {
    var row = tableRows.get(e.id);
    if (row) return row;
    var t = typeOf(e);
    var evidence = h("td", { class: "evidence-cell" });
    evidenceShown(e).forEach(function (x) {
      var ev = x.ev;
      var s = sourceOf(ev);
      var amounts = (ev.amounts || []).map(function (a) { return a.text; }).join("; ");
      append(evidence, h("p", null, ev.stance === "contradicts" || ev.stance === "qualifies"
        ? [h("span", { class: "badge stance-" + ev.stance, text: ev.stance }), " "] : null, h("q", { text: ev.quote }),
        h("span", { class: "muted", text: (amounts ? " (" + amounts + ")" : "") + " \u2014 " + s.title + (s.reliability ? " [" + s.reliability + "]" : "") })));
    });
    var nConflicts = conflictsOf(e).length;
    row = h("tr", { class: ALLEGED.has(e.status) ? "allegation" : null, "data-id": e.id },
      h("td", { text: nameOf(e.from) }),
      h("td", null, h("button", { type: "button", class: "link", onclick: function () { selectEdge(e.id, false); } },
        t.label)),
      h("td", { text: nameOf(e.to) }),
      h("td", { class: "date", text: dateText(e) }),
      h("td", { class: "status" }, statusBadge(e.status), unhappened(e) ? [" ", modalityBadge(e)] : null,
        nConflicts ? [" ", conflictBadge(nConflicts)] : null),
      h("td", { class: "count", text: corroborationText(corroborationOf(e)) }),
      h("td", { text: attributionOf(e) }),
      evidence);
    tableRows.set(e.id, row);
    return row;
  }
  function buildTable() {
    tableActive = true;
    filterTable();
  }
  var SORT_KEYS = ["from", "relation", "to", "date", "status", "sources", "attribution", "evidence"];
  function sortValue(e, key) {
    if (key === "from") return fold(nameOf(e.from));
    if (key === "to") return fold(nameOf(e.to));
    if (key === "relation") return fold(typeOf(e).label);
    // event dates first, then relations dated only by a report, then the undated
    if (key === "date") return e.earliest || e.latest || (e.reported ? "~" + e.reported : "\uffff");
    if (key === "status") return e.status;
    if (key === "sources") {
      var c = corroborationOf(e);
      return c.independent * 1e8 + c.sources * 1e4 + c.quotes;
    }
    if (key === "attribution") return fold(attributionOf(e));
    return fold(((e.evidence || [])[0] || {}).quote || "");
  }
  function tableEdges() {
    var shown = DATA.edges.filter(function (e) { return shownEdges.has(e.id); });
    if (state.sort) {
      var key = state.sort.key;
      var sign = state.sort.desc ? -1 : 1;
      var order = new Map();
      DATA.edges.forEach(function (e, i) { order.set(e.id, i); });
      shown.sort(function (a, b) {
        var x = sortValue(a, key), y = sortValue(b, key);
        if (x < y) return -sign;
        if (x > y) return sign;
        return order.get(a.id) - order.get(b.id);
      });
    }
    return shown;
  }
  function filterTable() {
    if (!tableActive) return;
    var shown = tableEdges();
    var body = $("relations-table").tBodies[0];
    clear(body);
    var frag = document.createDocumentFragment();
    shown.slice(0, tableLimit).forEach(function (e) { frag.appendChild(tableRow(e)); });
    body.appendChild(frag);
    var listed = Math.min(shown.length, tableLimit);
    $("table-caption").textContent = "Relations with their evidence: " + shown.length + " of " +
      DATA.edges.length + " shown" + (shown.length < DATA.edges.length ? " (filters apply)" : "") +
      (listed < shown.length ? "; the first " + listed + " are listed" : "");
    var more = $("table-more");
    more.hidden = listed >= shown.length;
    more.textContent = "List " + Math.min(TABLE_PAGE, shown.length - listed) + " more";
    document.querySelectorAll("#relations-table th").forEach(function (th) {
      var key = th.getAttribute("data-key");
      var on = state.sort && state.sort.key === key;
      if (on) th.setAttribute("aria-sort", state.sort.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      var mark = th.querySelector(".sort-mark");
      if (mark) mark.textContent = on ? (state.sort.desc ? "\u25bc" : "\u25b2") : "";
    });
  }
  function buildSorting() {
    document.querySelectorAll("#relations-table th").forEach(function (th) {
      var key = th.getAttribute("data-key");
      var label = th.textContent;
      clear(th);
      var button = h("button", { type: "button", "data-key": key, title: "Sort by " + label.toLowerCase() },
        label, h("span", { class: "sort-mark", "aria-hidden": "true" }));
      button.addEventListener("click", function () {
        var desc = !!(state.sort && state.sort.key === key && !state.sort.desc);
        state.sort = { key: key, desc: desc };
        filterTable();
        writeHash(true);
        announce("Sorted by " + label.toLowerCase() + (desc ? ", descending." : ", ascending."));
      });
      th.appendChild(button);
    });
  }
  /* The rows shown, as records: every quote keeps its quote marks and its source. */
  function tableRecords() {
    return tableEdges().map(function (e) {
      var c = corroborationOf(e);
      return [nameOf(e.from), typeOf(e).label, nameOf(e.to), dateText(e), e.status,
        String(c.sources), attributionOf(e),
        evidenceShown(e).map(function (x) {
          var ev = x.ev;
          var src = sourceOf(ev);
          var amounts = (ev.amounts || []).map(function (a) { return a.text; }).join("; ");
          return (ev.stance === "contradicts" || ev.stance === "qualifies" ? "[" + ev.stance + "] " : "") +
            "\u201c" + ev.quote + "\u201d" + (amounts ? " (" + amounts + ")" : "") + " \u2014 " + src.title +
            (src.url ? " <" + src.url + ">" : "");
        }).join("\n"),
        modalityOf(e), String(c.quotes), String(c.independent),
        conflictsOf(e).map(function (x) { return x.kind + ": " + x.message; }).join("\n")];
    });
  }
  var TABLE_HEAD = ["From", "Relation", "To", "Date", "Status", "Sources", "Attribution", "Evidence",
    "Modality", "Quotes", "Independent origins", "Conflicts"];
  function csvCell(v) {
    var text = String(v);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function tableCsv() {
    return [TABLE_HEAD].concat(tableRecords()).map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  function tableText() {
    return tableRecords().map(function (r) {
      return r[0] + " " + r[1] + " " + r[2] + (r[3] ? " (" + r[3] + ")" : "") + " [" + r[4] +
        (r[8] !== "occurred" ? ", " + r[8] : "") + "]" +
        (r[6] ? " \u2014 attributed to " + r[6] : "") + "\n" +
        r[7].split("\n").map(function (line) { return "  " + line; }).join("\n") +
        (r[11] ? "\n" + r[11].split("\n").map(function (line) { return "  conflict, " + line; }).join("\n") : "");
    }).join("\n\n") + "\n";
  }
  function copyTable(kind) {
    var text = kind === "csv" ? tableCsv() : tableText();
    var n = tableEdges().length;
    copyText(text, function (ok) {
      announce(ok ? plural(n, "relation", "relations") + " copied as " + (kind === "csv" ? "CSV." : "text.")
        : "The table could not be copied.");
    });
  }
  function tableOpen() { return !$("table-view").hidden; }
  function setTable(open, quiet) {
    if (open) buildTable();
    var was = tableOpen();
    $("table-view").hidden = !open;
    $("graph").hidden = open;
    $("toggle-table").setAttribute("aria-pressed", open ? "true" : "false");
    $("toggle-table").textContent = open ? "Graph view" : "Table view";
    if (open && !quiet) $("table-view").focus();
    else if (!open && network) network.redraw();
    if (!quiet && was !== open) writeHash(true);
  }

  // -- wiring ------------------------------------------------------------------------------
  function resetAll() {
    leaveStory(false);
    state.hiddenKinds.clear();
    state.hiddenCategories.clear();
    state.hiddenStatuses.clear();
    state.from = state.to = state.fromText = state.toText = "";
    state.includeUndated = true;
    state.hideIsolated = true;
    state.focus = null;
    state.path = null;
    state.sort = null;
    state.moved = false;
    state.selected = null;
    document.querySelectorAll("#controls input[type=checkbox]").forEach(function (box) {
      box.checked = box.id !== "hide-allegations";
    });
    $("date-from").value = "";
    $("date-to").value = "";
    resetEvidence();
    readDates();
    setPhysics(false);
    if (nodesDS) nodesDS.update(DATA.nodes.map(function (n) { return { id: visId(n.id), x: n.x, y: n.y }; }));
    if (network) network.unselectAll();
    refresh();
    if (network) fitAll();
    announce("Everything shown again.");
  }
  function describeFilters() {
    var bits = [];
    if (state.hiddenKinds.size) bits.push("hidden actor kinds: " + Array.from(state.hiddenKinds).join(", "));
    if (state.hiddenCategories.size) bits.push("hidden categories: " + Array.from(state.hiddenCategories).join(", "));
    if (state.hiddenStatuses.size) bits.push("hidden statuses: " + Array.from(state.hiddenStatuses).join(", "));
    if (state.fromText || state.toText) bits.push("dates " + (state.fromText || "\u2026") + " to " + (state.toText || "\u2026") +
      (state.includeUndated ? ", undated included" : ", undated left out"));
    if (state.focus) bits.push("within " + plural(state.focus.depth, "step", "steps") + " of " + nameOf(state.focus.id));
    describeEvidenceFilters(bits);
    var c = counts();
    return "Shown: " + c.nodes + " of " + DATA.nodes.length + " actors, " + c.edges + " of " + DATA.edges.length +
      " relations" + (bits.length ? " (" + bits.join("; ") + ")." : ".");
  }
  /* "made by X; license Y", for a dataset or one of the datasets it was loaded from */
  function credits(d) {
    var bits = [];
    if (d.authors) bits.push("made by " + d.authors);
    if (d.license) bits.push("license " + d.license);
    return bits.join("; ");
  }
  function beforePrint() {
    buildTable();
    var d = DATA.dataset;
    $("print-description").textContent = d.description || "";
    $("print-caveats").textContent = d.notes ? "Caveats: " + d.notes : "";
    $("print-credits").textContent = [credits(d)].concat((d.parts || []).map(function (p) {
      return p.title + ": " + credits(p);
    })).filter(Boolean).join(". ");
    $("print-filters").textContent = describeFilters();
    var canvas = $("graph").querySelector("canvas");
    if (canvas && network && tableOpen() === false) {
      try { $("print-view").src = canvas.toDataURL("image/png"); $("print-view").alt = "The graph as drawn: " + describeFilters(); }
      catch (err) { $("print-view").removeAttribute("src"); }
    }
  }
  function setPhysics(on) {
    state.physics = on;
    if (network) network.setOptions({ physics: { enabled: on } });
    $("physics").setAttribute("aria-pressed", on ? "true" : "false");
    $("physics").textContent = "Physics: " + (on ? "on" : "off");
  }

  function start() {
    var d = DATA.dataset;
    $("title").textContent = d.title;
    $("layout-note").textContent = DATA.layout.text;
    $("generator").textContent = "Made with " + DATA.generator + " from dataset \u201c" + d.id +
      "\u201d. Every relation links to the words of its sources.";
    buildFilters();
    buildDisplay();
    buildLegend();
    buildSearch();
    buildPathControls();
    buildSorting();
    buildStory();
    computeVisible();
    try {
      buildNetwork();
    } catch (err) {
      graphError = String(err && err.message ? err.message : err);
      $("graph").appendChild(h("p", { class: "notice", text:
        "The graph cannot be drawn here (" + graphError + "). The table lists every relation." }));
    }
    $("fit").addEventListener("click", function () { state.moved = false; fitAll(); writeHash(false); });
    $("copy-link").addEventListener("click", copyLink);
    $("copy-text").addEventListener("click", function () { copyTable("text"); });
    $("copy-csv").addEventListener("click", function () { copyTable("csv"); });
    $("open-controls").addEventListener("click", function () {
      setDrawer(document.body.getAttribute("data-drawer") === "controls" ? "" : "controls", true);
    });
    $("open-details").addEventListener("click", function () {
      setDrawer(document.body.getAttribute("data-drawer") === "details" ? "" : "details", true);
    });
    $("close-controls").addEventListener("click", function () { setDrawer(""); $("open-controls").focus(); });
    $("close-details").addEventListener("click", function () { setDrawer(""); $("open-details").focus(); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && narrow() && document.body.getAttribute("data-drawer")) {
        var which = document.body.getAttribute("data-drawer");
        setDrawer("");
        $(which === "controls" ? "open-controls" : "open-details").focus();
      }
    });
    function traverse() { if (location.hash.replace(/^#/, "") !== lastHash) applyHash(); }
    window.addEventListener("popstate", traverse);
    window.addEventListener("hashchange", traverse);
    $("reset").addEventListener("click", resetAll);
    $("physics").addEventListener("click", function () { setPhysics(!state.physics); });
    $("toggle-table").addEventListener("click", function () { setTable($("table-view").hidden); });
    $("table-more").addEventListener("click", function () {
      tableLimit += TABLE_PAGE;
      filterTable();
    });
    $("focus").addEventListener("click", function () {
      if (state.selected && state.selected.type === "node") focusOn(state.selected.id);
    });
    $("unfocus").addEventListener("click", unfocus);
    document.querySelector(".skip").addEventListener("click", function (ev) {
      ev.preventDefault();
      setTable(true);
    });
    window.addEventListener("beforeprint", beforePrint);
    updateCounts();
    updateFilterCounts();
    showOverview();
    if (location.hash.length > 1) applyHash();
    else lastHash = "";
    if (!network) setTable(true, true);
  }

  start();

  /* Hooks for tests and for people poking at the page from the console. */
  window.relgraph = Object.freeze({
    get network() { return network; },
    get nodes() { return nodesDS; },
    get edges() { return edgesDS; },
    get nodeView() { return nodeView; },
    get edgeView() { return edgeView; },
    get firstDraw() { return firstDraw; },
    /* The id vis-network knows an actor or a relation by (see visId). */
    visId: visId,
    get error() { return graphError; },
    selectNode: function (id) { return selectNode(id, false); },
    selectEdge: function (id) { return selectEdge(id, false); },
    focus: focusOn,
    unfocus: unfocus,
    /* The id of the story's step shown, or null. */
    get story() { return state.story === null ? null : VIEWS[state.story].id; },
    counts: function () {
      var c = counts();
      return {
        nodes: c.nodes,
        edges: c.edges,
        drawnNodes: nodeView ? nodeView.length : 0,
        drawnEdges: edgeView ? edgeView.length : 0,
        totalNodes: DATA.nodes.length,
        totalEdges: DATA.edges.length,
      };
    },
    showTable: function (open) { setTable(open !== false); },
    reset: resetAll,
    path: function (a, b) { showPath(a, b); writeHash(true); return state.path; },
    tableCsv: tableCsv,
    tableText: tableText,
    /* The relation labels drawn in the last frame: id, place along the line (0 to 1) and
     * box in the drawing's coordinates. */
    labels: function () {
      return Array.from(labelBoxes.keys()).map(function (id) {
        var at = labelPlaces.get(visId(id));
        return { id: id, at: at.t, offset: at.dy, box: labelBoxes.get(id) };
      });
    },
    /* The relation a click at a point of the page (relative to the canvas) selects. */
    edgeAt: function (dom) { return network ? edgeNear(network.DOMtoCanvas(dom)) : null; },
    /* The actors and relations a selection keeps (the rest are faded), or null. */
    kept: function () {
      var sets = dimSets();
      return sets ? { nodes: Array.from(sets.nodes).sort(), edges: Array.from(sets.edges).sort() } : null;
    },
  });
})();
