/* Article page: the server already marked the evidence; bring the first mark into view. */
"use strict";

(() => {
  const first = document.getElementById("hl-1");
  if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
})();
