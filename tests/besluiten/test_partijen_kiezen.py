"""The suggestions behind the organisation picker (issue 11). The direct decision form that used it is gone: a
decision arises from an adopted proposal (OVL-STAP)."""


def test_suggesties_als_json_achter_het_leesrecht(client, wereld, maak):
    org = maak.organisatie(naam="Apotheek De Eik", plaats="Deventer")
    client.force_login(wereld["gebruikers"]["bestuur"])
    data = client.get("/beheer/organisaties/suggesties.json", {"q": "eik"}).json()
    assert data["resultaten"] == [{"kvk": org.kvk_nummer, "naam": "Apotheek De Eik", "plaats": "Deventer",
                                   "tekst": f"{org.kvk_nummer} Apotheek De Eik, Deventer"}]
    assert client.get("/beheer/organisaties/suggesties.json", {"q": "e"}).json() == {"resultaten": []}
    client.force_login(wereld["gebruikers"]["deelnemer"])
    assert client.get("/beheer/organisaties/suggesties.json", {"q": "eik"}).status_code == 403
