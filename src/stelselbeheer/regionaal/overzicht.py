"""What a user may see of the regional layer (RSO-EIGEN: a regional user only its own RSO) and the read-side
computations on recorded data: an agreement's terms, the liability cap from its payments, the meeting-frequency
check and the expiring processing agreements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from stelselbeheer.kern.rollen import Actie, Rol, kan, rol_van
from stelselbeheer.organisaties.models import Organisatie, Soort
from stelselbeheer.overleg.models import VergaderStatus

from . import regels
from .models import (
    Betaling,
    Beveiligingsdocument,
    Checklist,
    Deelnemersovereenkomst,
    Leverancierscontract,
    Overeenkomst,
    OvereenkomstStatus,
    RegionaalOverleg,
)

#: RSO-VERWERKER: how long before its end a processing agreement is put on the work list
VERWERKER_SIGNAAL_DAGEN = 90


def zichtbare_rsos(user):
    if not kan(user, Actie.REGIONAAL_LEZEN):
        return Organisatie.objects.none()
    qs = Organisatie.objects.filter(soort=Soort.RSO).select_related("regio")
    if rol_van(user) == Rol.REGIO:
        return qs.filter(pk=user.rso_id) if user.rso_id else qs.none()
    return qs


def zichtbare_overeenkomsten(user):
    return Overeenkomst.objects.filter(rso__in=zichtbare_rsos(user)).select_related("rso", "vsv", "regio")


def zichtbare_overleggen(user):
    return RegionaalOverleg.objects.filter(rso__in=zichtbare_rsos(user)).select_related("orgaan", "rso", "vsv",
                                                                                        "regio")


def checklists(user):
    return (Checklist.objects.filter(rso__in=zichtbare_rsos(user)).select_related("rso", "vsv", "zorgaanbieder")
            .annotate(aantal=Count("stappen"), gereed=Count("stappen", filter=Q(stappen__gereed_op__isnull=False))))


#: RSO-REVIEW: how long before its review date a security document is put on the work list
REVIEW_SIGNAAL_DAGEN = 60


def leverancierscontracten(user, vandaag: dt.date):
    """RSO-LEVERANCIER: the vendor contracts with the last day to give notice before their end date."""
    contracten = list(Leverancierscontract.objects.filter(rso__in=zichtbare_rsos(user))
                      .select_related("rso", "leverancier"))
    for c in contracten:
        c.laatste_opzegdag = regels.laatste_opzegdag(c.einddatum, c.opzegtermijn_maanden, toegestaan=None)
        c.opzeggen_verstreken = c.laatste_opzegdag.dag < vandaag
    return contracten


def reviews_nodig(user, vandaag: dt.date):
    """RSO-REVIEW: security documents due for review within REVIEW_SIGNAAL_DAGEN (or overdue)."""
    return (Beveiligingsdocument.objects.filter(rso__in=zichtbare_rsos(user),
                                                review_voor__lte=vandaag + dt.timedelta(days=REVIEW_SIGNAAL_DAGEN))
            .select_related("rso").order_by("review_voor", "id"))


def tarief_in(dienst, jaar: int):
    """RSO-TARIEF: the tariff in force in ``jaar``: that of the year, else the latest earlier one (history kept)."""
    return dienst.tarieven.filter(jaar__lte=jaar).order_by("-jaar").first()


def mag_beheren(user, rso: Organisatie) -> bool:
    return kan(user, Actie.REGIONAAL_BEHEREN) and (rol_van(user) != Rol.REGIO or user.rso_id == rso.pk)


@dataclass(frozen=True)
class Termen:
    opzegging_vandaag_einde: dt.date | None
    in_opzegtermijn: bool
    laatste_opzegdag: regels.Opzegdatum | None
    overmacht: regels.Overmacht | None
    geschillen: tuple[str, ...] = regels.GESCHILLENREGELING


def termen(ovk: Overeenkomst, vandaag: dt.date, *, gewenst_einde: dt.date | None = None,
           overmacht_sinds: dt.date | None = None) -> Termen:
    """The computed terms of ``ovk`` as of ``vandaag``; ``gewenst_einde`` and ``overmacht_sinds`` are the page's
    what-if questions (the last day to give notice for that end, dissolution after force majeure from that day)."""
    lopend = ovk.status == OvereenkomstStatus.ONDERTEKEND
    return Termen(
        opzegging_vandaag_einde=regels.vroegste_einde(vandaag, ovk.opzegtermijn_maanden) if lopend else None,
        in_opzegtermijn=ovk.status == OvereenkomstStatus.OPGEZEGD and ovk.einddatum is not None
        and vandaag <= ovk.einddatum,
        laatste_opzegdag=regels.laatste_opzegdag(gewenst_einde, ovk.opzegtermijn_maanden) if gewenst_einde else None,
        overmacht=regels.overmacht_ontbinding(overmacht_sinds) if overmacht_sinds else None,
    )


def betalingen_12_maanden(ovk: Overeenkomst, tekortkoming: dt.date, diensten=None) -> Decimal:
    """The payments received under ``ovk`` for ``diensten`` (all: None) in the 12 months before ``tekortkoming``."""
    van, tot = regels.referteperiode(tekortkoming)
    qs = Betaling.objects.filter(overeenkomst=ovk, ontvangen_op__gt=van, ontvangen_op__lte=tot)
    if diensten is not None:
        qs = qs.filter(dienst__in=diensten)
    return qs.aggregate(s=Sum("bedrag"))["s"] or Decimal("0.00")


def aansprakelijkheid(ovk: Overeenkomst, tekortkoming: dt.date, *, diensten=None,
                      uitkering_verzekeraar: Decimal | None = None, opzet: bool = False) -> regels.Limiet:
    """RSO-AANSPRAKELIJK computed from the recorded payments."""
    return regels.aansprakelijkheidslimiet(uitkering_verzekeraar=uitkering_verzekeraar,
                                           betalingen_12_maanden=betalingen_12_maanden(ovk, tekortkoming, diensten),
                                           opzet_of_bewuste_roekeloosheid=opzet)


@dataclass(frozen=True)
class Frequentie:
    overleg: RegionaalOverleg
    aantal: int
    minimum: int

    @property
    def te_weinig(self) -> bool:
        return regels.onder_frequentie(self.overleg.niveau, self.aantal)


def frequentie(overleggen, jaar: int) -> list[Frequentie]:
    """RSO-FREQUENTIE: per regional body the meetings held or planned in ``jaar`` (cancelled ones do not count)
    against the agreed number."""
    qs = overleggen.annotate(aantal=Count("orgaan__vergaderingen", filter=Q(
        orgaan__vergaderingen__begin__year=jaar) & ~Q(orgaan__vergaderingen__status=VergaderStatus.GEANNULEERD)))
    return [Frequentie(o, o.aantal, regels.FREQUENTIE[o.niveau][0]) for o in qs]


def verwerkersovereenkomsten_aflopend(user, vandaag: dt.date):
    """RSO-VERWERKER: members' processing agreements that end within VERWERKER_SIGNAAL_DAGEN (or have ended) while
    the RSO-VSV agreement is in force."""
    grens = vandaag + dt.timedelta(days=VERWERKER_SIGNAAL_DAGEN)
    return (Deelnemersovereenkomst.objects.filter(overeenkomst__in=zichtbare_overeenkomsten(user),
                                                  verwerkersovereenkomst_tot__lte=grens)
            .exclude(overeenkomst__status=OvereenkomstStatus.ONTBONDEN)
            .select_related("deelnemer", "dienst", "overeenkomst").order_by("verwerkersovereenkomst_tot", "id"))
