"""A headless Debian Chromium driven by playwright, with every network request blocked.

``launch()`` starts the system browser (playwright never downloads one here); ``open_offline``
loads a local page in a fresh context whose requests are all recorded and aborted except the
page file itself; ``distinct_colours`` counts the colours of a PNG screenshot, to tell a drawn
canvas from a blank one.
"""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "OfflinePage", "launch", "open_offline", "distinct_colours"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
]


@dataclass
class OfflinePage:
    """A loaded page and the requests it tried to make besides its own file."""

    page: object
    context: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        """Close the page's browser context."""
        self.context.close()


def launch():
    """Start playwright and Debian's headless chromium; return ``(playwright, browser)``."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed: apt-get install chromium. "
                           "These tests never download a browser of their own.")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=executable, headless=True,
                                     args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    return pw, browser


def open_offline(browser, path: Path, *, width: int = 1280, height: int = 800,
                 allow: dict[str, Path] | None = None, wait_ready: bool = True,
                 wait_until: str = "load", timeout_ms: int = 30_000) -> OfflinePage:
    """Open `path` with all other requests aborted (or answered from `allow`'s local files).

    `allow` maps a URL substring to a local file served in its place, for pages (pyvis's
    defaults) that insist on loading a script from a CDN. `wait_until` is playwright's
    navigation event (``"commit"`` returns before a busy page has finished loading).
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    own = path.resolve().as_uri()
    result = OfflinePage(page, context)

    def handle(route):
        url = route.request.url
        if url == own:
            return route.continue_()
        for key, local in (allow or {}).items():
            if key in url:
                return route.fulfill(path=str(local))
        result.blocked.append(url)
        return route.abort()

    context.route("**/*", handle)
    page.on("pageerror", lambda err: result.errors.append(str(err)))
    page.goto(own, wait_until=wait_until, timeout=timeout_ms)
    if wait_ready:
        # A function, not an expression: playwright evaluates an expression with eval(), which
        # the page's Content-Security-Policy forbids once it has to poll.
        page.wait_for_function("() => window.diplographView && window.diplographView.ready === true",
                               timeout=timeout_ms)
    return result


def distinct_colours(png: bytes) -> int:
    """Count the distinct RGB(A) colours of a PNG image (PIL if present, else plain zlib)."""
    try:
        from PIL import Image
    except ImportError:
        return len(set(_decode_png(png)))
    with Image.open(io.BytesIO(png)) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 24))


def _decode_png(png: bytes) -> list[bytes]:
    """Return the pixels of an 8-bit RGB or RGBA, non-interlaced PNG as byte strings."""
    pos, chunks, header = 8, [], None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour_type = header[:4]
    if depth != 8 or colour_type not in (2, 6):
        raise ValueError(f"PNG colour type {colour_type} depth {depth} is not handled here.")
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    prev = bytearray(stride)
    pixels = []
    for row in range(height):
        start = row * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        pixels.extend(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
        prev = line
    return pixels
