from django.urls import path

from . import views

urlpatterns = [
    path("beheer/deelnemers/", views.deelnemer_lijst, name="deelnemer-lijst"),
    path("beheer/deelnemers/<int:pk>/", views.deelnemer_detail, name="deelnemer-detail"),
    path("beheer/deelnemers/<int:pk>/wijzigen/", views.deelnemer_wijzigen, name="deelnemer-wijzigen"),
    path("beheer/deelnemers/<int:pk>/kwalificaties/nieuw/", views.kwalificatie_nieuw, name="kwalificatie-nieuw"),
    path("beheer/deelnemers/<int:pk>/stap/<str:naam>/", views.deelnemer_stap, name="deelnemer-stap"),
    path("kwalificaties/<int:pk>/bewijs/", views.kwalificatie_bewijs, name="kwalificatie-bewijs"),
    path("beheer/toetreding/", views.workflow_pagina, name="toetreding-workflow"),
    path("aanmelden/", views.aanmelden, name="aanmelden"),
    path("aanmelden/ontvangen/", views.aanmelding_ontvangen, name="aanmelding-ontvangen"),
    path("deelnemers/", views.publiek_deelnemers, name="publiek-deelnemers"),
    path("deelnemers/<int:pk>/", views.publiek_deelnemer, name="publiek-deelnemer"),
    path("mijn/", views.mijn_overzicht, name="mijn-overzicht"),
    path("mijn/aanbieders/", views.mijn_aanbieders, name="mijn-aanbieders"),
]
