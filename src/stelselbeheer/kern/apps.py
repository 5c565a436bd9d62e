from django.apps import AppConfig


class KernConfig(AppConfig):
    name = "stelselbeheer.kern"
    verbose_name = "Kern: audittrail, rollen en rechten"
