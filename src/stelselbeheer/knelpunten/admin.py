from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Bouwblok, Knelpunt


@admin.register(Bouwblok)
class BouwblokAdmin(AlleenLezenAdmin):
    actie = Actie.KNELPUNT_LEZEN
    list_display = ["nummer", "naam", "vraag"]


@admin.register(Knelpunt)
class KnelpuntAdmin(AlleenLezenAdmin):
    actie = Actie.KNELPUNT_LEZEN
    list_display = ["nummer", "titel", "bouwblok", "sector", "regio", "binnen_invloed", "status"]
    list_filter = ["bouwblok", "status", "binnen_invloed"]
    search_fields = ["nummer", "titel"]
    list_select_related = ["bouwblok", "regio"]
