from django.apps import AppConfig


class NalevingConfig(AppConfig):
    name = "stelselbeheer.naleving"
    verbose_name = "Naleving"

    def ready(self):
        from stelselbeheer.kern.audit import na_commit

        from .tasks import na_vastlegging

        na_commit(na_vastlegging)
