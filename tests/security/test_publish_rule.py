"""Hole 2: only someone who may publish puts an article before readers.

The rule (docs/editorial-desk.md): an article that a contributor adds to an event
that is already published is held for review, hidden from readers and not yet lined up
with the event's claims, until an editor releases it; only editors move an article to
another event. The operator's `manage.py ingest` is trusted like an editor.
"""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article, Source
from claims.models import Appearance, Claim, Event
from claims.pipeline import correct_article, ingest_article, release_articles
from claims.reader.sitemaps import article_path, event_path, source_path
from claims.services import set_event_published
from tests.intake import conftest as intake_site

BUSAN_SLUG = "10th-china-japan-rok-foreign-ministers-meeting"
HEADLINE = "Three ministers in Busan agree to meet their leaders soon"


@pytest.fixture
def busan(seeded, editor) -> Event:
    """The Busan meeting published by an editor; the forum event stays unpublished."""
    event = Event.objects.get(slug=BUSAN_SLUG)
    set_event_published(event=event, editor=editor, published=True)
    return event


@pytest.fixture
def new_busan_report(seeds_dir) -> str:
    """A report of the Busan meeting the desk has not seen: it joins the published event."""
    text = (seeds_dir / "003_98a10de63b462da8.txt").read_text(encoding="utf-8")
    _, rest = text.split("\n", 1)
    return f"{HEADLINE}\n{rest}".replace("big data", "big data, quantum computing")


def _api(user=None) -> APIClient:
    api = APIClient()
    if user:
        api.force_authenticate(user)
    return api


def _readers_see(client, article: Article) -> bool:
    """Whether an anonymous reader gets the article, on its page and through the API."""
    client.logout()
    page = client.get(article_path(article)).status_code
    api = _api().get(f"/api/v1/articles/{article.pk}/").status_code
    assert page == api, (page, api)
    return page == 200


def _event_page(client, event) -> str:
    client.logout()
    return client.get(event_path(event)).content.decode()


# --- a contributor's new article in a published event waits for an editor -------------


def test_contributor_api_article_in_a_published_event_is_held(
    client, contributor, busan, new_busan_report
):
    claims_before = Claim.objects.filter(event=busan).count()
    response = _api(contributor).post(
        "/api/v1/articles/",
        {"text": new_busan_report, "source": "Held Outlet"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["held_for_review"] is True
    article = Article.objects.get(pk=response.json()["id"])
    assert article.event == busan
    assert not _readers_see(client, article)
    assert HEADLINE not in _event_page(client, busan)
    assert "Held Outlet" not in _event_page(client, busan)
    listed = _api().get("/api/v1/articles/?page_size=100").json()["results"]
    assert article.pk not in [a["id"] for a in listed]
    sources = _api().get("/api/v1/sources/?page_size=100").json()["results"]
    assert "Held Outlet" not in [s["name"] for s in sources]
    source = Source.objects.get(name="Held Outlet")
    assert client.get(source_path(source)).status_code == 404
    # Its sentences are not yet claims of the public account.
    assert not Appearance.objects.filter(article=article).exists()
    assert Claim.objects.filter(event=busan).count() == claims_before


def test_contributor_admin_article_in_a_published_event_is_held(
    client, contributor, busan, new_busan_report
):
    client.force_login(contributor)
    response = client.post("/admin/articles/article/add/", {"text": new_busan_report}, follow=True)
    assert "held for review" in response.content.decode()
    article = Article.objects.get(title=HEADLINE)
    assert article.held_for_review
    assert not _readers_see(client, article)


def test_editor_article_in_a_published_event_is_public_at_once(
    client, editor, busan, new_busan_report
):
    response = _api(editor).post("/api/v1/articles/", {"text": new_busan_report}, format="json")
    assert response.status_code == 201
    assert response.json()["held_for_review"] is False
    article = Article.objects.get(pk=response.json()["id"])
    assert _readers_see(client, article)
    assert HEADLINE in _event_page(client, busan)


def test_ingest_command_is_trusted(client, busan, new_busan_report, tmp_path):
    (tmp_path / "new.txt").write_text(new_busan_report, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=StringIO())
    article = Article.objects.get(title=HEADLINE)
    assert not article.held_for_review
    assert _readers_see(client, article)


def test_contributor_article_in_an_unpublished_event_is_not_held(
    seeded, contributor, new_busan_report
):
    result = ingest_article(text=new_busan_report, added_by=contributor)
    assert not result.article.held_for_review
    assert result.article.appearances.exists()


# --- an editor releases it ---------------------------------------------------------


def test_editor_releases_a_held_article_and_its_claims_join_the_account(
    client, contributor, editor, busan, new_busan_report
):
    article = ingest_article(text=new_busan_report, added_by=contributor).article
    articles_before = busan.articles.published().count()
    changelist = reverse("admin:articles_article_changelist")
    client.force_login(editor)
    # The admin lists what waits for an editor under its own filter.
    assert HEADLINE in client.get(changelist, {"held_for_review__exact": "1"}).content.decode()
    assert HEADLINE not in client.get(changelist, {"held_for_review__exact": "0"}).content.decode()
    client.post(changelist, {"action": "release_to_readers", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert not article.held_for_review
    assert article.appearances.exists()
    assert busan.articles.published().count() == articles_before + 1
    assert _readers_see(client, article)
    assert HEADLINE in _event_page(client, busan)


def test_contributor_cannot_release_a_held_article(client, contributor, busan, new_busan_report):
    article = ingest_article(text=new_busan_report, added_by=contributor).article
    client.force_login(contributor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "release_to_readers", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.held_for_review
    with pytest.raises(PermissionDenied):
        release_articles(articles=[article], editor=contributor)
    article.refresh_from_db()
    assert article.held_for_review and not _readers_see(client, article)


# --- moving an article between events ------------------------------------------------


def _change_form(article, **changes) -> dict:
    data = {
        "title": article.title,
        "source": article.source_id or "",
        "event": article.event_id,
        "author": article.author,
        "url": article.url,
        "published_on": article.published_on or "",
        "date_precision": article.date_precision,
        "language": article.language,
        "appearances-TOTAL_FORMS": 0,
        "appearances-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_contributor_cannot_move_an_article_into_a_published_event(
    client, contributor, busan, seeded
):
    article = seeded["004"]  # the forum report, unpublished
    assert not _readers_see(client, article)
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, _change_form(article, event=busan.pk))
    article.refresh_from_db()
    assert article.event != busan
    assert not _readers_see(client, article)
    with pytest.raises(PermissionDenied, match="Only an editor"):
        article.event = busan
        correct_article(article=article, editor=contributor, changed=["event"])
    assert Article.objects.get(pk=article.pk).event != busan


def test_contributor_still_fixes_an_article_in_its_event(client, contributor, busan, seeded):
    article = seeded["004"]
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, _change_form(article, author="Jane Doe"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.author == "Jane Doe"


def test_editor_moves_an_article_into_a_published_event(client, editor, busan, seeded):
    article = seeded["004"]
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, _change_form(article, event=busan.pk)).status_code == 302
    article.refresh_from_db()
    assert article.event == busan
    assert _readers_see(client, article)


# --- every way in (the second probe): nobody but an editor publishes -------------------
#
# Feed items were ingested with no user, and "no user" meant the trusted operator: three
# hostile feed articles joined a published event and were public at once. A contributor
# retitled a public article and it was live at once. Each row: how the article came in,
# and whether readers see it at once (True) or it waits for an editor (False).


def _page_site(site, text: str) -> str:
    template = (intake_site.PAGES / "article.html").read_text()
    title, rest = text.split("\n", 1)
    body = "\n".join(f"<p>{line.strip()}</p>" for line in rest.splitlines() if line.strip())
    html = template.replace("{{title}}", title).replace("{{body}}", body)
    return site.page("/news/new-report", html.encode())


def _by_feed(site, text, users):
    from intake.feeds import add_feed, poll_feed

    url = _page_site(site, text)
    feed_xml = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>x</title><link>{url}</link><guid>{url}</guid></item>"
        "</channel></rss>"
    ).encode()
    feed = add_feed(url=site.page("/feed.xml", feed_xml, content_type="application/rss+xml"))
    assert poll_feed(feed) == "1 new item(s), 0 failed"


def _by_url_job(user_role):
    def way_in(site, text, users):
        from intake.models import IntakeJob
        from intake.services import run_job

        job = IntakeJob.objects.create(
            kind=IntakeJob.Kind.URL, url=_page_site(site, text), added_by=users.get(user_role)
        )
        assert run_job(job.pk) == IntakeJob.Status.DONE, IntakeJob.objects.get(pk=job.pk).error

    return way_in


def _by_text_job(site, text, users):
    from intake.models import IntakeJob
    from intake.services import run_job

    job = IntakeJob.objects.create(kind=IntakeJob.Kind.TEXT, text=text)
    assert run_job(job.pk) == IntakeJob.Status.DONE


def _by_api(user_role):
    def way_in(site, text, users):
        response = _api(users[user_role]).post("/api/v1/articles/", {"text": text}, format="json")
        assert response.status_code == 201

    return way_in


def _by_ingest_article_without_a_user(site, text, users):
    ingest_article(text=text)


def _by_ingest_command_url(site, text, users):
    call_command("ingest", _page_site(site, text), stdout=StringIO())


WAYS_IN = {
    "API, contributor": (_by_api("contributor"), False),
    "API, editor": (_by_api("editor"), True),
    "feed poll (no user)": (_by_feed, False),
    "URL job, no user": (_by_url_job(None), False),
    "URL job, contributor": (_by_url_job("contributor"), False),
    "URL job, editor": (_by_url_job("editor"), True),
    "text job, no user": (_by_text_job, False),
    "ingest_article, no user": (_by_ingest_article_without_a_user, False),
    "ingest command, a URL (the operator)": (_by_ingest_command_url, True),
}


site = intake_site.site  # a small web site on 127.0.0.1, as the intake tests use


@pytest.mark.parametrize(("way_in", "public"), WAYS_IN.values(), ids=WAYS_IN.keys())
def test_every_way_into_a_published_event(
    client, site, busan, new_busan_report, contributor, editor, way_in, public
):
    way_in(site, new_busan_report, {"contributor": contributor, "editor": editor, None: None})
    article = Article.objects.get(title=HEADLINE)
    assert article.event == busan
    assert article.held_for_review is not public
    assert _readers_see(client, article) is public
    assert (HEADLINE in _event_page(client, busan)) is public


# --- a contributor cannot change an article readers see ------------------------------


def test_contributor_cannot_retitle_a_public_article(client, contributor, busan):
    article = busan.articles.published().order_by("pk").first()
    title = article.title
    client.force_login(contributor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, _change_form(article, title='=HYPERLINK("http://x.example")'))
    article.refresh_from_db()
    assert article.title == title
    assert title in _event_page(client, busan)
    with pytest.raises(PermissionDenied, match="Only an editor"):
        article.title = "Retitled"
        correct_article(article=article, editor=contributor, changed=["title"])
    assert Article.objects.get(pk=article.pk).title == title


def test_editor_retitles_a_public_article(client, editor, busan):
    article = busan.articles.published().order_by("pk").first()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, _change_form(article, title="A better headline")).status_code == 302
    article.refresh_from_db()
    assert article.title == "A better headline"
    assert "A better headline" in _event_page(client, busan)
