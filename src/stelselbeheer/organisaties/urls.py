from django.urls import path

from . import views

urlpatterns = [
    path("beheer/organisaties/", views.organisatie_lijst, name="organisatie-lijst"),
    path("beheer/organisaties/suggesties.json", views.organisatie_suggesties, name="organisatie-suggesties"),
    path("beheer/organisaties/nieuw/", views.organisatie_nieuw, name="organisatie-nieuw"),
    path("beheer/organisaties/<int:pk>/", views.organisatie_detail, name="organisatie-detail"),
    path("beheer/organisaties/<int:pk>/wijzigen/", views.organisatie_wijzigen, name="organisatie-wijzigen"),
    path("regio/", views.regio_overzicht, name="regio-overzicht"),
]
