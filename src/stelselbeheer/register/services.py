from django.core.exceptions import ValidationError
from django.db import transaction

from stelselbeheer.deelnemers.models import Deelnemer, RolSoort
from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.kern.services import opslaan_nieuw, wijzigen

from .models import (
    Aanbieder,
    AanbiederGegevensdienst,
    Aanbiedertype,
    Gegevensdienst,
    OAuthclient,
    Systeemrol,
    standaard_interfaceversies,
)
from .zoeken import zoektekst


def _aanbiedertype(waarde: str | Aanbiedertype | None) -> Aanbiedertype | None:
    """REG-AANBIEDERTYPE: the Aanbiedertype by its code (None: none given, published as ZA); an unknown code is a
    field error on ``aanbiedertype``."""
    if waarde is None or isinstance(waarde, Aanbiedertype):
        return waarde
    if not isinstance(waarde, str):
        raise ValidationError({"aanbiedertype": "Geef de code van het aanbiedertype als tekst, zoals ZA."})
    if not waarde.strip():
        return None
    gevonden = Aanbiedertype.objects.filter(code=waarde.strip(), in_gebruik=True).first()
    if gevonden is None:
        codes = ", ".join(Aanbiedertype.objects.filter(in_gebruik=True).values_list("code", flat=True))
        raise ValidationError({"aanbiedertype": f"Onbekend aanbiedertype '{waarde[:20]}'; kies uit: {codes}."})
    return gevonden


def _eis_rol(deelnemer: Deelnemer | None, rol: str, veld: str) -> None:
    """REG-DVA / REG-DVP: an aanbieder is connected by a DVA participant, a client belongs to a DVP."""
    if deelnemer is not None and not deelnemer.rollen.filter(rol=rol).exists():
        raise ValidationError({veld: f"{deelnemer} heeft niet de rol {RolSoort(rol).label}."})


@transaction.atomic
@vereist_recht(Actie.GEGEVENSDIENST_WIJZIGEN)
def gegevensdienst_aanmaken(*, actor, code: str, naam: str, in_gebruik: bool = True,
                            reden: str = "") -> Gegevensdienst:
    return opslaan_nieuw(actor=actor, obj=Gegevensdienst(code=code, naam=naam, in_gebruik=in_gebruik),
                         actie="gegevensdienst.aangemaakt", reden=reden)


@transaction.atomic
@vereist_recht(Actie.GEGEVENSDIENST_WIJZIGEN)
def gegevensdienst_wijzigen(*, actor, gegevensdienst: Gegevensdienst, wijzigingen: dict,
                            reden: str = "") -> Gegevensdienst:
    return wijzigen(actor=actor, obj=gegevensdienst, wijzigingen=wijzigingen, toegestaan={"naam", "in_gebruik"},
                    actie="gegevensdienst.gewijzigd", reden=reden)


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def aanbieder_aanmaken(*, actor, naam: str, weergavenaam: str, organisatie, dva: Deelnemer, soort: str = "",
                       plaats: str = "", aanbiedertype: str | Aanbiedertype | None = None, hrn: str = "",
                       reden: str = "") -> Aanbieder:
    _eis_rol(dva, RolSoort.DVA, "dva")
    aanbieder = Aanbieder(naam=naam, weergavenaam=weergavenaam, organisatie=organisatie, dva=dva,
                          soort=soort or Aanbieder._meta.get_field("soort").default,
                          plaats=plaats or organisatie.plaats, aanbiedertype=_aanbiedertype(aanbiedertype),
                          hrn=hrn)
    aanbieder.zoektekst = zoektekst(weergavenaam=aanbieder.weergavenaam, plaats=aanbieder.plaats, naam=naam)
    return opslaan_nieuw(actor=actor, obj=aanbieder, actie="aanbieder.aangemaakt", reden=reden)


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def aanbieder_wijzigen(*, actor, aanbieder: Aanbieder, wijzigingen: dict, reden: str = "") -> Aanbieder:
    aanbieder = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
    if "dva" in wijzigingen:
        _eis_rol(wijzigingen["dva"], RolSoort.DVA, "dva")
    if "aanbiedertype" in wijzigingen:
        wijzigingen = {**wijzigingen, "aanbiedertype": _aanbiedertype(wijzigingen["aanbiedertype"])}
    wijzigingen = {**wijzigingen, "zoektekst": zoektekst(
        weergavenaam=wijzigingen.get("weergavenaam", aanbieder.weergavenaam),
        plaats=wijzigingen.get("plaats", aanbieder.plaats), naam=aanbieder.naam)}
    return wijzigen(actor=actor, obj=aanbieder, wijzigingen=wijzigingen,
                    toegestaan={"weergavenaam", "soort", "organisatie", "dva", "plaats", "zoektekst", "aanbiedertype",
                                "hrn"},
                    actie="aanbieder.gewijzigd", reden=reden)


def _dienst_toestand(dienst: AanbiederGegevensdienst) -> dict:
    return {
        "gegevensdienst": dienst.gegevensdienst.code,
        "authorization_endpoint": dienst.authorization_endpoint,
        "token_endpoint": dienst.token_endpoint,
        "systeemrollen": {s.code: s.resource_endpoint for s in dienst.systeemrollen.all()},
        "interfaceversies": dienst.interfaceversies,
        "abonneren_maximale_duur": dienst.abonneren_maximale_duur,
        "abonneren_endpoint": dienst.abonneren_endpoint,
    }


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def aanbieder_dienst_instellen(*, actor, aanbieder: Aanbieder, gegevensdienst: Gegevensdienst,
                               authorization_endpoint: str, token_endpoint: str,
                               systeemrollen: dict[str, str], interfaceversies: list[str] | None = None,
                               abonneren_maximale_duur: int | None = None, abonneren_endpoint: str = "",
                               reden: str = "") -> AanbiederGegevensdienst:
    """Set (create or replace) the endpoints and system roles by which an aanbieder offers a gegevensdienst, with
    its interface versions (none given: those it had, or the default) and an optional subscription."""
    if not systeemrollen:
        raise ValidationError({"systeemrollen": "Geef minstens één systeemrol met resource endpoint op."})
    dienst = (AanbiederGegevensdienst.objects.select_for_update()
              .filter(aanbieder=aanbieder, gegevensdienst=gegevensdienst).first())
    voor = _dienst_toestand(dienst) if dienst else None
    if dienst is None:
        dienst = AanbiederGegevensdienst(aanbieder=aanbieder, gegevensdienst=gegevensdienst)
    dienst.authorization_endpoint = authorization_endpoint
    dienst.token_endpoint = token_endpoint
    if interfaceversies is not None:
        dienst.interfaceversies = interfaceversies
    elif not dienst.interfaceversies:
        dienst.interfaceversies = standaard_interfaceversies()
    dienst.abonneren_maximale_duur = abonneren_maximale_duur
    dienst.abonneren_endpoint = abonneren_endpoint or ""
    fouten: dict[str, list[str]] = {}  # every error at once, not only the first part that fails
    try:
        dienst.full_clean()
    except ValidationError as e:
        fouten.update(e.message_dict)
    rollen = [Systeemrol(code=code, resource_endpoint=url) for code, url in systeemrollen.items()]
    for index, rol in enumerate(rollen):
        try:
            rol.clean_fields(exclude=["dienst"])
        except ValidationError as e:
            fouten.update({f"systeemrollen.{index}.{k}": v for k, v in e.message_dict.items()})
    if fouten:
        raise ValidationError(fouten)
    dienst.save()
    dienst.systeemrollen.all().delete()
    for rol in rollen:
        rol.dienst = dienst
    Systeemrol.objects.bulk_create(rollen)
    vastleggen(actor=actor, actie="aanbieder.dienst_ingesteld", obj=dienst, voor=voor,
               na=_dienst_toestand(dienst), reden=reden)
    return dienst


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def aanbieder_dienst_verwijderen(*, actor, dienst: AanbiederGegevensdienst, reden: str = "") -> None:
    vastleggen(actor=actor, actie="aanbieder.dienst_verwijderd", obj=dienst, voor=_dienst_toestand(dienst),
               reden=reden)
    dienst.delete()


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def oauthclient_aanmaken(*, actor, hostname: str, organisatienaam: str, dvp: Deelnemer,
                         reden: str = "") -> OAuthclient:
    _eis_rol(dvp, RolSoort.DVP, "dvp")
    return opslaan_nieuw(actor=actor, obj=OAuthclient(hostname=hostname, organisatienaam=organisatienaam, dvp=dvp),
                         actie="oauthclient.aangemaakt", reden=reden)


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def oauthclient_wijzigen(*, actor, client: OAuthclient, wijzigingen: dict, reden: str = "") -> OAuthclient:
    if "dvp" in wijzigingen:
        _eis_rol(wijzigingen["dvp"], RolSoort.DVP, "dvp")
    return wijzigen(actor=actor, obj=client, wijzigingen=wijzigingen,
                    toegestaan={"hostname", "organisatienaam", "dvp"}, actie="oauthclient.gewijzigd", reden=reden)


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_WIJZIGEN)
def oauthclient_verwijderen(*, actor, client: OAuthclient, reden: str = "") -> None:
    vastleggen(actor=actor, actie="oauthclient.verwijderd", obj=client, voor=momentopname(client), reden=reden)
    client.delete()
