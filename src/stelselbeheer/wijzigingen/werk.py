"""What waits in the change requests on the agreements (RFCs), for the work overview (kern.werkoverzicht): for staff
new RFCs to assess, consultations whose round has closed and board decisions to process; for a participant the
open consultations it was invited to and has not reacted to yet."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode

from stelselbeheer.kern.taken import EERSTE, Regel, Taak
from stelselbeheer.overleg.models import VoorstelStatus

from .models import Getroffene, Reactie, Status, Wijzigingsvoorstel


def _lijst(status: str) -> str:
    return f"{reverse('rfc-lijst')}?{urlencode({'status': status})}"


def voor_uitvoering(dag: dt.date) -> list[Taak]:
    """Staff's three tasks from one query: the RFCs waiting for them are few (tens), so they are read once and
    counted here, which keeps the home page's query count flat (ROL-WERKOVERZICHT)."""
    wacht = (Wijzigingsvoorstel.objects.filter(
        Q(status=Status.INGEDIEND) | Q(status=Status.IN_CONSULTATIE, consultatie_tot__lt=dag)
        | Q(status=Status.TER_BESLUITVORMING,
            besluitvoorstel__status__in=(VoorstelStatus.VASTGESTELD, VoorstelStatus.AFGEWEZEN)))
        .select_related("agenda", "besluitvoorstel").order_by("ingediend_op", "id"))
    groepen: dict[str, list] = {Status.INGEDIEND: [], Status.IN_CONSULTATIE: [], Status.TER_BESLUITVORMING: []}
    for r in wacht:
        groepen[r.status].append(r)

    def taak(titel, status, detail, urgent=False):
        rijen = groepen[status]
        return Taak(titel, len(rijen), _lijst(status),
                    [Regel(f"{r.nummer}: {r.titel}", r.get_absolute_url(), detail(r)) for r in rijen[:EERSTE]],
                    urgent=urgent)

    return [
        taak("RFC's om te beoordelen", Status.INGEDIEND,
             lambda r: f"{r.agenda.naam}, ingediend {r.ingediend_op:%d-%m-%Y}"),
        taak("RFC's met gesloten consultatie: volgende stap", Status.IN_CONSULTATIE,
             lambda r: f"gesloten na {r.consultatie_tot:%d-%m-%Y}"),
        taak("RFC's waarover het bestuur besliste: besluit verwerken", Status.TER_BESLUITVORMING,
             lambda r: f"besluitvoorstel {r.besluitvoorstel.nummer} {r.besluitvoorstel.get_status_display().lower()}",
             urgent=True),
    ]


def eigen_consultaties(deelnemer, dag: dt.date) -> Taak:
    uitgenodigd = Getroffene.objects.filter(analyse_id=OuterRef("consultatie_analyse_id"), deelnemer=deelnemer)
    gereageerd = Reactie.objects.filter(voorstel=OuterRef("pk"), deelnemer=deelnemer)
    qs = (Wijzigingsvoorstel.objects.filter(status=Status.IN_CONSULTATIE, consultatie_tot__gte=dag)
          .filter(Exists(uitgenodigd)).exclude(Exists(gereageerd)).order_by("consultatie_tot"))
    regels = [Regel(f"{r.nummer}: {r.titel}", r.get_absolute_url(), f"reageren tot en met {r.consultatie_tot:%d-%m-%Y}")
              for r in qs[:EERSTE]]
    return Taak("Consultaties over RFC's: uw reactie gevraagd", qs.count(), reverse("mijn-rfcs"), regels)
