"""Settings, all read from environment variables. Every option is documented once, in the README.

STELSEL_DEBUG          "1" to enable Django's debug mode (never in production).
STELSEL_SECRET_KEY     secret key (at least 50 characters). Required to serve: without it the WSGI application
                       refuses to start, unless STELSEL_ONTWIKKELING is on. Commands that sign nothing (migrate,
                       makemigrations, backup) still run; whatever needs the key fails on Django's empty-key error.
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
STELSEL_LOG_FORMAAT    "tekst" (default): readable lines with the request id in brackets; "json": one JSON object
                       per line (time, level, logger, message, request_id, exc_info), for a log collector. Every line
                       written while a request is handled carries its id (X-Request-ID from nginx, or a new one;
                       kern/logboek.py, kern/waarneming.py).
STELSEL_METRICS_ADRESSEN addresses or networks (comma-separated, e.g. 127.0.0.1,::1,10.0.0.0/8) that may read
                       /metrics on a direct connection to gunicorn (default 127.0.0.1,::1; empty: none). A request
                       through the proxy never gets in by address.
STELSEL_METRICS_TOKEN  a secret of at least 32 characters: "Authorization: Bearer <token>" may read /metrics from
                       anywhere the request can reach it (default unset: by address only).
STELSEL_BACKUP_MAP     where `stelsel backup` writes its archive when given no target (default STELSEL_VAR_DIR/backups).
STELSEL_BACKUP_ONTVANGERS age public keys (age1…, comma-separated): `stelsel backup` encrypts its archive to them
                       (*.tar.gz.age); `stelsel backup-sleutel BESTAND` makes a key pair. Unset: not encrypted.
STELSEL_BACKUP_IDENTITEIT file with the age private key `stelsel restore` decrypts an encrypted archive with (or
                       --identiteit); keep it off this machine, with whoever restores.
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
STELSEL_ANTWOORDCACHE_SECONDEN seconds an answer of the public register search (page, API) is kept, until the
                       next audited change at the latest (kern/antwoordcache.py; default 300, with
                       STELSEL_ONTWIKKELING 0; 0: not kept).
STELSEL_ANTWOORDCACHE_STAND_SECONDEN seconds between two readings of the audit chain's head by which kept answers are
                       versioned (default 1; 0: every question): a change is seen by the public within that time.
STELSEL_ANTWOORDCACHE_AANTAL answers kept at most (default 2000; about 40 MB at 20 kB each).
STELSEL_ANTWOORDCACHE_MAP a directory (only the service's user may write it: it holds pickled answers) in which
                       gunicorn's processes share those answers; deploy/gunicorn.conf.py makes a fresh one under
                       /dev/shm when unset. Unset outside gunicorn: each process keeps its own, in memory.
STELSEL_LIJST_BESTANDEN directory into which every publication also writes the list documents as static files for
                       nginx (lijsten/bestanden.py): it mirrors the site's paths, so the ZAL is
                       <dir>/lijsten/zal.xml (nginx: root <dir>). Unset (default): no files, the application
                       serves the lists itself.
STELSEL_2FA_ROLLEN     roles that must use a second factor (TOTP), comma-separated (default "bestuur,uitvoering";
                       empty: none).
STELSEL_2FA_INSCHRIJVING_UREN hours an enrolment code for the second factor stays valid (default 72).
STELSEL_LOGIN_POGINGEN failed logins per username and address before a 15-minute block (default 5).
STELSEL_LIMIET_SCHRIJVEN rate limit on public writes (meldingen and aanmeldingen, pages and API together) per
                       client: the account when logged in, else the client address (default "20/h"; a
                       django-ratelimit rate such as "5/m", "20/h", "100/d" or "3/10m"; empty: no limit).
STELSEL_LIMIET_EMAIL   rate limit on public writes per e-mail address given by the sender (default "5/h").
STELSEL_LIMIET_STATUSCODE failed look-ups of a melding's status code per client (default "20/h"); once reached,
                       every look-up from that client gets 429 until the window ends, also with a right code.
                       The client address is the one STELSEL_PROXY_AANTAL describes (IPv6 per /64).
STELSEL_LIMIET_TOKEN   failed API-token attempts per client address (default "20/h"); once reached, every call with
                       a token from that address gets 429 until the window ends, also with a valid token.
STELSEL_API_TOKEN_DAGEN days an API token is valid when its maker chooses no expiry (default 90).
STELSEL_API_TOKEN_MAX_DAGEN the longest validity an API token may get, in days (default 365).
STELSEL_EMAIL_BACKEND  Django e-mail backend (default: console; production: the smtp backend).
STELSEL_EMAIL_HOST, STELSEL_EMAIL_PORT, STELSEL_EMAIL_USER, STELSEL_EMAIL_PASSWORD the SMTP server and its login
                       (default localhost:25, no login); STELSEL_EMAIL_TLS "1" (STARTTLS) or STELSEL_EMAIL_SSL "1"
                       (implicit TLS, port 465), not both; STELSEL_EMAIL_TIMEOUT seconds (default 10).
STELSEL_EMAIL_AFZENDER the From address of every message (default "Stelselbeheer <noreply@localhost>").
STELSEL_STATIC_ROOT    target of `stelsel collectstatic` for a production web server (unset: served by WhiteNoise).

Behind a reverse proxy that terminates TLS (deploy/: nginx in front of gunicorn). The documented production
environment is deploy/stelselbeheer.env.voorbeeld; with it `stelsel check --deploy` reports nothing
(tests/kern/test_productie.py):
STELSEL_PROXY_SSL_HEADER "1": the proxy sets X-Forwarded-Proto (and overwrites what a client sends); a request
                       with "X-Forwarded-Proto: https" counts as secure. Only with a proxy that the application
                       cannot be reached around. Default off.
STELSEL_PROXY_AANTAL   number of reverse proxies in front that append the client's address to X-Forwarded-For
                       (default 0: the peer address REMOTE_ADDR is the client). Login throttling counts failures
                       per address, and so do the front door's rate limits; behind one nginx they would otherwise
                       see every client as 127.0.0.1.
STELSEL_CSRF_TRUSTED_ORIGINS comma-separated origins (scheme and host, e.g. https://stelsel.example.nl) from which
                       forms may be posted, for when the proxy changes scheme or port. Default: none.
STELSEL_SECURE_COOKIES "1": session and CSRF cookies only over HTTPS. Default on, unless STELSEL_ONTWIKKELING or
                       STELSEL_DEBUG is on (the demo runs over plain HTTP).
STELSEL_HSTS_SECONDS   Strict-Transport-Security max-age on HTTPS answers (default 0: no header; production:
                       31536000 once HTTPS works for the host).
STELSEL_HSTS_INCLUDE_SUBDOMAINS, STELSEL_HSTS_PRELOAD "1": add includeSubDomains / preload to that header
                       (default off; only when every subdomain is served over HTTPS).
STELSEL_SSL_REDIRECT   "1": Django answers plain-HTTP requests with a redirect to HTTPS (default off; nginx already
                       does so in deploy/). The health endpoints /gezond/… are exempt, so a probe on the internal
                       port gets its answer.

Content Security Policy (django-csp): every page loads scripts, styles, images and fonts from this site only; no
inline script or style attribute, no framing, forms post only to this site. The API documentation (Swagger UI) is
served from the project's own static files (django-ninja's, with "ninja" installed), not from a CDN.
"""

import datetime as dt
import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
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
    return ""  # Django refuses every use of an empty key; stelselbeheer.wsgi refuses to start with SLEUTEL_ONTBREEKT


#: why the application may not serve, or "" (read by stelselbeheer.wsgi before it builds the application)
SLEUTEL_ONTBREEKT = "" if os.environ.get("STELSEL_SECRET_KEY") or ONTWIKKELING or DEBUG else (
    "STELSEL_SECRET_KEY is niet gezet. Zet in productie een geheime sleutel van minstens 50 willekeurige tekens; "
    "voor ontwikkeling, demo en tests: STELSEL_ONTWIKKELING=1 (de Makefile doet dat).")
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
    "ninja",  # Swagger UI for /api/docs from the project's own static files instead of a CDN
    "csp",
    "django_filters",  # the filter bars of the list pages (GET parameters, bookmarkable)
    "stelselbeheer.kern",
    "stelselbeheer.organisaties",
    "stelselbeheer.deelnemers",
    "stelselbeheer.register",
    "stelselbeheer.lijsten",
    "stelselbeheer.besluiten",
    "stelselbeheer.naleving",
    "stelselbeheer.meldingen",
    "stelselbeheer.overleg",
    "stelselbeheer.implementatie",
    "stelselbeheer.afsprakenset",
    "stelselbeheer.wijzigingen",
    "stelselbeheer.adoptie",
    "stelselbeheer.knelpunten",
    "stelselbeheer.regionaal",
    "stelselbeheer.demo",  # top of the dependency graph: imports every app, none imports it
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_ratelimit",
]

MIDDLEWARE = [
    "stelselbeheer.api.fouten.ProbleemMiddleware",  # outermost: also sees the answers to errors of the others
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "stelselbeheer.kern.tweefactor.TweeFactorMiddleware",
    "stelselbeheer.api.invoer.PadMiddleware",  # a NUL in an /api/ path: 404 before any lookup
    "stelselbeheer.api.auth.TokenMiddleware",  # Authorization: Bearer under /api/: the token's account is the user
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Staff security (issue 4): a second factor (TOTP, django-otp) for the roles below, login throttling
# (django-axes: 5 failures per username and address, then 15 minutes), sessions of at most 8 hours that end
# with the browser, the password rules below.
TWEEFACTOR_ROLLEN = {r for r in os.environ.get("STELSEL_2FA_ROLLEN", "bestuur,uitvoering").split(",") if r}
TWEEFACTOR_INSCHRIJVING_UREN = int(os.environ.get("STELSEL_2FA_INSCHRIJVING_UREN", "72"))
OTP_TOTP_ISSUER = "Stelselbeheer"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("STELSEL_LOGIN_POGINGEN", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "kern/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True

# Abuse of the public front door (issue 16, rule MEL-MISBRUIK): rate limits with django-ratelimit, counted in a
# cache every process shares (a database table: `stelsel createcachetable`). Django's DatabaseCache increments by
# get-then-set, which loses counts under concurrency and resets the entry's expiry; kern/cache.py makes the
# increment atomic, so django-ratelimit's "not officially supported backend" warning is silenced on purpose.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "limieten": {"BACKEND": "stelselbeheer.kern.cache.AtomischeDatabaseCache", "LOCATION": "stelsel_limieten",
                 "OPTIONS": {"MAX_ENTRIES": 100_000}},
    # answers for the public kept until the next audited change (kern/antwoordcache.py): shared by gunicorn's
    # processes through a private directory (deploy/gunicorn.conf.py makes it), otherwise per process
    "antwoorden": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                   "LOCATION": os.environ["STELSEL_ANTWOORDCACHE_MAP"]} if os.environ.get("STELSEL_ANTWOORDCACHE_MAP")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stelsel-antwoorden"},
}
CACHES["antwoorden"]["OPTIONS"] = {"MAX_ENTRIES": int(os.environ.get("STELSEL_ANTWOORDCACHE_AANTAL", "2000"))}
ANTWOORDCACHE_SECONDEN = int(os.environ.get("STELSEL_ANTWOORDCACHE_SECONDEN", "0" if ONTWIKKELING else "300"))
ANTWOORDCACHE_STAND_SECONDEN = float(os.environ.get("STELSEL_ANTWOORDCACHE_STAND_SECONDEN", "1"))
RATELIMIT_USE_CACHE = "limieten"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
LIMIETEN = {
    "schrijven": os.environ.get("STELSEL_LIMIET_SCHRIJVEN", "20/h"),
    "email": os.environ.get("STELSEL_LIMIET_EMAIL", "5/h"),
    "statuscode": os.environ.get("STELSEL_LIMIET_STATUSCODE", "20/h"),
    "token": os.environ.get("STELSEL_LIMIET_TOKEN", "20/h"),
}
# API tokens for participants' and regions' systems (issue 15, rule API-TOKEN): default and longest validity.
API_TOKEN_GELDIG_DAGEN = int(os.environ.get("STELSEL_API_TOKEN_DAGEN", "90"))
API_TOKEN_MAX_DAGEN = int(os.environ.get("STELSEL_API_TOKEN_MAX_DAGEN", "365"))

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

#: days an invitation's or "wachtwoord vergeten" link to set a password works (TOE-ACCOUNT; it works once)
PASSWORD_RESET_TIMEOUT = int(os.environ.get("STELSEL_WACHTWOORDLINK_DAGEN", "3")) * 86400
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "stelselbeheer.kern.wachtwoord.MinimumLengte", "OPTIONS": {"min_length": 12}},  # Dutch message
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
CSRF_FAILURE_VIEW = "stelselbeheer.kern.views.csrf_fout"

# Production behind a TLS-terminating proxy (issue 15): see the module docstring and deploy/.
if _env_bool("STELSEL_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
PROXY_AANTAL = int(os.environ.get("STELSEL_PROXY_AANTAL", "0"))
AXES_CLIENT_IP_CALLABLE = "stelselbeheer.kern.views.client_adres"
# the rate limits of the front door count per client address too: the same address behind the proxies
RATELIMIT_IP_META_KEY = "stelselbeheer.kern.views.client_adres"
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("STELSEL_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("STELSEL_SECURE_COOKIES", not (ONTWIKKELING or DEBUG))
SECURE_HSTS_SECONDS = int(os.environ.get("STELSEL_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("STELSEL_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_bool("STELSEL_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = _env_bool("STELSEL_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^gezond/"]

# Content Security Policy (django-csp 4). The templates carry no inline script, style attribute or event handler;
# Swagger UI's settings are a JSON data block, its script a static file. Images may be data: URIs (Swagger UI's
# icons in its stylesheet).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

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
LIJST_BESTANDEN = Path(os.environ["STELSEL_LIJST_BESTANDEN"]).resolve() if os.environ.get(
    "STELSEL_LIJST_BESTANDEN") else None

EMAIL_BACKEND = os.environ.get("STELSEL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("STELSEL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("STELSEL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("STELSEL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("STELSEL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("STELSEL_EMAIL_TLS")
EMAIL_USE_SSL = _env_bool("STELSEL_EMAIL_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("STELSEL_EMAIL_TLS en STELSEL_EMAIL_SSL sluiten elkaar uit: kies STARTTLS (meestal "
                               "poort 587) of directe TLS (poort 465).")
EMAIL_TIMEOUT = int(os.environ.get("STELSEL_EMAIL_TIMEOUT", "10"))  # a stuck MTA must not hold a worker forever
DEFAULT_FROM_EMAIL = os.environ.get("STELSEL_EMAIL_AFZENDER", "Stelselbeheer <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Operations (issue 15): structured logs with the request id, Prometheus metrics, backups. See the module docstring.
LOG_FORMAAT = os.environ.get("STELSEL_LOG_FORMAAT", "tekst").strip().lower()
if LOG_FORMAAT not in {"tekst", "json"}:
    raise ImproperlyConfigured(f"STELSEL_LOG_FORMAAT={LOG_FORMAAT!r}: kies 'tekst' of 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"verzoek": {"()": "stelselbeheer.kern.logboek.VerzoekFilter"}},
    "formatters": {
        "tekst": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "stelselbeheer.kern.logboek.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["verzoek"], "formatter": LOG_FORMAAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("STELSEL_LOG_LEVEL", "WARNING")},
}


def _netwerken(naam: str, standaard: str) -> list[str]:
    netwerken = [n.strip() for n in os.environ.get(naam, standaard).split(",") if n.strip()]
    for netwerk in netwerken:
        try:
            ipaddress.ip_network(netwerk, strict=False)
        except ValueError as e:
            raise ImproperlyConfigured(f"{naam}: {netwerk!r} is geen IP-adres of netwerk ({e}).") from e
    return netwerken


METRICS_ADRESSEN = _netwerken("STELSEL_METRICS_ADRESSEN", "127.0.0.1,::1")
METRICS_TOKEN = os.environ.get("STELSEL_METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("STELSEL_METRICS_TOKEN is te kort: gebruik minstens 32 willekeurige tekens.")
BACKUP_MAP = Path(os.environ.get("STELSEL_BACKUP_MAP") or VAR_DIR / "backups")
BACKUP_ONTVANGERS = [o.strip() for o in os.environ.get("STELSEL_BACKUP_ONTVANGERS", "").split(",") if o.strip()]
BACKUP_IDENTITEIT = os.environ.get("STELSEL_BACKUP_IDENTITEIT", "")
