from django.apps import AppConfig


class RegionaalConfig(AppConfig):
    name = "stelselbeheer.regionaal"
    verbose_name = "Regionaal beheer (RSO en VSV)"

    def ready(self):
        # an agenda item of a (regional) meeting may be about an agreement RSO-VSV; imported here because the
        # overleg app's registry is filled once the apps are loaded
        from stelselbeheer.overleg.onderwerpen import Onderwerpsoort, registreren

        from .overzicht import zichtbare_overeenkomsten

        registreren(Onderwerpsoort(
            "overeenkomst_rso_vsv", "Overeenkomst RSO-VSV", "regionaal.Overeenkomst", ("nummer__iexact",),
            "Geef het nummer van de overeenkomst, bijvoorbeeld OVK-2026-0001.",
            lambda user, obj: zichtbare_overeenkomsten(user).filter(pk=obj.pk).exists()))
