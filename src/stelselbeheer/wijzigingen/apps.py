from django.apps import AppConfig


class WijzigingenConfig(AppConfig):
    name = "stelselbeheer.wijzigingen"
    verbose_name = "Wijzigingsverzoeken op de afspraken (RFC's)"

    def ready(self):
        # registering a kind of agenda subject needs the models loaded, hence here and not at import time
        from stelselbeheer.afsprakenset.views import release_bron_registreren, roadmap_bron_registreren
        from stelselbeheer.kern.auditweergave import ZINNEN, stappen_registreren
        from stelselbeheer.overleg import onderwerpen

        from .models import Wijzigingsvoorstel
        from .roadmap import rfcs_per_kwartaal, rfcs_van_release
        from .workflow import OVERGANGEN

        def zichtbaar(user, obj):
            return Wijzigingsvoorstel.objects.zichtbaar_voor(user).filter(pk=obj.pk).exists()

        onderwerpen.registreren(onderwerpen.Onderwerpsoort(
            "rfc", "Wijzigingsverzoek op de afspraken (RFC)", "wijzigingen.Wijzigingsvoorstel", ("nummer__iexact",),
            "Geef het RFC-nummer, bijvoorbeeld RFC-2026-0001.", zichtbaar))
        roadmap_bron_registreren(rfcs_per_kwartaal)
        release_bron_registreren(rfcs_van_release)
        stappen_registreren("rfc", {o.naam: o.label for o in OVERGANGEN},
                            zin="{wie} zette bij wijzigingsverzoek {object} de stap ‘{stap}’")
        ZINNEN.update({
            "rfc.ingediend": "{wie} diende wijzigingsverzoek op de afspraken {object} in",
            "rfc.impact": "{wie} berekende de impact van wijzigingsverzoek {object} uit het register",
            "rfc.reactie": "{wie} reageerde in de consultatie over wijzigingsverzoek {object}",
            "rfc.release": "{wie} wees wijzigingsverzoek {object} toe aan een release",
            "rfc.agenda_gewijzigd": "{wie} wijzigde de route van ontwikkelagenda {object}",
        })
