from django.urls import path

from blocs import views

app_name = "blocs"

urlpatterns = [
    path("", views.bloc_list, name="bloc-list"),
    path("<int:pk>/", views.bloc_detail, name="bloc-detail"),
    path("nam/<int:pk>/", views.blocyear_detail, name="blocyear-detail"),
    path("don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
]
