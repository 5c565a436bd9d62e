from django.apps import AppConfig


class BesluitenConfig(AppConfig):
    name = "stelselbeheer.besluiten"
    verbose_name = "Besluiten"
