"""The real URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path

from emulation.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def _denied(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


def _broken(request):
    raise RuntimeError("hỏng")


urlpatterns = [
    path("thu/cam/", _denied),
    path("thu/khong-co/", _missing),
    path("thu/loi/", _broken),
    *urlpatterns,
]
