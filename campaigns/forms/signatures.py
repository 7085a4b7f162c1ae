"""The forms of the covenant's signatures: a unit's signature and the scanned paper
copy."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.documents.scans import validate_scan
from campaigns.forms.layout import helper


class SignatureForm(forms.Form):
    signer_name = forms.CharField(
        label=_("Họ tên người ký"),
        max_length=150,
        error_messages={"required": _("Hãy nhập họ tên người ký.")},
    )
    signer_position = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=150,
        error_messages={"required": _("Hãy nhập chức vụ người ký.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Row(
                Column("signer_name", css_class="col-md-6"),
                Column("signer_position", css_class="col-md-6"),
            )
        )


class ScanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bản quét giao ước có chữ ký tay"),
        help_text=_(
            "Tệp PDF hoặc ảnh JPG/PNG, tối đa 10 MB. Tải lên bản mới sẽ thay bản cũ."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}
        ),
        error_messages={
            "required": _("Hãy chọn tệp bản quét."),
            "empty": _("Tệp đã chọn rỗng."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "scan-upload-form"
        self.helper.add_input(
            Submit("submit", _("Tải lên bản quét"), css_class="btn-td")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_scan(upload)  # raises ValidationError with the Vietnamese reason
        return upload
