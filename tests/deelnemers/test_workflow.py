"""Toe- en uittreding (deelnemers/workflow.py): every declared transition from every status, allowed and
refused, and each condition's refusal, through the service that is the only way a status changes."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers import workflow
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, RolSoort, Statuswijziging
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from tests.stappen import besluit, zet_status

VANDAAG = dln.vandaag()
GISTEREN = VANDAAG - dt.timedelta(days=1)
GEGEVENS = {"overeenkomstversie": "2.2", "advies": "positief", "advies_toelichting": "Voldoet aan alle eisen.",
            "ondertekend_op": GISTEREN, "opzegdatum": GISTEREN, "gebruikers_geinformeerd_op": GISTEREN}


@pytest.fixture
def kandidaat(maak):
    """A participant for which every condition of every step can be met: a role, a valid qualification,
    and one decision of each kind about it."""
    dienst = maak.gegevensdienst()
    d = maak.deelnemer("Nieuwe Zorg-ICT B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.AANGEMELD)
    maak.kwalificatie(d, dienst, testdatum=VANDAAG - dt.timedelta(days=30))
    besluiten = {o.naam: besluit(d, o.besluit[0], stap=o.naam) for o in workflow.OVERGANGEN if o.besluit}
    Deelnemer.objects.filter(pk=d.pk).update(advies="positief", advies_toelichting="Voldoet.", opzegdatum=GISTEREN)
    d.refresh_from_db()
    return d, besluiten


def _zet(d, besluiten, stap, status):
    """The table itself: a suspension's steps are set as the effect of the compliance measure (``maatregel``);
    that they go through it is NAL-OPSCHORTING-PAD, tested in tests/naleving/test_opschorting_einde.py."""
    zet_status(d, status)
    return dln.deelnemer_overgang(actor=None, deelnemer=d, overgang=stap.naam, toelichting="reden",
                                  besluit=besluiten[stap.naam] if stap.besluit else None,
                                  gegevens={v: GEGEVENS[v] for v in stap.velden}, maatregel=bool(stap.via))


@pytest.mark.parametrize("status", DeelnemerStatus.values)
@pytest.mark.parametrize("naam", [o.naam for o in workflow.OVERGANGEN])
def test_elke_overgang_vanuit_elke_status(kandidaat, naam, status):
    d, besluiten = kandidaat
    stap = workflow.PER_NAAM[naam]
    if status in stap.van:
        uit = _zet(d, besluiten, stap, status)
        assert uit.status == stap.naar and uit.status_sinds == VANDAAG
        w = Statuswijziging.objects.filter(deelnemer=d).latest("id")
        assert (w.overgang, w.van, w.naar) == (naam, status, stap.naar)
        assert AuditEvent.objects.filter(actie=f"deelnemer.{naam}", object_id=str(d.pk)).exists()
    else:
        aantal = Statuswijziging.objects.count()
        with pytest.raises(ValidationError) as fout:
            _zet(d, besluiten, stap, status)
        assert "kan alleen vanuit" in fout.value.message_dict["overgang"][0]
        d.refresh_from_db()
        assert d.status == status and Statuswijziging.objects.count() == aantal


def test_eindtoestanden_hebben_geen_uitgang():
    for eind in workflow.EINDTOESTANDEN:
        assert not [o for o in workflow.OVERGANGEN if eind in o.van]


def _weigering(d, overgang, veld, **kw):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as fout:
        dln.deelnemer_overgang(actor=None, deelnemer=d, overgang=overgang, **kw)
    assert AuditEvent.objects.count() == events  # a refused step writes nothing
    return " ".join(fout.value.message_dict[veld])


def test_toelaten_vraagt_een_toelatingsbesluit_over_deze_deelnemer(kandidaat, maak):
    d, besluiten = kandidaat
    zet_status(d, DeelnemerStatus.ADVIES)
    Deelnemer.objects.filter(pk=d.pk).update(advies="positief", advies_toelichting="ok")
    assert "Kies het besluit" in _weigering(d, "toelaten", "besluit")
    assert "geen besluit tot toelating" in _weigering(d, "toelaten", "besluit", besluit=besluiten["opschorten"])
    ander = maak.deelnemer("Andere B.V.", rollen=[RolSoort.DVA])
    assert "over deze deelnemer" in _weigering(d, "toelaten", "besluit", besluit=besluit(ander, "toelating"))
    assert dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="toelaten",
                                  besluit=besluiten["toelaten"]).status == DeelnemerStatus.TOEGELATEN


def test_geen_toelating_of_activering_zonder_geldige_kwalificatie(maak):
    maak.gegevensdienst()
    d = maak.deelnemer("Zonder Test B.V.", rollen=[RolSoort.DVA, RolSoort.DVP], status=DeelnemerStatus.ADVIES)
    Deelnemer.objects.filter(pk=d.pk).update(advies="positief", advies_toelichting="ok")
    reden = _weigering(d, "toelaten", "kwalificaties", besluit=besluit(d, "toelating"))
    assert reden.startswith("TOE-KWALIFICATIE: NAL-365") and "DVA" in reden and "DVP" in reden
    zet_status(d, DeelnemerStatus.TOEGELATEN)
    assert "TOE-KWALIFICATIE" in _weigering(d, "activeren", "kwalificaties", gegevens={"ondertekend_op": GISTEREN})


def test_activeren_vraagt_ondertekening_en_toelatingsbesluit(kandidaat, maak):
    d, _ = kandidaat
    Deelnemer.objects.filter(pk=d.pk).update(ondertekend_op=None)
    zet_status(d, DeelnemerStatus.TOEGELATEN)
    assert "TOE-ONDERTEKEND" in _weigering(d, "activeren", "ondertekend_op")
    assert "ligt na" in _weigering(d, "activeren", "ondertekend_op",
                                   gegevens={"ondertekend_op": VANDAAG + dt.timedelta(days=3)})
    zonder = maak.deelnemer("Zonder Besluit B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.TOEGELATEN)
    assert "TOE-BESLUIT" in _weigering(zonder, "activeren", "besluit", gegevens={"ondertekend_op": GISTEREN})


def test_positief_advies_alleen_met_geldige_kwalificaties(maak):
    d = maak.deelnemer("Adviesloos B.V.", rollen=[RolSoort.DVA], status=DeelnemerStatus.KWALIFICATIE)
    assert "Kies het advies" in _weigering(d, "advies_uitbrengen", "advies")
    assert "positief advies vraagt" in _weigering(d, "advies_uitbrengen", "advies", gegevens={
        "advies": "positief", "advies_toelichting": "Goed"})
    negatief = dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="advies_uitbrengen", gegevens={
        "advies": "negatief", "advies_toelichting": "Tests niet gehaald"})
    assert negatief.status == DeelnemerStatus.ADVIES
    assert "TOE-POSITIEF" in _weigering(negatief, "toelaten", "advies", besluit=besluit(d, "toelating"))


def test_beeindigen_pas_na_einddatum_met_gebruikers_geinformeerd_en_zonder_open_verzoeken(kandidaat):
    from stelselbeheer.register.models import Wijzigingsverzoek

    d, besluiten = kandidaat
    zet_status(d, DeelnemerStatus.ACTIEF)
    morgen = VANDAAG + dt.timedelta(days=1)
    d = dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="uittreding_starten",
                               besluit=besluiten["uittreding_starten"], gegevens={"opzegdatum": morgen})
    assert d.uittreding_soort == "verzoek"
    assert "pas op" in _weigering(d, "beeindigen", "opzegdatum", gegevens={"gebruikers_geinformeerd_op": GISTEREN})
    assert "UIT-GEBRUIKERS" in _weigering(d, "beeindigen", "gebruikers_geinformeerd_op", datum=morgen)
    Wijzigingsverzoek.objects.create(deelnemer=d, soort="oauthclient_nieuw", gegevens={})
    assert "1 wijzigingsverzoeken open" in _weigering(d, "beeindigen", "verzoeken", datum=morgen,
                                                      gegevens={"gebruikers_geinformeerd_op": GISTEREN})


def test_intrekken_vraagt_een_reden_en_onbekende_invoer_wordt_geweigerd(kandidaat):
    d, _ = kandidaat
    assert "TOE-REDEN" in _weigering(d, "intrekken", "toelichting")
    assert "Onbekende overgang" in _weigering(d, "verdwijnen", "overgang")
    assert "hoort niet bij deze stap" in _weigering(d, "intrekken", "advies", toelichting="x",
                                                   gegevens={"advies": "positief"})


def test_rol_zonder_recht_mag_de_stap_niet_zetten(kandidaat, maak):
    d, besluiten = kandidaat
    for gebruiker in [maak.gebruiker(Rol.AUDITOR), maak.gebruiker(Rol.DEELNEMER, deelnemer=d),
                      maak.gebruiker(Rol.BESTUUR)]:  # the board decides; intake is the staff's work
        with pytest.raises(PermissionDenied):
            dln.deelnemer_overgang(actor=gebruiker, deelnemer=d, overgang="intake_starten")
    bestuurder = maak.gebruiker(Rol.BESTUUR)
    zet_status(d, DeelnemerStatus.ACTIEF)
    assert dln.deelnemer_overgang(actor=bestuurder, deelnemer=d, overgang="uitsluiten",
                                  besluit=besluiten["uitsluiten"]).status == DeelnemerStatus.BEEINDIGD


def test_van_aanvraag_tot_actief_en_weer_uit(db, maak):
    dienst = maak.gegevensdienst()
    d = dln.toetreding_aanvragen(actor=None, organisatie_gegevens={
        "naam": "PGO Plus B.V.", "kvk_nummer": "87654321", "soort": "leverancier", "plaats": "Utrecht"},
        overeenkomstversie="2.2", rollen=[RolSoort.DVP], contact_email="info@pgoplus.nl", toelichting="Graag")
    assert d.status == DeelnemerStatus.AANGEMELD and d.contact_email == "info@pgoplus.nl"
    for overgang, kw in [("intake_starten", {}), ("kwalificatie_starten", {})]:
        d = dln.deelnemer_overgang(actor=None, deelnemer=d, overgang=overgang, **kw)
    maak.kwalificatie(d, dienst, rol=RolSoort.DVP, testdatum=GISTEREN)
    d = dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="advies_uitbrengen",
                               gegevens={"advies": "positief", "advies_toelichting": "Voldoet"})
    d = dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="toelaten", besluit=besluit(d, "toelating"))
    d = dln.deelnemer_overgang(actor=None, deelnemer=d, overgang="activeren", gegevens={"ondertekend_op": VANDAAG})
    assert d.status == DeelnemerStatus.ACTIEF
    assert list(d.statuswijzigingen.values_list("naar", flat=True)) == [
        "aangemeld", "intake", "kwalificatie", "advies", "toegelaten", "actief"]
    with pytest.raises(ValidationError) as fout:
        dln.toetreding_aanvragen(actor=None, organisatie_gegevens={"kvk_nummer": "87654321"},
                                 overeenkomstversie="2.2", rollen=[RolSoort.DVA], contact_email="x@y.nl")
    assert "al als deelnemer" in fout.value.message_dict["organisatie"][0]


def test_status_is_niet_via_het_wijzigformulier_te_zetten(wereld):
    with pytest.raises(ValidationError) as fout:
        dln.deelnemer_wijzigen(actor=None, deelnemer=wereld["dva"], wijzigingen={"status": "beeindigd"})
    assert "status" in fout.value.message_dict


def test_api_zet_een_stap_of_noemt_de_redenen(client, maak, kandidaat):
    d, besluiten = kandidaat
    zet_status(d, DeelnemerStatus.TOEGELATEN)
    client.force_login(maak.gebruiker(Rol.UITVOERING))
    url = f"/api/deelnemers/{d.pk}/overgangen"
    r = client.post(url, {"overgang": "activeren", "gegevens": {"ondertekend_op": "gisteren"}},
                    content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "ondertekend_op"
    r = client.post(url, {"overgang": "activeren", "gegevens": {"ondertekend_op": GISTEREN.isoformat()}},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "actief"
    r = client.post(url, {"overgang": "opschorten", "besluit": "B-1999-0001"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "besluit"
    stappen = client.get(f"/api/deelnemers/{d.pk}/statuswijzigingen").json()
    assert stappen[-1]["overgang"] == "activeren"
    client.force_login(maak.gebruiker(Rol.AUDITOR))
    assert client.post(url, {"overgang": "opschorten", "besluit": besluiten["opschorten"].nummer},
                       content_type="application/json").status_code == 403
    assert {o["naam"] for o in client.get("/api/toetreding/overgangen").json()} == set(workflow.PER_NAAM)


def test_aanmelden_via_api_zonder_account(client, db):
    r = client.post("/api/aanmeldingen", {"naam": "Nieuw PGO B.V.", "kvk_nummer": "12345678", "rollen": ["dvp"],
                                          "overeenkomstversie": "2.2", "contact_email": "a@nieuwpgo.nl"},
                    content_type="application/json")
    assert r.status_code == 201 and r.json()["status"] == "aangemeld"
    r = client.post("/api/aanmeldingen", {"naam": "X", "kvk_nummer": "1", "rollen": [], "overeenkomstversie": "2.2",
                                          "contact_email": "a@b.nl"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rollen"


def test_aanmelden_via_het_formulier(client, db):
    r = client.post("/aanmelden/", {"naam": "Zorgapp B.V.", "kvk_nummer": "11223344", "soort": "leverancier",
                                    "rollen": ["dvp"], "overeenkomstversie": "2.2", "contact_email": "x@zorgapp.nl"},
                    follow=True)
    assert r.redirect_chain == [("/aanmelden/ontvangen/", 302)] and "Uw aanvraag is ontvangen" in r.content.decode()
    assert Deelnemer.objects.get(organisatie__kvk_nummer="11223344").status == DeelnemerStatus.AANGEMELD


def test_bewijs_bij_een_testresultaat_alleen_voor_wie_het_mag_zien(client, wereld, maak):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stelselbeheer.deelnemers.models import Kwalificatie

    with pytest.raises(ValidationError) as fout:
        maak.kwalificatie(wereld["dva"], wereld["dienst"], bewijs=SimpleUploadedFile("rapport.exe", b"MZ"))
    assert "bewijs" in fout.value.message_dict
    k = maak.kwalificatie(wereld["dva"], wereld["dienst"], bewijs=SimpleUploadedFile("rapport.pdf", b"%PDF test"))
    assert Kwalificatie.objects.filter(bewijs="").count() == 1  # the one without
    url = f"/kwalificaties/{k.pk}/bewijs/"
    assert client.get(url).status_code == 302  # public: to the login page
    for rol, mag in [("uitvoering", True), ("bestuur", True), ("auditor", True), ("deelnemer", True),
                     ("regio", False)]:
        client.force_login(wereld["gebruikers"][rol])
        r = client.get(url)
        assert r.status_code == (200 if mag else 403), rol
        if mag:
            assert b"".join(r.streaming_content) == b"%PDF test"
    client.force_login(maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"]))
    assert client.get(url).status_code == 403  # another participant's report
