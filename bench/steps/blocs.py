"""Blocs step: the council's rules, blocs (khối and cụm, alternately), their rotation
order, one bloc-year per year with every unit of the bloc a member, a chair and a
vice-chair approved by the board (the rotation moves one place a year: last year's
vice-chair chairs), and the approved chair election of each year.

Fills `ctx.bloc_years`, `ctx.members` (bloc-year id → member units, in rotation
order), `ctx.chair`, `ctx.vice_chair` and `ctx.council_of_bloc_year`.
"""

from __future__ import annotations

import datetime

from bench.steps import Context, bulk, copy_insert, copy_m2m
from bench.steps.kernel import KHOI_THEMES
from blocs.models import (
    Bloc,
    BlocRules,
    BlocYear,
    ChairElection,
    Membership,
    RotationSlot,
    SelectionMethod,
)
from emulation.text import vietnamese_sort_key

THEMES = [
    "Đoàn kết, kỷ cương, trách nhiệm, sáng tạo, hoàn thành xuất sắc nhiệm vụ",
    "Chủ động, hiệu quả, kỷ cương, linh hoạt",
    "Đoàn kết, đổi mới, tinh gọn, hiệu quả",
    "Thi đua lập thành tích chào mừng Đại hội Đảng các cấp",
]


def bloc_name(index: int) -> tuple[str, str]:
    """(name, kind) of a council's index-th generated bloc."""
    number = f"số {index + 1:02d}"
    if index % 2:
        return f"Cụm thi đua các xã, phường {number}", Bloc.Kind.CUM
    theme = KHOI_THEMES[index // 2 % len(KHOI_THEMES)][0]
    return f"Khối thi đua {theme} {number}", Bloc.Kind.KHOI


def generate(ctx: Context) -> None:
    have_rules = set(
        BlocRules.objects.filter(council__in=ctx.councils).values_list(
            "council_id", flat=True
        )
    )
    rules = [
        BlocRules(
            council=c,
            chair_selection_method=(
                SelectionMethod.ELECTION if i % 3 == 2 else SelectionMethod.ROTATION
            ),
            vice_chair_count=1,
        )
        for i, c in enumerate(ctx.councils)
        if c.pk not in have_rules
    ]
    bulk(BlocRules, rules)
    ctx.add("bloc rules", len(rules))

    blocs: list[Bloc] = []
    bloc_units: list[list] = []
    for council in ctx.councils:
        for bi, units in enumerate(ctx.units_by_council[council.pk]):
            name, kind = bloc_name(bi)
            blocs.append(
                Bloc(
                    council=council,
                    name=name,
                    sort_key=vietnamese_sort_key(name),
                    kind=kind,
                    description=f"Gồm {len(units):02d} cơ quan, đơn vị.",
                )
            )
            bloc_units.append(units)
    bulk(Bloc, blocs)
    ctx.add("blocs", len(blocs))

    slots = copy_insert(
        RotationSlot,
        (
            {"bloc_id": bloc.pk, "unit_id": unit.pk, "position": p}
            for bloc, units in zip(blocs, bloc_units, strict=True)
            for p, unit in enumerate(units, start=1)
        ),
    )
    ctx.add("rotation slots", slots)

    bloc_years: list[BlocYear] = []
    for bi, bloc in enumerate(blocs):
        for year in ctx.years:
            bloc_years.append(
                BlocYear(
                    bloc=bloc,
                    year=year,
                    theme=THEMES[(bi + year) % len(THEMES)],
                    selection_method=SelectionMethod.ROTATION,
                    roles_approved_on=datetime.date(year, 1, 15),
                    roles_approval_reference=f"{bi % 90 + 10}/QĐ-HĐTĐKT",
                    flag_handover_on=datetime.date(year - 1, 12, 20),
                    launch_meeting_on=datetime.date(year, 2, 20),
                    midyear_meeting_on=datetime.date(year, 7, 15),
                    yearend_meeting_on=datetime.date(year, 12, 18),
                )
            )
    bulk(BlocYear, bloc_years)
    ctx.add("bloc-years", len(bloc_years))
    ctx.bloc_years = bloc_years

    memberships: list[dict] = []
    elections: list[ChairElection] = []
    n_years = len(ctx.years)
    for i, bloc_year in enumerate(bloc_years):
        bloc = blocs[i // n_years]
        units = bloc_units[i // n_years]
        k = bloc_year.year - ctx.years[0]
        chair, vice = units[k % len(units)], units[(k + 1) % len(units)]
        ctx.members[bloc_year.pk] = units
        ctx.chair[bloc_year.pk] = chair
        ctx.vice_chair[bloc_year.pk] = vice
        ctx.council_of_bloc_year[bloc_year.pk] = bloc.council
        for unit in units:
            role = (
                Membership.Role.CHAIR
                if unit is chair
                else Membership.Role.VICE_CHAIR
                if unit is vice
                else Membership.Role.MEMBER
            )
            # `year` is the derived column Membership.save() copies from the bloc-year.
            memberships.append(
                {
                    "bloc_year_id": bloc_year.pk,
                    "unit_id": unit.pk,
                    "year": bloc_year.year,
                    "role": role,
                }
            )
        elections.append(
            ChairElection(
                bloc=bloc,
                year=bloc_year.year,
                chair=chair,
                method=SelectionMethod.ROTATION,
                meeting_on=datetime.date(bloc_year.year - 1, 12, 18),
                status=ChairElection.Status.APPROVED,
                decided_by_id=ctx.board_user[bloc.council_id],
                decided_on=bloc_year.roles_approved_on,
                approval_reference=bloc_year.roles_approval_reference,
            )
        )
    ctx.add("memberships", copy_insert(Membership, memberships))
    bulk(ChairElection, elections)
    copy_m2m(
        ChairElection,
        "vice_chairs",
        (
            (e.pk, ctx.vice_chair[by.pk].pk)
            for e, by in zip(elections, bloc_years, strict=True)
        ),
    )
    ctx.add("chair elections", len(elections))
