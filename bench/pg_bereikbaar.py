"""Exit 0 when the PostgreSQL at the given URL (or $DATABASE_URL) answers, 1 otherwise."""

import os
import sys

import psycopg


def main() -> int:
    url = os.environ.get("DATABASE_URL") if os.environ.get("DATABASE_URL", "").startswith("postgres") else None
    url = url or (sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/test")
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3) as conn:
            conn.execute("select 1")
    except Exception as e:  # noqa: BLE001 - any failure means "not reachable"
        print(f"PostgreSQL niet bereikbaar: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
