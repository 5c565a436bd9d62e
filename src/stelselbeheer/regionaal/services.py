"""Every state change of the regional layer: one function per action, keyword-only, in one transaction with its
audit event, guarded by the rights table and scoped: a regional user acts for its own RSO only (RSO-EIGEN).
``actor=None`` is the system itself (demo data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, Rol, rol_van, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer
from stelselbeheer.organisaties.models import Organisatie, OrganisatieRelatie, RelatieSoort, Soort
from stelselbeheer.organisaties.services import relatie_leggen
from stelselbeheer.overleg import services as overleg
from stelselbeheer.overleg.models import OrgaanSoort

from . import regels
from .models import (
    Betaling,
    Beveiligingsdocument,
    Checklist,
    ChecklistSoort,
    Checkstap,
    Contactpersoon,
    Contactpunt,
    Deelnemersovereenkomst,
    Dienst,
    Leverancierscontract,
    Levering,
    Ontbindingsgrond,
    Overeenkomst,
    OvereenkomstStatus,
    Overlegniveau,
    Partij,
    RegionaalOverleg,
    Tarief,
)

#: RSO-AGENDA: the standing agenda items per level (seed 004, bijlage 4)
VASTE_AGENDA = {
    Overlegniveau.STRATEGISCH: ["Jaarlijkse roadmap landelijk beheer (ter informatie)",
                                "Wensen en wijzigingsverzoeken doorontwikkeling viewer (ter goedkeuring)",
                                "Tussentijdse besluitvorming", "Escalaties"],
    Overlegniveau.TACTISCH: ["Proces-issues en aanpassingen", "Wijzigingsverzoeken", "Incidenten en problemen",
                             "Release-management", "(Nieuwe) wet- en regelgeving", "Voortgang projecten",
                             "Advies aanschaf nieuwe functionaliteit of modules"],
    Overlegniveau.OPERATIONEEL: ["Geplande wijzigingen", "Afstemming back-up-procedures",
                                 "Voorbereiden en uitvoeren testen geplande wijzigingen",
                                 "Afstemming over en beheer van de noodprocedure"],
}


def _eigen_rso(actor, rso: Organisatie) -> None:
    """RSO-EIGEN: a regional user acts for its own RSO only."""
    if actor is not None and rol_van(actor) == Rol.REGIO and actor.rso_id != rso.pk:
        raise PermissionDenied("Dit hoort bij een andere RSO dan de uwe.")


def _vandaag(vandaag: dt.date | None) -> dt.date:
    return vandaag or timezone.localdate()


def _opslaan(obj, actor, actie: str, **extra):
    obj.full_clean()
    obj.save()
    vastleggen(actor=actor, actie=actie, obj=obj, na=momentopname(obj), **extra)
    return obj


# -- catalogue and tariffs -----------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def dienst_vastleggen(*, actor, rso: Organisatie, thema: str, omvat: str, plaatsing: str, levering: str) -> Dienst:
    """A theme in ``rso``'s service catalogue."""
    _eigen_rso(actor, rso)
    if rso.soort != Soort.RSO:
        raise ValidationError({"rso": "Alleen een RSO heeft een dienstencatalogus."})
    return _opslaan(Dienst(rso=rso, thema=thema, omvat=omvat, plaatsing=plaatsing, levering=levering), actor,
                    "regionaal.dienst_vastgelegd")


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def tarief_vaststellen(*, actor, dienst: Dienst, jaar: int, bedrag: Decimal, vandaag: dt.date | None = None) -> Tarief:
    """RSO-TARIEF: one tariff per service per year, adjusted yearly (art. 5.2). A coming year's tariff may still be
    changed (before and after are in the audit trail); that of the running or a past year stands: it is history."""
    _eigen_rso(actor, dienst.rso)
    bestaand = Tarief.objects.select_for_update().filter(dienst=dienst, jaar=jaar).first()
    if bestaand is None:
        return _opslaan(Tarief(dienst=dienst, jaar=jaar, bedrag=bedrag), actor, "regionaal.tarief_vastgesteld")
    if jaar <= _vandaag(vandaag).year:
        raise ValidationError({"jaar": f"Het tarief voor {jaar} ligt vast; stel het tarief van een volgend jaar "
                                       f"vast."})
    voor = momentopname(bestaand)
    bestaand.bedrag = bedrag
    bestaand.full_clean()
    bestaand.save()
    vastleggen(actor=actor, actie="regionaal.tarief_gewijzigd", obj=bestaand, voor=voor, na=momentopname(bestaand))
    return bestaand


# -- agreements ----------------------------------------------------------------------------------------------------

def _vergrendeld(overeenkomst: Overeenkomst) -> Overeenkomst:
    return Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def overeenkomst_opstellen(*, actor, rso: Organisatie, vsv: Organisatie, opzegtermijn_maanden: int,
                           optionele_diensten=(), regio=None) -> Overeenkomst:
    """The RSO drafts an agreement with a VSV after the model; the region is the VSV's unless named."""
    _eigen_rso(actor, rso)
    fouten = {}
    if rso.soort != Soort.RSO:
        fouten["rso"] = "De eerste partij is een RSO."
    if vsv.soort != Soort.VSV:
        fouten["vsv"] = "De tweede partij is een VSV."
    regio = regio or vsv.regio
    if regio is None:
        fouten["regio"] = "Kies de regio waarin de RSO het VSV bedient."
    onjuist = [d.thema for d in optionele_diensten if d.rso_id != rso.pk or d.levering != Levering.OPTIONEEL]
    if onjuist:
        fouten["optionele_diensten"] = (f"Kies alleen optionele diensten uit de catalogus van {rso}: "
                                        f"{', '.join(onjuist)}.")
    if fouten:
        raise ValidationError(fouten)
    ovk = Overeenkomst(rso=rso, vsv=vsv, regio=regio, opzegtermijn_maanden=opzegtermijn_maanden,
                       aangemaakt_door=actor if getattr(actor, "pk", None) else None)
    ovk.full_clean(exclude=["nummer"])
    ovk.nummer = volgend_jaarnummer(Overeenkomst, "OVK", timezone.now().year)
    ovk.save()
    ovk.optionele_diensten.set(optionele_diensten)
    vastleggen(actor=actor, actie="regionaal.overeenkomst_opgesteld", obj=ovk,
               na=momentopname(ovk) | {"optionele_diensten": sorted(d.pk for d in optionele_diensten)})
    return ovk


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def contactpersoon_toevoegen(*, actor, overeenkomst: Overeenkomst, partij: str, organisatie: str, naam: str,
                             functie: str, telefoon: str, email: str) -> Contactpersoon:
    """A contact person of one party (art. 4.1: the VSV's aanspreekpunt digitale gegevensuitwisseling)."""
    _eigen_rso(actor, overeenkomst.rso)
    return _opslaan(Contactpersoon(overeenkomst=overeenkomst, partij=partij, organisatie=organisatie, naam=naam,
                                   functie=functie, telefoon=telefoon, email=email), actor,
                    "regionaal.contactpersoon_toegevoegd")


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def overeenkomst_ondertekenen(*, actor, overeenkomst: Overeenkomst, partij: str, naam: str, functie: str,
                              plaats: str, datum: dt.date, vandaag: dt.date | None = None) -> Overeenkomst:
    """RSO-ONDERTEKENING: record one party's signature. When both have signed the agreement is in force from the
    later date (art. 6.1) and the RSO serves the VSV (the relation in the organisations register). Signing needs
    the VSV's contact person (art. 4.1)."""
    ovk = _vergrendeld(overeenkomst)
    _eigen_rso(actor, ovk.rso)
    fouten = {}
    if ovk.status != OvereenkomstStatus.CONCEPT:
        raise ValidationError({"partij": "Deze overeenkomst is al door beide partijen ondertekend."})
    if partij not in Partij.values:
        fouten["partij"] = "Kies de partij die tekent."
    elif getattr(ovk, f"{partij}_getekend_op"):
        fouten["partij"] = f"De {Partij(partij).label} heeft al getekend."
    if not (naam or "").strip():
        fouten["naam"] = "Vul de naam van de ondertekenaar in."
    if not (functie or "").strip():
        fouten["functie"] = "Vul de functie van de ondertekenaar in."
    if datum and datum > _vandaag(vandaag):
        fouten["datum"] = "De datum van ondertekening ligt niet in de toekomst."
    if not ovk.contactpersonen.filter(partij=Partij.VSV).exists():
        fouten["__all__"] = ("Leg eerst het aanspreekpunt digitale gegevensuitwisseling van het VSV vast "
                             "(art. 4.1).")
    if fouten:
        raise ValidationError(fouten)
    voor = momentopname(ovk)
    setattr(ovk, f"{partij}_ondertekenaar", naam.strip())
    setattr(ovk, f"{partij}_functie", functie.strip())
    setattr(ovk, f"{partij}_plaats", (plaats or "").strip())
    setattr(ovk, f"{partij}_getekend_op", datum)
    if ovk.rso_getekend_op and ovk.vsv_getekend_op:
        ovk.status = OvereenkomstStatus.ONDERTEKEND
        ovk.ingangsdatum = max(ovk.rso_getekend_op, ovk.vsv_getekend_op)
        if not OrganisatieRelatie.objects.filter(van=ovk.rso, naar=ovk.vsv, soort=RelatieSoort.BEDIENT).exists():
            relatie_leggen(actor=actor, van=ovk.rso, naar=ovk.vsv, soort=RelatieSoort.BEDIENT,
                           sinds=ovk.ingangsdatum, reden=f"Overeenkomst {ovk.nummer} ondertekend")
    ovk.full_clean()
    ovk.save()
    vastleggen(actor=actor, actie="regionaal.overeenkomst_ondertekend", obj=ovk, voor=voor, na=momentopname(ovk),
               omschrijving=f"{ovk.nummer}: getekend door {Partij(partij).label}")
    return ovk


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def overeenkomst_opzeggen(*, actor, overeenkomst: Overeenkomst, door: str, ontvangen_op: dt.date,
                          einddatum: dt.date | None = None) -> Overeenkomst:
    """RSO-OPZEG: notice by registered letter, received on ``ontvangen_op``. The agreement ends on ``einddatum``
    (default: the earliest the notice period allows); an earlier end date than the period allows is refused."""
    ovk = _vergrendeld(overeenkomst)
    _eigen_rso(actor, ovk.rso)
    if ovk.status != OvereenkomstStatus.ONDERTEKEND:
        raise ValidationError({"door": "Alleen een ondertekende, niet opgezegde overeenkomst kan worden opgezegd."})
    if door not in Partij.values:
        raise ValidationError({"door": "Kies de partij die opzegt."})
    if ontvangen_op < ovk.ingangsdatum:
        raise ValidationError({"ontvangen_op": "De opzegging ligt niet vóór de ingangsdatum."})
    vroegst = regels.vroegste_einde(ontvangen_op, ovk.opzegtermijn_maanden)
    einddatum = einddatum or vroegst
    if einddatum < vroegst:
        raise ValidationError({"einddatum": f"Met een opzegtermijn van {ovk.opzegtermijn_maanden} maanden eindigt "
                                            f"de overeenkomst op zijn vroegst op {vroegst:%d-%m-%Y}."})
    voor = momentopname(ovk)
    ovk.status, ovk.opgezegd_door = OvereenkomstStatus.OPGEZEGD, door
    ovk.opzegging_ontvangen_op, ovk.einddatum = ontvangen_op, einddatum
    ovk.full_clean()
    ovk.save()
    vastleggen(actor=actor, actie="regionaal.overeenkomst_opgezegd", obj=ovk, voor=voor, na=momentopname(ovk))
    return ovk


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def overeenkomst_ontbinden(*, actor, overeenkomst: Overeenkomst, grond: str, datum: dt.date,
                           overmacht_sinds: dt.date | None = None) -> Overeenkomst:
    """Dissolution by registered letter (art. 6.3) or on force majeure, not before 15 working days (RSO-OVERMACHT)."""
    ovk = _vergrendeld(overeenkomst)
    _eigen_rso(actor, ovk.rso)
    if ovk.status not in {OvereenkomstStatus.ONDERTEKEND, OvereenkomstStatus.OPGEZEGD}:
        raise ValidationError({"grond": "Alleen een overeenkomst in werking kan worden ontbonden."})
    if grond not in Ontbindingsgrond.values:
        raise ValidationError({"grond": "Kies een grond uit de overeenkomst."})
    if grond == Ontbindingsgrond.OVERMACHT:
        if overmacht_sinds is None:
            raise ValidationError({"overmacht_sinds": "Vul de datum in waarop de overmacht ontstond."})
        termijn = regels.overmacht_ontbinding(overmacht_sinds)
        if datum < termijn.ontbinding_vanaf:
            raise ValidationError({"datum": f"Ontbinding wegens overmacht kan pas vanaf "
                                            f"{termijn.ontbinding_vanaf:%d-%m-%Y} ({termijn.basis})."})
    voor = momentopname(ovk)
    ovk.status, ovk.ontbindingsgrond, ovk.overmacht_sinds = OvereenkomstStatus.ONTBONDEN, grond, overmacht_sinds
    ovk.einddatum = datum
    ovk.full_clean()
    ovk.save()
    vastleggen(actor=actor, actie="regionaal.overeenkomst_ontbonden", obj=ovk, voor=voor, na=momentopname(ovk))
    return ovk


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def betaling_vastleggen(*, actor, overeenkomst: Overeenkomst, dienst: Dienst, ontvangen_op: dt.date,
                        bedrag: Decimal, omschrijving: str = "") -> Betaling:
    """A payment received for a service of this agreement (the base of RSO-AANSPRAKELIJK)."""
    _eigen_rso(actor, overeenkomst.rso)
    if dienst.rso_id != overeenkomst.rso_id:
        raise ValidationError({"dienst": "Kies een dienst uit de catalogus van de RSO van deze overeenkomst."})
    return _opslaan(Betaling(overeenkomst=overeenkomst, dienst=dienst, ontvangen_op=ontvangen_op, bedrag=bedrag,
                             omschrijving=omschrijving), actor, "regionaal.betaling_vastgelegd")


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def deelnemersovereenkomst_vastleggen(*, actor, overeenkomst: Overeenkomst, deelnemer: Organisatie, dienst: Dienst,
                                      ingangsdatum: dt.date, verwerker: str,
                                      verwerkersovereenkomst_tot: dt.date) -> Deelnemersovereenkomst:
    """RSO-RECHTSTREEKS: a service delivered directly to a member of the VSV needs the member's own agreement with a
    processing agreement (art. 3.3); the member must be a member of this agreement's VSV."""
    _eigen_rso(actor, overeenkomst.rso)
    fouten = {}
    if dienst.rso_id != overeenkomst.rso_id or dienst.levering != Levering.RECHTSTREEKS:
        fouten["dienst"] = "Kies een dienst die de RSO rechtstreeks aan deelnemers levert (bijlage 4)."
    if not OrganisatieRelatie.objects.filter(van=deelnemer, naar=overeenkomst.vsv,
                                             soort=RelatieSoort.LID_VAN).exists():
        fouten["deelnemer"] = f"{deelnemer} is geen lid van {overeenkomst.vsv}."
    if fouten:
        raise ValidationError(fouten)
    return _opslaan(Deelnemersovereenkomst(overeenkomst=overeenkomst, deelnemer=deelnemer, dienst=dienst,
                                           ingangsdatum=ingangsdatum, verwerker=verwerker,
                                           verwerkersovereenkomst_tot=verwerkersovereenkomst_tot),
                    actor, "regionaal.deelnemersovereenkomst_vastgelegd")


# -- regional meetings ---------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def regionaal_overleg_instellen(*, actor, rso: Organisatie, niveau: str, code: str, naam: str,
                                vsv: Organisatie | None = None) -> RegionaalOverleg:
    """A regional meeting body (an ``overleg.Orgaan`` of kind regionaal_overleg) tied to the RSO's region; the
    operational level belongs to one VSV. Its schedule is public (its agendas are not), so the RSO's users and the
    members subscribe to its iCalendar feed."""
    _eigen_rso(actor, rso)
    if niveau == Overlegniveau.OPERATIONEEL and vsv is None:
        raise ValidationError({"vsv": "Het operationele overleg is dat van een VSV: kies het VSV."})
    if vsv is not None and vsv.soort != Soort.VSV:
        raise ValidationError({"vsv": "Kies een VSV."})
    if rso.regio_id is None:
        raise ValidationError({"rso": "De RSO heeft geen regio."})
    omschrijving = f"{Overlegniveau(niveau).label}, {regels.FREQUENTIE[niveau][0]}x per jaar (seed 004, bijlage 4)."
    orgaan = overleg.orgaan_aanmaken(actor=actor, code=code, naam=naam, soort=OrgaanSoort.REGIONAAL_OVERLEG,
                                     omschrijving=omschrijving, openbaar=True)
    return _opslaan(RegionaalOverleg(orgaan=orgaan, niveau=niveau, rso=rso, vsv=vsv, regio_id=rso.regio_id), actor,
                    "regionaal.overleg_ingesteld")


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def regionale_vergadering_plannen(*, actor, regionaal_overleg: RegionaalOverleg, begin: dt.datetime,
                                  einde: dt.datetime, plaats: str = "", online_link: str = ""):
    """A meeting of a regional body with its standing agenda items (RSO-AGENDA)."""
    _eigen_rso(actor, regionaal_overleg.rso)
    vergadering = overleg.vergadering_plannen(actor=actor, orgaan=regionaal_overleg.orgaan, begin=begin, einde=einde,
                                              plaats=plaats, online_link=online_link)
    for titel in VASTE_AGENDA[regionaal_overleg.niveau]:
        overleg.agendapunt_toevoegen(actor=actor, vergadering=vergadering, titel=titel)
    return vergadering


# -- checklists: the VSV's step plan and a new provider's onboarding ---------------------------------------------------

#: RSO-STAPPENPLAN: the steps of seed 004, bijlage 5 (VSV) and of the theme "Nieuwe zorgaanbieder aansluiten"
STAPPEN = {
    ChecklistSoort.STAPPENPLAN_VSV: [
        "Mandaat voor financiën (penningmeester) en aanspreekpunt digitale gegevensuitwisseling binnen het VSV",
        "De penningmeester ontvangt jaarlijks de gelden voor digitale gegevensuitwisseling",
        "Contract met de RSO (modelovereenkomst RSO-VSV)",
        "Contract met de viewer (eventueel uitbesteed aan de RSO, dan in het contract met de RSO)",
        "Het aanspreekpunt regisseert het operationele overleg van het VSV met de aangesloten zorgorganisaties",
        "Het aanspreekpunt is lid van de regionale gebruikersgroep",
    ],
    ChecklistSoort.AANSLUITING: [
        "Intake: enkele aansluiting in een bestaande samenwerking (groter: aparte afspraken)",
        "Lid van het VSV vastgelegd",
        "Eigen overeenkomst en verwerkersovereenkomst voor rechtstreekse diensten",
        "Technische aansluiting volgens de landelijke implementatiehandleiding",
        "Training van de gebruikers met het landelijke trainingsmateriaal",
        "Aanspreekpunt van de zorgaanbieder aangewezen en deelname aan het operationele overleg",
    ],
}
#: the default target: one step every four weeks from the start
STAP_WEKEN = 4


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def checklist_starten(*, actor, soort: str, rso: Organisatie, vsv: Organisatie, gestart_op: dt.date,
                      eigenaar: str = "", zorgaanbieder: Organisatie | None = None) -> Checklist:
    """RSO-STAPPENPLAN: a checklist with the steps of its kind, each with an owner and a target date."""
    _eigen_rso(actor, rso)
    if soort == ChecklistSoort.AANSLUITING and zorgaanbieder is None:
        raise ValidationError({"zorgaanbieder": "Kies de zorgaanbieder die aansluit."})
    if vsv.soort != Soort.VSV:
        raise ValidationError({"vsv": "Kies een VSV."})
    checklist = _opslaan(Checklist(soort=soort, rso=rso, vsv=vsv, zorgaanbieder=zorgaanbieder,
                                   gestart_op=gestart_op), actor, "regionaal.checklist_gestart")
    Checkstap.objects.bulk_create([
        Checkstap(checklist=checklist, volgorde=i, omschrijving=tekst, eigenaar=eigenaar,
                  streefdatum=gestart_op + dt.timedelta(weeks=STAP_WEKEN * i))
        for i, tekst in enumerate(STAPPEN[soort], start=1)])
    return checklist


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def checkstap_bijwerken(*, actor, stap: Checkstap, eigenaar: str, streefdatum: dt.date | None,
                        gereed_op: dt.date | None, vandaag: dt.date | None = None) -> Checkstap:
    """Owner, target date and completion of one step; completion is not in the future."""
    stap = Checkstap.objects.select_for_update().select_related("checklist__rso").get(pk=stap.pk)
    _eigen_rso(actor, stap.checklist.rso)
    if gereed_op and gereed_op > _vandaag(vandaag):
        raise ValidationError({"gereed_op": "De datum waarop de stap gereed was, ligt niet in de toekomst."})
    voor = momentopname(stap)
    stap.eigenaar, stap.streefdatum, stap.gereed_op = eigenaar, streefdatum, gereed_op
    stap.full_clean()
    stap.save()
    vastleggen(actor=actor, actie="regionaal.checkstap_bijgewerkt", obj=stap, voor=voor, na=momentopname(stap))
    return stap


# -- contact points, vendor contracts, security documents --------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def contactpunt_vastleggen(*, actor, rso: Organisatie, organisatie: Organisatie, soort: str, naam: str,
                           email: str, telefoon: str = "") -> Contactpunt:
    """The helpdesk, contract or security contact of the RSO itself or of a VSV."""
    _eigen_rso(actor, rso)
    if organisatie.pk != rso.pk and organisatie.soort != Soort.VSV:
        raise ValidationError({"organisatie": "Kies de RSO zelf of een VSV."})
    return _opslaan(Contactpunt(rso=rso, organisatie=organisatie, soort=soort, naam=naam, telefoon=telefoon,
                                email=email), actor, "regionaal.contactpunt_vastgelegd")


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def leverancierscontract_vastleggen(*, actor, rso: Organisatie, leverancier: Organisatie, onderwerp: str,
                                    ingangsdatum: dt.date, einddatum: dt.date, opzegtermijn_maanden: int,
                                    verwerkersovereenkomst: bool = True) -> Leverancierscontract:
    """A contract of the RSO with a vendor (the viewer, ZNO), with its term and notice period."""
    _eigen_rso(actor, rso)
    if leverancier.soort != Soort.LEVERANCIER:
        raise ValidationError({"leverancier": "Kies een ICT-leverancier."})
    return _opslaan(Leverancierscontract(rso=rso, leverancier=leverancier, onderwerp=onderwerp,
                                         ingangsdatum=ingangsdatum, einddatum=einddatum,
                                         opzegtermijn_maanden=opzegtermijn_maanden,
                                         verwerkersovereenkomst=verwerkersovereenkomst),
                    actor, "regionaal.leverancierscontract_vastgelegd")


@transaction.atomic
@vereist_recht(Actie.REGIONAAL_BEHEREN)
def beveiligingsdocument_vastleggen(*, actor, rso: Organisatie, soort: str, titel: str, vastgesteld_op: dt.date,
                                    review_voor: dt.date) -> Beveiligingsdocument:
    """An information-security document (DPIA, log access, risk analysis, audit) with its review date."""
    _eigen_rso(actor, rso)
    return _opslaan(Beveiligingsdocument(rso=rso, soort=soort, titel=titel, vastgesteld_op=vastgesteld_op,
                                         review_voor=review_voor), actor, "regionaal.beveiligingsdocument_vastgelegd")
