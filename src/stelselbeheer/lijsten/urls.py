from django.urls import path, re_path

from . import serveren, views

urlpatterns = [
    re_path(r"^(?P<bestandsnaam>MedMij_[A-Za-z]+\.xml)$", serveren.medmij_lijst, name="medmij-lijst"),
    path("lijsten/gezondheid.json", serveren.gezondheid, name="lijsten-gezondheid"),
    path("lijsten/certificaten.json", serveren.certificaten, name="lijsten-certificaten"),
    path("lijsten/<str:naam>.xml.sig", serveren.handtekening_live, name="lijst-live-sig"),
    path("lijsten/<str:naam>/<int:volgnummer>.xml.sig", serveren.handtekening_versie, name="lijst-versie-sig"),
    path("lijsten/<str:naam>.xml", serveren.lijst_live, name="lijst-live"),
    path("lijsten/<str:naam>/<int:volgnummer>.xml", serveren.lijst_versie, name="lijst-versie"),
    path("lijsten/<str:naam>/versies.json", serveren.lijst_versies, name="lijst-versies"),
    path("lijsten/<str:naam>/wijzigingen.json", serveren.lijst_wijzigingen, name="lijst-wijzigingen"),
    path("beheer/lijsten/", views.overzicht, name="lijsten-overzicht"),
    path("beheer/lijsten/waarom/", views.waarom_pagina, name="lijsten-waarom"),
    path("beheer/lijsten/voorstellen/<int:pk>/", views.voorstel_detail, name="voorstel-detail"),
    path("beheer/lijsten/<str:naam>/", views.geschiedenis, name="lijst-geschiedenis"),
    path("beheer/lijsten/<str:naam>/<int:volgnummer>/", views.snapshot_detail, name="snapshot-detail"),
    path("beheer/lijsten/<str:naam>/<int:volgnummer>/<str:deel>/", views.snapshot_verschil, name="snapshot-verschil"),
]
