"""Settings → Webhooks and Settings → Webhook deliveries (lumen_cms.webhooks.admin)."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from lumen_cms.models import WebhookDelivery, WebhookEndpoint
from lumen_cms.webhooks import signing
from lumen_cms.webhooks.change_set import ContentChange
from lumen_cms.webhooks.outbox import queue_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "a@x.example", "pw")
    client.force_login(user)
    return client


def form_data(**values):
    return {"name": "Next.js", "url": "https://front.example/api/revalidate",
            "secret": "", "site": "", "is_active": "on", **values}  # fmt: skip


def test_a_new_endpoint_is_offered_a_generated_secret(admin_client):
    page = admin_client.get("/admin/webhooks/new/").content.decode()
    offered = re.search(r'name="secret" value="(whsec_[^"]+)"', page).group(1)
    signing.secret_key(offered)
    response = admin_client.post("/admin/webhooks/new/", form_data(secret=offered))
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().secret == offered


def test_the_secret_is_never_shown_back_and_kept_unless_replaced(admin_client):
    secret = signing.generate_secret()
    endpoint = WebhookEndpoint.objects.create(
        name="Front", url="https://front.example/hook", secret=secret
    )
    for url in ("/admin/webhooks/", f"/admin/webhooks/edit/{endpoint.pk}/"):
        page = admin_client.get(url).content.decode()
        assert secret not in page
        assert secret[6:20] not in page
    page = admin_client.get(f"/admin/webhooks/edit/{endpoint.pk}/").content.decode()
    assert f"whsec_…{secret[-4:]}" in page
    response = admin_client.post(
        f"/admin/webhooks/edit/{endpoint.pk}/", form_data(name="Renamed")
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.secret) == ("Renamed", secret)
    new = signing.generate_secret()
    admin_client.post(f"/admin/webhooks/edit/{endpoint.pk}/", form_data(secret=new))
    endpoint.refresh_from_db()
    assert endpoint.secret == new


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"secret": "hunter2"}, "must start with whsec_"),
        ({"secret": ""}, "A signing secret is required"),
        ({"url": "ftp://front.example/x"}, "Use an http:// or https:// address"),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL"),
    ],
)
def test_bad_endpoints_are_form_errors(admin_client, values, message):
    response = admin_client.post("/admin/webhooks/new/", form_data(**values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


@pytest.fixture
def delivery(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = queue_change(ContentChange(kinds={"publish"}, tags={"page:1"}))
    return WebhookDelivery.objects.get(pk=delivery.pk)


def test_the_delivery_log_shows_status_code_and_body(admin_client, delivery):
    listing = admin_client.get("/admin/webhook_deliveries/").content.decode()
    assert "Queued" in listing and "503" in listing and "publish" in listing
    filtered = admin_client.get("/admin/webhook_deliveries/?status=sent")
    assert "503" not in filtered.content.decode()
    inspect = admin_client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/")
    page = inspect.content.decode()
    assert str(delivery.message_id) in page
    assert "HTTP 503" in page
    assert delivery.endpoint.secret not in page
    assert admin_client.get("/admin/webhook_deliveries/new/").status_code == 302
    edit = admin_client.get(f"/admin/webhook_deliveries/edit/{delivery.pk}/")
    assert edit.status_code == 302  # the log is not editable


def test_resend_asks_then_sends_again(
    admin_client, delivery, receiver, django_capture_on_commit_callbacks
):
    url = f"/admin/webhook_deliveries/resend/{delivery.pk}/"
    assert "Resend" in admin_client.get(url).content.decode()
    assert len(receiver.requests) == 1
    receiver.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SENT
    assert len(receiver.requests) == 2


def test_a_test_delivery_reaches_only_that_endpoint(
    admin_client, endpoint, receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(
        name="Other", url="http://127.0.0.1:9/", secret=signing.generate_secret()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/webhooks/ping/{endpoint.pk}/")
    assert response.status_code == 302
    [body] = receiver.bodies()
    assert body["changes"] == ["ping"]
    assert WebhookDelivery.objects.count() == 1


def test_editors_without_the_permission_see_none_of_it(client, delivery):
    editor = get_user_model().objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for url in (
        "/admin/webhooks/",
        "/admin/webhook_deliveries/",
        f"/admin/webhook_deliveries/resend/{delivery.pk}/",
        f"/admin/webhooks/ping/{delivery.endpoint_id}/",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(
        f"/admin/webhook_deliveries/resend/{delivery.pk}/"
    ).status_code in (
        302,
        403,
    )


def test_row_actions_are_offered_only_to_users_who_may_change(client, delivery):
    from django.contrib.auth.models import Permission

    resend = f"/admin/webhook_deliveries/resend/{delivery.pk}/"
    ping = f"/admin/webhooks/ping/{delivery.endpoint_id}/"
    viewer = get_user_model().objects.create_user("viewer", password="pw")
    viewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_webhookdelivery",
                "view_webhookendpoint",
            ]
        )
    )
    client.force_login(viewer)
    deliveries = client.get("/admin/webhook_deliveries/")
    endpoints = client.get("/admin/webhooks/")
    assert deliveries.status_code == endpoints.status_code == 200
    assert resend not in deliveries.content.decode()
    assert ping not in endpoints.content.decode()
    viewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["change_webhookdelivery", "change_webhookendpoint"]
        )
    )
    assert resend in client.get("/admin/webhook_deliveries/").content.decode()
    assert ping in client.get("/admin/webhooks/").content.decode()
