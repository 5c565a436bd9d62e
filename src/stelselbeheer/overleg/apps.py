from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "stelselbeheer.overleg"
    verbose_name = "Overleg en besluitvorming"
