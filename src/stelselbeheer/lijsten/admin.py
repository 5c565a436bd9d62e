from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin

from .models import LijstKop, MislukteBouw, Publicatievoorstel, Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(AlleenLezenAdmin):
    list_display = ["lijst", "volgnummer", "tijdstempel", "aantal", "grootte", "trigger"]
    list_filter = ["lijst", "trigger"]
    exclude = ["inhoud_gz", "entries"]


@admin.register(LijstKop)
class LijstKopAdmin(AlleenLezenAdmin):
    list_display = ["lijst", "volgnummer", "seed"]


@admin.register(MislukteBouw)
class MislukteBouwAdmin(AlleenLezenAdmin):
    list_display = ["lijst", "tijdstip", "trigger", "afgehandeld"]
    list_filter = ["lijst", "afgehandeld"]


@admin.register(Publicatievoorstel)
class PublicatievoorstelAdmin(AlleenLezenAdmin):
    list_display = ["lijst", "aangemaakt_op", "status", "vorige_aantal", "aangevraagd_door", "beoordeeld_door"]
    list_filter = ["lijst", "status"]
