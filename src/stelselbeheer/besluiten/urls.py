from django.urls import path

from . import feeds, views

urlpatterns = [
    path("besluiten/", views.besluit_lijst, name="besluit-lijst"),
    path("besluiten/feed.atom", feeds.BesluitenFeed(), name="besluit-feed"),
    path("besluiten/<str:nummer>/", views.besluit_detail, name="besluit-detail"),
    path("besluiten/<str:nummer>/bijlagen/<int:pk>/", views.besluit_bijlage, name="besluit-bijlage"),
]
