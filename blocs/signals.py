"""Signals of the blocs app, for the layers above it (which blocs must not import).

`membership_changed` is sent with `bloc_year=` (a `BlocYear`) after the members of that
bloc-year changed: a unit added or removed, by hand, by an import or by opening a year.
Send it inside the transaction that made the change, once per bloc-year changed, so
that what the receivers write commits or rolls back with it:

    membership_changed.send(sender=BlocYear, bloc_year=bloc_year)

Receivers (the campaigns app's covenant, docs/domain.md §5.2) are connected in their
app's `ready()`.
"""

from django.dispatch import Signal

membership_changed = Signal()
