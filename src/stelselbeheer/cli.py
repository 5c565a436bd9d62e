"""The ``stelsel`` command: Django's management commands with the project's settings preselected."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stelselbeheer.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "stelsel"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
