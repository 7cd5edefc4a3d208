"""The articles part of the JSON API: sources, articles, and adding an article by ingestion."""

import django_filters
from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from claims.api import ID_PATTERN, READ_ERRORS, WRITE_ERRORS, has_perm, visible_events
from factdesk.filters import IdFilter, TextFilter

from .models import Article, Source
from .services import ArticleHints, ingest_article


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
        fields = [*ArticleSummarySerializer.Meta.fields, "body"]
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2_000_000, help_text="The article, headline first.")
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)
    domain = serializers.CharField(max_length=253, required=False, allow_blank=True)
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    collected_on = serializers.DateField(required=False, allow_null=True)


class ArticleFilter(django_filters.FilterSet):
    source = IdFilter(field_name="source")
    event = TextFilter(field_name="event__slug")
    language = TextFilter()
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")

    class Meta:
        model = Article
        fields = []


def visible_articles(user):
    return Article.objects.filter(event__in=visible_events(user))


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    serializer_class = SourceSerializer
    ordering_fields = ["name", "articles"]
    ordering = ["name"]

    def get_queryset(self):
        published = Q(articles__event__in=visible_events(self.request.user))
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
            **WRITE_ERRORS,
        },
        description="Ingests the text like `manage.py ingest`: 201 if new, 200 if already known.",
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
        result = ingest_article(text=data["text"], file_name="", hints=hints)
        return Response(
            ArticleDetailSerializer(result.article).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )
