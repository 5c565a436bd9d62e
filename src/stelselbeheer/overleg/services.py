"""Every state change of bodies, meetings, agendas, documents, minutes and decision proposals: one function per
action, keyword-only, in one transaction with its audit event.

Each service checks the right of a logged-in actor as well (pages and API check it first); ``actor=None`` is the
system itself (demo data, scheduled work) and passes, except where a person must act: a decision or the adoption
of minutes is taken by a voting member of the body (OVL-SCHEIDING). ``moment`` defaults to now; the demo data and
tests pass it to act at another time, the pages and the API never do.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from stelselbeheer.besluiten.services import MAX_BIJLAGE, TOEGESTANE_BIJLAGEN, besluit_vastleggen
from stelselbeheer.kern.audit import json_waarde, momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, kan, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer

from . import onderwerpen, workflow
from .models import (
    AMSTERDAM,
    Adviesnota,
    Agendapunt,
    Besluitvoorstel,
    Document,
    Lidmaatschap,
    Notulen,
    NotulenStatus,
    Orgaan,
    Vergadering,
    VergaderStatus,
    Voorstelgebeurtenis,
    VoorstelStatus,
)


def _gebruiker(actor):
    return actor if getattr(actor, "pk", None) else None


def _recht(actor, actie: str) -> None:
    if actor is not None and not kan(actor, actie):
        raise PermissionDenied("Uw rol geeft geen toegang tot deze handeling.")


def _nu(moment: dt.datetime | None) -> dt.datetime:
    return moment or timezone.now()


def _dag(moment: dt.datetime) -> dt.date:
    return moment.astimezone(AMSTERDAM).date()


def _sha(tekst: str) -> str:
    return hashlib.sha256(tekst.encode()).hexdigest()


def _wijzig(*, actor, obj, wijzigingen: dict, toegestaan: set[str], actie: str, reden: str = "",
            verborgen: set[str] = frozenset(), bij_wijziging=None):
    """Apply ``wijzigingen`` (only fields in ``toegestaan``), validate, save and record before/after; a change that
    changes nothing records nothing. ``verborgen`` fields go into the trail as SHA-256 only."""
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise ValidationError({veld: "Dit veld kan hier niet worden gewijzigd." for veld in sorted(onbekend)})
    voor = momentopname(obj)
    for veld, waarde in wijzigingen.items():
        setattr(obj, veld, waarde)
    obj.full_clean()
    na = momentopname(obj)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    if not gewijzigd:
        return obj, []
    if bij_wijziging:
        bij_wijziging(obj, gewijzigd)
    obj.save()

    def _trail(d):
        return {k: (_sha(str(v)) if k in verborgen and v else v) for k, v in d.items() if k in gewijzigd}

    vastleggen(actor=actor, actie=actie, obj=obj, voor=_trail(voor), na=_trail(na), reden=reden)
    return obj, gewijzigd


# -- bodies and members ---------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def orgaan_aanmaken(*, actor, code: str, naam: str, soort: str, omschrijving: str = "",
                    openbaar: bool = False) -> Orgaan:
    orgaan = Orgaan(code=code, naam=naam, soort=soort, omschrijving=omschrijving, openbaar=openbaar)
    orgaan.full_clean()
    orgaan.save()
    vastleggen(actor=actor, actie="orgaan.aangemaakt", obj=orgaan, na=momentopname(orgaan))
    return orgaan


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def orgaan_wijzigen(*, actor, orgaan: Orgaan, wijzigingen: dict, reden: str = "") -> Orgaan:
    """Name, description and openness; the code (in addresses and calendar subscriptions) and the kind stay."""
    orgaan = Orgaan.objects.select_for_update().get(pk=orgaan.pk)
    return _wijzig(actor=actor, obj=orgaan, wijzigingen=wijzigingen, toegestaan={"naam", "omschrijving", "openbaar"},
                   actie="orgaan.gewijzigd", reden=reden)[0]


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def lid_toevoegen(*, actor, orgaan: Orgaan, rol: str, van: dt.date, naam: str = "", gebruiker=None,
                  organisatie=None, tot: dt.date | None = None) -> Lidmaatschap:
    naam = (naam or "").strip()
    if not naam and gebruiker is not None:
        naam = gebruiker.get_full_name() or gebruiker.get_username()
    lid = Lidmaatschap(orgaan=orgaan, rol=rol, van=van, tot=tot, naam=naam, gebruiker=gebruiker,
                       organisatie=organisatie)
    lid.full_clean()
    if gebruiker is not None:
        overlap = Lidmaatschap.objects.filter(orgaan=orgaan, gebruiker=gebruiker).filter(
            Q(tot__isnull=True) | Q(tot__gte=van))
        if tot is not None:
            overlap = overlap.filter(van__lte=tot)
        if overlap.exists():
            raise ValidationError({"gebruiker": f"Dit account is in deze periode al lid van {orgaan}."})
    lid.save()
    vastleggen(actor=actor, actie="lidmaatschap.toegevoegd", obj=lid, na=momentopname(lid))
    return lid


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def lidmaatschap_beeindigen(*, actor, lidmaatschap: Lidmaatschap, tot: dt.date, reden: str = "") -> Lidmaatschap:
    lid = Lidmaatschap.objects.select_for_update().get(pk=lidmaatschap.pk)
    if tot is None:
        raise ValidationError({"tot": "Geef de laatste dag van het lidmaatschap."})
    return _wijzig(actor=actor, obj=lid, wijzigingen={"tot": tot}, toegestaan={"tot"},
                   actie="lidmaatschap.beeindigd", reden=reden)[0]


# -- meetings ---------------------------------------------------------------------------------------------------

def _bewust(waarden: dict) -> None:
    fouten = {veld: "Geef datum en tijd (Europe/Amsterdam)." for veld, w in waarden.items()
              if w is None or timezone.is_naive(w)}
    if fouten:
        raise ValidationError(fouten)


def _naar(vergadering: Vergadering, naar: str) -> None:
    if naar not in workflow.VERGADERING_OVERGANGEN[vergadering.status]:
        raise ValidationError({"status": f"Een vergadering met status '{vergadering.get_status_display().lower()}' "
                                         f"kan niet meer {VergaderStatus(naar).label.lower()} worden."})


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def vergadering_plannen(*, actor, orgaan: Orgaan, begin: dt.datetime, einde: dt.datetime, plaats: str = "",
                        online_link: str = "") -> Vergadering:
    _bewust({"begin": begin, "einde": einde})
    vergadering = Vergadering(orgaan=orgaan, begin=begin, einde=einde, plaats=plaats, online_link=online_link)
    vergadering.full_clean()
    vergadering.save()
    vastleggen(actor=actor, actie="vergadering.gepland", obj=vergadering, na=momentopname(vergadering))
    return vergadering


def _gepland(vergadering: Vergadering, wat: str) -> None:
    if vergadering.status != VergaderStatus.GEPLAND:
        raise ValidationError({"status": f"{wat} kan alleen bij een geplande vergadering; deze is "
                                         f"{vergadering.get_status_display().lower()}."})


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def vergadering_wijzigen(*, actor, vergadering: Vergadering, wijzigingen: dict, reden: str = "") -> Vergadering:
    """Time and place of a planned meeting; each change raises its calendar revision (iCalendar SEQUENCE)."""
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    _gepland(vergadering, "Tijd en plaats wijzigen")
    _bewust({k: v for k, v in wijzigingen.items() if k in {"begin", "einde"}})

    def ophogen(obj, gewijzigd):
        obj.revisie += 1

    return _wijzig(actor=actor, obj=vergadering, wijzigingen=wijzigingen,
                   toegestaan={"begin", "einde", "plaats", "online_link"}, actie="vergadering.gewijzigd",
                   reden=reden, bij_wijziging=ophogen)[0]


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def vergadering_houden(*, actor, vergadering: Vergadering, moment: dt.datetime | None = None) -> Vergadering:
    """Record that a planned meeting took place (OVL-GEHOUDEN: not before it began)."""
    nu = _nu(moment)
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    _naar(vergadering, VergaderStatus.GEHOUDEN)
    if not vergadering.is_begonnen(nu):
        raise ValidationError({"status": f"OVL-GEHOUDEN: de vergadering begint pas op {vergadering}; zij is dus "
                                         "nog niet gehouden."})
    vergadering.status = VergaderStatus.GEHOUDEN
    vergadering.save()
    vastleggen(actor=actor, actie="vergadering.gehouden", obj=vergadering, na={"status": vergadering.status})
    return vergadering


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def vergadering_annuleren(*, actor, vergadering: Vergadering, reden: str) -> Vergadering:
    """Cancel a planned meeting; calendars show it as cancelled (STATUS:CANCELLED) instead of losing it."""
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    _naar(vergadering, VergaderStatus.GEANNULEERD)
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden van de annulering."})
    vergadering.status = VergaderStatus.GEANNULEERD
    vergadering.annuleringsreden = reden.strip()
    vergadering.revisie += 1
    vergadering.save()
    vastleggen(actor=actor, actie="vergadering.geannuleerd", obj=vergadering, na={"status": vergadering.status},
               reden=reden)
    return vergadering


# -- agenda, documents, advice notes --------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def agendapunt_toevoegen(*, actor, vergadering: Vergadering, titel: str, toelichting: str = "",
                         onderwerp=None) -> Agendapunt:
    """An item at the end of a planned meeting's agenda; ``onderwerp`` is a domain object of a kind registered in
    ``onderwerpen.py``, or None for a free-text item."""
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    _gepland(vergadering, "De agenda wijzigen")
    soort, obj_id = onderwerpen.verwijzing(onderwerp)
    laatste = vergadering.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0
    punt = Agendapunt(vergadering=vergadering, volgorde=laatste + 1, titel=titel, toelichting=toelichting,
                      onderwerp_type=soort, onderwerp_id=obj_id)
    punt.full_clean()
    punt.save()
    vastleggen(actor=actor, actie="agendapunt.toegevoegd", obj=punt, na=momentopname(punt))
    return punt


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def agendapunt_wijzigen(*, actor, agendapunt: Agendapunt, wijzigingen: dict, reden: str = "") -> Agendapunt:
    """Title, explanation, subject, and position on the agenda (the other items move up or down)."""
    punt = Agendapunt.objects.select_for_update(of=("self",)).select_related("vergadering").get(pk=agendapunt.pk)
    _gepland(punt.vergadering, "De agenda wijzigen")
    wijzigingen = dict(wijzigingen)
    if "onderwerp" in wijzigingen:
        wijzigingen["onderwerp_type"], wijzigingen["onderwerp_id"] = onderwerpen.verwijzing(
            wijzigingen.pop("onderwerp"))
    volgorde = wijzigingen.pop("volgorde", None)
    if volgorde is not None:
        anderen = list(punt.vergadering.agendapunten.exclude(pk=punt.pk).order_by("volgorde", "id"))
        positie = max(1, min(int(volgorde), len(anderen) + 1))
        anderen.insert(positie - 1, punt)
        for i, p in enumerate(anderen, start=1):
            if p.pk != punt.pk and p.volgorde != i:
                Agendapunt.objects.filter(pk=p.pk).update(volgorde=i)
        wijzigingen["volgorde"] = positie
    return _wijzig(actor=actor, obj=punt, wijzigingen=wijzigingen,
                   toegestaan={"titel", "toelichting", "onderwerp_type", "onderwerp_id", "volgorde"},
                   actie="agendapunt.gewijzigd", reden=reden)[0]


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def document_toevoegen(*, actor, vergadering: Vergadering, bestand, vertrouwelijk: bool = False,
                       agendapunt: Agendapunt | None = None, naam: str = "") -> Document:
    """A meeting document, checked like a decision's attachments (type and size); a confidential one is seen by
    the board and staff only, and its name is in the audit trail as SHA-256 (OVL-VERTROUWELIJK)."""
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    fouten = {}
    if vergadering.status == VergaderStatus.GEANNULEERD:
        fouten["vergadering"] = "Bij een geannuleerde vergadering komen geen stukken meer."
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        fouten["agendapunt"] = "Dit agendapunt hoort bij een andere vergadering."
    if bestand is None:
        fouten["bestand"] = "Kies een bestand."
    elif not bestand.name.lower().endswith(TOEGESTANE_BIJLAGEN):
        fouten["bestand"] = f"{bestand.name}: alleen {', '.join(TOEGESTANE_BIJLAGEN)} zijn toegestaan."
    elif bestand.size > MAX_BIJLAGE:
        fouten["bestand"] = f"{bestand.name}: een vergaderstuk is hooguit 10 MB."
    elif not bestand.size:
        fouten["bestand"] = f"{bestand.name}: het bestand is leeg."
    if fouten:
        raise ValidationError(fouten)
    naam = (naam or "").strip()[:200] or bestand.name.rsplit("/", 1)[-1][:200]
    som = hashlib.sha256(b"".join(bestand.chunks())).hexdigest()
    bestand.seek(0)
    document = Document(vergadering=vergadering, agendapunt=agendapunt, naam=naam, bestand=bestand,
                        grootte=bestand.size, sha256=som, vertrouwelijk=vertrouwelijk,
                        toegevoegd_door=_gebruiker(actor))
    document.full_clean()
    document.save()
    na = {"vergadering": vergadering.pk, "agendapunt": getattr(agendapunt, "pk", None), "sha256": som,
          "grootte": document.grootte, "vertrouwelijk": vertrouwelijk}
    na |= {"naam_sha256": _sha(naam)} if vertrouwelijk else {"naam": naam}
    vastleggen(actor=actor, actie="vergaderstuk.toegevoegd", obj=document, na=na,
               omschrijving=f"Vergaderstuk {document.pk}" if vertrouwelijk else naam)
    return document


@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def adviesnota_opstellen(*, actor, agendapunt: Agendapunt, titel: str, advies: str,
                         vertrouwelijk: bool = True) -> Adviesnota:
    """Staff's advice to the body on an agenda item of a planned meeting (the trail keeps its SHA-256)."""
    punt = Agendapunt.objects.select_related("vergadering").get(pk=agendapunt.pk)
    _gepland(punt.vergadering, "Een adviesnota opstellen")
    nota = Adviesnota(agendapunt=punt, titel=titel, advies=advies, vertrouwelijk=vertrouwelijk,
                      opgesteld_door=_gebruiker(actor))
    nota.full_clean()
    nota.save()
    vastleggen(actor=actor, actie="adviesnota.opgesteld", obj=nota,
               omschrijving=f"Adviesnota {nota.pk}" if vertrouwelijk else titel,
               na={"agendapunt": punt.pk, "vertrouwelijk": vertrouwelijk, "advies_sha256": _sha(advies)}
               | ({"titel_sha256": _sha(titel)} if vertrouwelijk else {"titel": titel}))
    return nota


# -- minutes ------------------------------------------------------------------------------------------------------

@transaction.atomic
@vereist_recht(Actie.OVERLEG_BEHEREN)
def notulen_opstellen(*, actor, vergadering: Vergadering, tekst: str,
                      moment: dt.datetime | None = None) -> Notulen:
    """Draft (or redraft) the minutes of a meeting; adopted minutes never change again (OVL-NOTULEN)."""
    nu = _nu(moment)
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    fouten = {}
    if vergadering.status == VergaderStatus.GEANNULEERD:
        fouten["vergadering"] = "Een geannuleerde vergadering heeft geen notulen."
    if not (tekst or "").strip():
        fouten["tekst"] = "De notulen zijn leeg."
    notulen = Notulen.objects.select_for_update().filter(vergadering=vergadering).first()
    if notulen is not None and notulen.status == NotulenStatus.VASTGESTELD:
        fouten["tekst"] = "OVL-NOTULEN: deze notulen zijn vastgesteld en veranderen niet meer."
    if fouten:
        raise ValidationError(fouten)
    voor = {"tekst_sha256": _sha(notulen.tekst)} if notulen else None
    if notulen is None:
        notulen = Notulen(vergadering=vergadering)
    notulen.tekst, notulen.opgesteld_door, notulen.bijgewerkt_op = tekst, _gebruiker(actor), nu
    notulen.full_clean()
    notulen.save()
    vastleggen(actor=actor, actie="notulen.opgesteld", obj=notulen, voor=voor,
               na={"tekst_sha256": _sha(tekst), "lengte": len(tekst)})
    return notulen


@transaction.atomic
@vereist_recht(Actie.NOTULEN_VASTSTELLEN)
def notulen_vaststellen(*, actor, notulen: Notulen, vastgesteld_in: Vergadering,
                        moment: dt.datetime | None = None) -> Notulen:
    """OVL-NOTULEN: a voting member of the body adopts the minutes of a held meeting at or after a later meeting of
    that body; from then on they are immutable (services refuse, the model refuses to save them again)."""
    nu = _nu(moment)
    notulen = Notulen.objects.select_for_update(of=("self",)).select_related("vergadering__orgaan").get(pk=notulen.pk)
    vergadering, orgaan = notulen.vergadering, notulen.vergadering.orgaan
    if vastgesteld_in is not None:
        vastgesteld_in = Vergadering.objects.get(pk=vastgesteld_in.pk)  # its status as stored, not as passed in
    if notulen.status == NotulenStatus.VASTGESTELD:
        raise ValidationError({"status": "OVL-NOTULEN: deze notulen zijn al vastgesteld."})
    if not workflow.stemgerechtigd(actor, orgaan, _dag(nu)):
        raise PermissionDenied(f"OVL-NOTULEN: alleen een stemgerechtigd lid van {orgaan} stelt de notulen vast.")
    fouten = {}
    if vergadering.status != VergaderStatus.GEHOUDEN:
        fouten["status"] = "OVL-NOTULEN: notulen worden vastgesteld van een vergadering die is gehouden."
    if vastgesteld_in is None:
        fouten["vastgesteld_in"] = "Kies de vergadering waarin de notulen worden vastgesteld."
    elif (vastgesteld_in.orgaan_id != orgaan.pk or vastgesteld_in.begin <= vergadering.begin
          or vastgesteld_in.status == VergaderStatus.GEANNULEERD or not vastgesteld_in.is_begonnen(nu)):
        fouten["vastgesteld_in"] = ("OVL-NOTULEN: notulen worden vastgesteld in of na een volgende vergadering van "
                                    f"{orgaan} die is begonnen en niet geannuleerd.")
    if fouten:
        raise ValidationError(fouten)
    notulen.status, notulen.vastgesteld_in, notulen.vastgesteld_door = (NotulenStatus.VASTGESTELD, vastgesteld_in,
                                                                        _gebruiker(actor))
    notulen.vastgesteld_op, notulen.sha256 = nu, _sha(notulen.tekst)
    notulen.save()
    vastleggen(actor=actor, actie="notulen.vastgesteld", obj=notulen,
               na={"vastgesteld_in": vastgesteld_in.pk, "sha256": notulen.sha256})
    return notulen


# -- decision proposals ------------------------------------------------------------------------------------------

INHOUD = ("onderwerp", "tekst", "soort", "openbaar", "deelnemer_id", "partijen", "stap", "zaak_id", "melding_id")


def _inhoud(voorstel: Besluitvoorstel) -> dict:
    """The proposal for the trail; a non-public one with its subject and text as SHA-256 (like BES-VERTROUWELIJK)."""
    data = momentopname(voorstel) | {"partijen": sorted(p.pk for p in voorstel.partijen.all())}
    if not voorstel.openbaar:
        data["onderwerp"], data["tekst"] = _sha(voorstel.onderwerp), _sha(voorstel.tekst)
    return data


def _agendapunt_past(voorstel: Besluitvoorstel, nu: dt.datetime) -> None:
    if voorstel.agendapunt_id is None:
        return
    punt = voorstel.agendapunt = Agendapunt.objects.select_related("vergadering__orgaan").get(
        pk=voorstel.agendapunt_id)  # its meeting as stored, not as passed in
    if punt.vergadering.orgaan_id != voorstel.orgaan_id:
        raise ValidationError({"agendapunt": f"Dit agendapunt hoort bij een vergadering van {punt.vergadering.orgaan},"
                                             f" niet van {voorstel.orgaan}."})
    if punt.vergadering.status == VergaderStatus.GEANNULEERD:
        raise ValidationError({"agendapunt": "Deze vergadering is geannuleerd."})
    if punt.vergadering.einde < nu:  # OVL-VERGADERING: a meeting that is over cannot have decided what comes later
        raise ValidationError({"agendapunt": f"De vergadering van {_dag(punt.vergadering.begin):%d-%m-%Y} is al "
                                             "voorbij; kies een agendapunt van een komende vergadering."})


def _gebeurtenis(voorstel, soort, actor, tijdstip, *, van="", naar="", vergadering=None, toelichting=""):
    Voorstelgebeurtenis.objects.create(voorstel=voorstel, soort=soort, van=van, naar=naar, revisie=voorstel.revisie,
                                       vergadering=vergadering, toelichting=toelichting, door=_gebruiker(actor),
                                       tijdstip=tijdstip)


@transaction.atomic
@vereist_recht(Actie.BESLUITVOORSTEL_INDIENEN)
def besluitvoorstel_opstellen(*, actor, orgaan: Orgaan, onderwerp: str, tekst: str, soort: str,
                              openbaar: bool = True, deelnemer=None, partijen=(), agendapunt: Agendapunt | None = None,
                              stap: str = "", zaak=None, melding=None,
                              moment: dt.datetime | None = None) -> Besluitvoorstel:
    """Staff prepare a decision for the board (status: in voorbereiding), optionally already on an agenda item,
    naming the board step the adopted decision enables and its subject (OVL-STAP)."""
    nu = _nu(moment)
    voorstel = Besluitvoorstel(orgaan=orgaan, onderwerp=onderwerp, tekst=tekst, soort=soort, openbaar=openbaar,
                               deelnemer=deelnemer, agendapunt=agendapunt, opgesteld_door=_gebruiker(actor),
                               opgesteld_op=nu, stap=stap or "", zaak=zaak, melding=melding)
    voorstel.full_clean(exclude=["nummer"])
    _agendapunt_past(voorstel, nu)
    voorstel.nummer = volgend_jaarnummer(Besluitvoorstel, "BV", _dag(nu).year)
    voorstel.save()
    voorstel.partijen.set(partijen)
    _gebeurtenis(voorstel, "opgesteld", actor, nu, naar=voorstel.status)
    vastleggen(actor=actor, actie="besluitvoorstel.opgesteld", obj=voorstel, na=_inhoud(voorstel),
               omschrijving=voorstel.nummer if not openbaar else "")
    return voorstel


@transaction.atomic
@vereist_recht(Actie.BESLUITVOORSTEL_INDIENEN)
def besluitvoorstel_wijzigen(*, actor, voorstel: Besluitvoorstel, wijzigingen: dict, reden: str = "",
                             moment: dt.datetime | None = None) -> Besluitvoorstel:
    """Change an open proposal. A change of content raises its revision, so a board member deciding on what they
    read is refused if it changed meanwhile (OVL-REVISIE); an adopted, rejected or withdrawn one is frozen
    (OVL-BEVROREN)."""
    nu = _nu(moment)
    voorstel = Besluitvoorstel.objects.select_for_update().get(pk=voorstel.pk)
    if voorstel.status not in workflow.BEWERKBAAR:
        raise ValidationError({"status": f"OVL-BEVROREN: een {voorstel.get_status_display().lower()} voorstel "
                                         "verandert niet meer."})
    toegestaan = {"onderwerp", "tekst", "soort", "openbaar", "deelnemer", "partijen", "agendapunt", "stap", "zaak",
                  "melding"}
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise ValidationError({veld: "Dit veld kan hier niet worden gewijzigd." for veld in sorted(onbekend)})
    voor = _inhoud(voorstel) | {"agendapunt_id": voorstel.agendapunt_id}
    wijzigingen = dict(wijzigingen)
    partijen = wijzigingen.pop("partijen", None)
    for veld, waarde in wijzigingen.items():
        setattr(voorstel, veld, waarde)
    voorstel.full_clean()
    _agendapunt_past(voorstel, nu)
    if voorstel.status == VoorstelStatus.VOORGELEGD:
        reden_agenda = workflow.OP_DE_AGENDA.toets(voorstel, None)
        if reden_agenda:
            raise ValidationError({"agendapunt": f"OVL-AGENDA: {reden_agenda}"})
    nieuwe_partijen = sorted(p.pk for p in partijen) if partijen is not None else voor["partijen"]
    na = momentopname(voorstel) | {"partijen": nieuwe_partijen}
    if not voorstel.openbaar:
        na["onderwerp"], na["tekst"] = _sha(voorstel.onderwerp), _sha(voorstel.tekst)
    gewijzigd = sorted(k for k in na if na[k] != voor.get(k))
    if not gewijzigd:
        return voorstel
    if set(gewijzigd) & set(INHOUD):
        voorstel.revisie += 1
        na["revisie"] = voorstel.revisie
        gewijzigd.append("revisie")
    voorstel.save()
    if partijen is not None:
        voorstel.partijen.set(partijen)
    _gebeurtenis(voorstel, "gewijzigd", actor, nu, toelichting=reden)
    vastleggen(actor=actor, actie="besluitvoorstel.gewijzigd", obj=voorstel, reden=reden,
               voor={k: voor.get(k) for k in gewijzigd}, na={k: json_waarde(na[k]) for k in gewijzigd},
               omschrijving=voorstel.nummer if not voorstel.openbaar else "")
    return voorstel


@transaction.atomic
def _overgang(*, actor, voorstel: Besluitvoorstel, naam: str, toelichting: str = "", revisie: int | None = None,
              moment: dt.datetime | None = None, bijlagen=()) -> Besluitvoorstel:
    overgang = workflow.PER_NAAM.get(naam)
    if overgang is None:
        raise ValidationError({"overgang": f"Onbekende stap '{naam}'."})
    _recht(actor, overgang.actie)
    nu = _nu(moment)
    voorstel = (Besluitvoorstel.objects.select_for_update(of=("self",))  # the agenda item is an outer join
                .select_related("orgaan", "agendapunt__vergadering").get(pk=voorstel.pk))
    context = workflow.Context(actor=actor, moment=nu, datum=_dag(nu), toelichting=toelichting or "")
    bezwaar = workflow.scheiding(overgang, voorstel, context)
    if bezwaar:
        raise PermissionDenied(bezwaar)
    fouten = workflow.weigeringen(overgang, voorstel, context)
    if revisie is not None and revisie != voorstel.revisie:
        fouten.setdefault("revisie", []).append(
            f"OVL-REVISIE: het voorstel is gewijzigd sinds u het opende (nu revisie {voorstel.revisie}); lees het "
            "opnieuw en beslis dan.")
    if fouten:
        raise ValidationError(fouten)
    van = voorstel.status
    vergadering = voorstel.agendapunt.vergadering if voorstel.agendapunt_id else None
    if overgang.naam == "vaststellen":
        voorstel.besluit = besluit_vastleggen(
            actor=actor, voorstel=voorstel, datum=context.datum, soort=voorstel.soort, onderwerp=voorstel.onderwerp,
            tekst=voorstel.tekst, openbaar=voorstel.openbaar, deelnemer=voorstel.deelnemer,
            partijen=list(voorstel.partijen.all()), bijlagen=bijlagen)
    if overgang.door_orgaan:
        voorstel.beslist_door, voorstel.beslist_op, voorstel.beslist_in = _gebruiker(actor), nu, vergadering
        voorstel.toelichting_beslissing = context.toelichting
    if overgang.naam == "aanhouden":
        voorstel.agendapunt = None  # staff put it on a later agenda; the history keeps this meeting
    voorstel.status = overgang.naar
    voorstel.save()
    _gebeurtenis(voorstel, overgang.naam, actor, nu, van=van, naar=voorstel.status, vergadering=vergadering,
                 toelichting=context.toelichting)
    vastleggen(actor=actor, actie=f"besluitvoorstel.{overgang.naam}", obj=voorstel,
               omschrijving=voorstel.nummer if not voorstel.openbaar else "", reden=context.toelichting,
               voor={"status": van}, na={"status": voorstel.status, "revisie": voorstel.revisie,
                                         "vergadering": getattr(vergadering, "pk", None),
                                         "besluit": getattr(voorstel.besluit, "nummer", None)})
    return voorstel


@vereist_recht(Actie.BESLUITVOORSTEL_INDIENEN)
def besluitvoorstel_voorleggen(*, actor, voorstel: Besluitvoorstel, toelichting: str = "",
                               moment: dt.datetime | None = None) -> Besluitvoorstel:
    """Staff put a proposal on an agenda item before the board (OVL-AGENDA)."""
    return _overgang(actor=actor, voorstel=voorstel, naam="voorleggen",
                     toelichting=toelichting, moment=moment)


@vereist_recht(Actie.BESLUITVOORSTEL_VASTSTELLEN)
def besluitvoorstel_vaststellen(*, actor, voorstel: Besluitvoorstel, revisie: int | None = None,
                                toelichting: str = "", moment: dt.datetime | None = None,
                                bijlagen=()) -> Besluitvoorstel:
    """A voting board member adopts the proposal in or after its meeting (OVL-SCHEIDING, OVL-VERGADERING): the
    decision is recorded in the decisions register through its own service, once (with ``bijlagen``, e.g. the
    signed decision), and the proposal is frozen. Only this decision carries the step the proposal enables
    (OVL-STAP)."""
    return _overgang(actor=actor, voorstel=voorstel, naam="vaststellen", toelichting=toelichting, revisie=revisie,
                     moment=moment, bijlagen=bijlagen)


@vereist_recht(Actie.BESLUITVOORSTEL_VASTSTELLEN)
def besluitvoorstel_aanhouden(*, actor, voorstel: Besluitvoorstel, toelichting: str, revisie: int | None = None,
                              moment: dt.datetime | None = None) -> Besluitvoorstel:
    return _overgang(actor=actor, voorstel=voorstel, naam="aanhouden", toelichting=toelichting, revisie=revisie,
                     moment=moment)


@vereist_recht(Actie.BESLUITVOORSTEL_VASTSTELLEN)
def besluitvoorstel_afwijzen(*, actor, voorstel: Besluitvoorstel, toelichting: str, revisie: int | None = None,
                             moment: dt.datetime | None = None) -> Besluitvoorstel:
    return _overgang(actor=actor, voorstel=voorstel, naam="afwijzen", toelichting=toelichting, revisie=revisie,
                     moment=moment)


@vereist_recht(Actie.BESLUITVOORSTEL_INDIENEN)
def besluitvoorstel_intrekken(*, actor, voorstel: Besluitvoorstel, toelichting: str,
                              moment: dt.datetime | None = None) -> Besluitvoorstel:
    return _overgang(actor=actor, voorstel=voorstel, naam="intrekken", toelichting=toelichting, moment=moment)


@vereist_recht(Actie.BESLUITVOORSTEL_VASTSTELLEN)
def besluitvoorstel_beslissen(*, actor, voorstel: Besluitvoorstel, beslissing: str, toelichting: str = "",
                              revisie: int | None = None, moment: dt.datetime | None = None) -> Besluitvoorstel:
    """The board's decision as chosen on the page or in the API: vaststellen, aanhouden or afwijzen."""
    if beslissing not in workflow.BESLISSINGEN:
        raise ValidationError({"beslissing": f"Kies een van: {', '.join(workflow.BESLISSINGEN)}."})
    return _overgang(actor=actor, voorstel=voorstel, naam=beslissing, toelichting=toelichting, revisie=revisie,
                     moment=moment)
