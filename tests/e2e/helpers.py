"""Small actions the browser tests share."""

from playwright.sync_api import Page

from tests.e2e.seed import FORM_MIN_FILL_SECONDS


def wait_for_min_fill_time(page: Page) -> None:
    """Wait until the form has been shown longer than the spam check's minimum.

    Counted from the first byte of the response, which comes after the server signed
    the form's timing token; a person filling the form takes longer anyway.
    """
    page.wait_for_function(
        """seconds => performance.now() >= seconds * 1000 +
            performance.getEntriesByType("navigation")[0].responseStart""",
        arg=FORM_MIN_FILL_SECONDS + 0.1,
    )
