from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie, kan

from .models import Constatering


@admin.register(Constatering)
class ConstateringAdmin(AlleenLezenAdmin):
    list_display = ["deelnemer", "bron", "verplichting", "datum"]
    list_filter = ["bron"]

    def has_view_permission(self, request, obj=None):
        """Case data: staff and board only, also in the admin (auditors read the admin for the audit trail)."""
        return kan(request.user, Actie.NALEVING_LEZEN) and super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return kan(request.user, Actie.NALEVING_LEZEN) and super().has_module_permission(request)
