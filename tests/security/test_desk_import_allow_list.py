"""Hole 1 of the second probe: a desk file may restore the desk's own records only.

A crafted `import_desk` file overwrote the superuser's password, created an active
superuser and added an API token. An import restores the editorial record (the models
of claims.export.DESK_MODELS) and nothing else: a file holding accounts, groups,
permissions, tokens, sessions or lock-out records is refused whole, naming what it
holds, and nothing changes. People are matched by username only; one missing gets an
inactive account that cannot sign in.
"""

import copy
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from claims import export
from claims.models import Claim, Event, Review


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", "root@example.com", "the-real-password")


@pytest.fixture
def desk_file(decided_desk, tmp_path):
    """A genuine desk export, with the desk emptied afterwards (as a fresh database)."""
    data = json.loads(json.dumps(export.desk_export(), cls=export.ExactJSONEncoder))
    # What ingestion derives beside the record (proposals, links) goes first: it points at
    # the desk's rows and is not part of a desk file.
    derived = [
        model
        for model in apps.get_app_config("claims").get_models()
        if model not in export.DESK_MODELS
    ]
    for model in derived + list(reversed(export.DESK_MODELS)):
        model.objects.all()._raw_delete(model.objects.db)
    return data


@pytest.fixture
def decided_desk(seeded, editor):
    from claims.services import review_claim

    claim = Claim.objects.order_by("pk").first()
    review_claim(claim=claim, editor=editor, status="disputed", rationale="The reports differ.")
    return claim


def _import(tmp_path, data):
    path = tmp_path / "desk.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_desk", str(path))


def _state() -> dict:
    return {
        "users": list(
            User.objects.order_by("pk").values_list(
                "pk", "username", "password", "is_active", "is_staff", "is_superuser"
            )
        ),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "group_permissions": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")
        ),
        "user_groups": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "permissions": Permission.objects.count(),
        "tokens": list(Token.objects.values_list("key", flat=True)),
        "sessions": Session.objects.count(),
        "events": Event.objects.count(),
        "claims": Claim.objects.count(),
    }


def _hostile_records(root: User) -> list[dict]:
    return [
        {  # the superuser's password replaced
            "model": "auth.user",
            "pk": root.pk,
            "fields": {
                "username": "root",
                "password": "pbkdf2_sha256$1000000$salt$attackersownhash=",
                "is_superuser": True,
                "is_staff": True,
                "is_active": True,
            },
        },
        {  # a superuser of the attacker's own
            "model": "auth.user",
            "pk": 999,
            "fields": {
                "username": "intruder",
                "password": "pbkdf2_sha256$1000000$salt$attackersownhash=",
                "is_superuser": True,
                "is_staff": True,
                "is_active": True,
            },
        },
        {
            "model": "authtoken.token",
            "pk": "f" * 40,
            "fields": {"user": root.pk, "created": "2026-01-01T00:00:00Z"},
        },
    ]


def test_a_file_with_accounts_and_tokens_is_refused_whole(root, desk_file, tmp_path):
    before = _state()
    data = copy.deepcopy(desk_file)
    data["objects"] += _hostile_records(root)
    with pytest.raises(CommandError) as refused:
        _import(tmp_path, data)
    message = str(refused.value)
    assert "auth.user" in message and "authtoken.token" in message
    assert "Nothing was imported" in message
    assert _state() == before
    assert User.objects.get(username="root").check_password("the-real-password")


@pytest.mark.parametrize(
    "record",
    [
        {"model": "auth.group", "pk": 50, "fields": {"name": "owners", "permissions": []}},
        {"model": "auth.permission", "pk": 5000, "fields": {"name": "x", "codename": "x"}},
        {"model": "sessions.session", "pk": "k" * 32, "fields": {"session_data": "x"}},
        {"model": "axes.accessattempt", "pk": 1, "fields": {"username": "root"}},
        {"model": "contenttypes.contenttype", "pk": 900, "fields": {"app_label": "x"}},
        {"model": "intake.feed", "pk": 9, "fields": {"url": "http://10.0.0.1/"}},
    ],
    ids=lambda record: record["model"],
)
def test_any_model_outside_the_desk_is_refused(root, desk_file, tmp_path, record):
    before = _state()
    data = copy.deepcopy(desk_file)
    data["objects"].append(record)
    with pytest.raises(CommandError, match=record["model"].replace(".", r"\.")):
        _import(tmp_path, data)
    assert _state() == before


def test_a_person_entry_may_carry_a_name_and_nothing_else(root, desk_file, tmp_path):
    before = _state()
    data = copy.deepcopy(desk_file)
    data["users"].append(
        {"username": "intruder", "is_superuser": True, "is_staff": True, "password": "x"}
    )
    with pytest.raises(CommandError, match="is_staff.*is_superuser|password"):
        _import(tmp_path, data)
    assert _state() == before


def test_decisions_name_people_by_username_only(root, desk_file, tmp_path):
    """An author given by account number (here the superuser's) is refused."""
    before = _state()
    data = copy.deepcopy(desk_file)
    review = next(r for r in data["objects"] if r["model"] == "claims.review")
    review["fields"]["editor"] = root.pk
    with pytest.raises(CommandError, match="username"):
        _import(tmp_path, data)
    assert _state() == before


def test_a_genuine_file_restores_the_desk_and_its_authors_cannot_sign_in(root, desk_file, tmp_path):
    User.objects.filter(username="editor").delete()  # the new database has no such account
    _import(tmp_path, desk_file)
    assert Review.objects.exists()
    author = Review.objects.get().editor
    assert author.username == "editor"
    assert not author.is_active and not author.has_usable_password()
    assert not author.is_staff and not author.is_superuser
    assert not Token.objects.exists()
    assert User.objects.get(username="root").check_password("the-real-password")


def test_an_existing_account_is_matched_by_name_and_left_as_it_is(root, desk_file, tmp_path):
    root_before = User.objects.filter(pk=root.pk).values().get()
    data = copy.deepcopy(desk_file)
    data["users"].append({"username": "root", "first_name": "Mallory", "last_name": "X"})
    _import(tmp_path, data)
    assert User.objects.filter(pk=root.pk).values().get() == root_before
