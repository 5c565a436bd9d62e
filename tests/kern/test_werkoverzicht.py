"""ROL-WERKOVERZICHT: the home page after login shows each role what waits for it, with counts that match the
database, the first items, and links to the filtered lists; few queries however much there is."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.models import Advies, DeelnemerStatus, RolSoort
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.kern.werkoverzicht import werkoverzicht
from stelselbeheer.lijsten.models import MislukteBouw, Publicatievoorstel
from stelselbeheer.meldingen.models import Fase, Melding, Niveau, Status
from stelselbeheer.meldingen.services import melding_indienen
from stelselbeheer.naleving.models import Nalevingszaak, Opschorting, ZaakStap
from stelselbeheer.naleving.services import zaak_openen
from stelselbeheer.overleg import services as ovl
from stelselbeheer.register.models import VerzoekStatus, Wijzigingsverzoek
from tests import stappen


def _tellingen(blokken) -> dict[str, int]:
    return {t.titel: t.aantal for b in blokken for t in b.taken}


def _zaak(deelnemer, verplichting, termijn, stap=ZaakStap.VERIFICATIE):
    zaak = zaak_openen(actor=None, deelnemer=deelnemer, verplichting=verplichting, omstandigheden="x")
    Nalevingszaak.objects.filter(pk=zaak.pk).update(termijn_tot=termijn, stap=stap)
    return zaak


def _melding(regio=None, verstreken=False, fase="", melder=None, status=None):
    melding, _ = melding_indienen(actor=melder, soort="geschil" if fase else "vraag", onderwerp="Onderwerp",
                                  omschrijving="x", melder_naam="A", melder_email="a@example.nl",
                                  uitkomst="rso" if regio else "landelijk", regio=regio)
    velden = {"fase": fase}
    if regio:
        velden["niveau"] = Niveau.REGIONAAL
    if verstreken:
        velden["oplossing_voor"] = timezone.now() - dt.timedelta(hours=1)
    if status:
        velden["status"] = status
    Melding.objects.filter(pk=melding.pk).update(**velden)
    return melding


@pytest.fixture
def toestand(wereld, maak):
    """A database with something waiting for every role, and things that must not be counted."""
    dag = vandaag()
    dva, rso = wereld["dva"], wereld["rso"]
    # admission: two new applications, one in intake, one with advice (for the board), one active (not counted)
    maak.deelnemer("Nieuw Een B.V.", status=DeelnemerStatus.AANGEMELD)
    maak.deelnemer("Nieuw Twee B.V.", status=DeelnemerStatus.AANGEMELD)
    maak.deelnemer("Intake B.V.", status=DeelnemerStatus.INTAKE)
    advies = maak.deelnemer("Advies B.V.", status=DeelnemerStatus.ADVIES)
    advies.advies = Advies.POSITIEF
    advies.save(update_fields=["advies"])
    # compliance: overdue (the world's participant, and another), due this week, later, closed
    anders = maak.deelnemer("Ander B.V.", rollen=[RolSoort.DVP])
    _zaak(dva, "NAL-365", dag - dt.timedelta(days=3))
    _zaak(anders, "NAL-365", dag - dt.timedelta(days=1), stap=ZaakStap.INGEBREKESTELLING)
    _zaak(anders, "NAL-ZAL", dag + dt.timedelta(days=2))
    _zaak(anders, "NAL-OCL", dag + dt.timedelta(days=30))
    _zaak(dva, "NAL-OUD", dag - dt.timedelta(days=9), stap=ZaakStap.GESLOTEN)
    # a suspension past its planned end, and one still running within it
    for deelnemer, tot in ((maak.deelnemer("Opgeschort B.V.", status=DeelnemerStatus.OPGESCHORT),
                            dag - dt.timedelta(days=2)),
                           (maak.deelnemer("Loopt B.V.", status=DeelnemerStatus.OPGESCHORT),
                            dag + dt.timedelta(days=2))):
        besluit = Besluit.objects.create(nummer=f"B-2026-{9000 + deelnemer.pk}", datum=dag, soort="opschorting",
                                         onderwerp="Opschorting", tekst="x", deelnemer=deelnemer)
        Opschorting.objects.create(deelnemer=deelnemer, niveau=2, besluit=besluit, ingegaan_op=dag - dt.timedelta(
            days=9), gepland_tot=tot)
    # change requests: two submitted by the world's participant, one by another, one already decided
    for deelnemer, status in ((dva, VerzoekStatus.INGEDIEND), (dva, VerzoekStatus.INGEDIEND),
                              (anders, VerzoekStatus.INGEDIEND), (dva, VerzoekStatus.AFGEWEZEN)):
        Wijzigingsverzoek.objects.create(deelnemer=deelnemer, soort="oauthclient_nieuw", status=status,
                                         gegevens={"hostname": "app.example.nl"})
    # meldingen: national new and past the norm, regional of the world's region (past the norm), another region's,
    # a dispute before the board, a solved one past its norm (not counted), the participant user's own
    _melding(verstreken=True)
    _melding(regio=rso.regio, verstreken=True)
    _melding(regio=maak.rso("RSO Elders").regio, verstreken=True)
    _melding(fase=Fase.BESTUUR)
    _melding(verstreken=True, status=Status.OPGELOST)
    _melding(melder=wereld["gebruikers"]["deelnemer"])
    # lists: a failed publication of the ZAL and a held-back OCL
    MislukteBouw.objects.create(lijst="zal", fout="schema", trigger="medewerker")
    Publicatievoorstel.objects.create(lijst="ocl", trigger="schema", vorige_aantal=10, onverklaard=["a", "b"])
    # qualifications of the world's participant: for another gegevensdienst one expiring within 60 days; for the
    # world's own an older result that expired, superseded by the world's valid one (not counted)
    maak.kwalificatie(dva, maak.gegevensdienst(code="49", naam="Beelden"), testdatum=dag - dt.timedelta(days=340))
    maak.kwalificatie(dva, wereld["dienst"], testdatum=dt.date(2025, 5, 1))
    return wereld


def test_uitvoering_ziet_aantallen_per_stap_en_wachtrij(toestand):
    """ROL-WERKOVERZICHT for staff: applications per step, change requests, deadlines, suspensions past their
    end, meldingen past their norm and new ones, failed and held-back publications."""
    tel = _tellingen(werkoverzicht(toestand["gebruikers"]["uitvoering"]))
    assert tel["Nieuwe aanvragen: intake starten"] == 2
    assert tel["In intake"] == 1
    assert tel["In kwalificatie: advies uitbrengen"] == 0
    assert tel["Advies uitgebracht: wacht op het besluit van het bestuur"] == 1
    assert tel["Wijzigingsverzoeken om te beoordelen"] == 3
    assert tel["Termijnen verstreken"] == 2
    assert tel["Termijnen die deze week aflopen"] == 1
    assert tel["Opschortingen voorbij hun geplande einde: opheffen of verlengen"] == 1
    assert tel["Meldingen voorbij hun servicenorm"] == 3  # staff see every region's
    assert tel["Nieuwe meldingen: triage"] == 5  # every open one is new here
    assert tel["Mislukte publicaties van de lijsten"] == 1
    assert tel["Tegengehouden publicaties: goedkeuring door een tweede medewerker"] == 1


def test_bestuur_ziet_wat_op_een_besluit_wacht(toestand):
    """ROL-WERKOVERZICHT for the board: applications with advice, dissolution after a passed notice, suspensions
    past their end, disputes before the board."""
    blokken = werkoverzicht(toestand["gebruikers"]["bestuur"])
    tel = _tellingen(blokken)
    assert tel["Aanvragen met advies: toelaten of afwijzen (besluit bestuur)"] == 1
    assert tel["Ingebrekestellingen met verstreken termijn: besluit over ontbinding"] == 1
    assert tel["Opschortingen voorbij hun geplande einde: opheffen of verlengen"] == 1
    assert tel["Klachten en geschillen voorgelegd aan het bestuur"] == 1
    advies = next(t for b in blokken for t in b.taken if t.titel.startswith("Aanvragen met advies"))
    assert advies.regels[0].tekst == "Advies B.V." and "advies positief" in advies.regels[0].detail
    assert "Nieuwe aanvragen: intake starten" not in tel  # staff's work, not the board's


def test_deelnemer_ziet_alleen_het_eigen_werk(toestand):
    """ROL-WERKOVERZICHT for a participant: its own deadlines, requests, expiring qualifications and meldingen."""
    tel = _tellingen(werkoverzicht(toestand["gebruikers"]["deelnemer"]))
    assert tel["Termijnen verstreken"] == 1  # the other participant's are not counted
    assert tel["Termijnen die deze week aflopen"] == 0
    assert tel["Uw open nalevingszaken"] == 1
    assert tel["Uw wijzigingsverzoeken in behandeling"] == 2
    assert tel["Kwalificaties die binnen 60 dagen verlopen of verlopen zijn"] == 1
    assert tel["Uw meldingen in behandeling"] == 1


def test_regio_ziet_de_wachtrij_van_de_eigen_regio(toestand):
    """ROL-WERKOVERZICHT for a regional desk: its own region's queue only (MEL-ZICHT)."""
    tel = _tellingen(werkoverzicht(toestand["gebruikers"]["regio"]))
    assert tel["Meldingen voorbij hun servicenorm"] == 1
    assert tel["Nieuwe meldingen: triage"] == 1


def test_auditor_ziet_recente_activiteit_en_de_keten(toestand):
    from stelselbeheer.kern.models import AuditEvent

    blokken = werkoverzicht(toestand["gebruikers"]["auditor"])
    activiteit, keten = blokken[0].taken
    laatste = AuditEvent.objects.order_by("-volgnummer").first()
    assert activiteit.aantal == keten.aantal == laatste.volgnummer
    assert activiteit.regels[0].tekst == f"#{laatste.volgnummer} {laatste.actie}"
    assert len(activiteit.regels) == 10


def test_publiek_heeft_geen_werkoverzicht(client, toestand):
    assert werkoverzicht(None) == []
    pagina = client.get("/").content.decode()
    assert "Werkoverzicht" not in pagina
    for link in ('href="/aanbiedersregister/"', 'href="/deelnemers/"', 'href="/besluiten/"', 'href="/lijsten/zal.xml"',
                 'href="/lijsten/gezondheid.json"', 'href="/api/docs"', 'href="/melden/"', 'href="/kennisbank/"'):
        assert link in pagina, link


@pytest.mark.parametrize("rol", ["bestuur", "uitvoering", "deelnemer", "regio", "auditor"])
def test_startpagina_na_inloggen_is_het_werkoverzicht_met_werkende_links(client, toestand, rol):
    """Every count links to a list the role may open, filtered where the list has that filter."""
    client.force_login(toestand["gebruikers"][rol])
    antwoord = client.get("/")
    assert antwoord.status_code == 200 and "Werkoverzicht" in antwoord.content.decode()
    for blok in antwoord.context["blokken"]:
        for taak in blok.taken:
            assert client.get(taak.url).status_code == 200, (rol, taak.titel, taak.url)
            for regel in taak.regels[:1]:
                assert client.get(regel.url).status_code == 200, (rol, regel.tekst, regel.url)


def test_links_naar_gefilterde_lijsten(client, toestand):
    client.force_login(toestand["gebruikers"]["uitvoering"])
    taken = {t.titel: t for b in client.get("/").context["blokken"] for t in b.taken}
    assert taken["In intake"].url == "/beheer/deelnemers/?status=intake"
    assert taken["Wijzigingsverzoeken om te beoordelen"].url == "/beheer/verzoeken/?status=ingediend"
    assert taken["Meldingen voorbij hun servicenorm"].url == "/beheer/meldingen/?verstreken=1"
    lijst = client.get(taken["In intake"].url).content.decode()
    assert "Intake B.V." in lijst and "Nieuw Een B.V." not in lijst


def test_weinig_queries_ook_met_veel_werk(client, toestand, maak):
    """The counts are aggregated: more waiting work does not mean more queries (a fixed number per block; every
    module that adds a block adds its own few, which is why this compares instead of capping at a number)."""
    client.force_login(toestand["gebruikers"]["uitvoering"])
    client.get("/")  # warm: the session, the menu's caches
    with CaptureQueriesContext(connection) as weinig:
        assert client.get("/").status_code == 200
    for i in range(15):
        maak.deelnemer(f"Wacht {i} B.V.", status=[DeelnemerStatus.AANGEMELD, DeelnemerStatus.INTAKE,
                                                   DeelnemerStatus.KWALIFICATIE][i % 3])
        _melding(verstreken=True)
    with CaptureQueriesContext(connection) as veel:
        assert client.get("/").status_code == 200
    assert len(veel) == len(weinig) <= 40, [q["sql"][:80] for q in veel.captured_queries]


def test_bestuur_ziet_de_voorgelegde_besluitvoorstellen(client, toestand):
    """OVL-SCHEIDING: what staff put before the board is on the board's first screen (before, only the menu led there;
    found by walking through the system as a board member)."""
    orgaan, _ = stappen.proefbestuur()
    begin = timezone.now() + dt.timedelta(days=7)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                          plaats="Utrecht")
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Jaarplan")
    voorstel = ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="Jaarplan 2027", agendapunt=punt,
                                             tekst="Het bestuur stelt het jaarplan vast.", soort="overig")
    client.force_login(toestand["gebruikers"]["bestuur"])
    assert "Jaarplan 2027" not in client.get("/").content.decode()
    ovl.besluitvoorstel_voorleggen(actor=None, voorstel=voorstel)
    html = client.get("/").content.decode()
    assert "Besluitvoorstellen die op uw besluit wachten" in html and f"{voorstel.nummer}: Jaarplan 2027" in html
