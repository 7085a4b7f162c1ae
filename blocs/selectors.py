"""Page-shaped reads of the blocs app. They own every select/prefetch/annotate."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from blocs.models import BlocYear, Membership, Unit


def _roles_prefetch() -> Prefetch:
    """The chair and vice-chair memberships of each bloc-year, with their units."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR])
        .select_related("unit")
        .order_by("role", "unit__sort_key"),
        to_attr="role_memberships",
    )


def bloc_years_for_council(*, council_id: int, year: int) -> QuerySet[BlocYear]:
    """The council's blocs in one year, with member count, chair and vice-chairs."""
    return (
        BlocYear.objects.filter(bloc__council_id=council_id, year=year)
        .select_related("bloc")
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(_roles_prefetch())
        .order_by("bloc__kind", "bloc__sort_key")
    )


def unit_memberships(*, unit: Unit, year: int | None = None) -> QuerySet[Membership]:
    """A unit's memberships (one a year), newest first, with the bloc and member count."""
    qs = Membership.objects.filter(unit=unit)
    if year is not None:
        qs = qs.filter(year=year)
    return (
        qs.select_related("bloc_year__bloc")
        .annotate(member_count=Count("bloc_year__memberships", distinct=True))
        .order_by("-year")
    )


def council_unit_counts(*, council_id: int, year: int) -> dict:
    """Counts shown on the board's dashboard."""
    return Unit.objects.filter(council_id=council_id).aggregate(
        units=Count("id", filter=Q(status=Unit.Status.ACTIVE), distinct=True),
        members=Count("memberships", filter=Q(memberships__year=year)),
    )
