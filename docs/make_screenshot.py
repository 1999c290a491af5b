"""Take the README's screenshot of a view: Debian's headless Chromium, driven by playwright.

Run from the repository root after building the sample graph::

    diplograph build data/reports --out /tmp/o
    python docs/make_screenshot.py /tmp/o/graph.html docs/view-samples.png "Antony Blinken"

The browser runs offline (every request goes to a dead proxy) and playwright never downloads
a browser of its own. This script only takes the picture; it does not build the graph.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "screenshot"]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--proxy-server=127.0.0.1:9"]
WIDTH, HEIGHT = 1280, 760


def screenshot(page: str | Path, out: str | Path, *, search: str | None = None, width: int = WIDTH,
               height: int = HEIGHT) -> Path:
    """Open the view `page` in headless Chromium and save a PNG screenshot to `out`.

    Parameters
    ----------
    page : an HTML view written by ``diplograph build`` or ``diplograph view``.
    out : the PNG file to write.
    search : a name to type into the page's search box first (selects and centres that node,
        and shows its details and evidence in the side panel).
    width, height : the browser window in pixels.

    Returns
    -------
    The path of the PNG.

    Raises
    ------
    RuntimeError
        If Debian's chromium is not installed.
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("chromium is not on PATH: install Debian's package with 'apt-get install chromium'.")
    target = Path(out)
    with sync_playwright() as pw:  # playwright gives the browser a fresh temporary profile
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": width, "height": height})
            tab.goto(Path(page).resolve().as_uri(), wait_until="load")
            tab.wait_for_function("() => window.diplographView && window.diplographView.ready === true")
            if search:
                tab.fill("#search", search)
                tab.press("#search", "Enter")
                tab.wait_for_timeout(800)
            tab.screenshot(path=str(target))
        finally:
            browser.close()
    return target


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python docs/make_screenshot.py VIEW.html OUT.png [NAME_TO_SEARCH]")
    print(screenshot(sys.argv[1], sys.argv[2], search=sys.argv[3] if len(sys.argv) == 4 else None))
