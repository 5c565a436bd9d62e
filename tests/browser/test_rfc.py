"""Main flow of a change request on the agreements (RFC): a participant files it in the portal; staff take it in and
open the consultation, whose impact analysis (from the register) invites the participant; it reacts in the
portal; after the closing date staff put it before the board with a decision proposal; a board member adopts the
proposal; staff process the board's decision and put the RFC in a release, which shows it on the roadmap."""

import datetime as dt

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def test_rfc_van_portaal_via_consultatie_tot_besluit_en_release(live_server, transactional_db, pagina, maak):
    from django.utils import timezone

    from stelselbeheer.afsprakenset import services as afs
    from stelselbeheer.deelnemers.models import RolSoort
    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.overleg import services as ovl
    from stelselbeheer.wijzigingen.agendas import zorgen
    from stelselbeheer.wijzigingen.models import Reactie, Wijzigingsvoorstel

    zorgen()
    dienst = maak.gegevensdienst()
    dva = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA])
    maak.aanbieder(dva, gegevensdienst=dienst)
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=dva)
    medewerker = maak.gebruiker(Rol.UITVOERING, "medewerker")
    bestuurder = maak.gebruiker(Rol.BESTUUR, "bestuur")
    bestuur = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur Stichting MedMij", soort="bestuur")
    ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="voorzitter", gebruiker=bestuurder,
                      van=dt.date.today() - dt.timedelta(days=100))
    begin = timezone.now() - dt.timedelta(minutes=30)  # the board's meeting is under way
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=bestuur, begin=begin, plaats="Utrecht",
                                          einde=begin + dt.timedelta(hours=2))
    release = afs.release_aanmaken(actor=None, nummer="4.0", titel="Afsprakenset 4.0", gepland_kwartaal="2027-Q2")
    url = live_server.url

    # the participant files the RFC in the portal
    _inloggen(pagina, url, "deelnemer", "/mijn/wijzigingsverzoeken-rfc/")
    pagina.get_by_role("link", name="Wijzigingsverzoek indienen").first.click()
    pagina.get_by_label("Ontwikkelagenda").select_option(label="Ontwikkelagenda digitale gegevensuitwisseling "
                                                               "(algemeen)")
    pagina.get_by_label("Titel").fill("Toedieningsafspraak uitwisselen")
    pagina.get_by_label("Probleem").fill("Voor thuiszorg ontbreekt de toedieningsafspraak.")
    pagina.get_by_label("Voorgestelde wijziging").fill("Neem de toedieningsafspraak op in gegevensdienst 48.")
    pagina.get_by_label("48 Medicatiegegevens").check()
    pagina.get_by_label("Uw e-mailadres").fill("dirk@zorgictnoord.nl")
    pagina.get_by_role("button", name="Verzoek indienen").click()
    _ziet(pagina, "Uw wijzigingsverzoek is ingediend als")
    rfc = Wijzigingsvoorstel.objects.get()
    assert rfc.deelnemer == dva and rfc.bron == "portaal"

    # staff take it in and open the consultation
    _inloggen(pagina, url, "medewerker", rfc.get_absolute_url())
    for stap in ("In behandeling nemen", "Consultatie openen"):
        pagina.get_by_role("link", name=stap, exact=True).click()
        pagina.get_by_role("button", name=stap, exact=True).click()
        _ziet(pagina, f"{stap}: gedaan")
    _ziet(pagina, "1 getroffen deelnemer")

    # the affected participant reacts in the portal
    _inloggen(pagina, url, "deelnemer", "/mijn/wijzigingsverzoeken-rfc/")
    pagina.get_by_role("link", name=f"Reageren op {rfc.nummer}").click()
    pagina.get_by_label("Uw standpunt").select_option("steun")
    pagina.get_by_label("Toelichting").fill("Graag, onze klanten vragen hierom.")
    pagina.get_by_role("button", name="Reactie opslaan").click()
    _ziet(pagina, f"Uw reactie op {rfc.nummer} is opgeslagen")
    assert Reactie.objects.get().standpunt == "steun"

    # the round's closing date passes (the calendar moves on; the rule itself is tested in test_consultatie.py)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    Wijzigingsvoorstel.objects.filter(pk=rfc.pk).update(consultatie_van=gisteren - dt.timedelta(days=21),
                                                        consultatie_tot=gisteren)
    punt = ovl.agendapunt_toevoegen(actor=medewerker, vergadering=vergadering, titel=rfc.titel, onderwerp=rfc)
    voorstel = ovl.besluitvoorstel_opstellen(actor=medewerker, orgaan=bestuur, onderwerp=f"{rfc.nummer}: {rfc.titel}",
                                             tekst="Het bestuur neemt het wijzigingsverzoek aan.", soort="overig",
                                             agendapunt=punt)
    ovl.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel)

    _inloggen(pagina, url, "medewerker", rfc.get_absolute_url())
    pagina.get_by_role("link", name="Ter besluitvorming voorleggen aan het bestuur").click()
    pagina.get_by_label("Nummer van het besluitvoorstel").fill(voorstel.nummer)
    pagina.get_by_role("button", name="Ter besluitvorming voorleggen aan het bestuur").click()
    _ziet(pagina, "Status: ter besluitvorming bij het bestuur")
    pagina.get_by_role("link", name="Besluit van het bestuur verwerken").click()
    pagina.get_by_role("button", name="Besluit van het bestuur verwerken").click()
    _ziet(pagina, "nog niet beslist")  # staff cannot take the board's decision

    # a board member adopts the proposal in the meeting
    _inloggen(pagina, url, "bestuur", f"/overleg/voorstellen/{voorstel.nummer}/")
    pagina.goto(f"{url}/overleg/voorstellen/{voorstel.nummer}/beslissen/")
    pagina.get_by_role("button", name="Vaststellen").click()
    _ziet(pagina, "Vastgesteld: besluit")

    # staff process the decision and put the RFC in the release
    _inloggen(pagina, url, "medewerker", rfc.get_absolute_url())
    pagina.get_by_role("link", name="Besluit van het bestuur verwerken").click()
    pagina.get_by_role("button", name="Besluit van het bestuur verwerken").click()
    _ziet(pagina, "Aangenomen door het bestuur")
    pagina.get_by_role("link", name=f"Release kiezen voor {rfc.nummer}").click()
    pagina.get_by_label("Release").select_option(str(release.pk))
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, f"staat nu in release {release.nummer}")
    rfc.refresh_from_db()
    assert (rfc.status, rfc.release, rfc.besluit.voorstel) == ("aangenomen", release, voorstel)
    pagina.goto(f"{url}/afsprakenset/roadmap/")
    _ziet(pagina, f"{rfc.nummer}: {rfc.titel}")
