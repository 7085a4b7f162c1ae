"""What the bench opens: every page of the application, one entry per page and user.

The URLs are built from the Nghệ An demo council (fixtures/demo.yaml): its Khối thi
đua Nội chính – Lực lượng vũ trang, the bloc-years of the demo's last two years, their
covenants, registrations, meetings, units and campaigns, looked up by their natural
keys, so the same entry opens the same demo object at demo and at national size.

- `FLOOR` is the cheapest authenticated page that renders the base template.
- `PAGES` are measured under load (wrk) and in-process (queries, SQL time).
- `DOCUMENTS` (PDFs and spreadsheets) are timed one request at a time, for the
  largest bloc-year of the council whose covenant is complete.
- `NOT_MEASURED` names the URL patterns left out on purpose (POST-only actions, the
  import's preview and confirm — timed by the import bench —, Django's admin).

A new page: add a `Page` to `PAGES` (or `DOCUMENTS`) with its URL builder and the user
who opens it; `bench/run.py` lists every URL name of the URLconf that is in none of
these lists, so a page cannot be forgotten.

Import this module with Django set up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from blocs.models import Bloc, BlocYear, ChairElection
from campaigns.models import (
    Campaign,
    Covenant,
    LegalBasis,
    Meeting,
    Registration,
    TitleKind,
)
from emulation.models import Council, Unit

COUNCIL = "Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An"
BLOC = "Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"
MEMBER_UNIT = "Công an tỉnh"  # the plain member `congan` works for
OWN_LEGAL_BASIS = "04-CT/TU"  # the council's own directive

# The demo accounts the pages are opened by (password: Makefile DEMO_PASSWORD).
BOARD = "bantdkt"  # board staff of Nghệ An
CHAIR = "toaan"  # secretary of Tòa án nhân dân tỉnh, chair in the demo's last year
MEMBER = "congan"  # secretary of Công an tỉnh, a plain member
USERS = (BOARD, CHAIR, MEMBER)


class Objects:
    """The demo objects the URLs point to, looked up by natural key."""

    def __init__(self) -> None:
        self.council = Council.objects.get(name=COUNCIL)
        self.bloc = Bloc.objects.get(council=self.council, name=BLOC)
        years = list(self.bloc.years.order_by("-year"))
        self.this = years[0]  # the demo's last year: its chair is `toaan`
        self.prev = years[1]
        self.year = self.this.year  # the year chosen in the header
        self.covenant_this = Covenant.objects.get(bloc_year=self.this)
        self.covenant_prev = Covenant.objects.get(bloc_year=self.prev)
        self.commitment_this = self.covenant_this.commitments.order_by("position")[0]
        self.unit = Unit.objects.get(council=self.council, name=MEMBER_UNIT)
        self.campaign = Campaign.objects.get(
            bloc_year=self.this, level=Campaign.Level.BLOC
        )
        self.meeting = Meeting.objects.filter(bloc_year=self.prev).order_by("held_on")[
            0
        ]
        self.registration = Registration.objects.get(
            bloc_year=self.this, unit=self.unit
        )
        self.legal_basis = LegalBasis.objects.get(
            council=self.council, number=OWN_LEGAL_BASIS
        )
        self.title_kind = TitleKind.objects.filter(council=self.council).order_by(
            "scope", "position"
        )[0]
        self.election = ChairElection.objects.get(
            bloc=self.bloc, year=self.year, status=ChairElection.Status.APPROVED
        )
        # The largest bloc-year of the council with a complete covenant (the documents').
        self.largest = (
            BlocYear.objects.filter(
                bloc__council=self.council,
                covenant__status=Covenant.Status.COMPLETE,
            )
            .annotate(n=Count("memberships"))
            .order_by("-n", "-year", "pk")[0]
        )
        self.largest_members = self.largest.n
        self.covenant_largest = Covenant.objects.get(bloc_year=self.largest)


@dataclass(frozen=True)
class Page:
    name: str  # the URL name, as in the URLconf
    url: Callable[[Objects], str]
    user: str | None  # the demo account that opens it; None: anonymous
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.name} ({self.user or 'anonymous'})"


def _r(name: str, *args) -> str:
    return reverse(name, args=args)


FLOOR = Page(
    "password_change",
    lambda o: _r("password_change"),
    BOARD,
    "the floor: authenticated, base template",
)

PAGES: list[Page] = [
    FLOOR,
    # --- kernel
    Page("password_change_done", lambda o: _r("password_change_done"), BOARD),
    Page("login", lambda o: _r("login"), None),
    # --- dashboard (the top app)
    *(Page("dashboard", lambda o: _r("dashboard"), u) for u in USERS),
    *(
        Page("blocyear-detail", lambda o: _r("blocyear-detail", o.this.pk), u)
        for u in USERS
    ),
    Page("council-settings", lambda o: _r("council-settings"), BOARD),
    # --- blocs
    Page("blocs:bloc-list", lambda o: _r("blocs:bloc-list"), BOARD),
    Page("blocs:bloc-list", lambda o: _r("blocs:bloc-list"), MEMBER),
    Page(
        "blocs:bloc-detail",
        lambda o: _r("blocs:bloc-detail", o.bloc.pk),
        BOARD,
        "redirects to the bloc-year",
    ),
    Page("blocs:unit-list", lambda o: _r("blocs:unit-list"), BOARD),
    Page("blocs:unit-detail", lambda o: _r("blocs:unit-detail", o.unit.pk), BOARD),
    Page("blocs:bloc-create", lambda o: _r("blocs:bloc-create"), BOARD),
    Page("blocs:bloc-update", lambda o: _r("blocs:bloc-update", o.bloc.pk), BOARD),
    Page("blocs:bloc-rotation", lambda o: _r("blocs:bloc-rotation", o.bloc.pk), BOARD),
    Page(
        "blocs:blocyear-create", lambda o: _r("blocs:blocyear-create", o.bloc.pk), BOARD
    ),
    Page(
        "blocs:blocyear-members",
        lambda o: _r("blocs:blocyear-members", o.this.pk),
        BOARD,
    ),
    Page(
        "blocs:blocyear-schedule",
        lambda o: _r("blocs:blocyear-schedule", o.this.pk),
        CHAIR,
    ),
    Page("blocs:unit-create", lambda o: _r("blocs:unit-create"), BOARD),
    Page("blocs:unit-update", lambda o: _r("blocs:unit-update", o.unit.pk), BOARD),
    Page(
        "blocs:election-create", lambda o: _r("blocs:election-create", o.bloc.pk), CHAIR
    ),
    Page(
        "blocs:election-decide",
        lambda o: _r("blocs:election-decide", o.election.pk),
        BOARD,
    ),
    Page("blocs:year-open", lambda o: _r("blocs:year-open", o.bloc.pk), BOARD),
    Page("blocs:unit-merge", lambda o: _r("blocs:unit-merge"), BOARD),
    Page("blocs:unit-rename", lambda o: _r("blocs:unit-rename", o.unit.pk), BOARD),
    Page("blocs:import-upload", lambda o: _r("blocs:import-upload"), BOARD),
    # --- campaigns
    Page("campaigns:campaign-list", lambda o: _r("campaigns:campaign-list"), BOARD),
    Page("campaigns:campaign-list", lambda o: _r("campaigns:campaign-list"), MEMBER),
    Page("campaigns:campaign-create", lambda o: _r("campaigns:campaign-create"), BOARD),
    Page(
        "campaigns:campaign-detail",
        lambda o: _r("campaigns:campaign-detail", o.campaign.pk),
        BOARD,
    ),
    Page(
        "campaigns:campaign-edit",
        lambda o: _r("campaigns:campaign-edit", o.campaign.pk),
        BOARD,
    ),
    Page("campaigns:legalbasis-list", lambda o: _r("campaigns:legalbasis-list"), BOARD),
    Page(
        "campaigns:legalbasis-create",
        lambda o: _r("campaigns:legalbasis-create"),
        BOARD,
    ),
    Page(
        "campaigns:legalbasis-edit",
        lambda o: _r("campaigns:legalbasis-edit", o.legal_basis.pk),
        BOARD,
    ),
    Page("campaigns:titlekind-list", lambda o: _r("campaigns:titlekind-list"), BOARD),
    Page(
        "campaigns:titlekind-create", lambda o: _r("campaigns:titlekind-create"), BOARD
    ),
    Page(
        "campaigns:titlekind-edit",
        lambda o: _r("campaigns:titlekind-edit", o.title_kind.pk),
        BOARD,
    ),
    Page("campaigns:covenant-list", lambda o: _r("campaigns:covenant-list"), BOARD),
    Page(
        "campaigns:covenant-detail",
        lambda o: _r("campaigns:covenant-detail", o.covenant_this.pk),
        CHAIR,
        "signing",
    ),
    Page(
        "campaigns:covenant-detail",
        lambda o: _r("campaigns:covenant-detail", o.covenant_this.pk),
        MEMBER,
        "signing",
    ),
    Page(
        "campaigns:covenant-detail",
        lambda o: _r("campaigns:covenant-detail", o.covenant_prev.pk),
        BOARD,
        "complete",
    ),
    Page(
        "campaigns:covenant-edit",
        lambda o: _r("campaigns:covenant-edit", o.covenant_this.pk),
        CHAIR,
        "text frozen: redirects",
    ),
    Page(
        "campaigns:covenant-sign",
        lambda o: _r("campaigns:covenant-sign", o.covenant_this.pk),
        MEMBER,
    ),
    Page(
        "campaigns:commitment-edit",
        lambda o: _r("campaigns:commitment-edit", o.commitment_this.pk),
        CHAIR,
        "text frozen: redirects",
    ),
    Page(
        "campaigns:meeting-list",
        lambda o: _r("campaigns:meeting-list", o.prev.pk),
        MEMBER,
    ),
    Page(
        "campaigns:meeting-detail",
        lambda o: _r("campaigns:meeting-detail", o.meeting.pk),
        MEMBER,
    ),
    Page(
        "campaigns:meeting-create",
        lambda o: _r("campaigns:meeting-create", o.this.pk),
        CHAIR,
    ),
    Page(
        "campaigns:meeting-edit",
        lambda o: _r("campaigns:meeting-edit", o.meeting.pk),
        BOARD,
    ),
    Page(
        "campaigns:registration-list",
        lambda o: _r("campaigns:registration-list", o.this.pk),
        CHAIR,
    ),
    Page(
        "campaigns:registration-edit",
        lambda o: _r("campaigns:registration-edit", o.this.pk),
        MEMBER,
    ),
    Page(
        "campaigns:registration-detail",
        lambda o: _r("campaigns:registration-detail", o.registration.pk),
        MEMBER,
    ),
    # --- covenant documents' pages
    Page(
        "covenants:scan-upload",
        lambda o: _r("covenants:scan-upload", o.covenant_this.pk),
        CHAIR,
    ),
    Page("covenants:verify-lookup", lambda o: _r("covenants:verify-lookup"), None),
    Page(
        "covenants:verify",
        lambda o: _r("covenants:verify", o.covenant_prev.verification_code),
        None,
    ),
]

DOCUMENTS: list[Page] = [
    Page(
        "blocs:blocyear-export-pdf",
        lambda o: _r("blocs:blocyear-export-pdf", o.largest.pk),
        BOARD,
        "member list PDF",
    ),
    Page(
        "blocs:blocyear-export-xlsx",
        lambda o: _r("blocs:blocyear-export-xlsx", o.largest.pk),
        BOARD,
        "member list xlsx",
    ),
    Page(
        "covenants:pdf-blank",
        lambda o: _r("covenants:pdf-blank", o.covenant_largest.pk),
        BOARD,
        "covenant to sign by hand",
    ),
    Page(
        "covenants:pdf-signed",
        lambda o: _r("covenants:pdf-signed", o.covenant_largest.pk),
        BOARD,
        "signed covenant",
    ),
    Page(
        "campaigns:registration-summary-pdf",
        lambda o: _r("campaigns:registration-summary-pdf", o.largest.pk),
        BOARD,
        "registration summary PDF",
    ),
    Page(
        "campaigns:registration-summary-xlsx",
        lambda o: _r("campaigns:registration-summary-xlsx", o.largest.pk),
        BOARD,
        "registration summary xlsx",
    ),
    Page(
        "blocs:import-template",
        lambda o: _r("blocs:import-template"),
        BOARD,
        "import template xlsx",
    ),
]

NOT_MEASURED = {
    # POST-only actions (they change data)
    "year-select": "POST only",
    "logout": "POST only",
    "set_language": "POST only",
    "blocs:blocyear-member-remove": "POST only",
    "blocs:import-cancel": "POST only",
    "campaigns:campaign-delete": "POST only",
    "campaigns:covenant-create": "POST only",
    "campaigns:covenant-open": "POST only",
    "campaigns:covenant-withdraw": "POST only",
    "campaigns:commitment-add": "POST only",
    "campaigns:commitment-delete": "POST only",
    "campaigns:commitment-move": "POST only",
    "campaigns:meeting-delete": "POST only",
    "campaigns:registration-deadline": "POST only",
    "campaigns:registration-lock": "POST only",
    # timed by the import bench (upload → preview → confirm of 2,000 rows)
    "blocs:import-preview": "import bench",
    "blocs:import-confirm": "import bench",
    # needs an uploaded scan, which the demo has none of
    "covenants:scan-download": "no scanned copy in the demo",
}
NOT_MEASURED_PREFIXES = ("admin:",)  # Django's admin


def url_names() -> list[str]:
    """Every named URL pattern of the URLconf, with its namespace."""
    from django.urls import URLPattern, URLResolver, get_resolver

    names: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.append(prefix + p.name)

    walk(get_resolver().url_patterns, "")
    return sorted(set(names))


def unmeasured() -> list[str]:
    """URL names that no entry measures and that are not left out on purpose."""
    measured = {p.name for p in PAGES} | {d.name for d in DOCUMENTS}
    return [
        n
        for n in url_names()
        if n not in measured
        and n not in NOT_MEASURED
        and not n.startswith(NOT_MEASURED_PREFIXES)
    ]
