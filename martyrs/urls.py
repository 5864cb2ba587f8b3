from django.urls import path

from martyrs import views

app_name = "martyrs"
urlpatterns = [
    path("", views.martyr_search, name="search"),
    path("figures/", views.martyr_figures, name="figures"),
    path("neighborhood/<str:slug>/", views.martyr_neighborhood, name="neighborhood"),
    path("<int:pk>/", views.martyr_detail, name="detail"),
    path("<int:pk>/correction/", views.martyr_correction, name="correction"),
]
