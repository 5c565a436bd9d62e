"""The qualification overview a person reads: per role and gegevensdienst the latest result and its state."""

import datetime as dt
from dataclasses import dataclass

from .models import Deelnemer, Testresultaat
from .rules import datum_in_amsterdam

BIJNA_VERLOPEN_DAGEN = 60


@dataclass
class KwalificatieRegel:
    kwalificatie: object
    staat: str  # geldig | verloopt | verlopen | niet_geslaagd | toekomstig
    dagen_resterend: int | None

    @property
    def label(self) -> str:
        return {"geldig": "Geldig", "verloopt": f"Verloopt over {self.dagen_resterend} dagen",
                "verlopen": "Verlopen", "niet_geslaagd": "Niet geslaagd",
                "toekomstig": "Nog niet ingegaan"}[self.staat]


def kwalificatie_overzicht(deelnemer: Deelnemer, moment: dt.datetime) -> list[KwalificatieRegel]:
    vandaag = datum_in_amsterdam(moment)
    regels = []
    for k in deelnemer.kwalificaties.select_related("gegevensdienst").order_by("rol", "gegevensdienst__code",
                                                                              "-testdatum"):
        resterend = (k.geldig_tot - vandaag).days
        if k.resultaat != Testresultaat.GESLAAGD:
            staat = "niet_geslaagd"
        elif k.testdatum > vandaag:
            staat = "toekomstig"
        elif resterend < 0:
            staat = "verlopen"
        elif resterend <= BIJNA_VERLOPEN_DAGEN:
            staat = "verloopt"
        else:
            staat = "geldig"
        regels.append(KwalificatieRegel(k, staat, resterend if resterend >= 0 else None))
    return regels
