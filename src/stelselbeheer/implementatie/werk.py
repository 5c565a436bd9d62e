"""What waits in the implementation monitor for the work overview (kern.werkoverzicht): an owner's risks whose
review date has passed (IMP-RISICO-HERZIEN)."""

import datetime as dt

from django.urls import reverse

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .models import Risico, RisicoStatus


def risico_herzieningen(user, dag: dt.date) -> Taak:
    qs = (Risico.objects.filter(eigenaar=user, herzien_op__lt=dag).exclude(status=RisicoStatus.GESLOTEN)
          .order_by("herzien_op", "nummer"))
    eerste = list(qs.select_related("product")[:EERSTE])
    return Taak("Risico's waarvan de herziening is verlopen", qs.count(),
                f"{reverse('risico-lijst')}?eigenaar=ik&herziening=verlopen",
                [Regel(str(r), f"{reverse('risico-lijst')}?q={r.nummer}",
                       f"herzien uiterlijk {r.herzien_op:%d-%m-%Y}, prioriteit {r.get_prioriteit_display().lower()}")
                 for r in eerste], urgent=True)
