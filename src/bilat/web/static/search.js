/* Search page: events and articles matching the query; each article with a snippet
   whose matching words are marked (the API gives the text and the words' offsets). */
"use strict";

(() => {
  const { el, fill, api, showError, list, eventItem, plural, day } = bilat;
  const q = document.getElementById("search").dataset.q;

  function snippet(s) {
    if (!s || !s.text) return null;
    const parts = [];
    let pos = 0;
    for (const [a, b] of s.highlights || []) {
      if (a < pos || b <= a) continue;
      parts.push(s.text.slice(pos, a), el("mark", {}, s.text.slice(a, b)));
      pos = b;
    }
    parts.push(s.text.slice(pos));
    return el("p", { class: "snippet" }, ...parts);
  }

  async function main() {
    if (!q) return;
    const evNode = document.getElementById("events"), artNode = document.getElementById("articles");
    let data;
    try {
      data = await api("/api/search", { q });
    } catch (err) {
      showError(evNode, err); showError(artNode, err);
      return;
    }
    const events = data.events || [];  // in the API's order: most reported first, then newest
    const articles = data.articles || [];
    fill(document.getElementById("result-count"),
      `${plural(events.length, "event")} and ${plural(articles.length, "article")} for “${q}”.`);
    list(evNode, events, (ev) => eventItem(ev), "No events match.");
    list(artNode, articles, (a) => el("li", {},
      el("a", { href: `/articles/${encodeURIComponent(a.id)}` }, a.title || a.id),
      el("p", { class: "meta" }, a.source ? el("span", {}, a.source) : null, el("span", {}, day(a.date))),
      snippet(a.snippet)),
    "No articles match.");
  }
  main();
})();
