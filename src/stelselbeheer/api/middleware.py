"""Every error answer under /api/ is RFC 9457 problem+json, also the ones given outside the API's own exception
handlers: an unknown path (Django's 404 page), a method the operation lacks (django-ninja's 405), a request Django
refuses before the API sees it (400, 413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE) and a server error (500)."""

from django.http import HttpResponse

from . import probleem

PROBLEEM = "application/problem+json"
TITELS = {400: "Ongeldig verzoek", 403: "Geen toegang", 404: "Niet gevonden", 405: "Methode niet toegestaan",
          413: "Verzoek te groot", 429: "Te veel verzoeken", 500: "Interne fout", 503: "Niet beschikbaar"}
_KOPPEN = ("Allow", "Retry-After")


class ProbleemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request) -> HttpResponse:
        antwoord = self.get_response(request)
        if (antwoord.status_code < 400 or not request.path_info.startswith("/api/")
                or antwoord.get("Content-Type", "").split(";")[0].strip() == PROBLEEM):
            return antwoord
        status = antwoord.status_code
        nieuw = probleem(status, TITELS.get(status) or antwoord.reason_phrase)
        for kop in _KOPPEN:
            if kop in antwoord:
                nieuw[kop] = antwoord[kop]
        return nieuw
