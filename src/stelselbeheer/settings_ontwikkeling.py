"""Settings for development, the demo and the test suite: the production settings with STELSEL_ONTWIKKELING on,
so that a missing STELSEL_SECRET_KEY gives a per-installation random key instead of a refusal.

The test runner uses this module (pyproject.toml). It sets the switch in the environment rather than in a
variable so that processes the tests start (a WSGI worker, the ``stelsel`` command) inherit it.
"""

import os

os.environ.setdefault("STELSEL_ONTWIKKELING", "1")

from stelselbeheer.settings import *  # noqa: E402, F403
