from django.urls import path

from . import views

urlpatterns = [
    path("beheer/naleving/constateringen/", views.constatering_lijst, name="constatering-lijst"),
]
