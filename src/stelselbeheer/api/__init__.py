"""The JSON API: one NinjaAPI, OpenAPI 3.1 at /api/openapi.json, errors as RFC 9457 problem+json.

Field names are Dutch snake_case throughout, like the models. Every error response has the shape
``{"type", "title", "status", "detail", "errors": [{"field", "reason", "code"}]}`` with media type
``application/problem+json``.
"""

import json

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_TYPE = "https://stelselbeheer.nl/problemen/"

api = NinjaAPI(
    title="Stelselbeheer API",
    version="1",
    description="Register van het afsprakenstelsel: openbare raadpleging van aanbieders en gegevensdiensten, "
                "en (na inloggen) organisaties, deelnemers, kwalificaties en de audittrail.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
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


@api.exception_handler(NinjaValidationError)
def _invoerfout(request, exc):
    errors = [{"field": _veld(e.get("loc", ())), "reason": e.get("msg", ""), "code": e.get("type", "")}
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


@api.exception_handler(HttpError)
def _http_fout(request, exc):
    return probleem(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _niet_gevonden(request, exc):
    return probleem(404, "Niet gevonden", "Er bestaat geen object met deze sleutel.", soort="niet-gevonden")


@api.exception_handler(ObjectDoesNotExist)
def _object_niet_gevonden(request, exc):
    return _niet_gevonden(request, exc)


from stelselbeheer.api import routes  # noqa: E402,F401  (registers the routers)
