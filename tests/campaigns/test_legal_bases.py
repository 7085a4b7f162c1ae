"""Legal bases (căn cứ): their rules, citations and dates of force, and the pages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import selectors, services
from campaigns.models import LegalBasis
from tests.factories import LegalBasisFactory, UserFactory, make_covenant, members, sign
from tests.utils import campaigns_url as url

pytestmark = pytest.mark.django_db


# --- Rules ----------------------------------------------------------------------------


def test_legal_basis_number_and_date_are_unique():
    LegalBasisFactory(number="34-CT/TW", issued_on=datetime.date(2014, 4, 7))
    with pytest.raises(ValidationError):
        services.legal_basis_create(
            council=None,
            number="34-CT/TW",
            issued_on=datetime.date(2014, 4, 7),
            kind="Chỉ thị",
            title="x",
        )


def test_legal_basis_effective_dates_ordered():
    with pytest.raises(ValidationError) as exc:
        services.legal_basis_create(
            council=None,
            number="1/2025/NĐ-CP",
            kind="Nghị định",
            title="x",
            issued_on=datetime.date(2025, 1, 1),
            effective_from=datetime.date(2025, 7, 1),
            effective_to=datetime.date(2025, 1, 1),
        )
    assert "effective_to" in exc.value.message_dict


def test_legal_basis_cannot_replace_itself():
    basis = LegalBasisFactory()
    with pytest.raises(ValidationError):
        services.legal_basis_update(basis=basis, replaced_by=basis)


def test_citations_follow_decree_30_dates_and_name_laws():
    directive = LegalBasis(
        kind="Chỉ thị",
        number="34-CT/TW",
        issued_on=datetime.date(2014, 4, 7),
        issuer="Bộ Chính trị",
        title="tiếp tục đổi mới công tác thi đua, khen thưởng",
    )
    assert directive.citation == (
        "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị "
        "về tiếp tục đổi mới công tác thi đua, khen thưởng"
    )
    law = LegalBasis(
        kind="Luật",
        number="06/2022/QH15",
        issued_on=datetime.date(2022, 6, 15),
        title="Thi đua, khen thưởng",
    )
    assert law.citation == "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"
    decree = LegalBasis(
        kind="Nghị định",
        number="98/2023/NĐ-CP",
        issued_on=datetime.date(2023, 12, 31),
        issuer="Chính phủ",
        title="quy định chi tiết thi hành Luật Thi đua, khen thưởng",
    )
    assert decree.citation.endswith(
        "của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng"
    )
    february = LegalBasis(
        kind="Kế hoạch", number="1/KH", issued_on=datetime.date(2024, 2, 3), title="x"
    )
    assert "ngày 03/02/2024" in february.citation


def test_legal_bases_in_force_follow_dates_and_council(council, other_council):
    old = LegalBasisFactory(
        issued_on=datetime.date(2023, 12, 31), effective_to=datetime.date(2025, 6, 30)
    )
    new = LegalBasisFactory(
        issued_on=datetime.date(2025, 6, 14), effective_from=datetime.date(2025, 7, 1)
    )
    own = LegalBasisFactory(council=council, issued_on=datetime.date(2021, 4, 8))
    LegalBasisFactory(council=other_council, issued_on=datetime.date(2024, 10, 18))
    assert selectors.legal_bases_in_force(
        council=council, on=datetime.date(2025, 3, 1)
    ) == [own, old]
    assert selectors.legal_bases_in_force(
        council=council, on=datetime.date(2025, 7, 1)
    ) == [own, new]


def test_legal_basis_cited_by_a_frozen_covenant_keeps_its_citation(bloc_year):
    basis = LegalBasisFactory()
    covenant = make_covenant(bloc_year)
    services.covenant_update(covenant=covenant, legal_bases=[basis])
    services.covenant_open_for_signing(covenant=covenant)
    sign(covenant, members(bloc_year)[0])
    with pytest.raises(ValidationError):
        services.legal_basis_update(basis=basis, title="trích yếu khác")
    basis.refresh_from_db()
    # Its dates of force may still be recorded.
    services.legal_basis_update(basis=basis, effective_to=datetime.date(2030, 1, 1))
    basis.refresh_from_db()
    assert basis.effective_to == datetime.date(2030, 1, 1)


# --- Pages ----------------------------------------------------------------------------


def test_legal_basis_list_for_the_council(client, viewer, council, other_council):
    LegalBasisFactory(number="06/2022/QH15", kind="Luật", title="Thi đua, khen thưởng")
    LegalBasisFactory(number="04-CT/TU", council=council)
    LegalBasisFactory(number="2124/QĐ-UBND", council=other_council)
    client.force_login(viewer)
    html = client.get(url("legalbasis-list")).content.decode()
    assert "06/2022/QH15" in html and "04-CT/TU" in html
    assert "2124/QĐ-UBND" not in html
    assert url("legalbasis-create") not in html


def test_board_adds_a_council_legal_basis(client, board, council):
    client.force_login(board)
    response = client.post(
        url("legalbasis-create"),
        {
            "kind": "Chỉ thị",
            "number": "04-CT/TU",
            "issued_on": "08/04/2021",
            "issuer": "Ban Thường vụ Tỉnh ủy",
            "title": "nâng cao chất lượng công tác thi đua, khen thưởng",
            "effective_from": "",
            "effective_to": "",
            "replaced_by": "",
        },
    )
    assert response.status_code == 302
    basis = LegalBasis.objects.get()
    assert basis.council == council and basis.issued_on == datetime.date(2021, 4, 8)


def test_board_records_a_replacement(client, board, council):
    old = LegalBasisFactory(number="98/2023/NĐ-CP", council=council)
    new = LegalBasisFactory(
        number="152/2025/NĐ-CP", council=council, issued_on=datetime.date(2025, 6, 14)
    )
    client.force_login(board)
    response = client.post(
        url("legalbasis-edit", old.pk),
        {
            "kind": old.kind,
            "number": old.number,
            "issued_on": old.issued_on.strftime("%d/%m/%Y"),
            "issuer": old.issuer,
            "title": old.title,
            "effective_from": "",
            "effective_to": "30/06/2025",
            "replaced_by": new.pk,
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.replaced_by == new and old.effective_to == datetime.date(2025, 6, 30)


def test_only_superusers_edit_national_legal_bases(client, board):
    national = LegalBasisFactory()
    client.force_login(board)
    assert client.get(url("legalbasis-edit", national.pk)).status_code == 403


def test_legal_basis_forms_permissions(client, secretary, outsider, council):
    own = LegalBasisFactory(council=council)
    client.force_login(secretary)
    assert client.get(url("legalbasis-create")).status_code == 403
    assert client.get(url("legalbasis-edit", own.pk)).status_code == 403
    client.force_login(outsider)
    assert client.get(url("legalbasis-edit", own.pk)).status_code == 403
    assert client.get(url("legalbasis-edit", 999999)).status_code == 404


def test_superuser_edits_any_councils_legal_basis(client, other_council):
    """Superusers pass every check (emulation.permissions), whatever their council."""
    foreign = LegalBasisFactory(council=other_council)
    national = LegalBasisFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True, council=None))
    assert client.get(url("legalbasis-edit", foreign.pk)).status_code == 200
    assert client.get(url("legalbasis-edit", national.pk)).status_code == 200


def test_empty_post_is_a_submission_with_vietnamese_errors(client, board):
    client.force_login(board)
    response = client.post(url("legalbasis-create"), {})
    assert response.status_code == 400
    assert "Hãy nhập ngày ban hành." in response.content.decode()
    assert not LegalBasis.objects.exists()


@pytest.mark.parametrize("n", [2, 20])
def test_legal_basis_list_query_count_is_constant(
    client, viewer, council, django_assert_num_queries, n
):
    for i in range(n):
        LegalBasisFactory(council=council if i % 2 else None)
    client.force_login(viewer)
    # session, user, the user's council (list and header), COUNT for the paginator,
    # the page of legal bases with what replaces them.
    with django_assert_num_queries(5):
        assert client.get(url("legalbasis-list")).status_code == 200
