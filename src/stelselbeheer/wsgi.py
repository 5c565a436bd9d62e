"""The WSGI application: Django, with in front of it the fast path for polls of the published lists and the kept answers
of the public register search (kern/antwoordcache.py), and around all the request id, the request metrics and
/metrics (kern/waarneming.py)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stelselbeheer.settings")
if settings.SLEUTEL_ONTBREEKT:  # never serve with a key anyone could know or with none at all
    raise ImproperlyConfigured(settings.SLEUTEL_ONTBREEKT)
django_application = get_wsgi_application()

from stelselbeheer.kern.antwoordcache import BewaardeAntwoorden  # noqa: E402 - needs the settings configured above
from stelselbeheer.kern.waarneming import Waarneming  # noqa: E402
from stelselbeheer.lijsten.snelpad import Snelpad  # noqa: E402
from stelselbeheer.register.zoeken import BEWAARDE_ROUTES  # noqa: E402

application = Waarneming(Snelpad(BewaardeAntwoorden(django_application, BEWAARDE_ROUTES)))
