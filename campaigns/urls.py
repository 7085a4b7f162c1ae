"""The campaigns app's addresses, mounted at the root (emulation/urls.py) in two
namespaces:

- `campaigns:` under /phong-trao/: campaigns, legal bases, title kinds, covenants and
  their commitments and signatures, meetings, registrations;
- `covenants:` under /giao-uoc/: the covenant's PDFs, its scanned copy and the public
  verification. These addresses are printed on paper copies (the QR code of the signed
  copy): they never change.
"""

from django.urls import include, path

from campaigns.views import (
    addenda,
    campaigns,
    covenants,
    legal_bases,
    meetings,
    registrations,
    signatures,
)

campaign_patterns = [
    # Campaigns (phong trào thi đua)
    path("", campaigns.campaign_list, name="campaign-list"),
    path("tao/", campaigns.campaign_create, name="campaign-create"),
    path("<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("<int:pk>/sua/", campaigns.campaign_edit, name="campaign-edit"),
    path("<int:pk>/xoa/", campaigns.campaign_delete, name="campaign-delete"),
    # Legal bases (căn cứ)
    path("can-cu/", legal_bases.legalbasis_list, name="legalbasis-list"),
    path("can-cu/them/", legal_bases.legalbasis_create, name="legalbasis-create"),
    path("can-cu/<int:pk>/sua/", legal_bases.legalbasis_edit, name="legalbasis-edit"),
    # Title kinds (danh hiệu, hình thức khen thưởng)
    path("danh-hieu/", registrations.titlekind_list, name="titlekind-list"),
    path("danh-hieu/them/", registrations.titlekind_create, name="titlekind-create"),
    path(
        "danh-hieu/<int:pk>/sua/", registrations.titlekind_edit, name="titlekind-edit"
    ),
    # Covenants (giao ước thi đua) and their commitments
    path("giao-uoc/", covenants.covenant_list, name="covenant-list"),
    path(
        "giao-uoc/khoi-nam/<int:bloc_year_pk>/tao/",
        covenants.covenant_create,
        name="covenant-create",
    ),
    path("giao-uoc/<int:pk>/", covenants.covenant_detail, name="covenant-detail"),
    path("giao-uoc/<int:pk>/sua/", covenants.covenant_edit, name="covenant-edit"),
    path("giao-uoc/<int:pk>/mo-ky/", covenants.covenant_open, name="covenant-open"),
    path("giao-uoc/<int:pk>/ky/", signatures.covenant_sign, name="covenant-sign"),
    path(
        "giao-uoc/<int:pk>/rut-chu-ky/",
        signatures.covenant_withdraw,
        name="covenant-withdraw",
    ),
    path(
        "giao-uoc/<int:pk>/ky-phu-luc-gia-nhap/",
        addenda.addendum_sign,
        name="addendum-sign",
    ),
    path(
        "giao-uoc/<int:pk>/noi-dung/them/",
        covenants.commitment_add,
        name="commitment-add",
    ),
    path(
        "noi-dung-giao-uoc/<int:pk>/sua/",
        covenants.commitment_edit,
        name="commitment-edit",
    ),
    path(
        "noi-dung-giao-uoc/<int:pk>/xoa/",
        covenants.commitment_delete,
        name="commitment-delete",
    ),
    path(
        "noi-dung-giao-uoc/<int:pk>/di-chuyen/",
        covenants.commitment_move,
        name="commitment-move",
    ),
    # Meetings (hội nghị) of a bloc-year
    path(
        "hoi-nghi/khoi-nam/<int:bloc_year_pk>/",
        meetings.meeting_list,
        name="meeting-list",
    ),
    path(
        "hoi-nghi/khoi-nam/<int:bloc_year_pk>/tao/",
        meetings.meeting_create,
        name="meeting-create",
    ),
    path("hoi-nghi/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("hoi-nghi/<int:pk>/sua/", meetings.meeting_edit, name="meeting-edit"),
    path("hoi-nghi/<int:pk>/xoa/", meetings.meeting_delete, name="meeting-delete"),
    # Registrations (đăng ký thi đua) of a bloc-year
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/",
        registrations.registration_list,
        name="registration-list",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/don-vi/",
        registrations.registration_edit,
        name="registration-edit",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/han/",
        registrations.registration_deadline,
        name="registration-deadline",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/khoa/",
        registrations.registration_lock,
        name="registration-lock",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/tong-hop.xlsx",
        registrations.registration_summary_xlsx,
        name="registration-summary-xlsx",
    ),
    path(
        "dang-ky/khoi-nam/<int:bloc_year_pk>/tong-hop.pdf",
        registrations.registration_summary_pdf,
        name="registration-summary-pdf",
    ),
    path(
        "dang-ky/<int:pk>/",
        registrations.registration_detail,
        name="registration-detail",
    ),
]

covenant_document_patterns = [
    path("<int:pk>/ban-ky-tay.pdf", signatures.covenant_pdf_blank, name="pdf-blank"),
    path("<int:pk>/ban-da-ky.pdf", signatures.covenant_pdf_signed, name="pdf-signed"),
    path("<int:pk>/ban-quet/", signatures.covenant_scan_upload, name="scan-upload"),
    path(
        "<int:pk>/ban-quet/tai-ve/",
        signatures.covenant_scan_download,
        name="scan-download",
    ),
    path("xac-minh/", signatures.covenant_verify_lookup, name="verify-lookup"),
    path("xac-minh/<str:code>/", signatures.covenant_verify, name="verify"),
]

urlpatterns = [
    path("phong-trao/", include((campaign_patterns, "campaigns"))),
    path("giao-uoc/", include((covenant_document_patterns, "covenants"))),
]
