"""NAL-BRIEF: the letters of a case as PDF from Dutch templates, stored with sending date and channel, and
downloadable only by staff, board and the participant concerned."""

import datetime as dt
import hashlib

import pytest

from stelselbeheer.kern.rollen import Rol
from stelselbeheer.naleving import services
from stelselbeheer.naleving.models import CRITERIA, Brief

CRIT = {k: {"score": 4, "motivering": f"Gewogen: {k}"} for k in CRITERIA}


@pytest.fixture
def zaak(wereld):
    z = services.zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365: geldig testresultaat",
                             omstandigheden="Testresultaat verlopen op 01-11-2026.", datum=dt.date(2026, 11, 1))
    z = services.zaak_stap(actor=None, zaak=z, overgang="toelichting_vragen", datum=dt.date(2026, 11, 2))
    z = services.zaak_stap(actor=None, zaak=z, overgang="beoordelen", datum=dt.date(2026, 11, 20),
                           gegevens={"beoordeling": "Geen reactie ontvangen; de niet-naleving is ernstig."})
    return services.zaak_stap(actor=None, zaak=z, overgang="in_gebreke_stellen", datum=dt.date(2026, 11, 23),
                              termijn=14, gegevens={"criteria": CRIT})


def _tekst(pdf: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf)).pages)


def test_elke_stap_met_een_brief_maakt_een_pdf(zaak):
    brieven = list(zaak.brieven.order_by("id"))
    assert [b.soort for b in brieven] == ["verzoek_toelichting", "beoordeling", "ingebrekestelling"]
    assert [b.kanaal for b in brieven] == ["email", "email", "aangetekend"]
    ingebreke = brieven[-1]
    inhoud = bytes(ingebreke.pdf)
    assert inhoud.startswith(b"%PDF") and ingebreke.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert ingebreke.verzonden_op == dt.date(2026, 11, 23)
    tekst = _tekst(bytes(ingebreke.pdf))
    assert "in gebreke" in tekst and "07-12-2026" in tekst and "Gewogen: beveiliging" in tekst
    assert zaak.gebeurtenissen.filter(tekst__contains="Formele ingebrekestelling verzonden").exists()


@pytest.mark.parametrize("rol,beheer,mijn", [("publiek", 302, 302), ("bestuur", 200, 403), ("uitvoering", 200, 403),
                                             ("auditor", 403, 403), ("deelnemer", 403, 200), ("regio", 403, 403),
                                             ("ander", 403, 404)])
def test_brieven_alleen_voor_wie_het_dossier_mag_zien(client, wereld, zaak, maak, rol, beheer, mijn):
    brief = Brief.objects.filter(zaak=zaak).first()
    if rol == "ander":
        client.force_login(maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"]))
    elif rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    assert client.get(f"/beheer/naleving/brieven/{brief.pk}.pdf").status_code == beheer
    r = client.get(f"/mijn/naleving/brieven/{brief.pk}.pdf")
    assert r.status_code == mijn
    if mijn == 200:
        assert r["Content-Type"] == "application/pdf" and r.content == bytes(brief.pdf)
