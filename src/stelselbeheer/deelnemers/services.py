import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, kan, vereist_recht
from stelselbeheer.kern.services import opslaan_nieuw, wijzigen
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.organisaties.services import organisatie_aanmaken

from . import rules, workflow
from .models import Deelnemer, DeelnemerRol, DeelnemerStatus, Kwalificatie, Statuswijziging

#: the status is not among them: it changes only through ``deelnemer_overgang`` (workflow.py)
WIJZIGBARE_VELDEN = {"overeenkomstversie", "ondertekend_op", "contact_email"}


@transaction.atomic
@vereist_recht(Actie.DEELNEMER_WIJZIGEN)
def deelnemer_registreren(*, actor, organisatie, overeenkomstversie: str, status_sinds: dt.date,
                          ondertekend_op: dt.date | None = None, status: str = DeelnemerStatus.AANGEMELD,
                          rollen: list[str] | tuple = (), reden: str = "") -> Deelnemer:
    """Record that an organisation signed (or applied for) the deelnemersovereenkomst, with its roles."""
    if Deelnemer.objects.filter(organisatie=organisatie).exists():
        raise ValidationError({"organisatie": "Deze organisatie is al als deelnemer geregistreerd."})
    deelnemer = opslaan_nieuw(
        actor=actor, actie="deelnemer.geregistreerd", reden=reden,
        obj=Deelnemer(organisatie=organisatie, overeenkomstversie=overeenkomstversie,
                      ondertekend_op=ondertekend_op, status=status, status_sinds=status_sinds))
    for rol in rollen:
        deelnemer_rol_toekennen(actor=actor, deelnemer=deelnemer, rol=rol, sinds=status_sinds)
    Statuswijziging.objects.create(deelnemer=deelnemer, overgang="geregistreerd", naar=status, datum=status_sinds,
                                   toelichting=reden, door=_gebruiker(actor))
    return deelnemer


def _gebruiker(actor):
    return actor if getattr(actor, "pk", None) else None


def vandaag() -> dt.date:
    return rules.datum_in_amsterdam(timezone.now())


@transaction.atomic
@vereist_recht(Actie.DEELNEMER_AANMELDEN)
def toetreding_aanvragen(*, actor, organisatie: Organisatie | None = None, organisatie_gegevens: dict | None = None,
                         overeenkomstversie: str, rollen: list[str], contact_email: str,
                         toelichting: str = "") -> Deelnemer:
    """An application to join (by a prospective participant through the public form, or by staff): the
    organisation (new, or known by its KvK number) becomes a participant in status 'aanvraag ingediend'."""
    if not rollen:
        raise ValidationError({"rollen": "Kies ten minste één rol."})
    if organisatie is None:
        gegevens = organisatie_gegevens or {}
        organisatie = Organisatie.objects.filter(kvk_nummer=gegevens.get("kvk_nummer", "")).first()
        if organisatie is None:
            organisatie = organisatie_aanmaken(actor=actor, reden="aanvraag tot toetreding", **gegevens)
    deelnemer = deelnemer_registreren(actor=actor, organisatie=organisatie, overeenkomstversie=overeenkomstversie,
                                      status_sinds=vandaag(), rollen=rollen, reden="aanvraag tot toetreding")
    Deelnemer.objects.filter(pk=deelnemer.pk).update(contact_email=contact_email, aanvraag_toelichting=toelichting)
    deelnemer.refresh_from_db()
    deelnemer.full_clean()
    return deelnemer


@transaction.atomic
@vereist_recht(een_van=(Actie.TOETREDING_BEHANDELEN, Actie.TOETREDING_BESLUITEN))
def deelnemer_overgang(*, actor, deelnemer: Deelnemer, overgang: str, datum: dt.date | None = None,
                       besluit=None, toelichting: str = "", gegevens: dict | None = None,
                       maatregel: bool = False, namens: str = "") -> Deelnemer:
    """Move a participant along the declared workflow (workflow.OVERGANGEN): the one way its status changes.

    ``gegevens`` are the fields the transition records (e.g. the advice, the signing date, the end date).
    A refused transition raises ValidationError naming, per field, every rule that is not met.

    ``maatregel`` is True only when a compliance service (naleving) sets the step as the effect of its measure.
    The steps of a suspension (``Overgang.via``) are set that way only, so a suspension always has its level,
    planned end, scope and notice (NAL-OPSCHORTING-PAD).

    ``namens`` names the board step whose decision this step carries as its effect, in the same transaction
    (dissolution, "ontbinden", ends the participation): the decision is checked as enabling that step (OVL-STAP)."""
    stap = workflow.PER_NAAM.get(overgang)
    if stap is None:
        raise ValidationError({"overgang": f"Onbekende overgang '{overgang}'."})
    if actor is not None and not kan(actor, stap.actie):
        raise PermissionDenied("Uw rol mag deze stap niet zetten.")
    if stap.via and not maatregel:
        raise ValidationError({"overgang": (
            f"NAL-OPSCHORTING-PAD: '{stap.label}' gaat via de naleving, met niveau, geplande einddatum en bericht aan "
            f"de deelnemers: de knop bij de opschorting op de deelnemerpagina, of {stap.via}.")})
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer.pk)
    gegevens = dict(gegevens or {})
    onbekend = set(gegevens) - set(stap.velden)
    if onbekend:
        raise ValidationError({v: "Dit veld hoort niet bij deze stap." for v in sorted(onbekend)})
    voor = momentopname(deelnemer)
    fouten = {}
    for veld, waarde in gegevens.items():
        try:  # values from the API arrive as text
            setattr(deelnemer, veld, Deelnemer._meta.get_field(veld).to_python(waarde))
        except ValidationError as e:
            fouten[veld] = e.messages
    if fouten:
        raise ValidationError(fouten)
    if stap.naam == "uittreding_starten" and besluit is not None and besluit.soort in workflow.UITTREDING_DOOR:
        deelnemer.uittreding_soort = workflow.UITTREDING_DOOR[besluit.soort]
    datum = datum or vandaag()
    context = workflow.Context(datum, besluit, toelichting, namens if maatregel else "")
    fouten = workflow.weigeringen(stap, deelnemer, context)
    if fouten:
        raise ValidationError(fouten)
    deelnemer.status, deelnemer.status_sinds = stap.naar, datum
    deelnemer.full_clean()
    deelnemer.save()
    try:
        with transaction.atomic():
            Statuswijziging.objects.create(deelnemer=deelnemer, overgang=stap.naam, van=voor["status"],
                                           naar=stap.naar, datum=datum, besluit=besluit, toelichting=toelichting,
                                           door=_gebruiker(actor))
    except IntegrityError as e:  # BES-EENMAAL in the database: the guard above saw no earlier use, a racer did
        raise ValidationError({"besluit": workflow.besluit_al_gebruikt(besluit) or str(e)}) from e
    na = momentopname(deelnemer)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    vastleggen(actor=actor, actie=f"deelnemer.{stap.naam}", obj=deelnemer, reden=toelichting,
               voor={k: voor.get(k) for k in gewijzigd}, na={k: na[k] for k in gewijzigd} | {
                   "besluit": getattr(besluit, "nummer", None)})
    return deelnemer


@transaction.atomic
@vereist_recht(Actie.DEELNEMER_WIJZIGEN)
def deelnemer_wijzigen(*, actor, deelnemer: Deelnemer, wijzigingen: dict, reden: str = "") -> Deelnemer:
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer.pk)
    return wijzigen(actor=actor, obj=deelnemer, wijzigingen=wijzigingen, toegestaan=WIJZIGBARE_VELDEN,
                    actie="deelnemer.gewijzigd", reden=reden)


@transaction.atomic
@vereist_recht(Actie.DEELNEMER_WIJZIGEN)
def deelnemer_rol_toekennen(*, actor, deelnemer: Deelnemer, rol: str, sinds: dt.date,
                            reden: str = "") -> DeelnemerRol:
    if DeelnemerRol.objects.filter(deelnemer=deelnemer, rol=rol).exists():
        raise ValidationError({"rol": "De deelnemer heeft deze rol al."})
    return opslaan_nieuw(actor=actor, obj=DeelnemerRol(deelnemer=deelnemer, rol=rol, sinds=sinds),
                         actie="deelnemer.rol_toegekend", reden=reden)


@transaction.atomic
@vereist_recht(Actie.DEELNEMER_WIJZIGEN)
def kwalificatie_vastleggen(*, actor, deelnemer: Deelnemer, rol: str, gegevensdienst, testdatum: dt.date,
                            resultaat: str, geldig_tot: dt.date | None = None, opmerking: str = "",
                            bewijs=None, reden: str = "") -> Kwalificatie:
    """Record a test result. Without ``geldig_tot`` it is valid for the full 365 days (NAL-365)."""
    if not deelnemer.rollen.filter(rol=rol).exists():
        raise ValidationError({"rol": "De deelnemer heeft deze rol niet; een kwalificatie hoort bij een rol "
                                      "die de deelnemer vervult of aanvraagt."})
    kwalificatie = Kwalificatie(deelnemer=deelnemer, rol=rol, gegevensdienst=gegevensdienst,
                                testdatum=testdatum, resultaat=resultaat,
                                geldig_tot=geldig_tot or rules.uiterste_geldig_tot(testdatum), opmerking=opmerking)
    if bewijs:
        soort_ok = bewijs.name.lower().endswith((".pdf", ".txt", ".json", ".xml", ".zip"))
        if not soort_ok or bewijs.size > 20 * 1024 * 1024:
            raise ValidationError({"bewijs": "Het bewijs is een PDF-, TXT-, JSON-, XML- of ZIP-bestand van hooguit "
                                            "20 MB."})
        kwalificatie.bewijs = bewijs
    return opslaan_nieuw(actor=actor, obj=kwalificatie, actie="kwalificatie.vastgelegd", reden=reden)
