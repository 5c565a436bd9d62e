"""The public melding form and the handler's forms as people meet them (issue 11): post/redirect/get, the one-time
status link shown exactly once and never in a URL, every error in one round, and a triage that moves a melding to
another region's desk."""

import re

from stelselbeheer.meldingen import services
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.organisaties.models import Regio

PAD = "1.1.1"  # the tree's path to the national desk
REGIONAAL = "0.0.1"  # the tree's path to the regional desk (RSO)
VELDEN = {"soort": "vraag", "onderwerp": "ZAL ophalen", "omschrijving": "Hoe vaak?", "melder_naam": "An",
          "melder_email": "an@vsv.nl"}


def test_herladen_van_de_bevestiging_dient_niets_opnieuw_in(client, db):
    """MEL-TOKEN, PRG: POST, follow the redirect, reload: one melding; the status link shown once, not in a URL."""
    r = client.post(f"/melden/formulier/?pad={PAD}", VELDEN, follow=True)
    assert r.redirect_chain == [("/melden/ontvangen/", 302)]
    html = r.content.decode()
    link = re.search(r'href="(http://testserver/meldingen/status/[^"]+/)"', html).group(1)
    assert Melding.objects.count() == 1 and Melding.objects.get().nummer in html
    assert "no-store" in r["Cache-Control"] and "/meldingen/status/" not in r.redirect_chain[0][0]
    herladen = client.get("/melden/ontvangen/")  # the browser's reload of the confirmation is a GET
    assert herladen.status_code == 200 and Melding.objects.count() == 1
    tekst = herladen.content.decode()
    assert "/meldingen/status/" not in tekst and "niets opnieuw ingediend" in tekst
    assert client.get(link.removeprefix("http://testserver")).status_code == 200  # the link works


def test_regio_met_de_andere_velden_in_een_ronde(client, db):
    """A regional problem without a region and without a subject: both errors at once, not the region afterwards."""
    Regio.objects.create(code="twente", naam="Twente")
    pad = _pad_naar("rso")
    r = client.post(f"/melden/formulier/?pad={pad}", VELDEN | {"onderwerp": ""})
    html = r.content.decode()
    assert r.status_code == 200 and Melding.objects.count() == 0
    samenvatting = html.split('class="foutoverzicht ')[1].split("</div>")[0]
    assert "Onderwerp" in samenvatting and "Kies uw regio" in samenvatting


def test_knop_zegt_wat_hij_doet(client, db):
    html = client.get(f"/melden/formulier/?pad={PAD}").content.decode()
    assert ">Melding versturen</button>" in html and ">Opslaan</button>" not in html


def test_aria_describedby_wijst_naar_bestaande_ids(client, db):
    """Help and error texts are announced: every id named in aria-describedby is on the page."""
    pad = _pad_naar("rso")
    Regio.objects.create(code="twente", naam="Twente")
    html = client.post(f"/melden/formulier/?pad={pad}", VELDEN | {"onderwerp": "", "omschrijving": ""}).content.decode()
    _alle_verwijzingen_bestaan(html)
    assert 'aria-describedby="id_omschrijving_helptext id_omschrijving_error"' in html


def _alle_verwijzingen_bestaan(html):
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    verwijzingen = [i for waarde in re.findall(r'aria-describedby="([^"]+)"', html) for i in waarde.split()]
    assert verwijzingen, "geen aria-describedby op de pagina"
    assert [i for i in verwijzingen if i not in ids] == []


def _pad_naar(uitkomst):
    from stelselbeheer.meldingen import beslisboom
    from stelselbeheer.meldingen.services import actieve_boom

    boom = actieve_boom().boom
    for naam, pad in beslisboom.bladeren(boom).items():
        if boom["knopen"][naam].get("uitkomst") == uitkomst:
            return ".".join(str(p) for p in _indices(boom, pad))
    raise AssertionError(uitkomst)


def _indices(boom, antwoorden):
    knoop, uit = boom["knopen"][boom["start"]], []
    for antwoord in antwoorden:
        i = next(i for i, o in enumerate(knoop["opties"]) if o["label"] == antwoord)
        uit.append(i)
        knoop = boom["knopen"][knoop["opties"][i]["naar"]]
    return uit


def test_triage_naar_een_andere_regio_landt_op_de_werkvoorraad(client, wereld, maak):
    """A regional desk that triages a melding to another region may no longer see it: back to its queue with the
    message, not "Niet gevonden"."""
    m, _ = services.melding_indienen(actor=None, soort="vraag", onderwerp="Viewer", omschrijving="x",
                                     melder_naam="A", melder_email="a@x.nl", uitkomst="rso", regio=wereld["rso"].regio)
    elders = maak.rso("RSO Zuid-Limburg").regio
    client.force_login(wereld["gebruikers"]["regio"])
    r = client.post(f"/beheer/meldingen/{m.nummer}/", {"actie": "triage", "soort": "vraag", "prioriteit": "normaal",
                                                     "niveau": "regionaal", "regio": elders.pk}, follow=True)
    assert r.status_code == 200 and r.redirect_chain[-1][0] == "/beheer/meldingen/"
    html = r.content.decode()
    assert "Triage vastgelegd." in html and f"{m.nummer} ligt nu bij de regionale desk van {elders.naam}" in html
    assert "Niet gevonden" not in html
