from django.urls import path

from exhibition import views
from exhibition.schedule_urls import urlpatterns as schedule_urlpatterns

app_name = "exhibition"
urlpatterns = [
    path("", views.home, name="home"),
    path("booths/<str:code>/", views.booth_detail, name="booth"),
]

urlpatterns += schedule_urlpatterns
