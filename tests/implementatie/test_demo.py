"""The demo implementation monitor: six products in different phases with scored criteria, an implementation group
with a meeting next month that has a phase change on its agenda (and that change would pass), a WSJF ordering of the
three waiting products, the strategy's risks with one overdue review; all built within the rules."""

import datetime as dt

from django.utils import timezone

from stelselbeheer.demo.generator import genereer
from stelselbeheer.implementatie import services as imp
from stelselbeheer.implementatie.models import Fase, Fasebesluit, Product, Risico, Volgorderun
from stelselbeheer.kern.audit import verifieer
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.werkoverzicht import werkoverzicht
from stelselbeheer.overleg.models import Orgaan, VergaderStatus

PEIL = dt.date(2026, 11, 23)


def test_demo_implementatie(db, client):
    genereer(aanbieders=30, seed=5, peildatum=PEIL)
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
