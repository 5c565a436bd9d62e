"""ADO-AFGELEID, ADO-LIVE, ADO-LEVERANCIERS, ADO-GEREED, ADO-HANDMATIG: adoption follows from a hand-built register
and the published ZAL."""

import pytest
from django.core.exceptions import ValidationError

from stelselbeheer.adoptie.berekening import bereken_product, lees_register
from stelselbeheer.adoptie.services import handmatige_status_vastleggen
from stelselbeheer.register import services as reg_services


@pytest.fixture
def opzet(register, maak, wereld):
    dienst = wereld["dienst"]  # 48; the world's own provider is in sector "overig", outside the product
    ander = maak.gegevensdienst("49", "Huisartsgegevens")
    noord = register.regio("Noord")
    dva = register.leverancier("Zorgsystemen Noord B.V.")
    maak.kwalificatie(dva, dienst)
    a1 = register.aanbieder(dva, regio=noord, diensten=[dienst])
    a2 = register.aanbieder(dva, regio=noord, diensten=[dienst])
    a3 = register.aanbieder(dva, diensten=[ander])  # on the ZAL, but not for the product's dienst
    a4 = register.aanbieder(dva, sector="ggz", diensten=[dienst])  # outside the product's sectors
    product = register.product(diensten=[dienst])
    return {"dienst": dienst, "dva": dva, "a": [a1, a2, a3, a4], "product": product, "noord": noord}


def test_live_volgt_de_gepubliceerde_zal(register, opzet):
    stand = bereken_product(opzet["product"])
    assert (stand.aanbieders_live, stand.aanbieders_totaal) == (0, 3)  # nothing published yet: nobody is live
    register.publiceer_zal()
    stand = bereken_product(opzet["product"])
    assert (stand.aanbieders_live, stand.aanbieders_totaal) == (2, 3)
    assert stand.sector == {"huisartsenzorg": [2, 3]}
    assert stand.regio == {str(opzet["noord"].pk): [2, 2], "": [0, 1]}


def test_een_aanbieder_van_de_zal_gehaald_telt_niet_meer_mee(register, opzet):
    register.publiceer_zal()
    a1 = opzet["a"][0]
    reg_services.aanbieder_dienst_verwijderen(actor=None, dienst=a1.diensten.get())
    # the register changed, but until the ZAL is published again what counts is what was published
    assert bereken_product(opzet["product"]).aanbieders_live == 2
    register.publiceer_zal(goedgekeurd={a1.naam})
    stand = bereken_product(opzet["product"])
    assert (stand.aanbieders_live, stand.aanbieders_totaal) == (1, 3)


def test_leverancier_gereed_door_kwalificatie_en_relevant_door_klanten(register, opzet, maak):
    register.publiceer_zal()
    zonder = register.leverancier("Zonder Kwalificatie B.V.")
    register.aanbieder(zonder, diensten=[])  # its customer in the target group makes it relevant
    buiten = register.leverancier("Alleen GGZ B.V.")
    register.klant_van(opzet["a"][3].organisatie, buiten.organisatie)  # a ggz customer only: not relevant
    stand = bereken_product(opzet["product"])
    assert (stand.leveranciers_gereed, stand.leveranciers_relevant) == (1, 2)
    assert stand.leveranciers[str(opzet["dva"].organisatie.pk)] == {
        "gereed": True, "bron": "kwalificatie", "klanten": {"huisartsenzorg": 3}}
    assert stand.leveranciers[str(zonder.organisatie.pk)]["gereed"] is False
    assert str(buiten.organisatie.pk) not in stand.leveranciers


def test_handmatig_alleen_waar_het_register_het_niet_weet(register, opzet, maak, wereld):
    medewerker = wereld["gebruikers"]["uitvoering"]
    with pytest.raises(ValidationError) as fout:  # the ZAL knows the provider's status
        handmatige_status_vastleggen(actor=medewerker, product=opzet["product"],
                                     organisatie=opzet["a"][0].organisatie, live=True, bron="telefoon")
    assert "ZAL" in str(fout.value)
    with pytest.raises(ValidationError):  # a DVA's readiness is read from its qualifications
        handmatige_status_vastleggen(actor=medewerker, product=opzet["product"],
                                     organisatie=opzet["dva"].organisatie, live=True, bron="telefoon")
    geen_dva = register.leverancier("Geen DVA B.V.", dva=False)
    register.klant_van(opzet["a"][0].organisatie, geen_dva)
    handmatige_status_vastleggen(actor=medewerker, product=opzet["product"], organisatie=geen_dva, live=True,
                                 bron="opgave leverancier")
    stand = bereken_product(opzet["product"])
    assert stand.leveranciers[str(geen_dva.pk)]["bron"] == "handmatig"
    assert stand.handmatig == 1


def test_product_zonder_gegevensdiensten_alleen_handmatig(register, opzet, wereld):
    register.publiceer_zal()
    kader = register.product("kader", diensten=[])
    assert bereken_product(kader).aanbieders_live == 0  # on the ZAL, yet the ZAL says nothing about a framework
    handmatige_status_vastleggen(actor=wereld["gebruikers"]["uitvoering"], product=kader,
                                 organisatie=opzet["a"][2].organisatie, live=True, bron="uitvraag RSO")
    stand = bereken_product(kader)
    assert (stand.aanbieders_live, stand.handmatig) == (1, 1)


def test_handmatig_zonder_bron_geweigerd(register, opzet, wereld):
    kader = register.product("kader", diensten=[])
    with pytest.raises(ValidationError) as fout:
        handmatige_status_vastleggen(actor=wereld["gebruikers"]["uitvoering"], product=kader,
                                     organisatie=opzet["a"][0].organisatie, live=True, bron="  ")
    assert "bron" in fout.value.message_dict


def test_lees_register_leest_de_zal_eenmaal(register, opzet):
    register.publiceer_zal()
    stand = lees_register()
    assert stand.zal_volgnummer == 1
    assert stand.zal[opzet["a"][0].naam] == frozenset({"48"})
