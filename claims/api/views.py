"""The claims part of the JSON API: events, claims, reviews. Views stay thin: services decide."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from factdesk.api import ID_PATTERN, READ_ERRORS, WRITE_ERRORS, error_response, errors, has_perm
from factdesk.page_cache import CachedReadsMixin

from .. import export, roles, selectors, services
from ..jsonld import ARTICLES_LISTED, claim_review, load_reports
from ..models import Claim, Review
from .filters import ClaimFilter, EventFilter
from .serializers import (
    CLAIM_APPEARANCES,
    EVENT_CLAIMS,
    AppearanceSerializer,
    ClaimDetailSerializer,
    ClaimSummarySerializer,
    EventDetailSerializer,
    EventSummarySerializer,
    MergeRequestSerializer,
    ReviewRequestSerializer,
    WordingRequestSerializer,
    outlet_labels,
)


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
            "review": roles.REVIEW_PERMISSION,
            "merge": roles.MERGE_PERMISSION,
            "partial_update": roles.REWORD_PERMISSION,
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
