"""gzip of a document whose large middle is known before its small head and tail.

A published list is a head (with Volgnummer and Tijdstempel, known only once the list's head row is locked),
a large middle (the entries, known as soon as the build is done) and a tail. Compressing 50 MB takes about
half a second; ``RompGzip`` starts on the middle right after the build, in a thread (zlib releases the
GIL), and joins head, middle and tail into one gzip member when the Volgnummer is known. Each part is a
raw deflate stream ending on a byte boundary with a sync flush, so their concatenation is one valid deflate
stream (the technique of pigz); the CRC-32 runs over the parts in order (fast: ~40 ms for 50 MB).
"""

from __future__ import annotations

import struct
import zlib
from concurrent.futures import ThreadPoolExecutor

NIVEAU = 6
_uitvoerder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lijst-gzip")
_GZIP_KOP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, mtime 0, OS unknown


def _deflate(data: bytes, laatste: bool) -> bytes:
    c = zlib.compressobj(NIVEAU, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if laatste else zlib.Z_SYNC_FLUSH)


class RompGzip:
    def __init__(self, romp: bytes):
        self.romp = romp
        self._toekomst = _uitvoerder.submit(_deflate, romp, False)

    def gzip(self, kop: bytes, staart: bytes) -> bytes:
        """The gzip of ``kop + romp + staart`` (waits for the middle if it is not done yet)."""
        romp = self._toekomst.result()
        crc = zlib.crc32(staart, zlib.crc32(self.romp, zlib.crc32(kop)))
        lengte = len(kop) + len(self.romp) + len(staart)
        return b"".join([_GZIP_KOP, _deflate(kop, False), romp, _deflate(staart, True),
                         struct.pack("<II", crc, lengte & 0xFFFFFFFF)])
