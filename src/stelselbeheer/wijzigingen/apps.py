from django.apps import AppConfig


class WijzigingenConfig(AppConfig):
    name = "stelselbeheer.wijzigingen"
    verbose_name = "Wijzigingsverzoeken op de afspraken (RFC's)"

    def ready(self):
        # registering a kind of agenda subject needs the models loaded, hence here and not at import time
        from stelselbeheer.afsprakenset.views import roadmap_bron_registreren
        from stelselbeheer.overleg import onderwerpen

        from .models import Wijzigingsvoorstel
        from .roadmap import rfcs_per_kwartaal

        def zichtbaar(user, obj):
            return Wijzigingsvoorstel.objects.zichtbaar_voor(user).filter(pk=obj.pk).exists()

        onderwerpen.registreren(onderwerpen.Onderwerpsoort(
            "rfc", "Wijzigingsverzoek op de afspraken (RFC)", "wijzigingen.Wijzigingsvoorstel", ("nummer__iexact",),
            "Geef het RFC-nummer, bijvoorbeeld RFC-2026-0001.", zichtbaar))
        roadmap_bron_registreren(rfcs_per_kwartaal)
