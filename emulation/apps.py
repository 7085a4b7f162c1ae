from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Hệ thống")
    default = True


# Two third-party apps installed through configs of ours (INSTALLED_APPS names them);
# `default = False` keeps "emulation" itself on EmulationConfig.
class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the application's site (Vietnamese titles, login limits)."""

    default = False
    default_site = "emulation.admin_site.AdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes, with a Vietnamese name in the admin."""

    default = False
    verbose_name = _("Đăng nhập sai")
