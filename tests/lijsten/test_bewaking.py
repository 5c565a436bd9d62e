"""LST-BEWAKING: a publication that removes more than the allowed share of entries without explanation waits
for a second staff member (four eyes); expiries and inactive participants explain removals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.lijsten.models import Publicatievoorstel, Snapshot, VoorstelStatus
from stelselbeheer.lijsten.services import lijst_publiceren, voorstel_afwijzen, voorstel_goedkeuren
from stelselbeheer.register import services as reg
from stelselbeheer.register.models import AanbiederGegevensdienst
from tests.stappen import opschorten


@pytest.fixture
def live(register):
    return lijst_publiceren(actor=register["gebruikers"]["uitvoering"], lijst="zal")


def _endpoints_weg(naam):
    reg.aanbieder_dienst_verwijderen(actor=None, dienst=AanbiederGegevensdienst.objects.get(aanbieder__naam=naam))


def test_onverklaarde_verwijdering_wordt_tegengehouden(register, live):
    _endpoints_weg("huisartsdelinde@medmij")  # 1 of 2 entries (50%) disappears without explanation
    uitkomst = lijst_publiceren(actor=register["gebruikers"]["uitvoering"], lijst="zal")
    assert isinstance(uitkomst, Publicatievoorstel)
    assert uitkomst.onverklaard == ["huisartsdelinde@medmij"] and uitkomst.aandeel == 0.5
    assert Snapshot.objects.filter(lijst="zal").count() == 1  # the live version stays
    assert AuditEvent.objects.filter(actie="lijst.publicatie_tegengehouden").count() == 1


def test_verklaarde_verwijdering_gaat_door(register, live):
    opschorten(register["dva"])
    s = lijst_publiceren(actor=None, lijst="zal")
    assert isinstance(s, Snapshot) and s.aantal == 0


def test_verlopen_kwalificatie_verklaart_verwijdering(register, live):
    na_verloop = dt.datetime(2027, 6, 2, 0, 0, tzinfo=dt.UTC)
    s = lijst_publiceren(actor=None, lijst="zal", moment=na_verloop)
    assert isinstance(s, Snapshot) and s.verwijderd == ["apotheekcentrum@medmij", "huisartsdelinde@medmij"]


def test_onder_de_drempel_gaat_door(register, live, settings):
    settings.LIJST_BEWAKING_DREMPEL = 0.5
    _endpoints_weg("huisartsdelinde@medmij")
    assert isinstance(lijst_publiceren(actor=None, lijst="zal"), Snapshot)


def test_vier_ogen(register, live):
    aanvrager, tweede = register["gebruikers"]["uitvoering"], None
    from stelselbeheer.kern.rollen import Rol
    from tests.conftest import Maak

    tweede = Maak().gebruiker(Rol.UITVOERING, "tweede-medewerker")
    _endpoints_weg("huisartsdelinde@medmij")
    voorstel = lijst_publiceren(actor=aanvrager, lijst="zal")
    with pytest.raises(ValidationError, match="Vier ogen"):
        voorstel_goedkeuren(actor=aanvrager, voorstel=voorstel)
    s = voorstel_goedkeuren(actor=tweede, voorstel=voorstel, motivering="aanbieder is gestopt")
    assert s.volgnummer == 2 and s.verwijderd == ["huisartsdelinde@medmij"]
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.beoordeeld_door, voorstel.snapshot) == (VoorstelStatus.GOEDGEKEURD, tweede, s)
    with pytest.raises(ValidationError):
        voorstel_goedkeuren(actor=tweede, voorstel=voorstel)


def test_goedkeuring_geldt_alleen_voor_deze_verwijderingen(register, live, maak):
    from stelselbeheer.kern.rollen import Rol

    tweede = maak.gebruiker(Rol.UITVOERING, "tweede")
    _endpoints_weg("huisartsdelinde@medmij")
    voorstel = lijst_publiceren(actor=register["gebruikers"]["uitvoering"], lijst="zal")
    _endpoints_weg("apotheekcentrum@medmij")  # the register changed after the proposal: more goes
    nieuw = voorstel_goedkeuren(actor=tweede, voorstel=voorstel)
    assert isinstance(nieuw, Publicatievoorstel) and nieuw.pk != voorstel.pk
    assert Publicatievoorstel.objects.filter(status=VoorstelStatus.WACHT).get() == nieuw
    assert nieuw.onverklaard == ["apotheekcentrum@medmij", "huisartsdelinde@medmij"]
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VERVALLEN
    assert Snapshot.objects.filter(lijst="zal").count() == 1


def test_afwijzen_vraagt_motivering(register, live):
    _endpoints_weg("huisartsdelinde@medmij")
    voorstel = lijst_publiceren(actor=None, lijst="zal")
    with pytest.raises(ValidationError):
        voorstel_afwijzen(actor=register["gebruikers"]["uitvoering"], voorstel=voorstel, motivering=" ")
    voorstel = voorstel_afwijzen(actor=register["gebruikers"]["uitvoering"], voorstel=voorstel,
                                 motivering="fout in de import")
    assert voorstel.status == VoorstelStatus.AFGEWEZEN and Snapshot.objects.filter(lijst="zal").count() == 1


def test_pagina_goedkeuren_en_rechten(client, register, live, maak):
    from stelselbeheer.kern.rollen import Rol

    tweede = maak.gebruiker(Rol.UITVOERING, "tweede")
    _endpoints_weg("huisartsdelinde@medmij")
    client.force_login(register["gebruikers"]["uitvoering"])
    client.post("/beheer/lijsten/")
    voorstel = Publicatievoorstel.objects.get()
    assert "Tegengehouden publicaties (1)" in client.get("/beheer/lijsten/").content.decode()
    r = client.post(f"/beheer/lijsten/voorstellen/{voorstel.pk}/", {"besluit": "goedkeuren"})
    assert r.status_code == 422 and "Vier ogen" in r.content.decode()
    client.force_login(register["gebruikers"]["bestuur"])
    assert client.get(f"/beheer/lijsten/voorstellen/{voorstel.pk}/").status_code == 200
    assert client.post(f"/beheer/lijsten/voorstellen/{voorstel.pk}/", {"besluit": "goedkeuren"}).status_code == 403
    client.force_login(tweede)
    r = client.post(f"/beheer/lijsten/voorstellen/{voorstel.pk}/", {"besluit": "goedkeuren", "motivering": "klopt"})
    assert r.status_code == 302
    assert Snapshot.objects.filter(lijst="zal").order_by("-volgnummer").first().verwijderd == ["huisartsdelinde@medmij"]
