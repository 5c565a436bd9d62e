"""Demo data of the afsprakenset: release 2.3 in force (approved on the board's adopted release decision of the
overleg demo), with documents, standards, a changelog and a rollout halfway: every DVA but one live, that one past
its deadline and the finding (and case) the nightly check opened for it; the DVPs still within their deadline.
Release 2.4 in consultation and release 2.5 planned on the roadmap. Built through the services, at moments relative
to the reference date, and deterministic (the participants in their database order)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.afsprakenset.models import Uitrol, UitrolStatus
from stelselbeheer.besluiten.models import Besluit, BesluitSoort
from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.overleg.models import AMSTERDAM, VoorstelStatus
from stelselbeheer.register.models import Gegevensdienst

STANDAARDEN = [("HL7 FHIR", "R4 (4.0.1)", "HL7 International", "https://hl7.org/fhir/R4/"),
               ("OAuth 2.0 Authorization Framework", "RFC 6749", "IETF", "https://www.rfc-editor.org/rfc/rfc6749"),
               ("Transport Layer Security", "1.3 (RFC 8446)", "IETF", "https://www.rfc-editor.org/rfc/rfc8446"),
               ("Zorginformatiebouwstenen (zib)", "2020", "Nictiz", "https://zibs.nl/")]


def _om(dag: dt.date, uur: int = 10) -> dt.datetime:
    return dt.datetime.combine(dag, dt.time(uur), tzinfo=AMSTERDAM)


def _kwartaal(dag: dt.date) -> str:
    return f"{dag.year}-Q{(dag.month - 1) // 3 + 1}"


def _document(release, naam: str, tekst: str, medewerker) -> None:
    afs.document_toevoegen(actor=medewerker, release=release, naam=naam,
                           bestand=SimpleUploadedFile(f"{naam.lower().replace(' ', '-')}.txt", tekst.encode()))


def afsprakenset_demo(*, peildatum: dt.date) -> dict[str, int]:
    medewerker = Gebruiker.objects.get(username="medewerker")
    besluit = (Besluit.objects.filter(soort=BesluitSoort.RELEASE, voorstel__status=VoorstelStatus.VASTGESTELD)
               .order_by("datum", "nummer").first())
    if besluit is None:  # the overleg demo adopts the release decision; without it there is no release to approve
        return {}
    goedgekeurd = besluit.voorstel.beslist_op
    diensten = list(Gegevensdienst.objects.filter(in_gebruik=True).order_by("code")[:3])

    # 2.3: in force since a month; DVA deadline a week ago, DVP deadline in six weeks
    huidig = afs.release_aanmaken(
        actor=medewerker, nummer="2.3", titel="Afsprakenset 2.3: medicatie en labuitslagen",
        samenvatting="Nieuwe versies van de gegevensdiensten voor medicatie en laboratoriumuitslagen, TLS 1.3 "
                     "verplicht en aangescherpte eisen aan de toestemmingsregistratie.",
        gepland_kwartaal=_kwartaal(peildatum - dt.timedelta(days=30)), ingangsdatum=peildatum - dt.timedelta(days=30),
        overgangsdatum=peildatum + dt.timedelta(days=60), moment=goedgekeurd - dt.timedelta(days=70))
    _document(huidig, "Afsprakenset 2.3", "Afsprakenset 2.3 (demo): de afspraken voor deelnemers.", medewerker)
    _document(huidig, "Toelichting en consultatieverslag 2.3", "Reacties van deelnemers en verwerking.", medewerker)
    for naam, versie, eigenaar, url in STANDAARDEN[:3]:
        afs.standaard_toevoegen(actor=medewerker, release=huidig, naam=naam, versie=versie, eigenaar=eigenaar,
                                url=url)
    afs.wijziging_toevoegen(actor=medewerker, release=huidig, titel="Medicatieproces 9 op FHIR R4",
                            omschrijving="De gegevensdienst medicatie volgt de nieuwe informatiestandaard.",
                            impact_dvp="laag", impact_dva="hoog", gegevensdiensten=diensten[:1])
    afs.wijziging_toevoegen(actor=medewerker, release=huidig, titel="TLS 1.3 verplicht",
                            omschrijving="Verbindingen tussen DVP en DVA gebruiken ten minste TLS 1.3.",
                            impact_dvp="laag", impact_dva="laag")
    afs.release_overgang(actor=medewerker, release=huidig, overgang="consultatie_openen",
                         moment=goedgekeurd - dt.timedelta(days=60))
    afs.termijn_vastleggen(actor=medewerker, release=huidig, rol="dva", uiterlijk=peildatum - dt.timedelta(days=7))
    afs.termijn_vastleggen(actor=medewerker, release=huidig, rol="dvp", uiterlijk=peildatum + dt.timedelta(days=45))
    afs.release_overgang(actor=medewerker, release=huidig, overgang="goedkeuren", besluit=besluit,
                         moment=goedgekeurd + dt.timedelta(hours=2))
    afs.release_overgang(actor=medewerker, release=huidig, overgang="in_werking_stellen",
                         moment=_om(huidig.ingangsdatum, 6))

    # the rollout halfway: all DVAs but the last live; the DVPs spread over the four statuses
    def voortgang(uitrol, stappen: int, dag: dt.date) -> None:
        volgorde = [UitrolStatus.IN_TEST, UitrolStatus.GEKWALIFICEERD, UitrolStatus.LIVE][:stappen]
        for i, status in enumerate(volgorde):
            moment = _om(dag + dt.timedelta(days=7 * i))
            test = {"testdatum": moment.date(), "testresultaat": "geslaagd"} if status == "gekwalificeerd" else {}
            afs.uitrol_bijwerken(actor=medewerker, uitrol=uitrol, status=status, moment=moment, **test)

    dva = list(Uitrol.objects.filter(release=huidig, rol="dva").order_by("deelnemer_id"))
    for n, uitrol in enumerate(dva):
        voortgang(uitrol, 1 if n == len(dva) - 1 else 3, peildatum - dt.timedelta(days=28 - n % 5))
    for n, uitrol in enumerate(Uitrol.objects.filter(release=huidig, rol="dvp").order_by("deelnemer_id")):
        voortgang(uitrol, n % 4, peildatum - dt.timedelta(days=25))

    # 2.4: in consultation; 2.5: planned on the roadmap
    volgende = afs.release_aanmaken(
        actor=medewerker, nummer="2.4", titel="Afsprakenset 2.4: beeldbeschikbaarheid",
        samenvatting="Een nieuwe gegevensdienst voor beeldverslagen en aanpassingen aan de aanbiederslijst.",
        gepland_kwartaal=_kwartaal(peildatum + dt.timedelta(days=120)),
        ingangsdatum=peildatum + dt.timedelta(days=120), overgangsdatum=peildatum + dt.timedelta(days=210),
        moment=_om(peildatum - dt.timedelta(days=20)))
    _document(volgende, "Consultatieversie afsprakenset 2.4", "Consultatieversie (demo).", medewerker)
    for naam, versie, eigenaar, url in STANDAARDEN:
        afs.standaard_toevoegen(actor=medewerker, release=volgende, naam=naam, versie=versie, eigenaar=eigenaar,
                                url=url)
    afs.wijziging_toevoegen(actor=medewerker, release=volgende, titel="Beeldverslagen als gegevensdienst",
                            omschrijving="Een DVA biedt beeldverslagen aan; een DVP toont ze.",
                            impact_dvp="hoog", impact_dva="hoog", gegevensdiensten=diensten[1:3])
    afs.release_overgang(actor=medewerker, release=volgende, overgang="consultatie_openen",
                         moment=_om(peildatum - dt.timedelta(days=14)))
    afs.release_aanmaken(actor=medewerker, nummer="2.5", titel="Afsprakenset 2.5: vereenvoudigde toestemming",
                         samenvatting="Gepland: vereenvoudiging van de toestemmingsregistratie.",
                         gepland_kwartaal=_kwartaal(peildatum + dt.timedelta(days=300)),
                         moment=_om(peildatum - dt.timedelta(days=5)))

    # the nightly check on the reference date: reminders, the DVA past its deadline gets its finding and case
    kwalificaties_controleren(moment=_om(peildatum, 2))
    return {"releases": 3, "uitrollen": Uitrol.objects.filter(release=huidig).count()}
