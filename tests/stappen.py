"""Workflow steps for tests that need a participant in another status: through the real services (a board
decision, then the transition), so the audit trail and the automatic publication see what production sees."""

import datetime as dt

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.naleving import opschorting


def besluit(deelnemer, soort, openbaar=True, datum=None):
    return besluit_vastleggen(actor=None, datum=datum or dt.date.today(), soort=soort, onderwerp=f"{soort} {deelnemer}",
                              tekst="Het bestuur besluit.", openbaar=openbaar, deelnemer=deelnemer)


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
