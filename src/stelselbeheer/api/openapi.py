"""The OpenAPI document completed from what the code enforces, for every operation alike (rule API-OPENAPI):

- the two ways to log in as security schemes (``sessie``: the web pages' session cookie, CSRF token for writing
  calls; ``token``: ``Authorization: Bearer`` with an API token); an operation that needs a login requires one of
  them, a public operation requires nothing (and accepts either, to act in an account's name);
- every status an operation can return, each error as problem+json with the shared ``Probleem`` schema: 401 (no
  login, or a token that does not work; a public operation too, when the token sent does not work), 403 (no right,
  a token without the action, a session cookie without CSRF token), 404 (an unknown key in the path), 400 and 413
  (a body that is no JSON or too large), 422 (invalid input, per field), 429 (a rate limit; also failed token
  attempts, on every operation) and 503 (database unreachable), the last two with Retry-After;
- the bounds on parameters: paging (``pagina`` from 1, ``per_pagina`` 1 to ``MAX_PER_PAGINA``), query strings
  (``QUERY_MAX`` characters), texts in bodies (``TEKST_MAX`` unless the field has a smaller bound) and whole
  numbers (64 bits); the parser (``api.invoer``), ``pagineer`` and the API's handler for numbers out of range
  enforce them.
"""

from django.conf import settings

from stelselbeheer.api.invoer import GETAL_MAX, GETAL_MIN, QUERY_MAX, TEKST_MAX
from stelselbeheer.api.paginering import MAX_PER_PAGINA

PROBLEEM_REF = {"$ref": "#/components/schemas/Probleem"}

#: the body of every error answer, in the OpenAPI document as components.schemas.Probleem
PROBLEEMSCHEMA = {
    "type": "object", "required": ["type", "title", "status"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "detail": {"type": "string"},
                   "errors": {"type": "array", "items": {"type": "object", "properties": {
                       "field": {"type": "string"}, "reason": {"type": "string"}, "code": {"type": "string"}}}}},
}

#: OpenAPI text per error status (``api.problemen`` and the completion below)
PROBLEEMTEKST = {
    400: "Geen geldig JSON-document",
    401: "Niet ingelogd: geen sessie of API-token, of een API-token dat onbekend, verlopen of ingetrokken is",
    403: "Geen recht: de rol of de acties van het API-token staan dit niet toe; of een sessiecookie zonder geldig "
         "CSRF-token, of een sessie die de tweede factor nog mist",
    404: "Niet gevonden",
    405: "Methode niet toegestaan: met deze waarde van een padparameter is het adres dat van een andere operatie "
         "(bijvoorbeeld een nummer dat gelijk is aan een vaste padnaam); Allow noemt de methoden daarvan",
    413: "Body te groot",
    422: "Ongeldige invoer: per veld de reden",
    429: "Te veel verzoeken (de limiet van deze operatie, of te veel mislukte pogingen met een API-token vanaf dit "
         "adres); Retry-After noemt de seconden tot het opnieuw kan",
    503: "Het systeem kan de database tijdelijk niet bereiken; Retry-After noemt de seconden tot een nieuwe poging",
}
_OPENBAAR_TEKST = {
    401: "Het meegestuurde API-token is onbekend, verlopen of ingetrokken (zonder token: geen inlog nodig)",
    403: "Alleen met een sessie of API-token: de rol of de acties van het token staan dit niet toe, de sessiecookie "
         "kwam zonder geldig CSRF-token, of de sessie mist de tweede factor",
}
_KOPPEN = {
    401: {"WWW-Authenticate": {"description": "Bearer, bij een ongeldig API-token", "schema": {"type": "string"}}},
    405: {"Allow": {"description": "De methoden van het adres", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconden tot het opnieuw kan", "schema": {"type": "integer"}}},
    503: {"Retry-After": {"description": "Seconden tot een nieuwe poging", "schema": {"type": "integer"}}},
}

SESSIE = "sessie"
TOKEN = "token"


def beveiligingsschemas() -> dict:
    return {
        SESSIE: {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME,
                 "description": "De sessie van de webpagina's (inloggen op /inloggen/). Een schrijvende aanroep met "
                                "deze cookie stuurt het CSRF-token mee in de kop X-CSRFToken (de waarde van de "
                                f"cookie {settings.CSRF_COOKIE_NAME})."},
        TOKEN: {"type": "http", "scheme": "bearer", "bearerFormat": "stb_<id>_<geheim>",
                "description": "Een API-token voor een systeem van een deelnemer of regio, aangemaakt in het portaal "
                               "(Mijn deelname of Mijn regio, API-tokens): Authorization: Bearer stb_…. Het token "
                               "handelt als het account waarvoor het is gemaakt, binnen de acties die het noemt; "
                               "geen CSRF-token nodig."},
    }


def probleemantwoord(status: int, beschrijving: str | None = None) -> dict:
    antwoord = {"description": beschrijving or PROBLEEMTEKST[status],
                "content": {"application/problem+json": {"schema": PROBLEEM_REF}}}
    if status in _KOPPEN:
        antwoord["headers"] = dict(_KOPPEN[status])
    return antwoord


def _beschermd(operatie: dict) -> bool:
    eisen = operatie.get("security") or []
    return bool(eisen) and {} not in eisen


def _bodyschemas(schema: dict, knoop, gezien: set) -> None:
    """Give every text in a request body without a bound of its own the parser's bound (TEKST_MAX)."""
    if isinstance(knoop, list):
        for deel in knoop:
            _bodyschemas(schema, deel, gezien)
        return
    if not isinstance(knoop, dict):
        return
    ref = knoop.get("$ref")
    if ref and ref.startswith("#/components/schemas/") and ref not in gezien:
        gezien.add(ref)
        _bodyschemas(schema, schema["components"]["schemas"].get(ref.rsplit("/", 1)[1]), gezien)
    if knoop.get("type") == "string" and "maxLength" not in knoop and "format" not in knoop and "enum" not in knoop:
        knoop["maxLength"] = TEKST_MAX
    _getal(knoop)
    for sleutel in ("content", "schema", "properties", "additionalProperties", "items", "anyOf", "oneOf", "allOf"):
        deel = knoop.get(sleutel)
        if sleutel in {"properties", "content"} and isinstance(deel, dict):
            for veld in deel.values():
                _bodyschemas(schema, veld, gezien)
        elif deel is not None:
            _bodyschemas(schema, deel, gezien)


def _getal(knoop: dict) -> None:
    if knoop.get("type") == "integer":
        knoop.setdefault("minimum", GETAL_MIN)
        knoop.setdefault("maximum", GETAL_MAX)


def _parameters(operatie: dict) -> None:
    for parameter in operatie.get("parameters", []):
        s = parameter.setdefault("schema", {})
        for deel in [s, *s.get("anyOf", [])]:
            _getal(deel)
        if parameter["in"] != "query":
            continue
        if parameter["name"] == "pagina":
            s["minimum"] = 1
        elif parameter["name"] == "per_pagina":
            s["minimum"], s["maximum"] = 1, MAX_PER_PAGINA
        for deel in [s, *s.get("anyOf", [])]:
            if deel.get("type") == "string" and "format" not in deel:
                deel["maxLength"] = min(deel.get("maxLength", QUERY_MAX), QUERY_MAX)


def _botsingen(paden: dict) -> dict[tuple[str, str], bool]:
    """(path, method) pairs for which a value of a path parameter makes the URL one of an earlier route that lacks
    the method (Django takes the first matching route): those answer 405."""
    volgorde = list(paden)
    botsing = {}
    for i, pad in enumerate(volgorde):
        delen = pad.split("/")
        for eerder in volgorde[:i]:
            andere = eerder.split("/")
            if len(andere) != len(delen):
                continue
            past = all(a == b or a.startswith("{") or b.startswith("{") for a, b in zip(delen, andere, strict=True))
            if past and any(a.startswith("{") and not b.startswith("{") for a, b in zip(delen, andere, strict=True)):
                for methode in paden[pad]:
                    if methode not in paden[eerder]:
                        botsing[(pad, methode)] = True
    return botsing


def aanvullen(schema: dict) -> dict:
    """Complete the document django-ninja generated (see the module docstring); in place, and returned."""
    componenten = schema.setdefault("components", {})
    componenten.setdefault("schemas", {})["Probleem"] = PROBLEEMSCHEMA
    componenten["securitySchemes"] = beveiligingsschemas()
    gezien: set = set()
    botsingen = _botsingen(schema.get("paths", {}))
    for pad, operaties in schema.get("paths", {}).items():
        for methode, operatie in operaties.items():
            beschermd = _beschermd(operatie)
            inloggen = [{SESSIE: []}, {TOKEN: []}]
            operatie["security"] = inloggen if beschermd else [{}, *inloggen]
            parameters = operatie.get("parameters", [])
            heeft_body = "requestBody" in operatie
            statussen = {401, 403, 429, 503}
            if any(p["in"] == "path" for p in parameters):
                statussen.add(404)
            if botsingen.get((pad, methode)):
                statussen.add(405)
            if heeft_body:
                statussen |= {400, 413, 422}
            if parameters:
                statussen.add(422)
            antwoorden = operatie.setdefault("responses", {})
            for status in sorted(statussen | {int(s) for s in antwoorden if str(s)[0] == "4"}):
                bestaand = antwoorden.get(status) or antwoorden.get(str(status)) or {}
                tekst = bestaand.get("description") if bestaand.get("description") not in {None, "", "Bad Request",
                        "Unauthorized", "Forbidden", "Not Found", "Unprocessable Entity"} else None
                if tekst is None and not beschermd:
                    tekst = _OPENBAAR_TEKST.get(status)
                antwoorden.pop(str(status), None)
                antwoorden[status] = probleemantwoord(status, tekst or PROBLEEMTEKST.get(status, "Fout"))
            _parameters(operatie)
            if heeft_body:
                _bodyschemas(schema, operatie["requestBody"], gezien)
    return schema
