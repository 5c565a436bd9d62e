"""The cache that counts the rate limits (kern/limieten.py): Django's database cache, shared by every process and
machine that shares the database, with an atomic increment.

Django's DatabaseCache inherits ``incr`` from BaseCache: read, add, write back with the default timeout. Two
requests at the same moment then both write the same count (a limit lets through more than it says), and every
increment moves the entry's expiry to five minutes from now. Here the increment reads the row under a lock
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite runs the transaction as ``BEGIN IMMEDIATE``, see settings) and
writes only the value, so the expiry set when the window's entry was added stays.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class AtomischeDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        q = connection.ops.quote_name
        tabel = q(self._table)
        vergrendel = " FOR UPDATE" if connection.features.has_select_for_update else ""
        nu = tz_now().replace(microsecond=0, tzinfo=None)  # as DatabaseCache.has_key compares
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"SELECT {q('value')} FROM {tabel} WHERE {q('cache_key')} = %s AND {q('expires')} > %s"
                           f"{vergrendel}", [key, connection.ops.adapt_datetimefield_value(nu)])
            rij = cursor.fetchone()
            if rij is None:
                raise ValueError(f"Key '{key}' not found")
            waarde = pickle.loads(base64.b64decode(connection.ops.process_clob(rij[0]).encode())) + delta
            cursor.execute(f"UPDATE {tabel} SET {q('value')} = %s WHERE {q('cache_key')} = %s",
                           [base64.b64encode(pickle.dumps(waarde, self.pickle_protocol)).decode("latin1"), key])
        return waarde
