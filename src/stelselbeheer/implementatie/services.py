"""Every state change of the implementation monitor: products, scores of the acceptance criteria, phase decisions,
frontrunners, the responsibility table, WSJF inputs and orderings, risks. One function per action, keyword-only,
in one transaction with its audit event; ``actor=None`` is the system (demo data, tests).

A phase change (``fasebesluit_nemen``) is the implementation group's decision (IMP-BESLUIT): a voting member of a
body of kind ``implementatiegroep`` takes it in or after a meeting where the product is on the agenda, or staff
record it after that meeting was held. It is refused, per criterion, while one of the six acceptance criteria is
not scored as met for the target phase (IMP-CRITERIA).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, kan, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer
from stelselbeheer.overleg.models import AMSTERDAM, OrgaanSoort, Vergadering, VergaderStatus
from stelselbeheer.overleg.workflow import stemgerechtigd

from . import standaard, wsjf
from .models import (
    FASEVOLGORDE,
    Beoordeling,
    Fase,
    Fasebesluit,
    Koploper,
    Oordeel,
    Product,
    Risico,
    Taak,
    Volgorderegel,
    Volgorderun,
    WsjfInvoer,
    verwachting_voor,
    volgende_fase,
)
from .taken import past_bij_partij


def _gebruiker(actor):
    return actor if getattr(actor, "pk", None) else None


def _nu(moment: dt.datetime | None) -> dt.datetime:
    return moment or timezone.now()


def _dag(moment: dt.datetime) -> dt.date:
    return moment.astimezone(AMSTERDAM).date()


def _wijzig(obj, wijzigingen: dict, toegestaan: set[str]) -> tuple[dict, dict, list[str]]:
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise ValidationError({veld: "Dit veld kan hier niet worden gewijzigd." for veld in sorted(onbekend)})
    voor = momentopname(obj)
    for veld, waarde in wijzigingen.items():
        setattr(obj, veld, waarde)
    obj.full_clean()
    na = momentopname(obj)
    return voor, na, sorted(k for k in na if na[k] != voor.get(k))


# -- portfolio ------------------------------------------------------------------------------------------------------

def _voorwaarden_geldig(product: Product, voorwaarde_voor) -> None:
    if any(p.pk == product.pk for p in voorwaarde_voor):
        raise ValidationError({"voorwaarde_voor": "IMP-VOORWAARDE: een product is geen voorwaarde voor zichzelf."})


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def product_aanmaken(*, actor, code: str, naam: str, eigenaar: str, soort: str = "product", omschrijving: str = "",
                     sectoren: list[str] | None = None, gegevensdiensten=(), wettelijk_verplicht: bool = False,
                     voorwaarde_voor=(), moment: dt.datetime | None = None) -> Product:
    """A new product enters the portfolio in the intake phase (IMP-FASEVOLGORDE: every product starts there)."""
    product = Product(code=code, naam=naam, eigenaar=eigenaar, soort=soort, omschrijving=omschrijving,
                      sectoren=list(sectoren or []), wettelijk_verplicht=wettelijk_verplicht, fase=Fase.INTAKE,
                      fase_sinds=_dag(_nu(moment)))
    product.full_clean()
    product.save()
    product.gegevensdiensten.set(gegevensdiensten)
    product.voorwaarde_voor.set(voorwaarde_voor)
    vastleggen(actor=actor, actie="product.aangemaakt", obj=product, na=momentopname(product) | {
        "gegevensdiensten": sorted(g.pk for g in gegevensdiensten),
        "voorwaarde_voor": sorted(p.code for p in voorwaarde_voor)})
    return product


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def product_wijzigen(*, actor, product: Product, wijzigingen: dict, reden: str = "",
                     moment: dt.datetime | None = None) -> Product:
    """Name, owner, sectors, services, legal obligation and preconditions; the phase changes only by a phase
    decision (IMP-BESLUIT). A change in what WSJF derives from the product re-runs the ordering."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    wijzigingen = dict(wijzigingen)
    diensten = wijzigingen.pop("gegevensdiensten", None)
    voorwaarden = wijzigingen.pop("voorwaarde_voor", None)
    voor, na, gewijzigd = _wijzig(product, wijzigingen, {"naam", "soort", "omschrijving", "eigenaar", "sectoren",
                                                         "wettelijk_verplicht"})
    if diensten is not None:
        oud, nieuw = sorted(product.gegevensdiensten.values_list("pk", flat=True)), sorted(d.pk for d in diensten)
        if oud != nieuw:
            voor["gegevensdiensten"], na["gegevensdiensten"] = oud, nieuw
            gewijzigd.append("gegevensdiensten")
    if voorwaarden is not None:
        voorwaarden = list(voorwaarden)
        _voorwaarden_geldig(product, voorwaarden)
        oud = sorted(product.voorwaarde_voor.values_list("code", flat=True))
        nieuw = sorted(p.code for p in voorwaarden)
        if oud != nieuw:
            voor["voorwaarde_voor"], na["voorwaarde_voor"] = oud, nieuw
            gewijzigd.append("voorwaarde_voor")
    if not gewijzigd:
        return product
    product.save()
    if diensten is not None:
        product.gegevensdiensten.set(diensten)
    if voorwaarden is not None:
        product.voorwaarde_voor.set(voorwaarden)
    vastleggen(actor=actor, actie="product.gewijzigd", obj=product, reden=reden,
               voor={k: voor.get(k) for k in gewijzigd}, na={k: na.get(k) for k in gewijzigd})
    if {"wettelijk_verplicht", "voorwaarde_voor"} & set(gewijzigd):
        _herberekenen(actor=actor, aanleiding=f"{product.naam} gewijzigd", moment=moment)
    return product


# -- acceptance criteria and phase decisions ----------------------------------------------------------------------

def _criteria():
    return standaard.criteria()


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def criteria_beoordelen(*, actor, product: Product, oordelen: dict[str, dict],
                        moment: dt.datetime | None = None) -> list[Beoordeling]:
    """Record the hand-over conversation towards the product's next phase: per criterion (by code) its score, the
    findings and the open issues. Criteria not named keep their score. A score other than met needs its open issues
    (IMP-OPENPUNTEN): what is not there yet is written down."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    naar = volgende_fase(product.fase)
    if naar is None:
        raise ValidationError({"fase": "Dit product is in de laatste fase; er valt niets meer te beoordelen."})
    nu = _nu(moment)
    per_code = {c.code: c for c in _criteria()}
    fouten: dict[str, list[str]] = {}
    for code, waarden in oordelen.items():
        veld = f"criterium_{code}"
        criterium = per_code.get(code)
        if criterium is None:
            fouten[veld] = [f"Onbekend criterium '{code}'."]
            continue
        if waarden.get("oordeel") not in Oordeel.values:
            fouten.setdefault(veld, []).append(f"{criterium.naam}: kies voldaan, gedeeltelijk of niet voldaan.")
        if not (waarden.get("bevindingen") or "").strip():
            fouten.setdefault(veld, []).append(f"{criterium.naam}: leg de bevindingen vast.")
        if waarden.get("oordeel") in (Oordeel.DEELS, Oordeel.NIET) and not (
                waarden.get("openstaande_punten") or "").strip():
            fouten.setdefault(veld, []).append(f"IMP-OPENPUNTEN: {criterium.naam}: noem de openstaande punten "
                                               "als het criterium niet (geheel) is voldaan.")
    if fouten:
        raise ValidationError(fouten)
    uit = []
    for code, waarden in oordelen.items():
        criterium = per_code[code]
        rij = Beoordeling.objects.filter(product=product, fase=naar, criterium=criterium).first()
        voor = momentopname(rij) if rij else None
        rij = rij or Beoordeling(product=product, fase=naar, criterium=criterium)
        rij.oordeel = waarden["oordeel"]
        rij.bevindingen = waarden["bevindingen"].strip()
        rij.openstaande_punten = (waarden.get("openstaande_punten") or "").strip()
        rij.beoordeeld_door, rij.beoordeeld_op = _gebruiker(actor), nu
        try:
            rij.full_clean()
        except ValidationError as e:
            raise ValidationError({f"criterium_{code}": [f"{criterium.naam}: {m}" for m in e.messages]}) from e
        na = momentopname(rij)
        if voor and all(voor.get(k) == na.get(k) for k in ("oordeel", "bevindingen", "openstaande_punten")):
            uit.append(rij)
            continue
        rij.save()
        vastleggen(actor=actor, actie="beoordeling.vastgelegd", obj=rij, voor=voor, na=momentopname(rij),
                   omschrijving=f"{product.naam}: {criterium.naam} ({Fase(naar).label.lower()})")
        uit.append(rij)
    return uit


def beslist_als(actor, orgaan, datum: dt.date) -> str | None:
    """IMP-BESLUIT: "lid" when ``actor`` is a voting member of ``orgaan`` on ``datum`` (they decide), "vastlegging"
    for staff who record the group's decision (and the system), None for anyone else."""
    if actor is not None and stemgerechtigd(actor, orgaan, datum):
        return "lid"
    if actor is None or kan(actor, Actie.IMPLEMENTATIE_BEHEREN):
        return "vastlegging"
    return None


def _geen_lid(orgaan, datum: dt.date) -> str:
    return (f"IMP-BESLUIT: alleen een stemgerechtigd lid van {orgaan} neemt dit besluit; u bent dat op "
            f"{datum:%d-%m-%Y} niet.")


def fase_bezwaren(*, actor, product: Product, naar_fase: str, vergadering: Vergadering | None,
                  moment: dt.datetime | None = None) -> dict[str, list[str]]:
    """Every reason why ``actor`` cannot move ``product`` to ``naar_fase`` in/after ``vergadering`` now, per field
    (``criterium_<code>`` per unmet criterion); empty when it can. Reads only: the pages show it before the form."""
    nu = _nu(moment)
    fouten: dict[str, list[str]] = {}
    if naar_fase != volgende_fase(product.fase):
        volgende = volgende_fase(product.fase)
        fouten["naar_fase"] = [
            f"IMP-FASEVOLGORDE: {product.naam} is in {product.get_fase_display().lower()}; "
            + (f"de volgende fase is {Fase(volgende).label.lower()}." if volgende else "dat is de laatste fase.")]
    if vergadering is None:
        fouten["vergadering"] = ["Kies de vergadering van de implementatiegroep waarin is besloten."]
    else:
        orgaan = vergadering.orgaan
        if orgaan.soort != OrgaanSoort.IMPLEMENTATIEGROEP:
            fouten.setdefault("vergadering", []).append(
                f"IMP-BESLUIT: {orgaan} is geen implementatiegroep; een fasewijziging is een besluit van de "
                "implementatiegroep.")
        if vergadering.status == VergaderStatus.GEANNULEERD:
            fouten.setdefault("vergadering", []).append(f"De vergadering {vergadering} is geannuleerd.")
        elif not vergadering.is_begonnen(nu):
            fouten.setdefault("vergadering", []).append(
                f"IMP-VERGADERING: de implementatiegroep besluit in of na de vergadering; {vergadering} is nog "
                "niet begonnen.")
        if not vergadering.agendapunten.filter(onderwerp_type__app_label="implementatie",
                                               onderwerp_type__model="product", onderwerp_id=product.pk).exists():
            fouten.setdefault("vergadering", []).append(
                f"IMP-AGENDA: {product.naam} staat niet op de agenda van {vergadering}.")
        als = beslist_als(actor, orgaan, _dag(nu))
        if als is None:
            fouten.setdefault("vergadering", []).append(_geen_lid(orgaan, _dag(nu)))
        elif als == "vastlegging" and vergadering.status != VergaderStatus.GEHOUDEN:
            fouten.setdefault("vergadering", []).append(
                "IMP-VASTLEGGEN: de uitvoeringsorganisatie legt een fasebesluit pas vast als de vergadering waarin "
                "het is genomen als gehouden is geregistreerd.")
    if naar_fase in FASEVOLGORDE and naar_fase != Fase.INTAKE:
        scores = {b.criterium_id: b for b in product.beoordelingen.filter(fase=naar_fase)}
        for c in _criteria():
            b = scores.get(c.pk)
            if b is None:
                fouten[f"criterium_{c.code}"] = [f"IMP-CRITERIA: {c.naam} is nog niet beoordeeld voor "
                                                 f"{Fase(naar_fase).label.lower()}."]
            elif b.oordeel != Oordeel.VOLDAAN:
                fouten[f"criterium_{c.code}"] = [
                    f"IMP-CRITERIA: {c.naam} is {b.get_oordeel_display().lower()} (verwacht: "
                    f"{verwachting_voor(c, naar_fase)}). Open: {b.openstaande_punten or '-'}"]
        if naar_fase == Fase.KOPLOPERS and not product.koplopers.exists():
            fouten["koplopers"] = ["IMP-KOPLOPERS: kies eerst de koplopers waarmee de implementatie begint."]
    return fouten


@transaction.atomic
@vereist_recht(Actie.FASE_BESLUITEN)
def fasebesluit_nemen(*, actor, product: Product, naar_fase: str, vergadering: Vergadering, toelichting: str = "",
                      moment: dt.datetime | None = None) -> Fasebesluit:
    """The implementation group moves ``product`` one phase on (IMP-BESLUIT, IMP-FASEVOLGORDE, IMP-CRITERIA)."""
    nu = _nu(moment)
    product = Product.objects.select_for_update().get(pk=product.pk)
    vergadering = Vergadering.objects.select_related("orgaan").get(pk=vergadering.pk)
    als = beslist_als(actor, vergadering.orgaan, _dag(nu))
    if als is None:
        raise PermissionDenied(_geen_lid(vergadering.orgaan, _dag(nu)))
    bezwaren = fase_bezwaren(actor=actor, product=product, naar_fase=naar_fase, vergadering=vergadering, moment=nu)
    if bezwaren:
        raise ValidationError(bezwaren)
    lid = als == "lid"
    criteria = [{"criterium": b.criterium.code, "naam": b.criterium.naam,
                 "verwachting": verwachting_voor(b.criterium, naar_fase), "oordeel": b.oordeel,
                 "bevindingen": b.bevindingen, "openstaande_punten": b.openstaande_punten}
                for b in product.beoordelingen.filter(fase=naar_fase).select_related("criterium")
                .prefetch_related("criterium__verwachtingen").order_by("criterium__volgorde")]
    besluit = Fasebesluit(nummer=volgend_jaarnummer(Fasebesluit, "F", _dag(nu).year), product=product,
                          van_fase=product.fase, naar_fase=naar_fase, vergadering=vergadering,
                          besloten_door=_gebruiker(actor) if lid else None, vastgelegd_door=_gebruiker(actor),
                          vastgelegd_op=nu, toelichting=(toelichting or "").strip(), criteria=criteria)
    besluit.full_clean()
    besluit.save()
    van = product.fase
    product.fase, product.fase_sinds = naar_fase, _dag(vergadering.begin if vergadering.begin <= nu else nu)
    product.save(update_fields=["fase", "fase_sinds"])
    vastleggen(actor=actor, actie="product.fase_gewijzigd", obj=product, reden=besluit.toelichting,
               voor={"fase": van}, na={"fase": naar_fase, "fasebesluit": besluit.nummer,
                                       "vergadering": vergadering.pk, "als_lid": bool(lid)})
    _herberekenen(actor=actor, aanleiding=f"{product.naam} naar {Fase(naar_fase).label.lower()}", moment=nu)
    return besluit


# -- frontrunners and tasks -------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def koploper_selecteren(*, actor, product: Product, organisatie, toelichting: str = "",
                        moment: dt.datetime | None = None) -> Koploper:
    if product.fase not in (Fase.INTAKE, Fase.KOPLOPERS):
        raise ValidationError({"organisatie": "IMP-KOPLOPERS: koplopers worden gekozen in de intake of de "
                                              "koplopersfase."})
    if Koploper.objects.filter(product=product, organisatie=organisatie).exists():
        raise ValidationError({"organisatie": f"{organisatie} is al koploper voor {product}."})
    k = Koploper(product=product, organisatie=organisatie, toelichting=(toelichting or "").strip(),
                 geselecteerd_op=_dag(_nu(moment)))
    k.full_clean()
    k.save()
    vastleggen(actor=actor, actie="koploper.geselecteerd", obj=k, na=momentopname(k))
    return k


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def koploper_intrekken(*, actor, koploper: Koploper, reden: str) -> None:
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden."})
    vastleggen(actor=actor, actie="koploper.ingetrokken", obj=koploper, voor=momentopname(koploper), reden=reden)
    koploper.delete()


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def taak_toevoegen(*, actor, product: Product, fase: str, partij: str, omschrijving: str,
                   organisatie=None) -> Taak:
    taak = Taak(product=product, fase=fase, partij=partij, omschrijving=(omschrijving or "").strip(),
                organisatie=organisatie)
    taak.full_clean()
    if organisatie is not None:
        if not past_bij_partij(organisatie, partij):
            raise ValidationError({"organisatie": f"{organisatie} ({organisatie.get_soort_display()}) hoort niet "
                                                  f"bij de partij {taak.get_partij_display().lower()}."})
    taak.save()
    vastleggen(actor=actor, actie="taak.toegevoegd", obj=taak, na=momentopname(taak))
    return taak


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def taak_verwijderen(*, actor, taak: Taak, reden: str = "") -> None:
    vastleggen(actor=actor, actie="taak.verwijderd", obj=taak, voor=momentopname(taak), reden=reden)
    taak.delete()


# -- WSJF ---------------------------------------------------------------------------------------------------------

def _invoer() -> list[wsjf.Invoer]:
    """The products competing for capacity: those with WSJF inputs that are not yet in broad implementation."""
    producten = (Product.objects.exclude(fase=Fase.BREDE_IMPLEMENTATIE).filter(wsjf__isnull=False)
                 .select_related("wsjf").prefetch_related("voorwaarde_voor"))
    return [wsjf.Invoer(code=p.code, naam=p.naam, gebruikerswaarde=p.wsjf.gebruikerswaarde,
                        tijdkritiek=p.wsjf.tijdkritiek, risicoreductie=p.wsjf.risicoreductie, omvang=p.wsjf.omvang,
                        wettelijk_verplicht=p.wettelijk_verplicht,
                        voorwaarde_voor=sum(1 for v in p.voorwaarde_voor.all()
                                            if v.fase != Fase.BREDE_IMPLEMENTATIE))
            for p in producten]


def _herberekenen(*, actor, aanleiding: str, moment: dt.datetime | None = None,
                  altijd: bool = False) -> Volgorderun | None:
    """IMP-WSJF-HERBEREKENEN: a new recorded ordering when the inputs differ from the last run's (or ``altijd``);
    earlier runs stay as they were."""
    invoer = _invoer()
    vinger = wsjf.vingerafdruk(invoer)
    laatste = Volgorderun.objects.order_by("-uitgevoerd_op", "-id").first()
    if not altijd and ((laatste and laatste.vingerafdruk == vinger) or (laatste is None and not invoer)):
        return None
    run = Volgorderun.objects.create(uitgevoerd_op=_nu(moment), uitgevoerd_door=_gebruiker(actor),
                                     aanleiding=aanleiding[:300], vingerafdruk=vinger)
    codes = {p.code: p for p in Product.objects.filter(code__in=[i.code for i in invoer])}
    Volgorderegel.objects.bulk_create([
        Volgorderegel(run=run, product=codes[u.invoer.code], rang=u.rang, gebruikerswaarde=u.invoer.gebruikerswaarde,
                      tijdkritiek=u.invoer.tijdkritiek, risicoreductie=u.invoer.risicoreductie, wettelijk=u.wettelijk,
                      randvoorwaarde=u.randvoorwaarde, vertragingskosten=u.vertragingskosten, omvang=u.invoer.omvang,
                      score=u.score_afgerond, berekening=u.berekening)
        for u in wsjf.ordenen(invoer)])
    vastleggen(actor=actor, actie="wsjf.volgorde_berekend", obj=run, reden=aanleiding,
               na={"volgorde": [u.invoer.code for u in wsjf.ordenen(invoer)], "vingerafdruk": vinger})
    return run


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def wsjf_invoer_vastleggen(*, actor, product: Product, gebruikerswaarde: int, tijdkritiek: int, risicoreductie: int,
                           omvang: int, toelichting: str = "", moment: dt.datetime | None = None) -> WsjfInvoer:
    """The group's estimate for one product; a change re-runs the ordering (IMP-WSJF-HERBEREKENEN)."""
    invoer = WsjfInvoer.objects.filter(product=product).first()
    voor = momentopname(invoer) if invoer else None
    invoer = invoer or WsjfInvoer(product=product)
    invoer.gebruikerswaarde, invoer.tijdkritiek, invoer.risicoreductie, invoer.omvang = (
        gebruikerswaarde, tijdkritiek, risicoreductie, omvang)
    invoer.toelichting = (toelichting or "").strip()
    invoer.full_clean()
    invoer.save()
    vastleggen(actor=actor, actie="wsjf.invoer_vastgelegd", obj=invoer, voor=voor, na=momentopname(invoer))
    _herberekenen(actor=actor, aanleiding=f"WSJF-invoer van {product.naam} vastgelegd", moment=moment)
    return invoer


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def volgorde_herberekenen(*, actor, aanleiding: str, moment: dt.datetime | None = None) -> Volgorderun:
    """Record the ordering now, also when nothing changed (e.g. for a meeting of the implementation group)."""
    if not (aanleiding or "").strip():
        raise ValidationError({"aanleiding": "Geef de aanleiding."})
    return _herberekenen(actor=actor, aanleiding=aanleiding.strip(), moment=moment, altijd=True)


# -- risks ----------------------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def risico_vastleggen(*, actor, titel: str, kans: str, impact: str, eigenaar, herzien_op: dt.date,
                      mitigatie: str = "", product: Product | None = None, moment: dt.datetime | None = None) -> Risico:
    risico = Risico(titel=(titel or "").strip(), kans=kans, impact=impact, eigenaar=eigenaar, herzien_op=herzien_op,
                    mitigatie=(mitigatie or "").strip(), product=product,
                    nummer=volgend_jaarnummer(Risico, "R", _dag(_nu(moment)).year))
    risico.full_clean(exclude=["prioriteit"])  # derived from likelihood and impact on save (IMP-RISICOPRIO)
    risico.save()
    vastleggen(actor=actor, actie="risico.vastgelegd", obj=risico, na=momentopname(risico))
    return risico


@transaction.atomic
@vereist_recht(Actie.IMPLEMENTATIE_BEHEREN)
def risico_wijzigen(*, actor, risico: Risico, wijzigingen: dict, reden: str = "") -> Risico:
    """Likelihood, impact (the priority follows: IMP-RISICOPRIO), mitigation, owner, review date, status."""
    risico = Risico.objects.select_for_update().get(pk=risico.pk)
    voor, _, _ = _wijzig(risico, wijzigingen, {"titel", "kans", "impact", "mitigatie", "eigenaar", "herzien_op",
                                              "status", "product"})
    risico.save()
    na = momentopname(risico)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    if gewijzigd:
        vastleggen(actor=actor, actie="risico.gewijzigd", obj=risico, reden=reden,
                   voor={k: voor.get(k) for k in gewijzigd}, na={k: na[k] for k in gewijzigd})
    return risico
