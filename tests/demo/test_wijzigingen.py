"""The demo RFCs: two consultations open with reactions, the demo participant invited and not yet reacted, one RFC
adopted through a proposal a board member adopted, and every RFC in a state of its own agenda's route."""

import datetime as dt

from stelselbeheer.demo.generator import genereer
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.overleg.models import VoorstelStatus
from stelselbeheer.wijzigingen import services
from stelselbeheer.wijzigingen.models import AFGEROND, Status, Wijzigingsvoorstel

PEIL = dt.date(2026, 11, 23)


def test_demo_rfcs(db):
    genereer(aanbieders=30, seed=5, peildatum=PEIL)
    consultaties = Wijzigingsvoorstel.objects.filter(status=Status.IN_CONSULTATIE, consultatie_tot__gte=PEIL)
    assert consultaties.count() == 2 and all(r.reacties.exists() for r in consultaties)
    assert {r.release.status for r in consultaties} == {"consultatie"}  # on the afsprakenset demo's release
    deelnemer = Gebruiker.objects.get(username="deelnemer")
    eerste = consultaties.order_by("nummer").first()
    assert services.in_consultatie_voor(eerste, deelnemer.deelnemer_id)
    assert not eerste.reacties.filter(deelnemer_id=deelnemer.deelnemer_id).exists()
    aangenomen = Wijzigingsvoorstel.objects.get(status=Status.AANGENOMEN)
    assert aangenomen.besluitvoorstel.status == VoorstelStatus.VASTGESTELD
    assert aangenomen.besluit == aangenomen.besluitvoorstel.besluit
    assert aangenomen.besluitvoorstel.beslist_door.username == "bestuur"
    for rfc in Wijzigingsvoorstel.objects.select_related("agenda"):
        assert rfc.status in rfc.agenda.route() or rfc.status in AFGEROND
    assert {r.status for r in Wijzigingsvoorstel.objects.all()} >= {
        Status.INGEDIEND, Status.IN_BEHANDELING, Status.IN_CONSULTATIE, Status.TER_BESLUITVORMING,
        Status.AANGENOMEN, Status.DOORGEZET}
    assert verifieer().in_orde
