"""Template tags other apps' pages use to show the campaigns part of a bloc-year."""

from __future__ import annotations

from django import template

from blocs import permissions
from campaigns import selectors
from campaigns.models import Covenant
from emulation.models import Unit

register = template.Library()


@register.inclusion_tag("dashboard/_blocyear_steps.html", takes_context=True)
def blocyear_steps(context, bloc_year):
    """The year's first steps on the bloc-year page: meetings, the covenant, registrations
    and campaigns at a glance, with the links the viewer may use. Constant in queries."""
    request = context.get("request")
    user = getattr(request, "user", None)
    unit_id = (
        getattr(user, "unit_id", None)
        if user is not None and user.is_authenticated
        else None
    )
    steps = selectors.bloc_year_steps(bloc_year=bloc_year, unit_id=unit_id)
    covenant = steps["covenant"]
    can_run = user is not None and permissions.can_run_bloc_year(user, bloc_year)
    is_member = bool(steps["is_member"])
    # acts_for_unit only compares ids: an unsaved Unit(pk=…) spares a query.
    acts = is_member and permissions.acts_for_unit(user, Unit(pk=unit_id))
    round_open = steps["round"].is_open()
    return {
        "bloc_year": bloc_year,
        "request": request,
        "steps": steps,
        "covenant": covenant,
        "Status": Covenant.Status,
        "can_run": can_run,
        "acts_for_member": acts,
        "registration_open": round_open,
        "registered_pct": _pct(steps["n_registered"], steps["n_members"]),
        "signed_pct": _pct(covenant.n_signed if covenant else 0, steps["n_members"]),
    }


def _pct(k: int, n: int) -> int:
    return round(100 * k / n) if n else 0
