"""AFS-GOEDKEURING (approval only on the board's adopted release decision), AFS-STATUS, AFS-VAST, AFS-UITROL (the
rollout per affected participant and the mail after commit), AFS-KWALIFICATIE."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stelselbeheer.afsprakenset import services as afs
from stelselbeheer.afsprakenset.models import Release, ReleaseStatus, Uitrol, UitrolStatus
from stelselbeheer.besluiten.services import besluit_vastleggen
from stelselbeheer.deelnemers.models import Deelnemer, DeelnemerStatus, RolSoort
from stelselbeheer.kern.models import AuditEvent

from .conftest import VANDAAG, vastgesteld_besluit


def _goedkeuren(o, besluit, actor=None):
    return afs.release_overgang(actor=actor or o.medewerker, release=o.nieuw, overgang="goedkeuren", besluit=besluit)


def _ongewijzigd(o):
    o.nieuw.refresh_from_db()
    assert o.nieuw.status == ReleaseStatus.CONSULTATIE and o.nieuw.besluit_id is None
    assert not Uitrol.objects.filter(release=o.nieuw).exists()


def test_goedkeuren_zonder_besluit_geweigerd(omgeving):
    with pytest.raises(ValidationError, match="Kies het besluit"):
        _goedkeuren(omgeving, None)
    _ongewijzigd(omgeving)


def test_goedkeuren_met_besluit_buiten_een_vastgesteld_voorstel_geweigerd(omgeving):
    """A decision recorded directly in the register (not adopted from a proposal by the board) carries no step."""
    los = besluit_vastleggen(actor=None, datum=VANDAAG, soort="release", onderwerp="Release 3.1", tekst="Goed.")
    with pytest.raises(ValidationError, match="niet uit een besluitvoorstel"):
        _goedkeuren(omgeving, los)
    _ongewijzigd(omgeving)


def test_goedkeuren_met_besluit_van_een_andere_soort_geweigerd(omgeving):
    besluit = vastgesteld_besluit(omgeving, "Jaarplan", soort="overig")
    with pytest.raises(ValidationError, match="geen goedkeuring van een release"):
        _goedkeuren(omgeving, besluit)
    _ongewijzigd(omgeving)


def test_besluit_keurt_maar_een_release_goed(omgeving):
    with pytest.raises(ValidationError, match="keurde al release 3.0"):
        _goedkeuren(omgeving, omgeving.huidig.besluit)
    _ongewijzigd(omgeving)


def test_alleen_de_uitvoeringsorganisatie_verwerkt_de_goedkeuring(omgeving):
    besluit = vastgesteld_besluit(omgeving)
    for rol in ("deelnemer", "auditor", "regio"):
        with pytest.raises(PermissionDenied):
            _goedkeuren(omgeving, besluit, actor=omgeving.wereld["gebruikers"][rol])
    _ongewijzigd(omgeving)


def test_goedkeuring_maakt_uitrol_per_getroffen_deelnemer_en_mailt_na_commit(
        omgeving, maak, mailoutbox, django_capture_on_commit_callbacks):
    maak.deelnemer("Beëindigd PGO B.V.", rollen=[RolSoort.DVP], status=DeelnemerStatus.BEEINDIGD)
    beide = maak.deelnemer("Alles-in-een B.V.", rollen=[RolSoort.DVP, RolSoort.DVA])
    for d in Deelnemer.objects.all():
        Deelnemer.objects.filter(pk=d.pk).update(contact_email=f"info-{d.pk}@voorbeeld.nl")
    besluit = vastgesteld_besluit(omgeving)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = _goedkeuren(omgeving, besluit)
        assert mailoutbox == []  # not before the commit
    for callback in callbacks:
        callback()
    assert release.status == ReleaseStatus.GOEDGEKEURD and release.besluit == besluit
    uitrollen = set(Uitrol.objects.filter(release=release).values_list("deelnemer__organisatie__naam", "rol"))
    assert uitrollen == {("Zorg-ICT Noord B.V.", "dva"), ("Mijn Gezondheid PGO B.V.", "dvp"),
                         ("Alles-in-een B.V.", "dva"), ("Alles-in-een B.V.", "dvp")}
    assert all(u.uiterlijk == VANDAAG + dt.timedelta(days=60) and u.status == UitrolStatus.GEPLAND
               for u in Uitrol.objects.filter(release=release))
    onderwerpen = [m.subject for m in mailoutbox]
    assert len(onderwerpen) == 3 and all("Release 3.1 goedgekeurd" in s for s in onderwerpen)
    brief = next(m for m in mailoutbox if m.to == [f"info-{beide.pk}@voorbeeld.nl"])
    assert "Alles-in-een" in brief.body and besluit.nummer in brief.body and brief.body.count("live uiterlijk") == 2
    assert AuditEvent.objects.filter(actie="release.goedkeuren", object_id=str(release.pk)).count() == 1


def test_goedkeuren_vraagt_implementatietermijnen(omgeving):
    kaal = afs.release_aanmaken(actor=None, nummer="3.2", titel="Zonder termijnen")
    afs.release_overgang(actor=None, release=kaal, overgang="consultatie_openen")
    with pytest.raises(ValidationError, match="implementatietermijn"):
        afs.release_overgang(actor=None, release=kaal, overgang="goedkeuren", besluit=vastgesteld_besluit(omgeving))


def test_inhoud_vast_na_goedkeuring(omgeving):
    _goedkeuren(omgeving, vastgesteld_besluit(omgeving))
    with pytest.raises(ValidationError, match="AFS-VAST"):
        afs.release_wijzigen(actor=omgeving.medewerker, release=omgeving.nieuw, wijzigingen={"titel": "Anders"})
    with pytest.raises(ValidationError, match="AFS-VAST"):
        afs.standaard_toevoegen(actor=None, release=omgeving.nieuw, naam="FHIR", versie="R5", eigenaar="HL7")
    # the planning can still move
    afs.release_wijzigen(actor=omgeving.medewerker, release=omgeving.nieuw, wijzigingen={"gepland_kwartaal": "2027-Q3"})
    assert Release.objects.get(pk=omgeving.nieuw.pk).titel == "Afsprakenset 3.1"


def test_in_werking_niet_voor_de_ingangsdatum(omgeving):
    _goedkeuren(omgeving, vastgesteld_besluit(omgeving))
    with pytest.raises(ValidationError, match="AFS-INWERKING"):
        afs.release_overgang(actor=None, release=omgeving.nieuw, overgang="in_werking_stellen")


def test_stap_die_bij_de_status_niet_past(omgeving):
    with pytest.raises(ValidationError, match="AFS-STATUS"):
        afs.release_overgang(actor=None, release=omgeving.huidig, overgang="consultatie_openen")


def test_uitrol_kwalificatie_en_volgorde(omgeving):
    _goedkeuren(omgeving, vastgesteld_besluit(omgeving))
    uitrol = Uitrol.objects.get(release=omgeving.nieuw, deelnemer=omgeving.wereld["dva"])
    with pytest.raises(ValidationError, match="AFS-KWALIFICATIE"):
        afs.uitrol_bijwerken(actor=omgeving.medewerker, uitrol=uitrol, status=UitrolStatus.GEKWALIFICEERD)
    with pytest.raises(ValidationError, match="AFS-KWALIFICATIE"):
        afs.uitrol_bijwerken(actor=omgeving.medewerker, uitrol=uitrol, status=UitrolStatus.LIVE,
                             testdatum=VANDAAG, testresultaat="gezakt")
    afs.uitrol_bijwerken(actor=omgeving.medewerker, uitrol=uitrol, status=UitrolStatus.IN_TEST)
    uitrol = afs.uitrol_bijwerken(actor=omgeving.medewerker, uitrol=uitrol, status=UitrolStatus.GEKWALIFICEERD,
                                  testdatum=VANDAAG, testresultaat="geslaagd")
    assert uitrol.status == UitrolStatus.GEKWALIFICEERD and uitrol.testresultaat == "geslaagd"
    with pytest.raises(ValidationError, match="alleen vooruit"):
        afs.uitrol_bijwerken(actor=omgeving.medewerker, uitrol=uitrol, status=UitrolStatus.IN_TEST)
    with pytest.raises(PermissionDenied):
        afs.uitrol_bijwerken(actor=omgeving.wereld["gebruikers"]["deelnemer"], uitrol=uitrol, status="live")
    assert afs.uitrol_bijwerken(actor=omgeving.medewerker, uitrol=uitrol, status=UitrolStatus.LIVE).status == "live"


def test_termijn_verschuiven_verschuift_de_open_uitrol(omgeving):
    _goedkeuren(omgeving, vastgesteld_besluit(omgeving))
    nieuw = VANDAAG + dt.timedelta(days=90)
    afs.termijn_vastleggen(actor=omgeving.medewerker, release=omgeving.nieuw, rol="dva", uiterlijk=nieuw)
    assert set(Uitrol.objects.filter(release=omgeving.nieuw, rol="dva").values_list("uiterlijk", flat=True)) == {nieuw}
    assert set(Uitrol.objects.filter(release=omgeving.nieuw, rol="dvp").values_list("uiterlijk", flat=True)) == {
        VANDAAG + dt.timedelta(days=60)}


def test_ongeldige_invoer(omgeving):
    with pytest.raises(ValidationError) as fout:
        afs.release_aanmaken(actor=None, nummer="drie", titel="X", gepland_kwartaal="2027-5")
    assert set(fout.value.message_dict) == {"nummer", "gepland_kwartaal"}
    with pytest.raises(ValidationError, match="nummer"):
        afs.release_aanmaken(actor=None, nummer="3.1", titel="Dubbel")
    with pytest.raises(ValidationError, match="overgangstermijn"):
        afs.release_aanmaken(actor=None, nummer="4.0", titel="X", ingangsdatum=VANDAAG,
                             overgangsdatum=VANDAAG - dt.timedelta(days=1))
    assert not Release.objects.filter(nummer="4.0").exists()
