from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blocs import models


@admin.register(models.BlocRules)
class BlocRulesAdmin(admin.ModelAdmin):
    list_select_related = ("council",)
    list_display = (
        "council",
        "chair_selection_method",
        "vice_chair_count",
        "chair_approval_required",
    )


class UnitRowsInline(admin.TabularInline):
    """Rows of units (a bloc's rotation order, a year's members): no empty extra rows,
    the unit picked by its name."""

    extra = 0
    autocomplete_fields = ("unit",)


class RotationInline(UnitRowsInline):
    model = models.RotationSlot


@admin.register(models.Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ("name", "council", "kind")
    list_filter = ("council", "kind")
    search_fields = ("name",)
    inlines = [RotationInline]


class MembershipInlineForm(forms.ModelForm):
    """`year` is not a form field, so the form cannot check the (unit, year) constraint itself."""

    class Meta:
        model = models.Membership
        fields = ("unit", "role", "joined_on", "left_on")

    def clean(self):
        data = super().clean()
        unit, bloc_year = data.get("unit"), getattr(self.instance, "bloc_year", None)
        if unit is not None and bloc_year is not None:
            clash = (
                models.Membership.objects.filter(unit=unit, year=bloc_year.year)
                .exclude(pk=self.instance.pk)
                .select_related("bloc_year__bloc")
                .first()
            )
            if clash is not None:
                raise forms.ValidationError(
                    _("%(unit)s đã là thành viên của %(bloc)s năm %(year)s.")
                    % {
                        "unit": unit.name,
                        "bloc": clash.bloc_year.bloc.name,
                        "year": bloc_year.year,
                    }
                )
        return data


class MembershipInline(UnitRowsInline):
    model = models.Membership
    form = MembershipInlineForm


@admin.register(models.BlocYear)
class BlocYearAdmin(admin.ModelAdmin):
    list_display = ("bloc", "year", "theme")
    list_filter = ("year", "bloc__council")
    search_fields = ("bloc__name",)
    list_select_related = ("bloc",)
    inlines = [MembershipInline]


@admin.register(models.ChairElection)
class ChairElectionAdmin(admin.ModelAdmin):
    list_display = ("bloc", "year", "chair", "method", "status", "decided_on")
    list_filter = ("status", "year", "method")
    list_select_related = ("bloc", "chair")
    search_fields = ("bloc__name", "chair__name")
    autocomplete_fields = ("chair",)
    filter_horizontal = ("vice_chairs",)
    readonly_fields = ("recorded_by", "decided_by", "created_at")
