from django.contrib import admin
from django.db import models

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import (
    Implementatietermijn,
    Overeenkomstsignalering,
    Release,
    Releasedocument,
    Standaard,
    Uitrol,
    Wijziging,
)


@admin.register(Release)
class ReleaseAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    list_display = ["nummer", "titel", "status", "gepland_kwartaal", "ingangsdatum", "overgangsdatum", "besluit"]
    list_filter = ["status"]
    search_fields = ["nummer", "titel"]


@admin.register(Releasedocument)
class ReleasedocumentAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    list_display = ["naam", "release", "grootte", "toegevoegd_op"]


@admin.register(Standaard)
class StandaardAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the project's own forms
    list_display = ["naam", "versie", "eigenaar", "release"]


@admin.register(Wijziging)
class WijzigingAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    list_display = ["titel", "release", "impact_dvp", "impact_dva"]


@admin.register(Implementatietermijn)
class ImplementatietermijnAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    list_display = ["release", "rol", "uiterlijk"]


@admin.register(Uitrol)
class UitrolAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    list_display = ["release", "deelnemer", "rol", "uiterlijk", "status", "testresultaat"]
    list_filter = ["status", "rol"]


@admin.register(Overeenkomstsignalering)
class OvereenkomstsignaleringAdmin(AlleenLezenAdmin):
    actie = Actie.RELEASE_LEZEN
    list_display = ["deelnemer", "release", "herinnerd_op", "constatering"]
