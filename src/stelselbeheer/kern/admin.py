"""The Django admin as a read-only window for staff, board and auditors.

Every state change must go through a service function (which validates and writes the audit event),
so the admin offers no add, change or delete: editing happens on the project's own pages and API.
"""

from django.contrib import admin

from .models import AuditEvent, Gebruiker
from .rollen import Actie, kan


def _admin_toegang(request) -> bool:
    return request.user.is_active and kan(request.user, Actie.BEHEER_LEZEN)


admin.site.has_permission = _admin_toegang
admin.site.site_header = "Stelselbeheer – beheeromgeving (alleen lezen)"
admin.site.site_title = "Stelselbeheer"


class AlleenLezenAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return _admin_toegang(request)

    def has_view_permission(self, request, obj=None):
        return _admin_toegang(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gebruiker)
class GebruikerAdmin(AlleenLezenAdmin):
    list_display = ["username", "first_name", "rol", "deelnemer", "rso", "is_active", "last_login"]
    list_filter = ["rol", "is_active"]
    search_fields = ["username", "first_name", "email"]
    exclude = ["password", "user_permissions", "groups"]


@admin.register(AuditEvent)
class AuditEventAdmin(AlleenLezenAdmin):
    list_display = ["volgnummer", "tijdstip", "actor_naam", "actie", "object_type", "object_id"]
    list_filter = ["actie", "object_type"]
    search_fields = ["object_id", "object_omschrijving", "actor_naam"]
