import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import settings

# Read by settings at start-up: fuzzing the API must not be cut short by throttling.
os.environ.setdefault("API_THROTTLE_ANON", "100000/minute")
os.environ.setdefault("API_THROTTLE_USER", "100000/minute")

# Under CI every run tries the same examples (drawn from a seed made of each test), so a
# red build is the code's doing, never the draw's: a failure is found by a local run,
# which draws afresh. Loaded here, before the test modules build their settings on it.
# Derandomized runs need no example database (Hypothesis refuses one with them).
if os.environ.get("CI"):
    settings.register_profile(
        "factdesk-ci", settings.get_profile("ci"), derandomize=True, database=None
    )
    settings.load_profile("factdesk-ci")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seeded(db):
    """The five seed articles ingested, as `make run` does."""
    call_command("ingest", str(SEEDS), stdout=StringIO())
    from articles.models import Article

    return {article.file_name[:3]: article for article in Article.objects.all()}


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests render pages without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttle counters live in the process's memory on the embedded default: each test
    starts with none, as the database-backed caches do (their rows roll back)."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["throttle"], LocMemCache):  # never someone's Redis
        caches["throttle"].clear()


def _member(username: str, group: str | None, **extra):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@example.com", "pw", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


@pytest.fixture
def editor(db):
    return _member("editor", "editor", is_staff=True)


@pytest.fixture
def other_editor(db):
    return _member("second_editor", "editor", is_staff=True)


@pytest.fixture
def contributor(db):
    return _member("contributor", "contributor", is_staff=True)


@pytest.fixture
def reader(db):
    return _member("reader", None)


@pytest.fixture
def luna_claim(seeded):
    from claims.models import Claim

    return Claim.objects.get(appearances__quote__contains="LUNA")
