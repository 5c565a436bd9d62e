from django.urls import path

from . import views

urlpatterns = [
    path("regionaal/", views.regionaal_index, name="regionaal-index"),
    path("regionaal/dekking/", views.dekking, name="regionaal-dekking"),
    path("regionaal/rso/<int:pk>/", views.rso_detail, name="rso-detail"),
    path("regionaal/rso/<int:pk>/diensten/nieuw/", views.dienst_nieuw, name="rso-dienst-nieuw"),
    path("regionaal/rso/<int:pk>/overeenkomsten/nieuw/", views.overeenkomst_nieuw, name="overeenkomst-nieuw"),
    path("regionaal/rso/<int:pk>/overleg/nieuw/", views.overleg_nieuw, name="regionaal-overleg-nieuw"),
    path("regionaal/diensten/<int:pk>/tarief/", views.tarief_nieuw, name="rso-tarief-nieuw"),
    path("regionaal/overleg/<int:pk>/vergaderingen/nieuw/", views.vergadering_nieuw,
         name="regionale-vergadering-nieuw"),
    path("regionaal/overeenkomsten/", views.overeenkomst_lijst, name="overeenkomst-lijst"),
    path("regionaal/overeenkomsten/<str:nummer>/", views.overeenkomst_detail, name="overeenkomst-detail"),
    path("regionaal/overeenkomsten/<str:nummer>/overeenkomst.pdf", views.overeenkomst_pdf, name="overeenkomst-pdf"),
    path("regionaal/overeenkomsten/<str:nummer>/contactpersonen/nieuw/", views.contactpersoon_nieuw,
         name="overeenkomst-contactpersoon-nieuw"),
    path("regionaal/overeenkomsten/<str:nummer>/ondertekenen/", views.overeenkomst_ondertekenen,
         name="overeenkomst-ondertekenen"),
    path("regionaal/overeenkomsten/<str:nummer>/opzeggen/", views.overeenkomst_opzeggen, name="overeenkomst-opzeggen"),
    path("regionaal/overeenkomsten/<str:nummer>/ontbinden/", views.overeenkomst_ontbinden,
         name="overeenkomst-ontbinden"),
    path("regionaal/overeenkomsten/<str:nummer>/betalingen/nieuw/", views.betaling_nieuw,
         name="overeenkomst-betaling-nieuw"),
    path("regionaal/overeenkomsten/<str:nummer>/deelnemers/nieuw/", views.deelnemersovereenkomst_nieuw,
         name="deelnemersovereenkomst-nieuw"),
    path("regionaal/rso/<int:pk>/checklists/nieuw/", views.checklist_nieuw, name="checklist-nieuw"),
    path("regionaal/checklists/<int:pk>/", views.checklist_detail, name="checklist-detail"),
    path("regionaal/checkstappen/<int:pk>/", views.checkstap_bijwerken, name="checkstap-bijwerken"),
]
