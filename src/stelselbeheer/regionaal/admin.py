from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import (
    Betaling,
    Beveiligingsdocument,
    Checklist,
    Checkstap,
    Contactpersoon,
    Contactpunt,
    Deelnemersovereenkomst,
    Dienst,
    Leverancierscontract,
    Overeenkomst,
    RegionaalOverleg,
    Tarief,
)
from .overzicht import zichtbare_rsos


class _Regionaal(AlleenLezenAdmin):
    """RSO-EIGEN holds in the admin too."""

    actie = Actie.REGIONAAL_LEZEN
    rso_pad = "rso"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{f"{self.rso_pad}__in": zichtbare_rsos(request.user)})


@admin.register(Dienst)
class DienstAdmin(_Regionaal):
    list_display = ["thema", "rso", "plaatsing", "levering"]
    list_filter = ["levering", "plaatsing"]
    search_fields = ["thema"]


@admin.register(Tarief)
class TariefAdmin(_Regionaal):
    rso_pad = "dienst__rso"
    list_display = ["dienst", "jaar", "bedrag", "vastgesteld_op"]
    list_filter = ["jaar"]


@admin.register(Overeenkomst)
class OvereenkomstAdmin(_Regionaal):
    list_display = ["nummer", "rso", "vsv", "regio", "status", "ingangsdatum", "einddatum"]
    list_filter = ["status"]
    search_fields = ["nummer"]


@admin.register(Contactpersoon)
class ContactpersoonAdmin(_Regionaal):
    rso_pad = "overeenkomst__rso"
    list_display = ["naam", "partij", "organisatie", "overeenkomst"]


@admin.register(Betaling)
class BetalingAdmin(_Regionaal):
    rso_pad = "overeenkomst__rso"
    list_display = ["overeenkomst", "dienst", "ontvangen_op", "bedrag"]


@admin.register(Deelnemersovereenkomst)
class DeelnemersovereenkomstAdmin(_Regionaal):
    rso_pad = "overeenkomst__rso"
    list_display = ["deelnemer", "dienst", "overeenkomst", "verwerkersovereenkomst_tot"]


@admin.register(RegionaalOverleg)
class RegionaalOverlegAdmin(_Regionaal):
    list_display = ["orgaan", "niveau", "rso", "vsv", "regio"]
    list_filter = ["niveau"]


@admin.register(Checklist)
class ChecklistAdmin(_Regionaal):
    list_display = ["soort", "vsv", "zorgaanbieder", "rso", "gestart_op"]
    list_filter = ["soort"]


@admin.register(Checkstap)
class CheckstapAdmin(_Regionaal):
    rso_pad = "checklist__rso"
    list_display = ["checklist", "volgorde", "omschrijving", "eigenaar", "streefdatum", "gereed_op"]


@admin.register(Contactpunt)
class ContactpuntAdmin(_Regionaal):
    list_display = ["organisatie", "soort", "naam", "email", "rso"]
    list_filter = ["soort"]


@admin.register(Leverancierscontract)
class LeverancierscontractAdmin(_Regionaal):
    list_display = ["onderwerp", "leverancier", "rso", "ingangsdatum", "einddatum", "opzegtermijn_maanden"]


@admin.register(Beveiligingsdocument)
class BeveiligingsdocumentAdmin(_Regionaal):
    list_display = ["titel", "soort", "rso", "vastgesteld_op", "review_voor"]
    list_filter = ["soort"]
