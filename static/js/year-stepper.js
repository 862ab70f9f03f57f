/*
 * year-stepper.js: a year stepper over a Leaflet map (Leaflet 1.9).
 *
 * geodata/maps.py (add_year_stepper) builds the options:
 *   years      the stepper's years, oldest first; start: the year shown first
 *   first      per point: the year it appeared (0: unknown)
 *   cat        per point: index into labels (its category, e.g. operator), -1 none
 *   labels     the categories, in the caption's order
 *   breakdown  [[label, per-point years], ...] (e.g. when each technology started)
 *   texts      year, added ("… {count} …"), none, play, pause, previous, next
 *   thousands  the thousands separator of the caption's numbers
 *
 * Choosing a year calls setYear(year) on every layer of the map that has it (the
 * compact point layer), and shows or hides the map's markers whose feature has a
 * "year" property: points of that year or before are drawn, the ones of that
 * year bigger and ringed; points with no year only at the last year. The caption
 * says how many points appeared that year, per category and per breakdown. Play
 * steps through the years, one a second, from the first (or the chosen) year.
 * Everything runs here: no request is made.
 *
 * For tests and benchmarks: the bar's element has data-year, and after each step
 * window.__yearStep = {year, ms} (the milliseconds the step took).
 */
(function (L) {
  "use strict";

  var STEP_MS = 1000;

  function formatNumber(value, separator) {
    var text = String(Math.round(value));
    var out = "";
    while (text.length > 3) {
      out = separator + text.slice(-3) + out;
      text = text.slice(0, -3);
    }
    return text + out;
  }

  function button(parent, text, title, onClick) {
    var b = L.DomUtil.create("button", "year-stepper-button", parent);
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.style.cssText =
      "font: 14px/1 system-ui, sans-serif; min-width: 30px; height: 28px; " +
      "margin-right: 4px; border: 1px solid #888; border-radius: 4px; " +
      "background: #fff; cursor: pointer";
    L.DomEvent.on(b, "click", function (event) {
      L.DomEvent.stop(event);
      onClick();
    });
    return b;
  }

  L.YearStepper = L.Control.extend({
    options: { position: "topleft" },

    initialize: function (data, options) {
      L.setOptions(this, options);
      this._data = data;
      this._index = Math.max(0, data.years.indexOf(data.start));
      this._timer = null;
      this._markers = null;
    },

    onAdd: function (map) {
      var d = this._data;
      var box = L.DomUtil.create("div", "year-stepper leaflet-bar");
      box.style.cssText =
        "clear: none; background: rgba(255, 255, 255, 0.95); padding: 6px 8px; " +
        "font: 13px/1.4 system-ui, sans-serif; color: #222; max-width: 460px";
      L.DomEvent.disableClickPropagation(box);
      var row = L.DomUtil.create("div", "", box);
      row.style.cssText = "display: flex; align-items: center";
      var self = this;
      this._previous = button(row, "◀", d.texts.previous, function () {
        self.stop();
        self.show(self._index - 1);
      });
      this._label = L.DomUtil.create("strong", "year-stepper-year", row);
      this._label.style.cssText = "font-size: 16px; margin: 0 8px; min-width: 88px; text-align: center";
      this._next = button(row, "▶", d.texts.next, function () {
        self.stop();
        self.show(self._index + 1);
      });
      this._play = button(row, "⏵ " + d.texts.play, d.texts.play, function () {
        if (self._timer) {
          self.stop();
        } else {
          self.play();
        }
      });
      this._play.classList.add("year-stepper-play");
      this._caption = L.DomUtil.create("div", "year-stepper-caption", box);
      this._caption.style.cssText = "margin-top: 4px";
      this._box = box;
      map.whenReady(function () {
        self.show(self._index);
      });
      return box;
    },

    onRemove: function () {
      this.stop();
    },

    // The markers that carry a year, with the group each one belongs to.
    _yearMarkers: function () {
      if (this._markers) {
        return this._markers;
      }
      var found = [];
      this._map.eachLayer(function (layer) {
        if (layer.getLayers && !layer.setYear) {
          layer.getLayers().forEach(function (marker) {
            var props = marker.feature && marker.feature.properties;
            if (props && typeof props.year === "number" && marker.setStyle) {
              found.push({
                marker: marker,
                group: layer,
                year: props.year,
                style: {
                  radius: marker.options.radius,
                  color: marker.options.color,
                  weight: marker.options.weight,
                },
              });
            }
          });
        }
      });
      this._markers = found;
      return found;
    },

    _lastYear: function () {
      return this._data.years[this._data.years.length - 1];
    },

    // Draw the map as it stood at the end of the year at ``index``.
    show: function (index) {
      var d = this._data;
      if (index < 0 || index >= d.years.length) {
        return;
      }
      var started = performance.now();
      this._index = index;
      var year = d.years[index];
      var last = this._lastYear();
      var map = this._map;
      map.eachLayer(function (layer) {
        if (layer.setYear) {
          layer.setYear(year, year === last);
        }
      });
      this._yearMarkers().forEach(function (entry) {
        var visible = entry.year ? entry.year <= year : year === last;
        var fresh = entry.year === year;
        var present = entry.group.hasLayer(entry.marker);
        if (visible && !present) {
          entry.group.addLayer(entry.marker);
        } else if (!visible && present) {
          entry.marker.closePopup && entry.marker.closePopup();
          entry.group.removeLayer(entry.marker);
        }
        if (visible) {
          entry.marker.setStyle(
            fresh
              ? { radius: entry.style.radius + 2, color: "#111111", weight: 3 }
              : entry.style
          );
          if (entry.marker.setRadius) {
            entry.marker.setRadius(fresh ? entry.style.radius + 2 : entry.style.radius);
          }
          if (fresh && entry.marker.bringToFront) {
            entry.marker.bringToFront();
          }
        }
      });
      this._label.textContent = d.texts.year + " " + year;
      this._box.setAttribute("data-year", String(year));
      this._caption.textContent = this._captionFor(year);
      this._previous.disabled = index === 0;
      this._next.disabled = index === d.years.length - 1;
      window.__yearStep = { year: year, ms: performance.now() - started };
    },

    _captionFor: function (year) {
      var d = this._data;
      var sep = d.thousands;
      var count = 0;
      var perCategory = d.labels.map(function () {
        return 0;
      });
      for (var i = 0; i < d.first.length; i++) {
        if (d.first[i] === year) {
          count++;
          if (d.cat[i] >= 0) {
            perCategory[d.cat[i]]++;
          }
        }
      }
      if (!count && !d.breakdown.some(function (b) {
        return b[1].indexOf(year) >= 0;
      })) {
        return d.texts.none;
      }
      var parts = [];
      d.labels.forEach(function (label, c) {
        if (perCategory[c]) {
          parts.push(label + " " + formatNumber(perCategory[c], sep));
        }
      });
      var techs = [];
      d.breakdown.forEach(function (entry) {
        var n = 0;
        for (var i = 0; i < entry[1].length; i++) {
          if (entry[1][i] === year) n++;
        }
        if (n) {
          techs.push(entry[0] + " " + formatNumber(n, sep));
        }
      });
      var text = d.texts.added.replace("{count}", formatNumber(count, sep));
      if (parts.length) {
        text += " — " + parts.join(", ");
      }
      if (techs.length) {
        text += "; " + techs.join(", ");
      }
      return text;
    },

    // The play button says what a click will do: play, or pause.
    _label_play: function (text, symbol) {
      this._play.textContent = symbol + text;
      this._play.title = text;
      this._play.setAttribute("aria-label", text);
    },

    play: function () {
      var self = this;
      if (this._index >= this._data.years.length - 1) {
        this.show(0);
      }
      this._label_play(this._data.texts.pause, "⏸ ");
      this._timer = window.setInterval(function () {
        if (self._index >= self._data.years.length - 1) {
          self.stop();
          return;
        }
        self.show(self._index + 1);
      }, STEP_MS);
    },

    stop: function () {
      if (this._timer) {
        window.clearInterval(this._timer);
        this._timer = null;
      }
      if (this._play) {
        this._label_play(this._data.texts.play, "⏵ ");
      }
    },
  });

  L.yearStepper = function (data, options) {
    return new L.YearStepper(data, options);
  };
})(window.L);
