/* Stelselbeheer: small progressive enhancements, no framework. Everything works without this file. */
(function () {
  "use strict";

  /* The main menu's groups are <details>: keep one open at a time, close with Escape or a click elsewhere. */
  function menu() {
    var groepen = Array.prototype.slice.call(document.querySelectorAll(".hoofdmenu details"));
    groepen.forEach(function (groep) {
      groep.addEventListener("toggle", function () {
        if (groep.open) {
          groepen.forEach(function (ander) { if (ander !== groep) { ander.open = false; } });
        }
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") { return; }
      groepen.forEach(function (groep) {
        if (groep.open) {
          groep.open = false;
          groep.querySelector("summary").focus();
        }
      });
    });
    document.addEventListener("click", function (e) {
      groepen.forEach(function (groep) { if (groep.open && !groep.contains(e.target)) { groep.open = false; } });
    });
  }

  /* The name of a table's scroll region: its caption, else the heading above it. */
  function naam(tabel) {
    var bijschrift = tabel.querySelector("caption");
    if (bijschrift && bijschrift.textContent.trim()) { return bijschrift.textContent.trim(); }
    for (var el = tabel.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) { return el.textContent.trim(); }
    }
    return "Tabel";
  }

  /* A table that a template did not put in the scroll wrapper ({% tabel %}, includes/tabel.html) gets one here, so
     a wide table scrolls by itself on a small screen instead of the whole page. */
  function tabellen() {
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (tabel) {
      if (tabel.closest(".tabel-omhulsel")) { return; }
      var omhulsel = document.createElement("div");
      omhulsel.className = "utrecht-table-container utrecht-table-container--overflow-inline tabel-omhulsel";
      omhulsel.setAttribute("role", "region");
      omhulsel.setAttribute("tabindex", "0");
      omhulsel.setAttribute("aria-label", naam(tabel));
      tabel.parentNode.insertBefore(omhulsel, tabel);
      omhulsel.appendChild(tabel);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    menu();
    tabellen();
  });
})();
