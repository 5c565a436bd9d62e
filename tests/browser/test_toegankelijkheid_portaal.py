"""WCAG 2.1 AA and layout in a real browser (issue 11), part 3 of the sweep over every page type and role
(tests/browser/toegankelijkheid.py): the participants' and the regions' portal."""

import pytest

from tests.browser.toegankelijkheid import ronde

pytestmark = [pytest.mark.browser, pytest.mark.toegankelijkheid]


def test_paginas_van_deelnemer_en_regio(live_server, transactional_db, browser, wereld):
    ronde(live_server, browser, wereld, ("deelnemer", "regio"))
