from django.urls import path

from exhibition import views

app_name = "exhibition"
urlpatterns = [
    path("", views.home, name="home"),
    path("booths/<str:code>/", views.booth_detail, name="booth"),
]
