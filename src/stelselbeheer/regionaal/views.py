"""Pages of the regional layer. Thin: parse, call a service, render or redirect after a successful POST. What a
user sees is ``overzicht.zichtbare_*`` (RSO-EIGEN: a regional user only its own RSO; another RSO's pages are a
404); writing needs REGIONAAL_BEHEREN and, for a regional user, its own RSO (the services check it again)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from stelselbeheer.kern.rollen import Actie
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import dekking as dekking_regels
from . import document, overzicht, services
from .filters import OvereenkomstFilter, RsoFilter
from .forms import (
    BetalingForm,
    BeveiligingsdocumentForm,
    ChecklistForm,
    CheckstapForm,
    ContactpersoonForm,
    ContactpuntForm,
    DeelnemersovereenkomstForm,
    DienstForm,
    LeverancierscontractForm,
    OndertekenenForm,
    OntbindenForm,
    OpzeggenForm,
    OvereenkomstForm,
    RegionaalOverlegForm,
    TariefForm,
    TermenForm,
    VergaderingForm,
)
from .models import Checkstap, Contactpunt, Dienst, Levering, OvereenkomstStatus

FORMULIER = "kern/formulier_pagina.html"


def rso_url(rso) -> str:
    return reverse("rso-detail", args=[rso.pk])


def _gelukt(request, tekst, doel):
    messages.success(request, tekst)
    return redirect(doel)


def _rso(request, pk):
    return get_object_or_404(overzicht.zichtbare_rsos(request.user), pk=pk)


def _beheer(request, rso):
    if not overzicht.mag_beheren(request.user, rso):
        raise PermissionDenied("Dit hoort bij een andere RSO dan de uwe.")


def _overeenkomst(request, nummer):
    ovk = get_object_or_404(overzicht.zichtbare_overeenkomsten(request.user), nummer=nummer)
    return ovk


@vereist(Actie.REGIONAAL_LEZEN)
def regionaal_index(request):
    context = lijst(request, overzicht.zichtbare_rsos(request.user).order_by("naam"), RsoFilter)
    return render(request, "regionaal/index.html", context)


@vereist(Actie.REGIONAAL_LEZEN)
def rso_detail(request, pk: int):
    rso = _rso(request, pk)
    jaar = timezone.localdate().year
    diensten = list(rso.rso_diensten.prefetch_related("tarieven"))
    for d in diensten:
        tarieven = {t.jaar: t for t in d.tarieven.all()}
        d.dit_jaar, d.vorig_jaar = tarieven.get(jaar), tarieven.get(jaar - 1)
        d.geschiedenis = sorted(tarieven.values(), key=lambda t: -t.jaar)
    groepen = [(label, [d for d in diensten if d.levering == waarde]) for waarde, label in Levering.choices]
    overleggen = overzicht.frequentie(overzicht.zichtbare_overleggen(request.user).filter(rso=rso), jaar)
    return render(request, "regionaal/rso.html", {
        "rso": rso, "groepen": groepen, "jaar": jaar, "overleggen": overleggen,
        "overeenkomsten": overzicht.zichtbare_overeenkomsten(request.user).filter(rso=rso),
        "beheer": overzicht.mag_beheren(request.user, rso),
        "checklists": overzicht.checklists(request.user).filter(rso=rso),
        "dekking": dekking_regels.dekking(regio_ids={rso.regio_id}) if rso.regio_id else []})


@vereist(Actie.REGIONAAL_BEHEREN)
def dienst_nieuw(request, pk: int):
    rso = _rso(request, pk)
    _beheer(request, rso)
    form = DienstForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.dienst_vastleggen(actor=request.user, rso=rso, **d)):
            return _gelukt(request, "De dienst staat in de catalogus.", rso_url(rso))
    return render(request, FORMULIER, {"form": form, "titel": f"Dienst toevoegen aan de catalogus van {rso}"})


@vereist(Actie.REGIONAAL_BEHEREN)
def tarief_nieuw(request, pk: int):
    dienst = get_object_or_404(Dienst.objects.filter(rso__in=overzicht.zichtbare_rsos(request.user)), pk=pk)
    _beheer(request, dienst.rso)
    form = TariefForm(request.POST or None, initial={"jaar": timezone.localdate().year + 1})
    if request.method == "POST":
        if verwerk(form, lambda d: services.tarief_vaststellen(actor=request.user, dienst=dienst, **d)):
            return _gelukt(request, "Het tarief is vastgesteld.", rso_url(dienst.rso))
    return render(request, FORMULIER, {"form": form, "titel": f"Tarief vaststellen: {dienst}",
                                       "inleiding": "Eén tarief per jaar (art. 5.2). Het tarief van het lopende "
                                                    "of een verstreken jaar blijft staan."})


@vereist(Actie.REGIONAAL_LEZEN)
def overeenkomst_lijst(request):
    context = lijst(request, overzicht.zichtbare_overeenkomsten(request.user), OvereenkomstFilter)
    return render(request, "regionaal/overeenkomsten.html", context)


@vereist(Actie.REGIONAAL_BEHEREN)
def overeenkomst_nieuw(request, pk: int):
    rso = _rso(request, pk)
    _beheer(request, rso)
    form = OvereenkomstForm(request.POST or None, rso=rso)
    if request.method == "POST":
        ovk = verwerk(form, lambda d: services.overeenkomst_opstellen(actor=request.user, rso=rso, **d))
        if ovk:
            return _gelukt(request, f"Overeenkomst {ovk.nummer} is opgesteld. Leg het aanspreekpunt van het VSV "
                                    f"vast en laat beide partijen tekenen.", ovk)
    return render(request, FORMULIER, {"form": form, "titel": f"Overeenkomst opstellen: {rso} met een VSV",
                                       "knop": "Opstellen"})


@vereist(Actie.REGIONAAL_LEZEN)
def overeenkomst_detail(request, nummer: str):
    ovk = _overeenkomst(request, nummer)
    vandaag = timezone.localdate()
    vragen = TermenForm(request.GET or None)
    d = vragen.cleaned_data if vragen.is_valid() else {}
    termen = overzicht.termen(ovk, vandaag, gewenst_einde=d.get("einde"), overmacht_sinds=d.get("overmacht"))
    limiet = (overzicht.aansprakelijkheid(ovk, d["tekortkoming"], uitkering_verzekeraar=d.get("uitkering"))
              if d.get("tekortkoming") else None)
    return render(request, "regionaal/overeenkomst.html", {
        "o": ovk, "termen": termen, "vragen": vragen, "limiet": limiet, "vandaag": vandaag,
        "beheer": overzicht.mag_beheren(request.user, ovk.rso), "concept": ovk.status == OvereenkomstStatus.CONCEPT,
        "lopend": ovk.status == OvereenkomstStatus.ONDERTEKEND,
        "in_werking": ovk.status in {OvereenkomstStatus.ONDERTEKEND, OvereenkomstStatus.OPGEZEGD},
        "contactpersonen": ovk.contactpersonen.all(), "betalingen": ovk.betalingen.select_related("dienst")[:20],
        "deelnemers": ovk.deelnemersovereenkomsten.select_related("deelnemer", "dienst"),
        "optioneel": ovk.optionele_diensten.all(),
        "betaald_12": overzicht.betalingen_12_maanden(ovk, vandaag)})


@vereist(Actie.REGIONAAL_LEZEN)
def overeenkomst_pdf(request, nummer: str):
    ovk = _overeenkomst(request, nummer)
    antwoord = HttpResponse(document.pdf(ovk, timezone.localdate().year), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="overeenkomst-{ovk.nummer}.pdf"'
    return antwoord


def _stap(request, nummer, form_class, uitvoeren, titel, gelukt, *, form_kwargs=None, inleiding=""):
    """A write page on one agreement: the form, the service, back to the agreement."""
    ovk = _overeenkomst(request, nummer)
    _beheer(request, ovk.rso)
    form = form_class(request.POST or None, **(form_kwargs(ovk) if form_kwargs else {}))
    if request.method == "POST":
        if verwerk(form, lambda d: uitvoeren(ovk, d)):
            return _gelukt(request, gelukt, ovk)
    return render(request, FORMULIER, {"form": form, "titel": f"{titel}: {ovk.nummer}", "object": ovk,
                                       "inleiding": inleiding})


@vereist(Actie.REGIONAAL_BEHEREN)
def contactpersoon_nieuw(request, nummer: str):
    return _stap(request, nummer, ContactpersoonForm,
                 lambda o, d: services.contactpersoon_toevoegen(actor=request.user, overeenkomst=o, **d),
                 "Contactpersoon vastleggen", "De contactpersoon is vastgelegd.",
                 inleiding="Art. 4.1: het VSV stelt een aanspreekpunt digitale gegevensuitwisseling aan.")


@vereist(Actie.REGIONAAL_BEHEREN)
def overeenkomst_ondertekenen(request, nummer: str):
    return _stap(request, nummer, OndertekenenForm,
                 lambda o, d: services.overeenkomst_ondertekenen(actor=request.user, overeenkomst=o, **d),
                 "Ondertekening vastleggen", "De ondertekening is vastgelegd.",
                 inleiding="Leg per partij vast wie wanneer heeft getekend. De overeenkomst is van kracht per de "
                           "datum waarop beide partijen hebben getekend (art. 6.1).")


@vereist(Actie.REGIONAAL_BEHEREN)
def overeenkomst_opzeggen(request, nummer: str):
    return _stap(request, nummer, OpzeggenForm,
                 lambda o, d: services.overeenkomst_opzeggen(actor=request.user, overeenkomst=o, **d),
                 "Opzegging vastleggen", "De opzegging is vastgelegd.",
                 inleiding="Opzeggen gaat met een aangetekende brief (art. 6.2).")


@vereist(Actie.REGIONAAL_BEHEREN)
def overeenkomst_ontbinden(request, nummer: str):
    return _stap(request, nummer, OntbindenForm,
                 lambda o, d: services.overeenkomst_ontbinden(actor=request.user, overeenkomst=o, **d),
                 "Ontbinding vastleggen", "De ontbinding is vastgelegd.",
                 inleiding="Ontbinden gaat met een aangetekend schrijven (art. 6.3 en 6.4).")


@vereist(Actie.REGIONAAL_BEHEREN)
def betaling_nieuw(request, nummer: str):
    return _stap(request, nummer, BetalingForm,
                 lambda o, d: services.betaling_vastleggen(actor=request.user, overeenkomst=o, **d),
                 "Betaling vastleggen", "De betaling is vastgelegd.", form_kwargs=lambda o: {"rso": o.rso})


@vereist(Actie.REGIONAAL_BEHEREN)
def deelnemersovereenkomst_nieuw(request, nummer: str):
    return _stap(request, nummer, DeelnemersovereenkomstForm,
                 lambda o, d: services.deelnemersovereenkomst_vastleggen(actor=request.user, overeenkomst=o, **d),
                 "Deelnemersovereenkomst vastleggen", "De deelnemersovereenkomst is vastgelegd.",
                 form_kwargs=lambda o: {"overeenkomst": o},
                 inleiding="Een dienst rechtstreeks aan een deelnemer vraagt een eigen overeenkomst met een "
                           "verwerkersovereenkomst (art. 3.3).")


@vereist(Actie.REGIONAAL_LEZEN)
def dekking(request):
    """RSO-DEKKING: which regions lack an active RSO or an agreement (a regional user: the regions it serves)."""
    rso = request.user.rso if getattr(request.user, "rso_id", None) else None
    regio_ids = dekking_regels.bediende_regio_ids(rso) if rso is not None else None
    rijen = dekking_regels.dekking(regio_ids=regio_ids)
    return render(request, "regionaal/dekking.html", {"rijen": rijen, "ongedekt": sum(
        r.status != dekking_regels.Dekkingsstatus.GEDEKT for r in rijen)})


@vereist(Actie.REGIONAAL_BEHEREN)
def overleg_nieuw(request, pk: int):
    rso = _rso(request, pk)
    _beheer(request, rso)
    form = RegionaalOverlegForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.regionaal_overleg_instellen(actor=request.user, rso=rso, **d)):
            return _gelukt(request, "Het regionale overleg is ingesteld.", rso_url(rso))
    return render(request, FORMULIER, {"form": form, "titel": f"Regionaal overleg instellen: {rso}"})


@vereist(Actie.REGIONAAL_BEHEREN)
def vergadering_nieuw(request, pk: int):
    ro = get_object_or_404(overzicht.zichtbare_overleggen(request.user), pk=pk)
    _beheer(request, ro.rso)
    form = VergaderingForm(request.POST or None)
    if request.method == "POST":
        v = verwerk(form, lambda d: services.regionale_vergadering_plannen(actor=request.user, regionaal_overleg=ro,
                                                                           **form.gegevens()))
        if v:
            return _gelukt(request, "De vergadering is gepland met de vaste agendapunten.", rso_url(ro.rso))
    return render(request, FORMULIER, {"form": form, "titel": f"Vergadering plannen: {ro}",
                                       "inleiding": "Datum en tijden in Nederlandse tijd. De vaste agendapunten "
                                                    "van dit niveau komen op de agenda."})


@vereist(Actie.REGIONAAL_BEHEREN)
def checklist_nieuw(request, pk: int):
    rso = _rso(request, pk)
    _beheer(request, rso)
    form = ChecklistForm(request.POST or None, initial={"gestart_op": timezone.localdate()})
    if request.method == "POST":
        checklist = verwerk(form, lambda d: services.checklist_starten(actor=request.user, rso=rso, **d))
        if checklist:
            return _gelukt(request, "De checklist is gestart.", checklist)
    return render(request, FORMULIER, {"form": form, "titel": f"Stappenplan of aansluiting starten: {rso}",
                                       "knop": "Starten"})


@vereist(Actie.REGIONAAL_LEZEN)
def checklist_detail(request, pk: int):
    checklist = get_object_or_404(overzicht.checklists(request.user), pk=pk)
    return render(request, "regionaal/checklist.html", {
        "checklist": checklist, "stappen": checklist.stappen.all(), "vandaag": timezone.localdate(),
        "beheer": overzicht.mag_beheren(request.user, checklist.rso)})


@vereist(Actie.REGIONAAL_BEHEREN)
def checkstap_bijwerken(request, pk: int):
    stap = get_object_or_404(Checkstap.objects.filter(checklist__in=overzicht.checklists(request.user)), pk=pk)
    _beheer(request, stap.checklist.rso)
    form = CheckstapForm(request.POST or None, initial={"eigenaar": stap.eigenaar, "streefdatum": stap.streefdatum,
                                                        "gereed_op": stap.gereed_op})
    if request.method == "POST":
        if verwerk(form, lambda d: services.checkstap_bijwerken(actor=request.user, stap=stap, **d)):
            return _gelukt(request, "De stap is bijgewerkt.", stap.checklist)
    return render(request, FORMULIER, {"form": form, "titel": f"Stap bijwerken: {stap}", "object": stap.checklist})


@vereist(Actie.REGIONAAL_LEZEN)
def rso_contracten(request, pk: int):
    """Contact points, vendor contracts (with the last day to give notice) and security documents of one RSO."""
    rso = _rso(request, pk)
    vandaag = timezone.localdate()
    return render(request, "regionaal/contracten.html", {
        "rso": rso, "vandaag": vandaag, "beheer": overzicht.mag_beheren(request.user, rso),
        "contactpunten": Contactpunt.objects.filter(rso=rso).select_related("organisatie"),
        "contracten": [c for c in overzicht.leverancierscontracten(request.user, vandaag) if c.rso_id == rso.pk],
        "documenten": rso.beveiligingsdocumenten.all(),
        "review_grens": vandaag + dt.timedelta(days=overzicht.REVIEW_SIGNAAL_DAGEN)})


def _rso_stap(request, pk, form_class, uitvoeren, titel, gelukt, *, met_rso=False):
    rso = _rso(request, pk)
    _beheer(request, rso)
    form = form_class(request.POST or None, **({"rso": rso} if met_rso else {}))
    if request.method == "POST":
        if verwerk(form, lambda d: uitvoeren(rso, d)):
            return _gelukt(request, gelukt, reverse("rso-contracten", args=[rso.pk]))
    return render(request, FORMULIER, {"form": form, "titel": f"{titel}: {rso}"})


@vereist(Actie.REGIONAAL_BEHEREN)
def contactpunt_nieuw(request, pk: int):
    return _rso_stap(request, pk, ContactpuntForm,
                     lambda rso, d: services.contactpunt_vastleggen(actor=request.user, rso=rso, **d),
                     "Contactpunt vastleggen", "Het contactpunt is vastgelegd.", met_rso=True)


@vereist(Actie.REGIONAAL_BEHEREN)
def leverancierscontract_nieuw(request, pk: int):
    return _rso_stap(request, pk, LeverancierscontractForm,
                     lambda rso, d: services.leverancierscontract_vastleggen(actor=request.user, rso=rso, **d),
                     "Leverancierscontract vastleggen", "Het leverancierscontract is vastgelegd.")


@vereist(Actie.REGIONAAL_BEHEREN)
def beveiligingsdocument_nieuw(request, pk: int):
    return _rso_stap(request, pk, BeveiligingsdocumentForm,
                     lambda rso, d: services.beveiligingsdocument_vastleggen(actor=request.user, rso=rso, **d),
                     "Beveiligingsdocument vastleggen", "Het beveiligingsdocument is vastgelegd.")
