"""Browser journeys: Playwright drives Debian's Chromium (``/usr/bin/chromium``, never a
downloaded browser) against the live test server, and axe-core checks every page a journey
visits against WCAG 2.2 A and AA.

Each journey page also fails the test if the browser reports a Content-Security-Policy violation
or a JavaScript error, so the strict policy is proved to work with the real pages.

Staff sign in with ``sign_in``: their password, then two-factor authentication as the service
asks for it (setting up an authenticator app from the QR code page's key the first time, a code
from it after that).
"""

import base64
import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Response,
    Route,
    TimeoutError,
    expect,
    sync_playwright,
)

from publicbenefit.accounts.models import User
from publicbenefit.accounts.rules import two_factor_required
from publicbenefit.accounts.selectors import two_factor_device_get
from publicbenefit.accounts.tests.two_factor import totp_code

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


SET_UP = "Set up two-factor authentication"
ENTER_CODE = "Enter the 6-digit code from your authenticator app"


def enter_two_factor_code(tab: JourneyPage, email: str) -> None:
    """The second step of signing in, on the page the password led to: the first time, set up
    an authenticator app with the key the set-up page shows and go past the backup codes; after
    that, enter the code the app shows now."""
    page = tab.page
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(f"^({SET_UP}|{ENTER_CODE})$"))
    tab.check_accessibility()
    if heading.inner_text() == SET_UP:
        key = base64.b32decode(page.locator("#setup-key").inner_text().replace(" ", ""))
        device = two_factor_device_get(user=User.objects.get(email=email))
        assert device is None, "the set-up page is only for someone without an app"
        page.get_by_label("Enter the 6-digit code your app now shows").fill(_code_for_key(key))
        page.get_by_role("button", name="Confirm code").click()
        expect(heading).to_have_text("Save your backup codes")
        tab.check_accessibility()
        page.get_by_role("button", name="I have saved my backup codes").click()
    else:
        device = two_factor_device_get(user=User.objects.get(email=email))
        assert device is not None
        page.get_by_label("Code", exact=True).fill(totp_code(device))
        page.get_by_role("button", name="Continue").click()
    expect(heading).not_to_have_text(re.compile(f"^({SET_UP}|{ENTER_CODE})$"))


def _code_for_key(key: bytes) -> str:
    return f"{totp(key):06d}"


def sign_in(tab: JourneyPage, base_url: str, email: str, password: str) -> None:
    """Sign in from the sign-in page, with a code as well if the person needs or has one."""
    tab.page.goto(base_url + "/sign-in/")
    tab.page.get_by_label("Email address").fill(email)
    tab.page.get_by_label("Password").fill(password)
    tab.page.get_by_role("button", name="Sign in").click()
    user = User.objects.get(email=email)
    if two_factor_required(user) or two_factor_device_get(user=user) is not None:
        enter_two_factor_code(tab, email)
