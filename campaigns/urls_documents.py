"""Covenant documents: PDFs, the public verification page, the scanned copy. URL names are final."""

from django.urls import path

from campaigns import views_documents as views

app_name = "covenants"

urlpatterns = [
    path("<int:pk>/ban-ky-tay.pdf", views.covenant_pdf_blank, name="pdf-blank"),
    path("<int:pk>/ban-da-ky.pdf", views.covenant_pdf_signed, name="pdf-signed"),
    path("<int:pk>/ban-quet/", views.covenant_scan_upload, name="scan-upload"),
    path(
        "<int:pk>/ban-quet/tai-ve/", views.covenant_scan_download, name="scan-download"
    ),
    path("xac-minh/", views.covenant_verify_lookup, name="verify-lookup"),
    path("xac-minh/<str:code>/", views.covenant_verify, name="verify"),
]
