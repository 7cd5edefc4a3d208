"""The articles part of the JSON API: sources, articles, and adding an article by ingestion."""

from django.conf import settings
from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from claims.pipeline import ingest_article
from factdesk.api import ID_PATTERN, READ_ERRORS, WRITE_ERRORS, has_perm
from factdesk.filters import DateFilter, IdFilter, StrictFilterSet, TextFilter
from factdesk.page_cache import CachedReadsMixin
from intake import services as intake
from intake.api import IntakeJobSerializer

from .links import validate_web_url
from .models import Article, Source
from .reading import ArticleHints, storable_text, utf8_size


def intake_accepted(job) -> Response:
    """202 with the job to watch: GET its Location until it is done or failed."""
    response = Response(IntakeJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
    response["Location"] = job.get_absolute_url()
    return response


class SourceSerializer(serializers.ModelSerializer):
    articles = serializers.IntegerField(source="article_count", read_only=True)

    class Meta:
        model = Source
        fields = ["id", "name", "domain", "country", "language", "articles"]


class ArticleSummarySerializer(serializers.ModelSerializer):
    url = serializers.URLField(source="url_or_none", read_only=True, allow_null=True)
    source = serializers.CharField(source="source_label", read_only=True)
    source_id = serializers.IntegerField(read_only=True, allow_null=True)
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "author",
            "url",
            "source",
            "source_id",
            "event",
            "published_on",
            "date_precision",
            "date_phrase",
            "language",
            "copy_of",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSummarySerializer):
    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "held_for_review", "body"]
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    # No length here: ingestion applies the desk's one limit, in bytes of UTF-8.
    text = serializers.CharField(
        required=False,
        help_text="The article, headline first; at most FACTDESK_MAX_ARTICLE_BYTES "
        "(2,000,000 by default) bytes in UTF-8. Without text, the page at `url` is fetched.",
    )
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)
    domain = serializers.CharField(max_length=253, required=False, allow_blank=True)
    url = serializers.URLField(
        max_length=1000, required=False, allow_blank=True, validators=[validate_web_url]
    )
    collected_on = serializers.DateField(required=False, allow_null=True)

    def validate(self, data):
        if not data.get("text", "").strip() and not data.get("url"):
            raise serializers.ValidationError(
                {"text": ["Give the article's text, or a url to fetch it from."]}
            )
        return data


class ArticleFilter(StrictFilterSet):
    source = IdFilter(field_name="source")
    event = TextFilter(field_name="event__slug")
    language = TextFilter()
    published_after = DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = DateFilter(field_name="published_on", lookup_expr="lte")

    class Meta:
        model = Article
        fields = []


def visible_articles(user):
    """Readers see published articles; desk members see all, held ones included."""
    if user.is_authenticated and user.has_perm("articles.view_article"):
        return Article.objects.all()
    return Article.objects.published()


class SourceViewSet(CachedReadsMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    serializer_class = SourceSerializer
    ordering_fields = ["name", "articles"]
    ordering = ["name"]

    def get_queryset(self):
        published = Q(articles__in=visible_articles(self.request.user))
        return Source.objects.annotate(article_count=Count("articles", filter=published)).filter(
            article_count__gt=0
        )

    @extend_schema(responses={200: SourceSerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: SourceSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class ArticleViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = ArticleFilter
    lookup_value_regex = ID_PATTERN
    ordering_fields = ["published_on", "id", "title"]
    ordering = ["-published_on", "id"]

    def get_queryset(self):
        return visible_articles(self.request.user).select_related("source", "event")

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleCreateSerializer
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSummarySerializer

    def get_permissions(self):
        if self.action == "create":
            return [has_perm("articles.add_article")()]
        return super().get_permissions()

    @extend_schema(responses={200: ArticleSummarySerializer(many=True), **READ_ERRORS})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: ArticleDetailSerializer, **READ_ERRORS})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=ArticleCreateSerializer,
        responses={
            201: ArticleDetailSerializer,
            200: ArticleDetailSerializer,
            202: IntakeJobSerializer,
            **WRITE_ERRORS,
        },
        description="Ingests the text like `manage.py ingest`: 201 if new, 200 if already "
        "known. A `url` without `text`, or a text over FACTDESK_BACKGROUND_BYTES, is ingested "
        "in the background: 202 with the intake job's address in `Location`.",
    )
    def create(self, request, *args, **kwargs):
        body = ArticleCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        hints = ArticleHints(
            source=data.get("source", "").strip(),
            domain=data.get("domain", "").strip().lower(),
            url=data.get("url", ""),
            collected_on=data.get("collected_on"),
        )
        text = data.get("text", "")
        if not text.strip():
            # Refused here (not a web address, a private one) before anything is queued.
            job = intake.submit_url(url=data["url"], hints=hints, added_by=request.user)
            return intake_accepted(job)
        if utf8_size(text) > settings.FACTDESK_BACKGROUND_BYTES:
            text = storable_text(text, label="text")  # too big or damaged: refused now
            job = intake.submit_text(text=text, hints=hints, added_by=request.user)
            return intake_accepted(job)
        result = ingest_article(text=text, hints=hints, added_by=request.user)
        return Response(
            ArticleDetailSerializer(result.article).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )
