"""Import of an existing stelselnode's lists (LST-IMPORT-*): the example documents and a list this system published
round-trip through import and publication entry by entry; a conflict anywhere leaves the register as it was; a dry
run writes nothing; the DVA, DVP and organisation of an entry come from the koppelbestand, the register, the
endpoint hosts or the options."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from stelselbeheer.deelnemers.models import RolSoort
from stelselbeheer.kern.models import AuditEvent
from stelselbeheer.kern.rollen import Rol
from stelselbeheer.lijsten.importeren import ImportConflict, ImportOngeldig, lijsten_importeren
from stelselbeheer.lijsten.lezen import LijstOnleesbaar, lees_koppeling, ontleed
from stelselbeheer.lijsten.models import Formaatversie, Inplanning
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.organisaties.models import Organisatie, Soort
from stelselbeheer.register.models import (
    Aanbieder,
    AanbiederGegevensdienst,
    Gegevensdienst,
    OAuthclient,
    Systeemrol,
)

DATA = Path(__file__).parent / "data"
ZAL3 = DATA / "MedMij_Zorgaanbiederslijst_example.9.3.xml"
ZAKL = DATA / "MedMij_Zorgaanbiederskoppellijst_example.5.1.xml"


def _doc(pad_of_bytes, bron="lijst.xml"):
    xml = pad_of_bytes.read_bytes() if isinstance(pad_of_bytes, Path) else pad_of_bytes
    return ontleed(xml, bron)


def _stand():
    """What an import could write, counted."""
    return (Aanbieder.objects.count(), AanbiederGegevensdienst.objects.count(), Systeemrol.objects.count(),
            Organisatie.objects.count(), Gegevensdienst.objects.count(), OAuthclient.objects.count(),
            AuditEvent.objects.count())


def _gepubliceerd():
    """The live documents after one publication of every list, by format key."""
    uit = {}
    for lijst, s in alle_lijsten_publiceren(actor=None).items():
        uit[lijst] = _doc(s.inhoud)
        for f in Formaatversie.objects.filter(snapshot=s):
            uit[f"{lijst}{f.api}"] = _doc(f.inhoud)
    return uit


def _als_release2(entries):
    return {n: {"diensten": {c: {k: d[k] for k in ("auth", "token", "rollen")} for c, d in e["diensten"].items()}}
            for n, e in entries.items()}


@pytest.fixture
def xisbridge(maak):
    """A DVA without aanbieders yet, and the one gegevensdienst of the example ZAL that the ZAKL does not name."""
    maak.gegevensdienst("4", "Laboratoriumuitslagen")
    return maak.deelnemer("XIS Bridge B.V.", rollen=[RolSoort.DVA])


KOPPELING = {"umcharderwijk@medmij": {"organisatie_kvk": "30000001", "weergavenaam": "UMC Harderwijk"},
             "radiologencentraalflevoland@medmij": {"organisatie_kvk": "30000002"}}


def test_lst_import_de_voorbeelden_gaan_heen_en_terug_via_import_en_publicatie(xisbridge, maak):
    zal, zakl = _doc(ZAL3, "zal"), _doc(ZAKL, "zakl")
    plan = lijsten_importeren(actor=None, documenten=[zal, zakl], dva_kvk=xisbridge.organisatie.kvk_nummer,
                              koppeling=KOPPELING)
    assert plan.geschreven and not plan.conflicten
    assert dict(plan.tellingen) == {"gegevensdiensten": 2, "organisaties": 2, "aanbieders": 2}
    # the example ZAKL disagrees with its ZAL (dienst 5 vs 4, versions of 1): reported, the ZAL counts
    assert any(m.sleutel == "umcharderwijk@medmij" and "de ZAL telt" in m.tekst for m in plan.waarschuwingen)
    umc = Aanbieder.objects.select_related("organisatie", "dva").get(naam="umcharderwijk@medmij")
    assert (umc.weergavenaam, umc.dva, umc.organisatie.kvk_nummer, umc.organisatie.agb_code) == (
        "UMC Harderwijk", xisbridge, "30000001", "90012345")
    assert Gegevensdienst.objects.get(code="6").naam == "Verzamelen Documenten 1.0"  # from the ZAKL
    for code in ("1", "4", "6"):  # a qualification is a test result: the import never makes one
        maak.kwalificatie(xisbridge, Gegevensdienst.objects.get(code=code))

    na = _gepubliceerd()
    assert na["zal3"].entries == zal.entries  # entry by entry, release 3 as imported
    assert na["zal"].entries == _als_release2(zal.entries)
    for naam, e in zakl.entries.items():  # every identifying number comes back, and the koppelbestand's KvK
        assert na["zakl"].entries[naam]["kenmerken"] == {**e["kenmerken"], "KVK": KOPPELING[naam]["organisatie_kvk"]}
    assert {n: set(e["diensten"]) for n, e in na["zakl"].entries.items()} == {
        n: set(e["diensten"]) for n, e in zal.entries.items()}  # LST-ZAKL-1: the ZAKL follows the ZAL
    assert set(na["gnl"].entries) >= {"1", "4", "6"}

    # importing the same lists again changes nothing
    plan = lijsten_importeren(actor=None, documenten=[zal, zakl], koppeling=KOPPELING, proefdraai=True)
    assert (plan.nieuw, plan.bijwerken, plan.conflicten) == ([], [], [])


def test_lst_import_een_eigen_publicatie_gaat_heen_en_terug_in_een_leeg_register(register):
    voor = _gepubliceerd()
    documenten = [voor[k] for k in ("zal3", "ocl", "gnl", "whitelist", "zakl")]
    dva, dvp = register["dva"].organisatie.kvk_nummer, register["dvp"].organisatie.kvk_nummer
    Systeemrol.objects.all().delete()
    AanbiederGegevensdienst.objects.all().delete()
    orgs = list(Aanbieder.objects.values_list("organisatie_id", flat=True))
    Aanbieder.objects.all().delete()
    Organisatie.objects.filter(pk__in=orgs).delete()
    OAuthclient.objects.all().delete()

    plan = lijsten_importeren(actor=None, documenten=documenten, dva_kvk=dva, dvp_kvk=dvp)
    assert plan.waarschuwingen == [] and plan.tellingen["aanbieders"] == 2 and plan.tellingen["oauthclients"] == 1
    na = _gepubliceerd()
    for sleutel in ("zal", "zal3", "ocl", "gnl", "whitelist", "zakl"):
        assert na[sleutel].entries == voor[sleutel].entries, sleutel
        assert na[sleutel].volgnummer == voor[sleutel].volgnummer + 1


def test_lst_import_alles_of_niets_een_conflict_in_de_laatste_entry(register):
    voor = _gepubliceerd()
    # the last aanbieder on the list differs from the register: its token endpoint moved
    laatste = sorted(voor["zal3"].entries)[-1]
    dienst = AanbiederGegevensdienst.objects.get(aanbieder__naam=laatste)
    AanbiederGegevensdienst.objects.filter(pk=dienst.pk).update(token_endpoint="https://elders.nl/token")
    Aanbieder.objects.exclude(naam=laatste).delete()  # so every other entry would be created anew
    stand = _stand()
    dva = register["dva"].organisatie.kvk_nummer
    with pytest.raises(ImportConflict) as fout:
        lijsten_importeren(actor=None, documenten=[voor["zal3"], voor["zakl"]], dva_kvk=dva)
    assert _stand() == stand  # nothing written, not even the first entries
    [conflict] = fout.value.plan.conflicten
    assert conflict.sleutel == laatste and "token endpoint: register 'https://elders.nl/token'" in conflict.tekst
    assert {m.sleutel for m in fout.value.plan.nieuw} == set(voor["zal3"].entries) - {laatste}

    plan = lijsten_importeren(actor=None, documenten=[voor["zal3"], voor["zakl"]], dva_kvk=dva,
                              bijwerken=True)  # LST-IMPORT-BIJWERKEN
    assert [m.sleutel for m in plan.bijwerken] == [laatste]
    assert AanbiederGegevensdienst.objects.get(pk=dienst.pk).token_endpoint == dienst.token_endpoint
    event = AuditEvent.objects.order_by("-volgnummer").first()
    assert event.actie == "lijsten.geimporteerd" and event.na["aanbieders"] == 2  # one event, with counts


def test_lst_import_proef_schrijft_niets_en_noemt_elke_entry(xisbridge):
    stand = _stand()
    plan = lijsten_importeren(actor=None, documenten=[_doc(ZAL3), _doc(ZAKL)], koppeling=KOPPELING,
                              dva_kvk=xisbridge.organisatie.kvk_nummer, proefdraai=True)
    assert _stand() == stand and not plan.geschreven
    regels = plan.regels()
    assert any(r.startswith("NIEUW      ZAL umcharderwijk@medmij: aanbieder 'UMC Harderwijk'") for r in regels)
    assert any(r.startswith("NIEUW      ZAKL 6: gegevensdienst 'Verzamelen Documenten 1.0'") for r in regels)


def test_lst_import_deelnemer_zonder_dva_een_conflict_per_entry_met_hostnamen_wel(xisbridge, maak):
    with pytest.raises(ImportConflict) as fout:
        lijsten_importeren(actor=None, documenten=[_doc(ZAL3), _doc(ZAKL)], koppeling=KOPPELING)
    assert {m.sleutel for m in fout.value.plan.conflicten} == set(KOPPELING)
    assert all("geen DVA te bepalen" in m.tekst for m in fout.value.plan.conflicten)
    # an aanbieder of this DVA already uses medmij.xisbridge.net: the new entries go to the same DVA
    bestaand = maak.aanbieder(xisbridge, naam="huisartsdelinde@medmij", gegevensdienst=Gegevensdienst.objects.get(
        code="4"))
    AanbiederGegevensdienst.objects.filter(aanbieder=bestaand).update(
        token_endpoint="https://medmij.xisbridge.net/oauth/token")
    plan = lijsten_importeren(actor=None, documenten=[_doc(ZAL3), _doc(ZAKL)], koppeling=KOPPELING,
                              proefdraai=True)
    assert not plan.conflicten
    assert all("via hostnamen van de endpoints" in m.tekst for m in plan.nieuw if m.lijst == "zal")


def test_lst_import_organisatie_zonder_kvk_is_een_conflict_tenzij_de_zakl_haar_vindt(xisbridge, maak):
    kvk = xisbridge.organisatie.kvk_nummer
    with pytest.raises(ImportConflict) as fout:
        lijsten_importeren(actor=None, documenten=[_doc(ZAL3), _doc(ZAKL)], dva_kvk=kvk)
    assert {m.sleutel for m in fout.value.plan.conflicten} == set(KOPPELING)
    assert all("geen KvK-nummer" in m.tekst for m in fout.value.plan.conflicten)
    # organisations that the register knows by the ZAKL's AGB code and URA number
    maak.organisatie("UMC Harderwijk", soort=Soort.ZORGAANBIEDER, agb_code="90012345")
    maak.organisatie("Radiologen Centraal Flevoland", soort=Soort.ZORGAANBIEDER, ura="12345678",
                     oin="23885731954438865098")
    plan = lijsten_importeren(actor=None, documenten=[_doc(ZAL3), _doc(ZAKL)], dva_kvk=kvk)
    assert plan.tellingen["organisaties"] == 0
    assert Aanbieder.objects.get(naam="umcharderwijk@medmij").organisatie.naam == "UMC Harderwijk"


def test_lst_import_de_veldregels_van_het_register_gelden(xisbridge):
    """REG-URI and REG-AANBIEDERTYPE through the model's own validators, as in forms and the CSV import; the XSD
    lets both through."""
    xml = ZAL3.read_bytes().replace(b"https://78834.umcharderwijk.nl/oauth/authorize",
                                    b"https://78834.umcharderwijk.nl/oauth/au thorize")
    kop, _, staart = xml.rpartition(b"<Aanbiedertype>ZA</Aanbiedertype>")  # the second aanbieder's
    xml = kop + b"<Aanbiedertype>XYZ</Aanbiedertype>" + staart
    with pytest.raises(ImportConflict) as fout:
        lijsten_importeren(actor=None, documenten=[_doc(xml), _doc(ZAKL)], koppeling=KOPPELING,
                           dva_kvk=xisbridge.organisatie.kvk_nummer)
    teksten = {m.sleutel: m.tekst for m in fout.value.plan.conflicten}
    assert teksten["umcharderwijk@medmij"].startswith("gegevensdienst 6: authorization endpoint:")
    assert "onbekend aanbiedertype 'XYZ'" in teksten["radiologencentraalflevoland@medmij"]


def test_lst_import_ongeldige_aanroep(xisbridge, maak):
    with pytest.raises(PermissionDenied):  # LST-IMPORT-AUDIT: the system and staff only
        lijsten_importeren(actor=maak.gebruiker(Rol.AUDITOR), documenten=[_doc(ZAL3)], proefdraai=True)
    with pytest.raises(ImportOngeldig, match="Twee lijsten van dezelfde soort"):
        lijsten_importeren(actor=None, documenten=[_doc(ZAL3), _doc(ZAL3)])
    with pytest.raises(ImportOngeldig, match="alleen met de bijbehorende ZAL"):
        lijsten_importeren(actor=None, documenten=[_doc(ZAKL)])
    with pytest.raises(ImportOngeldig, match="--dva 99999999: geen deelnemer met de rol DVA"):
        lijsten_importeren(actor=None, documenten=[_doc(ZAL3)], dva_kvk="99999999")
    with pytest.raises(LijstOnleesbaar, match="mist de kolom 'sleutel'"):
        lees_koppeling("naam,deelnemer_kvk\nx,1\n")
    assert lees_koppeling("sleutel;weergavenaam\r\nab@medmij;AB\r\n") == {
        "ab@medmij": {"deelnemer_kvk": "", "organisatie_kvk": "", "weergavenaam": "AB"}}


def test_lst_import_commando_proef_en_fouten_zonder_traceback(xisbridge, tmp_path, capsys):
    koppeling = tmp_path / "koppeling.csv"
    koppeling.write_text("sleutel,organisatie_kvk\numcharderwijk@medmij,30000001\n"
                         "radiologencentraalflevoland@medmij,30000002\n", encoding="utf-8")
    kvk = xisbridge.organisatie.kvk_nummer
    stand = _stand()
    call_command("lijsten", "importeer", str(ZAL3), ZAKL.as_uri(), "--proef", "--dva", kvk,
                 "--koppeling", str(koppeling))
    uit = capsys.readouterr().out
    assert "Zorgaanbiederslijst release 3, volgnummer 9, 2 entries" in uit and "Proef, er is niets geschreven" in uit
    assert _stand() == stand
    with pytest.raises(CommandError, match="2 conflict"):  # no DVA for either: all or nothing
        call_command("lijsten", "importeer", str(ZAL3), str(ZAKL), "--koppeling", str(koppeling))
    assert "CONFLICT   ZAL umcharderwijk@medmij: geen DVA te bepalen" in capsys.readouterr().err
    for argumenten, melding in [([str(tmp_path / "weg.xml")], "kan niet worden gelezen"),
                                ([str(koppeling)], "geen goedgevormde XML"),
                                ([str(ZAL3), "--dva", "12345678"], "geen deelnemer met de rol DVA")]:
        with pytest.raises(CommandError, match=melding):
            call_command("lijsten", "importeer", *argumenten)
    call_command("lijsten", "importeer", str(ZAL3), str(ZAKL), "--dva", kvk, "--koppeling", str(koppeling))
    assert "Geïmporteerd: 4 nieuw" in capsys.readouterr().out
    assert Aanbieder.objects.count() == 2


def test_lst_import_plant_een_publicatie_als_elke_registerwijziging(xisbridge, settings,
                                                                    django_capture_on_commit_callbacks):
    """LST-AUTO: the import is a change of the register; a dry run is none."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    argumenten = {"documenten": [_doc(ZAL3), _doc(ZAKL)], "koppeling": KOPPELING,
                  "dva_kvk": xisbridge.organisatie.kvk_nummer}
    with django_capture_on_commit_callbacks(execute=True):
        lijsten_importeren(actor=None, proefdraai=True, **argumenten)
    assert not Inplanning.objects.exclude(gepland_voor=None).exists()
    with django_capture_on_commit_callbacks(execute=True):
        lijsten_importeren(actor=None, **argumenten)
    assert Inplanning.objects.get().aanleiding == "lijsten.geimporteerd"
