from django.urls import path

from . import feeds, views

urlpatterns = [
    path("afsprakenset/", views.release_lijst, name="release-lijst"),
    path("afsprakenset/roadmap/", views.roadmap, name="release-roadmap"),
    path("afsprakenset/feed.atom", feeds.ReleasebesluitenFeed(), name="release-feed"),
    path("afsprakenset/nieuw/", views.release_nieuw, name="release-nieuw"),
    path("afsprakenset/uitrol/", views.uitrol_lijst, name="uitrol-lijst"),
    path("afsprakenset/uitrol/<int:pk>/", views.uitrol_bijwerken, name="uitrol-bijwerken"),
    path("afsprakenset/overeenkomst/<int:pk>/", views.overeenkomst_vastleggen, name="overeenkomst-vastleggen"),
    path("mijn/releases/", views.mijn_releases, name="mijn-releases"),
    path("afsprakenset/<str:nummer>/", views.release_detail, name="release-detail"),
    path("afsprakenset/<str:nummer>/wijzigen/", views.release_wijzigen, name="release-wijzigen"),
    path("afsprakenset/<str:nummer>/stap/<slug:overgang>/", views.release_overgang, name="release-overgang"),
    path("afsprakenset/<str:nummer>/documenten/nieuw/", views.document_nieuw, name="releasedocument-nieuw"),
    path("afsprakenset/<str:nummer>/documenten/<int:pk>/", views.document_download, name="releasedocument-download"),
    path("afsprakenset/<str:nummer>/standaarden/nieuw/", views.standaard_nieuw, name="standaard-nieuw"),
    path("afsprakenset/<str:nummer>/changelog/nieuw/", views.changelog_nieuw, name="changelog-nieuw"),
    path("afsprakenset/<str:nummer>/termijnen/nieuw/", views.termijn_nieuw, name="termijn-nieuw"),
]
