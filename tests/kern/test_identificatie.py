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


@pytest.mark.parametrize("tekst,geldig", [
    ("MED-FHIR-SERVER", True),
    ("tab\tregel\neinde\r", True),                  # tab, LF and CR are XML characters
    ("Huisartsenpraktijk Ü \u00e9 \U0001f600", True),  # letters beyond ASCII and beyond the BMP
    ("\ud7ff\ue000\ufffd", True),                   # the edges of the allowed ranges
    ("MED\x01", False),                             # C0 control
    ("\x00", False),
    ("a\x1f", False),
    ("a\x0b", False),                               # vertical tab
    ("\ufffe", False),                              # non-character U+FFFE
    ("\uffff", False),
    ("\ud800", False),                              # lone surrogate
])
def test_reg_xmlteken_alleen_tekens_die_xml_toestaat(tekst, geldig):
    """REG-XMLTEKEN: what cannot be written in an XML 1.0 document is refused at the field."""
    if geldig:
        ident.valideer_xml_tekens(tekst)
    else:
        with pytest.raises(ValidationError) as fout:
            ident.valideer_xml_tekens(tekst)
        assert fout.value.code == "xml_teken"
        slecht = next(c for c in tekst if not ("\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"))
        assert f"U+{ord(slecht):04X}" in fout.value.messages[0]  # the message names the character


@pytest.mark.parametrize("uri", [
    "https://api.example.nl/tok en/token",          # a space
    "https://api.example.nl/token<script>",
    "https://api.example.nl/to\"ken",
    "https://api.example.nl/tok\x01en",              # control characters
    "https://api.example.nl/tok\ufffeen",
    "https://api.example.nl/tok\ten",
    "https://api.example.nl/%zz",                    # a percent sign that encodes nothing
    "https://api.example.nl/{x}",
    "https://api.example.nl/a\\b",
])
def test_reg_uri_weigert_tekens_die_niet_in_een_uri_mogen(uri):
    """REG-URI: the XSD pattern allows any character but ?, # and / in a path segment; a URI does not."""
    for validator in (ident.valideer_frontchannel_uri, ident.valideer_backchannel_uri):
        with pytest.raises(ValidationError) as fout:
            validator(uri)
        assert "pad" in fout.value.messages[0]


@pytest.mark.parametrize("uri,geldig", [
    ("https://api.zorg.nl:8443/token", True),
    ("https://api.zorg.nl:65535/token", True),
    ("https://api.zorg.nl:65536/token", False),      # beyond the port range
    ("https://api.zorg.nl:0/token", False),
    ("https://api.zorg.nl:\u0668\u0660/token", False),  # Arabic-Indic digits match the XSD's \d, not a URI port
    ("https://api.zorg.nl/fhir/%C3%A9;v=1/Patient:x@y", True),  # percent-encoding and sub-delimiters are fine
])
def test_reg_uri_poort_en_pad(uri, geldig):
    if geldig:
        ident.valideer_backchannel_uri(uri)
    else:
        with pytest.raises(ValidationError):
            ident.valideer_backchannel_uri(uri)
