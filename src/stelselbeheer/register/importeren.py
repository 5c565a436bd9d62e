"""CSV import of aanbieders: all or nothing, every error reported with line, column and reason.

One line per aanbieder x gegevensdienst. Columns (header line required, separator ``,`` or ``;``, quoting as in
RFC 4180; rule REG-CSV):

    aanbiedernaam, weergavenaam, soort, kvk_nummer, plaats, dva_kvk, gegevensdienst,
    authorization_endpoint, token_endpoint, systeemrollen

Optional columns (rule REG-FORMATEN): ``aanbiedertype`` (code, empty: ZA), ``hrn``, ``interfaceversies``
(separated by ``|``, empty: 1.4.0), ``abonneren_maximale_duur`` (days) and ``abonneren_endpoint`` (both or
neither).

``soort`` is ``zorgaanbieder`` or ``zonder_behandelrelatie``; ``dva_kvk`` is the KvK number of the
connecting DVA participant; ``systeemrollen`` is ``CODE=https://…`` pairs separated by ``|``.
Lines with the same aanbiedernaam describe one aanbieder and must agree on its own columns.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from stelselbeheer.deelnemers.models import Deelnemer, RolSoort
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.identificatie import valideer_interfaceversies, valideer_maximale_duur
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.organisaties.models import Organisatie, Soort

from .models import (
    Aanbieder,
    AanbiederGegevensdienst,
    AanbiederSoort,
    Aanbiedertype,
    Gegevensdienst,
    Systeemrol,
    abonneren_fouten,
    standaard_interfaceversies,
)
from .zoeken import zoektekst

KOLOMMEN = ["aanbiedernaam", "weergavenaam", "soort", "kvk_nummer", "plaats", "dva_kvk", "gegevensdienst",
            "authorization_endpoint", "token_endpoint", "systeemrollen"]
OPTIONELE_KOLOMMEN = ["aanbiedertype", "hrn", "interfaceversies", "abonneren_maximale_duur", "abonneren_endpoint"]
AANBIEDER_KOLOMMEN = ["weergavenaam", "soort", "kvk_nummer", "plaats", "dva_kvk", "aanbiedertype", "hrn"]
MAX_REGELS = 100_000


@dataclass(frozen=True)
class ImportFout:
    regel: int
    kolom: str
    reden: str


class ImportMislukt(Exception):
    def __init__(self, fouten: list[ImportFout]):
        super().__init__(f"{len(fouten)} fout(en) in het bestand; er is niets geïmporteerd.")
        self.fouten = fouten


@dataclass
class ImportResultaat:
    aanbieders: int
    diensten: int
    organisaties: int
    namen: list[str] = field(default_factory=list)


def _veldfout(model, veld: str, waarde: str) -> str | None:
    try:
        model._meta.get_field(veld).clean(waarde, None)
    except ValidationError as e:
        return " ".join(e.messages)
    return None


def _scheidingsteken(kopregel: str) -> str:
    """``,`` or ``;``: whichever the header line uses (it holds only column names). Only the separator is
    detected; the rest is the standard dialect (RFC 4180: a quote inside a quoted field is written twice). The
    csv Sniffer is not used: on a header without quotes it reports ``doublequote=False``, which misread a
    doubled quote inside a field as a closing quote and stored stray quotes."""
    return ";" if kopregel.count(";") > kopregel.count(",") else ","


def _csv_fout(fout: csv.Error) -> str:
    """The csv module's error in words the importer can act on."""
    tekst = str(fout)
    if "field larger than field limit" in tekst:
        limiet = f"{csv.field_size_limit():,}".replace(",", ".")
        return f"Een veld is langer dan {limiet} tekens; geen kolom is zo lang. Staat er een aanhalingsteken te veel?"
    if "unexpected end of data" in tekst:
        return ("Een veld begint met een aanhalingsteken dat nergens gesloten wordt (tot het einde van het "
                "bestand).")
    if "expected after" in tekst:
        return ('Na het sluitende aanhalingsteken van een veld volgt geen scheidingsteken. Zet een veld met '
                'aanhalingstekens helemaal tussen aanhalingstekens en schrijf die binnen het veld dubbel: '
                '"Praktijk ""De Linde"""')
    return f"Geen geldige CSV: {tekst}."


def _lees(tekst: str) -> tuple[list[dict], list[ImportFout]]:
    """The data lines as dicts, each with ``_regel``: the line in the file where it starts. A line the csv
    module cannot read ends the reading with that error and its line: what follows it cannot be trusted to
    start where it seems to."""
    if tekst.startswith("\ufeff"):
        tekst = tekst[1:]
    if not tekst.strip():
        return [], [ImportFout(1, "", "Het bestand is leeg.")]
    lezer = csv.reader(io.StringIO(tekst, newline=""), dialect="excel",
                       delimiter=_scheidingsteken(tekst.split("\n", 1)[0]), strict=True)
    regels, begin = [], 1
    try:
        kop = [k.strip().lower() for k in next(lezer)]
        ontbrekend = [k for k in KOLOMMEN if k not in kop]
        if ontbrekend:
            return [], [ImportFout(1, k, "Deze kolom ontbreekt in de kopregel.") for k in ontbrekend]
        begin = lezer.line_num + 1
        for velden in lezer:
            nummer, begin = begin, lezer.line_num + 1
            if not velden:  # an empty line
                continue
            if len(regels) >= MAX_REGELS:
                return [], [ImportFout(nummer, "", f"Meer dan {MAX_REGELS} regels; splits het bestand.")]
            if len(velden) > len(kop):
                return [], [ImportFout(nummer, "", "Deze regel heeft meer velden dan de kopregel.")]
            rij = dict(zip(kop, velden, strict=False))
            regels.append({"_regel": nummer, **{k: (rij.get(k) or "").strip() for k in KOLOMMEN + OPTIONELE_KOLOMMEN}})
    except csv.Error as e:
        return [], [ImportFout(begin, "", _csv_fout(e))]
    if not regels:
        return [], [ImportFout(1, "", "Het bestand bevat geen gegevensregels.")]
    return regels, []


def _systeemrollen(waarde: str) -> tuple[dict[str, str], str | None]:
    rollen: dict[str, str] = {}
    for deel in filter(None, (d.strip() for d in waarde.split("|"))):
        code, scheiding, url = deel.partition("=")
        if not scheiding or not code.strip():
            return {}, f"'{deel}' is geen paar CODE=https://…"
        if code.strip() in rollen:
            return {}, f"Systeemrol '{code.strip()}' komt twee keer voor."
        fout = _veldfout(Systeemrol, "code", code.strip()) or _veldfout(Systeemrol, "resource_endpoint",
                                                                          url.strip())
        if fout:
            return {}, f"Systeemrol '{code.strip()}': {fout}"
        rollen[code.strip()] = url.strip()
    if not rollen:
        return {}, "Geef minstens één systeemrol op."
    return rollen, None


def _formaatvelden(r: dict, typen: dict[str, Aanbiedertype]) -> list[tuple[str, str]]:
    """REG-FORMATEN: the optional columns of one line, each checked by the model's own validator; sets
    ``_interfaceversies``, ``_maximale_duur`` and ``_aanbiedertype`` on the line. Returns (column, error) pairs."""
    fouten = []
    if r["aanbiedertype"] and r["aanbiedertype"] not in typen:
        fouten.append(("aanbiedertype", f"Onbekend aanbiedertype; kies uit: {', '.join(sorted(typen))}."))
    r["_aanbiedertype"] = typen.get(r["aanbiedertype"])
    fout = _veldfout(Aanbieder, "hrn", r["hrn"])
    if fout:
        fouten.append(("hrn", fout))
    versies = [v.strip() for v in r["interfaceversies"].split("|") if v.strip()] or standaard_interfaceversies()
    try:
        valideer_interfaceversies(versies)
    except ValidationError as e:
        fouten.append(("interfaceversies", " ".join(e.messages)))
    r["_interfaceversies"] = versies
    duur = None
    if r["abonneren_maximale_duur"]:
        try:
            duur = int(r["abonneren_maximale_duur"])
            valideer_maximale_duur(duur)
        except ValueError:
            fouten.append(("abonneren_maximale_duur", "Geef een geheel aantal dagen."))
        except ValidationError as e:
            fouten.append(("abonneren_maximale_duur", " ".join(e.messages)))
    r["_maximale_duur"] = duur
    fout = _veldfout(AanbiederGegevensdienst, "abonneren_endpoint", r["abonneren_endpoint"])
    if fout:
        fouten.append(("abonneren_endpoint", fout))
    if not any(k == "abonneren_maximale_duur" for k, _ in fouten):
        fouten += list(abonneren_fouten(duur if r["abonneren_maximale_duur"] else None,
                                        r["abonneren_endpoint"]).items())
    return fouten


def valideer(tekst: str):
    """Check every line; return (plan, errors). Reads the database but writes nothing."""
    regels, fouten = _lees(tekst)
    if fouten:
        return None, fouten
    diensten = {g.code: g for g in Gegevensdienst.objects.all()}
    dva_per_kvk = {d.organisatie.kvk_nummer: d for d in Deelnemer.objects.filter(rollen__rol=RolSoort.DVA)
                   .select_related("organisatie")}
    namen = {r["aanbiedernaam"] for r in regels}
    bestaand = set(Aanbieder.objects.filter(naam__in=namen).values_list("naam", flat=True))
    soorten = set(AanbiederSoort.values)
    typen = {t.code: t for t in Aanbiedertype.objects.filter(in_gebruik=True)}
    per_aanbieder: dict[str, dict] = {}
    gezien: set[tuple[str, str]] = set()
    for r in regels:
        n = r["_regel"]
        naam = r["aanbiedernaam"]
        fout = _veldfout(Aanbieder, "naam", naam)
        if fout:
            fouten.append(ImportFout(n, "aanbiedernaam", fout))
        elif naam in bestaand:
            fouten.append(ImportFout(n, "aanbiedernaam", "Deze aanbieder staat al in het register."))
        for kolom, model, veld in [("weergavenaam", Aanbieder, "weergavenaam"),
                                   ("kvk_nummer", Organisatie, "kvk_nummer"), ("plaats", Aanbieder, "plaats"),
                                   ("authorization_endpoint", AanbiederGegevensdienst, "authorization_endpoint"),
                                   ("token_endpoint", AanbiederGegevensdienst, "token_endpoint")]:
            fout = _veldfout(model, veld, r[kolom])
            if fout:
                fouten.append(ImportFout(n, kolom, fout))
        fouten += [ImportFout(n, kolom, reden) for kolom, reden in _formaatvelden(r, typen)]
        if r["soort"] not in soorten:
            fouten.append(ImportFout(n, "soort", f"Kies uit: {', '.join(sorted(soorten))}."))
        if r["dva_kvk"] not in dva_per_kvk:
            fouten.append(ImportFout(n, "dva_kvk", "Geen deelnemer met de rol DVA met dit KvK-nummer."))
        if r["gegevensdienst"] not in diensten:
            fouten.append(ImportFout(n, "gegevensdienst", "Onbekende gegevensdienst."))
        elif (naam, r["gegevensdienst"]) in gezien:
            fouten.append(ImportFout(n, "gegevensdienst", "Deze aanbieder en gegevensdienst staan al op een "
                                                          "eerdere regel."))
        gezien.add((naam, r["gegevensdienst"]))
        rollen, fout = _systeemrollen(r["systeemrollen"])
        if fout:
            fouten.append(ImportFout(n, "systeemrollen", fout))
        r["_rollen"] = rollen
        eerste = per_aanbieder.setdefault(naam, r)
        if eerste is not r:
            for kolom in AANBIEDER_KOLOMMEN:
                if r[kolom] != eerste[kolom]:
                    fouten.append(ImportFout(n, kolom, f"Wijkt af van regel {eerste['_regel']} voor dezelfde "
                                                       "aanbieder."))
    plan = {"regels": regels, "diensten": diensten, "dva": dva_per_kvk, "aanbieders": per_aanbieder}
    alle = KOLOMMEN + OPTIONELE_KOLOMMEN
    return plan, sorted(fouten, key=lambda f: (f.regel, alle.index(f.kolom) if f.kolom in alle else -1))


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_IMPORTEREN)
def aanbieders_importeren(*, actor, tekst: str, bestandsnaam: str = "", reden: str = "") -> ImportResultaat:
    """Import the file whole, or raise ``ImportMislukt`` with every error and write nothing."""
    plan, fouten = valideer(tekst)
    if fouten:
        raise ImportMislukt(fouten)
    organisaties = {}
    bestaande_orgs = {(o.kvk_nummer, o.naam): o for o in Organisatie.objects.filter(
        kvk_nummer__in={r["kvk_nummer"] for r in plan["aanbieders"].values()})}
    nieuwe_orgs = []
    for r in plan["aanbieders"].values():
        sleutel = (r["kvk_nummer"], r["weergavenaam"])
        org = bestaande_orgs.get(sleutel) or organisaties.get(sleutel)
        if org is None:
            soort = (Soort.ZORGAANBIEDER if r["soort"] == AanbiederSoort.ZORGAANBIEDER
                     else Soort.AANBIEDER_ZONDER_BEHANDELRELATIE)
            org = Organisatie(naam=r["weergavenaam"], soort=soort, kvk_nummer=r["kvk_nummer"], plaats=r["plaats"])
            organisaties[sleutel] = org
            nieuwe_orgs.append(org)
    Organisatie.objects.bulk_create(nieuwe_orgs)
    aanbieders = []
    for naam, r in plan["aanbieders"].items():
        org = bestaande_orgs.get((r["kvk_nummer"], r["weergavenaam"])) or organisaties[(r["kvk_nummer"],
                                                                                        r["weergavenaam"])]
        aanbieders.append(Aanbieder(naam=naam, weergavenaam=r["weergavenaam"], soort=r["soort"], organisatie=org,
                                    dva=plan["dva"][r["dva_kvk"]], plaats=r["plaats"],
                                    aanbiedertype=r["_aanbiedertype"], hrn=r["hrn"],
                                    zoektekst=zoektekst(weergavenaam=r["weergavenaam"], plaats=r["plaats"], naam=naam)))
    Aanbieder.objects.bulk_create(aanbieders)
    per_naam = {a.naam: a for a in aanbieders}
    diensten = [AanbiederGegevensdienst(aanbieder=per_naam[r["aanbiedernaam"]],
                                        gegevensdienst=plan["diensten"][r["gegevensdienst"]],
                                        authorization_endpoint=r["authorization_endpoint"],
                                        token_endpoint=r["token_endpoint"], interfaceversies=r["_interfaceversies"],
                                        abonneren_maximale_duur=r["_maximale_duur"],
                                        abonneren_endpoint=r["abonneren_endpoint"]) for r in plan["regels"]]
    AanbiederGegevensdienst.objects.bulk_create(diensten)
    rollen = [Systeemrol(dienst=d, code=code, resource_endpoint=url)
              for d, r in zip(diensten, plan["regels"], strict=True) for code, url in r["_rollen"].items()]
    Systeemrol.objects.bulk_create(rollen)
    namen = sorted(per_naam)
    vastleggen(actor=actor, actie="aanbieders.geimporteerd", object_type="register.import",
               object_id=hashlib.sha256(tekst.encode()).hexdigest()[:16],
               omschrijving=f"CSV-import {bestandsnaam or ''}".strip(),
               na={"aanbieders": namen, "diensten": len(diensten), "nieuwe_organisaties": len(nieuwe_orgs),
                   "sha256": hashlib.sha256(tekst.encode()).hexdigest()},
               reden=reden)
    return ImportResultaat(aanbieders=len(aanbieders), diensten=len(diensten), organisaties=len(nieuwe_orgs),
                           namen=namen)
