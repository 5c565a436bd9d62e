"""Change requests from the participant portal (rule REG-VERZOEK).

A participant user asks; nothing in the register changes until a staff member approves. On submission the
request is tried against the very service that will carry it out, inside a savepoint that is always rolled
back, so the participant gets the same field-level errors now that approval would give later, and the
validation rules live in one place. On approval the service runs for real, as the approving staff member,
with the request named as the reason.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.organisaties.models import Organisatie

from . import services
from .models import Aanbieder, Gegevensdienst, VerzoekSoort, VerzoekStatus, Wijzigingsverzoek

VELDEN = {
    VerzoekSoort.AANBIEDER_NIEUW: ("naam", "weergavenaam", "plaats", "organisatie_kvk", "aanbiedertype", "hrn"),
    VerzoekSoort.DIENST_INSTELLEN: ("aanbieder", "gegevensdienst", "authorization_endpoint", "token_endpoint",
                                    "systeemrollen", "interfaceversies", "abonneren_maximale_duur",
                                    "abonneren_endpoint"),
    VerzoekSoort.OAUTHCLIENT_NIEUW: ("hostname", "organisatienaam"),
}


class _Proef(Exception):
    pass


def _object(model, veld: str, **zoek):
    obj = model.objects.filter(**zoek).first()
    if obj is None:
        raise ValidationError({veld: f"Onbekend: {next(iter(zoek.values()))}."})
    return obj


def _uitvoeren(*, actor, verzoek: Wijzigingsverzoek, reden: str):
    g, dn = verzoek.gegevens, verzoek.deelnemer
    if verzoek.soort == VerzoekSoort.AANBIEDER_NIEUW:
        organisatie = _object(Organisatie, "organisatie_kvk", kvk_nummer=g.get("organisatie_kvk", ""))
        return services.aanbieder_aanmaken(actor=actor, naam=g.get("naam", ""), weergavenaam=g.get("weergavenaam", ""),
                                           plaats=g.get("plaats", ""), organisatie=organisatie, dva=dn, reden=reden,
                                           aanbiedertype=g.get("aanbiedertype") or None, hrn=g.get("hrn", ""))
    if verzoek.soort == VerzoekSoort.DIENST_INSTELLEN:
        aanbieder = _object(Aanbieder, "aanbieder", naam=g.get("aanbieder", ""), dva=dn)
        dienst = _object(Gegevensdienst, "gegevensdienst", code=g.get("gegevensdienst", ""))
        return services.aanbieder_dienst_instellen(
            actor=actor, aanbieder=aanbieder, gegevensdienst=dienst, reden=reden,
            authorization_endpoint=g.get("authorization_endpoint", ""), token_endpoint=g.get("token_endpoint", ""),
            systeemrollen=g.get("systeemrollen") or {}, interfaceversies=g.get("interfaceversies"),
            abonneren_maximale_duur=g.get("abonneren_maximale_duur"),
            abonneren_endpoint=g.get("abonneren_endpoint") or "")
    if verzoek.soort == VerzoekSoort.OAUTHCLIENT_NIEUW:
        return services.oauthclient_aanmaken(actor=actor, hostname=g.get("hostname", ""),
                                             organisatienaam=g.get("organisatienaam", ""), dvp=dn, reden=reden)
    raise ValidationError({"soort": "Onbekende soort verzoek."})


def _vormfouten(gegevens: dict) -> dict[str, str]:
    """The proposed values as the services take them: text, and system roles as an object of code to URI. (The
    values themselves are checked by the trial run, with the model validators.)"""
    fouten = {}
    for veld, waarde in gegevens.items():
        if veld == "systeemrollen":
            if not isinstance(waarde, dict) or not all(isinstance(v, str) for v in waarde.values()):
                fouten[veld] = "Geef de systeemrollen als object van systeemrolcode naar resource endpoint (tekst)."
        elif veld == "interfaceversies":
            if waarde is not None and (not isinstance(waarde, list) or not all(isinstance(v, str) for v in waarde)):
                fouten[veld] = "Geef de interfaceversies als lijst van teksten, zoals [\"1.4.0\"]."
        elif veld == "abonneren_maximale_duur":
            if waarde is not None and (isinstance(waarde, bool) or not isinstance(waarde, int)):
                fouten[veld] = "Geef de maximale duur als geheel aantal dagen."
        elif not isinstance(waarde, str):
            fouten[veld] = "Geef dit veld als tekst."
    return fouten


@transaction.atomic
@vereist_recht(Actie.VERZOEK_INDIENEN)
def verzoek_indienen(*, actor, deelnemer, soort: str, gegevens: dict, toelichting: str = "") -> Wijzigingsverzoek:
    if soort not in VELDEN:
        raise ValidationError({"soort": "Onbekende soort verzoek."})
    onbekend = set(gegevens) - set(VELDEN[soort])
    if onbekend:
        raise ValidationError({v: "Dit veld hoort niet bij deze soort verzoek." for v in sorted(onbekend)})
    vorm = _vormfouten(gegevens)
    if vorm:
        raise ValidationError(vorm)
    verzoek = Wijzigingsverzoek(deelnemer=deelnemer, soort=soort, gegevens=gegevens, toelichting=toelichting,
                                ingediend_door=actor if getattr(actor, "pk", None) else None)
    try:
        with transaction.atomic():  # a trial run of the real service, always rolled back
            _uitvoeren(actor=actor, verzoek=verzoek, reden="proef")
            raise _Proef
    except _Proef:
        pass
    verzoek.full_clean()
    verzoek.save()
    vastleggen(actor=actor, actie="verzoek.ingediend", obj=verzoek, na=momentopname(verzoek))
    return verzoek


def _open(verzoek) -> Wijzigingsverzoek:
    verzoek = Wijzigingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != VerzoekStatus.INGEDIEND:
        raise ValidationError({"status": f"Dit verzoek is al {verzoek.get_status_display().lower()}."})
    return verzoek


@transaction.atomic
@vereist_recht(Actie.VERZOEK_BEOORDELEN)
def verzoek_goedkeuren(*, actor, verzoek: Wijzigingsverzoek, reden: str = "") -> Wijzigingsverzoek:
    """Carry the request out (as ``actor``) and mark it approved; a request that no longer validates (the
    register changed since) raises the service's errors and stays open."""
    verzoek = _open(verzoek)
    _uitvoeren(actor=actor, verzoek=verzoek, reden=f"Wijzigingsverzoek #{verzoek.pk} van {verzoek.deelnemer}")
    verzoek.status, verzoek.beoordeeld_door, verzoek.beoordeeld_op = VerzoekStatus.GOEDGEKEURD, actor, timezone.now()
    verzoek.reden = reden
    verzoek.save()
    vastleggen(actor=actor, actie="verzoek.goedgekeurd", obj=verzoek, reden=reden)
    return verzoek


@transaction.atomic
@vereist_recht(Actie.VERZOEK_BEOORDELEN)
def verzoek_afwijzen(*, actor, verzoek: Wijzigingsverzoek, reden: str) -> Wijzigingsverzoek:
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden van de afwijzing; de deelnemer ziet die."})
    verzoek = _open(verzoek)
    verzoek.status, verzoek.beoordeeld_door, verzoek.beoordeeld_op = VerzoekStatus.AFGEWEZEN, actor, timezone.now()
    verzoek.reden = reden
    verzoek.save()
    vastleggen(actor=actor, actie="verzoek.afgewezen", obj=verzoek, reden=reden)
    return verzoek
