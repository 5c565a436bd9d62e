"""Compliance deadlines and suspensions that need action, for the work overview (kern.werkoverzicht). The counts
come from one aggregated query; the first items from one more."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from . import opschorting
from .models import Nalevingszaak, ZaakStap

#: "due this week": a deadline within this many days from today (today included)
WEEK = 7


def _dagen(zaak, dag) -> str:
    dagen = (zaak.termijn_tot - dag).days
    if dagen < 0:
        return f"termijn {zaak.termijn_tot:%d-%m-%Y}, {-dagen} {'dag' if dagen == -1 else 'dagen'} verstreken"
    if dagen == 0:
        return "termijn vandaag"
    return f"termijn {zaak.termijn_tot:%d-%m-%Y}, nog {dagen} {'dag' if dagen == 1 else 'dagen'}"


def termijnen(dag: dt.date, deelnemer=None) -> list[Taak]:
    """Open cases past their deadline, and those whose deadline falls within the coming week (NAL-WERKVOORRAAD):
    all of them for staff and board, or one participant's own."""
    open_ = Nalevingszaak.objects.exclude(stap=ZaakStap.GESLOTEN).filter(termijn_tot__isnull=False)
    if deelnemer is not None:
        open_ = open_.filter(deelnemer=deelnemer)
    week = dag + dt.timedelta(days=WEEK)
    tel = open_.aggregate(te_laat=Count("id", filter=Q(termijn_tot__lt=dag)),
                          deze_week=Count("id", filter=Q(termijn_tot__gte=dag, termijn_tot__lte=week)))
    eersten = list(open_.filter(termijn_tot__lte=week).select_related("deelnemer__organisatie")
                   .order_by("termijn_tot", "id")[:2 * EERSTE]) if tel["te_laat"] or tel["deze_week"] else []
    if deelnemer is None:
        url = reverse("naleving-werkvoorraad")

        def regel(z):
            return Regel(f"{z.nummer}: {z.deelnemer}", z.get_absolute_url(), _dagen(z, dag))
    else:
        url = reverse("mijn-zaken")

        def regel(z):
            return Regel(f"{z.nummer}: {z.verplichting}", reverse("mijn-zaak", args=[z.nummer]), _dagen(z, dag))
    return [
        Taak("Termijnen verstreken", tel["te_laat"], url,
             [regel(z) for z in eersten if z.termijn_tot < dag][:EERSTE], urgent=True),
        Taak("Termijnen die deze week aflopen", tel["deze_week"], url,
             [regel(z) for z in eersten if z.termijn_tot >= dag][:EERSTE]),
    ]


def opschortingen_einde_verstreken(dag: dt.date) -> Taak:
    """NAL-OPSCHORTING-EINDE: running suspensions past their planned end: lift or extend (a board decision)."""
    qs = opschorting.einde_verstreken(dag)
    aantal = qs.count()
    return Taak("Opschortingen voorbij hun geplande einde: opheffen of verlengen", aantal,
                reverse("naleving-werkvoorraad"), [
                    Regel(str(o.deelnemer), reverse("opschorting-verlengen", args=[o.pk]),
                          f"niveau {o.niveau}, gepland tot {o.gepland_tot:%d-%m-%Y}" if o.gepland_tot
                          else f"niveau {o.niveau}, geen gepland einde")
                    for o in (qs[:EERSTE] if aantal else [])], urgent=True)


def ontbinding_mogelijk(dag: dt.date) -> Taak:
    """Cases in formal notice whose term has passed: the participant is in default, dissolution is the board's
    decision (step 5 of the Nalevingsbeleid)."""
    qs = Nalevingszaak.objects.filter(stap=ZaakStap.INGEBREKESTELLING, termijn_tot__lt=dag)
    aantal = qs.count()
    return Taak("Ingebrekestellingen met verstreken termijn: besluit over ontbinding", aantal,
                reverse("naleving-werkvoorraad"), [
                    Regel(f"{z.nummer}: {z.deelnemer}", z.get_absolute_url(), _dagen(z, dag))
                    for z in (qs.select_related("deelnemer__organisatie").order_by("termijn_tot")[:EERSTE]
                              if aantal else [])])


def eigen_zaken_open(deelnemer) -> Taak:
    """A participant's open compliance cases."""
    qs = Nalevingszaak.objects.filter(deelnemer=deelnemer).exclude(stap=ZaakStap.GESLOTEN)
    zaken = list(qs.order_by("termijn_tot", "geopend_op")[:EERSTE + 1])
    aantal = len(zaken) if len(zaken) <= EERSTE else qs.count()
    return Taak("Uw open nalevingszaken", aantal, reverse("mijn-zaken"), [
        Regel(f"{z.nummer}: {z.verplichting}", reverse("mijn-zaak", args=[z.nummer]), z.get_stap_display())
        for z in zaken[:EERSTE]])
