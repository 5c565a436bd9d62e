"""The WSGI application: Django, with the fast path for polls of the published lists in front, and around both the
request id, the request metrics and /metrics (kern/waarneming.py)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stelselbeheer.settings")
if settings.SLEUTEL_ONTBREEKT:  # never serve with a key anyone could know or with none at all
    raise ImproperlyConfigured(settings.SLEUTEL_ONTBREEKT)
django_application = get_wsgi_application()

from stelselbeheer.kern.waarneming import Waarneming  # noqa: E402 - needs the settings configured above
from stelselbeheer.lijsten.snelpad import Snelpad  # noqa: E402

application = Waarneming(Snelpad(django_application))
