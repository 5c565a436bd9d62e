"""Workflow steps for tests that need a participant in another status: through the real services (a board
decision, then the transition), so the audit trail and the automatic publication see what production sees."""

import datetime as dt

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.naleving import opschorting
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM, Orgaan

#: the board step a decision of a kind enables when a test does not name one (OVL-STAP)
STANDAARDSTAP = {BesluitSoort.TOELATING: "toelaten", BesluitSoort.AFWIJZING: "afwijzen",
                 BesluitSoort.OPSCHORTING: "opschorten", BesluitSoort.OPHEFFING: "opschorting_opheffen",
                 BesluitSoort.UITTREDING: "uittreding_starten", BesluitSoort.BEEINDIGING: "uitsluiten",
                 BesluitSoort.RELEASE: "release_goedkeuren", BesluitSoort.OVERIG: ""}


def proefbestuur():
    """The tests' own board with a chair that has a board account (made once per test database)."""
    orgaan = Orgaan.objects.filter(code="proefbestuur").first()
    if orgaan is None:
        orgaan = ovl.orgaan_aanmaken(actor=None, code="proefbestuur", naam="Bestuur (tests)", soort="bestuur")
        voorzitter = Gebruiker.objects.create(username="testvoorzitter", rol=Rol.BESTUUR, first_name="Vera Voorzitter")
        ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=voorzitter, van=dt.date(2000, 1, 1))
    return orgaan, Gebruiker.objects.get(username="testvoorzitter")


def besluit(deelnemer, soort, openbaar=True, datum=None, stap=None, zaak=None, melding=None, partijen=(),
            onderwerp=None, tekst="Het bestuur besluit.", bijlagen=()):
    """A board decision as it arises: staff prepare a proposal enabling ``stap`` (by default the step of its kind,
    'ontbinden' with a case), put it on the agenda of a board meeting on ``datum`` and the chair adopts it there."""
    if stap is None:
        stap = "ontbinden" if zaak is not None else "uitspraak" if melding is not None else STANDAARDSTAP[soort]
    orgaan, voorzitter = proefbestuur()
    moment = dt.datetime.combine(datum or dt.date.today(), dt.time(10), tzinfo=AMSTERDAM)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=moment - dt.timedelta(hours=1),
                                          einde=moment + dt.timedelta(hours=1), plaats="Utrecht")
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel=f"{soort} {deelnemer or ''}".strip())
    voorstel = ovl.besluitvoorstel_opstellen(
        actor=None, orgaan=orgaan, onderwerp=onderwerp or f"{soort} {deelnemer or ''}".strip(), tekst=tekst,
        soort=soort, openbaar=openbaar, deelnemer=deelnemer, partijen=partijen, agendapunt=punt, stap=stap, zaak=zaak,
        melding=melding, moment=moment - dt.timedelta(days=7))
    ovl.besluitvoorstel_voorleggen(actor=None, voorstel=voorstel, moment=moment - dt.timedelta(days=6))
    return ovl.besluitvoorstel_vaststellen(actor=voorzitter, voorstel=voorstel, moment=moment,
                                           bijlagen=bijlagen).besluit


def opschorten(deelnemer, niveau=3):
    """Suspend through the compliance service, the one path (NAL-OPSCHORTING-PAD); level 3 shows as inactive."""
    opschorting.opschorten(actor=None, deelnemer=deelnemer, niveau=niveau,
                           besluit=besluit(deelnemer, BesluitSoort.OPSCHORTING),
                           gepland_tot=dln.vandaag() + dt.timedelta(days=14) if niveau == 3 else None)
    deelnemer.refresh_from_db()
    return deelnemer


def opheffen(deelnemer):
    opschorting.opschorting_opheffen(actor=None, opschorting=opschorting.lopende([deelnemer.pk])[deelnemer.pk],
                                     besluit=besluit(deelnemer, BesluitSoort.OPHEFFING))
    deelnemer.refresh_from_db()
    return deelnemer


def zet_status(deelnemer, status):
    """Only for list rules that depend on nothing but the status: set it directly (test setup)."""
    Deelnemer.objects.filter(pk=deelnemer.pk).update(status=status)
    deelnemer.refresh_from_db()
    return deelnemer
