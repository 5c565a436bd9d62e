from django.apps import AppConfig


class DeelnemersConfig(AppConfig):
    name = "stelselbeheer.deelnemers"
    verbose_name = "Deelnemers"

    def ready(self):
        from stelselbeheer.kern.auditweergave import stappen_registreren

        from .workflow import OVERGANGEN

        # the audit trail names the actions deelnemer.<step> by the step's label
        stappen_registreren("deelnemer", {o.naam: o.label for o in OVERGANGEN})
