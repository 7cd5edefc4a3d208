"""Hole 5: one size limit, in bytes of UTF-8, for every way an article comes in.

The admin paste had no limit at all, and the API counted 2,000,000 characters whatever
FACTDESK_MAX_ARTICLE_BYTES said, so 2.4 MB of "é" got in.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from articles.models import Article
from articles.reading import IngestError
from claims.models import Event
from claims.pipeline import ingest_article

HEADLINE = "Ministers meet in Busan\n\n"


def _accented(n_bytes: int) -> str:
    """A text of about n_bytes in UTF-8 and half as many characters."""
    return HEADLINE + "é" * (n_bytes // 2)


@pytest.fixture
def api(contributor):
    client = APIClient()
    client.force_authenticate(contributor)
    return client


@pytest.mark.django_db
def test_api_refuses_2_4_mb_of_accented_text_naming_the_byte_limit(api):
    text = _accented(2_400_000)
    assert len(text) < 2_000_000 < len(text.encode())
    response = api.post("/api/v1/articles/", {"text": text}, format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "2,400,0" in detail and "bytes" in detail and "2,000,000 byte limit" in detail
    assert not Article.objects.exists() and not Event.objects.exists()


@pytest.mark.django_db
def test_api_limit_follows_the_setting_in_bytes(api, settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 5_000
    response = api.post("/api/v1/articles/", {"text": _accented(6_000)}, format="json")
    assert response.status_code == 400
    assert "over the 5,000 byte limit" in response.json()["detail"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_paste_over_the_limit_is_refused(client, contributor, settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 5_000
    client.force_login(contributor)
    text = _accented(6_000)
    assert len(text) < 5_000  # over the limit in bytes only
    response = client.post("/admin/articles/article/add/", {"text": text})
    assert response.status_code == 200
    assert "over the 5,000 byte limit" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_upload_over_the_limit_is_refused(client, contributor, settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 5_000
    client.force_login(contributor)
    upload = SimpleUploadedFile("big.txt", _accented(6_000).encode())
    response = client.post("/admin/articles/article/add/", {"file": upload})
    assert response.status_code == 200
    assert "big.txt: file is 6,0" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_service_counts_bytes_not_characters(settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 5_000
    with pytest.raises(IngestError, match="over the 5,000 byte limit"):
        ingest_article(text="上海" * 1_000)  # 2,000 characters, 6,000 bytes


def _settings_with(limit: int) -> dict:
    """The upload settings a fresh process derives from FACTDESK_MAX_ARTICLE_BYTES."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({k: getattr(settings, k) for k in ("
        "'FACTDESK_MAX_ARTICLE_BYTES', 'DATA_UPLOAD_MAX_MEMORY_SIZE', "
        "'FILE_UPLOAD_MAX_MEMORY_SIZE')}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factdesk.settings",
        "FACTDESK_MAX_ARTICLE_BYTES": str(limit),
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("limit", [500_000, 5_000_000])
def test_request_body_cap_follows_the_article_limit(limit):
    derived = _settings_with(limit)
    assert derived["FACTDESK_MAX_ARTICLE_BYTES"] == limit
    # Any article within the limit fits, even with every character escaped in JSON ...
    assert derived["DATA_UPLOAD_MAX_MEMORY_SIZE"] >= 3 * limit
    # ... and a body much larger is refused before it is read.
    assert derived["DATA_UPLOAD_MAX_MEMORY_SIZE"] <= 3 * limit + 1_000_000
    assert derived["FILE_UPLOAD_MAX_MEMORY_SIZE"] == limit
