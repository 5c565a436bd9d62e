from django.apps import AppConfig


class NalevingConfig(AppConfig):
    name = "stelselbeheer.naleving"
    verbose_name = "Naleving"
