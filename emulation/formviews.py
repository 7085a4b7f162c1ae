"""The one shape of every form view: fetch with permission (done by the caller), bind the
form, run a service, turn its ValidationError into form errors, answer 400 when the form
has errors, redirect after success (PRG). See docs/ARCHITECTURE.md, "A request".

A button without a form (`button`) runs its service the same way; a refusal becomes
error messages on the page it redirects to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

Message = str | Callable[[Any], str] | None


class Info(str):
    """A success message that is news rather than a success (shown as info), e.g. that
    nothing needed to change."""


def bind(request: HttpRequest, form_class: type[forms.BaseForm], **kwargs: Any):
    """The form bound on any POST (an empty POST is a submission too), unbound on GET."""
    if request.method == "POST":
        return form_class(request.POST, request.FILES, **kwargs)
    return form_class(**kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's errors on the form: each on its field when the form has that field,
    the others (and plain messages) as non-field errors."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.error_list)


def message_refusal(request: HttpRequest, exc: ValidationError) -> None:
    """A button's service refused: its reasons as error messages on the next page (a
    form shows them on its fields instead: `add_service_errors`)."""
    for message in exc.messages:
        messages.error(request, message)


def _say_done(request: HttpRequest, message: Message, result: Any) -> None:
    text = message(result) if callable(message) else message
    if text:
        level = messages.INFO if isinstance(text, Info) else messages.SUCCESS
        messages.add_message(request, level, text)


def button(
    request: HttpRequest, run: Callable[[], Any], *, success_message: Message, to
) -> HttpResponse:
    """A POST-only button: call `run()` (the service), say so (`success_message`, or a
    callable of its result) or say why it was refused, then redirect to `to` (a URL, a
    URL name or an object with get_absolute_url, as `redirect` takes)."""
    try:
        result = run()
    except ValidationError as exc:
        message_refusal(request, exc)
    else:
        _say_done(request, success_message, result)
    return redirect(to)


def status_of(request: HttpRequest, *forms_: forms.BaseForm) -> int:
    """400 for a refused POST (a form with errors), else 200."""
    if request.method == "POST" and any(f.is_bound and f.errors for f in forms_):
        return 400
    return 200


def form_view(
    request: HttpRequest,
    form: forms.BaseForm | Iterable[forms.BaseForm],
    *,
    template: str,
    run: Callable[[], Any],
    success_url: str | Callable[[Any], str] | None = None,
    success_message: Message = None,
    context: dict | None = None,
) -> HttpResponse:
    """Validate the bound form(s) on POST and call `run()` (the service call, reading
    `form.cleaned_data`); its result goes to `success_url` and `success_message` when they
    are callables (a message that is an `Info` is shown as info); without a
    `success_url`, the result's own page (its get_absolute_url). The first form is the
    template's `form`."""
    all_forms = list(form) if not isinstance(form, forms.BaseForm) else [form]
    valid = [f.is_valid() for f in all_forms]  # every form, so each shows its errors
    if request.method == "POST" and all(valid):
        try:
            result = run()
        except ValidationError as exc:
            add_service_errors(all_forms[0], exc)
        else:
            _say_done(request, success_message, result)
            url = success_url(result) if callable(success_url) else success_url
            return redirect(result if url is None else url)
    page = {"form": all_forms[0], **(context or {})}
    return render(request, template, page, status=status_of(request, *all_forms))
