from django.urls import path

from . import feeds, views

urlpatterns = [
    path("wijzigingen/", views.agendas, name="rfc-agendas"),
    path("wijzigingen/rfc/", views.rfc_lijst, name="rfc-lijst"),
    path("wijzigingen/indienen/", views.rfc_indienen, name="rfc-indienen"),
    path("wijzigingen/ontvangen/", views.rfc_ontvangen, name="rfc-ontvangen"),
    path("wijzigingen/besluiten.atom", feeds.RfcBesluitenFeed(), name="rfc-feed"),
    path("wijzigingen/rfc/<str:nummer>/", views.rfc_detail, name="rfc-detail"),
    path("wijzigingen/rfc/<str:nummer>/stap/<slug:stap>/", views.rfc_stap, name="rfc-stap"),
    path("wijzigingen/rfc/<str:nummer>/release/", views.rfc_release, name="rfc-release"),
    path("wijzigingen/agenda/<slug:code>/", views.agenda_detail, name="rfc-agenda"),
    path("wijzigingen/agenda/<slug:code>/wijzigen/", views.agenda_wijzigen, name="rfc-agenda-wijzigen"),
    path("mijn/wijzigingsverzoeken-rfc/", views.mijn_rfcs, name="mijn-rfcs"),
    path("mijn/wijzigingsverzoeken-rfc/<str:nummer>/reageren/", views.rfc_reageren, name="rfc-reageren"),
]
