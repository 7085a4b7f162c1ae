"""What the campaigns views share: the page size of their lists; a button's refusal is
reported by the kernel's `message_refusal` (emulation.formviews), re-exported here."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from emulation.formviews import message_refusal

PAGE_SIZE = 25

__all__ = ["PAGE_SIZE", "message_refusal", "page_of"]


def page_of(request: HttpRequest, rows) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
