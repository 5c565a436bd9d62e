"""The nightly check of qualifications (rules DLN-HERINNERING and NAL-VERLOPEN).

For each participant that holds its roles (admitted, active or suspended), the current qualification per
role and gegevensdienst (the passed one with the latest end date) is looked at on the day in Europe/Amsterdam:

- 60, 30 and 7 days before it ends, a reminder goes to the participant, once per threshold (only the most
  urgent one that applies: a qualification found with 20 days left gets the 30-day reminder, not the 60);
- once it has ended without a newer one, a finding (``naleving.Constatering``) is recorded for the
  compliance process, once per qualification. Its entries already left the lists at midnight (LST-ZAL-3);
  the event this check records plans a publication, which names the expiry as the reason.

Each part is one set-based query plus one insert; unique constraints make a second run (or a concurrent
one) add nothing.

The same nightly run surfaces each suspension past its planned end as a staff task, once (NAL-OPSCHORTING-EINDE,
``naleving.opschorting.einde_signaleren``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils import timezone

from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.naleving.models import Bron, Constatering

from . import rules
from .models import DeelnemerStatus, Herinnering, Kwalificatie, Testresultaat

DREMPELS = (7, 30, 60)
HOUDERS = (DeelnemerStatus.TOEGELATEN, DeelnemerStatus.ACTIEF, DeelnemerStatus.OPGESCHORT)
NALEVING = (DeelnemerStatus.ACTIEF, DeelnemerStatus.OPGESCHORT)


@dataclass
class Uitkomst:
    dag: dt.date
    herinneringen: int
    constateringen: int
    zaken: int = 0
    #: suspensions newly found past their planned end (a staff task: lift or extend)
    opschortingen: int = 0


def actuele_kwalificaties():
    """Passed qualifications that no later passed one (same participant, role, gegevensdienst) replaces."""
    nieuwer = Kwalificatie.objects.filter(deelnemer=OuterRef("deelnemer"), rol=OuterRef("rol"),
                                          gegevensdienst=OuterRef("gegevensdienst"), resultaat=Testresultaat.GESLAAGD,
                                          geldig_tot__gt=OuterRef("geldig_tot"))
    return Kwalificatie.objects.filter(resultaat=Testresultaat.GESLAAGD).exclude(Exists(nieuwer))


def te_herinneren(dag: dt.date):
    """(kwalificatie id, threshold) for every reminder due on ``dag`` and not yet sent."""
    drempel = Case(*(When(geldig_tot__lte=dag + dt.timedelta(days=n), then=Value(n)) for n in DREMPELS),
                   output_field=IntegerField())
    verzonden = Herinnering.objects.filter(kwalificatie=OuterRef("pk"), dagen_voor=OuterRef("drempel"))
    return (actuele_kwalificaties()
            .filter(deelnemer__status__in=HOUDERS, geldig_tot__gte=dag,
                    geldig_tot__lte=dag + dt.timedelta(days=max(DREMPELS)))
            .annotate(drempel=drempel).exclude(Exists(verzonden)).values_list("pk", "drempel"))


def verlopen_zonder_constatering(dag: dt.date):
    bekend = Constatering.objects.filter(kwalificatie=OuterRef("pk"), bron=Bron.KWALIFICATIE_VERLOPEN)
    return (actuele_kwalificaties().filter(deelnemer__status__in=NALEVING, geldig_tot__lt=dag)
            .exclude(Exists(bekend)).select_related("gegevensdienst"))


def _berichten(ronde: uuid.UUID) -> list[tuple]:
    per_deelnemer = defaultdict(list)
    for h in (Herinnering.objects.filter(ronde=ronde)
              .select_related("kwalificatie__deelnemer__organisatie", "kwalificatie__gegevensdienst")):
        per_deelnemer[h.kwalificatie.deelnemer].append(h)
    adressen = defaultdict(set)
    for dn_id, email in Gebruiker.objects.filter(deelnemer__in=list(per_deelnemer), is_active=True).exclude(
            email="").values_list("deelnemer_id", "email"):
        adressen[dn_id].add(email)
    uit = []
    for deelnemer, lijst in per_deelnemer.items():
        aan = sorted(adressen[deelnemer.pk] | ({deelnemer.contact_email} if deelnemer.contact_email else set()))
        if not aan:
            continue
        kwalificaties = sorted((h.kwalificatie for h in lijst), key=lambda k: k.geldig_tot)
        regels = "\n".join(f"- {k.get_rol_display()}, {k.gegevensdienst}: geldig tot en met {k.geldig_tot:%d-%m-%Y}"
                            for k in kwalificaties)
        tekst = (f"Beste {deelnemer},\n\nDe volgende testresultaten verlopen binnenkort (NAL-365: een testresultaat "
                 f"is hooguit 365 dagen geldig):\n\n{regels}\n\nNa die datum staan de betrokken aanbieders of clients "
                 "niet meer op de lijsten van het stelsel. Plan tijdig een nieuwe kwalificatietest.\n\n"
                 "Met vriendelijke groet,\nDe uitvoeringsorganisatie van het afsprakenstelsel")
        uit.append(("Testresultaten verlopen binnenkort", tekst, None, aan))
    return uit


@transaction.atomic
def kwalificaties_controleren(*, moment: dt.datetime | None = None) -> Uitkomst:
    dag = rules.datum_in_amsterdam(moment or timezone.now())
    ronde = uuid.uuid4()
    Herinnering.objects.bulk_create(
        [Herinnering(kwalificatie_id=pk, dagen_voor=n, ronde=ronde) for pk, n in te_herinneren(dag)],
        ignore_conflicts=True)
    berichten = _berichten(ronde)
    herinneringen = Herinnering.objects.filter(ronde=ronde).count()
    verlopen = list(verlopen_zonder_constatering(dag))
    Constatering.objects.bulk_create([Constatering(
        deelnemer_id=k.deelnemer_id, bron=Bron.KWALIFICATIE_VERLOPEN, kwalificatie=k, datum=dag,
        verplichting=f"NAL-365: geldig testresultaat als {k.get_rol_display()} voor {k.gegevensdienst}",
        omstandigheden=f"Het testresultaat van {k.testdatum:%d-%m-%Y} was geldig tot en met {k.geldig_tot:%d-%m-%Y}; "
                       "er is geen nieuwer geldig testresultaat voor deze rol en gegevensdienst.")
        for k in verlopen], ignore_conflicts=True)
    from stelselbeheer.naleving.controle import erkenning_constateringen, nachtelijke_bronnen
    from stelselbeheer.naleving.opschorting import einde_signaleren
    from stelselbeheer.naleving.services import zaken_uit_constateringen

    niet_erkend = erkenning_constateringen(dag)
    andere = nachtelijke_bronnen(dag)  # other apps' registered sources (afsprakenset), each records its own
    if herinneringen or verlopen or niet_erkend:
        vastleggen(actor=None, actie="kwalificaties.gecontroleerd", object_type="deelnemers.kwalificatiecontrole",
                   object_id=dag.isoformat(), omschrijving=f"Controle van kwalificaties op {dag:%d-%m-%Y}",
                   na={"herinneringen": herinneringen, "constateringen": len(verlopen) + len(niet_erkend)})

    zaken = zaken_uit_constateringen()  # step 1 of the policy for each new finding (never a second open case)
    taken, taakberichten = einde_signaleren(dag=dag)
    berichten += taakberichten
    if berichten:
        send_mass_mail(berichten, fail_silently=False)  # a failure rolls back: the reminders go out next run
    return Uitkomst(dag, herinneringen, len(verlopen) + len(niet_erkend) + andere, len(zaken), len(taken))
