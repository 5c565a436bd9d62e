"""Settings, all read from environment variables. Every option is documented once, in the README.

STELSEL_DEBUG          "1" to enable Django's debug mode (never in production).
STELSEL_SECRET_KEY     secret key (at least 50 characters). Required: without it the application refuses to start,
                       unless STELSEL_ONTWIKKELING is on.
STELSEL_ONTWIKKELING   "1" for development, the demo and the test suite (the Makefile and
                       stelselbeheer.settings_ontwikkeling set it): without STELSEL_SECRET_KEY a random key is made
                       once per installation and kept in STELSEL_VAR_DIR/ontwikkelsleutel (mode 0600). Never in
                       production.
STELSEL_ALLOWED_HOSTS  comma-separated host names (default: localhost,127.0.0.1,testserver).
DATABASE_URL           database, e.g. sqlite:///var/stelsel.sqlite3 or postgres://user@host:5432/name.
                       Default: SQLite file var/stelsel.sqlite3 under the working directory.
STELSEL_VAR_DIR        directory for the SQLite file and other runtime data (default ./var).
STELSEL_TIME_ZONE      default Europe/Amsterdam.
STELSEL_DB_CONN_MAX_AGE seconds a database connection is reused by a worker (default 60; 0 = per request).
STELSEL_LOG_LEVEL      root log level (default WARNING).
STELSEL_LIJST_SLEUTEL  PEM private key that signs the published lists (default var/sleutels/register-sleutel.pem).
STELSEL_LIJST_CERTIFICAAT PEM certificate of that key (default var/sleutels/register-certificaat.pem).
STELSEL_LIJST_VOLGEND_CERTIFICAAT PEM certificate announced for a planned key rollover (optional).
STELSEL_LIJST_WISSEL_OP date (JJJJ-MM-DD) from which the announced certificate signs (optional).
STELSEL_LIJST_BEWAKING_DREMPEL share of a ZAL/OCL's entries (default 0.05) that a publication may remove
                       without explanation before it waits for a second staff member's approval.
STELSEL_LIJST_PUBLICATIE_VERTRAGING seconds between the first change that affects the lists and the automatic
                       publication that follows it (debounce; default 30).
STELSEL_TASKS_BACKEND  "immediate" or "dummy" instead of the database queue (default).
STELSEL_LIJST_MAX_LEEFTIJD seconds after which a live list counts as stale on /lijsten/gezondheid.json
                       (default 93600 = 26 hours: a daily scheduled publication plus margin).
STELSEL_LIJST_KOP_TTL  seconds the fast path for polls of the lists (lijsten/snelpad.py) keeps the lists' live
                       Volgnummers in memory before reading them again (default 1; 0: on every poll).
STELSEL_2FA_ROLLEN     roles that must use a second factor (TOTP), comma-separated (default "bestuur,uitvoering";
                       empty: none).
STELSEL_LOGIN_POGINGEN failed logins per username and address before a 15-minute block (default 5).
STELSEL_EMAIL_BACKEND  Django e-mail backend (default: console).
STELSEL_STATIC_ROOT    target of `stelsel collectstatic` for a production web server (unset: served by WhiteNoise).
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


VAR_DIR = Path(os.environ.get("STELSEL_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = _env_bool("STELSEL_DEBUG", False)
ONTWIKKELING = _env_bool("STELSEL_ONTWIKKELING", False)


def _ontwikkelsleutel(var_dir: Path) -> str:
    """A random key made once per installation for development and the demo. Never a key from the source:
    anyone who can read the source could then forge sessions. Made by link-after-write, so parallel test
    workers starting at once agree on one key."""
    pad = var_dir / "ontwikkelsleutel"
    if not pad.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        tijdelijk = var_dir / f".ontwikkelsleutel-{os.getpid()}"
        fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(64))
        try:
            os.link(tijdelijk, pad)
        except FileExistsError:
            pass
        finally:
            tijdelijk.unlink()
    return pad.read_text().strip()


def _geheime_sleutel() -> str:
    sleutel = os.environ.get("STELSEL_SECRET_KEY", "")
    if sleutel:
        if len(sleutel) < 50 or len(set(sleutel)) < 5:
            raise ImproperlyConfigured(
                "STELSEL_SECRET_KEY is te kort of te eenvoudig: gebruik minstens 50 willekeurige tekens, "
                "bijvoorbeeld de uitvoer van: python3 -c 'import secrets; print(secrets.token_urlsafe(64))'.")
        return sleutel
    if ONTWIKKELING or DEBUG:
        return _ontwikkelsleutel(VAR_DIR)
    raise ImproperlyConfigured(
        "STELSEL_SECRET_KEY is niet gezet. Zet in productie een geheime sleutel van minstens 50 willekeurige "
        "tekens; voor ontwikkeling, demo en tests: STELSEL_ONTWIKKELING=1 (de Makefile doet dat).")


SECRET_KEY = _geheime_sleutel()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get(
    "STELSEL_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "stelselbeheer.kern",
    "stelselbeheer.organisaties",
    "stelselbeheer.deelnemers",
    "stelselbeheer.register",
    "stelselbeheer.lijsten",
    "stelselbeheer.besluiten",
    "stelselbeheer.naleving",
    "stelselbeheer.meldingen",
    "stelselbeheer.overleg",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "stelselbeheer.kern.tweefactor.TweeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Staff security (issue 4): a second factor (TOTP, django-otp) for the roles below, login throttling
# (django-axes: 5 failures per username and address, then 15 minutes), sessions of at most 8 hours that end
# with the browser, the password rules below.
TWEEFACTOR_ROLLEN = {r for r in os.environ.get("STELSEL_2FA_ROLLEN", "bestuur,uitvoering").split(",") if r}
OTP_TOTP_ISSUER = "Stelselbeheer"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("STELSEL_LOGIN_POGINGEN", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "kern/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "stelselbeheer.urls"
WSGI_APPLICATION = "stelselbeheer.wsgi.application"

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
                "django.template.context_processors.i18n",
                "stelselbeheer.kern.context_processors.rechten",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'stelsel.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db,
                                     conn_max_age=int(os.environ.get("STELSEL_DB_CONN_MAX_AGE", "60")),
                                     conn_health_checks=True),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; the busy timeout makes a second writer wait
    # instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
         "transaction_mode": "IMMEDIATE"}
    )
    # Tests use a file too: an in-memory database uses shared-cache table locks, which ignore the busy
    # timeout, so concurrency tests would measure something production never does.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-stelsel.sqlite3")}

AUTH_USER_MODEL = "kern.Gebruiker"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Dutch only, whatever the browser asks: the project's own texts have no English catalogue yet, and a
# page must not claim lang="en" for Dutch content (WCAG 3.1.1). See "Bekende gaten" in the README.
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("STELSEL_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only set when collecting static files for a production web server; in between WhiteNoise serves from the apps.
STATIC_ROOT = os.environ.get("STELSEL_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LIJST_SLEUTEL = os.environ.get("STELSEL_LIJST_SLEUTEL") or str(VAR_DIR / "sleutels" / "register-sleutel.pem")
LIJST_CERTIFICAAT = (os.environ.get("STELSEL_LIJST_CERTIFICAAT")
                     or str(VAR_DIR / "sleutels" / "register-certificaat.pem"))
LIJST_VOLGEND_CERTIFICAAT = os.environ.get("STELSEL_LIJST_VOLGEND_CERTIFICAAT", "")
LIJST_WISSEL_OP = os.environ.get("STELSEL_LIJST_WISSEL_OP", "")
# Background work: Django's tasks framework (the django-tasks backport on Django 5.2) with a database queue;
# `stelsel db_worker` runs it. STELSEL_TASKS_BACKEND=immediate runs tasks at once (no worker needed).
TASKS = {"default": {"BACKEND": {"immediate": "django_tasks.backends.immediate.ImmediateBackend",
                                 "dummy": "django_tasks.backends.dummy.DummyBackend"}.get(
    os.environ.get("STELSEL_TASKS_BACKEND", ""), "django_tasks_db.DatabaseBackend")}}
LIJST_PUBLICATIE_VERTRAGING = int(os.environ.get("STELSEL_LIJST_PUBLICATIE_VERTRAGING", "30"))
LIJST_BEWAKING_DREMPEL = float(os.environ.get("STELSEL_LIJST_BEWAKING_DREMPEL", "0.05"))
LIJST_MAX_LEEFTIJD = int(os.environ.get("STELSEL_LIJST_MAX_LEEFTIJD", str(26 * 3600)))
MEDIA_ROOT = VAR_DIR / "bestanden"  # attachments; served only through views that check who may see them
LIJST_KOP_TTL = float(os.environ.get("STELSEL_LIJST_KOP_TTL", "1"))

EMAIL_BACKEND = os.environ.get("STELSEL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STELSEL_LOG_LEVEL", "WARNING")},
}
