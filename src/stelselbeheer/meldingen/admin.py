from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin

from .models import Beslisboom, Kennisartikel, Melding, Meldinggebeurtenis


class GebeurtenisInline(admin.TabularInline):
    model = Meldinggebeurtenis
    extra = 0
    can_delete = False
    fields = ["tijdstip", "soort", "tekst", "zichtbaar", "door"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Melding)
class MeldingAdmin(AlleenLezenAdmin):
    list_display = ["nummer", "soort", "onderwerp", "niveau", "regio", "status", "fase", "ernst", "ingediend_op"]
    list_filter = ["soort", "niveau", "status", "fase", "ernst"]
    search_fields = ["nummer", "onderwerp"]
    exclude = ["token_sha256"]
    inlines = [GebeurtenisInline]


@admin.register(Beslisboom)
class BeslisboomAdmin(AlleenLezenAdmin):
    list_display = ["versie", "actief", "vastgelegd_op"]


@admin.register(Kennisartikel)
class KennisartikelAdmin(AlleenLezenAdmin):
    list_display = ["titel", "doelgroep", "gepubliceerd", "gewijzigd_op"]
    list_filter = ["doelgroep", "gepubliceerd"]
    search_fields = ["titel", "trefwoorden"]
