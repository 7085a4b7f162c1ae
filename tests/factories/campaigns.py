"""The campaigns' factories and builders: legal bases, campaigns, meetings, title kinds,
and covenants. `make_covenant` drafts a covenant through the services; `build_covenant`
builds one with the ORM in any state, signed by some or all members (the documents,
scan and verification tests)."""

from __future__ import annotations

import datetime

import factory

from blocs.models import BlocYear, Membership
from campaigns import selectors, services
from campaigns.models import (
    Campaign,
    Commitment,
    Covenant,
    LegalBasis,
    Meeting,
    Signature,
    TitleKind,
)
from emulation.models import User
from tests.factories.kernel import (
    OfCouncilFactory,
    UserFactory,
    unit_secretary,
)

__all__ = [
    "COMMITMENTS",
    "COMMITMENT_TEXTS",
    "SIGNED_AT",
    "CampaignFactory",
    "LegalBasisFactory",
    "MeetingFactory",
    "TitleKindFactory",
    "build_covenant",
    "commitment_texts",
    "covenant_for_docs",
    "make_covenant",
    "named_bloc_year",
    "UNIT_NAMES",
    "recorder",
    "register",
    "sign",
    "sign_all",
    "signer_name",
    "title_kinds",
]


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    number = factory.Sequence(lambda n: f"{n + 1:02d}/2024/TT-THU")
    kind = "Thông tư"
    issuer = "Bộ Nội vụ"
    issued_on = datetime.date(2024, 1, 15)
    title = "hướng dẫn thử nghiệm công tác thi đua, khen thưởng"


class CampaignFactory(OfCouncilFactory):
    class Meta:
        model = Campaign

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


class TitleKindFactory(OfCouncilFactory):
    class Meta:
        model = TitleKind

    name = factory.Sequence(lambda n: f"Danh hiệu thử nghiệm {n}")
    scope = TitleKind.Scope.COLLECTIVE
    position = factory.Sequence(lambda n: n)


def title_kinds(council) -> dict[str, TitleKind]:
    """The council's title kinds by name, the default list made if missing."""
    services.title_kinds_ensure_defaults(council=council)
    return {k.name: k for k in TitleKind.objects.filter(council=council)}


def register(
    bloc_year: BlocYear,
    unit,
    *,
    collective=(),
    counts: dict | None = None,
    targets=(),
    user: User | None = None,
    **extra,
):
    """A unit's registration through the services (by its secretary unless `user`):
    collective titles, individual counts by title kind, targets as (name, unit of
    measure, value)."""
    return services.registration_save(
        bloc_year=bloc_year,
        unit=unit,
        submitted_by=user or unit_secretary(unit),
        collective_titles=list(collective),
        individual_counts=counts,
        targets=[
            {"name": name, "unit_of_measure": uom, "target_value": value}
            for name, uom, value in targets
        ],
        **extra,
    )


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


def sign(covenant: Covenant, unit, user: User | None = None):
    user = user or unit_secretary(unit)
    return services.covenant_sign(
        covenant=covenant,
        unit=unit,
        signer_name=unit.head_name or "Nguyễn Văn An",
        signer_position=unit.head_position or "Giám đốc",
        recorded_by=user,
    )


def commitment_texts(covenant: Covenant) -> list[str]:
    return list(
        Commitment.objects.filter(covenant=covenant)
        .order_by("position")
        .values_list("text", flat=True)
    )


# --- Covenants built with the ORM (the document, scan and verification tests) ------

COMMITMENT_TEXTS = [
    "Thực hiện có hiệu quả các phong trào thi đua do Trung ương, Tỉnh ủy, UBND tỉnh phát động.",
    "100% đơn vị thành viên hoàn thành tốt nhiệm vụ trở lên; "
    "phấn đấu có ít nhất 02 đơn vị được tặng Cờ thi đua.",
    "Tổ chức ít nhất 01 hoạt động an sinh xã hội chung của Khối.",
]


SIGNED_AT = datetime.datetime(
    2026, 3, 10, 2, 15, tzinfo=datetime.UTC
)  # 09:15 in Hà Nội


def recorder(council) -> User:
    """The staff member who records signatures: never shown on public pages."""
    existing = User.objects.filter(username="nguoighinhan").first()
    return existing or UserFactory(
        username="nguoighinhan",
        full_name="Lê Thị Ghi Nhận",
        email="ghinhan@thidua.example.vn",
        role=User.Role.BOARD,
        council=council,
    )


def signer_name(i: int) -> str:
    return f"Trần Văn Ký Số {i + 1}"


def build_covenant(
    bloc_year,
    *,
    status: str = Covenant.Status.COMPLETE,
    signed: int | None = None,
    commitments: list[str] = COMMITMENT_TEXTS,
    preamble: str = "",
    annex: str = "",
    legal_bases: int = 2,
    user: User | None = None,
) -> Covenant:
    """A covenant of the bloc-year with commitments and legal bases, its text frozen
    (snapshot and content hash) unless drafting, and `signed` member units signed (all by default,
    none while drafting), in the members' Vietnamese order."""
    council = bloc_year.bloc.council
    covenant = Covenant.objects.create(
        bloc_year=bloc_year,
        title=f"Giao ước thi đua năm {bloc_year.year} của {bloc_year.bloc.name}",
        preamble=preamble,
        annex=annex,
        status=Covenant.Status.DRAFTING,
    )
    bases = [
        LegalBasis.objects.get_or_create(
            number=f"{i + 1:02d}/2025/TT-BNV",
            issued_on=datetime.date(2025, 1, 10 + i),
            defaults={
                "kind": "Thông tư",
                "issuer": "Bộ Nội vụ",
                "title": f"hướng dẫn thi đua số {i + 1}",
            },
        )[0]
        for i in range(legal_bases)
    ]
    covenant.legal_bases.set(bases)
    for position, text in enumerate(commitments, start=1):
        Commitment.objects.create(covenant=covenant, position=position, text=text)
    if status == Covenant.Status.DRAFTING:
        return covenant
    members = list(
        Membership.objects.filter(bloc_year=bloc_year)
        .select_related("unit")
        .order_by("unit__sort_key")
    )
    n_signed = len(members) if signed is None else signed
    user = user or recorder(council)
    for i, membership in enumerate(members[:n_signed]):
        Signature.objects.create(
            covenant=covenant,
            unit=membership.unit,
            signer_name=signer_name(i),
            signer_position=f"Phó Thủ trưởng số {i + 1}",
            signed_at=SIGNED_AT + datetime.timedelta(minutes=i),
            recorded_by=user,
        )
    text = selectors.covenant_live_text(covenant)
    covenant.snapshot = text.to_snapshot()
    covenant.content_hash = text.hash
    covenant.frozen_at = SIGNED_AT
    covenant.status = status
    if status == Covenant.Status.COMPLETE:
        covenant.completed_at = SIGNED_AT + datetime.timedelta(hours=1)
    covenant.save()
    return covenant


def covenant_for_docs(covenant: Covenant) -> Covenant:
    """Reload with everything the documents show (as the views do)."""
    return selectors.covenant_document_queryset().get(pk=covenant.pk)


# --- Covenants signed through the services, with named units ------------------------

UNIT_NAMES = ["Thanh tra tỉnh", "Sở Tư pháp", "Công an tỉnh", "Tòa án nhân dân tỉnh"]


def named_bloc_year(council, names=UNIT_NAMES, **kwargs) -> BlocYear:
    """A 2026 bloc-year whose members have real names (the first chairs)."""
    from tests.factories import MembershipFactory, UnitFactory, make_bloc_year

    bloc_year = make_bloc_year(council=council, n_members=0, **kwargs)
    for i, name in enumerate(names):
        role = Membership.Role.CHAIR if i == 0 else Membership.Role.MEMBER
        unit = UnitFactory(council=council, name=name)
        MembershipFactory(bloc_year=bloc_year, unit=unit, role=role)
    return bloc_year


def sign_all(covenant: Covenant, units=None) -> Covenant:
    """Every member (or these units) signs through the services; the covenant is
    reloaded. Wrap in `django_capture_on_commit_callbacks(execute=True)` for the signed
    copy to be issued as after a real commit (then reload the covenant after the
    block: the callbacks run when it ends)."""
    from tests.factories.blocs import members

    for unit in units if units is not None else members(covenant.bloc_year):
        sign(covenant, unit)
    covenant.refresh_from_db()
    return covenant
