"""Import and export of units and memberships. Placeholders until that work lands; URL names are final."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound


def _todo(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponseNotFound()


import_upload = import_confirm = blocyear_export_xlsx = blocyear_export_pdf = _todo
