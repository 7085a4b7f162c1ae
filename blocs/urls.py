from django.urls import include, path

from blocs.views import elections as elec
from blocs.views import imports as imp
from blocs.views import reference as ref
from blocs.views import restructuring as restr
from blocs.views import year_open as yopen

app_name = "blocs"

# Under nam/<int:pk>/: one bloc-year
bloc_year_patterns = [
    path("thanh-vien/", ref.blocyear_members, name="blocyear-members"),
    path(
        "thanh-vien/<int:membership_pk>/bo/",
        ref.blocyear_member_remove,
        name="blocyear-member-remove",
    ),
    path("lich/", ref.blocyear_schedule, name="blocyear-schedule"),
    path("danh-sach.xlsx", imp.blocyear_export_xlsx, name="blocyear-export-xlsx"),
    path("danh-sach.pdf", imp.blocyear_export_pdf, name="blocyear-export-pdf"),
]

urlpatterns = [
    # Reference data: lists, pages and the board's and chair's forms
    path("", ref.bloc_list, name="bloc-list"),
    path("<int:pk>/", ref.bloc_detail, name="bloc-detail"),
    path("don-vi/", ref.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/", ref.unit_detail, name="unit-detail"),
    path("them/", ref.bloc_create, name="bloc-create"),
    path("<int:pk>/sua/", ref.bloc_update, name="bloc-update"),
    path("<int:pk>/luan-phien/", ref.bloc_rotation, name="bloc-rotation"),
    path("<int:pk>/them-nam/", ref.blocyear_create, name="blocyear-create"),
    path("don-vi/them/", ref.unit_create, name="unit-create"),
    path("don-vi/<int:pk>/sua/", ref.unit_update, name="unit-update"),
    # The chair election
    path(
        "<int:bloc_pk>/bau-khoi-truong/", elec.election_create, name="election-create"
    ),
    path(
        "bau-khoi-truong/<int:pk>/phe-duyet/",
        elec.election_decide,
        name="election-decide",
    ),
    # Opening a new year
    path("<int:bloc_pk>/mo-nam-moi/", yopen.year_open, name="year-open"),
    # Restructuring
    path("don-vi/sap-nhap/", restr.unit_merge, name="unit-merge"),
    path("don-vi/<int:pk>/doi-ten/", restr.unit_rename, name="unit-rename"),
    # Import and export of member lists
    path("nhap-tep/", imp.import_upload, name="import-upload"),
    path("nhap-tep/xac-nhan/", imp.import_confirm, name="import-confirm"),
    path("nhap-tep/xem-truoc/<str:token>/", imp.import_preview, name="import-preview"),
    path("nhap-tep/huy/", imp.import_cancel, name="import-cancel"),
    path("nhap-tep/mau.xlsx", imp.import_template, name="import-template"),
    # A bloc-year's members, schedule and member list
    path("nam/<int:pk>/", include(bloc_year_patterns)),
]
