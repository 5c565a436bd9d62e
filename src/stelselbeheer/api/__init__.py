"""The JSON API: one NinjaAPI, OpenAPI 3.1 at /api/openapi.json, errors as RFC 9457 problem+json.

Field names are Dutch snake_case throughout, like the models. Every error response has the shape
``{"type", "title", "status", "detail", "errors": [{"field", "reason", "code"}]}`` with media type
``application/problem+json``.
"""

import json

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from stelselbeheer.api import openapi
from stelselbeheer.api.invoer import StelselParser
from stelselbeheer.kern.limieten import TeVaak, wachttijd

PROBLEM_TYPE = "https://stelselbeheer.nl/problemen/"


class StelselAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document is completed from what the code enforces (``api.openapi``): security
    schemes, every error status as problem+json with the shared ``Probleem`` schema, parameter bounds."""

    def get_openapi_schema(self, **kwargs):
        return openapi.aanvullen(super().get_openapi_schema(**kwargs))


api = StelselAPI(
    title="Stelselbeheer API",
    version="1",
    description="Register van het afsprakenstelsel: openbare raadpleging van aanbieders en gegevensdiensten, "
                "en (na inloggen met de sessie van de webpagina's of met een API-token) organisaties, deelnemers, "
                "kwalificaties, naleving, meldingen, overleg en de audittrail. Fouten zijn RFC 9457 "
                "application/problem+json. Het hele openbare aanbiedersregister als één document: "
                "GET /api/aanbiedersregister.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    parser=StelselParser(),
)


def probleem(status: int, titel: str, detail: str = "", errors: list[dict] | None = None,
             soort: str = "") -> HttpResponse:
    body = {"type": PROBLEM_TYPE + (soort or str(status)), "title": titel, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/problem+json")


def _veld(loc) -> str:
    delen = [str(d) for d in loc]
    if delen and delen[0] in {"body", "query", "path"}:
        delen = delen[1:]
        if delen and delen[0] == "payload":
            delen = delen[1:]
    return ".".join(delen) or "body"


#: pydantic's error types in Dutch (its own messages are English); ``{...}`` are filled from the error's context
_REDENEN = {
    "missing": "Dit veld is verplicht.",
    "string_too_long": "Hooguit {max_length} tekens.",
    "string_too_short": "Ten minste {min_length} teken(s).",
    "too_long": "Hooguit {max_length} elementen.",
    "too_short": "Ten minste {min_length} element(en).",
    "string_type": "Geef tekst.",
    "string_pattern_mismatch": "Deze waarde heeft niet de juiste vorm.",
    "int_parsing": "Geef een geheel getal.", "int_type": "Geef een geheel getal.",
    "int_from_float": "Geef een geheel getal.",
    "float_parsing": "Geef een getal.", "float_type": "Geef een getal.",
    "bool_parsing": "Geef true of false.", "bool_type": "Geef true of false.",
    "date_parsing": "Geef een datum als JJJJ-MM-DD.", "date_type": "Geef een datum als JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Geef een datum als JJJJ-MM-DD.",
    "datetime_parsing": "Geef een tijdstip als JJJJ-MM-DDTUU:MM.", "datetime_type": "Geef een tijdstip als "
                                                                                 "JJJJ-MM-DDTUU:MM.",
    "datetime_from_date_parsing": "Geef een tijdstip als JJJJ-MM-DDTUU:MM.",
    "list_type": "Geef een lijst.", "dict_type": "Geef een object.", "model_type": "Geef een object.",
    "model_attributes_type": "Geef een object.",
    "enum": "Kies een van: {expected}.", "literal_error": "Kies een van: {expected}.",
    "greater_than_equal": "Ten minste {ge}.", "less_than_equal": "Hooguit {le}.",
    "greater_than": "Groter dan {gt}.", "less_than": "Kleiner dan {lt}.",
    "json_invalid": "Geen geldige JSON.", "extra_forbidden": "Dit veld bestaat niet.",
    "url_parsing": "Geen geldig adres (URL).", "value_error": "{error}",
}


def _reden(fout: dict) -> str:
    """A pydantic error as a Dutch reason; a validator's own (Dutch) message is kept."""
    sjabloon = _REDENEN.get(fout.get("type", ""))
    if sjabloon is None:
        return fout.get("msg", "")
    context = dict(fout.get("ctx") or {})
    context.setdefault("error", fout.get("msg", "").removeprefix("Value error, "))
    try:
        return sjabloon.format(**context)
    except (KeyError, IndexError):
        return fout.get("msg", "")


@api.exception_handler(NinjaValidationError)
def _invoerfout(request, exc):
    errors = [{"field": _veld(e.get("loc", ())), "reason": _reden(e), "code": e.get("type", "")}
              for e in exc.errors]
    return probleem(422, "Ongeldige invoer", "Een of meer velden zijn ongeldig.", errors, "ongeldige-invoer")


@api.exception_handler(DjangoValidationError)
def _regelfout(request, exc):
    errors = []
    if hasattr(exc, "error_dict"):
        for veld, lijst in exc.error_dict.items():
            for fout in lijst:
                errors.append({"field": veld if veld != "__all__" else "", "reason": " ".join(fout.messages),
                               "code": fout.code or "ongeldig"})
    else:
        errors = [{"field": "", "reason": m, "code": "ongeldig"} for m in exc.messages]
    return probleem(422, "Ongeldige invoer", "De gegevens voldoen niet aan de regels.", errors, "ongeldige-invoer")


@api.exception_handler(AuthenticationError)
def _niet_ingelogd(request, exc):
    return probleem(401, "Niet ingelogd", "Log in om deze gegevens te raadplegen.", soort="niet-ingelogd")


@api.exception_handler(PermissionDenied)
def _geen_recht(request, exc):
    return probleem(403, "Geen toegang", str(exc) or "Uw rol geeft geen toegang tot deze gegevens.",
                    soort="geen-toegang")


#: django-ninja's own messages, in Dutch and with the field they concern
_NINJA_FOUTEN = {
    "Cannot parse request body": lambda: probleem(
        400, "Ongeldige JSON", "De body is geen geldig JSON-document.",
        [{"field": "body", "reason": "De body is geen geldig JSON-document.", "code": "ongeldige_json"}],
        "ongeldige-json"),
    "CSRF check Failed": lambda: probleem(
        403, "CSRF-controle mislukt", "Dit verzoek draagt een sessiecookie maar geen geldig CSRF-token "
        "(X-CSRFToken). Een client zonder sessie heeft geen token nodig.", soort="csrf"),
}


@api.exception_handler(HttpError)
def _http_fout(request, exc):
    if isinstance(exc.__cause__, DjangoValidationError):  # the parser's bounds on a body (api.invoer): 422 per field
        return _regelfout(request, exc.__cause__)
    bekend = _NINJA_FOUTEN.get(str(exc).split(" (")[0])
    return bekend() if bekend else probleem(exc.status_code, str(exc))


def te_vaak(exc: TeVaak) -> HttpResponse:
    """429 problem+json with Retry-After for a reached limit (also outside an operation: the token middleware)."""
    antwoord = probleem(429, "Te veel verzoeken", f"Deze limiet is bereikt; probeer het over "
                        f"{wachttijd(exc.wacht)} opnieuw (Retry-After: {exc.wacht} s).", soort="te-veel-verzoeken")
    antwoord["Retry-After"] = str(exc.wacht)
    return antwoord


@api.exception_handler(TeVaak)
def _te_vaak(request, exc):
    return te_vaak(exc)


@api.exception_handler(OverflowError)
def _buiten_bereik(request, exc):
    """A number beyond what the database stores (64 bits) in the path or the query: the client's input, not a
    server error. The parser names the field for a body (``api.invoer``); the OpenAPI document gives the bounds."""
    return probleem(422, "Ongeldige invoer", "Een getal valt buiten het bereik dat het systeem kent.",
                    [{"field": "", "reason": "Een getal valt buiten het bereik dat het systeem kent.",
                      "code": "buiten_bereik"}], "ongeldige-invoer")


@api.exception_handler(DataError)
def _database_weigert_waarde(request, exc):
    """PostgreSQL refuses a value the checks let through (a number out of range): 422, never a 500."""
    return _buiten_bereik(request, exc)


@api.exception_handler(RequestDataTooBig)
def _te_groot(request, exc):
    return te_groot()


def te_groot() -> HttpResponse:
    return probleem(413, "Verzoek te groot", "De body is groter dan de server aanneemt.", soort="te-groot")


@api.exception_handler(Http404)
def _niet_gevonden(request, exc):
    return probleem(404, "Niet gevonden", "Er bestaat geen object met deze sleutel.", soort="niet-gevonden")


@api.exception_handler(ObjectDoesNotExist)
def _object_niet_gevonden(request, exc):
    return _niet_gevonden(request, exc)


def problemen(*statussen: int, openbaar: bool = False) -> dict:
    """``openapi_extra`` documenting the problem+json answers an operation gives beyond those ``api.openapi`` adds
    to every operation; ``openbaar``: callable without a login (an empty security requirement) or, to act in an
    account's name, with the session of the web pages or an API token."""
    extra = {"responses": {status: openapi.probleemantwoord(status) for status in statussen}}
    if openbaar:
        extra["security"] = [{}, {openapi.SESSIE: []}, {openapi.TOKEN: []}]
    return extra


from stelselbeheer.api import routes  # noqa: E402,F401  (registers the routers)
