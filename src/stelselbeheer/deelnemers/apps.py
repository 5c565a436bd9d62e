from django.apps import AppConfig


class DeelnemersConfig(AppConfig):
    name = "stelselbeheer.deelnemers"
    verbose_name = "Deelnemers"
