"""The RFC pages and API per role: filing in the portal (participant), by the regional user group (regio) and with
bad input; staff taking the route's steps on the pages; an affected participant reacting in the portal; the Atom
feed of decisions shows only public RFCs."""

import datetime as dt

import pytest
from django.utils import timezone

from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services as ovl
from stelselbeheer.wijzigingen import services
from stelselbeheer.wijzigingen.models import Bron, Reactie, Status, Wijzigingsvoorstel

from .conftest import agenda, indienen


def _formulier(wereld, **kw):
    return {"agenda": agenda("algemeen").pk, "titel": "Logging vijf jaar bewaren", "probleem": "Onduidelijk.",
            "voorstel": "Vijf jaar.", "gegevensdiensten": [wereld["dienst"].pk], "raakt_dva": "on",
            "indiener_naam": "Dirk", "indiener_email": "dirk@zorgictnoord.nl", **kw}


@pytest.mark.parametrize("rol,bron", [(Rol.DEELNEMER, Bron.PORTAAL), (Rol.REGIO, Bron.REGIO),
                                      (Rol.UITVOERING, Bron.UITVOERING)])
def test_indienen_per_rol(client, wereld, rol, bron):
    gebruiker = wereld["gebruikers"][rol]
    client.force_login(gebruiker)
    r = client.post("/wijzigingen/indienen/", _formulier(wereld))
    rfc = Wijzigingsvoorstel.objects.get()
    assert r.status_code == 302 and r["Location"] == rfc.get_absolute_url()  # the filer sees its own RFC
    assert (rfc.bron, rfc.ingediend_door, rfc.deelnemer_id, rfc.rso_id) == (
        bron, gebruiker, gebruiker.deelnemer_id, gebruiker.rso_id)
    assert list(rfc.gegevensdiensten.all()) == [wereld["dienst"]]
    assert client.get(r["Location"]).status_code == 200


def test_foute_invoer_geeft_veldfouten_en_schrijft_niets(client, wereld):
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])
    r = client.post("/wijzigingen/indienen/", _formulier(wereld, titel="", raakt_dva="", indiener_email="geen-adres"))
    tekst = r.content.decode()
    assert r.status_code == 200 and "Dit veld is verplicht" in tekst and "Kies ten minste één rol" in tekst
    assert "Voer een geldig e-mailadres in" in tekst
    r = client.post("/wijzigingen/indienen/", _formulier(wereld, titel="Stuurteken \x01 erin"))
    assert r.status_code == 200 and not Wijzigingsvoorstel.objects.exists()


def test_route_op_de_paginas_en_reageren_in_het_portaal(client, wereld, maak):
    rfc = indienen(gegevensdiensten=[wereld["dienst"]])
    client.force_login(wereld["gebruikers"][Rol.UITVOERING])
    for stap in ("in_behandeling_nemen", "consultatie_openen"):
        r = client.post(f"/wijzigingen/rfc/{rfc.nummer}/stap/{stap}/", {"toelichting": ""})
        assert r.status_code == 302, r.content.decode()[:2000]
    rfc.refresh_from_db()
    assert rfc.status == Status.IN_CONSULTATIE and rfc.consultatie_tot > timezone.localdate()
    pagina = client.get(rfc.get_absolute_url()).content.decode()
    assert "Zorg-ICT Noord B.V." in pagina and "Impactanalyse" in pagina  # the affected DVA, from the register
    # a step the guards refuse: the error on the form, nothing changed
    r = client.post(f"/wijzigingen/rfc/{rfc.nummer}/stap/voorleggen/", {"besluitvoorstel": "BV-2099-0001"})
    assert r.status_code == 200 and "Geen besluitvoorstel" in r.content.decode()
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])
    mijn = client.get("/mijn/wijzigingsverzoeken-rfc/").content.decode()
    assert rfc.nummer in mijn and f"/mijn/wijzigingsverzoeken-rfc/{rfc.nummer}/reageren/" in mijn
    r = client.post(f"/mijn/wijzigingsverzoeken-rfc/{rfc.nummer}/reageren/", {"standpunt": "bezwaar",
                                                                               "toelichting": "Te kort."})
    assert r.status_code == 302
    assert Reactie.objects.get().deelnemer == wereld["dva"]
    # a participant that is not affected cannot react
    client.force_login(maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"]))
    assert client.get(f"/mijn/wijzigingsverzoeken-rfc/{rfc.nummer}/reageren/").status_code == 403
    r = client.post(f"/api/wijzigingen/rfc/{rfc.nummer}/reacties", {"standpunt": "steun"},
                    content_type="application/json")
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    assert Reactie.objects.count() == 1


def test_api_stap_en_foutmeldingen(client, wereld):
    rfc = indienen()
    client.force_login(wereld["gebruikers"][Rol.UITVOERING])
    r = client.post(f"/api/wijzigingen/rfc/{rfc.nummer}/stap", {"stap": "in_behandeling_nemen"},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == Status.IN_BEHANDELING
    r = client.post(f"/api/wijzigingen/rfc/{rfc.nummer}/stap", {"stap": "doorzetten"},
                    content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    assert "RFC-ROUTE" in r.content.decode()
    detail = client.get(f"/api/wijzigingen/rfc/{rfc.nummer}").json()
    assert detail["status"] == Status.IN_BEHANDELING and detail["impact"] is None


def test_feed_met_alleen_openbare_besluiten(client, wereld):
    later = timezone.now() + dt.timedelta(days=60)
    orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur")
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=wereld["gebruikers"][Rol.BESTUUR],
                      van=timezone.localdate() - dt.timedelta(days=10))
    begin = timezone.now() - dt.timedelta(hours=1)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                          plaats="Utrecht")
    uit = []
    for code, titel in (("algemeen", "Openbaar aangenomen"), ("bronsysteem", "Niet-openbaar doorgezet")):
        rfc = indienen(code, titel=titel)
        rfc = services.stap_zetten(actor=None, voorstel=rfc, stap="in_behandeling_nemen")
        if code == "bronsysteem":
            services.stap_zetten(actor=None, voorstel=rfc, stap="doorzetten")
            continue
        rfc = services.stap_zetten(actor=None, voorstel=rfc, stap="consultatie_openen")
        punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel=titel, onderwerp=rfc)
        bv = ovl.besluitvoorstel_opstellen(actor=wereld["gebruikers"][Rol.UITVOERING], orgaan=orgaan, onderwerp=titel,
                                           tekst="Aangenomen.", soort="overig", agendapunt=punt)
        services.stap_zetten(actor=None, voorstel=rfc, stap="voorleggen", besluitvoorstel=bv, moment=later)
        ovl.besluitvoorstel_voorleggen(actor=None, voorstel=bv)
        ovl.besluitvoorstel_vaststellen(actor=wereld["gebruikers"][Rol.BESTUUR], voorstel=bv)
        uit.append(services.stap_zetten(actor=None, voorstel=rfc, stap="besluit_verwerken"))
    feed = client.get("/wijzigingen/besluiten.atom").content.decode()
    assert "Openbaar aangenomen" in feed and uit[0].besluit.nummer in feed
    assert "Niet-openbaar doorgezet" not in feed


def test_werkoverzicht_toont_wat_wacht(client, wereld):
    """ROL-WERKOVERZICHT: staff see new RFCs to assess; an affected participant the consultation awaiting its
    reaction, until it reacted."""
    from stelselbeheer.kern.werkoverzicht import werkoverzicht

    def tel(user):
        return {t.titel: t.aantal for b in werkoverzicht(user) for t in b.taken}

    indienen()
    rfc = indienen(gegevensdiensten=[wereld["dienst"]])
    services.stap_zetten(actor=None, voorstel=rfc, stap="in_behandeling_nemen")
    services.stap_zetten(actor=None, voorstel=rfc, stap="consultatie_openen")
    assert tel(wereld["gebruikers"][Rol.UITVOERING])["RFC's om te beoordelen"] == 1
    deelnemer = wereld["gebruikers"][Rol.DEELNEMER]
    assert tel(deelnemer)["Consultaties over RFC's: uw reactie gevraagd"] == 1
    services.reageren(actor=deelnemer, voorstel=rfc, standpunt="steun")
    assert tel(deelnemer)["Consultaties over RFC's: uw reactie gevraagd"] == 0


def test_eigen_rfc_zonder_uitnodiging_toont_geen_reageren(client, wereld, maak):
    """The portal lists a participant's own RFC in consultation, but offers to react only when the consultation
    invited it (the DVP is not affected by a DVA-only change)."""
    dvp = maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"])
    rfc = indienen(actor=dvp, gegevensdiensten=[wereld["dienst"]], raakt_dvp=False)
    services.stap_zetten(actor=None, voorstel=rfc, stap="in_behandeling_nemen")
    services.stap_zetten(actor=None, voorstel=rfc, stap="consultatie_openen")
    client.force_login(dvp)
    mijn = client.get("/mijn/wijzigingsverzoeken-rfc/").content.decode()
    assert rfc.nummer in mijn and "/reageren/" not in mijn
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])  # the affected DVA is offered it
    assert f"/mijn/wijzigingsverzoeken-rfc/{rfc.nummer}/reageren/" in client.get(
        "/mijn/wijzigingsverzoeken-rfc/").content.decode()


def test_route_van_een_agenda_wijzigen_op_de_pagina(client, wereld):
    """RFC-ROUTE as data: staff set the advising body and switch off the consultation; the route follows."""
    orgaan = ovl.orgaan_aanmaken(actor=None, code="stuurgroep", naam="Stuurgroep", soort="stuurgroep")
    algemeen = agenda("algemeen")
    client.force_login(wereld["gebruikers"][Rol.UITVOERING])
    gegevens = {"naam": algemeen.naam, "omschrijving": algemeen.omschrijving, "beoordelaar": algemeen.beoordelaar,
                "adviesorgaan": orgaan.pk, "consultatie_werkdagen": 10, "beslisser": "bestuur", "openbaar": "on",
                "reden": "Advies van de stuurgroep"}
    r = client.post("/wijzigingen/agenda/algemeen/wijzigen/", gegevens)
    assert r.status_code == 302
    algemeen.refresh_from_db()
    assert algemeen.route() == (Status.INGEDIEND, Status.IN_BEHANDELING, Status.BIJ_ADVIES,
                                Status.TER_BESLUITVORMING, Status.AANGENOMEN)
    r = client.post("/wijzigingen/agenda/algemeen/wijzigen/", {**gegevens, "beslisser": "extern"})
    assert r.status_code == 200 and "Noem wie buiten het stelsel beslist" in r.content.decode()
