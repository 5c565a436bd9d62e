from django.apps import AppConfig


class RegionaalConfig(AppConfig):
    name = "stelselbeheer.regionaal"
    verbose_name = "Regionaal beheer (RSO en VSV)"

    def ready(self):
        # an agenda item of a (regional) meeting may be about an agreement RSO-VSV; imported here because the
        # overleg app's registry is filled once the apps are loaded
        from stelselbeheer.kern.auditweergave import ZINNEN
        from stelselbeheer.overleg.onderwerpen import Onderwerpsoort, registreren

        from .overzicht import zichtbare_overeenkomsten

        registreren(Onderwerpsoort(
            "overeenkomst_rso_vsv", "Overeenkomst RSO-VSV", "regionaal.Overeenkomst", ("nummer__iexact",),
            "Geef het nummer van de overeenkomst, bijvoorbeeld OVK-2026-0001.",
            lambda user, obj: zichtbare_overeenkomsten(user).filter(pk=obj.pk).exists()))
        ZINNEN.update({
            "regionaal.dienst_vastgelegd": "{wie} nam dienst {object} op in de dienstencatalogus",
            "regionaal.tarief_vastgesteld": "{wie} stelde een tarief vast: {object}",
            "regionaal.tarief_gewijzigd": "{wie} wijzigde een tarief: {object}",
            "regionaal.overeenkomst_opgesteld": "{wie} stelde overeenkomst {object} op",
            "regionaal.contactpersoon_toegevoegd": "{wie} voegde contactpersoon {object} toe aan een overeenkomst",
            "regionaal.overeenkomst_ondertekend": "{wie} legde een ondertekening vast van overeenkomst {object}",
            "regionaal.overeenkomst_opgezegd": "{wie} zegde overeenkomst {object} op",
            "regionaal.overeenkomst_ontbonden": "{wie} ontbond overeenkomst {object}",
            "regionaal.betaling_vastgelegd": "{wie} legde een betaling vast: {object}",
            "regionaal.deelnemersovereenkomst_vastgelegd": "{wie} legde een deelnemersovereenkomst vast: {object}",
            "regionaal.overleg_ingesteld": "{wie} stelde regionaal overleg {object} in",
            "regionaal.checklist_gestart": "{wie} begon checklist {object}",
            "regionaal.checkstap_bijgewerkt": "{wie} werkte een stap van een checklist bij: {object}",
            "regionaal.contactpunt_vastgelegd": "{wie} legde contactpunt {object} vast",
            "regionaal.leverancierscontract_vastgelegd": "{wie} legde leverancierscontract {object} vast",
            "regionaal.beveiligingsdocument_vastgelegd": "{wie} legde beveiligingsdocument {object} vast",
        })
