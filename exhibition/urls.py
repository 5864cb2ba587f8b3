from django.urls import path

from exhibition import views
from exhibition.schedule_urls import urlpatterns as schedule_urlpatterns

app_name = "exhibition"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("booths/", views.booth_list, name="booth_list"),
    path("booths/<str:code>/", views.booth_detail, name="booth"),
    path("booths/<str:code>/connect/", views.booth_connect, name="booth_connect"),
    path("booths/<str:code>/qr.svg", views.booth_qr_svg, name="booth_qr_svg"),
    path("booths/<str:code>/qr.png", views.booth_qr_png, name="booth_qr_png"),
    path("plan/", views.floor_plan, name="floor_plan"),
    path("statistics/", views.statistics, name="statistics"),
    path("search/", views.search, name="search"),
]

urlpatterns += schedule_urlpatterns
