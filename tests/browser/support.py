"""Running the real app and driving it with headless Chromium (Debian's package).

Used by the browser tests and handy by hand::

    python tests/browser_support.py      # starts the app on a temp demo database

Playwright cannot download browsers here: Chromium is launched from
``/usr/bin/chromium`` with ``executable_path``. Every request that is not for the
app itself is aborted and recorded (:class:`RequestGuard`), so a test can assert
that the pages work on a closed network.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from registry.kernel.settings import INSECURE_TEST_HASHING

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # A camera that draws a test pattern, allowed without asking (camera inputs).
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
DEMO_PASSWORD = "demo-2025"


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when Chromium is installed."""
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return None
    return f"{CHROMIUM} is missing: install Debian's chromium package"


def artifacts_dir() -> Path:
    """Where screenshots go: $BROWSER_ARTIFACTS or test-artifacts/screenshots."""
    folder = Path(os.environ.get("BROWSER_ARTIFACTS") or ROOT / "test-artifacts")
    if "BROWSER_ARTIFACTS" not in os.environ:
        folder = folder / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class AppServer:
    """``streamlit run serve.py`` (the app with its session routes) in a subprocess,
    on a free port and its own database."""

    workdir: Path
    demo_sites: int = 300
    # A database to serve (e.g. a copy of a test template); default: a new SQLite
    # file in ``workdir``, filled with the demo on the first page.
    database_url: str | None = None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "streamlit.log"

    @property
    def settings(self) -> dict[str, str]:
        """The registry settings the server runs with (its own SQLite file).

        Password hashes are the cheap, insecure kind only tests may use.
        """
        return {
            "REGISTRY_DATABASE_URL": self.database_url
            or f"sqlite:///{self.workdir / 'registry.sqlite3'}",
            "REGISTRY_DEMO_SITES": str(self.demo_sites),
            "REGISTRY_PASSWORD_HASHING": INSECURE_TEST_HASHING,
        }

    def open_registry(self):
        """The server's registry, opened beside it; started (demo loaded) if new."""
        from registry.bootstrap import start_registry
        from registry.kernel.settings import load_config

        return start_registry(load_config(self.settings))

    def start(self, timeout: float = 120) -> AppServer:
        """Start the server and wait until its health check answers."""
        env = {**os.environ, **self.settings, "PYTHONUNBUFFERED": "1"}
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "serve.py",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_healthy(timeout)
        return self

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {self.process.returncode}:\n{self.log()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)  # waiting for a subprocess, not for a page
        self.stop()
        raise RuntimeError(
            f"streamlit did not answer within {timeout} s:\n{self.log()}"
        )

    def log(self) -> str:
        """What the server printed so far."""
        try:
            return self.log_path.read_text(errors="replace")[-5000:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server (terminate, then kill if it lingers)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@dataclass
class RequestGuard:
    """Aborts every request to a host other than the app's, and records it."""

    blocked: list[str] = field(default_factory=list)

    def __call__(self, route) -> None:
        host = urlparse(route.request.url).hostname or ""
        scheme = urlparse(route.request.url).scheme
        if scheme in ("data", "blob") or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the flags that keep it off the network."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def new_page(browser, guard: RequestGuard, *, language: str = "vi-VN"):
    """A fresh context (no cookies, own session) whose requests pass the guard."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale=language
    )
    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def wait_for_script(page, settle_ms: int = 400) -> None:
    """Wait until Streamlit has finished running the page's script."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached")
    page.wait_for_timeout(settle_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') !== 'running'
                && !document.querySelector('[data-testid="stStatusWidget"] button');
        }""",
        timeout=60_000,
    )
    page.wait_for_timeout(settle_ms)


def sign_in(page, base_url: str, username: str, path: str = "") -> None:
    """Open ``path`` and sign in with a demo user's name and the demo password."""
    page.goto(f"{base_url}/{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for()
    wait_for_script(page)
    # The session cookie is set (the page posted its one-time code): a reload or
    # another page of the app now stays signed in.
    page.wait_for_function("() => document.body.dataset.registrySession === 'set'")


def menu_labels(page) -> list[str]:
    """The texts of the sidebar's page links."""
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
    # A link's text starts with its icon's ligature name (e.g. "home"): keep the label.
    return [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the whole page under :func:`artifacts_dir`.

    Streamlit scrolls inside its main block, so the viewport is stretched to the
    content's height for the shot and put back afterwards.
    """
    path = artifacts_dir() / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return main ? main.scrollHeight : document.body.scrollHeight;
        }"""
    )
    page.set_viewport_size({"width": size["width"], "height": max(height, 600)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


if __name__ == "__main__":  # start the app by hand on a throwaway database
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="registry-app-"))
    server = AppServer(folder).start()
    print(f"app at {server.url} (database in {folder}); Ctrl+C stops it")
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def choose_option(page, box, option: str, typed: str | None = None) -> None:
    """Choose ``option`` in a Streamlit select box (a combobox locator).

    Typing ``typed`` (default: the option's text) opens the list and filters it. The
    list opens in a layer of its own that may still be moving or close again on a
    rerun, so try again until the box holds the option's text.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for _ in range(4):
        if box.input_value().startswith(option):
            return
        box.click()
        box.fill(typed or option)
        try:
            page.get_by_role("option", name=option).click(timeout=4000)
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    assert box.input_value().startswith(option), f"{option!r} not chosen"


# Counts the pixels the map's canvases have drawn (Leaflet draws dots and
# polygons on canvas): a map that drew nothing counts 0.
DRAWN_PIXELS = """() => {
    let drawn = 0;
    for (const canvas of document.querySelectorAll('canvas')) {
        const data = canvas.getContext('2d')
            .getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i]) drawn++;
    }
    return drawn;
}"""
