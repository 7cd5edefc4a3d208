"""The claims API's serializers: what events, claims and reviews look like as JSON."""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article
from factdesk.filters import MAX_ID

from .. import audit, citations, selectors, statuses
from ..models import Appearance, AuditEntry, Claim, Event, Evidence, Review
from ..ratings import Rating
from ..text.variants import KINDS as VARIANT_KINDS

# Lists inside one object are capped; each cap comes with the URL of the whole list.
EVENT_CLAIMS = 100  # per status, in an event's detail
CLAIM_APPEARANCES = 20  # in a claim's detail; /claims/{id}/appearances/ pages through all

# An event's count of claims in each status of its account, named as the table says
# (awaiting_review: the unreviewed), in reading order.
StatusCountsSerializer = type(
    "StatusCountsSerializer",
    (serializers.Serializer,),
    {
        facts.api_name: serializers.IntegerField(source=f"{facts.value}_count", read_only=True)
        for facts in statuses.ACCOUNT
    },
)


class EventSummarySerializer(StatusCountsSerializer, serializers.ModelSerializer):
    articles = serializers.IntegerField(source="article_count", read_only=True)
    sources = serializers.IntegerField(
        source="source_count",
        read_only=True,
        help_text="Outlets of its articles; an unidentified outlet counts once per article.",
    )

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "place",
            "starts_on",
            "ends_on",
            "is_published",
            "articles",
            "sources",
            *(facts.api_name for facts in statuses.ACCOUNT),
        ]


class VariantSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=VARIANT_KINDS)
    values = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Each differing value and the ids of the articles that give it.",
    )


class VariantDecisionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=VARIANT_KINDS)
    value = serializers.CharField(max_length=500, help_text="As `variants` names it.")
    status = serializers.ChoiceField(
        choices=statuses.VERDICTS,
        help_text="The editor's decision on this value.",
    )


class ClaimSummarySerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    variants = VariantSerializer(many=True, read_only=True)
    variant_decisions = VariantDecisionSerializer(
        many=True,
        read_only=True,
        help_text="Where the reports differ, the decision on each value (empty otherwise, "
        "or when the claim was decided as a whole).",
    )

    # Declared, not derived: a read-only model field loses allow_blank, and the schema
    # would then promise a grade on claims that have none ("").
    rating = serializers.ChoiceField(
        choices=Rating.choices,
        allow_blank=True,
        read_only=True,
        help_text="The grade of the verdict; empty when the claim has none.",
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "event",
            "text",
            "status",
            "rating",
            "rationale",
            "source_count",
            "independent_source_count",
            "has_variants",
            "variants",
            "variant_decisions",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class OutletClaimSerializer(ClaimSummarySerializer):
    outlets = serializers.SerializerMethodField()

    class Meta(ClaimSummarySerializer.Meta):
        fields = [*ClaimSummarySerializer.Meta.fields, "outlets"]
        read_only_fields = fields

    def get_outlets(self, claim) -> list[str]:
        return claim.outlet_labels  # set by outlet_labels(), one query for all the claims


def outlet_labels(claims) -> None:
    """Give each claim its outlets' names, sorted: one query, one row per claim and outlet.

    An unidentified outlet counts once per article, as everywhere (Article.source_label).
    """
    by_claim: dict[int, set[str]] = {claim.pk: set() for claim in claims}
    rows = (
        Appearance.objects.filter(claim__in=list(by_claim))
        .values_list(
            "claim_id", "article__source__name", "article_id", "article__url", "article__title"
        )
        .order_by()
        .distinct()  # one row per claim and article, not per report
    )
    for claim_id, source_name, article_id, url, title in rows:
        unidentified = Article(pk=article_id, url=url, title=title)
        label = source_name or unidentified.source_label
        by_claim[claim_id].add(label)
    for claim in claims:
        claim.outlet_labels = sorted(by_claim[claim.pk])


# The schema of an event's claims by status: one list per status, keyed by its value.
ClaimsByStatusSerializer = type(
    "ClaimsByStatusSerializer",
    (serializers.Serializer,),
    {
        facts.value: OutletClaimSerializer(
            many=True,
            **(
                {}
                if facts.public
                else {"help_text": "Dismissed claims: listed to desk members only."}
            ),
        )
        for facts in statuses.DISPLAY_ORDER
    },
)


class EventDetailSerializer(EventSummarySerializer):
    claims = serializers.SerializerMethodField(
        help_text=f"The {EVENT_CLAIMS} claims of each status reported by most outlets; "
        "`claims_url` lists them all."
    )
    claims_url = serializers.SerializerMethodField()

    class Meta(EventSummarySerializer.Meta):
        fields = [*EventSummarySerializer.Meta.fields, "claims", "claims_url"]

    def get_claims_url(self, event) -> str:
        return f"{reverse('claim-list')}?{urlencode({'event': event.slug})}"

    @extend_schema_field(ClaimsByStatusSerializer)
    def get_claims(self, event):
        grouped = selectors.by_status(event.active_claims)
        return {k: OutletClaimSerializer(v, many=True).data for k, v in grouped.items()}


class AppearanceSerializer(serializers.ModelSerializer):
    article = serializers.IntegerField(source="article_id")
    article_title = serializers.CharField(source="article.title")
    article_url = serializers.URLField(source="article.url_or_none", allow_null=True)
    source = serializers.CharField(source="article.source_label")
    published_on = serializers.DateField(source="article.published_on", allow_null=True)
    language = serializers.CharField(
        source="article.language", help_text="The report's language (BCP 47: en, ja, zh-Hant…)."
    )

    class Meta:
        model = Appearance
        fields = [
            "article",
            "article_title",
            "article_url",
            "source",
            "published_on",
            "language",
            "quote",
            "start",
            "end",
        ]


class EvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000)
    title = serializers.CharField(max_length=300)
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)


class PublicReviewSerializer(serializers.ModelSerializer):
    """What readers may know of a decision: when, from, to, why and on which reports (not
    who)."""

    cited_reports = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text="Ids of the articles the decision rests on (ticked, named or quoted).",
    )

    class Meta:
        model = Review
        fields = ["created_at", "from_status", "to_status", "rationale", "cited_reports"]


class HistorySerializer(serializers.ModelSerializer):
    """One entry of a claim's audit log, as readers see it."""

    by = serializers.SerializerMethodField(help_text="The editor's full name, or “an editor”.")
    claim = serializers.IntegerField(source="claim_id", read_only=True, allow_null=True)
    other_claim = serializers.IntegerField(source="other_claim_id", read_only=True, allow_null=True)

    class Meta:
        model = AuditEntry
        fields = ["created_at", "action", "by", "claim", "other_claim", "summary", "reason", "data"]

    def get_by(self, entry) -> str:
        return audit.public_name(entry.actor)


class LinkedClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()
    language = serializers.CharField(help_text="The language of its first report.")


class ClaimDetailSerializer(ClaimSummarySerializer):
    appearances = AppearanceSerializer(
        many=True,
        read_only=True,
        source="first_appearances",
        help_text=f"The first {CLAIM_APPEARANCES} reports; `appearances_url` pages through all.",
    )
    appearance_count = serializers.SerializerMethodField()
    appearances_url = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)
    reviews = PublicReviewSerializer(many=True, read_only=True)
    history = serializers.SerializerMethodField()
    same_claim_in_other_languages = serializers.SerializerMethodField()

    class Meta(ClaimSummarySerializer.Meta):
        fields = [
            *ClaimSummarySerializer.Meta.fields,
            "appearances",
            "appearance_count",
            "appearances_url",
            "evidence",
            "reviews",
            "history",
            "same_claim_in_other_languages",
        ]
        read_only_fields = fields

    def get_appearance_count(self, claim) -> int:
        return claim.appearances.count()

    def get_appearances_url(self, claim) -> str:
        return reverse("claim-appearances", args=[claim.pk])

    @extend_schema_field(LinkedClaimSerializer(many=True))
    def get_same_claim_in_other_languages(self, claim):
        """The claims linked to this one across languages (not those only proposed)."""
        request = self.context.get("request")
        linked = selectors.linked_claims(claim, selectors.visible_claims(request.user))
        return LinkedClaimSerializer(linked, many=True).data

    @extend_schema_field(HistorySerializer(many=True))
    def get_history(self, claim):
        """Decisions, wording changes, merges into it and splits, oldest first."""
        return HistorySerializer(selectors.claim_history(claim), many=True).data


class ReviewRequestSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Claim.Status.choices,
        help_text="`not_check_worthy` dismisses the claim (off the queue and the reader "
        "site) without a verdict.",
    )
    rating = serializers.ChoiceField(
        choices=Rating.choices,
        required=False,
        allow_blank=True,
        help_text="A grade refining the verdict (true and mostly_true with verified; "
        "mixed, mostly_false, false and unverifiable with disputed); ClaimReview's rating.",
    )
    rationale = serializers.CharField(
        max_length=5000,
        error_messages={"blank": "A rationale is required: say why, for readers."},
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The version you loaded; a newer one gives 409.",
    )
    evidence = EvidenceSerializer(many=True, required=False)
    cited_reports = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=100,
        help_text="Ids of the event's articles the decision rests on (a claim's "
        "`appearances[].article`). A verified or disputed decision needs one, or an "
        "`evidence` link, or a report's words quoted in the rationale (in quotation marks, "
        f"at least {citations.MIN_QUOTED_CHARS} characters).",
    )
    variants = VariantDecisionSerializer(
        many=True,
        required=False,
        help_text="When the claim's reports differ: a decision on every differing value. "
        "Required to verify such a claim; optional to dispute it.",
    )


class WordingRequestSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class MergeRequestSerializer(serializers.Serializer):
    target = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    others = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1
    )
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True)
