from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from emulation import models
from emulation.models import User


@admin.register(models.Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "level",
        "place_name",
    )
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
