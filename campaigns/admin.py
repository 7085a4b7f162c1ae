"""The Django admin for the campaigns app (system administrators only).

The covenant's text and signatures are read-only here: they change only through the
services, which keep the frozen text and its hash consistent.
"""

from django.contrib import admin

from campaigns import models


@admin.register(models.LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "kind",
        "issued_on",
        "effective_from",
        "effective_to",
        "council",
    )
    list_filter = ("kind", "council")
    search_fields = ("number", "title")
    list_select_related = ("council",)
    autocomplete_fields = ("replaced_by",)


@admin.register(models.Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "kind", "starts_on", "ends_on", "council")
    list_filter = ("level", "kind", "council")
    search_fields = ("title", "theme")
    list_select_related = ("council",)
    autocomplete_fields = ("unit", "bloc_year", "legal_bases")


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("bloc_year", "kind", "held_on", "place")
    list_filter = ("kind",)
    list_select_related = ("bloc_year__bloc",)
    autocomplete_fields = ("bloc_year", "host_unit", "units_present")


class CommitmentInline(admin.TabularInline):
    model = models.Commitment
    extra = 0
    readonly_fields = ("position", "text")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SignatureInline(admin.TabularInline):
    model = models.Signature
    extra = 0
    readonly_fields = (
        "unit",
        "signer_name",
        "signer_position",
        "signed_at",
        "recorded_by",
        "withdrawn_at",
    )
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AddendumInline(admin.TabularInline):
    model = models.CovenantAddendum
    extra = 0
    readonly_fields = (
        "unit",
        "unit_name",
        "joined_on",
        "signer_name",
        "signer_position",
        "signed_at",
        "recorded_by",
    )
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Covenant)
class CovenantAdmin(admin.ModelAdmin):
    list_display = ("title", "bloc_year", "status", "completed_at")
    list_filter = ("status",)
    list_select_related = ("bloc_year__bloc",)
    readonly_fields = (
        "bloc_year",
        "title",
        "preamble",
        "annex",
        "legal_bases",
        "signing_place",
        "status",
        "opened_at",
        "frozen_at",
        "content_hash",
        "snapshot",
        "completed_at",
        "verification_code",
        "issued_document",
        "created_by",
    )
    inlines = [CommitmentInline, SignatureInline, AddendumInline]

    def has_add_permission(self, request):
        return False


@admin.register(models.TitleKind)
class TitleKindAdmin(admin.ModelAdmin):
    list_display = ("name", "scope", "position", "active", "council")
    list_filter = ("scope", "active", "council")
    search_fields = ("name",)


class IndividualCountInline(admin.TabularInline):
    model = models.IndividualTitleCount
    extra = 0


class TargetInline(admin.TabularInline):
    model = models.Target
    extra = 0


@admin.register(models.Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("unit", "bloc_year", "submitted_at")
    list_select_related = ("unit", "bloc_year__bloc")
    inlines = [IndividualCountInline, TargetInline]


@admin.register(models.RegistrationRound)
class RegistrationRoundAdmin(admin.ModelAdmin):
    list_display = ("bloc_year", "deadline", "locked_at")
    list_select_related = ("bloc_year__bloc",)
