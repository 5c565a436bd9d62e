"""Publication of a list: build from the register, validate against the XSD, and switch atomically.

The switch is one database transaction that inserts the snapshot and moves the list's head: a reader gets
the previous snapshot or the new one, whole, never a mix; a process killed halfway leaves the previous one
live (the transaction never commits). The head row is locked, so two publications of the same list cannot
interleave and Volgnummers have no gaps. A build, validation or signing that fails is recorded as ``MislukteBouw``
(an alert on the staff page) in its own transaction, and the previous snapshot stays live. Each list publishes
on its own (LST-APART): one that fails never holds the others back. The first failure of a list after a success
mails the staff (LST-ALARM); a later success of that list closes its open failures.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from lxml import etree

from stelselbeheer.kern.audit import kop_hash, vastleggen
from stelselbeheer.kern.models import AuditEvent, Gebruiker
from stelselbeheer.kern.rollen import Actie, Rol, vereist_recht

from . import bestanden, formaten, regels
from .bouwers import bouwers, tijdstempel_tekst, zal
from .gzipdelen import Document
from .models import (
    Formaatversie,
    Foutsoort,
    Lijst,
    LijstKop,
    MislukteBouw,
    Publicatievoorstel,
    Snapshot,
    Trigger,
    VoorstelStatus,
    live_entries,
    onthoud_live,
)
from .ondertekening import SleutelOntbreekt, onderteken
from .validatie import LijstOngeldig, valideer, vingerafdruk

log = logging.getLogger(__name__)


class PublicatieMislukt(Exception):
    """A publication of one list failed; ``bouw`` is the record of it (None when it could not be written)."""

    def __init__(self, bericht: str, bouw: MislukteBouw | None = None):
        super().__init__(bericht)
        self.bouw = bouw


class _Klok:
    def __init__(self, metingen: dict | None):
        self.metingen = metingen
        self.vorige = time.perf_counter()

    def tik(self, deel: str) -> None:
        if self.metingen is not None:
            nu = time.perf_counter()
            self.metingen[deel] = self.metingen.get(deel, 0.0) + nu - self.vorige
            self.vorige = nu


@contextmanager
def _zonder_gc():
    """A publication makes hundreds of thousands of small objects that all stay alive: the cyclic garbage
    collector would walk them again and again (a third of the build time) and find nothing to free. Usable
    as a decorator."""
    was_aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_aan:
            gc.enable()


def _verschil(vorige: dict | None, nieuwe: dict) -> tuple[list, list, list]:
    """Keys added, removed and changed (another hash ``h``). An entry the build reused from the previous one in this
    process is the same object (zal._Geheugen): unchanged without comparing."""
    vorige = vorige or {}
    toegevoegd = sorted(nieuwe.keys() - vorige.keys())
    verwijderd = sorted(vorige.keys() - nieuwe.keys())
    gewijzigd = sorted(k for k, entry in nieuwe.items() if (oud := vorige.get(k)) is not None and oud is not entry
                       and oud.get("h") != entry.get("h"))
    return toegevoegd, verwijderd, gewijzigd


def _mislukt(lijst: str, trigger: str, soort: str, fout: str, actor) -> MislukteBouw:
    """Record a failed publication of ``lijst``; the first since its last success alerts the staff (LST-ALARM)."""
    with transaction.atomic():
        nieuwe_storing = not MislukteBouw.objects.filter(lijst=lijst, afgehandeld=False).exists()
        bouw = MislukteBouw.objects.create(lijst=lijst, trigger=trigger, soort=soort, fout=fout[:5000])
        vastleggen(actor=actor, actie="lijst.publicatie_mislukt", obj=bouw,
                   na={"lijst": lijst, "soort": soort, "fout": fout[:500]})
        if nieuwe_storing:
            _alarm(bouw)
    return bouw


def _alarm(bouw: MislukteBouw) -> None:
    """LST-ALARM: mail every staff member (role uitvoering) with an e-mail address, after the commit. One mail per
    outage: later failures of the same list are recorded without a mail until a publication of it succeeds. A mail
    server that fails is logged; the record and the staff page still show the failure."""
    adressen = sorted(set(Gebruiker.objects.filter(rol=Rol.UITVOERING, is_active=True).exclude(email="")
                          .values_list("email", flat=True)))
    if not adressen:
        return
    naam = Lijst(bouw.lijst).label
    onderwerp = f"Publicatie van de {naam} mislukt"
    tekst = (f"De publicatie van de {naam} is mislukt op {timezone.localtime(bouw.tijdstip):%d-%m-%Y %H:%M}; de "
             f"vorige versie blijft gepubliceerd. De andere lijsten zijn los hiervan gepubliceerd.\n\n"
             f"{bouw.get_soort_display()}: {bouw.fout[:2000]}\n\n"
             "Zie Beheer > Lijsten (/beheer/lijsten/). Volgende mislukte pogingen van deze lijst geven geen nieuwe "
             "e-mail, totdat een publicatie ervan weer lukt.")

    def versturen():
        try:
            send_mass_mail([(onderwerp, tekst, None, [adres]) for adres in adressen])
        except Exception:  # noqa: BLE001 - any transport error; the failure is recorded and shown regardless
            log.exception("Alarm over de mislukte publicatie van %s niet verstuurd", bouw.lijst)

    transaction.on_commit(versturen)


def _gelukt(lijst: str) -> None:
    """A publication of ``lijst`` succeeded (or found nothing to change): its open failures are resolved."""
    MislukteBouw.objects.filter(lijst=lijst, afgehandeld=False).update(afgehandeld=True)


def _live_entries(lijst: str) -> dict | None:
    """The entries of the live snapshot (None before the first publication)."""
    return live_entries(lijst)[0]


#: lists whose entries stand for participants' admissions; the guard watches their removals
BEWAAKT = {"zal", "ocl", "zakl"}


def _bewaking(*, lijst, vorige: dict | None, verwijderd, moment, toegestaan: set[str]
              ) -> tuple[list[str], dict[str, str]] | None:
    """LST-BEWAKING: None when the removals may go through; else (unexplained, explained) removals."""
    if lijst not in BEWAAKT or not vorige or not verwijderd:
        return None
    verklaard, onverklaard = {}, []
    for sleutel in verwijderd:
        reden = regels.verklaar_verwijdering(lijst, sleutel, vorige[sleutel], moment)
        if reden:
            verklaard[sleutel] = reden
        else:
            onverklaard.append(sleutel)
    nieuw = [k for k in onverklaard if k not in toegestaan]  # what no one has approved yet
    if len(nieuw) / len(vorige) <= settings.LIJST_BEWAKING_DREMPEL:
        return None
    return onverklaard, verklaard


@_zonder_gc()
@vereist_recht(Actie.LIJST_PUBLICEREN)
def lijst_publiceren(*, actor, lijst: str, trigger: str = Trigger.MEDEWERKER, omschrijving: str = "",
                     audit_event=None, moment: dt.datetime | None = None, alleen_bij_wijziging: bool = False,
                     metingen: dict | None = None, goedgekeurd: set[str] = frozenset()
                     ) -> Snapshot | Publicatievoorstel | None:
    """Publish ``lijst`` as it follows from the register at ``moment`` (default: now).

    Returns the new snapshot; a ``Publicatievoorstel`` when the guard holds the publication back for a
    second staff member (``goedgekeurd``: removals already approved); None when ``alleen_bij_wijziging`` and
    nothing changed. Raises
    ``PublicatieMislukt`` (after recording it) when the build, the writing, the XSD validation or the signing
    fails. ``metingen``,
    when given, receives the seconds spent per part (bench/lijsten.py)."""
    moment = moment or timezone.now()
    klok = _Klok(metingen)
    try:
        bouw = bouwers()[lijst](moment)  # a large list streams, validates and compresses its documents here
        klok.tik("bouwen")
    except Exception as e:  # noqa: BLE001 - any failure of a build must leave the live list alone
        log.exception("Bouw van %s mislukt", lijst)
        raise PublicatieMislukt(str(e), _mislukt(lijst, trigger, Foutsoort.BOUW, f"Bouw mislukt: {e!r}",
                                                 actor)) from e
    try:
        with transaction.atomic():
            kop = _vergrendel(lijst)
            volgnummer = kop.volgnummer + 1
            document = bouw.document(volgnummer, moment)
            klok.tik("xml")
            vorige = _live_entries(lijst)
            toegevoegd, verwijderd, gewijzigd = _verschil(vorige, bouw.entries)
            if alleen_bij_wijziging and vorige is not None and not (toegevoegd or verwijderd or gewijzigd):
                _gelukt(lijst)  # the same content as the live version, which validated
                return None
            tegengehouden = _bewaking(lijst=lijst, vorige=vorige, verwijderd=verwijderd, moment=moment,
                                      toegestaan=set(goedgekeurd))
            if tegengehouden:
                return _voorstel(lijst=lijst, actor=actor, trigger=trigger, omschrijving=omschrijving,
                                 vorige_aantal=len(vorige), onverklaard=tegengehouden[0],
                                 verklaard=tegengehouden[1])
            Publicatievoorstel.objects.filter(lijst=lijst, status=VoorstelStatus.WACHT).update(
                status=VoorstelStatus.VERVALLEN)
            klok.tik("verschil")
            if bouw.valideer:
                bouw.valideer(volgnummer, moment)
            else:
                valideer(lijst, document.bytes())
            verdere = {}
            for api, formaat in sorted(bouw.verdere.items()):  # LST-FORMAAT: every format validates, or none goes
                verdere[api] = formaat.document(volgnummer, moment)
                if formaat.valideer:
                    formaat.valideer(volgnummer, moment)
                else:
                    valideer(formaten.sleutel(lijst, api), verdere[api].bytes())
            klok.tik("valideren")
            snapshot = _opslaan(lijst=lijst, volgnummer=volgnummer, moment=moment, document=document,
                                entries=bouw.entries, verschil=(toegevoegd, verwijderd, gewijzigd), trigger=trigger,
                                omschrijving=omschrijving, actor=actor, audit_event=audit_event,
                                actie="lijst.gepubliceerd", klok=klok, verdere=verdere)
        klok.tik("opslaan")  # including the commit
        return snapshot
    except LijstOngeldig as e:
        raise PublicatieMislukt(str(e), _mislukt(lijst, trigger, Foutsoort.XSD, f"XSD-validatie mislukt: {e}",
                                                 actor)) from e
    except SleutelOntbreekt as e:
        raise PublicatieMislukt(str(e), _mislukt(lijst, trigger, Foutsoort.ONDERTEKENEN,
                                                 f"Ondertekenen mislukt: {e}", actor)) from e
    except Exception as e:  # noqa: BLE001 - e.g. lxml refusing a value while writing: the live list stays
        log.exception("Publicatie van %s mislukt", lijst)
        raise PublicatieMislukt(str(e), _mislukt(lijst, trigger, Foutsoort.OVERIG, f"Publicatie mislukt: {e!r}",
                                                 actor)) from e


def _voorstel(*, lijst, actor, trigger, omschrijving, vorige_aantal, onverklaard, verklaard) -> Publicatievoorstel:
    Publicatievoorstel.objects.filter(lijst=lijst, status=VoorstelStatus.WACHT).update(
        status=VoorstelStatus.VERVALLEN)
    voorstel = Publicatievoorstel.objects.create(
        lijst=lijst, aangevraagd_door=actor if getattr(actor, "pk", None) else None, trigger=trigger,
        omschrijving=omschrijving[:500], vorige_aantal=vorige_aantal, onverklaard=onverklaard, verklaard=verklaard)
    vastleggen(actor=actor, actie="lijst.publicatie_tegengehouden", obj=voorstel,
               na={"lijst": lijst, "onverklaard": len(onverklaard), "verklaard": len(verklaard),
                   "vorige_aantal": vorige_aantal, "drempel": settings.LIJST_BEWAKING_DREMPEL})
    return voorstel


@transaction.atomic
@vereist_recht(Actie.LIJST_PUBLICEREN)
def voorstel_goedkeuren(*, actor, voorstel: Publicatievoorstel, motivering: str = ""
                        ) -> Snapshot | Publicatievoorstel | MislukteBouw:
    """Four eyes: a staff member other than the one who asked approves the held-back removals and the list
    is published. If the register now removes more than was approved, nothing is published: a new proposal
    replaces this one (this one lapses) and is returned. If the publication fails, the failure is recorded
    and returned (LST-APART) and the proposal stays open."""
    voorstel = Publicatievoorstel.objects.select_for_update().get(pk=voorstel.pk)
    if voorstel.status != VoorstelStatus.WACHT:
        raise ValidationError({"status": f"Dit voorstel is al {voorstel.get_status_display().lower()}."})
    if voorstel.aangevraagd_door_id and voorstel.aangevraagd_door_id == getattr(actor, "pk", None):
        raise ValidationError({"beoordeeld_door": "Vier ogen: een andere medewerker dan de aanvrager keurt goed."})
    try:
        uitkomst = lijst_publiceren(actor=actor, lijst=voorstel.lijst, trigger=voorstel.trigger,
                                    omschrijving=f"Goedgekeurd voorstel #{voorstel.pk}: {motivering}".strip(),
                                    goedgekeurd=set(voorstel.onverklaard))
    except PublicatieMislukt as e:  # returned, not raised: raising would roll the record of it back
        return e.bouw
    if not isinstance(uitkomst, Snapshot):
        return uitkomst
    Publicatievoorstel.objects.filter(pk=voorstel.pk).update(
        status=VoorstelStatus.GOEDGEKEURD, beoordeeld_door=actor, beoordeeld_op=timezone.now(),
        motivering=motivering, snapshot=uitkomst)
    vastleggen(actor=actor, actie="lijst.voorstel_goedgekeurd", obj=voorstel, reden=motivering,
               na={"snapshot": uitkomst.volgnummer})
    return uitkomst


@transaction.atomic
@vereist_recht(Actie.LIJST_PUBLICEREN)
def voorstel_afwijzen(*, actor, voorstel: Publicatievoorstel, motivering: str) -> Publicatievoorstel:
    if not (motivering or "").strip():
        raise ValidationError({"motivering": "Geef de reden van de afwijzing."})
    voorstel = Publicatievoorstel.objects.select_for_update().get(pk=voorstel.pk)
    if voorstel.status != VoorstelStatus.WACHT:
        raise ValidationError({"status": f"Dit voorstel is al {voorstel.get_status_display().lower()}."})
    Publicatievoorstel.objects.filter(pk=voorstel.pk).update(
        status=VoorstelStatus.AFGEWEZEN, beoordeeld_door=actor, beoordeeld_op=timezone.now(), motivering=motivering)
    vastleggen(actor=actor, actie="lijst.voorstel_afgewezen", obj=voorstel, reden=motivering)
    voorstel.refresh_from_db()
    return voorstel


def _opslaan(*, lijst, volgnummer, moment, document: Document, entries: dict, verschil, trigger, omschrijving, actor,
             audit_event, actie: str, klok: _Klok | None = None, verdere: dict[int, Document] | None = None
             ) -> Snapshot:
    """Insert the snapshot, move the head and record the event. Call with the head locked. After the commit the
    files for nginx are written (bestanden.py); a rollback (``lijst_terugdraaien``) comes through here too."""
    klok = klok or _Klok(None)
    toegevoegd, verwijderd, gewijzigd = verschil
    audit_kop = kop_hash()
    handtekening = onderteken(lijst=lijst, volgnummer=volgnummer, sha256=document.sha256, grootte=document.grootte,
                              audit_kop=audit_kop)
    klok.tik("ondertekenen")
    inhoud_gz = document.gzip()
    klok.tik("comprimeren")
    snapshot = Snapshot.objects.create(
        lijst=lijst, volgnummer=volgnummer, tijdstempel=moment, sha256=document.sha256,
        grootte=document.grootte, aantal=len(entries), inhoud_gz=inhoud_gz,
        entries=entries, toegevoegd=toegevoegd, verwijderd=verwijderd, gewijzigd=gewijzigd,
        trigger=trigger, omschrijving=omschrijving[:500], door=actor if getattr(actor, "pk", None) else None,
        audit_event=audit_event, kop_hash_audit=audit_kop, handtekening=handtekening,
        schema_sha256=vingerafdruk(lijst))
    for api, verder in sorted((verdere or {}).items()):  # LST-FORMAAT: the same publication in further formats
        versie = Formaatversie.objects.create(
            snapshot=snapshot, lijst=lijst, api=api, volgnummer=volgnummer, tijdstempel=moment,
            sha256=verder.sha256, grootte=verder.grootte, inhoud_gz=verder.gzip(),
            handtekening=onderteken(lijst=formaten.sleutel(lijst, api), volgnummer=volgnummer, sha256=verder.sha256,
                                    grootte=verder.grootte, audit_kop=audit_kop))
        if bestanden.map_() is not None:
            transaction.on_commit(partial(bestanden.na_formaat_publicatie, versie=versie, document=verder))
    klok.tik("verdere formaten")
    LijstKop.objects.filter(lijst=lijst).update(volgnummer=volgnummer)
    _gelukt(lijst)
    transaction.on_commit(partial(onthoud_live, lijst, snapshot.pk, snapshot.sha256, entries))
    if bestanden.map_() is not None:  # the static files for nginx, once the new version is committed (LST-BESTANDEN)
        transaction.on_commit(partial(bestanden.na_publicatie, pk=snapshot.pk, lijst=lijst, volgnummer=volgnummer,
                                      tijdstempel=moment, document=document, gz=inhoud_gz,
                                      handtekening=handtekening))
    vastleggen(actor=actor, actie=actie, obj=snapshot, reden=omschrijving,
               na={"lijst": lijst, "volgnummer": volgnummer, "sha256": snapshot.sha256, "aantal": len(entries),
                   "toegevoegd": len(toegevoegd), "verwijderd": len(verwijderd), "gewijzigd": len(gewijzigd),
                   "aanleiding": trigger})
    return snapshot


def _vergrendel(lijst: str) -> LijstKop:
    LijstKop.objects.get_or_create(lijst=lijst)
    return LijstKop.objects.select_for_update().get(lijst=lijst)


@transaction.atomic
@vereist_recht(Actie.LIJST_PUBLICEREN)
def lijst_terugdraaien(*, actor, lijst: str, volgnummer: int, reden: str) -> Snapshot:
    """Re-publish the content of an earlier snapshot as a new Volgnummer (rule LST-TERUG).

    The entries and their XML are those of the earlier version; only Tijdstempel and Volgnummer are new,
    so consumers that refuse a lower Volgnummer accept it. The next publication from the register
    replaces it again: a rollback buys time to repair the register, it does not freeze the list."""
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden voor het terugdraaien."})
    bron = Snapshot.objects.filter(lijst=lijst, volgnummer=volgnummer).first()
    if bron is None:
        raise ValidationError({"volgnummer": f"Versie {volgnummer} van deze lijst bestaat niet."})
    kop = _vergrendel(lijst)
    if volgnummer == kop.volgnummer:
        raise ValidationError({"volgnummer": "Dit is de versie die nu al gepubliceerd is."})
    moment = timezone.now()
    nieuw = kop.volgnummer + 1
    xml = _hernummerd(bytes(bron.inhoud), moment, nieuw)
    valideer(lijst, xml)
    verdere = {}
    for versie in Formaatversie.objects.filter(snapshot=bron):  # LST-FORMAAT: every format goes back together
        verdere[versie.api] = _hernummerd(versie.inhoud, moment, nieuw)
        valideer(formaten.sleutel(lijst, versie.api), verdere[versie.api])
    live = Snapshot.objects.filter(lijst=lijst, volgnummer=kop.volgnummer).only("entries").first()
    return _opslaan(lijst=lijst, volgnummer=nieuw, moment=moment, document=Document.van_bytes(xml),
                    entries=bron.entries,
                    verschil=_verschil(live.entries if live else None, bron.entries), trigger=Trigger.TERUGDRAAIEN,
                    omschrijving=f"Terug naar versie {volgnummer}: {reden.strip()}", actor=actor, audit_event=None,
                    actie="lijst.teruggedraaid", verdere={api: Document.van_bytes(d) for api, d in verdere.items()})


def _hernummerd(inhoud: bytes, moment: dt.datetime, volgnummer: int) -> bytes:
    """An earlier document with a new Tijdstempel and Volgnummer and otherwise the same content."""
    doc = etree.fromstring(inhoud, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    ns = etree.QName(doc).namespace
    doc.find(f"{{{ns}}}Tijdstempel").text = tijdstempel_tekst(moment)
    doc.find(f"{{{ns}}}Volgnummer").text = str(volgnummer)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


@vereist_recht(Actie.LIJST_PUBLICEREN)
def alle_lijsten_publiceren(*, actor, trigger: str = Trigger.MEDEWERKER, omschrijving: str = "",
                            alleen_bij_wijziging: bool = False, audit_event_id: int | None = None
                            ) -> dict[str, Snapshot | Publicatievoorstel | MislukteBouw | None]:
    """Publish every list at one moment, so they agree with each other; each on its own (LST-APART): a list that
    fails is recorded and alerted, its value is the ``MislukteBouw``, and the other lists still publish."""
    moment = timezone.now()
    event = AuditEvent.objects.filter(pk=audit_event_id).first() if audit_event_id else None
    uitkomst: dict[str, Snapshot | Publicatievoorstel | MislukteBouw | None] = {}
    with zal.gedeeld():  # the ZAL, ZAKL and whitelist read the register once, at the same moment
        for lijst in ("gnl", "zal", "ocl", "whitelist", "zakl"):
            try:
                uitkomst[lijst] = lijst_publiceren(actor=actor, lijst=lijst, trigger=trigger,
                                                   omschrijving=omschrijving, moment=moment,
                                                   alleen_bij_wijziging=alleen_bij_wijziging, audit_event=event)
            except PublicatieMislukt as e:
                uitkomst[lijst] = e.bouw
    return uitkomst
