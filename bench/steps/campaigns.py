"""Campaigns step: title kinds (each council's defaults, through the service), legal
bases (two national ones and a council regulation each), campaigns (two of the
council's a year, one per bloc-year, one per unit and year), meetings (launch,
mid-year, year-end, every member present), a complete covenant per bloc-year and a
registration per member with three targets.

The covenant goes through the states the services give it — drafting with its
commitments and legal bases, then the content hash of its canonical text
(`campaigns.selectors.covenant_content_hash`, as `covenant_open_for_signing` and the
first `covenant_sign` store it), one signature per member recorded by the unit's
secretary, status complete — and keeps the verification code of the model's default.
"""

from __future__ import annotations

import datetime
import hashlib
import warnings
from decimal import Decimal

from django.utils import timezone

from bench.steps import Context, bulk, copy_insert, copy_m2m
from campaigns.models import (
    Campaign,
    Commitment,
    Covenant,
    IndividualTitleCount,
    LegalBasis,
    Meeting,
    Registration,
    RegistrationRound,
    Signature,
    Target,
    TitleKind,
)
from campaigns.selectors import covenant_content_hash
from campaigns.services import title_kinds_ensure_defaults

# The demo's national legal bases (fixtures/demo_campaigns.yaml): reused when loaded.
NATIONAL_BASES = [
    {
        "number": "34-CT/TW",
        "issued_on": datetime.date(2014, 4, 7),
        "kind": "Chỉ thị",
        "issuer": "Bộ Chính trị",
        "title": "tiếp tục đổi mới công tác thi đua, khen thưởng",
    },
    {
        "number": "06/2022/QH15",
        "issued_on": datetime.date(2022, 6, 15),
        "kind": "Luật",
        "issuer": "Quốc hội",
        "title": "Thi đua, khen thưởng",
        "effective_from": datetime.date(2024, 1, 1),
    },
]

COMMITMENTS = [
    "Quán triệt, triển khai đầy đủ các văn bản của Đảng, Nhà nước về thi đua, khen "
    "thưởng; chủ động hoàn thiện hệ thống văn bản, hướng dẫn của đơn vị.",
    "Gắn kết chặt chẽ các phong trào thi đua với nhiệm vụ chính trị, chuyên môn; hoàn "
    "thành bảo đảm chất lượng, tiến độ các nhiệm vụ được giao.",
    "Triển khai các phong trào thi đua do Trung ương và UBND tỉnh phát động; thi đua "
    "lập thành tích chào mừng những ngày lễ lớn của đất nước.",
    "Thường xuyên phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, gương "
    "người tốt, việc tốt.",
    "Thi đua làm tốt công tác đền ơn, đáp nghĩa; ủng hộ người nghèo, xây dựng nông "
    "thôn mới.",
    "Tăng cường giao lưu văn nghệ, thể thao, học tập kinh nghiệm giữa các thành viên "
    "trong khối.",
]

TARGETS = [
    ("Tỷ lệ hoàn thành nhiệm vụ chuyên môn được giao", "%", (90, 100)),
    ("Số sáng kiến, giải pháp được công nhận", "sáng kiến", (3, 20)),
    ("Số mô hình, điển hình tiên tiến được xây dựng, nhân rộng", "mô hình", (2, 12)),
    ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "%", (95, 100)),
]

MEETINGS = [
    (Meeting.Kind.LAUNCH, 2, 20),
    (Meeting.Kind.MID_YEAR, 7, 15),
    (Meeting.Kind.YEAR_END, 12, 18),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime(day.year, day.month, day.day, hour, minute)
    )


def _legal_bases(ctx: Context) -> dict[int, list[LegalBasis]]:
    """council id → the legal bases its covenants and campaigns cite."""
    national = []
    for row in NATIONAL_BASES:
        basis, created = LegalBasis.objects.get_or_create(
            number=row["number"],
            issued_on=row["issued_on"],
            defaults={k: v for k, v in row.items() if k not in ("number", "issued_on")},
        )
        national.append(basis)
        ctx.add("legal bases", int(created))
    own = bulk(
        LegalBasis,
        [
            LegalBasis(
                council=council,
                number=f"{1000 + i}/QĐ-UBND",
                issued_on=datetime.date(ctx.years[0] - 1, 10, 18),
                kind="Quyết định",
                issuer="UBND tỉnh",
                title="việc ban hành Quy chế tổ chức và hoạt động cụm, khối thi đua",
            )
            for i, council in enumerate(ctx.councils)
        ],
    )
    ctx.add("legal bases", len(own))
    return {b.council_id: [*national, b] for b in own}


def _normalise(text: str) -> str:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def canonical_text(covenant: Covenant, bloc_year, bases, members) -> str:
    """`campaigns.selectors.covenant_canonical_text` without its queries (the rows are
    at hand). `_set_hashes` checks it against the service and falls back to it."""
    parts = [
        "BẢN GIAO ƯỚC THI ĐUA",
        f"Tiêu đề: {_normalise(covenant.title)}",
        f"Khối thi đua: {_normalise(bloc_year.bloc.name)}",
        f"Năm thi đua: {bloc_year.year}",
        "Căn cứ:",
        *(
            f"- {_normalise(b.citation)}"
            for b in sorted(bases, key=lambda b: (b.issued_on, b.number, b.pk))
        ),
        "Lời mở đầu:",
        _normalise(covenant.preamble),
        "Nội dung giao ước:",
        *(f"{i}. {_normalise(t)}" for i, t in enumerate(COMMITMENTS, start=1)),
        "Phụ lục:",
        _normalise(covenant.annex),
        "Đơn vị thành viên:",
        *(
            f"- {_normalise(u.name)}"
            for u in sorted(members, key=lambda u: (u.sort_key, u.pk))
        ),
    ]
    return "\n".join(parts) + "\n"


def _check_hashes(ctx: Context, covenants: list[Covenant]) -> None:
    """Compare the hashes set here with the service's own for the first covenant of
    every council; if they ever differ (the canonical text changed), the service hashes
    every covenant again (slower, still right)."""
    sample, seen = [], set()
    for covenant in covenants:
        council_id = ctx.council_of_bloc_year[covenant.bloc_year_id].pk
        if council_id not in seen:
            seen.add(council_id)
            sample.append(covenant.pk)
    check = Covenant.objects.filter(pk__in=sample).prefetch_related(
        "legal_bases", "commitments"
    )
    if all(covenant_content_hash(c) == c.content_hash for c in check):
        return
    warnings.warn(
        "bench: the covenant's canonical text differs from "
        "campaigns.selectors.covenant_canonical_text; hashing through the service "
        "(slow). Update bench/steps/campaigns.py:canonical_text.",
        stacklevel=2,
    )
    pks = [c.pk for c in covenants]
    for start in range(0, len(pks), 500):
        chunk = Covenant.objects.filter(pk__in=pks[start : start + 500])
        for stored in chunk.prefetch_related("legal_bases", "commitments"):
            Covenant.objects.filter(pk=stored.pk).update(
                content_hash=covenant_content_hash(stored)
            )


def _campaigns(ctx: Context, bases: dict[int, list[LegalBasis]]) -> None:
    """Two of the council's campaigns a year, one per bloc-year, one per unit and year."""
    campaigns: list[Campaign] = []
    for council in ctx.councils:
        for year in ctx.years:
            campaigns.append(
                Campaign(
                    council=council,
                    level=Campaign.Level.COUNCIL,
                    title=f"Phong trào thi đua yêu nước năm {year}",
                    kind=Campaign.Kind.YEARLY,
                    launched_on=datetime.date(year - 1, 12, 28),
                    starts_on=datetime.date(year, 1, 1),
                    ends_on=datetime.date(year, 12, 31),
                )
            )
            campaigns.append(
                Campaign(
                    council=council,
                    level=Campaign.Level.COUNCIL,
                    title=f"Đợt thi đua cao điểm chào mừng Quốc khánh 2/9 năm {year}",
                    kind=Campaign.Kind.PEAK,
                    occasion=f"Quốc khánh 2/9/{year}",
                    starts_on=datetime.date(year, 6, 1),
                    ends_on=datetime.date(year, 9, 2),
                )
            )
    for bloc_year in ctx.bloc_years:
        campaigns.append(
            Campaign(
                council=ctx.council_of_bloc_year[bloc_year.pk],
                level=Campaign.Level.BLOC,
                bloc_year=bloc_year,
                title=f"Phong trào thi đua năm {bloc_year.year} của {bloc_year.bloc.name}",
                theme=bloc_year.theme,
                kind=Campaign.Kind.YEARLY,
                launched_on=datetime.date(bloc_year.year, 2, 20),
                starts_on=datetime.date(bloc_year.year, 1, 1),
                ends_on=datetime.date(bloc_year.year, 12, 31),
            )
        )
    bulk(Campaign, campaigns)
    copy_m2m(
        Campaign,
        "legal_bases",
        ((c.pk, b.pk) for c in campaigns for b in bases[c.council_id]),
    )
    unit_campaigns = copy_insert(
        Campaign,
        (
            {
                "council_id": council.pk,
                "level": Campaign.Level.UNIT,
                "unit_id": unit.pk,
                "title": f"Phong trào thi đua năm {year} của {unit.name}",
                "kind": Campaign.Kind.YEARLY,
                "starts_on": datetime.date(year, 1, 1),
                "ends_on": datetime.date(year, 12, 31),
            }
            for council in ctx.councils
            for units in ctx.units_by_council[council.pk]
            for unit in units
            for year in ctx.years
        ),
    )
    ctx.add("campaigns", len(campaigns) + unit_campaigns)


def _meetings(ctx: Context) -> None:
    """Launch, mid-year and year-end meetings, hosted by the chair, every member present."""
    meetings: list[Meeting] = []
    for bloc_year in ctx.bloc_years:
        chair = ctx.chair[bloc_year.pk]
        for kind, month, day in MEETINGS:
            meetings.append(
                Meeting(
                    bloc_year=bloc_year,
                    kind=kind,
                    held_on=datetime.date(bloc_year.year, month, day),
                    place=f"Hội trường {chair.name}",
                    host_unit=chair,
                    guests="Ban Thi đua – Khen thưởng, Sở Nội vụ",
                    summary=f"{Meeting.Kind(kind).label} năm {bloc_year.year}.",
                )
            )
    bulk(Meeting, meetings)
    ctx.add("meetings", len(meetings))
    copy_m2m(
        Meeting,
        "units_present",
        ((m.pk, u.pk) for m in meetings for u in ctx.members[m.bloc_year_id]),
    )


def _covenants(ctx: Context, bases: dict[int, list[LegalBasis]]) -> None:
    """A complete covenant per bloc-year: its legal bases and commitments, the hash of
    its canonical text, one signature per member (by the unit's secretary)."""
    covenants: list[Covenant] = []
    for bloc_year in ctx.bloc_years:
        council = ctx.council_of_bloc_year[bloc_year.pk]
        members = ctx.members[bloc_year.pk]
        launch = datetime.date(bloc_year.year, 2, 20)
        covenant = Covenant(
            bloc_year=bloc_year,
            title=f"Giao ước thi đua năm {bloc_year.year} của {bloc_year.bloc.name}",
            preamble=(
                f"Thực hiện phong trào thi đua yêu nước năm {bloc_year.year}, các đơn "
                f"vị thành viên {bloc_year.bloc.name} thống nhất ký kết giao ước thi "
                "đua với các nội dung sau:"
            ),
            signing_place=ctx.chair[bloc_year.pk].name,
            status=Covenant.Status.COMPLETE,
            opened_at=_at(launch - datetime.timedelta(days=10), 8),
            frozen_at=_at(launch, 9),
            completed_at=_at(launch, 9, len(members) - 1),
            created_by_id=ctx.board_user[council.pk],
        )
        text = canonical_text(covenant, bloc_year, bases[council.pk], members)
        covenant.content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        covenants.append(covenant)
    bulk(Covenant, covenants)
    ctx.add("covenants", len(covenants))
    copy_m2m(
        Covenant,
        "legal_bases",
        (
            (c.pk, b.pk)
            for c in covenants
            for b in bases[ctx.council_of_bloc_year[c.bloc_year_id].pk]
        ),
    )
    commitments = copy_insert(
        Commitment,
        (
            {"covenant_id": c.pk, "position": p, "text": text}
            for c in covenants
            for p, text in enumerate(COMMITMENTS, start=1)
        ),
    )
    ctx.add("commitments", commitments)
    signatures = copy_insert(
        Signature,
        (
            {
                "covenant_id": c.pk,
                "unit_id": unit.pk,
                "signer_name": unit.head_name,
                "signer_position": unit.head_position,
                "signed_at": _at(datetime.date(c.bloc_year.year, 2, 20), 9, i),
                "recorded_by_id": ctx.secretary[unit.pk],
            }
            for c in covenants
            for i, unit in enumerate(ctx.members[c.bloc_year_id])
        ),
    )
    ctx.add("signatures", signatures)
    _check_hashes(ctx, covenants)


def _registrations(ctx: Context) -> None:
    """A round per bloc-year (earlier years locked, this year open), a registration per
    member with collective titles, individual counts and three targets."""
    rng, last_year = ctx.rng, ctx.years[-1]
    copy_insert(
        RegistrationRound,
        (
            {
                "bloc_year_id": by.pk,
                "deadline": datetime.date(by.year, 3, 15)
                if by.year < last_year
                else datetime.date(by.year, 12, 31),
                "locked_at": _at(datetime.date(by.year, 3, 16), 8)
                if by.year < last_year
                else None,
            }
            for by in ctx.bloc_years
        ),
    )
    registrations = copy_insert(
        Registration,
        (
            {
                "bloc_year_id": by.pk,
                "unit_id": unit.pk,
                "submitted_at": _at(datetime.date(by.year, 3, 1), 8, i),
                "submitted_by_id": ctx.secretary[unit.pk],
            }
            for by in ctx.bloc_years
            for i, unit in enumerate(ctx.members[by.pk])
        ),
    )
    ctx.add("registrations", registrations)
    ids = list(
        Registration.objects.filter(bloc_year__in=[by.pk for by in ctx.bloc_years])
        .order_by("pk")
        .values_list("pk", "unit__council_id")
    )
    titles: dict[int, dict[str, list[TitleKind]]] = {}
    for kind in TitleKind.objects.filter(council__in=ctx.councils, active=True):
        titles.setdefault(kind.council_id, {}).setdefault(kind.scope, []).append(kind)
    collective, counts, targets = [], [], []
    for pk, council_id in ids:
        council_titles = titles.get(council_id, {})
        for kind in council_titles.get(TitleKind.Scope.COLLECTIVE, [])[: 1 + pk % 2]:
            collective.append((pk, kind.pk))
        for kind in council_titles.get(TitleKind.Scope.INDIVIDUAL, [])[:2]:
            counts.append(
                {
                    "registration_id": pk,
                    "title_id": kind.pk,
                    "count": rng.randint(3, 120),
                }
            )
        for position in range(1, 4):
            name, measure, (low, high) = TARGETS[(pk + position) % len(TARGETS)]
            targets.append(
                {
                    "registration_id": pk,
                    "position": position,
                    "name": name,
                    "unit_of_measure": measure,
                    "target_value": Decimal(rng.randint(low, high)),
                }
            )
    copy_m2m(Registration, "collective_titles", collective)
    copy_insert(IndividualTitleCount, counts)
    ctx.add("targets", copy_insert(Target, targets))


def generate(ctx: Context) -> None:
    for council in ctx.councils:
        ctx.add("title kinds", title_kinds_ensure_defaults(council=council))
    bases = _legal_bases(ctx)
    ctx.lap("title kinds, legal bases")
    _campaigns(ctx, bases)
    ctx.lap("campaigns")
    _meetings(ctx)
    ctx.lap("meetings")
    _covenants(ctx, bases)
    ctx.lap("covenants")
    _registrations(ctx)
    ctx.lap("registrations")
