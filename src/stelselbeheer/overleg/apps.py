from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "stelselbeheer.overleg"
    verbose_name = "Overleg en besluitvorming"

    def ready(self):
        # the audit trail's sentences for this app's actions (kern imports no app)
        from stelselbeheer.kern.auditweergave import ZINNEN, stappen_registreren

        from .workflow import OVERGANGEN

        stappen_registreren("besluitvoorstel", {o.naam: o.label for o in OVERGANGEN},
                            zin="{wie} zette bij besluitvoorstel {object} de stap ‘{stap}’")
        ZINNEN.update({
            "orgaan.aangemaakt": "{wie} stelde orgaan {object} in",
            "orgaan.gewijzigd": "{wie} wijzigde orgaan {object}",
            "lidmaatschap.toegevoegd": "{wie} voegde een lid toe: {object}",
            "lidmaatschap.beeindigd": "{wie} beëindigde het lidmaatschap van {object}",
            "vergadering.gepland": "{wie} plande de vergadering {object}",
            "vergadering.gewijzigd": "{wie} wijzigde de vergadering {object}",
            "vergadering.gehouden": "{wie} legde vast dat de vergadering {object} is gehouden",
            "vergadering.geannuleerd": "{wie} annuleerde de vergadering {object}",
            "agendapunt.toegevoegd": "{wie} zette agendapunt {object} op de agenda",
            "agendapunt.gewijzigd": "{wie} wijzigde agendapunt {object}",
            "vergaderstuk.toegevoegd": "{wie} voegde vergaderstuk {object} toe",
            "adviesnota.opgesteld": "{wie} stelde adviesnota {object} op",
            "notulen.opgesteld": "{wie} stelde de {object} op",
            "notulen.vastgesteld": "{wie} stelde de {object} vast",
            "besluitvoorstel.opgesteld": "{wie} stelde besluitvoorstel {object} op",
            "besluitvoorstel.gewijzigd": "{wie} wijzigde besluitvoorstel {object}",
        })
