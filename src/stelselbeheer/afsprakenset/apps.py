from django.apps import AppConfig


class AfsprakensetConfig(AppConfig):
    name = "stelselbeheer.afsprakenset"
    verbose_name = "Afsprakenset en releases"
