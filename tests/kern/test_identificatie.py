"""Rules REG-NAAM (naming policy), ID-KVK/URA/AGB/OIN (identifier formats) and REG-URI (endpoint patterns)."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.kern import identificatie as ident


@pytest.mark.parametrize("naam,geldig", [
    ("abc@medmij", True),                          # 10 characters: the minimum
    ("ab@medmij", False),                          # 9
    ("a" * 50 + "@medmij", True),                  # 57: the maximum
    ("a" * 51 + "@medmij", False),                 # 58
    ("huisartsdelinde@medmij", True),
    ("Huisartsdelinde@medmij", False),             # capital
    ("huisarts-delinde@medmij", False),            # hyphen
    ("huisarts2@medmij", False),                   # digit
    ("huisartsdelinde@medmij.nl", False),
    ("huisartsdelinde", False),
    ("@medmij", False),
    ("huisartsdelinde@medmij\n", False),
])
def test_reg_naam_aanbiedernaam(naam, geldig):
    assert ident.is_geldige_aanbiedernaam(naam) is geldig
    if geldig:
        ident.valideer_aanbiedernaam(naam)
    else:
        with pytest.raises(ValidationError, match="kleine letters"):
            ident.valideer_aanbiedernaam(naam)


@pytest.mark.parametrize("validator,lengte", [
    (ident.valideer_kvk, 8), (ident.valideer_ura, 8), (ident.valideer_agb, 8), (ident.valideer_oin, 20)])
def test_id_formaten(validator, lengte):
    validator("1" * lengte)
    for fout in ["1" * (lengte - 1), "1" * (lengte + 1), "1" * (lengte - 1) + "a", " " + "1" * lengte,
                 "1" * lengte + "\n"]:
        with pytest.raises(ValidationError, match=f"precies {lengte} cijfers"):
            validator(fout)


@pytest.mark.parametrize("uri,front,back", [
    ("https://auth.zorg.nl/oauth/authorize", True, True),
    ("https://api.zorg.nl:8443/token", False, True),     # a port only on the back channel
    ("http://auth.zorg.nl/authorize", False, False),      # https only
    ("https://Auth.zorg.nl/authorize", False, False),     # lowercase host
    ("https://auth.zorg.nl/authorize?x=1", False, False),  # no query
    ("https://auth.zorg.nl/authorize#a", False, False),   # no fragment
    ("https://localhost/authorize", False, False),        # at least one dot
])
def test_reg_uri_patronen(uri, front, back):
    assert (ident.FRONTCHANNEL_URI_PATROON.fullmatch(uri) is not None) is front
    assert (ident.BACKCHANNEL_URI_PATROON.fullmatch(uri) is not None) is back


@pytest.mark.parametrize("host,geldig", [("app.pgo.nl", True), ("pgo", False), ("App.pgo.nl", False),
                                         ("app.pgo.nl.", False), ("a-b.c-d.nl", True)])
def test_reg_host_hostnaam(host, geldig):
    if geldig:
        ident.valideer_hostnaam(host)
    else:
        with pytest.raises(ValidationError):
            ident.valideer_hostnaam(host)
