from django.urls import path

from blocs.views import elections, imports, reference, restructuring, year_open

app_name = "blocs"

urlpatterns = [
    # Reference data: lists, pages and the board's and chair's forms
    path("", reference.bloc_list, name="bloc-list"),
    path("<int:pk>/", reference.bloc_detail, name="bloc-detail"),
    path("don-vi/", reference.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/", reference.unit_detail, name="unit-detail"),
    path("them/", reference.bloc_create, name="bloc-create"),
    path("<int:pk>/sua/", reference.bloc_update, name="bloc-update"),
    path("<int:pk>/luan-phien/", reference.bloc_rotation, name="bloc-rotation"),
    path("<int:pk>/them-nam/", reference.blocyear_create, name="blocyear-create"),
    path(
        "nam/<int:pk>/thanh-vien/",
        reference.blocyear_members,
        name="blocyear-members",
    ),
    path(
        "nam/<int:pk>/thanh-vien/<int:membership_pk>/bo/",
        reference.blocyear_member_remove,
        name="blocyear-member-remove",
    ),
    path("nam/<int:pk>/lich/", reference.blocyear_schedule, name="blocyear-schedule"),
    path("don-vi/them/", reference.unit_create, name="unit-create"),
    path("don-vi/<int:pk>/sua/", reference.unit_update, name="unit-update"),
    # The chair election
    path(
        "<int:bloc_pk>/bau-khoi-truong/",
        elections.election_create,
        name="election-create",
    ),
    path(
        "bau-khoi-truong/<int:pk>/phe-duyet/",
        elections.election_decide,
        name="election-decide",
    ),
    # Opening a new year
    path("<int:bloc_pk>/mo-nam-moi/", year_open.year_open, name="year-open"),
    # Restructuring
    path("don-vi/sap-nhap/", restructuring.unit_merge, name="unit-merge"),
    path("don-vi/<int:pk>/doi-ten/", restructuring.unit_rename, name="unit-rename"),
    # Import and export of member lists
    path("nhap-tep/", imports.import_upload, name="import-upload"),
    path("nhap-tep/xac-nhan/", imports.import_confirm, name="import-confirm"),
    path(
        "nhap-tep/xem-truoc/<str:token>/",
        imports.import_preview,
        name="import-preview",
    ),
    path("nhap-tep/huy/", imports.import_cancel, name="import-cancel"),
    path("nhap-tep/mau.xlsx", imports.import_template, name="import-template"),
    path(
        "nam/<int:pk>/danh-sach.xlsx",
        imports.blocyear_export_xlsx,
        name="blocyear-export-xlsx",
    ),
    path(
        "nam/<int:pk>/danh-sach.pdf",
        imports.blocyear_export_pdf,
        name="blocyear-export-pdf",
    ),
]
