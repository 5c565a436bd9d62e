from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin

from .models import Aanbieder, AanbiederGegevensdienst, Gegevensdienst, OAuthclient, Wijzigingsverzoek


@admin.register(Gegevensdienst)
class GegevensdienstAdmin(AlleenLezenAdmin):
    list_display = ["code", "naam", "in_gebruik"]


@admin.register(Aanbieder)
class AanbiederAdmin(AlleenLezenAdmin):
    list_display = ["naam", "weergavenaam", "soort", "plaats", "dva"]
    list_filter = ["soort"]
    search_fields = ["naam", "weergavenaam", "plaats"]
    list_select_related = ["dva__organisatie"]


@admin.register(AanbiederGegevensdienst)
class AanbiederGegevensdienstAdmin(AlleenLezenAdmin):
    list_display = ["aanbieder", "gegevensdienst", "authorization_endpoint", "token_endpoint"]
    list_select_related = ["aanbieder", "gegevensdienst"]


@admin.register(OAuthclient)
class OAuthclientAdmin(AlleenLezenAdmin):
    list_display = ["hostname", "organisatienaam", "dvp"]


@admin.register(Wijzigingsverzoek)
class WijzigingsverzoekAdmin(AlleenLezenAdmin):
    list_display = ["pk", "deelnemer", "soort", "status", "ingediend_op", "beoordeeld_op"]
    list_filter = ["soort", "status"]
    list_select_related = ["deelnemer__organisatie"]
