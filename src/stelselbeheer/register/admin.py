from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import (
    Aanbieder,
    AanbiederGegevensdienst,
    Aanbiedertype,
    Gegevensdienst,
    OAuthclient,
    Wijzigingsverzoek,
)


class RegisterAdmin(AlleenLezenAdmin):
    actie = Actie.AANBIEDER_LEZEN  # the full register, with endpoints and change requests


@admin.register(Gegevensdienst)
class GegevensdienstAdmin(RegisterAdmin):
    list_display = ["code", "naam", "in_gebruik"]


@admin.register(Aanbieder)
class AanbiederAdmin(RegisterAdmin):
    list_display = ["naam", "weergavenaam", "soort", "aanbiedertype", "plaats", "dva"]
    list_filter = ["soort", "aanbiedertype"]
    search_fields = ["naam", "weergavenaam", "plaats"]
    list_select_related = ["dva__organisatie", "aanbiedertype"]


@admin.register(Aanbiedertype)
class AanbiedertypeAdmin(RegisterAdmin):
    list_display = ["code", "naam", "in_gebruik"]


@admin.register(AanbiederGegevensdienst)
class AanbiederGegevensdienstAdmin(RegisterAdmin):
    list_display = ["aanbieder", "gegevensdienst", "authorization_endpoint", "token_endpoint", "interfaceversies",
                    "abonneren_maximale_duur"]
    list_select_related = ["aanbieder", "gegevensdienst"]


@admin.register(OAuthclient)
class OAuthclientAdmin(RegisterAdmin):
    list_display = ["hostname", "organisatienaam", "dvp"]


@admin.register(Wijzigingsverzoek)
class WijzigingsverzoekAdmin(RegisterAdmin):
    list_display = ["pk", "deelnemer", "soort", "status", "ingediend_op", "beoordeeld_op"]
    list_filter = ["soort", "status"]
    list_select_related = ["deelnemer__organisatie"]
