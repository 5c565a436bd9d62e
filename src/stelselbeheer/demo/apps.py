from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "stelselbeheer.demo"
    verbose_name = "Demodata"
