import pytest

from stelselbeheer.knelpunten import bouwblokken


@pytest.fixture(autouse=True)
def _bouwblokken(db):
    """The migration's eight bouwblokken, put back when a transactional test before this one flushed them."""
    bouwblokken.zorgen()
