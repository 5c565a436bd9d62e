"""Compliance cases: opening (by staff or from findings), the five steps, the participant's explanation."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Statuswijziging
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.audit import canoniek, momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer

from . import brieven, rules, termijnen, workflow
from .models import CRITERIA, Constatering, Nalevingszaak, Zaakgebeurtenis, ZaakStap
from .opschorting import lopende_beeindigen


def _gebruiker(actor):
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
@vereist_recht(Actie.NALEVING_BEHANDELEN)
def zaak_openen(*, actor, deelnemer, verplichting: str, omstandigheden: str, constatering=None,
                datum: dt.date | None = None) -> Nalevingszaak:
    """Step 1: record which obligation and the concrete circumstances. NAL-EEN-ZAAK: never a second open case
    for the same participant and obligation."""
    datum = datum or vandaag()
    if Nalevingszaak.objects.filter(deelnemer=deelnemer, verplichting=verplichting).exclude(
            stap=ZaakStap.GESLOTEN).exists():
        raise ValidationError({"verplichting": "Er loopt al een nalevingszaak over deze verplichting bij deze "
                                               "deelnemer."})
    zaak = Nalevingszaak(deelnemer=deelnemer, verplichting=verplichting, omstandigheden=omstandigheden,
                         constatering=constatering, geopend_op=datum)
    zaak.full_clean(exclude=["nummer"])
    zaak.nummer = volgend_jaarnummer(Nalevingszaak, "N", datum.year)
    zaak.save()
    Zaakgebeurtenis.objects.create(zaak=zaak, soort="geopend", naar=zaak.stap, datum=datum, tekst=omstandigheden,
                                   door=_gebruiker(actor))
    vastleggen(actor=actor, actie="zaak.geopend", obj=zaak, omschrijving=zaak.nummer,
               na={"deelnemer": deelnemer.pk, "constatering": getattr(constatering, "pk", None)})
    return zaak


@vereist_recht(Actie.NALEVING_BEHANDELEN)
def zaken_uit_constateringen(*, actor=None) -> list[Nalevingszaak]:
    """Open a case for each finding that has none, unless one is open for that participant and obligation
    (one set-based query for the candidates; safe to run twice)."""
    open_zaak = Nalevingszaak.objects.filter(deelnemer=OuterRef("deelnemer"), verplichting=OuterRef("verplichting")
                                             ).exclude(stap=ZaakStap.GESLOTEN)
    kandidaten = (Constatering.objects.exclude(Exists(Nalevingszaak.objects.filter(constatering=OuterRef("pk"))))
                  .exclude(Exists(open_zaak)).select_related("deelnemer").order_by("datum", "id"))
    geopend, gezien = [], set()
    for c in kandidaten:
        if (c.deelnemer_id, c.verplichting) in gezien:
            continue
        gezien.add((c.deelnemer_id, c.verplichting))
        geopend.append(zaak_openen(actor=actor, deelnemer=c.deelnemer, verplichting=c.verplichting,
                                   omstandigheden=c.omstandigheden, constatering=c, datum=c.datum))
    return geopend


def _criteria(waarde) -> dict:
    if not isinstance(waarde, dict):
        raise ValidationError({"criteria": "De criteria zijn per criterium een score en een motivering."})
    uit = {}
    for sleutel in CRITERIA:
        item = waarde.get(sleutel) or {}
        try:
            score = int(item.get("score"))
        except (TypeError, ValueError):
            score = None
        uit[sleutel] = {"score": score, "motivering": str(item.get("motivering", "")).strip()}
    return uit


#: case file text: in the audit trail (read by auditors) only as SHA-256, like confidential decisions
DOSSIERTEKST = {"beoordeling", "criteria", "maatregelen", "omstandigheden", "termijn_basis"}


def _vertrouwelijk(data: dict) -> dict:
    return {k: (hashlib.sha256(canoniek(v).encode()).hexdigest() if k in DOSSIERTEKST and v else v)
            for k, v in data.items()}


def stap_bezwaren(*, zaak: Nalevingszaak, stap, datum: dt.date, toelichting: str = "", gegevens: dict | None = None,
                  besluit=None) -> dict[str, list[str]]:
    """Every reason why ``stap`` cannot be taken now with these data, per field, all at once: fields that do not
    belong to the step, the date (NAL-STAPDATUM), the workflow's refusals. Sets ``gegevens`` on ``zaak`` (the
    service saves it afterwards; the step page passes a fresh copy to show these reasons beside its own field
    errors in one round)."""
    gegevens = dict(gegevens or {})
    onbekend = set(gegevens) - set(stap.velden)
    if onbekend:
        return {v: ["Dit veld hoort niet bij deze stap."] for v in sorted(onbekend)}
    fouten: dict[str, list[str]] = {}
    vorige = zaak.gebeurtenissen.order_by("-datum").values_list("datum", flat=True).first()
    bezwaar = rules.stapdatum_bezwaar(datum, vandaag=vandaag(), vroegst=max(filter(None, (zaak.geopend_op, vorige))),
                                      vroegst_wat="de vorige stap van deze zaak")
    if bezwaar:
        fouten["datum"] = [bezwaar]
    for veld, waarde in gegevens.items():
        if veld == "criteria":
            waarde = _criteria(waarde)
        else:
            waarde = Nalevingszaak._meta.get_field(veld).to_python(waarde)
        setattr(zaak, veld, waarde)
    for veld, redenen in workflow.weigeringen(stap, zaak, workflow.Context(datum, toelichting, besluit)).items():
        fouten.setdefault(veld, []).extend(redenen)
    return fouten


@transaction.atomic
@vereist_recht(Actie.NALEVING_BEHANDELEN)
def zaak_stap(*, actor, zaak: Nalevingszaak, overgang: str, datum: dt.date | None = None, toelichting: str = "",
              gegevens: dict | None = None, besluit=None, termijn: int | None = None,
              kanaal: str | None = None) -> Nalevingszaak:
    stap = workflow.PER_NAAM.get(overgang)
    if stap is None:
        raise ValidationError({"overgang": f"Onbekende stap '{overgang}'."})
    zaak = Nalevingszaak.objects.select_for_update().get(pk=zaak.pk)
    datum = datum or vandaag()
    voor = momentopname(zaak)
    fouten = stap_bezwaren(zaak=zaak, stap=stap, datum=datum, toelichting=toelichting, gegevens=gegevens,
                           besluit=besluit)
    if fouten:
        raise ValidationError(fouten)
    if stap.termijn:
        eenheid, standaard, gebeurtenis = stap.termijn
        if termijn is not None and not 1 <= termijn <= 365:
            raise ValidationError({"termijn": "Een termijn is 1 tot 365 dagen."})
        t = termijnen.termijn(datum, termijn or standaard, eenheid, gebeurtenis)
        zaak.termijn_tot, zaak.termijn_basis = t.einde, t.basis
    if stap.afsluiting:
        zaak.afsluiting, zaak.gesloten_op = stap.afsluiting, datum
        zaak.termijn_tot, zaak.termijn_basis = None, ""
    if stap.deelnemerstap:
        _deelnemerstap_zetten(actor=actor, zaak=zaak, stap=stap, besluit=besluit, datum=datum)
    van = zaak.stap
    zaak.stap = stap.naar
    zaak.full_clean()
    zaak.save()
    brief = brieven.brief_maken(zaak, stap.naam, datum, kanaal)
    tekst = toelichting or zaak.termijn_basis
    if brief:
        tekst = f"{tekst}\n{brief.get_soort_display()} verzonden ({brief.get_kanaal_display().lower()})".strip()
    Zaakgebeurtenis.objects.create(zaak=zaak, soort=stap.naam, van=van, naar=stap.naar, datum=datum, tekst=tekst,
                                   door=_gebruiker(actor), besluit=besluit if stap.besluit else None)
    na = momentopname(zaak)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    vastleggen(actor=actor, actie=f"zaak.{stap.naam}", obj=zaak, omschrijving=zaak.nummer,
               voor=_vertrouwelijk({k: voor.get(k) for k in gewijzigd}),
               na=_vertrouwelijk({k: na[k] for k in gewijzigd}) | {"besluit": getattr(besluit, "nummer", None)})
    return zaak


def _deelnemerstap_zetten(*, actor, zaak: Nalevingszaak, stap: workflow.Overgang, besluit, datum: dt.date) -> None:
    """NAL-ONTBINDING: dissolution ends the participation through the exit workflow's termination, on the same
    decision and in the case step's transaction (one adoption, two linked effects). When the participation
    cannot end, the step is refused with the workflow's reason on "deelnemer" (the decision's on "besluit")."""
    if Statuswijziging.objects.filter(deelnemer_id=zaak.deelnemer_id, overgang=stap.deelnemerstap,
                                      besluit=besluit).exists():
        return  # this decision already ended the participation (a level-4 suspension on it): the same adoption
    try:
        dln.deelnemer_overgang(actor=actor, deelnemer=zaak.deelnemer, overgang=stap.deelnemerstap, besluit=besluit,
                               datum=datum, maatregel=True, namens=stap.naam,
                               toelichting=f"Ontbinding van de deelnemersovereenkomst (nalevingszaak {zaak.nummer})")
    except ValidationError as e:
        fouten: dict[str, list[str]] = {}
        for veld, redenen in e.message_dict.items():
            if veld == "besluit":
                fouten.setdefault("besluit", []).extend(redenen)
            else:
                fouten.setdefault("deelnemer", []).extend(f"De deelname kan niet worden beëindigd: {r}"
                                                          for r in redenen)
        raise ValidationError(fouten) from e
    lopende_beeindigen(actor=actor, deelnemer=zaak.deelnemer, besluit=besluit, datum=datum,
                        reden=f"Deelnemersovereenkomst ontbonden (nalevingszaak {zaak.nummer})")


@transaction.atomic
@vereist_recht(Actie.EIGEN_DEELNEMER_LEZEN)
def zaak_toelichting_geven(*, actor, zaak: Nalevingszaak, maatregelen: str, maatregelen_termijn: dt.date
                           ) -> Nalevingszaak:
    """Step 2, the participant's side: which measures, ready by when (through the portal)."""
    zaak = Nalevingszaak.objects.select_for_update().get(pk=zaak.pk)
    if getattr(actor, "deelnemer_id", None) != zaak.deelnemer_id:
        raise PermissionDenied("Alleen de betrokken deelnemer geeft een toelichting.")
    fouten = {}
    if zaak.stap != ZaakStap.VERIFICATIE:
        fouten["zaak"] = ["Een toelichting kan alleen na een verzoek om toelichting (stap 2)."]
    if not maatregelen.strip():
        fouten["maatregelen"] = ["Beschrijf de maatregelen die u treft."]
    if maatregelen_termijn is None or maatregelen_termijn < vandaag():
        fouten["maatregelen_termijn"] = ["Kies de datum (vandaag of later) waarop de maatregelen gereed zijn."]
    if fouten:
        raise ValidationError(fouten)
    zaak.maatregelen, zaak.maatregelen_termijn, zaak.toelichting_ontvangen_op = (maatregelen, maatregelen_termijn,
                                                                                vandaag())
    zaak.save()
    Zaakgebeurtenis.objects.create(zaak=zaak, soort="toelichting", datum=vandaag(), door=_gebruiker(actor),
                                   tekst=f"{maatregelen}\n(gereed op {maatregelen_termijn:%d-%m-%Y})")
    vastleggen(actor=actor, actie="zaak.toelichting_gegeven", obj=zaak, omschrijving=zaak.nummer,
               na={"maatregelen_termijn": maatregelen_termijn.isoformat()})
    return zaak
