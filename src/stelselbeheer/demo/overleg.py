"""Demo data of the board: members (the demo ``bestuur`` account is the chair), three past meetings with agendas and
adopted decisions (the minutes of the first two adopted, of the last one in draft), a meeting next month with its
agenda, an advice note and a proposal awaiting adoption; and a non-public steering group. Built through the
services, at moments relative to the reference date, so the rules hold for the demo as for real use."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.naleving.models import Nalevingszaak, ZaakStap
from stelselbeheer.organisaties.models import Organisatie, Soort
from stelselbeheer.overleg import services as ovl
from stelselbeheer.overleg.models import AMSTERDAM, Orgaan

PLAATS = "Utrecht, kantoor Stichting MedMij"


def _om(dag: dt.date, uur: int = 14) -> dt.datetime:
    return dt.datetime.combine(dag, dt.time(uur), tzinfo=AMSTERDAM)


#: the board's chair has held the seat this long before the reference date: every decision of the demo history
#: (admissions up to five years back) is adopted by a sitting member
ZITTING = dt.timedelta(days=2000)


def bestuur_inrichten(*, peildatum: dt.date, fake) -> tuple[Orgaan, Gebruiker, Gebruiker | None]:
    """The board and its members, before any decision: the demo ``bestuur`` account is the chair (without demo
    accounts a chair without a password, so the history's decisions are adopted all the same), the demo staff
    account its adviser. Returns the board, its chair and the staff member who prepares (None: the system)."""
    bestuurder = Gebruiker.objects.filter(username="bestuur").first()
    if bestuurder is None:  # no demo accounts: a chair who cannot log in (accounts are made by the administrator)
        bestuurder = Gebruiker.objects.create(username="voorzitter", rol=Rol.BESTUUR, first_name=fake.name())
        bestuurder.set_unusable_password()
        bestuurder.save(update_fields=["password"])
    medewerker = Gebruiker.objects.filter(username="medewerker").first()
    stichting = Organisatie.objects.filter(soort=Soort.BEHEERORGANISATIE).first()
    bestuur = ovl.orgaan_aanmaken(
        actor=None, code="bestuur", naam="Bestuur Stichting MedMij", soort="bestuur", openbaar=True,
        omschrijving="Eindverantwoordelijk voor het stelsel: besluit over toe- en uittreding, releases van de "
                     "afsprakenset (wijzigingsautoriteit) en geschillen. De uitvoeringsorganisatie bereidt voor.")
    sinds = peildatum - ZITTING
    ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="voorzitter", gebruiker=bestuurder, van=sinds,
                      organisatie=stichting)
    ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="secretaris", naam=fake.name(), van=sinds, organisatie=stichting)
    ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="lid", naam=fake.name(), van=sinds, organisatie=stichting)
    ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="lid", naam=fake.name(), van=sinds - dt.timedelta(days=1400),
                      tot=sinds - dt.timedelta(days=1), organisatie=stichting)
    if medewerker is not None:
        ovl.lid_toevoegen(actor=None, orgaan=bestuur, rol="adviseur", gebruiker=medewerker, van=sinds)
    return bestuur, bestuurder, medewerker


def vergaderdag(dag: dt.date) -> dt.date:
    """The board meets on the first Thursday of the month: the meeting on or before ``dag``."""
    eerste = dag.replace(day=1)
    donderdag = eerste + dt.timedelta(days=(3 - eerste.weekday()) % 7)
    if donderdag <= dag:
        return donderdag
    return vergaderdag(eerste - dt.timedelta(days=1))


class Besluitvorming:
    """The history's decisions as they arise (OVL-STAP): staff prepare a proposal that names the step it enables,
    put it on the agenda of the board's monthly meeting, and the chair adopts it there. ``afronden`` marks the
    meetings held."""

    def __init__(self, bestuur: Orgaan, bestuurder: Gebruiker, medewerker: Gebruiker | None):
        self.bestuur, self.bestuurder, self.medewerker = bestuur, bestuurder, medewerker
        self.vergaderingen: dict[dt.date, object] = {}

    def besluit(self, *, deelnemer, soort: str, stap: str, uiterlijk: dt.date, onderwerp: str, tekst: str,
                openbaar: bool = True, zaak=None):
        dag = vergaderdag(uiterlijk)
        v = self.vergaderingen.get(dag)
        if v is None:
            v = self.vergaderingen[dag] = ovl.vergadering_plannen(
                actor=None, orgaan=self.bestuur, begin=_om(dag), einde=_om(dag, 16), plaats=PLAATS)
        punt = ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel=onderwerp[:200], onderwerp=deelnemer)
        voorstel = ovl.besluitvoorstel_opstellen(
            actor=self.medewerker, orgaan=self.bestuur, onderwerp=onderwerp[:200], tekst=tekst, soort=soort,
            openbaar=openbaar, deelnemer=deelnemer, partijen=[deelnemer.organisatie], agendapunt=punt, stap=stap,
            zaak=zaak, moment=_om(dag - dt.timedelta(days=10)))
        ovl.besluitvoorstel_voorleggen(actor=self.medewerker, voorstel=voorstel,
                                       moment=_om(dag - dt.timedelta(days=9)))
        return ovl.besluitvoorstel_vaststellen(actor=self.bestuurder, voorstel=voorstel,
                                               moment=_om(dag, 15)).besluit

    def afronden(self) -> int:
        for v in self.vergaderingen.values():
            ovl.vergadering_houden(actor=None, vergadering=v, moment=v.einde)
        return len(self.vergaderingen)


def overleg_demo(*, peildatum: dt.date, fake) -> dict[str, int]:
    bestuurder = Gebruiker.objects.get(username="bestuur")
    medewerker = Gebruiker.objects.get(username="medewerker")
    bestuur = Orgaan.objects.get(code="bestuur")  # made by bestuur_inrichten, before the history's decisions
    sinds = peildatum - ZITTING

    def vergadering(dag, punten):
        v = ovl.vergadering_plannen(actor=None, orgaan=bestuur, begin=_om(dag), einde=_om(dag, 16), plaats=PLAATS,
                                    online_link="https://vergaderen.medmij.example/bestuur")
        uit = [ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel=titel, toelichting=toelichting,
                                        onderwerp=onderwerp) for titel, toelichting, onderwerp in punten]
        return v, uit

    def besluiten(punt, onderwerp, tekst, soort, moment, **kw):
        voorstel = ovl.besluitvoorstel_opstellen(actor=medewerker, orgaan=bestuur, onderwerp=onderwerp, tekst=tekst,
                                                 soort=soort, agendapunt=punt, moment=moment - dt.timedelta(days=10),
                                                 **kw)
        ovl.besluitvoorstel_voorleggen(actor=medewerker, voorstel=voorstel, moment=moment - dt.timedelta(days=9))
        return voorstel

    jaar = peildatum.year + 1
    data = [peildatum - dt.timedelta(days=n) for n in (84, 56, 28)]
    v1, p1 = vergadering(data[0], [("Opening en mededelingen", "", None),
                                   (f"Jaarplan uitvoeringsorganisatie {jaar}", "Met begroting en servicenormen.",
                                    None)])
    v2, p2 = vergadering(data[1], [("Vaststellen notulen vorige vergadering", "", None),
                                   ("Release 2.3 van de afsprakenset", "Wijzigingsautoriteit: goedkeuring na de "
                                    "consultatie van de deelnemers.", None)])
    v3, p3 = vergadering(data[2], [("Vaststellen notulen vorige vergadering", "", None),
                                   ("Kwartaalrapportage naleving", "Stand van de nalevingszaken en opschortingen.",
                                    None)])
    jaarplan = besluiten(p1[1], f"Jaarplan {jaar} van de uitvoeringsorganisatie",
                         f"Het bestuur stelt het jaarplan {jaar} van de uitvoeringsorganisatie vast, met de begroting "
                         "en de servicenormen zoals voorgesteld.", "overig", _om(data[0], 15))
    release = besluiten(p2[1], "Goedkeuring release 2.3 van de afsprakenset",
                        "Het bestuur keurt release 2.3 van de afsprakenset goed. Deelnemers implementeren de release "
                        "binnen zes maanden na publicatie.", "release", _om(data[1], 15),
                        stap="release_goedkeuren")
    for v, voorstel in ((v1, jaarplan), (v2, release)):
        ovl.besluitvoorstel_vaststellen(actor=bestuurder, voorstel=voorstel, moment=v.begin + dt.timedelta(hours=1))
    for v, tekst in ((v1, "Aanwezig: het voltallige bestuur; namens de uitvoeringsorganisatie de adviseur.\n"
                          f"Het jaarplan {jaar} is vastgesteld (zie het besluitenregister)."),
                     (v2, "Aanwezig: het voltallige bestuur.\nDe notulen van de vorige vergadering zijn vastgesteld. "
                          "Release 2.3 is goedgekeurd na bespreking van de consultatiereacties."),
                     (v3, "Aanwezig: voorzitter en secretaris; één lid afwezig met kennisgeving.\nDe "
                          "kwartaalrapportage naleving is besproken; het bestuur vraagt om een toelichting op de "
                          "lopende ingebrekestelling in de volgende vergadering.")):
        ovl.vergadering_houden(actor=None, vergadering=v, moment=v.einde)
        ovl.notulen_opstellen(actor=medewerker, vergadering=v, tekst=tekst, moment=v.einde + dt.timedelta(days=2))
    for notulen_van, in_ in ((v1, v2), (v2, v3)):
        ovl.notulen_vaststellen(actor=bestuurder, notulen=notulen_van.notulen, vastgesteld_in=in_,
                                moment=in_.begin + dt.timedelta(minutes=10))

    # next month: an admission before the board, the dispute put before it, a compliance case
    aanvrager = Deelnemer.objects.filter(status=DeelnemerStatus.ADVIES).select_related("organisatie").first()
    geschil = Melding.objects.filter(soort="geschil", fase="bestuur").first()
    zaak = Nalevingszaak.objects.filter(stap=ZaakStap.INGEBREKESTELLING).first()
    punten = [("Opening, mededelingen en vaststellen notulen", "De conceptnotulen van de vorige vergadering.", None)]
    if aanvrager:
        punten.append((f"Toelating {aanvrager}", "Advies van de uitvoeringsorganisatie: positief.", aanvrager))
    if geschil:
        punten.append((f"Geschil {geschil.nummer}", "Bemiddeling leidde niet tot overeenstemming; het bestuur doet "
                                                    "uitspraak.", geschil))
    if zaak:
        punten.append((f"Nalevingszaak {zaak.nummer}", "Toelichting op de ingebrekestelling (verzoek van het bestuur).",
                       zaak))
    punten.append(("Rondvraag en sluiting", "", None))
    volgende = peildatum + dt.timedelta(days=30)
    v4, p4 = vergadering(volgende, punten)
    ovl.document_toevoegen(actor=medewerker, vergadering=v4, naam="Agenda en stukkenlijst",
                           bestand=SimpleUploadedFile("agenda.txt", "\n".join(f"{p.volgorde}. {p.titel}" for p in p4)
                                                      .encode()))
    voorstellen = 2
    if aanvrager:
        punt = p4[1]
        ovl.adviesnota_opstellen(actor=medewerker, agendapunt=punt, titel=f"Advies toelating {aanvrager}",
                                 advies="De aanvrager heeft de intake doorlopen en voor elke aangevraagde rol een "
                                        "geldig, geslaagd testresultaat. De uitvoeringsorganisatie adviseert positief.")
        besluiten(punt, f"Toelating: {aanvrager}",
                  f"Het bestuur van de Stichting besluit {aanvrager} (KvK {aanvrager.organisatie.kvk_nummer}) toe te "
                  "laten tot het afsprakenstelsel, gelet op het positieve advies van de uitvoeringsorganisatie.",
                  "toelating", _om(peildatum - dt.timedelta(days=1)), deelnemer=aanvrager,
                  partijen=[aanvrager.organisatie], stap="toelaten")
        voorstellen += 1

    stuurgroep = ovl.orgaan_aanmaken(actor=None, code="stuurgroep", naam="Stuurgroep implementatie",
                                     soort="stuurgroep", omschrijving="Stuurt de landelijke implementatie aan.")
    ovl.lid_toevoegen(actor=None, orgaan=stuurgroep, rol="voorzitter", naam=fake.name(), van=sinds)
    ovl.lid_toevoegen(actor=None, orgaan=stuurgroep, rol="secretaris", gebruiker=medewerker, van=sinds)
    ovl.vergadering_plannen(actor=None, orgaan=stuurgroep, begin=_om(volgende + dt.timedelta(days=7), 10),
                            einde=_om(volgende + dt.timedelta(days=7), 12), online_link="https://vergaderen.medmij.example/sg")
    return {"organen": 2, "vergaderingen": 5, "besluitvoorstellen": voorstellen}
