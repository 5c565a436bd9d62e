"""The terms of the model agreement RSO-VSV (seed 004) as pure functions: no database, one rule each.

- RSO-OPZEG (art. 6.2): notice by registered letter with a notice period of 3 or 6 months. The period runs from the
  day the letter is received; notice received on day X ends the agreement at the earliest on the day before the
  same date N months later (a date that does not exist in the shorter month becomes that month's last day). For a
  wanted end date the last day to give notice is therefore the latest X for which that holds; a registered letter
  is not delivered on a Saturday, Sunday or recognised holiday, so such a day moves back to the working day before.
- RSO-OVERMACHT (art. 6.4): dissolution on force majeure not before 15 working days (Saturdays, Sundays and the
  holidays of the Algemene termijnenwet skipped, ``naleving.termijnen``) from the day the circumstance arose
  have passed: possible from the day after the 15th working day.
- RSO-AANSPRAKELIJK (art. 7.1): the RSO's liability is capped at what its insurer pays; if the insurer pays
  nothing, at the payments received for the services concerned in the 12 months before the shortcoming, at most
  EUR 25,000. Intent or deliberate recklessness lifts the cap (art. 7.2).
- RSO-GESCHIL (art. 8): consultation, if need be with a mediator, first; then the Rechtbank Rotterdam; Dutch law.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from stelselbeheer.naleving.termijnen import feestdag, is_werkdag, werkdagen_na

OPZEGTERMIJNEN = (3, 6)
OVERMACHT_WERKDAGEN = 15
MAXIMUM_AANSPRAKELIJKHEID = Decimal("25000.00")
REFERTEPERIODE_MAANDEN = 12
RECHTBANK = "Rechtbank Rotterdam"
GESCHILLENREGELING = (
    "Partijen lossen een geschil over de uitleg of uitvoering eerst in onderling overleg op, zo nodig met een "
    "mediator (art. 8.1).",
    f"Lukt dat niet, dan beslist de bevoegde rechter van de {RECHTBANK} (art. 8.2).",
    "Op de overeenkomst en de daaruit voortvloeiende overeenkomsten met deelnemers is Nederlands recht van "
    "toepassing (art. 8.3).",
)


def maanden_erbij(dag: dt.date, maanden: int) -> dt.date:
    """``dag`` plus (or minus) whole months; a day that the target month lacks becomes its last day."""
    index = dag.year * 12 + dag.month - 1 + maanden
    jaar, maand = divmod(index, 12)
    if not dt.MINYEAR <= jaar <= dt.MAXYEAR:
        raise OverflowError("De datum valt buiten het bereik van de kalender.")
    return dt.date(jaar, maand + 1, min(dag.day, calendar.monthrange(jaar, maand + 1)[1]))


def vroegste_einde(ontvangen: dt.date, maanden: int, toegestaan=OPZEGTERMIJNEN) -> dt.date:
    """The earliest end date (last day in force) of an agreement whose notice was received on ``ontvangen``;
    ``toegestaan`` the notice periods allowed (the model agreement's by default, None: any)."""
    if toegestaan is not None and maanden not in toegestaan or maanden < 1:
        raise ValueError(f"De opzegtermijn is 3 of 6 maanden, niet {maanden}.")
    return maanden_erbij(ontvangen, maanden) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Opzegdatum:
    dag: dt.date
    basis: str


def laatste_opzegdag(einddatum: dt.date, maanden: int, toegestaan=OPZEGTERMIJNEN) -> Opzegdatum:
    """RSO-OPZEG: the last day the registered letter of notice must be received for the agreement to end on
    ``einddatum`` (its last day in force). ``toegestaan`` as for ``vroegste_einde`` (a vendor contract: None)."""
    if toegestaan is not None and maanden not in toegestaan or maanden < 1:
        raise ValueError(f"De opzegtermijn is 3 of 6 maanden, niet {maanden}.")
    dag = maanden_erbij(einddatum + dt.timedelta(days=1), -maanden)
    while vroegste_einde(dag + dt.timedelta(days=1), maanden, toegestaan) <= einddatum:
        dag += dt.timedelta(days=1)
    while vroegste_einde(dag, maanden, toegestaan) > einddatum:
        dag -= dt.timedelta(days=1)
    basis = f"opzegtermijn {maanden} maanden tot en met {einddatum:%d-%m-%Y}: uiterlijk {dag:%d-%m-%Y}"
    if not is_werkdag(dag):
        oorspronkelijk = dag
        while not is_werkdag(dag):
            dag -= dt.timedelta(days=1)
        reden = feestdag(oorspronkelijk) and "een feestdag" or "een weekenddag"
        basis += (f"; dat is {reden}, een aangetekende brief wordt dan niet bezorgd, dus uiterlijk "
                  f"{dag:%d-%m-%Y}")
    return Opzegdatum(dag, basis)


@dataclass(frozen=True)
class Overmacht:
    termijn_einde: dt.date
    ontbinding_vanaf: dt.date
    basis: str


def overmacht_ontbinding(ontstaan: dt.date) -> Overmacht:
    """RSO-OVERMACHT: from which day the other party may dissolve when force majeure arose on ``ontstaan``."""
    einde = werkdagen_na(ontstaan, OVERMACHT_WERKDAGEN)
    vanaf = einde + dt.timedelta(days=1)
    return Overmacht(einde, vanaf, f"{OVERMACHT_WERKDAGEN} werkdagen na {ontstaan:%d-%m-%Y} verstrijken op "
                                   f"{einde:%d-%m-%Y}; ontbinding mogelijk vanaf {vanaf:%d-%m-%Y}")


@dataclass(frozen=True)
class Limiet:
    bedrag: Decimal | None
    grond: str


def referteperiode(tekortkoming: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months before the shortcoming: payments received after the first and on or before the second day."""
    return maanden_erbij(tekortkoming, -REFERTEPERIODE_MAANDEN), tekortkoming


def aansprakelijkheidslimiet(*, uitkering_verzekeraar: Decimal | None, betalingen_12_maanden: Decimal,
                             opzet_of_bewuste_roekeloosheid: bool = False) -> Limiet:
    """RSO-AANSPRAKELIJK: the cap of the RSO's liability. ``uitkering_verzekeraar`` is what the insurer pays (None
    or 0: it pays nothing); ``betalingen_12_maanden`` the payments for the services concerned in the 12 months
    before the shortcoming."""
    if opzet_of_bewuste_roekeloosheid:
        return Limiet(None, "Geen beperking: opzet of bewuste roekeloosheid van de RSO (art. 7.2).")
    if uitkering_verzekeraar:
        return Limiet(Decimal(uitkering_verzekeraar), "Het bedrag dat de verzekeraar van de RSO uitkeert (art. 7.1).")
    betaald = Decimal(betalingen_12_maanden)
    if betaald > MAXIMUM_AANSPRAKELIJKHEID:
        return Limiet(MAXIMUM_AANSPRAKELIJKHEID, f"De verzekeraar keert niet uit; de betalingen van de voorgaande 12 "
                                                 f"maanden (EUR {betaald}) gaan boven het maximum van EUR 25.000 "
                                                 f"(art. 7.1).")
    return Limiet(betaald, "De verzekeraar keert niet uit: de betalingen voor de betreffende diensten in de "
                           "voorgaande 12 maanden (art. 7.1).")


#: RSO-FREQUENTIE: the agreed meetings per year (seed 004, bijlage 4): at least, at most
FREQUENTIE = {"strategisch": (1, 2), "tactisch": (4, 4), "operationeel": (4, 4)}


def onder_frequentie(niveau: str, aantal: int) -> bool:
    """Whether ``aantal`` meetings in a year fall below the agreed frequency of ``niveau``."""
    return aantal < FREQUENTIE[niveau][0]
