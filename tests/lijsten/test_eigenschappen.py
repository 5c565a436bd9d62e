"""Property-based: for random registers every list validates against its XSD and every inclusion rule holds.

The expected membership is computed here from the generated specification, independently of the
builders' queries (LST-ZAL-1..5, LST-OCL-1..3, LST-GNL-1, LST-WHL-1, LST-XSD)."""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol, DeelnemerStatus, Kwalificatie
from stelselbeheer.lijsten.bouwers import bouwers
from stelselbeheer.lijsten.validatie import valideer
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, Gegevensdienst, OAuthclient, Systeemrol

AMS = ZoneInfo("Europe/Amsterdam")
MOMENT = dt.datetime(2026, 11, 23, 23, 59, 59, tzinfo=AMS)  # the last second of a day: the NAL-365 edge
DAG = MOMENT.date()
CODES = ["1", "48", "64"]

letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)
host = st.builds(lambda a, b: f"{a}.{b}.nl", letters, letters)
deelnemer = st.fixed_dictionaries({
    # biased towards the cases where the NAL-365 edge decides: active participants with both roles
    "status": st.sampled_from([DeelnemerStatus.ACTIEF] * 4 + list(DeelnemerStatus.values)),
    "rollen": st.sampled_from([{"dva", "dvp"}, {"dva", "dvp"}, {"dva"}, {"dvp"}]),
    "kwalificaties": st.lists(st.fixed_dictionaries({
        "rol": st.sampled_from(["dva", "dvp"]), "code": st.sampled_from(CODES),
        # valid-until lands on, just before or just after the publication day often: the NAL-365 edges
        "einde": st.one_of(st.sampled_from([-1, 0, 0, 1]), st.integers(-30, 400)),
        "duur": st.one_of(st.integers(0, 2), st.integers(0, 365)), "geslaagd": st.booleans()}), max_size=5),
})
register = st.fixed_dictionaries({
    "in_gebruik": st.fixed_dictionaries({c: st.sampled_from([True, True, True, False]) for c in CODES}),
    "deelnemers": st.lists(deelnemer, min_size=1, max_size=4),
    "aanbieders": st.lists(st.fixed_dictionaries({
        "naam": letters, "dva": st.integers(0, 3),
        "diensten": st.dictionaries(st.sampled_from(CODES), st.tuples(
            host, host, st.one_of(st.lists(host, min_size=1, max_size=2), st.just([]))), max_size=3)}),
        max_size=6, unique_by=lambda a: a["naam"]),
    "clients": st.lists(st.tuples(host, st.integers(0, 3)), max_size=4, unique_by=lambda c: c[0]),
})


def _data(k):
    geldig_tot = DAG + dt.timedelta(days=k["einde"])
    return geldig_tot - dt.timedelta(days=k["duur"]), geldig_tot


def _geldig(k, rol, code=None):
    testdatum, geldig_tot = _data(k)
    return (k["rol"] == rol and (code is None or k["code"] == code) and k["geslaagd"]
            and testdatum <= DAG <= geldig_tot)


def _actief(d, rol):
    return d["status"] == DeelnemerStatus.ACTIEF and rol in d["rollen"]


def _maak(spec):
    diensten = {c: Gegevensdienst.objects.create(code=c, naam=f"Dienst {c}", in_gebruik=spec["in_gebruik"][c])
                for c in CODES}
    deelnemers = []
    for i, d in enumerate(spec["deelnemers"]):
        org = Organisatie.objects.create(naam=f"Leverancier {i}", soort="leverancier", kvk_nummer=f"{20000000 + i}")
        dn = Deelnemer.objects.create(organisatie=org, overeenkomstversie="2.2", ondertekend_op=DAG,
                                      status=d["status"], status_sinds=DAG)
        for rol in d["rollen"]:
            DeelnemerRol.objects.create(deelnemer=dn, rol=rol, sinds=DAG)
        for k in d["kwalificaties"]:
            testdatum, geldig_tot = _data(k)
            Kwalificatie.objects.create(deelnemer=dn, rol=k["rol"], gegevensdienst=diensten[k["code"]],
                                        testdatum=testdatum, geldig_tot=geldig_tot,
                                        resultaat="geslaagd" if k["geslaagd"] else "niet_geslaagd")
        deelnemers.append(dn)
    for i, a in enumerate(spec["aanbieders"]):
        dva = deelnemers[a["dva"] % len(deelnemers)]
        org = Organisatie.objects.create(naam=f"Praktijk {i}", soort="zorgaanbieder", kvk_nummer=f"{30000000 + i}")
        aanbieder = Aanbieder.objects.create(naam=f"{a['naam']}@medmij", weergavenaam=f"Praktijk {i}",
                                             organisatie=org, dva=dva)
        for code, (auth, token, rollen) in a["diensten"].items():
            agd = AanbiederGegevensdienst.objects.create(aanbieder=aanbieder, gegevensdienst=diensten[code],
                                                         authorization_endpoint=f"https://{auth}/authorize",
                                                         token_endpoint=f"https://{token}:8443/token")
            for j, r in enumerate(rollen):
                Systeemrol.objects.create(dienst=agd, code=f"ROL{j}", resource_endpoint=f"https://{r}/fhir")
    for hostname, dvp in spec["clients"]:
        OAuthclient.objects.create(hostname=hostname, organisatienaam="Een PGO",
                                   dvp=deelnemers[dvp % len(deelnemers)])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(spec=register)
def test_willekeurige_registers_geven_geldige_lijsten_die_de_regels_volgen(db, spec):
    with transaction.atomic():
        _maak(spec)
        gebouwd = {lijst: bouw(MOMENT) for lijst, bouw in bouwers().items()}
        for lijst, bouw in gebouwd.items():
            valideer(lijst, bouw.schrijf(1, MOMENT))  # LST-XSD

        deelnemers = spec["deelnemers"]
        verwacht_zal, verwacht_hosts = set(), set()
        for a in spec["aanbieders"]:
            d = deelnemers[a["dva"] % len(deelnemers)]
            ok = [(code, v) for code, v in a["diensten"].items()
                  if _actief(d, "dva") and spec["in_gebruik"][code] and v[2]
                  and any(_geldig(k, "dva", code) for k in d["kwalificaties"])]
            if ok:
                verwacht_zal.add(f"{a['naam']}@medmij")
                for _, (auth, token, rollen) in ok:
                    verwacht_hosts |= {auth, token, *rollen}
        verwacht_ocl = {h for h, i in spec["clients"]
                        if _actief(deelnemers[i % len(deelnemers)], "dvp")
                        and any(_geldig(k, "dvp") for k in deelnemers[i % len(deelnemers)]["kwalificaties"])}
        assert set(gebouwd["zal"].entries) == verwacht_zal
        assert set(gebouwd["ocl"].entries) == verwacht_ocl
        assert set(gebouwd["gnl"].entries) == {c for c in CODES if spec["in_gebruik"][c]}
        assert set(gebouwd["whitelist"].entries) == verwacht_hosts | verwacht_ocl
        for entry in gebouwd["zal"].entries.values():  # every listed gegevensdienst names its qualification
            assert entry["k"] and all(Kwalificatie.objects.get(pk=k).is_geldig_op(MOMENT) for k in entry["k"].values())
        assert all(urlsplit(f"https://{h}").hostname == h for h in gebouwd["whitelist"].entries)
        transaction.set_rollback(True)
