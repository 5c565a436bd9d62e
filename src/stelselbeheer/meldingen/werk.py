"""Meldingen that wait for a handler, for the board, or that a person follows, for the work overview
(kern.werkoverzicht). A handler's counts come from one aggregated query over what the handler may see
(MEL-ZICHT: a regional desk only its own region's)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from .models import Fase, Status
from .zichtbaar import eigen_meldingen, zichtbare_meldingen

AFGEROND = [Status.OPGELOST, Status.GESLOTEN]


def _lijst(**filters) -> str:
    return f"{reverse('melding-lijst')}?{urlencode(filters)}" if filters else reverse("melding-lijst")


def _regel(m) -> Regel:
    return Regel(f"{m.nummer}: {m.onderwerp}", m.get_absolute_url(),
                 f"{m.get_soort_display()}, ingediend {timezone.localtime(m.ingediend_op):%d-%m-%Y}")


def wachtrij(user) -> list[Taak]:
    """New meldingen (not yet triaged) and open ones past their resolution norm (MEL-SLA), as ``user`` sees them."""
    nu = timezone.now()
    open_ = zichtbare_meldingen(user).exclude(status__in=AFGEROND)
    tel = open_.aggregate(nieuw=Count("id", filter=Q(status=Status.NIEUW)),
                          verstreken=Count("id", filter=Q(oplossing_voor__lt=nu)))
    verstreken = (list(open_.filter(oplossing_voor__lt=nu).order_by("oplossing_voor", "id")[:EERSTE])
                  if tel["verstreken"] else [])
    nieuw = list(open_.filter(status=Status.NIEUW).order_by("ingediend_op", "id")[:EERSTE]) if tel["nieuw"] else []
    return [
        Taak("Meldingen voorbij hun servicenorm", tel["verstreken"], _lijst(verstreken=1), [
            Regel(f"{m.nummer}: {m.onderwerp}", m.get_absolute_url(),
                  f"opgelost uiterlijk {timezone.localtime(m.oplossing_voor):%d-%m-%Y %H:%M}") for m in verstreken],
             urgent=True),
        Taak("Nieuwe meldingen: triage", tel["nieuw"], _lijst(status=Status.NIEUW), [_regel(m) for m in nieuw]),
    ]


def voor_het_bestuur(user) -> Taak:
    """Complaints and disputes put before the board that have no ruling yet."""
    qs = (zichtbare_meldingen(user).exclude(status__in=AFGEROND)
          .filter(fase=Fase.BESTUUR, uitspraak_op__isnull=True))
    aantal = qs.count()
    return Taak("Klachten en geschillen voorgelegd aan het bestuur", aantal, _lijst(fase=Fase.BESTUUR),
                [_regel(m) for m in (qs.order_by("ingediend_op", "id")[:EERSTE] if aantal else [])])


def eigen_open(user) -> Taak:
    """The open meldingen ``user`` follows (filed, or its participant is party to or affected by)."""
    qs = eigen_meldingen(user).exclude(status__in=AFGEROND)
    aantal = qs.count()
    return Taak("Uw meldingen in behandeling", aantal, reverse("mijn-meldingen"), [
        Regel(f"{m.nummer}: {m.onderwerp}", reverse("mijn-melding", args=[m.nummer]), m.get_status_display())
        for m in (qs.order_by("-ingediend_op", "-id")[:EERSTE] if aantal else [])])
