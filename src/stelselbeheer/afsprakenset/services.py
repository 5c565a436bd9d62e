"""Every state change of releases, their documents, standards and changelog, the rollout and the signed agreement
version: one function per action, keyword-only, in one transaction with its audit event.

``actor=None`` is the system itself (demo data, the nightly check). ``moment`` defaults to now; the demo data and
tests pass it to act on another day, the pages and the API never do. E-mail goes out after the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.besluiten.services import MAX_BIJLAGE, TOEGESTANE_BIJLAGEN
from stelselbeheer.deelnemers import rules as dln_rules
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus
from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.overleg.models import VoorstelStatus

from . import workflow
from .models import (
    UITROLVOLGORDE,
    Implementatietermijn,
    Release,
    Releasedocument,
    ReleaseStatus,
    Standaard,
    Uitrol,
    UitrolStatus,
    Wijziging,
)

log = logging.getLogger(__name__)

#: content that is fixed once the board approved the release (the board approved exactly this)
INHOUD = {"nummer", "titel", "samenvatting"}
WIJZIGBAAR = INHOUD | {"gepland_kwartaal", "ingangsdatum", "overgangsdatum"}
OPEN = (ReleaseStatus.CONCEPT, ReleaseStatus.CONSULTATIE)


def _gebruiker(actor):
    return actor if getattr(actor, "pk", None) else None


def _dag(moment: dt.datetime | None) -> dt.date:
    return dln_rules.datum_in_amsterdam(moment or timezone.now())


def adressen(deelnemer_ids) -> dict[int, list[str]]:
    """Per participant (``deelnemer_ids``: a list or a query of ids): the e-mail addresses of its active accounts and
    its contact address."""
    uit: dict[int, set[str]] = {}
    for dn_id, email in Deelnemer.objects.filter(pk__in=deelnemer_ids).exclude(contact_email="").values_list(
            "pk", "contact_email"):
        uit.setdefault(dn_id, set()).add(email)
    for dn_id, email in Gebruiker.objects.filter(deelnemer_id__in=deelnemer_ids, is_active=True).exclude(
            email="").values_list("deelnemer_id", "email"):
        uit.setdefault(dn_id, set()).add(email)
    return {k: sorted(v) for k, v in uit.items()}


def mailen_na_commit(berichten: list[tuple[str, str, list[str]]]) -> None:
    """Send (subject, text, addresses) after the commit; a mail server that fails is logged, the change stands."""
    def versturen():
        try:
            send_mass_mail([(onderwerp, tekst, None, aan) for onderwerp, tekst, aan in berichten if aan])
        except Exception:  # noqa: BLE001 - any transport error; the release and its rollout are recorded
            log.exception("E-mail over een release niet verstuurd")

    if berichten:
        transaction.on_commit(versturen)


# -- releases and their contents ----------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def release_aanmaken(*, actor, nummer: str, titel: str, samenvatting: str = "", gepland_kwartaal: str = "",
                     ingangsdatum: dt.date | None = None, overgangsdatum: dt.date | None = None,
                     moment: dt.datetime | None = None) -> Release:
    release = Release(nummer=(nummer or "").strip(), titel=titel, samenvatting=samenvatting,
                      gepland_kwartaal=(gepland_kwartaal or "").strip(), ingangsdatum=ingangsdatum,
                      overgangsdatum=overgangsdatum, aangemaakt_door=_gebruiker(actor),
                      status_sinds=moment or timezone.now())
    release.full_clean()
    release.save()
    vastleggen(actor=actor, actie="release.aangemaakt", obj=release, na=momentopname(release))
    return release


@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def release_wijzigen(*, actor, release: Release, wijzigingen: dict, reden: str = "") -> Release:
    """AFS-VAST: number, title and summary change only while the release is a draft or in consultation; the
    planning (quarter, dates) can change until it is in force."""
    release = Release.objects.select_for_update().get(pk=release.pk)
    onbekend = set(wijzigingen) - WIJZIGBAAR
    if onbekend:
        raise ValidationError({veld: "Dit veld kan hier niet worden gewijzigd." for veld in sorted(onbekend)})
    voor = momentopname(release)
    for veld, waarde in wijzigingen.items():
        if veld in INHOUD and release.status not in OPEN and getattr(release, veld) != waarde:
            raise ValidationError({veld: "AFS-VAST: na de goedkeuring door het bestuur verandert de inhoud van "
                                         "de release niet meer."})
        if veld not in INHOUD and release.status in (ReleaseStatus.IN_WERKING, ReleaseStatus.INGETROKKEN) \
                and getattr(release, veld) != waarde:
            raise ValidationError({veld: "Een release die in werking is of is ingetrokken wordt niet meer "
                                         "gepland."})
        setattr(release, veld, waarde)
    release.full_clean()
    na = momentopname(release)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    if gewijzigd:
        release.save()
        vastleggen(actor=actor, actie="release.gewijzigd", obj=release, reden=reden,
                   voor={k: voor[k] for k in gewijzigd}, na={k: na[k] for k in gewijzigd})
    return release


def _open(release: Release, veld: str = "release") -> None:
    if release.status not in OPEN:
        raise ValidationError({veld: "AFS-VAST: de release is al goedgekeurd; de inhoud verandert niet meer."})


@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def document_toevoegen(*, actor, release: Release, bestand, naam: str = "") -> Releasedocument:
    release = Release.objects.select_for_update().get(pk=release.pk)
    _open(release, "bestand")
    if bestand is None:
        raise ValidationError({"bestand": "Kies een bestand."})
    if not bestand.name.lower().endswith(TOEGESTANE_BIJLAGEN):
        raise ValidationError({"bestand": f"{bestand.name}: alleen {', '.join(TOEGESTANE_BIJLAGEN)} zijn "
                                          "toegestaan."})
    if bestand.size > MAX_BIJLAGE:
        raise ValidationError({"bestand": f"{bestand.name}: een document is hooguit 10 MB."})
    if not bestand.size:
        raise ValidationError({"bestand": f"{bestand.name}: het bestand is leeg."})
    naam = (naam or "").strip()[:200] or bestand.name.rsplit("/", 1)[-1][:200]
    som = hashlib.sha256(b"".join(bestand.chunks())).hexdigest()
    bestand.seek(0)
    document = Releasedocument(release=release, naam=naam, bestand=bestand, grootte=bestand.size, sha256=som,
                               toegevoegd_door=_gebruiker(actor))
    document.full_clean()
    document.save()
    vastleggen(actor=actor, actie="release.document_toegevoegd", obj=document, omschrijving=f"{release.nummer}: "
               f"{naam}", na={"release": release.pk, "naam": naam, "sha256": som, "grootte": document.grootte})
    return document


@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def standaard_toevoegen(*, actor, release: Release, naam: str, versie: str, eigenaar: str,
                        url: str = "") -> Standaard:
    release = Release.objects.select_for_update().get(pk=release.pk)
    _open(release, "naam")
    standaard = Standaard(release=release, naam=(naam or "").strip(), versie=(versie or "").strip(),
                          eigenaar=(eigenaar or "").strip(), url=url)
    standaard.full_clean()
    standaard.save()
    vastleggen(actor=actor, actie="release.standaard_toegevoegd", obj=standaard,
               omschrijving=f"{release.nummer}: {standaard}", na=momentopname(standaard))
    return standaard


@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def wijziging_toevoegen(*, actor, release: Release, titel: str, omschrijving: str, impact_dvp: str,
                        impact_dva: str, gegevensdiensten=()) -> Wijziging:
    release = Release.objects.select_for_update().get(pk=release.pk)
    _open(release, "titel")
    wijziging = Wijziging(release=release, titel=(titel or "").strip(), omschrijving=omschrijving,
                          impact_dvp=impact_dvp, impact_dva=impact_dva)
    wijziging.full_clean()
    wijziging.save()
    wijziging.gegevensdiensten.set(gegevensdiensten)
    vastleggen(actor=actor, actie="release.wijziging_toegevoegd", obj=wijziging,
               omschrijving=f"{release.nummer}: {wijziging.titel}",
               na=momentopname(wijziging) | {"gegevensdiensten": sorted(g.pk for g in gegevensdiensten)})
    return wijziging


@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def termijn_vastleggen(*, actor, release: Release, rol: str, uiterlijk: dt.date) -> Implementatietermijn:
    """AFS-UITROL: the implementation deadline of a role. Set before the approval (the board approves it with the
    release) or moved afterwards; the rollouts of that role that are not live yet follow the new deadline."""
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.status == ReleaseStatus.INGETROKKEN:
        raise ValidationError({"uiterlijk": "Een ingetrokken release wordt niet meer uitgerold."})
    if release.ingangsdatum and uiterlijk < release.ingangsdatum:
        raise ValidationError({"uiterlijk": "De implementatietermijn eindigt niet vóór de ingangsdatum van de "
                                            "release."})
    termijn, nieuw = Implementatietermijn.objects.get_or_create(release=release, rol=rol,
                                                                defaults={"uiterlijk": uiterlijk})
    voor = None if nieuw else termijn.uiterlijk.isoformat()
    termijn.uiterlijk = uiterlijk
    termijn.full_clean()
    termijn.save()
    if release.status in (ReleaseStatus.GOEDGEKEURD, ReleaseStatus.IN_WERKING):
        Uitrol.objects.filter(release=release, rol=rol).exclude(status=UitrolStatus.LIVE).update(uiterlijk=uiterlijk)
    vastleggen(actor=actor, actie="release.termijn_vastgelegd", obj=termijn, omschrijving=str(termijn),
               voor={"uiterlijk": voor}, na={"uiterlijk": uiterlijk.isoformat(), "rol": rol})
    return termijn


# -- status ------------------------------------------------------------------------------------------------

def besluit_toetsen(release: Release, besluit) -> None:
    """AFS-GOEDKEURING: only the board's decision of kind release, taken by adopting a proposal, not yet used for
    another release."""
    if besluit is None:
        raise ValidationError({"besluit": "Kies het besluit van het bestuur dat de release goedkeurt."})
    if besluit.soort != BesluitSoort.RELEASE:
        raise ValidationError({"besluit": f"Besluit {besluit.nummer} is geen goedkeuring van een release "
                                          f"({besluit.get_soort_display().lower()})."})
    try:
        voorstel = besluit.voorstel
    except ObjectDoesNotExist:
        voorstel = None
    if voorstel is None or voorstel.status != VoorstelStatus.VASTGESTELD:
        raise ValidationError({"besluit": f"Besluit {besluit.nummer} komt niet uit een besluitvoorstel dat het "
                                          "bestuur heeft vastgesteld."})
    ander = Release.objects.filter(besluit=besluit).exclude(pk=release.pk).first()
    if ander is not None:
        raise ValidationError({"besluit": f"Besluit {besluit.nummer} keurde al release {ander.nummer} goed."})


def getroffen(release: Release) -> list[tuple[int, str, dt.date]]:
    """AFS-UITROL: (participant, role, deadline) for every active participant with a role the release sets a
    deadline for."""
    uit = []
    for termijn in release.termijnen.all():
        for dn_id in Deelnemer.objects.filter(status=DeelnemerStatus.ACTIEF, rollen__rol=termijn.rol).values_list(
                "pk", flat=True).distinct():
            uit.append((dn_id, termijn.rol, termijn.uiterlijk))
    return uit


@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def release_overgang(*, actor, release: Release, overgang: str, besluit=None, toelichting: str = "",
                     moment: dt.datetime | None = None) -> Release:
    stap = workflow.PER_NAAM.get(overgang)
    if stap is None:
        raise ValidationError({"overgang": "Onbekende stap."})
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.status not in stap.van:
        raise ValidationError({"overgang": f"AFS-STATUS: ‘{stap.label}’ kan niet bij een release met status "
                                           f"‘{release.get_status_display().lower()}’."})
    nu = moment or timezone.now()
    dag = _dag(nu)
    voor = momentopname(release)
    berichten = []
    if stap.besluit:
        besluit_toetsen(release, besluit)
        if not release.termijnen.exists():
            raise ValidationError({"besluit": "AFS-UITROL: leg eerst de implementatietermijn per rol vast; het "
                                              "bestuur keurt de release met die termijnen goed."})
        release.besluit = besluit
    elif besluit is not None:
        raise ValidationError({"besluit": "Deze stap neemt geen besluit."})
    if stap.naam == "in_werking_stellen":
        if release.ingangsdatum is None or release.ingangsdatum > dag:
            wanneer = f" ({release.ingangsdatum:%d-%m-%Y})." if release.ingangsdatum else "; leg die eerst vast."
            raise ValidationError({"overgang": "AFS-INWERKING: een release treedt in werking op of na zijn "
                                               "ingangsdatum" + wanneer})
    if stap.naam == "intrekken" and not toelichting.strip():
        raise ValidationError({"toelichting": "Geef de reden van de intrekking."})
    release.status = stap.naar
    release.status_sinds = nu
    release.full_clean()
    release.save()
    if stap.besluit:
        berichten = _uitrol_aanmaken(release, dag)
    na = momentopname(release)
    vastleggen(actor=actor, actie=f"release.{stap.naam}", obj=release, reden=toelichting,
               voor={k: voor[k] for k in ("status", "besluit_id")}, na={k: na[k] for k in ("status", "besluit_id")})
    mailen_na_commit(berichten)
    return release


def _uitrol_aanmaken(release: Release, dag: dt.date) -> list:
    rijen = getroffen(release)
    Uitrol.objects.bulk_create([Uitrol(release=release, deelnemer_id=dn, rol=rol, uiterlijk=uiterlijk,
                                       status_sinds=dag) for dn, rol, uiterlijk in rijen], ignore_conflicts=True)
    per_deelnemer: dict[int, list[tuple[str, dt.date]]] = {}
    for dn, rol, uiterlijk in rijen:
        per_deelnemer.setdefault(dn, []).append((rol, uiterlijk))
    aan = adressen(list(per_deelnemer))
    namen = dict(Deelnemer.objects.filter(pk__in=list(per_deelnemer)).values_list("pk", "organisatie__naam"))
    labels = dict(Implementatietermijn._meta.get_field("rol").choices)
    berichten = []
    for dn, termijnen in per_deelnemer.items():
        regels = "\n".join(f"- als {labels[rol]}: live uiterlijk op {uiterlijk:%d-%m-%Y}"
                            for rol, uiterlijk in termijnen)
        tekst = (f"Beste {namen.get(dn, '')},\n\nHet bestuur heeft release {release.nummer} ({release.titel}) van de "
                 f"afsprakenset goedgekeurd (besluit {release.besluit.nummer}).\n\nUw organisatie voert de release "
                 f"in volgens deze implementatietermijn:\n{regels}\n\nDe changelog en de documenten staan op de "
                 f"pagina van de release; uw voortgang ziet u in het deelnemersportaal.\n\nMet vriendelijke groet,\n"
                 "De uitvoeringsorganisatie van het afsprakenstelsel")
        berichten.append((f"Release {release.nummer} goedgekeurd: implementatietermijn", tekst, aan.get(dn, [])))
    return berichten


# -- rollout -----------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def uitrol_bijwerken(*, actor, uitrol: Uitrol, status: str, testdatum: dt.date | None = None,
                     testresultaat: str = "", toelichting: str = "", moment: dt.datetime | None = None) -> Uitrol:
    """A participant's progress. AFS-KWALIFICATIE: qualified and live only with a passed qualification test for
    this release; the status moves forward only (a failed test keeps it in test)."""
    uitrol = Uitrol.objects.select_for_update().select_related("release").get(pk=uitrol.pk)
    if uitrol.release.status not in (ReleaseStatus.GOEDGEKEURD, ReleaseStatus.IN_WERKING):
        raise ValidationError({"status": "Alleen de uitrol van een goedgekeurde release (of een die in werking is) "
                                         "wordt bijgehouden."})
    if status not in UITROLVOLGORDE:
        raise ValidationError({"status": "Kies een status uit de lijst."})
    if UITROLVOLGORDE.index(status) < UITROLVOLGORDE.index(uitrol.status):
        raise ValidationError({"status": f"De uitrol staat al op ‘{uitrol.get_status_display().lower()}’; de "
                                         "status gaat alleen vooruit."})
    dag = _dag(moment)
    if testresultaat and testdatum is None:
        raise ValidationError({"testdatum": "Geef de datum van de kwalificatietest."})
    if testdatum and testdatum > dag:
        raise ValidationError({"testdatum": "De testdatum ligt niet in de toekomst."})
    resultaat = testresultaat or uitrol.testresultaat
    if status in (UitrolStatus.GEKWALIFICEERD, UitrolStatus.LIVE) and resultaat != "geslaagd":
        raise ValidationError({"testresultaat": "AFS-KWALIFICATIE: gekwalificeerd of live alleen met een geslaagde "
                                                "kwalificatietest voor deze release."})
    voor = momentopname(uitrol)
    if status != uitrol.status:
        uitrol.status = status
        uitrol.status_sinds = dag
    if testresultaat:
        uitrol.testresultaat, uitrol.testdatum = testresultaat, testdatum
    if toelichting:
        uitrol.toelichting = toelichting
    uitrol.full_clean()
    na = momentopname(uitrol)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    if gewijzigd:
        uitrol.save()
        vastleggen(actor=actor, actie="uitrol.bijgewerkt", obj=uitrol, omschrijving=str(uitrol),
                   voor={k: voor[k] for k in gewijzigd}, na={k: na[k] for k in gewijzigd})
    return uitrol


# -- the signed agreement ------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.RELEASE_BEHEREN)
def overeenkomst_vastleggen(*, actor, deelnemer: Deelnemer, release: Release, ondertekend_op: dt.date) -> Deelnemer:
    """AFS-OVEREENKOMST: the participant signed the agreement of ``release`` (approved or in force)."""
    if release.status not in (ReleaseStatus.GOEDGEKEURD, ReleaseStatus.IN_WERKING):
        raise ValidationError({"release": "Een deelnemer tekent de overeenkomst van een goedgekeurde release of een "
                                          "release die in werking is."})
    if ondertekend_op > _dag(None):
        raise ValidationError({"ondertekend_op": "De datum van ondertekening ligt niet in de toekomst."})
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer.pk)
    voor = momentopname(deelnemer, ["overeenkomstversie", "overeenkomst_release", "ondertekend_op"])
    deelnemer.overeenkomst_release = release
    deelnemer.overeenkomstversie = release.nummer
    deelnemer.ondertekend_op = ondertekend_op
    deelnemer.save(update_fields=["overeenkomst_release", "overeenkomstversie", "ondertekend_op"])
    vastleggen(actor=actor, actie="deelnemer.overeenkomst_getekend", obj=deelnemer, voor=voor,
               na=momentopname(deelnemer, ["overeenkomstversie", "overeenkomst_release", "ondertekend_op"]))
    return deelnemer
