"""Legal bases (căn cứ): laws, decrees and guidance kept as dated data, never text in
templates or code (docs/domain.md §1.5)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.fields import council_link, dates_reversed, link, optional_date
from emulation.models import BaseModel

# Legal force of a kind of document, strongest first: documents cite their bases in this
# order (law, decree, circular, then directives, decisions, guidance, plans), then by date
# (docs/domain.md §8.5). The kind is free text, matched by its first words ("Thông tư
# liên tịch" is a circular); unknown kinds come last.
_FORCE_OF_KIND = [
    ("hiến pháp", 0),
    ("bộ luật", 1),
    ("luật", 1),
    ("pháp lệnh", 2),
    ("nghị quyết", 3),
    ("nghị định", 4),
    ("thông tư", 5),
    ("chỉ thị", 6),
    ("quyết định", 7),
    ("hướng dẫn", 8),
    ("kế hoạch", 9),
]
UNKNOWN_FORCE = 10


def legal_force(kind: str) -> int:
    """0 (the Constitution) … 10 (a kind not listed): the rank of a kind of document."""
    words = " ".join((kind or "").lower().split())
    for prefix, rank in _FORCE_OF_KIND:
        if words == prefix or words.startswith(prefix + " "):
            return rank
    return UNKNOWN_FORCE


class LegalBasis(BaseModel):
    """Căn cứ: a law, decree, directive or guidance, kept as dated data (never in templates)."""

    number = models.CharField(
        _("số, ký hiệu"), max_length=100, help_text=_("Ví dụ: 34-CT/TW")
    )
    kind = models.CharField(
        _("loại văn bản"), max_length=60, help_text=_("Ví dụ: Chỉ thị, Luật, Nghị định")
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=400)
    effective_from = optional_date(_("hiệu lực từ"))
    effective_to = optional_date(_("hết hiệu lực"))
    replaced_by = link(
        "self",
        _("được thay thế bởi"),
        related_name="replaces",
        on_delete=models.SET_NULL,
        optional=True,
    )
    council = council_link(
        "legal_bases",
        on_delete=models.CASCADE,
        optional=True,
        help_text=_("Để trống với văn bản dùng chung toàn quốc"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on"], name="campaigns_legalbasis_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} số {self.number} ngày {self.issued_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if dates_reversed(self.effective_from, self.effective_to):
            errors["effective_to"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("Văn bản không thể thay thế chính nó.")
        if errors:
            raise ValidationError(errors)

    @property
    def citation_order(self) -> tuple:
        """Sort key of the bases a document cites: legal force, date, number."""
        return (legal_force(self.kind), self.issued_on, self.number, self.pk or 0)

    def in_force_on(self, day) -> bool:
        """In force on that day (from its effective date, or its date of issue, to its end)."""
        start = self.effective_from or self.issued_on
        return start <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def citation(self) -> str:
        """As cited in a document: "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về …";
        a law is cited by its name: "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022".
        Dates follow Decree 30: day < 10 and months 1–2 get a leading zero."""
        d = self.issued_on
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        issued = f"{d.day:02d}/{month}/{d.year}"
        if self.kind.strip().lower() == "luật":
            return f"Luật {self.title} số {self.number} ngày {issued}"
        by = f" của {self.issuer}" if self.issuer else ""
        # "… của Chính phủ quy định chi tiết …" reads without "về"; "… về việc …" has its own.
        joins_directly = (
            self.title.strip().lower().startswith(("về ", "quy định", "hướng dẫn"))
        )
        about = "" if joins_directly else "về "
        return f"{self.kind} số {self.number} ngày {issued}{by} {about}{self.title}"
