"""The front door is not an open mail relay (MEL-MISBRUIK): rate limits per client and per e-mail address on
filing (page and API), a rate limit on status-code look-ups, length caps, and mail to the reporter's address
without anything the sender typed."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.kern.rollen import Rol
from stelselbeheer.meldingen import services
from stelselbeheer.meldingen.models import OMSCHRIJVING_MAX, Melding

PROBLEM = "application/problem+json"
PAD = "1.1.1"  # the tree's path to the national desk


def _melding(**extra):
    return {"soort": "vraag", "onderwerp": "Klik hier", "omschrijving": "klik http://example.invalid/winactie",
            "melder_naam": "Prijzenteam", "melder_email": "slachtoffer@example.nl", **extra}


@pytest.fixture
def limieten(settings):
    settings.LIMIETEN = {"schrijven": "3/h", "email": "2/h", "statuscode": "3/h"}
    return settings.LIMIETEN


def test_api_per_client_begrensd_met_429_en_retry_after(client, db, limieten, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    """MEL-MISBRUIK: past the client's limit 429 problem+json with Retry-After; nothing filed, nothing mailed.
    Invalid bodies count too (they are counted before the body is read)."""
    assert client.post("/api/meldingen", "{", content_type="application/json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(2):
            r = client.post("/api/meldingen", _melding(melder_email=f"m{i}@example.nl"),
                            content_type="application/json")
            assert r.status_code == 201, r.content
        r = client.post("/api/meldingen", _melding(melder_email="m9@example.nl"), content_type="application/json")
    assert r.status_code == 429 and r["Content-Type"] == PROBLEM
    assert 0 < int(r["Retry-After"]) <= 3600 and r.json()["status"] == 429
    assert Melding.objects.count() == 2 and len(mailoutbox) == 2
    # another client address still files
    r = client.post("/api/meldingen", _melding(melder_email="ander@example.nl"), content_type="application/json",
                    REMOTE_ADDR="192.0.2.7")
    assert r.status_code == 201


def test_api_per_emailadres_begrensd_ook_vanaf_andere_adressen(client, db, limieten):
    """MEL-MISBRUIK: one address gets no more confirmations than the limit, whichever client sends them."""
    for i, adres in enumerate(["Slachtoffer@Example.nl", "SLACHTOFFER@example.nl"]):
        r = client.post("/api/meldingen", _melding(melder_email=adres), content_type="application/json",
                        REMOTE_ADDR=f"192.0.2.{i + 1}")
        assert r.status_code == 201, r.content
    r = client.post("/api/meldingen", _melding(), content_type="application/json", REMOTE_ADDR="192.0.2.50")
    assert r.status_code == 429 and r["Content-Type"] == PROBLEM and int(r["Retry-After"]) > 0
    assert Melding.objects.count() == 2


def test_formulier_per_client_en_per_emailadres_met_nederlandse_pagina(client, db, limieten):
    """MEL-MISBRUIK: the page answers a reached limit with a Dutch 429 page, and files nothing."""
    for _ in range(2):
        assert client.post(f"/melden/formulier/?pad={PAD}", _melding()).status_code == 302  # filed, to the confirmation
    r = client.post(f"/melden/formulier/?pad={PAD}", _melding(), REMOTE_ADDR="192.0.2.9")  # e-mail limit
    assert r.status_code == 429 and "Te veel verzoeken" in r.content.decode() and int(r["Retry-After"]) > 0
    assert Melding.objects.count() == 2
    assert client.post(f"/melden/formulier/?pad={PAD}", _melding(melder_email="ander@example.nl")).status_code == 302
    r = client.post(f"/melden/formulier/?pad={PAD}", _melding(melder_email="derde@example.nl"))  # client limit
    assert r.status_code == 429 and "probeer het over" in r.content.decode().lower()
    assert Melding.objects.count() == 3
    assert client.get(f"/melden/formulier/?pad={PAD}").status_code == 200  # reading the form is not limited


def test_bevestiging_bevat_niets_van_de_afzender(client, maak, mailoutbox, django_capture_on_commit_callbacks):
    """MEL-MISBRUIK: the confirmation to an unconfirmed address says only the reference and the status link;
    later mails only the handler's words, never the reporter's name, subject or text."""
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/api/meldingen", _melding(onderwerp="Gratis iPhone: klik http://example.invalid/x"),
                        content_type="application/json")
    assert r.status_code == 201
    melding = Melding.objects.get()
    mail = mailoutbox[0]
    tekst = mail.subject + mail.body
    for van_afzender in ("Prijzenteam", "klik", "iPhone", "example.invalid"):
        assert van_afzender not in tekst, van_afzender
    assert melding.nummer in mail.subject and f"/meldingen/status/{r.json()['statuscode']}/" in mail.body
    medewerker = maak.gebruiker(Rol.UITVOERING)
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_triage(actor=medewerker, melding=melding, prioriteit="laag")
        services.melding_status_zetten(actor=medewerker, melding=melding, status="opgelost",
                                       toelichting="Beantwoord per telefoon.")
    assert len(mailoutbox) == 3
    for later in mailoutbox[1:]:
        assert "iPhone" not in later.subject + later.body and "Prijzenteam" not in later.body
    assert "Beantwoord per telefoon." in mailoutbox[2].body


def test_lengtes_begrensd_in_api_formulier_en_model(client, db):
    """MEL-MISBRUIK: a 2.4-million-character description was stored; now every public field has a cap, in the
    API schema (422 per field), the form and the model (so the service refuses it too)."""
    te_lang = "x" * (OMSCHRIJVING_MAX + 1)
    r = client.post("/api/meldingen", _melding(omschrijving=te_lang, melder_naam="n" * 201, onderwerp="o" * 201),
                    content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == PROBLEM
    assert {e["field"] for e in r.json()["errors"]} == {"omschrijving", "melder_naam", "onderwerp"}
    r = client.post(f"/melden/formulier/?pad={PAD}", _melding(omschrijving=te_lang))
    assert r.status_code == 200 and "omschrijving" in r.context["form"].errors
    with pytest.raises(ValidationError) as fout:
        services.melding_indienen(actor=None, soort="vraag", onderwerp="x", omschrijving=te_lang, melder_naam="A",
                                  melder_email="a@x.nl", uitkomst="landelijk")
    assert "omschrijving" in fout.value.message_dict
    assert not Melding.objects.exists()
    r = client.post("/api/meldingen", _melding(omschrijving="x" * OMSCHRIJVING_MAX), content_type="application/json")
    assert r.status_code == 201


def test_te_groot_formulier_krijgt_een_nederlandse_pagina(client, db, settings):
    """MEL-MISBRUIK: a form body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a Dutch 413 page (it was an English 400)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    r = client.post(f"/melden/formulier/?pad={PAD}", _melding(omschrijving="x" * 60_000))
    assert r.status_code == 413 and "Te veel gegevens" in r.content.decode()
    r = client.post("/api/meldingen", _melding(omschrijving="x" * 60_000), content_type="application/json")
    assert r.status_code == 413 and r["Content-Type"] == PROBLEM


def test_statuscode_raden_wordt_begrensd(client, db, limieten):
    """MEL-MISBRUIK: failed look-ups count per client (page and API together); past the limit every look-up from
    that client gets 429, also with the right code. Successful look-ups do not count; other clients go on."""
    melding, code = services.melding_indienen(actor=None, soort="vraag", onderwerp="A", omschrijving="a",
                                              melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk")
    for _ in range(5):
        assert client.get(f"/meldingen/status/{code}/").status_code == 200
    assert client.get("/meldingen/status/geraden-1/").status_code == 404
    assert client.get("/api/meldingen/status/geraden-2").status_code == 404
    assert client.get("/meldingen/status/geraden-3/").status_code == 404
    r = client.get("/meldingen/status/geraden-4/")
    assert r.status_code == 429 and "Te veel verzoeken" in r.content.decode() and int(r["Retry-After"]) > 0
    r = client.get(f"/api/meldingen/status/{code}")
    assert r.status_code == 429 and r["Content-Type"] == PROBLEM and int(r["Retry-After"]) > 0
    assert client.get(f"/meldingen/status/{code}/").status_code == 429
    assert client.get(f"/meldingen/status/{code}/", REMOTE_ADDR="192.0.2.8").status_code == 200


def test_achter_de_proxy_telt_het_adres_van_de_client(client, db, limieten, settings):
    """MEL-MISBRUIK behind nginx (STELSEL_PROXY_AANTAL=1): every request comes from the proxy's address, so the limit
    counts the address the proxy appended to X-Forwarded-For; what a client wrote there itself is ignored."""
    settings.PROXY_AANTAL = 1
    teller = iter(range(100))

    def indienen(adres, vooraf=""):
        return client.post("/api/meldingen", _melding(melder_email=f"m{next(teller)}@example.nl"),
                           content_type="application/json", REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR=f"{vooraf}{adres}")

    for _ in range(3):
        assert indienen("192.0.2.1", vooraf="198.51.100.9, ").status_code == 201
    assert indienen("192.0.2.1", vooraf="198.51.100.10, ").status_code == 429  # a forged entry changes nothing
    assert indienen("192.0.2.2").status_code == 201  # another client behind the same proxy still files
