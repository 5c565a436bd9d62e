"""State changes of the bottleneck list: record (also from a melding), put on the agenda of the right body, change
status and close with the outcome."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import OrgaanSoort
from stelselbeheer.wijzigingen.services import rfc_indienen

from .models import AFGESLOTEN, Knelpunt, KnelpuntStatus

#: KNP-ORGAAN: which kinds of body act on a knelpunt. Outside the framework's reach it needs the broader, strategic
#: approach (seed 002: "vereist een bredere aanpak"); within reach the implementation group (seed 003 §5.1.2) or a
#: working group, a regional one also the regional meeting.
BUITEN_INVLOED = {OrgaanSoort.STUURGROEP, OrgaanSoort.BESTUUR}
BINNEN_LANDELIJK = {OrgaanSoort.IMPLEMENTATIEGROEP, OrgaanSoort.WERKGROEP}
BINNEN_REGIONAAL = BINNEN_LANDELIJK | {OrgaanSoort.REGIONAAL_OVERLEG}


def juiste_organen(knelpunt: Knelpunt) -> set[str]:
    if not knelpunt.binnen_invloed:
        return set(BUITEN_INVLOED)
    return set(BINNEN_REGIONAAL if knelpunt.regio_id else BINNEN_LANDELIJK)


def _toestand(k: Knelpunt) -> dict:
    return {"nummer": k.nummer, "titel": k.titel, "bouwblok": k.bouwblok.nummer, "sector": k.sector,
            "regio": k.regio_id, "binnen_invloed": k.binnen_invloed, "eigenaar": k.eigenaar_id,
            "uitkomstsoort": k.uitkomstsoort, "status": k.status, "melding": k.melding.nummer if k.melding else None,
            "rfc": k.rfc.nummer if k.rfc_id else None}


@transaction.atomic
@vereist_recht(Actie.KNELPUNT_BEHEREN)
def knelpunt_vastleggen(*, actor, titel: str, omschrijving: str, bouwblok, binnen_invloed: bool, eigenaar,
                        uitkomstsoort: str, sector: str = "", regio=None, partners=(), product=None,
                        melding=None) -> Knelpunt:
    """KNP-KLASSIFICATIE: a knelpunt is recorded classified (bouwblok, within reach or not, owner, outcome kind)."""
    if melding is not None and Knelpunt.objects.filter(melding=melding).exists():
        raise ValidationError({"melding": f"Van melding {melding.nummer} is al een knelpunt gemaakt."})
    k = Knelpunt(titel=(titel or "").strip(), omschrijving=(omschrijving or "").strip(), bouwblok=bouwblok,
                 binnen_invloed=binnen_invloed, eigenaar=eigenaar, uitkomstsoort=uitkomstsoort, sector=sector or "",
                 regio=regio, product=product, melding=melding,
                 aangemaakt_door=actor if getattr(actor, "pk", None) else None)
    k.nummer = volgend_jaarnummer(Knelpunt, "K", timezone.localdate().year)
    k.full_clean()
    k.save()
    partners = [p for p in partners if p.pk != eigenaar.pk]
    k.partners.set(partners)
    vastleggen(actor=actor, actie="knelpunt.vastgelegd", obj=k,
               na=_toestand(k) | {"partners": [p.pk for p in partners]})
    return k


@transaction.atomic
@vereist_recht(Actie.KNELPUNT_BEHEREN)
def knelpunt_uit_melding(*, actor, melding, bouwblok, binnen_invloed: bool, eigenaar, uitkomstsoort: str,
                         titel: str = "", omschrijving: str = "", sector: str = "", partners=(),
                         product=None) -> Knelpunt:
    """KNP-MELDING: a melding becomes at most one knelpunt; its subject, text and region are the starting point."""
    return knelpunt_vastleggen(
        actor=actor, titel=titel or melding.onderwerp, omschrijving=omschrijving or melding.omschrijving,
        bouwblok=bouwblok, binnen_invloed=binnen_invloed, eigenaar=eigenaar, uitkomstsoort=uitkomstsoort,
        sector=sector, regio=melding.regio, partners=partners, product=product, melding=melding)


@transaction.atomic
@vereist_recht(Actie.KNELPUNT_BEHEREN, Actie.OVERLEG_BEHEREN)
def knelpunt_agenderen(*, actor, knelpunt: Knelpunt, vergadering, toelichting: str = ""):
    """Put the knelpunt on a planned meeting of a body of the right kind (KNP-ORGAAN); it is then in hand."""
    knelpunt = Knelpunt.objects.select_for_update().get(pk=knelpunt.pk)
    if knelpunt.status in AFGESLOTEN:
        raise ValidationError({"vergadering": "Een afgesloten knelpunt wordt niet meer geagendeerd."})
    soorten = juiste_organen(knelpunt)
    if vergadering.orgaan.soort not in soorten:
        namen = ", ".join(sorted(str(OrgaanSoort(s).label).lower() for s in soorten))
        raise ValidationError({"vergadering": f"Dit knelpunt hoort op de agenda van een {namen}, niet van "
                                              f"{vergadering.orgaan}."})
    punt = ovl.agendapunt_toevoegen(actor=actor, vergadering=vergadering, titel=f"Knelpunt {knelpunt.nummer}: "
                                    f"{knelpunt.titel}"[:200], toelichting=toelichting, onderwerp=knelpunt)
    if knelpunt.status == KnelpuntStatus.OPEN:
        knelpunt.status = KnelpuntStatus.IN_BEHANDELING
        knelpunt.save(update_fields=["status"])
    vastleggen(actor=actor, actie="knelpunt.geagendeerd", obj=knelpunt,
               na={"vergadering": vergadering.pk, "agendapunt": punt.pk, "orgaan": vergadering.orgaan.code})
    return punt


@transaction.atomic
@vereist_recht(Actie.KNELPUNT_BEHEREN)
def knelpunt_status_zetten(*, actor, knelpunt: Knelpunt, status: str, oplossing: str = "") -> Knelpunt:
    """KNP-OPLOSSING: resolved or dropped only with the outcome (what was resolved, or why it was dropped); a closed
    knelpunt stays closed."""
    knelpunt = Knelpunt.objects.select_for_update().get(pk=knelpunt.pk)
    if status not in KnelpuntStatus.values:
        raise ValidationError({"status": "Kies een status uit de lijst."})
    if knelpunt.status in AFGESLOTEN:
        raise ValidationError({"status": f"Dit knelpunt is al {knelpunt.get_status_display().lower()}."})
    if status == knelpunt.status:
        raise ValidationError({"status": "Het knelpunt heeft deze status al."})
    if status in AFGESLOTEN and not (oplossing or "").strip():
        raise ValidationError({"oplossing": "Beschrijf de oplossing, of waarom het knelpunt vervalt."})
    voor = knelpunt.status
    knelpunt.status = status
    if status in AFGESLOTEN:
        knelpunt.oplossing, knelpunt.afgesloten_op = oplossing.strip(), timezone.localdate()
    knelpunt.full_clean()
    knelpunt.save()
    vastleggen(actor=actor, actie="knelpunt.status", obj=knelpunt, voor={"status": voor},
               na={"status": status, "oplossing": knelpunt.oplossing})
    return knelpunt


@transaction.atomic
@vereist_recht(Actie.KNELPUNT_BEHEREN, Actie.RFC_INDIENEN)
def knelpunt_naar_rfc(*, actor, knelpunt: Knelpunt, agenda, voorstel: str, gegevensdiensten=None):
    """KNP-RFC: a knelpunt whose solution is a change of the agreements becomes a change request (RFC) on a development
    agenda, once: the RFC takes the knelpunt's title and text as its problem, staff write the proposed change, and
    the gegevensdiensten it concerns default to those of the knelpunt's product. The knelpunt keeps its own status
    (it is followed to resolution here; the RFC follows its agenda's route) and links to the RFC."""
    knelpunt = Knelpunt.objects.select_for_update().get(pk=knelpunt.pk)
    if knelpunt.rfc_id:
        raise ValidationError({"knelpunt": f"Van knelpunt {knelpunt.nummer} is al wijzigingsverzoek "
                                           f"{knelpunt.rfc.nummer} gemaakt."})
    if knelpunt.status in AFGESLOTEN:
        raise ValidationError({"knelpunt": "Het knelpunt is afgesloten; heropen het niet via een wijzigingsverzoek."})
    if not getattr(actor, "email", ""):
        raise ValidationError({"knelpunt": "Uw account heeft geen e-mailadres; het wijzigingsverzoek vraagt een adres "
                                           "voor de berichten over zijn verloop. Laat het instellen bij Accounts."})
    if gegevensdiensten is None:
        gegevensdiensten = list(knelpunt.product.gegevensdiensten.all()) if knelpunt.product_id else []
    probleem = (f"{knelpunt.omschrijving}\n\nUit knelpunt {knelpunt.nummer} (bouwblok {knelpunt.bouwblok}; "
                f"eigenaar {knelpunt.eigenaar}).")
    rfc = rfc_indienen(actor=actor, agenda=agenda, titel=knelpunt.titel, probleem=probleem, voorstel=voorstel,
                       indiener_naam=actor.get_full_name() or actor.username, indiener_email=actor.email,
                       gegevensdiensten=gegevensdiensten)
    knelpunt.rfc = rfc
    knelpunt.save(update_fields=["rfc"])
    vastleggen(actor=actor, actie="knelpunt.naar_rfc", obj=knelpunt, na={"rfc": rfc.nummer})
    return rfc
