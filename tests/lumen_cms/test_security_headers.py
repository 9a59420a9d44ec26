"""Security headers on public pages, the API, the 404 page and the Wagtail admin."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.test import override_settings

import pytest

from tests.catalog.factories import (
    EstimatorPageFactory,
    ProductCategoryPageFactory,
    ServicePageFactory,
)

ROOT = Path(__file__).resolve().parents[2]
SIX_MONTHS = 15_768_000
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lumen_cms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "www.lumen.example",
    "DATABASE_URL": "postgres://lumen@db.lumen.example:5432/lumen",
    "CACHE_URL": "redis://cache.lumen.example:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.lumen.example:587",
}


def policy(response, header: str = "Content-Security-Policy") -> dict[str, list]:
    """The CSP header as {directive: [sources]}."""
    assert header in response, f"no {header} on {response.wsgi_request.path}"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict_public_policy(response) -> None:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'self'" in csp["script-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


def assert_common_headers(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-site"


class ExecutableContent(HTMLParser):
    """Everything in a page the strict policy would block or must allow by origin."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str] = []
        self.script_srcs: list[str] = []
        self.stylesheets: list[str] = []
        self.event_handlers: list[str] = []
        self.javascript_urls: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.event_handlers += [f"{tag}[{a}]" for a in attrs if a.startswith("on")]
        for name in ("href", "src", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            if value.startswith("javascript:"):
                self.javascript_urls.append(value)
        if tag == "script":
            kind = attrs.get("type", "text/javascript")
            if attrs.get("src"):
                self.script_srcs.append(attrs["src"])
            elif kind not in {"application/json", "text/template"}:
                self._in_inline_script = True
                self.inline_scripts.append("")
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data):
        if self._in_inline_script:
            self.inline_scripts[-1] += data


def executable_content(response) -> ExecutableContent:
    parser = ExecutableContent()
    parser.feed(response.content.decode())
    return parser


def assert_runs_under_strict_policy(response, *, scripts: set[str]) -> None:
    """What `script-src 'self'` needs: same-origin script files, nothing inline."""
    found = executable_content(response)
    assert found.inline_scripts == []
    assert found.event_handlers == []
    assert found.javascript_urls == []
    assert scripts <= set(found.script_srcs), found.script_srcs
    for url in found.script_srcs + found.stylesheets:
        assert url.startswith("/static/") or url.startswith("//testserver/static/"), url


@pytest.fixture
def service_page(home_page):
    category = ProductCategoryPageFactory(parent=home_page, slug="managed-services")
    return ServicePageFactory(parent=category, slug="managed-backup")


def test_home_page_has_the_strict_policy_and_headers(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert_strict_public_policy(response)
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert_runs_under_strict_policy(response, scripts={"/static/js/navigation.js"})


def test_service_page_has_the_strict_policy_and_headers(client, service_page):
    response = client.get(service_page.url)
    assert response.status_code == 200
    assert_strict_public_policy(response)
    assert_common_headers(response)
    assert_runs_under_strict_policy(response, scripts={"/static/js/navigation.js"})


def test_estimator_script_loads_under_the_strict_policy(client, home_page):
    page = EstimatorPageFactory(parent=home_page)
    response = client.get(page.url)
    assert response.status_code == 200
    assert_strict_public_policy(response)
    assert_runs_under_strict_policy(
        response, scripts={"/static/js/navigation.js", "/static/catalog/estimator.js"}
    )
    # Its fetch goes to this origin, which connect-src allows.
    assert policy(response)["connect-src"] == ["'self'"]


def test_wagtail_userbar_loads_under_the_strict_policy(
    client, home_page, django_user_model
):
    editor = django_user_model.objects.create_superuser("ed", "ed@x.example", "pw")
    client.force_login(editor)
    response = client.get("/")
    found = executable_content(response)
    assert any("userbar" in src for src in found.script_srcs), found.script_srcs
    assert_strict_public_policy(response)
    assert_runs_under_strict_policy(response, scripts={"/static/js/navigation.js"})


def test_api_responses_carry_the_headers(client, home_page):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert_strict_public_policy(response)
    assert_common_headers(response)
    navigation = client.get("/api/v2/navigation/")
    assert_common_headers(navigation)


def test_not_found_page_carries_the_headers(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_strict_public_policy(response)
    assert_common_headers(response)
    assert_runs_under_strict_policy(response, scripts={"/static/js/navigation.js"})
    api_404 = client.get("/api/v2/no-such-endpoint/")
    assert api_404.status_code == 404
    assert_common_headers(api_404)


def test_admin_has_its_own_looser_policy(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert {"'self'", "'unsafe-inline'", "'unsafe-eval'"} <= set(csp["script-src"])
    assert csp["frame-ancestors"] == ["'self'"]  # the preview panel frames the admin
    assert csp["frame-src"][0] == "'self'"
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert_common_headers(response)


def test_admin_login_uses_the_admin_policy(client, home_page):
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert "'unsafe-inline'" in policy(login)["script-src"]


def test_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(
    admin_client, home_page
):
    """Previews render the page through the middleware on a dummy request."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from tests.lumen_cms.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, slug="preview-me")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {"title": "Draft title", "slug": page.slug, "intro": "Draft intro",
         "body": streamfield([])}
    )  # fmt: skip
    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "Draft intro" in preview.text
    csp = policy(preview)
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert_runs_under_strict_policy(preview, scripts={"/static/js/navigation.js"})


def test_nonce_is_added_when_a_template_asks_for_one(rf):
    """Templates may opt in with request.csp_nonce; the header then carries it."""
    from django.http import HttpResponse

    from lumen_cms.middleware import ContentSecurityPolicyMiddleware

    request = rf.get("/")
    middleware = ContentSecurityPolicyMiddleware(lambda r: HttpResponse())
    middleware.process_request(request)
    nonce = str(request.csp_nonce)
    response = middleware.process_response(request, HttpResponse())
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]


def test_cors_stays_closed_unless_configured(client, home_page, settings):
    origin = "https://front.lumen.example"
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=origin)
    assert "Access-Control-Allow-Origin" not in response
    settings.CORS_ALLOWED_ORIGINS = [origin]
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=origin)
    assert response["Access-Control-Allow-Origin"] == origin
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN=origin)


def test_session_and_csrf_cookies_are_httponly_and_samesite(
    client, home_page, django_user_model, settings
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    django_user_model.objects.create_superuser("boss", "b@x.example", "pw-correct")
    login_page = client.get("/admin/login/")
    csrf = login_page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax" and csrf["secure"]
    response = client.post(
        "/admin/login/", {"username": "boss", "password": "pw-correct"}
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax" and session["secure"]


def _production_env(**extra: str) -> dict[str, str]:
    """This process's environment without the test settings' DJANGO_* values."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {**env, **PRODUCTION_ENV, **extra}


def _production_settings(**extra: str) -> dict:
    """Import the production settings in a fresh interpreter with `extra` env."""
    code = (
        "import json, lumen_cms.settings.production as s;"
        "print(json.dumps({k: getattr(s, k) for k in dir(s) if k.isupper()},"
        " default=str))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_production_env(**extra),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_turns_on_hsts_https_and_secure_cookies():
    prod = _production_settings(DJANGO_DEBUG="true")
    assert prod["DEBUG"] is False  # never on in production, whatever the env says
    assert prod["SECURE_HSTS_SECONDS"] >= SIX_MONTHS
    assert prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod["SECURE_HSTS_PRELOAD"] is False
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["SESSION_COOKIE_SECURE"] and prod["CSRF_COOKIE_SECURE"]
    assert prod["STORAGES"]["staticfiles"]["BACKEND"].endswith(
        "CompressedManifestStaticFilesStorage"
    )
    assert prod["CACHES"]["default"]["BACKEND"].endswith("redis.RedisCache")
    assert prod["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert prod["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert "cached.Loader" in json.dumps(prod["TEMPLATES"])
    assert "WAGTAILFRONTENDCACHE" not in prod
    relaxed = _production_settings(
        DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SECURE_HSTS_PRELOAD="true"
    )
    assert relaxed["SECURE_SSL_REDIRECT"] is False
    assert relaxed["SECURE_HSTS_PRELOAD"] is True


def test_production_media_on_s3_and_cdn_purge_by_environment():
    prod = _production_settings(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="lumen-media",
        AWS_S3_ENDPOINT_URL="https://objects.lumen.example",
        FRONTEND_CACHE_BACKEND="cloudflare",
        CLOUDFLARE_BEARER_TOKEN="token",
        CLOUDFLARE_ZONEID="zone",
    )
    storage = prod["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "lumen-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://objects.lumen.example"
    assert prod["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    directives = prod["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "https://objects.lumen.example" in directives["img-src"]
    assert prod["WAGTAILFRONTENDCACHE"]["default"]["ZONEID"] == "zone"
    assert "wagtail.contrib.frontend_cache" in prod["INSTALLED_APPS"]


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(subprocess.CalledProcessError) as error:
        _production_settings(SECRET_KEY="")
    assert "SECRET_KEY" in error.value.stderr


@pytest.mark.django_db
def test_hsts_header_with_the_production_values(client, home_page):
    prod = _production_settings()
    with override_settings(
        SECURE_HSTS_SECONDS=prod["SECURE_HSTS_SECONDS"],
        SECURE_HSTS_INCLUDE_SUBDOMAINS=prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"],
        SECURE_SSL_REDIRECT=True,
    ):
        assert client.get("/").status_code == 301  # plain HTTP goes to HTTPS
        response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        f"max-age={prod['SECURE_HSTS_SECONDS']}; includeSubDomains"
    )


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
