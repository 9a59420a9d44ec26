"""Page editors edit form pages, but where the mail goes is the Form administrators'
call, and the DP acceptance wording goes through Legal approval."""

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from forms.models import DPTermsPage, FormPage
from forms.permissions import grant_form_administrators
from tests.legal.factories import UserFactory

from .conftest import ROUTES, make_form_page
from .test_acceptance import ACCEPT, dp_page, exhibit, version  # noqa: F401

pytestmark = pytest.mark.django_db
EVIL = "mallory@evil.example"


@pytest.fixture
def support(home_page):
    page = make_form_page(
        home_page, slug="support", route_field="subscription", routes=ROUTES
    )
    grant_form_administrators(page=page)
    return page


def user_in(group: str):
    return UserFactory(is_staff=True, groups=[group])


def edit_form(client, page):
    """The admin edit form as the logged-in user sees it, as POST data."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response, querydict_from_html(response.text, form_id="page-edit-form")


def post_edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_editor_cannot_redirect_form_mail(client, support):
    client.force_login(user_in("Editors"))
    response, data = edit_form(client, support)
    assert 'name="to_address"' not in response.text
    assert 'name="routes-TOTAL_FORMS"' not in response.text
    assert 'name="form_fields-TOTAL_FORMS"' in response.text  # still edits the form
    # A forged post: addresses, routes and the copy-to-submitter switch.
    data.update(
        {
            "title": "Support (edited)",
            "to_address": EVIL,
            "from_address": EVIL,
            "confirm_to_submitter": "on",
            "route_field": "name",
            "routes-TOTAL_FORMS": "1",
            "routes-INITIAL_FORMS": "0",
            "routes-MIN_NUM_FORMS": "0",
            "routes-MAX_NUM_FORMS": "1000",
            "routes-0-choice": "Private Cloud",
            "routes-0-team_email": EVIL,
            "routes-0-ORDER": "1",
            "routes-0-DELETE": "",
            "action-publish": "action-publish",
        }
    )
    assert post_edit(client, support, data).status_code == 302
    page = FormPage.objects.get(pk=support.pk)
    assert page.title == "Support (edited)"  # the editor's own change went live
    assert (page.to_address, page.from_address) == ("sales@lumen.example", "")
    assert not page.confirm_to_submitter
    assert page.route_field == "subscription"
    assert {r.choice: r.team_email for r in page.routes.all()} == ROUTES
    latest = page.get_latest_revision_as_object()
    assert latest.to_address == "sales@lumen.example"
    assert {r.team_email for r in latest.routes.all()} == set(ROUTES.values())


def test_form_administrators_change_where_mail_goes(client, support):
    client.force_login(user_in("Form administrators"))
    response, data = edit_form(client, support)
    assert 'name="to_address"' in response.text
    assert 'name="routes-TOTAL_FORMS"' in response.text
    data["to_address"] = "desk@lumen.example"
    data["routes-0-team_email"] = "msa-desk@lumen.example"
    assert post_edit(client, support, data).status_code == 302
    latest = FormPage.objects.get(pk=support.pk).get_latest_revision_as_object()
    assert latest.to_address == "desk@lumen.example"
    assert "msa-desk@lumen.example" in {r.team_email for r in latest.routes.all()}


def test_dp_wording_goes_through_legal_approval(client, dp_page):  # noqa: F811
    editor = user_in("Editors")
    client.force_login(editor)
    response, data = edit_form(client, dp_page)
    assert 'name="action-publish"' not in response.text
    assert 'name="action-submit"' in response.text  # to the Legal approval workflow
    assert dp_page.get_workflow().name == "Legal approval"
    label = next(k for k, v in data.items() if v == ACCEPT)
    data[label] = "I accept whatever the editor wrote"
    data["action-publish"] = "action-publish"
    post_edit(client, dp_page, data)
    live = DPTermsPage.objects.get(pk=dp_page.pk)
    assert ACCEPT in [f.label for f in live.form_fields.all()]
    assert not live.permissions_for_user(editor).can_publish()
    assert not live.permissions_for_user(editor).can_unpublish()
    legal_editor = user_in("Legal editors")
    assert live.permissions_for_user(legal_editor).can_publish()
    client.force_login(legal_editor)
    response, data = edit_form(client, dp_page)
    assert 'name="action-publish"' in response.text


def test_editors_still_create_form_pages(client, home_page):
    client.force_login(user_in("Editors"))
    url = reverse("wagtailadmin_pages:add", args=("forms", "formpage", home_page.pk))
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="to_address"' not in response.text
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update({"title": "Partners", "slug": "partners", "to_address": EVIL})
    assert client.post(url, data).status_code == 302
    page = FormPage.objects.get(slug="partners")
    assert page.to_address == ""
    assert not page.routes.exists()
