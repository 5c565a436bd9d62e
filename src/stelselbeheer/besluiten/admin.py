from django.contrib import admin

from stelselbeheer.kern.admin import AlleenLezenAdmin
from stelselbeheer.kern.rollen import Actie

from .models import Besluit


@admin.register(Besluit)
class BesluitAdmin(AlleenLezenAdmin):
    actie = Actie.REGISTER_PUBLIEK_LEZEN  # the register is public; confidential ones are filtered below
    list_display = ["nummer", "datum", "soort", "onderwerp", "openbaar", "deelnemer"]
    list_filter = ["soort", "openbaar"]
    search_fields = ["nummer", "onderwerp", "tekst"]

    def get_queryset(self, request):
        """BES-VERTROUWELIJK holds in the admin too (auditors may read the admin)."""
        return super().get_queryset(request).zichtbaar_voor(request.user)
