"""Django's own password validators, with the one message Django's Vietnamese catalogue lacks.

Django 5.2 changed the msgid of MinimumLengthValidator's error ("%d" instead of
"%(min_length)d"), and its `vi` catalogue still has only the old one, so the error
showed in English.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {
            "min_length": self.min_length
        }
