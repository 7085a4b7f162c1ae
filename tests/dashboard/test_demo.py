"""`manage.py load_demo`: the demo data of every app, and loading it twice changes nothing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from blocs.models import Bloc, BlocYear, Membership
from emulation.models import Council, User

PROJECT_APPS = ("emulation", "blocs", "campaigns", "awards")
VOLATILE = {"updated_at"}  # auto_now: touched by every update_or_create


def snapshot() -> dict[str, list[dict]]:
    """Every row of the project's tables (and their many-to-many links), by value."""
    rows: dict[str, list[dict]] = {}
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models(
            include_auto_created=True
        ):
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if f.attname not in VOLATILE
            ]
            rows[model._meta.label] = list(
                model._default_manager.order_by("pk").values(*fields)
            )
    return rows


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_load_demo_twice_leaves_the_same_data(demo):
    first = snapshot()
    assert len(first["emulation.Council"]) >= 1 and len(first["emulation.User"]) >= 1
    call_command("load_demo", verbosity=0)
    second = snapshot()
    for label in first:
        assert second[label] == first[label], f"load_demo changed {label}"


def test_demo_data_is_the_seeded_councils_blocs_and_logins(demo):
    nghe_an = Council.objects.get(name="Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An")
    bloc = Bloc.objects.get(
        council=nghe_an, name="Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"
    )
    year = BlocYear.objects.get(bloc=bloc, year=2026)
    assert year.memberships.count() == 6
    assert (
        year.memberships.get(role=Membership.Role.CHAIR).unit.name
        == "Tòa án nhân dân tỉnh"
    )
    board = User.objects.get(username="bantdkt")
    assert board.role == User.Role.BOARD and board.council == nghe_an
    assert board.check_password("thidua@2026")
    secretary = User.objects.get(username="toaan")
    assert (
        secretary.role == User.Role.SECRETARY
        and secretary.unit.name == "Tòa án nhân dân tỉnh"
    )
    assert User.objects.get(username="admin").is_superuser


def test_load_demo_keeps_a_changed_password(demo):
    user = User.objects.get(username="bantdkt")
    user.set_password("Mat-khau-rieng-2026")
    user.save()
    call_command("load_demo", verbosity=0)
    user.refresh_from_db()
    assert user.check_password("Mat-khau-rieng-2026")
