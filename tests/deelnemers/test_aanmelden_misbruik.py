"""The public application (aanmelden) is capped and rate-limited like the front door for meldingen (MEL-MISBRUIK)."""

import pytest

from stelselbeheer.deelnemers.forms import TOELICHTING_MAX
from stelselbeheer.deelnemers.models import Deelnemer

PROBLEM = "application/problem+json"


def _aanvraag(i: int, **extra):
    return {"naam": f"Zorgapp {i} B.V.", "kvk_nummer": f"{11223340 + i}", "soort": "leverancier", "rollen": ["dvp"],
            "overeenkomstversie": "2.2", "contact_email": f"aanvraag{i}@zorgapp.nl", **extra}


@pytest.fixture
def limieten(settings):
    settings.LIMIETEN = {"schrijven": "2/h", "email": "1/h", "statuscode": "3/h"}


def test_api_per_client_en_per_emailadres(client, db, limieten):
    """MEL-MISBRUIK: 429 problem+json with Retry-After past the client's or the e-mail address's limit."""
    assert client.post("/api/aanmeldingen", _aanvraag(1), content_type="application/json").status_code == 201
    r = client.post("/api/aanmeldingen", _aanvraag(2, contact_email="aanvraag1@zorgapp.nl"),
                    content_type="application/json", REMOTE_ADDR="192.0.2.3")
    assert r.status_code == 429 and r["Content-Type"] == PROBLEM and int(r["Retry-After"]) > 0
    assert client.post("/api/aanmeldingen", _aanvraag(3), content_type="application/json").status_code == 201
    r = client.post("/api/aanmeldingen", _aanvraag(4), content_type="application/json")
    assert r.status_code == 429 and r["Content-Type"] == PROBLEM
    assert Deelnemer.objects.count() == 2


def test_formulier_begrensd_met_nederlandse_pagina(client, db, limieten):
    """MEL-MISBRUIK: the form counts too, and answers with a Dutch 429 page."""
    assert client.post("/aanmelden/", _aanvraag(1)).status_code == 302  # to the confirmation (post/redirect/get)
    r = client.post("/aanmelden/", _aanvraag(2, contact_email="AANVRAAG1@zorgapp.nl"), REMOTE_ADDR="192.0.2.4")
    assert r.status_code == 429 and "Te veel verzoeken" in r.content.decode()
    assert Deelnemer.objects.count() == 1


def test_lengtes_begrensd(client, db):
    """MEL-MISBRUIK: every text field of the public application has a cap (API schema and form)."""
    r = client.post("/api/aanmeldingen", _aanvraag(1, toelichting="x" * (TOELICHTING_MAX + 1), plaats="p" * 101,
                                                   rollen=["dvp"] * 6), content_type="application/json")
    assert r.status_code == 422 and r["Content-Type"] == PROBLEM
    assert {e["field"] for e in r.json()["errors"]} == {"toelichting", "plaats", "rollen"}
    r = client.post("/aanmelden/", _aanvraag(2, toelichting="x" * (TOELICHTING_MAX + 1)))
    assert r.status_code == 200 and "toelichting" in r.context["form"].errors
    assert not Deelnemer.objects.exists()
