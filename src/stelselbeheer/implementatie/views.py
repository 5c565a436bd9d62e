"""Pages of the implementation monitor. Thin: parse, call a service, render or redirect after a successful POST.
Everyone reads a product's public summary; the scores, decisions, frontrunners, tasks, ordering and risks are for
those who may read the portfolio; staff keep it; a voting member of the implementation group decides a phase change
(or staff record it: IMP-BESLUIT)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk
from stelselbeheer.organisaties.models import Organisatie

from . import services, standaard, taken
from .filters import ProductFilter, RisicoFilter, VolgorderunFilter
from .forms import (
    BeoordelingForm,
    FasebesluitForm,
    HerberekenForm,
    KoploperForm,
    OrganisatieKeuzeForm,
    ProductForm,
    ProductWijzigForm,
    RedenForm,
    RisicoForm,
    RisicoWijzigForm,
    TaakForm,
    WsjfForm,
)
from .models import (
    FASEVOLGORDE,
    Fase,
    Koploper,
    Product,
    Risico,
    Volgorderun,
    WsjfInvoer,
    verwachting_voor,
    volgende_fase,
)

FORMULIER = "kern/formulier_pagina.html"

#: what later apps add to a product's page, each a function (request, product) -> context, registered from their
#: ``AppConfig.ready`` so that this app does not depend on them: the adoption monitor adds its figures and the MVP
#: thresholds per phase (``adoptie``)
PRODUCTPAGINA: list = []


def _gelukt(request, tekst, doel):
    messages.success(request, tekst)
    return redirect(doel)


def _criteria():
    return standaard.criteria()


# -- portfolio --------------------------------------------------------------------------------------------------

@vereist(Actie.IMPLEMENTATIE_PUBLIEK_LEZEN)
def product_lijst(request):
    context = lijst(request, Product.objects.all(), ProductFilter)
    context["fasen"] = [(f, Product.objects.filter(fase=f.value).count()) for f in Fase]
    return render(request, "implementatie/lijst.html", context)


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def product_nieuw(request):
    form = ProductForm(request.POST or None)
    if request.method == "POST":
        product = verwerk(form, lambda d: services.product_aanmaken(actor=request.user, **d))
        if product:
            return _gelukt(request, f"{product} is aan het portfolio toegevoegd (fase intake).", product)
    return render(request, FORMULIER, {"form": form, "titel": "Product toevoegen aan het portfolio"})


def _beoordelingstabel(product, criteria):
    """Per criterion: the expectation for the next phase and the current score, if any."""
    naar = volgende_fase(product.fase)
    if naar is None:
        return None, []
    scores = {b.criterium_id: b for b in product.beoordelingen.filter(fase=naar).select_related("beoordeeld_door")}
    return naar, [(c, verwachting_voor(c, naar), scores.get(c.pk)) for c in criteria]


@vereist(Actie.IMPLEMENTATIE_PUBLIEK_LEZEN)
def product_detail(request, code: str):
    product = get_object_or_404(Product.objects.prefetch_related("gegevensdiensten", "voorwaarde_voor", "vereist"),
                                code=code)
    context = {"product": product, "fasen": list(Fase), "fase_index": list(Fase.values).index(product.fase)}
    if kan(request.user, Actie.IMPLEMENTATIE_LEZEN):
        naar, tabel = _beoordelingstabel(product, _criteria())
        context |= {
            "lezer": True, "naar_fase": Fase(naar) if naar else None, "beoordelingen": tabel,
            "fasebesluiten": product.fasebesluiten.select_related("vergadering__orgaan", "besloten_door",
                                                                  "vastgelegd_door"),
            "koplopers": product.koplopers.select_related("organisatie"),
            "taken": sorted(product.taken.select_related("organisatie"),
                            key=lambda t: (FASEVOLGORDE.index(t.fase), t.partij, t.pk)),
            "risicos": product.risicos.select_related("eigenaar"),
            "wsjf": WsjfInvoer.objects.filter(product=product).first(),
        }
    for onderdeel in PRODUCTPAGINA:
        context |= onderdeel(request, product)
    context.setdefault("adoptie", None)
    return render(request, "implementatie/detail.html", context)


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def product_wijzigen(request, code: str):
    product = get_object_or_404(Product, code=code)
    form = ProductWijzigForm(request.POST or None, instance=Product.objects.get(pk=product.pk))
    if request.method == "POST":
        def uitvoeren(d):
            reden = d.pop("reden", "")
            return services.product_wijzigen(actor=request.user, product=product, wijzigingen=d, reden=reden)

        if verwerk(form, uitvoeren):
            return _gelukt(request, "De wijziging is opgeslagen.", product)
    return render(request, FORMULIER, {"form": form, "titel": f"{product} wijzigen", "object": product})


# -- acceptance criteria and the phase decision ------------------------------------------------------------------

@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def product_beoordelen(request, code: str):
    product = get_object_or_404(Product, code=code)
    naar = volgende_fase(product.fase)
    if naar is None:
        messages.info(request, "Dit product is in de laatste fase; er valt niets meer te beoordelen.")
        return redirect(product)
    criteria = _criteria()
    bestaand = {b.criterium_id: b for b in product.beoordelingen.filter(fase=naar)}
    form = BeoordelingForm(request.POST or None, criteria=criteria, fase=naar, bestaand=bestaand)
    if request.method == "POST":
        if verwerk(form, lambda d: services.criteria_beoordelen(actor=request.user, product=product,
                                                                oordelen=form.oordelen())) is not None:
            return _gelukt(request, "De beoordeling is vastgelegd.", product)
    return render(request, "implementatie/beoordelen.html", {"form": form, "product": product,
                                                             "naar_fase": Fase(naar)})


@vereist(Actie.FASE_BESLUITEN)
def product_fasebesluit(request, code: str):
    product = get_object_or_404(Product, code=code)
    naar = volgende_fase(product.fase)
    if naar is None:
        messages.info(request, "Dit product is in de laatste fase.")
        return redirect(product)
    criteria = _criteria()
    form = FasebesluitForm(request.POST or None, product=product, criteria=criteria)
    if request.method == "POST":
        besluit = verwerk(form, lambda d: services.fasebesluit_nemen(
            actor=request.user, product=product, naar_fase=naar, vergadering=d["vergadering"],
            toelichting=d["toelichting"]))
        if besluit:
            return _gelukt(request, f"Fasebesluit {besluit.nummer}: {product} is nu in de fase "
                                    f"{besluit.get_naar_fase_display().lower()}.", product)
    _, tabel = _beoordelingstabel(product, criteria)
    fouten_per_criterium = {c.code: form.errors.get(f"criterium_{c.code}", []) for c in criteria} if form.errors \
        else {}
    vergadering = form.fields["vergadering"].queryset.first()
    bezwaren = services.fase_bezwaren(actor=request.user, product=product, naar_fase=naar, vergadering=vergadering)
    return render(request, "implementatie/fasebesluit.html", {
        "form": form, "product": product, "naar_fase": Fase(naar), "tabel": [
            (c, verwachting, score, fouten_per_criterium.get(c.code, [])) for c, verwachting, score in tabel],
        "bezwaren": [m for v, ms in bezwaren.items() if not v.startswith("criterium_") for m in ms],
        "criteria_open": sum(1 for v in bezwaren if v.startswith("criterium_"))})


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def koploper_nieuw(request, code: str):
    product = get_object_or_404(Product, code=code)
    form = KoploperForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.koploper_selecteren(actor=request.user, product=product, **d)):
            return _gelukt(request, "De koploper is gekozen.", product)
    return render(request, FORMULIER, {"form": form, "titel": f"Koploper kiezen voor {product}", "object": product})


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def koploper_intrekken(request, pk: int):
    koploper = get_object_or_404(Koploper.objects.select_related("product", "organisatie"), pk=pk)
    form = RedenForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.koploper_intrekken(actor=request.user, koploper=koploper, **d) or True):
            return _gelukt(request, f"{koploper.organisatie} is geen koploper meer.", koploper.product)
    return render(request, FORMULIER, {"form": form, "titel": f"Koploper intrekken: {koploper}",
                                       "object": koploper.product, "knop": "Intrekken"},
                  status=422 if form.errors else 200)


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def taak_nieuw(request, code: str):
    product = get_object_or_404(Product, code=code)
    form = TaakForm(request.POST or None, initial={"fase": product.fase})
    if request.method == "POST":
        if verwerk(form, lambda d: services.taak_toevoegen(actor=request.user, product=product, **d)):
            return _gelukt(request, "De taak staat in de verantwoordelijkheidstabel.", product)
    return render(request, FORMULIER, {"form": form, "titel": f"Taak toevoegen: {product}", "object": product})


# -- "what is asked of me now" ---------------------------------------------------------------------------------

def _eigen_organisatie(user) -> Organisatie | None:
    if getattr(user, "deelnemer_id", None):
        return user.deelnemer.organisatie
    if getattr(user, "rso_id", None):
        return user.rso
    return None


def _takenpagina(request, organisatie, kiezen: bool):
    context = {"organisatie": organisatie, "kiezen": kiezen}
    if kiezen:
        context["keuze"] = OrganisatieKeuzeForm(request.GET or None)
    context["taken"] = taken.gevraagd_van(organisatie) if organisatie else []
    return render(request, "implementatie/taken.html", context)


@vereist(Actie.EIGEN_TAKEN_LEZEN)
def mijn_taken(request):
    organisatie = _eigen_organisatie(request.user)
    if organisatie is None:
        raise PermissionDenied("Bij uw account hoort geen organisatie.")
    return _takenpagina(request, organisatie, kiezen=False)


@vereist(Actie.IMPLEMENTATIE_LEZEN)
def taken_per_organisatie(request):
    eigen = _eigen_organisatie(request.user)  # a regional user starts with the own RSO
    form = OrganisatieKeuzeForm(request.GET or ({"organisatie": eigen.pk} if eigen else None))
    organisatie = form.cleaned_data.get("organisatie") if form.is_valid() else None
    return _takenpagina(request, organisatie, kiezen=True)


# -- WSJF ----------------------------------------------------------------------------------------------------------

@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def product_wsjf(request, code: str):
    product = get_object_or_404(Product, code=code)
    invoer = WsjfInvoer.objects.filter(product=product).first()
    initial = {k: getattr(invoer, k) for k in ("gebruikerswaarde", "tijdkritiek", "risicoreductie", "omvang",
                                               "toelichting")} if invoer else {}
    form = WsjfForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if verwerk(form, lambda d: services.wsjf_invoer_vastleggen(actor=request.user, product=product, **d)):
            return _gelukt(request, "De WSJF-invoer is vastgelegd; de volgorde is opnieuw berekend als de invoer "
                                    "veranderde.", "wsjf-volgorde")
    return render(request, FORMULIER, {
        "form": form, "titel": f"WSJF-invoer: {product}", "object": product,
        "inleiding": "Wettelijke verplichting en randvoorwaardelijkheid volgen uit het product zelf."})


@vereist(Actie.IMPLEMENTATIE_LEZEN)
def wsjf_volgorde(request):
    form = HerberekenForm(request.POST or None)
    if request.method == "POST":
        if not kan(request.user, Actie.IMPLEMENTATIE_BEHEREN):
            raise PermissionDenied("Uw rol mag de volgorde niet opnieuw berekenen.")
        if verwerk(form, lambda d: services.volgorde_herberekenen(actor=request.user, **d)):
            return _gelukt(request, "De volgorde is opnieuw berekend en vastgelegd.", "wsjf-volgorde")
    laatste = Volgorderun.objects.order_by("-uitgevoerd_op", "-id").first()
    context = lijst(request, Volgorderun.objects.select_related("uitgevoerd_door"), VolgorderunFilter)
    return render(request, "implementatie/volgorde.html", context | {
        "run": laatste, "regels": laatste.regels.select_related("product") if laatste else [], "form": form})


@vereist(Actie.IMPLEMENTATIE_LEZEN)
def wsjf_run(request, pk: int):
    run = get_object_or_404(Volgorderun.objects.select_related("uitgevoerd_door"), pk=pk)
    return render(request, "implementatie/run.html", {"run": run, "regels": run.regels.select_related("product")})


# -- risks ----------------------------------------------------------------------------------------------------------

@vereist(Actie.IMPLEMENTATIE_LEZEN)
def risico_lijst(request):
    context = lijst(request, Risico.objects.select_related("product", "eigenaar"), RisicoFilter)
    return render(request, "implementatie/risicos.html", context | {"vandaag": timezone.localdate()})


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def risico_nieuw(request):
    form = RisicoForm(request.POST or None, nieuw=True)
    if request.method == "POST":
        risico = verwerk(form, lambda d: services.risico_vastleggen(actor=request.user, **d))
        if risico:
            return _gelukt(request, f"Risico {risico.nummer} is vastgelegd (prioriteit "
                                    f"{risico.get_prioriteit_display().lower()}).", "risico-lijst")
    return render(request, FORMULIER, {"form": form, "titel": "Risico vastleggen"})


@vereist(Actie.IMPLEMENTATIE_BEHEREN)
def risico_wijzigen(request, pk: int):
    risico = get_object_or_404(Risico, pk=pk)
    form = RisicoWijzigForm(request.POST or None, instance=Risico.objects.get(pk=pk))
    if request.method == "POST":
        def uitvoeren(d):
            reden = d.pop("reden", "")
            return services.risico_wijzigen(actor=request.user, risico=risico, wijzigingen=d, reden=reden)

        if verwerk(form, uitvoeren):
            return _gelukt(request, "Het risico is bijgewerkt.", "risico-lijst")
    return render(request, FORMULIER, {"form": form, "titel": f"Risico {risico.nummer} bijwerken"})
