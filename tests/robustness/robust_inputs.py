"""The bad-input catalogue and a command-line runner, shared by the robustness tests.

The catalogue is written by ``write_catalogue`` into a temporary folder at test time
(nothing binary is committed); it returns what each file is. The expected outcome of
each is asserted in test_bad_input.py and listed in tests/robustness/README.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

GOOD_1 = ("Foreign Minister Ana Ruiz of Peru met Foreign Minister Li Wen of China in Lima on 3 May 2024. "
          "They discussed trade.\n")
GOOD_2 = ("Ministers meet\nMay 4, 2024\n\nForeign Minister Marta Silva of Chile met Foreign Minister Kofi Mensah "
          "of Ghana in Accra on May 4, 2024. They discussed fisheries.\n")
WESTERN = ("Foreign Minister José Álvarez of Spain met Foreign Minister François Dupont of France in Madrid on "
           "3 May 2024. They discussed the Peña agreement, the café owners of Málaga and Ærø.")
HOSTILE_HTML = """<html><head><title>Ministers meet in Lima</title>
<script>var leak = 'LEAK-SCRIPT'; document.write('LEAK-WRITE')</script>
<style>body { color: red } .LEAK-STYLE { display: none }</style>
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/LEAK-REFRESH"></head>
<body onload="alert('LEAK-ONLOAD')">
<iframe src="http://127.0.0.1:9/LEAK-IFRAME"></iframe>
<article><h1>Ministers meet in Lima</h1>
<p onclick="alert('LEAK-CLICK')">Foreign Minister Ana Ruiz of Peru met Foreign Minister Li Wen of China in Lima
on 3 May 2024.</p>
<script>console.log('LEAK-INLINE')</script>
<p>They discussed trade and fisheries at length during the talks in the Peruvian capital.</p>
<noscript>LEAK-NOSCRIPT</noscript><img src=x onerror="alert('LEAK-IMG')">
<object data="http://127.0.0.1:9/LEAK-OBJECT"></object><svg><script>LEAK-SVG</script></svg>
</article></body></html>"""
MARKUP_TITLE = '<script>alert(1)</script> Ministers "><img src=x onerror=alert(2)> meet'
MARKUP_TEXT = ('Foreign Minister Ana Ruiz of Peru met Foreign Minister Li Wen of China in Lima on 3 May 2024. '
               'They discussed "><img src=x onerror=alert(2)> tariffs, <script>alert(1)</script> and '
               '[bold red]sanctions[/].')
BIG_LIMIT = 30_000_000


def write_catalogue(folder: Path) -> dict[str, str]:
    """Write every bad (and two good) inputs into `folder`; return {file name: what it is}.

    The 50 MB file is only written when `folder` is meant for a run with the default
    limits; the 25 MB one (for a raised --max-bytes) goes to ``folder/../big``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    w = {}

    def put(name: str, data: bytes | str, what: str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        w[name] = what

    put("good1.txt", GOOD_1, "a good report")
    put("good2.txt", GOOD_2, "a good report with a headline and date line")
    put("empty.txt", b"", "an empty file")
    put("blank.txt", " \n\t\n   \r\n", "whitespace only")
    put("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "a PNG named .txt")
    put("chart.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a PNG with its own suffix (not a report)")
    with zipfile.ZipFile(folder / "bundle.txt", "w") as z:
        z.writestr("inner.txt", GOOD_1)
    w["bundle.txt"] = "a real zip archive named .txt"
    cut = WESTERN.encode("utf-8").index(b"2024.") + 5
    put("bad_utf8.txt", WESTERN.encode("utf-8")[:cut] + b" \xff\xfe" + WESTERN.encode("utf-8")[cut:],
        "UTF-8 with two invalid bytes")
    put("utf16.txt", WESTERN.replace("Madrid", "Sevilla").encode("utf-16"), "UTF-16 with a BOM")
    put("latin1.txt", WESTERN.encode("latin-1"), "Latin-1")
    put("cp1252.txt", (WESTERN + " \u201cWe agreed on a \u20ac5 billion fund,\u201d \u00c1lvarez said.")
        .encode("cp1252"), "Windows-1252 with curly quotes and the euro sign")
    put("huge.txt", b"", "50 MB of text (over the default 20 MB limit)")
    with open(folder / "huge.txt", "wb") as fh:
        block = GOOD_1.encode() * 1000
        for _ in range(50_000_000 // len(block) + 1):
            fh.write(block)
    put("one_line.txt", (GOOD_1.strip() + " ") * (5_000_000 // len(GOOD_1)), "a single 5 MB line")
    put("hostile.html", HOSTILE_HTML, "HTML with scripts, styles, iframes and event handlers")
    put("japanese.txt", "上川陽子外務大臣は2024年1月12日、ワシントンでブリンケン国務長官と会談した。日米同盟について協議した。\n",
        "Japanese")
    put("arabic.txt", "التقى وزير الخارجية السعودي بنظيره الأمريكي في الرياض يوم الأحد لبحث العلاقات الثنائية.\n",
        "Arabic")
    put("russian.txt", "Министр иностранных дел России Сергей Лавров встретился с министром иностранных дел "
        "Китая Ван И в Москве.\n", "Russian")
    put("controls.txt", "Foreign Minister Ana\x00 Ruiz of Peru met\x07 Foreign Minister Li\x1b[31m Wen\x1b[0m of "
        "China in Trujillo on 3 May 2024.\x0b\x0c They discussed trade.\x1b]0;LEAK-TITLE\x07\n",
        "NUL, bell, form feed and terminal escape sequences")
    put("markup.json", json.dumps({"id": "markup", "title": MARKUP_TITLE, "text": MARKUP_TEXT}),
        "a title and text holding markup")
    put("feed.jsonl", "\n".join([
        json.dumps({"id": "w1", "title": "Talks in Lima", "text": GOOD_1}),
        '{"id": "w2", "text": "broken',
        json.dumps({"id": "w3", "text": GOOD_2.split("\n\n", 1)[1]}),
    ]) + "\n", "JSON lines with a broken second line")
    put("copy_a.txt", GOOD_1.replace("Lima", "Cusco"), "the same report ...")
    put("copy_b.txt", GOOD_1.replace("Lima", "Cusco"), "... under a second name")
    put("paths.json", json.dumps({"id": "../../../escaped", "url": "/etc/passwd", "path": "../../secret.txt",
                                  "source": "/etc/passwd", "file": "/etc/shadow", "text": GOOD_1.replace("Lima", "Piura")}),
        "a report whose url, path, source and id point elsewhere")
    (folder.parent / "secret.txt").write_text("LEAK-SECRET outside the folder\n")
    put("locked.txt", GOOD_1.replace("Lima", "Arequipa"), "a file with no read permission (chmod 000)")
    os.chmod(folder / "locked.txt", 0)
    os.symlink(folder, folder / "loop")
    w["loop"] = "a symlink to its own folder"
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")
    w["sub/up"] = "a symlink to the parent folder"
    os.symlink(folder / "self.txt", folder / "self.txt")
    w["self.txt"] = "a symlink to itself"
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    w["dangling.txt"] = "a symlink to a missing file"
    os.mkfifo(folder / "pipe.txt")
    w["pipe.txt"] = "a named pipe (reading it would block)"
    return w


def runs_as_root() -> bool:
    """True when a chmod 000 file is still readable to us (root in CI)."""
    return os.geteuid() == 0


def run_cli(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``python -m diplograph_cli ARGS`` from the repository root, as a user would."""
    full_env = dict(os.environ, COLUMNS="200", **(env or {}))
    return subprocess.run([sys.executable, "-m", "diplograph_cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env=full_env)


def failures(stderr: str) -> dict[str, str]:
    """{source: reason} from the 'diplograph: SOURCE: reason' lines a run prints on stderr."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith("diplograph: /"):
            source, _, reason = line[len("diplograph: "):].partition(": ")
            out[source] = reason
    return out


