// Give the translated strings in wagtail-localize's translation editor their
// language and direction as attributes too (the CSS already shows them so),
// so screen readers and spell checkers treat them as Urdu or Hazaragi. The
// editor draws its fields after load and on every edit, hence the observer.
(function () {
  "use strict";

  function mark(root) {
    var lang = root.dataset.targetLang;
    var dir = root.dataset.targetDir;
    root.querySelectorAll("li > p + div").forEach(function (value) {
      if (value.getAttribute("lang") !== lang) {
        value.setAttribute("lang", lang);
        value.setAttribute("dir", dir);
      }
    });
  }

  function start() {
    document.querySelectorAll(".w-translation-target[data-target-lang]").forEach(function (root) {
      mark(root);
      new MutationObserver(function () {
        mark(root);
      }).observe(root, { childList: true, subtree: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
