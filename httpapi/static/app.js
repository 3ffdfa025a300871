// sitrep event map: filters, a clustered map, a timeline that filters by
// brushing, a list, and an event panel that highlights the evidence of
// each field in the article text.
//
// Data: /api/points gives every matching event as a compact row for the
// map and the timeline (usable at 100,000 events); /api/events gives the
// list page by page; /api/events/{id} gives one event with its article and
// "highlights" whose start16/end16 are UTF-16 offsets, i.e. indices of the
// JavaScript string, computed by the server from sitrep's UTF-8 byte
// offsets. The page never slices by byte offsets.
(function () {
  'use strict';

  // ---- Constants -------------------------------------------------------

  var TYPE_COLORS = {
    'Battles': '#c0392b',
    'Explosions/Remote violence': '#e67e22',
    'Violence against civilians': '#8e44ad',
    'Protests': '#2e86c1',
    'Riots': '#c9a40a',
    'Strategic developments': '#27ae60'
  };
  var OTHER_COLOR = '#7f8c8d';
  var CELL = 56;          // cluster grid cell, in screen pixels
  var PAGE = 50;          // list page size
  var DAY_MS = 86400000;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var FIELD_LABELS = {
    event_date: 'Date', sub_event_type: 'Event', actor1: 'Actor 1', actor2: 'Actor 2',
    location: 'Location', fatalities: 'Fatalities', claimed_by: 'Claimed by',
    verification: 'Verification', people: 'People'
  };

  // ---- State -----------------------------------------------------------

  var state = {
    config: { event_types: Object.keys(TYPE_COLORS), verifications: ['confirmed', 'unconfirmed', 'claimed', 'disputed', 'reported'] },
    query: '',        // filter query string, without brush, bbox and paging
    pts: null,        // loaded points, as typed arrays
    brush: null,      // {from: day, to: day} or null
    cursor: '',       // next list page
    listToken: 0,     // drops stale list responses
    pointsToken: 0,
    selected: null,   // id of the open event
    map: null,
    markers: null,
    selectedMarker: null
  };

  // ---- Small helpers ---------------------------------------------------

  function $(id) { return document.getElementById(id); }

  // h builds an element; text goes in as text, never as HTML.
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
        if (k === 'class') el.className = attrs[k];
        else if (k === 'text') el.textContent = attrs[k];
        else if (k === 'style') el.setAttribute('style', attrs[k]);
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), attrs[k]);
        else el.setAttribute(k, attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }

  function color(type) { return TYPE_COLORS[type] || OTHER_COLOR; }
  function fmtInt(n) { return n.toLocaleString('en-US'); }
  function dayToISO(d) { return new Date(d * DAY_MS).toISOString().slice(0, 10); }
  function isoToDay(s) { var t = Date.parse(s + 'T00:00:00Z'); return isNaN(t) ? null : Math.floor(t / DAY_MS); }
  function fmtDay(d) {
    var t = new Date(d * DAY_MS);
    return t.getUTCDate() + ' ' + MONTHS[t.getUTCMonth()] + ' ' + t.getUTCFullYear();
  }
  function fmtISO(s) { var d = isoToDay(s); return d == null ? (s || '') : fmtDay(d); }

  var pending = 0; // requests in flight, for tests

  function getJSON(url) {
    pending++;
    var done = function (v) { pending--; return v; };
    var fail = function (err) { pending--; throw err; };
    return fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok) {
          var msg = body && body.error ? body.error.message : r.status + ' ' + r.statusText;
          var err = new Error(msg);
          err.status = r.status;
          throw err;
        }
        return body;
      });
    }).then(done, fail);
  }

  function showError(msg) {
    var el = $('filter-error');
    el.textContent = msg || '';
    el.hidden = !msg;
  }

  // ---- Filters ---------------------------------------------------------

  function buildChips() {
    var types = $('f-types');
    state.config.event_types.forEach(function (t) {
      types.appendChild(h('label', { class: 'chip', title: t },
        h('input', { type: 'checkbox', name: 'type', value: t }),
        h('span', { class: 'dot', style: 'background:' + color(t) }), t));
    });
    var ver = $('f-verification');
    state.config.verifications.forEach(function (v) {
      ver.appendChild(h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'verification', value: v }), v));
    });
  }

  // formQuery returns the filters of the form as a query string.
  function formQuery() {
    var f = $('filters');
    var q = new URLSearchParams();
    ['q', 'from', 'to', 'country', 'admin1', 'actor', 'claimed_by', 'sub_type'].forEach(function (name) {
      var v = f.elements[name].value.trim();
      if (v) q.set(name, v);
    });
    ['type', 'verification'].forEach(function (name) {
      var vals = Array.prototype.filter.call(f.querySelectorAll('input[name="' + name + '"]'), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      if (vals.length) q.set(name, vals.join(','));
    });
    return q;
  }

  // listQuery adds the brush and, when asked, the map view to the filters.
  function listQuery() {
    var q = new URLSearchParams(state.query);
    if (state.brush) {
      var from = dayToISO(state.brush.from), to = dayToISO(state.brush.to);
      if (!q.get('from') || q.get('from') < from) q.set('from', from);
      if (!q.get('to') || q.get('to') > to) q.set('to', to);
    }
    if ($('f-view').checked && state.map) {
      var b = state.map.getBounds();
      var clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
      q.set('bbox', [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map(function (v) { return v.toFixed(4); }).join(','));
    }
    return q;
  }

  function applyFilters() {
    showError('');
    state.query = formQuery().toString();
    state.brush = null;
    updateBrushLabel();
    loadPoints();
    loadList(true);
    updateExportLink();
  }

  function updateExportLink() {
    var q = listQuery();
    q.delete('bbox');
    q.set('format', $('export-format').value);
    $('export-link').href = '/api/export?' + q.toString();
  }

  // ---- Points (map and timeline) --------------------------------------

  function loadPoints() {
    var token = ++state.pointsToken;
    $('summary').textContent = 'Loading events…';
    getJSON('/api/points?' + state.query).then(function (data) {
      if (token !== state.pointsToken) return;
      state.pts = decodePoints(data);
      updateSummary();
      drawTimeline();
      fitToPoints();
      drawMarkers();
    }).catch(function (err) {
      if (token !== state.pointsToken) return;
      $('summary').textContent = '';
      showError(err.message);
    });
  }

  // decodePoints turns rows [id, lat, lon, type, day, fatalities] into
  // typed arrays, with Web Mercator x and y in [0, 1] for the clustering.
  function decodePoints(data) {
    var rows = data.points, n = rows.length;
    var p = {
      n: n, types: data.types, truncated: data.truncated,
      id: new Array(n), lat: new Float64Array(n), lon: new Float64Array(n),
      x: new Float64Array(n), y: new Float64Array(n), hasXY: new Uint8Array(n),
      type: new Uint8Array(n), day: new Int32Array(n), hasDay: new Uint8Array(n), fat: new Uint32Array(n),
      minDay: Infinity, maxDay: -Infinity, fatalities: 0
    };
    for (var i = 0; i < n; i++) {
      var r = rows[i];
      p.id[i] = r[0];
      if (r[1] != null && r[2] != null) {
        var lat = Math.max(-85.0511, Math.min(85.0511, r[1]));
        p.lat[i] = r[1]; p.lon[i] = r[2]; p.hasXY[i] = 1;
        p.x[i] = (r[2] + 180) / 360;
        var s = Math.sin(lat * Math.PI / 180);
        p.y[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      }
      p.type[i] = r[3];
      if (r[4] != null) {
        p.day[i] = r[4]; p.hasDay[i] = 1;
        if (r[4] < p.minDay) p.minDay = r[4];
        if (r[4] > p.maxDay) p.maxDay = r[4];
      }
      p.fat[i] = r[5] || 0;
      p.fatalities += p.fat[i];
    }
    return p;
  }

  // inBrush reports whether point i lies in the brushed days.
  function inBrush(p, i) {
    if (!state.brush) return true;
    return p.hasDay[i] && p.day[i] >= state.brush.from && p.day[i] <= state.brush.to;
  }

  function updateSummary() {
    var p = state.pts, el = $('summary');
    el.textContent = '';
    if (!p) return;
    var n = 0, fat = 0;
    for (var i = 0; i < p.n; i++) if (inBrush(p, i)) { n++; fat += p.fat[i]; }
    el.appendChild(h('b', { text: fmtInt(n) }));
    el.appendChild(document.createTextNode(n === 1 ? ' event' : ' events'));
    if (p.minDay <= p.maxDay) {
      var from = state.brush ? state.brush.from : p.minDay, to = state.brush ? state.brush.to : p.maxDay;
      el.appendChild(document.createTextNode(' · ' + fmtDay(from) + ' – ' + fmtDay(to)));
    }
    el.appendChild(document.createTextNode(' · '));
    el.appendChild(h('b', { text: fmtInt(fat) }));
    el.appendChild(document.createTextNode(' reported fatalities'));
    if (p.truncated) el.appendChild(document.createTextNode(' · map shows the first ' + fmtInt(p.n)));
  }

  // ---- Map -------------------------------------------------------------

  function initMap() {
    if (!window.L) {
      var msg = $('map-message');
      msg.hidden = false;
      msg.textContent = '';
      msg.appendChild(h('strong', { text: 'The map library is missing from this build. ' }));
      msg.appendChild(document.createTextNode('Run '));
      msg.appendChild(h('code', { text: 'go generate ./httpapi' }));
      msg.appendChild(document.createTextNode(' (needs npm) and rebuild sitrep. The list, the timeline and the event details still work.'));
      $('map').classList.add('no-map');
      return;
    }
    var map = L.map('map', { preferCanvas: true, worldCopyJump: false, minZoom: 2, maxZoom: 14, zoomControl: true, attributionControl: true });
    map.setView([25, 30], 3);
    map.attributionControl.setPrefix('');
    if (state.config.tile_url) {
      L.tileLayer(state.config.tile_url, { attribution: state.config.tile_attribution || '', maxZoom: 18 }).addTo(map);
    } else {
      loadOutlines(map);
    }
    state.markers = L.layerGroup().addTo(map);
    state.map = map;
    map.on('moveend', function () {
      drawMarkers();
      if ($('f-view').checked) loadList(true);
    });
    var legend = L.control({ position: 'bottomright' });
    legend.onAdd = function () {
      var div = h('div', { class: 'legend' });
      state.config.event_types.forEach(function (t) {
        div.appendChild(h('div', null, h('span', { class: 'dot', style: 'background:' + color(t) }), t));
      });
      return div;
    };
    legend.addTo(map);
  }

  // loadOutlines draws Natural Earth country outlines (world-atlas).
  function loadOutlines(map) {
    fetch('/vendor/world-atlas/countries-50m.json').then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (topo) {
      var features = topoFeatures(topo, topo.objects.countries);
      L.geoJSON({ type: 'FeatureCollection', features: features }, {
        renderer: L.canvas({ padding: 0.5 }),
        interactive: false,
        style: { color: '#a9b4bf', weight: 0.7, fillColor: '#f8f7f3', fillOpacity: 1 }
      }).addTo(map).bringToBack();
      map.attributionControl.addAttribution('Country outlines: Natural Earth via world-atlas');
    }).catch(function () {
      var msg = $('map-message');
      msg.hidden = false;
      msg.textContent = 'Country outlines are missing from this build (run go generate ./httpapi).';
    });
  }

  // topoFeatures decodes a TopoJSON GeometryCollection into GeoJSON
  // features: arcs are delta-encoded and quantized by the transform, and a
  // negative arc index means the arc reversed (~i).
  function topoFeatures(topo, obj) {
    var tf = topo.transform;
    var arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0, out = new Array(arc.length);
      for (var i = 0; i < arc.length; i++) {
        if (tf) {
          x += arc[i][0]; y += arc[i][1];
          out[i] = [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]];
        } else {
          out[i] = [arc[i][0], arc[i][1]];
        }
      }
      return out;
    });
    function ring(ids) {
      var out = [];
      for (var k = 0; k < ids.length; k++) {
        var id = ids[k], a = id >= 0 ? arcs[id] : arcs[~id];
        var n = a.length;
        for (var j = k ? 1 : 0; j < n; j++) out.push(id >= 0 ? a[j] : a[n - 1 - j]);
      }
      return unwrap(out);
    }
    // A ring cut at the antimeridian (Fiji, Chukotka) would draw a line
    // across the world: move its western half east of 180°. Antarctica,
    // which spans every longitude, is left as it is.
    function unwrap(ring) {
      var jumps = false, polar = false;
      for (var i = 1; i < ring.length; i++) {
        if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) jumps = true;
        if (ring[i][1] < -60) polar = true;
      }
      if (!jumps || polar) return ring;
      return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
    }
    function geometry(g) {
      switch (g.type) {
        case 'Polygon': return { type: 'Polygon', coordinates: g.arcs.map(ring) };
        case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.arcs.map(function (p) { return p.map(ring); }) };
        case 'LineString': return { type: 'LineString', coordinates: ring(g.arcs) };
        case 'MultiLineString': return { type: 'MultiLineString', coordinates: g.arcs.map(ring) };
        default: return null;
      }
    }
    var geoms = obj.type === 'GeometryCollection' ? obj.geometries : [obj];
    return geoms.map(function (g) {
      return { type: 'Feature', id: g.id, properties: g.properties || {}, geometry: geometry(g) };
    }).filter(function (f) { return f.geometry; });
  }

  // drawMarkers bins the visible points into a grid of CELL pixels: a cell
  // with one event is a dot in its type's colour, a cell with more is a
  // ring whose arcs show the mix of types, sized by the count.
  function drawMarkers() {
    var map = state.map, p = state.pts;
    if (!map || !p) return;
    state.markers.clearLayers();
    var zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom);
    var pb = map.getPixelBounds();
    var x0 = pb.min.x - CELL, x1 = pb.max.x + CELL, y0 = pb.min.y - CELL, y1 = pb.max.y + CELL;
    var ntypes = p.types.length;
    var cells = new Map();
    for (var i = 0; i < p.n; i++) {
      if (!p.hasXY[i] || !inBrush(p, i)) continue;
      var px = p.x[i] * scale, py = p.y[i] * scale;
      if (px < x0 || px > x1 || py < y0 || py > y1) continue;
      var key = Math.floor(px / CELL) * 1048576 + Math.floor(py / CELL);
      var c = cells.get(key);
      if (!c) {
        c = { n: 0, sx: 0, sy: 0, first: i, counts: new Uint32Array(ntypes), minLat: 90, maxLat: -90, minLon: 180, maxLon: -180 };
        cells.set(key, c);
      }
      c.n++; c.sx += px; c.sy += py; c.counts[p.type[i]]++;
      if (p.lat[i] < c.minLat) c.minLat = p.lat[i];
      if (p.lat[i] > c.maxLat) c.maxLat = p.lat[i];
      if (p.lon[i] < c.minLon) c.minLon = p.lon[i];
      if (p.lon[i] > c.maxLon) c.maxLon = p.lon[i];
    }
    // Grid cells next to each other would draw overlapping rings: merge
    // each cell into a bigger one whose centre is within reach.
    var list = Array.from(cells.values()).sort(function (a, b) { return b.n - a.n; });
    var kept = [];
    list.forEach(function (c) {
      var cx = c.sx / c.n, cy = c.sy / c.n;
      for (var k = 0; k < kept.length; k++) {
        var o = kept[k], dx = o.sx / o.n - cx, dy = o.sy / o.n - cy;
        if (dx * dx + dy * dy < CELL * CELL * 0.6) {
          o.n += c.n; o.sx += c.sx; o.sy += c.sy;
          for (var t = 0; t < ntypes; t++) o.counts[t] += c.counts[t];
          o.minLat = Math.min(o.minLat, c.minLat); o.maxLat = Math.max(o.maxLat, c.maxLat);
          o.minLon = Math.min(o.minLon, c.minLon); o.maxLon = Math.max(o.maxLon, c.maxLon);
          return;
        }
      }
      kept.push(c);
    });
    kept.forEach(function (c) {
      if (c.n === 1) {
        var i = c.first;
        var m = L.circleMarker([p.lat[i], p.lon[i]], {
          radius: 6, color: '#ffffff', weight: 1.5, fillColor: color(p.types[p.type[i]]), fillOpacity: 0.95
        });
        m.on('click', function () { openEvent(p.id[i]); });
        m.bindTooltip(p.types[p.type[i]] + (p.hasDay[i] ? ' · ' + fmtDay(p.day[i]) : ''), { direction: 'top', offset: [0, -4] });
        state.markers.addLayer(m);
        return;
      }
      var ll = map.unproject([c.sx / c.n, c.sy / c.n], zoom);
      var size = Math.round(26 + 7 * Math.log10(c.n));
      var icon = L.divIcon({ className: 'cluster', html: clusterSVG(c.counts, p.types, size, c.n), iconSize: [size, size] });
      var marker = L.marker(ll, { icon: icon, keyboard: false, title: fmtInt(c.n) + ' events' });
      marker.on('click', function () {
        var same = c.maxLat - c.minLat < 1e-6 && c.maxLon - c.minLon < 1e-6;
        if (same || zoom >= map.getMaxZoom()) {
          showCellPopup(ll, c, p);
        } else {
          map.fitBounds([[c.minLat, c.minLon], [c.maxLat, c.maxLon]], { padding: [40, 40], maxZoom: Math.min(zoom + 4, map.getMaxZoom()) });
        }
      });
      state.markers.addLayer(marker);
    });
    if (state.selectedMarker) state.selectedMarker.addTo(map);
  }

  // fitToPoints shows every loaded point, leaving room for the legend.
  function fitToPoints() {
    var map = state.map, p = state.pts;
    if (!map || !p) return;
    var s = 90, w = 180, n = -90, e = -180, any = false;
    for (var i = 0; i < p.n; i++) {
      if (!p.hasXY[i]) continue;
      any = true;
      if (p.lat[i] < s) s = p.lat[i];
      if (p.lat[i] > n) n = p.lat[i];
      if (p.lon[i] < w) w = p.lon[i];
      if (p.lon[i] > e) e = p.lon[i];
    }
    if (!any) return;
    map.fitBounds([[s, w], [n, e]], { paddingTopLeft: [40, 40], paddingBottomRight: [220, 40], maxZoom: 7, animate: false });
  }

  // clusterSVG draws a ring of arcs, one per type in proportion to its
  // count, around the count.
  function clusterSVG(counts, types, size, n) {
    var r = size / 2 - 3, cx = size / 2, circ = 2 * Math.PI * r, off = 0;
    var parts = ['<svg width="' + size + '" height="' + size + '" viewBox="0 0 ' + size + ' ' + size + '">',
      '<circle cx="' + cx + '" cy="' + cx + '" r="' + (r + 2.5) + '" fill="#ffffff" stroke="rgba(23,33,44,0.25)" stroke-width="1"/>'];
    for (var t = 0; t < counts.length; t++) {
      if (!counts[t]) continue;
      var len = circ * counts[t] / n;
      parts.push('<circle cx="' + cx + '" cy="' + cx + '" r="' + r + '" fill="none" stroke="' + color(types[t]) +
        '" stroke-width="5" stroke-dasharray="' + len.toFixed(2) + ' ' + (circ - len).toFixed(2) +
        '" stroke-dashoffset="' + (-off).toFixed(2) + '" transform="rotate(-90 ' + cx + ' ' + cx + ')"/>');
      off += len;
    }
    parts.push('</svg><span>' + (n >= 10000 ? Math.round(n / 1000) + 'k' : n) + '</span>');
    return parts.join('');
  }

  // showCellPopup lists the events of a cluster that cannot be split by
  // zooming (same place).
  function showCellPopup(ll, c, p) {
    var list = h('ul', { class: 'popup-list' });
    var shown = 0;
    for (var i = 0; i < p.n && shown < 30; i++) {
      if (!p.hasXY[i] || !inBrush(p, i)) continue;
      if (p.lat[i] < c.minLat || p.lat[i] > c.maxLat || p.lon[i] < c.minLon || p.lon[i] > c.maxLon) continue;
      (function (i) {
        list.appendChild(h('li', { onclick: function () { openEvent(p.id[i]); } },
          h('span', { class: 'dot', style: 'background:' + color(p.types[p.type[i]]) }),
          (p.hasDay[i] ? fmtDay(p.day[i]) + ' · ' : '') + p.types[p.type[i]]));
      })(i);
      shown++;
    }
    var box = h('div', null, h('strong', { text: fmtInt(c.n) + ' events here' }), list);
    if (c.n > shown) box.appendChild(h('div', { class: 'meta', text: 'showing ' + shown + '; zoom the list with “Only events in the map view”' }));
    L.popup({ maxWidth: 320 }).setLatLng(ll).setContent(box).openOn(state.map);
  }

  function markSelected(ev) {
    if (!state.map) return;
    if (state.selectedMarker) { state.selectedMarker.remove(); state.selectedMarker = null; }
    if (!ev || ev.latitude == null || ev.longitude == null) return;
    var ll = L.latLng(ev.latitude, ev.longitude);
    state.selectedMarker = L.circleMarker(ll, {
      radius: 12, color: '#17212c', weight: 3, fill: false, interactive: false
    }).addTo(state.map);
    // Centre the event in the part of the map the panel leaves visible.
    var map = state.map, zoom = Math.max(map.getZoom(), 5);
    var panelW = $('panel').hidden ? 0 : $('panel').offsetWidth;
    var pt = map.project(ll, zoom).add([panelW / 2, 0]);
    map.setView(map.unproject(pt, zoom), zoom, { animate: false });
  }

  // ---- Timeline --------------------------------------------------------

  var tl = { bins: null, from: 0, days: 0, per: 1, x0: 0, w: 0, drag: null };

  // drawTimeline draws stacked bars of events per day (or per few days when
  // there are more days than pixels), coloured by type, and the brush.
  function drawTimeline() {
    var canvas = $('timeline'), p = state.pts;
    var dpr = window.devicePixelRatio || 1;
    var cw = canvas.clientWidth, ch = canvas.clientHeight;
    canvas.width = Math.max(1, Math.round(cw * dpr));
    canvas.height = Math.max(1, Math.round(ch * dpr));
    var ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cw, ch);
    if (!p || !(p.minDay <= p.maxDay)) {
      ctx.fillStyle = '#8a96a3';
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText(p ? 'No dated events match the filters.' : '', 8, 40);
      tl.bins = null;
      return;
    }
    var axisH = 16, top = 4, x0 = 34, w = cw - x0 - 4, hgt = ch - axisH - top;
    // At least a month is shown, so that a few days do not fill the width.
    var minDay = p.minDay, days = p.maxDay - p.minDay + 1;
    if (days < 31) { minDay -= Math.floor((31 - days) / 2); days = 31; }
    var per = Math.max(1, Math.ceil(days / Math.max(1, Math.floor(w / 2))));
    var nb = Math.ceil(days / per), nt = p.types.length;
    var bins = new Uint32Array(nb * nt), totals = new Uint32Array(nb), max = 0;
    for (var i = 0; i < p.n; i++) {
      if (!p.hasDay[i]) continue;
      var b = Math.floor((p.day[i] - minDay) / per);
      bins[b * nt + p.type[i]]++;
      if (++totals[b] > max) max = totals[b];
    }
    tl.bins = totals; tl.from = minDay; tl.days = days; tl.per = per; tl.x0 = x0; tl.w = w;
    var bw = w / nb;
    // Grid line and scale.
    ctx.strokeStyle = '#e6eaee';
    ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x0, top + 0.5); ctx.lineTo(x0 + w, top + 0.5);
    ctx.moveTo(x0, top + hgt / 2 + 0.5); ctx.lineTo(x0 + w, top + hgt / 2 + 0.5); ctx.stroke();
    ctx.fillStyle = '#8a96a3';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText(fmtInt(max), x0 - 5, top + 8);
    ctx.fillText('0', x0 - 5, top + hgt);
    // Bars.
    for (var k = 0; k < nb; k++) {
      var y = top + hgt;
      var dayStart = minDay + k * per, dayEnd = dayStart + per - 1;
      var dim = state.brush && (dayEnd < state.brush.from || dayStart > state.brush.to);
      for (var t = 0; t < nt; t++) {
        var v = bins[k * nt + t];
        if (!v) continue;
        var bh = v / max * hgt;
        ctx.fillStyle = color(p.types[t]);
        ctx.globalAlpha = dim ? 0.22 : 0.9;
        ctx.fillRect(x0 + k * bw + (bw > 3 ? 0.5 : 0), y - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
        y -= bh;
      }
    }
    ctx.globalAlpha = 1;
    // Axis: month starts (or years when long).
    ctx.textAlign = 'left';
    ctx.fillStyle = '#5d6b7a';
    ctx.strokeStyle = '#c5cdd5';
    var lastX = -1e9, d0 = new Date(minDay * DAY_MS);
    var yearly = days > 1100;
    var cur = yearly ? Date.UTC(d0.getUTCFullYear(), 0, 1) : Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), 1);
    for (; cur <= (minDay + days - 1) * DAY_MS; ) {
      var dd = new Date(cur), day = Math.floor(cur / DAY_MS);
      if (day >= minDay) {
        var x = x0 + (day - minDay) / per * bw;
        ctx.beginPath(); ctx.moveTo(x + 0.5, top + hgt); ctx.lineTo(x + 0.5, top + hgt + 4); ctx.stroke();
        var label = yearly ? String(dd.getUTCFullYear()) : MONTHS[dd.getUTCMonth()] + (dd.getUTCMonth() === 0 || lastX < 0 ? ' ' + dd.getUTCFullYear() : '');
        if (x - lastX > 60) { ctx.fillText(label, x + 3, top + hgt + 13); lastX = x; }
      }
      cur = yearly ? Date.UTC(dd.getUTCFullYear() + 1, 0, 1) : Date.UTC(dd.getUTCFullYear(), dd.getUTCMonth() + 1, 1);
    }
    ctx.strokeStyle = '#9aa8b6';
    ctx.beginPath(); ctx.moveTo(x0, top + hgt + 0.5); ctx.lineTo(x0 + w, top + hgt + 0.5); ctx.stroke();
    // Brush outline.
    var br = tl.drag ? tl.drag : state.brush;
    if (br) {
      var bx0 = x0 + (Math.min(br.from, br.to) - minDay) / per * bw;
      var bx1 = x0 + (Math.max(br.from, br.to) - minDay + 1) / per * bw;
      ctx.fillStyle = 'rgba(31, 95, 153, 0.10)';
      ctx.fillRect(bx0, top, bx1 - bx0, hgt);
      ctx.strokeStyle = '#1f5f99';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(bx0 + 0.5, top + 0.5, bx1 - bx0 - 1, hgt - 1);
    }
  }

  function dayAtX(clientX) {
    var rect = $('timeline').getBoundingClientRect();
    var x = clientX - rect.left - tl.x0;
    var d = tl.from + Math.floor(x / tl.w * tl.days);
    return Math.max(tl.from, Math.min(tl.from + tl.days - 1, d));
  }

  function initTimeline() {
    var canvas = $('timeline');
    canvas.addEventListener('mousedown', function (e) {
      if (!tl.bins) return;
      var d = dayAtX(e.clientX);
      tl.drag = { from: d, to: d, x: e.clientX };
      e.preventDefault();
    });
    window.addEventListener('mousemove', function (e) {
      if (!tl.drag) return;
      tl.drag.to = dayAtX(e.clientX);
      drawTimeline();
    });
    window.addEventListener('mouseup', function (e) {
      if (!tl.drag) return;
      var dr = tl.drag;
      tl.drag = null;
      if (Math.abs(e.clientX - dr.x) < 3) {
        setBrush(null); // a click clears
      } else {
        setBrush({ from: Math.min(dr.from, dr.to), to: Math.max(dr.from, dr.to) });
      }
    });
    canvas.addEventListener('dblclick', function () { setBrush(null); });
    $('brush-clear').addEventListener('click', function () { setBrush(null); });
    window.addEventListener('resize', function () { drawTimeline(); });
  }

  function setBrush(b) {
    state.brush = b;
    updateBrushLabel();
    drawTimeline();
    drawMarkers();
    updateSummary();
    updateExportLink();
    loadList(true);
  }

  function updateBrushLabel() {
    var b = state.brush;
    $('brush-label').textContent = b ? 'selected ' + fmtDay(b.from) + (b.to !== b.from ? ' – ' + fmtDay(b.to) : '')
      : 'drag across the bars to select days';
    $('brush-clear').hidden = !b;
  }

  // ---- List ------------------------------------------------------------

  function loadList(reset) {
    var token = ++state.listToken;
    var q = listQuery();
    q.set('limit', String(PAGE));
    if (!reset && state.cursor) q.set('cursor', state.cursor);
    var list = $('event-list');
    if (reset) { list.textContent = ''; state.cursor = ''; $('list-count').textContent = 'Loading…'; }
    getJSON('/api/events?' + q.toString()).then(function (page) {
      if (token !== state.listToken) return;
      page.events.forEach(function (ev) { list.appendChild(listItem(ev)); });
      state.cursor = page.next_cursor;
      $('more').hidden = !page.next_cursor;
      var n = list.children.length;
      $('list-count').textContent = n === 0 ? 'No events match' : 'Showing ' + fmtInt(n) + (page.next_cursor ? '+' : '') + (n === 1 ? ' event' : ' events') + ', newest first';
      if (n === 0) list.appendChild(h('li', { class: 'empty', text: 'No events match these filters.' }));
    }).catch(function (err) {
      if (token !== state.listToken) return;
      $('list-count').textContent = 'Events';
      showError(err.message);
    });
  }

  function listItem(ev) {
    var place = [ev.location, ev.admin1, ev.country].filter(Boolean).filter(function (v, i, a) { return a.indexOf(v) === i; }).join(', ');
    var actors = [ev.actor1, ev.actor2].filter(Boolean).join(' vs ');
    var li = h('li', { 'data-id': ev.event_id, class: ev.event_id === state.selected ? 'selected' : '', tabindex: '0',
      onclick: function () { openEvent(ev.event_id); },
      onkeydown: function (e) { if (e.key === 'Enter') openEvent(ev.event_id); } },
      h('div', { class: 'row1' },
        h('span', { class: 'dot', style: 'background:' + color(ev.event_type), title: ev.event_type }),
        h('span', { class: 'sub', text: ev.sub_event_type || ev.event_type }),
        h('span', { class: 'date', text: fmtISO(ev.event_date) })),
      h('div', { class: 'row2' },
        ev.fatalities > 0 ? h('span', { class: 'dead', text: ev.fatalities + ' killed · ' }) : null,
        place || 'place unknown', actors ? ' · ' + actors : ''));
    return li;
  }

  // ---- Event panel -----------------------------------------------------

  function openEvent(id) {
    state.selected = id;
    Array.prototype.forEach.call($('event-list').children, function (li) {
      li.classList.toggle('selected', li.getAttribute('data-id') === id);
    });
    var panel = $('panel'), body = $('panel-body');
    panel.hidden = false;
    body.textContent = '';
    body.appendChild(h('div', { class: 'loading', text: 'Loading event…' }));
    getJSON('/api/events/' + encodeURIComponent(id)).then(function (ev) {
      if (state.selected !== id) return;
      body.textContent = '';
      renderEvent(body, ev);
      markSelected(ev);
      var first = body.querySelector('mark.ev');
      if (first) first.scrollIntoView({ block: 'center' });
      panel.scrollTop = 0;
    }).catch(function (err) {
      body.textContent = '';
      body.appendChild(h('p', { class: 'error', text: 'Could not load the event: ' + err.message }));
    });
  }

  function closePanel() {
    $('panel').hidden = true;
    state.selected = null;
    markSelected(null);
    Array.prototype.forEach.call($('event-list').children, function (li) { li.classList.remove('selected'); });
  }

  var PRECISION = { 1: 'day known', 2: 'within a few days', 3: 'month only' };
  var GEO_PRECISION = { 1: 'the place itself', 2: 'near the place', 3: 'the wider region' };

  // The claim ledger of an event told by several documents: each source
  // with what it claims, side by side; why the reports were joined; and
  // the history of the derived fields.
  function renderLedger(ev) {
    var sec = h('section', { id: 'ledger' }, h('h3', { text: 'Sources and claims (' + ev.sources.length + ')' }));
    var grid = h('div', { class: 'ledger' });
    ev.sources.forEach(function (s) {
      var col = h('div', { class: 'ledger-source' },
        h('div', { class: 'ledger-head' }, h('strong', { text: s.source }),
          h('span', { class: 'meta', text: (s.published ? fmtISO(s.published) + ' · ' : '') + (s.verification || 'reported') })));
      var ul = h('ul', { class: 'claims' });
      (ev.claims || []).filter(function (c) { return c.source === s.source; }).forEach(function (c) {
        var figs = [];
        if (c.fatalities != null) figs.push(c.fatalities + ' killed');
        if (c.injuries != null) figs.push(c.injuries + ' injured');
        if (c.arrests != null) figs.push(c.arrests + ' arrested');
        ul.appendChild(h('li', { class: 'stance-' + c.stance },
          h('strong', { text: c.claimant || 'the outlet itself' }),
          c.spokesperson ? ' (' + c.spokesperson + ')' : '',
          ' ' + [c.stance, c.channel ? 'via ' + c.channel : ''].filter(Boolean).join(' · '),
          figs.length ? h('div', { class: 'figures', text: (c.stance === 'denies' ? 'denied: ' : '') + figs.join(', ') }) : ''));
      });
      col.appendChild(ul);
      grid.appendChild(col);
    });
    sec.appendChild(grid);
    if (ev.merges && ev.merges.length) {
      var ml = h('ul', { class: 'merges' });
      ev.merges.forEach(function (m) {
        ml.appendChild(h('li', null, h('strong', { text: m.source }), ' joined with ' + m.with + ': score ' + m.score.toFixed(2) + ' (threshold ' + m.threshold + ')',
          h('div', { class: 'meta', text: (m.features || []).map(function (f) { return f.name + ' ' + f.value + (f.detail ? ' [' + f.detail + ']' : ''); }).join('; ') })));
      });
      sec.appendChild(h('h3', { text: 'Why they are one event' }));
      sec.appendChild(ml);
    }
    if (ev.history && ev.history.length) {
      var hl = h('ul', { class: 'history' });
      ev.history.forEach(function (c) {
        hl.appendChild(h('li', null, h('span', { class: 'meta', text: c.at + ' · ' + c.cause + ': ' }),
          c.field + ' ' + (c.old || '∅') + ' → ' + (c.new || '∅')));
      });
      sec.appendChild(h('h3', { text: 'History' }));
      sec.appendChild(hl);
    }
    return sec;
  }

  function renderEvent(body, ev) {
    var place = [ev.location, ev.admin2, ev.admin1, ev.country].filter(Boolean)
      .filter(function (v, i, a) { return a.indexOf(v) === i; }).join(', ');
    var dates = ev.date_from && ev.date_from !== ev.event_date ? fmtISO(ev.date_from) + ' – ' + fmtISO(ev.event_date) : fmtISO(ev.event_date);
    body.appendChild(h('div', { class: 'kicker' },
      h('span', { class: 'dot', style: 'background:' + color(ev.event_type) }),
      ev.event_type + (ev.sub_event_type ? ' · ' + ev.sub_event_type : '')));
    body.appendChild(h('h2', { id: 'event-title', text: place || 'Place unknown' }));
    body.appendChild(h('div', { class: 'meta', text: dates + (PRECISION[ev.time_precision] ? ' (' + PRECISION[ev.time_precision] + ')' : '') }));

    var badges = h('div', { class: 'badges' },
      h('span', { id: 'verification', class: 'badge ' + (ev.verification || 'reported'), text: ev.verification || 'reported' }));
    if (ev.claimed_by) badges.appendChild(h('span', { class: 'claimant', text: 'claimed by ' + ev.claimed_by }));
    body.appendChild(badges);

    var facts = h('dl', { class: 'facts' });
    function fact(label, value) { if (value !== '' && value != null) { facts.appendChild(h('dt', { text: label })); facts.appendChild(h('dd', { text: String(value) })); } }
    fact('Actor 1', ev.actor1 + (ev.assoc_actor_1 ? ' (with ' + ev.assoc_actor_1 + ')' : ''));
    fact('Actor 2', ev.actor2 + (ev.assoc_actor_2 ? ' (with ' + ev.assoc_actor_2 + ')' : ''));
    var range = ev.fatalities_low != null && ev.fatalities_high != null && ev.fatalities_low !== ev.fatalities_high ?
      ' (reported ' + ev.fatalities_low + '–' + ev.fatalities_high + ', best ' + ev.fatalities_best + ')' : '';
    fact('Fatalities', ev.fatalities + range);
    if (ev.injuries) fact('Injured', ev.injuries);
    if (ev.arrests) fact('Arrested', ev.arrests);
    if (ev.latitude != null) fact('Coordinates', ev.latitude.toFixed(4) + ', ' + ev.longitude.toFixed(4) + (GEO_PRECISION[ev.geo_precision] ? ' · ' + GEO_PRECISION[ev.geo_precision] : ''));
    fact('Event id', ev.event_id);
    body.appendChild(facts);

    if (ev.notes) body.appendChild(h('section', null, h('h3', { text: 'Notes' }), h('p', { class: 'notes', text: ev.notes })));

    if (ev.sources && ev.sources.length > 1) {
      body.appendChild(renderLedger(ev));
    } else if (ev.claims && ev.claims.length) {
      var cl = h('ul', { class: 'claims' });
      ev.claims.forEach(function (c) {
        cl.appendChild(h('li', null,
          h('strong', { text: c.claimant || 'Unattributed' }),
          ' ' + [c.cue, c.stance].filter(Boolean).join(' · '),
          h('q', { text: c.text })));
      });
      body.appendChild(h('section', null, h('h3', { text: 'Claims' }), cl));
    }

    if (ev.people && ev.people.length) {
      var tb = h('tbody');
      ev.people.forEach(function (p) {
        tb.appendChild(h('tr', null,
          h('td', { text: p.name + (p.aliases && p.aliases.length ? ' (' + p.aliases.join(', ') + ')' : '') }),
          h('td', { text: [p.role, p.affiliation].filter(Boolean).join(', ') }),
          h('td', { class: 'fate ' + (p.fate || ''), text: p.fate || '' })));
      });
      body.appendChild(h('section', null, h('h3', { text: 'People' }),
        h('table', { class: 'people' }, h('thead', null, h('tr', null, h('th', { text: 'Name' }), h('th', { text: 'Role' }), h('th', { text: 'Fate' }))), tb)));
    }

    var hls = ev.highlights || [];
    var evIdx = [];
    hls.forEach(function (hl, i) { if (hl.kind === 'evidence') evIdx.push(i); });
    if (evIdx.length) {
      var evl = h('ul', { class: 'evidence' });
      evIdx.forEach(function (i) {
        var hl = hls[i];
        evl.appendChild(h('li', { 'data-hl': String(i), onclick: function () { flashHighlight(i); } },
          h('span', { class: 'ev-field', text: FIELD_LABELS[hl.field] || hl.field }),
          h('span', { class: 'ev-text', text: '“' + hl.text + '”' })));
      });
      body.appendChild(h('section', null, h('h3', { text: 'Evidence' }), evl));
    }

    var doc = ev.document;
    var src = h('div', { class: 'source' });
    if (doc && doc.title) src.appendChild(h('div', null, h('strong', { text: doc.title })));
    var url = (doc && doc.url) || (/^https?:\/\//i.test(ev.source) ? ev.source : '');
    if (/^https?:\/\//i.test(url)) src.appendChild(h('div', null, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: url })));
    src.appendChild(h('div', { class: 'meta', text: 'Source: ' + ev.source + (doc && doc.published ? ' · published ' + fmtISO(doc.published) : '') }));
    body.appendChild(h('section', null, h('h3', { text: 'Source' }), src));

    if (doc) {
      var art = h('div', { id: 'article', class: 'article' });
      renderHighlighted(art, doc.text, hls);
      body.appendChild(h('section', null, h('h3', { text: 'Article' }),
        h('div', { class: 'legend-inline' },
          h('span', null, h('i', { style: 'background:#ffe58a' }), 'evidence for a field'),
          h('span', null, h('i', { style: 'background:#e8f0fb' }), 'claim')),
        art));
    } else {
      body.appendChild(h('p', { class: 'meta', text: 'The article text is not stored.' }));
    }
  }

  // renderHighlighted writes text into el with each highlight marked.
  // Highlights may overlap or nest (evidence inside a claim): the text is
  // cut at every highlight boundary, and each piece is a <mark> whose
  // classes say what covers it and whose data-hl lists the highlights (by
  // index) it belongs to. Offsets are start16/end16, UTF-16 indices of the
  // JavaScript string, as the server computed them.
  function renderHighlighted(el, text, hls) {
    var cuts = [0, text.length];
    var valid = [];
    hls.forEach(function (hl, i) {
      if (hl.start16 >= 0 && hl.end16 <= text.length && hl.start16 < hl.end16) {
        valid.push(i);
        cuts.push(hl.start16, hl.end16);
      }
    });
    cuts.sort(function (a, b) { return a - b; });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      if (a === b) continue;
      var piece = text.slice(a, b);
      var over = valid.filter(function (i) { return hls[i].start16 <= a && hls[i].end16 >= b; });
      if (!over.length) { el.appendChild(document.createTextNode(piece)); continue; }
      var isEv = over.some(function (i) { return hls[i].kind === 'evidence'; });
      var isClaim = over.some(function (i) { return hls[i].kind === 'claim'; });
      var fields = over.filter(function (i) { return hls[i].kind === 'evidence'; }).map(function (i) { return FIELD_LABELS[hls[i].field] || hls[i].field; });
      var claimants = over.filter(function (i) { return hls[i].kind === 'claim'; }).map(function (i) { return 'claim: ' + (hls[i].field || 'unattributed'); });
      el.appendChild(h('mark', {
        class: (isEv ? 'ev' : '') + (isClaim ? ' claim' : ''),
        'data-hl': over.join(' '),
        'data-field': over.filter(function (i) { return hls[i].kind === 'evidence'; }).map(function (i) { return hls[i].field; }).join(' '),
        title: fields.concat(claimants).join('; ')
      }, piece));
    }
  }

  function flashHighlight(i) {
    var marks = Array.prototype.filter.call(document.querySelectorAll('#article mark'), function (m) {
      return m.getAttribute('data-hl').split(' ').indexOf(String(i)) >= 0;
    });
    if (!marks.length) return;
    marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    marks.forEach(function (m) { m.classList.add('flash'); });
    setTimeout(function () { marks.forEach(function (m) { m.classList.remove('flash'); }); }, 1200);
  }

  // ---- Start -----------------------------------------------------------

  function start() {
    getJSON('/api/config').catch(function () { return {}; }).then(function (cfg) {
      for (var k in cfg) state.config[k] = cfg[k];
      buildChips();
      initMap();
      initTimeline();
      $('filters').addEventListener('submit', function (e) { e.preventDefault(); applyFilters(); });
      $('reset-filters').addEventListener('click', function () { $('filters').reset(); applyFilters(); });
      $('f-view').addEventListener('change', function () { loadList(true); });
      $('more').addEventListener('click', function () { loadList(false); });
      $('panel-close').addEventListener('click', closePanel);
      document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !$('panel').hidden) closePanel(); });
      $('export-format').addEventListener('change', updateExportLink);
      applyFilters();
    });
  }

  // For tests and the console: read-only views of the state.
  window.sitrep = {
    state: state,
    topoFeatures: topoFeatures,
    openEvent: openEvent,
    ready: function () { return !!state.pts && pending === 0; }
  };

  start();
})();
