"""A document streamed into gzip blocks (lijsten/gzipdelen.py): one valid gzip member of exactly the bytes written,
whatever the blocks, with the SHA-256 and size of those bytes; a changed fragment recompresses only its block."""

import gzip
import hashlib
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stelselbeheer.lijsten import gzipdelen
from stelselbeheer.lijsten.gzipdelen import Document, Stroom


@pytest.fixture(autouse=True)
def leeg_geheugen():
    gzipdelen._BLOKKEN.clear()
    yield
    gzipdelen._BLOKKEN.clear()


def _stroom(naam, kop, blokken, staart) -> Document:
    stroom = Stroom(naam, kop)
    for blok in blokken:
        for fragment in blok:
            stroom.schrijf(fragment, hashlib.sha256(fragment).digest())
        stroom.grens()
    return stroom.sluit(staart)


def _geheel(kop, blokken, staart) -> bytes:
    return kop + b"".join(f for blok in blokken for f in blok) + staart


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.lists(st.lists(st.binary(max_size=2000), max_size=4), max_size=5),
       st.binary(max_size=300))
def test_blokken_geven_een_geldig_gzip_van_het_geheel(kop, blokken, staart):
    gzipdelen._BLOKKEN.clear()
    document = _stroom("test", kop, blokken, staart)
    geheel = _geheel(kop, blokken, staart)
    uit = document.gzip()
    assert gzip.decompress(uit) == geheel == document.bytes()
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # as an HTTP client inflates Content-Encoding: gzip
    assert d.decompress(uit) == geheel and d.eof and d.unused_data == b""
    assert (document.sha256, document.grootte) == (hashlib.sha256(geheel).hexdigest(), len(geheel))
    ander = document.met_kop(b"<andere kop>", b"</staart>")  # another Volgnummer in the head: the same middle
    verwacht = b"<andere kop>" + geheel[len(kop):len(geheel) - len(staart)] + b"</staart>"
    assert gzip.decompress(ander.gzip()) == verwacht
    assert (ander.sha256, ander.grootte) == (hashlib.sha256(verwacht).hexdigest(), len(verwacht))


def test_van_bytes_is_hetzelfde_document():
    document = Document.van_bytes(b"<lijst>klein</lijst>")
    assert gzip.decompress(document.gzip()) == document.bytes() == b"<lijst>klein</lijst>"
    assert document.sha256 == hashlib.sha256(b"<lijst>klein</lijst>").hexdigest()


def test_na_een_wijziging_wordt_alleen_het_eigen_blok_opnieuw_gecomprimeerd(monkeypatch):
    blokken = [[b"<Zorgaanbieder>%d-%d</Zorgaanbieder>" % (b, f) for f in range(50)] for b in range(6)]
    _stroom("zal", b"<kop>", blokken, b"</kop>")
    gecomprimeerd = []
    echt = gzipdelen.deflate
    monkeypatch.setattr(gzipdelen, "deflate", lambda data, laatste=False: gecomprimeerd.append(data) or
                        echt(data, laatste))
    blokken[3][7] = b"<Zorgaanbieder>gewijzigd</Zorgaanbieder>"
    document = _stroom("zal", b"<kop>", blokken, b"</kop>")
    assert gecomprimeerd == [b"".join(blokken[3])]  # the other five blocks come from the previous build
    assert gzip.decompress(document.gzip()) == _geheel(b"<kop>", blokken, b"</kop>")
    gecomprimeerd.clear()
    _stroom("zakl", b"<kop>", blokken, b"</kop>")  # each stream has its own blocks
    assert len(gecomprimeerd) == 6


def test_een_beschadigde_crc_valt_op():
    fragmenten = [b"<Zorgaanbieder>x</Zorgaanbieder>"] * 200_000
    uit = _stroom("test", b"<kop>", [fragmenten[:100_000], fragmenten[100_000:]], b"</kop>").gzip()
    assert gzip.decompress(uit) == b"<kop>" + b"".join(fragmenten) + b"</kop>"
    assert len(uit) < len(fragmenten) * 32 / 50
    kapot = uit[:-8] + bytes([uit[-8] ^ 1]) + uit[-7:]
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(kapot)
