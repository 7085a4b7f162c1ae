"""Board and chair workflows: elections, approvals, opening a year, restructuring, settings.

Placeholders until the workflow work lands; the URL names are final.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound


def _todo(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponseNotFound()


election_create = election_decide = year_open = unit_merge = unit_rename = council_settings = _todo
