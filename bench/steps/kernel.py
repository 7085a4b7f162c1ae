"""Kernel step: councils, units and accounts.

Fills `ctx.councils` (the first N of the 34 provinces of 2025, Nghệ An first: a council
the demo already has is reused, so its board sees the generated blocs next to the
demo's), `ctx.units_by_council` (per council, the units of each bloc to come, in bloc
order), `ctx.board_user` (one board account per council) and `ctx.secretary` (one
secretary account per unit). Accounts are `bench-<council>-…` with the demo password.
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth.hashers import make_password
from django.db.models.functions import Lower

from bench.steps import DEMO_PASSWORD, USERNAME_PREFIX, Context, bloc_sizes, bulk
from emulation.models import Council, Unit, User
from emulation.text import person_sort_key, vietnamese_sort_key

# The 34 provinces and cities after 01/7/2025; the demo's councils come first.
PROVINCES = [
    ("tỉnh", "Nghệ An"),
    ("tỉnh", "Hà Tĩnh"),
    ("thành phố", "Hà Nội"),
    ("thành phố", "Huế"),
    ("thành phố", "Hải Phòng"),
    ("thành phố", "Đà Nẵng"),
    ("", "Thành phố Hồ Chí Minh"),
    ("thành phố", "Cần Thơ"),
    ("tỉnh", "Lai Châu"),
    ("tỉnh", "Điện Biên"),
    ("tỉnh", "Sơn La"),
    ("tỉnh", "Lạng Sơn"),
    ("tỉnh", "Quảng Ninh"),
    ("tỉnh", "Thanh Hóa"),
    ("tỉnh", "Cao Bằng"),
    ("tỉnh", "Tuyên Quang"),
    ("tỉnh", "Lào Cai"),
    ("tỉnh", "Thái Nguyên"),
    ("tỉnh", "Phú Thọ"),
    ("tỉnh", "Bắc Ninh"),
    ("tỉnh", "Hưng Yên"),
    ("tỉnh", "Ninh Bình"),
    ("tỉnh", "Quảng Trị"),
    ("tỉnh", "Quảng Ngãi"),
    ("tỉnh", "Gia Lai"),
    ("tỉnh", "Khánh Hòa"),
    ("tỉnh", "Lâm Đồng"),
    ("tỉnh", "Đắk Lắk"),
    ("tỉnh", "Đồng Nai"),
    ("tỉnh", "Tây Ninh"),
    ("tỉnh", "Vĩnh Long"),
    ("tỉnh", "Đồng Tháp"),
    ("tỉnh", "Cà Mau"),
    ("tỉnh", "An Giang"),
]

# Blocs by function (khối): theme, unit name prefix, unit kind, head's position.
KHOI_THEMES = [
    ("các cơ sở Y tế", "Trung tâm Y tế khu vực", Unit.Kind.DEPARTMENT, "Giám đốc"),
    (
        "các trường Trung học phổ thông",
        "Trường Trung học phổ thông",
        Unit.Kind.DEPARTMENT,
        "Hiệu trưởng",
    ),
    ("các đơn vị Thuế", "Thuế cơ sở", Unit.Kind.DEPARTMENT, "Trưởng Thuế cơ sở"),
    (
        "các Ban Quản lý dự án",
        "Ban Quản lý dự án khu vực",
        Unit.Kind.DEPARTMENT,
        "Giám đốc",
    ),
    ("các Doanh nghiệp", "Công ty Cổ phần", Unit.Kind.ENTERPRISE, "Tổng Giám đốc"),
    ("các Hội đặc thù", "Hội Chữ thập đỏ khu vực", Unit.Kind.MASS, "Chủ tịch Hội"),
    (
        "các đơn vị Kho bạc",
        "Kho bạc Nhà nước khu vực",
        Unit.Kind.DEPARTMENT,
        "Giám đốc",
    ),
    ("các Đồn Biên phòng", "Đồn Biên phòng", Unit.Kind.ARMED, "Đồn trưởng"),
]
# Blocs by territory (cụm): communes and wards.
CUM_UNIT = ("Ủy ban nhân dân xã", Unit.Kind.COMMUNE, "Chủ tịch Ủy ban nhân dân xã")

# Place names: FIRST × SECOND gives 400 distinct names per council.
FIRST = (
    "An Bình Cẩm Diễn Đông Gia Hưng Kim Lộc Minh "
    "Nam Nghĩa Phúc Quang Sơn Tân Thạch Thanh Vĩnh Xuân"
).split()
SECOND = (
    "Châu Đồng Hòa Hội Khánh Lâm Lạc Lợi Lương Mỹ "
    "Ninh Phong Phú Quý Tiến Thành Thịnh Trung Trường Yên"
).split()

FAMILY = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
)
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Quốc Ngọc Thu Hoài Xuân Đình".split()
GIVEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hùng Hương Khoa Lan Linh Long Mai Nam "
    "Nga Phong Quân Sơn Tâm Thảo Trung Tuấn Vinh Yến"
).split()


def council_name(index: int) -> tuple[str, str, str]:
    """(council name, place name, issuing body) of the index-th council."""
    if index < len(PROVINCES):
        prefix, place = PROVINCES[index]
    else:
        prefix, place = "tỉnh", f"Thử nghiệm {index + 1}"
    name = " ".join(w for w in ("Hội đồng Thi đua – Khen thưởng", prefix, place) if w)
    body = " ".join(w for w in ("UBND", prefix.upper(), place.upper()) if w)
    return name, place, body


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c for c in text if c.isalnum())


def person(rng) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def place_name(n: int) -> str:
    base = f"{FIRST[n // len(SECOND) % len(FIRST)]} {SECOND[n % len(SECOND)]}"
    rounds = n // (len(FIRST) * len(SECOND))
    return base if rounds == 0 else f"{base} {rounds + 1}"


def bloc_unit_kind(bloc_index: int) -> tuple[str, str, str]:
    """(unit name prefix, unit kind, head's position) for the units of a bloc."""
    if bloc_index % 2:
        return CUM_UNIT
    _theme, prefix, kind, head = KHOI_THEMES[bloc_index // 2 % len(KHOI_THEMES)]
    return prefix, kind, head


def generate(ctx: Context) -> None:
    rng, sizes = ctx.rng, ctx.sizes
    councils = []
    for index in range(sizes.councils):
        name, place, body = council_name(index)
        council, created = Council.objects.get_or_create(
            name=name,
            defaults={
                "short_name": name.replace("Hội đồng Thi đua – Khen thưởng", "HĐTĐKT"),
                "level": Council.Level.PROVINCE,
                "place_name": place,
                "parent_body": body,
                "board_name": f"Ban Thi đua – Khen thưởng, Sở Nội vụ {place}",
            },
        )
        ctx.add("councils (created)", int(created))
        councils.append(council)
    ctx.councils = councils

    units: list[Unit] = []
    layout: list[tuple[int, int, int]] = []  # (council index, bloc index, slot)
    for ci, council in enumerate(councils):
        taken = set(
            Unit.objects.filter(council=council)
            .annotate(lname=Lower("name"))
            .values_list("lname", flat=True)
        )
        province = ascii_slug(council.place_name) or f"tinh{ci}"
        counter = 0
        for bi, size in enumerate(bloc_sizes(sizes.blocs, sizes.units)):
            prefix, kind, head = bloc_unit_kind(bi)
            for slot in range(size):
                name = f"{prefix} {place_name(counter)}"
                while name.lower() in taken:  # never the demo's names, but be sure
                    counter += 1
                    name = f"{prefix} {place_name(counter)}"
                taken.add(name.lower())
                counter += 1
                units.append(
                    Unit(
                        council=council,
                        name=name,
                        sort_key=vietnamese_sort_key(name),
                        kind=kind,
                        head_name=person(rng),
                        head_position=head,
                        contact_name=person(rng),
                        contact_phone=f"0{rng.randint(200, 299)} {rng.randint(3000000, 3999999)}",
                        contact_email=f"vanphong.dv{counter:04d}@{province}.gov.vn",
                    )
                )
                layout.append((ci, bi, slot))
    bulk(Unit, units)
    ctx.add("units", len(units))
    ctx.units_by_council = {}
    for unit, (ci, bi, _slot) in zip(units, layout, strict=True):
        per_bloc = ctx.units_by_council.setdefault(councils[ci].pk, [])
        while len(per_bloc) <= bi:
            per_bloc.append([])
        per_bloc[bi].append(unit)

    password = make_password(DEMO_PASSWORD)
    users: list[User] = []
    for ci, council in enumerate(councils):
        full_name = person(rng)
        users.append(
            User(
                username=f"{USERNAME_PREFIX}{ci + 1:02d}-bantdkt",
                full_name=full_name,
                sort_key=person_sort_key(full_name),
                position="Chuyên viên Ban Thi đua – Khen thưởng",
                role=User.Role.BOARD,
                council=council,
                password=password,
            )
        )
    n_board = len(users)
    for n, unit in enumerate(units):
        ci = layout[n][0]
        users.append(
            User(
                username=f"{USERNAME_PREFIX}{ci + 1:02d}-{n + 1:05d}",
                full_name=unit.contact_name,
                sort_key=person_sort_key(unit.contact_name),
                position="Cán bộ làm công tác thi đua",
                role=User.Role.SECRETARY,
                council_id=unit.council_id,
                unit=unit,
                password=password,
            )
        )
    bulk(User, users)
    ctx.add("users", len(users))
    ctx.board_user = {u.council_id: u.pk for u in users[:n_board]}
    ctx.secretary = {u.unit_id: u.pk for u in users[n_board:]}
