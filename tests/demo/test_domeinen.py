"""The demo of each domain, checked on one generated demo (the generation is the expensive part: once per module,
in a transaction rolled back at the end, each test in its own savepoint inside it). Every module's demo is built
within the rules its services enforce, and the audit chain holds."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from stelselbeheer.adoptie.berekening import bereken_product, lees_register
from stelselbeheer.adoptie.models import Adoptiestand, HandmatigeStatus, Momentopname
from stelselbeheer.adoptie.models import Bron as Opnamebron
from stelselbeheer.afsprakenset.models import Release, Uitrol, UitrolStatus
from stelselbeheer.besluiten.models import Besluit
from stelselbeheer.deelnemers.models import Statuswijziging
from stelselbeheer.demo.adoptie import _zoals_de_zal
from stelselbeheer.demo.generator import genereer
from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import Fase, Fasebesluit, Product, Risico, Volgorderun
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import AuditEvent, Gebruiker
from stelselbeheer.kern.werkoverzicht import werkoverzicht
from stelselbeheer.knelpunten import bouwblokken
from stelselbeheer.knelpunten.models import Knelpunt
from stelselbeheer.meldingen.models import Melding
from stelselbeheer.naleving.models import Bron as Constateringsbron
from stelselbeheer.naleving.models import Constatering, Nalevingszaak
from stelselbeheer.overleg.models import (
    Agendapunt,
    Besluitvoorstel,
    Notulen,
    NotulenStatus,
    Orgaan,
    OrgaanSoort,
    VergaderStatus,
    VoorstelStatus,
)
from stelselbeheer.overleg.workflow import stemgerechtigd
from stelselbeheer.regionaal import dekking, overzicht
from stelselbeheer.regionaal.models import Checklist, Overeenkomst, OvereenkomstStatus, RegionaalOverleg, Tarief
from stelselbeheer.wijzigingen import agendas
from stelselbeheer.wijzigingen import services as rfc_services
from stelselbeheer.wijzigingen.models import AFGEROND, Status, Wijzigingsvoorstel

PEIL = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory, registersleutel):
    """One demo for the module, with the settings the function-scoped fixtures of tests/conftest.py give a test."""
    sleutel, certificaat = (str(p) for p in registersleutel)
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], TWEEFACTOR_ROLLEN=set(),
            MEDIA_ROOT=tmp_path_factory.mktemp("bestanden"), LIJST_BESTANDEN=None,
            LIJST_SLEUTEL=sleutel, LIJST_CERTIFICAAT=certificaat):
        with transaction.atomic():
            caches["limieten"].clear()
            bouwblokken.zorgen()  # a transactional test's flush in this process may have emptied them
            agendas.zorgen()
            genereer(aanbieders=60, seed=5, peildatum=PEIL)
            yield
            transaction.set_rollback(True)


def test_demo_bestuur(demo, db, client):
    """The demo board: the demo board account chairs it, past meetings with adopted minutes, a meeting next month with
its agenda and a proposal awaiting adoption, all within the rules the services enforce."""
    bestuur = Orgaan.objects.get(code="bestuur")
    voorzitter = bestuur.leden.get(rol="voorzitter")
    assert voorzitter.gebruiker.username == "bestuur" and stemgerechtigd(voorzitter.gebruiker, bestuur, PEIL)
    gehouden = bestuur.vergaderingen.filter(status=VergaderStatus.GEHOUDEN)
    assert gehouden.filter(notulen__isnull=False).count() == 3
    assert Notulen.objects.filter(vergadering__orgaan=bestuur, status=NotulenStatus.VASTGESTELD).count() == 2
    volgende = bestuur.vergaderingen.get(status=VergaderStatus.GEPLAND)
    assert volgende.begin.date() > PEIL and volgende.agendapunten.count() >= 4
    soorten = {p.onderwerp_type.model for p in volgende.agendapunten.exclude(onderwerp_type=None)}
    assert {"deelnemer", "melding", "nalevingszaak"} <= soorten  # and what later demo modules put on it (an RFC)
    wachtend = Besluitvoorstel.objects.get(status="voorgelegd")
    assert wachtend.agendapunt.vergadering == volgende and wachtend.soort == "toelating"
    # OVL-STAP: every decision of the demo, the history's included, is an adopted proposal's, and each step of the
    # history rests on a decision whose proposal enables exactly that step
    assert Besluit.objects.count() > 2 and not Besluit.objects.filter(voorstel__isnull=True).exists()
    assert not Besluit.objects.exclude(voorstel__status="vastgesteld").exists()
    stappen = Statuswijziging.objects.filter(besluit__isnull=False).select_related("besluit__voorstel")
    assert stappen.exists() and all(w.besluit.voorstel.stap == w.overgang for w in stappen)
    assert not Orgaan.objects.get(code="stuurgroep").openbaar
    assert verifieer().in_orde
    client.force_login(voorzitter.gebruiker)
    pagina = client.get(volgende.get_absolute_url()).content.decode()
    assert wachtend.nummer in pagina and "Advies toelating" in pagina


def test_demo_rfcs(demo, db):
    """The demo RFCs: two consultations open with reactions, the demo participant invited and not yet reacted, one RFC
adopted through a proposal a board member adopted, and every RFC in a state of its own agenda's route."""
    consultaties = Wijzigingsvoorstel.objects.filter(status=Status.IN_CONSULTATIE, consultatie_tot__gte=PEIL)
    assert consultaties.count() == 2 and all(r.reacties.exists() for r in consultaties)
    assert {r.release.status for r in consultaties} == {"consultatie"}  # on the afsprakenset demo's release
    deelnemer = Gebruiker.objects.get(username="deelnemer")
    eerste = consultaties.order_by("nummer").first()
    assert rfc_services.in_consultatie_voor(eerste, deelnemer.deelnemer_id)
    assert not eerste.reacties.filter(deelnemer_id=deelnemer.deelnemer_id).exists()
    aangenomen = Wijzigingsvoorstel.objects.get(status=Status.AANGENOMEN)
    assert aangenomen.besluitvoorstel.status == VoorstelStatus.VASTGESTELD
    assert aangenomen.besluit == aangenomen.besluitvoorstel.besluit
    assert aangenomen.besluitvoorstel.beslist_door.username == "bestuur"
    for rfc in Wijzigingsvoorstel.objects.select_related("agenda"):
        assert rfc.status in rfc.agenda.route() or rfc.status in AFGEROND
    assert {r.status for r in Wijzigingsvoorstel.objects.all()} >= {
        Status.INGEDIEND, Status.IN_BEHANDELING, Status.IN_CONSULTATIE, Status.TER_BESLUITVORMING,
        Status.AANGENOMEN, Status.DOORGEZET}
    assert verifieer().in_orde


def test_demo_regionaal(demo, db, client):
    """The demo's regional layer: three RSO's with catalogues and tariffs for two years, agreements with computed terms
(one in its notice period), a region without an RSO whose melding went to the national desk, a planned tactical
meeting, and the demo regional account sees only its own RSO."""
    assert Tarief.objects.values("dienst__rso").distinct().count() == 3
    assert set(Tarief.objects.values_list("jaar", flat=True)) == {2025, 2026}
    opgezegd = Overeenkomst.objects.get(status=OvereenkomstStatus.OPGEZEGD)
    assert overzicht.termen(opgezegd, PEIL).in_opzegtermijn and opgezegd.einddatum > PEIL
    assert Overeenkomst.objects.filter(status=OvereenkomstStatus.ONDERTEKEND).count() == 2
    assert Overeenkomst.objects.filter(status=OvereenkomstStatus.CONCEPT).count() == 1
    zeeland = next(r for r in dekking.dekking(PEIL) if r.regio.naam == "Zeeland")
    assert zeeland.status == dekking.Dekkingsstatus.ONGEDEKT
    melding = Melding.objects.get(regio=zeeland.regio)
    assert melding.niveau == "landelijk" and melding.gebeurtenissen.filter(soort="naar de landelijke desk").exists()
    groep = RegionaalOverleg.objects.get(niveau="tactisch")
    assert groep.orgaan.vergaderingen.filter(status="gepland", begin__date__gt=PEIL).exists()
    plan = Checklist.objects.get(soort="stappenplan_vsv")
    assert plan.stappen.filter(gereed_op__isnull=False).count() * 2 == plan.stappen.count()  # halfway
    assert verifieer().in_orde
    regio = Gebruiker.objects.get(username="regio")
    client.force_login(regio)
    assert list(overzicht.zichtbare_rsos(regio)) == [regio.rso]
    assert client.get(f"/regionaal/rso/{regio.rso.pk}/").status_code == 200


def test_demo_adoptie_en_knelpunten(demo, db):
    """The demo's adoption monitor and bottlenecks: a year of daily snapshots (recomputed, ending yesterday, its last
day equal to what the register gives now), typed-in statuses only for a product without gegevensdiensten,
knelpunten in several bouwblokken, one on next month's implementation-group agenda."""
    opnamen = Momentopname.objects.order_by("datum")
    assert opnamen.count() == 365 and {o.bron for o in opnamen} == {Opnamebron.TERUGGEREKEND}
    assert (opnamen.first().datum, opnamen.last().datum) == (PEIL - dt.timedelta(days=365), PEIL - dt.timedelta(days=1))
    assert Adoptiestand.objects.count() == 365 * Product.objects.count()
    stand = lees_register()
    stand.zal = _zoals_de_zal(stand.moment)
    for product in Product.objects.all():
        gisteren = Adoptiestand.objects.get(product=product, momentopname=opnamen.last())
        nu = bereken_product(product, stand)
        assert (gisteren.aanbieders_live, gisteren.aanbieders_totaal) == (nu.aanbieders_live, nu.aanbieders_totaal)
        verloop = list(Adoptiestand.objects.filter(product=product).order_by("momentopname__datum")
                       .values_list("aanbieders_live", flat=True))
        assert verloop == sorted(verloop)  # growing towards today
    assert not HandmatigeStatus.objects.filter(product__gegevensdiensten__isnull=False).exists()
    assert Knelpunt.objects.values("bouwblok").distinct().count() >= 4
    geagendeerd = Knelpunt.objects.get(status="in_behandeling", titel__startswith="Zorgaanbieder niet")
    punt = Agendapunt.objects.get(onderwerp_type=ContentType.objects.get_for_model(Knelpunt),
                                  onderwerp_id=geagendeerd.pk)
    begin = punt.vergadering.begin.date()
    assert punt.vergadering.orgaan.soort == OrgaanSoort.IMPLEMENTATIEGROEP
    assert (begin.year, begin.month) == ((PEIL.year, PEIL.month + 1) if PEIL.month < 12 else (PEIL.year + 1, 1))


def test_demo_implementatie(demo, db, client):
    """The demo implementation monitor: six products in different phases with scored criteria, an implementation group
with a meeting next month that has a phase change on its agenda (and that change would pass), a WSJF ordering of the
three waiting products, the strategy's risks with one overdue review; all built within the rules."""
    fasen = {p.code: p.fase for p in Product.objects.all()}
    assert len(fasen) == 6 and set(fasen.values()) == set(Fase.values)
    assert Fasebesluit.objects.count() == 6
    assert all(b.besloten_door.username == "regio" for b in Fasebesluit.objects.all())
    groep = Orgaan.objects.get(soort="implementatiegroep")
    volgende = groep.vergaderingen.get(status=VergaderStatus.GEPLAND)
    assert volgende.begin.date() > PEIL
    eoverdracht = Product.objects.get(code="eoverdracht")
    assert volgende.agendapunten.filter(onderwerp_id=eoverdracht.pk, onderwerp_type__model="product").exists()
    # the phase change on that agenda meets every criterion: the chair can take it once the meeting has begun
    assert imp.fase_bezwaren(actor=Gebruiker.objects.get(username="regio"), product=eoverdracht,
                             naar_fase=Fase.KOPLOPERS, vergadering=volgende,
                             moment=volgende.begin + dt.timedelta(minutes=5)) == {}
    assert Product.objects.get(code="geboortezorg").beoordelingen.filter(fase=Fase.OPTIMALISATIE).exclude(
        oordeel="voldaan").count() == 2
    laatste = Volgorderun.objects.order_by("-uitgevoerd_op", "-id").first()
    assert [r.product.code for r in laatste.regels.order_by("rang")] == ["eoverdracht", "lab-pgo", "thuismeten"]
    assert Risico.objects.count() == 8
    verlopen = Risico.objects.filter(herzien_op__lt=timezone.localdate()).exclude(status="gesloten")
    assert verlopen.count() == 1
    medewerker = Gebruiker.objects.get(username="medewerker")
    taken = [t for b in werkoverzicht(medewerker) if b.titel == "Landelijke implementatie" for t in b.taken]
    assert taken[0].aantal == 1
    assert verifieer().in_orde
    client.force_login(medewerker)
    pagina = client.get("/implementatie/volgorde/").content.decode()
    for r in laatste.regels.all():  # every row shows its arithmetic, and the arithmetic holds
        assert r.berekening in pagina
        assert r.vertragingskosten == r.gebruikerswaarde + r.tijdkritiek + r.risicoreductie + r.wettelijk + \
            r.randvoorwaarde
        assert abs(float(r.score) - r.vertragingskosten / r.omvang) < 0.0005
    assert laatste.regels.get(product=eoverdracht).wettelijk > 0  # legally required, derived from the product


def test_demo_afsprakenset(demo, db, client):
    """The afsprakenset demo: release 2.3 in force on the board's adopted release decision, 2.4 in consultation, 2.5
planned on the roadmap, and a rollout halfway with one participant past its deadline and the finding (and case)
it caused; within the rules the services enforce."""
    assert dict(Release.objects.values_list("nummer", "status")) == {
        "2.3": "in_werking", "2.4": "consultatie", "2.5": "concept"}
    huidig = Release.objects.get(nummer="2.3")
    assert huidig.besluit.voorstel.status == "vastgesteld"
    te_laat = Uitrol.objects.filter(release=huidig, uiterlijk__lt=PEIL).exclude(status=UitrolStatus.LIVE)
    assert te_laat.count() == 1
    uitrol = te_laat.get()
    assert uitrol.constatering.bron == Constateringsbron.UITROL_TERMIJN
    assert Nalevingszaak.objects.filter(constatering=uitrol.constatering).count() == 1
    assert Constatering.objects.filter(bron=Constateringsbron.UITROL_TERMIJN).count() == 1
    dvp = Uitrol.objects.filter(release=huidig, rol="dvp")
    assert dvp.filter(status=UitrolStatus.LIVE).exists() and dvp.exclude(status=UitrolStatus.LIVE).exists()
    html = client.get("/afsprakenset/roadmap/").content.decode()
    assert "Release 2.4" in html and "Release 2.5" in html and "Release 2.3" not in html
    assert "na de termijn nog niet live" in client.get("/afsprakenset/2.3/").content.decode()
    assert AuditEvent.objects.filter(actie="release.goedkeuren").count() == 1
    assert verifieer().in_orde
