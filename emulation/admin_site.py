"""The Django admin's site: Vietnamese titles, the login limits' message, and unit
choices that name their council (emulation.apps.AdminConfig installs it)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils.translation import gettext_lazy as _

from emulation.forms import AdminLoginForm


def council_label(council) -> str:
    """ "Nghệ An" for a province; the short name for the central and ministry councils."""
    if council.level == "province" and council.place_name:
        return council.place_name
    return council.short_name or council.name


def unit_label(unit) -> str:
    """ "Công an tỉnh — Nghệ An": units of different councils often share a name."""
    return f"{unit.name} — {council_label(unit.council)}"


class UserUnitAutocompleteView(AutocompleteJsonView):
    """The user form's unit search: labels with the council, only the chosen council's
    units when the form sends it (static/js/admin-user-unit.js)."""

    def is_user_unit(self) -> bool:
        field = self.source_field
        return field.name == "unit" and field.model._meta.label == "emulation.User"

    def get_queryset(self):
        qs = super().get_queryset()
        if not self.is_user_unit():
            return qs
        qs = qs.select_related("council")
        council = self.request.GET.get("council", "")
        if council.isdigit():
            qs = qs.filter(council_id=int(council))
        return qs

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if self.is_user_unit():
            result["text"] = unit_label(obj)
        return result


class AdminSite(admin.AdminSite):
    site_header = _("Quản trị hệ thống Thi đua – Khen thưởng")
    site_title = _("Thi đua – Khen thưởng")
    index_title = _("Quản trị hệ thống")
    login_form = AdminLoginForm

    def autocomplete_view(self, request):
        return UserUnitAutocompleteView.as_view(admin_site=self)(request)
