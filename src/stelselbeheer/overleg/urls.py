from django.urls import path

from . import views

urlpatterns = [
    path("overleg/", views.overleg_lijst, name="overleg-lijst"),
    path("overleg/nieuw/", views.orgaan_nieuw, name="orgaan-nieuw"),
    path("overleg/voorstellen/", views.voorstel_lijst, name="besluitvoorstel-lijst"),
    path("overleg/voorstellen/nieuw/", views.voorstel_nieuw, name="besluitvoorstel-nieuw"),
    path("overleg/voorstellen/<str:nummer>/", views.voorstel_detail, name="besluitvoorstel-detail"),
    path("overleg/voorstellen/<str:nummer>/wijzigen/", views.voorstel_wijzigen, name="besluitvoorstel-wijzigen"),
    path("overleg/voorstellen/<str:nummer>/voorleggen/", views.voorstel_voorleggen, name="besluitvoorstel-voorleggen"),
    path("overleg/voorstellen/<str:nummer>/intrekken/", views.voorstel_intrekken, name="besluitvoorstel-intrekken"),
    path("overleg/voorstellen/<str:nummer>/beslissen/", views.voorstel_beslissen, name="besluitvoorstel-beslissen"),
    path("overleg/vergaderingen/<int:pk>/", views.vergadering_detail, name="vergadering-detail"),
    path("overleg/vergaderingen/<int:pk>/wijzigen/", views.vergadering_wijzigen, name="vergadering-wijzigen"),
    path("overleg/vergaderingen/<int:pk>/houden/", views.vergadering_houden, name="vergadering-houden"),
    path("overleg/vergaderingen/<int:pk>/annuleren/", views.vergadering_annuleren, name="vergadering-annuleren"),
    path("overleg/vergaderingen/<int:pk>/agenda/nieuw/", views.agendapunt_nieuw, name="agendapunt-nieuw"),
    path("overleg/vergaderingen/<int:pk>/stukken/nieuw/", views.document_nieuw, name="document-nieuw"),
    path("overleg/vergaderingen/<int:pk>/notulen/", views.notulen_opstellen, name="notulen-opstellen"),
    path("overleg/vergaderingen/<int:pk>/notulen/vaststellen/", views.notulen_vaststellen,
         name="notulen-vaststellen"),
    path("overleg/agendapunten/<int:pk>/wijzigen/", views.agendapunt_wijzigen, name="agendapunt-wijzigen"),
    path("overleg/agendapunten/<int:pk>/adviesnota/", views.adviesnota_nieuw, name="adviesnota-nieuw"),
    path("overleg/stukken/<int:pk>/", views.document_download, name="document-download"),
    path("overleg/leden/<int:pk>/beeindigen/", views.lid_beeindigen, name="lid-beeindigen"),
    path("overleg/<slug:code>/", views.orgaan_detail, name="orgaan-detail"),
    path("overleg/<slug:code>/vergaderingen.ics", views.orgaan_ical, name="orgaan-ical"),
    path("overleg/<slug:code>/wijzigen/", views.orgaan_wijzigen, name="orgaan-wijzigen"),
    path("overleg/<slug:code>/leden/nieuw/", views.lid_nieuw, name="lid-nieuw"),
    path("overleg/<slug:code>/vergaderingen/nieuw/", views.vergadering_nieuw, name="vergadering-nieuw"),
]
