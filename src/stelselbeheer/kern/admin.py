"""The Django admin as a read-only window, gated by the same rights table as pages and API (rule ROL-ADMIN).

Every state change must go through a service function (which validates and writes the audit event),
so the admin offers no add, change or delete: editing happens on the project's own pages and API.

Entering the admin needs ``BEHEER_LEZEN``; each model then needs the action that reading it needs on the pages
(``AlleenLezenAdmin.actie``): meldingen ``MELDINGEN_BEHANDELEN``, case files ``NALEVING_LEZEN``, the audit trail
``AUDIT_LEZEN``, and so on. A model that a role may read on the pages only for its own participant or region is
not opened to that role here (the admin has no such scoping); such roles have no ``BEHEER_LEZEN`` anyway.
Models of the libraries that the project does not read here (groups, TOTP devices with their secrets) are not
registered.
"""

import django_otp.plugins.otp_totp.admin  # noqa: F401  (registers TOTPDevice now, so that it can be unregistered)
from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db import admin as tasks_admin
from django_tasks_db.models import DBTaskResult

from .models import AuditEvent, Gebruiker
from .rollen import Actie, kan


def _admin_toegang(request) -> bool:
    return request.user.is_active and kan(request.user, Actie.BEHEER_LEZEN)


def _inloggen(request, extra_context=None):
    """The admin has no login of its own: the project's login page (second factor, throttling) for whoever is not
    logged in, 403 for a logged-in role without the admin."""
    if _admin_toegang(request):
        return redirect("admin:index")
    if request.user.is_authenticated:
        raise PermissionDenied("Uw rol geeft geen toegang tot de beheeromgeving.")
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.has_permission = _admin_toegang
admin.site.login = _inloggen
admin.site.site_header = "Stelselbeheer – beheeromgeving (alleen lezen)"
admin.site.site_title = "Stelselbeheer"


class AlleenLezenAdmin(admin.ModelAdmin):
    """Read-only, for a role with ``BEHEER_LEZEN`` and ``actie``. Every registered model derives from this class
    (``tests/test_toegang.py`` checks that, and has a row per model and role)."""

    #: the action (kern.rollen.Actie) whose holders read this model on the pages and in the API
    actie: str = ""

    def __init__(self, model, admin_site):
        if self.actie not in Actie.values:
            raise ImproperlyConfigured(f"{type(self).__name__} noemt geen recht (actie) om {model.__name__} te lezen.")
        super().__init__(model, admin_site)

    def mag_lezen(self, request) -> bool:
        return _admin_toegang(request) and kan(request.user, self.actie)

    def has_module_permission(self, request):
        return self.mag_lezen(request)

    def has_view_permission(self, request, obj=None):
        return self.mag_lezen(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}  # no bulk actions: changes go through the services


class AlleenLezenInline(admin.TabularInline):
    """Rows shown inside a model's page: readable by whoever may read that model (its admin's ``actie``)."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].mag_lezen(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gebruiker)
class GebruikerAdmin(AlleenLezenAdmin):
    actie = Actie.AUDIT_LEZEN  # who holds which role is part of what an audit checks
    list_display = ["username", "first_name", "rol", "deelnemer", "rso", "is_active", "last_login"]
    list_filter = ["rol", "is_active"]
    search_fields = ["username", "first_name", "email"]
    exclude = ["password", "user_permissions", "groups"]


@admin.register(AuditEvent)
class AuditEventAdmin(AlleenLezenAdmin):
    actie = Actie.AUDIT_LEZEN
    list_display = ["volgnummer", "tijdstip", "actor_naam", "actie", "object_type", "object_id"]
    list_filter = ["actie", "object_type"]
    search_fields = ["object_id", "object_omschrijving", "actor_naam"]


# ---- models of the libraries ----

admin.site.unregister(auth_admin.Group)  # roles, not groups, carry the rights
admin.site.unregister(TOTPDevice)  # the secrets of the second factor; enrolment codes and `stelsel tweefactor`


def _opnieuw(model, bibliotheek_admin, actie: str):
    """Register a library's admin again on the project's base class (read-only, with a right)."""
    admin.site.unregister(model)
    klasse = type(bibliotheek_admin.__name__, (AlleenLezenAdmin, bibliotheek_admin), {"actie": actie})
    admin.site.register(model, klasse)


# login attempts and lock-outs (django-axes): security logs, read like the audit trail
_opnieuw(AccessAttempt, axes_admin.AccessAttemptAdmin, Actie.AUDIT_LEZEN)
_opnieuw(AccessLog, axes_admin.AccessLogAdmin, Actie.AUDIT_LEZEN)
_opnieuw(AccessFailureLog, axes_admin.AccessFailureLogAdmin, Actie.AUDIT_LEZEN)
# the background jobs' run log (publications, register checks; a traceback may quote register data): the staff
# that publishes and runs them
_opnieuw(DBTaskResult, tasks_admin.DBTaskResultAdmin, Actie.LIJST_PUBLICEREN)
