from django.urls import path

from . import views

urlpatterns = [
    path("beheer/naleving/", views.werkvoorraad, name="naleving-werkvoorraad"),
    path("beheer/naleving/constateringen/", views.constatering_lijst, name="constatering-lijst"),
    path("beheer/naleving/nieuw/<int:deelnemer_pk>/", views.zaak_nieuw, name="zaak-nieuw"),
    path("beheer/naleving/zaken/<str:nummer>/", views.zaak_detail, name="zaak-detail"),
    path("beheer/naleving/zaken/<str:nummer>/stap/<str:naam>/", views.zaak_stap, name="zaak-stap"),
    path("beheer/naleving/opschorten/<int:deelnemer_pk>/", views.opschorten, name="opschorten"),
    path("beheer/naleving/opschortingen/<int:pk>/opheffen/", views.opheffen, name="opschorting-opheffen"),
    path("beheer/naleving/opschortingen/<int:pk>/verlengen/", views.verlengen, name="opschorting-verlengen"),
    path("mijn/opschortingen/<int:pk>/geinformeerd/", views.geinformeerd, name="opschorting-geinformeerd"),
    path("beheer/naleving/brieven/<int:pk>.pdf", views.brief, name="brief"),
    path("mijn/naleving/brieven/<int:pk>.pdf", views.mijn_brief, name="mijn-brief"),
    path("mijn/naleving/", views.mijn_zaken, name="mijn-zaken"),
    path("mijn/naleving/<str:nummer>/", views.mijn_zaak, name="mijn-zaak"),
]
