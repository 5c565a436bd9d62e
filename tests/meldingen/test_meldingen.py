"""Meldingen, the front door: the decision tree's outcome for every leaf (MEL-BOOM), filing with an
unguessable, non-transferable status code (MEL-TOKEN), and who sees which melding (MEL-ZICHT)."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.meldingen import beslisboom as boom
from stelselbeheer.meldingen import services
from stelselbeheer.meldingen.models import Beslisboom, Melding


def _loop(client, labels):
    pad = []
    for label in labels:
        knoop = boom.stap(boom.STANDAARD, pad)[1]
        pad.append(next(i for i, o in enumerate(knoop["opties"]) if o["label"] == label))
    return client.get("/melden/", {"pad": ".".join(map(str, pad))}), ".".join(map(str, pad))


@pytest.mark.parametrize("blad,verwacht", [("eigen_ict", False), ("leverancier", False), ("rso", True),
                                           ("landelijk", True), ("afspraken", False)])
def test_elk_blad_van_de_boom_wijst_het_juiste_loket(client, db, blad, verwacht):
    labels = boom.bladeren(boom.STANDAARD)[blad]
    r, pad = _loop(client, labels)
    tekst = r.content.decode()
    loket = boom.UITKOMSTEN[blad][0]
    assert r.status_code == 200 and loket in tekst
    assert ("Melding indienen" in tekst) == verwacht
    assert ("Wijzigingsverzoek indienen" in tekst) == (blad == "afspraken")  # the RFC branch (app wijzigingen)
    r = client.post(f"/melden/formulier/?pad={pad}", {"soort": "vraag", "onderwerp": "Viewer toont niets",
                                                      "omschrijving": "Sinds vanochtend.", "melder_naam": "An",
                                                      "melder_email": "an@vsv.nl"})
    assert Melding.objects.exists() == (verwacht and blad != "rso")  # rso also needs the region
    assert set(boom.bladeren(boom.STANDAARD)) == {"eigen_ict", "leverancier", "rso", "landelijk", "afspraken", "client"}


def test_boom_is_data_en_wordt_gecontroleerd(db):
    with pytest.raises(ValidationError) as fout:
        services.beslisboom_vastleggen(actor=None, boom={"start": "a", "knopen": {
            "a": {"vraag": "?", "opties": [{"label": "x", "naar": "b"}, {"label": "y", "naar": "zoek"}]},
            "b": {"uitkomst": "elders", "tekst": "t"}}})
    tekst = " ".join(fout.value.message_dict["boom"])
    assert "onbekende knoop 'zoek'" in tekst and "b: een uitkomst is een van" in tekst
    with pytest.raises(ValidationError) as fout:
        services.beslisboom_vastleggen(actor=None, boom={"start": "a", "knopen": {
            "a": {"vraag": "?", "opties": [{"label": "x", "naar": "b"}, {"label": "y", "naar": "c"}]},
            "b": {"vraag": "?", "opties": [{"label": "x", "naar": "a"}, {"label": "y", "naar": "c"}]},
            "c": {"uitkomst": "landelijk", "tekst": "t"}, "d": {"uitkomst": "rso", "tekst": "t"}}})
    tekst = " ".join(fout.value.message_dict["boom"])
    assert "kringloop" in tekst
    eerste = services.actieve_boom()
    tweede = services.beslisboom_vastleggen(actor=None, boom=boom.STANDAARD)
    assert (eerste.versie, tweede.versie) == (1, 2) and Beslisboom.objects.get(actief=True) == tweede


def test_statuscode_is_niet_te_raden_en_hoort_bij_een_melding(client, db):
    a, code_a = services.melding_indienen(actor=None, soort="vraag", onderwerp="A", omschrijving="a",
                                          melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk")
    b, code_b = services.melding_indienen(actor=None, soort="klacht", onderwerp="B", omschrijving="b",
                                          melder_naam="B", melder_email="b@x.nl", uitkomst="landelijk")
    assert len(code_a) >= 40 and code_a != code_b and code_a not in a.token_sha256  # stored only as a hash
    assert client.get(f"/meldingen/status/{code_a}/").content.decode().count(a.nummer) >= 1
    pagina_a = client.get(f"/meldingen/status/{code_a}/").content.decode()
    assert b.nummer not in pagina_a and "a@x.nl" not in pagina_a  # only this melding, no personal data
    assert client.get(f"/meldingen/status/{code_a[:-1]}x/").status_code == 404
    assert client.get(f"/meldingen/status/{a.token_sha256}/").status_code == 404  # the hash is not a code
    assert (a.nummer, b.nummer) == (f"M-{a.ingediend_op.year}-0001", f"M-{a.ingediend_op.year}-0002")


def test_niet_hier_geen_melding(db):
    with pytest.raises(ValidationError) as fout:
        services.melding_indienen(actor=None, soort="vraag", onderwerp="x", omschrijving="y", melder_naam="z",
                                  melder_email="z@x.nl", uitkomst="leverancier")
    assert "ander loket" in fout.value.message_dict["uitkomst"][0]
    with pytest.raises(ValidationError) as fout:
        services.melding_indienen(actor=None, soort="vraag", onderwerp="x", omschrijving="y", melder_naam="z",
                                  melder_email="z@x.nl", uitkomst="rso")
    assert "regio" in fout.value.message_dict


def test_regionale_desk_ziet_alleen_de_eigen_regio_en_melders_alleen_het_eigen(client, wereld, maak):
    from stelselbeheer.kern.rollen import Rol

    eigen_regio = wereld["rso"].regio
    ander = maak.rso("RSO Zuid-Limburg")
    hier, _ = services.melding_indienen(actor=None, soort="incident", onderwerp="Viewer Twente", omschrijving="x",
                                       melder_naam="A", melder_email="a@x.nl", uitkomst="rso", regio=eigen_regio)
    daar, _ = services.melding_indienen(actor=None, soort="incident", onderwerp="Viewer Limburg", omschrijving="x",
                                        melder_naam="B", melder_email="b@x.nl", uitkomst="rso", regio=ander.regio)
    landelijk, _ = services.melding_indienen(actor=wereld["gebruikers"]["deelnemer"], soort="vraag",
                                             onderwerp="Vraag over de ZAL", omschrijving="x", melder_naam="D",
                                             melder_email="d@x.nl", uitkomst="landelijk")
    client.force_login(wereld["gebruikers"]["regio"])
    lijst = client.get("/beheer/meldingen/").content.decode()
    assert hier.nummer in lijst and daar.nummer not in lijst and landelijk.nummer not in lijst
    assert client.get(f"/beheer/meldingen/{daar.nummer}/").status_code == 404
    client.force_login(wereld["gebruikers"]["uitvoering"])
    lijst = client.get("/beheer/meldingen/").content.decode()
    assert all(m.nummer in lijst for m in (hier, daar, landelijk))
    client.force_login(maak.gebruiker(Rol.REGIO, rso=ander))
    assert daar.nummer in client.get("/beheer/meldingen/").content.decode()


def test_api_indienen_en_status(client, db):
    r = client.post("/api/meldingen", {"soort": "vraag", "onderwerp": "ZAL", "omschrijving": "Wanneer?",
                                       "melder_naam": "A", "melder_email": "a@x.nl"}, content_type="application/json")
    assert r.status_code == 201 and r.json()["status"] == "nieuw"
    code = r.json()["statuscode"]
    assert client.get(f"/api/meldingen/status/{code}").json()["nummer"] == r.json()["nummer"]
    assert "statuscode" not in client.get(f"/api/meldingen/status/{code}").json()
    r = client.post("/api/meldingen", {"soort": "roddel", "onderwerp": "x", "omschrijving": "y", "melder_naam": "A",
                                       "melder_email": "geen-adres"}, content_type="application/json")
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"soort", "melder_email"}


def test_een_verzonnen_pad_bestaat_niet(client, db):
    for pad in ("9", "0.5", "x", "0.0.0.0"):
        assert client.get("/melden/", {"pad": pad}).status_code == 404
        assert client.get("/melden/formulier/", {"pad": pad}).status_code == 404


def test_bevestiging_en_bericht_aan_de_melder(client, wereld, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/melden/formulier/?pad=1.1.1", {"soort": "vraag", "onderwerp": "ZAL ophalen",
                                                         "omschrijving": "Hoe vaak?", "melder_naam": "An",
                                                         "melder_email": "an@vsv.nl"}, follow=True)
    assert r.status_code == 200 and len(mailoutbox) == 1 and mailoutbox[0].to == ["an@vsv.nl"]
    melding = Melding.objects.get()
    link = next(regel for regel in mailoutbox[0].body.splitlines() if "/meldingen/status/" in regel)
    pad = link[link.index("/meldingen/status/"):].split()[0]
    assert client.get(pad).status_code == 200 and melding.nummer in mailoutbox[0].subject
    medewerker = wereld["gebruikers"]["uitvoering"]
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_bijwerken(actor=medewerker, melding=melding, tekst="Intern: navragen", zichtbaar="intern")
    assert len(mailoutbox) == 1  # nothing for an internal note
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_triage(actor=medewerker, melding=melding, prioriteit="laag")
        services.melding_status_zetten(actor=medewerker, melding=melding, status="opgelost",
                                       toelichting="Elke vijf minuten met If-None-Match.")
    assert len(mailoutbox) == 3 and "If-None-Match" in mailoutbox[2].body and "Intern" not in mailoutbox[2].body


def test_mailserver_die_faalt_laat_de_melding_staan(db, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def kapot(*args, **kwargs):
        raise ConnectionRefusedError("mailserver weg")

    monkeypatch.setattr("django.core.mail.send_mass_mail", kapot)
    with django_capture_on_commit_callbacks(execute=True):
        melding, code = services.melding_indienen(actor=None, soort="vraag", onderwerp="A", omschrijving="a",
                                                  melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk",
                                                  basis_url="https://stelsel.example/")
    assert Melding.objects.filter(pk=melding.pk).exists() and services.melding_bij_token(code) == melding
    assert "niet verstuurd" in caplog.text
