"""Account pages (TOE-ACCOUNT): staff create an account and the system e-mails its holder a one-time link to set the
password, so no one else ever knows it; staff deactivate and activate accounts with a reason; anyone who forgot a
password asks for a new link. The password pages are Django's own views with the project's service, templates and
rate limits."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from . import limieten
from .identificatie import valideer_xml_tekens
from .models import Gebruiker
from .rollen import Actie, Rol
from .services import gebruiker_aanmaken, gebruiker_activeren, uitnodiging_versturen, wachtwoord_instellen
from .views import service_fout_in_formulier, vereist


def _adres(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


class AccountForm(forms.Form):
    gebruikersnaam = forms.CharField(label="Gebruikersnaam", max_length=150,
                                     help_text="Letters, cijfers en @ . + - _; zo logt de houder in.")
    volledige_naam = forms.CharField(label="Naam", max_length=150, validators=[valideer_xml_tekens])
    email = forms.EmailField(label="E-mailadres", help_text="Hierheen gaat de link om het wachtwoord in te stellen.")
    rol = forms.ChoiceField(label="Rol", choices=[("", "Kies een rol"), *Rol.choices])
    deelnemer = forms.ModelChoiceField(
        Gebruiker._meta.get_field("deelnemer").related_model.objects.select_related("organisatie")
        .order_by("organisatie__naam"), required=False, label="Deelnemer",
        help_text="Alleen bij de rol deelnemer: de deelnemer waarvoor de houder werkt.")
    rso = forms.ModelChoiceField(
        Gebruiker._meta.get_field("rso").related_model.objects.filter(soort="rso").order_by("naam"),
        required=False, label="RSO", help_text="Alleen bij de rol regionale organisatie: de RSO van de houder.")
    reden = forms.CharField(label="Reden", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="Bijvoorbeeld: nieuwe medewerker, verzoek van de deelnemer (met datum).")

    def clean(self):
        d = super().clean()
        rol = d.get("rol")
        if rol == Rol.DEELNEMER and not d.get("deelnemer"):
            self.add_error("deelnemer", "Kies de deelnemer waarvoor de houder werkt.")
        if rol == Rol.REGIO and not d.get("rso"):
            self.add_error("rso", "Kies de RSO van de houder.")
        if rol and rol != Rol.DEELNEMER and d.get("deelnemer"):
            self.add_error("deelnemer", "Alleen een account met de rol deelnemer hoort bij een deelnemer.")
        if rol and rol != Rol.REGIO and d.get("rso"):
            self.add_error("rso", "Alleen een account met de rol regionale organisatie hoort bij een RSO.")
        return d


@vereist(Actie.GEBRUIKERS_BEHEREN)
def account_nieuw(request):
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            gebruiker = gebruiker_aanmaken(actor=request.user, gebruikersnaam=d["gebruikersnaam"], rol=d["rol"],
                                           email=d["email"], volledige_naam=d["volledige_naam"],
                                           deelnemer=d["deelnemer"], rso=d["rso"], reden=d["reden"])
            uitnodiging_versturen(actor=request.user, gebruiker=gebruiker, adres=_adres(request))
        except ValidationError as e:
            service_fout_in_formulier(form, _veldnamen(e))
        else:
            messages.success(request, f"Account {gebruiker.username} aangemaakt; de uitnodiging om een wachtwoord "
                                      f"in te stellen is verstuurd naar {gebruiker.email}.")
            return redirect("account-detail", pk=gebruiker.pk)
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": "Account aanmaken", "knop": "Account aanmaken en uitnodigen",
        "inleiding": "De houder krijgt een e-mail met een eenmalige link om zelf een wachtwoord in te stellen; u ziet "
                     "of kent dat wachtwoord nooit."})


def _veldnamen(fout: ValidationError) -> ValidationError:
    """The model's field names as the form's (username -> gebruikersnaam, first_name -> volledige_naam)."""
    if not hasattr(fout, "error_dict"):
        return fout
    namen = {"username": "gebruikersnaam", "first_name": "volledige_naam"}
    return ValidationError({namen.get(veld, veld): lijst for veld, lijst in fout.error_dict.items()})


@vereist(Actie.GEBRUIKERS_BEHEREN)
def account_uitnodigen(request, pk: int):
    """Send the invitation again (the first went astray or its link expired): a confirmation, then the mail."""
    gebruiker = get_object_or_404(Gebruiker, pk=pk)
    form = forms.Form(request.POST if request.method == "POST" else None)  # no fields: an empty POST is bound
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging_versturen(actor=request.user, gebruiker=gebruiker, adres=_adres(request))
        except ValidationError as e:
            service_fout_in_formulier(form, e)
        else:
            messages.success(request, f"Uitnodiging opnieuw verstuurd naar {gebruiker.email}.")
            return redirect("account-detail", pk=pk)
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": f"Uitnodiging opnieuw versturen: {gebruiker.username}", "object": gebruiker,
        "knop": "Uitnodiging versturen",
        "inleiding": f"{gebruiker.get_full_name() or gebruiker.username} krijgt op {gebruiker.email or '(geen adres)'}"
                     " een nieuwe eenmalige link om een wachtwoord in te stellen."})


class RedenForm(forms.Form):
    reden = forms.CharField(label="Reden", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


@vereist(Actie.GEBRUIKERS_BEHEREN)
def account_actief(request, pk: int):
    """Deactivate (or activate again) an account, with a reason."""
    gebruiker = get_object_or_404(Gebruiker, pk=pk)
    actief = not gebruiker.is_active
    form = RedenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gebruiker_activeren(actor=request.user, gebruiker=gebruiker, actief=actief,
                                reden=form.cleaned_data["reden"])
        except PermissionDenied as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            service_fout_in_formulier(form, e)
        else:
            messages.success(request, f"Account {gebruiker.username} is "
                                      f"{'weer actief' if actief else 'gedeactiveerd'}.")
            return redirect("account-detail", pk=pk)
    werkwoord = "activeren" if actief else "deactiveren"
    return render(request, "kern/formulier_pagina.html", {
        "form": form, "titel": f"Account {gebruiker.username} {werkwoord}", "knop": f"Account {werkwoord}",
        "object": gebruiker,
        "inleiding": ("Het account kan weer inloggen met zijn wachtwoord en tweede factor." if actief else
                      "Het account kan niet meer inloggen; open sessies en API-tokens werken vanaf het volgende "
                      "verzoek niet meer. De gegevens en de audittrail blijven.")})


# ---- the holder's own password: set it from an invitation, or ask for a new link ----

class WachtwoordForm(SetPasswordForm):
    """Django's form, saved through the project's service (validated, recorded in the audit trail)."""

    def save(self, commit=True):
        return wachtwoord_instellen(gebruiker=self.user, wachtwoord=self.cleaned_data["new_password1"])


class WachtwoordVergetenForm(PasswordResetForm):
    def get_users(self, email):
        """Active accounts with this address that have a password (an invited one gets its invitation again from
        staff); Django's rule, also for addresses in another case."""
        return (g for g in Gebruiker.objects.filter(email__iexact=email, is_active=True) if g.has_usable_password())


@method_decorator(limieten.op_pagina, name="dispatch")
class WachtwoordVergeten(auth_views.PasswordResetView):
    """Ask for a link to set a new password. The answer is the same whether or not the address has an account (no
    enumeration); per client and per address rate-limited like the other public forms (MEL-MISBRUIK)."""

    form_class = WachtwoordVergetenForm
    template_name = "kern/wachtwoord_vergeten.html"
    email_template_name = "kern/mail/wachtwoord_vergeten.txt"
    subject_template_name = "kern/mail/wachtwoord_vergeten_onderwerp.txt"
    success_url = reverse_lazy("wachtwoord-vergeten-verstuurd")

    def post(self, request, *args, **kwargs):
        limieten.tellen(request, limieten.SCHRIJVEN)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        limieten.tellen(self.request, limieten.EMAIL, limieten.email_sleutel(form.cleaned_data["email"]))
        return super().form_valid(form)


class WachtwoordVergetenVerstuurd(auth_views.PasswordResetDoneView):
    template_name = "kern/wachtwoord_bericht.html"
    extra_context = {"titel": "Kijk in uw e-mail",
                     "tekst": "Hoort het adres bij een account, dan is er een e-mail met een link om een nieuw "
                              "wachtwoord in te stellen onderweg. De link werkt één keer. Geen e-mail binnen een "
                              "kwartier? Kijk in de map met ongewenste e-mail, of vraag de beheerder van uw account."}


class WachtwoordInstellen(auth_views.PasswordResetConfirmView):
    form_class = WachtwoordForm
    template_name = "kern/wachtwoord_instellen.html"
    success_url = reverse_lazy("wachtwoord-ingesteld")
    post_reset_login = False


class WachtwoordIngesteld(auth_views.PasswordResetCompleteView):
    template_name = "kern/wachtwoord_bericht.html"
    extra_context = {"titel": "Wachtwoord ingesteld",
                     "tekst": "Uw wachtwoord is ingesteld. U kunt nu inloggen.", "inloggen": True}
