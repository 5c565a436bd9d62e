"""What waits in the regional layer, for the work overview (kern.werkoverzicht): processing agreements running out
(RSO-VERWERKER), regional bodies below their agreed frequency this year (RSO-FREQUENTIE), agreements still to be
signed, security documents due for review, checklist steps past their target. Scoped like the pages
(RSO-EIGEN). Staff get the national view only (``landelijk``): what runs out and which regions meet too
little; the RSO's own chores are on its own overview. One query per task."""

import datetime as dt

from django.urls import reverse
from django.utils.http import urlencode

from stelselbeheer.kern.taken import EERSTE, Regel, Taak

from . import overzicht
from .models import Checkstap, OvereenkomstStatus


def _landelijk(user, dag: dt.date) -> list[Taak]:
    verwerkers = list(overzicht.verwerkersovereenkomsten_aflopend(user, dag))
    frequentie = [f for f in overzicht.frequentie(overzicht.zichtbare_overleggen(user), dag.year) if f.te_weinig]
    return [
        Taak("Verwerkersovereenkomsten die aflopen", len(verwerkers), reverse("overeenkomst-lijst"), [
            Regel(str(d), d.overeenkomst.get_absolute_url(),
                  f"verwerkersovereenkomst tot en met {d.verwerkersovereenkomst_tot:%d-%m-%Y}")
            for d in verwerkers[:EERSTE]], urgent=any(d.verwerkersovereenkomst_tot < dag for d in verwerkers)),
        Taak(f"Regionale overleggen onder de afgesproken frequentie ({dag.year})", len(frequentie),
             reverse("regionaal-index"), [
                 Regel(f.overleg.orgaan.naam, reverse("rso-detail", args=[f.overleg.rso_id]),
                       f"{f.aantal} van ten minste {f.minimum} vergaderingen") for f in frequentie[:EERSTE]]),
    ]


def taken(user, dag: dt.date, *, landelijk: bool = False) -> list[Taak]:
    if landelijk:
        return _landelijk(user, dag)
    concepten = list(overzicht.zichtbare_overeenkomsten(user).filter(status=OvereenkomstStatus.CONCEPT))
    lijst = reverse("overeenkomst-lijst")
    verstreken = list(Checkstap.objects.filter(checklist__in=overzicht.checklists(user), gereed_op__isnull=True,
                                               streefdatum__lt=dag).select_related("checklist__vsv")
                      .order_by("streefdatum", "id"))
    reviews = list(overzicht.reviews_nodig(user, dag))
    return [
        Taak("Beveiligingsdocumenten die een review nodig hebben", len(reviews), reverse("regionaal-index"), [
            Regel(d.titel, reverse("rso-contracten", args=[d.rso_id]), f"review uiterlijk {d.review_voor:%d-%m-%Y}")
            for d in reviews[:EERSTE]], urgent=any(d.review_voor < dag for d in reviews)),
        Taak("Stappen van stappenplannen en aansluitingen voorbij hun streefdatum", len(verstreken),
             reverse("regionaal-index"), [Regel(f"{s.checklist.vsv}: {s.omschrijving}", s.checklist.get_absolute_url(),
                                                f"streefdatum {s.streefdatum:%d-%m-%Y}") for s in verstreken[:EERSTE]]),
        *_landelijk(user, dag),
        Taak("Overeenkomsten nog te ondertekenen", len(concepten),
             f"{lijst}?{urlencode({'status': OvereenkomstStatus.CONCEPT})}", [
                 Regel(str(o), o.get_absolute_url()) for o in concepten[:EERSTE]]),
    ]
