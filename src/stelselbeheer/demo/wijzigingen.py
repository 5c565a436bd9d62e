"""Demo data of the change requests on the agreements (RFCs): two RFCs in consultation with reactions (on the release
in consultation, when the afsprakenset demo made one), one before the board next month, one adopted by the board in
a past meeting, one forwarded to a vendor's user group, one filed through the front door and one from the regional
user group. Built through the services at moments relative to the reference date; the demo participant account
is affected by the first consultation and has not reacted yet, so the portal shows it something to do."""

from __future__ import annotations

import datetime as dt

from stelselbeheer.afsprakenset.models import Release, ReleaseStatus
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM, Orgaan, Vergadering, VergaderStatus
from stelselbeheer.register.models import Gegevensdienst
from stelselbeheer.wijzigingen import agendas as standaard
from stelselbeheer.wijzigingen import services as wijz
from stelselbeheer.wijzigingen.models import Getroffene, Ontwikkelagenda

STANDPUNTEN = [("steun", "Wij steunen dit; het sluit aan op onze roadmap."),
               ("bezwaar", "De implementatietermijn is te kort voor onze klanten; wij vragen twaalf maanden."),
               ("opmerking", "Graag afstemmen met de informatiestandaard van Nictiz voordat dit vastligt.")]


def _om(dag: dt.date, uur: int = 10) -> dt.datetime:
    return dt.datetime.combine(dag, dt.time(uur), tzinfo=AMSTERDAM)


def wijzigingen_demo(*, peildatum: dt.date, fake) -> dict[str, int]:
    standaard.zorgen()
    medewerker = Gebruiker.objects.get(username="medewerker")
    bestuurder = Gebruiker.objects.get(username="bestuur")
    deelnemer_account = Gebruiker.objects.get(username="deelnemer")
    regio_account = Gebruiker.objects.get(username="regio")
    agenda = {a.code: a for a in Ontwikkelagenda.objects.all()}
    stuurgroep = Orgaan.objects.filter(code="stuurgroep").first()
    if stuurgroep is not None:
        wijz.agenda_wijzigen(actor=medewerker, agenda=agenda["viewer"], wijzigingen={"adviesorgaan": stuurgroep},
                             reden="De stuurgroep keurt wensen voor de viewer goed (seed 004, bijlage 2).")
    diensten = list(Gegevensdienst.objects.filter(in_gebruik=True).order_by("code")[:3])
    bestuur = Orgaan.objects.get(code="bestuur")
    nu = _om(peildatum, 9)
    aantal = {"rfcs": 0, "rfc_reacties": 0}

    def indienen(code, titel, probleem, voorstel, dagen, actor=None, naam=None, **kw):
        aantal["rfcs"] += 1
        return wijz.rfc_indienen(actor=actor, agenda=agenda[code], titel=titel, probleem=probleem, voorstel=voorstel,
                                 indiener_naam=naam or fake.name(), indiener_email=fake.email(),
                                 moment=nu - dt.timedelta(days=dagen), **kw)

    def stappen(rfc, namen, dagen, **kw):
        for i, naam in enumerate(namen):
            rfc = wijz.stap_zetten(actor=medewerker, voorstel=rfc, stap=naam,
                                   moment=nu - dt.timedelta(days=dagen) + dt.timedelta(hours=i), **kw)
        return rfc

    def reacties(rfc, hoeveel, dagen):
        getroffen = list(dict.fromkeys(
            Getroffene.objects.filter(analyse=rfc.consultatie_analyse)
            .exclude(deelnemer_id=deelnemer_account.deelnemer_id).order_by("deelnemer__organisatie__naam", "rol")
            .values_list("deelnemer", flat=True)))[:hoeveel]
        for i, deelnemer in enumerate(Deelnemer.objects.filter(pk__in=getroffen).order_by("organisatie__naam")):
            standpunt, tekst = STANDPUNTEN[i % len(STANDPUNTEN)]
            wijz.reageren(actor=None, voorstel=rfc, deelnemer=deelnemer, standpunt=standpunt, toelichting=tekst,
                          moment=nu - dt.timedelta(days=dagen) + dt.timedelta(hours=i))
            aantal["rfc_reacties"] += 1

    # two consultations open now, on the release in consultation
    release = Release.objects.filter(status=ReleaseStatus.CONSULTATIE).order_by("nummer").first()
    a = indienen("algemeen", "Medicatieoverzicht: ook de toedieningsafspraak uitwisselen",
                 "Deelnemers wisselen alleen medicatieafspraken uit; voor thuiszorg ontbreekt de toedieningsafspraak.",
                 "Neem de toedieningsafspraak op in de gegevensdienst en in de kwalificatietests.", 20,
                 actor=deelnemer_account, naam="Dirk Deelnemer", gegevensdiensten=diensten[:1])
    a = stappen(a, ["in_behandeling_nemen", "consultatie_openen"], 6)
    reacties(a, 3, 4)
    b = indienen("viewer", "Viewer: echo-beelden inline tonen",
                 "Verloskundigen moeten echobeelden nu apart downloaden; dat kost tijd tijdens het spreekuur.",
                 "Toon beelden inline in de viewer, met een maximale grootte per beeld.", 25, actor=regio_account,
                 naam="Rana Regio", gegevensdiensten=diensten[1:2], raakt_dvp=False)
    b = stappen(b, ["in_behandeling_nemen", "consultatie_openen"], 3)
    reacties(b, 2, 1)
    if release is not None:
        for rfc in (a, b):
            wijz.release_toewijzen(actor=medewerker, voorstel=rfc, release=release)

    # before the board next month: consultation long closed, advice in, a proposal on the agenda
    c = indienen("algemeen", "Bewaartermijn van de logging eenduidig op vijf jaar",
                 "De afspraken noemen de bewaartermijn van de logging niet eenduidig: deelnemers kiezen 1 tot 7 jaar.",
                 "Leg een bewaartermijn van vijf jaar vast in hoofdstuk 6 (beveiliging).", 90)
    c = stappen(c, ["in_behandeling_nemen", "consultatie_openen"], 80)
    reacties(c, 2, 70)
    volgende = (Vergadering.objects.filter(orgaan=bestuur, status=VergaderStatus.GEPLAND, begin__gt=nu)
                .order_by("begin").first())
    if volgende is not None:
        punt = ovl.agendapunt_toevoegen(actor=medewerker, vergadering=volgende, titel=f"{c.nummer}: {c.titel}",
                                        onderwerp=c, toelichting="Na consultatie van de getroffen deelnemers.")
        voorstel = ovl.besluitvoorstel_opstellen(
            actor=medewerker, orgaan=bestuur, onderwerp=f"{c.nummer}: {c.titel}", soort="overig", agendapunt=punt,
            tekst="Het bestuur neemt het wijzigingsverzoek aan; de bewaartermijn komt in de volgende release.",
            moment=nu - dt.timedelta(days=2))
        # the proposal is prepared on the agenda; staff put it forward to the board closer to the meeting
        wijz.stap_zetten(actor=medewerker, voorstel=c, stap="voorleggen", besluitvoorstel=voorstel,
                         moment=nu - dt.timedelta(days=2))

    # adopted by the board in an extra meeting two weeks ago (the agenda of a held meeting is closed)
    extra = _om(peildatum - dt.timedelta(days=14), 16)
    gehouden = ovl.vergadering_plannen(actor=None, orgaan=bestuur, begin=extra, einde=extra + dt.timedelta(hours=1),
                                       online_link="https://vergaderen.medmij.example/bestuur")
    d = indienen("algemeen", "Foutcodes van de ZAL uniformeren",
                 "Elke DVA gebruikt eigen foutcodes bij het ophalen van de ZAL; DVP's kunnen ze niet tonen.",
                 "Schrijf een vaste lijst foutcodes voor in de interfacespecificatie.", 75)
    d = stappen(d, ["in_behandeling_nemen", "consultatie_openen"], 70)
    reacties(d, 1, 65)
    punt = ovl.agendapunt_toevoegen(actor=medewerker, vergadering=gehouden, titel=f"{d.nummer}: {d.titel}",
                                    onderwerp=d)
    voorstel = ovl.besluitvoorstel_opstellen(
        actor=medewerker, orgaan=bestuur, onderwerp=f"{d.nummer}: {d.titel}", soort="overig", agendapunt=punt,
        tekst="Het bestuur neemt het wijzigingsverzoek over de foutcodes aan.", moment=extra - dt.timedelta(days=7))
    ovl.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel, moment=extra - dt.timedelta(days=7))
    d = wijz.stap_zetten(actor=medewerker, voorstel=d, stap="voorleggen", besluitvoorstel=voorstel,
                         moment=extra - dt.timedelta(days=6))
    ovl.besluitvoorstel_vaststellen(actor=bestuurder, voorstel=voorstel, moment=extra + dt.timedelta(minutes=40))
    ovl.vergadering_houden(actor=None, vergadering=gehouden, moment=gehouden.einde)
    d = wijz.stap_zetten(actor=medewerker, voorstel=d, stap="besluit_verwerken", moment=extra + dt.timedelta(days=1))
    concept = Release.objects.filter(status=ReleaseStatus.CONCEPT).order_by("nummer").first()
    if concept is not None:
        wijz.release_toewijzen(actor=medewerker, voorstel=d, release=concept)

    # the other routes and steps
    e = indienen("bronsysteem", "HIS: ZAL-ophaalstatus zichtbaar in het dossier",
                 "De huisarts ziet niet of de ZAL is opgehaald.", "Toon de ophaalstatus in het HIS.", 30)
    stappen(e, ["in_behandeling_nemen", "doorzetten"], 28)
    indienen("algemeen", "Toestemmingsregistratie per gegevensdienst",
                 "Burgers kunnen geen toestemming per gegevensdienst geven.",
                 "Maak toestemming per gegevensdienst mogelijk in de afspraken.", 2)
    g = indienen("algemeen", "Regionale viewer-afspraken landelijk gelijk trekken",
                 "Elke regio heeft eigen afspraken over de viewer; wie in twee regio's werkt, loopt vast.",
                 "Neem de regionale afspraken op in de landelijke afsprakenset.", 12, actor=regio_account,
                 naam="Rana Regio")
    stappen(g, ["in_behandeling_nemen"], 10)
    h = indienen("algemeen", "Dubbel: foutcodes van de ZAL", "Zie eerdere RFC.", "Idem.", 15)
    stappen(h, ["niet_in_behandeling"], 14, toelichting="Dubbel met een eerder aangenomen wijzigingsverzoek.")
    return aantal
