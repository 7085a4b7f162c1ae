"""Forms of the board and chair workflows. They validate input; blocs.services saves.

Field names and ids are stable (Django's `id_<name>`), so browser tests can drive them.
"""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocRules, SelectionMethod
from emulation.models import Council, Unit


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
    )


def _submit(
    label,
    *,
    css_id: str,
    icon: str,
    css_class: str = "btn btn-td",
    name=None,
    value=None,
):
    content = f'<i class="bi {icon}"></i> {label}'
    kwargs = {"type": "submit", "css_class": css_class, "css_id": css_id}
    if name:
        kwargs.update(name=name, value=value)
    return StrictButton(content, **kwargs)


def _helper(form_id: str) -> FormHelper:
    helper = FormHelper()
    helper.form_id = form_id
    helper.form_method = "post"
    helper.attrs = {"novalidate": ""}
    return helper


class ElectionForm(forms.Form):
    """Kết quả bầu (chọn) khối trưởng, khối phó năm sau."""

    chair = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Khối trưởng"),
        empty_label=_("— Chọn đơn vị —"),
        error_messages={"required": _("Hãy chọn đơn vị làm khối trưởng.")},
    )
    vice_chairs = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Khối phó"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    method = forms.ChoiceField(label=_("Cách chọn"), choices=SelectionMethod.choices)
    meeting_on = forms.DateField(
        label=_("Ngày hội nghị"),
        required=False,
        widget=_date_widget(),
        help_text=_(
            "Hội nghị tổng kết năm, nơi các đơn vị giới thiệu, bầu khối trưởng, khối phó."
        ),
    )
    vote_summary = forms.CharField(
        label=_("Kết quả biểu quyết"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: 6/6 đơn vị nhất trí. Để trống nếu theo luân phiên."),
    )

    def __init__(
        self, *args, candidates: Sequence[Unit], vice_chair_count: int, **kwargs
    ):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=[u.pk for u in candidates]).order_by(
            "sort_key"
        )
        self.fields["chair"].queryset = units
        self.fields["vice_chairs"].queryset = units
        self.fields["vice_chairs"].help_text = _(
            "Theo quy định của hội đồng, mỗi khối có %(count)s khối phó."
        ) % {"count": vice_chair_count}
        self.helper = _helper("election-form")
        self.helper.layout = Layout(
            Row(
                Column("chair", css_class="col-md-6"),
                Column("method", css_class="col-md-6"),
            ),
            Field("vice_chairs", wrapper_class="td-checklist"),
            Row(
                Column("meeting_on", css_class="col-md-4"),
                Column("vote_summary", css_class="col-md-8"),
            ),
            Div(
                _submit(
                    _("Ghi nhận kết quả"),
                    css_id="election-submit",
                    icon="bi-check2-circle",
                ),
                css_class="mt-2",
            ),
        )

    def clean(self):
        data = super().clean()
        chair, vices = data.get("chair"), data.get("vice_chairs") or []
        if chair is not None and chair in vices:
            self.add_error(
                "vice_chairs", _("Khối trưởng không thể đồng thời là khối phó.")
            )
        return data


class ElectionDecideForm(forms.Form):
    """Ban Thi đua – Khen thưởng phê duyệt hoặc không phê duyệt kết quả chọn khối trưởng."""

    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(APPROVE, _("Phê duyệt")), (REJECT, _("Không phê duyệt"))],
        error_messages={"required": _("Hãy chọn phê duyệt hoặc không phê duyệt.")},
    )
    decided_on = forms.DateField(
        label=_("Ngày quyết định"),
        widget=_date_widget(),
        error_messages={"required": _("Cần nhập ngày quyết định.")},
    )
    reference = forms.CharField(
        label=_("Số văn bản"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Công văn số 125/BTĐKT-NV"),
    )

    def __init__(self, *args, allow_approve: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        if not allow_approve:
            self.fields["decision"].choices = [(self.REJECT, _("Không phê duyệt"))]
        self.helper = _helper("election-decide-form")
        buttons = []
        if allow_approve:
            buttons.append(
                _submit(
                    _("Phê duyệt"),
                    css_id="decide-approve",
                    icon="bi-check-circle",
                    name="decision",
                    value=self.APPROVE,
                )
            )
        buttons.append(
            _submit(
                _("Không phê duyệt") if allow_approve else _("Hủy phê duyệt"),
                css_id="decide-reject",
                icon="bi-x-circle",
                css_class="btn btn-outline-danger",
                name="decision",
                value=self.REJECT,
            )
        )
        self.helper.layout = Layout(
            Row(
                Column("decided_on", css_class="col-md-4"),
                Column("reference", css_class="col-md-8"),
            ),
            Div(*buttons, css_class="d-flex flex-wrap gap-2 mt-2"),
        )


class YearOpenForm(forms.Form):
    from_year = forms.IntegerField(
        min_value=2000, max_value=2099, widget=forms.HiddenInput
    )


class UnitMergeForm(forms.Form):
    """Sáp nhập, hợp nhất: A + B → C."""

    predecessors = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Các đơn vị sáp nhập, hợp nhất"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chọn ít nhất 2 đơn vị đang hoạt động."),
        error_messages={
            "required": _("Chọn ít nhất 2 đơn vị."),
            "invalid_choice": _(
                "Đơn vị đã chọn không có trong danh sách hoặc đã sáp nhập, giải thể."
            ),
        },
    )
    successor_name = forms.CharField(
        label=_("Tên đơn vị sau sáp nhập"),
        max_length=200,
        help_text=_(
            "Nếu hội đồng đã có đơn vị đang hoạt động mang đúng tên này, các đơn vị trên sáp nhập vào đơn vị đó."
        ),
        error_messages={"required": _("Cần nhập tên đơn vị sau sáp nhập.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"),
        required=False,
        choices=[("", _("— Như các đơn vị cũ —")), *Unit.Kind.choices],
    )
    effective_on = forms.DateField(
        label=_("Ngày có hiệu lực"),
        widget=_date_widget(),
        error_messages={"required": _("Cần nhập ngày có hiệu lực.")},
    )
    reference = forms.CharField(
        label=_("Căn cứ (số quyết định)"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Quyết định số 1234/QĐ-UBND ngày 28/02/2025"),
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["predecessors"].queryset = Unit.objects.filter(
            council=council, status=Unit.Status.ACTIVE
        ).order_by("sort_key")
        self.helper = _helper("unit-merge-form")
        self.helper.layout = Layout(
            Field("predecessors", wrapper_class="td-checklist"),
            Row(
                Column("successor_name", css_class="col-md-8"),
                Column("kind", css_class="col-md-4"),
            ),
            Row(
                Column("effective_on", css_class="col-md-4"),
                Column("reference", css_class="col-md-8"),
            ),
            Div(
                _submit(_("Sáp nhập"), css_id="unit-merge-submit", icon="bi-union"),
                css_class="mt-2",
            ),
        )

    def clean_predecessors(self):
        units = self.cleaned_data["predecessors"]
        if len(units) < 2:
            raise forms.ValidationError(_("Sáp nhập cần ít nhất 2 đơn vị."))
        return list(units)

    def clean_successor_name(self):
        return " ".join(self.cleaned_data["successor_name"].split())

    def clean(self):
        data = super().clean()
        name, units = data.get("successor_name"), data.get("predecessors") or []
        if name and any(u.name == name for u in units):
            self.add_error(
                "successor_name",
                _("Đơn vị sau sáp nhập phải khác các đơn vị được sáp nhập."),
            )
        elif name:
            taken = Unit.objects.filter(council=self.council, name=name).exclude(
                status=Unit.Status.ACTIVE
            )
            if taken.exists():
                self.add_error(
                    "successor_name",
                    _(
                        "Tên này là của một đơn vị đã sáp nhập hoặc giải thể; hãy chọn tên khác."
                    ),
                )
        return data


class UnitRenameForm(forms.Form):
    """Đổi tên đơn vị: a new unit continues the old one's history."""

    new_name = forms.CharField(
        label=_("Tên mới"),
        max_length=200,
        error_messages={"required": _("Cần nhập tên mới.")},
    )
    effective_on = forms.DateField(
        label=_("Ngày có hiệu lực"),
        widget=_date_widget(),
        error_messages={"required": _("Cần nhập ngày có hiệu lực.")},
    )
    reference = forms.CharField(
        label=_("Căn cứ (số quyết định)"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Quyết định số 1234/QĐ-UBND ngày 28/02/2025"),
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.helper = _helper("unit-rename-form")
        self.helper.layout = Layout(
            "new_name",
            Row(
                Column("effective_on", css_class="col-md-4"),
                Column("reference", css_class="col-md-8"),
            ),
            Div(
                _submit(
                    _("Đổi tên"), css_id="unit-rename-submit", icon="bi-pencil-square"
                ),
                css_class="mt-2",
            ),
        )

    def clean_new_name(self):
        name = " ".join(self.cleaned_data["new_name"].split())
        if name == self.unit.name:
            raise forms.ValidationError(_("Tên mới phải khác tên hiện tại."))
        if Unit.objects.filter(council_id=self.unit.council_id, name=name).exists():
            raise forms.ValidationError(_("Hội đồng đã có đơn vị mang tên này."))
        return name


class BlocRulesForm(forms.ModelForm):
    """The blocs section of the council settings: how chairs and vice-chairs are chosen."""

    class Meta:
        model = BlocRules
        fields = [
            "chair_selection_method",
            "vice_chair_count",
            "vice_chair_moves_up",
            "chair_approval_required",
            "chair_term_years",
        ]
        help_texts = {
            "chair_selection_method": _(
                "Cách chọn mặc định: luân phiên theo thứ tự, bầu tại hội nghị tổng kết, hoặc chỉ định. "
                "Mặc định: luân phiên."
            ),
            "vice_chair_count": _("Từ 0 đến 3. Mặc định: 1 (có nơi 2 khối phó)."),
            "vice_chair_moves_up": _(
                "Bật: khối phó thứ nhất năm trước đề xuất làm khối trưởng năm sau. Tắt: đơn vị kế tiếp sau "
                "khối trưởng năm trước theo thứ tự luân phiên. Mặc định: bật."
            ),
            "chair_approval_required": _(
                "Bật: kết quả chọn khối trưởng, khối phó chỉ có hiệu lực khi Ban Thi đua – Khen thưởng phê duyệt. "
                "Tắt: có hiệu lực ngay khi ghi nhận. Mặc định: bật."
            ),
            "chair_term_years": _("Từ 1 đến 5 năm. Mặc định: 1 năm."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("Khối trưởng, khối phó"),
                Row(Column("chair_selection_method", css_class="col-md-6")),
                Row(
                    Column("vice_chair_count", css_class="col-md-6"),
                    Column("chair_term_years", css_class="col-md-6"),
                ),
                "vice_chair_moves_up",
                "chair_approval_required",
            ),
        )
