"""The form of an import of members: the file, read and checked as it is uploaded."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs import uploads
from emulation.spreadsheets import XLSX_CONTENT_TYPE


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách"),
        help_text=_(
            "Bảng tính .xlsx hoặc tệp .csv (UTF-8, phân cách bằng dấu ; hoặc ,), tối đa "
            "2 MB và 2.000 dòng."
        ),
        error_messages={
            "required": _("Hãy chọn tệp cần nhập."),
            "empty": _("Tệp rỗng."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": f".xlsx,.csv,{XLSX_CONTENT_TYPE},text/csv"}
        ),
    )
    create_units = forms.BooleanField(
        label=_("Tạo đơn vị mới nếu chưa có trong danh mục"),
        required=False,
        help_text=_(
            "Để trống ô này nếu danh mục đơn vị đã đầy đủ: khi đó mọi tên đơn vị không "
            "khớp đều được báo lỗi."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table: uploads.ImportTable | None = None
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the <form> and its button

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = uploads.read_upload(upload, size=upload.size)
        except uploads.ImportFileError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return upload
