"""Every error answer under /api/ is problem+json (RFC 9457), also the ones the API's own exception handlers
never see: an unknown path (404 from the URL resolver), a method the operation does not have (405 from
django-ninja), a bad request or unknown host (400), an unexpected error (500) and an unreachable database (503
with Retry-After; kern.views.serverfout decides that status). The pages keep their Dutch HTML error pages.
"""

import json

from django.conf import settings

from stelselbeheer.api import probleem

API_PREFIX = "/api/"

# status -> (title, type, detail)
SOORTEN = {
    400: ("Ongeldig verzoek", "ongeldig-verzoek", "Het systeem kon dit verzoek niet verwerken."),
    401: ("Niet ingelogd", "niet-ingelogd", "Log in om deze gegevens te raadplegen."),
    403: ("Geen toegang", "geen-toegang", "Uw rol geeft geen toegang tot deze gegevens."),
    404: ("Niet gevonden", "niet-gevonden", "Op dit adres bestaat geen operatie of object."),
    405: ("Methode niet toegestaan", "methode-niet-toegestaan", "Deze operatie kent deze HTTP-methode niet."),
    413: ("Verzoek te groot", "te-groot", "Het verzoek is groter dan het systeem aanneemt."),
    429: ("Te veel verzoeken", "te-veel-verzoeken", "Wacht even voordat u het opnieuw probeert."),
    500: ("Interne fout", "interne-fout", "Er ging iets mis aan de kant van het systeem; de fout is vastgelegd. "
                                          "Probeer het later opnieuw."),
    503: ("Tijdelijk niet beschikbaar", "niet-beschikbaar", "Het systeem kan de database nu niet bereiken. "
                                                            "Probeer het later opnieuw (zie Retry-After)."),
}


def _detail_uit_json(response) -> str:
    try:
        body = json.loads(response.content)
    except ValueError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""


class ProbleemMiddleware:
    """Turn an error answer under /api/ that is not problem+json yet into one, in place: the headers that other
    middleware set (security headers, Retry-After, Allow) stay."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code < 400 or response.streaming or not request.path_info.startswith(API_PREFIX)
                or response.get("Content-Type", "").startswith("application/problem+json")
                or (settings.DEBUG and response.status_code == 500)):  # keep Django's debug page
            return response
        titel, soort, detail = SOORTEN.get(response.status_code, ("Fout", str(response.status_code), ""))
        if response.get("Content-Type", "").startswith("application/json"):
            detail = _detail_uit_json(response) or detail
        if response.status_code == 405 and response.has_header("Allow"):
            detail = f"{detail} Toegestaan: {response['Allow']}."
        nieuw = probleem(response.status_code, titel, detail, soort=soort)
        response.content = nieuw.content
        response["Content-Type"] = nieuw["Content-Type"]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
