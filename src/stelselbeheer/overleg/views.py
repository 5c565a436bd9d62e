"""Pages of bodies, meetings, agendas, minutes and decision proposals. Thin: parse, call a service, render or
redirect after a successful POST. Who may see what: ``OrgaanQuerySet.zichtbaar_voor`` (public bodies for
everyone), ``Besluitvoorstel.objects.zichtbaar_voor`` and ``_vertrouwelijk`` (OVL-VERTROUWELIJK)."""

from functools import wraps
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stelselbeheer.deelnemers.overzicht import advies_van
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import agenda, onderwerpen, services, workflow
from .filters import OrgaanFilter, VergaderingFilter, VoorstelFilter
from .forms import (
    AdviesnotaForm,
    AgendapuntForm,
    AnnulerenForm,
    BeslissenForm,
    BevestigenForm,
    DocumentForm,
    LidBeeindigenForm,
    LidForm,
    NotulenForm,
    NotulenVaststellenForm,
    OrgaanForm,
    OrgaanWijzigForm,
    ToelichtingForm,
    VergaderingForm,
    VoorstelForm,
)
from .models import (
    Adviesnota,
    Agendapunt,
    Besluitvoorstel,
    Document,
    Lidmaatschap,
    Notulen,
    Orgaan,
    Vergadering,
    VergaderStatus,
    VoorstelStatus,
)

FORMULIER = "kern/formulier_pagina.html"
#: the board steps on which the staff's advice bears (TOE-ADVIES)
STAPPEN_OP_ADVIES = ("toelaten", "afwijzen")


class _Afgeschermd(Exception):
    pass


def _toegang(request, orgaan: Orgaan) -> None:
    """OVL-OPENBAAR: a public body's schedule is for everyone; any other body needs the right to read meetings
    (the public is sent to the login page, a logged-in user without the right gets 403)."""
    if orgaan.openbaar or kan(request.user, Actie.OVERLEG_LEZEN):
        return
    if not request.user.is_authenticated:
        raise _Afgeschermd
    raise PermissionDenied("Dit orgaan is niet openbaar.")


def _orgaan_pagina(view):
    """For views that take a body (by code) or a meeting (by pk) and may be public: checks ``_toegang``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _Afgeschermd:
            return redirect_to_login(request.get_full_path())

    return wrapper


def _vertrouwelijk(user) -> bool:
    return kan(user, Actie.OVERLEG_VERTROUWELIJK_LEZEN)


def _gelukt(request, tekst, doel):
    messages.success(request, tekst)
    return redirect(doel)


# -- bodies ------------------------------------------------------------------------------------------------------

@vereist(Actie.OVERLEG_PUBLIEK_LEZEN)
def overleg_lijst(request):
    nu = timezone.now()
    volgende = Vergadering.objects.filter(begin__gte=nu, status=VergaderStatus.GEPLAND).order_by("begin")
    qs = Orgaan.objects.zichtbaar_voor(request.user).prefetch_related(
        Prefetch("vergaderingen", queryset=volgende, to_attr="komend"))
    context = lijst(request, qs, OrgaanFilter)
    if kan(request.user, Actie.OVERLEG_LEZEN):
        context["open_voorstellen"] = (Besluitvoorstel.objects.zichtbaar_voor(request.user)
                                       .filter(status=VoorstelStatus.VOORGELEGD).count())
    return render(request, "overleg/index.html", context)


@vereist(Actie.OVERLEG_PUBLIEK_LEZEN)
@_orgaan_pagina
def orgaan_detail(request, code: str):
    orgaan = get_object_or_404(Orgaan, code=code)
    _toegang(request, orgaan)
    context = lijst(request, orgaan.vergaderingen.select_related("orgaan"), VergaderingFilter,
                    standaard={"wanneer": "komend"})
    lezer = kan(request.user, Actie.OVERLEG_LEZEN)
    leden = orgaan.leden.select_related("gebruiker", "organisatie").order_by("tot", "rol", "naam") if lezer else None
    return render(request, "overleg/orgaan.html", context | {
        "orgaan": orgaan, "leden": leden, "lezer": lezer, "vandaag": timezone.localdate()})


@vereist(Actie.OVERLEG_PUBLIEK_LEZEN)
@_orgaan_pagina
def orgaan_ical(request, code: str):
    """The body's meetings as an iCalendar feed (RFC 5545) to subscribe to."""
    orgaan = get_object_or_404(Orgaan, code=code)
    _toegang(request, orgaan)
    inhoud = agenda.kalender(orgaan, orgaan.vergaderingen.order_by("begin").prefetch_related("agendapunten"),
                             request=request,
                             met_agenda=kan(request.user, Actie.OVERLEG_LEZEN))
    antwoord = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    antwoord["Content-Disposition"] = f'inline; filename="{orgaan.code}-vergaderingen.ics"'
    return antwoord


@vereist(Actie.OVERLEG_BEHEREN)
def orgaan_nieuw(request):
    form = OrgaanForm(request.POST or None)
    if request.method == "POST":
        orgaan = verwerk(form, lambda d: services.orgaan_aanmaken(actor=request.user, **d))
        if orgaan:
            return _gelukt(request, f"{orgaan} is aangemaakt.", orgaan)
    return render(request, FORMULIER, {"form": form, "titel": "Orgaan aanmaken"})


@vereist(Actie.OVERLEG_BEHEREN)
def orgaan_wijzigen(request, code: str):
    orgaan = get_object_or_404(Orgaan, code=code)
    form = OrgaanWijzigForm(request.POST or None, instance=Orgaan.objects.get(pk=orgaan.pk))
    if request.method == "POST":
        def uitvoeren(d):
            reden = d.pop("reden", "")
            return services.orgaan_wijzigen(actor=request.user, orgaan=orgaan, wijzigingen=d, reden=reden)

        if verwerk(form, uitvoeren):
            return _gelukt(request, "De wijziging is opgeslagen.", orgaan)
    return render(request, FORMULIER, {"form": form, "titel": f"{orgaan} wijzigen", "object": orgaan})


@vereist(Actie.OVERLEG_BEHEREN)
def lid_nieuw(request, code: str):
    orgaan = get_object_or_404(Orgaan, code=code)
    form = LidForm(request.POST or None, initial={"van": timezone.localdate()})
    if request.method == "POST":
        if verwerk(form, lambda d: services.lid_toevoegen(actor=request.user, orgaan=orgaan, **d)):
            return _gelukt(request, "Het lid is toegevoegd.", orgaan)
    return render(request, FORMULIER, {"form": form, "titel": f"Lid toevoegen aan {orgaan}", "object": orgaan})


@vereist(Actie.OVERLEG_BEHEREN)
def lid_beeindigen(request, pk: int):
    lid = get_object_or_404(Lidmaatschap.objects.select_related("orgaan"), pk=pk)
    form = LidBeeindigenForm(request.POST or None, initial={"tot": timezone.localdate()})
    if request.method == "POST":
        if verwerk(form, lambda d: services.lidmaatschap_beeindigen(actor=request.user, lidmaatschap=lid, **d)):
            return _gelukt(request, f"Het lidmaatschap van {lid.naam} eindigt op de gekozen datum.", lid.orgaan)
    return render(request, FORMULIER, {"form": form, "titel": f"Lidmaatschap beëindigen: {lid}", "object": lid.orgaan})


# -- meetings ----------------------------------------------------------------------------------------------------

@vereist(Actie.OVERLEG_BEHEREN)
def vergadering_nieuw(request, code: str):
    orgaan = get_object_or_404(Orgaan, code=code)
    form = VergaderingForm(request.POST or None)
    if request.method == "POST":
        vergadering = verwerk(form, lambda d: services.vergadering_plannen(actor=request.user, orgaan=orgaan,
                                                                           **form.gegevens()))
        if vergadering:
            return _gelukt(request, "De vergadering is gepland.", vergadering)
    return render(request, FORMULIER, {"form": form, "titel": f"Vergadering plannen: {orgaan}", "object": orgaan,
                                       "inleiding": "Datum en tijden in Nederlandse tijd (Europe/Amsterdam)."})


def _agenda(vergadering, user):
    """The agenda items with what each is about (as ``user`` may see it), advice notes, documents, proposals."""
    vertrouwelijk = _vertrouwelijk(user)
    punten = list(vergadering.agendapunten.select_related("onderwerp_type").prefetch_related(
        Prefetch("besluitvoorstellen", queryset=Besluitvoorstel.objects.zichtbaar_voor(user)),
        Prefetch("adviesnotas", queryset=Adviesnota.objects.all() if vertrouwelijk
                 else Adviesnota.objects.filter(vertrouwelijk=False)),
        Prefetch("documenten", queryset=Document.objects.all() if vertrouwelijk
                 else Document.objects.filter(vertrouwelijk=False))))
    for punt in punten:
        punt.weergave = onderwerpen.weergave(punt, user)
    return punten


@vereist(Actie.OVERLEG_PUBLIEK_LEZEN)
@_orgaan_pagina
def vergadering_detail(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    _toegang(request, vergadering.orgaan)
    context = {"vergadering": vergadering, "orgaan": vergadering.orgaan, "nu": timezone.now()}
    if kan(request.user, Actie.OVERLEG_LEZEN):
        vertrouwelijk = _vertrouwelijk(request.user)
        stukken = vergadering.documenten.filter(agendapunt__isnull=True)
        notulen = Notulen.objects.filter(vergadering=vergadering).select_related(
            "vastgesteld_in", "vastgesteld_door", "opgesteld_door").first()
        context |= {
            "lezer": True, "agendapunten": _agenda(vergadering, request.user),
            "stukken": stukken if vertrouwelijk else stukken.filter(vertrouwelijk=False),
            "notulen": notulen,
            "vastgesteld_hier": Notulen.objects.filter(vastgesteld_in=vergadering).select_related("vergadering"),
            "mag_notulen_vaststellen": (notulen is not None and notulen.status == "concept"
                                        and vergadering.status == VergaderStatus.GEHOUDEN
                                        and kan(request.user, Actie.NOTULEN_VASTSTELLEN)
                                        and workflow.stemgerechtigd(request.user, vergadering.orgaan,
                                                                    timezone.localdate())),
        }
    return render(request, "overleg/vergadering.html", context)


@vereist(Actie.OVERLEG_BEHEREN)
def vergadering_wijzigen(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    form = VergaderingForm.voor(vergadering, request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.vergadering_wijzigen(actor=request.user, vergadering=vergadering,
                                                                 wijzigingen=form.gegevens())):
            return _gelukt(request, "De vergadering is gewijzigd; agenda-abonnementen nemen dat over.", vergadering)
    return render(request, FORMULIER, {"form": form, "titel": f"Vergadering wijzigen: {vergadering}",
                                       "object": vergadering})


@vereist(Actie.OVERLEG_BEHEREN)
def vergadering_houden(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    form = BevestigenForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.vergadering_houden(actor=request.user, vergadering=vergadering)):
            return _gelukt(request, "Vastgelegd: de vergadering is gehouden.", vergadering)
    return render(request, FORMULIER, {"form": form, "titel": f"Vergadering gehouden: {vergadering}",
                                       "object": vergadering, "inleiding": "Leg vast dat deze vergadering is "
                                       "gehouden. Daarna kunnen de notulen worden vastgesteld in een volgende "
                                       "vergadering."})


@vereist(Actie.OVERLEG_BEHEREN)
def vergadering_annuleren(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    form = AnnulerenForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.vergadering_annuleren(actor=request.user, vergadering=vergadering,
                                                                  reden=d["reden"])):
            return _gelukt(request, "De vergadering is geannuleerd.", vergadering)
    return render(request, FORMULIER, {"form": form, "titel": f"Vergadering annuleren: {vergadering}",
                                       "object": vergadering})


@vereist(Actie.OVERLEG_BEHEREN)
def agendapunt_nieuw(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    form = AgendapuntForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST":
        punt = verwerk(form, lambda d: services.agendapunt_toevoegen(actor=request.user, vergadering=vergadering,
                                                                     **form.gegevens()))
        if punt:
            return _gelukt(request, f"Agendapunt {punt.volgorde} is toegevoegd.", punt.get_absolute_url())
    return render(request, FORMULIER, {"form": form, "titel": f"Agendapunt toevoegen: {vergadering}",
                                       "object": vergadering})


@vereist(Actie.OVERLEG_BEHEREN)
def agendapunt_wijzigen(request, pk: int):
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering__orgaan"), pk=pk)
    form = AgendapuntForm.voor(punt, request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.agendapunt_wijzigen(actor=request.user, agendapunt=punt,
                                                                wijzigingen=form.gegevens())):
            return _gelukt(request, "Het agendapunt is gewijzigd.", punt.get_absolute_url())
    return render(request, FORMULIER, {"form": form, "titel": f"Agendapunt wijzigen: {punt}",
                                       "object": punt.vergadering})


@vereist(Actie.OVERLEG_BEHEREN)
def adviesnota_nieuw(request, pk: int):
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering__orgaan"), pk=pk)
    form = AdviesnotaForm(request.POST or None)
    if request.method == "POST":
        if verwerk(form, lambda d: services.adviesnota_opstellen(actor=request.user, agendapunt=punt, **d)):
            return _gelukt(request, "De adviesnota is opgesteld.", punt.get_absolute_url())
    return render(request, FORMULIER, {"form": form, "titel": f"Adviesnota bij agendapunt {punt}",
                                       "object": punt.vergadering})


@vereist(Actie.OVERLEG_BEHEREN)
def document_nieuw(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None, vergadering=vergadering,
                        initial=request.GET.dict())
    if request.method == "POST":
        if verwerk(form, lambda d: services.document_toevoegen(actor=request.user, vergadering=vergadering, **d)):
            return _gelukt(request, "Het vergaderstuk is toegevoegd.", vergadering)
    return render(request, FORMULIER, {"form": form, "titel": f"Vergaderstuk toevoegen: {vergadering}",
                                       "object": vergadering})


@vereist(Actie.OVERLEG_LEZEN)
def document_download(request, pk: int):
    """A meeting document, only to whom may read it (never through a public media URL; OVL-VERTROUWELIJK)."""
    qs = Document.objects.all() if _vertrouwelijk(request.user) else Document.objects.filter(vertrouwelijk=False)
    document = get_object_or_404(qs, pk=pk)
    naam, extensie = document.naam, PurePath(document.bestand.name).suffix
    if extensie and not naam.lower().endswith(extensie.lower()):
        naam += extensie  # a name typed without one still opens with the right program
    return FileResponse(document.bestand.open("rb"), as_attachment=True, filename=naam)


@vereist(Actie.OVERLEG_BEHEREN)
def notulen_opstellen(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    notulen = Notulen.objects.filter(vergadering=vergadering).first()
    form = NotulenForm(request.POST or None, initial={"tekst": notulen.tekst if notulen else ""})
    if request.method == "POST":
        if verwerk(form, lambda d: services.notulen_opstellen(actor=request.user, vergadering=vergadering, **d)):
            return _gelukt(request, "De conceptnotulen zijn opgeslagen.", vergadering)
    return render(request, FORMULIER, {"form": form, "titel": f"Notulen: {vergadering}", "object": vergadering,
                                       "inleiding": "Conceptnotulen; het orgaan stelt ze vast in of na een volgende "
                                                    "vergadering, daarna veranderen ze niet meer."})


@vereist(Actie.NOTULEN_VASTSTELLEN)
def notulen_vaststellen(request, pk: int):
    vergadering = get_object_or_404(Vergadering.objects.select_related("orgaan"), pk=pk)
    notulen = get_object_or_404(Notulen, vergadering=vergadering)
    form = NotulenVaststellenForm(request.POST or None, vergadering=vergadering)
    if request.method == "POST":
        if verwerk(form, lambda d: services.notulen_vaststellen(actor=request.user, notulen=notulen, **d)):
            return _gelukt(request, "De notulen zijn vastgesteld.", vergadering)
    lid = workflow.stemgerechtigd(request.user, vergadering.orgaan, timezone.localdate())
    inleiding = ("Alleen een stemgerechtigd lid van het orgaan stelt de notulen vast, in of na een volgende "
                 "vergadering; daarna veranderen ze niet meer.")
    if not lid:
        inleiding += f" Let op: u bent geen stemgerechtigd lid van {vergadering.orgaan}."
    return render(request, FORMULIER, {"form": form, "titel": f"Notulen vaststellen: {vergadering}",
                                       "object": vergadering, "inleiding": inleiding})


# -- decision proposals -------------------------------------------------------------------------------------------

@vereist(Actie.OVERLEG_LEZEN)
def voorstel_lijst(request):
    qs = Besluitvoorstel.objects.zichtbaar_voor(request.user).select_related(
        "orgaan", "deelnemer__organisatie", "agendapunt__vergadering", "besluit")
    return render(request, "overleg/voorstellen.html", lijst(request, qs, VoorstelFilter))


def _voorstel(request, nummer: str) -> Besluitvoorstel:
    return get_object_or_404(Besluitvoorstel.objects.zichtbaar_voor(request.user).select_related(
        "orgaan", "deelnemer__organisatie", "agendapunt__vergadering__orgaan", "besluit", "opgesteld_door", "zaak",
        "melding",
        "beslist_door", "beslist_in"), nummer=nummer)


@vereist(Actie.BESLUITVOORSTEL_INDIENEN)
def voorstel_nieuw(request):
    # a board step's page links here with the step, kind and subject filled in (OVL-STAP)
    initial = {k: v for k, v in request.GET.items() if k in {"stap", "soort", "deelnemer", "zaak", "melding"}}
    sleutel = request.GET.get("agendapunt", "")
    punt = (Agendapunt.objects.filter(pk=sleutel).select_related("vergadering__orgaan").first()
            if sleutel.isdigit() else None)
    if punt is not None:
        initial |= {"agendapunt": punt.pk, "orgaan": punt.vergadering.orgaan_id, "onderwerp": punt.titel}
        soort_onderwerp = {"deelnemer": "deelnemer", "nalevingszaak": "zaak", "melding": "melding"}
        if punt.onderwerp is not None and punt.onderwerp_type.model in soort_onderwerp:
            initial[soort_onderwerp[punt.onderwerp_type.model]] = punt.onderwerp_id
    form = VoorstelForm(request.POST or None, initial=initial)
    if request.method == "POST":
        voorstel = verwerk(form, lambda d: services.besluitvoorstel_opstellen(actor=request.user, **d))
        if voorstel:
            return _gelukt(request, f"Besluitvoorstel {voorstel.nummer} is opgesteld.", voorstel)
    return render(request, FORMULIER, {"form": form, "titel": "Besluitvoorstel opstellen",
                                       "inleiding": "De uitvoeringsorganisatie bereidt voor, het bestuur besluit: "
                                                    "alleen een stemgerechtigd lid van het bestuur stelt het voorstel "
                                                    "vast, in of na de vergadering waarop het staat."})


@vereist(Actie.OVERLEG_LEZEN)
def voorstel_detail(request, nummer: str):
    voorstel = _voorstel(request, nummer)
    nu = timezone.now()
    context = workflow.Context(actor=request.user, moment=nu, datum=timezone.localdate(), toelichting="x")
    stappen, beslissen = [], None
    for overgang in workflow.OVERGANGEN:
        if voorstel.status not in overgang.van or not kan(request.user, overgang.actie):
            continue
        bezwaren = [r for k, rs in workflow.weigeringen(overgang, voorstel, context).items() for r in rs
                    if k != "toelichting"]
        scheiding = workflow.scheiding(overgang, voorstel, context)
        stap = {"overgang": overgang, "bezwaren": bezwaren + ([scheiding] if scheiding else [])}
        if not overgang.door_orgaan:
            stappen.append(stap)
        elif beslissen is None:  # the board's three decisions share one page and the same conditions
            beslissen = stap
    # TOE-ADVIES: the staff's advice where the board decides on an admission
    advies = advies_van(voorstel.deelnemer) if voorstel.deelnemer and voorstel.stap in STAPPEN_OP_ADVIES else None
    return render(request, "overleg/voorstel.html", {
        "voorstel": voorstel, "partijen": voorstel.partijen.all(), "stappen": stappen, "beslissen": beslissen,
        "advies": advies,
        "gebeurtenissen": voorstel.gebeurtenissen.select_related("door", "vergadering"),
        "bewerkbaar": voorstel.status in workflow.BEWERKBAAR and kan(request.user, Actie.BESLUITVOORSTEL_INDIENEN)})


@vereist(Actie.BESLUITVOORSTEL_INDIENEN)
def voorstel_wijzigen(request, nummer: str):
    voorstel = _voorstel(request, nummer)
    form = VoorstelForm.voor(voorstel, request.POST or None)
    del form.fields["orgaan"]
    if request.method == "POST":
        def uitvoeren(d):
            reden = d.pop("reden", "")
            return services.besluitvoorstel_wijzigen(actor=request.user, voorstel=voorstel, wijzigingen=d,
                                                     reden=reden)

        if verwerk(form, uitvoeren):
            return _gelukt(request, "Het voorstel is gewijzigd.", voorstel)
    return render(request, FORMULIER, {"form": form, "titel": f"Besluitvoorstel {voorstel.nummer} wijzigen",
                                       "object": voorstel})


def _stap(request, nummer: str, naam: str, verplicht: bool, inleiding: str):
    voorstel = _voorstel(request, nummer)
    overgang = workflow.PER_NAAM[naam]
    form = ToelichtingForm(request.POST or None, verplicht=verplicht)
    if request.method == "POST":
        uitvoeren = {"voorleggen": services.besluitvoorstel_voorleggen,
                     "intrekken": services.besluitvoorstel_intrekken}[naam]
        if verwerk(form, lambda d: uitvoeren(actor=request.user, voorstel=voorstel, toelichting=d["toelichting"])):
            gedaan = {"voorleggen": "Het voorstel is voorgelegd aan het bestuur.",
                      "intrekken": "Het voorstel is ingetrokken."}[naam]
            return _gelukt(request, gedaan, voorstel)
    return render(request, FORMULIER, {"form": form, "titel": f"{overgang.label}: {voorstel}", "object": voorstel,
                                       "inleiding": inleiding, "knop": overgang.label})


@vereist(Actie.BESLUITVOORSTEL_INDIENEN)
def voorstel_voorleggen(request, nummer: str):
    return _stap(request, nummer, "voorleggen", False,
                 "Het voorstel gaat naar het bestuur op het agendapunt waarop het staat. Tot het bestuur beslist, "
                 "kan het nog worden gewijzigd; het bestuur beslist dan over de nieuwe versie.")


@vereist(Actie.BESLUITVOORSTEL_INDIENEN)
def voorstel_intrekken(request, nummer: str):
    return _stap(request, nummer, "intrekken", True, "Een ingetrokken voorstel komt niet meer voor het bestuur.")


@vereist(Actie.BESLUITVOORSTEL_VASTSTELLEN)
def voorstel_beslissen(request, nummer: str):
    """The board member's page: the proposal as it stands (this revision), and three buttons."""
    voorstel = _voorstel(request, nummer)
    form = BeslissenForm(request.POST or None, initial={"revisie": voorstel.revisie})
    if request.method == "POST":
        gedaan = verwerk(form, lambda d: services.besluitvoorstel_beslissen(
            actor=request.user, voorstel=voorstel, beslissing=d["beslissing"], toelichting=d["toelichting"],
            revisie=d["revisie"]))
        if gedaan:
            tekst = {"vaststellen": f"Vastgesteld: besluit {getattr(gedaan.besluit, 'nummer', '')} staat in het "
                                    "besluitenregister.",
                     "aanhouden": "Het voorstel is aangehouden.", "afwijzen": "Het voorstel is afgewezen."}
            return _gelukt(request, tekst[form.cleaned_data["beslissing"]], voorstel)
    context = workflow.Context(actor=request.user, moment=timezone.now(), datum=timezone.localdate(),
                               toelichting="x")
    overgang = workflow.PER_NAAM["vaststellen"]
    bezwaren = [r for rs in workflow.weigeringen(overgang, voorstel, context).values() for r in rs]
    scheiding = workflow.scheiding(overgang, voorstel, context)
    return render(request, "overleg/beslissen.html", {
        "voorstel": voorstel, "form": form, "partijen": voorstel.partijen.all(),
        "bezwaren": bezwaren + ([scheiding] if scheiding else [])})
