"""Forms of the reference data: units, blocs, bloc-years, members and the rotation order.
They check what was typed, and say at once what the services (blocs.services.reference)
would refuse: a name the council already has (blocs.selectors.units_named and
blocs_named, the one name check), a second bloc for a unit in a year."""

from __future__ import annotations

from crispy_forms.layout import Fieldset, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import Bloc, BlocYear
from blocs.selectors import (
    bloc_year_of,
    blocs_named,
    membership_of_year,
    units_named,
)
from blocs.services.reference import (
    BLOC_FIELDS,
    BLOC_YEAR_SCHEDULE_FIELDS,
    UNIT_FIELDS,
)
from emulation.fields import dates_reversed
from emulation.forms import (
    DateInput,
    YearField,
    columns,
    form_helper,
    vietnamese_dates,
)
from emulation.models import YEAR_MAX, YEAR_MIN, Unit
from emulation.text import normalise_name


def _submit(label) -> Submit:
    return Submit("submit", label, css_class="btn-td")


def _check_dates(
    cleaned: dict, start: str = "active_from", end: str = "active_to"
) -> None:
    if dates_reversed(cleaned.get(start), cleaned.get(end)):
        raise forms.ValidationError({end: _("Ngày kết thúc phải sau ngày bắt đầu.")})


class _NamedRowForm(forms.ModelForm):
    """What the forms of a unit and of a bloc share: the council, dates typed dd/mm/yyyy
    and in order, and a name free in the council, said with the other errors (the
    services check it again: blocs.services.unit_create, bloc_create)."""

    named = staticmethod(units_named)  # the council's rows of a name (blocs.selectors)
    name_taken = _("Hội đồng đã có đơn vị mang tên này.")

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_dates(self)
        self.council = council or getattr(self.instance, "council", None)

    def clean_name(self) -> str:
        name = normalise_name(self.cleaned_data["name"])
        taken = self.named(council_id=self.council.pk, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(self.name_taken)
        return name

    def clean(self) -> dict:
        cleaned = super().clean()
        _check_dates(cleaned)
        return cleaned


class UnitForm(_NamedRowForm):
    class Meta:
        model = Unit
        fields = UNIT_FIELDS  # what blocs.services.unit_create and unit_update take
        widgets = {"active_from": DateInput(), "active_to": DateInput()}
        error_messages = {
            "name": {"required": _("Hãy nhập tên đơn vị.")},
            "contact_email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        }

    def __init__(self, *args, cancel_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].widget.attrs["inputmode"] = "tel"
        self.helper = form_helper(
            Fieldset(
                _("Thông tin đơn vị"),
                columns(name=8, short_name=4),
                columns(kind=6, status=6),
                columns(active_from=6, active_to=6),
            ),
            Fieldset(
                _("Thủ trưởng và đầu mối thi đua"),
                columns(head_name=6, head_position=6),
                columns(contact_name=4, contact_phone=4, contact_email=4),
            ),
            buttons=[_submit(_("Lưu đơn vị"))],
            cancel_url=cancel_url,
        )


class BlocForm(_NamedRowForm):
    named = staticmethod(blocs_named)
    name_taken = _("Hội đồng đã có khối, cụm thi đua mang tên này.")

    class Meta:
        model = Bloc
        fields = BLOC_FIELDS
        widgets = {
            "active_from": DateInput(),
            "active_to": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": _("Hãy nhập tên khối, cụm thi đua.")}}

    def __init__(self, *args, cancel_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["placeholder"] = _(
            "Ví dụ: Khối thi đua Nội chính"
        )
        self.helper = form_helper(
            columns(name=8, kind=4),
            "description",
            columns(active_from=6, active_to=6),
            buttons=[_submit(_("Lưu khối, cụm"))],
            cancel_url=cancel_url,
        )


class BlocYearCreateForm(forms.Form):
    year = YearField(
        label=_("Năm thi đua"),
        error_messages={
            "required": _("Hãy nhập năm thi đua."),
            "invalid": _("Năm phải là một số, ví dụ 2026."),
        },
    )
    theme = forms.CharField(
        label=_("Chủ đề thi đua năm"),
        max_length=300,
        required=False,
        help_text=_(
            "Ví dụ: “Đoàn kết, kỷ cương, trách nhiệm, sáng tạo”. Khối trưởng có thể "
            "sửa sau."
        ),
    )

    def __init__(self, *args, bloc: Bloc, cancel_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bloc = bloc
        out_of_range = _("Năm phải từ %(min)s đến %(max)s.") % {
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
        self.fields["year"].error_messages.update(
            min_value=out_of_range, max_value=out_of_range
        )
        self.helper = form_helper(
            columns(year=3, theme=9),
            buttons=[_submit(_("Tạo năm thi đua"))],
            cancel_url=cancel_url,
        )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if bloc_year_of(bloc=self.bloc, year=year) is not None:
            raise forms.ValidationError(
                _("Khối đã có năm thi đua %(year)s."), params={"year": year}
            )
        return year


class BlocYearScheduleForm(forms.ModelForm):
    """The chair's tools: the year's theme and the meeting dates (their range is checked
    by blocs.services.bloc_year_update)."""

    class Meta:
        model = BlocYear
        fields = BLOC_YEAR_SCHEDULE_FIELDS  # the theme, then the dates
        widgets = dict.fromkeys(BLOC_YEAR_SCHEDULE_FIELDS[1:], DateInput())

    def __init__(self, *args, cancel_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_dates(self)
        self.fields["theme"].widget.attrs["placeholder"] = _(
            "Ví dụ: Đoàn kết, kỷ cương, trách nhiệm, sáng tạo"
        )
        # Short labels: the four dates sit side by side, in the order they happen.
        labels = {
            "flag_handover_on": _("Bàn giao cờ luân lưu"),
            "launch_meeting_on": _("Hội nghị phát động"),
            "midyear_meeting_on": _("Sơ kết 6 tháng"),
            "yearend_meeting_on": _("Tổng kết năm"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["launch_meeting_on"].help_text = _("Kèm ký kết giao ước thi đua")
        self.helper = form_helper(
            "theme",
            columns(**dict.fromkeys(labels, "col-sm-6 col-lg-3")),
            buttons=[_submit(_("Lưu chủ đề và lịch hội nghị"))],
            cancel_url=cancel_url,
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        launch, mid, end = (
            cleaned.get("launch_meeting_on"),
            cleaned.get("midyear_meeting_on"),
            cleaned.get("yearend_meeting_on"),
        )
        if launch and mid and mid < launch:
            self.add_error(
                "midyear_meeting_on", _("Hội nghị sơ kết phải sau hội nghị phát động.")
            )
        elif end and (mid or launch) and end < (mid or launch):
            self.add_error(
                "yearend_meeting_on",
                _("Hội nghị tổng kết phải sau hội nghị phát động và sơ kết."),
            )
        return cleaned


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        other = getattr(unit, "other_bloc", None)
        if other is not None:
            return _("%(unit)s — đang thuộc %(bloc)s") % {
                "unit": unit.name,
                "bloc": other.name,
            }
        if unit.status != Unit.Status.ACTIVE:
            return f"{unit.name} ({unit.get_status_display().lower()})"
        return unit.name


class MemberAddForm(forms.Form):
    """Add a unit of the council to a bloc-year; a unit in another bloc that year is
    refused (and again by blocs.services.bloc_year_member_add)."""

    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn đơn vị —"),
        error_messages={
            "required": _("Hãy chọn đơn vị."),
            "invalid_choice": _("Đơn vị không hợp lệ hoặc không thuộc hội đồng."),
        },
    )
    joined_on = forms.DateField(
        label=_("Ngày vào khối"), required=False, widget=DateInput()
    )

    def __init__(
        self, *args, bloc_year: BlocYear, units: list[Unit] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        vietnamese_dates(self)
        # The queryset validates the submitted pk; `units` (already read) feeds the
        # <select>.
        self.fields["unit"].queryset = Unit.objects.filter(
            council_id=bloc_year.bloc.council_id
        )
        if units is not None:
            self.fields["unit"].choices = [("", self.fields["unit"].empty_label)] + [
                (u.pk, self.fields["unit"].label_from_instance(u)) for u in units
            ]
        self.bloc_year = bloc_year
        self.fields["joined_on"].help_text = _(
            "Để trống nếu đơn vị tham gia từ đầu năm."
        )

    def clean_unit(self) -> Unit:
        unit = self.cleaned_data["unit"]
        existing = membership_of_year(unit=unit, year=self.bloc_year.year)
        if existing is not None:
            if existing.bloc_year_id == self.bloc_year.pk:
                raise forms.ValidationError(
                    _("Đơn vị đã là thành viên của khối trong năm này.")
                )
            raise forms.ValidationError(
                _(
                    "Đơn vị đã thuộc %(bloc)s trong năm %(year)s. Mỗi đơn vị chỉ thuộc "
                    "một khối, cụm mỗi năm."
                ),
                params={
                    "bloc": existing.bloc_year.bloc.name,
                    "year": self.bloc_year.year,
                },
            )
        return unit


class RotationForm(forms.Form):
    """One position number per unit; a blank position takes the unit out of the
    rotation."""

    def __init__(self, *args, slots: list[tuple[Unit, int | None]], **kwargs):
        super().__init__(*args, **kwargs)
        self.units: dict[str, Unit] = {}
        for unit, position in slots:
            name = f"unit_{unit.pk}"
            self.units[name] = unit
            self.fields[name] = forms.IntegerField(
                label=unit.name,
                required=False,
                min_value=1,
                max_value=999,
                initial=position,
                error_messages={
                    "invalid": _("Thứ tự phải là số nguyên."),
                    "min_value": _("Thứ tự phải từ 1 trở lên."),
                    "max_value": _("Thứ tự quá lớn."),
                },
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-sm td-position",
                        "min": 1,
                    }
                ),
            )

    def rows(self):
        """(unit, bound field) pairs for the template's table."""
        return [(self.units[name], self[name]) for name in self.units]

    def clean(self) -> dict:
        cleaned = super().clean()
        seen: dict[int, str] = {}
        for name in self.units:
            position = cleaned.get(name)
            if position is None:
                continue
            if position in seen:
                message = _("Thứ tự %(n)s bị trùng với %(unit)s.") % {
                    "n": position,
                    "unit": self.units[seen[position]].name,
                }
                self.add_error(name, message)
            else:
                seen[position] = name
        if not self.errors and not seen:
            raise forms.ValidationError(_("Hãy xếp thứ tự cho ít nhất một đơn vị."))
        return cleaned

    def ordered_units(self) -> list[Unit]:
        """Units with a position, in the order of their numbers."""
        placed = [
            (self.cleaned_data[n], self.units[n])
            for n in self.units
            if self.cleaned_data.get(n)
        ]
        placed.sort(key=lambda pair: pair[0])
        return [unit for _position, unit in placed]
