"""FactDesk settings: one file, every deploy-time value read from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    # Without DEBUG a missing key is a deployment mistake: refuse to start rather than sign
    # sessions and tokens with a key anyone can read in the repository.
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, "
            "or set DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "insecure-dev-key-set-DJANGO_SECRET_KEY"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # django.contrib.admin with the review queue first (factdesk/desk_admin.py).
    "factdesk.desk_admin.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "articles",
    # Before claims: the roles applied after claims migrates include intake's permissions.
    "intake",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # NUL and other control characters out of query strings, before anything reads them.
    "factdesk.query_strings.DropControlCharactersMiddleware",
    # A 304 for a page or API answer whose ETag the client already holds.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "factdesk.errors.ServiceErrorsMiddleware",  # 503 when the database is away, JSON under /api/
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "factdesk.security.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factdesk.urls"
WSGI_APPLICATION = "factdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite when DATABASE_URL is unset: a fresh clone runs with nothing to install.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A connection the database dropped (restart, failover) is replaced, not reused.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves readers, editors and a background worker at once. WAL
    # lets readers go on while one writer writes; IMMEDIATE transactions take the write
    # lock when they begin, so a second writer waits its turn (up to the timeout) instead
    # of failing with "database is locked" when a read inside its transaction turns into
    # a write. The worker and the web server are separate processes: no Python lock
    # covers them, only SQLite's.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 30),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes refuses a locked-out account or address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The public name of the desk, used as the author of ClaimReview markup and in feeds.
FACTDESK_NAME = os.environ.get("FACTDESK_NAME", "FactDesk")
FACTDESK_SITE_URL = os.environ.get("FACTDESK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Mail (assignment notices): printed to the console unless a backend is configured,
# e.g. DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factdesk@localhost")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "factdesk.api.Ordering",  # strict: an unknown field is a 400
    ],
    "DEFAULT_PAGINATION_CLASS": "factdesk.api.Pagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 20),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factdesk.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "factdesk.throttling.AnonThrottle",
        "factdesk.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "FactDesk API",
    "DESCRIPTION": "Events, claims, their reports and the desk's editorial decisions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        # Two fields are named "kind": the variants' keeps the name it always had.
        "KindEnum": ["number", "date", "code", "stance"],
        "IntakeJobKindEnum": "intake.models.IntakeJob.Kind",
        "IntakeJobStatusEnum": "intake.models.IntakeJob.Status",
    },
}
# Cached pages and the desk's version: Redis when configured, else a table in the database
# (created by `migrate`, see claims/apps.py), so every web process shares them.
REDIS_CACHE = {
    # Redis down or slow: pages are served uncached, never a 500 (factdesk/cache.py).
    "BACKEND": "factdesk.cache.ResilientRedisCache",
    "LOCATION": os.environ.get("REDIS_URL", ""),
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}
CACHES = {
    "default": (
        REDIS_CACHE
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "factdesk_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    ),
    # The desk's version token, for good (factdesk/page_cache.py): a table of its own,
    # never culled with the pages, and the copy that outlives a Redis outage.
    "desk-version": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "factdesk_desk_version",
    },
    # API throttle counters (factdesk/throttling.py): shared through Redis when configured;
    # else each web process counts in its own memory (exact for `make run`'s one process;
    # N gunicorn workers let a client make up to N times its rate).
    "throttle": (
        REDIS_CACHE
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "factdesk-throttle",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    ),
}

# Readers' pages and anonymous API reads are cached whole, under a version every write to
# the desk replaces (factdesk/page_cache.py); the lifetime only bounds memory and dates
# such as "today" in a page.
FACTDESK_PAGE_CACHE = os.environ.get("FACTDESK_PAGE_CACHE", "1") != "0"
FACTDESK_PAGE_CACHE_SECONDS = env_int("FACTDESK_PAGE_CACHE_SECONDS", 600)

# Ingestion limits: one size for every way in (file, paste, API, command), in bytes of
# UTF-8; articles.services applies it. A file larger than this is refused unread.
FACTDESK_MAX_ARTICLE_BYTES = env_int("FACTDESK_MAX_ARTICLE_BYTES", 2_000_000)
# Request bodies are read into memory up to this size and refused beyond it. JSON may
# escape every character of an article ("é" is 6 bytes as \u00e9, 2 in UTF-8), so the
# cap leaves room for any article within the limit, plus the form's other fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * FACTDESK_MAX_ARTICLE_BYTES + 64 * 1024
# An uploaded file within the limit stays in memory; a larger one goes to a temporary
# file and is refused by its size without being read.
FILE_UPLOAD_MAX_MEMORY_SIZE = FACTDESK_MAX_ARTICLE_BYTES
# Fetching pages by URL (intake/fetching.py): hosts that may resolve to a private or
# loopback address (an intranet CMS; the tests' own server), a timeout for the whole
# fetch, redirects included, and the size of a pasted text that is ingested in the
# background rather than inside the request.
FACTDESK_FETCH_ALLOWED_HOSTS = env_list("FACTDESK_FETCH_ALLOWED_HOSTS")
FACTDESK_FETCH_TIMEOUT = env_int("FACTDESK_FETCH_TIMEOUT", 20)
FACTDESK_BACKGROUND_BYTES = env_int("FACTDESK_BACKGROUND_BYTES", 100_000)
FACTDESK_FEED_POLL_MINUTES = env_int("FACTDESK_FEED_POLL_MINUTES", 30)
# A job "running" for this long lost its worker: another worker queues it again (so may an
# editor). A dead worker on the same machine is seen at once (intake.services).
FACTDESK_INTAKE_STALE_SECONDS = env_int("FACTDESK_INTAKE_STALE_SECONDS", 900)

# Background tasks (django-tasks): the database is the queue by default, worked by
# `manage.py intake_worker` (`make run` starts one); with CELERY_BROKER_URL set, the same
# tasks go to Celery workers (`celery -A factdesk worker`) through that broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
TASKS = {
    "default": {
        "BACKEND": (
            "intake.celery_backend.CeleryBackend"
            if CELERY_BROKER_URL
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# A task is acknowledged only once done: a worker killed mid-task leaves it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Tasks go to the django-tasks queue name ("default"), which workers consume by default.
CELERY_TASK_DEFAULT_QUEUE = "default"
# A task taken by a worker that died is handed out again after this many seconds. Kombu
# looks for such tasks only every interval x throttle seconds (100 s by default), and once
# when a worker starts; look every tenth of the timeout (1-10 s) so the promise holds.
visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": visibility_timeout,
    "unacked_restore_interval": min(10, max(1, visibility_timeout // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {
        "task": "factdesk.run_task",
        "schedule": FACTDESK_FEED_POLL_MINUTES * 60,
        "args": ["intake.tasks.poll_feeds", [], {}],
    }
}

# Claim matching adds sentence embeddings (needs requirements/semantic.txt installed).
FACTDESK_SEMANTIC_MATCHING = env_bool("FACTDESK_SEMANTIC_MATCHING")
# A verdict readers see ("Why the desk verified it") needs at least a sentence: "ok" is no
# reason. Applies to verified and disputed; a dismissal or reopening only needs a reason.
FACTDESK_MIN_RATIONALE_CHARS = env_int("FACTDESK_MIN_RATIONALE_CHARS", 40)
# ...and rests on something readers can follow: an evidence link, or a report of the
# event cited (ticked, named by id, or quoted). The suite's fixtures decide without one
# (pytest env, as for the minimum above); the tests of the rule turn it on.
FACTDESK_VERDICT_NEEDS_BASIS = env_bool("FACTDESK_VERDICT_NEEDS_BASIS", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# HTTPS: one switch for deployments served over TLS (usually terminated by a proxy).
if env_bool("DJANGO_HTTPS"):
    SECURE_SSL_REDIRECT = True
    # Load balancers probe over plain HTTP, without the forwarded-protocol header.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The proxy in front must set (not pass on) X-Forwarded-Proto; gunicorn must not be
    # reachable except through it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # One year: browsers then refuse plain HTTP to this host for that long.
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    # Consent only: nothing is preloaded until someone submits the domain to the list.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Number of reverse proxies in front of the app that append to X-Forwarded-For; the
# lock-out below and the API throttle count per client address, not per proxy. With 0,
# X-Forwarded-For is ignored: a client could write anything there to dodge both.
FACTDESK_PROXY_COUNT = env_int("FACTDESK_PROXY_COUNT", 0)
REST_FRAMEWORK["NUM_PROXIES"] = FACTDESK_PROXY_COUNT

# Signed-in sessions (editors, contributors) end 12 hours after sign-in and after
# 30 minutes without a request, whichever comes first (factdesk/security.py).
FACTDESK_SESSION_MAX_AGE = env_int("FACTDESK_SESSION_HOURS", 12) * 3600
FACTDESK_SESSION_IDLE = env_int("FACTDESK_SESSION_IDLE_MINUTES", 30) * 60
SESSION_COOKIE_AGE = FACTDESK_SESSION_MAX_AGE

# Password guessing (django-axes): after 10 failed sign-ins for one account, or from one
# address, every sign-in for it is refused, the right password too, until 15 minutes
# have passed since the last attempt (each further attempt starts the wait again).
AXES_FAILURE_LIMIT = env_int("FACTDESK_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FACTDESK_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "factdesk.security.client_ip"
AXES_LOCKOUT_CALLABLE = "factdesk.security.locked_out"

# Content-Security-Policy (django-csp) on every response: this host only, no inline
# script anywhere; the charts' per-page sizes are the only inline styles, with a nonce.
# ReDoc's page alone widens it, for inline styles (factdesk/api_urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # data: for the reader pages' empty favicon and Swagger UI's icons.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
