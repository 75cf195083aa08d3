/* Figure series: one small chart per metric and a table beside it, for a pair page or a
 * country's partners. Observations come from /api/pairs/{a}/{b}/figures or
 * /api/countries/{c}/figures (docs/api-contract.md): one per metric, period and kind, with
 * every value reported and its sources.
 *
 * Actual values are points with a bar over their period; full-year actuals are joined
 * by a line (only they are comparable year to year); targets are dashed diamonds at
 * their year, forecasts hollow dashed circles; a disputed point is a ring with a line
 * over the values the sources give. A change reported without a value is an arrow.
 * Hovering a mark shows its value, period and sources; selecting it opens its evidence.
 */
"use strict";

const bilatFigures = (() => {
  const { el, svg, fill, articleHref, plural } = bilat;
  const METRIC_LABELS = {
    trade_turnover: "Trade turnover", exports: "Exports", imports: "Imports",
    investment: "Investment", aid: "Aid and loans", production: "Production", price: "Price",
    other: "Other figures",
  };
  const KIND_LABELS = { actual: "Actual", target: "Target", forecast: "Forecast" };
  const ARROWS = { increase: "▲", decrease: "▼", stable: "▶" };
  const CHANGE_WORDS = { increase: "rising", decrease: "falling", stable: "stable" };
  const SCALES = [[1e12, "tn"], [1e9, "bn"], [1e6, "m"], [1e3, "k"]];

  const month = (ym) => { const [y, m] = ym.split("-").map(Number); return y * 12 + m - 1; };
  const human = (s) => String(s).replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

  /** A short number for an axis: 1.2 bn, 350 m, 40 k. */
  function short(v) {
    for (const [size, word] of SCALES) {
      if (Math.abs(v) >= size) return `${+(v / size).toPrecision(3)} ${word}`;
    }
    return String(+v.toPrecision(3));
  }

  function periodText(o) {
    if (o.period) return o.period;
    return o.period_start ? `as of ${o.period_start}` : "undated";
  }

  function seriesTitle(o) {
    let t = o.label ? human(o.label) : (METRIC_LABELS[o.metric] || human(o.metric));
    if (o.direction) t += ` ${o.direction.replace(">", " → ")}`;
    return t;
  }

  function describe(o) {
    const bits = [`${KIND_LABELS[o.kind] || o.kind}: ${o.value_text || CHANGE_WORDS[o.change] || "—"}`];
    if (o.change && o.value_text) bits.push(`${CHANGE_WORDS[o.change]}${o.change_pct != null ? ` ${o.change_pct}%` : ""}`);
    else if (o.change_pct != null) bits.push(`${o.change_pct}%`);
    bits.push(periodText(o));
    if (o.disputed) bits.push(`disputed: ${o.values.map((v) => v.value_text).join(" / ")}`);
    const first = (o.sources || [])[0];
    bits.push(`${plural(o.source_count, "source")}${first ? `: ${first.article_title || first.article_id}` : ""}`);
    return bits.join(" · ");
  }

  function defaultOpen(o, i) {
    const s = (o.sources || [])[i || 0];
    if (s) window.location.href = articleHref(s.article_id, [s.evidence]);
  }

  /** Observations grouped into series: metric, label, unit and direction. */
  function groups(observations) {
    const out = new Map();
    for (const o of observations || []) {
      const key = [o.metric, o.label || "", o.unit || "", o.direction || ""].join("|");
      if (!out.has(key)) out.set(key, []);
      out.get(key).push(o);
    }
    // numbers told without a unit (a change only) join the series of their metric
    for (const [key, obs] of [...out]) {
      if (obs.every((o) => o.value === null)) {
        const [m, l, , d] = key.split("|");
        const host = [...out.keys()].find((k) => k !== key && k.startsWith(`${m}|${l}|`) && k.endsWith(`|${d}`));
        if (host) { out.get(host).push(...obs); out.delete(key); }
      }
    }
    return out;
  }

  function chart(obs, open) {
    const W = 560, H = 180, L = 58, R = 12, T = 22, B = 26;
    const dated = obs.filter((o) => o.period_start);
    const valued = dated.filter((o) => typeof o.value === "number");
    const g = svg("g", {});
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "fig-chart", role: "img",
      "aria-label": `${seriesTitle(obs[0])} over time` }, g);
    const months = dated.flatMap((o) => [month(o.period_start), month(o.period_end)]);
    let lo = months.length ? Math.min(...months) : 0, hi = months.length ? Math.max(...months) : 0;
    if (hi - lo < 12) { lo -= 6; hi += 6; }
    const X = (m) => L + ((W - L - R) * (m - lo)) / (hi + 1 - lo);
    const all = valued.flatMap((o) => [o.value, ...(o.disputed ? o.values.map((v) => v.value) : [])]);
    const top = all.length ? niceTop(Math.max(...all, 0) * 1.05) : 1;
    const Y = (v) => T + (H - T - B) * (1 - v / top);
    for (const t of all.length ? [0, top / 2, top] : []) {
      g.appendChild(svg("line", { class: "grid-line", x1: L, x2: W - R, y1: Y(t), y2: Y(t) }));
      g.appendChild(svg("text", { x: L - 6, y: Y(t) + 4, "text-anchor": "end" }, short(t)));
    }
    const y0 = Math.floor(lo / 12), y1 = Math.floor(hi / 12);
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 8));
    for (let y = y0; y <= y1; y += step) {
      const x = X(y * 12);
      if (x < L || x > W - R) continue;
      g.appendChild(svg("line", { class: "year-tick", x1: x, x2: x, y1: H - B, y2: H - B + 4 }));
      g.appendChild(svg("text", { x: x + 2, y: H - B + 16 }, String(y)));
    }
    g.appendChild(svg("line", { class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
    // the annual line: full-year actuals, one after the other
    const years = valued.filter((o) => o.kind === "actual" && o.full_years)
      .sort((a, b) => a.period_start.localeCompare(b.period_start));
    if (years.length >= 2) {
      const d = years.map((o, i) => `${i ? "L" : "M"}${((X(month(o.period_start)) + X(month(o.period_end) + 1)) / 2).toFixed(1)},${Y(o.value).toFixed(1)}`).join(" ");
      g.appendChild(svg("path", { class: "annual-line", d }));
    }
    for (const o of valued) {
      const x0 = X(month(o.period_start)), x1 = X(month(o.period_end) + 1), xm = (x0 + x1) / 2, y = Y(o.value);
      const mark = svg("g", {
        class: `fig-point kind-${o.kind}${o.disputed ? " disputed" : ""}`, tabindex: 0, role: "button",
        "data-kind": o.kind, "data-period": periodText(o), "data-metric": o.metric,
        "aria-label": describe(o), onclick: () => open(o, 0),
        onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(o, 0); } },
      }, svg("title", {}, describe(o)));
      if (o.kind === "actual") {
        mark.appendChild(svg("rect", { class: "period-bar", x: x0, width: Math.max(2, x1 - x0 - 1), y: y - 1.5, height: 3 }));
      }
      if (o.disputed) {
        const vs = o.values.map((v) => v.value);
        mark.appendChild(svg("line", { class: "dispute-range", x1: xm, x2: xm, y1: Y(Math.min(...vs)), y2: Y(Math.max(...vs)) }));
      }
      if (o.kind === "target") {
        mark.appendChild(svg("line", { class: "target-line", x1: Math.min(x0, xm - 10), x2: Math.max(x1, xm + 10), y1: y, y2: y }));
        mark.appendChild(svg("path", { class: "target-mark", d: `M${xm},${y - 6} L${xm + 6},${y} L${xm},${y + 6} L${xm - 6},${y} Z` }));
      } else {
        mark.appendChild(svg("circle", { class: "value-mark", cx: xm, cy: y, r: o.disputed ? 6 : 4 }));
      }
      g.appendChild(mark);
    }
    // changes told without a value: an arrow along the top
    for (const o of dated.filter((x) => typeof x.value !== "number" && x.change)) {
      const xm = (X(month(o.period_start)) + X(month(o.period_end) + 1)) / 2;
      g.appendChild(svg("text", {
        class: `fig-trend change-${o.change} kind-${o.kind}`, x: xm, y: T - 6, "text-anchor": "middle",
        tabindex: 0, role: "button", "data-kind": o.kind, "data-period": periodText(o),
        "aria-label": describe(o), onclick: () => open(o, 0),
      }, ARROWS[o.change] || "•", svg("title", {}, describe(o))));
    }
    return root;
  }

  /** Changes reported without a value or a period ("trade is increasing"): a chart of
   * the trend each source reports, one sloped arrow per observation. */
  function trendChart(obs, open) {
    const items = obs.filter((o) => typeof o.value !== "number" && o.change && !o.period_start);
    if (!items.length) return null;
    const W = 560, row = 44, H = 16 + row * items.length, L = 58, R = 12;
    const g = svg("g", {});
    g.appendChild(svg("line", { class: "axis", x1: L, x2: W - R, y1: H - 8, y2: H - 8 }));
    items.forEach((o, i) => {
      const yMid = 8 + row * i + row / 2, dy = o.change === "increase" ? -14 : o.change === "decrease" ? 14 : 0;
      const x0 = L + 10, x1 = L + 190;
      g.appendChild(svg("g", {
        class: `fig-point fig-trend-mark change-${o.change} kind-${o.kind}`, tabindex: 0, role: "button",
        "data-kind": o.kind, "data-change": o.change, "data-period": periodText(o), "data-metric": o.metric,
        "aria-label": describe(o), onclick: () => open(o, 0),
        onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(o, 0); } },
      },
      svg("title", {}, describe(o)),
      svg("rect", { class: "hit", x: L, y: 8 + row * i, width: W - L - R, height: row }),
      svg("line", { class: "trend-line", x1: x0, y1: yMid - dy, x2: x1, y2: yMid + dy }),
      svg("path", { class: "trend-head", d: arrowHead(x1, yMid + dy, Math.atan2(2 * dy, x1 - x0)) }),
      svg("text", { class: "trend-text", x: x1 + 18, y: yMid + 4 },
        `${human(CHANGE_WORDS[o.change] || o.change)}${o.kind !== "actual" ? ` (${o.kind})` : ""}`
        + ` · ${periodText(o)} · ${plural(o.source_count, "source")}`)));
    });
    return svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "fig-chart fig-trend-chart", role: "img",
      "aria-label": `${seriesTitle(items[0])}: trend reported without a value` }, g);
  }

  function arrowHead(x, y, angle) {
    const a1 = angle + Math.PI * 0.85, a2 = angle - Math.PI * 0.85, r = 9;
    return `M${x},${y} L${(x + r * Math.cos(a1)).toFixed(1)},${(y + r * Math.sin(a1)).toFixed(1)} `
      + `L${(x + r * Math.cos(a2)).toFixed(1)},${(y + r * Math.sin(a2)).toFixed(1)} Z`;
  }

  /** A round top for a value axis: 1, 2, 2.5 or 5 times a power of ten. */
  function niceTop(v) {
    if (v <= 0) return 1;
    const p = 10 ** Math.floor(Math.log10(v));
    return p * [1, 2, 2.5, 5, 10].find((k) => k * p >= v);
  }

  function table(obs, open) {
    const rows = obs.slice().sort((a, b) => String(a.period_start || "~").localeCompare(String(b.period_start || "~")) || a.kind.localeCompare(b.kind))
      .map((o) => {
        const value = o.disputed
          ? el("span", { class: "disputed-text", title: "the sources disagree" }, `${o.value_text} (disputed: ${o.values.map((v) => v.value_text).join(" / ")})`)
          : (o.value_text || "—");
        const change = o.change ? el("span", { class: `change change-${o.change}` },
          `${ARROWS[o.change] || ""} ${o.change}${o.change_pct != null ? ` ${o.change_pct}%` : ""}`) : null;
        const sources = (o.sources || []).map((s, i) => el("a", { href: articleHref(s.article_id, [s.evidence]),
          title: s.evidence.text || "", onclick: (e) => { e.preventDefault(); open(o, i); } },
        s.date ? String(s.date).slice(0, 10) : `source ${i + 1}`));
        return el("tr", { "data-metric": o.metric, "data-kind": o.kind, class: o.disputed ? "disputed" : null },
          el("td", {}, periodText(o)),
          el("td", {}, el("span", { class: `tag kind-${o.kind}` }, KIND_LABELS[o.kind] || o.kind)),
          el("td", { class: "num" }, value),
          el("td", {}, change),
          el("td", { class: "sources" }, sources.flatMap((a, i) => (i ? [" ", a] : [a])),
            o.source_count > sources.length ? ` +${o.source_count - sources.length}` : null));
      });
    return el("table", { class: "figure-table" },
      el("thead", {}, el("tr", {}, ["Period", "Kind", "Value", "Change", "Sources"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows));
  }

  /** Draw every series of ``observations`` into ``box``: a chart and a table per series. */
  function draw(box, observations, options) {
    const open = (options && options.onOpen) || defaultOpen;
    const out = [];
    const order = Object.keys(METRIC_LABELS);
    const series = [...groups(observations).values()].sort((a, b) =>
      order.indexOf(a[0].metric) - order.indexOf(b[0].metric) || b.length - a.length);
    for (const obs of series) {
      const dated = obs.some((o) => o.period_start && (typeof o.value === "number" || o.change));
      const unit = obs.find((o) => o.unit);
      out.push(el("div", { class: "fig-series", "data-metric": obs[0].metric },
        el("h3", {}, seriesTitle(obs[0]), unit ? el("span", { class: "muted" }, ` ${unit.unit}`) : null),
        dated ? chart(obs, open) : null,
        trendChart(obs, open),
        el("details", { class: "fig-table", open: options && options.tableOpen ? true : null },
          el("summary", {}, `Table (${plural(obs.length, "value")})`), table(obs, open))));
    }
    if (!out.length) fill(box, el("p", { class: "empty" }, (options && options.empty) || "No figures reported."));
    else fill(box, out);
    box.dataset.state = "ready";
  }

  function legend() {
    return el("p", { class: "fig-legend note" },
      el("span", { class: "lg lg-actual" }, "● actual (bar: its period; line: full years)"), " ",
      el("span", { class: "lg lg-target" }, "◇ target"), " ",
      el("span", { class: "lg lg-forecast" }, "○ forecast"), " ",
      el("span", { class: "lg lg-disputed" }, "◎ disputed"), " ",
      el("span", { class: "lg" }, "▲▼ change without a value"));
  }

  return { draw, groups, legend, describe, periodText };
})();
