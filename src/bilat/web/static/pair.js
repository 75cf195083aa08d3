/* Pair page: timeline by type, cooperation map, events with their evidence, sectors,
 * figures, people and organisations of one country pair. */
"use strict";

(() => {
  const {
    el, svg, fill, clear, api, showError, list, eventItem, byDateDesc, plural, number, legend,
    TYPE_COLOURS, TYPE_ORDER, highlightInto, articleHref, day, badge, countries, eventDate,
  } = bilat;
  const head = document.getElementById("pair");
  const A = head.dataset.a, B = head.dataset.b;
  const STAGES = [
    ["potential", "Potential"],
    ["discussed", "Discussed"],
    ["agreed", "Agreed or promised"],
    ["signed", "Signed"],
    ["under_way", "Under way"],
  ];
  const eventsById = new Map();

  /* ---------- evidence panel ---------- */

  const panel = document.getElementById("panel");
  let activeItem = null;
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !panel.hidden) closePanel(); });

  function closePanel() {
    panel.hidden = true;
    if (activeItem) activeItem.classList.remove("active");
  }

  /** One source's article in the panel, its evidence highlighted, the other sources as
   * buttons that ``reopen`` the panel on them. */
  async function showSource(kicker, sources, index, reopen, none) {
    const m = sources[index || 0];
    const title = document.getElementById("panel-title");
    const meta = document.getElementById("panel-meta");
    const body = document.getElementById("panel-body");
    panel.hidden = false;
    fill(document.getElementById("panel-kicker"), kicker);
    if (!m) {
      fill(title, "No article");
      clear(meta);
      fill(body, el("p", { class: "empty" }, none));
      return;
    }
    fill(title, m.article_title || m.article_id);
    fill(meta, el("span", {}, "Loading the article…"));
    clear(body);
    panel.focus();
    let article;
    try {
      article = await api(`/api/articles/${encodeURIComponent(m.article_id)}`);
    } catch (err) {
      showError(body, err);
      return;
    }
    fill(title, article.title || m.article_title || article.id);
    const others = sources.map((x, i) => i === (index || 0) ? null :
      el("button", { type: "button", class: "linkish", onclick: () => reopen(i) },
        `also in ${x.article_title || x.article_id}`));
    fill(meta,
      article.source ? el("span", {}, article.source) : null,
      el("span", {}, day(article.date)),
      el("a", { href: articleHref(article.id, m.evidence) }, "Open the article page"),
      others);
    const n = highlightInto(body, article.text || "", m.evidence || []);
    const first = body.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
    body.dataset.marks = String(n);
  }

  function openEvent(ev, item, mentionIndex) {
    if (activeItem) activeItem.classList.remove("active");
    activeItem = item || null;
    if (activeItem) activeItem.classList.add("active");
    return showSource([badge(ev.type), " ", day(eventDate(ev)), " · ", countries(ev)],
      ev.mentions || [], mentionIndex, (i) => openEvent(ev, item, i),
      "This event has no recorded mention.");
  }

  function openById(id, item) {
    const known = eventsById.get(id);
    if (known) return openEvent(known, item);
    return api(`/api/events/${encodeURIComponent(id)}`).then((ev) => {
      eventsById.set(ev.id, ev);
      return openEvent(ev, item);
    }, (err) => { panel.hidden = false; showError(document.getElementById("panel-body"), err); });
  }

  /* ---------- heading ---------- */

  function nameOf(data, code) {
    const names = data.names || {};
    if (Array.isArray(names)) return names[code === A ? 0 : 1] || code;
    return names[code] || code;
  }

  function totalsLine(t) {
    if (!t || typeof t !== "object" || typeof t.events !== "number") return "";
    const bits = [plural(t.events, "event")];
    if (typeof t.cooperation === "number") bits.push(`${number(t.cooperation)} cooperation`);
    if (typeof t.conflict === "number") bits.push(`${number(t.conflict)} conflict`);
    if (typeof t.articles === "number") bits.push(plural(t.articles, "article"));
    return bits.join(" · ");
  }

  /* ---------- timeline ---------- */

  function monthsBetween(first, last) {
    const out = [];
    let [y, m] = first.split("-").map(Number);
    const [y2, m2] = last.split("-").map(Number);
    while (y < y2 || (y === y2 && m <= m2)) {
      out.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function drawTimeline(box, legendBox, rows) {
    rows = (rows || []).filter((r) => r.count > 0);
    if (!rows.length) {
      fill(box, el("p", { class: "empty" }, "No events."));
      clear(legendBox);
      return;
    }
    const dated = rows.filter((r) => r.month).map((r) => String(r.month).slice(0, 7)).sort();
    let buckets = dated.length ? monthsBetween(dated[0], dated[dated.length - 1]) : [];
    let keyOf = (month) => String(month).slice(0, 7);
    if (buckets.length > 72) {  // years, not months, when the record spans more than six years
      const years = [...new Set(buckets.map((b) => b.slice(0, 4)))];
      buckets = years;
      keyOf = (month) => String(month).slice(0, 4);
    }
    if (rows.some((r) => !r.month)) buckets.push("undated");
    const cell = new Map();  // bucket -> type -> count
    for (const r of rows) {
      const k = r.month ? keyOf(r.month) : "undated";
      if (!cell.has(k)) cell.set(k, new Map());
      cell.get(k).set(r.type, (cell.get(k).get(r.type) || 0) + r.count);
    }
    const types = TYPE_ORDER.filter((t) => rows.some((r) => r.type === t))
      .concat([...new Set(rows.map((r) => r.type))].filter((t) => !TYPE_ORDER.includes(t)));
    const totals = buckets.map((b) => [...(cell.get(b) || new Map()).values()].reduce((s, v) => s + v, 0));
    const max = Math.max(...totals, 1);
    const W = 760, H = 180, L = 34, R = 8, T = 10, Bm = 34;
    const bw = Math.min((W - L - R) / buckets.length, 64);  // one lone month is a bar, not a wall
    const x0 = L + (W - L - R - bw * buckets.length) / 2;
    const y = (v) => T + (H - T - Bm) * (1 - v / max);
    const g = svg("g", {});
    const ticks = max <= 5 ? [...Array(max + 1).keys()] : [0, Math.round(max / 2), max];
    for (const t of ticks) {
      g.appendChild(svg("line", { class: "grid-line", x1: L, x2: W - R, y1: y(t), y2: y(t) }));
      g.appendChild(svg("text", { x: L - 6, y: y(t) + 4, "text-anchor": "end" }, number(t)));
    }
    const every = Math.ceil(buckets.length / 12);
    buckets.forEach((b, i) => {
      let acc = 0;
      const x = x0 + i * bw + Math.min(2, bw * 0.1);
      const w = Math.max(1, bw - 2 * Math.min(2, bw * 0.1));
      for (const t of types) {
        const v = (cell.get(b) || new Map()).get(t) || 0;
        if (!v) continue;
        g.appendChild(svg("rect", { x, width: w, y: y(acc + v), height: y(acc) - y(acc + v),
          fill: TYPE_COLOURS[t] || "#888", "data-type": t, "data-bucket": b },
          svg("title", {}, `${b}: ${plural(v, `${t} event`)}`)));
        acc += v;
      }
      if (i % every === 0 || b === "undated") {
        g.appendChild(svg("text", { x: x0 + i * bw + bw / 2, y: H - Bm + 16, "text-anchor": "middle" }, b));
      }
    });
    g.appendChild(svg("line", { class: "axis", x1: L, x2: W - R, y1: y(0), y2: y(0) }));
    fill(box, svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events per month by type" }, g));
    legend(legendBox, types.map((t) => [t, TYPE_COLOURS[t] || "#888"]));
  }

  /* ---------- cooperation map ---------- */

  function drawMap(box, rows) {
    if (!rows || !rows.length) {
      fill(box, el("p", { class: "empty" }, "No sector-level cooperation recorded for this pair."));
      return;
    }
    const order = new Map(STAGES.map(([k], i) => [k, i]));
    const thead = el("thead", {}, el("tr", {},
      el("th", { scope: "col", class: "sector" }, "Sector"),
      STAGES.map(([, label]) => el("th", { scope: "col", class: "stage-col" }, label))));
    const tbody = el("tbody", {});
    for (const row of rows) {
      const reached = order.has(row.stage) ? order.get(row.stage) : -1;
      const gap = reached >= 0 && reached <= order.get("discussed");
      const sectorCell = el("th", { scope: "row", class: "sector" },
        row.sector ? el("code", {}, row.sector) : null, row.title || (row.sector ? "" : "No sector named"),
        gap ? el("span", { class: "gap-flag" }, "talked about, not yet agreed") : null);
      const cells = STAGES.map(([key, label], i) => {
        const ids = (row.stages || {})[key] || [];
        const cls = [i <= reached ? "reached" : "", i === reached ? "furthest" : ""].join(" ").trim();
        const td = el("td", { class: cls || null, "data-stage": key });
        if (!ids.length) {
          td.appendChild(el("span", { class: "map-empty", "aria-label": "none" }, "·"));
        }
        ids.forEach((id, n) => {
          const desc = `${row.title || row.sector || "Sector"}, ${label.toLowerCase()}: event ${n + 1} of ${ids.length}`;
          td.appendChild(el("button", { type: "button", class: `map-dot st-${key}`, title: desc,
            "aria-label": desc, "data-event": id, onclick: (e) => openById(id, null) }, String(n + 1)));
        });
        return td;
      });
      tbody.appendChild(el("tr", { class: gap ? "gap" : null, "data-sector": row.sector || "", "data-stage": row.stage || "" },
        sectorCell, cells));
    }
    fill(box, el("table", { class: "map-table" },
      el("caption", { class: "visually-hidden" }, "Sectors against how far cooperation has come"), thead, tbody));
  }

  /* ---------- sectors, entities, figures ---------- */

  function drawSectors(node, sectors) {
    const max = Math.max(...(sectors || []).map((s) => s.count), 1);
    list(node, (sectors || []).slice().sort((a, b) => b.count - a.count), (s) => {
      const bar = el("span", {});
      bar.style.width = `${(100 * s.count) / max}%`;
      return el("li", {},
        el("div", { class: "bar-row" },
          el("span", {}, el("code", {}, s.code), " ", s.title || ""),
          el("span", { class: "count" }, number(s.count))),
        el("div", { class: "bar" }, bar));
    }, "No sectors named.");
  }

  function drawEntities(node, entities, none) {
    // The API ranks them (by shared events); keep its order.
    list(node, (entities || []).slice(0, 15), (e) =>
      el("li", {},
        el("span", { class: "entity-name" }, e.name),
        e.title ? el("span", { class: "muted" }, `, ${e.title}`) : null,
        e.country ? [" ", el("span", { class: "tag" }, e.country)] : null,
        typeof e.events === "number"
          ? el("span", { class: "count", title: "events of this pair they take part in" }, plural(e.events, "event"))
          : e.mentions ? el("span", { class: "count", title: "mentions" }, plural(e.mentions, "mention")) : null),
    none);
  }

  /* ---------- figures ---------- */

  /** A figure observation's sources in the panel (each with its one evidence span). */
  function openFigure(obs, sourceIndex) {
    if (activeItem) activeItem.classList.remove("active");
    activeItem = null;
    const sources = (obs.sources || []).map((s) => ({ ...s, evidence: [s.evidence] }));
    return showSource(bilatFigures.describe(obs), sources, sourceIndex,
      (i) => openFigure(obs, i), "This figure has no recorded source.");
  }

  async function drawFigures() {
    const box = document.getElementById("figures");
    fill(document.getElementById("figures-legend"), bilatFigures.legend());
    try {
      const data = await api(`/api/pairs/${encodeURIComponent(A)}/${encodeURIComponent(B)}/figures`);
      bilatFigures.draw(box, data.series, { onOpen: openFigure, empty: "No figures reported for this pair." });
    } catch (err) {
      showError(box, err);
    }
  }

  /* ---------- where it happened ---------- */

  function drawPlaces(data) {
    const box = document.getElementById("place-map");
    const at = document.getElementById("place-events");
    const heading = document.getElementById("place-events-h");
    const onPlace = async (p) => {
      heading.hidden = false;
      fill(heading, `Events in ${p.name}`);
      fill(at, el("li", { class: "loading" }, "Loading…"));
      try {
        const res = await api("/api/events", { pair: `${A},${B}`, location: p.id, limit: 100 });
        for (const ev of res.items) eventsById.set(ev.id, ev);
        list(at, res.items, (ev) => eventItem(ev, { onOpen: openEvent }), `No events in ${p.name}.`);
      } catch (err) {
        showError(at, err);
      }
    };
    bilatPlaces.draw(box, data.places, { highlight: [A, B], onPlace }).catch((err) => showError(box, err));
    bilatPlaces.meetings(document.getElementById("meetings"), data.meeting_places, { names: data.names, onPlace });
  }

  /* ---------- main ---------- */

  async function main() {
    const pairParam = `${A},${B}`;
    const [pairRes, evRes] = await Promise.allSettled([
      api(`/api/pairs/${encodeURIComponent(A)}/${encodeURIComponent(B)}`),
      api("/api/events", { pair: pairParam, limit: 500 }),
    ]);
    if (pairRes.status === "rejected") {
      for (const id of ["timeline", "map", "sectors", "people", "organizations", "place-map",
        "meetings"]) {
        showError(document.getElementById(id), pairRes.reason);
      }
      fill(document.getElementById("totals"), "");
    } else {
      const data = pairRes.value;
      const na = nameOf(data, A), nb = nameOf(data, B);
      fill(document.getElementById("name-a"), na);
      fill(document.getElementById("name-b"), nb);
      document.title = `${na} – ${nb} · bilat`;
      fill(document.getElementById("totals"), totalsLine(data.totals));
      drawTimeline(document.getElementById("timeline"), document.getElementById("timeline-legend"), data.events_by_month);
      drawMap(document.getElementById("map"), data.cooperation_map);
      drawSectors(document.getElementById("sectors"), data.sectors);
      drawPlaces(data);
      drawEntities(document.getElementById("people"), data.people, "No people named.");
      drawEntities(document.getElementById("organizations"), data.organizations, "No organisations named.");
      for (const ev of data.latest || []) eventsById.set(ev.id, ev);
    }
    const evNode = document.getElementById("events");
    let events;
    if (evRes.status === "fulfilled") events = evRes.value.items || [];
    else if (pairRes.status === "fulfilled") events = pairRes.value.latest || [];
    else return showError(evNode, evRes.reason);
    for (const ev of events) eventsById.set(ev.id, ev);
    list(evNode, events.slice().sort(byDateDesc), (ev) => eventItem(ev, { onOpen: openEvent }),
      "No events between these two countries yet.");
  }

  drawFigures();
  main();
})();
