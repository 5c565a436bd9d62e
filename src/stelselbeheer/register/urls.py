from django.urls import path

from . import views

urlpatterns = [
    path("aanbiedersregister/", views.publiek_register, name="publiek-register"),
    path("aanbiedersregister/<str:naam>/", views.publiek_aanbieder, name="publiek-aanbieder"),
    path("gegevensdiensten/", views.gegevensdienst_lijst, name="gegevensdienst-lijst"),
    path("beheer/aanbieders/", views.aanbieder_lijst, name="aanbieder-lijst"),
    path("beheer/aanbieders/import/", views.aanbieders_import, name="aanbieder-import"),
    path("beheer/aanbieders/<int:pk>/", views.aanbieder_detail, name="aanbieder-detail"),
    path("beheer/aanbieders/<int:pk>/wijzigen/", views.aanbieder_wijzigen, name="aanbieder-wijzigen"),
    path("beheer/aanbieders/<int:pk>/gegevensdienst/", views.aanbieder_dienst_instellen, name="aanbieder-dienst"),
    path("beheer/verzoeken/", views.verzoek_lijst, name="verzoek-lijst"),
    path("beheer/verzoeken/<int:pk>/", views.verzoek_detail, name="verzoek-detail"),
    path("mijn/verzoeken/", views.mijn_verzoeken, name="mijn-verzoeken"),
    path("mijn/verzoeken/nieuw/<str:soort>/", views.verzoek_nieuw, name="verzoek-nieuw"),
]
