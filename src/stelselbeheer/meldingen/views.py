from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from stelselbeheer.kern import limieten
from stelselbeheer.kern.rollen import Actie, kan
from stelselbeheer.kern.views import lijst, vereist, verwerk

from . import beslisboom as boom_regels
from . import cijfers, forms, kennisbank, services
from .filters import EigenMeldingFilter, KennisbankFilter, MeldingFilter
from .models import Fase, Soort, Status
from .zichtbaar import eigen_meldingen, zichtbare_gebeurtenissen, zichtbare_meldingen


def _pad(request) -> list[int]:
    tekst = request.GET.get("pad", "")
    if not tekst:
        return []
    try:
        return [int(deel) for deel in tekst.split(".")]
    except ValueError as e:
        raise Http404("Onbekende keuze") from e


def _knoop(request):
    """The active tree, the chosen path (?pad=0.1) and the node it reaches; a tampered path is not found."""
    boom = services.actieve_boom()
    pad = _pad(request)
    try:
        return boom, pad, boom_regels.stap(boom.boom, pad)[1]
    except ValidationError as e:
        raise Http404("Onbekende keuze") from e


@vereist(Actie.MELDING_INDIENEN)
def melden(request):
    """The front door: the decision tree, one question per page (MEL-BOOM)."""
    boom, pad, knoop = _knoop(request)
    prefix = ".".join(str(p) for p in pad)
    opties = [{"label": o["label"], "pad": f"{prefix}.{i}" if prefix else str(i)}
              for i, o in enumerate(knoop.get("opties") or [])]
    uitkomst = knoop.get("uitkomst")
    loket, hier = boom_regels.UITKOMSTEN.get(uitkomst, ("", False))
    vraag = request.GET.get("q", "").strip()
    return render(request, "meldingen/melden.html", {
        "knoop": knoop, "opties": opties, "pad": prefix, "versie": boom.versie,
        "terug": ".".join(prefix.split(".")[:-1]), "uitkomst": uitkomst, "loket": loket, "hier": hier,
        "vraag": vraag, "artikelen": kennisbank.zoeken(request.user, vraag, 5) if vraag else None})


@vereist(Actie.MELDING_INDIENEN)
@limieten.op_pagina
def melding_formulier(request):
    """The form at the end of the tree. Every POST counts against the client's limit, a valid one also against
    the e-mail address's (MEL-MISBRUIK); over a limit: the 429 page, nothing filed, nothing mailed."""
    boom, _, knoop = _knoop(request)
    uitkomst = knoop.get("uitkomst", "")
    beginwaarden = {}
    if request.user.is_authenticated:
        beginwaarden = {"melder_naam": request.user.get_full_name() or request.user.username,
                        "melder_email": request.user.email}
    if request.method == "POST":
        limieten.tellen(request, limieten.SCHRIJVEN)
    form = forms.MeldingForm(request.POST or None, initial=beginwaarden, uitkomst=uitkomst)
    if request.method == "POST":
        def indienen(d):
            limieten.tellen(request, limieten.EMAIL, limieten.email_sleutel(d["melder_email"]))
            return services.melding_indienen(
                actor=request.user if request.user.is_authenticated else None, uitkomst=uitkomst, beslisboom=boom,
                basis_url=request.build_absolute_uri("/"), **d)

        uitkomst_ = verwerk(form, indienen)
        if uitkomst_:
            # post/redirect/get: a reload of the confirmation never files again. The one-time status link waits in
            # the session for one display on the confirmation page, never in a URL (MEL-TOKEN).
            melding, token = uitkomst_
            request.session[INGEDIEND] = {"nummer": melding.nummer, "melder_email": melding.melder_email,
                                          "status_url": request.build_absolute_uri(f"/meldingen/status/{token}/")}
            return redirect("melding-ontvangen")
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": "Melding indienen", "knop": "Melding versturen",
        "inleiding": "U krijgt een referentienummer en een link naar een statuspagina; bewaar die link."})


#: the session key under which a filed melding's reference and one-time status link wait for their one display
INGEDIEND = "melding_ingediend"


@never_cache
@vereist(Actie.MELDING_INDIENEN)
def melding_ontvangen(request):
    """The confirmation after filing (the redirect target): shows the status link once; a reload shows that the
    melding was received, without the link and without filing anything."""
    ingediend = request.session.pop(INGEDIEND, None)
    antwoord = render(request, "meldingen/ingediend.html", {"ingediend": ingediend})
    antwoord["Cache-Control"] = "no-store"  # the link must not stay in a cache
    return antwoord


@limieten.op_pagina
def melding_status(request, token: str):
    """The status page for whoever holds the code (no account needed); only this melding, only safe fields.
    Failed look-ups count per client; past the limit every look-up gets the 429 page (MEL-MISBRUIK)."""
    limieten.controleren(request, limieten.STATUSCODE)
    melding = services.melding_bij_token(token)
    if melding is None:
        limieten.tellen(request, limieten.STATUSCODE)
        raise Http404("Onbekende statuscode")
    return render(request, "meldingen/status.html", {"melding": melding,
                                                     "gebeurtenissen": zichtbare_gebeurtenissen(melding)})


@vereist(Actie.MELDINGEN_BEHANDELEN)
def melding_lijst(request):
    """The queue: open meldingen by default, the first resolution deadline on top; filters by type, phase,
    level, status, breach and text."""
    qs = zichtbare_meldingen(request.user).select_related("regio").order_by("oplossing_voor", "ingediend_op", "id")
    return render(request, "meldingen/lijst.html", {"nu": timezone.now()} | lijst(
        request, qs, MeldingFilter, standaard={"status": "open"}))


def _acties(request, melding):
    """The forms of the melding page: action name -> (form, handler, message, shown)."""
    post = request.POST if request.method == "POST" else None
    actie = post.get("actie") if post else None
    u = request.user

    def gebonden(naam):
        """The POST for the form that was sent; and its own ids, as twelve forms share one page."""
        return {"data": post if actie == naam else None, "auto_id": f"{naam}-%s"}

    incident = melding.soort in services.INCIDENTSOORTEN
    geschil = melding.soort in services.GESCHILSOORTEN
    return actie, {
        "triage": (forms.TriageForm(**gebonden("triage"), user=u, initial={
            "soort": melding.soort, "prioriteit": melding.prioriteit, "niveau": melding.niveau,
            "regio": melding.regio, "team": melding.team, "toegewezen_aan": melding.toegewezen_aan}),
            lambda d: services.melding_triage(actor=u, melding=melding, **d), "Triage vastgelegd.", True),
        "update": (forms.UpdateForm(**gebonden("update")),
                   lambda d: services.melding_bijwerken(actor=u, melding=melding, **d), "Update vastgelegd.", True),
        "incident": (forms.IncidentForm(**gebonden("incident"), initial={
            "ernst": melding.ernst, "gegevensdiensten": melding.betrokken_gegevensdiensten.all(),
            "aanbieders": "\n".join(melding.betrokken_aanbieders.values_list("naam", flat=True)),
            "deelnemers": melding.betrokken_deelnemers.all()}),
            lambda d: services.incident_vastleggen(actor=u, melding=melding, **d), "Incident vastgelegd.", incident),
        "bericht": (forms.BerichtForm(**gebonden("bericht")),
                    lambda d: services.incident_bericht(actor=u, melding=melding, **d),
                    "Bericht verstuurd aan de getroffen deelnemers.", incident),
        "evaluatie": (forms.EvaluatieForm(**gebonden("evaluatie"), initial={"evaluatie": melding.evaluatie}),
                      lambda d: services.incident_evalueren(actor=u, melding=melding, **d),
                      "Evaluatie vastgelegd.", incident),
        "naleving": (forms.NalevingForm(**gebonden("naleving"), melding=melding),
                     lambda d: services.melding_naar_naleving(actor=u, melding=melding, **d),
                     "Constatering vastgelegd; de nalevingszaak staat in de werkvoorraad.",
                     incident and not melding.constatering_id and kan(u, Actie.NALEVING_BEHANDELEN)),
        "partijen": (forms.PartijenForm(**gebonden("partijen"), initial={"partijen": melding.partijen.all()}),
                     lambda d: services.partijen_vastleggen(actor=u, melding=melding, **d),
                     "Partijen vastgelegd.", geschil),
        "bestuur": (forms.BestuurForm(**gebonden("bestuur")),
                    lambda d: services.naar_bestuur(actor=u, melding=melding, **d),
                    "Voorgelegd aan het bestuur.", geschil and melding.fase == Fase.BEMIDDELING),
        "uitspraak": (forms.UitspraakForm(**gebonden("uitspraak")),
                      lambda d: services.uitspraak_vastleggen(actor=u, melding=melding, **d),
                      "Uitspraak vastgelegd.", melding.fase == Fase.BESTUUR and not melding.uitspraak
                      and kan(u, Actie.MELDING_UITSPRAAK)),
        "status": (forms.StatusForm(**gebonden("status")),
                   lambda d: services.melding_status_zetten(actor=u, melding=melding, **d), "Status bijgewerkt.",
                   True),
        "escaleren": (forms.EscalatieForm(**gebonden("escaleren")),
                      lambda d: services.melding_escaleren(actor=u, melding=melding, reden=d["reden"]),
                      f"{melding.nummer} is doorgezet naar de landelijke desk.", melding.niveau == "regionaal"),
        "artikel": (forms.ArtikelForm(**gebonden("artikel"), initial={"titel": melding.onderwerp}),
                    lambda d: services.artikel_vastleggen(actor=u, melding=melding, **d),
                    "Kennisartikel vastgelegd.", kan(u, Actie.KENNISBANK_BEHEREN)),
    }


@vereist(Actie.MELDINGEN_BEHANDELEN)
def melding_detail(request, nummer: str):
    melding = get_object_or_404(zichtbare_meldingen(request.user), nummer=nummer)
    actie, acties = _acties(request, melding)
    if actie in acties:
        form, uitvoeren, bericht, getoond = acties[actie]
        if getoond and verwerk(form, uitvoeren):
            messages.success(request, bericht)
            if not zichtbare_meldingen(request.user).filter(pk=melding.pk).exists():
                # triaged to another region or escalated: no longer this desk's, so back to its queue (MEL-ZICHT)
                melding.refresh_from_db()
                waar = f"de regionale desk van {melding.regio}" if melding.niveau == "regionaal" and melding.regio \
                    else "de landelijke desk"
                messages.info(request, f"{melding.nummer} ligt nu bij {waar} en staat niet meer in uw werkvoorraad.")
                return redirect("melding-lijst")
            return redirect("melding-lijst" if actie == "escaleren" else melding)
    open_ = {"update", actie} | ({"triage"} if melding.status == Status.NIEUW else set())
    return render(request, "meldingen/detail.html", {
        "melding": melding, "acties": {naam: a[0] for naam, a in acties.items() if a[3]}, "open": open_,
        "gebeurtenissen": melding.gebeurtenissen.select_related("door"), "nu": timezone.now(),
        "evaluatie_vereist": services.evaluatie_vereist(melding),
        "getroffen": {"deelnemers": melding.betrokken_deelnemers.select_related("organisatie"),
                      "aanbieders": melding.betrokken_aanbieders.all()[:100],
                      "aantal_aanbieders": melding.betrokken_aanbieders.count(),
                      "gegevensdiensten": melding.betrokken_gegevensdiensten.all()},
        "partijen": melding.partijen.select_related("organisatie"), "knelpunt": _knelpunt(request.user, melding)})


def _knelpunt(user, melding) -> dict | None:
    """KNP-MELDING on the melding page: the knelpunt made of it, for whom may read knelpunten; else the way to make
    one (the knelpunt form, which takes the melding over), for whom may record them. A melding becomes one once."""
    if not kan(user, Actie.KNELPUNT_LEZEN):
        return None
    bestaand = getattr(melding, "knelpunt", None)  # the reverse one-to-one of knelpunten.Knelpunt.melding
    if bestaand is not None:
        return {"bestaand": bestaand}
    if kan(user, Actie.KNELPUNT_BEHEREN):
        return {"maken": f"{reverse('knelpunt-nieuw')}?{urlencode({'melding': melding.nummer})}"}
    return None


@vereist(Actie.MELDINGEN_BEHANDELEN)
def melding_cijfers(request):
    """Monthly figures of the meldingen this user handles (a regional desk: its region's)."""
    reeks = cijfers.maandcijfers(zichtbare_meldingen(request.user))
    return render(request, "meldingen/cijfers.html", {"reeks": reeks, "grafiek": cijfers.grafiek(reeks),
                                                      "grafiek_sla": cijfers.grafiek_sla(reeks),
                                                      "soorten": Soort.choices})


@vereist(Actie.BESLISBOOM_BEHEREN)
def beslisboom_beheer(request):
    """Edit the tree as data: a new version on save, checked first; earlier versions stay (MEL-BOOM)."""
    import json

    actief = services.actieve_boom()
    form = forms.BoomForm(request.POST or None, initial={"boom": json.dumps(actief.boom, indent=2,
                                                                           ensure_ascii=False)})
    if request.method == "POST" and verwerk(form, lambda d: services.beslisboom_vastleggen(actor=request.user,
                                                                                          boom=d["boom"])):
        messages.success(request, "Nieuwe versie van de beslisboom is actief.")
        return redirect("beslisboom-beheer")
    from .models import Beslisboom

    return render(request, "meldingen/beslisboom.html", {
        "form": form, "actief": actief, "versies": Beslisboom.objects.select_related("door")[:20],
        "bladeren": [(naam, actief.boom["knopen"][naam], pad)
                     for naam, pad in boom_regels.bladeren(actief.boom).items()],
        "uitkomsten": boom_regels.UITKOMSTEN})


@vereist(Actie.EIGEN_MELDINGEN_LEZEN)
def mijn_meldingen(request):
    qs = eigen_meldingen(request.user).order_by("-ingediend_op", "-id")
    return render(request, "meldingen/mijn_lijst.html", lijst(request, qs, EigenMeldingFilter))


@vereist(Actie.EIGEN_MELDINGEN_LEZEN)
def mijn_melding(request, nummer: str):
    """A melding the user filed, or (participant) is party to or affected by: the timeline meant for them, and a
    reaction form while it is open."""
    melding = get_object_or_404(eigen_meldingen(request.user), nummer=nummer)
    form = forms.ReactieForm(request.POST or None)
    if request.method == "POST" and verwerk(form, lambda d: services.melding_reageren(
            actor=request.user, melding=melding, tekst=d["tekst"])):
        messages.success(request, "Uw reactie is toegevoegd.")
        return redirect("mijn-melding", nummer=melding.nummer)
    return render(request, "meldingen/mijn_detail.html", {
        "melding": melding, "form": form, "gebeurtenissen": zichtbare_gebeurtenissen(melding, request.user)})


@vereist(Actie.KENNISBANK_LEZEN)
def kennisbank_zoeken(request):
    vraag = request.GET.get("q", "").strip()[:200]
    artikelen = (kennisbank.zoeken(request.user, vraag, 200) if vraag
                 else list(kennisbank.zichtbare_artikelen(request.user)))
    return render(request, "meldingen/kennisbank.html", {"vraag": vraag, "beheer": kan(
        request.user, Actie.KENNISBANK_BEHEREN)} | lijst(request, artikelen, KennisbankFilter))


@vereist(Actie.KENNISBANK_LEZEN)
def kennisartikel(request, pk: int):
    artikel = get_object_or_404(kennisbank.zichtbare_artikelen(request.user), pk=pk)
    return render(request, "meldingen/kennisartikel.html", {
        "artikel": artikel, "beheer": kan(request.user, Actie.KENNISBANK_BEHEREN)})


@vereist(Actie.KENNISBANK_BEHEREN)
def kennisartikel_bewerken(request, pk: int | None = None):
    from .models import Kennisartikel

    artikel = get_object_or_404(Kennisartikel, pk=pk) if pk else None
    beginwaarden = {veld: getattr(artikel, veld) for veld in forms.ArtikelForm.base_fields} if artikel else {}
    form = forms.ArtikelForm(request.POST or None, initial=beginwaarden)
    if request.method == "POST":
        opgeslagen = verwerk(form, lambda d: services.artikel_vastleggen(actor=request.user, artikel=artikel, **d))
        if opgeslagen:
            messages.success(request, "Kennisartikel opgeslagen.")
            return redirect("kennisartikel-bewerken", pk=opgeslagen.pk)
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": f"Kennisartikel: {artikel}" if artikel else "Nieuw kennisartikel"})
