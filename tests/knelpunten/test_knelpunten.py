"""KNP-KLASSIFICATIE, KNP-MELDING, KNP-ORGAAN, KNP-OPLOSSING: bottlenecks recorded classified, from a melding at
most once, on the agenda of the right body, closed only with the outcome; through services, pages and the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.knelpunten.models import Bouwblok, Knelpunt
from stelselbeheer.knelpunten.services import (
    knelpunt_agenderen,
    knelpunt_naar_rfc,
    knelpunt_status_zetten,
    knelpunt_uit_melding,
    knelpunt_vastleggen,
)
from stelselbeheer.meldingen.services import melding_indienen
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.onderwerpen import SOORTEN, weergave


def test_de_acht_bouwblokken_zijn_gegevens(db):
    assert list(Bouwblok.objects.values_list("nummer", flat=True)) == list(range(1, 9))
    assert Bouwblok.objects.get(nummer=6).naam == "Financiering"


@pytest.fixture
def medewerker(wereld):
    return wereld["gebruikers"]["uitvoering"]


def _knelpunt(wereld, actor=None, **kw):
    velden = {"titel": "Inloggen elke 15 minuten", "omschrijving": "Gebruikers haken af.",
              "bouwblok": Bouwblok.objects.get(nummer=1), "binnen_invloed": True,
              "eigenaar": wereld["dva"].organisatie, "uitkomstsoort": "procedure"} | kw
    return knelpunt_vastleggen(actor=actor, **velden)


def test_vastleggen_geclassificeerd_met_nummer_en_audit(wereld, medewerker):
    k = _knelpunt(wereld, medewerker, partners=[wereld["dvp"].organisatie, wereld["dva"].organisatie], sector="ggz")
    assert k.nummer == f"K-{timezone.localdate().year}-0001" and k.status == "open"
    assert list(k.partners.all()) == [wereld["dvp"].organisatie]  # the owner is no partner of itself
    assert AuditEvent.objects.filter(actie="knelpunt.vastgelegd", object_id=str(k.pk)).exists()
    with pytest.raises(ValidationError) as fout:
        _knelpunt(wereld, medewerker, uitkomstsoort="onbekend", sector="geen")
    assert {"uitkomstsoort", "sector"} <= set(fout.value.message_dict)


def test_melding_wordt_hooguit_een_knelpunt(wereld, medewerker):
    melding, _ = melding_indienen(actor=None, soort="vraag", onderwerp="Koppeling geboortezorg hapert",
                                  omschrijving="Berichten komen dubbel aan.", melder_naam="A", melder_email="a@x.nl",
                                  uitkomst="rso", regio=wereld["rso"].regio)
    k = knelpunt_uit_melding(actor=medewerker, melding=melding, bouwblok=Bouwblok.objects.get(nummer=4),
                             binnen_invloed=True, eigenaar=wereld["dva"].organisatie, uitkomstsoort="poc")
    assert (k.titel, k.regio, k.melding) == ("Koppeling geboortezorg hapert", wereld["rso"].regio, melding)
    with pytest.raises(ValidationError) as fout:
        knelpunt_uit_melding(actor=medewerker, melding=melding, bouwblok=Bouwblok.objects.get(nummer=4),
                             binnen_invloed=True, eigenaar=wereld["dva"].organisatie, uitkomstsoort="poc")
    assert "al een knelpunt" in str(fout.value)
    assert Knelpunt.objects.count() == 1


def _vergadering(soort, code):
    orgaan = ovl.orgaan_aanmaken(actor=None, code=code, naam=f"Orgaan {code}", soort=soort, openbaar=True)
    begin = timezone.now() + dt.timedelta(days=30)
    return ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                   plaats="Utrecht")


def test_agenderen_bij_het_juiste_orgaan(wereld, medewerker):
    groep = _vergadering("implementatiegroep", "implementatiegroep")
    stuurgroep = _vergadering("stuurgroep", "stuurgroep")
    binnen = _knelpunt(wereld, medewerker)
    buiten = _knelpunt(wereld, medewerker, titel="Financiering na VIPP", binnen_invloed=False,
                       bouwblok=Bouwblok.objects.get(nummer=6), uitkomstsoort="afspraak")
    with pytest.raises(ValidationError) as fout:
        knelpunt_agenderen(actor=medewerker, knelpunt=binnen, vergadering=stuurgroep)
    assert "implementatiegroep" in str(fout.value)
    with pytest.raises(ValidationError):
        knelpunt_agenderen(actor=medewerker, knelpunt=buiten, vergadering=groep)
    punt = knelpunt_agenderen(actor=medewerker, knelpunt=binnen, vergadering=groep)
    binnen.refresh_from_db()
    assert binnen.status == "in_behandeling" and punt.onderwerp == binnen
    assert SOORTEN["knelpunt"].zoek(binnen.nummer) == binnen  # registered as an agenda subject
    getoond = weergave(punt, medewerker)
    assert (getoond.soort, getoond.url) == ("Knelpunt", binnen.get_absolute_url())
    assert weergave(punt, wereld["gebruikers"]["deelnemer"]).label == ""  # who may not read knelpunten: the kind only
    knelpunt_agenderen(actor=medewerker, knelpunt=buiten, vergadering=stuurgroep)


def test_afsluiten_alleen_met_oplossing(wereld, medewerker):
    k = _knelpunt(wereld, medewerker)
    with pytest.raises(ValidationError) as fout:
        knelpunt_status_zetten(actor=medewerker, knelpunt=k, status="opgelost", oplossing=" ")
    assert "oplossing" in fout.value.message_dict
    k = knelpunt_status_zetten(actor=medewerker, knelpunt=k, status="opgelost",
                               oplossing="Verlengde gebruiksperiode ingevoerd.")
    assert k.afgesloten_op == timezone.localdate()
    with pytest.raises(ValidationError):
        knelpunt_status_zetten(actor=medewerker, knelpunt=k, status="open")


@pytest.mark.parametrize("rol", ["bestuur", "auditor", "deelnemer", "regio"])
def test_alleen_de_uitvoering_legt_vast(wereld, rol):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _knelpunt(wereld, wereld["gebruikers"][rol])
    assert not Knelpunt.objects.exists()


def test_via_de_paginas(client, wereld, medewerker):
    client.force_login(medewerker)
    r = client.post("/knelpunten/nieuw/", {"titel": "Toestemming per zorgaanbieder", "omschrijving": "Te veel klikken.",
                                           "bouwblok": Bouwblok.objects.get(nummer=2).pk, "binnen_invloed": "ja",
                                           "eigenaar": wereld["dva"].organisatie.kvk_nummer,
                                           "uitkomstsoort": "afspraak"})
    k = Knelpunt.objects.get()
    assert r.status_code == 302 and r["Location"] == k.get_absolute_url()
    groep = _vergadering("implementatiegroep", "implementatiegroep")
    r = client.post(f"/knelpunten/{k.nummer}/agenderen/", {"vergadering": groep.pk})
    assert r.status_code == 302
    html = client.get(k.get_absolute_url()).content.decode()
    assert "Orgaan implementatiegroep" in html and "In behandeling" in html
    r = client.post(f"/knelpunten/{k.nummer}/status/", {"status": "opgelost", "oplossing": ""})
    assert r.status_code == 422 and "Beschrijf de oplossing" in r.content.decode()
    r = client.post("/knelpunten/nieuw/", {"titel": "", "bouwblok": "99", "binnen_invloed": "misschien"})
    assert r.status_code == 422
    assert {"titel", "omschrijving", "bouwblok", "binnen_invloed", "eigenaar", "uitkomstsoort"} <= set(
        r.context["form"].errors)
    html = client.get("/knelpunten/?bouwblok=" + str(Bouwblok.objects.get(nummer=2).pk)).content.decode()
    assert k.nummer in html


def test_via_de_api(client, wereld, medewerker):
    client.force_login(medewerker)
    r = client.post("/api/knelpunten", {"titel": "Financiering", "omschrijving": "Na VIPP.", "bouwblok": 6,
                                        "binnen_invloed": False, "eigenaar_id": wereld["dva"].organisatie.pk,
                                        "uitkomstsoort": "afspraak", "regio": wereld["rso"].regio.code},
                    content_type="application/json")
    assert r.status_code == 201 and r.json()["bouwblok"] == 6 and r.json()["regio"] == wereld["rso"].regio.code
    r = client.post("/api/knelpunten", {"titel": "", "omschrijving": "x", "bouwblok": 6, "binnen_invloed": True,
                                        "eigenaar_id": wereld["dva"].organisatie.pk, "uitkomstsoort": "x"},
                    content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert client.get("/api/knelpunten?bouwblok=6").json()["aantal"] == 1


def test_knelpunt_wordt_eenmaal_een_wijzigingsverzoek(wereld, medewerker, client):
    """KNP-RFC: a knelpunt becomes a change request on a development agenda, once; the RFC's problem is the
    knelpunt's text, its gegevensdiensten default to the product's, and the knelpunt links to it (pages too)."""
    from stelselbeheer.implementatie.models import Product
    from stelselbeheer.wijzigingen.agendas import zorgen
    from stelselbeheer.wijzigingen.models import Ontwikkelagenda

    zorgen()
    medewerker.email = "mo@stelsel.nl"
    medewerker.save()
    product = Product.objects.create(code="medicatie", naam="Medicatieoverdracht", eigenaar="Programma")
    product.gegevensdiensten.set([wereld["dienst"]])
    k = _knelpunt(wereld, medewerker, product=product)
    rfc = knelpunt_naar_rfc(actor=medewerker, knelpunt=k, agenda=Ontwikkelagenda.objects.get(code="algemeen"),
                            voorstel="Sessies van 8 uur afspreken.")
    k.refresh_from_db()
    assert k.rfc == rfc and k.status == "open" and f"Uit knelpunt {k.nummer}" in rfc.probleem
    assert list(rfc.gegevensdiensten.all()) == [wereld["dienst"]] and rfc.titel == k.titel
    assert AuditEvent.objects.filter(actie="knelpunt.naar_rfc", object_id=str(k.pk)).exists()
    with pytest.raises(ValidationError, match="al wijzigingsverzoek"):
        knelpunt_naar_rfc(actor=medewerker, knelpunt=k, agenda=rfc.agenda, voorstel="Nog eens.")

    ander = _knelpunt(wereld, medewerker, titel="Tweede")
    client.force_login(medewerker)
    r = client.post(f"/knelpunten/{ander.nummer}/rfc/", {"agenda": "", "voorstel": ""})
    assert r.status_code == 422 and {"agenda", "voorstel"} <= set(r.context["form"].errors)
    agenda = Ontwikkelagenda.objects.get(code="algemeen")
    r = client.post(f"/knelpunten/{ander.nummer}/rfc/", {"agenda": agenda.pk, "voorstel": "Afspreken."})
    assert r.status_code == 302
    ander.refresh_from_db()
    assert ander.rfc is not None
    html = client.get(f"/knelpunten/{ander.nummer}/").content.decode()
    assert ander.rfc.nummer in html and "Wijzigingsverzoek maken" not in html


@pytest.mark.parametrize("rol", ["uitvoering", "bestuur", "regio"])
def test_knelpunt_maken_vanaf_de_meldingpagina(client, wereld, rol):
    """KNP-MELDING on the melding page: the action for whom records knelpunten, once; then a link to the knelpunt for
    whom may read knelpunten; nothing for a desk without knelpunt rights."""
    melding, _ = melding_indienen(actor=None, soort="vraag", onderwerp="Koppeling geboortezorg hapert",
                                  omschrijving="Berichten komen dubbel aan.", melder_naam="A", melder_email="a@x.nl",
                                  uitkomst="rso", regio=wereld["rso"].regio)
    pagina = f"/beheer/meldingen/{melding.nummer}/"
    maken = f"/knelpunten/nieuw/?melding={melding.nummer}"
    client.force_login(wereld["gebruikers"][rol])
    r = client.get(pagina)
    assert r.status_code == 200 and melding.onderwerp in r.content.decode()
    assert (f'href="{maken}"' in r.content.decode()) == (rol == "uitvoering")
    if rol == "uitvoering":
        assert melding.onderwerp in client.get(maken).content.decode()  # the form takes the melding over
        r = client.post(maken, {"titel": melding.onderwerp, "omschrijving": melding.omschrijving,
                                "bouwblok": Bouwblok.objects.get(nummer=4).pk, "binnen_invloed": "ja",
                                "eigenaar": wereld["dva"].organisatie.kvk_nummer, "uitkomstsoort": "poc"})
        assert r.status_code == 302
    else:
        knelpunt_uit_melding(actor=wereld["gebruikers"]["uitvoering"], melding=melding,
                             bouwblok=Bouwblok.objects.get(nummer=4), binnen_invloed=True,
                             eigenaar=wereld["dva"].organisatie, uitkomstsoort="poc")
    k = Knelpunt.objects.get(melding=melding)
    html = client.get(pagina).content.decode()
    assert f'href="{maken}"' not in html
    assert (f'href="{k.get_absolute_url()}"' in html) == (rol in {"uitvoering", "bestuur"})
    if rol == "uitvoering":
        r = client.get(maken)  # a second time: to the knelpunt that exists
        assert r.status_code == 302 and r["Location"] == k.get_absolute_url()
        assert Knelpunt.objects.count() == 1
