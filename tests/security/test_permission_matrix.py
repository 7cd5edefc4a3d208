"""Every URL of the desk, for every role and method, answers what the rules say.

The URLs come from the URL conf itself (tests/security/matrix.py walks the resolver and
fills path parameters from one small desk), so a new URL, or a model newly registered in
the admin, fails test_every_url_answers_each_role_as_the_rules_say until EXPECTED has
a row for it. Public and API URLs about one event, claim, article or outlet are tried
twice: for a published one, and for an unpublished one (the "(unpublished)" rows).

Each row gives, per method, the status for each role in this order:
anonymous, reader (an account with no role), contributor, editor, superuser.
Writes are sent empty (an empty form, or the JSON body {}): 400 means "allowed, but
that is not a valid request", 401/403 that the role may not, 302 from the admin that
the visitor must sign in as staff. Each request runs in a transaction rolled back
afterwards, so no cell depends on another. CSRF checks are left to
test_writes_need_a_csrf_token: with a token, as a browser sends one, the matrix shows
what each role may do.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from rest_framework.views import APIView

from tests.security.matrix import ROLES, admin_model_url_names, build_desk, targets

TARGETS = targets()


def each(status: int) -> str:
    return " ".join([str(status)] * len(ROLES))


OK = each(200)
NOT_HERE = each(404)
NO_SUCH_METHOD = each(405)
# The admin: anonymous visitors and accounts without staff status are sent to sign in.
STAFF = "302 302 200 200 200"
EDITORS = "302 302 403 200 200"
SUPERUSERS = "302 302 403 403 200"
NOBODY = "302 302 403 403 403"  # not even superusers: claims come from ingestion, reviews stay
STAFF_ONLY_GET = "302 302 405 405 405"
# The API: anonymous writers must authenticate first (401); a route that does not
# write answers the others 405.
READ_ONLY = "401 405 405 405 405"
# Desk members see unpublished work in the API (to review it); readers get 404.
DESK_ONLY = "404 404 200 200 200"

# Reader pages only read: a POST renders the page like a GET and changes nothing (a
# browser or script without the CSRF token gets 403 first).
PAGE = {"GET": OK, "POST": OK}
HIDDEN_PAGE = {"GET": NOT_HERE, "POST": NOT_HERE}
SHORT_LINK = {"GET": each(301), "POST": each(301)}  # to the page's canonical address
ADMIN_PAGE = {"GET": STAFF, "POST": STAFF}
REDIRECTS = {"GET": each(302), "POST": each(302)}
SUPERUSER_PAGE = {"GET": SUPERUSERS, "POST": SUPERUSERS}
API_READ = {"GET": OK, "POST": READ_ONLY}
API_DESK_READ = {"GET": DESK_ONLY, "POST": READ_ONLY}
API_DOCS = {"GET": OK, "POST": NO_SUCH_METHOD}
# Desk members only, anonymous visitors asked to authenticate (not hidden behind 404).
DESK_MEMBERS = "401 403 200 200 200"
API_DESK_ONLY = {"GET": DESK_MEMBERS, "POST": "401 403 405 405 405"}
# Every field of a job is read-only: saving its page changes nothing and returns to the list.
INTAKE_JOB_SAVE = "302 302 403 302 302"

EXPECTED = {
    "healthz": {"GET": OK, "POST": NO_SUCH_METHOD},
    "robots_txt": {"GET": OK, "POST": NO_SUCH_METHOD},
    # The admin's own pages.
    "admin:index": ADMIN_PAGE,
    "admin:login": {"GET": "200 200 302 302 302", "POST": OK},
    "admin:logout": {"GET": STAFF_ONLY_GET, "POST": STAFF},
    "admin:password_change": ADMIN_PAGE,
    "admin:password_change_done": {"GET": STAFF, "POST": STAFF_ONLY_GET},
    "admin:autocomplete": {"GET": "302 302 403 403 403", "POST": STAFF_ONLY_GET},
    "admin:jsi18n": {"GET": STAFF, "POST": STAFF_ONLY_GET},
    # Events, claims, articles and sources have a reader page (get_absolute_url): staff
    # jump to it; anyone else is sent to sign in.
    "admin:view_on_site": REDIRECTS,
    "admin:app_list": ADMIN_PAGE,
    # The review queue: the desk sees it (contributors too, linked to the claim pages);
    # it only lists.
    "admin:review_queue": {"GET": STAFF, "POST": STAFF_ONLY_GET},
    "admin/(?P<url>.*)$": {"GET": "302 302 404 404 404", "POST": "302 302 404 404 404"},
    # Accounts, roles and API tokens: superusers only.
    **{
        f"admin:{model}_{view}": SUPERUSER_PAGE
        for model in ("auth_group", "auth_user", "authtoken_tokenproxy")
        for view in ("changelist", "add", "change", "delete", "history")
    },
    "admin:auth_user_password_change": SUPERUSER_PAGE,
    # /admin/<model>/<id>/ redirects to the change page (or to sign in).
    "admin/auth/group/<path:object_id>/": REDIRECTS,
    "admin/auth/user/<path:object_id>/": REDIRECTS,
    "admin/authtoken/tokenproxy/<path:object_id>/": REDIRECTS,
    # Outlets: contributors add them, editors correct them, only superusers delete.
    "admin:articles_source_changelist": ADMIN_PAGE,
    "admin:articles_source_add": ADMIN_PAGE,
    "admin:articles_source_change": {"GET": STAFF, "POST": EDITORS},
    "admin:articles_source_delete": SUPERUSER_PAGE,
    # Merging outlets changes public pages: editors only (no outlets chosen: the form's error).
    "admin:articles_source_merge": {"GET": EDITORS, "POST": EDITORS},
    "admin:articles_source_history": ADMIN_PAGE,
    "admin/articles/source/<path:object_id>/": REDIRECTS,
    # Articles: contributors add them and fix those readers do not see yet (the matrix's
    # article is public: a contributor's form shows every field read-only, and the
    # service refuses the change; every way an article comes in, feed polls and jobs
    # without a user included, is a row of WAYS_IN in test_publish_rule.py); only
    # superusers delete.
    "admin:articles_article_changelist": ADMIN_PAGE,
    "admin:articles_article_add": ADMIN_PAGE,
    "admin:articles_article_change": ADMIN_PAGE,
    "admin:articles_article_delete": SUPERUSER_PAGE,
    "admin:articles_article_history": ADMIN_PAGE,
    "admin/articles/article/<path:object_id>/": REDIRECTS,
    # Events come from ingestion; editors change (and publish) them.
    "admin:claims_event_changelist": ADMIN_PAGE,
    "admin:claims_event_add": SUPERUSER_PAGE,
    "admin:claims_event_change": {"GET": STAFF, "POST": EDITORS},
    "admin:claims_event_delete": SUPERUSER_PAGE,
    "admin:claims_event_history": ADMIN_PAGE,
    "admin/claims/event/<path:object_id>/": REDIRECTS,
    # Other spellings of names: editors keep them; contributors may look.
    "admin:claims_entityalias_changelist": ADMIN_PAGE,
    "admin:claims_entityalias_add": {"GET": EDITORS, "POST": EDITORS},
    "admin:claims_entityalias_change": {"GET": STAFF, "POST": EDITORS},
    "admin:claims_entityalias_delete": {"GET": EDITORS, "POST": EDITORS},
    "admin:claims_entityalias_history": ADMIN_PAGE,
    "admin/claims/entityalias/<path:object_id>/": REDIRECTS,
    # Claim links across languages come from ingestion; editors confirm or reject them.
    "admin:claims_claimlink_changelist": ADMIN_PAGE,
    "admin:claims_claimlink_add": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_claimlink_change": {"GET": STAFF, "POST": EDITORS},
    "admin:claims_claimlink_delete": SUPERUSER_PAGE,
    "admin:claims_claimlink_history": ADMIN_PAGE,
    "admin/claims/claimlink/<path:object_id>/": REDIRECTS,
    # Decided only through the list's actions (editors), which merge or record a rejection.
    "admin:claims_matchproposal_changelist": ADMIN_PAGE,
    "admin:claims_matchproposal_add": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_matchproposal_change": {"GET": STAFF, "POST": NOBODY},
    "admin:claims_matchproposal_delete": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_matchproposal_history": ADMIN_PAGE,
    "admin/claims/matchproposal/<path:object_id>/": REDIRECTS,
    # Claims: contributors fix the wording; editors decide, merge and split.
    "admin:claims_claim_changelist": ADMIN_PAGE,
    "admin:claims_claim_add": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_claim_change": ADMIN_PAGE,
    "admin:claims_claim_delete": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_claim_history": ADMIN_PAGE,
    "admin/claims/claim/<path:object_id>/": REDIRECTS,
    "admin:claims_claim_review": {"GET": EDITORS, "POST": EDITORS},
    "admin:claims_claim_review_many": {"GET": EDITORS, "POST": EDITORS},
    "admin:claims_claim_merge": {"GET": EDITORS, "POST": EDITORS},
    # Splitting needs no form: the POST splits, and redirects to the new claim.
    "admin:claims_appearance_split": {"GET": EDITORS, "POST": "302 302 403 302 302"},
    # Reviews are the record of decisions: shown, never added, changed or deleted.
    "admin:claims_review_changelist": ADMIN_PAGE,
    "admin:claims_review_add": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_review_change": {"GET": STAFF, "POST": NOBODY},
    "admin:claims_review_delete": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_review_history": ADMIN_PAGE,
    "admin/claims/review/<path:object_id>/": REDIRECTS,
    # Sign-in lock-out records (django-axes): superusers only, and written by axes alone
    # (a superuser's POST to a record's page saves nothing and returns to the list).
    **{
        f"admin:axes_{model}_{view}": SUPERUSER_PAGE
        for model in ("accessattempt", "accesslog", "accessfailurelog")
        for view in ("changelist", "delete", "history")
    },
    **{
        f"admin:axes_{model}_add": {"GET": NOBODY, "POST": NOBODY}
        for model in ("accessattempt", "accesslog", "accessfailurelog")
    },
    **{
        f"admin:axes_{model}_change": {"GET": SUPERUSERS, "POST": "302 302 403 403 302"}
        for model in ("accessattempt", "accesslog", "accessfailurelog")
    },
    **{
        f"admin/axes/{model}/<path:object_id>/": REDIRECTS
        for model in ("accessattempt", "accesslog", "accessfailurelog")
    },
    # The audit log is a record: shown to the desk, never added, changed or deleted.
    "admin:claims_auditentry_changelist": ADMIN_PAGE,
    "admin:claims_auditentry_add": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_auditentry_change": {"GET": STAFF, "POST": NOBODY},
    "admin:claims_auditentry_delete": {"GET": NOBODY, "POST": NOBODY},
    "admin:claims_auditentry_history": ADMIN_PAGE,
    "admin/claims/auditentry/<path:object_id>/": REDIRECTS,
    # Intake jobs come from adding articles and polling feeds: the desk sees them, editors
    # retry them (the list's action; the change page has nothing to change).
    "admin:intake_intakejob_changelist": ADMIN_PAGE,
    "admin:intake_intakejob_add": {"GET": NOBODY, "POST": NOBODY},
    "admin:intake_intakejob_change": {"GET": STAFF, "POST": INTAKE_JOB_SAVE},
    "admin:intake_intakejob_delete": SUPERUSER_PAGE,
    "admin:intake_intakejob_history": ADMIN_PAGE,
    "admin/intake/intakejob/<path:object_id>/": REDIRECTS,
    # Feeds: the desk sees them, editors register and change them, superusers delete.
    "admin:intake_feed_changelist": ADMIN_PAGE,
    "admin:intake_feed_add": {"GET": EDITORS, "POST": EDITORS},
    "admin:intake_feed_change": {"GET": STAFF, "POST": EDITORS},
    "admin:intake_feed_delete": SUPERUSER_PAGE,
    "admin:intake_feed_history": ADMIN_PAGE,
    "admin/intake/feed/<path:object_id>/": REDIRECTS,
    # The API and its documentation.
    "api-schema": API_DOCS,
    "api-docs": API_DOCS,
    "api-redoc": API_DOCS,
    "api-root": API_READ,
    "event-list": API_READ,
    "event-detail": API_READ,
    "event-detail (unpublished)": API_DESK_READ,
    "event-export": API_READ,
    "event-export (unpublished)": API_DESK_READ,
    "claim-list": API_READ,
    "claim-detail": {"GET": OK, "POST": READ_ONLY, "PATCH": "401 403 200 200 200"},
    "claim-detail (unpublished)": {
        "GET": DESK_ONLY,
        "POST": READ_ONLY,
        "PATCH": "401 403 200 200 200",
    },
    "claim-claimreview": API_READ,
    "claim-appearances": API_READ,
    "claim-appearances (unpublished)": API_DESK_READ,
    "claim-claimreview (unpublished)": API_DESK_READ,
    "claim-review": {"GET": NO_SUCH_METHOD, "POST": "401 403 403 400 400"},
    "claim-review (unpublished)": {"GET": NO_SUCH_METHOD, "POST": "401 403 403 400 400"},
    "claim-merge": {"GET": NO_SUCH_METHOD, "POST": "401 403 403 400 400"},
    "article-list": {"GET": OK, "POST": "401 403 400 400 400"},
    "article-detail": API_READ,
    "article-detail (unpublished)": API_DESK_READ,
    "source-list": API_READ,
    "source-detail": API_READ,
    "source-detail (unpublished)": API_DESK_READ,
    # Intake jobs and feeds: desk members only (a contributor sees the jobs they started).
    "intake-list": API_DESK_ONLY,
    "intake-detail": API_DESK_ONLY,
    "intake-detail (unpublished)": API_DESK_ONLY,
    "feed-list": {"GET": DESK_MEMBERS, "POST": "401 403 403 400 400"},
    "feed-detail": API_DESK_ONLY,
    "feed-detail (unpublished)": API_DESK_ONLY,
    # The reader site.
    "set_language": REDIRECTS,  # back to the page it came from
    "public:home": PAGE,
    "public:search": PAGE,
    "public:sitemap": PAGE,
    "public:sitemap_section": PAGE,
    "public:feed": PAGE,
    "public:event": PAGE,
    "public:event (unpublished)": HIDDEN_PAGE,
    "public:event_awaiting": PAGE,
    "public:event_awaiting (unpublished)": HIDDEN_PAGE,
    "public:event_feed": PAGE,
    "public:event_feed (unpublished)": HIDDEN_PAGE,
    "public:claim": PAGE,
    "public:claim (unpublished)": HIDDEN_PAGE,
    "public:claim_short": SHORT_LINK,
    "public:claim_short (unpublished)": HIDDEN_PAGE,
    "public:article": PAGE,
    "public:article (unpublished)": HIDDEN_PAGE,
    "public:article_short": SHORT_LINK,
    "public:article_short (unpublished)": HIDDEN_PAGE,
    "public:source": PAGE,
    "public:source (unpublished)": HIDDEN_PAGE,
    "public:source_short": SHORT_LINK,
    "public:source_short (unpublished)": HIDDEN_PAGE,
}


@pytest.fixture(scope="module")
def desk(django_db_setup, django_db_blocker):
    """One desk for the whole module, rolled back at its end; each role's session made once."""
    with django_db_blocker.unblock(), transaction.atomic():
        desk = build_desk()
        desk.sessions = {}
        for role, user in desk.users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                desk.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        # One client for all requests: building one loads every middleware again.
        desk.client = Client()
        yield desk
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    """Throttling has its own tests; here it would only turn late cells into 429s."""
    monkeypatch.setattr(APIView, "get_throttles", lambda self: [])


def status_of(desk, role: str, method: str, path: str, is_api: bool) -> int:
    client = desk.client
    client.cookies.clear()
    if role in desk.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = desk.sessions[role]
    body = {"data": "{}", "content_type": "application/json"} if is_api else {}
    with transaction.atomic():
        response = client.generic(method, path, **body) if method != "GET" else client.get(path)
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_every_url_answers_each_role_as_the_rules_say(desk, db, target):
    expected = EXPECTED.get(target.key)
    assert expected is not None, (
        f"{target.key!r} ({target.route}) has no row in EXPECTED: add one saying what "
        f"each role ({', '.join(ROLES)}) gets for {', '.join(target.methods)}."
    )
    path = target.path(desk)
    actual = {
        method: " ".join(str(status_of(desk, role, method, path, target.is_api)) for role in ROLES)
        for method in target.methods
    }
    assert actual == expected, f"{path}: roles {', '.join(ROLES)}"


def test_every_row_names_a_url_that_exists():
    assert set(EXPECTED) - {target.key for target in TARGETS} == set()


def test_the_admin_pages_of_every_registered_model_are_in_the_matrix():
    keys = {target.key for target in TARGETS}
    missing = set(admin_model_url_names()) - keys
    assert not missing


def test_writes_need_a_csrf_token(desk, db):
    """What the matrix leaves out: a session-authenticated POST without the CSRF token
    is refused before any view runs, on pages, in the admin and in the API."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = desk.sessions["editor"]
    claim = desk.published["claim"]
    for path in ["/", "/admin/claims/claim/", f"/api/v1/claims/{claim.pk}/review/"]:
        assert client.post(path, {}).status_code == 403, path
