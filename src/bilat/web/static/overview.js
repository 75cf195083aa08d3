/* Overview: the network of countries, the most active pairs, recent events. */
"use strict";

(() => {
  const { el, svg, fill, api, showError, list, eventItem, byDateDesc, plural, number, legend } = bilat;
  const W = 800, H = 540, PAD = 46;
  //: Countries drawn at most; the rest would be illegible at 1280 px. The busiest are kept.
  const MAX_NODES = 60;
  const RECENT = 12;

  /** Blend from conflict red (share 0) to cooperation blue (share 1); grey without either. */
  function edgeColour(e) {
    const total = (e.cooperation || 0) + (e.conflict || 0);
    if (!total) return "#9a9a9a";
    const t = e.cooperation / total;
    const red = [178, 24, 43], mid = [190, 170, 190], blue = [33, 102, 172];
    const [a, b, u] = t < 0.5 ? [red, mid, t * 2] : [mid, blue, (t - 0.5) * 2];
    const c = a.map((x, i) => Math.round(x + (b[i] - x) * u));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  /** A small deterministic force layout: nodes start on a circle, busiest first. */
  function layout(nodes, edges) {
    const n = nodes.length;
    const cx = W / 2, cy = H / 2, r0 = Math.min(W, H) / 2 - PAD;
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / n - Math.PI / 2;
      d.x = cx + r0 * Math.cos(a);
      d.y = cy + r0 * Math.sin(a);
    });
    if (n < 3) return;
    const index = new Map(nodes.map((d, i) => [d.id, i]));
    const links = edges.map((e) => [index.get(e.a), index.get(e.b)]);
    const k = Math.sqrt(((W - 2 * PAD) * (H - 2 * PAD)) / n) * 0.9;
    let temp = W / 8;
    for (let it = 0; it < 300; it++) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
          const d2 = Math.max(x * x + y * y, 1), d = Math.sqrt(d2);
          const f = (k * k) / d;
          x = (x / d) * f; y = (y / d) * f;
          dx[i] += x; dy[i] += y; dx[j] -= x; dy[j] -= y;
        }
      }
      for (const [i, j] of links) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d = Math.max(Math.sqrt(x * x + y * y), 1);
        const f = (d * d) / k;
        x = (x / d) * f; y = (y / d) * f;
        dx[i] -= x; dy[i] -= y; dx[j] += x; dy[j] += y;
      }
      for (let i = 0; i < n; i++) {  // gravity keeps unconnected countries near the middle
        dx[i] += (cx - nodes[i].x) * 0.02 * k / 10;
        dy[i] += (cy - nodes[i].y) * 0.02 * k / 10;
        const d = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01);
        const step = Math.min(d, temp);
        nodes[i].x = Math.min(W - PAD, Math.max(PAD, nodes[i].x + (dx[i] / d) * step));
        nodes[i].y = Math.min(H - PAD, Math.max(PAD, nodes[i].y + (dy[i] / d) * step));
      }
      temp *= 0.985;
    }
  }

  function drawNetwork(box, data) {
    let nodes = (data.nodes || []).slice().sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1));
    const dropped = Math.max(0, nodes.length - MAX_NODES);
    nodes = nodes.slice(0, MAX_NODES).map((d) => Object.assign({}, d));
    const keep = new Set(nodes.map((d) => d.id));
    const edges = (data.edges || []).filter((e) => keep.has(e.a) && keep.has(e.b) && e.a !== e.b);
    if (!edges.length) {
      fill(box, el("p", { class: "empty" }, "No two countries interact in the stored events yet."));
      box.dataset.state = "empty";
      return;
    }
    layout(nodes, edges);
    const pos = new Map(nodes.map((d) => [d.id, d]));
    const maxEdge = Math.max(...edges.map((e) => e.events));
    const maxNode = Math.max(...nodes.map((d) => d.events || 0), 1);
    const width = (e) => 1.5 + 9 * Math.sqrt(e.events / maxEdge);
    const radius = (d) => 13 + 9 * Math.sqrt((d.events || 0) / maxNode);

    const edgeLayer = svg("g", { class: "edges" });
    for (const e of edges.slice().sort((x, y) => y.events - x.events)) {
      const a = pos.get(e.a), b = pos.get(e.b);
      const label = `${a.name || a.id} – ${b.name || b.id}: ${plural(e.events, "event")}, ` +
        `${number(e.cooperation || 0)} cooperation, ${number(e.conflict || 0)} conflict`;
      edgeLayer.appendChild(svg("a", { href: `/pairs/${encodeURIComponent(e.a)}/${encodeURIComponent(e.b)}`, "aria-label": label },
        svg("line", {
          class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: edgeColour(e),
          "stroke-width": width(e).toFixed(1), "stroke-opacity": 0.8, "data-a": e.a, "data-b": e.b,
        }, svg("title", {}, label))));
    }
    const nodeLayer = svg("g", { class: "nodes" });
    for (const d of nodes) {
      const r = radius(d);
      const label = `${d.name || d.id}: ${plural(d.events || 0, "event")}`;
      nodeLayer.appendChild(svg("a", { href: `/countries/${encodeURIComponent(d.id)}`, class: "node", "aria-label": label },
        svg("title", {}, label),
        svg("circle", { cx: d.x, cy: d.y, r }),
        svg("text", { x: d.x, y: d.y + 4, "text-anchor": "middle" }, d.id),
        svg("text", { x: d.x, y: d.y + r + 13, "text-anchor": "middle", class: "node-name" }, d.name || "")));
    }
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "network-h" }, edgeLayer, nodeLayer);
    fill(box, chart, dropped ? el("p", { class: "note" }, `${plural(dropped, "less active country", "less active countries")} not drawn.`) : null);
    box.dataset.state = "ready";
  }

  function topPairs(node, data) {
    const names = new Map((data.nodes || []).map((d) => [d.id, d.name || d.id]));
    const edges = (data.edges || []).slice().sort((x, y) => y.events - x.events).slice(0, 10);
    list(node, edges, (e) => {
      const other = Math.max(0, e.events - (e.cooperation || 0) - (e.conflict || 0));
      const stack = el("span", { class: "stack", title: `${e.cooperation || 0} cooperation, ${e.conflict || 0} conflict, ${other} other` });
      for (const [cls, v] of [["s-coop", e.cooperation || 0], ["s-conflict", e.conflict || 0], ["s-other", other]]) {
        if (!v) continue;
        const s = el("span", { class: cls });
        s.style.width = `${(100 * v) / e.events}%`;
        stack.appendChild(s);
      }
      return el("li", {},
        el("a", { class: "rank-name", href: `/pairs/${encodeURIComponent(e.a)}/${encodeURIComponent(e.b)}` },
          `${names.get(e.a) || e.a} – ${names.get(e.b) || e.b}`),
        el("span", { class: "rank-count" }, plural(e.events, "event")),
        stack);
    }, "No pairs yet.");
  }

  async function main() {
    const box = document.getElementById("network");
    const pairs = document.getElementById("top-pairs");
    legend(document.getElementById("network-legend"), [
      ["mostly cooperation", "#2166ac", "swatch-line"],
      ["mixed", "#bea9be", "swatch-line"],
      ["mostly conflict", "#b2182b", "swatch-line"],
      ["neither", "#9a9a9a", "swatch-line"],
    ]);
    const recent = document.getElementById("recent");
    const [net, events] = await Promise.allSettled([api("/api/network"), api("/api/events", { limit: 200 })]);
    if (net.status === "fulfilled") {
      const totalEvents = (net.value.edges || []).reduce((s, e) => s + e.events, 0);
      fill(document.getElementById("totals"),
        `${plural((net.value.nodes || []).length, "country", "countries")} and ${plural((net.value.edges || []).length, "pair")}, ` +
        `joined by ${plural(totalEvents, "event")} between them.`);
      drawNetwork(box, net.value);
      topPairs(pairs, net.value);
    } else {
      showError(box, net.reason);
      showError(pairs, net.reason);
      box.dataset.state = "error";
    }
    if (events.status === "fulfilled") {
      const items = (events.value.items || []).slice().sort(byDateDesc).slice(0, RECENT);
      list(recent, items, (ev) => eventItem(ev), "No events stored yet.");
    } else {
      showError(recent, events.reason);
    }
  }

  main();
})();
