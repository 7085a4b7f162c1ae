"""factory_boy factories shared by every test folder. Append; don't rename."""

from __future__ import annotations

import factory

from blocs.models import Bloc, BlocYear, Membership, RotationSlot
from emulation.models import Council, Unit, User


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(
        lambda n: f"Hội đồng Thi đua – Khen thưởng tỉnh Thử Nghiệm {n}"
    )
    place_name = "Nghệ An"
    parent_body = "UBND TỈNH NGHỆ AN"
    board_name = "Ban Thi đua – Khen thưởng, Sở Nội vụ"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    kind = Unit.Kind.DEPARTMENT
    head_name = "Nguyễn Văn An"
    head_position = "Giám đốc"


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bloc

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = Bloc.Kind.KHOI


class BlocYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocYear

    bloc = factory.SubFactory(BlocFactory)
    year = 2026


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    bloc_year = factory.SubFactory(BlocYearFactory)
    unit = factory.SubFactory(
        UnitFactory, council=factory.SelfAttribute("..bloc_year.bloc.council")
    )
    role = Membership.Role.MEMBER


class RotationSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RotationSlot

    bloc = factory.SubFactory(BlocFactory)
    unit = factory.SubFactory(
        UnitFactory, council=factory.SelfAttribute("..bloc.council")
    )
    position = factory.Sequence(lambda n: n + 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    role = User.Role.VIEWER
    council = factory.SubFactory(CouncilFactory)
    password = factory.django.Password("matkhau-thu-nghiem")


def make_bloc_year(
    *,
    council: Council | None = None,
    n_members: int = 4,
    year: int = 2026,
    approved: bool = True,
    **bloc_kwargs,
) -> BlocYear:
    """A bloc-year with n members; the first chairs and the second vice-chairs."""
    import datetime

    council = council or CouncilFactory()
    bloc = BlocFactory(council=council, **bloc_kwargs)
    by = BlocYearFactory(
        bloc=bloc,
        year=year,
        roles_approved_on=datetime.date(year - 1, 12, 20) if approved else None,
    )
    for i in range(n_members):
        role = (
            Membership.Role.CHAIR
            if i == 0
            else Membership.Role.VICE_CHAIR
            if i == 1
            else Membership.Role.MEMBER
        )
        MembershipFactory(bloc_year=by, unit=UnitFactory(council=council), role=role)
    return by


def set_rules(council, **fields):
    """Set the council's rules for its blocs (blocs.BlocRules) as the settings page does."""
    from blocs.models import BlocRules

    rules, _ = BlocRules.objects.get_or_create(council=council)
    for name, value in fields.items():
        setattr(rules, name, value)
    rules.save()
    if hasattr(council, "_state"):
        council.bloc_rules = rules
    return rules


def rules_of(council):
    """The council's rules for its blocs as stored now (defaults when never set)."""
    from blocs.selectors import bloc_rules
    from emulation.models import Council

    return bloc_rules(Council.objects.get(pk=council.pk))
