"""The intake part of the JSON API: background jobs (/api/v1/intake/{id}/) and feeds."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from articles.links import validate_web_url
from articles.models import Source
from factdesk.api import ID_PATTERN, READ_ERRORS, WRITE_ERRORS, has_perm

from . import feeds
from .models import Feed, IntakeJob


class IntakeJobSerializer(serializers.ModelSerializer):
    article = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    article_url = serializers.SerializerMethodField()

    class Meta:
        model = IntakeJob
        fields = [
            "id",
            "kind",
            "status",
            "url",
            "outcome",
            "error",
            "article",
            "article_url",
            "done",
            "total",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_article_url(self, job) -> str | None:
        if not job.article_id:
            return None
        path = reverse("article-detail", kwargs={"pk": job.article_id})
        return self.context["request"].build_absolute_uri(path)


def visible_jobs(user):
    """Desk members see the jobs they started; those who may retry jobs see all."""
    jobs = IntakeJob.objects.all()
    return jobs if user.has_perm("intake.change_intakejob") else jobs.filter(added_by=user)


class IntakeJobViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    serializer_class = IntakeJobSerializer
    permission_classes = [has_perm("intake.view_intakejob")]
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, generated without a user
            return IntakeJob.objects.none()
        return visible_jobs(self.request.user)

    @extend_schema(responses={200: IntakeJobSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        responses={200: IntakeJobSerializer, **READ_ERRORS},
        description="A job: queued, running, done (with its article) or failed (with why).",
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class FeedSerializer(serializers.ModelSerializer):
    url = serializers.URLField(max_length=1000, validators=[validate_web_url])
    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )
    items = serializers.IntegerField(source="items.count", read_only=True)

    class Meta:
        model = Feed
        fields = [
            "id",
            "url",
            "source",
            "title",
            "active",
            "last_polled_at",
            "last_new_items",
            "last_error",
            "items",
        ]
        read_only_fields = ["last_polled_at", "last_new_items", "last_error", "items"]


class FeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_PATTERN
    serializer_class = FeedSerializer
    ordering_fields = ["url", "last_polled_at"]
    ordering = ["url"]

    def get_queryset(self):
        return Feed.objects.select_related("source").prefetch_related("items")

    def get_permissions(self):
        perm = "intake.add_feed" if self.action == "create" else "intake.view_feed"
        return [has_perm(perm)()]

    @extend_schema(responses={200: FeedSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: FeedSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=FeedSerializer, responses={201: FeedSerializer, **WRITE_ERRORS})
    def create(self, request, *args, **kwargs):
        body = FeedSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        feed = feeds.add_feed(
            url=data["url"], source=data.get("source"), title=data.get("title", "")
        )
        return Response(FeedSerializer(feed).data, status=status.HTTP_201_CREATED)
