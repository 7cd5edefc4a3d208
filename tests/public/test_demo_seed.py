"""The demo desk that `make run` starts: published events and a few labelled decisions."""

import json
import re
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from articles.management.commands.seed_demo import DEMO_USERNAME
from claims.models import Claim, Event, Review
from claims.services import assign_claims

from .conftest import claim_quoting, page


def test_demo_publishes_the_seed_events_and_records_labelled_decisions(db):
    call_command("seed_demo", stdout=StringIO())
    assert set(Event.objects.values_list("is_published", flat=True)) == {True}
    assert claim_quoting("Japan-China-Korea FTA").status == "verified"
    assert claim_quoting("The parties agreed to facilitate").status == "verified"
    assert claim_quoting("In a landmark development").status == "disputed"
    reviews = Review.objects.select_related("editor")
    assert reviews.count() == 3
    for review in reviews:
        assert review.editor.username == DEMO_USERNAME
        assert review.rationale.startswith("[Demo] ")
    # The admin walkthrough (tests/browser) disputes LUNA/LUNC itself: left for the editor.
    assert claim_quoting("LUNA cryptoasset").status == "unreviewed"


def test_every_quote_in_a_demo_rationale_is_in_the_seed_articles():
    demo = json.loads((settings.BASE_DIR / "seeds" / "demo_decisions.json").read_text())
    seeds = " ".join(
        " ".join(path.read_text(encoding="utf-8").split())
        for path in (settings.BASE_DIR / "seeds").glob("*.txt")
    )
    quoted = [
        part.strip()
        for decision in demo["decisions"]
        for quote in re.findall(r'"([^"]+)"', decision["rationale"])
        for part in quote.split("...")
    ]
    assert len(quoted) >= 5
    assert [q for q in quoted if q not in seeds] == []


def test_running_the_demo_twice_changes_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    before = list(Claim.objects.values_list("pk", "status", "version"))
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert list(Claim.objects.values_list("pk", "status", "version")) == before
    assert Review.objects.count() == 3
    assert "0 recorded" in out.getvalue()


def test_demo_file_says_it_is_demo_data():
    demo = json.loads((settings.BASE_DIR / "seeds" / "demo_decisions.json").read_text())
    assert demo["demo"] is True
    assert "DEMO DATA" in demo["about"]
    assert all(d["rationale"].startswith("[Demo] ") for d in demo["decisions"])


def test_demo_home_shows_verified_disputed_and_awaiting_claims(client, db):
    call_command("seed_demo", stdout=StringIO())
    tree = page(client.get(reverse("public:home")))
    counts = tree.xpath("//li[@class='event-card'][1]//dl[@class='counts']//dd/text()")
    articles, sources, verified, disputed, awaiting = map(int, counts)
    assert (verified, disputed) == (2, 1) and awaiting > 0


def test_demo_editor_gets_assignment_mail(db, mailoutbox, django_capture_on_commit_callbacks):
    """An editor assigning a claim to the demo editor sees the notice in the console."""
    call_command("seed_demo", stdout=StringIO())
    demo_editor = get_user_model().objects.get(username=DEMO_USERNAME)
    chief = get_user_model().objects.create_user("chief", is_staff=True, is_superuser=True)
    awaiting = list(Claim.objects.filter(status="unreviewed")[:1])
    with django_capture_on_commit_callbacks(execute=True):
        assign_claims(claims=awaiting, assignee=demo_editor, editor=chief)
    assert [mail.to for mail in mailoutbox] == [[demo_editor.email]]
