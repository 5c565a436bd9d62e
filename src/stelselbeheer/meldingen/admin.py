from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin, AlleenLezenInline
from stelselbeheer.kern.rollen import Actie, kan

from .kennisbank import zichtbare_artikelen
from .models import Beslisboom, Kennisartikel, Melding, Meldinggebeurtenis


class GebeurtenisInline(AlleenLezenInline):
    model = Meldinggebeurtenis
    fields = ["tijdstip", "soort", "tekst", "zichtbaar", "door"]
    readonly_fields = fields


@admin.register(Melding)
class MeldingAdmin(AlleenLezenAdmin):
    """The reporter's name, e-mail and text: handlers only. A regional desk handles only its region's meldingen
    (MEL-ZICHT) and has no admin, so the admin shows all to staff and board."""

    actie = Actie.MELDINGEN_BEHANDELEN
    list_display = ["nummer", "soort", "onderwerp", "niveau", "regio", "status", "fase", "ernst", "ingediend_op"]
    list_filter = ["soort", "niveau", "status", "fase", "ernst"]
    search_fields = ["nummer", "onderwerp"]
    exclude = ["token_sha256"]
    inlines = [GebeurtenisInline]


@admin.register(Beslisboom)
class BeslisboomAdmin(AlleenLezenAdmin):
    actie = Actie.MELDING_INDIENEN  # the tree is what the front door shows to anyone
    list_display = ["versie", "actief", "vastgelegd_op"]


@admin.register(Kennisartikel)
class KennisartikelAdmin(AlleenLezenAdmin):
    actie = Actie.KENNISBANK_LEZEN
    list_display = ["titel", "doelgroep", "gepubliceerd", "gewijzigd_op"]
    list_filter = ["doelgroep", "gepubliceerd"]
    search_fields = ["titel", "trefwoorden"]

    def get_queryset(self, request):
        """As on the pages: drafts for the writers, articles for participants for the roles that read them."""
        if kan(request.user, Actie.KENNISBANK_BEHEREN):
            return super().get_queryset(request)
        return super().get_queryset(request).filter(pk__in=zichtbare_artikelen(request.user).values("pk"))
