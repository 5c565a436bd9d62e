"""Two-factor authentication for staff and board (rule TOE-2FA): TOTP through django-otp.

A user whose role is in ``TWEEFACTOR_ROLLEN`` who has logged in with a password but not yet with a second
factor in this session reaches nothing but the second-factor page (and logging out): pages redirect there,
the API answers 403.

Setting up the authenticator app needs more than the password (rule TOE-2FA-INSCHRIJVING): an account without
a device first hands in a one-time enrolment code that another staff member issued for it (``/beheer/accounts/``)
or that was issued on the server (``stelsel tweefactor inschrijfcode``). Only then does the page show a QR code
(segno) and the secret, in that session only; the device counts once a first code is accepted. Without a code the
page explains whom to ask, and shows no secret.
"""

from __future__ import annotations

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import vastleggen
from .services import inschrijfcode_gebruiken

PAGINA = "tweefactor"
#: session key: the unconfirmed device that an enrolment code opened in this session
INSCHRIJVING = "tweefactor_inschrijving"
VRIJ = ("/uitloggen/", "/account/tweefactor/", "/static/")


def vereist_tweede_factor(user) -> bool:
    return bool(user.is_authenticated and user.rol in settings.TWEEFACTOR_ROLLEN)


def geverifieerd(user) -> bool:
    return not vereist_tweede_factor(user) or user.is_verified()


class TweeFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # without a session cookie no one is logged in: asking request.user would touch the session and add
        # "Vary: Cookie" to every answer, also to the lists that caches must be able to keep
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        if not geverifieerd(request.user) and not request.path.startswith(VRIJ):
            if request.path.startswith("/api/"):
                from stelselbeheer.api import probleem

                return probleem(403, "Tweede factor nodig", "Log in met uw tweede factor (TOTP) op "
                                "/account/tweefactor/ voordat u de API gebruikt.", soort="tweede-factor")
            return redirect(f"{reverse(PAGINA)}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(label="Code uit uw authenticator-app", min_length=6, max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class InschrijfcodeForm(forms.Form):
    inschrijfcode = forms.CharField(label="Inschrijfcode", max_length=40,
                                    help_text="De code die een collega voor uw account aanmaakte, bijvoorbeeld "
                                              "ABCD-EFGH-JKMN-PQRS.",
                                    widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))


def _apparaat(request) -> TOTPDevice | None:
    """The confirmed device, or else the unconfirmed one that an enrolment code opened in this session."""
    bevestigd = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if bevestigd:
        return bevestigd
    return TOTPDevice.objects.filter(user=request.user, confirmed=False,
                                     pk=request.session.get(INSCHRIJVING, 0)).first()


@transaction.atomic
def tweede_factor_bevestigen(*, user, apparaat: TOTPDevice, code: str) -> bool:
    """Check ``code``; a first valid code confirms a new device (recorded in the audit trail)."""
    if not apparaat.verify_token(code.strip()):
        return False
    if not apparaat.confirmed:
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        vastleggen(actor=user, actie="gebruiker.tweede_factor_ingesteld", obj=user, na={"apparaat": apparaat.pk})
    return True


def _inschrijven(request, volgende: str):
    """No device yet: the enrolment code first (TOE-2FA-INSCHRIJVING); never a secret without one."""
    form = InschrijfcodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = inschrijfcode_gebruiken(gebruiker=request.user, code=form.cleaned_data["inschrijfcode"])
        if apparaat is not None:
            request.session[INSCHRIJVING] = apparaat.pk
            return redirect(f"{reverse(PAGINA)}?{urlencode({'next': volgende})}")
        form.add_error("inschrijfcode", "Deze inschrijfcode klopt niet, is al gebruikt, is vervangen door een nieuwere "
                                        "of is verlopen. Vraag een nieuwe aan.")
    return render(request, "kern/tweefactor.html", {
        "form": form, "next": volgende, "inschrijven": True, "uren": settings.TWEEFACTOR_INSCHRIJVING_UREN})


@login_required
def tweefactor(request):
    volgende = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        volgende = "/"
    if not vereist_tweede_factor(request.user):
        return redirect(volgende)
    apparaat = _apparaat(request)
    if apparaat is None:
        return _inschrijven(request, volgende)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tweede_factor_bevestigen(user=request.user, apparaat=apparaat, code=form.cleaned_data["code"]):
            otp_login(request, apparaat)
            request.session.pop(INSCHRIJVING, None)
            messages.success(request, "U bent ingelogd met uw tweede factor.")
            return redirect(volgende)
        form.add_error("code", "Deze code klopt niet of is verlopen; probeer de code die nu in de app staat.")
    context = {"form": form, "next": volgende, "instellen": not apparaat.confirmed}
    if not apparaat.confirmed:
        context["geheim"] = base64.b32encode(apparaat.bin_key).decode()
        context["qr"] = segno.make(apparaat.config_url, error="m").svg_inline(scale=4, title="QR-code voor de app")
    return render(request, "kern/tweefactor.html", context)
