from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from stelselbeheer.api import api
from stelselbeheer.kern import accounts, tweefactor
from stelselbeheer.kern import views as kern_views

urlpatterns = [
    path("", kern_views.home, name="home"),
    path("contact/", kern_views.contact, name="contact"),
    path("privacy/", kern_views.privacy, name="privacy"),
    path("toegankelijkheid/", kern_views.toegankelijkheid, name="toegankelijkheid"),
    path("gezond/leeft", kern_views.leeft, name="gezond-leeft"),
    path("gezond/klaar", kern_views.klaar, name="gezond-klaar"),
    path("inloggen/", auth_views.LoginView.as_view(template_name="kern/inloggen.html"), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tweefactor/", tweefactor.tweefactor, name="tweefactor"),
    path("beheer/audit/", kern_views.audit_lijst, name="audit-lijst"),
    path("account/wachtwoord-vergeten/", accounts.WachtwoordVergeten.as_view(), name="wachtwoord-vergeten"),
    path("account/wachtwoord-vergeten/verstuurd/", accounts.WachtwoordVergetenVerstuurd.as_view(),
         name="wachtwoord-vergeten-verstuurd"),
    path("account/wachtwoord/<uidb64>/<token>/", accounts.WachtwoordInstellen.as_view(), name="wachtwoord-instellen"),
    path("account/wachtwoord/ingesteld/", accounts.WachtwoordIngesteld.as_view(), name="wachtwoord-ingesteld"),
    path("beheer/accounts/", kern_views.account_lijst, name="account-lijst"),
    path("beheer/accounts/nieuw/", accounts.account_nieuw, name="account-nieuw"),
    path("beheer/accounts/<int:pk>/uitnodigen/", accounts.account_uitnodigen, name="account-uitnodigen"),
    path("beheer/accounts/<int:pk>/actief/", accounts.account_actief, name="account-actief"),
    path("beheer/accounts/<int:pk>/", kern_views.account_detail, name="account-detail"),
    *[p for omgeving in ("mijn", "regio", "beheer") for p in (
        path(f"{omgeving}/api-tokens/", kern_views.api_tokens, {"omgeving": omgeving}, name=f"{omgeving}-api-tokens"),
        path(f"{omgeving}/api-tokens/<int:pk>/intrekken/", kern_views.api_token_intrekken_pagina,
             {"omgeving": omgeving}, name=f"{omgeving}-api-token-intrekken"))],
    path("", include("stelselbeheer.organisaties.urls")),
    path("", include("stelselbeheer.deelnemers.urls")),
    path("", include("stelselbeheer.register.urls")),
    path("", include("stelselbeheer.lijsten.urls")),
    path("", include("stelselbeheer.besluiten.urls")),
    path("", include("stelselbeheer.naleving.urls")),
    path("", include("stelselbeheer.meldingen.urls")),
    path("", include("stelselbeheer.overleg.urls")),
    path("", include("stelselbeheer.afsprakenset.urls")),
    path("", include("stelselbeheer.wijzigingen.urls")),
    path("", include("stelselbeheer.implementatie.urls")),
    path("", include("stelselbeheer.adoptie.urls")),
    path("", include("stelselbeheer.knelpunten.urls")),
    path("", include("stelselbeheer.regionaal.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]

handler400 = "stelselbeheer.kern.views.slecht_verzoek"
handler403 = "stelselbeheer.kern.views.geen_toegang"
handler404 = "stelselbeheer.kern.views.niet_gevonden"
handler500 = "stelselbeheer.kern.views.serverfout"
