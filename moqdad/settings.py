"""Settings for moqdad, read from the environment through one django-environ object.

Every value a deployment may change comes from an environment variable (or a `.env` file
beside manage.py); the defaults are those of a developer's machine: SQLite in the project
folder, DEBUG off unless asked for, local-memory cache.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# PRODUCTION turns on every transport-security setting; DEBUG may never be on with it.
PRODUCTION = env.bool("PRODUCTION", default=False)
if PRODUCTION and DEBUG:
    raise environ.ImproperlyConfigured("DEBUG must be off when PRODUCTION is on.")

SECRET_KEY = env.str(
    "SECRET_KEY",
    default="" if PRODUCTION else "dev-insecure-moqdad-key-change-me-in-production-0123456789",
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when PRODUCTION is on.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The absolute address QR codes, canonical links and the sitemap point to, such as
# https://meqdad.example.ir. Unset, they follow the address each visitor used (and, outside a
# request, SERVE_ADDRESS); in production it must be set (moqdad.public_address, check E010).
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="").rstrip("/")
# The address `make run` serves on (the Makefile's HOST): what management commands print.
SERVE_ADDRESS = env.str("HOST", default="127.0.0.1:8000")
# How many proxies (load balancers) stand in front of the app: the visitor's address is then
# that many entries from the end of X-Forwarded-For (moqdad/client.py: the public forms' rate
# limits, the login lockout and its log).
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

# The project's own apps, in their import direction: each may import those before it, never
# those after it (tests/test_structure.py). Everything that walks "our apps" reads this list.
PROJECT_APPS = ["neighborhoods", "martyrs", "exhibition", "guests", "followup"]

INSTALLED_APPS = [
    "moqdad.apps.MoqdadConfig",
    "moqdad.admin_site.MoqdadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "neighborhoods.apps.NeighborhoodsConfig",
    "martyrs.apps.MartyrsConfig",
    "exhibition.apps.ExhibitionConfig",
    "guests.apps.GuestsConfig",
    "followup.apps.FollowupConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "moqdad.request_hygiene.RequestHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # A page cache hit is answered here, before everything below (moqdad.page_cache).
    "moqdad.page_cache.PageCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "moqdad.urls"
WSGI_APPLICATION = "moqdad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection is checked before a request reuses it: after a database restart the first
# request gets a new connection instead of an error.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A slow answer must not hold a gunicorn thread until the worker is killed (30 s): PostgreSQL
    # cancels any statement after DATABASE_STATEMENT_TIMEOUT seconds (0: never, for a long
    # migration or backup) and the visitor gets the Persian 503 page (moqdad/outage.py). An
    # unreachable server is given up after DATABASE_CONNECT_TIMEOUT seconds.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _statement_timeout_ms = round(env.float("DATABASE_STATEMENT_TIMEOUT", default=15) * 1000)
    _options["options"] = " ".join(
        part
        for part in (_options.get("options", ""), f"-c statement_timeout={_statement_timeout_ms}")
        if part
    )
    _options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    # A database server that vanished from the network (no reset, no answer) is noticed by TCP
    # keep-alive probes and unacknowledged writes within about half a minute instead of the
    # kernel's quarter of an hour; a long query on a live server is not affected.
    _options.setdefault("keepalives", 1)
    _options.setdefault("keepalives_idle", 10)
    _options.setdefault("keepalives_interval", 5)
    _options.setdefault("keepalives_count", 3)
    _options.setdefault("tcp_user_timeout", 20_000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-environ maps redis:// to Django's own RedisCache (django.core.cache.backends.redis).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://moqdad")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is down or stalled must cost a request a fraction of a second, not a worker
    # for the kernel's TCP timeout: the page cache then renders without it (moqdad.page_cache).
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
        socket_timeout=env.float("CACHE_TIMEOUT", default=0.5),
        health_check_interval=30,
    )

# Whole public pages for anonymous visitors, invalidated exactly (moqdad.caching).
# PAGE_CACHE=off renders every page (the benchmark's uncached run).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIME_RESOLUTION = 60
PAGE_CACHE_CONTENT_APPS = PROJECT_APPS
PAGE_CACHE_EDITION_MODEL = "exhibition.Exhibition"
# Rows shown on no public page: they must not empty the cache. Visitors' submissions, and the
# guest list, invitations, slots, check-ins and the door's ledger (the public visits page shows
# only the announced visits and their booths): 32 doors scanning would otherwise evict every
# page of the edition at each scan.
PAGE_CACHE_IGNORED_MODELS = [
    "exhibition.ContactRequest",
    "martyrs.CorrectionSuggestion",
    "guests.Guest",
    "guests.Invitation",
    "guests.VisitSlot",
    "guests.CheckIn",
    "guests.Scan",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "moqdad.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Persian first, English second.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several app servers share uploads through an S3-compatible bucket (MinIO, Ceph, ArvanCloud…).
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY", default=""),
            "secret_key": env.str("MEDIA_S3_SECRET_KEY", default=""),
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "custom_domain": env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "url_protocol": env.str("MEDIA_S3_URL_PROTOCOL", default="https:"),
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
# Where media are linked from when that is another host (the bucket, a media domain): the
# Content-Security-Policy must let pages show images from there.
MEDIA_ORIGIN = ""
if MEDIA_S3_BUCKET and STORAGES["default"]["OPTIONS"]["custom_domain"]:
    _media_host = STORAGES["default"]["OPTIONS"]["custom_domain"].split("/")[0]
    MEDIA_ORIGIN = f"{STORAGES['default']['OPTIONS']['url_protocol']}//{_media_host}"
elif MEDIA_S3_BUCKET and STORAGES["default"]["OPTIONS"]["endpoint_url"]:
    _media_url = urlsplit(STORAGES["default"]["OPTIONS"]["endpoint_url"])
    MEDIA_ORIGIN = f"{_media_url.scheme}://{_media_url.netloc}"
elif urlsplit(MEDIA_URL).netloc:
    MEDIA_ORIGIN = f"{urlsplit(MEDIA_URL).scheme or 'https'}://{urlsplit(MEDIA_URL).netloc}"
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Image intake limits (moqdad.images).
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = IMAGE_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Sessions (only staff have one: visitors' pages are cached without) live in the database, so
# every app server knows them and a log-in survives a Redis outage; a session costs one
# primary-key read per staff request. They expire; staff must log in again after a working day.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The load balancer probes /healthz over plain HTTP; a redirect would read as "down".
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# A strict Content-Security-Policy: nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login protection (django-axes, moqdad/login_throttling.py): failed log-ins within the cool-off
# are counted per account from one address, per address, and per account; each count has its
# own limit. Staff at the venue share one NAT address, so the address limit is the larger one;
# an account is locked from every address only after many failures (0: never), so that knowing
# a username is not enough to lock its owner out. A refusal is a Persian 429 with Retry-After.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_ACCOUNT_FAILURE_LIMIT = env.int("AXES_ACCOUNT_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
if AXES_ACCOUNT_FAILURE_LIMIT:
    AXES_LOCKOUT_PARAMETERS.append(["username"])
AXES_HANDLER = "moqdad.login_throttling.ThrottlingHandler"
AXES_LOCKOUT_CALLABLE = "moqdad.login_throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "moqdad.client.client_address"
# Failures while refused are not counted: hammering from one address cannot push an account
# to its all-addresses limit.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Mail, for the staff password reset: EMAIL_URL as django-environ reads it
# (smtp+tls://user:password@smtp.example.org:587); the console by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Text messages (moqdad/sms.py): the console by default; a gateway's backend by configuration.
SMS_BACKEND = env.str("SMS_BACKEND", default="moqdad.sms.ConsoleBackend")

# Background tasks (django-tasks): the database backend, run by `manage.py db_worker` (`make run`
# starts one; deploy/ has its systemd unit). TASKS_BACKEND=immediate runs each task at once, in
# the request (tests, or a development machine without a worker).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env.str("TASKS_BACKEND", default="database")]
    }
}
# A reset link works once, and for three hours (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 3 * 60 * 60

SIMPLE_HISTORY_REVERT_DISABLED = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": "moqdad.log_filters.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors_on_one_line"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# The password `manage.py create_demo_accounts` gives the demo accounts (see the README).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")
