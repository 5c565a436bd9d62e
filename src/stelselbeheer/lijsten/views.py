import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stelselbeheer.deelnemers.models import Kwalificatie
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst as kern_lijst
from stelselbeheer.kern.views import vereist
from stelselbeheer.register.models import Gegevensdienst

from . import regels
from .filters import VERSCHILLEN, GeschiedenisFilter, SleutelFilter, VerwijderingFilter
from .models import Lijst, MislukteBouw, Publicatievoorstel, Snapshot, Trigger, VoorstelStatus
from .serveren import live_kop, max_leeftijd, open_storingen
from .services import (
    alle_lijsten_publiceren,
    lijst_terugdraaien,
    voorstel_afwijzen,
    voorstel_goedkeuren,
)

#: how many entries of each part of a difference a version's page shows before linking to the whole part
VOORPROEF = 20


@vereist(Actie.LIJST_LEZEN)
def overzicht(request):
    if request.method == "POST":
        if not kan(request.user, Actie.LIJST_PUBLICEREN):
            raise PermissionDenied("Uw rol mag geen lijsten publiceren.")
        uitkomst = alle_lijsten_publiceren(actor=request.user, trigger=Trigger.MEDEWERKER,
                                           omschrijving=request.POST.get("reden", "")[:500])
        gepubliceerd = [f"{Lijst(k).label} #{s.volgnummer}" for k, s in uitkomst.items() if isinstance(s, Snapshot)]
        if gepubliceerd:
            messages.success(request, "Gepubliceerd: " + ", ".join(gepubliceerd))
        for k, s in uitkomst.items():
            if isinstance(s, Publicatievoorstel):
                messages.warning(request, f"{Lijst(k).label} tegengehouden: {len(s.onverklaard)} entries zouden "
                                          "zonder verklaring verdwijnen. Een tweede medewerker moet goedkeuren.")
            elif isinstance(s, MislukteBouw):  # LST-APART: the other lists published regardless
                messages.error(request, f"{Lijst(k).label}: publicatie mislukt; de vorige versie blijft "
                                        f"gepubliceerd. {s.fout[:500]}")
        return redirect("lijsten-overzicht")
    nu = timezone.now()
    mislukt = open_storingen()
    rijen = []
    for lijst in Lijst:
        kop = live_kop(lijst.value)
        leeftijd = nu - kop.tijdstempel if kop else None
        rijen.append({"lijst": lijst, "kop": kop, "leeftijd": leeftijd,
                      "verouderd": kop is None or leeftijd > max_leeftijd(lijst.value),
                      "mislukt": mislukt.get(lijst.value),
                      "aantal": Snapshot.objects.filter(pk=kop.pk).values_list("aantal", flat=True).get()
                      if kop else 0})
    return render(request, "lijsten/overzicht.html", {
        "rijen": rijen, "mislukt": list(mislukt.values()),
        "voorstellen": (Publicatievoorstel.objects.filter(status=VoorstelStatus.WACHT)
                        .select_related("aangevraagd_door"))})


@vereist(Actie.LIJST_LEZEN)
def voorstel_detail(request, pk: int):
    voorstel = get_object_or_404(Publicatievoorstel.objects.select_related("aangevraagd_door", "beoordeeld_door",
                                                                           "snapshot"), pk=pk)
    fout = ""
    if request.method == "POST":
        if not kan(request.user, Actie.LIJST_PUBLICEREN):
            raise PermissionDenied("Uw rol mag geen publicaties goedkeuren of afwijzen.")
        motivering = request.POST.get("motivering", "")[:2000]
        try:
            if request.POST.get("besluit") == "goedkeuren":
                uitkomst = voorstel_goedkeuren(actor=request.user, voorstel=voorstel, motivering=motivering)
                if isinstance(uitkomst, MislukteBouw):
                    messages.error(request, "Publicatie mislukt; de vorige versie blijft gepubliceerd en het voorstel "
                                            f"staat nog open. {uitkomst.fout[:500]}")
                    return redirect("voorstel-detail", pk=pk)
                if isinstance(uitkomst, Publicatievoorstel):
                    messages.warning(request, "Het register is intussen veranderd en verwijdert meer dan dit voorstel; "
                                              "er is niets gepubliceerd en er staat een nieuw voorstel klaar.")
                    return redirect("voorstel-detail", pk=uitkomst.pk)
                messages.success(request, f"Goedgekeurd en gepubliceerd als versie {uitkomst.volgnummer}.")
            else:
                voorstel_afwijzen(actor=request.user, voorstel=voorstel, motivering=motivering)
                messages.success(request, "Het voorstel is afgewezen; de vorige versie blijft gepubliceerd.")
        except ValidationError as e:
            fout = " ".join(m for lijst in e.message_dict.values() for m in lijst)
        else:
            return redirect("voorstel-detail", pk=pk)
    verwijderd = [(k, None) for k in voorstel.onverklaard] + sorted(voorstel.verklaard.items())
    return render(request, "lijsten/voorstel.html", {"v": voorstel, "fout": fout} | kern_lijst(
        request, verwijderd, VerwijderingFilter, per_pagina=100, standaard={"verklaring": "onverklaard"}),
        status=422 if fout else 200)


@vereist(Actie.LIJST_LEZEN)
def geschiedenis(request, naam: str):
    lijst = Lijst(naam) if naam in Lijst.values else None
    if lijst is None:
        return render(request, "kern/fout.html", {"titel": "Niet gevonden", "uitleg": "Onbekende lijst."}, status=404)
    qs = Snapshot.objects.filter(lijst=naam).order_by("-volgnummer").defer("inhoud_gz", "entries")
    return render(request, "lijsten/geschiedenis.html", {"lijst": lijst} | kern_lijst(request, qs, GeschiedenisFilter))


@vereist(Actie.LIJST_LEZEN)
def snapshot_detail(request, naam: str, volgnummer: int):
    snapshot = get_object_or_404(Snapshot.objects.defer("inhoud_gz", "entries").select_related("door"),
                                 lijst=naam, volgnummer=volgnummer)
    fout = ""
    if request.method == "POST":
        if not kan(request.user, Actie.LIJST_PUBLICEREN):
            raise PermissionDenied("Uw rol mag geen lijsten publiceren.")
        try:
            nieuw = lijst_terugdraaien(actor=request.user, lijst=naam, volgnummer=volgnummer,
                                       reden=request.POST.get("reden", ""))
        except ValidationError as e:
            fout = " ".join(m for lijst in e.message_dict.values() for m in lijst)
        else:
            messages.success(request, f"De inhoud van versie {volgnummer} is opnieuw gepubliceerd als versie "
                                      f"{nieuw.volgnummer}.")
            return redirect("snapshot-detail", naam=naam, volgnummer=nieuw.volgnummer)
    live = live_kop(naam)
    verschil = [{"deel": deel, "label": label, "aantal": len(getattr(snapshot, deel)),
                 "eerste": getattr(snapshot, deel)[:VOORPROEF]} for deel, label in VERSCHILLEN.items()]
    return render(request, "lijsten/snapshot.html", {"s": snapshot, "fout": fout, "verschil": verschil,
                                                     "is_live": live is not None and live.pk == snapshot.pk},
                  status=422 if fout else 200)


@vereist(Actie.LIJST_LEZEN)
def snapshot_verschil(request, naam: str, volgnummer: int, deel: str):
    """One part of a version's difference (added, removed or changed entries) in full: searchable and paged, where
    the version's page shows the first few."""
    if deel not in VERSCHILLEN:
        raise Http404("Onbekend deel van het verschil")
    snapshot = get_object_or_404(Snapshot.objects.only("id", "lijst", "volgnummer", "tijdstempel", deel),
                                 lijst=naam, volgnummer=volgnummer)
    return render(request, "lijsten/verschil.html", {"s": snapshot, "deel": deel, "label": VERSCHILLEN[deel]}
                  | kern_lijst(request, getattr(snapshot, deel), SleutelFilter, per_pagina=100))


class WaaromForm(forms.Form):
    lijst = forms.ChoiceField(label="Lijst", choices=Lijst.choices)
    sleutel = forms.CharField(label="Aanbiedernaam, hostnaam of gegevensdienst-id", max_length=260)
    op = forms.DateTimeField(label="Op moment (leeg: nu)", required=False,
                             widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"])


def kwalificaties_van(entry: dict | None) -> list[dict]:
    """The qualifications that let an entry on a version (its ``k``: gegevensdienst id -> qualification id on the
    ZAL, qualification ids on the OCL), each with its gegevensdienst and dates, for a readable table."""
    k = (entry or {}).get("k") or {}
    paren = list(k.items()) if isinstance(k, dict) else [(None, i) for i in k]
    bekend = Kwalificatie.objects.select_related("gegevensdienst", "deelnemer__organisatie").in_bulk(
        [i for _, i in paren])
    diensten = Gegevensdienst.objects.in_bulk([c for c, _ in paren if c], field_name="code")
    rijen = []
    for code, kid in paren:
        kwalificatie = bekend.get(kid)
        dienst = kwalificatie.gegevensdienst if kwalificatie else diensten.get(code)
        rijen.append({"code": code or (dienst.code if dienst else ""), "dienst": dienst, "id": kid,
                      "kwalificatie": kwalificatie})
    return sorted(rijen, key=lambda r: (r["code"], str(r["id"])))


def snapshot_op(lijst: str, moment: dt.datetime):
    """The snapshot that was live at ``moment``: the newest one published at or before it."""
    return (Snapshot.objects.filter(lijst=lijst, tijdstempel__lte=moment).order_by("-volgnummer")
            .only("id", "lijst", "volgnummer", "tijdstempel", "entries").first())


@vereist(Actie.LIJST_LEZEN)
def waarom_pagina(request):
    form = WaaromForm(request.GET or None)
    uitleg = historie = None
    if form.is_valid():
        moment = form.cleaned_data["op"] or timezone.now()
        lijst, sleutel = form.cleaned_data["lijst"], form.cleaned_data["sleutel"].strip()
        uitleg = regels.waarom(lijst, sleutel, moment)
        snapshot = snapshot_op(lijst, moment)
        entry = snapshot.entries.get(sleutel) if snapshot else None
        historie = {"snapshot": snapshot, "moment": moment, "entry": entry,
                    "kwalificaties": kwalificaties_van(entry)}
    return render(request, "lijsten/waarom.html", {"form": form, "uitleg": uitleg, "historie": historie,
                                                   "lijst_label": Lijst(uitleg.lijst).label if uitleg else ""})
