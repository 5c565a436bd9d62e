"""Main flow of decision-making (OVL-SCHEIDING): a staff member prepares a proposal on the agenda of the board's
meeting and puts it before the board, naming the step it enables; the board member, in the meeting, adopts it; the
decision is in the register, and the staff member admits the participant with it (OVL-STAP). The staff member has
no button to decide, and is refused if they try."""

import datetime as dt

import pytest

from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def test_van_voorstel_op_de_agenda_tot_besluit_in_de_vergadering(live_server, transactional_db, pagina, maak):
    from django.utils import timezone

    from stelselbeheer.besluiten.models import Besluit
    from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, RolSoort
    from stelselbeheer.kern.rollen import Rol
    from stelselbeheer.overleg import services
    from stelselbeheer.overleg.models import Besluitvoorstel

    dva = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.ADVIES)
    maak.kwalificatie(dva, maak.gegevensdienst(), testdatum=dt.date.today() - dt.timedelta(days=10))
    Deelnemer.objects.filter(pk=dva.pk).update(advies="positief", advies_toelichting="Alle tests gehaald.")
    maak.gebruiker(Rol.UITVOERING, "medewerker")
    bestuurder = maak.gebruiker(Rol.BESTUUR, "bestuur")
    bestuur = services.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur Stichting MedMij", soort="bestuur",
                                       openbaar=True)
    services.lid_toevoegen(actor=None, orgaan=bestuur, rol="voorzitter", gebruiker=bestuurder,
                           van=dt.date.today() - dt.timedelta(days=100))
    begin = timezone.now() - dt.timedelta(minutes=30)  # the meeting is under way
    vergadering = services.vergadering_plannen(actor=None, orgaan=bestuur, begin=begin, plaats="Utrecht",
                                               einde=begin + dt.timedelta(hours=2))
    services.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Toelating Zorg-ICT Noord",
                                  onderwerp=dva)
    url = live_server.url

    _inloggen(pagina, url, "medewerker", "/overleg/")
    pagina.get_by_role("link", name="Bestuur Stichting MedMij").click()
    pagina.get_by_role("table").last.get_by_role("link").first.click()
    _ziet(pagina, "Toetreding of deelname (deelnemer): Zorg-ICT Noord B.V.")
    pagina.get_by_role("link", name="Besluitvoorstel opstellen (agendapunt 1)").click()
    pagina.get_by_label("Tekst van het besluit").fill("Het bestuur besluit Zorg-ICT Noord B.V. toe te laten als DVA.")
    pagina.get_by_label("Soort besluit").select_option("toelating")
    pagina.get_by_label("Maakt mogelijk (bestuursstap)").select_option("toelaten")
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, "is opgesteld")
    nummer = Besluitvoorstel.objects.get().nummer
    assert pagina.get_by_role("link", name="Beslissen over dit voorstel").count() == 0  # staff do not decide
    pagina.get_by_role("link", name="Voorleggen aan het bestuur").click()
    pagina.get_by_role("button", name="Voorleggen aan het bestuur").click()
    _ziet(pagina, "Het voorstel is voorgelegd aan het bestuur.")
    # trying the board's page anyway is refused
    pagina.goto(f"{url}/overleg/voorstellen/{nummer}/beslissen/")
    _ziet(pagina, "Geen toegang")

    _inloggen(pagina, url, "bestuur", f"/overleg/vergaderingen/{vergadering.pk}/")
    pagina.get_by_role("link", name=f"Beslissen over {nummer}").click()
    _ziet(pagina, "U beslist over revisie 1 van dit voorstel")
    pagina.get_by_role("button", name="Vaststellen").click()
    _ziet(pagina, "Vastgesteld: besluit")
    besluit = Besluit.objects.get()
    assert besluit.voorstel.nummer == nummer and besluit.deelnemer == dva and besluit.soort == "toelating"
    pagina.get_by_role("link", name=f"besluit {besluit.nummer}").first.click()
    _ziet(pagina, f"Besluit {besluit.nummer}: Toelating Zorg-ICT Noord")

    # the step the decision enables: staff take it with that decision, and only with it
    _inloggen(pagina, url, "medewerker", f"/beheer/deelnemers/{dva.pk}/")
    pagina.get_by_role("link", name="Toelaten (besluit bestuur)").click()
    pagina.get_by_label("Besluit van het bestuur").select_option(label=str(besluit))
    pagina.get_by_role("button", name="Toelaten (besluit bestuur)").click()
    _ziet(pagina, "Toegelaten (wacht op ondertekening)")
    assert dva.statuswijzigingen.get(overgang="toelaten").besluit == besluit
