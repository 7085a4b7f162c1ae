"""Forms of the campaigns app: they validate input; the services save it."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from campaigns import permissions, selectors
from campaigns.models import Campaign, Covenant, LegalBasis, Meeting, TitleKind
from emulation.models import Unit


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy whatever the browser's locale (a native date picker shows
    mm/dd/yyyy in an English browser); the vi format module also accepts yyyy-mm-dd."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


DATE_INVALID = _(
    "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/03/2026."
)


def _vietnamese_dates(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE_INVALID


def _helper(*fields_or_rows) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if fields_or_rows:
        helper.layout = Layout(*fields_or_rows)
    return helper


# --- Legal bases -----------------------------------------------------------------------


class LegalBasisForm(forms.ModelForm):
    class Meta:
        model = LegalBasis
        fields = [
            "kind",
            "number",
            "issued_on",
            "issuer",
            "title",
            "effective_from",
            "effective_to",
            "replaced_by",
        ]
        widgets = {
            "issued_on": DateInput(),
            "effective_from": DateInput(),
            "effective_to": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": _("Ví dụ: Tiếp tục đổi mới công tác thi đua, khen thưởng")
        }

    def __init__(self, *args, council_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        others = selectors.legal_bases_for_council(council_id=council_id)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others
        self.fields["issued_on"].error_messages["required"] = _(
            "Hãy nhập ngày ban hành."
        )
        _vietnamese_dates(self)
        self.helper = _helper(
            Row(
                Column("kind", css_class="col-md-4"),
                Column("number", css_class="col-md-4"),
                Column("issued_on", css_class="col-md-4"),
            ),
            "issuer",
            "title",
            Row(
                Column("effective_from", css_class="col-md-4"),
                Column("effective_to", css_class="col-md-4"),
                Column("replaced_by", css_class="col-md-4"),
            ),
        )


# --- Campaigns -------------------------------------------------------------------------


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "level",
            "bloc_year",
            "unit",
            "title",
            "theme",
            "kind",
            "occasion",
            "launched_on",
            "starts_on",
            "ends_on",
            "legal_bases",
            "description",
        ]
        widgets = {
            "launched_on": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "legal_bases": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "theme": _("Ví dụ: Chủ động, hiệu quả, kỷ cương, linh hoạt"),
            "occasion": _(
                "Với đợt thi đua cao điểm, ví dụ: 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"
            ),
        }

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.council = council
        if self.instance.pk is None:
            self.instance.council = council
        is_board = permissions.is_board_of(user, council.pk)
        levels = [(v, label) for v, label in Campaign.Level.choices]
        if not is_board:
            allowed = set()
            if permissions.chair_bloc_year_ids(user):
                allowed.add(Campaign.Level.BLOC)
            if user.unit_id:
                allowed.add(Campaign.Level.UNIT)
            if self.instance.pk:
                allowed.add(self.instance.level)
            levels = [(v, label) for v, label in levels if v in allowed]
        self.fields["level"].choices = levels
        bloc_years = BlocYear.objects.filter(bloc__council=council).select_related(
            "bloc"
        )
        if not is_board:
            bloc_years = bloc_years.filter(pk__in=permissions.chair_bloc_year_ids(user))
        self.fields["bloc_year"].queryset = bloc_years.order_by(
            "-year", "bloc__sort_key"
        )
        self.fields["bloc_year"].label_from_instance = lambda by: (
            f"{by.bloc.name} – {by.year}"
        )
        units = Unit.objects.filter(council=council)
        if not is_board:
            units = units.filter(pk=user.unit_id)
        self.fields["unit"].queryset = units.order_by("sort_key")
        self.fields["legal_bases"].queryset = selectors.legal_bases_for_council(
            council_id=council.pk
        )
        self.fields["legal_bases"].label_from_instance = lambda b: b.citation
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["required"] = _("Hãy nhập ngày.")
        self.fields["title"].error_messages["required"] = _("Hãy nhập tên phong trào.")
        _vietnamese_dates(self)
        self.helper = _helper(
            Row(
                Column("level", css_class="col-md-4"),
                Column("bloc_year", css_class="col-md-4"),
                Column("unit", css_class="col-md-4"),
            ),
            "title",
            "theme",
            Row(
                Column("kind", css_class="col-md-4"),
                Column("occasion", css_class="col-md-8"),
            ),
            Row(
                Column("launched_on", css_class="col-md-4"),
                Column("starts_on", css_class="col-md-4"),
                Column("ends_on", css_class="col-md-4"),
            ),
            "description",
            Div(Field("legal_bases"), css_class="td-checklist"),
        )

    def clean(self):
        data = super().clean()
        level = data.get("level")
        bloc_year = data.get("bloc_year") if level == Campaign.Level.BLOC else None
        unit = data.get("unit") if level == Campaign.Level.UNIT else None
        data["bloc_year"], data["unit"] = bloc_year, unit
        if level == Campaign.Level.BLOC and bloc_year is None:
            self.add_error("bloc_year", _("Hãy chọn khối và năm thi đua phát động."))
        elif level == Campaign.Level.UNIT and unit is None:
            self.add_error("unit", _("Hãy chọn đơn vị phát động."))
        elif level and not permissions.can_launch_campaign(
            self.user,
            council_id=self.council.pk,
            level=level,
            bloc_year=bloc_year,
            unit=unit,
        ):
            self.add_error("level", _("Bạn không được phát động phong trào ở cấp này."))
        return data


# --- Meetings --------------------------------------------------------------------------


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "held_on",
            "place",
            "host_unit",
            "units_present",
            "guests",
            "summary",
        ]
        widgets = {
            "held_on": DateInput(),
            "units_present": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, bloc_year: BlocYear, **kwargs):
        super().__init__(*args, **kwargs)
        member_units = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by(
            "sort_key"
        )
        self.fields["host_unit"].queryset = member_units
        self.fields["units_present"].queryset = member_units
        self.fields["held_on"].error_messages["required"] = _("Hãy nhập ngày họp.")
        _vietnamese_dates(self)
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("units_present", list(member_units))
        self.helper = _helper(
            Row(
                Column("kind", css_class="col-md-6"),
                Column("held_on", css_class="col-md-3"),
                Column("host_unit", css_class="col-md-3"),
            ),
            "place",
            Div(Field("units_present"), css_class="td-checklist"),
            "guests",
            "summary",
        )


# --- The covenant ----------------------------------------------------------------------


class CovenantForm(forms.ModelForm):
    class Meta:
        model = Covenant
        fields = ["title", "legal_bases", "preamble", "annex", "signing_place"]
        widgets = {
            "legal_bases": forms.CheckboxSelectMultiple,
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "annex": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_bases"].queryset = selectors.legal_bases_for_council(
            council_id=council_id
        )
        self.fields["legal_bases"].label_from_instance = lambda b: (
            b.citation
            + (
                ""
                if b.effective_to is None
                else f" (hết hiệu lực {b.effective_to:%d/%m/%Y})"
            )
        )
        self.fields["title"].error_messages["required"] = _(
            "Hãy nhập tiêu đề giao ước."
        )
        self.helper = _helper(
            "title",
            "signing_place",
            Div(Field("legal_bases"), css_class="td-checklist"),
            "preamble",
            "annex",
        )


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung giao ước"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Hãy nhập nội dung giao ước.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("text")


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
        self.helper = _helper(
            Row(
                Column("signer_name", css_class="col-md-6"),
                Column("signer_position", css_class="col-md-6"),
            )
        )


# --- Title kinds and registrations -------------------------------------------------------


class TitleKindForm(forms.ModelForm):
    class Meta:
        model = TitleKind
        fields = ["name", "scope", "position", "active"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.council = council
        self.fields["name"].error_messages["required"] = _("Hãy nhập tên danh hiệu.")
        self.helper = _helper(
            "name",
            Row(
                Column("scope", css_class="col-md-6"),
                Column("position", css_class="col-md-3"),
                Column("active", css_class="col-md-3 pt-md-4"),
            ),
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = TitleKind.objects.filter(
            council_id=self.instance.council_id, name__iexact=name
        )
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Hội đồng đã có danh hiệu, hình thức khen thưởng với tên này.")
            )
        return name


class RegistrationRoundForm(forms.Form):
    deadline = forms.DateField(
        label=_("Hạn đăng ký"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": DATE_INVALID},
        help_text=_("Để trống nếu không đặt hạn."),
    )


class RegistrationForm(forms.Form):
    """A unit's registration: collective titles, a count per individual title, a note.
    The targets come in a formset alongside (`TargetFormSet`)."""

    collective_titles = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng tập thể đăng ký"),
        queryset=TitleKind.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, kinds: list[TitleKind], **kwargs):
        super().__init__(*args, **kwargs)
        collective = [k for k in kinds if k.scope == TitleKind.Scope.COLLECTIVE]
        self.individual_kinds = [
            k for k in kinds if k.scope == TitleKind.Scope.INDIVIDUAL
        ]
        self.fields["collective_titles"].queryset = TitleKind.objects.filter(
            pk__in=[k.pk for k in collective]
        )
        for kind in self.individual_kinds:
            self.fields[f"count_{kind.pk}"] = forms.IntegerField(
                label=kind.name,
                min_value=0,
                max_value=100000,
                required=False,
                error_messages={
                    "min_value": _("Số cá nhân không được âm."),
                    "invalid": _("Hãy nhập một số nguyên."),
                },
            )
        self.helper = _helper()

    def individual_counts(self) -> dict[TitleKind, int]:
        return {
            k: self.cleaned_data.get(f"count_{k.pk}") or 0
            for k in self.individual_kinds
        }

    def count_fields(self):
        return [self[f"count_{k.pk}"] for k in self.individual_kinds]


class TargetForm(forms.Form):
    """One row of the targets table (the table header carries the labels)."""

    name = forms.CharField(
        label=_("Chỉ tiêu"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    unit_of_measure = forms.CharField(
        label=_("Đơn vị tính"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    target_value = forms.DecimalField(
        label=_("Giá trị"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        error_messages={
            "invalid": _("Hãy nhập một số."),
            "min_value": _("Giá trị không được âm."),
        },
        widget=forms.NumberInput(
            attrs={"step": "any", "class": "form-control form-control-sm"}
        ),
    )

    def clean(self):
        data = super().clean()
        filled = [
            data.get("name"),
            data.get("unit_of_measure"),
            data.get("target_value"),
        ]
        if any(v not in (None, "") for v in filled) and not data.get("DELETE"):
            if not data.get("name"):
                self.add_error("name", _("Hãy nhập tên chỉ tiêu."))
            if not data.get("unit_of_measure"):
                self.add_error("unit_of_measure", _("Hãy nhập đơn vị tính."))
            if data.get("target_value") is None and "target_value" not in self.errors:
                self.add_error("target_value", _("Hãy nhập giá trị chỉ tiêu."))
        return data

    @property
    def is_filled(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return bool(data.get("name")) and not data.get("DELETE")


TargetFormSet = forms.formset_factory(
    TargetForm, extra=2, can_delete=True, max_num=50, validate_max=True
)
