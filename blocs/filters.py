"""Filter and search forms of the blocs list pages (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from blocs.models import Bloc, BlocYear
from emulation.models import Unit


class BlocYearFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"),
        method="search",
        widget=forms.TextInput(
            attrs={"placeholder": _("Tên khối, cụm…"), "type": "search"}
        ),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại"),
        field_name="bloc__kind",
        choices=Bloc.Kind.choices,
        empty_label=_("Khối và cụm"),
    )

    class Meta:
        model = BlocYear
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return (
            queryset.filter(Q(bloc__name__icontains=value) | Q(theme__icontains=value))
            if value
            else queryset
        )


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="search",
        widget=forms.TextInput(
            attrs={"placeholder": _("Tên, tên viết tắt, thủ trưởng…"), "type": "search"}
        ),
    )
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

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(head_name__icontains=value)
            | Q(contact_name__icontains=value)
        )
