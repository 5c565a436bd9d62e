"""Main flow of a release (AFS-GOEDKEURING, AFS-UITROL, AFS-UITROL-OPENBAAR) in a real browser: the board adopted the
proposal to approve release 3.1; the staff member processes the approval on the release page with that decision,
follows the rollout on the rollout page and records a participant's progress; the public sees the release page
with the rollout in totals; the participant sees its own rollout in the portal."""

import datetime as dt

import pytest
from django.utils import timezone

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.afsprakenset.models import Uitrol
from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services as ovl
from tests.browser.hulp import inloggen as _inloggen
from tests.browser.hulp import ziet as _ziet

pytestmark = pytest.mark.browser


def test_goedkeuren_en_uitrol_volgen(live_server, transactional_db, pagina, maak):
    dva = maak.deelnemer("Zorg-ICT Noord B.V.", rollen=[RolSoort.DVA])
    maak.deelnemer("Mijn Gezondheid PGO B.V.", rollen=[RolSoort.DVP])
    medewerker = maak.gebruiker(Rol.UITVOERING, "medewerker")
    bestuurder = maak.gebruiker(Rol.BESTUUR, "bestuur")
    maak.gebruiker(Rol.DEELNEMER, "deelnemer", deelnemer=dva)
    bestuur = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur", openbaar=True)
    ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="voorzitter", gebruiker=bestuurder,
                      van=dt.date.today() - dt.timedelta(days=100))
    begin = timezone.now() - dt.timedelta(minutes=30)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=bestuur, begin=begin, plaats="Utrecht",
                                          einde=begin + dt.timedelta(hours=2))
    release = afs.release_aanmaken(actor=None, nummer="3.1", titel="Afsprakenset 3.1", gepland_kwartaal="2027-Q2",
                                   ingangsdatum=dt.date.today() + dt.timedelta(days=30))
    afs.release_overgang(actor=None, release=release, overgang="consultatie_openen")
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Release 3.1", onderwerp=release)
    voorstel = ovl.besluitvoorstel_opstellen(actor=medewerker, orgaan=bestuur, onderwerp="Goedkeuring release 3.1",
                                             tekst="Het bestuur keurt release 3.1 goed.", soort="release",
                                             agendapunt=punt, stap="release_goedkeuren")
    ovl.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel)
    besluit = ovl.besluitvoorstel_vaststellen(actor=bestuurder, voorstel=voorstel).besluit
    url = live_server.url

    _inloggen(pagina, url, "medewerker", "/afsprakenset/3.1/")
    pagina.get_by_role("link", name="Implementatietermijn vastleggen").click()
    pagina.get_by_label("Rol").select_option("dva")
    pagina.get_by_label("Live uiterlijk op").fill((dt.date.today() + dt.timedelta(days=90)).isoformat())
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, "De implementatietermijn is vastgelegd.")
    pagina.get_by_role("link", name="Goedkeuring door het bestuur verwerken").click()
    pagina.get_by_label("Besluit van het bestuur").select_option(label=str(besluit))
    pagina.get_by_role("button", name="Goedkeuring door het bestuur verwerken").click()
    _ziet(pagina, "Goedkeuring door het bestuur verwerken: gelukt.")
    _ziet(pagina, "0% van de 1 deelnemers is live")

    pagina.get_by_role("link", name="Uitrol per deelnemer").click()
    _ziet(pagina, "Zorg-ICT Noord B.V.")
    assert "Mijn Gezondheid" not in pagina.content()  # a DVP: no deadline for its role
    pagina.get_by_role("link", name="Bijwerken uitrol van Zorg-ICT Noord B.V.").click()
    pagina.get_by_label("Status").select_option("in_test")
    pagina.get_by_role("button", name="Opslaan").click()
    _ziet(pagina, "De uitrol van Zorg-ICT Noord B.V. is bijgewerkt.")
    assert Uitrol.objects.get(deelnemer=dva).status == "in_test"

    pagina.context.clear_cookies()
    pagina.goto(f"{url}/afsprakenset/3.1/")
    _ziet(pagina, "Goedgekeurd door het bestuur")
    assert "Zorg-ICT Noord" not in pagina.content()  # the public sees totals only
    assert pagina.get_by_role("link", name=besluit.nummer).count() == 1

    _inloggen(pagina, url, "deelnemer", "/mijn/releases/")
    _ziet(pagina, "3.1: Afsprakenset 3.1")
    _ziet(pagina, "In test")
