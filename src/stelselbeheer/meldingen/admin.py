from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin

from .models import Beslisboom, Melding


@admin.register(Melding)
class MeldingAdmin(AlleenLezenAdmin):
    list_display = ["nummer", "soort", "onderwerp", "niveau", "regio", "status", "ingediend_op"]
    list_filter = ["soort", "niveau", "status"]
    exclude = ["token_sha256"]


@admin.register(Beslisboom)
class BeslisboomAdmin(AlleenLezenAdmin):
    list_display = ["versie", "actief", "vastgelegd_op"]
