from django.apps import AppConfig

from stelselbeheer.kern.rollen import Actie, kan


class ImplementatieConfig(AppConfig):
    name = "stelselbeheer.implementatie"
    verbose_name = "Landelijke implementatie"

    def ready(self):
        # the agenda subjects' registry, as the other apps import their hooks here: once the registry is ready
        from stelselbeheer.overleg import onderwerpen

        onderwerpen.registreren(onderwerpen.Onderwerpsoort(
            "product", "Product in de landelijke implementatie (fasewijziging, intake)", "implementatie.Product",
            ("code__iexact", "naam__iexact"), "Geef de code of de naam van het product.",
            lambda user, obj: kan(user, Actie.IMPLEMENTATIE_PUBLIEK_LEZEN)))
