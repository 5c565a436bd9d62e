import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from stelselbeheer.kern.services import opslaan_nieuw, wijzigen

from . import rules
from .models import Deelnemer, DeelnemerRol, DeelnemerStatus, Kwalificatie

WIJZIGBARE_VELDEN = {"overeenkomstversie", "ondertekend_op", "status", "status_sinds"}


@transaction.atomic
def deelnemer_registreren(*, actor, organisatie, overeenkomstversie: str, status_sinds: dt.date,
                          ondertekend_op: dt.date | None = None, status: str = DeelnemerStatus.AANGEMELD,
                          rollen: list[str] | tuple = (), reden: str = "") -> Deelnemer:
    """Record that an organisation signed (or applied for) the deelnemersovereenkomst, with its roles."""
    if Deelnemer.objects.filter(organisatie=organisatie).exists():
        raise ValidationError({"organisatie": "Deze organisatie is al als deelnemer geregistreerd."})
    deelnemer = opslaan_nieuw(
        actor=actor, actie="deelnemer.geregistreerd", reden=reden,
        obj=Deelnemer(organisatie=organisatie, overeenkomstversie=overeenkomstversie,
                      ondertekend_op=ondertekend_op, status=status, status_sinds=status_sinds))
    for rol in rollen:
        deelnemer_rol_toekennen(actor=actor, deelnemer=deelnemer, rol=rol, sinds=status_sinds)
    return deelnemer


@transaction.atomic
def deelnemer_wijzigen(*, actor, deelnemer: Deelnemer, wijzigingen: dict, reden: str = "") -> Deelnemer:
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer.pk)
    return wijzigen(actor=actor, obj=deelnemer, wijzigingen=wijzigingen, toegestaan=WIJZIGBARE_VELDEN,
                    actie="deelnemer.gewijzigd", reden=reden)


@transaction.atomic
def deelnemer_rol_toekennen(*, actor, deelnemer: Deelnemer, rol: str, sinds: dt.date,
                            reden: str = "") -> DeelnemerRol:
    if DeelnemerRol.objects.filter(deelnemer=deelnemer, rol=rol).exists():
        raise ValidationError({"rol": "De deelnemer heeft deze rol al."})
    return opslaan_nieuw(actor=actor, obj=DeelnemerRol(deelnemer=deelnemer, rol=rol, sinds=sinds),
                         actie="deelnemer.rol_toegekend", reden=reden)


@transaction.atomic
def kwalificatie_vastleggen(*, actor, deelnemer: Deelnemer, rol: str, gegevensdienst, testdatum: dt.date,
                            resultaat: str, geldig_tot: dt.date | None = None, opmerking: str = "",
                            reden: str = "") -> Kwalificatie:
    """Record a test result. Without ``geldig_tot`` it is valid for the full 365 days (NAL-365)."""
    if not deelnemer.rollen.filter(rol=rol).exists():
        raise ValidationError({"rol": "De deelnemer heeft deze rol niet; een kwalificatie hoort bij een rol "
                                      "die de deelnemer vervult of aanvraagt."})
    kwalificatie = Kwalificatie(deelnemer=deelnemer, rol=rol, gegevensdienst=gegevensdienst,
                                testdatum=testdatum, resultaat=resultaat,
                                geldig_tot=geldig_tot or rules.uiterste_geldig_tot(testdatum), opmerking=opmerking)
    return opslaan_nieuw(actor=actor, obj=kwalificatie, actie="kwalificatie.vastgelegd", reden=reden)
