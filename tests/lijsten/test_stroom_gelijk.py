"""The streamed ZAL and ZAKL (bouwers/zal.py ``doorloop``) are byte for byte the documents the register gives when it
is read whole and sorted in Python, as they were built before streaming: for random registers, with names and codes
whose order differs between code points and a language collation (rule LST-XSD's fragments, LST-FORMAAT)."""

import datetime as dt
import gzip
import hashlib
from urllib.parse import urlsplit

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerRol, DeelnemerStatus, Kwalificatie
from stelselbeheer.lijsten import models, validatie
from stelselbeheer.lijsten.bouwers import bouwers, zakl
from stelselbeheer.lijsten.bouwers import zal as zalbouw
from stelselbeheer.lijsten.models import LijstKop, Snapshot
from stelselbeheer.lijsten.services import lijst_publiceren
from stelselbeheer.organisaties.models import Organisatie
from stelselbeheer.register import services as reg
from stelselbeheer.register.models import Aanbieder, AanbiederGegevensdienst, Gegevensdienst, Systeemrol

from .conftest import MOMENT

DAG = MOMENT.date()
CODES = ["1", "48", "B7", "a7"]  # "B7" < "a7" by code point, not in a language collation
naam = st.text(alphabet="abAB_zé", min_size=2, max_size=6)
register = st.lists(st.fixed_dictionaries({
    "naam": naam, "kenmerk": st.booleans(),
    "diensten": st.dictionaries(st.sampled_from(CODES), st.tuples(
        st.booleans(), st.lists(st.sampled_from(["MED", "med", "Z-1", "é"]), max_size=3, unique=True)),
        max_size=4)}), min_size=1, max_size=8, unique_by=lambda a: a["naam"])


def _maak(spec):
    diensten = {c: Gegevensdienst.objects.create(code=c, naam=f"Dienst {c}") for c in CODES}
    org = Organisatie.objects.create(naam="Leverancier", soort="leverancier", kvk_nummer="20000000")
    dva = Deelnemer.objects.create(organisatie=org, overeenkomstversie="2.2", ondertekend_op=DAG,
                                   status=DeelnemerStatus.ACTIEF, status_sinds=DAG)
    DeelnemerRol.objects.create(deelnemer=dva, rol="dva", sinds=DAG)
    for code in CODES[:3]:  # "a7" has no qualification: its diensten stay off the lists
        Kwalificatie.objects.create(deelnemer=dva, rol="dva", gegevensdienst=diensten[code], testdatum=DAG,
                                    geldig_tot=DAG + dt.timedelta(days=30), resultaat="geslaagd")
    for i, a in enumerate(spec):
        org = Organisatie.objects.create(naam=f"Praktijk {i}", soort="zorgaanbieder",
                                         kvk_nummer=f"{30000000 + i}" if a["kenmerk"] else "")
        aanbieder = Aanbieder.objects.create(naam=f"{a['naam']}@medmij", weergavenaam=f"Praktijk {i}",
                                             organisatie=org, dva=dva)
        for code, (abonneren, rollen) in a["diensten"].items():
            agd = AanbiederGegevensdienst.objects.create(
                aanbieder=aanbieder, gegevensdienst=diensten[code], authorization_endpoint=f"https://a{i}.nl/&<>",
                token_endpoint=f"https://t{i}.nl/t", interfaceversies=["1.4.0", "1.10.0"] if abonneren else ["1.4.0"],
                abonneren_maximale_duur=30 if abonneren else None,
                abonneren_endpoint=f"https://s{i}.nl/s" if abonneren else "")
            for rol in rollen:
                Systeemrol.objects.create(dienst=agd, code=rol, resource_endpoint=f"https://r{i}.nl/{rol}")


def _als_vroeger(moment):
    """The register read whole and sorted in Python (the build before streaming): name -> (type, kenmerken,
    diensten sorted by code with their system roles sorted)."""
    geldig = {(k.deelnemer_id, k.gegevensdienst_id): k.pk for k in Kwalificatie.objects.geldig_op(moment)}
    uit = {}
    for agd in AanbiederGegevensdienst.objects.select_related("aanbieder__organisatie", "gegevensdienst"):
        rollen = sorted(agd.systeemrollen.values_list("code", "resource_endpoint"))
        kwalificatie = geldig.get((agd.aanbieder.dva_id, agd.gegevensdienst_id))
        if not rollen or kwalificatie is None:
            continue
        a, org = agd.aanbieder, agd.aanbieder.organisatie
        kenmerken = [(e, w) for e, w in zip(zakl.KENMERKEN, (org.agb_code, org.ura, org.oin, a.hrn, org.kvk_nummer),
                                            strict=True) if w]
        uit.setdefault(a.naam, ("ZA", kenmerken, []))[2].append({
            "code": agd.gegevensdienst.code, "auth": agd.authorization_endpoint, "token": agd.token_endpoint,
            "rollen": rollen, "versies": tuple(sorted(agd.interfaceversies, key=zalbouw.versie_sleutel)),
            "duur": agd.abonneren_maximale_duur, "abo": agd.abonneren_endpoint, "naam": agd.gegevensdienst.naam})
    return {n: (t, k, sorted(d, key=lambda x: x["code"])) for n, (t, k, d) in sorted(uit.items())}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(spec=register)
def test_gestroomde_documenten_zijn_die_van_het_hele_register(db, spec):
    with transaction.atomic():
        _maak(spec)
        vroeger = _als_vroeger(MOMENT)
        r2 = zalbouw.samenstellen(4, MOMENT, [zalbouw.fragment(n, d) for n, (_, _, d) in vroeger.items()])
        r3 = zalbouw.samenstellen(4, MOMENT, [zalbouw.fragment3(n, t, d) for n, (t, _, d) in vroeger.items()], "zal3")
        kl = zalbouw.samenstellen(4, MOMENT, [zakl.fragment(n, {"kenmerken": k, "diensten": d})
                                             for n, (_, k, d) in vroeger.items() if k], "zakl")
        zal, koppellijst = bouwers()["zal"](MOMENT), bouwers()["zakl"](MOMENT)
        assert zal.schrijf(4, MOMENT) == r2
        assert zal.verdere[3].schrijf(4, MOMENT) == r3
        assert koppellijst.schrijf(4, MOMENT) == kl
        assert list(zal.entries) == list(vroeger)
        transaction.set_rollback(True)


def test_een_volgnummer_dat_intussen_vergeven_is_krijgt_een_nieuwe_kop(register, monkeypatch):
    """The documents are streamed with the Volgnummer the build expects; when another publication took it between
    the build and the lock, the head is written again and the SHA-256, size and gzip follow."""
    eerste = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    monkeypatch.setattr(zalbouw, "voorspeld", lambda lijst: 1)  # as if built before the first publication
    tweede = lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert tweede.volgnummer == eerste.volgnummer + 1 == LijstKop.objects.get(lijst="zal").volgnummer
    for versie in (tweede, tweede.formaatversies.get()):
        inhoud = gzip.decompress(bytes(versie.inhoud_gz))
        assert f"<Volgnummer>{tweede.volgnummer}</Volgnummer>".encode() in inhoud[:400]
        assert (hashlib.sha256(inhoud).hexdigest(), len(inhoud)) == (versie.sha256, versie.grootte)


def _uitkomst(functie, url):
    try:
        return functie(url)
    except ValueError as e:  # e.g. an unbalanced "[" in the network location: urlsplit refuses it
        return type(e)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(lambda schema, midden, rest: schema + midden + rest,
                          st.sampled_from(["https://", "HTTP://", "abcdefgh://", "x/y://", "//", "https:/", ""]),
                          st.text(alphabet="hH.:@[]1/?#\t\n -", max_size=12),
                          st.text(alphabet="ab/?#:", max_size=6)), max_size=12))
def test_host_uit_het_geheugen_is_die_van_urlsplit(urls):
    """LST-WHL-1's host names are remembered per start of a URL (zal._host): the same as urlsplit's, in any order."""
    zalbouw._HOSTS.clear()
    for url in urls + urls:
        assert _uitkomst(zalbouw._host, url) == _uitkomst(lambda u: urlsplit(u).hostname, url), url
    verwacht = {_uitkomst(lambda u: urlsplit(u).hostname, url) for url in urls}
    if ValueError not in verwacht:  # the pass collects the starts of the URLs and names their hosts at the end
        begins = set()
        zalbouw._hosts(begins, [{"auth": url, "token": url, "rollen": [("R", url)], "abo": url} for url in urls])
        assert {zalbouw._host(begin) for begin in begins} == verwacht


def _gevalideerde_namen(monkeypatch, vorige_doorloop: bool = False) -> list:
    """Record the Zorgaanbiedernamen in what the publication validates (in a process that remembers nothing, or
    only its previous pass over the register)."""
    zalbouw._GEVALIDEERD.clear()
    if not vorige_doorloop:
        zalbouw.vergeet()
    models._LAATST.clear()
    gezien = []
    echt = validatie.valideer
    monkeypatch.setattr(validatie, "valideer", lambda lijst, xml: gezien.extend(
        (lijst, n) for n in etree.fromstring(xml).xpath("//*[local-name()='Zorgaanbiedernaam']/text()")) or
        echt(lijst, xml))
    return gezien


def test_een_nieuw_proces_valideert_alleen_wat_na_de_live_versie_veranderde(register, monkeypatch):
    """LST-XSD: fragments of the live version validated against the same schemas when it was published; a fresh
    process (cron) validates only the entries whose hash differs. Other schemas: everything again, although this
    process remembers the previous pass (zal._Geheugen)."""
    lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    lijst_publiceren(actor=None, lijst="zakl", moment=MOMENT)
    dienst = AanbiederGegevensdienst.objects.get(aanbieder__naam="apotheekcentrum@medmij")
    reg.aanbieder_dienst_instellen(actor=None, aanbieder=dienst.aanbieder, gegevensdienst=dienst.gegevensdienst,
                                   authorization_endpoint="https://auth.nieuw.nl/a", token_endpoint="https://t.nl/t",
                                   systeemrollen={"MED-FHIR-SERVER": "https://fhir.nieuw.nl/48"})
    gezien = _gevalideerde_namen(monkeypatch)
    lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)
    assert sorted(gezien) == [("zal", "apotheekcentrum@medmij"), ("zal3", "apotheekcentrum@medmij")]

    gezien = _gevalideerde_namen(monkeypatch, vorige_doorloop=True)
    monkeypatch.setattr(validatie, "vingerafdruk", lambda lijst: "andere schema's")
    lijst_publiceren(actor=None, lijst="zal", moment=MOMENT)  # the pass writes the ZAKL too (zal.doorloop)
    namen = set(Snapshot.objects.filter(lijst="zal").first().entries)
    assert sorted(gezien) == sorted((f, n) for f in ("zal", "zal3", "zakl") for n in namen)
