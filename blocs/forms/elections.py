"""Forms of the chair election: the choice of a year's chair and vice-chairs, the
board's decision, and the blocs section of the council settings."""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.layout import Field
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocRules, ChairElection, SelectionMethod
from emulation.forms import (
    DateInput,
    columns,
    form_helper,
    icon_button,
    settings_section,
)
from emulation.models import Unit


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
        widget=DateInput(),
        help_text=_(
            "Hội nghị tổng kết năm, nơi các đơn vị giới thiệu, bầu khối trưởng, "
            "khối phó."
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
        self.helper = form_helper(
            columns(chair=6, method=6),
            Field("vice_chairs", wrapper_class="td-checklist"),
            columns(meeting_on=4, vote_summary=8),
            form_id="election-form",
            buttons=[
                icon_button(
                    _("Ghi nhận kết quả"),
                    css_id="election-submit",
                    icon="bi-check2-circle",
                )
            ],
            buttons_class="mt-2",
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
    """Ban Thi đua – Khen thưởng phê duyệt hoặc không phê duyệt kết quả chọn khối
    trưởng. A pending election may be approved or rejected; an approved one may only
    be withdrawn (rejected)."""

    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(APPROVE, _("Phê duyệt")), (REJECT, _("Không phê duyệt"))],
        error_messages={"required": _("Hãy chọn phê duyệt hoặc không phê duyệt.")},
    )
    decided_on = forms.DateField(
        label=_("Ngày quyết định"),
        widget=DateInput(),
        error_messages={"required": _("Cần nhập ngày quyết định.")},
    )
    reference = forms.CharField(
        label=_("Số văn bản"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Công văn số 125/BTĐKT-NV"),
    )

    def __init__(self, *args, election: ChairElection, **kwargs):
        super().__init__(*args, **kwargs)
        allow_approve = election.status == ChairElection.Status.PENDING
        self.fields["decided_on"].initial = timezone.localdate()
        if not allow_approve:
            self.fields["decision"].choices = [(self.REJECT, _("Không phê duyệt"))]
        buttons = []
        if allow_approve:
            buttons.append(
                icon_button(
                    _("Phê duyệt"),
                    css_id="decide-approve",
                    icon="bi-check-circle",
                    name="decision",
                    value=self.APPROVE,
                )
            )
        buttons.append(
            icon_button(
                _("Không phê duyệt") if allow_approve else _("Hủy phê duyệt"),
                css_id="decide-reject",
                icon="bi-x-circle",
                css_class="btn btn-outline-danger",
                name="decision",
                value=self.REJECT,
            )
        )
        self.helper = form_helper(
            columns(decided_on=4, reference=8),
            form_id="election-decide-form",
            buttons=buttons,
            buttons_class="d-flex flex-wrap gap-2 mt-2",
        )

    @property
    def approves(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class BlocRulesForm(forms.ModelForm):
    """The blocs section of the council settings: how chairs and vice-chairs are chosen
    (docs/domain.md §3, §9)."""

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
                "Cách chọn mặc định: luân phiên theo thứ tự, bầu tại hội nghị tổng kết, "
                "hoặc chỉ định. Mặc định: luân phiên."
            ),
            "vice_chair_count": _("Từ 0 đến 3. Mặc định: 1 (có nơi 2 khối phó)."),
            "vice_chair_moves_up": _(
                "Bật: khối phó thứ nhất năm trước đề xuất làm khối trưởng năm sau. Tắt: "
                "đơn vị kế tiếp sau khối trưởng năm trước theo thứ tự luân phiên. Mặc "
                "định: bật."
            ),
            "chair_approval_required": _(
                "Bật: kết quả chọn khối trưởng, khối phó chỉ có hiệu lực khi Ban Thi đua "
                "– Khen thưởng phê duyệt. Tắt: có hiệu lực ngay khi ghi nhận. Mặc định: "
                "bật."
            ),
            "chair_term_years": _("Từ 1 đến 5 năm. Mặc định: 1 năm."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = settings_section(
            _("Khối trưởng, khối phó"),
            columns(chair_selection_method=6),
            columns(vice_chair_count=6, chair_term_years=6),
            "vice_chair_moves_up",
            "chair_approval_required",
        )
