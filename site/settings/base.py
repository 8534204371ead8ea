"""Settings shared by every environment.

Complete on its own and closed by default: DEBUG is off and there is no secret
key unless the environment gives one. dev.py and test.py open what they need.
"""

import os
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "home",
    "home.translation",
    "supporters",
    "campaigns",
    "petitions",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.page_cache.PageCacheMiddleware",
    "home.csp.SiteCSPMiddleware",
    "home.wagtail_lookups.SiteLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.PreferredLanguageMiddleware",
    "home.middleware.PublicBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.wagtail_lookups.RedirectMiddleware",
    "home.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into our page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, going on without Redis while it is away: Redis
            # holds only what can be rebuilt (cached pages and counts, rate
            # limits, cached sessions), so reads find nothing and writes are
            # dropped, and /health/ reports the cache as failed.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hazara"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A Redis that does not answer is given up on quickly.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
    # Which rendition file serves a picture at a size: looked up for every
    # picture of every render, and Wagtail 8.0 writes each one found back
    # (wagtail/wagtail#14541, fixed after 8.0): two Redis round trips a
    # picture, 14 of the home page's. Each process keeps them itself instead.
    # A key names the picture's file by its hash, so a replaced file never
    # finds an old entry; a rendition deleted by hand (a purge of renditions)
    # is forgotten within the minute.
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    # Logged (django_redis.cache) so that the outage is seen in the logs too.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Read from Redis, kept in the database too: staff stay signed in while
    # Redis is away.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hazara",
        }
    }

# Admin sign-in: after ADMIN_LOGIN_FAILURE_LIMIT failed attempts for one user
# name from one address, or ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT from one address
# for any names, signing in from that address is refused (even with the right
# password) for ADMIN_LOGIN_LOCKOUT_MINUTES. A user name alone is never locked:
# anyone could lock an editor out by sending wrong passwords for their name.
# Counted in the cache (Redis in production, shared by every app process) by
# django-axes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "home.admin_sign_in.AdminSignInHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT", "20")
)
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("ADMIN_LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "supporters.http.client_ip"
AXES_LOCKOUT_CALLABLE = "home.views.admin_login_locked"
AXES_ENABLE_ADMIN = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Languages. Django knows English and Urdu; Hazaragi (ISO 639-3 `haz`) it does
# not, so it gets a LANG_INFO entry, a place among the right-to-left languages
# and a catalog of its own in locale/haz. Without all three, /haz/ would quietly
# fall back to English.
LANG_INFO["haz"] = {
    "bidi": True,
    "code": "haz",
    "name": "Hazaragi",
    "name_local": "هزارگی",
}
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ur", _("Urdu")),
    ("haz", _("Hazaragi")),
]
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ug", "ur", "haz"]
# Browsers set to Persian or Dari are closest to Hazaragi.
LANGUAGE_ALIASES = {"fa": "haz", "fa-af": "haz", "prs": "haz"}
LOCALE_PATHS = [BASE_DIR / "locale"]
# The digits each language writes its numbers with (home/formatting.py): Western
# (latn) for English and for Urdu as Pakistan writes it, Eastern Arabic
# (arabext, ۰-۹) for Hazaragi as Afghanistan writes Dari.
LANGUAGE_DIGITS = {"en": "latn", "ur": "latn", "haz": "arabext"}
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
# The organisation's own time zone: petition deadlines are days there, entered
# and shown in it. Checked at start-up (an unknown name fails here).
ORGANISATION_TIME_ZONE = os.environ.get("ORGANISATION_TIME_ZONE", "Asia/Karachi")
zoneinfo.ZoneInfo(ORGANISATION_TIME_ZONE)

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ur", "اردو")]
WAGTAIL_SITE_NAME = "Hazara Rights"
# Public forms send short text: a larger body (or any file) is refused with 413.
PUBLIC_FORM_MAX_BODY_BYTES = int(os.environ.get("PUBLIC_FORM_MAX_BODY_BYTES", "65536"))
# A broken picture gets a form error instead of a server error.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Machine translation in wagtail-localize's translation editor: off unless
# MACHINE_TRANSLATION names a service. Codes in MACHINE_TRANSLATION_LANGUAGES
# are sent in place of ours; few services know Hazaragi, so it goes as Persian.
MACHINE_TRANSLATION = os.environ.get("MACHINE_TRANSLATION", "").strip().lower()
MACHINE_TRANSLATION_SERVICES = {
    "libretranslate": (
        "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        {
            "LIBRETRANSLATE_URL": os.environ.get("MACHINE_TRANSLATION_URL", ""),
            "API_KEY": os.environ.get("MACHINE_TRANSLATION_API_KEY", ""),
            "TIMEOUT": int(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "30")),
        },
    ),
    "deepl": (
        "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        {
            "AUTH_KEY": os.environ.get("MACHINE_TRANSLATION_API_KEY", ""),
            "TIMEOUT": int(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "30")),
        },
    ),
}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
if MACHINE_TRANSLATION:
    from django.core.exceptions import ImproperlyConfigured

    if MACHINE_TRANSLATION not in MACHINE_TRANSLATION_SERVICES:
        raise ImproperlyConfigured(
            f"MACHINE_TRANSLATION must be one of {sorted(MACHINE_TRANSLATION_SERVICES)}"
        )
    _service, _service_options = MACHINE_TRANSLATION_SERVICES[MACHINE_TRANSLATION]
    if (
        MACHINE_TRANSLATION == "libretranslate"
        and not _service_options["LIBRETRANSLATE_URL"]
    ):
        raise ImproperlyConfigured(
            "MACHINE_TRANSLATION_URL is needed for LibreTranslate"
        )
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "home.translation.machine.LanguageMappingTranslator",
        "OPTIONS": {
            "SERVICE": _service,
            "SERVICE_OPTIONS": _service_options,
            "LANGUAGE_MAP": dict(
                pair.split(":", 1)
                for pair in env_list("MACHINE_TRANSLATION_LANGUAGES", "haz:fa")
                if ":" in pair
            ),
        },
    }

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files browsers ask for at the root (/favicon.ico), answered by WhiteNoise
# before the page cache, the language redirect or any page render.
WHITENOISE_ROOT = BASE_DIR / "home" / "root_files"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Let Django serve MEDIA_ROOT without DEBUG: for make prod-local only.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "home.static_storage.StaticFilesStorage",
    },
}

# Email. EMAIL_URL (smtp://user:pass@host:port, smtp+tls://…) selects SMTP;
# without it, emails are written as files into EMAIL_FILE_PATH.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", "")
if EMAIL_URL:
    from urllib.parse import unquote, urlsplit

    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"
    EMAIL_USE_SSL = _email.scheme == "smtps"
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(
        os.environ.get("EMAIL_FILE_PATH", BASE_DIR / "var" / "emails")
    )

# Background tasks: the database backend with its worker (manage.py
# db_worker) unless TASKS_IMMEDIATE says to run them at once.
if env_bool("TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Whole public pages are kept in the shared cache this many seconds (0: off),
# and in each process's memory for PAGE_CACHE_LOCAL_SECONDS; any publish
# purges them. Live figures on a page (counts) are at most the sum old.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "30"))
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "1"))
ADMIN_URL_PREFIX = "/admin/"
PAGE_CACHE_EXCLUDE_PREFIXES = [
    ADMIN_URL_PREFIX,
    "/documents/",
    "/health/",
    "/static/",
    "/media/",
]
# A request carrying one of these may see something personal: never cached.
PAGE_CACHE_BYPASS_COOKIES = ["sessionid", "messages"]

# The public site: this origin only, no inline script or style. The admin's
# looser policy and why: home/csp.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Nothing from another host, in the admin either: no Gravatar images, no
# release check from the editor's browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Petitions
# How long a confirmation link works, in seconds (default a week).
PETITIONS_CONFIRM_LINK_MAX_AGE = int(
    os.environ.get("PETITIONS_CONFIRM_LINK_MAX_AGE", str(7 * 24 * 3600))
)
# Emails one signature may ever cause: confirmations, resends, "already signed".
PETITIONS_MAX_EMAILS_PER_SIGNATURE = int(
    os.environ.get("PETITIONS_MAX_EMAILS_PER_SIGNATURE", "3")
)
# Signing attempts per IP address per petition before signatures are kept as
# suspect: a burst limit and a sustained one.
PETITIONS_BURST_LIMIT = int(os.environ.get("PETITIONS_BURST_LIMIT", "10"))
PETITIONS_BURST_SECONDS = int(os.environ.get("PETITIONS_BURST_SECONDS", "60"))
PETITIONS_SUSTAINED_LIMIT = int(os.environ.get("PETITIONS_SUSTAINED_LIMIT", "100"))
PETITIONS_SUSTAINED_SECONDS = int(os.environ.get("PETITIONS_SUSTAINED_SECONDS", "3600"))
# The same name from the same IP address within this many seconds: only the
# first of them confirmed counts (later ones are held back as suspect for
# staff to review), and past PETITIONS_REPEAT_NAME_LINKS of them no more
# confirmation links are sent. A signer retrying with a corrected address
# still gets the link.
PETITIONS_REPEAT_NAME_SECONDS = int(
    os.environ.get("PETITIONS_REPEAT_NAME_SECONDS", "3600")
)
PETITIONS_REPEAT_NAME_LINKS = int(os.environ.get("PETITIONS_REPEAT_NAME_LINKS", "3"))
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none,
# the client address is REMOTE_ADDR).
PETITIONS_PROXY_COUNT = int(os.environ.get("PETITIONS_PROXY_COUNT", "0"))
# How long browsers and caches may keep the count JSON, in seconds.
PETITIONS_COUNT_MAX_AGE = int(os.environ.get("PETITIONS_COUNT_MAX_AGE", "30"))
# Days after a petition closes (by hand or at its deadline) before its
# signatures lose their names, addresses and cities; counts stay.
PETITIONS_ANONYMISE_AFTER_DAYS = int(
    os.environ.get("PETITIONS_ANONYMISE_AFTER_DAYS", "90")
)
# Emails to signers that fail are tried again after a back-off that starts at
# PETITIONS_EMAIL_RETRY_SECONDS and doubles up to ..._MAX_SECONDS, at most
# PETITIONS_EMAIL_MAX_ATTEMPTS times (the defaults keep trying for about a day).
PETITIONS_EMAIL_RETRY_SECONDS = int(
    os.environ.get("PETITIONS_EMAIL_RETRY_SECONDS", "60")
)
PETITIONS_EMAIL_RETRY_MAX_SECONDS = int(
    os.environ.get("PETITIONS_EMAIL_RETRY_MAX_SECONDS", "3600")
)
PETITIONS_EMAIL_MAX_ATTEMPTS = int(os.environ.get("PETITIONS_EMAIL_MAX_ATTEMPTS", "30"))
# An email still unsent this many seconds after it was due has lost its task or
# drain; emails_resend_pending queues it again.
PETITIONS_EMAIL_REQUEUE_AFTER = int(
    os.environ.get("PETITIONS_EMAIL_REQUEUE_AFTER", "600")
)
