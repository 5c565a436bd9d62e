from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Formaatversie, LijstKop, MislukteBouw, Publicatievoorstel, Snapshot


class LijstenAdmin(AlleenLezenAdmin):
    actie = Actie.LIJST_LEZEN


@admin.register(Snapshot)
class SnapshotAdmin(LijstenAdmin):
    list_display = ["lijst", "volgnummer", "tijdstempel", "aantal", "grootte", "trigger"]
    list_filter = ["lijst", "trigger"]
    exclude = ["inhoud_gz", "entries"]


@admin.register(LijstKop)
class LijstKopAdmin(LijstenAdmin):
    list_display = ["lijst", "volgnummer", "seed"]


@admin.register(MislukteBouw)
class MislukteBouwAdmin(LijstenAdmin):
    list_display = ["lijst", "tijdstip", "trigger", "afgehandeld"]
    list_filter = ["lijst", "afgehandeld"]


@admin.register(Publicatievoorstel)
class PublicatievoorstelAdmin(LijstenAdmin):
    list_display = ["lijst", "aangemaakt_op", "status", "vorige_aantal", "aangevraagd_door", "beoordeeld_door"]
    list_filter = ["lijst", "status"]


@admin.register(Formaatversie)
class FormaatversieAdmin(LijstenAdmin):
    list_display = ["lijst", "volgnummer", "api", "tijdstempel", "grootte"]
    list_filter = ["lijst", "api"]
    exclude = ["inhoud_gz"]
