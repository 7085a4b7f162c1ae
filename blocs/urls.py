from django.urls import path

from blocs import views, views_io, views_workflow

app_name = "blocs"

urlpatterns = [
    # Read pages and board/chair forms (blocs/views.py)
    path("", views.bloc_list, name="bloc-list"),
    path("<int:pk>/", views.bloc_detail, name="bloc-detail"),
    path("don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("them/", views.bloc_create, name="bloc-create"),
    path("<int:pk>/sua/", views.bloc_update, name="bloc-update"),
    path("<int:pk>/luan-phien/", views.bloc_rotation, name="bloc-rotation"),
    path("<int:pk>/them-nam/", views.blocyear_create, name="blocyear-create"),
    path("nam/<int:pk>/thanh-vien/", views.blocyear_members, name="blocyear-members"),
    path(
        "nam/<int:pk>/thanh-vien/<int:membership_pk>/bo/",
        views.blocyear_member_remove,
        name="blocyear-member-remove",
    ),
    path("nam/<int:pk>/lich/", views.blocyear_schedule, name="blocyear-schedule"),
    path("don-vi/them/", views.unit_create, name="unit-create"),
    path("don-vi/<int:pk>/sua/", views.unit_update, name="unit-update"),
    # Workflows (blocs/views_workflow.py)
    path(
        "<int:bloc_pk>/bau-khoi-truong/",
        views_workflow.election_create,
        name="election-create",
    ),
    path(
        "bau-khoi-truong/<int:pk>/phe-duyet/",
        views_workflow.election_decide,
        name="election-decide",
    ),
    path("<int:bloc_pk>/mo-nam-moi/", views_workflow.year_open, name="year-open"),
    path("don-vi/sap-nhap/", views_workflow.unit_merge, name="unit-merge"),
    path("don-vi/<int:pk>/doi-ten/", views_workflow.unit_rename, name="unit-rename"),
    # Import and export (blocs/views_io.py)
    path("nhap-tep/", views_io.import_upload, name="import-upload"),
    path("nhap-tep/xac-nhan/", views_io.import_confirm, name="import-confirm"),
    path(
        "nhap-tep/xem-truoc/<str:token>/",
        views_io.import_preview,
        name="import-preview",
    ),
    path("nhap-tep/huy/", views_io.import_cancel, name="import-cancel"),
    path("nhap-tep/mau.xlsx", views_io.import_template, name="import-template"),
    path(
        "nam/<int:pk>/danh-sach.xlsx",
        views_io.blocyear_export_xlsx,
        name="blocyear-export-xlsx",
    ),
    path(
        "nam/<int:pk>/danh-sach.pdf",
        views_io.blocyear_export_pdf,
        name="blocyear-export-pdf",
    ),
]
