"""Bodies, members, meetings, agendas (what an item is about), documents and advice notes, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.naleving.services import zaak_openen
from stelselbeheer.overleg import onderwerpen, services
from stelselbeheer.overleg.models import AMSTERDAM, Vergadering, VergaderStatus

from .conftest import plannen


def test_orgaan_code_is_geen_gereserveerd_pad(db):
    with pytest.raises(ValidationError) as fout:
        services.orgaan_aanmaken(actor=None, code="voorstellen", naam="x", soort="werkgroep")
    assert "code" in fout.value.message_dict


def test_lid_niet_twee_keer_tegelijk(bestuur):
    with pytest.raises(ValidationError) as fout:
        services.lid_toevoegen(actor=None, orgaan=bestuur.orgaan, rol="lid", gebruiker=bestuur.bestuurder,
                               van=timezone.localdate())
    assert "gebruiker" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.lid_toevoegen(actor=None, orgaan=bestuur.orgaan, rol="lid", naam="X", van=dt.date(2026, 5, 1),
                               tot=dt.date(2026, 4, 1))
    assert "tot" in fout.value.message_dict


def test_beheer_vraagt_het_recht(bestuur, wereld):
    """Services check the right too: a board member does not plan meetings, the auditor changes nothing."""
    for rol in ("bestuur", "auditor", "deelnemer"):
        with pytest.raises(PermissionDenied):
            services.vergadering_plannen(
                actor=wereld["gebruikers"][rol], orgaan=bestuur.orgaan, begin=timezone.now(),
                einde=timezone.now() + dt.timedelta(hours=1), plaats="Utrecht")


def test_vergadering_plannen_vraagt_tijdzone_einde_na_begin_en_een_plaats(bestuur):
    begin = dt.datetime(2026, 12, 10, 14, 0)
    with pytest.raises(ValidationError) as fout:
        services.vergadering_plannen(actor=None, orgaan=bestuur.orgaan, begin=begin, einde=begin, plaats="Utrecht")
    assert set(fout.value.message_dict) == {"begin", "einde"}
    begin = begin.replace(tzinfo=AMSTERDAM)
    with pytest.raises(ValidationError) as fout:
        services.vergadering_plannen(actor=None, orgaan=bestuur.orgaan, begin=begin,
                                     einde=begin - dt.timedelta(hours=1))
    assert set(fout.value.message_dict) == {"einde", "plaats"}
    online = services.vergadering_plannen(actor=None, orgaan=bestuur.orgaan, begin=begin,
                                          einde=begin + dt.timedelta(hours=2), online_link="https://meet.example.nl/b")
    assert online.begin == dt.datetime(2026, 12, 10, 13, 0, tzinfo=dt.UTC)


def test_wijzigen_verhoogt_de_revisie_alleen_bij_een_echte_wijziging(bestuur):
    later = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=10))
    v = services.vergadering_wijzigen(actor=None, vergadering=later, wijzigingen={"plaats": "Utrecht"})
    assert v.revisie == 0
    v = services.vergadering_wijzigen(actor=None, vergadering=later, wijzigingen={"plaats": "Den Haag"})
    assert v.revisie == 1 and AuditEvent.objects.filter(actie="vergadering.gewijzigd").count() == 1


def test_status_gepland_gehouden_geannuleerd(bestuur):
    later = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="OVL-GEHOUDEN"):
        services.vergadering_houden(actor=None, vergadering=later)
    with pytest.raises(ValidationError) as fout:
        services.vergadering_annuleren(actor=None, vergadering=later, reden=" ")
    assert "reden" in fout.value.message_dict
    later = services.vergadering_annuleren(actor=None, vergadering=later, reden="Te weinig agendapunten.")
    assert later.status == VergaderStatus.GEANNULEERD and later.revisie == 1
    for stap in (lambda: services.vergadering_houden(actor=None, vergadering=later),
                 lambda: services.vergadering_wijzigen(actor=None, vergadering=later, wijzigingen={"plaats": "x"}),
                 lambda: services.agendapunt_toevoegen(actor=None, vergadering=later, titel="x")):
        with pytest.raises(ValidationError):
            stap()
    gehouden = services.vergadering_houden(actor=None, vergadering=bestuur.vergadering)
    assert gehouden.status == VergaderStatus.GEHOUDEN
    with pytest.raises(ValidationError):  # the agenda of a held meeting is history
        services.agendapunt_toevoegen(actor=None, vergadering=gehouden, titel="Nagekomen")


def test_agenda_volgorde_en_verplaatsen(bestuur):
    v = bestuur.vergadering
    tweede = services.agendapunt_toevoegen(actor=None, vergadering=v, titel="Jaarplan")
    derde = services.agendapunt_toevoegen(actor=None, vergadering=v, titel="Rondvraag")
    assert [p.volgorde for p in (bestuur.punt, tweede, derde)] == [1, 2, 3]
    services.agendapunt_wijzigen(actor=None, agendapunt=derde, wijzigingen={"volgorde": 1})
    assert list(v.agendapunten.values_list("titel", flat=True)) == ["Rondvraag", "Toelating Zorg-ICT Noord",
                                                                     "Jaarplan"]
    services.agendapunt_wijzigen(actor=None, agendapunt=derde, wijzigingen={"volgorde": 99})
    assert list(v.agendapunten.values_list("volgorde", "titel")) == [
        (1, "Toelating Zorg-ICT Noord"), (2, "Jaarplan"), (3, "Rondvraag")]


def test_onderwerp_zoeken_en_tonen_naar_wie_het_mag_zien(bestuur, wereld):
    """OVL-ONDERWERP: an agenda item points at a domain object; its label and link only for whom may see it."""
    zaak = zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365", omstandigheden="Verlopen.")
    assert onderwerpen.zoek("zaak", zaak.nummer.lower()) == zaak
    assert onderwerpen.zoek("deelnemer", "zorg-ict noord b.v.") == wereld["dva"]
    assert onderwerpen.zoek("deelnemer", str(wereld["dva"].pk)) == wereld["dva"]
    with pytest.raises(ValidationError) as fout:
        onderwerpen.zoek("zaak", "N-1999-0001")
    assert "onderwerp_sleutel" in fout.value.message_dict
    with pytest.raises(ValidationError):
        onderwerpen.zoek("onzin", "x")
    punt = services.agendapunt_toevoegen(actor=None, vergadering=bestuur.vergadering, titel="Ingebrekestelling",
                                         onderwerp=zaak)
    staf = onderwerpen.weergave(punt, bestuur.medewerker)
    assert (staf.soort, staf.label, staf.url) == ("Nalevingszaak", str(zaak), zaak.get_absolute_url())
    auditor = onderwerpen.weergave(punt, wereld["gebruikers"]["auditor"])  # no access to compliance files
    assert auditor.soort == "Nalevingszaak" and auditor.label == "" and auditor.url is None
    assert onderwerpen.weergave(bestuur.punt, wereld["gebruikers"]["auditor"]).label == "Zorg-ICT Noord B.V."
    with pytest.raises(ValidationError):  # only registered kinds
        services.agendapunt_toevoegen(actor=None, vergadering=bestuur.vergadering, titel="x", onderwerp=bestuur.orgaan)


def test_vergaderstuk_gecontroleerd_en_vertrouwelijk_als_hash_in_de_trail(bestuur):
    with pytest.raises(ValidationError) as fout:
        services.document_toevoegen(actor=None, vergadering=bestuur.vergadering,
                                    bestand=SimpleUploadedFile("macro.exe", b"MZ"))
    assert "bestand" in fout.value.message_dict
    stuk = services.document_toevoegen(actor=bestuur.medewerker, vergadering=bestuur.vergadering,
                                       agendapunt=bestuur.punt, vertrouwelijk=True,
                                       bestand=SimpleUploadedFile("advies opschorting.pdf", b"%PDF-1.4 geheim"))
    assert stuk.naam == "advies opschorting.pdf" and stuk.grootte == 15 and len(stuk.sha256) == 64
    event = AuditEvent.objects.get(actie="vergaderstuk.toegevoegd")
    assert "opschorting" not in str(event.na) + event.object_omschrijving
    ander = plannen(bestuur.orgaan, timezone.now() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as fout:
        services.document_toevoegen(actor=None, vergadering=ander, agendapunt=bestuur.punt,
                                    bestand=SimpleUploadedFile("a.pdf", b"%PDF"))
    assert "agendapunt" in fout.value.message_dict


def test_adviesnota_bij_een_geplande_vergadering(bestuur):
    nota = services.adviesnota_opstellen(actor=bestuur.medewerker, agendapunt=bestuur.punt, titel="Advies toelating",
                                         advies="Positief: alle tests zijn gehaald.")
    assert nota.vertrouwelijk
    event = AuditEvent.objects.get(actie="adviesnota.opgesteld")
    assert "Positief" not in str(event.na)
    Vergadering.objects.filter(pk=bestuur.vergadering.pk).update(status=VergaderStatus.GEHOUDEN)
    with pytest.raises(ValidationError):
        services.adviesnota_opstellen(actor=None, agendapunt=bestuur.punt, titel="Te laat", advies="x")
