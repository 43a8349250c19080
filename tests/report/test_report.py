"""`career-lsp report` on the demo, rendered by a real browser: Debian's Chromium, headless,
takes a screenshot of the page, which is kept (target/editors/report/demo.png) and checked
not to be blank; Python's own HTML parser reads the page and finds every tag closed."""

from __future__ import annotations

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "fixtures" / "demo"
BINARY = Path(os.environ.get("CAREER_LSP_BIN", REPO / "target" / "debug" / "career-lsp"))
ARTIFACTS = REPO / "target" / "editors" / "report"
VOID = {"meta", "br", "hr", "img", "input", "link"}


class Nesting(HTMLParser):
    """Every element closed, in order; void elements never closed."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags = 0

    def handle_starttag(self, tag, attrs):
        self.tags += 1
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags += 1

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:]}")
        else:
            self.open.pop()


def write_report(path: Path) -> str:
    done = subprocess.run(
        [str(BINARY), "report", str(DEMO), "--output", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return path.read_text()


def test_the_page_parses_with_every_element_closed(tmp_path: Path) -> None:
    page = write_report(tmp_path / "demo.html")
    parser = Nesting()
    parser.feed(page)
    parser.close()
    assert parser.problems == [] and parser.open == []
    assert parser.tags > 200


def test_chromium_renders_a_page_that_is_not_blank() -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / "demo.html"
    screenshot = ARTIFACTS / "demo.png"
    screenshot.unlink(missing_ok=True)
    write_report(page)
    done = subprocess.run(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={screenshot}",
            "--window-size=1300,2400",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert screenshot.exists(), done.stderr
    image = Image.open(screenshot).convert("RGB")
    assert image.size == (1300, 2400)
    # Not blank: many colours, and a good share of the page drawn on (not background).
    colours = image.getcolors(maxcolors=1 << 24)
    total = image.size[0] * image.size[1]
    _, background = max(colours)
    drawn = sum(n for n, c in colours if sum(abs(a - b) for a, b in zip(c, background)) > 40)
    assert drawn / total > 0.03, f"only {drawn} of {total} pixels drawn"
    assert len(colours) > 200

    def near(colour, target, within=40):
        return sum(abs(a - b) for a, b in zip(colour, target)) <= within

    # The accent blue of links and goal boxes, and the red of what is overdue.
    for name, target in [("accent blue", (47, 111, 222)), ("overdue red", (214, 69, 69))]:
        shown = sum(n for n, c in colours if near(c, target))
        assert shown > 200, f"{name}: {shown} pixels"
