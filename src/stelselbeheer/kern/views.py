"""Shared view mechanics (the permission decorator, search/paging, form handling), the kern pages, the error
pages and the health endpoints."""

import datetime as dt
import logging
import sys
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import tokens
from .audit import verifieer
from .auditweergave import weergeven
from .filters import AccountFilter, ApiTokenFilter, AuditFilter
from .models import AuditEvent, Gebruiker, Inschrijfcode
from .rollen import Actie, Rol, kan
from .services import api_token_aanmaken, api_token_intrekken, inschrijfcode_uitgeven
from .storing import OPNIEUW_NA
from .werkoverzicht import werkoverzicht

PER_PAGINA = 25


def vereist(actie: str):
    """Let the view run only for a user whose role may perform ``actie``: the anonymous public is sent
    to the login page, a logged-in user without the right gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if kan(request.user, actie):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied("Uw rol geeft geen toegang tot deze pagina.")

        wrapper.vereiste_actie = actie
        return wrapper

    return decorator


def pagineren(request, qs, per_pagina: int = PER_PAGINA):
    """One page of ``qs`` (``?pagina=N``; out of range: the nearest page) and the other GET parameters, so the
    page links keep the filters."""
    paginator = Paginator(qs, per_pagina)
    pagina = paginator.get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    return pagina, params.urlencode()


def lijst(request, rijen, filters=None, *, per_pagina: int = PER_PAGINA, standaard: dict | None = None,
          **filter_kwargs) -> dict:
    """The context of a list page: the rows through the filter bar ``filters`` (a FilterSet class, see
    ``kern.filters``; its parameters are plain GET parameters, so every filtered list is a link), paged, with
    the total. ``standaard`` holds the value a filter has when the link does not name it (the open meldingen,
    the change requests still to assess). The templates show it with ``includes/lijst_filters.html`` and
    ``includes/lijst_paginering.html``; tests/kern/test_lijsten.py checks every list page for both."""
    gegevens = request.GET.copy()
    for sleutel, waarde in (standaard or {}).items():
        gegevens.setdefault(sleutel, waarde)
    filterset = filters(gegevens, rijen, request=request, **filter_kwargs) if filters else None
    pagina, params = pagineren(request, filterset.qs if filterset else rijen, per_pagina)
    return {"pagina": pagina, "params": params, "filter": filterset, "gefilterd": any(
        v for k, v in request.GET.items() if k != "pagina")}


def service_fout_in_formulier(form, fout: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, or on the form as a whole."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)


def verwerk(form, uitvoeren, bezwaren=None):
    """Validate ``form`` and run ``uitvoeren(cleaned_data)``; return its result, or None on errors.

    ``bezwaren(cleaned_data)``, when given, returns the service's own refusals (field -> reasons) for the fields that
    are valid, so that a form with errors shows them in the same round instead of after the user fixed the first
    ones; a field that already has an error keeps only its own."""
    if not form.is_valid():
        if bezwaren is not None:
            for veld, redenen in bezwaren(form.cleaned_data).items():
                doel = veld if veld in form.fields else None
                if doel is None or doel not in form.errors:
                    form.add_error(doel, redenen)
        return None
    try:
        return uitvoeren(form.cleaned_data)
    except ValidationError as e:
        service_fout_in_formulier(form, e)
        return None


def wijzig_pagina(request, obj, form_class, wijzig):
    """The edit page every register object has: a ModelForm on a copy of ``obj``; on a valid POST
    ``wijzig(obj, wijzigingen, reden)`` (a service) does the change, then back to the object's page."""
    form = form_class(request.POST or None, instance=type(obj).objects.get(pk=obj.pk))
    if request.method == "POST":
        def uitvoeren(data):
            reden = data.pop("reden", "")
            return wijzig(obj, data, reden)

        if verwerk(form, uitvoeren):
            messages.success(request, "De wijziging is opgeslagen.")
            return redirect(obj.get_absolute_url())
    return render(request, "kern/formulier_pagina.html", {"form": form, "titel": f"{obj} wijzigen", "object": obj})


def home(request):
    """The public front page; after login the work overview of the user's role (ROL-WERKOVERZICHT)."""
    if request.user.is_authenticated:
        return render(request, "kern/werkoverzicht.html", {"blokken": werkoverzicht(request.user)})
    return render(request, "kern/home.html")


def statische_pagina(template: str):
    """A plain page for everyone (contact, privacy statement, accessibility statement)."""

    def view(request):
        return render(request, template)

    return view


contact = statische_pagina("kern/contact.html")
privacy = statische_pagina("kern/privacy.html")
toegankelijkheid = statische_pagina("kern/toegankelijkheid.html")


@vereist(Actie.AUDIT_LEZEN)
def audit_lijst(request):
    """The audit trail, newest first: each event as a sentence with its before and after as a table of fields."""
    context = lijst(request, AuditEvent.objects.order_by("-volgnummer"), AuditFilter, per_pagina=50)
    context["events"] = weergeven(context["pagina"].object_list)
    context["controle"] = verifieer() if request.GET.get("controleer") else None
    return render(request, "kern/audit_lijst.html", context)


def _met_tweede_factor(qs):
    open_code = Inschrijfcode.objects.filter(gebruiker=OuterRef("pk"), gebruikt_op__isnull=True,
                                             ingetrokken_op__isnull=True, geldig_tot__gt=timezone.now())
    return qs.annotate(
        heeft_apparaat=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        heeft_open_code=Exists(open_code))


@vereist(Actie.GEBRUIKERS_BEHEREN)
def account_lijst(request):
    """The accounts, with their role and whether their second factor is set up (TOE-2FA-INSCHRIJVING)."""
    qs = _met_tweede_factor(Gebruiker.objects.select_related("deelnemer__organisatie", "rso").order_by("username"))
    return render(request, "kern/accounts.html", {"tweefactor_rollen": settings.TWEEFACTOR_ROLLEN} | lijst(
        request, qs, AccountFilter))


@vereist(Actie.GEBRUIKERS_BEHEREN)
def account_detail(request, pk: int):
    """One account; a staff member issues a one-time enrolment code for someone else's second factor here (never
    for their own account: the service refuses that too). The code is shown once, on this answer only."""
    gebruiker = get_object_or_404(_met_tweede_factor(Gebruiker.objects.all()), pk=pk)
    code, fout = None, ""
    if request.method == "POST":
        try:
            inschrijving, code = inschrijfcode_uitgeven(actor=request.user, gebruiker=gebruiker)
        except ValidationError as e:
            fout = " ".join(m for lijst in e.message_dict.values() for m in lijst)
        else:
            gebruiker = get_object_or_404(_met_tweede_factor(Gebruiker.objects.all()), pk=pk)
    antwoord = render(request, "kern/account.html", {
        "gebruiker": gebruiker, "code": code, "fout": fout, "eigen": gebruiker.pk == request.user.pk,
        "nodig": gebruiker.rol in settings.TWEEFACTOR_ROLLEN, "uren": settings.TWEEFACTOR_INSCHRIJVING_UREN,
        "codes": gebruiker.inschrijfcodes.select_related("uitgegeven_door")[:10], "nu": timezone.now(),
    }, status=422 if fout else 200)
    antwoord["Cache-Control"] = "no-store"  # the code must not stay in a cache
    return antwoord


# ---- API tokens (API-TOKEN): a participant's users on /mijn/api-tokens/, a region's on /regio/api-tokens/, staff
# who manage accounts for any participant's or region's account on /beheer/api-tokens/ ----

#: area -> (the right it asks, the role whose own organisation it shows; None: every organisation)
_TOKENOMGEVINGEN = {
    "mijn": (Actie.API_TOKEN_BEHEREN, Rol.DEELNEMER),
    "regio": (Actie.API_TOKEN_BEHEREN, Rol.REGIO),
    "beheer": (Actie.GEBRUIKERS_BEHEREN, None),
}


def _tokenomgeving(view):
    """Gate a token page by its area: its right, and for /mijn/ and /regio/ the role whose organisation it is."""

    @wraps(view)
    def wrapper(request, *args, omgeving: str, **kwargs):
        actie, rol = _TOKENOMGEVINGEN[omgeving]
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not kan(request.user, actie) or (rol is not None and request.user.rol != rol):
            raise PermissionDenied("Uw rol geeft geen toegang tot deze pagina.")
        return view(request, *args, omgeving=omgeving, **kwargs)

    return wrapper


class ApiTokenForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=100,
                           help_text="Waarvoor het token dient, bijvoorbeeld het systeem dat het gebruikt.")
    acties = forms.MultipleChoiceField(label="Acties", widget=forms.CheckboxSelectMultiple,
                                       help_text="Kies alleen wat het systeem nodig heeft.")
    geldig_tot = forms.DateField(label="Geldig tot en met", required=False, widget=forms.DateInput(
        attrs={"type": "date"}), help_text="Leeg: de standaardtermijn.")

    def __init__(self, *args, eigenaar=None, **kwargs):
        super().__init__(*args, **kwargs)
        if eigenaar is None:  # staff: the owner is chosen; offer what a participant's or region's account may do
            self.fields["eigenaar"] = forms.ModelChoiceField(
                label="Account", queryset=Gebruiker.objects.filter(
                    is_active=True, rol__in=[Rol.DEELNEMER, Rol.REGIO]).select_related(
                    "deelnemer__organisatie", "rso").order_by("username"),
                help_text="Het token handelt als dit account, binnen diens deelnemer of regio.")
            self.order_fields(["eigenaar", "naam", "acties", "geldig_tot"])
            toegestaan = {a for rol in (Rol.DEELNEMER, Rol.REGIO)
                          for a in tokens.toegestane_acties(Gebruiker(rol=rol))}
        else:
            toegestaan = set(tokens.toegestane_acties(eigenaar))
        self.fields["acties"].choices = [(a, f"{Actie(a).label} ({a})") for a in Actie.values if a in toegestaan]
        dagen = settings.API_TOKEN_GELDIG_DAGEN
        self.fields["geldig_tot"].help_text = (f"Leeg: {dagen} dagen. Hooguit {settings.API_TOKEN_MAX_DAGEN} "
                                               "dagen vanaf vandaag.")

    def geldig_tot_moment(self):
        datum = self.cleaned_data.get("geldig_tot")
        if datum is None:
            return None
        return timezone.make_aware(dt.datetime.combine(datum + dt.timedelta(days=1), dt.time()))


#: a first call to try a new token with, by the first of these actions it carries
_VOORBEELDEN = {Actie.EIGEN_DEELNEMER_LEZEN: "mijn/deelnemer", Actie.MELDINGEN_BEHANDELEN: "meldingen",
                Actie.EIGEN_MELDINGEN_LEZEN: "mijn/meldingen", Actie.VERZOEK_INDIENEN: "mijn/verzoeken",
                Actie.KENNISBANK_LEZEN: "kennisbank"}


@_tokenomgeving
def api_tokens(request, omgeving: str):
    """The organisation's API tokens, and a new one: shown once, in this answer only (API-TOKEN)."""
    eigenaar = None if omgeving == "beheer" else request.user
    form = ApiTokenForm(request.POST or None, eigenaar=eigenaar)
    nieuw = waarde = None
    status = 200
    if request.method == "POST":
        def uitvoeren(data):
            return api_token_aanmaken(actor=request.user, eigenaar=data.get("eigenaar") or eigenaar,
                                      naam=data["naam"], acties=data["acties"], geldig_tot=form.geldig_tot_moment())

        resultaat = verwerk(form, uitvoeren)
        if resultaat:
            nieuw, waarde = resultaat
            nieuw.voorbeeld = next((pad for actie, pad in _VOORBEELDEN.items() if actie in nieuw.acties), "")
            form = ApiTokenForm(eigenaar=eigenaar)
        else:
            status = 422
    qs = tokens.zichtbaar_voor(request.user)
    if omgeving != "beheer":
        qs = qs.filter(**({"deelnemer_id": request.user.deelnemer_id} if omgeving == "mijn"
                          else {"rso_id": request.user.rso_id}))
    context = lijst(request, qs, ApiTokenFilter)
    nu = timezone.now()
    for t in context["pagina"]:
        t.stand_nu = t.stand(nu)
        t.actie_labels = [Actie(a).label if a in Actie.values else a for a in t.acties]
    antwoord = render(request, "kern/api_tokens.html", context | {
        "form": form, "nieuw": nieuw, "waarde": waarde, "omgeving": omgeving,
        "api_url": request.build_absolute_uri("/api/")}, status=status)
    antwoord["Cache-Control"] = "no-store"  # the token must not stay in a cache
    return antwoord


@_tokenomgeving
def api_token_intrekken_pagina(request, pk: int, omgeving: str):
    """Ask, then revoke one token of the organisation (another organisation's token is a 404)."""
    qs = tokens.zichtbaar_voor(request.user)
    if omgeving == "mijn":
        qs = qs.filter(deelnemer_id=request.user.deelnemer_id)
    elif omgeving == "regio":
        qs = qs.filter(rso_id=request.user.rso_id)
    token = get_object_or_404(qs, pk=pk)
    fout = ""
    if request.method == "POST":
        try:
            api_token_intrekken(actor=request.user, token=token, reden=request.POST.get("reden", "")[:500])
        except ValidationError as e:
            fout = " ".join(e.messages)
        else:
            messages.success(request, f"{token} is ingetrokken; het werkt niet meer.")
            return redirect(f"{omgeving}-api-tokens")
    return render(request, "kern/api_token_intrekken.html", {
        "token": token, "fout": fout, "omgeving": omgeving, "stand": token.stand(timezone.now())},
        status=422 if fout else 200)


def geen_toegang(request, exception=None):
    return render(request, "kern/fout.html", {"titel": "Geen toegang", "uitleg": str(exception or "") or
                                              "Uw rol geeft geen toegang tot deze pagina."}, status=403)


def niet_gevonden(request, exception=None):
    return render(request, "kern/fout.html", {"titel": "Niet gevonden",
                                              "uitleg": "Deze pagina of dit object bestaat niet."}, status=404)



log = logging.getLogger(__name__)


def _pagina_zonder_database(template: str, status: int, context: dict | None = None) -> HttpResponse:
    """An error page rendered without the request's context processors, which would ask the database who is
    logged in: the page must also come when the database is what broke."""
    return HttpResponse(loader.render_to_string(template, context or {}), status=status)


def _database_onbereikbaar(exc: BaseException | None) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


def serverfout(request):
    """handler500: a Dutch page; 503 with Retry-After when the database cannot be reached (connection refused or
    lost). Under /api/ kern's problem middleware turns either into problem+json."""
    if _database_onbereikbaar(sys.exc_info()[1]):
        antwoord = _pagina_zonder_database("503.html", 503)
        antwoord["Retry-After"] = str(OPNIEUW_NA)
        return antwoord
    return _pagina_zonder_database("500.html", 500)


def slecht_verzoek(request, exception=None):
    """handler400: also for an unknown host name or an oversized request, before anything is known about them. A
    body over DATA_UPLOAD_MAX_MEMORY_SIZE is 413 (under /api/ the problem middleware makes it problem+json)."""
    if isinstance(exception, RequestDataTooBig):
        return _pagina_zonder_database("kern/fout.html", 413, {
            "titel": "Te veel gegevens", "uitleg": "Het formulier bevat meer gegevens dan de server aanneemt. "
                                                   "Maak de tekst korter en probeer het opnieuw."})
    return _pagina_zonder_database("kern/fout.html", 400, {
        "titel": "Ongeldig verzoek", "uitleg": "Het systeem kon dit verzoek niet verwerken."})


def csrf_fout(request, reason=""):
    """CSRF_FAILURE_VIEW: the form came without a valid token, or from an origin that is not trusted."""
    return render(request, "kern/fout.html", {
        "titel": "Formulier verlopen of niet vertrouwd",
        "uitleg": "Het formulier kon niet worden verwerkt: de beveiligingscode ontbrak of was verlopen, of het "
                  "kwam van een ander adres. Laad de pagina opnieuw en probeer het nog eens; sta cookies voor deze "
                  "site toe."}, status=403)


@never_cache
def leeft(request):
    """Liveness: the process answers. Touches neither the database nor the session."""
    return JsonResponse({"status": "leeft"})


@never_cache
def klaar(request):
    """Readiness: the process answers and the database is reachable (503 with Retry-After when it is not)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as e:
        log.warning("Gereedheidscontrole: database onbereikbaar: %s", e)
        antwoord = JsonResponse({"status": "niet klaar", "database": "onbereikbaar"}, status=503)
        antwoord["Retry-After"] = str(OPNIEUW_NA)
        return antwoord
    return JsonResponse({"status": "klaar", "database": "bereikbaar"})


def client_adres(request) -> str | None:
    """The client's address for login throttling (AXES_CLIENT_IP_CALLABLE). Behind STELSEL_PROXY_AANTAL proxies
    it is the entry the outermost trusted proxy appended to X-Forwarded-For; whatever a client wrote there itself
    comes before that entry and is ignored."""
    aantal = settings.PROXY_AANTAL
    if aantal > 0:
        doorgestuurd = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(doorgestuurd) >= aantal:
            return doorgestuurd[-aantal]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # a server that passes no address: one unknown client
