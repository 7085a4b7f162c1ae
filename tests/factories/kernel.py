"""The kernel's factories (emulation: councils, units, users) and the builders of the
files a test uploads."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence

import factory
from openpyxl import Workbook

from emulation.models import Council, Succession, Unit, User

__all__ = [
    "CouncilFactory",
    "OfCouncilFactory",
    "UnitFactory",
    "UserFactory",
    "csv_bytes",
    "make_units",
    "succeed",
    "unit_secretary",
    "xlsx_bytes",
]


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(
        lambda n: f"Hội đồng Thi đua – Khen thưởng tỉnh Thử Nghiệm {n}"
    )
    place_name = "Nghệ An"
    parent_body = "UBND TỈNH NGHỆ AN"
    board_name = "Ban Thi đua – Khen thưởng, Sở Nội vụ"


class OfCouncilFactory(factory.django.DjangoModelFactory):
    """A row of a council: of a new council unless one is given."""

    class Meta:
        abstract = True

    council = factory.SubFactory(CouncilFactory)


class UnitFactory(OfCouncilFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    kind = Unit.Kind.DEPARTMENT
    head_name = "Nguyễn Văn An"
    head_position = "Giám đốc"


class UserFactory(OfCouncilFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    role = User.Role.VIEWER
    password = factory.django.Password("matkhau-thu-nghiem")


def make_units(council: Council, names: Sequence[str]) -> list[Unit]:
    return [UnitFactory(council=council, name=name) for name in names]


def succeed(
    predecessor: Unit,
    successor: Unit,
    *,
    on: datetime.date = datetime.date(2025, 3, 1),
    kind: str = Succession.Kind.MERGE,
) -> Succession:
    """The link "`predecessor` is succeeded by `successor` from `on`" (a merge by
    default), written directly (the restructuring services also retire units)."""
    return Succession.objects.create(
        predecessor=predecessor, successor=successor, kind=kind, effective_on=on
    )


def unit_secretary(membership_or_unit, **fields) -> User:
    """A secretary of the unit (or of a membership's unit), in the unit's council."""
    unit = getattr(membership_or_unit, "unit", membership_or_unit)
    return UserFactory(
        role=User.Role.SECRETARY, council=unit.council, unit=unit, **fields
    )


# --- Files to upload ------------------------------------------------------------------


def xlsx_bytes(rows: Sequence[Sequence] = ()) -> bytes:
    """A workbook whose first sheet holds these rows (none: an empty workbook)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: Sequence[Sequence], *, sep: str = ";", bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
