from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Impactanalyse, Ontwikkelagenda, Reactie, Wijzigingsvoorstel


@admin.register(Ontwikkelagenda)
class OntwikkelagendaAdmin(AlleenLezenAdmin):
    actie = Actie.RFC_LEZEN
    list_display = ["naam", "soort", "beslisser", "met_consultatie", "openbaar"]


@admin.register(Wijzigingsvoorstel)
class WijzigingsvoorstelAdmin(AlleenLezenAdmin):
    actie = Actie.RFC_LEZEN
    list_display = ["nummer", "titel", "agenda", "status", "bron", "ingediend_op"]
    list_filter = ["agenda", "status", "bron"]
    search_fields = ["nummer", "titel"]


@admin.register(Impactanalyse)
class ImpactanalyseAdmin(AlleenLezenAdmin):
    actie = Actie.RFC_LEZEN
    list_display = ["voorstel", "peildatum", "aantal_aanbieders"]


@admin.register(Reactie)
class ReactieAdmin(AlleenLezenAdmin):
    actie = Actie.RFC_LEZEN
    list_display = ["voorstel", "deelnemer", "standpunt", "gegeven_op"]
