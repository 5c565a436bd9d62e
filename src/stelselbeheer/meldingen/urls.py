from django.urls import path

from . import views

urlpatterns = [
    path("melden/", views.melden, name="melden"),
    path("melden/formulier/", views.melding_formulier, name="melding-formulier"),
    path("meldingen/status/<str:token>/", views.melding_status, name="melding-status"),
    path("beheer/meldingen/", views.melding_lijst, name="melding-lijst"),
    path("beheer/meldingen/<str:nummer>/", views.melding_detail, name="melding-detail"),
]
