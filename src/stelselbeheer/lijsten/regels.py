"""Which register entries are on which list (rules LST-…, docs/regels.md), and why an entry is or is not.

LST-ZAL-1  the connecting DVA participant is active (admitted, not suspended, not ended: status 'actief')
LST-ZAL-2  ... and has the role Dienstverlener aanbieder
LST-ZAL-3  ... and holds a valid qualification (NAL-365) in the DVA role for that gegevensdienst at the
           moment of publication, read in Europe/Amsterdam
LST-ZAL-4  the gegevensdienst is in force
LST-ZAL-5  an aanbieder without any qualifying gegevensdienst is not on the list at all
LST-OCL-1  the client's DVP participant is active
LST-OCL-2  ... and has the role Dienstverlener persoon
LST-OCL-3  ... and holds at least one valid qualification in the DVP role
LST-GNL-1  every gegevensdienst in force
LST-WHL-1  the host names of the endpoints on the ZAL (subscription endpoints included) and of the clients on
           the OCL
LST-ZAKL-1 the Zorgaanbiederskoppellijst holds exactly the Zorgaanbieders and gegevensdiensten of the ZAL
LST-ZAKL-2 ... that have at least one identifying number (AGB, URA, OIN, KVK of the organisation, HRN)
LST-FORMAAT one publication renders the same entries in every format of its list, under one Volgnummer
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, Kwalificatie


def actieve_deelnemers(rol: str) -> set[int]:
    """LST-ZAL-1/2, LST-OCL-1/2: ids of active participants that have ``rol``."""
    return set(Deelnemer.objects.filter(status=DeelnemerStatus.ACTIEF, rollen__rol=rol).values_list("id", flat=True))


def geldige_kwalificaties(rol: str, moment: dt.datetime) -> dict[tuple[int, int], int]:
    """LST-ZAL-3: (participant, gegevensdienst) -> the valid qualification that lasts longest."""
    uit = {}
    rijen = (Kwalificatie.objects.geldig_op(moment).filter(rol=rol).order_by("geldig_tot", "id")
             .values_list("deelnemer_id", "gegevensdienst_id", "id"))
    for deelnemer_id, gd_id, kid in rijen:
        uit[(deelnemer_id, gd_id)] = kid
    return uit


def geldige_kwalificaties_per_deelnemer(rol: str, moment: dt.datetime) -> dict[int, set[int]]:
    """LST-OCL-3: participant -> ids of its valid qualifications in ``rol``."""
    uit: dict[int, set[int]] = defaultdict(set)
    for deelnemer_id, kid in Kwalificatie.objects.geldig_op(moment).filter(rol=rol).values_list("deelnemer_id", "id"):
        uit[deelnemer_id].add(kid)
    return uit


@dataclass
class Toets:
    regel: str
    voldaan: bool
    uitleg: str


@dataclass
class Uitleg:
    lijst: str
    sleutel: str
    op_lijst: bool
    toetsen: list[Toets] = field(default_factory=list)
    gevonden: bool = True

    def tekst(self) -> str:
        kop = f"{self.sleutel} staat {'WEL' if self.op_lijst else 'NIET'} op de {self.lijst.upper()}."
        return "\n".join([kop] + [f"  [{'x' if t.voldaan else ' '}] {t.regel}: {t.uitleg}" for t in self.toetsen])


def status_op(deelnemer: Deelnemer, moment: dt.datetime):
    """The participant's step in force at ``moment`` (its status history), or None before its first step. A
    step counts from the start of its date, or from when it was recorded if that was later that day."""
    from django.db.models import Q

    from stelselbeheer.deelnemers.models import Statuswijziging
    from stelselbeheer.deelnemers.rules import datum_in_amsterdam

    dag = datum_in_amsterdam(moment)
    geldend = Q(datum__lt=dag) | Q(datum=dag, tijdstip__lte=moment)
    return (Statuswijziging.objects.filter(geldend, deelnemer=deelnemer).select_related("besluit")
            .order_by("-datum", "-tijdstip", "-id").first())


def _deelnemer_toetsen(deelnemer: Deelnemer, rol: str, prefix: str, moment: dt.datetime) -> list[Toets]:
    stap = status_op(deelnemer, moment)
    if stap is None:
        status = Toets(f"{prefix}-1", False, f"{deelnemer} was op dat moment nog geen deelnemer")
    else:
        besluit = ""
        if stap.besluit:
            besluit = f", besluit {stap.besluit.nummer}" + ("" if stap.besluit.openbaar else " (niet openbaar)")
        status = Toets(f"{prefix}-1", stap.naar == DeelnemerStatus.ACTIEF,
                       f"deelnemer {deelnemer} had status '{stap.get_naar_display()}' sinds {stap.datum:%d-%m-%Y}"
                       f"{besluit}")
    return [
        status,
        Toets(f"{prefix}-2", deelnemer.rollen.filter(rol=rol).exists(),
              f"{deelnemer} {'heeft' if deelnemer.rollen.filter(rol=rol).exists() else 'heeft niet'} de rol "
              f"{rol.upper()}"),
    ]


def _kwalificatie_tekst(k: Kwalificatie | None, moment: dt.datetime) -> str:
    if k is None:
        return "geen geslaagde test voor deze rol en gegevensdienst"
    staat = "geldig" if k.is_geldig_op(moment) else "niet geldig"
    return (f"kwalificatie #{k.pk}: test {k.testdatum:%d-%m-%Y}, {k.get_resultaat_display().lower()}, geldig tot en "
            f"met {k.geldig_tot:%d-%m-%Y} ({staat} op het moment van toetsen)")


def waarom(lijst: str, sleutel: str, moment: dt.datetime) -> Uitleg:
    """Explain, rule by rule, why ``sleutel`` (aanbiedernaam, hostname, gegevensdienst-id) is on ``lijst`` or not."""
    from stelselbeheer.register.models import Aanbieder, Gegevensdienst, OAuthclient

    if lijst == "zal":
        aanbieder = Aanbieder.objects.select_related("dva__organisatie").filter(naam=sleutel).first()
        if aanbieder is None:
            return Uitleg(lijst, sleutel, False, [Toets("REG", False, "geen aanbieder met deze naam")], False)
        toetsen = _deelnemer_toetsen(aanbieder.dva, "dva", "LST-ZAL", moment)
        deelnemer_ok = all(t.voldaan for t in toetsen)
        diensten_ok = False
        for dienst in aanbieder.diensten.select_related("gegevensdienst").order_by("gegevensdienst__code"):
            gd = dienst.gegevensdienst
            toetsen.append(Toets("LST-ZAL-4", gd.in_gebruik, f"gegevensdienst {gd} is "
                                 f"{'in gebruik' if gd.in_gebruik else 'niet in gebruik'}"))
            kwal = (Kwalificatie.objects.filter(deelnemer=aanbieder.dva, rol="dva", gegevensdienst=gd)
                    .order_by("-geldig_tot").first())
            geldig = Kwalificatie.objects.geldig_op(moment).filter(deelnemer=aanbieder.dva, rol="dva",
                                                                     gegevensdienst=gd).order_by("-geldig_tot").first()
            toetsen.append(Toets("LST-ZAL-3", geldig is not None,
                                 f"{gd.code}: {_kwalificatie_tekst(geldig or kwal, moment)}"))
            diensten_ok |= gd.in_gebruik and geldig is not None and dienst.systeemrollen.exists()
        toetsen.append(Toets("LST-ZAL-5", diensten_ok, "minstens één gegevensdienst voldoet" if diensten_ok
                             else "geen enkele gegevensdienst voldoet"))
        return Uitleg(lijst, sleutel, deelnemer_ok and diensten_ok, toetsen)
    if lijst == "zakl":
        uitleg = waarom("zal", sleutel, moment)
        if not uitleg.gevonden:
            return Uitleg(lijst, sleutel, False, uitleg.toetsen, False)
        from .bouwers.zakl import kenmerken

        nummers = kenmerken([sleutel]).get(sleutel, [])
        uitleg.toetsen.append(Toets("LST-ZAKL-2", bool(nummers), ", ".join(f"{k} {w}" for k, w in nummers)
                                    or "geen identificerend kenmerk (AGB, URA, OIN, HRN of KvK)"))
        return Uitleg(lijst, sleutel, uitleg.op_lijst and bool(nummers), uitleg.toetsen)
    if lijst in {"ocl"}:
        client = OAuthclient.objects.select_related("dvp__organisatie").filter(hostname=sleutel).first()
        if client is None:
            return Uitleg(lijst, sleutel, False, [Toets("REG", False, "geen OAuth-client met deze hostnaam")], False)
        toetsen = _deelnemer_toetsen(client.dvp, "dvp", "LST-OCL", moment)
        geldig = list(Kwalificatie.objects.geldig_op(moment).filter(deelnemer=client.dvp, rol="dvp")
                      .select_related("gegevensdienst"))
        toetsen.append(Toets("LST-OCL-3", bool(geldig), "; ".join(_kwalificatie_tekst(k, moment) for k in geldig)
                             or "geen geldige kwalificatie in de rol DVP"))
        return Uitleg(lijst, sleutel, all(t.voldaan for t in toetsen), toetsen)
    if lijst == "gnl":
        gd = Gegevensdienst.objects.filter(code=sleutel).first()
        if gd is None:
            return Uitleg(lijst, sleutel, False, [Toets("REG", False, "geen gegevensdienst met dit id")], False)
        return Uitleg(lijst, sleutel, gd.in_gebruik, [Toets("LST-GNL-1", gd.in_gebruik, f"{gd} is "
                                                            f"{'in gebruik' if gd.in_gebruik else 'niet in gebruik'}")])
    if lijst == "whitelist":
        from .bouwers import whitelist

        op = sleutel in whitelist.bouw(moment).entries
        return Uitleg(lijst, sleutel, op, [Toets("LST-WHL-1", op, "hostnaam van een endpoint op de ZAL of een client "
                                                 "op de OCL" if op else "geen endpoint of client op de lijsten")])
    raise ValueError(f"Onbekende lijst {lijst!r}")


def verklaar_verwijdering(lijst: str, sleutel: str, vorige_entry: dict, moment: dt.datetime) -> str | None:
    """LST-BEWAKING: why an entry may leave the list without a second pair of eyes, or None.

    Explained are a qualification that expired (its recorded id is no longer valid) and a participant that
    is no longer active (admission, suspension and exit are decisions). Anything else, such as endpoints
    or aanbieders that disappear, is unexplained."""
    from stelselbeheer.register.models import Aanbieder, OAuthclient

    kwalificaties = vorige_entry.get("k") or {}
    ids = list(kwalificaties.values()) if isinstance(kwalificaties, dict) else list(kwalificaties)
    verlopen = [k for k in Kwalificatie.objects.filter(pk__in=ids) if not k.is_geldig_op(moment)]
    if ids and verlopen:
        k = verlopen[0]
        return f"kwalificatie #{k.pk} ({k.gegevensdienst.code}) verlopen op {k.geldig_tot:%d-%m-%Y}"
    if lijst in ("zal", "zakl"):
        deelnemer = Deelnemer.objects.filter(aanbieders__naam=sleutel).first()
        bestaat = Aanbieder.objects.filter(naam=sleutel).exists()
    else:
        deelnemer = Deelnemer.objects.filter(oauthclients__hostname=sleutel).first()
        bestaat = OAuthclient.objects.filter(hostname=sleutel).exists()
    if bestaat and deelnemer is not None and deelnemer.status != DeelnemerStatus.ACTIEF:
        return f"deelnemer {deelnemer} is {deelnemer.get_status_display().lower()}"
    return None
