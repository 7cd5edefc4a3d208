"""Deployment settings, read from the environment by a fresh process as in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "k" * 20 + "production-like-key-with-enough-variety-0123456789"
HOST = "desk.example.org"


def run(code_or_args, env_overrides: dict, tmp_path) -> subprocess.CompletedProcess:
    """Run manage.py (a list of arguments) or Python code (a string) with a clean setting
    environment: none of this process's DJANGO_* or test variables leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    env.update(env_overrides)
    if isinstance(code_or_args, str):
        args = [sys.executable, "-c", code_or_args]
    else:
        args = [sys.executable, "manage.py", *code_or_args]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


PRODUCTION = {"DJANGO_SECRET_KEY": KEY, "DJANGO_ALLOWED_HOSTS": HOST}


def test_check_deploy_finds_nothing_with_the_https_switch(tmp_path):
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION, "DJANGO_HTTPS": "1"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_the_switch_check_deploy_names_what_is_missing(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in result.stderr


@pytest.mark.parametrize(
    "code",
    [["check"], "import factdesk.wsgi"],  # the app gunicorn would serve
)
def test_the_app_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path, code):
    result = run(code, {"DJANGO_ALLOWED_HOSTS": HOST}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr


def test_development_runs_without_a_key_when_debug_is_on(tmp_path):
    result = run(["check"], {"DJANGO_DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr


# Requests through the whole middleware stack in a process started with the switch on.
PROBE = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "factdesk.settings"
import django
django.setup()
from django.conf import settings
# As in the suite's conftest: pages render without collectstatic's manifest.
storage = "django.contrib.staticfiles.storage.StaticFilesStorage"
settings.STORAGES["staticfiles"]["BACKEND"] = storage
from django.test import Client
client = Client(HTTP_HOST="desk.example.org")
plain = client.get("/admin/login/")
proxied = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
cookie = proxied.cookies["csrftoken"]
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "proxied": proxied.status_code,
    "hsts": proxied.get("Strict-Transport-Security"),
    "csrf_cookie_secure": bool(cookie["secure"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
}))
"""


def probe(tmp_path, **extra) -> dict:
    result = run(PROBE, {**PRODUCTION, "DJANGO_HTTPS": "1", **extra}, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_https_switch_redirects_plain_http_and_sends_hsts_through_the_proxy(tmp_path):
    seen = probe(tmp_path)
    assert seen["plain"] == [301, f"https://{HOST}/admin/login/"]
    assert seen["proxied"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["csrf_cookie_secure"] is True
    assert seen["session_cookie_secure"] is True


def test_hsts_lifetime_subdomains_and_preload_can_be_changed(tmp_path):
    seen = probe(
        tmp_path,
        DJANGO_HSTS_SECONDS="3600",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="0",
        DJANGO_HSTS_PRELOAD="0",
    )
    assert seen["hsts"] == "max-age=3600"


def test_without_the_switch_nothing_forces_https(tmp_path):
    result = run(PROBE, PRODUCTION, tmp_path)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [200, None]
    assert seen["hsts"] is None
    assert seen["csrf_cookie_secure"] is False
