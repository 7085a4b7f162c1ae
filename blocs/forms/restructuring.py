"""Forms of restructuring: merging units (A + B → C) and renaming one."""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.selectors import units_named
from emulation.forms import DateInput, columns, date_bounds, form_helper, icon_button
from emulation.models import Council, Unit
from emulation.text import normalise_name


def _effective_on() -> forms.DateField:
    return forms.DateField(
        label=_("Ngày có hiệu lực"),
        widget=DateInput(),
        validators=date_bounds(),
        error_messages={"required": _("Cần nhập ngày có hiệu lực.")},
    )


def _reference() -> forms.CharField:
    return forms.CharField(
        label=_("Căn cứ (số quyết định)"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Quyết định số 1234/QĐ-UBND ngày 28/02/2025"),
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
            "Nếu hội đồng đã có đơn vị đang hoạt động mang đúng tên này, các đơn vị "
            "trên sáp nhập vào đơn vị đó."
        ),
        error_messages={"required": _("Cần nhập tên đơn vị sau sáp nhập.")},
    )
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"),
        required=False,
        choices=[("", _("— Như các đơn vị cũ —")), *Unit.Kind.choices],
    )
    effective_on = _effective_on()
    reference = _reference()

    def __init__(self, *args, council: Council, picked: Sequence[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["predecessors"].queryset = Unit.objects.filter(
            council=council, status=Unit.Status.ACTIVE
        ).order_by("sort_key")
        # The unit list page's "merge" link ticks the units chosen there (?don_vi=).
        picked = [pk for pk in picked if pk.isdigit()]
        if picked and not self.is_bound:
            self.initial["predecessors"] = self.fields["predecessors"].queryset.filter(
                pk__in=picked
            )
        self.helper = form_helper(
            Field("predecessors", wrapper_class="td-checklist"),
            columns(successor_name=8, kind=4),
            columns(effective_on=4, reference=8),
            form_id="unit-merge-form",
            buttons=[
                icon_button(_("Sáp nhập"), css_id="unit-merge-submit", icon="bi-union")
            ],
            buttons_class="mt-2",
        )

    def has_units(self) -> bool:
        return self.fields["predecessors"].queryset.exists()

    def clean_predecessors(self):
        units = self.cleaned_data["predecessors"]
        if len(units) < 2:
            raise forms.ValidationError(_("Sáp nhập cần ít nhất 2 đơn vị."))
        return list(units)

    def clean_kind(self) -> str | None:
        return self.cleaned_data["kind"] or None  # None: the predecessors' kind

    def clean_successor_name(self):
        return normalise_name(self.cleaned_data["successor_name"])

    def clean(self):
        data = super().clean()
        name, units = data.get("successor_name"), data.get("predecessors") or []
        key = (name or "").casefold()
        if name and any(normalise_name(u.name).casefold() == key for u in units):
            self.add_error(
                "successor_name",
                _("Đơn vị sau sáp nhập phải khác các đơn vị được sáp nhập."),
            )
        elif name:
            taken = units_named(council_id=self.council.pk, name=name).exclude(
                status=Unit.Status.ACTIVE
            )
            if taken.exists():
                self.add_error(
                    "successor_name",
                    _(
                        "Tên này là của một đơn vị đã sáp nhập hoặc giải thể; hãy chọn "
                        "tên khác."
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
    effective_on = _effective_on()
    reference = _reference()

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.helper = form_helper(
            "new_name",
            columns(effective_on=4, reference=8),
            form_id="unit-rename-form",
            buttons=[
                icon_button(
                    _("Đổi tên"), css_id="unit-rename-submit", icon="bi-pencil-square"
                )
            ],
            buttons_class="mt-2",
        )

    def clean_new_name(self):
        name = normalise_name(self.cleaned_data["new_name"])
        if name.casefold() == normalise_name(self.unit.name).casefold():
            raise forms.ValidationError(_("Tên mới phải khác tên hiện tại."))
        if units_named(council_id=self.unit.council_id, name=name).exists():
            raise forms.ValidationError(_("Hội đồng đã có đơn vị mang tên này."))
        return name
