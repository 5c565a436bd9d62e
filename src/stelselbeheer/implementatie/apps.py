from django.apps import AppConfig

from stelselbeheer.kern.rollen import Actie, kan


class ImplementatieConfig(AppConfig):
    name = "stelselbeheer.implementatie"
    verbose_name = "Landelijke implementatie"

    def ready(self):
        # the agenda subjects' registry, as the other apps import their hooks here: once the registry is ready
        from stelselbeheer.kern.auditweergave import ZINNEN
        from stelselbeheer.overleg import onderwerpen

        onderwerpen.registreren(onderwerpen.Onderwerpsoort(
            "product", "Product in de landelijke implementatie (fasewijziging, intake)", "implementatie.Product",
            ("code__iexact", "naam__iexact"), "Geef de code of de naam van het product.",
            lambda user, obj: kan(user, Actie.IMPLEMENTATIE_PUBLIEK_LEZEN)))
        ZINNEN.update({
            "product.aangemaakt": "{wie} nam product {object} op in het portfolio",
            "product.gewijzigd": "{wie} wijzigde product {object}",
            "product.fase_gewijzigd": "{wie} legde het fasebesluit vast: {object}",
            "beoordeling.vastgelegd": "{wie} beoordeelde een acceptatiecriterium: {object}",
            "koploper.geselecteerd": "{wie} koos een koploper: {object}",
            "koploper.ingetrokken": "{wie} trok een koploper in: {object}",
            "taak.toegevoegd": "{wie} legde een verantwoordelijkheid vast: {object}",
            "taak.verwijderd": "{wie} verwijderde een verantwoordelijkheid: {object}",
            "wsjf.invoer_vastgelegd": "{wie} legde de {object} vast",
            "wsjf.volgorde_berekend": "{wie} berekende de {object}",
            "risico.vastgelegd": "{wie} legde risico {object} vast",
            "risico.gewijzigd": "{wie} wijzigde risico {object}",
        })
