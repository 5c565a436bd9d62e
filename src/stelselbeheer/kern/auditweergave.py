"""The audit trail as people read it: one Dutch sentence per event, and its before and after as a table of fields
named by the models' verbose names, with values as the pages show them (labels of choices, dates, "ja"/"nee",
"–" for nothing; a reference to another object by that object's name).

The stored event is untouched (it is hash-chained); this is presentation only. The actions of the declared
workflows (``deelnemer.<step>``, ``zaak.<step>``) are named by their steps' labels, which the apps register here
from their ``ready()`` (kern imports no app).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime

#: action -> the sentence, with {wie} (the actor) and {object} (what it was done to)
ZINNEN: dict[str, str] = {
    "organisatie.aangemaakt": "{wie} legde organisatie {object} vast",
    "organisatie.gewijzigd": "{wie} wijzigde organisatie {object}",
    "organisatie.relatie_gelegd": "{wie} legde de relatie {object} vast",
    "organisatie.relatie_beeindigd": "{wie} beëindigde de relatie {object}",
    "deelnemer.geregistreerd": "{wie} registreerde deelnemer {object}",
    "deelnemer.gewijzigd": "{wie} wijzigde de gegevens van deelnemer {object}",
    "deelnemer.rol_toegekend": "{wie} kende de rol {object} toe",
    "kwalificatie.vastgelegd": "{wie} legde een testresultaat vast: {object}",
    "kwalificaties.gecontroleerd": "{wie} controleerde de kwalificaties (nachtelijke controle)",
    "gegevensdienst.aangemaakt": "{wie} legde gegevensdienst {object} vast",
    "gegevensdienst.gewijzigd": "{wie} wijzigde gegevensdienst {object}",
    "aanbieder.aangemaakt": "{wie} legde aanbieder {object} vast",
    "aanbieder.gewijzigd": "{wie} wijzigde aanbieder {object}",
    "aanbieder.dienst_ingesteld": "{wie} stelde de gegevensdienst en endpoints in van {object}",
    "aanbieder.dienst_verwijderd": "{wie} verwijderde de gegevensdienst {object}",
    "aanbieders.geimporteerd": "{wie} importeerde aanbieders uit {object}",
    "lijsten.geimporteerd": "{wie} importeerde de lijsten van een bestaande stelselnode: {object}",
    "oauthclient.aangemaakt": "{wie} legde OAuth-client {object} vast",
    "oauthclient.gewijzigd": "{wie} wijzigde OAuth-client {object}",
    "oauthclient.verwijderd": "{wie} verwijderde OAuth-client {object}",
    "verzoek.ingediend": "{wie} diende een wijzigingsverzoek in: {object}",
    "verzoek.goedgekeurd": "{wie} keurde het wijzigingsverzoek goed en voerde het door: {object}",
    "verzoek.afgewezen": "{wie} wees het wijzigingsverzoek af: {object}",
    "lijst.gepubliceerd": "{wie} publiceerde {object}",
    "lijst.teruggedraaid": "{wie} publiceerde de inhoud van een eerdere versie opnieuw als {object}",
    "lijst.publicatie_mislukt": "De publicatie van {object} mislukte",
    "lijst.publicatie_tegengehouden": "{wie} startte een publicatie die is tegengehouden tot een tweede medewerker "
                                      "haar beoordeelt: {object}",
    "lijst.voorstel_goedgekeurd": "{wie} keurde de tegengehouden publicatie goed: {object}",
    "lijst.voorstel_afgewezen": "{wie} wees de tegengehouden publicatie af: {object}",
    "besluit.vastgelegd": "{wie} legde besluit {object} vast",
    "zaak.geopend": "{wie} opende nalevingszaak {object}",
    "zaak.toelichting_gegeven": "{wie} gaf de toelichting van de deelnemer in zaak {object}",
    "opschorting.ingegaan": "{wie} schortte de deelname op: {object}",
    "opschorting.verlengd": "{wie} verlengde de opschorting: {object}",
    "opschorting.opgeheven": "{wie} hief de opschorting op: {object}",
    "opschorting.beeindigd": "{wie} beëindigde de lopende opschorting: {object}",
    "opschorting.gebruikers_geinformeerd": "{wie} bevestigde dat de gebruikers zijn geïnformeerd: {object}",
    "opschorting.einde_verstreken": "Het geplande einde van de opschorting is verstreken: {object}",
    "melding.ingediend": "{wie} diende melding {object} in",
    "melding.triage": "{wie} legde de triage van melding {object} vast",
    "melding.geescaleerd": "{wie} zette melding {object} door naar de landelijke desk",
    "melding.status": "{wie} wijzigde de status van melding {object}",
    "melding.update": "{wie} schreef een update bij melding {object}",
    "melding.reactie": "{wie} reageerde op melding {object}",
    "melding.incident": "{wie} legde ernst en getroffen onderdelen vast van melding {object}",
    "melding.bericht": "{wie} stuurde de getroffen deelnemers een bericht over melding {object}",
    "melding.evaluatie": "{wie} legde de evaluatie vast van melding {object}",
    "melding.constatering": "{wie} legde een constatering voor naleving vast uit melding {object}",
    "melding.partijen": "{wie} legde de partijen vast van melding {object}",
    "melding.naar_bestuur": "{wie} legde melding {object} voor aan het bestuur",
    "melding.uitspraak": "{wie} legde de uitspraak van het bestuur vast over melding {object}",
    "beslisboom.vastgelegd": "{wie} legde een nieuwe versie van de beslisboom vast: {object}",
    "kennisartikel.vastgelegd": "{wie} legde kennisartikel {object} vast",
    "gebruiker.aangemaakt": "{wie} maakte account {object} aan",
    "gebruiker.uitgenodigd": "{wie} stuurde {object} een uitnodiging om een wachtwoord in te stellen",
    "gebruiker.gedeactiveerd": "{wie} deactiveerde account {object}",
    "gebruiker.geactiveerd": "{wie} activeerde account {object} weer",
    "gebruiker.wachtwoord_ingesteld": "{wie} stelde een wachtwoord in",
    "gebruiker.inschrijfcode_uitgegeven": "{wie} gaf een inschrijfcode voor de tweede factor uit aan {object}",
    "gebruiker.inschrijfcode_gebruikt": "{wie} stelde met een inschrijfcode de tweede factor in",
    "gebruiker.tweede_factor_ingesteld": "{wie} stelde de tweede factor (authenticator-app) in",
    "gebruiker.tweede_factor_hersteld": "{wie} herstelde de tweede factor van {object}",
    "demo.gegenereerd": "{wie} maakte de demodata aan",
    "api_token.aangemaakt": "{wie} maakte API-token {object} aan",
    "api_token.ingetrokken": "{wie} trok API-token {object} in",
    "reservekopie.teruggezet": "{wie} zette een reservekopie terug: {object}",
}

#: who acted when no account did: the system, or for an action the public starts, someone without an account
ZONDER_ACCOUNT = {"melding.ingediend": "Een melder zonder account"}
SYSTEEM = "Het systeem"

#: objects of the trail that are no model, and keys of voor/na that are no model field
OBJECTSOORTEN = {"register.import": "import", "kern.demodata": "demodata",
                 "deelnemers.kwalificatiecontrole": "kwalificatiecontrole"}
SLEUTELS = {
    "besluit": "Besluit", "partijen": "Partijen", "bijlagen": "Bijlagen",
    "onderwerp_sha256": "SHA-256 van het onderwerp", "tekst_sha256": "SHA-256 van de tekst",
    "bijlagen_sha256": "SHA-256 van de bijlagen", "aanleiding": "Aanleiding",
    "toegevoegd": "Toegevoegd", "verwijderd": "Verwijderd", "gewijzigd": "Gewijzigd", "aantal": "Aantal entries",
    "apparaat": "Apparaat", "apparaten": "Apparaten", "datum": "Datum", "versie": "Versie",
}

#: prefix of a workflow's actions -> {step name: step label}; filled by the apps (``stappen_registreren``)
_STAPPEN: dict[str, dict[str, str]] = {}
_STAPZIN = {"deelnemer": "{wie} zette bij deelnemer {object} de stap ‘{stap}’",
            "zaak": "{wie} zette in nalevingszaak {object} de stap ‘{stap}’"}


def stappen_registreren(prefix: str, stappen: dict[str, str], zin: str | None = None) -> None:
    """Name the actions ``<prefix>.<step>`` of a declared workflow by the steps' labels."""
    _STAPPEN.setdefault(prefix, {}).update(stappen)
    if zin:
        _STAPZIN[prefix] = zin


def leesbaar(actie: str) -> str:
    """An action without a sentence of its own, readable: "knelpunt.naar_rfc" -> "knelpunt naar rfc"."""
    return actie.replace(".", " ").replace("_", " ")


def actielabel(actie: str) -> str:
    """A short Dutch name of an action, for the filter's choices."""
    prefix, _, naam = actie.partition(".")
    if naam in _STAPPEN.get(prefix, {}):
        return f"{prefix.capitalize()}: {_STAPPEN[prefix][naam]}"
    zin = ZINNEN.get(actie)
    if zin:
        return zin.replace("{wie} ", "").replace(": {object}", "").replace(" {object}", "").capitalize()
    return leesbaar(actie).capitalize()


def zin(event) -> str:
    """The event as a sentence: "medewerker legde besluit B-2026-0001: Toelating vast"."""
    if event.actor_id or event.actor_naam != "systeem":
        wie = event.actor_naam
    else:
        wie = ZONDER_ACCOUNT.get(event.actie, SYSTEEM)
    prefix, _, naam = event.actie.partition(".")
    sjabloon = ZINNEN.get(event.actie)
    stap = _STAPPEN.get(prefix, {}).get(naam)
    if sjabloon is None and stap is not None:
        sjabloon = _STAPZIN.get(prefix, "{wie}: {stap} ({object})")
    if sjabloon is None:
        sjabloon = "{wie}: {actie} ({object})"
    tekst = sjabloon.format(wie=wie, object=event.object_omschrijving or objectsoort(event.object_type),
                            stap=stap or "", actie=leesbaar(event.actie))
    return tekst[0].upper() + tekst[1:] + "."


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def objectsoort(object_type: str) -> str:
    """The kind of object in words ("besluit"), never the app label ("besluiten.besluit")."""
    if object_type in OBJECTSOORTEN:
        return OBJECTSOORTEN[object_type]
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type.rpartition(".")[2]


def _veld(model, sleutel: str):
    """The model field a key of voor/na stands for: by column (``organisatie_id``), name, or verbose name
    (the lists' "aanleiding" is the field ``trigger``)."""
    if model is None:
        return None
    velden = [*model._meta.concrete_fields, *model._meta.many_to_many]
    for f in velden:
        if f.attname == sleutel or f.name == sleutel:
            return f
    return next((f for f in velden if str(f.verbose_name) == sleutel), None)


def veldnaam(model, sleutel: str) -> str:
    veld = _veld(model, sleutel)
    naam = str(getattr(veld, "verbose_name", "") or "") or SLEUTELS.get(sleutel) or sleutel.replace("_", " ")
    return naam[0].upper() + naam[1:]


@dataclass
class _Verwijzingen:
    """References to other objects found on a page of events, resolved with one query per model."""

    gevraagd: dict = field(default_factory=dict)
    namen: dict = field(default_factory=dict)

    def vraag(self, model, pk) -> None:
        if pk not in (None, "") and not isinstance(pk, list | dict):
            self.gevraagd.setdefault(model, set()).add(pk)

    def ophalen(self) -> None:
        for model, pks in self.gevraagd.items():
            try:
                gevonden = model._default_manager.in_bulk(list(pks))
            except (ValueError, TypeError):
                continue
            for pk, obj in gevonden.items():
                self.namen[(model, str(pk))] = str(obj)

    def naam(self, model, pk) -> str | None:
        return self.namen.get((model, str(pk)))


def waarde(veld, w, verwijzingen: _Verwijzingen | None = None) -> str:
    """A stored value as the pages show it."""
    if w is None or w == "":
        return "–"
    if isinstance(w, bool):
        return "ja" if w else "nee"
    if isinstance(w, list):
        return ", ".join(waarde(veld, v, verwijzingen) for v in w) or "–"
    if isinstance(w, dict):
        return "; ".join(f"{k}: {waarde(None, v, verwijzingen)}" for k, v in w.items()) or "–"
    if veld is not None and getattr(veld, "choices", None):
        return str(dict(veld.flatchoices).get(w, w))
    if veld is not None and veld.is_relation and veld.related_model is not None and verwijzingen is not None:
        naam = verwijzingen.naam(veld.related_model, w)
        if naam:
            return naam
        return f"#{w}"
    if isinstance(w, str) and len(w) >= 10 and w[4:5] == "-" and w[7:8] == "-":
        moment = parse_datetime(w) if "T" in w else None
        if moment is not None:
            return date_format(localtime(moment) if moment.tzinfo else moment, "d-m-Y H:i")
        dag = parse_date(w) if len(w) == 10 else None
        if dag is not None:
            return date_format(dag, "d-m-Y")
    if isinstance(w, dt.date):
        return date_format(w, "d-m-Y")
    return str(w)


def _relatie(veld) -> bool:
    return veld is not None and veld.is_relation and isinstance(veld, models.ForeignKey | models.ManyToManyField)


def weergeven(events) -> list[dict]:
    """Events of a page with their sentence, object kind and before/after table (rows: field, before, after)."""
    events = list(events)
    verwijzingen = _Verwijzingen()
    for e in events:
        model = _model(e.object_type)
        for sleutel in {**(e.voor or {}), **(e.na or {})}:
            veld = _veld(model, sleutel)
            if _relatie(veld):
                for kant in (e.voor or {}, e.na or {}):
                    w = kant.get(sleutel)
                    for pk in w if isinstance(w, list) else [w]:
                        verwijzingen.vraag(veld.related_model, pk)
    verwijzingen.ophalen()
    uit = []
    for e in events:
        model = _model(e.object_type)
        voor, na = e.voor if isinstance(e.voor, dict) else {}, e.na if isinstance(e.na, dict) else {}
        rijen = []
        for sleutel in list(dict.fromkeys([*voor, *na])):
            veld = _veld(model, sleutel)
            rijen.append({"veld": veldnaam(model, sleutel),
                          "voor": waarde(veld, voor.get(sleutel), verwijzingen) if sleutel in voor else None,
                          "na": waarde(veld, na.get(sleutel), verwijzingen) if sleutel in na else None})
        uit.append({"event": e, "zin": zin(e), "objectsoort": objectsoort(e.object_type), "rijen": rijen,
                    "met_voor": bool(voor), "met_na": bool(na)})
    return uit
