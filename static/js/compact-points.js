/*
 * compact-points.js: many points drawn as dots on one canvas (Leaflet 1.9).
 *
 * Written for the BTS registry; geodata/maps.py builds the payload:
 *   n       number of points
 *   scale   coordinates are round(degrees * scale)
 *   lat,lng base64 of zigzag varints: the differences between consecutive values
 *   cat     base64, one byte per point: index into labels/colors
 *   ids     base64 of zigzag varint differences of integer ids,
 *           or an array of strings (idKind says which: "int" or "str")
 *   labels, colors  one entry per category
 *   details (optional) {labels: [...], rows: [[...], ...]}: the popup's fields,
 *           one row of plain text per point (shown with textContent, never HTML)
 *   years   (optional) the year each point appeared (0: unknown). setYear(y,
 *           withUnknown) then draws only the points of year <= y (and those of
 *           unknown year when withUnknown) and rings those of year y ("new").
 *
 * Drawing: the dots are stamped (one small pre-rendered disc per category) into
 * one ImageData, in data order (later points on top), on a canvas in its own pane
 * above the overlay pane; redrawn after every move or zoom, scaled by CSS during
 * zoom animations. 150,000 dots take ~70 ms in software rendering.
 *
 * Clicks: the canvas ignores the mouse; the layer listens for clicks on the map
 * container (capture phase) and, with a grid index built for the current zoom,
 * takes the topmost dot under the pointer, or else the nearest within a few
 * pixels. Such a click does not reach Leaflet (nor layers below the dots). The dot
 * is selected:
 *   - a ring is drawn around it and a popup shows its id and category;
 *   - an invisible PointHit layer is put at the dot, with a tooltip (the id), a
 *     popup and a GeoJSON feature {properties: {point_id, category}}, and a
 *     "click" is fired on it that propagates to this layer (a FeatureGroup).
 *     streamlit-folium listens for "click" on every layer present when the map
 *     is created, this one included, so its last_object_clicked (the dot's
 *     lat/lng), last_object_clicked_tooltip (the id) and last_active_drawing
 *     (the feature) report the dot;
 *   - the layer fires "pointclick" {index, id, category, latlng}.
 * After the first complete draw it sets window.__pointsDrawn = performance.now()
 * (milliseconds since navigation) and fires "drawn".
 */
(function (L) {
  "use strict";
  if (!L || L.CompactPoints) {
    return;
  }

  function bytesFromBase64(text) {
    var binary = window.atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  // Undo the encoding: varint -> zigzag -> running sum.
  function readDeltas(text, count) {
    var bytes = bytesFromBase64(text);
    var out = new Float64Array(count);
    var pos = 0;
    var sum = 0;
    for (var i = 0; i < count; i++) {
      var value = 0;
      var factor = 1;
      var byte;
      do {
        byte = bytes[pos++];
        value += (byte & 127) * factor;
        factor *= 128;
      } while (byte & 128);
      sum += value % 2 ? -(value + 1) / 2 : value / 2;
      out[i] = sum;
    }
    if (pos !== bytes.length) {
      throw new Error("compact-points: payload does not hold " + count + " values");
    }
    return out;
  }

  function decode(data) {
    var n = data.n;
    var lat = readDeltas(data.lat, n);
    var lng = readDeltas(data.lng, n);
    for (var i = 0; i < n; i++) {
      lat[i] /= data.scale;
      lng[i] /= data.scale;
    }
    var cat = n ? bytesFromBase64(data.cat) : new Uint8Array(0);
    var ids = data.idKind === "int" ? readDeltas(data.ids, n) : data.ids;
    if (cat.length !== n || ids.length !== n) {
      throw new Error("compact-points: arrays of different lengths");
    }
    return {
      n: n,
      lat: lat,
      lng: lng,
      cat: cat,
      ids: ids,
      labels: data.labels,
      colors: data.colors,
      details: data.details || null,
      years: data.years || null,
    };
  }

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  // An invisible layer standing for the selected dot: it carries the popup, the
  // tooltip and the feature that listeners of "click" read.
  var PointHit = L.Layer.extend({
    initialize: function (latlng, properties) {
      this._latlng = L.latLng(latlng);
      this.feature = { type: "Feature", properties: properties };
    },
    onAdd: function () {},
    onRemove: function () {},
    getLatLng: function () {
      return this._latlng;
    },
    toGeoJSON: function () {
      return {
        type: "Feature",
        properties: L.extend({}, this.feature.properties),
        geometry: {
          type: "Point",
          coordinates: [this._latlng.lng, this._latlng.lat],
        },
      };
    },
  });

  L.CompactPoints = L.FeatureGroup.extend({
    options: {
      pane: "compactPointsPane",
      zIndex: 450,
      padding: 0.1, // share of the view drawn beyond each edge (smooth panning)
      tolerance: 4, // pixels beyond a dot's radius that still select it
      minRadius: 2,
      maxRadius: 5,
      radiusZoomOffset: 6, // radius = zoom - offset, clamped to min..max
      outline: "rgba(0, 0, 0, 0.55)",
      selectedColor: "#111111",
      freshColor: "#111111",
    },

    initialize: function (data, options) {
      L.FeatureGroup.prototype.initialize.call(this, [], options);
      this._data = decode(data);
      this._sprites = {};
      this._grid = null;
      this._selected = -1;
      this._hit = null;
      this._year = null;
      this._withUnknown = true;
      this._onContainerClick = this._onContainerClick.bind(this);
      this._onContainerMove = this._onContainerMove.bind(this);
    },

    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      var pane = map.getPane(this.options.pane) || map.createPane(this.options.pane);
      pane.style.zIndex = this.options.zIndex;
      pane.style.pointerEvents = "none";
      this._canvas = L.DomUtil.create("canvas", "compact-points", pane);
      this._canvas.style.pointerEvents = "none";
      if (this._zoomAnimated) {
        L.DomUtil.addClass(this._canvas, "leaflet-zoom-animated");
      }
      this._project(map);
      var container = map.getContainer();
      container.addEventListener("click", this._onContainerClick, true);
      container.addEventListener("mousemove", this._onContainerMove, { passive: true });
      if (!map._animatingZoom) {
        // (During a zoom animation, the "moveend" at its end draws the dots.)
        this._reset();
      }
    },

    onRemove: function (map) {
      var container = map.getContainer();
      container.removeEventListener("click", this._onContainerClick, true);
      container.removeEventListener("mousemove", this._onContainerMove);
      container.style.cursor = "";
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
      L.FeatureGroup.prototype.onRemove.call(this, map);
    },

    getEvents: function () {
      var events = {
        viewreset: this._reset,
        zoom: this._onZoom,
        moveend: this._reset,
        resize: this._reset,
        dragstart: this._clearCursor,
      };
      if (this._zoomAnimated) {
        events.zoomanim = this._onAnimZoom;
      }
      return events;
    },

    // Pixel coordinates at zoom 0; any zoom is a multiple of these.
    _project: function (map) {
      var d = this._data;
      var crs = map.options.crs;
      if (this._crs === crs) {
        return;
      }
      this._crs = crs;
      this._wx = new Float64Array(d.n);
      this._wy = new Float64Array(d.n);
      var minX = Infinity;
      var minY = Infinity;
      for (var i = 0; i < d.n; i++) {
        var p = crs.latLngToPoint(L.latLng(d.lat[i], d.lng[i]), 0);
        this._wx[i] = p.x;
        this._wy[i] = p.y;
        if (p.x < minX) minX = p.x;
        if (p.y < minY) minY = p.y;
      }
      this._minX = minX;
      this._minY = minY;
      this._grid = null;
    },

    _zoomFactor: function (zoom) {
      return this._crs.scale(zoom) / this._crs.scale(0);
    },

    _radius: function (zoom) {
      var o = this.options;
      var r = Math.round(zoom) - o.radiusZoomOffset;
      return Math.max(o.minRadius, Math.min(o.maxRadius, r));
    },

    // A dot as a list of pixels: offsets from its centre and colour. Dots are
    // stamped into one ImageData: in software rendering this is several times
    // faster than a drawImage or an arc per point.
    _stamp: function (category, radius, ratio, ringed) {
      var key = category + ":" + radius + ":" + ratio + (ringed ? ":ring" : "");
      var stamp = this._sprites[key];
      if (stamp) {
        return stamp;
      }
      var size = Math.ceil((radius + 1) * 2 * ratio);
      var sprite = document.createElement("canvas");
      sprite.width = sprite.height = size;
      var ctx = sprite.getContext("2d");
      ctx.beginPath();
      ctx.arc(size / 2, size / 2, radius * ratio, 0, 2 * Math.PI);
      ctx.fillStyle = this._data.colors[category] || "#888888";
      ctx.fill();
      if (ringed) {
        ctx.lineWidth = 2.5 * ratio;
        ctx.strokeStyle = this.options.freshColor;
        ctx.stroke();
      } else if (radius >= 3) {
        ctx.lineWidth = ratio;
        ctx.strokeStyle = this.options.outline;
        ctx.stroke();
      }
      var pixels = ctx.getImageData(0, 0, size, size).data;
      var words = new Uint32Array(pixels.buffer);
      var half = Math.floor(size / 2);
      var count = 0;
      for (var p = 0; p < size * size; p++) {
        if (pixels[p * 4 + 3]) count++;
      }
      stamp = {
        half: half,
        size: size,
        dx: new Int32Array(count),
        dy: new Int32Array(count),
        word: new Uint32Array(count),
        rgba: new Uint8Array(count * 4),
      };
      var k = 0;
      for (var y = 0; y < size; y++) {
        for (var x = 0; x < size; x++) {
          var at = y * size + x;
          if (!pixels[at * 4 + 3]) continue;
          stamp.dx[k] = x - half;
          stamp.dy[k] = y - half;
          stamp.word[k] = words[at];
          for (var channel = 0; channel < 4; channel++) {
            stamp.rgba[k * 4 + channel] = pixels[at * 4 + channel];
          }
          k++;
        }
      }
      this._sprites[key] = stamp;
      return stamp;
    },

    // Draw one stamp at device pixel (px, py) into the image's pixels.
    _put: function (stamp, px, py, words, bytes, width, height) {
      var half = stamp.half;
      var inside = px - half >= 0 && py - half >= 0 &&
        px - half + stamp.size <= width && py - half + stamp.size <= height;
      var dx = stamp.dx;
      var dy = stamp.dy;
      var word = stamp.word;
      var rgba = stamp.rgba;
      for (var k = 0; k < dx.length; k++) {
        var x = px + dx[k];
        var y = py + dy[k];
        if (!inside && (x < 0 || y < 0 || x >= width || y >= height)) {
          continue;
        }
        var at = y * width + x;
        var alpha = rgba[k * 4 + 3];
        var under = bytes[at * 4 + 3];
        if (alpha > 250 || under === 0) {
          words[at] = word[k];
          continue;
        }
        // Source over destination, for the anti-aliased rim of the dot.
        var a = alpha / 255;
        var b = (under / 255) * (1 - a);
        var out = a + b;
        var i4 = at * 4;
        bytes[i4] = (rgba[k * 4] * a + bytes[i4] * b) / out;
        bytes[i4 + 1] = (rgba[k * 4 + 1] * a + bytes[i4 + 1] * b) / out;
        bytes[i4 + 2] = (rgba[k * 4 + 2] * a + bytes[i4 + 2] * b) / out;
        bytes[i4 + 3] = out * 255;
      }
    },

    _reset: function () {
      if (!this._map || !this._canvas) {
        return;
      }
      var map = this._map;
      var p = this.options.padding;
      var size = map.getSize();
      var min = map.containerPointToLayerPoint(size.multiplyBy(-p)).round();
      this._bounds = new L.Bounds(min, min.add(size.multiplyBy(1 + p * 2)).round());
      this._center = map.getCenter();
      this._zoom = map.getZoom();
      L.DomUtil.setPosition(this._canvas, min);
      this._redraw();
    },

    _onZoom: function () {
      this._updateTransform(this._map.getCenter(), this._map.getZoom());
    },

    _onAnimZoom: function (event) {
      this._updateTransform(event.center, event.zoom);
    },

    // Scale and move the current drawing while a zoom runs, as Leaflet does
    // for its own renderers; the dots are redrawn when the zoom ends.
    _updateTransform: function (center, zoom) {
      if (!this._canvas || this._center === undefined) {
        return;
      }
      var map = this._map;
      var scale = map.getZoomScale(zoom, this._zoom);
      var viewHalf = map.getSize().multiplyBy(0.5 + this.options.padding);
      var centerPoint = map.project(this._center, zoom);
      var topLeft = viewHalf
        .multiplyBy(-scale)
        .add(centerPoint)
        .subtract(map._getNewPixelOrigin(center, zoom));
      if (L.Browser.any3d) {
        L.DomUtil.setTransform(this._canvas, topLeft, scale);
      } else {
        L.DomUtil.setPosition(this._canvas, topLeft);
      }
    },

    // Whether point i is drawn in the chosen year (all are, with no year).
    shown: function (i) {
      var year = this._year;
      if (year === null || !this._data.years) {
        return true;
      }
      var born = this._data.years[i];
      return born ? born <= year : this._withUnknown;
    },

    // Whether point i appeared in the chosen year (drawn with a ring).
    fresh: function (i) {
      return this._year !== null && this._data.years !== null &&
        this._data.years[i] === this._year;
    },

    // Show the network as it stood at the end of a year (null: every point);
    // points of unknown year are drawn only ``withUnknown``.
    setYear: function (year, withUnknown) {
      this._year = year === null ? null : Number(year);
      this._withUnknown = year === null || Boolean(withUnknown);
      if (this._selected >= 0 && !this.shown(this._selected)) {
        this._selected = -1;
        if (this._hit) {
          this._hit.closePopup();
          this.removeLayer(this._hit);
          this._hit = null;
        }
      }
      if (this._bounds) {
        this._redraw();
      }
      return this;
    },

    _redraw: function () {
      var map = this._map;
      var d = this._data;
      var size = this._bounds.getSize();
      var ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas;
      var width = Math.round(size.x * ratio);
      var height = Math.round(size.y * ratio);
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      if (!width || !height) {
        return;
      }
      var ctx = canvas.getContext("2d");
      var image = ctx.createImageData(width, height);
      var words = new Uint32Array(image.data.buffer);
      var bytes = image.data;
      var zoom = map.getZoom();
      var factor = this._zoomFactor(zoom);
      var origin = map.getPixelOrigin();
      var ox = origin.x + this._bounds.min.x;
      var oy = origin.y + this._bounds.min.y;
      var radius = this._radius(zoom);
      var stamps = [];
      for (var c = 0; c < d.colors.length; c++) {
        stamps.push(this._stamp(c, radius, ratio));
      }
      var margin = stamps.length ? stamps[0].size + 8 : 0;
      var wx = this._wx;
      var wy = this._wy;
      var cat = d.cat;
      var drawn = 0;
      var fresh = [];
      var filtered = this._year !== null && d.years !== null;
      for (var i = 0; i < d.n; i++) {
        if (filtered && !this.shown(i)) {
          continue;
        }
        var px = Math.round((wx[i] * factor - ox) * ratio);
        var py = Math.round((wy[i] * factor - oy) * ratio);
        if (px < -margin || py < -margin || px > width + margin || py > height + margin) {
          continue;
        }
        if (filtered && d.years[i] === this._year) {
          fresh.push(i);
          continue;
        }
        this._put(stamps[cat[i]], px, py, words, bytes, width, height);
        drawn++;
      }
      // The points new this year: on top, bigger, with a dark ring.
      for (var f = 0; f < fresh.length; f++) {
        var k = fresh[f];
        this._put(
          this._stamp(cat[k], radius + 2, ratio, true),
          Math.round((wx[k] * factor - ox) * ratio),
          Math.round((wy[k] * factor - oy) * ratio),
          words,
          bytes,
          width,
          height
        );
        drawn++;
      }
      this._drawnCount = drawn;
      var s = this._selected;
      if (s >= 0) {
        // The selected dot comes back on top of its neighbours.
        this._put(
          stamps[cat[s]],
          Math.round((wx[s] * factor - ox) * ratio),
          Math.round((wy[s] * factor - oy) * ratio),
          words,
          bytes,
          width,
          height
        );
      }
      ctx.putImageData(image, 0, 0);
      if (s >= 0) {
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.beginPath();
        ctx.arc(wx[s] * factor - ox, wy[s] * factor - oy, radius + 3, 0, 2 * Math.PI);
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = this.options.selectedColor;
        ctx.stroke();
      }
      if (!this._drawnOnce) {
        this._drawnOnce = true;
        if (!window.__pointsDrawn) {
          window.__pointsDrawn = performance.now();
        }
      }
      this.fire("drawn", { count: drawn });
    },

    // A grid of cells the size of the search radius, at the current zoom.
    _gridFor: function (zoom) {
      if (this._grid && this._grid.zoom === zoom) {
        return this._grid;
      }
      var factor = this._zoomFactor(zoom);
      var reach = this._radius(zoom) + this.options.tolerance;
      var x0 = this._minX * factor;
      var y0 = this._minY * factor;
      var cells = new Map();
      for (var i = 0; i < this._data.n; i++) {
        var key =
          Math.floor((this._wx[i] * factor - x0) / reach) * 67108864 +
          Math.floor((this._wy[i] * factor - y0) / reach);
        var list = cells.get(key);
        if (list) {
          list.push(i);
        } else {
          cells.set(key, [i]);
        }
      }
      this._grid = { zoom: zoom, factor: factor, reach: reach, x0: x0, y0: y0, cells: cells };
      return this._grid;
    },

    // The index of the dot under a container point: the topmost (drawn last)
    // of the dots covering it, or else the nearest within reach; -1 for none.
    nearest: function (containerPoint) {
      var map = this._map;
      if (!map || !this._data.n) {
        return -1;
      }
      var zoom = map.getZoom();
      var grid = this._gridFor(zoom);
      var radius = this._radius(zoom);
      var point = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin());
      var cx = Math.floor((point.x - grid.x0) / grid.reach);
      var cy = Math.floor((point.y - grid.y0) / grid.reach);
      var covering = -1;
      var best = -1;
      var bestDistance = grid.reach * grid.reach;
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var list = grid.cells.get((cx + dx) * 67108864 + (cy + dy));
          if (!list) {
            continue;
          }
          for (var j = 0; j < list.length; j++) {
            var i = list[j];
            if (!this.shown(i)) {
              continue;
            }
            var ex = this._wx[i] * grid.factor - point.x;
            var ey = this._wy[i] * grid.factor - point.y;
            var distance = ex * ex + ey * ey;
            if (distance <= radius * radius && i > covering) {
              covering = i;
            }
            if (distance < bestDistance || (distance === bestDistance && i > best)) {
              best = i;
              bestDistance = distance;
            }
          }
        }
      }
      return covering >= 0 ? covering : best;
    },

    _ignoresMouse: function (event) {
      var map = this._map;
      if (!map || (map.dragging && map.dragging.moved())) {
        return true;
      }
      var target = event.target;
      return Boolean(
        target && target.closest && target.closest(".leaflet-control, .leaflet-popup")
      );
    },

    _onContainerClick: function (event) {
      // One dot per click, even with several point layers on the map.
      if (event.compactPointsHandled || this._ignoresMouse(event)) {
        return;
      }
      var index = this.nearest(this._map.mouseEventToContainerPoint(event));
      if (index < 0) {
        return;
      }
      // The dot wins over whatever lies below it (a choropleth, say): Leaflet
      // does not see this click, so the map fires no "click" of its own.
      event.stopPropagation();
      event.compactPointsHandled = true;
      this.select(index, event);
    },

    _clearCursor: function () {
      this._map.getContainer().style.cursor = "";
    },

    _onContainerMove: function (event) {
      if (this._moveQueued || event.buttons) {
        return;
      }
      this._moveQueued = true;
      var self = this;
      window.requestAnimationFrame(function () {
        self._moveQueued = false;
        if (!self._map || self._ignoresMouse(event)) {
          return;
        }
        var over = self.nearest(self._map.mouseEventToContainerPoint(event)) >= 0;
        self._map.getContainer().style.cursor = over ? "pointer" : "";
      });
    },

    // The popup's table of the point's fields (plain text), or null.
    _details: function (index) {
      var details = this._data.details;
      if (!details || !details.rows || !details.rows[index]) {
        return null;
      }
      var table = document.createElement("table");
      table.className = "compact-points-popup";
      table.style.fontSize = "12px";
      var row = details.rows[index];
      for (var c = 0; c < details.labels.length; c++) {
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.style.textAlign = "left";
        th.style.paddingRight = "8px";
        th.textContent = String(details.labels[c]);
        var td = document.createElement("td");
        td.textContent = row[c] === null || row[c] === undefined ? "—" : String(row[c]);
        tr.appendChild(th);
        tr.appendChild(td);
        table.appendChild(tr);
      }
      return table;
    },

    // The index of the point with this id, or -1.
    indexOf: function (id) {
      var ids = this._data.ids;
      for (var i = 0; i < this._data.n; i++) {
        if (ids[i] === id) {
          return i;
        }
      }
      return -1;
    },

    // The id, category and position of a dot.
    pointAt: function (index) {
      var d = this._data;
      return {
        index: index,
        id: d.ids[index],
        category: d.labels[d.cat[index]],
        latlng: L.latLng(d.lat[index], d.lng[index]),
      };
    },

    // Select a dot: ring, popup, and a click that listeners of this layer see.
    // With ``quiet``, no "click" is fired (a link that opens the map on a point
    // shows it without reporting a click back to the page).
    select: function (index, originalEvent, quiet) {
      var map = this._map;
      if (!map || !(index >= 0 && index < this._data.n)) {
        return null;
      }
      var point = this.pointAt(index);
      if (this._hit) {
        this.removeLayer(this._hit);
      }
      var hit = new PointHit(point.latlng, {
        point_id: point.id,
        category: point.category,
      });
      var box = this._details(index);
      if (!box) {
        box = document.createElement("div");
        box.className = "compact-points-popup";
        var title = document.createElement("strong");
        title.textContent = String(point.id);
        box.appendChild(title);
        if (point.category) {
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(point.category));
        }
      }
      var lift = this._radius(map.getZoom()) + 2;
      // Clear of the controls at the top left (zoom, year stepper).
      hit.bindPopup(box, { offset: [0, -lift], autoPanPaddingTopLeft: [60, 110] });
      hit.bindTooltip(escapeHtml(point.id));
      this.addLayer(hit);
      this._hit = hit;
      this._selected = index;
      if (this._bounds) {
        this._redraw();
      }
      var data = {
        latlng: point.latlng,
        layerPoint: map.latLngToLayerPoint(point.latlng),
        containerPoint: map.latLngToContainerPoint(point.latlng),
      };
      if (originalEvent) {
        data.originalEvent = originalEvent;
      }
      if (quiet) {
        hit.openPopup();
      } else {
        hit.fire("click", data, true);
      }
      // The tooltip is there for listeners to read, not to be shown: the popup is.
      hit.closeTooltip();
      this.fire("pointclick", point);
      return point;
    },
  });

  L.compactPoints = function (data, options) {
    return new L.CompactPoints(data, options);
  };
})(window.L);
