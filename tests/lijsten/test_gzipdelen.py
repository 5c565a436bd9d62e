"""gzip in parts (lijsten/gzipdelen.py): one valid gzip member, whatever the parts, readable by gzip and zlib."""

import gzip
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from stelselbeheer.lijsten.gzipdelen import RompGzip


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.binary(max_size=5000), st.binary(max_size=300))
def test_delen_geven_een_geldig_gzip_van_het_geheel(kop, romp, staart):
    uit = RompGzip(romp).gzip(kop, staart)
    assert gzip.decompress(uit) == kop + romp + staart
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # as an HTTP client inflates Content-Encoding: gzip
    assert d.decompress(uit) == kop + romp + staart and d.eof and d.unused_data == b""


def test_grote_romp_en_een_beschadigde_crc_valt_op():
    romp = b"<Zorgaanbieder>x</Zorgaanbieder>" * 200_000
    uit = RompGzip(romp).gzip(b"<kop>", b"</kop>")
    assert gzip.decompress(uit) == b"<kop>" + romp + b"</kop>"
    assert len(uit) < len(romp) / 50
    kapot = uit[:-8] + bytes([uit[-8] ^ 1]) + uit[-7:]
    try:
        gzip.decompress(kapot)
    except gzip.BadGzipFile:
        pass
    else:
        raise AssertionError("a wrong CRC-32 must be noticed")
