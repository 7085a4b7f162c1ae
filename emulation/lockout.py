"""Failed logins (django-axes): when a locked login may retry, in words, and unlocking.

settings.py configures django-axes (AXES_*): five failures in a row for one username or
from one address lock logins for AXES_COOLOFF_TIME. The login forms (emulation.forms)
replace Django's "wrong password" error by `lockout_message` while locked.
"""

from __future__ import annotations

import datetime
import math
from zoneinfo import ZoneInfo

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The users are in Vietnam, whatever the server's clock says.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind our proxy, the last one it added to X-Forwarded-For."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: keep the login page (its form explains), answer 429."""
    if isinstance(original_response, HttpResponse):
        original_response.status_code = 429
        return original_response
    return HttpResponse(lockout_message(None), status=429)


def retry_at(request: HttpRequest, credentials: dict) -> datetime.datetime | None:
    """When the lock on this login attempt (its username or its address) ends."""
    cool_off = get_cool_off(request)
    if not cool_off:
        return None
    limit = get_failure_limit(request, credentials)
    handler = AxesProxyHandler.get_implementation()
    if not hasattr(handler, "get_user_attempts"):  # not the database handler
        return None
    AxesProxyHandler.update_request(request)
    last_failures = [
        row["last"]
        for row in (
            attempts.aggregate(
                failures=Sum("failures_since_start"), last=Max("attempt_time")
            )
            for attempts in handler.get_user_attempts(request, credentials)
        )
        if (row["failures"] or 0) >= limit and row["last"] is not None
    ]
    # Records expire from the oldest: the lock ends at the latest failure's cool-off at
    # the latest (never earlier than said).
    return max(last_failures) + cool_off if last_failures else None


def lockout_message(
    until: datetime.datetime | None, now: datetime.datetime | None = None
) -> str:
    """ "… Hãy thử lại sau 15 phút, lúc 21:30." (the minute rounded up, Vietnam's time)."""
    if until is None:
        return _(
            "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Hãy thử lại sau, hoặc "
            "liên hệ Ban Thi đua – Khen thưởng để được mở khóa."
        )
    now = now or timezone.now()
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    local = until.astimezone(VIETNAM)
    if local.second or local.microsecond:  # 21:30:20 is said "21:31", never too early
        local = local.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return ngettext(
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Hãy thử lại sau %(minutes)d "
        "phút, lúc %(time)s.",
        "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Hãy thử lại sau %(minutes)d "
        "phút, lúc %(time)s.",
        minutes,
    ) % {"minutes": minutes, "time": local.strftime("%H:%M")}


def locked_until(usernames) -> dict[str, datetime.datetime]:
    """Which of these accounts are locked (by their own failures), and until when."""
    cool_off = get_cool_off()
    if not cool_off or not settings.AXES_ENABLED:
        return {}
    limit = settings.AXES_FAILURE_LIMIT
    rows = (
        AccessAttempt.objects.filter(
            username__in=list(usernames), attempt_time__gte=timezone.now() - cool_off
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    return {
        row["username"]: row["last"] + cool_off
        for row in rows
        if row["failures"] >= limit
    }


def unlock(username: str) -> int:
    """Forget the failed logins of this account; how many records went."""
    return AxesProxyHandler.reset_attempts(username=username)
