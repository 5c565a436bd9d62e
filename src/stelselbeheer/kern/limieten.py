"""Rate limits on the public entrances (rule MEL-MISBRUIK), counted by django-ratelimit in the shared cache.

Four limits, each a django-ratelimit rate from ``settings.LIMIETEN`` (read on every call, so operators and tests
change them without touching code; empty switches a limit off):

- ``schrijven``: public writes (meldingen and aanmeldingen, page and API count together) per client, counted
  before the input is read, so a flood of invalid or oversized bodies counts too;
- ``email``: the same writes per e-mail address the sender gives, counted once the input is valid; no address
  receives more confirmations than this, whoever sends them;
- ``statuscode``: failed look-ups of a melding's status code per client; once reached, every look-up from that
  client is refused until the window ends, so guessing stops being answered;
- ``token``: failed API-token attempts per client (API-TOKEN), the same way: once reached, every call with a token
  from that client is refused until the window ends.

The client is the account for a logged-in caller, otherwise the client address (``kern.views.client_adres``, the
same as login throttling uses): ``REMOTE_ADDR``, or behind STELSEL_PROXY_AANTAL trusted proxies the address the
outermost one appended to X-Forwarded-For; an IPv6 address per /64 (django-ratelimit).
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

SCHRIJVEN = "schrijven"
EMAIL = "email"
STATUSCODE = "statuscode"
TOKEN = "token"


class TeVaak(Exception):
    """A limit is reached; ``wacht`` is the number of seconds until its window ends (the Retry-After)."""

    def __init__(self, limiet: str, wacht: int):
        super().__init__(f"Limiet '{limiet}' bereikt; over {wacht} s opnieuw.")
        self.limiet = limiet
        self.wacht = wacht


def _gebruik(request, limiet: str, sleutel: str | None, ophogen: bool):
    rate = (getattr(settings, "LIMIETEN", {}) or {}).get(limiet)
    if not rate:
        return None
    key = "user_or_ip" if sleutel is None else (lambda group, request: sleutel)
    return get_usage(request, group=f"stelsel-{limiet}", key=key, rate=rate, increment=ophogen)


def tellen(request, limiet: str, sleutel: str | None = None) -> None:
    """Count one use of ``limiet`` for this client (or for ``sleutel``, e.g. an e-mail address); TeVaak once the
    limit is exceeded. A cache that fails refuses (django-ratelimit fails closed)."""
    gebruik = _gebruik(request, limiet, sleutel, ophogen=True)
    if gebruik is not None and gebruik["should_limit"]:
        raise TeVaak(limiet, max(1, gebruik["time_left"]))


def controleren(request, limiet: str, sleutel: str | None = None) -> None:
    """TeVaak if ``limiet`` is used up for this client, without counting (for limits that count only failures)."""
    gebruik = _gebruik(request, limiet, sleutel, ophogen=False)
    if gebruik is not None and gebruik["count"] >= gebruik["limit"]:
        raise TeVaak(limiet, max(1, gebruik["time_left"]))


def email_sleutel(adres: str) -> str:
    return (adres or "").strip().lower()


def wachttijd(seconden: int) -> str:
    minuten = -(-seconden // 60)
    return f"{minuten} minuut" if minuten == 1 else f"{minuten} minuten"


def te_vaak_pagina(request, fout: TeVaak):
    """The Dutch page for a reached limit: 429 with Retry-After."""
    antwoord = render(request, "kern/fout.html", {
        "titel": "Te veel verzoeken",
        "uitleg": f"Er zijn vanaf uw adres of voor dit e-mailadres in korte tijd te veel verzoeken gedaan. "
                  f"Probeer het over {wachttijd(fout.wacht)} opnieuw."}, status=429)
    antwoord["Retry-After"] = str(fout.wacht)
    return antwoord


def op_pagina(view):
    """A page view whose limits (TeVaak raised inside it) answer with the Dutch 429 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except TeVaak as fout:
            return te_vaak_pagina(request, fout)

    return wrapper
