"""Regional meetings (RSO-FREQUENTIE, RSO-AGENDA) and the agreement document (RSO-DOCUMENT)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from stelselbeheer.overleg.models import AMSTERDAM
from stelselbeheer.overleg.services import vergadering_annuleren
from stelselbeheer.regionaal import document, overzicht, services

from .conftest import ondertekenen


def _plannen(ro, maand):
    jaar = timezone.localdate().year
    begin = dt.datetime(jaar, maand, 10, 14, 0, tzinfo=AMSTERDAM)
    return services.regionale_vergadering_plannen(actor=None, regionaal_overleg=ro, begin=begin,
                                                  einde=begin + dt.timedelta(hours=2), plaats="Enschede")


def test_frequentiecontrole_markeert_te_weinig_vergaderingen(regio):
    ro = services.regionaal_overleg_instellen(actor=None, rso=regio.rso, niveau="tactisch",
                                              code="gebruikersgroep-twente", naam="Gebruikersgroep Twente")
    vergaderingen = [_plannen(ro, maand) for maand in (2, 5, 8, 11)]
    jaar = timezone.localdate().year
    [f] = overzicht.frequentie(overzicht.zichtbare_overleggen(regio.regiogebruiker), jaar)
    assert f.aantal == 4 and not f.te_weinig
    vergadering_annuleren(actor=None, vergadering=vergaderingen[-1], reden="Geen onderwerpen.")
    [f] = overzicht.frequentie(overzicht.zichtbare_overleggen(regio.regiogebruiker), jaar)
    assert f.aantal == 3 and f.te_weinig  # a cancelled meeting does not count: below 4 a year


def test_vaste_agendapunten_en_orgaan_in_overleg(regio):
    ro = services.regionaal_overleg_instellen(actor=None, rso=regio.rso, niveau="operationeel", vsv=regio.vsv,
                                              code="vsv-twente-oost", naam="Operationeel overleg VSV Twente-Oost")
    assert ro.orgaan.soort == "regionaal_overleg" and ro.orgaan.openbaar and ro.regio == regio.rso.regio
    vergadering = _plannen(ro, 3)
    titels = list(vergadering.agendapunten.values_list("titel", flat=True))
    assert titels == services.VASTE_AGENDA["operationeel"]


def test_operationeel_overleg_hoort_bij_een_vsv(regio):
    with pytest.raises(ValidationError):
        services.regionaal_overleg_instellen(actor=None, rso=regio.rso, niveau="operationeel", code="x", naam="X")


def test_overeenkomst_pdf_bevat_de_gekozen_opties(regio):
    ovk = ondertekenen(regio.ovk)
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document.pdf(ovk, 2025))).pages)
    platte = " ".join(tekst.split())
    assert "RSO Twente" in platte and "VSV Twente-Oost" in platte and ovk.regio.naam in platte
    assert "Partijen kiezen: Helpdesk zorgverleners." in platte  # the chosen optional service
    assert "Overlegstructuren en governance" not in platte      # the one not chosen
    assert "opzegtermijn van 3 maanden" in platte
    assert "Anna de Vries" in platte and "anna@vsv-twente.nl" in platte
    assert "EUR 4800,00 per jaar" in platte and "Rechtbank Rotterdam" in platte
    assert "Bert Bakker" in platte and "Carla Jansen" in platte


def test_agendapunt_over_een_overeenkomst(regio, wereld):
    """An agenda item of a regional meeting may point at an agreement (registered from the app's ready())."""
    from stelselbeheer.overleg import onderwerpen
    from stelselbeheer.overleg.services import agendapunt_toevoegen

    ro = services.regionaal_overleg_instellen(actor=None, rso=regio.rso, niveau="tactisch", code="gg-twente",
                                              naam="Gebruikersgroep Twente")
    vergadering = _plannen(ro, 6)
    assert onderwerpen.zoek("overeenkomst_rso_vsv", regio.ovk.nummer) == regio.ovk
    punt = agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Overeenkomst VSV Twente-Oost",
                                onderwerp=regio.ovk)
    assert onderwerpen.weergave(punt, regio.regiogebruiker).url == regio.ovk.get_absolute_url()
    assert onderwerpen.weergave(punt, wereld["gebruikers"]["deelnemer"]).label == ""
