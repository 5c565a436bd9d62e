"""Pages of the adoption monitor: the overview (products against the targets, the phase funnel), a product's
dashboard (adoption over time, per sector and region, region × sector, vendor coverage, thresholds), its provider
list, the downloads, the public summary and the typed-in statuses."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stelselbeheer.implementatie.models import FASEVOLGORDE, Fase, Product
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk
from stelselbeheer.register.models import Aanbieder, AanbiederSoort

from . import tabellen
from .berekening import Aanbiederregel, Registerstand, aanbieder_live, pct, product_gegevens, zal_diensten
from .export import als_csv, als_xlsx
from .filters import AanbiederFilter
from .forms import HandmatigForm
from .gegevens import laatste_standen, per_maand, productcijfers
from .grafiek import lijngrafiek, staafgrafiek
from .models import DOEL_AANBIEDERS, DOEL_LEVERANCIERS, HandmatigeStatus
from .services import handmatige_status_vastleggen

FORMATEN = {"csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _grafiek(product, verloop):
    return lijngrafiek(
        titel=f"Adoptie van {product.naam} in de tijd",
        omschrijving="Percentage zorgaanbieders live en relevante leverancierssystemen gereed per dag; de "
                     "stippellijnen zijn de doelen. De tabel hieronder geeft dezelfde cijfers per maand.",
        datums=[r[0].strftime("%d-%m-%Y") for r in verloop],
        reeksen=[("Aanbieders live", [pct(r[1], r[2]) for r in verloop]),
                 ("Leveranciers gereed", [pct(r[3], r[4]) for r in verloop])],
        doelen=[(f"doel aanbieders {DOEL_AANBIEDERS}%", DOEL_AANBIEDERS),
                (f"doel leveranciers {DOEL_LEVERANCIERS}%", DOEL_LEVERANCIERS)])


def _overzichtstabellen():
    producten = list(Product.objects.all())
    opname, standen = laatste_standen()
    return opname, producten, [tabellen.overzicht(producten, standen), tabellen.trechter(producten)]


@vereist(Actie.ADOPTIE_LEZEN)
def overzicht(request):
    opname, producten, (per_product, trechter) = _overzichtstabellen()
    grafiek = staafgrafiek(titel="Producten per fase", omschrijving="Het aantal producten in elke fase van de "
                           "implementatiestrategie; de tabel ernaast geeft dezelfde aantallen.",
                           staven=[(r[0], r[1]) for r in trechter.rijen])
    codes = {p.naam: p.code for p in producten}
    return render(request, "adoptie/overzicht.html", {
        "opname": opname, "per_product": per_product, "trechter": trechter, "grafiek": grafiek, "codes": codes,
        "doel_aanbieders": DOEL_AANBIEDERS, "doel_leveranciers": DOEL_LEVERANCIERS})


@vereist(Actie.ADOPTIE_LEZEN)
def overzicht_export(request, formaat: str):
    _, _, tabs = _overzichtstabellen()
    return _download(request, tabs, formaat, "adoptie-overzicht")


def _product(code: str) -> Product:
    return get_object_or_404(Product.objects.prefetch_related("gegevensdiensten"), code=code)


def _producttabellen(cijfers, *, alle_dagen: bool) -> list[tabellen.Tabel]:
    s = cijfers.stand
    return [tabellen.verloop(cijfers.verloop if alle_dagen else per_maand(cijfers.verloop)),
            tabellen.per_sector(s), tabellen.per_regio(s), tabellen.warmtetabel(s), tabellen.leveranciers(s),
            tabellen.drempels(cijfers.fasen)]


@vereist(Actie.ADOPTIE_LEZEN)
def product(request, code: str):
    p = _product(code)
    cijfers = productcijfers(p)
    tabs = _producttabellen(cijfers, alle_dagen=False)
    return render(request, "adoptie/product.html", {
        "product": p, "cijfers": cijfers, "tabellen": {t.sleutel: t for t in tabs},
        "grafiek": _grafiek(p, cijfers.verloop) if cijfers.verloop else None,
        "pct_aanbieders": pct(cijfers.stand.aanbieders_live, cijfers.stand.aanbieders_totaal),
        "pct_leveranciers": pct(cijfers.stand.leveranciers_gereed, cijfers.stand.leveranciers_relevant),
        "doel_aanbieders": DOEL_AANBIEDERS, "doel_leveranciers": DOEL_LEVERANCIERS,
        "mag_vastleggen": kan(request.user, Actie.ADOPTIE_VASTLEGGEN),
        "diensten": list(p.gegevensdiensten.all())})


@vereist(Actie.ADOPTIE_LEZEN)
def product_export(request, code: str, formaat: str):
    p = _product(code)
    tabs = _producttabellen(productcijfers(p), alle_dagen=True)
    if formaat == "csv":
        gekozen = request.GET.get("tabel", tabs[0].sleutel)
        tabs = [t for t in tabs if t.sleutel == gekozen]
        if not tabs:
            raise Http404("Onbekende tabel")
    return _download(request, tabs, formaat, f"adoptie-{p.code}" + (f"-{tabs[0].sleutel}" if formaat == "csv"
                                                                      else ""))


def _download(request, tabs, formaat: str, naam: str) -> HttpResponse:
    if formaat not in FORMATEN:
        raise Http404("Onbekend formaat")
    if formaat == "csv":
        inhoud = als_csv(tabs[0])
    else:
        inhoud = als_xlsx(tabs)
    r = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    r["Content-Disposition"] = f'attachment; filename="{naam}-{timezone.localdate():%Y-%m-%d}.{formaat}"'
    return r


@vereist(Actie.ADOPTIE_LEZEN)
def aanbieders(request, code: str):
    """The status of each provider in the product's target group, with its source (the ZAL or typed in)."""
    p = _product(code)
    sectoren, diensten = product_gegevens(p)
    qs = (Aanbieder.objects.filter(soort=AanbiederSoort.ZORGAANBIEDER)
          .select_related("organisatie__regio", "dva__organisatie").order_by("weergavenaam", "id"))
    if sectoren:
        qs = qs.filter(organisatie__sector__in=sectoren)
    context = lijst(request, qs, AanbiederFilter)
    volgnummer, zal = zal_diensten(timezone.now())
    handmatig = dict(HandmatigeStatus.objects.filter(product=p).values_list("organisatie_id", "live"))
    stand = Registerstand(moment=timezone.now(), zal_volgnummer=volgnummer, zal=zal, aanbieders=[], klanten={},
                          kwalificaties={}, dva_organisaties=set(), handmatig={})
    rijen = []
    for a in context["pagina"]:
        regel = Aanbiederregel(a.pk, a.naam, a.weergavenaam, a.organisatie_id, a.organisatie.sector,
                               a.organisatie.regio_id, None)
        live, bron = aanbieder_live(regel, diensten, stand, handmatig)
        rijen.append({"a": a, "live": live, "bron": bron})
    return render(request, "adoptie/aanbieders.html", context | {
        "product": p, "rijen": rijen, "zal_volgnummer": volgnummer, "diensten": list(p.gegevensdiensten.all())})


@vereist(Actie.ADOPTIE_PUBLIEK_LEZEN)
def samenvatting(request, code: str):
    """The public summary of a product: its phase, the shares against the targets, the history per month and the
    thresholds; no institution or vendor by name."""
    p = _product(code)
    cijfers = productcijfers(p)
    return render(request, "adoptie/samenvatting.html", {
        "product": p, "cijfers": cijfers, "verloop": tabellen.verloop(per_maand(cijfers.verloop)),
        "drempels": tabellen.drempels(cijfers.fasen),
        "grafiek": _grafiek(p, cijfers.verloop) if cijfers.verloop else None,
        "pct_aanbieders": pct(cijfers.stand.aanbieders_live, cijfers.stand.aanbieders_totaal),
        "pct_leveranciers": pct(cijfers.stand.leveranciers_gereed, cijfers.stand.leveranciers_relevant),
        "doel_aanbieders": DOEL_AANBIEDERS, "doel_leveranciers": DOEL_LEVERANCIERS,
        "fasen": [(f, Fase(f).label) for f in FASEVOLGORDE]})


@vereist(Actie.ADOPTIE_VASTLEGGEN)
def handmatig(request, code: str):
    p = _product(code)
    form = HandmatigForm(request.POST or None)
    if request.method == "POST":
        status = verwerk(form, lambda d: handmatige_status_vastleggen(
            actor=request.user, product=p, organisatie=d["organisatie"], live=d["live"] == "ja", bron=d["bron"],
            toelichting=d["toelichting"]))
        if status is not None:
            messages.success(request, f"De status van {status.organisatie} is vastgelegd (handmatig).")
            return redirect("adoptie-handmatig", code=p.code)
    statussen = HandmatigeStatus.objects.filter(product=p).select_related("organisatie", "vastgelegd_door")
    return render(request, "adoptie/handmatig.html", {"product": p, "form": form, "statussen": statussen,
                                                      "heeft_diensten": p.gegevensdiensten.exists()},
                  status=422 if form.errors else 200)

