"""RFC-ZICHT: who sees which RFC, through the query, the pages and the API. Non-public: an RFC on a non-public agenda,
or one not taken in yet. A participant sees its own and the consultations it was invited to; a regional user its
RSO's own; the public only public ones."""

import pytest

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.wijzigingen import services
from stelselbeheer.wijzigingen.models import Wijzigingsvoorstel

from .conftest import agenda, indienen


@pytest.fixture
def rfcs(wereld, maak):
    g = wereld["gebruikers"]
    services.agenda_wijzigen(actor=None, agenda=agenda("viewer"), wijzigingen={"openbaar": False})
    openbaar = indienen("algemeen", titel="Openbaar")
    services.stap_zetten(actor=None, voorstel=openbaar, stap="in_behandeling_nemen")
    nieuw = indienen("algemeen", titel="Nog niet in behandeling")
    eigen = indienen("bronsysteem", actor=g[Rol.DEELNEMER], titel="Eigen XIS-wens")
    regio = indienen("bronsysteem", actor=g[Rol.REGIO], titel="Wens van de regio")
    consultatie = indienen("viewer", titel="Viewer-consultatie", gegevensdiensten=[wereld["dienst"]])
    services.stap_zetten(actor=None, voorstel=consultatie, stap="in_behandeling_nemen")
    services.stap_zetten(actor=None, voorstel=consultatie, stap="consultatie_openen")
    anders = maak.gebruiker(Rol.DEELNEMER, deelnemer=wereld["dvp"])  # the DVP: not affected (no qualification)
    andere_regio = maak.gebruiker(Rol.REGIO, rso=maak.rso("RSO Zuid"))
    return {"openbaar": openbaar, "nieuw": nieuw, "eigen": eigen, "regio": regio, "consultatie": consultatie,
            "anders": anders, "andere_regio": andere_regio}


def _ziet(user, rfcs):
    titels = set(Wijzigingsvoorstel.objects.zichtbaar_voor(user).values_list("titel", flat=True))
    return {k for k, v in rfcs.items() if isinstance(v, Wijzigingsvoorstel) and v.titel in titels}


ALLE = {"openbaar", "nieuw", "eigen", "regio", "consultatie"}


@pytest.mark.parametrize("rol,verwacht", [
    (Rol.UITVOERING, ALLE), (Rol.BESTUUR, ALLE), (Rol.AUDITOR, ALLE),
    (Rol.DEELNEMER, {"openbaar", "eigen", "consultatie"}),  # own + invited to the consultation
    (Rol.REGIO, {"openbaar", "regio"}),
    ("publiek", {"openbaar"}),
])
def test_zichtbaarheid_per_rol(wereld, rfcs, rol, verwacht):
    user = None if rol == "publiek" else wereld["gebruikers"][rol]
    assert _ziet(user, rfcs) == verwacht


def test_andere_deelnemer_en_andere_regio_zien_alleen_het_openbare(wereld, rfcs):
    assert _ziet(rfcs["anders"], rfcs) == {"openbaar"}
    assert _ziet(rfcs["andere_regio"], rfcs) == {"openbaar"}


@pytest.mark.parametrize("rol", ["publiek", Rol.REGIO, Rol.DEELNEMER, Rol.UITVOERING])
def test_paginas_en_api_volgen_de_zichtbaarheid(client, wereld, rfcs, rol):
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    user = None if rol == "publiek" else wereld["gebruikers"][rol]
    zichtbaar = _ziet(user, rfcs)
    for sleutel in ALLE:
        rfc = rfcs[sleutel]
        pagina = client.get(f"/wijzigingen/rfc/{rfc.nummer}/")
        api = client.get(f"/api/wijzigingen/rfc/{rfc.nummer}")
        assert (pagina.status_code, api.status_code) == ((200, 200) if sleutel in zichtbaar else (404, 404)), sleutel
    lijst = client.get("/wijzigingen/rfc/").content.decode()
    assert {k for k in ALLE if rfcs[k].nummer in lijst} == zichtbaar
    nummers = {r["nummer"] for r in client.get("/api/wijzigingen/rfc?per_pagina=100").json()["resultaten"]}
    assert nummers == {rfcs[k].nummer for k in zichtbaar}


def test_reacties_van_anderen_alleen_voor_de_uitvoeringsorganisatie(client, wereld, rfcs, maak):
    rfc = rfcs["consultatie"]
    services.reageren(actor=None, voorstel=rfc, deelnemer=wereld["dva"], standpunt="bezwaar",
                      toelichting="Vertrouwelijke toelichting van Noord")
    client.force_login(wereld["gebruikers"][Rol.UITVOERING])
    assert "Vertrouwelijke toelichting van Noord" in client.get(rfc.get_absolute_url()).content.decode()
    client.force_login(wereld["gebruikers"][Rol.DEELNEMER])  # the DVA itself sees its own reaction
    assert "Vertrouwelijke toelichting van Noord" in client.get(rfc.get_absolute_url()).content.decode()
    client.force_login(wereld["gebruikers"][Rol.AUDITOR])
    assert "Vertrouwelijke toelichting van Noord" in client.get(rfc.get_absolute_url()).content.decode()


@pytest.mark.parametrize("rol", ["publiek", Rol.REGIO, Rol.DEELNEMER, Rol.UITVOERING, Rol.AUDITOR])
def test_releasepagina_toont_de_rfcs_die_de_lezer_mag_zien(client, wereld, rfcs, rol):
    """RFC-RELEASE on the release page: its RFCs, each only for whom the RFC list shows it (RFC-ZICHT)."""
    release = afs.release_aanmaken(actor=None, nummer="3.1", titel="Afsprakenset 3.1")
    afs.release_overgang(actor=None, release=release, overgang="consultatie_openen")
    for sleutel in ALLE:
        services.release_toewijzen(actor=None, voorstel=rfcs[sleutel], release=release)
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])
    user = None if rol == "publiek" else wereld["gebruikers"][rol]
    pagina = client.get("/afsprakenset/3.1/")
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Wijzigingsverzoeken (RFC" in tekst
    assert {k for k in ALLE if f'href="/wijzigingen/rfc/{rfcs[k].nummer}/"' in tekst} == _ziet(user, rfcs)
