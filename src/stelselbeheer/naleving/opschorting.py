"""Suspension (opschorting) levels 1-4 of the Nalevingsbeleid (rule NAL-OPSCHORTING), on a board decision.

- from level 1 the participant's entries leave the lists at once: the participant steps to 'opgeschort'
  (level 4: 'beëindigd') through the workflow, which plans a publication that names the step and its decision;
  the other participants are told internally the expected duration and the scope (aanbieders,
  gegevensdiensten, clients);
- from level 2 the participant must inform its users: the measure tracks the confirmation;
- from level 3 the public participants page shows it inactive (levels 1-2: still active there);
- level 4 ends the participation and takes it off the public list of participants.
Lifting a suspension (on a decision) makes the participant active again: its entries return to the lists as
far as they still qualify (the list rules decide, as always).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction

from stelselbeheer.besluiten.models import BesluitSoort
from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Actie, vereist_recht

from .models import VERWACHTE_DUUR, Opschorting


def scope(deelnemer: Deelnemer) -> dict:
    from stelselbeheer.register.models import AanbiederGegevensdienst, OAuthclient

    diensten = AanbiederGegevensdienst.objects.filter(aanbieder__dva=deelnemer)
    return {"aanbieders": sorted(set(diensten.values_list("aanbieder__naam", flat=True)))[:500],
            "aantal_aanbieders": deelnemer.aanbieders.count(),
            "gegevensdiensten": sorted(set(diensten.values_list("gegevensdienst__code", flat=True))),
            "oauthclients": sorted(OAuthclient.objects.filter(dvp=deelnemer).values_list("hostname", flat=True))}


def _bericht_aan_deelnemers(opschorting: Opschorting) -> None:
    """The internal notice to the other participants (level 1 and up): expected duration and scope."""
    d, s = opschorting.deelnemer, opschorting.scope
    anderen = Deelnemer.objects.filter(status=DeelnemerStatus.ACTIEF).exclude(pk=d.pk)
    adressen = set(anderen.exclude(contact_email="").values_list("contact_email", flat=True))
    adressen |= set(Gebruiker.objects.filter(deelnemer__in=anderen, is_active=True).exclude(email="")
                    .values_list("email", flat=True))
    if not adressen:
        return
    tekst = (f"Het bestuur heeft de deelname van {d} opgeschort (besluit {opschorting.besluit.nummer}, niveau "
             f"{opschorting.niveau}), met ingang van {opschorting.ingegaan_op:%d-%m-%Y}.\n\n"
             f"Verwachte duur: {opschorting.verwachte_duur}.\n"
             f"Getroffen gegevensdiensten: {', '.join(s['gegevensdiensten']) or 'geen'}.\n"
             f"Getroffen zorgaanbieders: {s['aantal_aanbieders']}"
             + (f" (o.a. {', '.join(s['aanbieders'][:20])})" if s["aanbieders"] else "") + ".\n"
             f"Getroffen OAuth-clients: {', '.join(s['oauthclients']) or 'geen'}.\n\n"
             "Hun entries zijn uit de lijsten van het stelsel verwijderd. Dit bericht is bestemd voor deelnemers.")
    send_mass_mail([(f"Opschorting van {d}", tekst, None, [a]) for a in sorted(adressen)], fail_silently=False)


@transaction.atomic
@vereist_recht(Actie.NALEVING_BEHANDELEN)
def opschorten(*, actor, deelnemer: Deelnemer, niveau: int, besluit, zaak=None, datum: dt.date | None = None,
               toelichting: str = "") -> Opschorting:
    if niveau not in VERWACHTE_DUUR:
        raise ValidationError({"niveau": "Kies niveau 1, 2, 3 of 4."})
    datum = datum or dln.vandaag()
    if Opschorting.objects.filter(deelnemer=deelnemer, opgeheven_op__isnull=True).exists():
        raise ValidationError({"niveau": "Deze deelnemer is al opgeschort; hef die opschorting eerst op."})
    if niveau == 4:
        dln.deelnemer_overgang(actor=actor, deelnemer=deelnemer, overgang="uitsluiten", besluit=besluit, datum=datum,
                               toelichting=toelichting or "Opschorting niveau 4: definitief")
    else:
        dln.deelnemer_overgang(actor=actor, deelnemer=deelnemer, overgang="opschorten", besluit=besluit, datum=datum,
                               toelichting=toelichting or f"Opschorting niveau {niveau}")
    maatregel = Opschorting.objects.create(deelnemer=deelnemer, zaak=zaak, niveau=niveau, besluit=besluit,
                                           ingegaan_op=datum, scope=scope(deelnemer))
    vastleggen(actor=actor, actie="opschorting.ingegaan", obj=maatregel,
               na={"niveau": niveau, "besluit": besluit.nummer, "zaak": getattr(zaak, "nummer", None)})
    _bericht_aan_deelnemers(maatregel)
    return maatregel


@transaction.atomic
@vereist_recht(een_van=(Actie.EIGEN_DEELNEMER_LEZEN, Actie.NALEVING_BEHANDELEN))
def gebruikers_geinformeerd(*, actor, opschorting: Opschorting, datum: dt.date) -> Opschorting:
    """Level 2 and up: the participant confirms it has informed its users (staff may record it too)."""
    opschorting = Opschorting.objects.select_for_update().get(pk=opschorting.pk)
    if opschorting.niveau < 2:
        raise ValidationError({"niveau": "Pas vanaf niveau 2 moet de deelnemer zijn gebruikers informeren."})
    if datum < opschorting.ingegaan_op or datum > dln.vandaag():
        raise ValidationError({"datum": "De datum ligt tussen de ingang van de opschorting en vandaag."})
    opschorting.gebruikers_geinformeerd_op = datum
    opschorting.save(update_fields=["gebruikers_geinformeerd_op"])
    vastleggen(actor=actor, actie="opschorting.gebruikers_geinformeerd", obj=opschorting, na={"datum": datum})
    return opschorting


@transaction.atomic
@vereist_recht(Actie.NALEVING_BEHANDELEN)
def opschorting_opheffen(*, actor, opschorting: Opschorting, besluit, datum: dt.date | None = None) -> Opschorting:
    opschorting = Opschorting.objects.select_for_update().get(pk=opschorting.pk)
    if opschorting.opgeheven_op or opschorting.niveau == 4:
        raise ValidationError({"opschorting": "Deze opschorting loopt niet (meer) of is definitief."})
    if besluit is None or besluit.soort != BesluitSoort.OPHEFFING or besluit.deelnemer_id != opschorting.deelnemer_id:
        raise ValidationError({"besluit": "Kies het besluit tot opheffing over deze deelnemer."})
    datum = datum or dln.vandaag()
    dln.deelnemer_overgang(actor=actor, deelnemer=opschorting.deelnemer, overgang="opschorting_opheffen",
                           besluit=besluit, datum=datum)
    opschorting.opgeheven_op, opschorting.opheffingsbesluit = datum, besluit
    opschorting.save(update_fields=["opgeheven_op", "opheffingsbesluit"])
    vastleggen(actor=actor, actie="opschorting.opgeheven", obj=opschorting, na={"besluit": besluit.nummer})
    return opschorting


def lopende(deelnemer_ids) -> dict[int, Opschorting]:
    return {o.deelnemer_id: o for o in Opschorting.objects.filter(deelnemer_id__in=deelnemer_ids,
                                                                  opgeheven_op__isnull=True)}
