"""Meetings (hội nghị) of a bloc-year: the chair and the board write, the council reads
(docs/domain.md §5.2, §5.4)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import forms, permissions, selectors, services
from emulation.formviews import bind, button, form_view


def _detail_url(meeting) -> str:
    return reverse("campaigns:meeting-detail", args=[meeting.pk])


# The form of a meeting (to add or edit one); the meeting's page after saving.
_meeting_page = partial(
    form_view, template="campaigns/meeting_form.html", success_url=_detail_url
)


@require_GET
def meeting_list(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk)
    context = {
        "bloc_year": bloc_year,
        "meetings": list(selectors.meetings_of_bloc_year(bloc_year=bloc_year)),
        "can_run": permissions.can_run_bloc_year(request.user, bloc_year),
    }
    return render(request, "campaigns/meeting_list.html", context)


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_or_deny(request.user, pk)
    context = {
        "meeting": meeting,
        "bloc_year": meeting.bloc_year,
        "can_run": permissions.can_run_bloc_year(request.user, meeting.bloc_year),
        **selectors.meeting_detail(meeting=meeting),
    }
    return render(request, "campaigns/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, bloc_year_pk: int) -> HttpResponse:
    bloc_year = permissions.get_bloc_year_or_deny(request.user, bloc_year_pk, run=True)
    initial = (
        {"held_on": bloc_year.launch_meeting_on} if bloc_year.launch_meeting_on else {}
    )
    form = bind(request, forms.MeetingForm, bloc_year=bloc_year, initial=initial)
    return _meeting_page(
        request,
        form,
        run=lambda: services.meeting_create(bloc_year=bloc_year, **form.cleaned_data),
        success_message=_("Đã lưu hội nghị."),
        context={"bloc_year": bloc_year},
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_or_deny(request.user, pk, run=True)
    form = bind(
        request, forms.MeetingForm, instance=meeting, bloc_year=meeting.bloc_year
    )
    return _meeting_page(
        request,
        form,
        run=lambda: services.meeting_update(meeting=meeting, **form.cleaned_data),
        success_message=_("Đã cập nhật hội nghị."),
        context={"bloc_year": meeting.bloc_year, "meeting": meeting},
    )


@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_or_deny(request.user, pk, run=True)
    return button(
        request,
        lambda: services.meeting_delete(meeting=meeting),
        success_message=_("Đã xóa hội nghị."),
        to=reverse("campaigns:meeting-list", args=[meeting.bloc_year_id]),
    )
