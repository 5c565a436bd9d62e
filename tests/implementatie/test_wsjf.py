"""WSJF (IMP-WSJF-*): the arithmetic, the derived components, the tie rule, and the recorded runs that repeat when
the inputs change."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie import wsjf
from stelselbeheer.implementatie.models import FIBONACCI, Fase, Volgorderun
from stelselbeheer.kern.models import AuditEvent

from .conftest import in_fase


def _i(code, w=1, t=1, r=1, omvang=1, wet=False, voor=0):
    return wsjf.Invoer(code=code, naam=code, gebruikerswaarde=w, tijdkritiek=t, risicoreductie=r, omvang=omvang,
                       wettelijk_verplicht=wet, voorwaarde_voor=voor)


def test_rekenvoorbeeld():
    [u] = wsjf.ordenen([_i("a", w=8, t=5, r=3, omvang=5, wet=True, voor=1)])
    assert (u.wettelijk, u.randvoorwaarde, u.vertragingskosten) == (13, 5, 34)
    assert u.score == Fraction(34, 5) and str(u.score_afgerond) == "6.800"
    assert u.berekening == "(8 + 5 + 3 + 13 + 5) / 5 = 34 / 5 = 6,800"


def test_randvoorwaarde_begrensd():
    assert [wsjf.voorwaarde_punten(n) for n in range(6)] == [0, 5, 10, 15, 20, 20]


def test_gelijkspel_hogere_kosten_van_uitstel_eerst():
    # both 2.0: 10/5 and 4/2
    uit = wsjf.ordenen([_i("klein", w=2, t=1, r=1, omvang=2), _i("groot", w=8, t=1, r=1, omvang=5)])
    assert [u.invoer.code for u in uit] == ["groot", "klein"]


def test_gelijkspel_dan_kleinere_omvang_dan_wettelijk_dan_code():
    # equal score and equal cost of delay is only possible with equal size; then legal obligation, then the code
    a = _i("b-wet", w=1, t=1, r=1, omvang=1, wet=True)
    b = _i("a-geen", w=14, t=1, r=1, omvang=1)  # 16/1 vs (3+13)/1 = 16/1
    assert [u.invoer.code for u in wsjf.ordenen([b, a])] == ["b-wet", "a-geen"]
    c, d = _i("z", w=3), _i("y", w=3)
    assert [u.invoer.code for u in wsjf.ordenen([c, d])] == ["y", "z"]


invoer = st.builds(_i, code=st.text("abcdefgh", min_size=1, max_size=6), w=st.sampled_from(FIBONACCI),
                   t=st.sampled_from(FIBONACCI), r=st.sampled_from(FIBONACCI), omvang=st.sampled_from(FIBONACCI),
                   wet=st.booleans(), voor=st.integers(0, 6))
lijsten = st.lists(invoer, max_size=12, unique_by=lambda i: i.code)


@given(lijsten)
def test_score_is_kosten_van_uitstel_gedeeld_door_omvang(lijst):
    for u in wsjf.ordenen(lijst):
        i = u.invoer
        verwacht = i.gebruikerswaarde + i.tijdkritiek + i.risicoreductie + (13 if i.wettelijk_verplicht else 0) + min(
            20, 5 * i.voorwaarde_voor)
        assert u.vertragingskosten == verwacht and u.score * i.omvang == verwacht


@given(lijsten)
def test_volgorde_aflopend_met_de_gelijkspelregel_en_rangen_doorlopend(lijst):
    uit = wsjf.ordenen(lijst)
    assert [u.rang for u in uit] == list(range(1, len(lijst) + 1))
    for a, b in zip(uit, uit[1:], strict=False):
        sleutel_a = (a.score, a.vertragingskosten, -a.invoer.omvang, a.invoer.wettelijk_verplicht)
        sleutel_b = (b.score, b.vertragingskosten, -b.invoer.omvang, b.invoer.wettelijk_verplicht)
        assert sleutel_a > sleutel_b or (sleutel_a == sleutel_b and a.invoer.code < b.invoer.code)


@given(lijsten, st.randoms())
def test_volgorde_en_vingerafdruk_hangen_niet_af_van_de_invoervolgorde(lijst, rnd):
    geschud = list(lijst)
    rnd.shuffle(geschud)
    assert [u.invoer.code for u in wsjf.ordenen(lijst)] == [u.invoer.code for u in wsjf.ordenen(geschud)]
    assert wsjf.vingerafdruk(lijst) == wsjf.vingerafdruk(geschud)


def test_omvang_nul_geweigerd():
    with pytest.raises(ValueError):
        wsjf.ordenen([_i("a", omvang=0)])


# -- through the database ---------------------------------------------------------------------------------------

def _product(code, **kw):
    return imp.product_aanmaken(actor=None, code=code, naam=code.title(), eigenaar="Programma", **kw)


def test_componenten_afgeleid_van_het_product_en_herberekend_bij_wijziging(db):
    lab = _product("lab")
    thuis = _product("thuismeten")
    imp.wsjf_invoer_vastleggen(actor=None, product=lab, gebruikerswaarde=8, tijdkritiek=5, risicoreductie=3, omvang=5)
    imp.wsjf_invoer_vastleggen(actor=None, product=thuis, gebruikerswaarde=13, tijdkritiek=3, risicoreductie=5,
                               omvang=13)
    assert Volgorderun.objects.count() == 2
    eerste = Volgorderun.objects.order_by("id").last()
    assert [(r.product.code, r.wettelijk, r.randvoorwaarde) for r in eerste.regels.all()] == [
        ("lab", 0, 0), ("thuismeten", 0, 0)]
    # lab becomes a precondition for thuismeten and legally required: a new run, the old one kept as it was
    imp.product_wijzigen(actor=None, product=lab, wijzigingen={"voorwaarde_voor": [thuis], "wettelijk_verplicht": True})
    assert Volgorderun.objects.count() == 3
    nieuw = Volgorderun.objects.order_by("-id").first()
    regel = nieuw.regels.get(product=lab)
    assert (regel.wettelijk, regel.randvoorwaarde, regel.vertragingskosten) == (13, 5, 34)
    assert regel.berekening == "(8 + 5 + 3 + 13 + 5) / 5 = 34 / 5 = 6,800"
    assert eerste.regels.get(product=lab).wettelijk == 0
    # the same inputs again: no new run
    imp.wsjf_invoer_vastleggen(actor=None, product=lab, gebruikerswaarde=8, tijdkritiek=5, risicoreductie=3, omvang=5)
    assert Volgorderun.objects.count() == 3
    assert AuditEvent.objects.filter(actie="wsjf.volgorde_berekend").count() == 3


def test_product_in_brede_implementatie_telt_niet_meer_mee(db):
    a, b = _product("a"), _product("b")
    imp.wsjf_invoer_vastleggen(actor=None, product=a, gebruikerswaarde=1, tijdkritiek=1, risicoreductie=1, omvang=1)
    imp.product_wijzigen(actor=None, product=a, wijzigingen={"voorwaarde_voor": [b]})
    assert Volgorderun.objects.order_by("-id").first().regels.get().randvoorwaarde == 5
    in_fase(b, Fase.BREDE_IMPLEMENTATIE)
    run = imp.volgorde_herberekenen(actor=None, aanleiding="Overleg")
    assert run.regels.get().randvoorwaarde == 0


def test_herberekenen_vraagt_een_aanleiding(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        imp.volgorde_herberekenen(actor=None, aanleiding=" ")
