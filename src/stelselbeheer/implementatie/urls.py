from django.urls import path

from . import views

urlpatterns = [
    path("implementatie/", views.product_lijst, name="product-lijst"),
    path("implementatie/nieuw/", views.product_nieuw, name="product-nieuw"),
    path("implementatie/volgorde/", views.wsjf_volgorde, name="wsjf-volgorde"),
    path("implementatie/volgorde/<int:pk>/", views.wsjf_run, name="wsjf-run"),
    path("implementatie/risicos/", views.risico_lijst, name="risico-lijst"),
    path("implementatie/risicos/nieuw/", views.risico_nieuw, name="risico-nieuw"),
    path("implementatie/risicos/<int:pk>/wijzigen/", views.risico_wijzigen, name="risico-wijzigen"),
    path("implementatie/koplopers/<int:pk>/intrekken/", views.koploper_intrekken, name="koploper-intrekken"),
    path("implementatie/mijn-taken/", views.mijn_taken, name="implementatie-mijn-taken"),
    path("implementatie/taken/", views.taken_per_organisatie, name="implementatie-taken"),
    path("implementatie/producten/<slug:code>/", views.product_detail, name="product-detail"),
    path("implementatie/producten/<slug:code>/wijzigen/", views.product_wijzigen, name="product-wijzigen"),
    path("implementatie/producten/<slug:code>/beoordelen/", views.product_beoordelen, name="product-beoordelen"),
    path("implementatie/producten/<slug:code>/fasebesluit/", views.product_fasebesluit, name="product-fasebesluit"),
    path("implementatie/producten/<slug:code>/koplopers/nieuw/", views.koploper_nieuw, name="koploper-nieuw"),
    path("implementatie/producten/<slug:code>/taken/nieuw/", views.taak_nieuw, name="taak-nieuw"),
    path("implementatie/producten/<slug:code>/wsjf/", views.product_wsjf, name="product-wsjf"),
]
