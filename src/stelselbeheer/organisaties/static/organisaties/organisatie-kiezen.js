/* Progressive enhancement of a field that lists organisations one per line (organisaties/keuze.py): a search box
   whose suggestions come from the field's data-suggesties URL as you type; choosing one adds its line. Without this
   script the field still works: type KvK numbers or names. No inline script (Content Security Policy). */
(function () {
  "use strict";
  var teller = 0;

  function verrijk(veld) {
    teller += 1;
    var id = "organisatie-zoeken-" + teller;
    var lijst = document.createElement("datalist");
    lijst.id = id + "-suggesties";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Organisatie zoeken en toevoegen (naam, plaats of KvK-nummer)";
    var zoek = document.createElement("input");
    zoek.type = "search";
    zoek.id = id;
    zoek.setAttribute("list", lijst.id);
    zoek.setAttribute("autocomplete", "off");
    var status = document.createElement("p");
    status.className = "hulp";
    status.setAttribute("aria-live", "polite");
    var blok = document.createElement("div");
    blok.className = "organisatie-zoeken";
    blok.appendChild(label);
    blok.appendChild(zoek);
    blok.appendChild(lijst);
    blok.appendChild(status);
    veld.parentNode.insertBefore(blok, veld);

    var teksten = [];
    var wacht = null;
    var laatste = "";

    function toevoegen(tekst) {
      var regels = veld.value.split("\n").map(function (r) { return r.trim(); }).filter(Boolean);
      if (regels.indexOf(tekst) === -1) { regels.push(tekst); }
      veld.value = regels.join("\n");
      zoek.value = "";
      status.textContent = "Toegevoegd: " + tekst;
    }

    function ophalen(q) {
      var url = veld.getAttribute("data-suggesties") + "?q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { resultaten: [] }; })
        .then(function (data) {
          if (q !== laatste) { return; }
          teksten = data.resultaten.map(function (o) { return o.tekst; });
          lijst.textContent = "";
          teksten.forEach(function (t) {
            var optie = document.createElement("option");
            optie.value = t;
            lijst.appendChild(optie);
          });
          status.textContent = teksten.length ? teksten.length + " suggesties" : "Geen organisaties gevonden";
        })
        .catch(function () { status.textContent = "Suggesties zijn nu niet beschikbaar; typ het KvK-nummer in het veld."; });
    }

    zoek.addEventListener("input", function () {
      var q = zoek.value.trim();
      if (teksten.indexOf(zoek.value) !== -1) { toevoegen(zoek.value); return; }
      if (q.length < 2 || q === laatste) { return; }
      laatste = q;
      clearTimeout(wacht);
      wacht = setTimeout(function () { ophalen(q); }, 200);
    });
    zoek.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {  // never submit the form from the search box
        e.preventDefault();
        if (teksten.length === 1) { toevoegen(teksten[0]); }
      }
    });
  }

  document.querySelectorAll("textarea[data-suggesties]").forEach(verrijk);
}());
