/* Article page: the server already marked the evidence; bring the first mark into view.
 * An event in the side list opens its evidence wherever it is clicked, not only on its
 * evidence link. */
"use strict";

(() => {
  const first = document.getElementById("hl-1");
  if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
  for (const item of document.querySelectorAll(".event-list li.event")) {
    const link = item.querySelector(".evidence a");
    if (link) bilat.openOnClick(item, () => window.location.assign(link.href));
  }
})();
