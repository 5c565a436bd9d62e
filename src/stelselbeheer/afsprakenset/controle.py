"""The nightly check of the afsprakenset (run by ``stelsel kwalificaties_controleren`` through the compliance
module's registered sources, ``naleving.controle.bron_registreren``):

- AFS-OVEREENKOMST: a participant whose signed agreement is older than the release in force is reminded once
  (work list and e-mail after the commit); after that release's transition date a finding opens, once;
- AFS-UITROL-TERMIJN: a rollout not live by its deadline opens a finding, once.

The compliance module's own step turns each new finding into a case (``zaken_uit_constateringen``). Set-based
queries and bulk inserts; the markers (``Overeenkomstsignalering``, ``Uitrol.constatering``) make a second run add
nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.naleving.models import Bron, Constatering

from .models import Overeenkomstsignalering, Release, ReleaseStatus, Uitrol, UitrolStatus
from .services import adressen, mailen_na_commit

#: rows per INSERT of findings
BATCH = 1000
#: participants that are held to the agreements (as the qualification check)
GEBONDEN = (DeelnemerStatus.ACTIEF, DeelnemerStatus.OPGESCHORT)


@dataclass
class Uitkomst:
    dag: dt.date
    gekoppeld: int = 0
    herinneringen: int = 0
    overeenkomst_constateringen: int = 0
    uitrol_constateringen: int = 0

    @property
    def constateringen(self) -> int:
        return self.overeenkomst_constateringen + self.uitrol_constateringen


def huidige_release() -> Release | None:
    """The release in force with the latest effective date."""
    return Release.objects.in_werking().order_by("-ingangsdatum", "-id").first()


def koppelen() -> int:
    """Link a signed version typed as text (the application form, the API) to the release with that number."""
    aantal = 0
    for pk, nummer in Release.objects.values_list("pk", "nummer"):
        aantal += Deelnemer.objects.filter(overeenkomst_release__isnull=True, overeenkomstversie=nummer).update(
            overeenkomst_release_id=pk)
    return aantal


def verouderd(release: Release):
    """AFS-OVEREENKOMST: participants held to the agreements whose signed version is older than ``release`` (or
    unknown). A newer one (approved, not yet in force) counts as current."""
    ouder = Q(overeenkomst_release__isnull=True) | Q(overeenkomst_release__ingangsdatum__isnull=True,
                                                     overeenkomst_release__status__in=[ReleaseStatus.CONCEPT,
                                                                                       ReleaseStatus.CONSULTATIE,
                                                                                       ReleaseStatus.INGETROKKEN])
    if release.ingangsdatum:
        ouder |= Q(overeenkomst_release__ingangsdatum__lt=release.ingangsdatum)
    return Deelnemer.objects.filter(status__in=GEBONDEN).filter(ouder).exclude(overeenkomst_release=release)


def _herinneren(release: Release, dag: dt.date) -> int:
    al = Overeenkomstsignalering.objects.filter(release=release).values("deelnemer_id")
    nieuw = list(verouderd(release).exclude(pk__in=al).values_list("pk", "organisatie__naam", "overeenkomstversie"))
    Overeenkomstsignalering.objects.bulk_create(
        [Overeenkomstsignalering(release=release, deelnemer_id=pk, herinnerd_op=dag) for pk, _, _ in nieuw],
        ignore_conflicts=True)
    aan = adressen(Overeenkomstsignalering.objects.filter(release=release, herinnerd_op=dag).values("deelnemer_id"))
    overgang = (f"Na {release.overgangsdatum:%d-%m-%Y} (het einde van de overgangstermijn) opent de "
                "uitvoeringsorganisatie een nalevingszaak." if release.overgangsdatum else "")
    mailen_na_commit([(
        f"Deelnemersovereenkomst verouderd: teken release {release.nummer}",
        f"Beste {naam},\n\nUw organisatie heeft de deelnemersovereenkomst van versie {versie or 'onbekend'} "
        f"getekend. Sinds {release.ingangsdatum:%d-%m-%Y} is release {release.nummer} ({release.titel}) van de "
        f"afsprakenset in werking. Teken de deelnemersovereenkomst van deze release. {overgang}\n\n"
        "Met vriendelijke groet,\nDe uitvoeringsorganisatie van het afsprakenstelsel", aan.get(pk, []))
        for pk, naam, versie in nieuw])
    return len(nieuw)


def _overeenkomst_constateringen(release: Release, dag: dt.date) -> int:
    if not release.overgangsdatum or dag <= release.overgangsdatum:
        return 0
    open_ = Overeenkomstsignalering.objects.filter(release=release, constatering__isnull=True,
                                                  deelnemer__in=verouderd(release).values("pk"))
    rijen = list(open_.select_for_update().values_list("deelnemer_id", "deelnemer__overeenkomstversie",
                                                       "herinnerd_op"))
    verplichting = f"AFS-OVEREENKOMST: deelnemersovereenkomst van release {release.nummer} getekend"
    Constatering.objects.bulk_create([Constatering(
        deelnemer_id=dn, bron=Bron.OVEREENKOMST_VEROUDERD, verplichting=verplichting, datum=dag,
        omstandigheden=f"De deelnemer tekende versie {versie or 'onbekend'}; release {release.nummer} is in werking "
                       f"sinds {release.ingangsdatum:%d-%m-%Y} en de overgangstermijn eindigde op "
                       f"{release.overgangsdatum:%d-%m-%Y}. Herinnerd op {herinnerd:%d-%m-%Y}.")
        for dn, versie, herinnerd in rijen], batch_size=BATCH)
    # link each marker to its finding in one set-based update (the finding of this participant, obligation, day)
    open_.update(constatering=Subquery(Constatering.objects.filter(
        bron=Bron.OVEREENKOMST_VEROUDERD, deelnemer_id=OuterRef("deelnemer_id"), verplichting=verplichting,
        datum=dag).order_by("-id").values("id")[:1]))
    return len(rijen)


def te_laat(dag: dt.date):
    """AFS-UITROL-TERMIJN: rollouts not live after their deadline, without a finding yet."""
    return (Uitrol.objects.filter(uiterlijk__lt=dag, constatering__isnull=True, deelnemer__status__in=GEBONDEN,
                                  release__status__in=[ReleaseStatus.GOEDGEKEURD, ReleaseStatus.IN_WERKING])
            .exclude(status=UitrolStatus.LIVE))


def _verplichting(nummer: str, rol: str) -> str:
    return f"AFS-UITROL-TERMIJN: release {nummer} live als {rol.upper()}"


def _uitrol_constateringen(dag: dt.date) -> int:
    uitrollen = list(te_laat(dag).select_for_update().values_list(
        "deelnemer_id", "rol", "uiterlijk", "status", "release_id", "release__nummer"))
    labels = dict(UitrolStatus.choices)
    Constatering.objects.bulk_create([Constatering(
        deelnemer_id=dn, bron=Bron.UITROL_TERMIJN, datum=dag, verplichting=_verplichting(nummer, rol),
        omstandigheden=f"De implementatietermijn van release {nummer} voor de rol {rol.upper()} eindigde op "
                       f"{uiterlijk:%d-%m-%Y}; de uitrol bij de deelnemer staat op ‘{labels[status].lower()}’.")
        for dn, rol, uiterlijk, status, _, nummer in uitrollen], batch_size=BATCH)
    # link each rollout to its finding: one set-based update per release and role (a participant has one rollout
    # per release and role, so participant + obligation + day names its finding)
    for release_id, nummer, rol in {(r, n, rol) for _, rol, _, _, r, n in uitrollen}:
        te_laat(dag).filter(release_id=release_id, rol=rol).update(constatering=Subquery(
            Constatering.objects.filter(bron=Bron.UITROL_TERMIJN, deelnemer_id=OuterRef("deelnemer_id"),
                                        verplichting=_verplichting(nummer, rol), datum=dag)
            .order_by("-id").values("id")[:1]))
    return len(uitrollen)


@transaction.atomic
def nachtelijk(dag: dt.date) -> Uitkomst:
    uitkomst = Uitkomst(dag=dag, gekoppeld=koppelen())
    release = huidige_release()
    if release is not None:
        uitkomst.herinneringen = _herinneren(release, dag)
        uitkomst.overeenkomst_constateringen = _overeenkomst_constateringen(release, dag)
    uitkomst.uitrol_constateringen = _uitrol_constateringen(dag)
    if uitkomst.gekoppeld or uitkomst.herinneringen or uitkomst.constateringen:
        vastleggen(actor=None, actie="afsprakenset.gecontroleerd", object_type="afsprakenset.controle",
                   object_id=dag.isoformat(), omschrijving=f"Controle van overeenkomsten en uitrol op {dag:%d-%m-%Y}",
                   na={"gekoppeld": uitkomst.gekoppeld, "herinneringen": uitkomst.herinneringen,
                       "constateringen": uitkomst.constateringen})
    return uitkomst


def bron(dag: dt.date) -> int:
    """The compliance module's nightly source: the number of new findings."""
    return nachtelijk(dag).constateringen
