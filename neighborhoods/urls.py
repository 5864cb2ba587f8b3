from django.urls import path

from neighborhoods import views

app_name = "neighborhoods"
urlpatterns = [
    path("", views.neighborhood_list, name="list"),
    path("<str:slug>/", views.neighborhood_detail, name="detail"),
]
