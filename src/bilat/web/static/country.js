/* Country page: partners ranked by activity and by cooperation against conflict. */
"use strict";

(() => {
  const { el, fill, api, showError, plural, number, list, eventItem, byDateDesc } = bilat;
  const RECENT = 10;
  const TOP_PARTNERS = 5;
  const C = document.getElementById("country").dataset.c;

  const pairHref = (p) => `/pairs/${encodeURIComponent(C)}/${encodeURIComponent(p.country)}`;
  const score = (p) => (typeof p.score === "number" ? p.score
    : p.events ? ((p.cooperation || 0) - (p.conflict || 0)) / p.events : 0);

  function stack(p) {
    const other = Math.max(0, p.events - (p.cooperation || 0) - (p.conflict || 0));
    const s = el("span", { class: "stack", title: `${p.cooperation || 0} cooperation, ${p.conflict || 0} conflict, ${other} other` });
    for (const [cls, v] of [["s-coop", p.cooperation || 0], ["s-conflict", p.conflict || 0], ["s-other", other]]) {
      if (!v) continue;
      const part = el("span", { class: cls });
      part.style.width = `${(100 * v) / p.events}%`;
      s.appendChild(part);
    }
    return s;
  }

  function byActivity(box, partners) {
    if (!partners.length) return fill(box, el("p", { class: "empty" }, "No partners recorded."));
    const max = Math.max(...partners.map((p) => p.events), 1);
    const rows = partners.map((p, i) => {
      const s = stack(p);
      s.style.width = `${(100 * p.events) / max}%`;
      return el("tr", { "data-country": p.country },
        el("td", { class: "num" }, String(i + 1)),
        el("td", {}, el("a", { href: pairHref(p) }, p.name || p.country), " ", el("span", { class: "tag" }, p.country)),
        el("td", { class: "barcell" }, s),
        el("td", { class: "num" }, number(p.events)));
    });
    fill(box, el("table", { class: "partner-table" },
      el("thead", {}, el("tr", {}, el("th", {}, "#"), el("th", {}, "Partner"), el("th", {}, "Cooperation / conflict"), el("th", {}, "Events"))),
      el("tbody", {}, rows)));
  }

  function byTone(box, partners) {
    if (!partners.length) return fill(box, el("p", { class: "empty" }, "No partners recorded."));
    const sorted = partners.slice().sort((a, b) => score(b) - score(a) || b.events - a.events);
    const rows = sorted.map((p) => {
      const v = Math.max(-1, Math.min(1, score(p)));
      const bar = el("span", {});
      bar.style.left = v >= 0 ? "50%" : `${50 + 50 * v}%`;
      bar.style.width = `${Math.max(0.5, 50 * Math.abs(v))}%`;
      bar.style.background = v >= 0 ? "var(--coop)" : "var(--conflict)";
      return el("tr", { "data-country": p.country },
        el("td", {}, el("a", { href: pairHref(p) }, p.name || p.country)),
        el("td", { class: "barcell" }, el("div", { class: "diverge", title: `score ${v.toFixed(2)}` }, bar)),
        el("td", { class: "num" }, (v > 0 ? "+" : "") + v.toFixed(2)),
        el("td", { class: "num muted" }, plural(p.events, "ev.", "ev.")));
    });
    fill(box, el("table", { class: "partner-table" },
      el("thead", {}, el("tr", {}, el("th", {}, "Partner"), el("th", {}, "conflict ← → cooperation"), el("th", {}, "Score"), el("th", {}, ""))),
      el("tbody", {}, rows)));
  }

  async function main() {
    const a = document.getElementById("by-activity"), t = document.getElementById("by-tone");
    let data;
    try {
      data = await api(`/api/countries/${encodeURIComponent(C)}`);
    } catch (err) {
      showError(a, err); showError(t, err); fill(document.getElementById("totals"), "");
      showError(document.getElementById("place-map"), err);
      showError(document.getElementById("meetings"), err);
      return;
    }
    const name = data.name || C;
    fill(document.getElementById("name"), name);
    document.title = `${name} · bilat`;
    const partners = (data.partners || []).slice().sort((x, y) => y.events - x.events);
    const tot = data.totals || {};
    const bits = [];
    if (typeof tot.events === "number") bits.push(plural(tot.events, "event"));
    if (typeof tot.cooperation === "number") bits.push(`${number(tot.cooperation)} cooperation`);
    if (typeof tot.conflict === "number") bits.push(`${number(tot.conflict)} conflict`);
    bits.push(plural(partners.length, "partner"));
    fill(document.getElementById("totals"), bits.join(" · "));
    byActivity(a, partners);
    byTone(t, partners);
    drawPlaces(data);
    partnerFigures(partners, name);
  }

  function drawPlaces(data) {
    const box = document.getElementById("place-map");
    const at = document.getElementById("place-events");
    const heading = document.getElementById("place-events-h");
    const names = Object.fromEntries((data.partners || []).map((p) => [p.country, p.name]));
    names[C] = data.name || C;
    const onPlace = async (p) => {
      heading.hidden = false;
      fill(heading, `Events in ${p.name}`);
      try {
        const res = await api("/api/events", { country: C, location: p.id, limit: 100 });
        list(at, (res.items || []).slice().sort(byDateDesc), (ev) => eventItem(ev), `No events in ${p.name}.`);
      } catch (err) {
        showError(at, err);
      }
    };
    bilatPlaces.draw(box, data.places, { highlight: [C], onPlace }).catch((err) => showError(box, err));
    bilatPlaces.meetings(document.getElementById("meetings"), data.meeting_places, { names, onPlace });
  }

  /** Figure series with the top partners (by shared events) that have figures, and the
   * country's own totals. */
  async function partnerFigures(partners, name) {
    const box = document.getElementById("partner-figures");
    fill(document.getElementById("partner-figures-legend"), bilatFigures.legend());
    let data;
    try {
      data = await api(`/api/countries/${encodeURIComponent(C)}/figures`);
    } catch (err) {
      showError(box, err);
      return;
    }
    const byPartner = new Map();
    for (const o of data.series || []) {
      const others = o.countries.filter((c) => c !== C);
      const key = others.length === 1 ? others[0] : others.length ? null : "";
      if (key === null) continue;  // three or more countries: on their own pages
      if (!byPartner.has(key)) byPartner.set(key, []);
      byPartner.get(key).push(o);
    }
    const ranked = partners.map((p) => p.country).filter((c) => byPartner.has(c));
    for (const c of byPartner.keys()) if (c && !ranked.includes(c)) ranked.push(c);
    const shown = ranked.slice(0, TOP_PARTNERS);
    if (byPartner.has("")) shown.push("");
    if (!shown.length) return fill(box, el("p", { class: "empty" }, "No figures reported."));
    const names = new Map(partners.map((p) => [p.country, p.name || p.country]));
    fill(box, shown.map((c) => {
      const part = el("div", { class: "figures", "data-partner": c || C });
      bilatFigures.draw(part, byPartner.get(c));
      const heading = c
        ? el("h3", { class: "partner-head" }, el("a", { href: pairHref({ country: c }) }, `${name} – ${names.get(c) || c}`))
        : el("h3", { class: "partner-head" }, `${name} alone`);
      return el("section", { class: "partner-figures" }, heading, part);
    }));
  }

  async function recent() {
    const node = document.getElementById("recent");
    try {
      const page = await api("/api/events", { country: C, limit: RECENT });
      list(node, (page.items || []).slice().sort(byDateDesc), (ev) => eventItem(ev), "No events yet.");
    } catch (err) {
      showError(node, err);
    }
  }
  recent();
  main();
})();
