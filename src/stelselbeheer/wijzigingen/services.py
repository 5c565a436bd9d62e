"""Every state change of change requests on the agreements (RFCs): one function per action, keyword-only, in one
transaction with its audit event. ``actor=None`` is the system (demo data, tests); ``moment`` defaults to now.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from stelselbeheer.afsprakenset.models import Release, ReleaseStatus
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.deelnemers.rules import AMSTERDAM
from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, Rol, kan, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer
from stelselbeheer.naleving.termijnen import werkdagen_na

from . import impact, workflow
from .models import (
    NIET_IN_RELEASE,
    Bron,
    Getroffene,
    Impactanalyse,
    Ontwikkelagenda,
    Reactie,
    Stap,
    Status,
    Wijzigingsvoorstel,
)


def _gebruiker(actor):
    return actor if getattr(actor, "pk", None) else None


def _nu(moment):
    return moment or timezone.now()


def _dag(moment: dt.datetime) -> dt.date:
    return moment.astimezone(AMSTERDAM).date()


def _mailen(berichten: list[tuple[str, str, str]]) -> None:
    """Send (subject, text, address) after the commit; a failing mail server is logged, the change stands."""

    def versturen():
        try:
            send_mass_mail([(onderwerp, tekst, None, [adres]) for onderwerp, tekst, adres in berichten])
        except Exception:  # noqa: BLE001 - any transport error; the RFC page holds the content
            logging.getLogger(__name__).exception("E-mail over een RFC niet verstuurd")

    if berichten:
        transaction.on_commit(versturen)


def _bron(actor) -> str:
    rol = getattr(actor, "rol", None) if getattr(actor, "is_authenticated", False) else None
    return {Rol.DEELNEMER: Bron.PORTAAL, Rol.REGIO: Bron.REGIO, Rol.UITVOERING: Bron.UITVOERING,
            Rol.BESTUUR: Bron.UITVOERING}.get(rol, Bron.PUBLIEK)


# -- agendas -------------------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.RFC_BEHANDELEN)
def agenda_wijzigen(*, actor, agenda: Ontwikkelagenda, wijzigingen: dict, reden: str = "") -> Ontwikkelagenda:
    """Change an agenda's route or publicity (who assesses, advises, decides; consultation; public)."""
    toegestaan = {"naam", "omschrijving", "beoordelaar", "adviesorgaan", "met_consultatie", "consultatie_werkdagen",
                  "beslisser", "externe_beslisser", "openbaar"}
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise ValidationError({veld: "Dit veld kan hier niet worden gewijzigd." for veld in sorted(onbekend)})
    agenda = Ontwikkelagenda.objects.select_for_update().get(pk=agenda.pk)
    voor = momentopname(agenda)
    for veld, waarde in wijzigingen.items():
        setattr(agenda, veld, waarde)
    agenda.full_clean()
    agenda.save()
    na = momentopname(agenda)
    gewijzigd = [k for k in na if na[k] != voor.get(k)]
    if gewijzigd:
        vastleggen(actor=actor, actie="rfc.agenda_gewijzigd", obj=agenda, reden=reden,
                   voor={k: voor.get(k) for k in gewijzigd}, na={k: na[k] for k in gewijzigd})
    return agenda


# -- filing --------------------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.RFC_INDIENEN)
def rfc_indienen(*, actor, agenda: Ontwikkelagenda, titel: str, probleem: str, voorstel: str,
                 indiener_naam: str, indiener_email: str, gegevensdiensten=(), raakt_dva: bool = True,
                 raakt_dvp: bool = True, moment: dt.datetime | None = None) -> Wijzigingsvoorstel:
    """File an RFC. Who files it decides its source: a participant's account files for its participant (portal), a
    regional account for its RSO (the regional user group's route, seed 004), staff for the executive organisation,
    anyone else through the front door (RFC-INDIENEN)."""
    nu = _nu(moment)
    gebruiker = _gebruiker(actor)
    rfc = Wijzigingsvoorstel(
        agenda=agenda, titel=(titel or "").strip(), probleem=(probleem or "").strip(),
        voorstel=(voorstel or "").strip(), raakt_dva=raakt_dva, raakt_dvp=raakt_dvp, bron=_bron(actor),
        indiener_naam=(indiener_naam or "").strip(), indiener_email=(indiener_email or "").strip(),
        ingediend_door=gebruiker, deelnemer_id=getattr(gebruiker, "deelnemer_id", None),
        rso_id=getattr(gebruiker, "rso_id", None), ingediend_op=nu)
    rfc.full_clean(exclude=["nummer"])
    if not (raakt_dva or raakt_dvp):
        raise ValidationError({"raakt_dva": "Kies ten minste één rol die de wijziging raakt (DVA of DVP)."})
    rfc.nummer = volgend_jaarnummer(Wijzigingsvoorstel, "RFC", _dag(nu).year)
    rfc.save()
    rfc.gegevensdiensten.set(gegevensdiensten)
    Stap.objects.create(voorstel=rfc, naam="indienen", naar=rfc.status, door=gebruiker, tijdstip=nu)
    vastleggen(actor=actor, actie="rfc.ingediend", obj=rfc,
               na={"nummer": rfc.nummer, "agenda": agenda.code, "bron": rfc.bron, "titel": rfc.titel,
                   "gegevensdiensten": sorted(g.code for g in rfc.gegevensdiensten.all())})
    _mailen([(f"Uw wijzigingsverzoek {rfc.nummer} is ontvangen",
              f"Uw wijzigingsverzoek op de afspraken '{rfc.titel}' is ontvangen onder nummer {rfc.nummer}, op de "
              f"{agenda.naam}. {agenda.beoordelaar} beoordeelt het.", rfc.indiener_email)])
    return rfc


# -- impact --------------------------------------------------------------------------------------------------------

def _analyse_opslaan(rfc: Wijzigingsvoorstel, nu: dt.datetime) -> Impactanalyse:
    uitkomst = impact.bereken(gegevensdiensten=rfc.gegevensdiensten.all(), raakt_dva=rfc.raakt_dva,
                              raakt_dvp=rfc.raakt_dvp, peildatum=_dag(nu))
    analyse = Impactanalyse.objects.create(
        voorstel=rfc, berekend_op=nu, peildatum=uitkomst.peildatum, gegevensdiensten=uitkomst.gegevensdiensten,
        rollen=uitkomst.rollen, aantal_aanbieders=uitkomst.aantal_aanbieders,
        aanbieders_per_dienst=uitkomst.aanbieders_per_dienst)
    Getroffene.objects.bulk_create([
        Getroffene(analyse=analyse, deelnemer_id=b.deelnemer_id, rol=b.rol, aantal_aanbieders=b.aantal_aanbieders,
                   gegevensdiensten=sorted(b.gegevensdiensten)) for b in uitkomst.getroffenen])
    return analyse


@transaction.atomic
@vereist_recht(Actie.RFC_BEHANDELEN)
def impact_vastleggen(*, actor, voorstel: Wijzigingsvoorstel, moment: dt.datetime | None = None) -> Impactanalyse:
    """Compute the impact from the register now and store it as a dated snapshot (RFC-IMPACT)."""
    nu = _nu(moment)
    rfc = Wijzigingsvoorstel.objects.select_for_update().get(pk=voorstel.pk)
    analyse = _analyse_opslaan(rfc, nu)
    vastleggen(actor=actor, actie="rfc.impact", obj=rfc,
               na={"peildatum": analyse.peildatum.isoformat(), "aanbieders": analyse.aantal_aanbieders,
                   "deelnemers": analyse.getroffenen.count()})
    return analyse


# -- the route -----------------------------------------------------------------------------------------------------

def _consultatie_mails(rfc: Wijzigingsvoorstel, analyse: Impactanalyse, basis_url: str) -> None:
    deelnemers = Deelnemer.objects.filter(pk__in=analyse.getroffenen.values("deelnemer_id")).exclude(
        contact_email="")
    adres = f"{basis_url.rstrip('/')}{rfc.get_absolute_url()}" if basis_url else rfc.get_absolute_url()
    _mailen([(f"Consultatie {rfc.nummer}: {rfc.titel}",
              f"Het wijzigingsverzoek op de afspraken {rfc.nummer} ('{rfc.titel}') raakt uw organisatie "
              f"{d.organisatie.naam}. U kunt tot en met {rfc.consultatie_tot:%d-%m-%Y} reageren in het portaal: "
              f"{adres}", d.contact_email) for d in deelnemers.select_related("organisatie")])


@transaction.atomic
@vereist_recht(Actie.RFC_BEHANDELEN)
def stap_zetten(*, actor, voorstel: Wijzigingsvoorstel, stap: str, toelichting: str = "", advies: str = "",
                besluitvoorstel=None, basis_url: str = "", moment: dt.datetime | None = None) -> Wijzigingsvoorstel:
    """Take one step of the RFC's route (``workflow.OVERGANGEN``), if its agenda's route has it and its guards
    allow it now."""
    overgang = workflow.PER_NAAM.get(stap)
    if overgang is None:
        raise ValidationError({"stap": f"Onbekende stap '{stap}'."})
    if actor is not None and not kan(actor, overgang.actie):
        raise PermissionDenied("Uw rol geeft geen toegang tot deze stap.")
    nu = _nu(moment)
    rfc = (Wijzigingsvoorstel.objects.select_for_update(of=("self",))
           .select_related("agenda__adviesorgaan", "besluitvoorstel__orgaan").get(pk=voorstel.pk))
    context = workflow.Context(actor=actor, moment=nu, datum=_dag(nu), toelichting=toelichting or "",
                               advies=advies or "", besluitvoorstel=besluitvoorstel)
    fouten = workflow.weigeringen(overgang, rfc, context)
    if fouten:
        raise ValidationError(fouten)
    van = rfc.status
    naar = overgang.naar
    if advies.strip():
        rfc.advies = advies.strip()
    if overgang.naam == "consultatie_openen":
        analyse = _analyse_opslaan(rfc, nu)
        rfc.consultatie_analyse = analyse
        rfc.consultatie_van = context.datum
        rfc.consultatie_tot = werkdagen_na(context.datum, rfc.agenda.consultatie_werkdagen)
    elif overgang.naam == "voorleggen":
        rfc.besluitvoorstel = besluitvoorstel or rfc.besluitvoorstel
    elif overgang.naam == "besluit_verwerken":
        bv = rfc.besluitvoorstel
        rfc.besluit = bv.besluit
        rfc.beslist_op = bv.beslist_op or nu
        naar = Status.AANGENOMEN if bv.besluit_id else Status.AFGEWEZEN
    elif overgang.naam == "doorzetten":
        rfc.beslist_op = nu
    rfc.status = naar
    rfc.toelichting = context.toelichting
    rfc.save()
    Stap.objects.create(voorstel=rfc, naam=overgang.naam, van=van, naar=naar, toelichting=context.toelichting,
                        door=_gebruiker(actor), tijdstip=nu)
    vastleggen(actor=actor, actie=f"rfc.{overgang.naam}", obj=rfc, reden=context.toelichting,
               voor={"status": van},
               na={"status": naar, "besluitvoorstel": getattr(rfc.besluitvoorstel, "nummer", None),
                   "besluit": getattr(rfc.besluit, "nummer", None),
                   "consultatie_tot": rfc.consultatie_tot.isoformat() if rfc.consultatie_tot else None})
    if overgang.naam == "consultatie_openen":
        _consultatie_mails(rfc, rfc.consultatie_analyse, basis_url)
    return rfc


# -- consultation --------------------------------------------------------------------------------------------------

def in_consultatie_voor(rfc: Wijzigingsvoorstel, deelnemer_id: int | None) -> bool:
    """Whether the participant was invited to this RFC's consultation (affected on its snapshot)."""
    return bool(deelnemer_id and rfc.consultatie_analyse_id and Getroffene.objects.filter(
        analyse_id=rfc.consultatie_analyse_id, deelnemer_id=deelnemer_id).exists())


@transaction.atomic
@vereist_recht(Actie.RFC_REAGEREN)
def reageren(*, actor, voorstel: Wijzigingsvoorstel, standpunt: str, toelichting: str = "", deelnemer=None,
             moment: dt.datetime | None = None) -> Reactie:
    """An affected participant reacts in the open consultation (RFC-CONSULTATIE); a second reaction replaces the
    first until the round closes. A participant's account reacts for its own participant only."""
    nu = _nu(moment)
    rfc = Wijzigingsvoorstel.objects.select_for_update().get(pk=voorstel.pk)
    gebruiker = _gebruiker(actor)
    deelnemer_id = gebruiker.deelnemer_id if gebruiker is not None else getattr(deelnemer, "pk", None)
    if rfc.status != Status.IN_CONSULTATIE or _dag(nu) > rfc.consultatie_tot:
        raise ValidationError({"standpunt": f"RFC-CONSULTATIE: de consultatie van {rfc.nummer} is niet open."})
    if not in_consultatie_voor(rfc, deelnemer_id):
        raise PermissionDenied("RFC-CONSULTATIE: alleen de getroffen deelnemers reageren in deze consultatie.")
    reactie = Reactie.objects.filter(voorstel=rfc, deelnemer_id=deelnemer_id).first()
    voor = momentopname(reactie, ["standpunt", "toelichting"]) if reactie else {}
    reactie = reactie or Reactie(voorstel=rfc, deelnemer_id=deelnemer_id)
    reactie.standpunt, reactie.toelichting = standpunt, (toelichting or "").strip()
    reactie.door, reactie.gegeven_op = gebruiker, nu
    reactie.full_clean()
    reactie.save()
    vastleggen(actor=actor, actie="rfc.reactie", obj=rfc, voor=voor,
               na={"deelnemer": deelnemer_id, "standpunt": reactie.standpunt})
    return reactie


# -- release -------------------------------------------------------------------------------------------------------

#: a release still open for its contents: once the board approved it, its contents are fixed
RELEASE_OPEN = (ReleaseStatus.CONCEPT, ReleaseStatus.CONSULTATIE)


@transaction.atomic
@vereist_recht(Actie.RFC_BEHANDELEN)
def release_toewijzen(*, actor, voorstel: Wijzigingsvoorstel, release: Release | None,
                      moment: dt.datetime | None = None) -> Wijzigingsvoorstel:
    """Assign an RFC to a release of the afsprakenset, or take it out (``release=None``) (RFC-RELEASE): only a
    release whose contents are still open (draft or in consultation), and never a rejected, withdrawn, forwarded or
    refused RFC."""
    nu = _nu(moment)
    rfc = Wijzigingsvoorstel.objects.select_for_update(of=("self",)).select_related("release").get(pk=voorstel.pk)
    fouten = {}
    if rfc.status in NIET_IN_RELEASE:
        fouten["release"] = [f"RFC-RELEASE: een RFC met status '{rfc.get_status_display().lower()}' komt niet in "
                             "een release."]
    for r in (release, rfc.release):
        if r is not None and r.status not in RELEASE_OPEN:
            fouten.setdefault("release", []).append(
                f"RFC-RELEASE: release {r.nummer} is {r.get_status_display().lower()}; de inhoud ligt vast.")
    if fouten:
        raise ValidationError(fouten)
    voor = getattr(rfc.release, "nummer", None)
    if voor == getattr(release, "nummer", None):
        return rfc
    rfc.release = release
    rfc.save(update_fields=["release"])
    Stap.objects.create(voorstel=rfc, naam="release", van=rfc.status, naar=rfc.status, door=_gebruiker(actor),
                        tijdstip=nu, toelichting=f"Release {release.nummer}" if release else "Uit de release gehaald")
    vastleggen(actor=actor, actie="rfc.release", obj=rfc, voor={"release": voor},
               na={"release": getattr(release, "nummer", None)})
    return rfc
