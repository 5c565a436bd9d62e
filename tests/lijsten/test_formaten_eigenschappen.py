"""Property-based (LST-FORMAAT, LST-ZAKL-1/2, LST-XSD): for random registers with the fields of the current formats,
every format of every list validates against its schema, and the formats of one list carry the same entries."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol, DeelnemerStatus, Kwalificatie
from stelselbeheer.lijsten import formaten
from stelselbeheer.lijsten.bouwers import bouwers
from stelselbeheer.lijsten.validatie import valideer
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register.models import (
    Aanbieder,
    AanbiederGegevensdienst,
    Aanbiedertype,
    Gegevensdienst,
    Systeemrol,
)

AMS = ZoneInfo("Europe/Amsterdam")
MOMENT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMS)
CODES = ["1", "48", "64"]

letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)
host = st.builds(lambda a, b: f"{a}.{b}.nl", letters, letters)
versie = st.builds(lambda a, b, c: f"{a}.{b}.{c}", st.integers(0, 999), st.integers(0, 999), st.integers(0, 999))
cijfers = st.text(alphabet="0123456789", min_size=8, max_size=8)
register = st.lists(st.fixed_dictionaries({
    "naam": letters,
    "type": st.sampled_from([None, "ZA", "BAZB", "APD"]),
    "kvk": st.one_of(st.just(""), cijfers), "agb": st.one_of(st.just(""), cijfers),
    "ura": st.one_of(st.just(""), cijfers),
    "oin": st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=20, max_size=20)),
    "hrn": st.one_of(st.just(""), st.text(alphabet="abcXYZ019", min_size=1, max_size=20)),
    "diensten": st.dictionaries(st.sampled_from(CODES), st.fixed_dictionaries({
        "auth": host, "token": host, "rollen": st.lists(host, min_size=0, max_size=2),
        "versies": st.lists(versie, min_size=1, max_size=3, unique=True),
        "abonneren": st.one_of(st.none(), st.tuples(st.integers(1, 3650), host))}), max_size=3),
}), max_size=6, unique_by=lambda a: a["naam"])


def _maak(spec):
    diensten = {c: Gegevensdienst.objects.create(code=c, naam=f"Dienst {c}") for c in CODES}
    typen = {code: Aanbiedertype.objects.get_or_create(code=code, defaults={"naam": code})[0]
             for code in ("ZA", "BAZB", "APD")}
    org = Organisatie.objects.create(naam="Leverancier", soort="leverancier", kvk_nummer="20000000")
    dva = Deelnemer.objects.create(organisatie=org, overeenkomstversie="2.2", ondertekend_op=MOMENT.date(),
                                   status=DeelnemerStatus.ACTIEF, status_sinds=MOMENT.date())
    DeelnemerRol.objects.create(deelnemer=dva, rol="dva", sinds=MOMENT.date())
    for gd in diensten.values():
        Kwalificatie.objects.create(deelnemer=dva, rol="dva", gegevensdienst=gd, testdatum=MOMENT.date(),
                                    geldig_tot=MOMENT.date() + dt.timedelta(days=30), resultaat="geslaagd")
    for i, a in enumerate(spec):
        org = Organisatie.objects.create(naam=f"Praktijk {i}", soort="zorgaanbieder", kvk_nummer=a["kvk"],
                                         agb_code=a["agb"], ura=a["ura"], oin=a["oin"])
        aanbieder = Aanbieder.objects.create(naam=f"{a['naam']}@medmij", weergavenaam=f"Praktijk {i}",
                                             organisatie=org, dva=dva, hrn=a["hrn"],
                                             aanbiedertype=typen.get(a["type"]))
        for code, d in a["diensten"].items():
            duur, abo = d["abonneren"] or (None, "")
            agd = AanbiederGegevensdienst.objects.create(
                aanbieder=aanbieder, gegevensdienst=diensten[code], authorization_endpoint=f"https://{d['auth']}/a",
                token_endpoint=f"https://{d['token']}/t", interfaceversies=d["versies"],
                abonneren_maximale_duur=duur, abonneren_endpoint=f"https://{abo}/abo" if abo else "")
            for j, r in enumerate(d["rollen"]):
                Systeemrol.objects.create(dienst=agd, code=f"ROL{j}", resource_endpoint=f"https://{r}/fhir")


def _aanbieders(xml: bytes) -> dict[str, set[str]]:
    """Zorgaanbiedernaam -> its gegevensdienst ids, in any of the formats."""
    uit = {}
    for z in etree.fromstring(xml).iter("{*}Zorgaanbieder"):
        uit[z.findtext("{*}Zorgaanbiedernaam")] = {g.text for g in z.iter("{*}GegevensdienstId")}
    return uit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(spec=register)
def test_willekeurige_registers_geven_in_elk_formaat_geldige_lijsten_met_dezelfde_entries(db, spec):
    with transaction.atomic():
        _maak(spec)
        gebouwd = {lijst: bouw(MOMENT) for lijst, bouw in bouwers().items()}
        documenten = {}
        for lijst, bouw in gebouwd.items():
            documenten[(lijst, formaten.eerste(lijst))] = bouw.schrijf(7, MOMENT)
            for api, formaat in bouw.verdere.items():
                documenten[(lijst, api)] = formaat.schrijf(7, MOMENT)
        assert set(documenten) == {(lijst, api) for lijst, per_api in formaten.FORMATEN.items() for api in per_api}
        for (lijst, api), xml in documenten.items():
            valideer(formaten.sleutel(lijst, api), xml)  # LST-XSD, every format
            assert etree.fromstring(xml).findtext("{*}Volgnummer") == "7"

        zal2, zal3 = _aanbieders(documenten[("zal", 2)]), _aanbieders(documenten[("zal", 3)])
        assert zal2 == zal3 == {n: set(e["k"]) for n, e in gebouwd["zal"].entries.items()}  # same entries
        verwacht = {f"{a['naam']}@medmij": {c for c, d in a["diensten"].items() if d["rollen"]} for a in spec}
        assert zal2 == {n: c for n, c in verwacht.items() if c}  # LST-ZAL-5: no system role, not on the list
        met_nummer = {f"{a['naam']}@medmij" for a in spec if any(a[k] for k in ("kvk", "agb", "ura", "oin", "hrn"))}
        assert _aanbieders(documenten[("zakl", 1)]) == {n: c for n, c in zal2.items() if n in met_nummer}  # ZAKL-1/2
        transaction.set_rollback(True)
