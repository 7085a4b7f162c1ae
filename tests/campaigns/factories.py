"""Factories and helpers for the campaigns tests (the shared ones are in tests/factories.py)."""

from __future__ import annotations

import datetime

import factory

from blocs.models import BlocYear, Membership
from campaigns import services
from campaigns.models import (
    Campaign,
    Commitment,
    Covenant,
    LegalBasis,
    Meeting,
    TitleKind,
)
from emulation.models import User
from tests.factories import CouncilFactory, UserFactory


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    number = factory.Sequence(lambda n: f"{n + 1:02d}/2024/TT-THU")
    kind = "Thông tư"
    issuer = "Bộ Nội vụ"
    issued_on = datetime.date(2024, 1, 15)
    title = "hướng dẫn thử nghiệm công tác thi đua, khen thưởng"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    council = factory.SubFactory(CouncilFactory)
    level = Campaign.Level.COUNCIL
    title = factory.Sequence(lambda n: f"Phong trào thi đua thử nghiệm số {n}")
    theme = "Đoàn kết, kỷ cương, trách nhiệm, sáng tạo"
    kind = Campaign.Kind.YEARLY
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = Meeting.Kind.LAUNCH
    held_on = datetime.date(2026, 3, 10)
    place = "Hội trường Công an tỉnh"
    guests = "Ban Thi đua – Khen thưởng tỉnh, Sở Nội vụ"


class TitleKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TitleKind

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Danh hiệu thử nghiệm {n}")
    scope = TitleKind.Scope.COLLECTIVE
    position = factory.Sequence(lambda n: n)


COMMITMENTS = [
    "Tiếp tục quán triệt, nâng cao nhận thức về công tác thi đua, khen thưởng.",
    "Thi đua lập thành tích chào mừng Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
    "Phát hiện, xây dựng và nhân rộng các mô hình, điển hình tiên tiến.",
]


def make_covenant(
    bloc_year: BlocYear, *, commitments=COMMITMENTS, open_: bool = False
) -> Covenant:
    """A covenant drafted through the services (optionally opened for signing)."""
    covenant = services.covenant_create(bloc_year=bloc_year, created_by=None)
    for text in commitments:
        services.commitment_add(covenant=covenant, text=text)
    if open_:
        covenant = services.covenant_open_for_signing(covenant=covenant)
    covenant.refresh_from_db()
    return covenant


def unit_secretary(membership_or_unit) -> User:
    unit = getattr(membership_or_unit, "unit", membership_or_unit)
    return UserFactory(role=User.Role.SECRETARY, council=unit.council, unit=unit)


def sign(covenant: Covenant, unit, user: User | None = None):
    user = user or unit_secretary(unit)
    return services.covenant_sign(
        covenant=covenant,
        unit=unit,
        signer_name=unit.head_name or "Nguyễn Văn An",
        signer_position=unit.head_position or "Giám đốc",
        recorded_by=user,
    )


def members(bloc_year: BlocYear) -> list:
    return [
        m.unit
        for m in Membership.objects.filter(bloc_year=bloc_year)
        .select_related("unit")
        .order_by("id")
    ]


def commitment_texts(covenant: Covenant) -> list[str]:
    return list(
        Commitment.objects.filter(covenant=covenant)
        .order_by("position")
        .values_list("text", flat=True)
    )
