from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The top layer: pages that show every app at once (docs/ARCHITECTURE.md)."""

    name = "dashboard"
    verbose_name = _("Tổng quan")
