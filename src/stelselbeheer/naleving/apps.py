from django.apps import AppConfig


class NalevingConfig(AppConfig):
    name = "stelselbeheer.naleving"
    verbose_name = "Naleving"

    def ready(self):
        from stelselbeheer.kern.audit import na_commit
        from stelselbeheer.kern.auditweergave import stappen_registreren

        from .tasks import na_vastlegging
        from .workflow import OVERGANGEN

        na_commit(na_vastlegging)
        # the audit trail names the actions zaak.<step> by the step's label
        stappen_registreren("zaak", {o.naam: o.label for o in OVERGANGEN})
