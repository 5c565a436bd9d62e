"""Roles and the access rules, as data: one table of role x action, read by every page, API call, admin
model and service.

A permission check has two halves. ``kan(user, actie)`` answers whether a role may perform an action at
all (this table). Which *objects* a user may see is the second half: participant users only see their
own participant, regional users only their own RSO's region. That scoping lives in the ``zichtbaar_*``
query helpers of the apps, which take the same user.

Pages check with ``kern.views.vereist``, the API with ``api.auth.Recht`` (a session or an API token, whose scope
narrows the role's rights further), the Django admin with
``kern.admin.AlleenLezenAdmin.actie``, and every service a user can trigger with ``vereist_recht`` below, so
a new entrance (a script, an admin action, a later module) meets the same table.
"""

from __future__ import annotations

import inspect
from contextvars import ContextVar
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models


class Rol(models.TextChoices):
    BESTUUR = "bestuur", "Bestuur"
    UITVOERING = "uitvoering", "Uitvoeringsorganisatie"
    DEELNEMER = "deelnemer", "Deelnemer"
    REGIO = "regio", "Regionale organisatie"
    AUDITOR = "auditor", "Auditor"


#: The anonymous public has no account; its actions are listed under this key.
PUBLIEK = "publiek"


class Actie(models.TextChoices):
    REGISTER_PUBLIEK_LEZEN = "register.publiek_lezen", "Openbaar register raadplegen"
    ORGANISATIE_LEZEN = "organisatie.lezen", "Organisaties raadplegen"
    ORGANISATIE_WIJZIGEN = "organisatie.wijzigen", "Organisaties vastleggen en wijzigen"
    DEELNEMER_LEZEN = "deelnemer.lezen", "Deelnemers raadplegen"
    DEELNEMER_WIJZIGEN = "deelnemer.wijzigen", "Deelnemers en kwalificaties vastleggen"
    AANBIEDER_LEZEN = "aanbieder.lezen", "Aanbieders raadplegen (volledig)"
    AANBIEDER_WIJZIGEN = "aanbieder.wijzigen", "Aanbieders, endpoints en OAuth-clients wijzigen"
    AANBIEDER_IMPORTEREN = "aanbieder.importeren", "Aanbieders importeren (CSV, lijsten van een stelselnode)"
    GEGEVENSDIENST_WIJZIGEN = "gegevensdienst.wijzigen", "Gegevensdiensten wijzigen"
    AUDIT_LEZEN = "audit.lezen", "Audittrail raadplegen"
    BEHEER_LEZEN = "beheer.lezen", "Beheeromgeving (Django-admin) raadplegen"
    EIGEN_DEELNEMER_LEZEN = "eigen_deelnemer.lezen", "Eigen deelnemeroverzicht raadplegen"
    REGIO_LEZEN = "regio.lezen", "Eigen regio raadplegen"
    LIJST_LEZEN = "lijst.lezen", "Publicaties van de lijsten raadplegen (geschiedenis, verschillen, waarom)"
    LIJST_PUBLICEREN = "lijst.publiceren", "Lijsten publiceren"
    #: held by no role (OVL-STAP): a decision arises only from the adoption of a proposal; kept so the withdrawn
    #: POST /api/besluiten refuses everyone with a documented 403
    BESLUIT_VASTLEGGEN = "besluit.vastleggen", ("Besluiten rechtstreeks vastleggen (vervallen: een besluit ontstaat "
                                                "alleen door vaststelling van een besluitvoorstel)")
    OVERLEG_PUBLIEK_LEZEN = "overleg.publiek_lezen", "Openbare organen en hun vergaderplanning raadplegen"
    OVERLEG_LEZEN = "overleg.lezen", "Organen, vergaderingen, agenda's, stukken, notulen, besluitvoorstellen raadplegen"
    OVERLEG_VERTROUWELIJK_LEZEN = "overleg.vertrouwelijk_lezen", ("Vertrouwelijke vergaderstukken, adviesnota's en "
                                                                  "niet-openbare besluitvoorstellen raadplegen")
    OVERLEG_BEHEREN = "overleg.beheren", ("Organen en leden beheren, vergaderingen plannen, agenda's, stukken, "
                                          "adviesnota's en conceptnotulen opstellen")
    BESLUITVOORSTEL_INDIENEN = "besluitvoorstel.indienen", "Besluitvoorstellen opstellen en aan het bestuur voorleggen"
    BESLUITVOORSTEL_VASTSTELLEN = "besluitvoorstel.vaststellen", ("Besluitvoorstellen vaststellen, aanhouden of "
                                                                  "afwijzen (als stemgerechtigd lid van het bestuur)")
    NOTULEN_VASTSTELLEN = "notulen.vaststellen", "Notulen vaststellen (als stemgerechtigd lid van het orgaan)"
    DEELNEMER_AANMELDEN = "deelnemer.aanmelden", "Een aanvraag tot toetreding indienen"
    TOETREDING_BEHANDELEN = "toetreding.behandelen", "Toe- en uittreding behandelen (intake, advies, activeren)"
    TOETREDING_BESLUITEN = "toetreding.besluiten", ("Besluitstappen van toe- en uittreding zetten, alleen met een "
                                                    "vastgesteld besluit dat die stap mogelijk maakt (OVL-STAP)")
    VERZOEK_INDIENEN = "verzoek.indienen", "Wijzigingsverzoeken indienen voor de eigen deelnemer"
    VERZOEK_BEOORDELEN = "verzoek.beoordelen", "Wijzigingsverzoeken goedkeuren of afwijzen"
    NALEVING_LEZEN = "naleving.lezen", "Constateringen en nalevingszaken raadplegen"
    NALEVING_BEHANDELEN = "naleving.behandelen", "Nalevingszaken openen en de stappen zetten"
    MELDING_INDIENEN = "melding.indienen", "Een melding indienen (voordeur, beslisboom)"
    MELDINGEN_BEHANDELEN = "meldingen.behandelen", "Meldingen inzien en behandelen (regio: alleen de eigen regio)"
    EIGEN_MELDINGEN_LEZEN = "eigen_meldingen.lezen", ("Eigen meldingen volgen, en geschillen en incidenten waarbij de "
                                                      "eigen deelnemer partij of getroffen is")
    MELDING_UITSPRAAK = "melding.uitspraak", "Uitspraak van het bestuur vastleggen over een klacht of geschil"
    BESLISBOOM_BEHEREN = "beslisboom.beheren", "De beslisboom van de voordeur wijzigen"
    KENNISBANK_LEZEN = "kennisbank.lezen", "De kennisbank raadplegen"
    KENNISBANK_BEHEREN = "kennisbank.beheren", "Kennisartikelen schrijven en publiceren"
    GEBRUIKERS_BEHEREN = "gebruikers.beheren", ("Accounts aanmaken en een inschrijfcode voor de tweede factor van "
                                                "een ander account uitgeven; API-tokens voor deelnemer- en "
                                                "regioaccounts uitgeven en intrekken")
    API_TOKEN_BEHEREN = "api_token.beheren", ("API-tokens voor de systemen van de eigen organisatie aanmaken en "
                                              "intrekken")
    # afsprakenset (issue 12)
    RELEASE_PUBLIEK_LEZEN = "release.publiek_lezen", ("Openbare releases van de afsprakenset, de roadmap en de "
                                                      "voortgang van de uitrol (totalen) raadplegen")
    RELEASE_LEZEN = "release.lezen", "Alle releases (ook concepten) en de uitrol per deelnemer raadplegen"
    RELEASE_BEHEREN = "release.beheren", ("Releases, hun documenten, standaarden en changelog beheren, de status "
                                          "zetten (goedkeuren alleen op een vastgesteld besluit) en de uitrol "
                                          "bijhouden")
    # wijzigingen (issue 12): change requests on the agreements (RFCs) on the development agendas
    RFC_PUBLIEK_LEZEN = "rfc.publiek_lezen", ("Ontwikkelagenda's en de wijzigingsverzoeken op de afspraken (RFC's) "
                                              "raadplegen die u mag zien")
    RFC_LEZEN = "rfc.lezen", "Alle wijzigingsverzoeken op de afspraken (RFC's) raadplegen, ook niet-openbare"
    RFC_INDIENEN = "rfc.indienen", "Een wijzigingsverzoek op de afspraken (RFC) indienen"
    RFC_BEHANDELEN = "rfc.behandelen", ("Wijzigingsverzoeken op de afspraken (RFC's) langs de route van hun agenda "
                                        "brengen: beoordelen, consulteren, advies, voorleggen, besluit verwerken")
    RFC_REAGEREN = "rfc.reageren", "Als getroffen deelnemer reageren in de consultatie van een RFC"
    IMPLEMENTATIE_PUBLIEK_LEZEN = "implementatie.publiek_lezen", ("Openbare samenvattingen van de producten in de "
                                                                  "landelijke implementatie raadplegen")
    IMPLEMENTATIE_LEZEN = "implementatie.lezen", ("Implementatieportfolio volledig raadplegen: beoordelingen, "
                                                  "fasebesluiten, koplopers, taken, WSJF-volgorde en risico's")
    IMPLEMENTATIE_BEHEREN = "implementatie.beheren", ("Producten, beoordelingen van acceptatiecriteria, koplopers, "
                                                      "taken, WSJF-invoer en risico's vastleggen; fasebesluiten "
                                                      "van de implementatiegroep vastleggen")
    FASE_BESLUITEN = "implementatie.fase_besluiten", ("Een fasebesluit nemen (als stemgerechtigd lid van de "
                                                      "implementatiegroep) of vastleggen")
    EIGEN_TAKEN_LEZEN = "implementatie.eigen_taken", "Zien wat de implementatie nu van de eigen organisatie vraagt"
    ADOPTIE_PUBLIEK_LEZEN = "adoptie.publiek_lezen", "Openbare samenvatting van de adoptie per product raadplegen"
    ADOPTIE_LEZEN = "adoptie.lezen", "Adoptiemonitor raadplegen (per instelling, leverancier, sector en regio)"
    ADOPTIE_VASTLEGGEN = "adoptie.vastleggen", ("Adoptiestatus handmatig vastleggen waar het register die niet "
                                                "kent")
    KNELPUNT_LEZEN = "knelpunt.lezen", "Knelpunten van de implementatie raadplegen"
    KNELPUNT_BEHEREN = "knelpunt.beheren", ("Knelpunten vastleggen, agenderen en tot hun oplossing volgen; een "
                                            "melding tot knelpunt maken")
    REGIONAAL_LEZEN = "regionaal.lezen", ("Dienstencatalogus, overeenkomsten RSO-VSV, regionale overleggen en de "
                                          "dekking raadplegen (regio: alleen de eigen RSO)")
    REGIONAAL_BEHEREN = "regionaal.beheren", ("Dienstencatalogus, tarieven, overeenkomsten RSO-VSV en regionale "
                                              "overleggen vastleggen (regio: alleen de eigen RSO)")


_A = Actie
_LEZEN_ALLES = {
    _A.REGISTER_PUBLIEK_LEZEN, _A.ORGANISATIE_LEZEN, _A.DEELNEMER_LEZEN, _A.AANBIEDER_LEZEN, _A.LIJST_LEZEN,
}

#: role -> the actions it may perform. The one place where access is decided.
RECHTEN: dict[str, frozenset[str]] = {
    PUBLIEK: frozenset({_A.REGISTER_PUBLIEK_LEZEN, _A.DEELNEMER_AANMELDEN, _A.MELDING_INDIENEN, _A.KENNISBANK_LEZEN}),
    Rol.BESTUUR: frozenset(_LEZEN_ALLES | {_A.AUDIT_LEZEN, _A.BEHEER_LEZEN, _A.TOETREDING_BESLUITEN,
                                          _A.NALEVING_LEZEN, _A.NALEVING_BEHANDELEN, _A.MELDING_INDIENEN,
                                          _A.MELDINGEN_BEHANDELEN, _A.MELDING_UITSPRAAK,
                                          _A.EIGEN_MELDINGEN_LEZEN, _A.KENNISBANK_LEZEN}),
    Rol.UITVOERING: frozenset(_LEZEN_ALLES | {
        _A.ORGANISATIE_WIJZIGEN, _A.DEELNEMER_WIJZIGEN, _A.AANBIEDER_WIJZIGEN, _A.AANBIEDER_IMPORTEREN,
        _A.GEGEVENSDIENST_WIJZIGEN, _A.AUDIT_LEZEN, _A.BEHEER_LEZEN, _A.LIJST_PUBLICEREN,
        _A.DEELNEMER_AANMELDEN, _A.TOETREDING_BEHANDELEN, _A.TOETREDING_BESLUITEN,
        _A.VERZOEK_BEOORDELEN, _A.NALEVING_LEZEN, _A.NALEVING_BEHANDELEN, _A.MELDING_INDIENEN,
        _A.MELDINGEN_BEHANDELEN, _A.EIGEN_MELDINGEN_LEZEN, _A.BESLISBOOM_BEHEREN, _A.KENNISBANK_LEZEN,
        _A.KENNISBANK_BEHEREN, _A.GEBRUIKERS_BEHEREN,
    }),
    Rol.AUDITOR: frozenset(_LEZEN_ALLES | {_A.AUDIT_LEZEN, _A.BEHEER_LEZEN, _A.MELDING_INDIENEN,
                                          _A.EIGEN_MELDINGEN_LEZEN, _A.KENNISBANK_LEZEN}),
    Rol.DEELNEMER: frozenset({_A.REGISTER_PUBLIEK_LEZEN, _A.EIGEN_DEELNEMER_LEZEN, _A.VERZOEK_INDIENEN,
                              _A.MELDING_INDIENEN, _A.EIGEN_MELDINGEN_LEZEN, _A.KENNISBANK_LEZEN,
                              _A.API_TOKEN_BEHEREN}),
    Rol.REGIO: frozenset({_A.REGISTER_PUBLIEK_LEZEN, _A.REGIO_LEZEN, _A.MELDING_INDIENEN, _A.MELDINGEN_BEHANDELEN,
                          _A.EIGEN_MELDINGEN_LEZEN, _A.KENNISBANK_LEZEN, _A.API_TOKEN_BEHEREN}),
}


#: Overleg en besluitvorming (issue 12): staff prepare, the board decides (OVL-SCHEIDING); the public sees public
#: bodies' meeting schedules; the auditor reads, confidential pieces excepted.
_OVERLEG: dict[str, set[str]] = {
    PUBLIEK: {_A.OVERLEG_PUBLIEK_LEZEN},
    Rol.DEELNEMER: {_A.OVERLEG_PUBLIEK_LEZEN},
    Rol.REGIO: {_A.OVERLEG_PUBLIEK_LEZEN},
    Rol.AUDITOR: {_A.OVERLEG_PUBLIEK_LEZEN, _A.OVERLEG_LEZEN},
    Rol.BESTUUR: {_A.OVERLEG_PUBLIEK_LEZEN, _A.OVERLEG_LEZEN, _A.OVERLEG_VERTROUWELIJK_LEZEN,
                  _A.BESLUITVOORSTEL_VASTSTELLEN, _A.NOTULEN_VASTSTELLEN},
    Rol.UITVOERING: {_A.OVERLEG_PUBLIEK_LEZEN, _A.OVERLEG_LEZEN, _A.OVERLEG_VERTROUWELIJK_LEZEN, _A.OVERLEG_BEHEREN,
                     _A.BESLUITVOORSTEL_INDIENEN, _A.NOTULEN_VASTSTELLEN},
}
RECHTEN = {rol: acties | frozenset(_OVERLEG.get(rol, ())) for rol, acties in RECHTEN.items()}

#: Wijzigingsverzoeken op de afspraken (RFC's, issue 12): anyone may file one and read the public ones (RFC-ZICHT
#: scopes the rest); staff bring them along their agenda's route; the board decides through a Besluitvoorstel;
#: affected participants react in the consultation.
_WIJZIGINGEN: dict[str, set[str]] = {
    PUBLIEK: {_A.RFC_PUBLIEK_LEZEN, _A.RFC_INDIENEN},
    Rol.DEELNEMER: {_A.RFC_PUBLIEK_LEZEN, _A.RFC_INDIENEN, _A.RFC_REAGEREN},
    Rol.REGIO: {_A.RFC_PUBLIEK_LEZEN, _A.RFC_INDIENEN},
    Rol.AUDITOR: {_A.RFC_PUBLIEK_LEZEN, _A.RFC_LEZEN},
    Rol.BESTUUR: {_A.RFC_PUBLIEK_LEZEN, _A.RFC_LEZEN, _A.RFC_INDIENEN},
    Rol.UITVOERING: {_A.RFC_PUBLIEK_LEZEN, _A.RFC_LEZEN, _A.RFC_INDIENEN, _A.RFC_BEHANDELEN},
}
RECHTEN = {rol: acties | frozenset(_WIJZIGINGEN.get(rol, ())) for rol, acties in RECHTEN.items()}


#: Afsprakenset en releases (issue 12): everyone reads the public releases, the roadmap and the rollout totals;
#: staff manage releases and the rollout; board and auditor read all; a participant its own rollout (portal,
#: through EIGEN_DEELNEMER_LEZEN).
_AFSPRAKENSET: dict[str, set[str]] = {
    PUBLIEK: {_A.RELEASE_PUBLIEK_LEZEN},
    Rol.DEELNEMER: {_A.RELEASE_PUBLIEK_LEZEN},
    Rol.REGIO: {_A.RELEASE_PUBLIEK_LEZEN},
    Rol.AUDITOR: {_A.RELEASE_PUBLIEK_LEZEN, _A.RELEASE_LEZEN},
    Rol.BESTUUR: {_A.RELEASE_PUBLIEK_LEZEN, _A.RELEASE_LEZEN},
    Rol.UITVOERING: {_A.RELEASE_PUBLIEK_LEZEN, _A.RELEASE_LEZEN, _A.RELEASE_BEHEREN},
}
RECHTEN = {rol: acties | frozenset(_AFSPRAKENSET.get(rol, ())) for rol, acties in RECHTEN.items()}


#: Landelijke implementatie (issue 13): staff keep the portfolio; a phase change is the implementation group's
#: decision (a voting member decides, staff record it after a held meeting: IMP-BESLUIT); everyone reads the public
#: product summaries; participants and regions see what is asked of their own organisation.
_IMPLEMENTATIE: dict[str, set[str]] = {
    PUBLIEK: {_A.IMPLEMENTATIE_PUBLIEK_LEZEN},
    Rol.DEELNEMER: {_A.IMPLEMENTATIE_PUBLIEK_LEZEN, _A.EIGEN_TAKEN_LEZEN},
    Rol.REGIO: {_A.IMPLEMENTATIE_PUBLIEK_LEZEN, _A.IMPLEMENTATIE_LEZEN, _A.EIGEN_TAKEN_LEZEN, _A.FASE_BESLUITEN},
    Rol.AUDITOR: {_A.IMPLEMENTATIE_PUBLIEK_LEZEN, _A.IMPLEMENTATIE_LEZEN},
    Rol.BESTUUR: {_A.IMPLEMENTATIE_PUBLIEK_LEZEN, _A.IMPLEMENTATIE_LEZEN, _A.FASE_BESLUITEN},
    Rol.UITVOERING: {_A.IMPLEMENTATIE_PUBLIEK_LEZEN, _A.IMPLEMENTATIE_LEZEN, _A.IMPLEMENTATIE_BEHEREN,
                     _A.FASE_BESLUITEN},
}
RECHTEN = {rol: acties | frozenset(_IMPLEMENTATIE.get(rol, ())) for rol, acties in RECHTEN.items()}
#: Adoptiemonitor (issue 13): everyone sees a product's public summary; the board, staff and auditor the monitor;
#: staff type in what the register cannot tell (ADO-HANDMATIG).
_ADOPTIE: dict[str, set[str]] = {
    PUBLIEK: {_A.ADOPTIE_PUBLIEK_LEZEN},
    Rol.DEELNEMER: {_A.ADOPTIE_PUBLIEK_LEZEN},
    Rol.REGIO: {_A.ADOPTIE_PUBLIEK_LEZEN},
    Rol.AUDITOR: {_A.ADOPTIE_PUBLIEK_LEZEN, _A.ADOPTIE_LEZEN},
    Rol.BESTUUR: {_A.ADOPTIE_PUBLIEK_LEZEN, _A.ADOPTIE_LEZEN},
    Rol.UITVOERING: {_A.ADOPTIE_PUBLIEK_LEZEN, _A.ADOPTIE_LEZEN, _A.ADOPTIE_VASTLEGGEN},
}
RECHTEN = {rol: acties | frozenset(_ADOPTIE.get(rol, ())) for rol, acties in RECHTEN.items()}

#: Knelpunten (issue 13): board, staff and auditor read them; staff record and follow them (and put them on an
#: agenda, which their overleg right allows).
_KNELPUNTEN: dict[str, set[str]] = {
    Rol.AUDITOR: {_A.KNELPUNT_LEZEN},
    Rol.BESTUUR: {_A.KNELPUNT_LEZEN},
    Rol.UITVOERING: {_A.KNELPUNT_LEZEN, _A.KNELPUNT_BEHEREN},
}
RECHTEN = {rol: acties | frozenset(_KNELPUNTEN.get(rol, ())) for rol, acties in RECHTEN.items()}


#: Regionaal beheer RSO-VSV (issue 14): the RSO keeps its own catalogue, agreements and meetings (a regional user only
#: its own RSO's, scoped in the services and pages); staff keep all; board and auditor read.
_REGIONAAL: dict[str, set[str]] = {
    Rol.REGIO: {_A.REGIONAAL_LEZEN, _A.REGIONAAL_BEHEREN},
    Rol.UITVOERING: {_A.REGIONAAL_LEZEN, _A.REGIONAAL_BEHEREN},
    Rol.BESTUUR: {_A.REGIONAAL_LEZEN},
    Rol.AUDITOR: {_A.REGIONAAL_LEZEN},
}
RECHTEN = {rol: acties | frozenset(_REGIONAAL.get(rol, ())) for rol, acties in RECHTEN.items()}


def rol_van(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIEK
    return user.rol


def kan(user, actie: str) -> bool:
    """Whether ``user`` (or the anonymous public, for ``None``/AnonymousUser) may perform ``actie``.

    A user who acts through an API token (``user.api_token``, set by ``api.auth.TokenMiddleware``) may do only what
    the role allows *and* the token's scope names (API-TOKEN-SCOPE): every check, in the API, in a service or in
    what an answer shows, meets both."""
    if actie not in RECHTEN.get(rol_van(user), frozenset()):
        return False
    token = getattr(user, "api_token", None)
    return token is None or actie in token.acties


#: the actor whose right the outermost service on this call stack already checked (see ``vereist_recht``)
_GETOETST: ContextVar[object | None] = ContextVar("stelsel_recht_getoetst", default=None)


def vereist_recht(*acties: str, een_van: tuple[str, ...] = ()):
    """Let a service run only for an ``actor`` whose role may perform every action in ``acties`` (or, with
    ``een_van``, at least one of those; the service then checks the exact one itself, e.g. per workflow step).

    ``actor=None`` is the system itself (commands, tasks, demo data) and is not checked. Another actor
    without the right gets PermissionDenied with a Dutch message before the service reads or writes anything;
    pages turn that into 403 "Geen toegang", the API into 403 problem+json. The right is that of the business
    action the actor started: a service that another checked service calls for the same actor (approving a
    change request creates the aanbieder, a participant's request is tried against the real service) is part
    of that action and is not checked again. Which *objects* the actor may touch stays the service's own
    scoping (its participant, its region's desk).
    """
    if not acties and not een_van:
        raise TypeError("vereist_recht noemt ten minste één actie.")

    def decorator(service):
        if "actor" not in inspect.signature(service).parameters:
            raise TypeError(f"{service.__qualname__} heeft geen argument 'actor' om te toetsen.")

        @wraps(service)
        def wrapper(*args, **kwargs):
            actor = kwargs.get("actor")
            if actor is None or _GETOETST.get() is actor:
                return service(*args, **kwargs)
            ontbreekt = [a for a in acties if not kan(actor, a)]
            if een_van and not any(kan(actor, a) for a in een_van):
                ontbreekt.append(een_van[0])
            if ontbreekt:
                raise PermissionDenied(f"Uw rol mag dit niet: {Actie(ontbreekt[0]).label.lower()}.")
            token = _GETOETST.set(actor)
            try:
                return service(*args, **kwargs)
            finally:
                _GETOETST.reset(token)

        wrapper.vereiste_rechten = tuple(acties)
        wrapper.vereiste_rechten_een_van = tuple(een_van)
        return wrapper

    return decorator
