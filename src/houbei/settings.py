"""houbei settings: one file, configured only through the environment (see the README)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from houbei.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("HOUBEI_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEVELOPMENT_SECRET_KEY = "houbei-development-key-never-use-in-production"  # noqa: S105
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# A production process (DEBUG off) refuses the development key; pytest sets PYTEST_VERSION.
TESTING = "PYTEST_VERSION" in os.environ
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY and not TESTING:
    raise ImproperlyConfigured(
        "SECRET_KEY 未设置：生产环境不能使用开发密钥，请设置环境变量 SECRET_KEY。"
    )
# Keys for sensitive fields; derived from SECRET_KEY unless set. First key encrypts, all decrypt.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", [])
BLIND_INDEX_KEY = env_str("BLIND_INDEX_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "houbei.audit",
    "houbei.accounts",
    "houbei.regions",
    "houbei.people",
    "houbei.rounds",
    "houbei.reserves",
    "houbei.risk",
    "houbei.cultivation",
    "houbei.outcomes",
    "houbei.reports",
    "houbei.demo",
    "houbei.ops",
    "houbei.devtools",
    "houbei.documents",
    "ninja",
    "houbei.api",
    "houbei.workbench",
    "django_tasks",
    "django_tasks_db",
    "houbei.jobs",
]

MIDDLEWARE = [
    "houbei.accounts.middleware.BrowserPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "houbei.accounts.middleware.SessionLimitsMiddleware",
    "houbei.audit.middleware.RequestContextMiddleware",
    "houbei.accounts.middleware.DenyByDefaultMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "houbei.accounts.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
    "houbei.workbench.middleware.DevelopmentNotFoundMiddleware",
]

ROOT_URLCONF = "houbei.urls"
WSGI_APPLICATION = "houbei.wsgi.application"
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
                "houbei.accounts.context_processors.capabilities",
            ],
        },
    },
]

SQLITE_PATH = DATA_DIR / "houbei.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Behind PgBouncer in transaction mode a cursor cannot outlive its transaction
# (docs/scaling.md §2): server-side cursors (used by streamed exports) must be turned off.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
    "DB_DISABLE_SERVER_SIDE_CURSORS", False
)
# A PostgreSQL read replica for dashboards and downloads (docs/scaling.md §3): reads of the views
# marked `reads_from_replica` go there; writes and every other read stay on the primary.
READ_REPLICA = ""
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL", ""),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
        "DB_DISABLE_SERVER_SIDE_CURSORS", False
    )
    READ_REPLICA = "replica"
DATABASE_ROUTERS = ["houbei.lib.replica.ReplicaRouter"]

# Caches live in each process (docs/performance.md §4.7): the navigation bar per capability set,
# and the dashboards' figures per scope, whose key holds a version read from the database on
# every request (houbei.risk.board_cache), so processes never need to agree on anything.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "dashboards": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dashboards",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "houbei.accounts.passwords.CharacterClassValidator"},
    {"NAME": "houbei.accounts.passwords.ContextWordsValidator"},
    {"NAME": "houbei.accounts.passwords.PasswordHistoryValidator"},
]
# 等保 asks for history and a maximum age (see docs/decisions/0002-security-deviations.md).
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)
# Second factor (TOTP) for these roles, or for everyone; off in development and tests by default.
MFA_REQUIRED_ROLES = env_list(
    "MFA_REQUIRED_ROLES",
    [] if DEBUG or TESTING else ["sysadmin", "auditor", "county_officer", "security_admin"],
)
MFA_REQUIRED_FOR_ALL = env_bool("MFA_REQUIRED_FOR_ALL", False)

# Lockout by username, never by address: a township office shares one address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
# The idle expiry is renewed at most this often (accounts.middleware.SessionLimitsMiddleware).
SESSION_RENEW_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12) * 3600
# Sessions know their user, so disabling an account or resetting its password ends them all.
SESSION_ENGINE = "houbei.accounts.sessions"
CSRF_FAILURE_VIEW = "houbei.accounts.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Reverse proxies in front of houbei that append to X-Forwarded-For (audit records the client).
# Without them no forwarded header is believed: a client could name its own address or claim
# HTTPS (houbei serve's gunicorn trusts forwarded headers under the same condition).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
AXES_CLIENT_IP_CALLABLE = "houbei.audit.middleware.client_ip"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

MEDIA_ROOT = DATA_DIR / "media"
# Uploads hold personal data: owner-only, like the rest of the data directory (lib/datadir.py).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Lockout is by username on purpose (a township office shares one address): see docs/decisions.
# HSTS preload (W021) cannot apply to intranet host names.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "security.W021"]

# The key of the audit chain's HMAC links, kept outside the database (base64 or any long
# secret); empty: derived from SECRET_KEY. Changing it makes `houbei audit verify` fail.
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", "")
# Where `houbei audit checkpoint` appends signed checkpoints (keep a copy off this machine too).
AUDIT_CHECKPOINT_FILE = env_str("AUDIT_CHECKPOINT_FILE", str(DATA_DIR / "audit-checkpoints.jsonl"))

# Audit entries are kept at least this long (网络安全法: 6 months; PIPL: 3 years by default).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 1095)
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(
        "AUDIT_RETENTION_DAYS 不能少于180天（网络安全法要求日志至少保存六个月）。"
    )

# `houbei serve`: gunicorn address and worker processes (0: two per CPU core, plus one).
SERVE_BIND = env_str("HOUBEI_BIND", "127.0.0.1:8000")
SERVE_WORKERS = env_int("HOUBEI_WORKERS", 0)
# Threads per worker: 1 runs gunicorn's synchronous workers, more its threaded ones (gthread,
# which also keep a browser's connection open between requests; docs/performance.md §4.5).
SERVE_THREADS = env_int("HOUBEI_THREADS", 1)
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Documents (houbei.documents): the most registration forms one zip may hold, and the CJK font
# file the PDF briefing is drawn with (empty: looked for among the system's fonts).
DOCUMENT_BATCH_LIMIT = env_int("DOCUMENT_BATCH_LIMIT", 200)
DOCUMENT_FONT = env_str("DOCUMENT_FONT", "")
# The API (/api/v1/): requests one token may make per minute (docs/decisions/0012-api-tokens.md).
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 120)

# Background jobs (houbei.jobs, docs/decisions/0025-background-jobs.md): tasks wait in the app's
# own database and `houbei worker` runs them. A running job without a heartbeat for this many
# seconds is failed as its worker's death (by the worker on start and `houbei jobs --reap`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 600)
# A list export of more rows than this is offered as a background job instead of being written
# in the request (docs/decisions/0031-export-and-assessment-jobs.md).
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 20_000)
