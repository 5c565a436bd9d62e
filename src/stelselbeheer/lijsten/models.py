"""Published lists: an immutable snapshot per publication, a head per list, and failed builds.

A snapshot is never changed or deleted: "was X on list L at time T, and why?" is answered from the
snapshot that was live at T (its entries name the qualification that let each entry on).
"""

import gzip
import json
import uuid
import zlib
from functools import lru_cache

from django.conf import settings
from django.db import models

from stelselbeheer.kern.models import AlleenToevoegen


def json_tekst(waarde) -> str:
    """The JSON text ``GecomprimeerdeJSON`` stores for ``waarde``."""
    return json.dumps(waarde, separators=(",", ":"), ensure_ascii=False)


class Entries(dict):
    """The entries of a build put together from parts whose JSON text is known (``deel``): their JSON text is
    those texts joined, the same as ``json_tekst`` of the whole, without encoding the entries a build reused
    (bouwers/zal.py) again. Not to be changed after it is built."""

    def __init__(self):
        super().__init__()
        self._delen: list[str] = []

    def deel(self, entries: dict, tekst: str) -> None:
        """Append ``entries`` (keys not in here yet), ``tekst`` being ``json_tekst(entries)`` without its braces."""
        self.update(entries)
        if entries:
            self._delen.append(tekst)

    def json(self) -> str:
        return "{" + ",".join(self._delen) + "}"


class GecomprimeerdeJSON(models.BinaryField):
    """JSON kept zlib-compressed. The entries of a ZAL version are megabytes of JSON that are only ever read
    whole, in Python (diffs, "why"): compressed they take a tenth of the space and are cheaper to write."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(zlib.decompress(bytes(value)))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        tekst = value.json() if isinstance(value, Entries) else json_tekst(value)
        return zlib.compress(tekst.encode(), 1)

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


class Lijst(models.TextChoices):
    ZAL = "zal", "Aanbiederslijst (ZAL)"
    OCL = "ocl", "OAuthclientlist (OCL)"
    GNL = "gnl", "Gegevensdienstnamenlijst (GNL)"
    WHITELIST = "whitelist", "Whitelist"
    ZAKL = "zakl", "Zorgaanbiederskoppellijst (ZAKL)"


class Trigger(models.TextChoices):
    MEDEWERKER = "medewerker", "Medewerker"
    SCHEMA = "schema", "Schema (periodiek)"
    WIJZIGING = "wijziging", "Wijziging in het register"
    BESLUIT = "besluit", "Besluit"
    TERUGDRAAIEN = "terugdraaien", "Terugdraaien naar een eerdere versie"


def _nieuwe_seed() -> str:
    return uuid.uuid4().hex


class LijstKop(models.Model):
    """The head of one list: locked by every publication, so Volgnummers never interleave or skip.
    ``seed`` changes only if the history is ever reset, so a change-feed client knows to resync."""

    lijst = models.CharField("lijst", max_length=20, choices=Lijst.choices, primary_key=True)
    volgnummer = models.PositiveBigIntegerField("laatste volgnummer", default=0)
    seed = models.CharField("seed", max_length=32, default=_nieuwe_seed)

    class Meta:
        verbose_name = "lijstkop"
        verbose_name_plural = "lijstkoppen"

    def __str__(self):
        return f"{self.get_lijst_display()} #{self.volgnummer}"


class Snapshot(AlleenToevoegen):
    lijst = models.CharField("lijst", max_length=20, choices=Lijst.choices)
    volgnummer = models.PositiveBigIntegerField("volgnummer")
    tijdstempel = models.DateTimeField("tijdstempel")
    sha256 = models.CharField("SHA-256", max_length=64)
    grootte = models.PositiveIntegerField("grootte (bytes)")
    aantal = models.PositiveIntegerField("aantal entries")
    inhoud_gz = models.BinaryField("XML, gzip", help_text="het document, gzip-gecomprimeerd: ~1/35 van de "
                                   "omvang, en zo ook direct te serveren aan wie gzip accepteert")
    entries = GecomprimeerdeJSON("entries", help_text="sleutel -> {h: inhoudshash, k: kwalificatie-ids}")
    toegevoegd = models.JSONField("toegevoegd", default=list)
    verwijderd = models.JSONField("verwijderd", default=list)
    gewijzigd = models.JSONField("gewijzigd", default=list)
    trigger = models.CharField("aanleiding", max_length=20, choices=Trigger.choices)
    omschrijving = models.CharField("toelichting", max_length=500, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="door")
    audit_event = models.ForeignKey("kern.AuditEvent", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="aanleidend audit-event")
    kop_hash_audit = models.CharField("audittrail-kop bij publicatie", max_length=64, blank=True)
    handtekening = models.TextField("handtekening (detached XML-signature)", blank=True)
    schema_sha256 = models.CharField(
        "SHA-256 van de schema's", max_length=64, blank=True,
        help_text="de XSD's waartegen deze versie in al haar formaten gevalideerd is (validatie.vingerafdruk); leeg "
                  "bij versies van vóór dit veld")

    class Meta:
        verbose_name = "snapshot"
        verbose_name_plural = "snapshots"
        ordering = ["lijst", "-volgnummer"]
        constraints = [models.UniqueConstraint(fields=["lijst", "volgnummer"], name="snapshot_volgnummer_uniek")]

    def __str__(self):
        return f"{self.get_lijst_display()} #{self.volgnummer}"

    @property
    def inhoud(self) -> bytes:
        """The document's exact bytes."""
        return inhoud_van(self.pk, self.sha256)


class Formaatversie(AlleenToevoegen):
    """The same publication of a list in a further format (e.g. the ZAL in release 3 beside release 2): the same
    entries, Volgnummer and Tijdstempel as its snapshot, which holds the list's first format (``formaten.py``).
    Written in the snapshot's transaction, validated and signed like it, never changed."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="formaatversies",
                                 verbose_name="snapshot")
    lijst = models.CharField("lijst", max_length=20, choices=Lijst.choices)
    api = models.PositiveSmallIntegerField("major interfaceversie (?api=)")
    volgnummer = models.PositiveBigIntegerField("volgnummer")
    tijdstempel = models.DateTimeField("tijdstempel")
    sha256 = models.CharField("SHA-256", max_length=64)
    grootte = models.PositiveIntegerField("grootte (bytes)")
    inhoud_gz = models.BinaryField("XML, gzip")
    handtekening = models.TextField("handtekening (detached XML-signature)", blank=True)

    class Meta:
        verbose_name = "formaatversie"
        verbose_name_plural = "formaatversies"
        ordering = ["lijst", "-volgnummer", "api"]
        constraints = [models.UniqueConstraint(fields=["lijst", "api", "volgnummer"],
                                               name="formaatversie_uniek")]

    def __str__(self):
        return f"{self.get_lijst_display()} #{self.volgnummer} (api {self.api})"

    @property
    def inhoud(self) -> bytes:
        return formaat_inhoud_van(self.pk, self.sha256)


#: the entries of the live snapshot of a list as this process last read or published them: (snapshot id, SHA-256,
#: entries)
_LAATST: dict[str, tuple[int, str, dict]] = {}


def live_entries(lijst: str) -> tuple[dict | None, str]:
    """The entries of the live snapshot of ``lijst`` (None before the first publication) and the fingerprint of the
    schemas it was validated against; the entries from memory when this process read or published that snapshot,
    which saves decoding ~5 MB of JSON for a large ZAL twice."""
    live = (Snapshot.objects.filter(lijst=lijst).order_by("-volgnummer")
            .values_list("id", "sha256", "schema_sha256").first())
    if live is None:
        return None, ""
    onthouden = _LAATST.get(lijst)
    if not (onthouden and onthouden[:2] == live[:2]):
        onthouden = _LAATST[lijst] = (*live[:2], Snapshot.objects.values_list("entries", flat=True).get(pk=live[0]))
    return onthouden[2], live[2]


def onthoud_live(lijst: str, pk: int, sha256: str, entries: dict) -> None:
    _LAATST[lijst] = (pk, sha256, entries)


@lru_cache(maxsize=4)
def formaat_inhoud_van(pk: int, sha256: str) -> bytes:
    """As ``inhoud_van``, for a further format."""
    return gzip.decompress(bytes(Formaatversie.objects.filter(pk=pk).values_list("inhoud_gz", flat=True).get()))


@lru_cache(maxsize=4)
def inhoud_van(pk: int, sha256: str) -> bytes:
    """The exact bytes of snapshot ``pk``, decompressed once per process for the few versions that are asked
    for (the live ones); keyed by the SHA-256 too, so a reused id never returns other content."""
    return gzip.decompress(bytes(Snapshot.objects.filter(pk=pk).values_list("inhoud_gz", flat=True).get()))


class Foutsoort(models.TextChoices):
    BOUW = "bouw", "Bouw mislukt"
    XSD = "xsd", "XSD-validatie mislukt"
    ONDERTEKENEN = "ondertekenen", "Ondertekenen mislukt"
    OVERIG = "overig", "Publicatie mislukt"


class MislukteBouw(models.Model):
    """A publication of one list that failed (build, writing, validation or signing): the previous snapshot
    stayed live, the other lists published on their own (LST-APART). Open until a later publication of the same
    list succeeds (``afgehandeld``); while one is open, staff see an alert and the health endpoint answers 503
    (LST-ALARM)."""

    lijst = models.CharField("lijst", max_length=20, choices=Lijst.choices)
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    soort = models.CharField("soort fout", max_length=20, choices=Foutsoort.choices, default=Foutsoort.OVERIG)
    fout = models.TextField("fout")
    trigger = models.CharField("aanleiding", max_length=20, choices=Trigger.choices)
    afgehandeld = models.BooleanField("afgehandeld", default=False,
                                      help_text="een latere publicatie van dezelfde lijst is gelukt")

    class Meta:
        verbose_name = "mislukte bouw"
        verbose_name_plural = "mislukte bouwpogingen"
        ordering = ["-tijdstip"]

    def __str__(self):
        return f"{self.get_lijst_display()} {self.tijdstip:%d-%m-%Y %H:%M}"


class VoorstelStatus(models.TextChoices):
    WACHT = "wacht", "Wacht op goedkeuring"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd en gepubliceerd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    VERVALLEN = "vervallen", "Vervallen (nieuwere bouw)"


class Publicatievoorstel(models.Model):
    """A publication held back by the guard (LST-BEWAKING): it would remove more than the allowed share of
    entries without an explanation. A second staff member approves it (four eyes) or rejects it. The
    approval holds for exactly these removals: a later build that removes more needs a new approval."""

    lijst = models.CharField("lijst", max_length=20, choices=Lijst.choices)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name="aangevraagd door")
    trigger = models.CharField("aanleiding", max_length=20, choices=Trigger.choices)
    omschrijving = models.CharField("toelichting", max_length=500, blank=True)
    vorige_aantal = models.PositiveIntegerField("entries in de live versie")
    onverklaard = models.JSONField("onverklaard verwijderd", default=list)
    verklaard = models.JSONField("verklaard verwijderd", default=dict, help_text="sleutel -> verklaring")
    status = models.CharField("status", max_length=20, choices=VoorstelStatus.choices, default=VoorstelStatus.WACHT)
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="beoordeeld door")
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    motivering = models.TextField("motivering beoordeling", blank=True)
    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="gepubliceerde versie")

    class Meta:
        verbose_name = "publicatievoorstel"
        verbose_name_plural = "publicatievoorstellen"
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.get_lijst_display()}: {len(self.onverklaard)} onverklaard verwijderd"

    @property
    def aandeel(self) -> float:
        return len(self.onverklaard) / self.vorige_aantal if self.vorige_aantal else 0.0


class Inplanning(models.Model):
    """One row: when the next automatic publication is due. Changes within the delay share one publication
    (debounce): a change finds a publication already planned and adds nothing."""

    gepland_voor = models.DateTimeField("gepland voor", null=True, blank=True)
    aanleiding = models.CharField("eerste aanleiding", max_length=200, blank=True)
    audit_event = models.ForeignKey("kern.AuditEvent", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = "inplanning"
        verbose_name_plural = "inplanning"

    def __str__(self):
        return f"gepland voor {self.gepland_voor}" if self.gepland_voor else "niets gepland"
