"""Placeholders until the covenant-documents work lands; URL names are final."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound


def _todo(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponseNotFound()


covenant_pdf_blank = covenant_pdf_signed = covenant_scan_upload = covenant_scan_download = _todo
covenant_verify = login_not_required(_todo)
