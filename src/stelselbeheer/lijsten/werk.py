"""Publications of the lists that failed or were held back, for the work overview (kern.werkoverzicht)."""

from django.urls import reverse
from django.utils import timezone

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .models import Lijst, Publicatievoorstel, Snapshot, VoorstelStatus
from .serveren import open_storingen


def storingen() -> Taak:
    """LST-ALARM: lists whose latest publication failed (the previous version stays live)."""
    open_ = open_storingen()
    url = reverse("lijsten-overzicht")
    return Taak("Mislukte publicaties van de lijsten", len(open_), url, [
        Regel(Lijst(m.lijst).label, url, f"{m.pogingen} mislukte poging(en) sinds "
                                         f"{timezone.localtime(m.sinds):%d-%m-%Y %H:%M}") for m in open_.values()],
        urgent=True)


def tegengehouden() -> Taak:
    """LST-BEWAKING: publications held back until a second staff member approves them."""
    qs = Publicatievoorstel.objects.filter(status=VoorstelStatus.WACHT)
    aantal = qs.count()
    return Taak("Tegengehouden publicaties: goedkeuring door een tweede medewerker", aantal,
                reverse("lijsten-overzicht"), [
                    Regel(f"{Lijst(v.lijst).label}", reverse("voorstel-detail", args=[v.pk]),
                          f"{len(v.onverklaard)} entries zouden zonder verklaring verdwijnen")
                    for v in (qs.order_by("aangemaakt_op")[:EERSTE] if aantal else [])])


def verankering():
    """The audit trail's head as the latest signed list publication recorded it, and whether the chain still holds
    an event with that hash (AUD-KETEN: the head is published outside the database). None before a publication."""
    snapshot = (Snapshot.objects.exclude(kop_hash_audit="").order_by("-tijdstempel", "-pk")
                .only("lijst", "volgnummer", "tijdstempel", "kop_hash_audit").first())
    if snapshot is None:
        return None
    return snapshot, AuditEvent.objects.filter(hash=snapshot.kop_hash_audit).exists()
