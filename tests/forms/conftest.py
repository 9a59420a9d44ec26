import time

import pytest

from forms import spam
from forms.models import FormField, FormPage, FormRoute

ROUTES = {
    "Managed Services Anywhere": "msa@lumen.example",
    "Private Cloud": "pc@lumen.example",
}


def make_form_page(parent, *, slug="contact-us", route_field="", routes=None, **kwargs):
    page = FormPage(
        title=kwargs.pop("title", "Contact Us"),
        slug=slug,
        to_address="sales@lumen.example",
        thank_you_text="<p>Thanks for contacting us!</p>",
        route_field=route_field,
        **kwargs,
    )
    page.form_fields = [
        FormField(label="Name", field_type="singleline", required=True),
        FormField(label="Email", field_type="email", required=True),
        FormField(label="Phone", field_type="singleline", required=False),
        FormField(label="Message", field_type="multiline", required=True),
        *(
            [
                FormField(
                    label="Subscription",
                    field_type="radio",
                    required=True,
                    choices="Managed Services Anywhere\nPrivate Cloud\nLumen Cloud",
                )
            ]
            if route_field
            else []
        ),
    ]
    page.routes = [
        FormRoute(choice=c, team_email=e, follow_up_url=f"/kb/{i}/")
        for i, (c, e) in enumerate((routes or {}).items())
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def contact_page(home_page):
    return make_form_page(home_page)


@pytest.fixture
def support_page(home_page):
    return make_form_page(
        home_page,
        slug="support",
        title="What type of support do you need?",
        route_field="subscription",
        routes=ROUTES,
    )


def token_for(page) -> str:
    return spam.issue_token(page.pk, now=time.time() - 60)


def valid_data(page, **overrides) -> dict:
    data = {
        "name": "Ada Lovelace",
        "email": "Ada@Example.com",
        "phone": "+1 555 0100",
        "message": "Hello",
        spam.TOKEN_FIELD: token_for(page),
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _minimal_base_template(settings):
    """The shell's base.html needs its SiteChrome setting; this app's tests don't."""
    from pathlib import Path

    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0]["DIRS"] = [Path(__file__).parent / "templates", *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
