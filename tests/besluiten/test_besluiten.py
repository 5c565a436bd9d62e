"""The decisions register: numbering, attachments, and BES-VERTROUWELIJK for every role and route."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.overleg import services as ovl
from tests.stappen import besluit, opschorten, proefbestuur

GEHEIM = "Geheime overweging over Zorg-ICT Noord"


def _besluit(deelnemer, openbaar, onderwerp, **kw):
    """A decision as it arises: the adoption of a proposal (OVL-STAP)."""
    return besluit(deelnemer, kw.pop("soort", "overig"), openbaar=openbaar, onderwerp=onderwerp,
                   datum=kw.pop("datum", dt.date(2026, 11, 2)), tekst=kw.pop("tekst", "Tekst."), **kw)


def _concept(deelnemer):
    orgaan, _ = proefbestuur()
    return ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="x", tekst="y", soort="overig",
                                         deelnemer=deelnemer)


def test_nummers_per_jaar_zonder_gaten(wereld):
    a = _besluit(wereld["dva"], True, "a")
    b = _besluit(wereld["dva"], True, "b")
    c = _besluit(wereld["dva"], True, "c", datum=dt.date(2027, 1, 4))
    assert (a.nummer, b.nummer, c.nummer) == ("B-2026-0001", "B-2026-0002", "B-2027-0001")
    assert AuditEvent.objects.filter(actie="besluit.vastgelegd").count() == 3


def test_bijlagen_worden_gecontroleerd_en_niets_blijft_half(wereld):
    """The register's own service, as the adoption calls it (with the proposal being adopted)."""
    voorstel = _concept(wereld["dva"])
    with pytest.raises(ValidationError) as fout:
        besluit_vastleggen(actor=None, voorstel=voorstel, datum=dt.date(2026, 11, 2), soort="overig", onderwerp="x",
                           tekst="y", bijlagen=[SimpleUploadedFile("virus.exe", b"MZ")])
    assert "alleen" in fout.value.message_dict["bijlagen"][0]
    with pytest.raises(ValidationError) as fout:
        besluit_vastleggen(actor=None, voorstel=voorstel, datum=dt.date(2026, 11, 2), soort="onbekend",
                           onderwerp="", tekst="y")
    assert {"onderwerp", "soort"} <= set(fout.value.message_dict)
    assert Besluit.objects.count() == 0 and not AuditEvent.objects.filter(actie="besluit.vastgelegd").exists()


def test_ovl_stap_een_besluit_alleen_uit_een_voorstel(wereld):
    """OVL-STAP: the register's service records nothing without the proposal being adopted."""
    for voorstel in (None, Besluit()):
        with pytest.raises(ValidationError) as fout:
            besluit_vastleggen(actor=None, voorstel=voorstel, datum=dt.date(2026, 11, 2), soort="overig",
                               onderwerp="x", tekst="y")
        assert "OVL-STAP" in fout.value.message_dict["besluit"][0]
    assert not Besluit.objects.exists()


@pytest.fixture
def geheim(wereld, maak):
    """A confidential decision about the DVA (the 'deelnemer' user belongs to it), with an attachment, and the
    exit at its request it grounds (suspension and exclusion rest on public decisions only: NAL-OPENBAAR); plus a
    user of another participant."""
    besluit = _besluit(wereld["dva"], False, GEHEIM, soort="uittreding", tekst=GEHEIM,
                       bijlagen=[SimpleUploadedFile("overweging.pdf", b"%PDF-1.4 geheim")])
    dln.deelnemer_overgang(actor=None, deelnemer=wereld["dva"], overgang="uittreding_starten", besluit=besluit,
                           gegevens={"opzegdatum": dln.vandaag() + dt.timedelta(days=30)})
    openbaar = _besluit(wereld["dvp"], True, "Openbaar besluit over de PGO")
    ander = maak.gebruiker(Rol.DEELNEMER, "ander", deelnemer=wereld["dvp"])
    return besluit, openbaar, ander


ZIEN = {"bestuur", "uitvoering", "deelnemer"}


@pytest.mark.parametrize("rol", ["publiek", "bestuur", "uitvoering", "auditor", "deelnemer", "regio", "ander"])
def test_vertrouwelijk_besluit_op_elke_route(client, wereld, geheim, rol):
    besluit, openbaar, ander = geheim
    if rol == "ander":
        client.force_login(ander)
    elif rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    ziet = rol in ZIEN
    bijlage = besluit.bijlagen.get()
    lijst = client.get("/besluiten/").content.decode()
    assert (GEHEIM in lijst) == ziet and openbaar.onderwerp in lijst
    assert client.get(f"/besluiten/{besluit.nummer}/").status_code == (200 if ziet else 404)
    download = client.get(f"/besluiten/{besluit.nummer}/bijlagen/{bijlage.pk}/")
    assert download.status_code == (200 if ziet else 404)
    if ziet:
        assert b"".join(download.streaming_content) == b"%PDF-1.4 geheim"
    api = client.get("/api/besluiten").json()
    assert (besluit.nummer in {b["nummer"] for b in api["resultaten"]}) == ziet
    assert client.get(f"/api/besluiten/{besluit.nummer}").status_code == (200 if ziet else 404)
    feed = client.get("/besluiten/feed.atom").content.decode()
    assert GEHEIM not in feed and besluit.nummer not in feed and openbaar.nummer in feed
    tijdlijn = client.get(f"/deelnemers/{wereld['dva'].pk}/").content.decode()
    assert "Uittreding gestart" in tijdlijn and "niet-openbaar besluit" in tijdlijn and besluit.nummer not in tijdlijn
    zoek = client.get("/besluiten/", {"soort": "uittreding"}).content.decode()
    assert (GEHEIM in zoek) == ziet


def test_auditor_ziet_vertrouwelijk_besluit_ook_niet_in_de_admin(client, wereld, geheim):
    client.force_login(wereld["gebruikers"]["auditor"])
    r = client.get("/django-admin/besluiten/besluit/")
    assert r.status_code == 200 and GEHEIM not in r.content.decode()
    assert client.get(f"/django-admin/besluiten/besluit/{geheim[0].pk}/change/").status_code in {302, 404}


def test_feed_is_atom_met_openbare_besluiten(client, wereld):
    b = _besluit(wereld["dva"], True, "Toelating van Zorg-ICT Noord", soort="toelating")
    r = client.get("/besluiten/feed.atom")
    assert r["Content-Type"].startswith("application/atom+xml")
    tekst = r.content.decode()
    assert "<feed" in tekst and b.nummer in tekst and "Toelating van Zorg-ICT Noord" in tekst


@pytest.mark.parametrize("rol", ["bestuur", "uitvoering"])
def test_ovl_stap_niemand_legt_een_besluit_rechtstreeks_vast(client, wereld, rol):
    """The direct form is gone and the API refuses everyone: a decision arises only from an adopted proposal."""
    client.force_login(wereld["gebruikers"][rol])
    assert client.get("/beheer/besluiten/nieuw/").status_code == 404
    r = client.post("/api/besluiten", {"datum": "2026-11-21", "soort": "toelating", "onderwerp": "x", "tekst": "y",
                                       "deelnemer_id": wereld["dva"].pk}, content_type="application/json")
    assert r.status_code == 403 and not Besluit.objects.exists()
    operatie = client.get("/api/openapi.json").json()["paths"]["/api/besluiten"]["post"]
    assert operatie.get("deprecated") and "403" in operatie["responses"]
    assert "besluitvoorstel" in operatie["description"]


def test_openbare_deelnemerspagina(client, wereld):
    opschorten(wereld["dvp"])
    pagina = client.get("/deelnemers/").content.decode()
    assert "Zorg-ICT Noord B.V." in pagina and "Mijn Gezondheid PGO B.V." in pagina
    assert "<strong>inactief</strong>" in pagina
    tijdlijn = client.get(f"/deelnemers/{wereld['dvp'].pk}/").content.decode()
    besluit = Besluit.objects.get(soort="opschorting")
    assert "Deelname actief" in tijdlijn and "Opgeschort" in tijdlijn and besluit.nummer in tijdlijn


@pytest.mark.parametrize("rol", ["bestuur", "uitvoering", "auditor"])
def test_audittrail_bewijst_een_vertrouwelijk_besluit_zonder_het_te_tonen(client, wereld, geheim, rol):
    import hashlib

    client.force_login(wereld["gebruikers"][rol])
    for url in ("/beheer/audit/", "/api/audit"):
        inhoud = client.get(url).content.decode()
        assert GEHEIM not in inhoud and "overweging.pdf" not in inhoud
    event = AuditEvent.objects.get(actie="besluit.vastgelegd", object_id=str(geheim[0].pk))
    assert event.na["tekst_sha256"] == hashlib.sha256(GEHEIM.encode()).hexdigest()
    assert event.na["bijlagen_sha256"] == [hashlib.sha256(b"%PDF-1.4 geheim").hexdigest()]
