from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import (
    Acceptatiecriterium,
    Beoordeling,
    Fasebesluit,
    Koploper,
    Product,
    Risico,
    Taak,
    Volgorderun,
    WsjfInvoer,
)


@admin.register(Product)
class ProductAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["code", "naam", "soort", "eigenaar", "fase", "wettelijk_verplicht"]
    list_filter = ["fase", "soort", "wettelijk_verplicht"]
    search_fields = ["code", "naam", "eigenaar"]


@admin.register(Acceptatiecriterium)
class AcceptatiecriteriumAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["volgorde", "naam", "code"]


@admin.register(Beoordeling)
class BeoordelingAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["product", "fase", "criterium", "oordeel", "beoordeeld_op"]
    list_filter = ["fase", "oordeel", "criterium"]


@admin.register(Fasebesluit)
class FasebesluitAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["nummer", "product", "van_fase", "naar_fase", "vergadering", "vastgelegd_op"]
    search_fields = ["nummer", "product__naam"]


@admin.register(Koploper)
class KoploperAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["product", "organisatie", "geselecteerd_op"]


@admin.register(Taak)
class TaakAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["product", "fase", "partij", "organisatie"]
    list_filter = ["fase", "partij"]


@admin.register(WsjfInvoer)
class WsjfInvoerAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["product", "gebruikerswaarde", "tijdkritiek", "risicoreductie", "omvang"]


@admin.register(Volgorderun)
class VolgorderunAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["uitgevoerd_op", "aanleiding", "uitgevoerd_door"]


@admin.register(Risico)
class RisicoAdmin(AlleenLezenAdmin):
    actie = Actie.IMPLEMENTATIE_LEZEN
    list_display = ["nummer", "titel", "kans", "impact", "prioriteit", "eigenaar", "herzien_op", "status"]
    list_filter = ["status", "prioriteit"]
    search_fields = ["nummer", "titel"]
