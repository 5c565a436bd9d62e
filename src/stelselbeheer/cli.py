"""The ``stelsel`` command: Django's management commands with the project's settings preselected."""

import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line

#: commands that serve requests, and so sign sessions and CSRF tokens with the secret key
SERVEREN = {"runserver"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stelselbeheer.settings")
    argv = list(sys.argv)
    argv[0] = "stelsel"
    try:  # Django would keep a settings error to itself and fail later with an unrelated one
        _ = settings.INSTALLED_APPS  # loads the settings module
    except ImproperlyConfigured as fout:
        sys.exit(f"stelsel: {fout}")
    if len(argv) > 1 and argv[1] in SERVEREN and settings.SLEUTEL_ONTBREEKT:
        sys.exit(f"stelsel: {settings.SLEUTEL_ONTBREEKT}")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
