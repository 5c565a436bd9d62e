from django.contrib import admin
from django.db import models

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Organisatie, OrganisatieRelatie, Regio


class OrganisatiesAdmin(AlleenLezenAdmin):
    actie = Actie.ORGANISATIE_LEZEN
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the project's own forms


@admin.register(Organisatie)
class OrganisatieAdmin(OrganisatiesAdmin):
    list_display = ["naam", "soort", "kvk_nummer", "plaats", "regio"]
    list_filter = ["soort", "sector", "regio"]
    search_fields = ["naam", "kvk_nummer", "ura", "agb_code", "oin", "plaats"]


@admin.register(Regio)
class RegioAdmin(OrganisatiesAdmin):
    list_display = ["naam", "code"]


@admin.register(OrganisatieRelatie)
class OrganisatieRelatieAdmin(OrganisatiesAdmin):
    list_display = ["van", "soort", "naar", "sinds"]
    list_filter = ["soort"]
