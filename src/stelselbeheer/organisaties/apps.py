from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "stelselbeheer.organisaties"
    verbose_name = "Organisaties"
