"""What the permission matrix walks: every URL of the URL conf, with its path filled in.

The list comes from the URL resolver itself, so a URL added to any urls.py (or a model
registered in the admin) is in the matrix at once, and the matrix test fails until the
expectations table has a row for it. Path parameters are filled from one small desk:
a published event and an unpublished one, each with articles, outlets and claims.
"""

import re
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token, TokenProxy

from articles.models import Article, Source
from claims.models import (
    Appearance,
    AuditEntry,
    Claim,
    ClaimLink,
    EntityAlias,
    Event,
    MatchProposal,
    Review,
)
from claims.reader.sitemaps import title_slug
from claims.services import review_claim
from intake.models import Feed, IntakeJob
from tests.factories import make_desk
from tests.public.factories import make_public_desk

ROLES = ("anonymous", "reader", "contributor", "editor", "superuser")
ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history")
API_EXTRA_METHODS = ("put", "patch", "delete")


@dataclass
class Desk:
    users: dict
    published: dict
    unpublished: dict
    admin_objects: dict = field(default_factory=dict)


def _user(username: str, group: str | None = None, **extra) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "pw", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _subjects(event: Event) -> dict:
    article = event.articles.filter(source__isnull=False).order_by("pk").first()
    return {
        "event": event,
        "claim": Claim.objects.filter(event=event).order_by("pk").first(),
        "article": article,
        "source": article.source,
    }


def build_desk() -> Desk:
    users = {
        "anonymous": None,
        "reader": _user("reader"),
        "contributor": _user("contributor", "contributor", is_staff=True),
        "editor": _user("editor", "editor", is_staff=True),
        "superuser": _user("root", is_staff=True, is_superuser=True),
    }
    published = _subjects(make_public_desk(1, users["editor"]))
    make_desk(2)  # its events stay unpublished
    unpublished = _subjects(Event.objects.filter(is_published=False).order_by("pk").first())
    for subject in (published, unpublished):  # reviewed: both have a ClaimReview
        if subject["claim"].status == Claim.Status.UNREVIEWED:
            review_claim(
                claim=subject["claim"],
                editor=users["editor"],
                status="verified",
                rationale="Checked.",
            )
    Token.objects.create(user=users["editor"])
    # Intake is not published or unpublished: the same job and feed in both rows.
    intake = {
        "intake": IntakeJob.objects.create(
            kind=IntakeJob.Kind.URL,
            url="https://example.org/news",
            added_by=users["contributor"],
            status=IntakeJob.Status.FAILED,
            error="unreachable",
        ),
        "feed": Feed.objects.create(url="https://example.org/feed.xml"),
    }
    published.update(intake)
    unpublished.update(intake)
    desk = Desk(users=users, published=published, unpublished=unpublished)
    desk.admin_objects = {
        Group: Group.objects.get(name="editor"),
        User: users["reader"],
        TokenProxy: TokenProxy.objects.get(user=users["editor"]),
        Source: published["source"],
        Article: published["article"],
        Event: published["event"],
        Claim: published["claim"],
        Review: Review.objects.order_by("pk").first(),
        AuditEntry: AuditEntry.objects.order_by("pk").first(),
        **_lockout_records(),
        Appearance: Appearance.objects.filter(claim=published["claim"]).order_by("pk").first(),
        IntakeJob: intake["intake"],
        Feed: intake["feed"],
        EntityAlias: EntityAlias.objects.create(spelling="习近平", name="Xi Jinping"),
        ClaimLink: ClaimLink.objects.create(
            claim=published["claim"],
            same_as=Claim.objects.exclude(pk=published["claim"].pk).order_by("pk").first(),
            status=ClaimLink.Status.PROPOSED,
            score=1.5,
        ),
        MatchProposal: MatchProposal.objects.create(
            claim=Claim.objects.exclude(pk=published["claim"].pk).order_by("pk").first(),
            candidate=published["claim"],
            score=0.4,
            margin=0.02,
        ),
    }
    return desk


def _lockout_records() -> dict:
    """One record of each django-axes model, so their admin pages have an object."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    seen = {"ip_address": "192.0.2.9", "user_agent": "test", "username": "someone"}
    return {
        AccessAttempt: AccessAttempt.objects.create(**seen, failures_since_start=1),
        AccessLog: AccessLog.objects.create(**seen),
        AccessFailureLog: AccessFailureLog.objects.create(**seen),
    }


def walk(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, name, pattern) for every URL pattern of the URL conf, depth first."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name, pattern


def admin_model_url_names() -> dict[str, type]:
    """The URL names the admin makes for each registered model (changelist, add, ...)."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}": model
        for model in admin.site._registry
        for view in ADMIN_VIEWS
    }


def _admin_model(route: str):
    for model in admin.site._registry:
        if route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def _admin_kwargs(route: str, keys: set, desk: Desk) -> dict:
    model = _admin_model(route)
    values = {}
    if {"content_type_id", "object_id"} <= keys:  # the admin's "view on site" redirect
        event_type = ContentType.objects.get_for_model(Event)
        return {"content_type_id": event_type.pk, "object_id": desk.admin_objects[Event].pk}
    if "object_id" in keys:
        values["object_id"] = desk.admin_objects[model].pk
    if "id" in keys:  # a user's password form
        values["id"] = desk.admin_objects[User].pk
    if "pk" in keys:  # the claim admin's own views
        values["pk"] = desk.admin_objects[Appearance if "appearance" in route else Claim].pk
    if "app_label" in keys:
        values["app_label"] = "claims"
    if "url" in keys:
        values["url"] = "no-such-page/"
    return values


def _public_kwargs(name: str, keys: set, subject: dict) -> dict:
    kinds = ("claim", "article", "source", "event", "intake", "feed")
    kind = next(kind for kind in kinds if kind in name)
    thing = subject[kind]
    values = {}
    if "pk" in keys:
        values["pk"] = thing.pk
    if "slug" in keys:
        values["slug"] = thing.slug if kind == "event" else title_slug(str(thing))
    return values


@dataclass(frozen=True)
class Target:
    """One URL pattern, about a published thing or (for public and API detail URLs) an
    unpublished one."""

    key: str  # the expectations table's row: the URL name, or the route when unnamed
    route: str
    pattern: URLPattern
    unpublished: bool = False

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def methods(self) -> tuple[str, ...]:
        methods = ["GET", "POST"]
        if self.is_api:
            actions = getattr(self.pattern.callback, "actions", None) or {}
            methods += [m.upper() for m in API_EXTRA_METHODS if m in actions]
        return tuple(methods)

    def path(self, desk: Desk) -> str:
        keys = set(self.pattern.pattern.regex.groupindex)
        if self.route.startswith("admin/"):
            kwargs = _admin_kwargs(self.route, keys, desk)
        elif keys == {"section"}:
            kwargs = {"section": "claims"}  # a sitemap section
        elif keys:
            subject = desk.unpublished if self.unpublished else desk.published
            kwargs = _public_kwargs(self.key, keys, subject)
        else:
            kwargs = {}
        name = self.key.removesuffix(UNPUBLISHED)
        path = reverse(name, kwargs=kwargs) if name != self.route else _fill(self.route, kwargs)
        return path + QUERIES.get(name, lambda desk: "")(desk)

    def __str__(self) -> str:
        return self.key if self.key != self.route else "/" + self.route


UNPUBLISHED = " (unpublished)"


def _fill(route: str, kwargs: dict) -> str:
    """An unnamed pattern's path (the admin's per-object redirect and catch-all)."""
    for key, value in kwargs.items():
        route = re.sub(rf"<(?:\w+:)?{key}>|\(\?P<{key}>[^)]*\)", str(value), route)
    return "/" + route.replace("$", "")


def targets() -> list[Target]:
    found = []
    for route, name, pattern in walk():
        found.append(Target(name or route, route, pattern))
        keys = set(pattern.pattern.regex.groupindex)
        if not route.startswith("admin/") and keys & {"pk", "slug"}:
            found.append(Target(f"{name}{UNPUBLISHED}", route, pattern, unpublished=True))
    return found


def _two_claims(desk: Desk) -> str:
    claims = Claim.objects.filter(event=desk.published["event"]).order_by("pk")[:2]
    return "?ids=" + ",".join(str(claim.pk) for claim in claims)


# Views that act on a selection given in the query string.
QUERIES = {
    "admin:claims_claim_review_many": _two_claims,
    "admin:claims_claim_merge": _two_claims,
}
