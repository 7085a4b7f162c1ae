"""Every URL of the project, walked: nobody reaches another council's data.

The walk reads `get_resolver().url_patterns` (namespaced includes too; the Django admin,
static/media files and `set_language` are left out) and fills each pattern's parameters
with real objects of council B (Hà Tĩnh): a unit, a bloc, a bloc-year with its members
and chair, an election, a covenant with commitments, a signature and a scanned copy, a
meeting, a campaign, a registration, a title kind, a legal basis and a pending import.
Then, for GET and for POST with an empty body:

- an anonymous user is sent to the login page;
- the board staff, the chair's secretary and a viewer of council A (Nghệ An) get 403 or
  404 (405 for a method the view does not take, as long as the other method is 403 or
  404), never a page or a redirect, never a 500, and no row changes (new rows of council
  A aside); a URL with two objects is also tried with one of A's and one of B's;
- the per-user pages (`OWN`: the dashboard, the lists of one's own council, the forms
  that create in one's own council) may answer, but show nothing of council B;
- the public pages (`PUBLIC`, no login) and the user's own account pages (`ACCOUNT`:
  logout, password change) answer what the table says;
- as a control, the same URL filled with council A's objects works for A's insider, so a
  refusal above comes from the council check and not from a broken URL.

`ROUTES` names every URL: what its `pk` is, and which kind of page it is. A new view
makes `test_every_url_is_in_the_table` fail until its author adds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.static import serve

from blocs.models import Membership
from campaigns import services
from campaigns.models import Registration
from emulation import services as kernel_services
from emulation.models import Council, User
from tests.factories import (
    CampaignFactory,
    CouncilFactory,
    LegalBasisFactory,
    MeetingFactory,
    TitleKindFactory,
    UnitFactory,
    UserFactory,
    csv_bytes,
    make_bloc_year,
    make_covenant,
    make_election,
    sign,
)

METHODS = ("GET", "POST")

# --- The table ------------------------------------------------------------------------

FOREIGN = "foreign"  # shows or changes an object named in the URL: refused to outsiders
OWN = "own"  # per-user: the user's own council, session or account; shows nothing of B
PUBLIC = "public"  # no login needed; checked for its own statuses
ACCOUNT = "account"  # the signed-in user's own account: login needed, its own statuses


@dataclass(frozen=True)
class Route:
    kind: str
    # What `pk` names in this URL (see OBJECT_PARAMS for the other parameter names).
    pk: str | None = None
    # The actor of council A whose request, on A's own objects, must work (the control).
    insider: str = "board"
    # Query parameters naming objects (`?bloc_year=<pk>`), filled like the path.
    query: dict[str, str] = field(default_factory=dict)
    # PUBLIC and ACCOUNT: the statuses expected, by method, for anonymous (PUBLIC) and
    # signed-in users.
    anon: dict[str, set[int]] = field(default_factory=dict)
    user: dict[str, set[int]] = field(default_factory=dict)
    # Parameter names that mean something else in this URL than in OBJECT_PARAMS.
    params: dict[str, str] = field(default_factory=dict)


def foreign(pk: str | None = None, *, insider: str = "board") -> Route:
    return Route(FOREIGN, pk=pk, insider=insider)


def own(pk: str | None = None, **query: str) -> Route:
    return Route(OWN, pk=pk, query=query)


def public(
    anon: dict[str, set[int]],
    user: dict[str, set[int]] | None = None,
    **params: str,
) -> Route:
    return Route(PUBLIC, anon=anon, user=user or anon, params=params)


def account(user: dict[str, set[int]]) -> Route:
    return Route(ACCOUNT, user=user)


# Parameter names that say what they are; `pk` is read from the route.
OBJECT_PARAMS = {
    "bloc_pk": "bloc",
    "bloc_year_pk": "bloc_year",
    "membership_pk": "membership",
    "token": "import_token",
    "code": "verification_code",
    "uidb64": "uidb64",
}

ROUTES: dict[str, Route] = {
    # Kernel (emulation/urls.py)
    "login": public(
        anon={"GET": {200}, "POST": {200, 400}},
        # redirect_authenticated_user: a signed-in user goes to the dashboard.
        user={"GET": {302}, "POST": {302}},
    ),
    # Logging out is POST only; then the login page.
    "logout": account(user={"GET": {405}, "POST": {302}}),
    "password_change": account(user={"GET": {200}, "POST": {200, 400}}),
    "password_change_done": account(user={"GET": {200}, "POST": {200, 405}}),
    "year-select": own(),
    # Password reset, if the project offers it (Django's names): public pages.
    "password_reset": public(anon={"GET": {200}, "POST": {200, 302, 400}}),
    "password_reset_done": public(anon={"GET": {200}, "POST": {200, 405}}),
    "password_reset_confirm": public(anon={"GET": {200, 302}, "POST": {200, 302, 400}}),
    "password_reset_complete": public(anon={"GET": {200}, "POST": {200, 405}}),
    # Top app (dashboard/urls.py)
    "user-list": own(),
    "user-unlock": foreign("user"),
    "user-set-password": foreign("user"),
    "document-list": own(),
    "document-download": foreign("document"),
    "document-verify": public(anon={"GET": {200}, "POST": {400}}, code="document_code"),
    "dashboard": own(),
    "blocyear-detail": foreign("bloc_year"),
    "council-settings": own(),
    # Blocs (blocs/urls.py)
    "blocs:bloc-list": own(),
    "blocs:bloc-detail": foreign("bloc"),
    "blocs:unit-list": own(),
    "blocs:unit-detail": foreign("unit"),
    "blocs:bloc-create": own(),
    "blocs:bloc-update": foreign("bloc"),
    "blocs:bloc-rotation": foreign("bloc"),
    "blocs:blocyear-create": foreign("bloc"),
    "blocs:blocyear-members": foreign("bloc_year"),
    "blocs:blocyear-member-remove": foreign("bloc_year"),
    "blocs:blocyear-schedule": foreign("bloc_year"),
    "blocs:unit-create": own(),
    "blocs:unit-update": foreign("unit"),
    "blocs:election-create": foreign(),
    "blocs:election-decide": foreign("election"),
    "blocs:year-open": foreign(),
    "blocs:unit-merge": own(don_vi="unit"),
    "blocs:unit-rename": foreign("unit"),
    "blocs:import-upload": own(),
    "blocs:import-confirm": own(),
    # The token names an import kept in the uploader's own session.
    "blocs:import-preview": own(),
    "blocs:import-cancel": own(),
    "blocs:import-template": own(),
    "blocs:blocyear-export-xlsx": foreign("bloc_year"),
    "blocs:blocyear-export-pdf": foreign("bloc_year"),
    # Campaigns (campaigns/urls.py)
    "campaigns:campaign-list": own(),
    "campaigns:campaign-create": own(bloc_year="bloc_year"),
    "campaigns:campaign-detail": foreign("campaign"),
    "campaigns:campaign-edit": foreign("campaign"),
    "campaigns:campaign-delete": foreign("campaign"),
    "campaigns:legalbasis-list": own(),
    "campaigns:legalbasis-create": own(),
    "campaigns:legalbasis-edit": foreign("legal_basis"),
    "campaigns:titlekind-list": own(),
    "campaigns:titlekind-create": own(),
    "campaigns:titlekind-edit": foreign("title_kind"),
    "campaigns:covenant-list": own(),
    "campaigns:covenant-create": foreign(),
    "campaigns:covenant-detail": foreign("covenant"),
    "campaigns:covenant-edit": foreign("covenant"),
    "campaigns:covenant-open": foreign("covenant"),
    # Signing is for the member unit's own secretary (the chair's unit has not signed).
    "campaigns:covenant-sign": foreign("covenant", insider="chair"),
    "campaigns:covenant-withdraw": foreign("covenant", insider="chair"),
    "campaigns:addendum-sign": foreign("covenant", insider="chair"),
    "campaigns:commitment-add": foreign("covenant"),
    "campaigns:commitment-edit": foreign("commitment"),
    "campaigns:commitment-delete": foreign("commitment"),
    "campaigns:commitment-move": foreign("commitment"),
    "campaigns:meeting-list": foreign(),
    "campaigns:meeting-create": foreign(),
    "campaigns:meeting-detail": foreign("meeting"),
    "campaigns:meeting-edit": foreign("meeting"),
    "campaigns:meeting-delete": foreign("meeting"),
    "campaigns:registration-list": foreign(),
    "campaigns:registration-edit": foreign(insider="chair"),
    "campaigns:registration-deadline": foreign(),
    "campaigns:registration-lock": foreign(),
    "campaigns:registration-summary-xlsx": foreign(),
    "campaigns:registration-summary-pdf": foreign(),
    "campaigns:registration-detail": foreign("registration"),
    # Covenant documents (campaigns/urls_documents.py)
    "covenants:pdf-blank": foreign("covenant"),
    "covenants:pdf-signed": foreign("covenant"),
    "covenants:scan-upload": foreign("covenant"),
    "covenants:scan-download": foreign("covenant"),
    # Public by design: whoever holds a paper copy checks it (docs/domain.md §5.2).
    "covenants:verify-lookup": public(anon={"GET": {200}, "POST": {405}}),
    "covenants:verify": public(anon={"GET": {200}, "POST": {400}}),
}

# Entries for pages the project may not have (yet): not reported as stale.
OPTIONAL = {
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}

# --- The walk -------------------------------------------------------------------------

SKIPPED_NAMESPACES = {"admin"}  # the Django admin (/quan-tri/) has its own permissions
SKIPPED_NAMES = {"set_language"}


@dataclass(frozen=True)
class Walked:
    name: str  # "blocs:unit-detail"; "" for an unnamed pattern
    params: tuple[str, ...]
    pattern: str  # for messages: "khoi/don-vi/<int:pk>/"

    def __str__(self) -> str:
        return self.name or self.pattern


def _param_names(pattern) -> tuple[str, ...]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    regex = getattr(pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def walk(patterns=None, namespace: str = "", prefix: str = "", params=()):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if (entry.app_name or entry.namespace) in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(
                entry.url_patterns, inner, text, params + _param_names(entry.pattern)
            )
        elif isinstance(entry, URLPattern):
            if entry.callback is serve or entry.name in SKIPPED_NAMES:
                continue  # static and media files, the language switch
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield Walked(name, params + _param_names(entry.pattern), text)


WALKED = sorted(walk(), key=str)
# The control runs where a page belongs to a council: not on public and account pages.
CONTROLLED = [
    w for w in WALKED if w.name not in ROUTES or ROUTES[w.name].kind in (FOREIGN, OWN)
]


def route_of(walked: Walked) -> Route:
    route = ROUTES.get(walked.name)
    if route is None:
        pytest.fail(
            f"URL {walked} ({walked.pattern}) has no entry in ROUTES of "
            f"tests/test_url_permissions.py: add one saying what its `pk` is and "
            f"whether it is FOREIGN, OWN, ACCOUNT or PUBLIC."
        )
    return route


def test_every_url_is_in_the_table():
    problems = []
    for walked in WALKED:
        if not walked.name:
            problems.append(f"{walked.pattern}: the pattern has no name")
            continue
        route = ROUTES.get(walked.name)
        if route is None:
            problems.append(f"{walked.name} ({walked.pattern}): no entry in ROUTES")
            continue
        for param in walked.params:
            if param != "pk" and param not in OBJECT_PARAMS:
                problems.append(f"{walked.name}: unknown parameter {param!r}")
        if "pk" in walked.params and route.pk is None:
            problems.append(f"{walked.name}: say what its `pk` is in ROUTES")
        if "pk" not in walked.params and route.pk is not None:
            problems.append(f"{walked.name}: has no `pk` but ROUTES gives one")
    walked_names = {w.name for w in WALKED}
    stale = sorted(set(ROUTES) - walked_names - OPTIONAL)
    problems += [f"{name}: in ROUTES but no longer a URL" for name in stale]
    assert not problems, "\n".join(problems)
    assert len(WALKED) > 60  # the walk found the apps' URLs, not just the kernel's


# --- Two councils with everything -----------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@dataclass
class World:
    council: Council
    objects: dict[str, object]
    names: list[str]  # what must never appear on the other council's pages
    board: User
    board_client: Client


def _logged_in(user: User) -> Client:
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)
    return client


def build_world(place: str) -> World:
    year = timezone.localdate().year
    council = CouncilFactory(
        name=f"Hội đồng Thi đua – Khen thưởng tỉnh {place}", place_name=place
    )
    by = make_bloc_year(
        council=council, n_members=3, year=year, name=f"Khối thi đua Nội chính {place}"
    )
    bloc = by.bloc
    chair, vice, member = (
        m.unit for m in by.memberships.select_related("unit").order_by("id")
    )
    for i, unit in enumerate((chair, vice, member)):
        unit.name = ("Công an tỉnh", "Sở Tư pháp", "Thanh tra tỉnh")[i] + f" {place}"
        unit.save()
    spare = UnitFactory(council=council, name=f"Sở Ngoại vụ {place}")
    election = make_election(bloc, year + 1, chair=vice, vice_chairs=[member])
    covenant = make_covenant(by)
    covenant.title = f"Giao ước thi đua năm {year} của {bloc.name}"
    covenant.save()
    covenant = services.covenant_open_for_signing(covenant=covenant)
    sign(covenant, member)
    board = UserFactory(role=User.Role.BOARD, council=council)
    services.covenant_scan_attach(
        covenant=covenant,
        upload=SimpleUploadedFile("ban-quet.pdf", PDF, "application/pdf"),
        user=board,
    )
    campaign = CampaignFactory(council=council, title=f"Phong trào thi đua {place}")
    title_kind = TitleKindFactory(council=council, name=f"Cờ thi đua của {place}")
    registration = Registration.objects.create(bloc_year=by, unit=member)
    registration.collective_titles.add(title_kind)
    basis = LegalBasisFactory(
        council=council, title=f"hướng dẫn thi đua của tỉnh {place}"
    )
    board_client = _logged_in(board)
    upload = SimpleUploadedFile(
        "danh-sach.csv",
        csv_bytes(
            [["Tên đơn vị", "Khối thi đua", "Năm"], [spare.name, bloc.name, str(year)]],
            bom=False,
        ),
    )
    response = board_client.post(reverse("blocs:import-upload"), {"file": upload})
    assert response.status_code == 302, response.content[:500]
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    document = kernel_services.document_issue(
        council=council,
        kind="BC",
        year=year,
        issuer_key=f"bloc:{bloc.pk}",
        issuer_name=bloc.name,
        title=f"Báo cáo tổng kết {place}",
        issued_on=timezone.localdate(),
        render=lambda number: PDF,
    )
    secretary = UserFactory(role=User.Role.SECRETARY, council=council, unit=member)
    objects = {
        "user": secretary,
        "document": document,
        "document_code": document.verification_code,
        "unit": spare,
        "bloc": bloc,
        "bloc_year": by,
        "membership": by.memberships.get(unit=member),
        "election": election,
        "covenant": covenant,
        "commitment": covenant.commitments.order_by("position").last(),
        "meeting": MeetingFactory(bloc_year=by, host_unit=chair, place=f"{place}"),
        "campaign": campaign,
        "registration": registration,
        "title_kind": title_kind,
        "legal_basis": basis,
        "import_token": token,
        "verification_code": covenant.verification_code,
        "uidb64": urlsafe_base64_encode(force_bytes(board.pk)),
    }
    names = [
        council.name,
        bloc.name,
        chair.name,
        vice.name,
        member.name,
        spare.name,
        campaign.title,
        title_kind.name,
        basis.number,
        covenant.title,
        document.title,
    ]
    return World(council, objects, names, board, board_client)


@dataclass
class Worlds:
    a: World
    b: World
    actors: dict[str, Client]  # council A's board staff, chair's secretary and viewer
    sessions: dict[str, str]


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker, tmp_path_factory):
    """Both councils, built once for the module inside a transaction rolled back at the
    end; each test runs in a savepoint of it (the `db` fixture)."""
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), media:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            a, b = build_world("Nghệ An"), build_world("Hà Tĩnh")
            chair_unit = (
                a.objects["bloc_year"].memberships.get(role=Membership.Role.CHAIR).unit
            )
            users = {
                "board": a.board,
                "chair": UserFactory(
                    role=User.Role.SECRETARY, council=a.council, unit=chair_unit
                ),
                "viewer": UserFactory(role=User.Role.VIEWER, council=a.council),
            }
            actors = {role: _logged_in(user) for role, user in users.items()}
            actors["board"] = a.board_client
            sessions = {
                role: c.cookies[settings.SESSION_COOKIE_NAME].value
                for role, c in actors.items()
            }
            yield Worlds(a, b, actors, sessions)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def actors(worlds, db):
    """Council A's clients, each with its session only (no cookie left by a past test)."""
    for role, client in worlds.actors.items():
        client.cookies = SimpleCookie()
        client.cookies[settings.SESSION_COOKIE_NAME] = worlds.sessions[role]
    return worlds.actors


# --- Requests -------------------------------------------------------------------------


def _value(world: World, what: str):
    obj = world.objects[what]
    return obj.pk if isinstance(obj, models.Model) else obj


def url_for(walked: Walked, world: World, mixed: dict[str, World] | None = None) -> str:
    """The URL with `world`'s objects (`mixed`: some parameters from another world)."""
    route = route_of(walked)
    kwargs = {}
    for param in walked.params:
        what = (
            route.pk if param == "pk" else route.params.get(param, OBJECT_PARAMS[param])
        )
        kwargs[param] = _value((mixed or {}).get(param, world), what)
    if walked.name == "password_reset_confirm":
        kwargs["token"] = "khong-hop-le"  # a real user's id, a made-up token
    url = reverse(walked.name, kwargs=kwargs)
    if route.query:
        url += "?" + "&".join(f"{k}={_value(world, v)}" for k, v in route.query.items())
    return url


def request(client: Client, method: str, url: str):
    response = client.get(url) if method == "GET" else client.post(url, {})
    if response.streaming:
        # Reading to the end closes the response (the test client's wrapper does).
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    response.text_body = body.decode("utf-8", errors="replace")
    return response


def _login_redirect(response, url: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    next_ = parse_qs(location.query).get("next")
    return location.path == reverse("login") and next_ == [url]


def _snapshot_sql() -> str:
    """One query for every row of the project's own apps (many-to-many tables too)."""
    parts = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue  # Django's own apps (sessions change as users sign in and out)
        for model in config.get_models(include_auto_created=True):
            table, pk = model._meta.db_table, model._meta.pk.column
            parts.append(
                f"SELECT '{table}', t.{pk}::text, row_to_json(t)::text FROM {table} t"
            )
    return " UNION ALL ".join(parts)


def snapshot() -> dict[tuple[str, str], str]:
    """Every row of the project's own apps as JSON, keyed by (table, pk)."""
    with connection.cursor() as cursor:
        cursor.execute(_snapshot_sql())
        return {(table, pk): row for table, pk, row in cursor.fetchall()}


def changes(before: dict, after: dict, allowed_council: int) -> list[str]:
    """Rows changed or deleted, and new rows not of the allowed council."""
    found = []
    for key, row in before.items():
        if key not in after:
            found.append(f"{key} deleted")
        elif after[key] != row:
            found.append(f"{key} changed")
    for key, row in after.items():
        if key not in before and json.loads(row).get("council_id") != allowed_council:
            found.append(f"{key} created")
    return found


# --- The checks -----------------------------------------------------------------------


@pytest.mark.parametrize("walked", WALKED, ids=str)
def test_anonymous_user_is_sent_to_the_login_page(walked, worlds, db):
    route = route_of(walked)
    url = url_for(walked, worlds.b)
    client = Client(enforce_csrf_checks=False)
    before = snapshot()
    problems = []
    for method in METHODS:
        response = request(client, method, url)
        status = response.status_code
        if route.kind == PUBLIC:
            if status not in route.anon[method]:
                problems.append(
                    f"{method} {url}: {status}, expected {route.anon[method]}"
                )
            elif _login_redirect(response, url):
                problems.append(f"{method} {url}: public page sends to the login page")
        elif not _login_redirect(response, url):
            where = response.get("Location", "")
            problems.append(f"{method} {url}: {status} {where}, not the login page")
    problems += changes(before, snapshot(), allowed_council=-1)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("walked", WALKED, ids=str)
def test_another_councils_users_are_refused(walked, worlds, actors):
    route = route_of(walked)
    a, b = worlds.a, worlds.b
    url = url_for(walked, b)
    b_urls = {
        url_for(w, b).split("?")[0]
        for w in WALKED
        if w.name in ROUTES and ROUTES[w.name].kind == FOREIGN
    }
    before = snapshot()
    problems = []

    def check(role: str, url: str) -> None:
        statuses = {}
        for method in METHODS:
            response = request(actors[role], method, url)
            status = statuses[method] = response.status_code
            where = f"{role} {method} {url}: {status}"
            if status >= 500:
                problems.append(f"{where} (server error)")
            if route.kind != PUBLIC:
                leaked = [n for n in b.names if n in response.text_body]
                if leaked:
                    problems.append(f"{where} shows council B's {leaked}")
            if route.kind == FOREIGN and status not in (403, 404, 405):
                problems.append(f"{where}, expected 403 or 404")
            if route.kind == OWN:
                if status not in (200, 302, 400, 403, 404, 405):
                    problems.append(f"{where}, unexpected")
                if status == 302:
                    target = urlsplit(response["Location"]).path
                    if target in b_urls or target == reverse("login"):
                        problems.append(f"{where} redirects to {target}")
            if route.kind in (PUBLIC, ACCOUNT) and status not in route.user[method]:
                problems.append(f"{where}, expected {route.user[method]}")
        if route.kind in (FOREIGN, OWN) and set(statuses.values()) == {405}:
            problems.append(f"{role} {url}: 405 for both GET and POST")

    for role in actors:
        check(role, url)
    # A URL with several objects: council A's own objects but one of council B's.
    object_params = [p for p in walked.params if p in ("pk", *OBJECT_PARAMS)]
    if route.kind == FOREIGN and len(object_params) > 1:
        for param in object_params:
            check(route.insider, url_for(walked, a, mixed={param: b}))
    problems += changes(before, snapshot(), allowed_council=a.council.pk)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("walked", CONTROLLED, ids=str)
def test_the_same_url_works_in_its_own_council(walked, worlds, actors):
    """The control: with council A's own objects, A's insider is not refused."""
    route = route_of(walked)
    url = url_for(walked, worlds.a)
    statuses = {m: request(actors[route.insider], m, url).status_code for m in METHODS}
    assert not any(s >= 500 for s in statuses.values()), (url, statuses)
    assert any(s in (200, 302, 400, 409) for s in statuses.values()), (url, statuses)
