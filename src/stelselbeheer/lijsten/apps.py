from django.apps import AppConfig


class LijstenConfig(AppConfig):
    name = "stelselbeheer.lijsten"
    verbose_name = "Gepubliceerde lijsten"

    def ready(self):
        from stelselbeheer.kern.audit import na_commit

        from .tasks import na_vastlegging

        na_commit(na_vastlegging)
