from django.urls import path, re_path

from . import views

urlpatterns = [
    path("adoptie/", views.overzicht, name="adoptie-overzicht"),
    re_path(r"^adoptie/export\.(?P<formaat>csv|xlsx)$", views.overzicht_export, name="adoptie-overzicht-export"),
    path("adoptie/<slug:code>/", views.product, name="adoptie-product"),
    re_path(r"^adoptie/(?P<code>[-a-zA-Z0-9_]+)/export\.(?P<formaat>csv|xlsx)$", views.product_export,
            name="adoptie-product-export"),
    path("adoptie/<slug:code>/aanbieders/", views.aanbieders, name="adoptie-aanbieders"),
    path("adoptie/<slug:code>/samenvatting/", views.samenvatting, name="adoptie-samenvatting"),
    path("adoptie/<slug:code>/handmatig/", views.handmatig, name="adoptie-handmatig"),
]
