"""The adoption monitor's state changes: the daily snapshot (system only) and the statuses typed in where the
register cannot tell (ADO-HANDMATIG)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.deelnemers.models import DeelnemerRol, RolSoort
from stelselbeheer.implementatie.models import Product
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.organisaties.models import Soort

from .berekening import bereken, lees_register, product_gegevens
from .models import Adoptiestand, Bron, HandmatigeStatus, Momentopname


@transaction.atomic
def momentopname_maken(*, datum: dt.date | None = None, moment: dt.datetime | None = None) -> Momentopname:
    """Record every product's adoption for ``datum`` (today in Amsterdam by default), as the register and the
    published ZAL stand at ``moment`` (now). ADO-MOMENTOPNAME: one snapshot per day; running again the same day
    replaces that day's figures instead of adding a second snapshot. System only (the nightly command)."""
    moment = moment or timezone.now()
    datum = datum or timezone.localdate(moment)
    stand = lees_register(moment)
    opname, nieuw = Momentopname.objects.select_for_update().get_or_create(
        datum=datum, defaults={"gemaakt_op": moment, "zal_volgnummer": stand.zal_volgnummer})
    if not nieuw:
        opname.standen.all().delete()
        opname.gemaakt_op, opname.zal_volgnummer, opname.bron = moment, stand.zal_volgnummer, Bron.REGISTER
        opname.save(update_fields=["gemaakt_op", "zal_volgnummer", "bron"])
    rijen = []
    for product in Product.objects.prefetch_related("gegevensdiensten"):
        sectoren, diensten = product_gegevens(product)
        p = bereken(product_id=product.pk, sectoren=sectoren, diensten=diensten, stand=stand)
        rijen.append(Adoptiestand(momentopname=opname, product=product, aanbieders_live=p.aanbieders_live,
                                  aanbieders_totaal=p.aanbieders_totaal, leveranciers_gereed=p.leveranciers_gereed,
                                  leveranciers_relevant=p.leveranciers_relevant, handmatig=p.handmatig,
                                  detail=p.als_json()))
    Adoptiestand.objects.bulk_create(rijen, batch_size=200)
    vastleggen(actor=None, actie="adoptie.momentopname", obj=opname,
               na={"datum": datum.isoformat(), "producten": len(rijen), "zal": stand.zal_volgnummer,
                   "opnieuw": not nieuw})
    return opname


def _mag_handmatig(product: Product, organisatie) -> None:
    """ADO-HANDMATIG: typed in only where the register cannot tell."""
    heeft_diensten = product.gegevensdiensten.exists()
    if organisatie.soort == Soort.LEVERANCIER:
        is_dva = DeelnemerRol.objects.filter(deelnemer__organisatie=organisatie, rol=RolSoort.DVA).exists()
        if heeft_diensten and is_dva:
            raise ValidationError({"organisatie": (
                "Deze leverancier is DVA-deelnemer: of zijn systeem gereed is volgt uit zijn kwalificaties in het "
                "register en wordt niet handmatig vastgelegd.")})
    elif organisatie.soort == Soort.ZORGAANBIEDER:
        if heeft_diensten:
            raise ValidationError({"organisatie": (
                "Dit product heeft gegevensdiensten: of een zorgaanbieder live is volgt uit de gepubliceerde ZAL "
                "en wordt niet handmatig vastgelegd.")})
    else:
        raise ValidationError({"organisatie": "Kies een zorgaanbieder of een ICT-leverancier."})


@transaction.atomic
@vereist_recht(Actie.ADOPTIE_VASTLEGGEN)
def handmatige_status_vastleggen(*, actor, product: Product, organisatie, live: bool, bron: str,
                                 toelichting: str = "") -> HandmatigeStatus:
    _mag_handmatig(product, organisatie)
    if not (bron or "").strip():
        raise ValidationError({"bron": "Vermeld waar de status vandaan komt."})
    status = HandmatigeStatus.objects.filter(product=product, organisatie=organisatie).first()
    voor = {"live": status.live, "bron": status.bron} if status else None
    status = status or HandmatigeStatus(product=product, organisatie=organisatie)
    status.live, status.bron, status.toelichting, status.vastgelegd_door = live, bron.strip(), toelichting, actor
    status.full_clean()
    status.save()
    vastleggen(actor=actor, actie="adoptie.handmatig_vastgelegd", obj=status, voor=voor,
               na={"product": product.code, "organisatie": organisatie.pk, "live": live, "bron": status.bron})
    return status


@transaction.atomic
@vereist_recht(Actie.ADOPTIE_VASTLEGGEN)
def handmatige_status_verwijderen(*, actor, status: HandmatigeStatus) -> None:
    vastleggen(actor=actor, actie="adoptie.handmatig_verwijderd", obj=status,
               voor={"live": status.live, "bron": status.bron})
    status.delete()
