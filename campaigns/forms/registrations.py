"""The forms of title kinds and registrations: the council's list of titles, the
chair's deadline, and a unit's registration with its targets."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms.layout import helper
from campaigns.models import TitleKind
from emulation.forms import DATE_INVALID, DateInput, columns


class TitleKindForm(forms.ModelForm):
    class Meta:
        model = TitleKind
        fields = ["name", "scope", "position", "active"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.council = council
        self.fields["name"].error_messages["required"] = _("Hãy nhập tên danh hiệu.")
        self.helper = helper(
            "name",
            columns(scope=6, position=3, active="col-md-3 pt-md-4"),
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
        self.helper = helper()

    def individual_counts(self) -> dict[TitleKind, int]:
        return {
            k: self.cleaned_data.get(f"count_{k.pk}") or 0
            for k in self.individual_kinds
        }

    def count_fields(self):
        return [self[f"count_{k.pk}"] for k in self.individual_kinds]

    def registration_data(self) -> dict:
        """What `services.registration_save` takes from this form."""
        return {
            "collective_titles": self.cleaned_data["collective_titles"],
            "individual_counts": self.individual_counts(),
            "note": self.cleaned_data["note"],
        }


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


def filled_targets(targets) -> list[dict]:
    """The formset's filled rows (not deleted), for `services.registration_save`."""
    return [t.cleaned_data for t in targets if t.is_filled]


def _plain(value) -> str:
    """12.50 → "12.5", 100.00 → "100": what a person typed, not the column's scale."""
    return f"{value.normalize():f}"


def registration_initial(registration, detail: dict) -> tuple[dict, list[dict]]:
    """The saved registration as the forms' initial data: (form, target rows).
    `detail` is `selectors.registration_detail(registration=…)`."""
    initial: dict = {
        "collective_titles": detail["collective_titles"],
        "note": registration.note,
    }
    for c in detail["individual_counts"]:
        initial[f"count_{c.title_id}"] = c.count
    targets = [
        {
            "name": t.name,
            "unit_of_measure": t.unit_of_measure,
            "target_value": _plain(t.target_value),
        }
        for t in detail["targets"]
    ]
    return initial, targets
