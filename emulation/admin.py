from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from emulation import models
from emulation.admin_site import unit_label
from emulation.models import PasswordEvent, User


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    # Django joins this warning to a translated text as a plain string: never translated.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}'
        "</li></ul>",
        auth_forms.SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(models.Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "place_name")
    search_fields = ("name",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "short_name",
                    "level",
                    "place_name",
                    "parent_body",
                    "board_name",
                )
            },
        ),
    )


class SuccessionInline(admin.TabularInline):
    model = models.Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ("successor",)


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "council", "kind", "status")
    list_filter = ("council", "kind", "status")
    search_fields = ("name", "short_name")
    list_select_related = ("council",)
    inlines = [SuccessionInline]


@admin.register(models.Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_on", "reference")
    list_filter = ("kind",)
    list_select_related = ("predecessor", "successor")
    search_fields = ("predecessor__name", "successor__name", "reference")
    autocomplete_fields = ("predecessor", "successor")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = AdminPasswordChangeForm
    list_display = ("username", "full_name", "role", "council", "unit", "is_active")
    list_filter = ("role", "council", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    list_select_related = ("council", "unit")
    autocomplete_fields = ("council", "unit")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Thi đua"),
            {
                "fields": (
                    "full_name",
                    "position",
                    "phone",
                    "role",
                    "council",
                    "unit",
                    "language",
                )
            },
        ),
    )

    class Media:
        # After Django's autocomplete: the unit search sends the chosen council.
        js = ("admin/js/autocomplete.js", "js/admin-user-unit.js")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit":
            # "Công an tỉnh — Nghệ An": the unit's council is part of its name here.
            field.queryset = field.queryset.select_related("council")
            field.label_from_instance = unit_label
        return field


@admin.register(PasswordEvent)
class PasswordEventAdmin(admin.ModelAdmin):
    """Read-only: the record is written by the application (emulation.accounts)."""

    list_display = ("at", "user", "kind", "by")
    list_filter = ("kind",)
    list_select_related = ("user", "by")
    search_fields = ("user__username", "user__full_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
