"""Board staff help their council's users log in again: unlock, set a new password.

Every such act, and every password reset by e-mail, is recorded (PasswordEvent).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from emulation import lockout, permissions
from emulation.models import PasswordEvent, User


def manageable_users(actor: User) -> QuerySet[User]:
    """The accounts whose login this person may unlock or whose password they may set:
    board staff, the users of their own council; never a superuser, an admin-site user,
    or themselves (they change their own password under "Đổi mật khẩu")."""
    if not actor.is_authenticated or not actor.is_active:
        return User.objects.none()
    qs = User.objects.exclude(pk=actor.pk).filter(is_superuser=False, is_staff=False)
    if actor.is_superuser:
        return qs
    if not permissions.is_board_of(actor, actor.council_id):
        return User.objects.none()
    return qs.filter(council_id=actor.council_id)


@transaction.atomic
def unlock(user: User, *, by: User) -> bool:
    """Lift the lock of failed logins on this account; False when it was not locked."""
    was_locked = user.username in lockout.locked_until([user.username])
    lockout.unlock(user.username)
    if was_locked:
        PasswordEvent.objects.create(user=user, kind=PasswordEvent.Kind.UNLOCK, by=by)
    return was_locked


@transaction.atomic
def set_password_by_board(user: User, password: str, *, by: User) -> None:
    """The board gives the user a new password (validated by the form); it also
    lifts a lock, since the user will log in with it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    lockout.unlock(user.username)
    PasswordEvent.objects.create(user=user, kind=PasswordEvent.Kind.SET_BY_BOARD, by=by)


@transaction.atomic
def record_reset(user: User) -> None:
    """The user chose a new password through the e-mailed link; a lock goes with the
    old password."""
    lockout.unlock(user.username)
    PasswordEvent.objects.create(user=user, kind=PasswordEvent.Kind.RESET, by=user)
