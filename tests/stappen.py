"""Workflow steps for tests that need a participant in another status: through the real services (a board
decision, then the transition), so the audit trail and the automatic publication see what production sees."""

import datetime as dt

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Deelnemer


def besluit(deelnemer, soort, openbaar=True, datum=None):
    return besluit_vastleggen(actor=None, datum=datum or dt.date.today(), soort=soort, onderwerp=f"{soort} {deelnemer}",
                              tekst="Het bestuur besluit.", openbaar=openbaar, deelnemer=deelnemer)


def opschorten(deelnemer, openbaar=True):
    return dln.deelnemer_overgang(actor=None, deelnemer=deelnemer, overgang="opschorten",
                                  besluit=besluit(deelnemer, BesluitSoort.OPSCHORTING, openbaar))


def opheffen(deelnemer):
    return dln.deelnemer_overgang(actor=None, deelnemer=deelnemer, overgang="opschorting_opheffen",
                                  besluit=besluit(deelnemer, BesluitSoort.OPHEFFING))


def zet_status(deelnemer, status):
    """Only for list rules that depend on nothing but the status: set it directly (test setup)."""
    Deelnemer.objects.filter(pk=deelnemer.pk).update(status=status)
    deelnemer.refresh_from_db()
    return deelnemer
