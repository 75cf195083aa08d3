/* Where events happened: an offline map (country outlines shipped in world.json, no
 * tile server) with one mark per place, coloured by cooperation and conflict, and the
 * "where they meet" table. Used by the pair and country pages.
 *
 * bilatPlaces.draw(box, places, opts): opts.highlight = country codes to shade,
 *   opts.onPlace(place) = called when a mark is chosen (click or Enter).
 * bilatPlaces.meetings(box, rows, opts): the table; opts.names = code -> name.
 */
"use strict";

const bilatPlaces = (() => {
  const { el, svg, fill, plural, number } = bilat;
  const WIDTH = 640;
  const MIN_SPAN = 30;   // degrees of longitude shown at least (one place alone)
  const PAD = 0.25;      // of the marks' extent, added on each side
  // world.json sits beside this script
  const BASE = document.currentScript ? new URL(".", document.currentScript.src).href : "/static/";
  let world = null;

  async function outlines() {
    if (!world) {
      const res = await fetch(new URL("world.json", BASE));
      if (!res.ok) throw new Error(`the country outlines did not load (${res.status})`);
      world = await res.json();
    }
    return world.countries;
  }

  /** The longitude/latitude box around the marks, padded, at least MIN_SPAN wide. */
  function extent(points) {
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of points) {
      x0 = Math.min(x0, p.lon); x1 = Math.max(x1, p.lon);
      y0 = Math.min(y0, p.lat); y1 = Math.max(y1, p.lat);
    }
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    let w = Math.max(MIN_SPAN, (x1 - x0) * (1 + 2 * PAD));
    let h = Math.max(MIN_SPAN * 0.6, (y1 - y0) * (1 + 2 * PAD));
    return { x0: cx - w / 2, x1: cx + w / 2, y0: Math.max(-85, cy - h / 2), y1: Math.min(85, cy + h / 2) };
  }

  function colourClass(p) {
    if (p.conflict && !p.cooperation) return "pm-conflict";
    if (p.cooperation && !p.conflict) return "pm-coop";
    if (p.cooperation || p.conflict) return "pm-mixed";
    return "pm-other";
  }

  async function draw(box, places, opts) {
    opts = opts || {};
    const located = (places || []).filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
    const unplaced = (places || []).filter((p) => !located.includes(p));
    if (!located.length) {
      fill(box, el("p", { class: "empty" }, unplaced.length
        ? `${plural(unplaced.length, "place")} named, none with coordinates: ${unplaced.map((p) => p.name).join(", ")}.`
        : "No event here has a place stated in its text."));
      return null;
    }
    const countries = await outlines();
    const e = extent(located);
    const k = Math.cos(((e.y0 + e.y1) / 2) * Math.PI / 180);   // equirectangular, true at mid-latitude
    const sx = WIDTH / ((e.x1 - e.x0) * k);
    const height = Math.round((e.y1 - e.y0) * sx);
    const X = (lon) => ((lon - e.x0) * k * sx);
    const Y = (lat) => ((e.y1 - lat) * sx);
    const shaded = new Set(opts.highlight || []);
    const map = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "place-map", role: "group",
      "aria-label": `Map of ${plural(located.length, "place")} where events happened` });
    map.appendChild(svg("rect", { x: 0, y: 0, width: WIDTH, height, class: "pm-sea" }));
    for (const c of countries) {
      const rings = c.rings.filter((r) => r.some(([lon, lat]) =>
        lon >= e.x0 - 20 && lon <= e.x1 + 20 && lat >= e.y0 - 20 && lat <= e.y1 + 20));
      if (!rings.length) continue;
      const d = rings.map((r) => "M" + r.map(([lon, lat]) => `${X(lon).toFixed(1)},${Y(lat).toFixed(1)}`).join("L") + "Z").join("");
      map.appendChild(svg("path", { d, class: shaded.has(c.id) ? "pm-land pm-party" : "pm-land", "data-country": c.id },
        svg("title", {}, c.name)));
    }
    const max = Math.max(...located.map((p) => p.events), 1);
    const sorted = [...located].sort((a, b) => b.events - a.events);  // small marks on top
    for (const p of sorted) {
      const r = 4 + 10 * Math.sqrt(p.events / max);
      const label = `${p.name}${p.country ? ` (${p.country})` : ""}: ${plural(p.events, "event")}, ` +
        `${number(p.cooperation || 0)} cooperation, ${number(p.conflict || 0)} conflict`;
      const choose = () => { if (opts.onPlace) opts.onPlace(p); };
      const mark = svg("circle", {
        cx: X(p.lon).toFixed(1), cy: Y(p.lat).toFixed(1), r: r.toFixed(1),
        class: `pm-mark ${colourClass(p)}`, tabindex: 0, role: "button", "aria-label": label,
        "data-place": p.id, "data-kind": p.kind || "",
        onclick: choose, onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(); } },
      }, svg("title", {}, label));
      map.appendChild(mark);
    }
    const legendRow = el("div", { class: "legend" },
      [["pm-coop", "cooperation"], ["pm-conflict", "conflict"], ["pm-mixed", "both"]].map(([cls, text]) =>
        el("span", { class: "legend-item" }, el("span", { class: `swatch ${cls}`, "aria-hidden": "true" }), text)));
    fill(box, map, legendRow,
      unplaced.length ? el("p", { class: "note" }, `Also named, without coordinates: ${unplaced.map((p) => p.name).join(", ")}.`) : null);
    return map;
  }

  const SETTINGS = {
    host: "At home", abroad: "Abroad", neutral: "Neutral ground", multilateral: "Multilateral venue",
  };

  /** "Where they meet": setting, place, host country, meetings. */
  function meetings(box, rows, opts) {
    opts = opts || {};
    const names = opts.names || {};
    if (!rows || !rows.length) {
      fill(box, el("p", { class: "empty" }, "No meeting here has a place stated in its text."));
      return;
    }
    const label = opts.settings || SETTINGS;
    fill(box, el("table", { class: "meeting-table" },
      el("thead", {}, el("tr", {}, el("th", {}, "Setting"), el("th", {}, "Place"), el("th", {}, "Country"),
        el("th", { class: "num" }, "Meetings"), el("th", {}, "Latest"))),
      el("tbody", {}, rows.map((r) => el("tr", { "data-setting": r.setting },
        el("td", {}, label[r.setting] || r.setting),
        el("td", {}, opts.onPlace
          ? el("button", { type: "button", class: "linkish", onclick: () => opts.onPlace({ id: r.place_id, name: r.place }) }, r.place || "?")
          : (r.place || "?")),
        el("td", {}, r.country ? (names[r.country] || r.country) : "—"),
        el("td", { class: "num" }, number(r.meetings)),
        el("td", {}, r.latest || "undated"))))));
  }

  return { draw, meetings, extent };
})();
