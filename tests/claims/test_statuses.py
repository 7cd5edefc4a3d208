"""claims.statuses is the one table of claim statuses: the model, the pages, the
stylesheets, the feeds, the ClaimReview markup and the API know no status it lacks,
and it lacks none of the model's."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from claims import ratings, statuses
from claims.admin import forms, workspace
from claims.api.serializers import (
    ClaimsByStatusSerializer,
    EventSummarySerializer,
    VariantDecisionSerializer,
)
from claims.models import Claim, Review
from claims.reader import feeds
from claims.reader.search import ClaimSearch
from claims.templatetags import reader

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CSS = Path(settings.BASE_DIR) / "static" / "css"
# Classes that start like a status's but name no status.
NOT_STATUSES = {"section"}
TODAYS = {"unreviewed", "verified", "disputed", "not_check_worthy"}


def _found(pattern: str, paths) -> dict[str, set[str]]:
    """Each value the pattern's first group takes, with the files it was found in."""
    found: dict[str, set[str]] = {}
    for path in paths:
        for match in re.finditer(pattern, path.read_text()):
            found.setdefault(match.group(1), set()).add(path.name)
    return found


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def _unknown(found: dict[str, set[str]]) -> dict[str, set[str]]:
    return {v: where for v, where in found.items() if v not in statuses.BY_VALUE}


@pytest.mark.parametrize("facts", statuses.STATUSES, ids=lambda facts: facts.value)
def test_each_status_facts(facts):
    """One status as the table gives it, each fact consistent with the others."""
    assert Claim.Status[facts.name] == facts.value
    assert Claim.Status(facts.value).label == facts.choice_label
    assert str(facts.label) and facts.symbol and facts.audit_word and facts.decision_label
    assert re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", facts.colour)
    assert facts.css_class == f"status-{facts.value}"
    assert facts.desk_css_class == f"fd-{facts.value}"
    assert facts.desk_group in (
        statuses.AWAITING_GROUP,
        statuses.DECIDED_GROUP,
        statuses.DISMISSED_GROUP,
    )
    # Readers see it exactly when it is in the event's account and has a count there.
    assert facts.public == (facts.reading_rank is not None) == (facts.api_name is not None)
    # A status readers see has a feed entry; a verdict has the rest of a verdict's facts.
    assert facts.public == (facts.feed_title is not None)
    verdict_facts = (
        facts.graded_feed_title,
        facts.ungraded_rating,
        facts.value_label,
        facts.evidence_stance,
    )
    if facts.verdict:
        assert facts.public and facts.desk_group == statuses.DECIDED_GROUP
        assert all(fact is not None for fact in verdict_facts)
        assert facts.ungraded_rating[1] in ratings.SCALE_ENDS
    else:
        assert all(fact is None for fact in verdict_facts)


def test_the_table_and_the_models_choices_agree():
    assert Claim.Status.values == statuses.VALUES
    assert [f.choice_label for f in statuses.STATUSES] == Claim.Status.labels
    assert Claim._meta.get_field("status").default == statuses.DEFAULT == "unreviewed"
    for field in ("from_status", "to_status"):
        assert [value for value, _ in Review._meta.get_field(field).choices] == statuses.VALUES


def test_distinct_signs_names_keys_and_order():
    """A sign, a count's name, an access key or a rank names one status only."""
    for facts_of in (
        lambda f: f.symbol,
        lambda f: str(f.label),
        lambda f: f.api_name,
        lambda f: f.button and f.button[1],
        lambda f: f.precedence,
        lambda f: f.reading_rank,
    ):
        given = [facts_of(f) for f in statuses.STATUSES if facts_of(f) is not None]
        assert len(given) == len(set(given))

    # Today's statuses keep their order among any a desk adds.
    def kept(order) -> list[str]:
        return [status for status in order if status in TODAYS]

    assert kept(statuses.READING_ORDER) == ["verified", "disputed", "unreviewed"]
    assert kept(statuses.PRECEDENCE) == ["disputed", "unreviewed", "verified"]
    assert kept(statuses.VERDICTS) == ["verified", "disputed"]
    assert kept(statuses.HIDDEN) == ["not_check_worthy"]


def test_templates_name_only_the_tables_statuses():
    templates = _templates()
    assert templates
    # status-<value> (reader badges, cards, quotes), fd-verdict-<value> (desk buttons),
    # status="<value>" (a badge included), and comparisons with a status's value.
    # Most classes are built from the value itself (status-{{ claim.status }}).
    assert any("status-{{" in path.read_text() for path in templates)
    classes = _found(r"\bstatus-([a-z_]+)\b", templates)
    classes = {v: where for v, where in classes.items() if v not in NOT_STATUSES}
    assert not _unknown(classes)
    assert not _unknown(_found(r"\bfd-verdict-([a-z_]+)\b", templates))
    badges = _found(r"\bstatus=\"([a-z_]+)\"", templates)
    assert badges and not _unknown(badges)
    compared = _found(r"claim\.status\s*[!=]=\s*\"([a-z_]+)\"", templates)
    assert "unreviewed" in compared and not _unknown(compared)
    buttons = _found(r"name=\"status\" value=\"([a-z_]+)\"", templates)
    assert buttons and not _unknown(buttons)


def _css(name: str) -> str:
    return (CSS / name).read_text()


def test_reader_stylesheet_knows_exactly_the_public_statuses():
    css = _css("public.css")
    classes = set(re.findall(r"\.status-([a-z_]+)\b", css)) - NOT_STATUSES
    public = {f.value for f in statuses.STATUSES if f.public}
    assert classes == public
    # Each public status's colours, as the table gives its text colour.
    colours = dict(re.findall(r"--([a-z_]+):\s*(#[0-9a-f]+);", css))
    backgrounds = set(re.findall(r"--([a-z_]+)-bg:", css))
    assert backgrounds == public
    for value in public:
        facts = statuses.BY_VALUE[value]
        assert colours[value] == facts.colour
        assert f".badge.{facts.css_class} " in css


def test_desk_stylesheet_knows_exactly_the_tables_statuses():
    css = _css("desk-admin.css")
    badges = dict(re.findall(r"\.fd-badge\.fd-([a-z_]+) \{ color: (#[0-9a-f]+);", css))
    assert badges == {f.value: f.colour for f in statuses.STATUSES}
    buttons = set(re.findall(r"\.fd-verdict-([a-z_]+)\b", css))
    assert buttons == set(statuses.VALUES)


def test_feeds_and_claim_review_cover_the_tables_statuses():
    public = {f.value for f in statuses.STATUSES if f.public}
    assert set(feeds.ENTRY_TITLES) == public
    assert set(feeds.GRADED_TITLES) == set(statuses.VERDICTS)
    assert set(ratings.UNGRADED) == set(statuses.VERDICTS)
    assert {grade.status for grade in ratings.GRADES.values()} <= set(statuses.VERDICTS)
    for facts in statuses.STATUSES:
        markup = ratings.review_rating(facts.value)
        if facts.verdict:
            assert markup["alternateName"] == facts.ungraded_rating[0]
            assert markup["ratingValue"] in (ratings.BEST_RATING, ratings.WORST_RATING)
        else:
            assert markup is None
    assert ratings.review_rating("verified")["ratingValue"] == ratings.BEST_RATING
    assert ratings.review_rating("disputed")["ratingValue"] == ratings.WORST_RATING


def test_reader_words_and_filters_cover_the_tables_statuses():
    assert list(reader.STATUS_LABELS) == [f.value for f in statuses.DISPLAY_ORDER]
    assert set(reader.STATUS_SYMBOLS) == set(statuses.VALUES)
    for facts in statuses.STATUSES:
        assert reader.status_label(facts.value) == facts.label
        assert reader.status_symbol(facts.value) == facts.symbol
    choices = [value for value, _ in ClaimSearch.base_filters["status"].extra["choices"]]
    assert choices == list(statuses.READING_ORDER)


def test_api_covers_the_tables_statuses():
    summary = EventSummarySerializer().fields
    for facts in statuses.ACCOUNT:
        assert summary[facts.api_name].source == f"{facts.value}_count"
    assert list(ClaimsByStatusSerializer().fields) == [f.value for f in statuses.DISPLAY_ORDER]
    choices = VariantDecisionSerializer().fields["status"].choices
    assert list(choices) == statuses.VERDICTS


def test_desk_forms_cover_the_tables_statuses():
    status_choices = [value for value, _ in forms.ReviewForm.base_fields["status"].choices]
    assert sorted(status_choices) == sorted(statuses.VALUES)
    assert [v for v, _ in forms.ReviewForm.VALUE_CHOICES if v] == statuses.VERDICTS
    assert set(forms.STANCE_OF_VERDICT) == set(statuses.VERDICTS)
    buttons = [status for status, _, _ in workspace.VERDICTS]
    assert buttons == [f.value for f in statuses.DISPLAY_ORDER if f.button]
