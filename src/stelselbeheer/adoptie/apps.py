from django.apps import AppConfig


class AdoptieConfig(AppConfig):
    name = "stelselbeheer.adoptie"
    verbose_name = "Adoptiemonitor"

    def ready(self):
        # the product page of the implementation monitor shows this app's figures (implementatie does not import
        # adoptie: the monitor builds on the portfolio, not the other way round)
        from stelselbeheer.implementatie.views import PRODUCTPAGINA
        from stelselbeheer.kern.auditweergave import ZINNEN

        from .productpagina import op_productpagina

        PRODUCTPAGINA.append(op_productpagina)
        ZINNEN.update({
            "adoptie.momentopname": "{wie} legde de dagelijkse stand van de adoptie vast: {object}",
            "adoptie.handmatig_vastgelegd": "{wie} legde een handmatige status vast: {object}",
            "adoptie.handmatig_verwijderd": "{wie} verwijderde een handmatige status: {object}",
        })
