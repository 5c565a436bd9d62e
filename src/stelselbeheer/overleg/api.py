"""JSON API of bodies, meetings, agendas, minutes and decision proposals (tag ``overleg``).

Reading a public body's schedule needs no login; everything else follows ``kern.rollen.RECHTEN`` like the pages.
The separation of duties holds here as on the pages (the services enforce it): staff prepare and put a proposal
forward, only a voting board member decides on it, naming the revision they read. Errors are problem+json.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError

from stelselbeheer.api.auth import Recht, verwijzing
from stelselbeheer.api.paginering import Pagina, pagineer
from stelselbeheer.api.schemas import FOUTEN, Probleem
from stelselbeheer.deelnemers.models import Deelnemer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.naleving.models import Nalevingszaak
from stelselbeheer.organisaties.models import Organisatie

from . import onderwerpen, services, stappen
from .models import (
    Agendapunt,
    Besluitvoorstel,
    Notulen,
    Orgaan,
    Vergadering,
    VergaderStatus,
)

router = Router(tags=["overleg"])




# -- schemas -------------------------------------------------------------------------------------------------------

class OrgaanUit(Schema):
    code: str
    naam: str
    soort: str
    omschrijving: str
    openbaar: bool


class LidUit(Schema):
    id: int
    naam: str
    rol: str
    gebruiker_id: int | None
    organisatie_id: int | None
    van: dt.date
    tot: dt.date | None


class OrgaanDetailUit(OrgaanUit):
    leden: list[LidUit] | None = Field(None, description="Alleen voor wie vergaderingen mag raadplegen")


class VergaderingUit(Schema):
    id: int
    orgaan: str = Field(description="Code van het orgaan")
    begin: dt.datetime
    einde: dt.datetime
    plaats: str
    status: str
    annuleringsreden: str
    uid: str = Field(description="Vaste UID in de iCalendar-feed")
    revisie: int = Field(description="SEQUENCE in de iCalendar-feed")

    @staticmethod
    def resolve_orgaan(obj):
        return obj.orgaan.code

    @staticmethod
    def resolve_uid(obj):
        return f"{obj.uid}@stelselbeheer"


class OnderwerpUit(Schema):
    soort: str
    label: str = Field(description="Leeg als de vrager het object niet mag zien")
    url: str | None


class AgendapuntUit(Schema):
    id: int
    volgorde: int
    titel: str
    toelichting: str
    onderwerp: OnderwerpUit | None
    besluitvoorstellen: list[str]
    adviesnotas: list[str] = Field(description="Titels van de adviesnota's die de vrager mag zien")


class NotulenUit(Schema):
    status: str
    tekst: str
    vastgesteld_in_id: int | None
    vastgesteld_op: dt.datetime | None


class VergaderingDetailUit(Schema):
    """Built as a dict by ``_detail`` (what is in it depends on who asks), hence no resolvers."""

    id: int
    orgaan: str = Field(description="Code van het orgaan")
    begin: dt.datetime
    einde: dt.datetime
    plaats: str
    status: str
    annuleringsreden: str
    uid: str = Field(description="Vaste UID in de iCalendar-feed")
    revisie: int = Field(description="SEQUENCE in de iCalendar-feed")
    online_link: str | None = Field(None, description="Alleen voor wie de agenda mag raadplegen")
    agenda: list[AgendapuntUit] | None = Field(None, description="Alleen voor wie de agenda mag raadplegen")
    notulen: NotulenUit | None = None


class VoorstelUit(Schema):
    nummer: str
    orgaan: str
    onderwerp: str
    tekst: str
    soort: str
    openbaar: bool
    deelnemer_id: int | None
    stap: str = Field(description="De bestuursstap die het vastgestelde besluit mogelijk maakt (OVL-STAP); leeg: geen")
    zaak: str | None = Field(description="Nummer van de nalevingszaak (bij 'ontbinden')")
    melding: str | None = Field(description="Nummer van de klacht of het geschil (bij 'uitspraak')")
    partijen: list[int]
    agendapunt_id: int | None
    vergadering_id: int | None
    status: str
    revisie: int
    besluit: str | None = Field(description="Nummer van het besluit, na vaststelling")
    opgesteld_op: dt.datetime
    beslist_op: dt.datetime | None
    beslist_in_id: int | None
    toelichting_beslissing: str

    @staticmethod
    def resolve_orgaan(obj):
        return obj.orgaan.code

    @staticmethod
    def resolve_partijen(obj):
        return [p.pk for p in obj.partijen.all()]

    @staticmethod
    def resolve_zaak(obj):
        return obj.zaak.nummer if obj.zaak_id else None

    @staticmethod
    def resolve_melding(obj):
        return obj.melding.nummer if obj.melding_id else None

    @staticmethod
    def resolve_vergadering_id(obj):
        return obj.agendapunt.vergadering_id if obj.agendapunt_id else None

    @staticmethod
    def resolve_besluit(obj):
        return obj.besluit.nummer if obj.besluit_id else None


class OrgaanIn(Schema):
    code: str
    naam: str
    soort: str
    omschrijving: str = ""
    openbaar: bool = False


class LidIn(Schema):
    rol: str
    van: dt.date
    naam: str = ""
    gebruiker_id: int | None = None
    organisatie_id: int | None = None
    tot: dt.date | None = None


class VergaderingIn(Schema):
    begin: dt.datetime = Field(description="Met tijdzone, bijvoorbeeld 2026-12-10T14:00:00+01:00")
    einde: dt.datetime
    plaats: str = ""
    online_link: str = ""


class VergaderstatusIn(Schema):
    status: str = Field(description="gehouden of geannuleerd")
    reden: str = Field("", description="Verplicht bij annuleren")


class AgendapuntIn(Schema):
    titel: str
    toelichting: str = ""
    onderwerp_soort: str | None = Field(None, description="deelnemer, zaak, melding of besluit; leeg: alleen tekst")
    onderwerp_sleutel: str | None = Field(None, description="Nummer (N-…, M-…, B-…) of naam van de organisatie")


class NotulenIn(Schema):
    tekst: str


class VaststellingIn(Schema):
    vastgesteld_in: int = Field(description="Id van de (latere) vergadering waarin de notulen worden vastgesteld")


STAP_VELD = Field("", description="De bestuursstap die het vastgestelde besluit mogelijk maakt (OVL-STAP): "
                                   + ", ".join(stappen.PER_NAAM) + "; leeg: geen bestuursstap")


def _nummer(model, nummer, veld):
    gevonden = model.objects.filter(nummer=nummer).first()
    if gevonden is None:
        raise ValidationError({veld: f"Er bestaat geen {model._meta.verbose_name} met nummer '{nummer}'."},
                              code="bestaat_niet")
    return gevonden


class VoorstelIn(Schema):
    orgaan: str = Field(description="Code van het besluitvormende orgaan (een bestuur)")
    onderwerp: str
    tekst: str
    soort: str
    openbaar: bool = True
    deelnemer_id: int | None = None
    stap: str = STAP_VELD
    zaak: str | None = Field(None, description="Nummer van de nalevingszaak (bij 'ontbinden')")
    melding: str | None = Field(None, description="Nummer van de klacht of het geschil (bij 'uitspraak')")
    partijen: list[int] = []
    agendapunt_id: int | None = None


class VoorstelWijzigIn(Schema):
    onderwerp: str | None = None
    tekst: str | None = None
    soort: str | None = None
    openbaar: bool | None = None
    deelnemer_id: int | None = None
    stap: str | None = STAP_VELD
    zaak: str | None = None
    melding: str | None = None
    partijen: list[int] | None = None
    agendapunt_id: int | None = None
    reden: str = ""


class VoorstelToelichtingIn(Schema):
    toelichting: str = ""


class BeslissingIn(Schema):
    beslissing: str = Field(description="vaststellen, aanhouden of afwijzen")
    revisie: int = Field(description="De revisie van het voorstel waarover u beslist (OVL-REVISIE)")
    toelichting: str = Field("", description="Verplicht bij aanhouden en afwijzen")


# -- helpers ----------------------------------------------------------------------------------------------------

def _orgaan(request, code: str) -> Orgaan:
    """OVL-OPENBAAR: a public body for everyone; another one needs the right to read meetings (401/403)."""
    orgaan = get_object_or_404(Orgaan, code=code)
    if not orgaan.openbaar and not kan(request.user, Actie.OVERLEG_LEZEN):
        if not request.user.is_authenticated:
            raise AuthenticationError()
        raise PermissionDenied("Dit orgaan is niet openbaar.")
    return orgaan


def _vergadering(request, vergadering_id: int) -> Vergadering:
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=vergadering_id)
    _orgaan(request, vergadering.orgaan.code)
    return vergadering


def _voorstel(request, nummer: str) -> Besluitvoorstel:
    return get_object_or_404(Besluitvoorstel.objects.zichtbaar_voor(request.user).select_related(
        "orgaan", "agendapunt", "besluit").prefetch_related("partijen"), nummer=nummer)


def _onderwerp(code: str | None, sleutel: str | None):
    if not code:
        return None
    return onderwerpen.zoek(code, sleutel or "")


def _agendapunt_uit(punt: Agendapunt, user, vertrouwelijk: bool) -> dict:
    w = onderwerpen.weergave(punt, user)
    notas = [n.titel for n in punt.adviesnotas.all() if vertrouwelijk or not n.vertrouwelijk]
    return {"id": punt.pk, "volgorde": punt.volgorde, "titel": punt.titel, "toelichting": punt.toelichting,
            "onderwerp": {"soort": w.soort, "label": w.label, "url": w.url} if w else None,
            "besluitvoorstellen": [v.nummer for v in Besluitvoorstel.objects.zichtbaar_voor(user)
                                   .filter(agendapunt=punt)],
            "adviesnotas": notas}


def _detail(request, vergadering: Vergadering) -> dict:
    uit = {"id": vergadering.pk, "orgaan": vergadering.orgaan.code, "begin": vergadering.begin,
           "einde": vergadering.einde, "plaats": vergadering.plaats, "status": vergadering.status,
           "annuleringsreden": vergadering.annuleringsreden, "uid": f"{vergadering.uid}@stelselbeheer",
           "revisie": vergadering.revisie}
    if kan(request.user, Actie.OVERLEG_LEZEN):
        vertrouwelijk = kan(request.user, Actie.OVERLEG_VERTROUWELIJK_LEZEN)
        punten = vergadering.agendapunten.select_related("onderwerp_type").prefetch_related("adviesnotas")
        notulen = Notulen.objects.filter(vergadering=vergadering).first()
        uit |= {"online_link": vergadering.online_link,
                "agenda": [_agendapunt_uit(p, request.user, vertrouwelijk) for p in punten],
                "notulen": {"status": notulen.status, "tekst": notulen.tekst,
                            "vastgesteld_in_id": notulen.vastgesteld_in_id,
                            "vastgesteld_op": notulen.vastgesteld_op} if notulen else None}
    return uit


# -- bodies and meetings ------------------------------------------------------------------------------------------

@router.get("/overleg/organen", response={200: Pagina[OrgaanUit], 422: Probleem},
            summary="Organen (openbaar: alleen de openbare)")
def organen(request, soort: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Orgaan.objects.zichtbaar_voor(request.user)
    return pagineer(qs.filter(soort=soort) if soort else qs, pagina, per_pagina)


@router.post("/overleg/organen", response={201: OrgaanUit, **FOUTEN}, summary="Orgaan aanmaken",
             auth=Recht(Actie.OVERLEG_BEHEREN))
def orgaan_aanmaken(request, payload: OrgaanIn):
    return Status(201, services.orgaan_aanmaken(actor=request.auth, **payload.dict()))


@router.get("/overleg/organen/{code}", response={200: OrgaanDetailUit, **FOUTEN},
            summary="Eén orgaan (de leden alleen voor wie vergaderingen mag raadplegen)")
def orgaan(request, code: str):
    orgaan_ = _orgaan(request, code)
    uit = OrgaanUit.from_orm(orgaan_).dict()
    if kan(request.user, Actie.OVERLEG_LEZEN):
        uit["leden"] = list(orgaan_.leden.all())
    return uit


@router.post("/overleg/organen/{code}/leden", response={201: LidUit, **FOUTEN}, summary="Lid toevoegen",
             auth=Recht(Actie.OVERLEG_BEHEREN))
def lid_toevoegen(request, code: str, payload: LidIn):
    orgaan_ = get_object_or_404(Orgaan, code=code)
    gebruiker = verwijzing(Gebruiker, payload.gebruiker_id, "gebruiker_id") if payload.gebruiker_id else None
    organisatie = (verwijzing(Organisatie, payload.organisatie_id, "organisatie_id") if payload.organisatie_id
                   else None)
    return Status(201, services.lid_toevoegen(actor=request.auth, orgaan=orgaan_, rol=payload.rol, van=payload.van,
                                              naam=payload.naam, gebruiker=gebruiker, organisatie=organisatie,
                                              tot=payload.tot))


@router.get("/overleg/organen/{code}/vergaderingen", response={200: Pagina[VergaderingUit], **FOUTEN},
            summary="Vergaderingen van een orgaan (oudste eerst)")
def vergaderingen(request, code: str, status: str = "", vanaf: dt.date | None = None, pagina: int = 1,
                  per_pagina: int = 25):
    qs = _orgaan(request, code).vergaderingen.select_related("orgaan")
    if status:
        if status not in VergaderStatus.values:
            raise ValidationError({"status": f"Kies een van: {', '.join(VergaderStatus.values)}."})
        qs = qs.filter(status=status)
    if vanaf:
        qs = qs.filter(begin__date__gte=vanaf)
    return pagineer(qs, pagina, per_pagina)


@router.post("/overleg/organen/{code}/vergaderingen", response={201: VergaderingDetailUit, **FOUTEN},
             summary="Vergadering plannen", auth=Recht(Actie.OVERLEG_BEHEREN))
def vergadering_plannen(request, code: str, payload: VergaderingIn):
    nieuw = services.vergadering_plannen(actor=request.auth, orgaan=get_object_or_404(Orgaan, code=code),
                                         **payload.dict())
    return Status(201, _detail(request, nieuw))


@router.get("/overleg/vergaderingen/{vergadering_id}", response={200: VergaderingDetailUit, **FOUTEN},
            summary="Eén vergadering; agenda en notulen alleen voor wie ze mag raadplegen")
def vergadering(request, vergadering_id: int):
    return _detail(request, _vergadering(request, vergadering_id))


@router.post("/overleg/vergaderingen/{vergadering_id}/status", response={200: VergaderingDetailUit,
                                                                         **FOUTEN},
             summary="Vergadering gehouden of geannuleerd", auth=Recht(Actie.OVERLEG_BEHEREN))
def vergadering_status(request, vergadering_id: int, payload: VergaderstatusIn):
    v = get_object_or_404(Vergadering, pk=vergadering_id)
    if payload.status == VergaderStatus.GEHOUDEN:
        v = services.vergadering_houden(actor=request.auth, vergadering=v)
    elif payload.status == VergaderStatus.GEANNULEERD:
        v = services.vergadering_annuleren(actor=request.auth, vergadering=v, reden=payload.reden)
    else:
        raise ValidationError({"status": "Kies gehouden of geannuleerd."})
    return _detail(request, v)


@router.post("/overleg/vergaderingen/{vergadering_id}/agendapunten", response={201: AgendapuntUit,
                                                                               **FOUTEN},
             summary="Agendapunt toevoegen (achteraan)", auth=Recht(Actie.OVERLEG_BEHEREN))
def agendapunt_toevoegen(request, vergadering_id: int, payload: AgendapuntIn):
    punt = services.agendapunt_toevoegen(actor=request.auth, vergadering=get_object_or_404(Vergadering,
                                                                                         pk=vergadering_id),
                                         titel=payload.titel, toelichting=payload.toelichting,
                                         onderwerp=_onderwerp(payload.onderwerp_soort, payload.onderwerp_sleutel))
    return Status(201, _agendapunt_uit(punt, request.auth, True))


@router.post("/overleg/vergaderingen/{vergadering_id}/notulen", response={200: NotulenUit, **FOUTEN},
             summary="Conceptnotulen opslaan", auth=Recht(Actie.OVERLEG_BEHEREN))
def notulen_opstellen(request, vergadering_id: int, payload: NotulenIn):
    return services.notulen_opstellen(actor=request.auth, vergadering=get_object_or_404(Vergadering,
                                                                                      pk=vergadering_id),
                                      tekst=payload.tekst)


@router.post("/overleg/vergaderingen/{vergadering_id}/notulen/vaststelling",
             response={200: NotulenUit, **FOUTEN},
             summary="Notulen vaststellen (stemgerechtigd lid, in of na een volgende vergadering)",
             auth=Recht(Actie.NOTULEN_VASTSTELLEN))
def notulen_vaststellen(request, vergadering_id: int, payload: VaststellingIn):
    notulen = get_object_or_404(Notulen, vergadering_id=vergadering_id)
    in_vergadering = verwijzing(Vergadering, payload.vastgesteld_in, "vastgesteld_in")
    return services.notulen_vaststellen(actor=request.auth, notulen=notulen, vastgesteld_in=in_vergadering)


# -- decision proposals ---------------------------------------------------------------------------------------------

@router.get("/overleg/voorstellen", response={200: Pagina[VoorstelUit], **FOUTEN},
            summary="Besluitvoorstellen (niet-openbare alleen voor bestuur en uitvoeringsorganisatie)",
            auth=Recht(Actie.OVERLEG_LEZEN))
def voorstellen(request, status: str = "", pagina: int = 1, per_pagina: int = 25):
    qs = Besluitvoorstel.objects.zichtbaar_voor(request.auth).select_related("orgaan", "agendapunt", "besluit")
    qs = qs.prefetch_related("partijen")
    return pagineer(qs.filter(status=status) if status else qs, pagina, per_pagina)


@router.get("/overleg/voorstellen/{nummer}", response={200: VoorstelUit, **FOUTEN},
            summary="Eén besluitvoorstel", auth=Recht(Actie.OVERLEG_LEZEN))
def voorstel(request, nummer: str):
    return _voorstel(request, nummer)


def _verwijzingen(payload) -> dict:
    uit = {}
    velden = payload.dict(exclude_unset=True)
    if "deelnemer_id" in velden:
        uit["deelnemer"] = verwijzing(Deelnemer, velden["deelnemer_id"], "deelnemer_id") if velden[
            "deelnemer_id"] else None
    if "partijen" in velden:
        uit["partijen"] = [verwijzing(Organisatie, pk, "partijen") for pk in velden["partijen"] or []]
    if "agendapunt_id" in velden:
        uit["agendapunt"] = verwijzing(Agendapunt, velden["agendapunt_id"], "agendapunt_id") if velden[
            "agendapunt_id"] else None
    if "stap" in velden:
        uit["stap"] = velden["stap"] or ""
    if "zaak" in velden:
        uit["zaak"] = _nummer(Nalevingszaak, velden["zaak"], "zaak") if velden["zaak"] else None
    if "melding" in velden:
        uit["melding"] = _nummer(Melding, velden["melding"], "melding") if velden["melding"] else None
    return uit


@router.post("/overleg/voorstellen", response={201: VoorstelUit, **FOUTEN},
             summary="Besluitvoorstel opstellen (uitvoeringsorganisatie)", auth=Recht(Actie.BESLUITVOORSTEL_INDIENEN))
def voorstel_opstellen(request, payload: VoorstelIn):
    orgaan_ = Orgaan.objects.filter(code=payload.orgaan).first()
    if orgaan_ is None:
        raise ValidationError({"orgaan": f"Er bestaat geen orgaan '{payload.orgaan}'."}, code="bestaat_niet")
    nieuw = services.besluitvoorstel_opstellen(
        actor=request.auth, orgaan=orgaan_, onderwerp=payload.onderwerp, tekst=payload.tekst, soort=payload.soort,
        openbaar=payload.openbaar, **_verwijzingen(payload))
    return Status(201, nieuw)


@router.patch("/overleg/voorstellen/{nummer}", response={200: VoorstelUit, **FOUTEN},
              summary="Besluitvoorstel wijzigen (zolang het open is; de revisie gaat omhoog)",
              auth=Recht(Actie.BESLUITVOORSTEL_INDIENEN))
def voorstel_wijzigen(request, nummer: str, payload: VoorstelWijzigIn):
    voorstel_ = _voorstel(request, nummer)
    velden = payload.dict(exclude_unset=True)
    reden = velden.pop("reden", "")
    wijzigingen = {k: v for k, v in velden.items() if k in {"onderwerp", "tekst", "soort", "openbaar"}}
    wijzigingen |= _verwijzingen(payload)
    return services.besluitvoorstel_wijzigen(actor=request.auth, voorstel=voorstel_, wijzigingen=wijzigingen,
                                             reden=reden)


@router.post("/overleg/voorstellen/{nummer}/voorleggen", response={200: VoorstelUit, **FOUTEN},
             summary="Voorleggen aan het bestuur (op het agendapunt)", auth=Recht(Actie.BESLUITVOORSTEL_INDIENEN))
def voorstel_voorleggen(request, nummer: str, payload: VoorstelToelichtingIn):
    return services.besluitvoorstel_voorleggen(actor=request.auth, voorstel=_voorstel(request, nummer),
                                               toelichting=payload.toelichting)


@router.post("/overleg/voorstellen/{nummer}/intrekken", response={200: VoorstelUit, **FOUTEN},
             summary="Besluitvoorstel intrekken", auth=Recht(Actie.BESLUITVOORSTEL_INDIENEN))
def voorstel_intrekken(request, nummer: str, payload: VoorstelToelichtingIn):
    return services.besluitvoorstel_intrekken(actor=request.auth, voorstel=_voorstel(request, nummer),
                                              toelichting=payload.toelichting)


@router.post("/overleg/voorstellen/{nummer}/beslissing", response={200: VoorstelUit, **FOUTEN},
             summary="Beslissing van het bestuur: vaststellen (maakt het besluit), aanhouden of afwijzen",
             description="Alleen een stemgerechtigd lid van het bestuur, in of na de vergadering waarop het voorstel "
                         "staat (OVL-SCHEIDING, OVL-VERGADERING); 403 voor wie dat niet is, 422 als het voorstel "
                         "intussen is gewijzigd (OVL-REVISIE) of nog niet ter beslissing ligt.",
             auth=Recht(Actie.BESLUITVOORSTEL_VASTSTELLEN))
def voorstel_beslissing(request, nummer: str, payload: BeslissingIn):
    return services.besluitvoorstel_beslissen(actor=request.auth, voorstel=_voorstel(request, nummer),
                                              beslissing=payload.beslissing, toelichting=payload.toelichting,
                                              revisie=payload.revisie)

