"""The claims part of the JSON API: events, claims, reviews. Views stay thin: services decide."""

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from articles.models import Article
from factdesk.api import error_response
from factdesk.filters import MAX_ID
from factdesk.page_cache import CachedReadsMixin

from . import audit, citations, export, selectors, services, statuses
from .api_filters import ClaimFilter, EventFilter
from .jsonld import ARTICLES_LISTED, claim_review, load_reports
from .models import Appearance, AuditEntry, Claim, Event, Review
from .ratings import Rating


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    errors = serializers.DictField()


ERROR_TEXT = {
    400: "Invalid input or filter value.",
    401: "Authentication required.",
    403: "Your role may not do this.",
    404: "Not found, or not published.",
    409: "The claim changed since you loaded it.",
    429: "Too many requests.",
}


def errors(*codes: int) -> dict:
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code]) for code in codes}


# Lists inside one object are capped; each cap comes with the URL of the whole list.
EVENT_CLAIMS = 100  # per status, in an event's detail
CLAIM_APPEARANCES = 20  # in a claim's detail; /claims/{id}/appearances/ pages through all

# Ids past the 64-bit range can't exist; the URL doesn't match, so they are a plain 404.
ID_PATTERN = "[0-9]{1,18}"
READ_ERRORS = errors(400, 401, 403, 404, 429)
WRITE_ERRORS = errors(400, 401, 403, 404, 429)


def has_perm(perm: str):
    class HasPermission(permissions.BasePermission):
        """Authenticated (else 401) and holding the permission (else 403)."""

        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated and user.has_perm(perm))

    return HasPermission


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
    kind = serializers.ChoiceField(choices=["number", "date", "code", "stance"])
    values = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Each differing value and the ids of the articles that give it.",
    )


class VariantDecisionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["number", "date", "code", "stance"])
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
    stance = serializers.ChoiceField(choices=["supports", "refutes"])


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


class CSVRenderer(renderers.BaseRenderer):
    """text/csv for the event export; anything else (an error) is written as JSON."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str):
            return data.encode(self.charset)
        return renderers.JSONRenderer().render(data)


class EventViewSet(CachedReadsMixin, viewsets.ReadOnlyModelViewSet):
    """Events and, for one event, its consolidated account."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    ordering_fields = ["starts_on", "title", "created_at"]
    ordering = ["-starts_on", "-id"]
    filterset_class = EventFilter

    def get_queryset(self):
        return selectors.visible_events(self.request.user).with_counts()

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSummarySerializer

    def get_object(self):
        event = super().get_object()
        # The same claims, in the same order, as the event page (for desk members, also
        # those of unpublished events): the first EVENT_CLAIMS of each status, without
        # their reports; `claims_url` lists them all, paginated.
        claims = selectors.event_claims(
            event, selectors.visible_claims(self.request.user)
        ).prefetch_related(None)
        event.active_claims = [
            claim
            for status in Claim.Status.values
            for claim in claims.filter(status=status)[:EVENT_CLAIMS]
        ]
        outlet_labels(event.active_claims)
        return event

    @extend_schema(responses={200: EventSummarySerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        description="The event's claims with their decisions, reports and evidence: "
        "`?format=json` (default) or `?format=csv` (one row per report). The same claims, "
        "in the same order, as the event page (desk members also see unpublished work).",
    )
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, CSVRenderer])
    def export(self, request, slug=None):
        event = super().get_object()
        data = export.event_export(event, selectors.visible_claims(request.user))
        if request.accepted_renderer.format == "csv":
            response = Response(export.events_csv([data]))
            response["Content-Disposition"] = f'attachment; filename="{event.slug}.csv"'
            return response
        return Response(data)

    @extend_schema(responses={200: EventDetailSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class ClaimViewSet(
    CachedReadsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Claims with their reports; editors review and merge, contributors fix wording."""

    filterset_class = ClaimFilter
    lookup_value_regex = ID_PATTERN
    ordering_fields = ["source_count", "independent_source_count", "updated_at", "id"]
    ordering = ["-source_count", "id"]

    def get_queryset(self):
        claims = selectors.visible_claims(self.request.user).select_related("event")
        if self.action in {"list"}:
            return claims
        return claims.prefetch_related(
            Prefetch(
                "appearances",
                queryset=selectors.claim_reports()[:CLAIM_APPEARANCES],
                to_attr="first_appearances",
            ),
            "evidence",
            Prefetch("reviews", queryset=Review.objects.order_by("-created_at", "-id")),
        )

    def get_serializer_class(self):
        return ClaimSummarySerializer if self.action == "list" else ClaimDetailSerializer

    @extend_schema(responses={200: AppearanceSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], filter_backends=[])
    def appearances(self, request, pk=None):
        """Every report of the claim, a page at a time, in the order of the claim's page."""
        claim = self.get_object()
        page = self.paginate_queryset(selectors.claim_reports().filter(claim=claim))
        return self.get_paginated_response(AppearanceSerializer(page, many=True).data)

    def get_permissions(self):
        needed = {
            "review": "claims.review_claim",
            "merge": "claims.merge_claim",
            "partial_update": "claims.change_claim",
        }.get(self.action)
        return [has_perm(needed)()] if needed else super().get_permissions()

    @extend_schema(responses={200: ClaimSummarySerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: ClaimDetailSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=WordingRequestSerializer,
        responses={200: ClaimDetailSerializer, **WRITE_ERRORS, **errors(409)},
    )
    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        # A PATCH names only what changes: without "text" there is nothing to change.
        body = WordingRequestSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        if "text" in body.validated_data:
            services.edit_claim_wording(
                claim=claim,
                editor=request.user,
                text=body.validated_data["text"],
                expected_version=body.validated_data.get("version"),
                reason=body.validated_data.get("reason", ""),
            )
        return Response(
            ClaimDetailSerializer(self.get_object(), context=self.get_serializer_context()).data
        )

    @extend_schema(
        request=ReviewRequestSerializer,
        responses={201: ClaimDetailSerializer, **WRITE_ERRORS, **errors(409)},
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Verify, dispute or reopen the claim, with a public rationale.

        A claim whose reports differ (`has_variants`) is verified only with `variants`, a
        decision on each differing value; an outlet's track record then counts the
        decision on the value it reported.
        """
        claim = self.get_object()
        body = ReviewRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.review_claim(
            claim=claim,
            editor=request.user,
            status=body.validated_data["status"],
            rationale=body.validated_data["rationale"],
            expected_version=body.validated_data.get("version"),
            evidence=body.validated_data.get("evidence"),
            variant_decisions=body.validated_data.get("variants"),
            rating=body.validated_data.get("rating", ""),
            cited_reports=body.validated_data.get("cited_reports"),
        )
        return Response(
            ClaimDetailSerializer(self.get_object(), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        description="schema.org ClaimReview JSON-LD of a verified or disputed claim; "
        "404 while the claim awaits review. The same markup as the public claim page. A "
        "claim decided value by value (`variant_decisions`) gets one ClaimReview per "
        "value, in an `@graph`.",
    )
    @action(detail=True, methods=["get"])
    def claimreview(self, request, pk=None):
        claim = self.get_object()
        load_reports(claim, ARTICLES_LISTED, selectors.claim_reports().filter(claim=claim))
        markup = claim_review(claim, request)
        if markup is None:
            return error_response(404, "not_reviewed", f"Claim {claim.pk} awaits review.")
        return Response(markup)

    @extend_schema(
        request=MergeRequestSerializer,
        responses={200: ClaimDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=False, methods=["post"])
    def merge(self, request):
        """Fold the `others` claims into `target`; their reports move, their reviews stay."""
        body = MergeRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        claims = {
            c.pk: c
            for c in selectors.visible_claims(request.user).filter(
                pk__in=[body.validated_data["target"], *body.validated_data["others"]]
            )
        }
        missing = {body.validated_data["target"], *body.validated_data["others"]} - set(claims)
        if missing:
            raise serializers.ValidationError(
                {"others": [f"No such claim: {', '.join(map(str, sorted(missing)))}."]}
            )
        merged = services.merge_claims(
            target=claims[body.validated_data["target"]],
            others=[claims[pk] for pk in body.validated_data["others"]],
            editor=request.user,
            reason=body.validated_data.get("reason", ""),
        )
        return Response(
            ClaimDetailSerializer(
                self.get_queryset().get(pk=merged.pk), context=self.get_serializer_context()
            ).data
        )
