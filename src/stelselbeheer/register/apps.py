from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "stelselbeheer.register"
    verbose_name = "Register (aanbieders, gegevensdiensten, OAuth-clients)"
