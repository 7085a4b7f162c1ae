"""The text frozen at the first signature (issue "Trust and daily use" #1): the snapshot
holds what was signed, with the names as they were; the public verification and the
signed copy print it, so renaming a unit or the bloc afterwards changes nothing."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from blocs import services as bloc_services
from campaigns import selectors, services
from campaigns.models import Covenant, CovenantText
from tests.factories import (
    COMMITMENTS,
    LegalBasisFactory,
    build_covenant,
    make_covenant,
    members,
    named_bloc_year,
    sign,
    sign_all,
)
from tests.utils import pdf_text

pytestmark = pytest.mark.django_db

RENAMED_ON = datetime.date(2026, 7, 1)


def verify_url(covenant: Covenant) -> str:
    return reverse("covenants:verify", args=[covenant.verification_code])


def unit_named(bloc_year, name):
    return next(u for u in members(bloc_year) if u.name == name)


def test_first_signature_freezes_a_snapshot_with_the_names_as_they_are(council):
    bloc_year = named_bloc_year(council, name="Khối thi đua Nội chính")
    basis = LegalBasisFactory(number="06/2022/QH15", kind="Luật", title="Thi đua")
    covenant = make_covenant(bloc_year, open_=True)
    services.covenant_update(covenant=covenant, legal_bases=[basis])
    assert Covenant.objects.get(pk=covenant.pk).snapshot is None  # open, not signed
    sign(covenant, members(bloc_year)[0])
    covenant.refresh_from_db()
    snapshot = covenant.snapshot
    assert snapshot["title"] == covenant.title
    assert snapshot["bloc_name"] == "Khối thi đua Nội chính"
    assert snapshot["year"] == 2026
    assert snapshot["legal_bases"] == [basis.citation]
    assert snapshot["commitments"] == COMMITMENTS
    assert [m["name"] for m in snapshot["members"]] == [
        "Công an tỉnh",
        "Sở Tư pháp",
        "Thanh tra tỉnh",
        "Tòa án nhân dân tỉnh",
    ]
    # The stored hash is the snapshot's, and the canonical text has not changed: a
    # covenant signed before snapshots existed keeps its hash.
    assert covenant.content_hash == CovenantText.from_snapshot(snapshot).hash
    assert covenant.content_hash == selectors.covenant_content_hash(covenant)


def test_renaming_member_units_and_the_bloc_after_signing_keeps_the_content_matching(
    client, council, django_capture_on_commit_callbacks
):
    bloc_year = named_bloc_year(council, name="Khối thi đua Nội chính")
    covenant = make_covenant(bloc_year, open_=True)
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(covenant)
    # A rename through the restructuring (a successor unit), a corrected name in place,
    # and the bloc renamed.
    bloc_services.unit_rename(
        unit=unit_named(bloc_year, "Thanh tra tỉnh"),
        new_name="Thanh tra và Thi hành án tỉnh",
        effective_on=RENAMED_ON,
    )
    bloc_services.unit_update(
        unit=unit_named(bloc_year, "Sở Tư pháp"), name="Sở Tư pháp tỉnh"
    )
    bloc_services.bloc_update(bloc=bloc_year.bloc, name="Khối thi đua Nội chính mới")
    response = client.get(verify_url(covenant))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bản giao ước hợp lệ." in body
    assert "Nội dung khớp" in body and "Nội dung không khớp" not in body
    # The frozen names, never rewritten, with what the units are called today.
    assert "Thanh tra tỉnh</span>" in body
    assert "(nay là Thanh tra và Thi hành án tỉnh)" in body
    assert "(nay là Sở Tư pháp tỉnh)" in body
    assert "Khối thi đua Nội chính <span" in body
    assert "(nay là Khối thi đua Nội chính mới)" in body
    assert "Công an tỉnh</span></td>" in body  # unchanged: nothing beside it


def test_adding_a_member_after_completion_keeps_the_content_matching(
    client, council, bloc_year, django_capture_on_commit_callbacks
):
    covenant = build_covenant(bloc_year)
    newcomer = bloc_services.unit_create(council=council, name="Sở Nội vụ")
    bloc_services.bloc_year_member_add(bloc_year=bloc_year, unit=newcomer)
    body = client.get(verify_url(covenant)).content.decode()
    assert "Nội dung khớp" in body and "Bản giao ước hợp lệ." in body
    assert "Đã có đủ chữ ký của 4 đơn vị thành viên" in body


def test_a_unit_renamed_while_signing_is_printed_under_its_frozen_name(
    client, council, viewer, settings, django_capture_on_commit_callbacks
):
    settings.SIGNING_P12_PATH = ""
    bloc_year = named_bloc_year(council, name="Khối thi đua Nội chính")
    covenant = make_covenant(bloc_year, open_=True)
    first, *others = members(bloc_year)
    sign(covenant, first)
    bloc_services.unit_update(unit=unit_named(bloc_year, "Sở Tư pháp"), name="Sở TP")
    bloc_services.bloc_update(bloc=bloc_year.bloc, name="Khối Nội chính đổi tên")
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(covenant, others)
    client.force_login(viewer)
    response = client.get(reverse("covenants:pdf-signed", args=[covenant.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert "SỞ TƯ PHÁP" in text and "SỞ TP" not in text
    assert "KHỐI THI ĐUA NỘI CHÍNH" in text and "ĐỔI TÊN" not in text


def test_a_changed_snapshot_is_flagged(client, bloc_year):
    covenant = build_covenant(bloc_year)
    snapshot = dict(covenant.snapshot, commitments=["Một nội dung khác."])
    Covenant.objects.filter(pk=covenant.pk).update(snapshot=snapshot)
    body = client.get(verify_url(covenant)).content.decode()
    assert "Cảnh báo: nội dung không khớp." in body


def test_a_covenant_frozen_before_snapshots_is_checked_against_its_live_text(
    client, bloc_year
):
    covenant = build_covenant(bloc_year)
    Covenant.objects.filter(pk=covenant.pk).update(snapshot=None)
    assert "Nội dung khớp" in client.get(verify_url(covenant)).content.decode()
    bloc_services.bloc_update(bloc=bloc_year.bloc, name="Khối đổi tên")
    assert "Nội dung không khớp" in client.get(verify_url(covenant)).content.decode()


def _migration():
    return importlib.import_module(
        "campaigns.migrations.0003_snapshot_of_frozen_covenants"
    )


def test_the_migration_snapshots_covenants_whose_live_text_still_matches(bloc_year):
    covenant = build_covenant(bloc_year)
    expected = covenant.snapshot
    Covenant.objects.filter(pk=covenant.pk).update(snapshot=None)
    _migration().snapshot_frozen_covenants(apps, None)
    covenant.refresh_from_db()
    assert covenant.snapshot == expected


def test_the_migration_leaves_covenants_whose_rows_changed_without_snapshot(bloc_year):
    covenant = build_covenant(bloc_year)
    Covenant.objects.filter(pk=covenant.pk).update(snapshot=None)
    bloc_services.bloc_update(bloc=bloc_year.bloc, name="Khối đổi tên")
    _migration().snapshot_frozen_covenants(apps, None)
    covenant.refresh_from_db()
    assert covenant.snapshot is None
