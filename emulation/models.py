"""The shared kernel: the base model and the user with their role."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.text import person_sort_key


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A person using the application: always in one council, optionally of one unit.

    Chair rights are not stored here: a unit secretary gets them for a bloc-year
    when their unit chairs or vice-chairs it (see emulation.permissions).
    """

    class Role(models.TextChoices):
        BOARD = "board", _("Cán bộ Ban Thi đua – Khen thưởng")
        SECRETARY = "secretary", _("Cán bộ thi đua của đơn vị")
        VIEWER = "viewer", _("Người xem")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    role = models.CharField(
        _("vai trò"), max_length=20, choices=Role, default=Role.VIEWER
    )
    council = models.ForeignKey(
        "blocs.Council",
        verbose_name=_("hội đồng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    unit = models.ForeignKey(
        "blocs.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # Empty until the user picks a language (then Vietnamese, the default, is shown).
    language = models.CharField(
        _("ngôn ngữ"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    sort_key = models.CharField(
        max_length=400, blank=True, db_collation="C", editable=False
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["sort_key", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="secretary") | models.Q(unit__isnull=False),
                name="emulation_user_secretary_has_unit",
            ),
        ]

    def clean(self) -> None:
        """The unit must be one of the user's council (it decides what the user sees)."""
        super().clean()
        if self.unit_id is None:
            return
        unit = self.unit
        if self.council_id is None:
            self.council = unit.council  # a unit's user belongs to its council
        elif unit.council_id != self.council_id:
            raise ValidationError(
                {
                    "unit": _(
                        "Đơn vị “%(unit)s” thuộc %(unit_council)s, không thuộc "
                        "%(council)s của người dùng: hãy chọn đơn vị của hội đồng "
                        "này, hoặc đổi hội đồng."
                    )
                    % {
                        "unit": unit.name,
                        "unit_council": unit.council.name,
                        "council": self.council.name,
                    }
                }
            )

    def save(self, *args, **kwargs):
        # The sort key is a pure function of the name (not business logic).
        self.sort_key = person_sort_key(self.full_name or self.username)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_board(self) -> bool:
        return self.role == self.Role.BOARD

    @property
    def is_secretary(self) -> bool:
        return self.role == self.Role.SECRETARY


class PasswordEvent(models.Model):
    """Append-only record of what was done to a user's password or login lock."""

    class Kind(models.TextChoices):
        RESET = "reset", _("Tự đặt lại mật khẩu qua email")
        SET_BY_BOARD = "set_by_board", _("Ban đặt mật khẩu mới")
        UNLOCK = "unlock", _("Ban mở khóa đăng nhập")

    user = models.ForeignKey(
        User,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="password_events",
    )
    kind = models.CharField(_("việc"), max_length=20, choices=Kind)
    by = models.ForeignKey(
        User,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("nhật ký mật khẩu")
        verbose_name_plural = _("nhật ký mật khẩu")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        at = timezone.localtime(self.at)
        return f"{self.get_kind_display()} – {self.user} – {at:%H:%M %d/%m/%Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("PasswordEvent is append-only.")
        super().save(*args, **kwargs)
