from django.urls import path

from . import views

urlpatterns = [
    path("melden/", views.melden, name="melden"),
    path("melden/formulier/", views.melding_formulier, name="melding-formulier"),
    path("melden/ontvangen/", views.melding_ontvangen, name="melding-ontvangen"),
    path("meldingen/status/<str:token>/", views.melding_status, name="melding-status"),
    path("mijn/meldingen/", views.mijn_meldingen, name="mijn-meldingen"),
    path("mijn/meldingen/<str:nummer>/", views.mijn_melding, name="mijn-melding"),
    path("kennisbank/", views.kennisbank_zoeken, name="kennisbank"),
    path("kennisbank/<int:pk>/", views.kennisartikel, name="kennisartikel"),
    path("beheer/kennisbank/nieuw/", views.kennisartikel_bewerken, name="kennisartikel-nieuw"),
    path("beheer/kennisbank/<int:pk>/", views.kennisartikel_bewerken, name="kennisartikel-bewerken"),
    path("beheer/meldingen/", views.melding_lijst, name="melding-lijst"),
    path("beheer/meldingen/cijfers/", views.melding_cijfers, name="melding-cijfers"),
    path("beheer/meldingen/beslisboom/", views.beslisboom_beheer, name="beslisboom-beheer"),
    path("beheer/meldingen/<str:nummer>/", views.melding_detail, name="melding-detail"),
]
