"""The audit trail as people read it (issue 11): a Dutch sentence per event, before and after as a table of the
models' verbose names with labelled values; no Python ``None``/``True``, no app labels like ``besluiten.besluit``."""

from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import DeelnemerStatus
from stelselbeheer.kern.auditweergave import weergeven, zin
from stelselbeheer.kern.models import AuditEvent
from tests.stappen import besluit


def test_zin_en_veldentabel_van_een_stap(client, wereld, maak):
    medewerker = wereld["gebruikers"]["uitvoering"]
    d = maak.deelnemer("Aanvrager B.V.", status=DeelnemerStatus.KWALIFICATIE)
    dln.deelnemer_overgang(actor=medewerker, deelnemer=d, overgang="advies_uitbrengen",
                           gegevens={"advies": "negatief", "advies_toelichting": "Tests ontbreken."})
    event = AuditEvent.objects.get(actie="deelnemer.advies_uitbrengen")
    assert zin(event) == "Medewerker zette bij deelnemer Aanvrager B.V. de stap ‘Advies uitbrengen’."
    rijen = {r["veld"]: (r["voor"], r["na"]) for r in weergeven([event])[0]["rijen"]}
    assert rijen["Advies van de uitvoeringsorganisatie"] == ("–", "Negatief")
    assert rijen["Status"] == ("Kwalificatie", "Advies uitgebracht")
    assert rijen["Besluit"] == (None, "–")


def test_audittrail_pagina_zonder_codes(client, wereld):
    besluit(wereld["dva"], "toelating", datum=wereld["dva"].status_sinds, partijen=[wereld["dva"].organisatie])
    client.force_login(wereld["gebruikers"]["auditor"])
    html = client.get("/beheer/audit/", {"actie": "besluit."}).content.decode()
    tabel = html.split("<tbody>", 1)[1]
    assert "Testvoorzitter legde besluit" in tabel  # the board member who adopted the proposal
    assert "besluiten.besluit" not in tabel and "None" not in tabel and "True" not in tabel
    assert "Zorg-ICT Noord B.V." in tabel  # the party by name, not by id
    assert "Betrokken deelnemer" in tabel and "Openbaar" in tabel and ">ja<" in tabel
    html = client.get("/beheer/audit/").content.decode()
    assert 'value="besluiten.besluit">Besluit</option>' in html  # the object filter reads verbose names


def test_zonder_account_en_systeem():
    event = AuditEvent(actie="melding.ingediend", actor_naam="systeem", object_omschrijving="M-2026-0001",
                       object_type="meldingen.melding")
    assert zin(event) == "Een melder zonder account diende melding M-2026-0001 in."
    event = AuditEvent(actie="iets.nieuws", actor_naam="systeem", object_omschrijving="X", object_type="a.b")
    assert zin(event) == "Het systeem: iets nieuws (X)."  # an action without a sentence: no dots and underscores
