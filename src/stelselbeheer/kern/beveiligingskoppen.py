"""The security headers Django's middleware puts on an answer, for the WSGI fast paths in front of Django (the lists'
polls, lijsten/snelpad.py; kept search answers, kern/antwoordcache.py), so that their answers carry the same ones as
the views' (tests/lijsten/test_snelpad.py and tests/register/test_antwoordcache.py compare them)."""

from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


def via_https(environ) -> bool:
    """Whether the request came over HTTPS, as ``HttpRequest.is_secure`` decides it (behind the proxy: its header)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        kop, waarde = settings.SECURE_PROXY_SSL_HEADER
        gekregen = environ.get(kop)
        if gekregen is not None:
            return gekregen.split(",", 1)[0].strip() == waarde
    return environ.get("wsgi.url_scheme") == "https"


#: the security headers, over HTTPS and not: they depend on the settings only, and building the CSP was 40% of a
#: poll's time in this middleware; emptied when a test changes a setting
_BEVEILIGINGSKOPPEN: dict[bool, list[tuple[str, str]]] = {}


@receiver(setting_changed)
def _instellingen_gewijzigd(**kwargs) -> None:
    _BEVEILIGINGSKOPPEN.clear()


def beveiligingskoppen(environ) -> list[tuple[str, str]]:
    """The security headers Django's middleware puts on the view's answer (SecurityMiddleware: HSTS on HTTPS,
    nosniff, Referrer-Policy, Cross-Origin-Opener-Policy; django-csp; X-Frame-Options), so that a 304 or 204 of the
    fast path carries the same ones as the view's."""
    veilig = via_https(environ)
    koppen = _BEVEILIGINGSKOPPEN.get(veilig)
    if koppen is None:
        koppen = _BEVEILIGINGSKOPPEN[veilig] = _bouw_beveiligingskoppen(veilig)
    return koppen


def _bouw_beveiligingskoppen(veilig: bool) -> list[tuple[str, str]]:
    koppen = [("X-Content-Type-Options", "nosniff"), ("Content-Security-Policy", build_policy()),
              ("X-Frame-Options", settings.X_FRAME_OPTIONS)]
    if settings.SECURE_REFERRER_POLICY:
        koppen.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        koppen.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    if settings.SECURE_HSTS_SECONDS and veilig:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        hsts += "; includeSubDomains" if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS else ""
        hsts += "; preload" if settings.SECURE_HSTS_PRELOAD else ""
        koppen.append(("Strict-Transport-Security", hsts))
    return koppen
