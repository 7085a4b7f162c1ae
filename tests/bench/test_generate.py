"""The bench generator (bench/steps/) at a tiny size: the counts, and every bloc-year
with its chair, vice-chair and a complete covenant whose hash is the service's own."""

from __future__ import annotations

import pytest
from django.db.models import F

from bench.steps import Sizes, bloc_sizes, generate
from blocs.models import Bloc, BlocYear, Membership
from campaigns.models import Campaign, Covenant, Registration, Signature, Target
from campaigns.selectors import covenant_content_hash
from emulation.models import Council, Unit, User
from emulation.text import vietnamese_sort_key

SIZES = Sizes(councils=2, blocs=2, units=3, years=2, last_year=2026)


@pytest.fixture
def counts(db):
    return generate(SIZES)


def test_counts(counts):
    units = SIZES.councils * sum(bloc_sizes(SIZES.blocs, SIZES.units))  # 12
    bloc_years = SIZES.councils * SIZES.blocs * SIZES.years  # 8
    memberships = units * SIZES.years  # 24
    assert Council.objects.count() == SIZES.councils
    assert Unit.objects.count() == counts["units"] == units
    assert Bloc.objects.count() == SIZES.councils * SIZES.blocs
    assert BlocYear.objects.count() == counts["bloc-years"] == bloc_years
    assert Membership.objects.count() == counts["memberships"] == memberships
    assert Registration.objects.count() == memberships
    assert Target.objects.count() == counts["targets"] == 3 * memberships
    assert Signature.objects.count() == memberships
    campaigns = SIZES.councils * SIZES.years * 2 + bloc_years + units * SIZES.years
    assert Campaign.objects.count() == counts["campaigns"] == campaigns
    # One board account per council, one secretary per unit.
    assert User.objects.filter(role=User.Role.BOARD).count() == SIZES.councils
    assert User.objects.filter(role=User.Role.SECRETARY).count() == units
    # Derived columns, as save() computes them.
    assert all(u.sort_key == vietnamese_sort_key(u.name) for u in Unit.objects.all())
    assert all(b.sort_key == vietnamese_sort_key(b.name) for b in Bloc.objects.all())
    assert not Membership.objects.exclude(year=F("bloc_year__year")).exists()


def test_every_bloc_year_has_roles_and_a_complete_covenant(counts):
    for bloc_year in BlocYear.objects.prefetch_related("memberships"):
        roles = sorted(m.role for m in bloc_year.memberships.all())
        assert roles.count(Membership.Role.CHAIR) == 1
        assert roles.count(Membership.Role.VICE_CHAIR) == 1
        assert bloc_year.roles_approved_on is not None
        assert bloc_year.registrations.count() == len(roles)
    covenants = Covenant.objects.prefetch_related(
        "legal_bases", "commitments", "signatures"
    ).select_related("bloc_year")
    assert covenants.count() == SIZES.councils * SIZES.blocs * SIZES.years
    for covenant in covenants:
        assert covenant.status == Covenant.Status.COMPLETE
        assert covenant.frozen_at and covenant.completed_at and covenant.opened_at
        assert covenant.verification_code
        assert covenant.content_hash == covenant_content_hash(covenant)
        members = set(covenant.bloc_year.memberships.values_list("unit_id", flat=True))
        assert {s.unit_id for s in covenant.signatures.all()} == members
        assert covenant.commitments.count() > 0 and covenant.legal_bases.count() > 0
