from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin

from .models import Organisatie, OrganisatieRelatie, Regio


@admin.register(Organisatie)
class OrganisatieAdmin(AlleenLezenAdmin):
    list_display = ["naam", "soort", "kvk_nummer", "plaats", "regio"]
    list_filter = ["soort", "sector", "regio"]
    search_fields = ["naam", "kvk_nummer", "ura", "agb_code", "oin", "plaats"]


@admin.register(Regio)
class RegioAdmin(AlleenLezenAdmin):
    list_display = ["naam", "code"]


@admin.register(OrganisatieRelatie)
class OrganisatieRelatieAdmin(AlleenLezenAdmin):
    list_display = ["van", "soort", "naar", "sinds"]
    list_filter = ["soort"]
