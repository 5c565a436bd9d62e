"""This app's part of the implementation monitor's product page (``implementatie.views.PRODUCTPAGINA``): registered
from ``AdoptieConfig.ready``, so it imports only what the figures need, not the pages and their downloads."""

from stelselbeheer.kern.rollen import Actie, kan

from . import tabellen
from .berekening import pct
from .gegevens import productcijfers
from .models import DOEL_AANBIEDERS, DOEL_LEVERANCIERS


def op_productpagina(request, product) -> dict:
    """The adoption figures and the MVP thresholds of ``product`` for the implementation monitor's product page
    (ADO-DREMPEL), for whoever may see the public summary; a link to the monitor for whoever may read it."""
    if not kan(request.user, Actie.ADOPTIE_PUBLIEK_LEZEN):
        return {}
    cijfers = productcijfers(product)
    return {"adoptie": {
        "cijfers": cijfers, "drempels": tabellen.drempels(cijfers.fasen),
        "pct_aanbieders": pct(cijfers.stand.aanbieders_live, cijfers.stand.aanbieders_totaal),
        "pct_leveranciers": pct(cijfers.stand.leveranciers_gereed, cijfers.stand.leveranciers_relevant),
        "doel_aanbieders": DOEL_AANBIEDERS, "doel_leveranciers": DOEL_LEVERANCIERS,
        "monitor": kan(request.user, Actie.ADOPTIE_LEZEN)}}
