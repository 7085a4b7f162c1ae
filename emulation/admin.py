from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from emulation.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "role", "council", "unit", "is_active")
    list_filter = ("role", "council", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    list_select_related = ("council", "unit")
    autocomplete_fields = ("council", "unit")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Thi đua"),
            {"fields": ("full_name", "position", "phone", "role", "council", "unit")},
        ),
    )
