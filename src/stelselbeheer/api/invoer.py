"""Bounds on what a client sends, enforced once for every operation and documented in the OpenAPI document
(``api.openapi``): a query parameter holds at most ``QUERY_MAX`` characters, a text in a JSON body at most
``TEKST_MAX`` (a field's own, smaller bound comes first: its schema says so), no text holds a NUL character
(PostgreSQL cannot store one: it would be a 500), and a whole number fits in 64 bits. A violation is 422
problem+json naming the field, found after the login and right checks have run (the parser runs after them).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja.parser import Parser

QUERY_MAX = 200
TEKST_MAX = 50_000
#: the range of a 64-bit database integer (ids, numbers of days)
GETAL_MIN, GETAL_MAX = -(2**63), 2**63 - 1
_NUL = "\x00"


def _fouten_in(waarde, pad: str, fouten: dict) -> None:
    if isinstance(waarde, str):
        if _NUL in waarde:
            fouten.setdefault(pad or "body", "Tekst mag geen NUL-teken (\\u0000) bevatten.")
        elif len(waarde) > TEKST_MAX:
            fouten.setdefault(pad or "body", f"Hooguit {TEKST_MAX} tekens.")
    elif isinstance(waarde, int) and not isinstance(waarde, bool) and not GETAL_MIN <= waarde <= GETAL_MAX:
        fouten.setdefault(pad or "body", "Dit getal valt buiten het bereik dat het systeem kent.")
    elif isinstance(waarde, dict):
        for sleutel, deel in waarde.items():
            _fouten_in(sleutel, pad or "body", fouten)
            _fouten_in(deel, f"{pad}.{sleutel}" if pad else str(sleutel), fouten)
    elif isinstance(waarde, list):
        for i, deel in enumerate(waarde):
            _fouten_in(deel, f"{pad}.{i}" if pad else str(i), fouten)


class StelselParser(Parser):
    """django-ninja's JSON parser with the bounds above."""

    def parse_body(self, request):
        data = super().parse_body(request)
        fouten = {}
        _fouten_in(data, "", fouten)
        if fouten:  # django-ninja makes any error here a 400; the API's HttpError handler finds this one: 422
            raise ValidationError({veld: ValidationError(reden, code="ongeldig") for veld, reden in fouten.items()})
        return data

    def parse_querydict(self, data, list_fields, request):
        if data is request.GET:
            fouten = {}
            for sleutel, waarden in data.lists():
                for waarde in waarden:
                    if _NUL in waarde or _NUL in sleutel:
                        fouten.setdefault(sleutel.replace(_NUL, ""), "Tekst mag geen NUL-teken (\\u0000) bevatten.")
                    elif len(waarde) > QUERY_MAX:
                        fouten.setdefault(sleutel, f"Hooguit {QUERY_MAX} tekens.")
            if fouten:
                raise ValidationError({veld: ValidationError(reden, code="ongeldig")
                                       for veld, reden in fouten.items()})
        return super().parse_querydict(data, list_fields, request)


class PadMiddleware:
    """A path under /api/ with a NUL character names nothing: 404 before any lookup (a path parameter with NUL would
    make PostgreSQL raise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/") and _NUL in request.path_info:
            raise Http404("NUL in het pad")  # the problem middleware makes it problem+json
        return self.get_response(request)
