"""What waits in the afsprakenset, for the work overview (kern.werkoverzicht): for staff the rollouts past their
deadline and the participants reminded of an outdated agreement; for a participant its own open rollouts and
whether its signed agreement is outdated."""

import datetime as dt

from django.urls import reverse

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .controle import huidige_release, verouderd
from .models import Overeenkomstsignalering, Uitrol, UitrolStatus


def uitrol_te_laat(dag: dt.date) -> Taak:
    qs = (Uitrol.objects.filter(uiterlijk__lt=dag).exclude(status=UitrolStatus.LIVE)
          .select_related("release", "deelnemer__organisatie").order_by("uiterlijk", "id"))
    regels = [Regel(f"{u.deelnemer} ({u.release.nummer}, {u.rol.upper()})", u.deelnemer.get_absolute_url(),
                    f"termijn {u.uiterlijk:%d-%m-%Y}, {u.get_status_display().lower()}") for u in qs[:EERSTE]]
    return Taak("Uitrol: termijn verstreken, niet live", qs.count(), f"{reverse('uitrol-lijst')}?termijn=te_laat",
                regels, urgent=True)


def overeenkomst_verouderd() -> Taak:
    release = huidige_release()
    qs = (Overeenkomstsignalering.objects.filter(release=release, deelnemer__in=verouderd(release).values("pk"))
          .select_related("deelnemer__organisatie") if release else Overeenkomstsignalering.objects.none())
    regels = [Regel(str(s.deelnemer), s.deelnemer.get_absolute_url(), f"herinnerd op {s.herinnerd_op:%d-%m-%Y}")
              for s in qs[:EERSTE]]
    return Taak(f"Overeenkomst ouder dan release {release.nummer if release else ''}".strip(), qs.count(),
                reverse("release-lijst"), regels)


def eigen_uitrol(deelnemer, dag: dt.date) -> Taak:
    qs = Uitrol.objects.filter(deelnemer=deelnemer).exclude(status=UitrolStatus.LIVE).select_related("release")
    regels = [Regel(f"Release {u.release.nummer} ({u.rol.upper()})", reverse("mijn-releases"),
                    f"live uiterlijk {u.uiterlijk:%d-%m-%Y}, nu {u.get_status_display().lower()}")
              for u in qs.order_by("uiterlijk")[:EERSTE]]
    aantal = qs.count()
    release = huidige_release()
    if release and verouderd(release).filter(pk=deelnemer.pk).exists():
        aantal += 1
        regels.insert(0, Regel(f"Teken de deelnemersovereenkomst van release {release.nummer}",
                               reverse("mijn-releases"), ""))
    return Taak("Releases invoeren", aantal, reverse("mijn-releases"), regels,
                urgent=qs.filter(uiterlijk__lt=dag).exists())
