"""Load the blocs part of the demo data (fixtures/demo.yaml). Idempotent."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from blocs import services
from blocs.models import (
    Bloc,
    BlocYear,
    ChairElection,
    Membership,
    RotationSlot,
    SelectionMethod,
)
from emulation.demo import demo_date
from emulation.models import Council, Succession, Unit

COUNCIL_FIELDS = ("short_name", "level", "place_name", "parent_body", "board_name")
UNIT_FIELDS = services.UNIT_FIELDS[1:]  # all but the name, which finds the unit


@transaction.atomic
def load(data: dict) -> dict[str, int]:
    counts = {"councils": 0, "units": 0, "blocs": 0, "bloc_years": 0, "memberships": 0}
    for c in data.get("councils", []):
        council, _ = Council.objects.update_or_create(
            name=c["name"], defaults={f: c.get(f, "") for f in COUNCIL_FIELDS if f in c}
        )
        counts["councils"] += 1
        units: dict[str, Unit] = {}
        for u in c.get("units", []):
            defaults = {f: u[f] for f in UNIT_FIELDS if f in u}
            for f in ("active_from", "active_to"):
                if f in defaults:
                    defaults[f] = demo_date(defaults[f])
            units[u["name"]], _ = Unit.objects.update_or_create(
                council=council, name=u["name"], defaults=defaults
            )
            counts["units"] += 1
        for s in c.get("successions", []):
            Succession.objects.update_or_create(
                predecessor=units[s["predecessor"]],
                successor=units[s["successor"]],
                defaults={
                    "kind": s.get("kind", Succession.Kind.MERGE),
                    "effective_on": demo_date(s["effective_on"]),
                    "reference": s.get("reference", ""),
                },
            )
        for b in c.get("blocs", []):
            bloc, _ = Bloc.objects.update_or_create(
                council=council,
                name=b["name"],
                defaults={
                    "kind": b.get("kind", Bloc.Kind.KHOI),
                    "description": b.get("description", ""),
                    "active_from": demo_date(b.get("active_from")),
                    "active_to": demo_date(b.get("active_to")),
                },
            )
            counts["blocs"] += 1
            rotation = b.get("rotation", [])
            RotationSlot.objects.filter(bloc=bloc).exclude(
                unit__in=[units[n] for n in rotation]
            ).delete()
            # Two passes so that reordering never trips the unique position constraint.
            RotationSlot.objects.filter(bloc=bloc).update(position=F("position") + 1000)
            for slot_position, name in enumerate(rotation, start=1):
                RotationSlot.objects.update_or_create(
                    bloc=bloc, unit=units[name], defaults={"position": slot_position}
                )
            for y in b.get("years", []):
                _load_year(bloc, y, units, rotation)
                counts["bloc_years"] += 1
                counts["memberships"] += len(y.get("members", rotation))
    return counts


def _load_year(
    bloc: Bloc, y: dict, units: dict[str, Unit], rotation: list[str]
) -> None:
    method = y.get("method", SelectionMethod.ROTATION)
    bloc_year, _ = BlocYear.objects.update_or_create(
        bloc=bloc,
        year=y["year"],
        defaults={
            "theme": y.get("theme", ""),
            "selection_method": method,
            "roles_approved_on": demo_date(y.get("approved_on")),
            "roles_approval_reference": y.get("approval_reference", ""),
            "flag_handover_on": demo_date(y.get("flag_handover_on")),
        },
    )
    members = [units[n] for n in y.get("members", rotation)]
    chair, vices = y.get("chair"), set(y.get("vice_chairs", []))
    Membership.objects.filter(bloc_year=bloc_year).exclude(unit__in=members).delete()
    # Reset roles first so the one-chair constraint holds while roles move.
    Membership.objects.filter(bloc_year=bloc_year).update(role=Membership.Role.MEMBER)
    for unit in members:
        role = (
            Membership.Role.CHAIR
            if unit.name == chair
            else Membership.Role.VICE_CHAIR
            if unit.name in vices
            else Membership.Role.MEMBER
        )
        Membership.objects.update_or_create(
            bloc_year=bloc_year,
            unit=unit,
            defaults={"role": role, "year": bloc_year.year},
        )
    if chair:
        election, _ = ChairElection.objects.update_or_create(
            bloc=bloc,
            year=bloc_year.year,
            status=ChairElection.Status.APPROVED,
            defaults={
                "chair": units[chair],
                "method": method,
                "vote_summary": y.get("vote_summary", ""),
                "decided_on": demo_date(y.get("approved_on")),
            },
        )
        election.vice_chairs.set([units[n] for n in vices])
