from django.apps import AppConfig


class LijstenConfig(AppConfig):
    name = "stelselbeheer.lijsten"
    verbose_name = "Gepubliceerde lijsten"
