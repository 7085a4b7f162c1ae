"""Campaigns, legal bases, meetings, covenants, title kinds and registrations (mounted at /phong-trao/)."""

from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    # Campaigns (phong trào thi đua)
    path("", views.campaign_list, name="campaign-list"),
    path("tao/", views.campaign_create, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="campaign-edit"),
    path("<int:pk>/xoa/", views.campaign_delete, name="campaign-delete"),
    # Legal bases (căn cứ)
    path("can-cu/", views.legalbasis_list, name="legalbasis-list"),
    path("can-cu/them/", views.legalbasis_create, name="legalbasis-create"),
    path("can-cu/<int:pk>/sua/", views.legalbasis_edit, name="legalbasis-edit"),
    # Title kinds (danh hiệu, hình thức khen thưởng)
    path("danh-hieu/", views.titlekind_list, name="titlekind-list"),
    path("danh-hieu/them/", views.titlekind_create, name="titlekind-create"),
    path("danh-hieu/<int:pk>/sua/", views.titlekind_edit, name="titlekind-edit"),
    # Covenants (giao ước thi đua) and their commitments
    path("giao-uoc/", views.covenant_list, name="covenant-list"),
    path(
        "giao-uoc/khoi-nam/<int:bloc_year_pk>/tao/",
        views.covenant_create,
        name="covenant-create",
    ),
    path("giao-uoc/<int:pk>/", views.covenant_detail, name="covenant-detail"),
    path("giao-uoc/<int:pk>/sua/", views.covenant_edit, name="covenant-edit"),
    path("giao-uoc/<int:pk>/mo-ky/", views.covenant_open, name="covenant-open"),
    path("giao-uoc/<int:pk>/ky/", views.covenant_sign, name="covenant-sign"),
    path(
        "giao-uoc/<int:pk>/rut-chu-ky/",
        views.covenant_withdraw,
        name="covenant-withdraw",
    ),
    path(
        "giao-uoc/<int:pk>/noi-dung/them/", views.commitment_add, name="commitment-add"
    ),
    path(
        "noi-dung-giao-uoc/<int:pk>/sua/", views.commitment_edit, name="commitment-edit"
    ),
    path(
        "noi-dung-giao-uoc/<int:pk>/xoa/",
        views.commitment_delete,
        name="commitment-delete",
    ),
    path(
        "noi-dung-giao-uoc/<int:pk>/di-chuyen/",
        views.commitment_move,
        name="commitment-move",
    ),
    # Meetings (hội nghị) of a bloc-year
    path(
        "hoi-nghi/khoi-nam/<int:bloc_year_pk>/", views.meeting_list, name="meeting-list"
    ),
    path(
        "hoi-nghi/khoi-nam/<int:bloc_year_pk>/tao/",
        views.meeting_create,
        name="meeting-create",
    ),
    path("hoi-nghi/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("hoi-nghi/<int:pk>/sua/", views.meeting_edit, name="meeting-edit"),
    path("hoi-nghi/<int:pk>/xoa/", views.meeting_delete, name="meeting-delete"),
    # Registrations (đăng ký thi đua) of a bloc-year
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/",
        views.registration_list,
        name="registration-list",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/don-vi/",
        views.registration_edit,
        name="registration-edit",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/han/",
        views.registration_deadline,
        name="registration-deadline",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/khoa/",
        views.registration_lock,
        name="registration-lock",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/tong-hop.xlsx",
        views.registration_summary_xlsx,
        name="registration-summary-xlsx",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/tong-hop.pdf",
        views.registration_summary_pdf,
        name="registration-summary-pdf",
    ),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration-detail"),
]
