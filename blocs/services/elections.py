"""Writes of the chair election (docs/domain.md §3.3, §3.4): recording the choice of a
year's chair and vice-chairs, the board's approval or refusal, and the council's rules
for them (its section of the council settings page).

The rules that vary by province are `blocs.BlocRules` fields (council settings):
`vice_chair_count` (default 1), `chair_approval_required` (True), and, for the rotation's
proposal (blocs.rotation), `vice_chair_moves_up` (True) and `chair_term_years` (1).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.history import current_successors
from blocs.models import (
    Bloc,
    BlocRules,
    BlocYear,
    ChairElection,
    Membership,
    SelectionMethod,
)
from blocs.naming import by_name, unit_names
from blocs.selectors import bloc_rules, role_candidates
from emulation.models import Council, Unit
from emulation.writes import save


def apply_roles(
    *,
    bloc_year: BlocYear,
    chair: Unit,
    vice_chairs: Sequence[Unit],
    approved_on: datetime.date | None,
    reference: str,
    method: str,
) -> None:
    """Give the bloc-year's memberships the elected roles (a merged unit's through its
    successor). Call it inside a transaction that holds the bloc's lock."""
    memberships = {m.unit_id: m for m in bloc_year.memberships.select_for_update()}
    mapped = current_successors([chair, *vice_chairs])

    def resolve(unit: Unit) -> Membership | None:
        if unit.pk in memberships:
            return memberships[unit.pk]
        hits = [memberships[t.pk] for t in mapped[unit.pk] if t.pk in memberships]
        return hits[0] if len(hits) == 1 else None

    chair_m = resolve(chair)
    vice_ms = [resolve(v) for v in vice_chairs]
    missing = [
        u
        for u, m in zip([chair, *vice_chairs], [chair_m, *vice_ms], strict=True)
        if m is None
    ]
    if missing:
        raise ValidationError(
            _(
                "%(units)s không phải là đơn vị thành viên của %(bloc)s năm %(year)s "
                "nên không thể nhận vai trò."
            )
            % {
                "units": unit_names(missing),
                "bloc": bloc_year.bloc.name,
                "year": bloc_year.year,
            }
        )
    picked = [m.pk for m in [chair_m, *vice_ms]]
    if len(set(picked)) != len(picked):
        raise ValidationError(
            _("Khối trưởng và khối phó phải là các đơn vị khác nhau.")
        )
    now = timezone.now()
    # Reset the old roles first so that "one chair per bloc-year" holds after every statement.
    bloc_year.memberships.exclude(role=Membership.Role.MEMBER).update(
        role=Membership.Role.MEMBER, updated_at=now
    )
    Membership.objects.filter(pk__in=[m.pk for m in vice_ms]).update(
        role=Membership.Role.VICE_CHAIR, updated_at=now
    )
    Membership.objects.filter(pk=chair_m.pk).update(
        role=Membership.Role.CHAIR, updated_at=now
    )
    bloc_year.roles_approved_on = approved_on
    bloc_year.roles_approval_reference = reference
    bloc_year.selection_method = method
    bloc_year.full_clean()
    bloc_year.save(
        update_fields=[
            "roles_approved_on",
            "roles_approval_reference",
            "selection_method",
            "updated_at",
        ]
    )


def _record_decision(
    election: ChairElection, status: str, by, on: datetime.date, reference: str
) -> None:
    election.status, election.decided_by, election.decided_on = status, by, on
    election.approval_reference = reference
    election.full_clean()
    election.save()


def _election_approve(
    *, election: ChairElection, decided_by, decided_on: datetime.date, reference: str
) -> None:
    approved = ChairElection.Status.APPROVED
    _record_decision(election, approved, decided_by, decided_on, reference)
    bloc_year = (
        BlocYear.objects.select_for_update()
        .filter(bloc=election.bloc, year=election.year)
        .first()
    )
    if bloc_year is not None:
        apply_roles(
            bloc_year=bloc_year,
            chair=election.chair,
            vice_chairs=by_name(election.vice_chairs.all()),
            approved_on=decided_on,
            reference=reference,
            method=election.method,
        )


@transaction.atomic
def election_record(
    *,
    bloc: Bloc,
    year: int,
    chair: Unit,
    vice_chairs: Sequence[Unit],
    method: str,
    meeting_on: datetime.date | None,
    vote_summary: str,
    recorded_by,
) -> ChairElection:
    """Record the choice of `year`'s chair and vice-chairs (the year-end election),
    pending approval.

    Refused (ValidationError) if the chair is also a vice-chair, the number of
    vice-chairs is not the council's `vice_chair_count`, a unit is not of the council or
    not a member of the bloc, or an election for that year is already pending or approved
    (the board must reject it first). If the council's `chair_approval_required` is off,
    it is approved at once.
    """
    # Lock the bloc so two submissions for the same year cannot both pass the check below.
    bloc = Bloc.objects.select_for_update().select_related("council").get(pk=bloc.pk)
    council = bloc.council
    vice_chairs = list(vice_chairs)
    vote_summary = (vote_summary or "").strip()
    errors: list[str] = []
    if method not in SelectionMethod.values:
        errors.append(_("Cách chọn khối trưởng không hợp lệ."))
    vice_ids = [v.pk for v in vice_chairs]
    if chair.pk in vice_ids:
        errors.append(
            _("%(unit)s không thể vừa là khối trưởng vừa là khối phó.")
            % {"unit": chair.name}
        )
    if len(set(vice_ids)) != len(vice_ids):
        errors.append(_("Một đơn vị được chọn làm khối phó hai lần."))
    outsiders = [u for u in [chair, *vice_chairs] if u.council_id != council.pk]
    if outsiders:
        errors.append(
            _("%(units)s không thuộc %(council)s.")
            % {"units": unit_names(outsiders), "council": council.name}
        )
    try:
        candidates, source_year = role_candidates(bloc=bloc, year=year)
    except ValidationError as exc:
        errors.extend(exc.messages)
    else:
        ids = {u.pk for u in candidates}
        strangers = [
            u
            for u in [chair, *vice_chairs]
            if u.council_id == council.pk and u.pk not in ids
        ]
        if strangers:
            errors.append(
                _(
                    "%(units)s không phải là đơn vị thành viên đang hoạt động của "
                    "%(bloc)s (năm %(year)s)."
                )
                % {
                    "units": unit_names(strangers),
                    "bloc": bloc.name,
                    "year": source_year,
                }
            )
        wanted = min(bloc_rules(council).vice_chair_count, max(len(candidates) - 1, 0))
        if len(set(vice_ids)) != wanted:
            errors.append(
                _(
                    "Theo quy định của hội đồng, khối có %(wanted)s khối phó; đã chọn %(got)s."
                )
                % {"wanted": wanted, "got": len(set(vice_ids))}
            )
    if method == SelectionMethod.ELECTION:
        if meeting_on is None:
            errors.append(_("Bầu tại hội nghị: cần ghi ngày hội nghị."))
        if not vote_summary:
            errors.append(_("Bầu tại hội nghị: cần ghi kết quả biểu quyết."))
    existing = ChairElection.objects.filter(bloc=bloc, year=year).exclude(
        status=ChairElection.Status.REJECTED
    )
    existing = existing.first()
    if existing is not None:
        errors.append(
            _(
                "Khối đã có kết quả chọn khối trưởng năm %(year)s (%(status)s). Ban Thi "
                "đua – Khen thưởng phải không phê duyệt kết quả đó trước khi ghi nhận "
                "kết quả mới."
            )
            % {"year": year, "status": existing.get_status_display().lower()}
        )
    if errors:
        raise ValidationError(errors)

    election = ChairElection(bloc=bloc, year=year, chair=chair, method=method)
    election.meeting_on, election.vote_summary = meeting_on, vote_summary
    election.recorded_by = recorded_by  # status: pending, the default
    # The partial unique constraint refuses a racing submission.
    taken = _("Khối đã có kết quả chọn khối trưởng năm %(year)s.") % {"year": year}
    save(election, refusals={"blocs_chairelection_one_active": taken})
    election.vice_chairs.set(vice_chairs)
    if not bloc_rules(council).chair_approval_required:
        _election_approve(
            election=election,
            decided_by=recorded_by,
            decided_on=meeting_on or timezone.localdate(),
            reference="",
        )
    return election


@transaction.atomic
def election_decide(
    *,
    election: ChairElection,
    approve: bool,
    decided_by,
    decided_on: datetime.date,
    reference: str = "",
) -> ChairElection:
    """The board approves or rejects an election.

    Approval, when the bloc-year of that year already exists, gives its memberships the roles
    (old roles reset first) and sets `roles_approved_on`, `roles_approval_reference` and
    `selection_method`; the chair's rights then pass to the new chair unit's secretary on
    1 January of that year (blocs.permissions derives them). If the year is not open yet,
    `year_open` applies the roles. Rejecting an approved election withdraws the approval so a
    new one can be recorded; the bloc-year's roles stay until a new election is approved.
    """
    # Lock the bloc first, as election_record and year_open do, so these never interleave.
    Bloc.objects.select_for_update().filter(pk=election.bloc_id).first()
    election = (
        ChairElection.objects.select_for_update()
        .select_related("bloc__council", "chair")
        .get(pk=election.pk)
    )
    reference = (reference or "").strip()
    if decided_on is None:
        raise ValidationError(_("Cần ghi ngày quyết định."))
    if election.status == ChairElection.Status.REJECTED:
        raise ValidationError(
            _("Kết quả này đã không được phê duyệt; hãy ghi nhận kết quả mới.")
        )
    if approve:
        if election.status == ChairElection.Status.APPROVED:
            raise ValidationError(_("Kết quả này đã được phê duyệt."))
        _election_approve(
            election=election,
            decided_by=decided_by,
            decided_on=decided_on,
            reference=reference,
        )
    else:
        rejected = ChairElection.Status.REJECTED
        _record_decision(election, rejected, decided_by, decided_on, reference)
    return election


# --- The council's rules for its blocs (a section of the council settings page) -------

BLOC_RULES_FIELDS = (
    "chair_selection_method",
    "vice_chair_count",
    "vice_chair_moves_up",
    "chair_approval_required",
    "chair_term_years",
)


@transaction.atomic
def bloc_rules_update(*, council: Council, data: dict) -> BlocRules:
    """Change the council's rules for chairs and vice-chairs (only those fields)."""
    unknown = set(data) - set(BLOC_RULES_FIELDS)
    if unknown:
        raise ValueError(f"not bloc rules: {sorted(unknown)}")
    rules = BlocRules.objects.select_for_update().filter(
        council=council
    ).first() or BlocRules(council=council)
    for name, value in data.items():
        setattr(rules, name, value)
    rules.full_clean()
    rules.save()
    council.bloc_rules = rules  # the cached reverse one-to-one follows the change
    return rules
