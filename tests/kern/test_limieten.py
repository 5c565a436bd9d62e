"""The cache behind the rate limits (MEL-MISBRUIK): shared through the database, with an increment that loses no
count under concurrency and keeps the window's expiry (Django's DatabaseCache does neither)."""

import threading
import time

from django.core.cache import caches
from django.db import connection, connections

from stelselbeheer.kern.cache import AtomischeDatabaseCache


def _verloopt(sleutel):
    cache = caches["limieten"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM stelsel_limieten WHERE cache_key = %s",
                       [cache.make_and_validate_key(sleutel)])
        return cursor.fetchone()[0]


def test_ophogen_houdt_de_vervaltijd(db):
    cache = caches["limieten"]
    assert isinstance(cache, AtomischeDatabaseCache)
    assert cache.add("venster", 1, 3600)
    voor = _verloopt("venster")
    assert cache.incr("venster") == 2 and cache.incr("venster", 5) == 7 and cache.get("venster") == 7
    assert _verloopt("venster") == voor  # DatabaseCache.incr set it to five minutes from now
    try:
        cache.incr("bestaat-niet")
    except ValueError:
        pass
    else:
        raise AssertionError("incr of a missing key must raise ValueError")


def test_gelijktijdig_ophogen_verliest_niets(transactional_db):
    """Six threads, each with its own database connection, increment one counter 15 times: 90, none lost."""
    cache = caches["limieten"]
    cache.add("teller", 0, 3600)
    start = threading.Barrier(6)
    fouten = []

    def ophogen():
        try:
            start.wait()
            for _ in range(15):
                cache.incr("teller")
                time.sleep(0)
        except Exception as e:  # noqa: BLE001 - reported below
            fouten.append(e)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=ophogen) for _ in range(6)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert not fouten and cache.get("teller") == 90
