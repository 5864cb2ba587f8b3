from django.urls import path

from martyrs import views

app_name = "martyrs"
urlpatterns = [
    path("", views.martyr_search, name="search"),
    path("<int:pk>/", views.martyr_detail, name="detail"),
]
