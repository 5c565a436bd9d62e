"""The gauges that come from the database, computed once per scrape of /metrics (kern/waarneming.py).

Five queries per scrape, each an aggregate over an indexed column: the live version per list, the open failed
publications per list, the task queue, the open compliance cases past their deadline, and the open meldingen past
their service level. They are computed at scrape time rather than kept in the processes, so every gunicorn
process gives the same answer and nothing can drift. When the database cannot be reached the scrape still
answers: ``stelselbeheer_database_up`` is 0 and these gauges are left out (the request metrics remain).
"""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client.core import GaugeMetricFamily

from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.lijsten.models import Lijst, MislukteBouw, Snapshot
from stelselbeheer.lijsten.serveren import max_leeftijd
from stelselbeheer.meldingen.models import Melding, Status
from stelselbeheer.naleving.models import Nalevingszaak, ZaakStap

log = logging.getLogger(__name__)

_OPEN_MELDING = ~Q(status__in=[Status.OPGELOST, Status.GESLOTEN])
_OPEN_STAPPEN = [s for s in ZaakStap.values if s != ZaakStap.GESLOTEN]


def _lijsten(nu):
    live = {r["lijst"]: r for r in Snapshot.objects.order_by().values("lijst").annotate(
        volgnummer=Max("volgnummer"), tijdstempel=Max("tijdstempel"))}
    mislukt = dict(MislukteBouw.objects.filter(afgehandeld=False).order_by().values("lijst")
                   .annotate(n=Count("id")).values_list("lijst", "n"))
    leeftijd = GaugeMetricFamily("stelselbeheer_list_age_seconds",
                                 "Seconden sinds de Tijdstempel van de live versie van de lijst.", labels=["list"])
    grens = GaugeMetricFamily("stelselbeheer_list_max_age_seconds",
                              "Leeftijd waarboven de lijst als verouderd geldt (STELSEL_LIJST_MAX_LEEFTIJD).",
                              labels=["list"])
    versie = GaugeMetricFamily("stelselbeheer_list_version",
                               "Volgnummer van de live versie (0: nog nooit gepubliceerd).", labels=["list"])
    storing = GaugeMetricFamily("stelselbeheer_list_failed_publications",
                                "Mislukte publicaties sinds de laatste gelukte publicatie van de lijst (LST-ALARM).",
                                labels=["list"])
    for lijst in Lijst.values:
        rij = live.get(lijst)
        if rij:  # a list never published has no age: alert on stelselbeheer_list_version == 0
            leeftijd.add_metric([lijst], (nu - rij["tijdstempel"]).total_seconds())
        grens.add_metric([lijst], max_leeftijd(lijst).total_seconds())
        versie.add_metric([lijst], rij["volgnummer"] if rij else 0)
        storing.add_metric([lijst], mislukt.get(lijst, 0))
    return [leeftijd, grens, versie, storing]


def _wachtrij(nu):
    wacht, zonder_tijd = Q(status=TaskResultStatus.READY), Q(run_after=get_date_max())  # as DBTaskResult.ready()
    klaar = wacht & (zonder_tijd | Q(run_after__lte=nu))
    telling = DBTaskResult.objects.aggregate(
        klaar=Count("id", filter=klaar),
        gepland=Count("id", filter=wacht & ~zonder_tijd & Q(run_after__gt=nu)),
        bezig=Count("id", filter=Q(status=TaskResultStatus.RUNNING)),
        oudste=Min("enqueued_at", filter=klaar))
    diepte = GaugeMetricFamily("stelselbeheer_task_queue_tasks",
                               "Taken in de databasewachtrij: ready (uitvoerbaar), scheduled (later), running.",
                               labels=["state"])
    diepte.add_metric(["ready"], telling["klaar"])
    diepte.add_metric(["scheduled"], telling["gepland"])
    diepte.add_metric(["running"], telling["bezig"])
    wachttijd = GaugeMetricFamily("stelselbeheer_task_queue_oldest_ready_seconds",
                                  "Hoe lang de oudste uitvoerbare taak al wacht (0: geen); groeit als de werker "
                                  "stilstaat.")
    wachttijd.add_metric([], (nu - telling["oudste"]).total_seconds() if telling["oudste"] else 0)
    return [diepte, wachttijd]


def _naleving():
    per_stap = dict(Nalevingszaak.objects.exclude(stap=ZaakStap.GESLOTEN).filter(termijn_tot__lt=vandaag())
                    .order_by().values("stap").annotate(n=Count("id")).values_list("stap", "n"))
    verlopen = GaugeMetricFamily("stelselbeheer_compliance_cases_overdue",
                                 "Open nalevingszaken waarvan de termijn (termijn tot en met) is verstreken.",
                                 labels=["step"])
    for stap in _OPEN_STAPPEN:
        verlopen.add_metric([stap], per_stap.get(stap, 0))
    return [verlopen]


def _meldingen(nu):
    telling = Melding.objects.filter(_OPEN_MELDING).aggregate(
        reactie=Count("id", filter=Q(eerste_reactie_op__isnull=True, reactie_voor__lt=nu)),
        oplossing=Count("id", filter=Q(oplossing_voor__lt=nu)))
    over_norm = GaugeMetricFamily("stelselbeheer_meldingen_past_norm",
                                  "Open meldingen voorbij hun servicenorm (MEL-SLA): zonder reactie na de "
                                  "reactietermijn, of niet opgelost na de oplostermijn.", labels=["norm"])
    over_norm.add_metric(["reactie"], telling["reactie"])
    over_norm.add_metric(["oplossing"], telling["oplossing"])
    return [over_norm]


class StelselCollector:
    """prometheus-client collector: the database gauges, computed when a scrape asks for them."""

    def collect(self):
        bereikbaar = GaugeMetricFamily("stelselbeheer_database_up",
                                       "1 als de database voor deze scrape bereikbaar was, anders 0.")
        nu = timezone.now()
        try:
            metingen = [*_lijsten(nu), *_wachtrij(nu), *_naleving(), *_meldingen(nu)]
        except DatabaseError as e:
            log.warning("Metrieken: database onbereikbaar: %s", e)
            bereikbaar.add_metric([], 0)
            yield bereikbaar
            return
        bereikbaar.add_metric([], 1)
        yield bereikbaar
        yield from metingen
