"""What the campaigns views share: the page size of their lists, and how an action
without a form (a button) reports a service's refusal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def page_of(request: HttpRequest, rows) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def message_refusal(request: HttpRequest, exc: ValidationError) -> None:
    """A button's service refused: its reasons as error messages on the next page (a
    form shows them on its fields instead: emulation.formviews.add_service_errors)."""
    for message in exc.messages:
        messages.error(request, message)
