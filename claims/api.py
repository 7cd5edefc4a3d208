"""The claims part of the JSON API: events, claims, reviews. Views stay thin: services decide."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from factdesk.api import error_response
from factdesk.filters import MAX_ID

from . import services
from .api_filters import ClaimFilter, EventFilter
from .jsonld import claim_review
from .models import Appearance, Claim, Event, Review


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


# Ids past the 64-bit range can't exist; the URL doesn't match, so they are a plain 404.
ID_PATTERN = "[0-9]{1,18}"
READ_ERRORS = errors(400, 401, 403, 404, 429)
WRITE_ERRORS = errors(400, 401, 403, 404, 429)


def visible_claims(user):
    """Readers see claims of published events; desk members see all they may review."""
    if user.is_authenticated and user.has_perm("claims.view_claim"):
        return Claim.objects.active()
    return Claim.objects.published()


def visible_events(user):
    if user.is_authenticated and user.has_perm("claims.view_event"):
        return Event.objects.all()
    return Event.objects.published()


def has_perm(perm: str):
    class HasPermission(permissions.BasePermission):
        """Authenticated (else 401) and holding the permission (else 403)."""

        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated and user.has_perm(perm))

    return HasPermission


class EventSummarySerializer(serializers.ModelSerializer):
    articles = serializers.IntegerField(source="article_count", read_only=True)
    sources = serializers.IntegerField(
        source="source_count",
        read_only=True,
        help_text="Outlets of its articles; an unidentified outlet counts once per article.",
    )
    verified = serializers.IntegerField(source="verified_count", read_only=True)
    disputed = serializers.IntegerField(source="disputed_count", read_only=True)
    awaiting_review = serializers.IntegerField(source="unreviewed_count", read_only=True)

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
            "verified",
            "disputed",
            "awaiting_review",
        ]


class VariantSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["number", "date", "code", "stance"])
    values = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Each differing value and the ids of the articles that give it.",
    )


class ClaimSummarySerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    variants = VariantSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "event",
            "text",
            "status",
            "rationale",
            "source_count",
            "independent_source_count",
            "has_variants",
            "variants",
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
        return sorted({a.article.source_label for a in claim.appearances.all()})


class ClaimsByStatusSerializer(serializers.Serializer):
    verified = OutletClaimSerializer(many=True)
    disputed = OutletClaimSerializer(many=True)
    unreviewed = OutletClaimSerializer(many=True)


class EventDetailSerializer(EventSummarySerializer):
    claims = serializers.SerializerMethodField()

    class Meta(EventSummarySerializer.Meta):
        fields = [*EventSummarySerializer.Meta.fields, "claims"]

    @extend_schema_field(ClaimsByStatusSerializer)
    def get_claims(self, event):
        grouped = {value: [] for value in Claim.Status.values}
        for claim in event.active_claims:
            grouped[claim.status].append(claim)
        return {k: OutletClaimSerializer(v, many=True).data for k, v in grouped.items()}


class AppearanceSerializer(serializers.ModelSerializer):
    article = serializers.IntegerField(source="article_id")
    article_title = serializers.CharField(source="article.title")
    article_url = serializers.URLField(source="article.url_or_none", allow_null=True)
    source = serializers.CharField(source="article.source_label")
    published_on = serializers.DateField(source="article.published_on", allow_null=True)

    class Meta:
        model = Appearance
        fields = [
            "article",
            "article_title",
            "article_url",
            "source",
            "published_on",
            "quote",
            "start",
            "end",
        ]


class EvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000)
    title = serializers.CharField(max_length=300)
    stance = serializers.ChoiceField(choices=["supports", "refutes"])


class PublicReviewSerializer(serializers.ModelSerializer):
    """What readers may know of a decision: when, from, to and why (not who)."""

    class Meta:
        model = Review
        fields = ["created_at", "from_status", "to_status", "rationale"]


class ClaimDetailSerializer(ClaimSummarySerializer):
    appearances = AppearanceSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    reviews = PublicReviewSerializer(many=True, read_only=True)

    class Meta(ClaimSummarySerializer.Meta):
        fields = [*ClaimSummarySerializer.Meta.fields, "appearances", "evidence", "reviews"]
        read_only_fields = fields


class ReviewRequestSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Claim.Status.choices)
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


class WordingRequestSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)


class MergeRequestSerializer(serializers.Serializer):
    target = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    others = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1
    )


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Events and, for one event, its consolidated account."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    ordering_fields = ["starts_on", "title", "created_at"]
    ordering = ["-starts_on", "-id"]
    filterset_class = EventFilter

    def get_queryset(self):
        return visible_events(self.request.user).with_counts()

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSummarySerializer

    def get_object(self):
        event = super().get_object()
        event.active_claims = list(
            Claim.objects.active()
            .filter(event=event)
            .select_related("event")
            .prefetch_related("appearances__article__source")
            .order_by("-source_count", "id")
        )
        return event

    @extend_schema(responses={200: EventSummarySerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: EventDetailSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Claims with their reports; editors review and merge, contributors fix wording."""

    filterset_class = ClaimFilter
    lookup_value_regex = ID_PATTERN
    ordering_fields = ["source_count", "independent_source_count", "updated_at", "id"]
    ordering = ["-source_count", "id"]

    def get_queryset(self):
        claims = visible_claims(self.request.user).select_related("event")
        if self.action in {"list"}:
            return claims
        return claims.prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article__source").order_by(
                    "article__published_on", "article_id", "start"
                ),
            ),
            "evidence",
            Prefetch("reviews", queryset=Review.objects.order_by("-created_at", "-id")),
        )

    def get_serializer_class(self):
        return ClaimSummarySerializer if self.action == "list" else ClaimDetailSerializer

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
        body = WordingRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.edit_claim_wording(
            claim=claim,
            editor=request.user,
            text=body.validated_data["text"],
            expected_version=body.validated_data.get("version"),
        )
        return Response(ClaimDetailSerializer(self.get_object()).data)

    @extend_schema(
        request=ReviewRequestSerializer,
        responses={201: ClaimDetailSerializer, **WRITE_ERRORS, **errors(409)},
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Verify, dispute or reopen the claim, with a public rationale."""
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
        )
        return Response(
            ClaimDetailSerializer(self.get_object()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        description="schema.org ClaimReview JSON-LD of a verified or disputed claim; "
        "404 while the claim awaits review. The same markup as the public claim page.",
    )
    @action(detail=True, methods=["get"])
    def claimreview(self, request, pk=None):
        claim = self.get_object()
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
            for c in visible_claims(request.user).filter(
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
        )
        return Response(ClaimDetailSerializer(self.get_queryset().get(pk=merged.pk)).data)
