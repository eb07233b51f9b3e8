"""Browser journeys: Playwright drives Debian's Chromium (``/usr/bin/chromium``, never a
downloaded browser) against the live test server, and axe-core checks every page a journey
visits against WCAG 2.2 A and AA.

Each journey page also fails the test if the browser reports a Content-Security-Policy violation
or a JavaScript error, so the strict policy is proved to work with the real pages.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Response,
    Route,
    TimeoutError,
    sync_playwright,
)

# Playwright's sync API runs an event loop in the test's thread; the test itself only prepares
# data and reads the outbox, so Django's guard against ORM calls from async code does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: How many times a check starts again when the page was still navigating under it.
SETTLE_TRIES = 5
#: How long a check waits for the page a click leads to, when no new page has loaded since the
#: last check; a check of a page that has not changed goes on after this.
NAVIGATION_GRACE_MS = 1500

#: A phone-sized viewport, for journeys the public make on a phone.
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Browser journeys need Debian's chromium package: run `make browser`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


class JourneyPage:
    """A browser tab for one person in a journey, with accessibility checks on every page.

    axe-core needs JavaScript (its timers never fire without it), so a tab with JavaScript off
    has a ``checker``: a tab with JavaScript on that is served the very HTML the person sees, at
    the same address, with the service's own scripts blocked so that it renders as it does for
    them; axe-core runs there.
    """

    def __init__(self, page: Page, checker: Page | None = None) -> None:
        self.page = page
        self.checker = checker
        self.problems: list[str] = []
        self.checked: list[str] = []
        self.loads = 0
        self.loads_checked = 0
        page.on("load", self._loaded)
        page.on("console", self._console)
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))

    def _loaded(self, _page: Page) -> None:
        self.loads += 1

    def _console(self, message: ConsoleMessage) -> None:
        # A page's own status (404, 410) is part of the journey; failed resources are caught
        # by _response, so only other errors (CSP violations, scripts) are problems here.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"{self.page.url}: {message.text}")

    def _response(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"{self.page.url}: {response.url} answered {response.status}")

    def check_accessibility(self) -> None:
        """Run axe-core on the current page and fail on any WCAG 2.2 A/AA violation.

        A click on a link or button returns before the page it leads to has loaded, so the check
        first waits for a page to load if none has since the last check, and starts again if a
        navigation still replaces the document while axe-core reads it (the error then names the
        old page, never a problem with the new one)."""
        if self.loads == self.loads_checked:
            with contextlib.suppress(TimeoutError):
                self.page.wait_for_event("load", timeout=NAVIGATION_GRACE_MS)
        for attempt in range(SETTLE_TRIES):
            self.page.wait_for_load_state("load")
            try:
                self._check_settled_page()
                break
            except Error as error:
                if attempt == SETTLE_TRIES - 1 or not _navigated_away(error):
                    raise
        self.loads_checked = self.loads
        assert not self.problems, "\n".join(self.problems)
        self.checked.append(self.page.url)

    def _check_settled_page(self) -> None:
        if self.checker is None:
            self._axe(self.page)
        else:
            html = self.page.content()

            def serve(route: Route) -> None:
                if route.request.resource_type == "document":
                    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
                elif route.request.resource_type == "script":
                    route.abort()
                else:
                    route.continue_()

            self.checker.route("**/*", serve)
            try:
                self.checker.goto(self.page.url)
                self._axe(self.checker)
            finally:
                self.checker.unroute("**/*")

    def _axe(self, page: Page) -> None:
        page.evaluate(AXE_SOURCE.read_text())
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(str(node["target"]) for node in violation["nodes"])
            for violation in result["violations"]
        ]
        assert not violations, f"axe-core on {self.page.url}:\n" + "\n".join(violations)

    def screenshot(self, name: str) -> None:
        """Save a screenshot into the folder PUBLICBENEFIT_SCREENSHOTS names, if it is set."""
        folder = os.environ.get("PUBLICBENEFIT_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _navigated_away(error: Error) -> bool:
    """Whether a browser error means the document changed under the script, not a failure."""
    return any(
        sign in error.message
        for sign in (
            "Execution context was destroyed",
            "reading 'documentElement'",
            "page is navigating",
            "Frame was detached",
        )
    )


@pytest.fixture
def open_tab(browser: Browser) -> Iterator:
    """Opens a fresh browser context (its own cookies) per person: ``open_tab()``, or
    ``open_tab(viewport=PHONE, javascript=False)``."""
    contexts = []

    def opener(viewport: dict[str, int] | None = None, *, javascript: bool = True) -> JourneyPage:
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900},
            java_script_enabled=javascript,
            locale="en-GB",
        )
        contexts.append(context)
        checker = None
        if not javascript:
            checking = browser.new_context(
                viewport=viewport or {"width": 1280, "height": 900}, locale="en-GB"
            )
            contexts.append(checking)
            checker = checking.new_page()
        return JourneyPage(context.new_page(), checker)

    yield opener
    for context in contexts:
        context.close()
