from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin, AlleenLezenInline
from stelselbeheer.kern.rollen import Actie

from .models import Deelnemer, DeelnemerRol, Herinnering, Kwalificatie, Statuswijziging


class RolInline(AlleenLezenInline):
    model = DeelnemerRol


@admin.register(Deelnemer)
class DeelnemerAdmin(AlleenLezenAdmin):
    actie = Actie.DEELNEMER_LEZEN
    list_display = ["__str__", "status", "status_sinds", "overeenkomstversie", "ondertekend_op"]
    list_filter = ["status", "rollen__rol"]
    search_fields = ["organisatie__naam", "organisatie__kvk_nummer"]
    inlines = [RolInline]


@admin.register(Kwalificatie)
class KwalificatieAdmin(AlleenLezenAdmin):
    actie = Actie.DEELNEMER_LEZEN
    list_display = ["deelnemer", "rol", "gegevensdienst", "testdatum", "resultaat", "geldig_tot"]
    list_filter = ["rol", "resultaat", "gegevensdienst"]
    search_fields = ["deelnemer__organisatie__naam"]


@admin.register(Statuswijziging)
class StatuswijzigingAdmin(AlleenLezenAdmin):
    actie = Actie.DEELNEMER_LEZEN
    list_display = ["deelnemer", "overgang", "van", "naar", "datum", "besluit"]
    list_filter = ["overgang", "naar"]
    list_select_related = ["deelnemer__organisatie", "besluit"]


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezenAdmin):
    actie = Actie.DEELNEMER_LEZEN
    list_display = ["kwalificatie", "dagen_voor", "verzonden_op"]
    list_filter = ["dagen_voor"]
