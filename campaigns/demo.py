"""Load the campaigns part of the demo data (fixtures/demo_campaigns.yaml). Idempotent.

Legal bases and campaigns are upserted; title kinds get each council's defaults; a
covenant is built through the services (so its hash is the real one) only when its
bloc-year has none yet, then its demo dates are set; registrations are saved once.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from blocs.models import BlocYear, Membership
from campaigns import services
from campaigns.models import (
    Campaign,
    Covenant,
    LegalBasis,
    Meeting,
    Registration,
    RegistrationRound,
    Signature,
    TitleKind,
)
from emulation.demo import demo_date, demo_datetime, load_users
from emulation.models import Council, Unit, User

FILENAME = "demo_campaigns.yaml"


def _council(name: str) -> Council:
    return Council.objects.get(name=name)


def _bloc_year(council: Council, bloc: str, year: int) -> BlocYear:
    return BlocYear.objects.select_related("bloc__council").get(
        bloc__council=council, bloc__name=bloc, year=year
    )


def _load_legal_bases(rows: list[dict]) -> dict[str, LegalBasis]:
    bases: dict[str, LegalBasis] = {}
    # First pass without replaced_by (the replacement may come later in the file).
    for row in rows:
        basis, _ = LegalBasis.objects.update_or_create(
            number=row["number"],
            issued_on=demo_date(row["issued_on"]),
            defaults={
                "kind": row["kind"],
                "issuer": row.get("issuer", ""),
                "title": row["title"],
                "effective_from": demo_date(row.get("effective_from")),
                "effective_to": demo_date(row.get("effective_to")),
                "council": _council(row["council"]) if row.get("council") else None,
            },
        )
        bases[row["key"]] = basis
    for row in rows:
        replaced_by = bases[row["replaced_by"]] if row.get("replaced_by") else None
        basis = bases[row["key"]]
        if basis.replaced_by_id != (replaced_by.pk if replaced_by else None):
            basis.replaced_by = replaced_by
            basis.save(update_fields=["replaced_by", "updated_at"])
    return bases


def _load_campaigns(rows: list[dict], bases: dict[str, LegalBasis]) -> int:
    for row in rows:
        council = _council(row["council"])
        level = row.get("level", Campaign.Level.UNIT)
        bloc_year = (
            _bloc_year(council, row["bloc"], row["year"])
            if level == Campaign.Level.BLOC
            else None
        )
        unit = (
            Unit.objects.get(council=council, name=row["unit"])
            if level == Campaign.Level.UNIT
            else None
        )
        fields = {
            "theme": row.get("theme", ""),
            "kind": row.get("kind", Campaign.Kind.YEARLY),
            "occasion": row.get("occasion", ""),
            "launched_on": demo_date(row.get("launched_on")),
            "starts_on": demo_date(row["starts_on"]),
            "ends_on": demo_date(row["ends_on"]),
            "description": row.get("description", ""),
        }
        legal_bases = [bases[k] for k in row.get("legal_bases", [])]
        existing = Campaign.objects.filter(
            council=council, title=row["title"], unit=unit, bloc_year=bloc_year
        ).first()
        if existing is None:
            services.campaign_create(
                council=council,
                level=level,
                bloc_year=bloc_year,
                unit=unit,
                title=row["title"],
                legal_bases=legal_bases,
                **fields,
            )
        else:
            services.campaign_update(
                campaign=existing, level=level, legal_bases=legal_bases, **fields
            )
    return len(rows)


def _load_title_kinds() -> int:
    for council in Council.objects.all():
        services.title_kinds_ensure_defaults(council=council)
    return TitleKind.objects.count()


def _load_meetings(bloc_year: BlocYear, rows: list[dict]) -> int:
    members = [
        m.unit
        for m in Membership.objects.filter(bloc_year=bloc_year).select_related("unit")
    ]
    by_name = {u.name: u for u in members}
    for row in rows:
        present = (
            members
            if row.get("units_present") == "all"
            else [by_name[n] for n in row.get("units_present", [])]
        )
        fields = {
            "place": row.get("place", ""),
            "host_unit": by_name.get(row.get("host_unit", "")),
            "guests": row.get("guests", ""),
            "summary": row.get("summary", ""),
        }
        existing = Meeting.objects.filter(
            bloc_year=bloc_year, kind=row["kind"], held_on=demo_date(row["held_on"])
        ).first()
        if existing is None:
            services.meeting_create(
                bloc_year=bloc_year,
                kind=row["kind"],
                held_on=demo_date(row["held_on"]),
                units_present=present,
                **fields,
            )
        else:
            services.meeting_update(meeting=existing, units_present=present, **fields)
    return len(rows)


def _load_covenant(
    bloc_year: BlocYear, data: dict, bases: dict[str, LegalBasis]
) -> tuple[int, int]:
    """Build the covenant through the services once; a covenant already there is left
    alone (its text may be frozen). Returns (covenants, signatures) created."""
    if Covenant.objects.filter(bloc_year=bloc_year).exists():
        return 0, 0
    covenant = services.covenant_create(bloc_year=bloc_year, created_by=None)
    services.covenant_update(
        covenant=covenant,
        title=data["title"],
        preamble=data.get("preamble", "").strip(),
        annex=data.get("annex", ""),
        signing_place=data.get("signing_place", ""),
        legal_bases=[bases[k] for k in data.get("legal_bases", [])],
    )
    for text in data.get("commitments", []):
        services.commitment_add(covenant=covenant, text=text)
    services.covenant_open_for_signing(covenant=covenant)
    units = {u.name: u for u in Unit.objects.filter(council=bloc_year.bloc.council)}
    signed = 0
    for row in data.get("signatures", []):
        signature = services.covenant_sign(
            covenant=covenant,
            unit=units[row["unit"]],
            signer_name=row["signer_name"],
            signer_position=row["signer_position"],
            recorded_by=User.objects.get(username=row["by"]),
        )
        # Back-date to the meeting: dates are not part of the signed text, so the hash holds.
        Signature.objects.filter(pk=signature.pk).update(
            signed_at=demo_datetime(row["at"])
        )
        signed += 1
    covenant.refresh_from_db()
    dates = {"opened_at": demo_datetime(data.get("opened_at")) or covenant.opened_at}
    times = [demo_datetime(r["at"]) for r in data.get("signatures", [])]
    if times:
        dates["frozen_at"] = min(times)
        if covenant.status == Covenant.Status.COMPLETE:
            dates["completed_at"] = max(times)
    Covenant.objects.filter(pk=covenant.pk).update(**dates)
    return 1, signed


def _load_registrations(bloc_year: BlocYear, data: dict) -> int:
    council = bloc_year.bloc.council
    kinds = {k.name: k for k in TitleKind.objects.filter(council=council)}
    units = {u.name: u for u in Unit.objects.filter(council=council)}
    # Open the round while the missing registrations are saved, then set the chair's settings.
    services.registration_round_lock(bloc_year=bloc_year, locked=False)
    services.registration_round_set_deadline(bloc_year=bloc_year, deadline=None)
    created = 0
    first_day = demo_date(data.get("submitted_from"))
    for i, row in enumerate(data.get("units", [])):
        unit = units[row["unit"]]
        if Registration.objects.filter(bloc_year=bloc_year, unit=unit).exists():
            continue
        registration = services.registration_save(
            bloc_year=bloc_year,
            unit=unit,
            submitted_by=User.objects.get(username=row["by"]),
            collective_titles=[kinds[n] for n in row.get("collective", [])],
            individual_counts={
                kinds[n]: c for n, c in (row.get("individual") or {}).items()
            },
            targets=row.get("targets", []),
            note=row.get("note", ""),
        )
        if first_day:
            # Back-date to the demo's registration days (one unit a day), not "now".
            day = first_day + datetime.timedelta(days=i)
            submitted_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(9, 30))
            )
            Registration.objects.filter(pk=registration.pk).update(
                submitted_at=submitted_at
            )
        created += 1
    services.registration_round_set_deadline(
        bloc_year=bloc_year, deadline=demo_date(data.get("deadline"))
    )
    if data.get("locked"):
        services.registration_round_lock(bloc_year=bloc_year, locked=True)
        # Locked right after the deadline, not "now" (stable across runs).
        deadline = demo_date(data.get("deadline"))
        if deadline:
            locked_at = timezone.make_aware(
                datetime.datetime.combine(deadline, datetime.time(17, 0))
            )
            RegistrationRound.objects.filter(bloc_year=bloc_year).update(
                locked_at=locked_at
            )
    return created


@transaction.atomic
def load(folder: Path) -> dict[str, int]:
    path = Path(folder) / FILENAME
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    counts = {
        "legal_bases": 0,
        "campaigns": 0,
        "title_kinds": 0,
        "covenants": 0,
        "signatures": 0,
    }
    counts.update(meetings=0, registrations=0)
    password = data.get("demo_password") or "thidua@2026"
    counts["campaign_users"] = load_users(
        {"users": data.get("users", []), "demo_password": password}
    )
    bases = _load_legal_bases(data.get("legal_bases", []))
    counts["legal_bases"] = len(bases)
    counts["campaigns"] = _load_campaigns(data.get("campaigns", []), bases)
    counts["title_kinds"] = _load_title_kinds()
    for row in data.get("bloc_years", []):
        bloc_year = _bloc_year(_council(row["council"]), row["bloc"], row["year"])
        counts["meetings"] += _load_meetings(bloc_year, row.get("meetings", []))
        if row.get("covenant"):
            made, signed = _load_covenant(bloc_year, row["covenant"], bases)
            counts["covenants"] += made
            counts["signatures"] += signed
        if row.get("registrations"):
            counts["registrations"] += _load_registrations(
                bloc_year, row["registrations"]
            )
    return counts
