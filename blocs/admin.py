from django.contrib import admin

from blocs import models


@admin.register(models.Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "place_name")
    search_fields = ("name",)


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


class RotationInline(admin.TabularInline):
    model = models.RotationSlot
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(models.Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ("name", "council", "kind")
    list_filter = ("council", "kind")
    search_fields = ("name",)
    inlines = [RotationInline]


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(models.BlocYear)
class BlocYearAdmin(admin.ModelAdmin):
    list_display = ("bloc", "year", "theme")
    list_filter = ("year", "bloc__council")
    search_fields = ("bloc__name",)
    list_select_related = ("bloc",)
    inlines = [MembershipInline]


@admin.register(models.ChairElection)
class ChairElectionAdmin(admin.ModelAdmin):
    list_display = ("bloc", "year", "chair", "status")
    list_filter = ("status", "year")
    list_select_related = ("bloc", "chair")
