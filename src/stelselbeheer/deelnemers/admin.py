from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin

from .models import Deelnemer, DeelnemerRol, Herinnering, Kwalificatie, Statuswijziging


class RolInline(admin.TabularInline):
    model = DeelnemerRol
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Deelnemer)
class DeelnemerAdmin(AlleenLezenAdmin):
    list_display = ["__str__", "status", "status_sinds", "overeenkomstversie", "ondertekend_op"]
    list_filter = ["status", "rollen__rol"]
    search_fields = ["organisatie__naam", "organisatie__kvk_nummer"]
    inlines = [RolInline]


@admin.register(Kwalificatie)
class KwalificatieAdmin(AlleenLezenAdmin):
    list_display = ["deelnemer", "rol", "gegevensdienst", "testdatum", "resultaat", "geldig_tot"]
    list_filter = ["rol", "resultaat", "gegevensdienst"]
    search_fields = ["deelnemer__organisatie__naam"]


@admin.register(Statuswijziging)
class StatuswijzigingAdmin(AlleenLezenAdmin):
    list_display = ["deelnemer", "overgang", "van", "naar", "datum", "besluit"]
    list_filter = ["overgang", "naar"]
    list_select_related = ["deelnemer__organisatie", "besluit"]


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezenAdmin):
    list_display = ["kwalificatie", "dagen_voor", "verzonden_op"]
    list_filter = ["dagen_voor"]
