from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Brief, Constatering, Nalevingszaak, Opschorting, Zaakgebeurtenis


class DossierAdmin(AlleenLezenAdmin):
    """Case data: staff and board only, also in the admin (auditors read the admin for the audit trail)."""

    actie = Actie.NALEVING_LEZEN


@admin.register(Constatering)
class ConstateringAdmin(DossierAdmin):
    list_display = ["deelnemer", "bron", "verplichting", "datum"]
    list_filter = ["bron"]


@admin.register(Nalevingszaak)
class NalevingszaakAdmin(DossierAdmin):
    list_display = ["nummer", "deelnemer", "verplichting", "stap", "termijn_tot", "afsluiting"]
    list_filter = ["stap", "afsluiting"]
    search_fields = ["nummer", "verplichting"]


@admin.register(Zaakgebeurtenis)
class ZaakgebeurtenisAdmin(DossierAdmin):
    list_display = ["zaak", "soort", "datum", "door"]


@admin.register(Opschorting)
class OpschortingAdmin(DossierAdmin):
    list_display = ["deelnemer", "niveau", "ingegaan_op", "gebruikers_geinformeerd_op", "opgeheven_op"]


@admin.register(Brief)
class BriefAdmin(DossierAdmin):
    list_display = ["zaak", "soort", "verzonden_op", "kanaal"]
    exclude = ["pdf"]
