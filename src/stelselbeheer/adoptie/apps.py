from django.apps import AppConfig


class AdoptieConfig(AppConfig):
    name = "stelselbeheer.adoptie"
    verbose_name = "Adoptiemonitor"
