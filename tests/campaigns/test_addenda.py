"""Changes of members against the covenant (issue "Trust and daily use" #3): while it is
signed, a change of members re-evaluates completion; once it is complete, a unit that
joins signs a dated addendum and the original stays intact and verifiable.

The blocs app announces changes with `blocs.signals.membership_changed`, sent by its
services: the tests change members through those services and nothing else."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from blocs import services as bloc_services
from blocs.models import BlocYear, Membership
from blocs.signals import membership_changed
from campaigns import selectors, services
from campaigns.documents import covenants as documents
from campaigns.models import Covenant, CovenantAddendum
from emulation.models import IssuedDocument
from tests.factories import (
    covenant_for_docs,
    make_bloc_year,
    make_covenant,
    members,
    sign,
    sign_all,
    unit_secretary,
)

pytestmark = pytest.mark.django_db

JOINED_ON = datetime.date(2026, 5, 4)


def changed(bloc_year: BlocYear) -> None:
    """What the blocs services send after changing a bloc-year's members."""
    membership_changed.send(sender=BlocYear, bloc_year=bloc_year)


def remove(bloc_year: BlocYear, unit) -> None:
    membership = Membership.objects.get(bloc_year=bloc_year, unit=unit)
    bloc_services.bloc_year_member_remove(membership=membership)


def add(bloc_year: BlocYear, name: str, joined_on=JOINED_ON):
    council = bloc_year.bloc.council
    unit = bloc_services.unit_create(council=council, name=name)
    bloc_services.bloc_year_member_add(
        bloc_year=bloc_year, unit=unit, joined_on=joined_on
    )
    return unit


def frozen_names(covenant: Covenant) -> list[str]:
    covenant.refresh_from_db()
    return [m.name for m in covenant.frozen_text.members]


def complete(covenant: Covenant, capture) -> Covenant:
    with capture(execute=True):
        sign_all(covenant)
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    return covenant


def test_the_campaigns_app_listens_to_changes_of_members():
    assert membership_changed.has_listeners(sender=BlocYear)


# --- While signing -------------------------------------------------------------------


def test_removing_the_last_unsigned_member_completes_the_covenant_and_issues_its_copy(
    bloc_year, django_capture_on_commit_callbacks
):
    covenant = make_covenant(bloc_year, open_=True)
    *signers, last = members(bloc_year)
    sign_all(covenant, signers)
    with django_capture_on_commit_callbacks(execute=True):
        remove(bloc_year, last)
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    assert covenant.completed_at is not None
    assert covenant.issued_document is not None
    assert IssuedDocument.objects.count() == 1
    assert last.name not in frozen_names(covenant)
    assert covenant.content_hash == covenant.frozen_text.hash
    html = documents.covenant_signed_html(covenant=covenant_for_docs(covenant))
    assert last.name.upper() not in html
    assert "lập thành 04 bản" in html  # three members and the board


def test_a_member_added_while_signing_must_sign_too(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    units = members(bloc_year)
    sign(covenant, units[0])
    newcomer = add(bloc_year, "Sở Nội vụ")
    assert "Sở Nội vụ" in frozen_names(covenant)
    assert covenant.content_hash == covenant.frozen_text.hash
    sign_all(covenant, units[1:])
    assert covenant.status == Covenant.Status.SIGNING
    sign(covenant, newcomer)
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    assert not CovenantAddendum.objects.exists()


def test_a_unit_that_signed_and_left_stays_on_what_it_signed(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    chair, vice, leaving, staying = members(bloc_year)
    sign(covenant, leaving)
    remove(bloc_year, leaving)
    assert leaving.name in frozen_names(covenant)
    sign_all(covenant, [chair, vice, staying])
    assert covenant.status == Covenant.Status.COMPLETE
    cells = documents.signature_grid(covenant_for_docs(covenant), signed=True)
    assert leaving.name.upper() in [c.unit_name for row in cells for c in row]


def test_frozen_names_stay_when_a_member_is_added(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    first = members(bloc_year)[0]
    sign(covenant, first)
    frozen = first.name
    bloc_services.unit_update(unit=first, name="Tên mới của đơn vị")
    add(bloc_year, "Sở Nội vụ")
    names = frozen_names(covenant)
    assert frozen in names and "Tên mới của đơn vị" not in names


def test_while_nobody_has_signed_the_hash_follows_the_members(bloc_year):
    covenant = make_covenant(bloc_year, open_=True)
    add(bloc_year, "Sở Nội vụ")
    covenant.refresh_from_db()
    assert covenant.snapshot is None
    assert covenant.content_hash == selectors.covenant_content_hash(covenant)


def test_a_draft_and_a_bloc_year_without_covenant_are_left_alone(council, bloc_year):
    covenant = make_covenant(bloc_year)
    add(bloc_year, "Sở Nội vụ")
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.DRAFTING and covenant.content_hash == ""
    other = make_bloc_year(council=council, n_members=2)
    changed(other)  # nothing to do, nothing raised
    assert not Covenant.objects.filter(bloc_year=other).exists()


# --- After completion: the addendum ---------------------------------------------------


def test_a_member_added_after_completion_signs_an_addendum_and_the_original_stays(
    client, board, bloc_year, django_capture_on_commit_callbacks
):
    covenant = complete(
        make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks
    )
    snapshot, content_hash = covenant.snapshot, covenant.content_hash
    document = covenant.issued_document
    newcomer = add(bloc_year, "Sở Nội vụ")
    covenant.refresh_from_db()
    assert covenant.status == Covenant.Status.COMPLETE
    assert (covenant.snapshot, covenant.content_hash) == (snapshot, content_hash)
    assert covenant.issued_document == document
    assert IssuedDocument.objects.count() == 1
    addendum = CovenantAddendum.objects.get()
    assert (addendum.unit, addendum.unit_name) == (newcomer, "Sở Nội vụ")
    assert addendum.joined_on == JOINED_ON and addendum.signed_at is None

    client.force_login(board)
    page = client.get(covenant.get_absolute_url()).content.decode()
    assert (
        "Đơn vị Sở Nội vụ gia nhập khối ngày 04/05/2026, chưa ký phụ lục gia nhập."
        in page
    )

    client.force_login(unit_secretary(newcomer))
    page = client.get(covenant.get_absolute_url()).content.decode()
    assert reverse("campaigns:addendum-sign", args=[covenant.pk]) in page
    url = reverse("campaigns:addendum-sign", args=[covenant.pk])
    assert client.get(url).status_code == 200
    data = {"signer_name": "Trần Thị Nội Vụ", "signer_position": "Giám đốc"}
    response = client.post(url, data)
    assert response.status_code == 302
    addendum.refresh_from_db()
    assert addendum.signed_at is not None and addendum.signer_name == "Trần Thị Nội Vụ"
    today = timezone.localtime(addendum.signed_at).strftime("%d/%m/%Y")
    expected = f"Đơn vị Sở Nội vụ gia nhập khối ngày 04/05/2026, ký phụ lục gia nhập ngày {today}."
    assert expected in client.get(covenant.get_absolute_url()).content.decode()

    # The original stays intact and verifiable; the public page tells of the addendum.
    public = client.get(reverse("covenants:verify", args=[covenant.verification_code]))
    body = public.content.decode()
    assert "Nội dung khớp" in body and "Bản giao ước hợp lệ." in body
    assert expected in body
    covenant.refresh_from_db()
    assert (covenant.snapshot, covenant.content_hash) == (snapshot, content_hash)


def test_a_member_added_without_a_date_joins_on_the_day_of_the_change(
    bloc_year, django_capture_on_commit_callbacks
):
    complete(make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks)
    add(bloc_year, "Sở Nội vụ", joined_on=None)
    assert CovenantAddendum.objects.get().joined_on == timezone.localdate()


def test_a_unit_that_leaves_before_signing_its_addendum_takes_it_away(
    bloc_year, django_capture_on_commit_callbacks
):
    complete(make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks)
    newcomer = add(bloc_year, "Sở Nội vụ")
    signed = add(bloc_year, "Sở Xây dựng")
    services.covenant_addendum_sign(
        addendum=CovenantAddendum.objects.get(unit=signed),
        signer_name="A",
        signer_position="B",
        recorded_by=unit_secretary(signed),
    )
    remove(bloc_year, newcomer)
    remove(bloc_year, signed)
    # The signed addendum is kept: nothing signed is lost.
    assert list(CovenantAddendum.objects.values_list("unit_id", flat=True)) == [
        signed.pk
    ]


def test_the_same_change_announced_twice_opens_one_addendum(
    bloc_year, django_capture_on_commit_callbacks
):
    complete(make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks)
    add(bloc_year, "Sở Nội vụ")
    changed(bloc_year)
    assert CovenantAddendum.objects.count() == 1


def test_only_the_joining_unit_signs_its_addendum_and_only_once(
    bloc_year, django_capture_on_commit_callbacks
):
    complete(make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks)
    newcomer = add(bloc_year, "Sở Nội vụ")
    addendum = CovenantAddendum.objects.get()
    fields = {"signer_name": "A", "signer_position": "B"}
    with pytest.raises(ValidationError, match="chính đơn vị mình"):
        services.covenant_addendum_sign(
            addendum=addendum,
            recorded_by=unit_secretary(members(bloc_year)[0]),
            **fields,
        )
    user = unit_secretary(newcomer)
    services.covenant_addendum_sign(addendum=addendum, recorded_by=user, **fields)
    with pytest.raises(ValidationError, match="đã ký phụ lục"):
        services.covenant_addendum_sign(addendum=addendum, recorded_by=user, **fields)


# --- The addendum page ----------------------------------------------------------------


@pytest.fixture
def joined(bloc_year, django_capture_on_commit_callbacks):
    """A complete covenant and a unit that joined afterwards, with its secretary."""
    covenant = complete(
        make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks
    )
    newcomer = add(bloc_year, "Sở Nội vụ")
    return covenant, unit_secretary(newcomer)


def addendum_url(pk: int) -> str:
    return reverse("campaigns:addendum-sign", args=[pk])


def test_addendum_page_needs_name_and_position(client, joined):
    covenant, user = joined
    client.force_login(user)
    data = {"signer_name": "", "signer_position": ""}
    response = client.post(addendum_url(covenant.pk), data)
    assert response.status_code == 400
    assert "Hãy nhập họ tên người ký" in response.content.decode()
    assert CovenantAddendum.objects.get().signed_at is None


def test_addendum_page_sends_a_member_without_addendum_back_with_a_message(
    client, joined, bloc_year
):
    covenant, _user = joined
    client.force_login(unit_secretary(members(bloc_year)[0]))
    response = client.get(addendum_url(covenant.pk), follow=True)
    assert response.redirect_chain[-1][0] == covenant.get_absolute_url()
    assert "Đơn vị không có phụ lục gia nhập cần ký." in response.content.decode()


def test_addendum_page_after_signing_says_so(client, joined):
    covenant, user = joined
    client.force_login(user)
    data = {"signer_name": "A", "signer_position": "B"}
    client.post(addendum_url(covenant.pk), data)
    response = client.post(addendum_url(covenant.pk), data, follow=True)
    assert "Đơn vị đã ký phụ lục gia nhập." in response.content.decode()


def test_addendum_page_refuses_other_methods(client, joined):
    covenant, user = joined
    client.force_login(user)
    assert client.put(addendum_url(covenant.pk)).status_code == 405


def test_addendum_page_needs_a_login(client, joined):
    covenant, _user = joined
    response = client.get(addendum_url(covenant.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("actor", ["outsider", "board", "viewer"])
def test_addendum_page_is_forbidden_to_others(client, joined, actor, request):
    covenant, _user = joined
    client.force_login(request.getfixturevalue(actor))
    data = {"signer_name": "A", "signer_position": "B"}
    assert client.post(addendum_url(covenant.pk), data).status_code == 403
    assert CovenantAddendum.objects.get().signed_at is None


def test_addendum_page_of_a_missing_covenant_is_404(client, joined):
    _covenant, user = joined
    client.force_login(user)
    assert client.get(addendum_url(999999)).status_code == 404


@pytest.mark.parametrize("n_joined", [1, 4])
def test_covenant_page_query_count_with_addenda_is_constant(
    client,
    board,
    bloc_year,
    django_assert_num_queries,
    n_joined,
    django_capture_on_commit_callbacks,
):
    covenant = complete(
        make_covenant(bloc_year, open_=True), django_capture_on_commit_callbacks
    )
    for i in range(n_joined):
        add(bloc_year, f"Sở Gia nhập số {i}")
    client.force_login(board)
    # session, user, covenant (+bloc-year, bloc, council), legal bases, commitments,
    # members (+units), signatures (+units), addenda, header council; board staff
    # have no chair rights or unit to read
    with django_assert_num_queries(9):
        assert client.get(covenant.get_absolute_url()).status_code == 200
