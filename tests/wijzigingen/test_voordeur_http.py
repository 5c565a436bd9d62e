"""RFC-INDIENEN through a real HTTP server: the front door's decision tree leads to the RFC form, which a browser
without an account fills in with its CSRF token; the API takes plain JSON from a client without a session, checks
CSRF for one with a session cookie, and both count against the public rate limit (MEL-MISBRUIK). Django's test
client skips CSRF, hence pytest-django's live_server."""

import html
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.test import Client

from stelselbeheer.kern.rollen import Rol
from stelselbeheer.meldingen import beslisboom
from stelselbeheer.meldingen.services import actieve_boom
from stelselbeheer.wijzigingen.models import Bron, Wijzigingsvoorstel

from .conftest import agenda

PROBLEM = "application/problem+json"
RFC = {"agenda": "algemeen", "titel": "Bewaartermijn logging", "probleem": "Onduidelijk hoe lang.",
       "voorstel": "Leg 5 jaar vast.", "indiener_naam": "Bo", "indiener_email": "bo@vsv.nl"}


class _Browser:
    """A client with a cookie jar that does not follow redirects, like a browser's first answer."""

    class _GeenDoorsturen(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.koekjes = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.koekjes),
                                                  self._GeenDoorsturen())

    def vraag(self, url, data=None, koppen=None):
        verzoek = urllib.request.Request(url, data=data, headers=koppen or {})
        try:
            with self.opener.open(verzoek, timeout=30) as antwoord:
                return antwoord.status, antwoord.headers, antwoord.read().decode()
        except urllib.error.HTTPError as fout:
            return fout.code, fout.headers, fout.read().decode()


def _json(url, data, koppen=None):
    verzoek = urllib.request.Request(url, data=json.dumps(data).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(koppen or {})})
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            return antwoord.status, antwoord.headers, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read()


def _pad_naar_afspraken():
    boom = actieve_boom().boom
    antwoorden = beslisboom.bladeren(boom)["afspraken"]
    knoop, pad = boom["knopen"][boom["start"]], []
    for antwoord in antwoorden:
        i = next(i for i, o in enumerate(knoop["opties"]) if o["label"] == antwoord)
        pad.append(i)
        knoop = boom["knopen"][knoop["opties"][i]["naar"]]
    return ".".join(map(str, pad))


def test_voordeur_beslisboom_naar_het_rfc_formulier_met_csrf(live_server, transactional_db):
    b = _Browser()
    status, _, pagina = b.vraag(f"{live_server.url}/melden/?pad={_pad_naar_afspraken()}")
    assert status == 200 and "wijzigingsverzoek op de afspraken (RFC)" in pagina
    formulier = html.unescape(re.search(r'href="([^"]*wijzigingen/indienen/[^"]*)"', pagina).group(1))
    status, _, pagina = b.vraag(f"{live_server.url}{formulier}")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina).group(1)
    velden = dict(RFC, csrfmiddlewaretoken=token, raakt_dva="on")
    velden["agenda"] = str(agenda("algemeen").pk)
    zonder_token = {k: v for k, v in velden.items() if k != "csrfmiddlewaretoken"}
    status, _, _ = b.vraag(f"{live_server.url}/wijzigingen/indienen/", urllib.parse.urlencode(zonder_token).encode())
    assert status == 403 and not Wijzigingsvoorstel.objects.exists()  # a cross-site form files nothing
    status, koppen, _ = b.vraag(f"{live_server.url}/wijzigingen/indienen/", urllib.parse.urlencode(velden).encode())
    assert status == 302 and koppen["Location"].endswith("/wijzigingen/ontvangen/")
    rfc = Wijzigingsvoorstel.objects.get()
    assert (rfc.bron, rfc.titel, rfc.ingediend_door) == (Bron.PUBLIEK, RFC["titel"], None)
    status, _, pagina = b.vraag(f"{live_server.url}/wijzigingen/ontvangen/")
    assert status == 200 and rfc.nummer in pagina
    # not taken in yet: not on the public pages (RFC-ZICHT)
    assert b.vraag(f"{live_server.url}/wijzigingen/rfc/{rfc.nummer}/")[0] == 404


def test_api_zonder_sessie_en_met_sessie_csrf(live_server, transactional_db, maak):
    status, _, body = _json(f"{live_server.url}/api/wijzigingen/rfc", RFC)
    assert status == 201, body
    assert json.loads(body)["nummer"] == Wijzigingsvoorstel.objects.get().nummer
    client = Client()
    client.force_login(maak.gebruiker(Rol.UITVOERING))
    sessie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status, koppen, body = _json(f"{live_server.url}/api/wijzigingen/rfc", RFC, {"Cookie": sessie})
    assert status == 403 and koppen["Content-Type"] == PROBLEM and "CSRF" in json.loads(body)["title"]
    token = "b" * 32
    status, _, body = _json(f"{live_server.url}/api/wijzigingen/rfc", RFC, {
        "Cookie": f"{sessie}; {settings.CSRF_COOKIE_NAME}={token}", "X-CSRFToken": token})
    assert status == 201, body
    assert Wijzigingsvoorstel.objects.order_by("-id").first().bron == Bron.UITVOERING


def test_limiet_voor_openbaar_indienen(live_server, transactional_db, settings):
    settings.LIMIETEN = {**settings.LIMIETEN, "schrijven": "2/h"}
    url = f"{live_server.url}/api/wijzigingen/rfc"
    assert [_json(url, dict(RFC, indiener_email=f"p{i}@vsv.nl"))[0] for i in range(2)] == [201, 201]
    status, koppen, _ = _json(url, dict(RFC, indiener_email="p3@vsv.nl"))
    assert status == 429 and int(koppen["Retry-After"]) > 0 and Wijzigingsvoorstel.objects.count() == 2
    # the page counts against the same limit: the form answers 429 too, nothing filed
    b = _Browser()
    status, _, pagina = b.vraag(f"{live_server.url}/wijzigingen/indienen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina).group(1)
    status, koppen, _ = b.vraag(url.replace("/api/wijzigingen/rfc", "/wijzigingen/indienen/"),
                                urllib.parse.urlencode(dict(RFC, csrfmiddlewaretoken=token)).encode())
    assert status == 429 and Wijzigingsvoorstel.objects.count() == 2
