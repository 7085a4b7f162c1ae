"""The campaigns app's addresses, mounted at the root (emulation/urls.py) in two
namespaces:

- `campaigns:` under /phong-trao/: campaigns, legal bases, title kinds, covenants and
  their commitments and signatures, meetings, registrations;
- `covenants:` under /giao-uoc/: the covenant's PDFs, its scanned copy and the public
  verification. These addresses are printed on paper copies (the QR code of the signed
  copy): they never change.
"""

from django.urls import include, path

from campaigns.views import addenda
from campaigns.views import campaigns as camp
from campaigns.views import covenants as cov
from campaigns.views import legal_bases as basis
from campaigns.views import meetings as meet
from campaigns.views import registrations as reg
from campaigns.views import signatures as sig

# Under hoi-nghi/khoi-nam/<int:bloc_year_pk>/: a bloc-year's meetings
bloc_year_meeting_patterns = [
    path("", meet.meeting_list, name="meeting-list"),
    path("tao/", meet.meeting_create, name="meeting-create"),
]

# Under dang-ky/khoi-nam/<int:bloc_year_pk>/: a bloc-year's registrations
registration_patterns = [
    path("", reg.registration_list, name="registration-list"),
    path("don-vi/", reg.registration_edit, name="registration-edit"),
    path("han/", reg.registration_deadline, name="registration-deadline"),
    path("khoa/", reg.registration_lock, name="registration-lock"),
    path(
        "tong-hop.xlsx",
        reg.registration_summary_xlsx,
        name="registration-summary-xlsx",
    ),
    path("tong-hop.pdf", reg.registration_summary_pdf, name="registration-summary-pdf"),
]

# Under giao-uoc/<int:pk>/: one covenant
covenant_patterns = [
    path("", cov.covenant_detail, name="covenant-detail"),
    path("sua/", cov.covenant_edit, name="covenant-edit"),
    path("mo-ky/", cov.covenant_open, name="covenant-open"),
    path("ky/", sig.covenant_sign, name="covenant-sign"),
    path("rut-chu-ky/", sig.covenant_withdraw, name="covenant-withdraw"),
    path("ky-phu-luc-gia-nhap/", addenda.addendum_sign, name="addendum-sign"),
    path("noi-dung/them/", cov.commitment_add, name="commitment-add"),
]

# Under noi-dung-giao-uoc/<int:pk>/: one commitment of a covenant
commitment_patterns = [
    path("sua/", cov.commitment_edit, name="commitment-edit"),
    path("xoa/", cov.commitment_delete, name="commitment-delete"),
    path("di-chuyen/", cov.commitment_move, name="commitment-move"),
]

campaign_patterns = [
    # Campaigns (phong trào thi đua)
    path("", camp.campaign_list, name="campaign-list"),
    path("tao/", camp.campaign_create, name="campaign-create"),
    path("<int:pk>/", camp.campaign_detail, name="campaign-detail"),
    path("<int:pk>/sua/", camp.campaign_edit, name="campaign-edit"),
    path("<int:pk>/xoa/", camp.campaign_delete, name="campaign-delete"),
    # Legal bases (căn cứ)
    path("can-cu/", basis.legalbasis_list, name="legalbasis-list"),
    path("can-cu/them/", basis.legalbasis_create, name="legalbasis-create"),
    path("can-cu/<int:pk>/sua/", basis.legalbasis_edit, name="legalbasis-edit"),
    # Title kinds (danh hiệu, hình thức khen thưởng)
    path("danh-hieu/", reg.titlekind_list, name="titlekind-list"),
    path("danh-hieu/them/", reg.titlekind_create, name="titlekind-create"),
    path("danh-hieu/<int:pk>/sua/", reg.titlekind_edit, name="titlekind-edit"),
    # Covenants (giao ước thi đua) and their commitments
    path("giao-uoc/", cov.covenant_list, name="covenant-list"),
    path(
        "giao-uoc/khoi-nam/<int:bloc_year_pk>/tao/",
        cov.covenant_create,
        name="covenant-create",
    ),
    path("giao-uoc/<int:pk>/", include(covenant_patterns)),
    path("noi-dung-giao-uoc/<int:pk>/", include(commitment_patterns)),
    # Meetings (hội nghị) of a bloc-year
    path("hoi-nghi/khoi-nam/<int:bloc_year_pk>/", include(bloc_year_meeting_patterns)),
    path("hoi-nghi/<int:pk>/", meet.meeting_detail, name="meeting-detail"),
    path("hoi-nghi/<int:pk>/sua/", meet.meeting_edit, name="meeting-edit"),
    path("hoi-nghi/<int:pk>/xoa/", meet.meeting_delete, name="meeting-delete"),
    # Registrations (đăng ký thi đua) of a bloc-year
    path("dang-ky/khoi-nam/<int:bloc_year_pk>/", include(registration_patterns)),
    path("dang-ky/<int:pk>/", reg.registration_detail, name="registration-detail"),
]

covenant_document_patterns = [
    path("<int:pk>/ban-ky-tay.pdf", sig.covenant_pdf_blank, name="pdf-blank"),
    path("<int:pk>/ban-da-ky.pdf", sig.covenant_pdf_signed, name="pdf-signed"),
    path("<int:pk>/ban-quet/", sig.covenant_scan_upload, name="scan-upload"),
    path("<int:pk>/ban-quet/tai-ve/", sig.covenant_scan_download, name="scan-download"),
    path("xac-minh/", sig.covenant_verify_lookup, name="verify-lookup"),
    path("xac-minh/<str:code>/", sig.covenant_verify, name="verify"),
]

urlpatterns = [
    path("phong-trao/", include((campaign_patterns, "campaigns"))),
    path("giao-uoc/", include((covenant_document_patterns, "covenants"))),
]
