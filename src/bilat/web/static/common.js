/* bilat dashboard: helpers shared by every page.
 *
 * Rule: data from the API (titles, names, article text) only ever reaches the page as
 * text nodes (textContent / createTextNode) or attribute values; never as HTML.
 */
"use strict";

const bilat = (() => {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const TYPES = JSON.parse(document.body.dataset.types || "{}");  // PLOVER type -> quad class

  /* Colours per PLOVER type: cooperation in blues and greens, conflict in oranges and reds. */
  const TYPE_COLOURS = {
    AGREE: "#9ecae1", CONSULT: "#4a90c2", SUPPORT: "#1f5fa0", CONCEDE: "#c6dbef",
    COOPERATE: "#1b7837", AID: "#5aae61", RETREAT: "#a6dba0",
    REQUEST: "#fdb863", ACCUSE: "#e08214", REJECT: "#b35806", THREATEN: "#7f3b08",
    PROTEST: "#f4a582", SANCTION: "#d6604d", MOBILIZE: "#b2182b", COERCE: "#67001f",
    ASSAULT: "#40004b",
  };
  const TYPE_ORDER = Object.keys(TYPE_COLOURS);

  /** An element; attrs are set as attributes (functions under "on…" as listeners). */
  function build(ns, tag, attrs, children) {
    const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "text") node.textContent = String(v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const el = (tag, attrs, ...children) => build(null, tag, attrs, children);
  const svg = (tag, attrs, ...children) => build(SVG_NS, tag, attrs, children);

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  function fill(node, ...children) {
    clear(node);
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  class ApiError extends Error {}

  /** GET an /api path as JSON; problem JSON becomes an ApiError with its detail. */
  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    }
    let res;
    try {
      res = await fetch(url, { headers: { Accept: "application/json" } });
    } catch (e) {
      throw new ApiError(`The API at ${url.pathname} did not answer (${e.message}).`);
    }
    if (!res.ok) {
      let detail = `${res.status} ${res.statusText}`;
      try {
        const p = await res.json();
        detail = [p.code ? `[${p.code}]` : null, p.detail || p.title].filter(Boolean).join(" ") || detail;
      } catch (_) { /* not problem JSON */ }
      throw new ApiError(`${url.pathname}: ${detail}`);
    }
    return res.json();
  }

  function showError(node, err) {
    fill(node, el("p", { class: "error", role: "alert" }, err.message || String(err)));
  }
  function empty(node, message) {
    fill(node, el(node.tagName === "UL" || node.tagName === "OL" ? "li" : "p", { class: "empty" }, message));
  }

  const quadOf = (type) => TYPES[type] || "";
  const isCooperation = (q) => q === "verbal_cooperation" || q === "material_cooperation";
  const isConflict = (q) => q === "verbal_conflict" || q === "material_conflict";

  function badge(type) {
    return el("span", { class: `badge q-${quadOf(type)}`, title: (quadOf(type) || "").replace("_", " ") }, type);
  }

  const fmt = new Intl.NumberFormat("en-GB");
  const number = (n) => fmt.format(n);
  const plural = (n, one, many) => `${number(n)} ${n === 1 ? one : (many || one + "s")}`;

  /** Ranges as the article page's highlight parameter: "0-132,134-448". */
  const highlightParam = (evidence) =>
    (evidence || []).filter((s) => s.end > s.start).map((s) => `${s.start}-${s.end}`).join(",");

  function articleHref(articleId, evidence) {
    const h = highlightParam(evidence);
    const base = `/articles/${encodeURIComponent(articleId)}`;
    return h ? `${base}?highlight=${h}#hl-1` : base;
  }

  /** An event's date, or its first article's, or null. */
  function eventDate(ev) {
    if (ev.date) return ev.date;
    const m = (ev.mentions || []).find((x) => x.article_date);
    return m ? m.article_date : null;
  }
  const day = (d) => (d ? String(d).slice(0, 10) : "undated");

  /** Newest first; undated last. */
  function byDateDesc(a, b) {
    const da = eventDate(a) || "", db = eventDate(b) || "";
    if (da === db) return 0;
    if (!da) return 1;
    if (!db) return -1;
    return da < db ? 1 : -1;
  }

  function countries(ev) {
    const a = (ev.actor_countries || []).join(", ");
    const r = (ev.recipient_countries || []).join(", ");
    return r ? `${a || "?"} → ${r}` : a;
  }

  /**
   * One event as a list item. With opts.onOpen the evidence is a button that calls it;
   * otherwise it links to the article page with the evidence highlighted.
   */
  function eventItem(ev, opts) {
    opts = opts || {};
    const mention = (ev.mentions || [])[0] || {};
    const ev0 = (mention.evidence || [])[0];
    const text = ev0 && ev0.text ? ev0.text : "(no evidence text)";
    const sectors = (ev.sectors || []).join(", ");
    const head = el("div", { class: "event-head" },
      badge(ev.type),
      el("span", { class: "date" }, day(eventDate(ev))),
      el("span", { class: "countries" }, countries(ev)),
      ev.modality && ev.modality !== "asserted" ? el("span", { class: "modality" }, ev.modality) : null,
      ev.mode ? el("span", { class: "muted" }, ev.mode) : null,
      sectors ? el("span", { class: "sectors", title: "ISIC sectors" }, sectors) : null,
    );
    const body = opts.onOpen
      ? el("button", { type: "button", class: "event-open", "aria-controls": "panel",
          onclick: () => opts.onOpen(ev, item) }, text)
      : el("p", { class: "evidence" }, el("a", { href: articleHref(mention.article_id, mention.evidence), class: "plain" }, text));
    const seen = Math.max(ev.mention_count || 0, (ev.mentions || []).length);
    const more = seen > 1 ? ` and ${plural(seen - 1, "more mention")}` : "";
    const source = mention.article_id
      ? el("div", { class: "source" }, "In ",
          el("a", { href: articleHref(mention.article_id, mention.evidence) }, mention.article_title || mention.article_id),
          more)
      : null;
    const item = el("li", { class: "event", "data-type": ev.type, "data-id": ev.id }, head, body, source);
    const href = mention.article_id ? articleHref(mention.article_id, mention.evidence) : null;
    openOnClick(item, opts.onOpen ? () => opts.onOpen(ev, item)
      : href ? () => window.location.assign(href) : null);
    return item;
  }

  /**
   * Clicking anywhere on an event (its type, date, countries, not only its evidence) opens
   * it; links and buttons inside keep their own action, and selecting text opens nothing.
   */
  function openOnClick(item, open) {
    if (!open) return;
    item.classList.add("opens");
    item.addEventListener("click", (e) => {
      if (e.target.closest("a, button")) return;
      const selected = window.getSelection ? String(window.getSelection()) : "";
      if (selected) return;
      open();
    });
  }

  /** Append text to node with each (start, end) range wrapped in <mark id="hl-N">. */
  function highlightInto(node, text, ranges) {
    clear(node);
    const spans = (ranges || [])
      .map((r) => [Math.max(0, r.start | 0), Math.min(text.length, r.end | 0)])
      .filter(([s, e]) => e > s)
      .sort((x, y) => x[0] - y[0]);
    let pos = 0, n = 0;
    for (let [s, e] of spans) {
      s = Math.max(s, pos);
      if (s >= e) continue;
      if (s > pos) node.appendChild(document.createTextNode(text.slice(pos, s)));
      n += 1;
      node.appendChild(el("mark", { id: `hl-${n}` }, text.slice(s, e)));
      pos = e;
    }
    if (pos < text.length) node.appendChild(document.createTextNode(text.slice(pos)));
    return n;
  }

  /** Fill a <ul> with items or an "empty" line. */
  function list(node, items, render, emptyMessage) {
    clear(node);
    if (!items || !items.length) return empty(node, emptyMessage || "None.");
    for (const x of items) node.appendChild(render(x));
  }

  function legend(node, entries) {
    fill(node, entries.map(([label, colour, cls]) =>
      el("span", { class: "legend-item" }, swatch(colour, cls), label)));
  }
  function swatch(colour, cls) {
    const s = el("span", { class: `swatch ${cls || ""}`, "aria-hidden": "true" });
    s.style.background = colour;
    return s;
  }

  return {
    TYPES, TYPE_COLOURS, TYPE_ORDER, el, svg, clear, fill, api, showError, empty, quadOf,
    isCooperation, isConflict, badge, number, plural, highlightParam, articleHref, eventDate,
    day, byDateDesc, countries, eventItem, openOnClick, highlightInto, list, legend, swatch,
  };
})();
