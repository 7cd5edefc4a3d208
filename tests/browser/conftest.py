import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Installed from the npm registry by `make test` (see tests/browser/package.json).
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {what}")
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        _missing("no Chromium on this machine: install Debian's chromium")
    # Playwright's sync API runs an event loop; the live server's ORM calls are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTDESK_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        _missing("axe-core is not installed: run `make test` (it needs npm)")
    return AXE


@pytest.fixture
def serious_violations(axe_script):
    """A check that runs axe-core on a page and lists its serious and critical findings."""

    def check(page) -> list[str]:
        # Evaluated by the browser's debugging protocol, not as a <script> element, which
        # the pages' Content-Security-Policy refuses (as it should) when inline.
        page.evaluate(axe_script.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return check
