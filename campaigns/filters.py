"""Filters of the campaign list (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from blocs.models import Bloc
from campaigns.models import Campaign
from campaigns.selectors import year_bounds
from emulation.models import YEAR_MAX, YEAR_MIN, Unit


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q")
    year = django_filters.NumberFilter(label=_("Năm"), method="filter_year")
    level = django_filters.ChoiceFilter(
        label=_("Cấp phát động"),
        choices=Campaign.Level.choices,
        empty_label=_("Tất cả"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại"), choices=Campaign.Kind.choices, empty_label=_("Tất cả")
    )
    bloc = django_filters.ModelChoiceFilter(
        label=_("Khối thi đua"),
        queryset=Bloc.objects.none(),
        method="filter_bloc",
        empty_label=_("Tất cả"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị phát động"),
        queryset=Unit.objects.none(),
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = Campaign
        fields = ["q", "year", "level", "kind", "bloc", "unit"]

    def __init__(self, *args, council_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["bloc"].queryset = Bloc.objects.filter(
            council_id=council_id
        ).order_by("sort_key")
        self.filters["unit"].queryset = Unit.objects.filter(
            council_id=council_id
        ).order_by("sort_key")
        self.filters["q"].field.widget = forms.TextInput(
            attrs={"placeholder": _("Tên phong trào, chủ đề…"), "type": "search"}
        )
        self.filters["year"].field.widget = forms.NumberInput(
            attrs={"min": YEAR_MIN, "max": YEAR_MAX}
        )

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(theme__icontains=word)
                | Q(occasion__icontains=word)
            )
        return queryset

    def filter_year(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Campaigns running at some time in that year (a year out of range is ignored)."""
        if value is None or not YEAR_MIN <= int(value) <= YEAR_MAX:
            return queryset
        start, end = year_bounds(int(value))
        return queryset.filter(starts_on__lte=end, ends_on__gte=start)

    def filter_bloc(self, queryset: QuerySet, name: str, value: Bloc) -> QuerySet:
        """The bloc's own campaigns and those its member units launched while members."""
        return queryset.filter(
            Q(bloc_year__bloc=value)
            | Q(level=Campaign.Level.UNIT, unit__memberships__bloc_year__bloc=value)
        ).distinct()
