from django.contrib import admin
from django.db import models

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie, kan

from .models import Adviesnota, Besluitvoorstel, Document, Lidmaatschap, Notulen, Orgaan, Vergadering


@admin.register(Orgaan)
class OrgaanAdmin(AlleenLezenAdmin):
    actie = Actie.OVERLEG_LEZEN
    list_display = ["code", "naam", "soort", "openbaar"]
    list_filter = ["soort", "openbaar"]
    search_fields = ["code", "naam"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(AlleenLezenAdmin):
    actie = Actie.OVERLEG_LEZEN
    list_display = ["naam", "orgaan", "rol", "gebruiker", "organisatie", "van", "tot"]
    list_filter = ["orgaan", "rol"]
    search_fields = ["naam"]


@admin.register(Vergadering)
class VergaderingAdmin(AlleenLezenAdmin):
    actie = Actie.OVERLEG_LEZEN
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the project's own forms
    list_display = ["orgaan", "begin", "einde", "plaats", "status"]
    list_filter = ["orgaan", "status"]


@admin.register(Notulen)
class NotulenAdmin(AlleenLezenAdmin):
    actie = Actie.OVERLEG_LEZEN
    list_display = ["vergadering", "status", "vastgesteld_in", "vastgesteld_op"]
    list_filter = ["status"]


class _Vertrouwelijk(AlleenLezenAdmin):
    """OVL-VERTROUWELIJK holds in the admin too (auditors may read the admin)."""

    actie = Actie.OVERLEG_LEZEN

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if kan(request.user, Actie.OVERLEG_VERTROUWELIJK_LEZEN) else qs.filter(vertrouwelijk=False)


@admin.register(Document)
class DocumentAdmin(_Vertrouwelijk):
    list_display = ["naam", "vergadering", "agendapunt", "vertrouwelijk", "grootte", "toegevoegd_op"]
    list_filter = ["vertrouwelijk"]
    exclude = ["bestand"]  # downloads go through the page that checks who may see the document


@admin.register(Adviesnota)
class AdviesnotaAdmin(_Vertrouwelijk):
    list_display = ["titel", "agendapunt", "vertrouwelijk", "opgesteld_op"]
    list_filter = ["vertrouwelijk"]


@admin.register(Besluitvoorstel)
class BesluitvoorstelAdmin(AlleenLezenAdmin):
    actie = Actie.OVERLEG_LEZEN
    list_display = ["nummer", "onderwerp", "soort", "stap", "status", "revisie", "openbaar", "besluit"]
    list_filter = ["status", "soort", "stap", "openbaar"]
    search_fields = ["nummer", "onderwerp"]

    def get_queryset(self, request):
        return super().get_queryset(request).zichtbaar_voor(request.user)
