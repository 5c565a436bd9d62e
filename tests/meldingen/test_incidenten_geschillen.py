"""Incidents and calamities (MEL-INCIDENT, MEL-EVALUATIE, MEL-NALEVING), complaints and disputes (MEL-GESCHIL),
the first response (MEL-REACTIE) and who sees which events (MEL-ZICHT)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.kern.rollen import Rol
from stelselbeheer.meldingen import services
from stelselbeheer.meldingen.models import Melding


def _indienen(soort="incident", actor=None, **kw):
    velden = {"onderwerp": "Ophalen medicatie faalt", "omschrijving": "Sinds 8:00 time-outs.", "melder_naam": "Piet",
              "melder_email": "piet@pgo.nl", "uitkomst": "landelijk", **kw}
    return services.melding_indienen(actor=actor, soort=soort, **velden)


@pytest.fixture
def medewerker(wereld):
    return wereld["gebruikers"]["uitvoering"]


def test_eerste_reactie_is_wat_de_melder_ziet_van_een_behandelaar(wereld, medewerker):
    m, _ = _indienen("vraag")
    services.melding_bijwerken(actor=medewerker, melding=m, tekst="Intern: navragen bij team", zichtbaar="intern")
    m.refresh_from_db()
    assert m.eerste_reactie_op is None  # an internal note is no response
    services.melding_triage(actor=medewerker, melding=m, prioriteit="normaal")
    m.refresh_from_db()
    assert m.eerste_reactie_op is not None and m.status == "in_behandeling"
    eerste = m.eerste_reactie_op
    services.melding_status_zetten(actor=medewerker, melding=m, status="opgelost", toelichting="Zie de kennisbank.")
    m.refresh_from_db()
    assert m.eerste_reactie_op == eerste and m.opgelost_op is not None
    services.melding_status_zetten(actor=medewerker, melding=m, status="in_behandeling", toelichting="Toch niet.")
    m.refresh_from_db()
    assert m.opgelost_op is None


def test_reactie_van_de_melder_telt_niet_als_eerste_reactie(wereld):
    deelnemer = wereld["gebruikers"]["deelnemer"]
    m, _ = _indienen("vraag", actor=deelnemer)
    services.melding_reageren(actor=deelnemer, melding=m, tekst="Aanvulling: ook bij test.")
    m.refresh_from_db()
    assert m.eerste_reactie_op is None


def test_incident_getroffen_deelnemers_krijgen_bericht_en_zien_alleen_hun_deel(
        client, wereld, medewerker, maak, mailoutbox, django_capture_on_commit_callbacks):
    dva, dvp = wereld["dva"], wereld["dvp"]
    dva.contact_email = "beheer@zorgictnoord.nl"
    dva.save()
    buitenstaander = maak.deelnemer("Ander PGO B.V.")
    buiten_gebruiker = maak.gebruiker(Rol.DEELNEMER, "buiten", deelnemer=buitenstaander, email="buiten@ander.nl")
    wereld["gebruikers"]["deelnemer"].email = "an@zorgictnoord.nl"
    wereld["gebruikers"]["deelnemer"].save()
    m, code = _indienen("calamiteit")
    with pytest.raises(ValidationError):  # a question has no severity
        services.incident_vastleggen(actor=medewerker, melding=_indienen("vraag")[0], ernst="ernstig")
    services.incident_vastleggen(actor=medewerker, melding=m, ernst="ernstig", deelnemers=[dvp],
                                 aanbieders=[wereld["aanbieder"]], gegevensdiensten=[wereld["dienst"]])
    assert set(m.betrokken_deelnemers.all()) == {dva, dvp}  # the aanbieder's DVA counts as affected
    with django_capture_on_commit_callbacks(execute=True):
        n = services.incident_bericht(actor=medewerker, melding=m, tekst="Storing bij het ophalen; workaround volgt.")
    ontvangers = {a for mail in mailoutbox for a in mail.to}
    assert n == len(ontvangers) and "beheer@zorgictnoord.nl" in ontvangers
    assert "an@zorgictnoord.nl" in ontvangers and "buiten@ander.nl" not in ontvangers
    assert "huisartsdelinde@medmij" in mailoutbox[0].body
    services.melding_bijwerken(actor=medewerker, melding=m, tekst="Oorzaak: certificaat verlopen", zichtbaar="intern")
    client.force_login(wereld["gebruikers"]["deelnemer"])
    pagina = client.get(f"/mijn/meldingen/{m.nummer}/").content.decode()
    assert "workaround volgt" in pagina and "certificaat verlopen" not in pagina and "piet@pgo.nl" not in pagina
    status = client.get(f"/meldingen/status/{code}/").content.decode()
    assert "workaround volgt" not in status  # the notice is for participants, not the reporter
    client.force_login(buiten_gebruiker)
    assert client.get(f"/mijn/meldingen/{m.nummer}/").status_code == 404


def test_calamiteit_sluit_pas_na_evaluatie(wereld, medewerker):
    m, _ = _indienen("calamiteit")
    with pytest.raises(ValidationError) as fout:
        services.incident_evalueren(actor=medewerker, melding=m, evaluatie="Te vroeg")
    assert "nadat het incident is opgelost" in fout.value.message_dict["evaluatie"][0]
    services.melding_triage(actor=medewerker, melding=m, prioriteit="kritiek")
    services.melding_status_zetten(actor=medewerker, melding=m, status="opgelost", toelichting="Hersteld.")
    with pytest.raises(ValidationError) as fout:
        services.melding_status_zetten(actor=medewerker, melding=m, status="gesloten", toelichting="Klaar.")
    assert "evaluatie" in fout.value.message_dict["status"][0]
    services.incident_evalueren(actor=medewerker, melding=m, evaluatie="Oorzaak: verlopen certificaat. Maatregel: "
                                                                     "bewaking op vervaldata.")
    services.melding_status_zetten(actor=medewerker, melding=m, status="gesloten", toelichting="Geëvalueerd.")
    m.refresh_from_db()
    assert m.status == "gesloten" and m.evaluatie_op is not None
    # a minor incident closes without one
    licht, _ = _indienen("incident")
    services.incident_vastleggen(actor=medewerker, melding=licht, ernst="beperkt")
    services.melding_triage(actor=medewerker, melding=licht, prioriteit="laag")
    services.melding_status_zetten(actor=medewerker, melding=licht, status="opgelost", toelichting="x")
    assert services.melding_status_zetten(actor=medewerker, melding=licht, status="gesloten",
                                          toelichting="x").status == "gesloten"


def test_calamiteit_leidt_tot_constatering_en_nalevingszaak(wereld, medewerker):
    from stelselbeheer.naleving.models import Nalevingszaak

    m, _ = _indienen("calamiteit")
    with pytest.raises(ValidationError):  # only an affected participant
        services.melding_naar_naleving(actor=medewerker, melding=m, deelnemer=wereld["dva"],
                                       verplichting="Beveiligingsincidenten melden")
    services.incident_vastleggen(actor=medewerker, melding=m, ernst="zeer_ernstig", deelnemers=[wereld["dva"]])
    with pytest.raises(PermissionDenied):
        services.melding_naar_naleving(actor=wereld["gebruikers"]["regio"], melding=m, deelnemer=wereld["dva"],
                                       verplichting="x")
    c = services.melding_naar_naleving(actor=medewerker, melding=m, deelnemer=wereld["dva"],
                                       verplichting="Beveiligingsincidenten melden")
    m.refresh_from_db()
    assert m.constatering == c and c.bron == "melding" and m.nummer in c.omstandigheden
    assert Nalevingszaak.objects.get(constatering=c).verplichting == "Beveiligingsincidenten melden"
    with pytest.raises(ValidationError):
        services.melding_naar_naleving(actor=medewerker, melding=m, deelnemer=wereld["dva"], verplichting="y")


def test_geschil_bemiddeling_bestuur_en_alleen_partijen_zien_het(client, wereld, medewerker, maak):
    deelnemer = wereld["gebruikers"]["deelnemer"]  # user of the DVA
    m, code = _indienen("geschil", actor=deelnemer, onderwerp="PGO haalt te vaak op",
                        omschrijving="Mijn Gezondheid bevraagt ons systeem elke minuut.")
    assert m.fase == "bemiddeling" and list(m.partijen.all()) == [wereld["dva"]]
    services.partijen_vastleggen(actor=medewerker, melding=m, partijen=[wereld["dva"], wereld["dvp"]])
    dvp_gebruiker = maak.gebruiker(Rol.DEELNEMER, "pgo", deelnemer=wereld["dvp"])
    derde = maak.gebruiker(Rol.DEELNEMER, "derde", deelnemer=maak.deelnemer("Derde B.V."))
    services.melding_reageren(actor=dvp_gebruiker, melding=m, tekst="Wij halen alleen op verzoek van de burger op.")
    with pytest.raises(PermissionDenied):
        services.melding_reageren(actor=derde, melding=m, tekst="Ik meng me erin")
    client.force_login(derde)
    assert m.nummer not in client.get("/mijn/meldingen/").content.decode()
    assert client.get(f"/mijn/meldingen/{m.nummer}/").status_code == 404
    client.force_login(dvp_gebruiker)
    assert "alleen op verzoek van de burger" in client.get(f"/mijn/meldingen/{m.nummer}/").content.decode()
    with pytest.raises(ValidationError):
        services.uitspraak_vastleggen(actor=wereld["gebruikers"]["bestuur"], melding=m, uitspraak="Te vroeg")
    with pytest.raises(ValidationError):
        services.naar_bestuur(actor=medewerker, melding=m, reden="")
    services.naar_bestuur(actor=medewerker, melding=m, reden="Partijen komen er niet uit.")
    with pytest.raises(ValidationError):  # the board solves it, not the desk
        services.melding_status_zetten(actor=medewerker, melding=m, status="opgelost", toelichting="Klaar")
    with pytest.raises(PermissionDenied):
        services.uitspraak_vastleggen(actor=medewerker, melding=m, uitspraak="De desk beslist")
    services.uitspraak_vastleggen(actor=wereld["gebruikers"]["bestuur"], melding=m,
                                  uitspraak="Ophalen hoogstens eens per uur, tenzij de burger erom vraagt.")
    m.refresh_from_db()
    assert m.status == "opgelost" and m.opgelost_op == m.uitspraak_op
    status = client.get(f"/meldingen/status/{code}/").content.decode()
    assert "voorgelegd aan het bestuur" in status and "hoogstens eens per uur" in status


def test_detailpagina_zet_stappen_en_toont_fouten_per_veld(client, wereld, medewerker):
    m, _ = _indienen("incident")
    client.force_login(medewerker)
    r = client.post(f"/beheer/meldingen/{m.nummer}/", {"actie": "incident", "ernst": "ernstig",
                                                       "aanbieders": "bestaatniet@medmij"})
    assert r.status_code == 200 and "Onbekende zorgaanbieder(s): bestaatniet@medmij" in r.content.decode()
    assert Melding.objects.get(pk=m.pk).ernst == ""  # nothing half-written
    r = client.post(f"/beheer/meldingen/{m.nummer}/", {"actie": "incident", "ernst": "ernstig",
                                                       "aanbieders": "huisartsdelinde@medmij",
                                                       "gegevensdiensten": [wereld["dienst"].pk]})
    assert r.status_code == 302
    pagina = client.get(f"/beheer/meldingen/{m.nummer}/").content.decode()
    assert "Huisartsenpraktijk De Linde" in pagina or "huisartsdelinde@medmij" in pagina
    assert "Evaluatie na het incident" in pagina and "Partijen" not in pagina.split("Verloop")[1]
    client.force_login(wereld["gebruikers"]["regio"])  # the national incident is not the regional desk's
    assert client.get(f"/beheer/meldingen/{m.nummer}/").status_code == 404


def test_api_partijen_en_constatering(client, wereld):
    m, _ = _indienen("calamiteit")
    g, _ = _indienen("geschil")
    client.force_login(wereld["gebruikers"]["uitvoering"])
    r = client.post(f"/api/meldingen/{g.nummer}/partijen", {"deelnemer_ids": [wereld["dva"].pk, 999999]},
                    content_type="application/json")
    assert r.status_code == 422 and "999999" in r.content.decode() and not g.partijen.exists()
    r = client.post(f"/api/meldingen/{g.nummer}/partijen", {"deelnemer_ids": [wereld["dva"].pk, wereld["dvp"].pk]},
                    content_type="application/json")
    assert r.status_code == 200 and sorted(r.json()["partijen"]) == sorted([wereld["dva"].pk, wereld["dvp"].pk])
    r = client.post(f"/api/meldingen/{m.nummer}/constatering", {"deelnemer_id": wereld["dva"].pk,
                                                                "verplichting": "Incident afhandelen"},
                    content_type="application/json")
    assert r.status_code == 422 and "getroffen" in r.content.decode()  # not affected (yet)
    services.incident_vastleggen(actor=None, melding=m, ernst="ernstig", deelnemers=[wereld["dva"]])
    r = client.post(f"/api/meldingen/{m.nummer}/constatering", {"deelnemer_id": wereld["dva"].pk,
                                                                "verplichting": "Incident afhandelen"},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["constatering_id"]
