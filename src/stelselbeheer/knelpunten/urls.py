from django.urls import path

from . import views

urlpatterns = [
    path("knelpunten/", views.knelpunt_lijst, name="knelpunt-lijst"),
    path("knelpunten/nieuw/", views.knelpunt_nieuw, name="knelpunt-nieuw"),
    path("knelpunten/<str:nummer>/", views.knelpunt_detail, name="knelpunt-detail"),
    path("knelpunten/<str:nummer>/agenderen/", views.knelpunt_agenderen_pagina, name="knelpunt-agenderen"),
    path("knelpunten/<str:nummer>/status/", views.knelpunt_status_pagina, name="knelpunt-status"),
    path("knelpunten/<str:nummer>/rfc/", views.knelpunt_naar_rfc_pagina, name="knelpunt-rfc"),
]
