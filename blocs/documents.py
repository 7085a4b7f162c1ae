"""The member list of a bloc-year as an official document (Decree 30 layout).

`member_list_html` and `member_list_pdf` are separate so tests can read the HTML; both
go through the kernel's document layer (emulation/documents.py, docs/domain.md §8).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.exports import bloc_display_name, role_label
from blocs.models import Bloc, BlocYear, Membership
from blocs.selectors import bloc_year_members
from emulation.documents import (
    DocumentHeader,
    SignatureBlock,
    html_to_pdf,
    render_document_html,
    upper_vi,
)

TEMPLATE = "pdf/blocs_member_list.html"


def _symbol(bloc: Bloc) -> str:
    """ "DS-KTĐ" (danh sách – khối thi đua) or "DS-CTĐ" for a cluster."""
    return "DS-CTĐ" if bloc.kind == Bloc.Kind.CUM else "DS-KTĐ"


def member_list_context(
    *, bloc_year: BlocYear, date: datetime.date | None = None
) -> dict:
    bloc = bloc_year.bloc
    council = bloc.council
    members = list(bloc_year_members(bloc_year=bloc_year))
    full_name = bloc_display_name(bloc)
    is_cluster = bloc.kind == Bloc.Kind.CUM
    chair = next((m for m in members if m.role == Membership.Role.CHAIR), None)
    vice_chairs = [m for m in members if m.role == Membership.Role.VICE_CHAIR]

    header = DocumentHeader(
        issuer=upper_vi(full_name),
        parent=upper_vi(council.parent_body),
        place=council.place_name,
        number=None,
        symbol=_symbol(bloc),
        date=date or timezone.localdate(),
        title=_("DANH SÁCH"),
        summary=_("Đơn vị thành viên %(bloc)s năm %(year)s")
        % {"bloc": full_name, "year": bloc_year.year},
        recipients=[
            council.board_name or _("Ban Thi đua – Khen thưởng"),
            _("Các đơn vị thành viên Cụm")
            if is_cluster
            else _("Các đơn vị thành viên Khối"),
            _("Lưu: VT"),
        ],
    )
    signature = SignatureBlock(
        authority=f"TM. {upper_vi(full_name)}",
        position=upper_vi(role_label(Membership.Role.CHAIR, bloc)),
        agency_position=upper_vi(chair.unit.head_position) if chair else "",
        name=chair.unit.head_name if chair else "",
    )
    rows = [
        {
            "number": index,
            "unit": m.unit,
            "role": role_label(m.role, bloc)
            if m.role != Membership.Role.MEMBER
            else _("Thành viên"),
            "is_lead": m.role != Membership.Role.MEMBER,
            "left_on": m.left_on,
        }
        for index, m in enumerate(members, start=1)
    ]
    return {
        "header": header,
        "signature": signature,
        "bloc_year": bloc_year,
        "bloc_name": full_name,
        "rows": rows,
        "member_count": f"{len(members):02d}",
        "chair": chair,
        "vice_chairs": vice_chairs,
        "role_column": _("Vai trò trong Cụm")
        if is_cluster
        else _("Vai trò trong Khối"),
        "chair_label": role_label(Membership.Role.CHAIR, bloc),
        "vice_label": role_label(Membership.Role.VICE_CHAIR, bloc),
    }


def member_list_html(*, bloc_year: BlocYear, date: datetime.date | None = None) -> str:
    return render_document_html(
        TEMPLATE, member_list_context(bloc_year=bloc_year, date=date)
    )


def member_list_pdf(*, bloc_year: BlocYear, date: datetime.date | None = None) -> bytes:
    return html_to_pdf(member_list_html(bloc_year=bloc_year, date=date))
