"""What a person reads about a participant: per role and gegevensdienst the latest qualification and its state;
the advice on its application."""

import datetime as dt
from dataclasses import dataclass

from .models import Advies, Deelnemer, Testresultaat
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


def advies_van(deelnemer: Deelnemer) -> dict | None:
    """The advice of the uitvoeringsorganisatie on the application (TOE-ADVIES): positive or negative, its
    motivation, and when and by whom it was given; None before it was given."""
    if not deelnemer.advies:
        return None
    stap = (deelnemer.statuswijzigingen.filter(overgang="advies_uitbrengen").select_related("door")
            .order_by("-tijdstip", "-id").first())
    return {"advies": deelnemer.get_advies_display(), "positief": deelnemer.advies == Advies.POSITIEF,
            "toelichting": deelnemer.advies_toelichting, "datum": stap.datum if stap else None,
            "door": (stap.door.get_full_name() or stap.door.username) if stap and stap.door else ""}
