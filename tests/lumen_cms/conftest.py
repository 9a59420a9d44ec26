import pytest


@pytest.fixture
def seeded_site(lumen_site):
    """The seeded site's home page (built once per session, see tests/conftest.py)."""
    return lumen_site.root_page.specific


@pytest.fixture
def receiver():
    """A front end receiving webhooks on a local port (started)."""
    from tests.lumen_cms.webhook_receiver import Receiver

    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def endpoint(db, receiver):
    """An active webhook endpoint for every site, pointing at `receiver`."""
    from lumen_cms.models import WebhookEndpoint
    from lumen_cms.webhooks.signing import generate_secret

    return WebhookEndpoint.objects.create(
        name="Front end", url=receiver.url, secret=generate_secret()
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as its own committed transaction (its on_commit callbacks run).

    Tests run inside one transaction: forget what the fixtures' set-up gathered in
    it, as if that had been committed before.
    """

    from lumen_cms.webhooks import batching

    def run(action):
        batching._local.transaction = None
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run
