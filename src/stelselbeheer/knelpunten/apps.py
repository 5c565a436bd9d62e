from django.apps import AppConfig


class KnelpuntenConfig(AppConfig):
    name = "stelselbeheer.knelpunten"
    verbose_name = "Knelpunten"

    def ready(self):
        # imported here: onderwerpen imports models, which cannot load before the app registry is ready
        from stelselbeheer.kern.auditweergave import ZINNEN
        from stelselbeheer.kern.rollen import Actie, kan
        from stelselbeheer.overleg.onderwerpen import Onderwerpsoort, registreren

        registreren(Onderwerpsoort("knelpunt", "Knelpunt", "knelpunten.Knelpunt", ("nummer__iexact",),
                                   "Geef het knelpuntnummer, bijvoorbeeld K-2026-0001.",
                                   lambda user, obj: kan(user, Actie.KNELPUNT_LEZEN)))
        ZINNEN.update({
            "knelpunt.vastgelegd": "{wie} legde knelpunt {object} vast",
            "knelpunt.geagendeerd": "{wie} zette knelpunt {object} op de agenda",
            "knelpunt.status": "{wie} wijzigde de status van knelpunt {object}",
            "knelpunt.naar_rfc": "{wie} maakte van knelpunt {object} een wijzigingsverzoek op de afspraken",
        })
