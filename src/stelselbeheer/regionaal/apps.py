from django.apps import AppConfig


class RegionaalConfig(AppConfig):
    name = "stelselbeheer.regionaal"
    verbose_name = "Regionaal beheer (RSO en VSV)"
