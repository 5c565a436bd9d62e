"""The WSGI application: Django, with the fast path for polls of the published lists in front."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stelselbeheer.settings")
django_application = get_wsgi_application()

from stelselbeheer.lijsten.snelpad import Snelpad  # noqa: E402 - needs the settings configured above

application = Snelpad(django_application)
