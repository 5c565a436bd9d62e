"""A published document held as gzip in parts, written as a stream: memory stays bounded as the register grows.

A large list (the ZAL in both releases, the ZAKL) is a head (with Tijdstempel and Volgnummer), a long middle of
one fragment per entry and a tail. ``Stroom`` takes the fragments one by one: it updates the SHA-256, CRC-32 and
size of the document as they pass, and cuts the middle into blocks at boundaries that depend only on the entries'
keys (``grens``), each compressed on its own as a raw deflate stream ending on a byte boundary with a sync flush.
Their concatenation is one valid deflate stream (the technique of pigz), so head, blocks and tail make one gzip
member. Nothing holds the uncompressed document: a ZAL of 200,000 aanbieders is 231 MB as XML and a few MB here.

A block whose fragments are those of a block of the previous build (by their SHA-256) is not compressed again:
after one change, one block per format is. A writer that knows a block is unchanged without its fragments (the
pass over the register remembers what each block of the register gave, bouwers/zal.py) hands in the block's key
instead (``hergebruik``): its bytes come back by decompressing it, only for the document's SHA-256, CRC-32 and size.
Blocks are compressed, and the document's SHA-256 and CRC-32 counted, in a thread (zlib and hashlib release the GIL)
while the next fragments are written.

The document's bytes come back by decompressing (``stukken``): the static files for nginx are written that way,
and a document whose head changes (another process published in between: a new Volgnummer) is hashed again.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

NIVEAU = 6
#: one thread: what a stream hands it runs in order (``Stroom._opdracht``)
_uitvoerder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lijst-gzip")
_GZIP_KOP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, mtime 0, OS unknown
#: blocks waiting for the compression thread at most: bounds the uncompressed bytes held (~1-2 MB per block)
_WACHTRIJ = 4


def deflate(data: bytes, laatste: bool = False) -> bytes:
    """``data`` as a raw deflate stream on its own: ending the whole stream (``laatste``) or with a sync flush."""
    c = zlib.compressobj(NIVEAU, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if laatste else zlib.Z_SYNC_FLUSH)


def _inflate(blok: bytes) -> bytes:
    return zlib.decompressobj(-15).decompress(blok)


@dataclass
class Document:
    """One document: head and tail as bytes, the middle as compressed blocks; its SHA-256 (hex), size and CRC-32."""

    kop: bytes
    blokken: list[bytes]
    staart: bytes
    sha256: str
    grootte: int
    crc: int = field(repr=False)

    @classmethod
    def van_bytes(cls, xml: bytes) -> Document:
        """A small document built whole (the GNL, OCL, whitelist, a rollback)."""
        return cls(xml, [], b"", hashlib.sha256(xml).hexdigest(), len(xml), zlib.crc32(xml))

    def gzip(self) -> bytes:
        """The document as one gzip member (what a version stores and nginx's gzip_static sends)."""
        return b"".join([_GZIP_KOP, deflate(self.kop), *self.blokken, deflate(self.staart, laatste=True),
                         struct.pack("<II", self.crc, self.grootte & 0xFFFFFFFF)])

    def stukken(self) -> Iterator[bytes]:
        """The document's exact bytes, block by block."""
        yield self.kop
        for blok in self.blokken:
            yield _inflate(blok)
        yield self.staart

    def bytes(self) -> bytes:
        return b"".join(self.stukken())

    def met_kop(self, kop: bytes, staart: bytes) -> Document:
        """The same middle between another head and tail (a Volgnummer that another publication took meanwhile)."""
        sha, crc, grootte = hashlib.sha256(kop), zlib.crc32(kop), len(kop)
        for blok in self.blokken:
            deel = _inflate(blok)
            sha.update(deel)
            crc = zlib.crc32(deel, crc)
            grootte += len(deel)
        sha.update(staart)
        return Document(kop, self.blokken, staart, sha.hexdigest(), grootte + len(staart), zlib.crc32(staart, crc))


#: the blocks of the previous build per stream name: SHA-256 of a block's fragment digests -> its deflate
_BLOKKEN: dict[str, dict[bytes, bytes]] = {}


class Stroom:
    """Writes one document fragment by fragment (see the module's docstring). ``naam`` names the stream's block
    cache (one per format); ``sluit`` returns the ``Document``."""

    def __init__(self, naam: str, kop: bytes):
        self.naam, self.kop = naam, kop
        self._sha, self._crc, self._grootte = hashlib.sha256(kop), zlib.crc32(kop), len(kop)
        self._blok: list[bytes] = []
        self._sleutel = hashlib.sha256()
        self._blokken: list[bytes | Future] = []
        self._wachtend: deque[Future] = deque()
        self._vorige = _BLOKKEN.get(naam, {})
        self._nieuwe: dict[bytes, bytes | Future] = {}

    def schrijf(self, fragment: bytes, digest: bytes) -> None:
        """Append ``fragment`` (``digest``: its SHA-256)."""
        self._blok.append(fragment)
        self._sleutel.update(digest)

    def grens(self) -> bytes | None:
        """End the current block; its key (the SHA-256 of its fragments' digests), None when it is empty."""
        if not self._blok:
            return None
        data = b"".join(self._blok)
        sleutel = self._sleutel.digest()
        blok = self._nieuwe.get(sleutel) or self._vorige.get(sleutel)
        if blok is None:
            blok = self._opdracht(self._comprimeer, data)
        else:
            self._opdracht(self._tel, data)
        self._nieuwe[sleutel] = blok
        self._blokken.append(blok)
        self._blok, self._sleutel = [], hashlib.sha256()
        return sleutel

    def heeft(self, sleutel: bytes) -> bool:
        """Whether the previous build of this stream has a block of this key (``hergebruik`` can take it)."""
        return sleutel in self._vorige

    def hergebruik(self, sleutel: bytes) -> None:
        """Append the previous build's block of this key (see ``heeft``) as the next block, between two ``grens``."""
        if self._blok:
            raise RuntimeError("hergebruik midden in een blok")
        blok = self._vorige[sleutel]
        self._opdracht(lambda: self._tel(_inflate(blok)))
        self._nieuwe[sleutel] = blok
        self._blokken.append(blok)

    def _opdracht(self, functie, *args) -> Future:
        """Run ``functie`` in the compression thread, after what was handed to it before (one thread: in order, so
        the SHA-256 and CRC-32 follow the document), with at most ``_WACHTRIJ`` waiting."""
        while len(self._wachtend) >= _WACHTRIJ:
            self._wachtend.popleft().result()
        opdracht = _uitvoerder.submit(functie, *args)
        self._wachtend.append(opdracht)
        return opdracht

    def _tel(self, data: bytes) -> None:
        """Count ``data``, the next bytes of the document, into its SHA-256, CRC-32 and size."""
        self._sha.update(data)
        self._crc = zlib.crc32(data, self._crc)
        self._grootte += len(data)

    def _comprimeer(self, data: bytes) -> bytes:
        self._tel(data)
        return deflate(data)

    def sluit(self, staart: bytes) -> Document:
        self.grens()
        while self._wachtend:
            self._wachtend.popleft().result()
        blokken = [b.result() if isinstance(b, Future) else b for b in self._blokken]
        _BLOKKEN[self.naam] = {k: b.result() if isinstance(b, Future) else b for k, b in self._nieuwe.items()}
        self._sha.update(staart)
        return Document(self.kop, blokken, staart, self._sha.hexdigest(), self._grootte + len(staart),
                        zlib.crc32(staart, self._crc))
