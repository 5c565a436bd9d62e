"""Form fields (includes/veld.html): every aria-describedby names texts that are on the page, so help and error
texts are announced; every label belongs to a field; all errors are shown at once in the summary (issue 11)."""

from html.parser import HTMLParser

import pytest

from tests.test_toegang import PAGINAS, _inloggen, _pad

#: engine-independent (rights, rendering): run once, in the SQLite round of `make test`
pytestmark = pytest.mark.eenmaal


class Verwijzingen(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.beschreven, self.labels, self.ongeldig = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.beschreven.append((tag, attrs.get("name") or attrs.get("id"), attrs["aria-describedby"].split()))
        if tag == "label" and attrs.get("for"):
            self.labels.append(attrs["for"])
        if attrs.get("aria-invalid") == "true":
            self.ongeldig.append(attrs.get("name"))


def _controleer(html, waar):
    p = Verwijzingen()
    p.feed(html)
    for tag, naam, ids in p.beschreven:
        ontbreekt = [i for i in ids if i not in p.ids]
        assert not ontbreekt, f"{waar}: aria-describedby van {tag} {naam} wijst naar ontbrekende id's {ontbreekt}"
    for doel in p.labels:
        assert doel in p.ids, f"{waar}: label for={doel} zonder veld"
    return p


@pytest.mark.parametrize("rol", ["publiek", "uitvoering", "deelnemer", "bestuur"])
def test_elke_pagina_verwijst_naar_bestaande_ids(client, wereld, rol):
    """Every page of the access matrix that the role may open (GET)."""
    _inloggen(client, wereld, rol)
    namen = sorted(naam for naam, (_, mogen) in PAGINAS.items() if rol in mogen)
    # the paths in one go: the objects they need are made once, in one database
    paden = _pad("\n".join(PAGINAS[naam][0] for naam in namen), wereld, rol).split("\n")
    for naam, pad in zip(namen, paden, strict=True):
        antwoord = client.get(pad)
        if antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/html"):
            _controleer(antwoord.content.decode(), naam)


#: form pages posted empty (or with an action but no content): the errors must be announced with their field
FORMULIEREN = {
    "melding-formulier": ("publiek", "/melden/formulier/", {}),
    "aanmelden": ("publiek", "/aanmelden/", {}),
    "kwalificatie-nieuw": ("uitvoering", "/beheer/deelnemers/{dva}/kwalificaties/nieuw/", {}),
    "organisatie-nieuw": ("uitvoering", "/beheer/organisaties/nieuw/", {}),
    "melding-detail": ("uitvoering", "/beheer/meldingen/{melding}/", {"actie": "update"}),
    "verzoek-nieuw": ("deelnemer", "/mijn/verzoeken/nieuw/aanbieder_nieuw/", {}),
    "zaak-nieuw": ("uitvoering", "/beheer/naleving/nieuw/{dva}/", {}),
    "product-nieuw": ("uitvoering", "/implementatie/nieuw/", {}),  # implementatie
    "risico-nieuw": ("uitvoering", "/implementatie/risicos/nieuw/", {}),
}


@pytest.mark.parametrize("naam", sorted(FORMULIEREN))
def test_fouten_worden_bij_hun_veld_aangekondigd(client, wereld, naam):
    rol, sjabloon, data = FORMULIEREN[naam]
    _inloggen(client, wereld, rol)
    # one empty value: an empty POST would leave the form unbound (``request.POST or None``)
    antwoord = client.post(_pad(sjabloon, wereld, rol), data or {"leeg": ""})
    html = antwoord.content.decode()
    assert "Controleer de invoer" in html, naam  # the summary with every error at once
    p = _controleer(html, naam)
    assert p.ongeldig, f"{naam}: geen veld met aria-invalid"
    fouten = [(naam_, ids) for _, naam_, ids in p.beschreven if any(i.endswith("_error") for i in ids)]
    assert fouten, f"{naam}: geen veld beschreven door zijn foutmelding"
