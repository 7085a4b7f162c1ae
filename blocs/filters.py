"""Filter and search forms of the blocs list pages (django-filter)."""

from __future__ import annotations

import functools
import operator

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from blocs.models import Bloc, BlocYear
from emulation.models import Unit


def _search_box(label, placeholder) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=label,
        method="search",
        widget=forms.TextInput(attrs={"placeholder": placeholder, "type": "search"}),
    )


class SearchFilterSet(django_filters.FilterSet):
    """A filter form with a search box (`q`, see `_search_box`): the rows where one of
    `search_fields` contains what was typed."""

    search_fields: tuple[str, ...] = ()

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        found = (Q(**{f"{field}__icontains": value}) for field in self.search_fields)
        return queryset.filter(functools.reduce(operator.or_, found))


class BlocYearFilter(SearchFilterSet):
    search_fields = ("bloc__name", "theme")

    q = _search_box(_("Tìm theo tên"), _("Tên khối, cụm…"))
    kind = django_filters.ChoiceFilter(
        label=_("Loại"),
        field_name="bloc__kind",
        choices=Bloc.Kind.choices,
        empty_label=_("Khối và cụm"),
    )

    class Meta:
        model = BlocYear
        fields: list[str] = []


class UnitFilter(SearchFilterSet):
    search_fields = ("name", "short_name", "head_name", "contact_name")

    q = _search_box(_("Tìm kiếm"), _("Tên, tên viết tắt, thủ trưởng…"))
    kind = django_filters.ChoiceFilter(
        label=_("Loại đơn vị"), choices=Unit.Kind.choices, empty_label=_("Mọi loại")
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        choices=Unit.Status.choices,
        empty_label=_("Mọi trạng thái"),
    )

    class Meta:
        model = Unit
        fields: list[str] = []
