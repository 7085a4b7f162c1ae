"""Pages of the top app, mounted at the site root with plain URL names (no namespace):
"dashboard", "blocyear-detail", "council-settings"."""

from django.urls import path

from dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("khoi/nam/<int:pk>/", views.blocyear_detail, name="blocyear-detail"),
    path("cau-hinh/", views.council_settings, name="council-settings"),
]
