from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "stelselbeheer.meldingen"
    verbose_name = "Meldingen"
