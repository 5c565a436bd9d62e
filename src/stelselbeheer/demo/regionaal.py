"""Demo data of the regional layer (seed 004): three RSO's with their catalogue after the annexes of the model
agreement and tariffs for last year and this year; agreements with VSV's in force (one of them in its notice
period, one still to be signed), their contact persons, payments and a member's own agreement whose processing
agreement runs out; a region without an RSO, whose regional melding goes to the national desk; and the regional
meetings of the demo regional account's RSO, with a tactical user group meeting planned next month; a VSV halfway
through its step plan and a new provider's onboarding. Built through
the services at moments relative to the reference date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stelselbeheer.meldingen.services import melding_indienen
from stelselbeheer.organisaties.models import Organisatie, OrganisatieRelatie, Regio, RelatieSoort, Soort
from stelselbeheer.organisaties.services import organisatie_aanmaken, relatie_leggen
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM
from stelselbeheer.regionaal import services as reg

#: (thema, omvat, waar belegd, dienstverlening, tarief vorig jaar): seed 004, bijlage 2, 3 and 4
CATALOGUS = [
    ("Nieuwe zorgaanbieder aansluiten", "Aansluiting, training en onboarding van een nieuwe zorgaanbieder in een "
     "bestaande samenwerking, op incidentele basis.", "regionaal", "primair", None),
    ("Communicatie", "Regionale updates over beheer en ontwikkelingen, in overleg met de aangesloten VSV's.",
     "regionaal", "primair", None),
    ("Leveranciersmanagement ZNO geboortezorg", "Coördinatie en communicatie met de leverancier: change-, release- "
     "en testmanagement, monitoring van prestaties (door de RSO's gezamenlijk).", "regionaal", "primair", None),
    ("Contractmanagement ZNO geboortezorg", "Beheer van en onderhandelingen over het contract met de leverancier, "
     "inclusief verwerkersovereenkomst.", "regionaal", "primair", None),
    ("Kennisborging", "Regionale input aanleveren aan de landelijke kennisbank; lokale beslisboom verwijst naar "
     "landelijke content.", "landelijk", "primair", None),
    ("Informatiebeveiligingsmanagement", "DPIA's, toegang tot de logging, risicoanalyse en externe audits, als "
     "onderdeel van het contractmanagement.", "regionaal", "primair", None),
    ("Overlegstructuren en governance", "Organiseren van regionaal overleg en besluitvorming met eindgebruikers, in "
     "afstemming met het VSV.", "regionaal", "optioneel", "3200.00"),
    ("Helpdesk zorgverleners", "Eerste- en tweedelijns ondersteuning bij regionale incidenten, telefonisch en/of "
     "online.", "regionaal", "optioneel", "5400.00"),
    ("Doorontwikkeling en monitoring", "Regionale coördinatie van verbeteringen en kwantitatieve monitoring naar "
     "behoefte van het VSV.", "regionaal", "optioneel", "2600.00"),
    ("Telefonische helpdesk deelnemers", "Eerstelijns ondersteuning rechtstreeks aan de deelnemers van het VSV, met "
     "een eigen overeenkomst en verwerkersovereenkomst.", "regionaal", "rechtstreeks", "450.00"),
]
#: the yearly increase per RSO (art. 5.2: tariffs adjusted yearly)
INDEXATIE = [Decimal("1.03"), Decimal("1.025"), Decimal("1.04")]
RSO_REGIOS = ["Noord-Holland Noord", "Rotterdam-Rijnmond", "Twente"]


def _vsv(regio: Regio, fake, kvk) -> Organisatie:
    vsv = Organisatie.objects.filter(soort=Soort.VSV, regio=regio).order_by("id").first()
    return vsv or organisatie_aanmaken(actor=None, naam=f"VSV {regio.naam}", soort=Soort.VSV, kvk_nummer=kvk(),
                                       sector="geboortezorg", plaats=fake.city(), regio=regio)


def _lid(vsv: Organisatie, fake, kvk) -> Organisatie:
    relatie = OrganisatieRelatie.objects.filter(naar=vsv, soort=RelatieSoort.LID_VAN).order_by("id").first()
    if relatie:
        return relatie.van
    lid = organisatie_aanmaken(actor=None, naam=f"Verloskundigenpraktijk {fake.last_name()}",
                               soort=Soort.ZORGAANBIEDER, kvk_nummer=kvk(), sector="geboortezorg",
                               plaats=vsv.plaats, regio=vsv.regio)
    relatie_leggen(actor=None, van=lid, naar=vsv, soort=RelatieSoort.LID_VAN)
    return lid


def _contact(ovk, fake):
    naam = fake.name()
    reg.contactpersoon_toevoegen(actor=None, overeenkomst=ovk, partij="vsv", organisatie=ovk.vsv.naam, naam=naam,
                                 functie="Aanspreekpunt digitale gegevensuitwisseling", telefoon=fake.phone_number(),
                                 email=f"aanspreekpunt@{ovk.vsv.naam.lower().replace(' ', '-')}.nl"[:60])
    reg.contactpersoon_toevoegen(actor=None, overeenkomst=ovk, partij="rso", organisatie=ovk.rso.naam,
                                 naam=fake.name(), functie="Regionaal beheerder", telefoon=fake.phone_number(),
                                 email="beheer@rso.example.nl")


def _tekenen(ovk, dag: dt.date, fake, peildatum):
    for partij, functie in (("rso", "Bestuurder"), ("vsv", "Voorzitter")):
        reg.overeenkomst_ondertekenen(actor=None, overeenkomst=ovk, partij=partij, naam=fake.name(), functie=functie,
                                      plaats=ovk.vsv.plaats or "Utrecht", datum=dag, vandaag=peildatum)


def regionaal_demo(*, peildatum: dt.date, fake, kvk) -> dict[str, int]:
    jaar = peildatum.year
    rsos = [Organisatie.objects.get(soort=Soort.RSO, regio__naam=naam) for naam in RSO_REGIOS]
    tel = {"rso_diensten": 0, "tarieven": 0, "overeenkomsten_rso_vsv": 0, "regionale_overleggen": 0}
    overeenkomsten = []
    for i, rso in enumerate(rsos):
        diensten = {}
        for thema, omvat, plaatsing, levering, tarief in CATALOGUS:
            dienst = reg.dienst_vastleggen(actor=None, rso=rso, thema=thema, omvat=omvat, plaatsing=plaatsing,
                                           levering=levering)
            diensten[thema] = dienst
            tel["rso_diensten"] += 1
            if tarief:
                vorig = Decimal(tarief) * (1 + Decimal(i) / 20)
                for j, bedrag in ((jaar - 1, vorig), (jaar, vorig * INDEXATIE[i])):
                    reg.tarief_vaststellen(actor=None, dienst=dienst, jaar=j, bedrag=bedrag.quantize(Decimal("1")),
                                           vandaag=peildatum)
                    tel["tarieven"] += 1
        vsv = _vsv(rso.regio, fake, kvk)
        gekozen = [diensten["Helpdesk zorgverleners"]] + ([diensten["Overlegstructuren en governance"]] if i != 1
                                                           else [])
        ovk = reg.overeenkomst_opstellen(actor=None, rso=rso, vsv=vsv, opzegtermijn_maanden=6 if i == 1 else 3,
                                         optionele_diensten=gekozen)
        _contact(ovk, fake)
        _tekenen(ovk, peildatum - dt.timedelta(days=320 + 20 * i), fake, peildatum)
        ovk.refresh_from_db()
        for k in range(4):  # quarterly payments for the chosen services
            for dienst in gekozen:
                tarief = dienst.tarieven.get(jaar=jaar - 1).bedrag
                reg.betaling_vastleggen(actor=None, overeenkomst=ovk, dienst=dienst,
                                        ontvangen_op=peildatum - dt.timedelta(days=30 + 91 * k),
                                        bedrag=(tarief / 4).quantize(Decimal("0.01")), omschrijving=f"Kwartaal {k + 1}")
        overeenkomsten.append(ovk)
        if i == 0:  # a member's own agreement for the direct helpdesk; its processing agreement runs out soon
            reg.deelnemersovereenkomst_vastleggen(
                actor=None, overeenkomst=ovk, deelnemer=_lid(vsv, fake, kvk),
                dienst=diensten["Telefonische helpdesk deelnemers"], ingangsdatum=ovk.ingangsdatum,
                verwerker="RijnmondNet Helpdesk B.V.", verwerkersovereenkomst_tot=peildatum + dt.timedelta(days=45))
    # Twente's VSV gave notice six weeks ago: the agreement is in its notice period
    reg.overeenkomst_opzeggen(actor=None, overeenkomst=overeenkomsten[2], door="vsv",
                              ontvangen_op=peildatum - dt.timedelta(days=42))
    # a second VSV in the demo account's region: the agreement is drafted, not yet signed
    tweede = Organisatie.objects.filter(soort=Soort.VSV, regio=rsos[0].regio).exclude(
        pk=overeenkomsten[0].vsv_id).order_by("id").first() or organisatie_aanmaken(
        actor=None, naam=f"VSV {fake.city()}", soort=Soort.VSV, kvk_nummer=kvk(), sector="geboortezorg",
        regio=rsos[0].regio)
    reg.overeenkomst_opstellen(actor=None, rso=rsos[0], vsv=tweede, opzegtermijn_maanden=3)
    tel["overeenkomsten_rso_vsv"] = len(overeenkomsten) + 1
    # the VSV of the demo account's agreement is halfway through its step plan (bijlage 5): three of six steps done
    eerste = overeenkomsten[0]
    plan = reg.checklist_starten(actor=None, soort="stappenplan_vsv", rso=rsos[0], vsv=eerste.vsv,
                                 gestart_op=eerste.ingangsdatum - dt.timedelta(days=60), eigenaar=fake.name())
    for stap in plan.stappen.all()[:3]:
        reg.checkstap_bijwerken(actor=None, stap=stap, eigenaar=stap.eigenaar, streefdatum=stap.streefdatum,
                                gereed_op=min(stap.streefdatum, peildatum), vandaag=peildatum)
    # a new provider joining the existing cooperation
    reg.checklist_starten(actor=None, soort="aansluiting", rso=rsos[0], vsv=eerste.vsv,
                          zorgaanbieder=_lid(eerste.vsv, fake, kvk), gestart_op=peildatum - dt.timedelta(days=20),
                          eigenaar="Regionaal beheerder")
    # contact points, the viewer contract and the security documents of the demo account's RSO
    for soort, naam in (("helpdesk", "Regionale helpdesk"), ("contract", "Contractbeheerder"),
                        ("beveiliging", "Security officer")):
        reg.contactpunt_vastleggen(actor=None, rso=rsos[0], organisatie=rsos[0], soort=soort, naam=naam,
                                   telefoon=fake.phone_number(), email=f"{soort}@rso-nhn.example.nl")
    reg.contactpunt_vastleggen(actor=None, rso=rsos[0], organisatie=eerste.vsv, soort="helpdesk",
                               naam="Aanspreekpunt digitale gegevensuitwisseling", email="helpdesk@vsv.example.nl")
    leverancier = Organisatie.objects.filter(soort=Soort.LEVERANCIER).order_by("id").first()
    reg.leverancierscontract_vastleggen(actor=None, rso=rsos[0], leverancier=leverancier, onderwerp="Viewer en ZNO "
                                        "geboortezorg", ingangsdatum=dt.date(jaar - 2, 1, 1),
                                        einddatum=dt.date(jaar + 1, 12, 31), opzegtermijn_maanden=6)
    for soort, titel, vastgesteld, review in (
            ("dpia", "DPIA regionale viewer", peildatum - dt.timedelta(days=340), peildatum + dt.timedelta(days=25)),
            ("audit", "Externe audit ZNO (ISO 27001)", peildatum - dt.timedelta(days=200),
             peildatum + dt.timedelta(days=165)),
            ("logging", "Afspraken toegang tot de logging", peildatum - dt.timedelta(days=100),
             peildatum + dt.timedelta(days=265))):
        reg.beveiligingsdocument_vastleggen(actor=None, rso=rsos[0], soort=soort, titel=titel,
                                            vastgesteld_op=vastgesteld, review_voor=review)
    # a region without an RSO: its regional melding goes to the national desk, with that reason
    zeeland = Regio.objects.create(code="zeeland", naam="Zeeland")
    organisatie_aanmaken(actor=None, naam="VSV Zeeuwse Eilanden", soort=Soort.VSV, kvk_nummer=kvk(),
                         sector="geboortezorg", plaats="Goes", regio=zeeland)
    melding_indienen(actor=None, soort="vraag", onderwerp="Regionale viewer toont geen echo's",
                     omschrijving="Sinds de overstap zien wij in de viewer geen echobeelden van het ziekenhuis.",
                     melder_naam=fake.name(), melder_email="verloskunde@zeeuwse-eilanden.example.nl", uitkomst="rso",
                     regio=zeeland)
    # the meetings of the demo account's RSO: a tactical user group (one held this year, the next one planned next
    # month: below its four a year), a steering group and the VSV's operational meeting
    rso = rsos[0]
    korte = rso.regio.code
    groep = reg.regionaal_overleg_instellen(actor=None, rso=rso, niveau="tactisch", code=f"gebruikersgroep-{korte}",
                                            naam=f"Regionale gebruikersgroep {rso.regio.naam}")
    stuur = reg.regionaal_overleg_instellen(actor=None, rso=rso, niveau="strategisch", code=f"stuurgroep-{korte}",
                                            naam=f"Regionale stuurgroep {rso.regio.naam}")
    vsv_overleg = reg.regionaal_overleg_instellen(actor=None, rso=rso, niveau="operationeel", vsv=overeenkomsten[0].vsv,
                                                  code=f"vsv-overleg-{korte}",
                                                  naam=f"Operationeel overleg {overeenkomsten[0].vsv.naam}")
    tel["regionale_overleggen"] = 3
    for ro, dagen in ((groep, [-60, 30]), (stuur, [60]), (vsv_overleg, [-120, -30, 45])):
        for d in dagen:
            begin = dt.datetime.combine(peildatum + dt.timedelta(days=d), dt.time(15), tzinfo=AMSTERDAM)
            vergadering = reg.regionale_vergadering_plannen(actor=None, regionaal_overleg=ro, begin=begin,
                                                            einde=begin + dt.timedelta(hours=2),
                                                            plaats=rso.plaats or "Alkmaar")
            if d < 0:
                ovl.vergadering_houden(actor=None, vergadering=vergadering, moment=begin + dt.timedelta(hours=3))
    return tel
