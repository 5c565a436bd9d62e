from django.apps import AppConfig


class KnelpuntenConfig(AppConfig):
    name = "stelselbeheer.knelpunten"
    verbose_name = "Knelpunten"

    def ready(self):
        # imported here: onderwerpen imports models, which cannot load before the app registry is ready
        from stelselbeheer.kern.rollen import Actie, kan
        from stelselbeheer.overleg.onderwerpen import Onderwerpsoort, registreren

        registreren(Onderwerpsoort("knelpunt", "Knelpunt", "knelpunten.Knelpunt", ("nummer__iexact",),
                                   "Geef het knelpuntnummer, bijvoorbeeld K-2026-0001.",
                                   lambda user, obj: kan(user, Actie.KNELPUNT_LEZEN)))
