"""Import of an existing stelselnode's lists into the register (rules LST-IMPORT-*, docs/import.md).

The lists (ZAL release 2 or 3, OCL, GNL, whitelist, ZAKL; read by ``lijsten.lezen``) create or update
gegevensdiensten, organisations, aanbieders with their endpoints, and OAuth clients. One plan is made of every entry
first: what would be created, what would change, every conflict with the register and every warning (an entry that
the first publication would leave off). A plan with a conflict writes nothing (LST-IMPORT-ALLES); a dry run returns
the plan and writes nothing (LST-IMPORT-PROEF). Only then is everything written in one transaction with one audit
event (LST-IMPORT-AUDIT).

What the lists do not carry comes from the register or the operator (LST-IMPORT-DEELNEMER, LST-IMPORT-ORGANISATIE):
- the DVA of an aanbieder: a line in the koppelbestand, else the DVA it has in the register, else the one DVA whose
  aanbieders already use the entry's endpoint hosts, else ``--dva``; the DVP of a client: the koppelbestand, else
  its DVP in the register, else ``--dvp``. Otherwise the entry is a conflict.
- the organisation of a new aanbieder: by the KvK number of the koppelbestand or the ZAKL (existing or new); without
  one, an existing organisation with the ZAKL's AGB code, URA number or OIN; otherwise a conflict (ID-KVK: every
  organisation has a KvK number).
- the display name: the koppelbestand's, else the aanbiedernaam without ``@medmij``.

An entry already in the register that differs is a conflict naming each difference, unless ``bijwerken`` is set: then
it is updated to the list (LST-IMPORT-BIJWERKEN). Nothing is deleted: register entries that are not on the lists stay
and are named in the plan. Every value passes the model's own field validators, as a form, the CSV import and the
API do (REG-*, REG-XMLTEKEN, REG-INTERFACEVERSIE, REG-AANBIEDERTYPE, REG-HRN, ID-*).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.deelnemers.models import Deelnemer, RolSoort
from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.organisaties.models import Organisatie, Soort
from stelselbeheer.register.models import (
    STANDAARD_AANBIEDERTYPE,
    Aanbieder,
    AanbiederGegevensdienst,
    AanbiederSoort,
    Aanbiedertype,
    Gegevensdienst,
    OAuthclient,
    Systeemrol,
    standaard_interfaceversies,
)
from stelselbeheer.register.zoeken import zoektekst

from . import regels
from .lezen import Document

#: the identifying numbers of the ZAKL that belong to the organisation, with its field
ORGANISATIEKENMERKEN = {"KVK": "kvk_nummer", "AGB": "agb_code", "URA": "ura", "OIN": "oin"}


class ImportOngeldig(Exception):
    """The import as asked cannot be planned (two lists of one kind, an unreadable koppelbestand)."""


class ImportConflict(Exception):
    def __init__(self, plan: Plan):
        super().__init__(f"{len(plan.conflicten)} conflict(en) met het register; er is niets geïmporteerd.")
        self.plan = plan


@dataclass(frozen=True)
class Melding:
    lijst: str
    sleutel: str
    tekst: str

    def __str__(self):
        return f"{self.lijst.upper()} {self.sleutel}: {self.tekst}"


@dataclass
class Plan:
    nieuw: list[Melding] = field(default_factory=list)
    bijwerken: list[Melding] = field(default_factory=list)
    conflicten: list[Melding] = field(default_factory=list)
    waarschuwingen: list[Melding] = field(default_factory=list)
    ongewijzigd: int = 0
    #: what would be written, by kind
    tellingen: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    geschreven: bool = False
    # the work itself, filled while planning
    _diensten: dict = field(default_factory=dict, repr=False)
    _organisaties: dict = field(default_factory=dict, repr=False)
    _aanbieders: list = field(default_factory=list, repr=False)
    _clients: list = field(default_factory=list, repr=False)

    def regels(self) -> list[str]:
        """The plan as Dutch lines, per entry."""
        uit = [f"NIEUW      {m}" for m in self.nieuw] + [f"BIJWERKEN  {m}" for m in self.bijwerken]
        uit += [f"CONFLICT   {m}" for m in self.conflicten] + [f"LET OP     {m}" for m in self.waarschuwingen]
        return uit

    def samenvatting(self) -> str:
        delen = [f"{n} {soort}" for soort, n in sorted(self.tellingen.items()) if n]
        return (f"{len(self.nieuw)} nieuw, {len(self.bijwerken)} bij te werken, {self.ongewijzigd} ongewijzigd, "
                f"{len(self.conflicten)} conflict(en), {len(self.waarschuwingen)} waarschuwing(en)"
                + (f" ({', '.join(delen)})" if delen else ""))


def _fouten(obj, exclude=()) -> list[str]:
    """The model's own validation of ``obj`` (field validators and ``clean``) as Dutch lines 'veld: melding'."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as e:
        uit = []
        for veld, meldingen in e.message_dict.items():
            try:
                label = obj._meta.get_field(veld).verbose_name
            except Exception:  # noqa: BLE001 - NON_FIELD_ERRORS and the like have no field
                label = veld
            uit += [f"{label}: {m}" for m in meldingen]
        return uit
    return []


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _verschil(wat: str, register, lijst) -> str:
    return f"{wat}: register '{register}', lijst '{lijst}'"


class _Planner:
    def __init__(self, documenten: list[Document], *, dva_kvk: str, dvp_kvk: str, koppeling: dict,
                 bijwerken: bool):
        self.docs: dict[str, Document] = {}
        for d in documenten:
            if d.lijst in self.docs:
                raise ImportOngeldig(f"Twee lijsten van dezelfde soort ({d.omschrijving}: {self.docs[d.lijst].bron} "
                                     f"en {d.bron}); geef elke lijst één keer.")
            self.docs[d.lijst] = d
        if "zakl" in self.docs and "zal" not in self.docs:
            raise ImportOngeldig("Een Zorgaanbiederskoppellijst wordt alleen met de bijbehorende ZAL geïmporteerd: "
                                 "zij draagt geen endpoints.")
        self.koppeling, self.bijwerken = koppeling, bijwerken
        self.plan = Plan()
        self.dva = {d.organisatie.kvk_nummer: d for d in Deelnemer.objects.filter(rollen__rol=RolSoort.DVA)
                    .select_related("organisatie")}
        self.dvp = {d.organisatie.kvk_nummer: d for d in Deelnemer.objects.filter(rollen__rol=RolSoort.DVP)
                    .select_related("organisatie")}
        self.standaard_dva = self._deelnemer(dva_kvk, self.dva, "DVA", "--dva") if dva_kvk else None
        self.standaard_dvp = self._deelnemer(dvp_kvk, self.dvp, "DVP", "--dvp") if dvp_kvk else None
        for sleutel in koppeling:
            if not any(sleutel in self.docs[lijst].entries for lijst in ("zal", "ocl") if lijst in self.docs):
                self._let_op("koppeling", sleutel, "staat niet op de ZAL of de OCL; deze regel wordt niet gebruikt.")

    def _deelnemer(self, kvk, per_kvk, rol, optie):
        if kvk not in per_kvk:
            raise ImportOngeldig(f"{optie} {kvk}: geen deelnemer met de rol {rol} met dit KvK-nummer.")
        return per_kvk[kvk]

    def _conflict(self, lijst, sleutel, tekst):
        self.plan.conflicten.append(Melding(lijst, sleutel, tekst))

    def _let_op(self, lijst, sleutel, tekst):
        self.plan.waarschuwingen.append(Melding(lijst, sleutel, tekst))

    def _wijziging(self, lijst, sleutel, verschillen: list[str], tel: str) -> bool:
        """An existing entry that differs: an update with ``bijwerken``, else a conflict. True: update it."""
        if not verschillen:
            return False
        if self.bijwerken:
            self.plan.bijwerken.append(Melding(lijst, sleutel, "; ".join(verschillen)))
            self.plan.tellingen[tel] += 1
            return True
        self._conflict(lijst, sleutel, "wijkt af van het register (met --bijwerken wordt het bijgewerkt): "
                       + "; ".join(verschillen))
        return False

    # -- gegevensdiensten (GNL; names from the ZAKL for ids the ZAL uses and the register lacks) -----------------
    def gegevensdiensten(self):
        bestaand = {g.code: g for g in Gegevensdienst.objects.all()}
        namen: dict[str, tuple[str, str]] = {}  # code -> (name, list it came from)
        if "gnl" in self.docs:
            for code, e in self.docs["gnl"].entries.items():
                namen[code] = (e["naam"], "gnl")
        gebruikt = ({c for e in self.docs["zal"].entries.values() for c in e["diensten"]} if "zal" in self.docs
                    else set())
        if "zakl" in self.docs:
            for naam, e in self.docs["zakl"].entries.items():
                for code, d in e["diensten"].items():
                    if code in namen and namen[code][0] != d["naam"]:
                        self._conflict("zakl", naam, f"gegevensdienst {code} heet hier '{d['naam']}', op de "
                                                     f"{namen[code][1].upper()} '{namen[code][0]}'.")
                    elif code in gebruikt or code in bestaand:
                        namen.setdefault(code, (d["naam"], "zakl"))
        for code, (naam, bron) in sorted(namen.items()):
            gd = bestaand.get(code)
            if gd is None:
                nieuw = Gegevensdienst(code=code, naam=naam, in_gebruik=True)
                fouten = _fouten(nieuw)
                if fouten:
                    self._conflict(bron, code, "; ".join(fouten))
                    continue
                self.plan.nieuw.append(Melding(bron, code, f"gegevensdienst '{naam}'"))
                self.plan.tellingen["gegevensdiensten"] += 1
                self.plan._diensten[code] = nieuw
                continue
            verschillen = []
            if gd.naam != naam:
                verschillen.append(_verschil("weergavenaam", gd.naam, naam))
            if bron == "gnl" and not gd.in_gebruik:
                verschillen.append("in het register niet in gebruik, op de GNL wel")
            if self._wijziging(bron, code, verschillen, "gegevensdiensten"):
                gd.naam, gd.in_gebruik = naam, gd.in_gebruik or bron == "gnl"
                fouten = _fouten(gd)
                if fouten:
                    self.plan.bijwerken.pop()
                    self._conflict(bron, code, "; ".join(fouten))
                    continue
                self.plan._diensten[code] = gd
            elif not verschillen:
                self.plan.ongewijzigd += 1
        if "gnl" in self.docs:
            for code, gd in bestaand.items():
                if gd.in_gebruik and code not in namen:
                    self._let_op("gnl", code, "in het register in gebruik maar niet op de GNL; blijft in gebruik "
                                              "(de import verwijdert niets).")
        for code in sorted(gebruikt - set(self.plan._diensten) - set(bestaand)):
            if code not in namen:
                self._conflict("zal", code, "onbekende gegevensdienst: staat niet in het register en er is geen GNL of "
                                            "ZAKL die haar weergavenaam geeft.")
        self.alle_diensten = {**bestaand, **self.plan._diensten}

    # -- aanbieders (ZAL, ZAKL) ----------------------------------------------------------------------------------
    def aanbieders(self):
        if "zal" not in self.docs:
            return
        zal = self.docs["zal"]
        zakl = self.docs["zakl"].entries if "zakl" in self.docs else {}
        for naam, fout in zal.fouten:
            self._conflict("zal", naam, fout)
        for naam, fout in self.docs["zakl"].fouten if zakl else []:
            self._conflict("zakl", naam, fout)
        bestaand = {a.naam: a for a in Aanbieder.objects.filter(naam__in=list(zal.entries))
                    .select_related("organisatie", "dva__organisatie", "aanbiedertype")}
        diensten_van: dict[int, dict[str, AanbiederGegevensdienst]] = defaultdict(dict)
        rollen_van: dict[int, dict[str, str]] = defaultdict(dict)
        for ad in AanbiederGegevensdienst.objects.filter(aanbieder__in=bestaand.values()).select_related(
                "gegevensdienst"):
            diensten_van[ad.aanbieder_id][ad.gegevensdienst.code] = ad
        for dienst_id, code, url in Systeemrol.objects.filter(dienst__aanbieder__in=bestaand.values()).values_list(
                "dienst_id", "code", "resource_endpoint"):
            rollen_van[dienst_id][code] = url
        typen = {t.code: t for t in Aanbiedertype.objects.filter(in_gebruik=True)}
        hosts: dict[str, set[int]] = defaultdict(set)
        for auth, token, abo, dva_id in AanbiederGegevensdienst.objects.values_list(
                "authorization_endpoint", "token_endpoint", "abonneren_endpoint", "aanbieder__dva_id"):
            for url in (auth, token, abo):
                if url:
                    hosts[_host(url)].add(dva_id)
        actief = regels.actieve_deelnemers("dva")
        geldig = regels.geldige_kwalificaties("dva", timezone.now())
        kvks = {k["organisatie_kvk"] for k in self.koppeling.values() if k.get("organisatie_kvk")}
        kvks |= {e["kenmerken"]["KVK"] for e in zakl.values() if e["kenmerken"].get("KVK")}
        #: the organisation a KvK number finds: the oldest with that number
        self.orgs_per_kvk = {o.kvk_nummer: o for o in Organisatie.objects.filter(kvk_nummer__in=kvks).order_by("-id")}
        rest = Aanbieder.objects.exclude(naam__in=list(zal.entries)).count()
        if rest:
            self._let_op("zal", "register", f"{rest} aanbieder(s) in het register staan niet op deze ZAL; de import "
                                            "laat ze staan (zij verdwijnen alleen op de gewone manier).")
        for naam in sorted(set(zakl) - set(zal.entries)):
            self._let_op("zakl", naam, "staat niet op de ZAL en wordt niet geïmporteerd (de ZAKL draagt geen "
                                       "endpoints).")
        for naam, entry in zal.entries.items():
            a = bestaand.get(naam)
            koppel = self.koppeling.get(naam, {})
            kz = zakl.get(naam, {})
            conflicten_voor = len(self.plan.conflicten)
            dva, hoe = self._dva_van(naam, entry, a, koppel, hosts)
            if dva is None:
                continue
            # the aanbiedertype (release 3 only)
            type_ = None
            if "type" in entry:
                type_ = typen.get(entry["type"])
                if type_ is None:
                    self._conflict("zal", naam, f"onbekend aanbiedertype '{entry['type']}'; kies uit: "
                                                f"{', '.join(sorted(typen))}.")
                    continue
            hrn = kz.get("kenmerken", {}).get("HRN", "")
            orgnummers = {veld: kz.get("kenmerken", {}).get(k, "") for k, veld in ORGANISATIEKENMERKEN.items()}
            if koppel.get("organisatie_kvk"):
                if orgnummers["kvk_nummer"] and orgnummers["kvk_nummer"] != koppel["organisatie_kvk"]:
                    self._conflict("zal", naam, _verschil("KvK-nummer van de organisatie", "koppelbestand "
                                                          + koppel["organisatie_kvk"], orgnummers["kvk_nummer"]))
                    continue
                orgnummers["kvk_nummer"] = koppel["organisatie_kvk"]
            diensten = self._diensten(naam, entry, kz, a, diensten_van, rollen_van)
            if diensten is None:
                continue
            if a is None:
                weergavenaam = koppel.get("weergavenaam") or naam.removesuffix("@medmij")
                org = self._organisatie(naam, orgnummers, type_, weergavenaam)
                if org is None:
                    continue
                nieuw = Aanbieder(naam=naam, weergavenaam=weergavenaam, soort=_soort(type_), hrn=hrn,
                                  aanbiedertype=type_, plaats=org.plaats if org.pk else "")
                fouten = _fouten(nieuw, exclude=["organisatie", "dva", "aanbiedertype"])
                if fouten:
                    self._conflict("zal", naam, "; ".join(fouten))
                    continue
                if len(self.plan.conflicten) > conflicten_voor:
                    continue
                self.plan.nieuw.append(Melding("zal", naam, f"aanbieder '{weergavenaam}' met "
                                               f"{len(diensten['diensten'])} gegevensdienst(en), DVA {dva} "
                                               f"(via {hoe}), organisatie {org.naam} ({org.kvk_nummer}"
                                               f"{', nieuw' if org.pk is None else ''})"))
                self.plan.tellingen["aanbieders"] += 1
                self.plan._aanbieders.append((nieuw, org, dva, diensten, True))
            else:
                verschillen = []
                if dva != a.dva:
                    verschillen.append(_verschil("DVA", a.dva, dva))
                if "type" in entry and (a.aanbiedertype.code if a.aanbiedertype else STANDAARD_AANBIEDERTYPE) != \
                        entry["type"]:
                    verschillen.append(_verschil("aanbiedertype", a.aanbiedertype.code if a.aanbiedertype
                                                 else STANDAARD_AANBIEDERTYPE, entry["type"]))
                if kz and a.hrn != hrn:
                    verschillen.append(_verschil("HRN", a.hrn, hrn))
                org = a.organisatie
                for veld, waarde in orgnummers.items():  # only what the ZAKL or koppelbestand gives
                    if waarde and getattr(org, veld) != waarde:
                        verschillen.append(_verschil(f"{Organisatie._meta.get_field(veld).verbose_name} van "
                                                     f"{org.naam}", getattr(org, veld), waarde))
                verschillen += [v for v in diensten["verschillen"]]
                if len(self.plan.conflicten) > conflicten_voor:
                    continue
                if self._wijziging("zal", naam, verschillen, "aanbieders"):
                    a.dva, a.hrn = dva, hrn if kz else a.hrn
                    if "type" in entry:
                        a.aanbiedertype = type_
                    fouten = _fouten(a, exclude=["organisatie", "dva", "aanbiedertype"])
                    if fouten:
                        self.plan.bijwerken.pop()
                        self._conflict("zal", naam, "; ".join(fouten))
                        continue
                    if any(orgnummers.values()):
                        for veld, waarde in orgnummers.items():
                            if waarde:
                                setattr(org, veld, waarde)
                        self.plan._organisaties.setdefault(org.kvk_nummer, org)
                        fouten = _fouten(org)
                        if fouten:
                            self.plan.bijwerken.pop()
                            self._conflict("zal", naam, "; ".join(fouten))
                            continue
                    self.plan._aanbieders.append((a, org, dva, diensten, False))
                elif not verschillen:
                    self.plan.ongewijzigd += 1
            self._waarschuwingen(naam, entry, kz, dva, actief, geldig)

    def _dva_van(self, naam, entry, a, koppel, hosts) -> tuple[Deelnemer | None, str]:
        """LST-IMPORT-DEELNEMER: the DVA of an entry and how it was found; (None, '') after a conflict."""
        if koppel.get("deelnemer_kvk"):
            dva = self.dva.get(koppel["deelnemer_kvk"])
            if dva is None:
                self._conflict("zal", naam, f"koppelbestand: geen deelnemer met de rol DVA met KvK-nummer "
                                            f"{koppel['deelnemer_kvk']}.")
                return None, ""
            return dva, "koppelbestand"
        if a is not None:
            return a.dva, "register"
        dva_per_id = {d.pk: d for d in self.dva.values()}
        eigen = {_host(u) for d in entry["diensten"].values()
                 for u in (d["auth"], d["token"], *d["rollen"].values(), *(d.get("abo") or [None, ""])[1:])}
        kandidaten = set().union(*(hosts.get(h, set()) for h in eigen if h)) & set(dva_per_id)
        if len(kandidaten) == 1:
            return dva_per_id[kandidaten.pop()], "hostnamen van de endpoints"
        if self.standaard_dva is not None:
            return self.standaard_dva, "--dva"
        if kandidaten:
            namen = ", ".join(sorted(str(dva_per_id[k]) for k in kandidaten))
            waarom = f"de hostnamen passen bij meer dan één DVA ({namen})"
        else:
            waarom = "geen DVA in het register gebruikt deze hostnamen"
        self._conflict("zal", naam, f"geen DVA te bepalen: {waarom}; geef --dva of een regel in het koppelbestand.")
        return None, ""

    def _waarschuwingen(self, naam, entry, kz, dva, actief, geldig) -> None:
        """What the first publication would leave off (LST-ZAL-1..3) and where the ZAKL disagrees with the ZAL:
        warnings, not conflicts; the register can hold the entry."""
        if dva.pk not in actief:
            self._let_op("zal", naam, f"DVA {dva} is geen actieve deelnemer: de aanbieder staat na publicatie "
                                      "niet op de ZAL (LST-ZAL-1).")
        else:
            for code in entry["diensten"]:
                gd = self.alle_diensten.get(code)
                if gd is not None and gd.pk is not None and (dva.pk, gd.pk) not in geldig:
                    self._let_op("zal", naam, f"DVA {dva} heeft geen geldige kwalificatie voor gegevensdienst "
                                              f"{code}: die staat na publicatie niet op de ZAL (LST-ZAL-3).")
                elif gd is not None and not gd.in_gebruik:
                    self._let_op("zal", naam, f"gegevensdienst {code} is niet in gebruik: die staat na publicatie niet "
                                              "op de ZAL (LST-ZAL-4).")
                elif gd is not None and gd.pk is None:
                    self._let_op("zal", naam, f"gegevensdienst {code} is nieuw: DVA {dva} heeft er nog geen "
                                              "kwalificatie voor; na publicatie niet op de ZAL (LST-ZAL-3).")
        if not kz:
            return
        zal_codes, zakl_codes = set(entry["diensten"]), set(kz["diensten"])
        if zal_codes != zakl_codes:
            self._let_op("zakl", naam, f"gegevensdiensten {', '.join(sorted(zakl_codes)) or 'geen'} op de ZAKL, "
                                       f"{', '.join(sorted(zal_codes))} op de ZAL; de ZAL telt (LST-ZAKL-1).")
        for code in sorted(zal_codes & zakl_codes):
            if "type" in entry and entry["diensten"][code]["versies"] != kz["diensten"][code]["versies"]:
                self._let_op("zakl", naam, f"gegevensdienst {code}: interfaceversies "
                                           f"{', '.join(kz['diensten'][code]['versies'])} op de ZAKL, "
                                           f"{', '.join(entry['diensten'][code]['versies'])} op de ZAL; de ZAL telt.")

    def _diensten(self, naam, entry, kz, a, diensten_van, rollen_van) -> dict | None:
        """The aanbieder's diensten as the list gives them, validated; for an existing aanbieder with the
        differences. None: a conflict was reported."""
        release3 = "type" in entry
        uit: dict = {"diensten": {}, "verschillen": []}
        huidige = diensten_van.get(a.pk, {}) if a is not None else {}
        fout = False
        for code, d in sorted(entry["diensten"].items()):
            if code not in self.alle_diensten:
                if code not in {m.sleutel for m in self.plan.conflicten}:
                    self._conflict("zal", naam, f"gegevensdienst {code} is onbekend en heeft geen weergavenaam op de "
                                                "GNL of ZAKL.")
                fout = True
                continue
            oud = huidige.get(code)
            if release3:
                versies, (duur, abo) = d["versies"], d["abo"] or (None, "")
            else:  # release 2 has neither: the ZAKL's versions, or what the register has, or the default
                zv = kz.get("diensten", {}).get(code, {}).get("versies")
                versies = zv or (oud.interfaceversies if oud else standaard_interfaceversies())
                duur, abo = (oud.abonneren_maximale_duur, oud.abonneren_endpoint) if oud else (None, "")
            nieuw = AanbiederGegevensdienst(authorization_endpoint=d["auth"], token_endpoint=d["token"],
                                            interfaceversies=list(versies), abonneren_maximale_duur=duur,
                                            abonneren_endpoint=abo)
            fouten = _fouten(nieuw, exclude=["aanbieder", "gegevensdienst"])
            for rcode, url in d["rollen"].items():
                fouten += [f"systeemrol {rcode}: {f}" for f in _fouten(Systeemrol(code=rcode, resource_endpoint=url),
                                                                       exclude=["dienst"])]
            if fouten:
                self._conflict("zal", naam, f"gegevensdienst {code}: " + "; ".join(fouten))
                fout = True
                continue
            uit["diensten"][code] = (nieuw, d["rollen"])
            if oud is not None:
                for wat, r, l_ in [("authorization endpoint", oud.authorization_endpoint, d["auth"]),
                                   ("token endpoint", oud.token_endpoint, d["token"]),
                                   ("interfaceversies", ", ".join(oud.interfaceversies), ", ".join(versies)),
                                   ("abonneren", _abo(oud.abonneren_maximale_duur, oud.abonneren_endpoint),
                                    _abo(duur, abo)),
                                   ("systeemrollen", _rollen(rollen_van.get(oud.pk, {})), _rollen(d["rollen"]))]:
                    if r != l_:
                        uit["verschillen"].append(f"gegevensdienst {code}, " + _verschil(wat, r, l_))
            elif a is not None:
                uit["verschillen"].append(f"gegevensdienst {code} staat niet in het register")
        for code in sorted(set(huidige) - set(entry["diensten"])):
            uit["verschillen"].append(f"gegevensdienst {code} staat in het register maar niet op de lijst "
                                      "(bijwerken verwijdert haar)")
        return None if fout else uit

    def _organisatie(self, naam, nummers: dict[str, str], type_, weergavenaam: str) -> Organisatie | None:
        """LST-IMPORT-ORGANISATIE: the organisation of a new aanbieder (an unsaved one if it is new)."""
        kvk = nummers["kvk_nummer"]
        gevonden = None
        if kvk:
            gevonden = self.plan._organisaties.get(kvk) or self.orgs_per_kvk.get(kvk)
        else:
            for veld in ("agb_code", "ura", "oin"):
                if nummers[veld]:
                    gevonden = Organisatie.objects.filter(**{veld: nummers[veld]}).order_by("id").first()
                    if gevonden:
                        break
            if gevonden is None:
                self._conflict("zal", naam, "geen KvK-nummer voor de organisatie van deze nieuwe aanbieder (ID-KVK: "
                                            "elke organisatie heeft er een); geef het in het koppelbestand "
                                            "(organisatie_kvk) of op de ZAKL, of leg de organisatie eerst vast met "
                                            "haar AGB-code, URA-nummer of OIN.")
                return None
        if gevonden is None:
            org = Organisatie(naam=weergavenaam, soort=_organisatiesoort(type_),
                              **{k: v for k, v in nummers.items() if v})
            fouten = _fouten(org)
            if fouten:
                self._conflict("zal", naam, "organisatie: " + "; ".join(fouten))
                return None
            self.plan._organisaties[kvk] = org
            self.plan.tellingen["organisaties"] += 1
            return org
        verschillen = [_verschil(f"{Organisatie._meta.get_field(v).verbose_name} van {gevonden.naam}",
                                 getattr(gevonden, v), w)
                       for v, w in nummers.items() if w and getattr(gevonden, v) != w]
        if verschillen and gevonden.pk is None:  # made for an earlier entry of this import, with other numbers
            self._conflict("zal", naam, f"een eerdere aanbieder in deze import heeft een organisatie met KvK-nummer "
                                        f"{kvk} en andere kenmerken: " + "; ".join(verschillen))
            return None
        if verschillen and gevonden.pk is not None:
            if not self._wijziging("zal", naam, verschillen, "organisaties"):
                return None  # a conflict
            for v, w in nummers.items():
                if w:
                    setattr(gevonden, v, w)
            fouten = _fouten(gevonden)
            if fouten:
                self._conflict("zal", naam, "organisatie: " + "; ".join(fouten))
                return None
            self.plan._organisaties[gevonden.kvk_nummer] = gevonden
        return gevonden

    # -- OAuth clients (OCL) -------------------------------------------------------------------------------------
    def clients(self):
        if "ocl" not in self.docs:
            return
        bestaand = {c.hostname: c for c in OAuthclient.objects.select_related("dvp__organisatie")}
        rest = len(set(bestaand) - set(self.docs["ocl"].entries))
        if rest:
            self._let_op("ocl", "register", f"{rest} OAuth-client(s) in het register staan niet op deze OCL; de "
                                            "import laat ze staan.")
        actief = regels.actieve_deelnemers("dvp")
        kwalificaties = regels.geldige_kwalificaties_per_deelnemer("dvp", timezone.now())
        for host, entry in self.docs["ocl"].entries.items():
            c = bestaand.get(host)
            koppel = self.koppeling.get(host, {})
            if koppel.get("deelnemer_kvk"):
                dvp, hoe = self.dvp.get(koppel["deelnemer_kvk"]), "koppelbestand"
                if dvp is None:
                    self._conflict("ocl", host, f"koppelbestand: geen deelnemer met de rol DVP met KvK-nummer "
                                                f"{koppel['deelnemer_kvk']}.")
                    continue
            elif c is not None:
                dvp, hoe = c.dvp, "register"
            elif self.standaard_dvp is not None:
                dvp, hoe = self.standaard_dvp, "--dvp"
            else:
                self._conflict("ocl", host, "geen DVP te bepalen; geef --dvp of een regel in het koppelbestand.")
                continue
            if c is None:
                nieuw = OAuthclient(hostname=host, organisatienaam=entry["naam"])
                fouten = _fouten(nieuw, exclude=["dvp"])
                if fouten:
                    self._conflict("ocl", host, "; ".join(fouten))
                    continue
                self.plan.nieuw.append(Melding("ocl", host, f"OAuth-client '{entry['naam']}', DVP {dvp} (via {hoe})"))
                self.plan.tellingen["oauthclients"] += 1
                self.plan._clients.append((nieuw, dvp))
            else:
                verschillen = []
                if c.organisatienaam != entry["naam"]:
                    verschillen.append(_verschil("organisatienaam", c.organisatienaam, entry["naam"]))
                if c.dvp != dvp:
                    verschillen.append(_verschil("DVP", c.dvp, dvp))
                if self._wijziging("ocl", host, verschillen, "oauthclients"):
                    c.organisatienaam = entry["naam"]
                    fouten = _fouten(c, exclude=["dvp"])
                    if fouten:
                        self.plan.bijwerken.pop()
                        self._conflict("ocl", host, "; ".join(fouten))
                        continue
                    self.plan._clients.append((c, dvp))
                elif not verschillen:
                    self.plan.ongewijzigd += 1
            if dvp.pk not in actief or not kwalificaties.get(dvp.pk):
                self._let_op("ocl", host, f"DVP {dvp} is niet actief of heeft geen geldige kwalificatie: de client "
                                          "staat na publicatie niet op de OCL (LST-OCL-1..3).")

    # -- whitelist: derived (LST-WHL-1), only compared ------------------------------------------------------------
    def whitelist(self):
        if "whitelist" not in self.docs:
            return
        afgeleid = set(self.docs["ocl"].entries) if "ocl" in self.docs else set()
        if "zal" in self.docs:
            for e in self.docs["zal"].entries.values():
                for d in e["diensten"].values():
                    afgeleid |= {_host(d["auth"]), _host(d["token"]), *(_host(u) for u in d["rollen"].values())}
                    if d.get("abo"):
                        afgeleid.add(_host(d["abo"][1]))
        for host in sorted(set(self.docs["whitelist"].entries) - afgeleid):
            self._let_op("whitelist", host, "volgt niet uit de endpoints van de ZAL en de clients van de OCL: na "
                                            "publicatie niet op de whitelist (LST-WHL-1; de whitelist wordt afgeleid, "
                                            "niet geïmporteerd).")


def _abo(duur, url) -> str:
    return f"{duur} dagen, {url}" if duur is not None else "geen"


def _rollen(rollen: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(rollen.items()))


def _soort(type_: Aanbiedertype | None) -> str:
    return (AanbiederSoort.ZONDER_BEHANDELRELATIE if type_ is not None and type_.code == "BAZB"
            else AanbiederSoort.ZORGAANBIEDER)


def _organisatiesoort(type_: Aanbiedertype | None) -> str:
    return (Soort.AANBIEDER_ZONDER_BEHANDELRELATIE if _soort(type_) == AanbiederSoort.ZONDER_BEHANDELRELATIE
            else Soort.ZORGAANBIEDER)


def _schrijven(plan: Plan) -> None:
    """Write the plan: what is new in bulk (as the CSV import does), what changes row by row."""
    for gd in plan._diensten.values():
        gd.save()
    nieuwe_orgs = [o for o in plan._organisaties.values() if o.pk is None]
    bestaande_orgs = [o for o in plan._organisaties.values() if o.pk is not None]
    Organisatie.objects.bulk_create(nieuwe_orgs)
    for org in bestaande_orgs:
        org.save()
    per_code = {g.code: g for g in Gegevensdienst.objects.all()}
    for a, org, dva, _, nieuw in plan._aanbieders:
        a.organisatie, a.dva = org, dva
        if nieuw and not a.plaats:
            a.plaats = org.plaats
        a.zoektekst = zoektekst(weergavenaam=a.weergavenaam, plaats=a.plaats, naam=a.naam)
    nieuw = [(a, d) for a, _, _, d, is_nieuw in plan._aanbieders if is_nieuw]
    Aanbieder.objects.bulk_create([a for a, _ in nieuw])
    diensten, rollen = [], []
    for a, d in nieuw:
        for code, (dienst, systeemrollen) in d["diensten"].items():
            dienst.aanbieder, dienst.gegevensdienst = a, per_code[code]
            diensten.append(dienst)
            rollen.append(systeemrollen)
    for a, _, _, d, is_nieuw in plan._aanbieders:
        if is_nieuw:
            continue
        a.save()
        a.diensten.exclude(gegevensdienst__code__in=list(d["diensten"])).delete()
        huidige = {ad.gegevensdienst_id: ad for ad in a.diensten.all()}
        for code, (dienst, systeemrollen) in d["diensten"].items():
            oud = huidige.get(per_code[code].pk)
            dienst.aanbieder, dienst.gegevensdienst = a, per_code[code]
            if oud is None:
                diensten.append(dienst)
                rollen.append(systeemrollen)
                continue
            dienst.pk = oud.pk
            dienst.save()
            Systeemrol.objects.filter(dienst=dienst).delete()
            Systeemrol.objects.bulk_create([Systeemrol(dienst=dienst, code=c, resource_endpoint=u)
                                            for c, u in systeemrollen.items()])
    AanbiederGegevensdienst.objects.bulk_create(diensten)
    Systeemrol.objects.bulk_create([Systeemrol(dienst=dienst, code=c, resource_endpoint=u)
                                    for dienst, r in zip(diensten, rollen, strict=True) for c, u in r.items()])
    for client, dvp in plan._clients:
        client.dvp = dvp
    bestaande_clients = [c for c, _ in plan._clients if c.pk is not None]
    OAuthclient.objects.bulk_create([c for c, _ in plan._clients if c.pk is None])
    for client in bestaande_clients:
        client.save()


@transaction.atomic
@vereist_recht(Actie.AANBIEDER_IMPORTEREN, Actie.GEGEVENSDIENST_WIJZIGEN)
def lijsten_importeren(*, actor, documenten: list[Document], dva_kvk: str = "", dvp_kvk: str = "",
                       koppeling: dict[str, dict[str, str]] | None = None, bijwerken: bool = False,
                       proefdraai: bool = False, reden: str = "") -> Plan:
    """Plan the import of ``documenten`` and, unless ``proefdraai``, write it: all of it, or nothing and
    ``ImportConflict`` with the plan when any entry conflicts with the register (LST-IMPORT-ALLES)."""
    if not documenten:
        raise ImportOngeldig("Geef ten minste één lijst.")
    planner = _Planner(documenten, dva_kvk=dva_kvk, dvp_kvk=dvp_kvk, koppeling=koppeling or {}, bijwerken=bijwerken)
    planner.gegevensdiensten()
    planner.aanbieders()
    planner.clients()
    planner.whitelist()
    plan = planner.plan
    if plan.conflicten:
        raise ImportConflict(plan)
    if proefdraai:
        return plan
    _schrijven(plan)
    vastleggen(actor=actor, actie="lijsten.geimporteerd", object_type="register.lijstimport",
               object_id=documenten[0].sha256[:16],
               omschrijving=", ".join(f"{d.omschrijving} volgnummer {d.volgnummer}" for d in documenten),
               na={"lijsten": [{"lijst": d.lijst, "api": d.api, "bron": d.bron[:500], "volgnummer": d.volgnummer,
                                "sha256": d.sha256, "entries": len(d.entries)} for d in documenten],
                   "nieuw": len(plan.nieuw), "bijgewerkt": len(plan.bijwerken), "ongewijzigd": plan.ongewijzigd,
                   "waarschuwingen": len(plan.waarschuwingen), **dict(plan.tellingen),
                   "bijwerken": bijwerken},
               reden=reden)
    plan.geschreven = True
    return plan
