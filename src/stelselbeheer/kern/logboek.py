"""Structured logs with a request id (issue 15, operations).

Every request gets an id: the one nginx passes on in ``X-Request-ID`` (its ``$request_id``), or a new one. The WSGI
middleware (kern/waarneming.py) keeps it in a context variable for the duration of the request and sends it back
in the answer's ``X-Request-ID``; :class:`VerzoekFilter` puts it on every log record as ``request_id``, so one
request can be followed from nginx's log through gunicorn's access log to the application's own lines.

``STELSEL_LOG_FORMAAT=json`` writes one JSON object per line (:class:`JsonFormatter`, python-json-logger); the
default ``tekst`` writes readable lines with the id in brackets. Nothing here imports Django: gunicorn's master
process loads this module through deploy/gunicorn.conf.py before any application code.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

#: the id of the request this thread is handling; None outside a request (a management command, the task worker)
verzoek_id: ContextVar[str | None] = ContextVar("verzoek_id", default=None)

# What we accept from the proxy: nginx's $request_id is 32 hex digits; a UUID or similar token passes too. Anything
# else (too long, spaces, quotes, line breaks that could forge log lines) is replaced by an id of our own.
_GELDIG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")


def nieuw_of_doorgegeven(doorgegeven: str | None) -> str:
    """The proxy's id when it is a plausible one, else a new one (32 hex digits, like nginx's)."""
    if doorgegeven and _GELDIG.fullmatch(doorgegeven):
        return doorgegeven
    return uuid.uuid4().hex


class VerzoekFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request), for the formatters of the handlers."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = verzoek_id.get() or "-"
        return True


# gunicorn's access log record carries its atoms as a dict in record.args: these become fields of their own.
_TOEGANG_VELDEN = {"{x-request-id}o": "request_id", "m": "method", "U": "path", "q": "query", "s": "status",
                   "B": "bytes", "M": "duration_ms", "{x-forwarded-for}i": "client", "a": "user_agent"}


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, and the exception with
    its traceback when there is one. gunicorn's access lines get their request fields as fields of their own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            for atoom, veld in _TOEGANG_VELDEN.items():
                waarde = record.args.get(atoom)
                if waarde not in (None, "-", ""):
                    log_data[veld] = int(waarde) if veld in {"status", "bytes", "duration_ms"} and str(
                        waarde).isdigit() else waarde
        if log_data.get("request_id") in (None, "-"):  # the filter's "-" outside a request is null in JSON
            log_data["request_id"] = verzoek_id.get()
