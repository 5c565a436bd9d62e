"""OVL-STAP: a proposal names the board step its decision enables and what it is about; only the decision of an
adopted proposal that enables *this* step about *this* subject carries a board step (every board step of the
participant's and the compliance workflow, and the board's ruling); staff cannot adopt or take a board step
alone, a board member adopts and the step is then taken with that decision, through the pages and the API."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stelselbeheer.besluiten.models import Besluit, BesluitSoort
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers import workflow as toetreding
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, RolSoort
from stelselbeheer.meldingen import services as mel
from stelselbeheer.naleving import services as nal
from stelselbeheer.naleving import workflow as naleving
from stelselbeheer.naleving.models import Nalevingszaak, ZaakStap
from stelselbeheer.overleg import services, stappen
from stelselbeheer.overleg.models import Besluitvoorstel, VoorstelStatus
from tests.stappen import besluit, proefbestuur, zet_status

BESTUURSSTAPPEN = [o for o in toetreding.OVERGANGEN if o.besluit]
VANDAAG = dln.vandaag()


def _post(client, pad, data):
    return client.post(pad, data=json.dumps(data), content_type="application/json")


def test_de_catalogus_dekt_elke_bestuursstap_van_beide_workflows():
    for o in BESTUURSSTAPPEN:
        assert stappen.PER_NAAM[o.naam].soorten == o.besluit and stappen.PER_NAAM[o.naam].onderwerp == "deelnemer"
    for o in (o for o in naleving.OVERGANGEN if o.besluit):
        assert stappen.PER_NAAM[o.naam].soorten == o.besluit and stappen.PER_NAAM[o.naam].onderwerp == "zaak"
    assert stappen.VASTGESTELD == VoorstelStatus.VASTGESTELD
    assert {"release_goedkeuren", "uitspraak"} <= set(stappen.PER_NAAM)


def _voorstel(**kw):
    orgaan, _ = proefbestuur()
    return services.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="x", tekst="y", **kw)


def test_de_stap_past_bij_de_soort_en_noemt_haar_onderwerp(wereld, maak):
    with pytest.raises(ValidationError) as fout:  # a suspension cannot enable an admission
        _voorstel(soort=BesluitSoort.OPSCHORTING, stap="toelaten", deelnemer=wereld["dva"])
    assert "OVL-STAP" in fout.value.message_dict["stap"][0] and "toelating" in fout.value.message_dict["stap"][0]
    with pytest.raises(ValidationError) as fout:
        _voorstel(soort=BesluitSoort.TOELATING, stap="toelaten")
    assert "deelnemer" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        _voorstel(soort=BesluitSoort.BEEINDIGING, stap="ontbinden", deelnemer=wereld["dva"])
    assert "zaak" in fout.value.message_dict
    zaak = nal.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365", omstandigheden="x")
    with pytest.raises(ValidationError) as fout:
        _voorstel(soort=BesluitSoort.BEEINDIGING, stap="ontbinden", zaak=zaak, deelnemer=wereld["dvp"])
    assert "andere deelnemer" in fout.value.message_dict["zaak"][0]
    with pytest.raises(ValidationError) as fout:
        _voorstel(soort=BesluitSoort.OVERIG, stap="uitspraak")
    assert "melding" in fout.value.message_dict
    assert not Besluitvoorstel.objects.exists()
    v = _voorstel(soort=BesluitSoort.BEEINDIGING, stap="ontbinden", zaak=zaak)
    assert v.deelnemer == wereld["dva"]  # a case's participant is the proposal's
    with pytest.raises(ValidationError) as fout:  # a change keeps the rule
        services.besluitvoorstel_wijzigen(actor=None, voorstel=v, wijzigingen={"soort": BesluitSoort.TOELATING})
    assert "OVL-STAP" in fout.value.message_dict["stap"][0]


def _zonder_voorstel(deelnemer, soort):
    """A decision that did not come from an adopted proposal (as recorded directly before the switch-over): the
    register's service called with a proposal that was never adopted."""
    return besluit_vastleggen(actor=None, voorstel=_voorstel(soort=BesluitSoort.OVERIG), datum=VANDAAG,
                              soort=soort, onderwerp="Rechtstreeks", tekst="Zonder vaststelling", deelnemer=deelnemer)


def _stap(deelnemer, overgang, b):
    zet_status(deelnemer, overgang.van[0])
    gegevens = {"opzegdatum": VANDAAG + dt.timedelta(days=30)} if "opzegdatum" in overgang.velden else {}
    with pytest.raises(ValidationError) as fout:
        dln.deelnemer_overgang(actor=None, deelnemer=deelnemer, overgang=overgang.naam, besluit=b,
                               gegevens=gegevens, maatregel=bool(overgang.via))
    return " ".join(fout.value.message_dict["besluit"])


@pytest.mark.parametrize("overgang", BESTUURSSTAPPEN, ids=lambda o: o.naam)
def test_ovl_stap_een_besluit_zonder_vastgesteld_voorstel_draagt_geen_bestuursstap(wereld, overgang):
    d = wereld["dva"]
    reden = _stap(d, overgang, _zonder_voorstel(d, overgang.besluit[0]))
    assert "OVL-STAP" in reden and "vastgesteld besluitvoorstel" in reden and "bestuurslid" in reden
    assert not d.statuswijzigingen.filter(overgang=overgang.naam).exists()


@pytest.mark.parametrize("overgang", BESTUURSSTAPPEN, ids=lambda o: o.naam)
def test_ovl_stap_een_voorstel_zonder_deze_stap_draagt_haar_niet(wereld, overgang):
    d = wereld["dva"]
    reden = _stap(d, overgang, besluit(d, overgang.besluit[0], stap=""))
    assert "OVL-STAP" in reden and "geen bestuursstap" in reden and overgang.naam not in {
        w.overgang for w in d.statuswijzigingen.all()}


@pytest.mark.parametrize("x,y", [("opschorten", "opschorting_verlengen"), ("uitsluiten", "uittreding_starten"),
                                 ("uittreding_starten", "uitsluiten"), ("ontbinden", "uitsluiten")])
def test_ovl_stap_stap_x_draagt_geen_stap_y(wereld, x, y):
    d = wereld["dva"]
    zaak = nal.zaak_openen(actor=None, deelnemer=d, verplichting="NAL-365", omstandigheden="x") \
        if x == "ontbinden" else None
    soort = next(s for s in stappen.PER_NAAM[x].soorten if s in stappen.PER_NAAM[y].soorten)
    b = besluit(d, soort, stap=x, zaak=zaak)
    reden = _stap(d, toetreding.PER_NAAM[y], b)
    assert "OVL-STAP" in reden and f"niet '{stappen.PER_NAAM[y].label}'" in reden


def test_ovl_stap_over_een_andere_deelnemer_of_zaak(wereld):
    d, ander = wereld["dva"], wereld["dvp"]
    voorstel_ander = _voorstel(soort=BesluitSoort.TOELATING, stap="toelaten", deelnemer=ander)
    # the decision's own participant is that of its proposal; a decision about the DVP does not carry a DVA step
    assert _stap(d, toetreding.PER_NAAM["toelaten"], besluit(ander, "toelating")).startswith("Besluit ")
    assert voorstel_ander.stap == "toelaten"
    zaken = []
    for verplichting in ("NAL-365", "NAL-ERKENNING"):
        zaak = nal.zaak_openen(actor=None, deelnemer=d, verplichting=verplichting, omstandigheden="x")
        Nalevingszaak.objects.filter(pk=zaak.pk).update(stap=ZaakStap.INGEBREKESTELLING,
                                                        termijn_tot=VANDAAG - dt.timedelta(days=1))
        zaken.append(zaak)
    b = besluit(d, BesluitSoort.BEEINDIGING, zaak=zaken[0])
    zet_status(d, DeelnemerStatus.ACTIEF)
    with pytest.raises(ValidationError) as fout:
        nal.zaak_stap(actor=None, zaak=zaken[1], overgang="ontbinden", besluit=b)
    assert "andere nalevingszaak" in fout.value.message_dict["besluit"][0]
    with pytest.raises(ValidationError) as fout:  # and a decision recorded outside a proposal not at all
        nal.zaak_stap(actor=None, zaak=zaken[1], overgang="ontbinden",
                      besluit=_zonder_voorstel(d, BesluitSoort.BEEINDIGING))
    assert "OVL-STAP" in fout.value.message_dict["besluit"][0]
    zaak = nal.zaak_stap(actor=None, zaak=zaken[0], overgang="ontbinden", besluit=b)
    assert zaak.stap == ZaakStap.ONTBINDING
    d.refresh_from_db()
    assert d.status == DeelnemerStatus.BEEINDIGD  # one adoption, two linked effects (NAL-ONTBINDING)


@pytest.fixture
def geschil(wereld):
    medewerker = wereld["gebruikers"]["uitvoering"]
    m, _ = mel.melding_indienen(actor=wereld["gebruikers"]["deelnemer"], soort="geschil", onderwerp="Te vaak",
                                omschrijving="De PGO haalt elke minuut op.", melder_naam="Piet",
                                melder_email="piet@zorg.nl", uitkomst="landelijk")
    mel.naar_bestuur(actor=medewerker, melding=m, reden="Partijen komen er niet uit.")
    return m


def test_ovl_stap_de_uitspraak_alleen_met_het_besluit_voor_deze_uitspraak(wereld, geschil):
    bestuurder = wereld["gebruikers"]["bestuur"]
    tweede, _ = mel.melding_indienen(actor=None, soort="klacht", onderwerp="Ander", omschrijving="x",
                                     melder_naam="Kees", melder_email="kees@zorg.nl", uitkomst="landelijk")
    for verkeerd in (_zonder_voorstel(None, BesluitSoort.OVERIG), besluit(None, BesluitSoort.OVERIG, stap=""),
                     besluit(None, BesluitSoort.OVERIG, melding=tweede)):
        with pytest.raises(ValidationError) as fout:
            mel.uitspraak_vastleggen(actor=bestuurder, melding=geschil, uitspraak="Zo is het.", besluit=verkeerd)
        assert "OVL-STAP" in fout.value.message_dict["besluit"][0]
    geschil.refresh_from_db()
    assert not geschil.uitspraak and geschil.besluit is None
    goed = besluit(None, BesluitSoort.OVERIG, melding=geschil)
    mel.uitspraak_vastleggen(actor=bestuurder, melding=geschil, uitspraak="Zo is het.", besluit=goed)
    geschil.refresh_from_db()
    assert geschil.besluit == goed and geschil.status == "opgelost"


@pytest.fixture
def aanvrager(maak, wereld):
    """A participant in the advice step with a positive advice and a valid qualification: ready for the board."""
    d = maak.deelnemer("Aanvrager B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.ADVIES)
    maak.kwalificatie(d, wereld["dienst"], testdatum=VANDAAG - dt.timedelta(days=10))
    Deelnemer.objects.filter(pk=d.pk).update(advies="positief", advies_toelichting="Voldoet.")
    return d


def test_eind_tot_eind_via_de_api_medewerker_bereidt_voor_bestuur_stelt_vast_medewerker_zet_de_stap(
        client, wereld, aanvrager, bestuur):
    medewerker, bestuurder = wereld["gebruikers"]["uitvoering"], wereld["gebruikers"]["bestuur"]
    client.force_login(medewerker)
    # without an adopted decision the staff cannot take the board's step
    r = _post(client, f"/api/deelnemers/{aanvrager.pk}/overgangen", {"overgang": "toelaten"})
    assert r.status_code == 422 and "besluit" in {e["field"] for e in r.json()["errors"]}
    assert _post(client, "/api/besluiten", {"datum": str(VANDAAG), "soort": "toelating", "onderwerp": "x",
                                            "tekst": "y"}).status_code == 403
    r = _post(client, "/api/overleg/voorstellen", {
        "orgaan": "bestuur", "onderwerp": "Toelating Aanvrager B.V.", "tekst": "Het bestuur laat toe.",
        "soort": "afwijzing", "stap": "toelaten", "deelnemer_id": aanvrager.pk, "agendapunt_id": bestuur.punt.pk})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "stap"
    r = _post(client, "/api/overleg/voorstellen", {
        "orgaan": "bestuur", "onderwerp": "Toelating Aanvrager B.V.", "tekst": "Het bestuur laat toe.",
        "soort": "toelating", "stap": "toelaten", "deelnemer_id": aanvrager.pk, "agendapunt_id": bestuur.punt.pk})
    assert r.status_code == 201 and r.json()["stap"] == "toelaten", r.json()
    nummer = r.json()["nummer"]
    assert _post(client, f"/api/overleg/voorstellen/{nummer}/voorleggen", {}).status_code == 200
    r = _post(client, f"/api/overleg/voorstellen/{nummer}/beslissing", {"beslissing": "vaststellen", "revisie": 1})
    assert r.status_code == 403 and not Besluit.objects.filter(voorstel__nummer=nummer).exists()
    client.force_login(bestuurder)
    r = _post(client, f"/api/overleg/voorstellen/{nummer}/beslissing", {"beslissing": "vaststellen", "revisie": 1})
    assert r.status_code == 200 and r.json()["besluit"]
    besluitnummer = r.json()["besluit"]
    client.force_login(medewerker)
    r = _post(client, f"/api/deelnemers/{aanvrager.pk}/overgangen", {"overgang": "toelaten",
                                                                     "besluit": besluitnummer})
    assert r.status_code == 200 and r.json()["status"] == DeelnemerStatus.TOEGELATEN
    assert aanvrager.statuswijzigingen.get(overgang="toelaten").besluit.nummer == besluitnummer


def test_eind_tot_eind_via_de_paginas(client, wereld, aanvrager, bestuur):
    medewerker, bestuurder = wereld["gebruikers"]["uitvoering"], wereld["gebruikers"]["bestuur"]
    client.force_login(medewerker)
    html = client.get(f"/overleg/voorstellen/nieuw/?stap=toelaten&soort=toelating&deelnemer={aanvrager.pk}"
                      ).content.decode()
    assert 'name="stap"' in html and '<option value="toelaten" selected>' in html
    r = client.post("/overleg/voorstellen/nieuw/", {
        "orgaan": bestuur.orgaan.pk, "onderwerp": "Toelating Aanvrager B.V.", "tekst": "Het bestuur laat toe.",
        "soort": "opschorting", "stap": "toelaten", "openbaar": "on", "deelnemer": aanvrager.pk,
        "agendapunt": bestuur.punt.pk})
    assert r.status_code == 200 and "OVL-STAP" in r.content.decode()
    r = client.post("/overleg/voorstellen/nieuw/", {
        "orgaan": bestuur.orgaan.pk, "onderwerp": "Toelating Aanvrager B.V.", "tekst": "Het bestuur laat toe.",
        "soort": "toelating", "stap": "toelaten", "openbaar": "on", "deelnemer": aanvrager.pk,
        "agendapunt": bestuur.punt.pk})
    assert r.status_code == 302
    voorstel = Besluitvoorstel.objects.get(deelnemer=aanvrager)
    assert "Toelaten (toetreding)" in client.get(voorstel.get_absolute_url()).content.decode()
    assert client.post(f"/overleg/voorstellen/{voorstel.nummer}/voorleggen/", {"toelichting": ""}).status_code == 302
    r = client.post(f"/overleg/voorstellen/{voorstel.nummer}/beslissen/", {"beslissing": "vaststellen",
                                                                           "revisie": 1})
    assert r.status_code == 403  # the staff do not adopt
    assert client.get("/beheer/besluiten/nieuw/").status_code == 404  # nor record a decision directly
    client.force_login(bestuurder)
    r = client.post(f"/overleg/voorstellen/{voorstel.nummer}/beslissen/", {"beslissing": "vaststellen",
                                                                           "revisie": 1})
    assert r.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VASTGESTELD
    client.force_login(medewerker)
    pad = f"/beheer/deelnemers/{aanvrager.pk}/stap/toelaten/"
    anders = _zonder_voorstel(aanvrager, BesluitSoort.TOELATING)
    r = client.post(pad, {"besluit": anders.pk, "toelichting": "x"})
    assert r.status_code == 200 and "OVL-STAP" in r.content.decode().split('id="id_besluit_error"')[1][:600]
    r = client.post(pad, {"besluit": voorstel.besluit.pk, "toelichting": "Toegelaten."})
    assert r.status_code == 302
    aanvrager.refresh_from_db()
    assert aanvrager.status == DeelnemerStatus.TOEGELATEN
    assert timezone.localdate() >= aanvrager.status_sinds
