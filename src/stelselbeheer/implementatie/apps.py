from django.apps import AppConfig


class ImplementatieConfig(AppConfig):
    name = "stelselbeheer.implementatie"
    verbose_name = "Landelijke implementatie"
