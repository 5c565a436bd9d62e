"""TOE-ACCOUNT: staff create an account on a page and its holder sets the password through a one-time link mailed to
them (nobody else ever knows it); staff deactivate and reactivate accounts with a reason, never their own; a holder
who forgot the password asks for a new link, without the page telling whether the address has an account."""

import re

import pytest
from django.test import Client

from stelselbeheer.kern.models import AuditEvent, Gebruiker
from stelselbeheer.kern.rollen import Rol

NIEUW_WACHTWOORD = "Een-Lang-Wachtwoord-2026"


def _link(mail) -> str:
    return re.search(r"https?://[^/\s]+(/account/wachtwoord/[^\s]+/)", mail.body).group(1)


@pytest.fixture
def medewerker(client, wereld):
    client.force_login(wereld["gebruikers"]["uitvoering"])
    return client


def test_account_aanmaken_uitnodigen_en_wachtwoord_instellen(medewerker, wereld, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = medewerker.post("/beheer/accounts/nieuw/", {
            "gebruikersnaam": "jjansen", "volledige_naam": "Jet Jansen", "email": "jet@zorg-ict.nl",
            "rol": Rol.DEELNEMER, "deelnemer": wereld["dva"].pk, "reden": "nieuwe contactpersoon"})
    g = Gebruiker.objects.get(username="jjansen")
    assert r.status_code == 302 and r["Location"] == f"/beheer/accounts/{g.pk}/"
    assert g.deelnemer == wereld["dva"] and not g.has_usable_password()  # nobody knows a password yet
    assert [m.to for m in mailoutbox] == [["jet@zorg-ict.nl"]] and "jjansen" in mailoutbox[0].body
    assert list(AuditEvent.objects.filter(object_id=str(g.pk)).order_by("volgnummer")
                .values_list("actie", flat=True)) == [
        "gebruiker.aangemaakt", "gebruiker.uitgenodigd"]

    houder = Client()
    link = _link(mailoutbox[0])
    r = houder.get(link, follow=True)  # Django moves the token out of the URL into the session first
    assert r.status_code == 200 and "jjansen" in r.content.decode()
    pad = r.redirect_chain[-1][0]
    r = houder.post(pad, {"new_password1": "kort", "new_password2": "kort"})
    assert r.status_code == 200 and "te kort: gebruik minstens 12 tekens" in r.content.decode()  # the rules, in Dutch
    r = houder.post(pad, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD})
    assert r.status_code == 302 and r["Location"] == "/account/wachtwoord/ingesteld/"
    r = houder.post("/inloggen/", {"username": "jjansen", "password": NIEUW_WACHTWOORD})
    assert r.status_code == 302 and houder.get("/mijn/").status_code == 200  # logged in with it
    assert AuditEvent.objects.filter(actie="gebruiker.wachtwoord_ingesteld", object_id=str(g.pk)).count() == 1
    assert "werkt niet (meer)" in Client().get(link, follow=True).content.decode()  # the link works once


@pytest.mark.parametrize(("gegevens", "veld"), [
    ({"rol": Rol.DEELNEMER}, "deelnemer"),  # a participant user belongs to a participant
    ({"rol": Rol.REGIO}, "rso"),
    ({"rol": Rol.UITVOERING, "deelnemer": "dva"}, "deelnemer"),
    ({"rol": Rol.UITVOERING, "gebruikersnaam": "bestuur"}, "gebruikersnaam"),  # taken (the world's board account)
    ({"rol": Rol.UITVOERING, "email": "geen-adres"}, "email"),
    ({"rol": Rol.UITVOERING, "volledige_naam": "Jet\x00Jansen"}, "volledige_naam"),
])
def test_account_aanmaken_foute_invoer_per_veld_en_niets_geschreven(medewerker, wereld, mailoutbox, gegevens, veld):
    data = {"gebruikersnaam": "jjansen", "volledige_naam": "Jet Jansen", "email": "jet@zorg-ict.nl",
            "reden": "test", **gegevens}
    if data.get("deelnemer") == "dva":
        data["deelnemer"] = wereld["dva"].pk
    aantal = Gebruiker.objects.count()
    r = medewerker.post("/beheer/accounts/nieuw/", data)
    assert r.status_code == 200 and veld in r.context["form"].errors
    assert Gebruiker.objects.count() == aantal and mailoutbox == []


def test_uitnodiging_opnieuw_alleen_zonder_wachtwoord(medewerker, wereld, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    bestuur = wereld["gebruikers"]["bestuur"]  # has a password
    r = medewerker.post(f"/beheer/accounts/{bestuur.pk}/uitnodigen/")
    assert r.status_code == 200 and "geen e-mailadres" in r.content.decode() and mailoutbox == []
    bestuur.email = "bea@stelsel.nl"
    bestuur.save()
    r = medewerker.post(f"/beheer/accounts/{bestuur.pk}/uitnodigen/")
    assert r.status_code == 200 and "al een wachtwoord" in r.content.decode() and mailoutbox == []
    bestuur.set_unusable_password()
    bestuur.save()
    with django_capture_on_commit_callbacks(execute=True):
        r = medewerker.post(f"/beheer/accounts/{bestuur.pk}/uitnodigen/")
    assert r.status_code == 302 and len(mailoutbox) == 1


def test_deactiveren_met_reden_niet_het_eigen_account(medewerker, wereld):
    eigen, ander = wereld["gebruikers"]["uitvoering"], wereld["gebruikers"]["deelnemer"]
    r = medewerker.post(f"/beheer/accounts/{eigen.pk}/actief/", {"reden": "test"})
    assert r.status_code == 200 and "eigen account" in r.content.decode()
    r = medewerker.post(f"/beheer/accounts/{ander.pk}/actief/", {"reden": ""})
    assert r.status_code == 200 and "reden" in r.context["form"].errors
    ander.refresh_from_db()
    assert ander.is_active
    r = medewerker.post(f"/beheer/accounts/{ander.pk}/actief/", {"reden": "vertrokken bij de deelnemer"})
    assert r.status_code == 302
    ander.refresh_from_db()
    assert not ander.is_active
    deelnemer = Client()
    deelnemer.force_login(ander)  # a session that was open: the next request is no longer logged in
    assert deelnemer.get("/mijn/").status_code == 302
    e = AuditEvent.objects.get(actie="gebruiker.gedeactiveerd")
    assert e.reden == "vertrokken bij de deelnemer" and e.na == {"is_active": False}
    medewerker.post(f"/beheer/accounts/{ander.pk}/actief/", {"reden": "terug"})
    ander.refresh_from_db()
    assert ander.is_active


def test_wachtwoord_vergeten_zegt_niet_of_het_adres_bestaat(client, wereld, mailoutbox, settings):
    settings.LIMIETEN = {**settings.LIMIETEN, "email": "2/h"}
    houder = wereld["gebruikers"]["deelnemer"]
    houder.email = "dirk@zorg-ict.nl"
    houder.save()
    onbekend = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@elders.nl"})
    bekend = client.post("/account/wachtwoord-vergeten/", {"email": "DIRK@zorg-ict.nl"})
    assert onbekend.status_code == bekend.status_code == 302  # the same answer for both
    assert onbekend["Location"] == bekend["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert [m.to for m in mailoutbox] == [["dirk@zorg-ict.nl"]]
    r = Client().get(_link(mailoutbox[0]), follow=True)
    assert r.status_code == 200 and r.context["validlink"]
    client.post("/account/wachtwoord-vergeten/", {"email": "dirk@zorg-ict.nl"})
    r = client.post("/account/wachtwoord-vergeten/", {"email": "dirk@zorg-ict.nl"})
    assert r.status_code == 429 and "Retry-After" in r  # MEL-MISBRUIK: per address
    assert len(mailoutbox) == 2


def test_inlogpagina_wijst_naar_wachtwoord_vergeten(client, db):
    assert 'href="/account/wachtwoord-vergeten/"' in client.get("/inloggen/").content.decode()
