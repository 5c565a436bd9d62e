"""Suspension (opschorting) levels 1-4 of the Nalevingsbeleid (rule NAL-OPSCHORTING), on a board decision.

- from level 1 the participant's entries leave the lists at once: the participant steps to 'opgeschort'
  (level 4: 'beëindigd') through the workflow, which plans a publication that names the step and its decision;
  the other participants are told internally the expected duration, the planned end and the scope (aanbieders,
  gegevensdiensten, clients);
- from level 2 the participant must inform its users: the measure tracks the confirmation;
- from level 3 the public participants page shows it inactive (levels 1-2: still active there);
- level 4 ends the participation and takes it off the public list of participants.
Lifting a suspension (on a decision) makes the participant active again: its entries return to the lists as
far as they still qualify (the list rules decide, as always).

NAL-OPSCHORTING-EINDE: levels 1-3 have a planned end (default one day for level 1 and a week for level 2; level 3
names it). The nightly check (``einde_signaleren``, run by ``stelsel kwalificaties_controleren``) turns a
suspension past its planned end into a staff task, once: lift it, or extend it on a new decision
(``opschorting_verlengen``), so the public page never silently shows a stale state.

NAL-OPSCHORTING-PAD: these services are the one path of a suspension. The participant's workflow steps
'opschorten', 'opschorting_verlengen' and 'opschorting_opheffen' are set only from here (``maatregel=True``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from stelselbeheer.deelnemers import services as dln
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Actie, Rol, vereist_recht

from . import rules
from .models import STANDAARD_DAGEN, VERWACHTE_DUUR, Opschorting

#: the longest planned end, in days after the start (or after today, when extending)
MAX_DAGEN = 365


def scope(deelnemer: Deelnemer) -> dict:
    from stelselbeheer.register.models import AanbiederGegevensdienst, OAuthclient

    diensten = AanbiederGegevensdienst.objects.filter(aanbieder__dva=deelnemer)
    return {"aanbieders": sorted(set(diensten.values_list("aanbieder__naam", flat=True)))[:500],
            "aantal_aanbieders": deelnemer.aanbieders.count(),
            "gegevensdiensten": sorted(set(diensten.values_list("gegevensdienst__code", flat=True))),
            "oauthclients": sorted(OAuthclient.objects.filter(dvp=deelnemer).values_list("hostname", flat=True))}


def _bericht_aan_deelnemers(opschorting: Opschorting, verlengd: bool = False) -> None:
    """The internal notice to the other participants (level 1 and up): expected duration, planned end and scope;
    again when the suspension is extended (the expected duration changed)."""
    d, s = opschorting.deelnemer, opschorting.scope
    anderen = Deelnemer.objects.filter(status=DeelnemerStatus.ACTIEF).exclude(pk=d.pk)
    adressen = set(anderen.exclude(contact_email="").values_list("contact_email", flat=True))
    adressen |= set(Gebruiker.objects.filter(deelnemer__in=anderen, is_active=True).exclude(email="")
                    .values_list("email", flat=True))
    if not adressen:
        return
    if verlengd:
        onderwerp = f"Opschorting van {d} verlengd"
        aanhef = (f"Het bestuur heeft de opschorting van de deelname van {d} (niveau {opschorting.niveau}, sinds "
                  f"{opschorting.ingegaan_op:%d-%m-%Y}) verlengd tot en met {opschorting.gepland_tot:%d-%m-%Y}.\n\n")
    else:
        onderwerp = f"Opschorting van {d}"
        aanhef = (f"Het bestuur heeft de deelname van {d} opgeschort (besluit {opschorting.besluit.nummer}, niveau "
                  f"{opschorting.niveau}), met ingang van {opschorting.ingegaan_op:%d-%m-%Y}.\n\n")
    einde = f"Gepland tot en met: {opschorting.gepland_tot:%d-%m-%Y}.\n" if opschorting.gepland_tot else ""
    tekst = (aanhef + f"Verwachte duur: {opschorting.verwachte_duur}.\n" + einde
             + f"Getroffen gegevensdiensten: {', '.join(s['gegevensdiensten']) or 'geen'}.\n"
             f"Getroffen zorgaanbieders: {s['aantal_aanbieders']}"
             + (f" (o.a. {', '.join(s['aanbieders'][:20])})" if s["aanbieders"] else "") + ".\n"
             f"Getroffen OAuth-clients: {', '.join(s['oauthclients']) or 'geen'}.\n\n"
             "Hun entries zijn uit de lijsten van het stelsel verwijderd. Dit bericht is bestemd voor deelnemers.")
    send_mass_mail([(onderwerp, tekst, None, [a]) for a in sorted(adressen)], fail_silently=False)


def _datum_toetsen(datum: dt.date, *, vroegst: dt.date | None, vroegst_wat: str) -> None:
    bezwaar = rules.stapdatum_bezwaar(datum, vandaag=dln.vandaag(), vroegst=vroegst, vroegst_wat=vroegst_wat)
    if bezwaar:
        raise ValidationError({"datum": bezwaar})


def _gepland_tot(niveau: int, begin: dt.date, gepland_tot: dt.date | None, vanaf: dt.date) -> dt.date | None:
    """NAL-OPSCHORTING-EINDE: the planned end of a suspension of ``niveau`` from ``begin``: after the start, not
    already past on ``vanaf`` (today), at most a year ahead; a default for levels 1 and 2, none for level 4."""
    if niveau == 4:
        if gepland_tot is not None:
            raise ValidationError({"gepland_tot": "Niveau 4 is definitief: laat de geplande einddatum leeg."})
        return None
    if gepland_tot is None:
        if niveau not in STANDAARD_DAGEN:
            raise ValidationError({"gepland_tot": "Vul de geplande einddatum in: niveau 3 duurt vanaf circa één "
                                                  "week, het besluit noemt tot wanneer."})
        gepland_tot = begin + dt.timedelta(days=STANDAARD_DAGEN[niveau])
    uiterst = max(begin, vanaf) + dt.timedelta(days=MAX_DAGEN)
    if gepland_tot <= begin or gepland_tot < vanaf or gepland_tot > uiterst:
        raise ValidationError({"gepland_tot": f"De geplande einddatum ligt na de ingang ({begin:%d-%m-%Y}), niet "
                                              f"voor vandaag en uiterlijk op {uiterst:%d-%m-%Y}."})
    return gepland_tot


@vereist_recht(Actie.NALEVING_BEHANDELEN)
def lopende_beeindigen(*, actor, deelnemer: Deelnemer, besluit, datum: dt.date, reden: str) -> None:
    """The participation ends (level 4, dissolution): a running suspension ends with it, on that decision. Runs in
    the transaction of the step that ends the participation."""
    for lopend in Opschorting.objects.select_for_update().filter(deelnemer=deelnemer, opgeheven_op__isnull=True):
        lopend.opgeheven_op, lopend.opheffingsbesluit = datum, besluit
        lopend.save(update_fields=["opgeheven_op", "opheffingsbesluit"])
        vastleggen(actor=actor, actie="opschorting.beeindigd", obj=lopend, reden=reden,
                   na={"besluit": besluit.nummer, "datum": datum})


@transaction.atomic
@vereist_recht(Actie.NALEVING_BEHANDELEN)
def opschorten(*, actor, deelnemer: Deelnemer, niveau: int, besluit, zaak=None, datum: dt.date | None = None,
               gepland_tot: dt.date | None = None, toelichting: str = "") -> Opschorting:
    """Suspend a participant at ``niveau`` 1-4 on a board decision, until ``gepland_tot`` (levels 1-3).

    Level 4 ends the participation; a running suspension then ends with it (escalation needs no lifting first)."""
    if niveau not in VERWACHTE_DUUR:
        raise ValidationError({"niveau": "Kies niveau 1, 2, 3 of 4."})
    datum = datum or dln.vandaag()
    _datum_toetsen(datum, vroegst=getattr(besluit, "datum", None), vroegst_wat="het besluit")
    gepland_tot = _gepland_tot(niveau, datum, gepland_tot, dln.vandaag())
    lopend = Opschorting.objects.filter(deelnemer=deelnemer, opgeheven_op__isnull=True).exists()
    if lopend and niveau < 4:
        raise ValidationError({"niveau": "Deze deelnemer is al opgeschort: verleng of hef die opschorting op."})
    if niveau == 4:
        dln.deelnemer_overgang(actor=actor, deelnemer=deelnemer, overgang="uitsluiten", besluit=besluit, datum=datum,
                               toelichting=toelichting or "Opschorting niveau 4: definitief", maatregel=True)
        lopende_beeindigen(actor=actor, deelnemer=deelnemer, besluit=besluit, datum=datum,
                            reden="Opschorting niveau 4: de deelname is beëindigd")
    else:
        dln.deelnemer_overgang(actor=actor, deelnemer=deelnemer, overgang="opschorten", besluit=besluit, datum=datum,
                               toelichting=toelichting or f"Opschorting niveau {niveau} tot en met "
                                                          f"{gepland_tot:%d-%m-%Y}", maatregel=True)
    maatregel = Opschorting.objects.create(deelnemer=deelnemer, zaak=zaak, niveau=niveau, besluit=besluit,
                                           ingegaan_op=datum, gepland_tot=gepland_tot, scope=scope(deelnemer))
    vastleggen(actor=actor, actie="opschorting.ingegaan", obj=maatregel,
               na={"niveau": niveau, "besluit": besluit.nummer, "zaak": getattr(zaak, "nummer", None),
                   "gepland_tot": gepland_tot})
    _bericht_aan_deelnemers(maatregel)
    return maatregel


def _lopend(opschorting: Opschorting) -> Opschorting:
    opschorting = Opschorting.objects.select_for_update().select_related("deelnemer").get(pk=opschorting.pk)
    if opschorting.opgeheven_op or opschorting.niveau == 4:
        raise ValidationError({"opschorting": "Deze opschorting loopt niet (meer) of is definitief."})
    return opschorting


@transaction.atomic
@vereist_recht(Actie.NALEVING_BEHANDELEN)
def opschorting_verlengen(*, actor, opschorting: Opschorting, besluit, gepland_tot: dt.date | None,
                          datum: dt.date | None = None, toelichting: str = "") -> Opschorting:
    """NAL-OPSCHORTING-EINDE: extend a running suspension (levels 1-3) to a later planned end, on a new public
    decision to suspend. The other participants hear the new expected end; the public timeline shows the step."""
    opschorting = _lopend(opschorting)
    datum = datum or dln.vandaag()
    _datum_toetsen(datum, vroegst=opschorting.ingegaan_op, vroegst_wat="de ingang van de opschorting")
    if gepland_tot is None or (opschorting.gepland_tot and gepland_tot <= opschorting.gepland_tot) \
            or gepland_tot <= datum or gepland_tot > datum + dt.timedelta(days=MAX_DAGEN):
        huidig = f"{opschorting.gepland_tot:%d-%m-%Y}" if opschorting.gepland_tot else "geen"
        raise ValidationError({"gepland_tot": f"Kies een nieuwe geplande einddatum na de huidige ({huidig}) en na "
                                              f"{datum:%d-%m-%Y}, uiterlijk een jaar vooruit."})
    voor = {"gepland_tot": opschorting.gepland_tot, "einde_gesignaleerd_op": opschorting.einde_gesignaleerd_op}
    dln.deelnemer_overgang(actor=actor, deelnemer=opschorting.deelnemer, overgang="opschorting_verlengen",
                           besluit=besluit, datum=datum, maatregel=True,
                           toelichting=toelichting or f"Opschorting verlengd tot en met {gepland_tot:%d-%m-%Y}")
    opschorting.gepland_tot, opschorting.einde_gesignaleerd_op = gepland_tot, None
    opschorting.save(update_fields=["gepland_tot", "einde_gesignaleerd_op"])
    vastleggen(actor=actor, actie="opschorting.verlengd", obj=opschorting, reden=toelichting, voor=voor,
               na={"gepland_tot": gepland_tot, "einde_gesignaleerd_op": None, "besluit": besluit.nummer})
    _bericht_aan_deelnemers(opschorting, verlengd=True)
    return opschorting


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
    """Lift a running suspension on a public decision to lift it: the participant is active again."""
    opschorting = _lopend(opschorting)
    datum = datum or dln.vandaag()
    _datum_toetsen(datum, vroegst=opschorting.ingegaan_op, vroegst_wat="de ingang van de opschorting")
    dln.deelnemer_overgang(actor=actor, deelnemer=opschorting.deelnemer, overgang="opschorting_opheffen",
                           besluit=besluit, datum=datum, maatregel=True)
    opschorting.opgeheven_op, opschorting.opheffingsbesluit = datum, besluit
    opschorting.save(update_fields=["opgeheven_op", "opheffingsbesluit"])
    vastleggen(actor=actor, actie="opschorting.opgeheven", obj=opschorting, na={"besluit": besluit.nummer})
    return opschorting


def lopende(deelnemer_ids) -> dict[int, Opschorting]:
    return {o.deelnemer_id: o for o in Opschorting.objects.filter(deelnemer_id__in=deelnemer_ids,
                                                                  opgeheven_op__isnull=True)}


def einde_verstreken(dag: dt.date):
    """NAL-OPSCHORTING-EINDE: running suspensions (levels 1-3) of suspended participants whose planned end has
    passed on ``dag`` (or that have none), or that the nightly check found so: lift or extend them."""
    return (Opschorting.objects.filter(opgeheven_op__isnull=True, niveau__lt=4,
                                       deelnemer__status=DeelnemerStatus.OPGESCHORT)
            .filter(Q(gepland_tot__lt=dag) | Q(gepland_tot__isnull=True) | Q(einde_gesignaleerd_op__isnull=False))
            .select_related("deelnemer__organisatie", "besluit").order_by("gepland_tot", "id"))


def einde_signaleren(*, dag: dt.date) -> tuple[list[Opschorting], list[tuple]]:
    """Part of the nightly check: each suspension past its planned end becomes a staff task once (marked, in the
    audit trail, and an e-mail to the staff of the uitvoeringsorganisatie). Runs in the caller's transaction; the
    rows are locked, so a second or concurrent run adds nothing. Returns the new tasks and their e-mails."""
    nieuw = list(einde_verstreken(dag).filter(einde_gesignaleerd_op__isnull=True).select_for_update(of=("self",)))
    if not nieuw:
        return [], []
    Opschorting.objects.filter(pk__in=[o.pk for o in nieuw]).update(einde_gesignaleerd_op=dag)
    for o in nieuw:
        o.einde_gesignaleerd_op = dag
        vastleggen(actor=None, actie="opschorting.einde_verstreken", obj=o,
                   na={"gepland_tot": o.gepland_tot, "gesignaleerd_op": dag})
    aan = sorted(set(Gebruiker.objects.filter(rol=Rol.UITVOERING, is_active=True).exclude(email="")
                     .values_list("email", flat=True)))
    if not aan:
        return nieuw, []
    regels = "\n".join(
        f"- {o.deelnemer}: niveau {o.niveau}, besluit {o.besluit.nummer}, "
        + (f"gepland tot en met {o.gepland_tot:%d-%m-%Y}" if o.gepland_tot else "zonder geplande einddatum")
        + f" (opheffen: {reverse('opschorting-opheffen', args=[o.pk])}, "
          f"verlengen: {reverse('opschorting-verlengen', args=[o.pk])})" for o in nieuw)
    tekst = ("Het geplande einde van deze opschortingen is verstreken. Leg het besluit van het bestuur vast en hef "
             "de opschorting op of verleng haar, zodat de lijsten en de openbare deelnemerspagina kloppen:\n\n"
             f"{regels}\n\nZie ook de werkvoorraad naleving ({reverse('naleving-werkvoorraad')}).")
    return nieuw, [("Opschortingen voorbij hun geplande einde: opheffen of verlengen", tekst, None, aan)]
