import pytest

from lumen_cms.seed.site import ensure_home, load_navigation, load_pages


@pytest.fixture
def seeded_site(db):
    """The shell's part of the seeded site (no other app steps)."""
    home = ensure_home()
    load_pages(home=home)
    load_navigation(home=home)
    return home


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
