from django.apps import AppConfig


class AfsprakensetConfig(AppConfig):
    name = "stelselbeheer.afsprakenset"
    verbose_name = "Afsprakenset en releases"

    def ready(self):
        # the overleg and naleving registries are filled here, once the apps are loaded (imports at ready time)
        from stelselbeheer.kern.auditweergave import ZINNEN, stappen_registreren
        from stelselbeheer.kern.rollen import Actie, kan
        from stelselbeheer.naleving.controle import bron_registreren
        from stelselbeheer.overleg.onderwerpen import Onderwerpsoort, registreren

        from . import controle
        from .workflow import OVERGANGEN

        registreren(Onderwerpsoort(
            "release", "Release van de afsprakenset", "afsprakenset.Release", ("nummer__iexact",),
            "Geef het releasenummer, bijvoorbeeld 3.1.",
            lambda user, obj: obj.is_openbaar or kan(user, Actie.RELEASE_LEZEN)))
        bron_registreren(controle.bron)
        stappen_registreren("release", {o.naam: o.label for o in OVERGANGEN},
                            zin="{wie} zette bij release {object} de stap ‘{stap}’")
        ZINNEN.update({
            "release.aangemaakt": "{wie} maakte release {object} aan",
            "release.gewijzigd": "{wie} wijzigde release {object}",
            "release.document_toegevoegd": "{wie} voegde een document toe aan release {object}",
            "release.standaard_toegevoegd": "{wie} voegde een standaard toe aan release {object}",
            "release.wijziging_toegevoegd": "{wie} zette een wijziging in de changelog van release {object}",
            "release.termijn_vastgelegd": "{wie} legde de implementatietermijn vast: {object}",
            "uitrol.bijgewerkt": "{wie} werkte de uitrol bij: {object}",
            "deelnemer.overeenkomst_getekend": "{wie} legde de getekende deelnemersovereenkomst vast van {object}",
            "afsprakenset.gecontroleerd": "{wie} controleerde overeenkomsten en uitrol (nachtelijke controle)",
        })
