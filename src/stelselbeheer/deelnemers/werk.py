"""What waits in admission and exit, and a participant's own expiring qualifications, for the work overview
(kern.werkoverzicht). Counts in one aggregated query; the first items per step in one query with a window."""

import datetime as dt

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.http import urlencode

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .models import Deelnemer, DeelnemerStatus, Kwalificatie, Testresultaat
from .overzicht import BIJNA_VERLOPEN_DAGEN

S = DeelnemerStatus
#: the steps of admission and exit where staff act, with what the step asks of them
STAPPEN_UITVOERING = {
    S.AANGEMELD: "Nieuwe aanvragen: intake starten",
    S.INTAKE: "In intake",
    S.KWALIFICATIE: "In kwalificatie: advies uitbrengen",
    S.ADVIES: "Advies uitgebracht: wacht op het besluit van het bestuur",
    S.TOEGELATEN: "Toegelaten: wacht op ondertekening en activering",
    S.IN_UITTREDING: "In uittreding",
}
#: the steps that wait for the board (toelaten or afwijzen rest on its decision)
STAPPEN_BESTUUR = {S.ADVIES: "Aanvragen met advies: toelaten of afwijzen (besluit bestuur)"}


def _lijst_url(status: str) -> str:
    return f"{reverse('deelnemer-lijst')}?{urlencode({'status': status})}"


def aanvragen_per_stap(stappen: dict[str, str]) -> list[Taak]:
    """Per step of ``stappen``: how many participants are in it, the longest waiting first."""
    tellingen = dict(Deelnemer.objects.filter(status__in=list(stappen)).order_by().values("status")
                     .annotate(n=Count("id")).values_list("status", "n"))
    eersten = (Deelnemer.objects.filter(status__in=[s for s in stappen if tellingen.get(s)])
               .annotate(rang=Window(RowNumber(), partition_by=F("status"), order_by=[F("status_sinds").asc(),
                                                                                     F("id").asc()]))
               .filter(rang__lte=EERSTE).select_related("organisatie").order_by("status_sinds", "id"))
    per_stap: dict[str, list[Regel]] = {}
    for d in eersten:
        detail = f"sinds {d.status_sinds:%d-%m-%Y}"
        if d.status == S.ADVIES and d.advies:
            detail += f", advies {d.get_advies_display().lower()}"
        per_stap.setdefault(d.status, []).append(Regel(str(d), d.get_absolute_url(), detail))
    return [Taak(titel, tellingen.get(status, 0), _lijst_url(status), per_stap.get(status, []))
            for status, titel in stappen.items()]


def eigen_kwalificaties_verlopend(deelnemer: Deelnemer, dag: dt.date) -> Taak:
    """A participant's qualifications whose latest result (per role and gegevensdienst) expires within 60 days
    or has expired (NAL-365 and the reminders at 60, 30 and 7 days)."""
    laatste: dict[tuple, Kwalificatie] = {}
    for k in (Kwalificatie.objects.filter(deelnemer=deelnemer, resultaat=Testresultaat.GESLAAGD, testdatum__lte=dag)
              .select_related("gegevensdienst").order_by("rol", "gegevensdienst_id", "-testdatum", "-id")):
        laatste.setdefault((k.rol, k.gegevensdienst_id), k)
    grens = dag + dt.timedelta(days=BIJNA_VERLOPEN_DAGEN)
    verlopend = sorted((k for k in laatste.values() if k.geldig_tot <= grens), key=lambda k: k.geldig_tot)
    regels = [Regel(f"{k.gegevensdienst} ({k.get_rol_display()})", reverse("mijn-overzicht"),
                    f"verlopen op {k.geldig_tot:%d-%m-%Y}" if k.geldig_tot < dag
                    else f"geldig tot en met {k.geldig_tot:%d-%m-%Y}") for k in verlopend[:EERSTE]]
    return Taak("Kwalificaties die binnen 60 dagen verlopen of verlopen zijn", len(verlopend),
                reverse("mijn-overzicht"), regels, urgent=any(k.geldig_tot < dag for k in verlopend),
                uitleg="Laat de test tijdig opnieuw doen; een verlopen kwalificatie leidt tot een constatering.")
