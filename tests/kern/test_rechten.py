"""Rights in the services themselves (ROL-SERVICE): every service a user can trigger checks the actor's right
against ``kern.rollen.RECHTEN``, so a script, an admin action or a later module cannot go around the pages and
the API. ``actor=None`` is the system (commands, tasks, demo data)."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django.core.exceptions import PermissionDenied

import stelselbeheer
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Actie, vereist_recht

#: the modules whose functions are the services (one function per business action)
SERVICEMODULES = [
    "besluiten.services", "deelnemers.services", "kern.services", "lijsten.services", "meldingen.services",
    "naleving.services", "naleving.opschorting", "organisaties.services", "register.services",
    "register.verzoeken", "register.importeren", "overleg.services",
    "afsprakenset.services",
    "wijzigingen.services",
    "implementatie.services",
    "adoptie.services", "knelpunten.services",
    "regionaal.services",
    "lijsten.importeren",
]

#: public functions of those modules that are not an entrance for a user, with the reason
GEEN_INGANG = {
    "wijzigingen.services.in_consultatie_voor": "reads whether a participant was invited to a consultation",
    "deelnemers.services.vandaag": "today's date in Amsterdam; reads nothing",
    "kern.services.opslaan_nieuw": "mechanics inside a service, which checked the right before",
    "kern.services.wijzigen": "mechanics inside a service, which checked the right before",
    "kern.services.volgend_jaarnummer": "mechanics inside a service (next number under a row lock)",
    "kern.services.inschrijfcode_gebruiken": "the account itself, logged in with its password, hands in its own "
                                             "enrolment code: the code is the permission (TOE-2FA-INSCHRIJVING)",
    "meldingen.services.token_sha256": "a hash function",
    "kern.services.wachtwoordlink": "builds a link; writes nothing (the invitation service that calls it checks)",
    "kern.services.wachtwoord_instellen": "the holder sets the own password with a valid one-time link: the link is "
                                          "the permission (TOE-ACCOUNT), checked by the view",
    "implementatie.services.fase_bezwaren": "reads why a phase change cannot happen now (the page shows it before "
                                            "the form); the decision itself is the checked fasebesluit_nemen",
    "implementatie.services.beslist_als": "reads whether an actor decides or records a phase change (IMP-BESLUIT)",
    "meldingen.services.actieve_boom": "reads the active tree; a fresh installation gets the standard one "
                                       "from the system (actor=None)",
    "meldingen.services.melding_bij_token": "reads the one melding the status code opens (MEL-TOKEN)",
    "meldingen.services.evaluatie_vereist": "a rule, reads nothing",
    "naleving.opschorting.scope": "reads the scope of a suspension",
    "naleving.opschorting.lopende": "reads the running suspensions",
    "naleving.opschorting.einde_verstreken": "reads the suspensions past their planned end",
    "naleving.opschorting.einde_signaleren": "the nightly check's part for suspensions past their end; takes no "
                                             "actor (system only, run by kwalificaties_controleren)",
    "register.importeren.valideer": "checks a CSV text; writes nothing",
    "naleving.services.stap_bezwaren": "checks a step's data on the object it is given; saves nothing (the step "
                                       "page asks it to show every reason in one round)",
    "besluiten.services.bijlagen_bezwaren": "checks uploaded files (the form asks it too); writes nothing",
    # afsprakenset
    "afsprakenset.services.adressen": "reads e-mail addresses for a mail the calling service sends",
    "afsprakenset.services.mailen_na_commit": "sends the calling service's mail after its commit",
    "afsprakenset.services.besluit_toetsen": "a rule (AFS-GOEDKEURING) the approval step asks; writes nothing",
    "afsprakenset.services.getroffen": "reads the participants a release affects; writes nothing",
    "knelpunten.services.juiste_organen": "a rule (which kinds of body act on a knelpunt); reads nothing",
    "adoptie.services.momentopname_maken": "the nightly snapshot; takes no actor (system only, run by "
                                           "stelsel adoptie_momentopname)",
}

#: state changes that only the system makes (nightly command, background task, inside a step): no actor
ALLEEN_SYSTEEM = [
    "deelnemers.controle.kwalificaties_controleren",
    "naleving.controle.erkenning_constateringen",
    "naleving.opschorting.einde_signaleren",
    "naleving.brieven.brief_maken",
    "lijsten.tasks.publicatie_inplannen",
    "kern.reservekopie.terugzetting_vastleggen",
    "afsprakenset.controle.nachtelijk",
    "afsprakenset.controle.bron",
    "adoptie.services.momentopname_maken",
]

#: modules that take an ``actor`` without being services: the audit mechanism and the demo generator
GEEN_SERVICEMODULE = {"kern.audit", "demo.generator", "demo.overleg", "demo.afsprakenset", "demo.adoptie",
                      "demo.knelpunten"}


def _openbare_functies(modulenaam):
    module = importlib.import_module(f"stelselbeheer.{modulenaam}")
    for naam, f in vars(module).items():
        if inspect.isfunction(f) and f.__module__ == module.__name__ and not naam.startswith("_"):
            yield f"{modulenaam}.{naam}", f


def test_elke_service_toetst_het_recht_of_staat_met_reden_op_de_lijst():
    """ROL-SERVICE: a service without ``@vereist_recht`` and not on the commented list fails here."""
    zonder = [naam for m in SERVICEMODULES for naam, f in _openbare_functies(m)
              if not hasattr(f, "vereiste_rechten") and naam not in GEEN_INGANG]
    assert zonder == [], f"services zonder @vereist_recht: {zonder}"
    bekend = {naam for m in SERVICEMODULES for naam, _ in _openbare_functies(m)}
    assert set(GEEN_INGANG) <= bekend, "de lijst noemt een functie die niet (meer) bestaat"
    for naam, f in ((n, f) for m in SERVICEMODULES for n, f in _openbare_functies(m)):
        for actie in (*getattr(f, "vereiste_rechten", ()), *getattr(f, "vereiste_rechten_een_van", ())):
            assert actie in Actie.values, f"{naam}: onbekende actie {actie}"


def test_elke_module_met_een_actor_staat_bij_de_servicemodules():
    """A new module with service functions (something taking ``actor``) must be listed above, so the first test
    covers it."""
    ontbreekt = set()
    for info in pkgutil.walk_packages(stelselbeheer.__path__, "stelselbeheer."):
        naam = info.name.removeprefix("stelselbeheer.")
        delen = naam.split(".")
        if ("migrations" in delen or "management" in delen or delen[-1] in {"views", "api", "admin", "forms", "urls"}
                or naam in {"settings", "wsgi", "cli"} or naam in GEEN_SERVICEMODULE or naam in SERVICEMODULES):
            continue
        for _, f in _openbare_functies(naam):
            if "actor" in inspect.signature(f).parameters:
                ontbreekt.add(naam)
    assert ontbreekt == set()


@pytest.mark.parametrize("naam", ALLEEN_SYSTEEM)
def test_systeemtaken_hebben_geen_actor(naam):
    modulenaam, functie = naam.rsplit(".", 1)
    f = getattr(importlib.import_module(f"stelselbeheer.{modulenaam}"), functie)
    assert "actor" not in inspect.signature(f).parameters, f"{naam} neemt een actor: toets het recht"


def test_de_decorator_eist_een_actor_en_een_actie():
    with pytest.raises(TypeError):
        vereist_recht(Actie.AUDIT_LEZEN)(lambda *, wie: wie)
    with pytest.raises(TypeError):
        vereist_recht()


# ---- a wrong-role actor is refused by the service itself, and nothing is written (a few per app) ----

@pytest.fixture
def geweigerd(wereld):
    """Call a service as a wrong-role actor: PermissionDenied with a Dutch reason, and no audit event."""
    def controle(service, als, **kwargs):
        voor = AuditEvent.objects.count()
        with pytest.raises(PermissionDenied) as fout:
            service(actor=wereld["gebruikers"][als], **kwargs)
        assert str(fout.value).startswith("Uw rol mag dit niet")
        assert AuditEvent.objects.count() == voor
    return controle


def test_organisaties(wereld, geweigerd):
    from stelselbeheer.organisaties.models import Organisatie
    from stelselbeheer.organisaties.services import organisatie_aanmaken, organisatie_wijzigen

    aantal = Organisatie.objects.count()
    geweigerd(organisatie_aanmaken, "auditor", naam="Eigen B.V.", soort="leverancier", kvk_nummer="12345678")
    assert Organisatie.objects.count() == aantal
    org = wereld["dva"].organisatie
    geweigerd(organisatie_wijzigen, "deelnemer", organisatie=org, wijzigingen={"naam": "Overgenomen"})
    org.refresh_from_db()
    assert org.naam == "Zorg-ICT Noord B.V."


def test_deelnemers(wereld, geweigerd):
    from stelselbeheer.deelnemers.models import Kwalificatie
    from stelselbeheer.deelnemers.services import deelnemer_wijzigen, kwalificatie_vastleggen

    aantal = Kwalificatie.objects.count()
    # a participant user recording its own test result, around the staff page
    geweigerd(kwalificatie_vastleggen, "deelnemer", deelnemer=wereld["dva"], rol="dva",
              gegevensdienst=wereld["dienst"], testdatum=dt.date(2026, 11, 1), resultaat="geslaagd")
    assert Kwalificatie.objects.count() == aantal
    geweigerd(deelnemer_wijzigen, "bestuur", deelnemer=wereld["dva"], wijzigingen={"contact_email": "x@y.nl"})
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].contact_email != "x@y.nl"


def test_register(wereld, geweigerd, maak):
    from stelselbeheer.register.models import Aanbieder, Gegevensdienst, Wijzigingsverzoek
    from stelselbeheer.register.services import aanbieder_aanmaken, gegevensdienst_aanmaken
    from stelselbeheer.register.verzoeken import verzoek_goedkeuren, verzoek_indienen

    # a participant adding an aanbieder directly, instead of through a change request
    org = maak.organisatie("Praktijk Zuid", soort="zorgaanbieder")
    geweigerd(aanbieder_aanmaken, "deelnemer", naam="praktijkzuid@medmij", weergavenaam="Praktijk Zuid",
              organisatie=org, dva=wereld["dva"])
    assert not Aanbieder.objects.filter(naam="praktijkzuid@medmij").exists()
    geweigerd(gegevensdienst_aanmaken, "regio", code="99", naam="Nieuw")
    assert not Gegevensdienst.objects.filter(code="99").exists()
    verzoek = verzoek_indienen(actor=wereld["gebruikers"]["deelnemer"], deelnemer=wereld["dva"],
                               soort="aanbieder_nieuw", gegevens={"naam": "praktijkzuid@medmij", "plaats": "Ede",
                                                                  "weergavenaam": "Praktijk Zuid",
                                                                  "organisatie_kvk": org.kvk_nummer})
    geweigerd(verzoek_goedkeuren, "bestuur", verzoek=verzoek)  # the board may read requests, not approve them
    verzoek.refresh_from_db()
    assert verzoek.status == "ingediend" and Wijzigingsverzoek.objects.count() == 1
    assert not Aanbieder.objects.filter(naam="praktijkzuid@medmij").exists()


def test_besluiten(wereld, geweigerd):
    from stelselbeheer.besluiten.models import Besluit
    from stelselbeheer.besluiten.services import besluit_vastleggen

    geweigerd(besluit_vastleggen, "auditor", voorstel=None, datum=dt.date(2026, 11, 1), soort="toelating",
              onderwerp="Toelating", tekst="Toegelaten.", deelnemer=wereld["dva"])
    assert not Besluit.objects.exists()


def test_lijsten(wereld, geweigerd):
    from stelselbeheer.lijsten.models import Snapshot
    from stelselbeheer.lijsten.services import alle_lijsten_publiceren, lijst_publiceren

    geweigerd(alle_lijsten_publiceren, "bestuur")
    geweigerd(lijst_publiceren, "deelnemer", lijst="zal")
    assert not Snapshot.objects.exists()


def test_naleving(wereld, geweigerd):
    from stelselbeheer.naleving.models import Nalevingszaak
    from stelselbeheer.naleving.services import zaak_openen, zaak_stap

    geweigerd(zaak_openen, "auditor", deelnemer=wereld["dva"], verplichting="NAL-365", omstandigheden="x")
    assert not Nalevingszaak.objects.exists()
    zaak = zaak_openen(actor=wereld["gebruikers"]["uitvoering"], deelnemer=wereld["dva"], verplichting="NAL-365",
                       omstandigheden="Testresultaat verlopen.")
    geweigerd(zaak_stap, "regio", zaak=zaak, overgang="toelichting_vragen")
    zaak.refresh_from_db()
    assert zaak.stap == "constatering"


def test_meldingen(wereld, geweigerd):
    from stelselbeheer.meldingen.beslisboom import STANDAARD
    from stelselbeheer.meldingen.models import Beslisboom, Kennisartikel
    from stelselbeheer.meldingen.services import (
        artikel_vastleggen,
        beslisboom_vastleggen,
        melding_indienen,
        melding_triage,
    )

    # an auditor who filed a melding themselves follows it, but does not handle it (not even their own)
    melding, _ = melding_indienen(actor=wereld["gebruikers"]["auditor"], soort="vraag", onderwerp="Vraag",
                                  omschrijving="x", melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk")
    geweigerd(melding_triage, "auditor", melding=melding, prioriteit="hoog", team="Eigen team")
    melding.refresh_from_db()
    assert melding.status == "nieuw" and melding.team == ""
    geweigerd(artikel_vastleggen, "bestuur", titel="Tip", tekst="x", doelgroep="openbaar")
    assert not Kennisartikel.objects.exists()
    aantal = Beslisboom.objects.count()
    geweigerd(beslisboom_vastleggen, "regio", boom=STANDAARD)
    assert Beslisboom.objects.count() == aantal


def test_kern(wereld, geweigerd):
    from stelselbeheer.kern.models import Gebruiker
    from stelselbeheer.kern.services import gebruiker_aanmaken
    from tests.conftest import WACHTWOORD

    geweigerd(gebruiker_aanmaken, "bestuur", gebruikersnaam="nieuw", wachtwoord=WACHTWOORD, rol="uitvoering")
    assert not Gebruiker.objects.filter(username="nieuw").exists()


def test_het_systeem_en_de_eigen_rol_mogen(wereld):
    """actor=None (commands, tasks, demo data) is not checked; a participant's change request still tries the
    aanbieder service for real (as part of the request it may file, REG-VERZOEK)."""
    from stelselbeheer.organisaties.services import organisatie_aanmaken
    from stelselbeheer.register.verzoeken import verzoek_indienen

    assert organisatie_aanmaken(actor=None, naam="Systeem B.V.", soort="leverancier", kvk_nummer="87654321").pk
    org = organisatie_aanmaken(actor=None, naam="Praktijk Noord", soort="zorgaanbieder", kvk_nummer="87654322")
    verzoek = verzoek_indienen(actor=wereld["gebruikers"]["deelnemer"], deelnemer=wereld["dva"],
                               soort="aanbieder_nieuw", gegevens={"naam": "praktijknoord@medmij", "plaats": "Zwolle",
                                                                  "weergavenaam": "Praktijk Noord",
                                                                  "organisatie_kvk": org.kvk_nummer})
    assert verzoek.pk


def test_de_api_geeft_problem_json_als_de_service_weigert(client, wereld):
    """The API's own check lets an auditor post a workflow step (the step's right is the service's); the
    service's refusal is a 403 problem+json, and nothing changes."""
    client.force_login(wereld["gebruikers"]["auditor"])
    r = client.post(f"/api/deelnemers/{wereld['dva'].pk}/overgangen", {"overgang": "uittreding_starten"},
                    content_type="application/json")
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    assert r.json()["title"] == "Geen toegang"
    wereld["dva"].refresh_from_db()
    assert wereld["dva"].status == "actief"
