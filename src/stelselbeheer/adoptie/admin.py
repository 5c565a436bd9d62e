from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Adoptiestand, Drempel, HandmatigeStatus, Momentopname


@admin.register(Drempel)
class DrempelAdmin(AlleenLezenAdmin):
    actie = Actie.ADOPTIE_LEZEN
    list_display = ["fase", "soort", "waarde", "omschrijving"]
    list_filter = ["fase"]


@admin.register(Momentopname)
class MomentopnameAdmin(AlleenLezenAdmin):
    actie = Actie.ADOPTIE_LEZEN
    list_display = ["datum", "zal_volgnummer", "bron", "gemaakt_op"]
    date_hierarchy = "datum"


@admin.register(Adoptiestand)
class AdoptiestandAdmin(AlleenLezenAdmin):
    actie = Actie.ADOPTIE_LEZEN
    list_display = ["product", "momentopname", "aanbieders_live", "aanbieders_totaal", "leveranciers_gereed",
                    "leveranciers_relevant"]
    list_filter = ["product"]
    list_select_related = ["product", "momentopname"]


@admin.register(HandmatigeStatus)
class HandmatigeStatusAdmin(AlleenLezenAdmin):
    actie = Actie.ADOPTIE_LEZEN
    list_display = ["product", "organisatie", "live", "bron", "vastgelegd_op"]
    list_filter = ["product", "live"]
    list_select_related = ["product", "organisatie"]
