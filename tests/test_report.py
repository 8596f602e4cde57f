"""The dataset report: an HTML page that opens offline with its plots drawn, and a PNG.

The browser check drives a headless Chromium over the DevTools protocol on a pipe (no driver
package needed); it skips where no Chromium is installed (`make browser` installs it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import eventcoder
from eventcoder.build import build
from eventcoder.card_sections import CARD_IMAGE
from eventcoder.cli import main
from eventcoder.hub import upload_plan
from eventcoder.pipeline import Pipeline
from eventcoder.report import ReportError, places, timeline, write_report
from eventcoder.report_map import Place, map_svg
from eventcoder.report_png import Canvas, png_bytes
from eventcoder.report_svg import Bar, Stack, bars_svg, stacked_bars_svg

DOCUMENTS = [
    ("r1", "Army units shelled insurgent camps outside Kandahar on Tuesday.", "2023-03-14"),
    ("r2", "Police in Lima detained nine protesters after the march.", "2023-03-30"),
    ("r3", "Kenya and Uganda signed a water sharing accord in Kampala.", "2023-04-18"),
    ("r4", "Brazil condemned the Venezuelan government over the border closure.", "2023-05-02"),
    ("r5", "Gunmen attacked a police station in Maiduguri, killing three officers.", "2023-06-21"),
    ("r6", "The minister praised the farmers of Punjab for the good harvest.", "2023-06-25"),
]
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
_URL_ATTR = re.compile(r"""\b(?:src|href|xlink:href)\s*=\s*["']?\s*(https?:|//)""", re.I)


@pytest.fixture(scope="module")
def built(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("report")
    lines = [json.dumps({"id": i, "text": t, "date": d}) for i, t, d in DOCUMENTS]
    (base / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = base / "dataset"
    build([base / "docs.jsonl"], out, pipeline=pipeline)
    return out


@pytest.fixture(scope="module")
def written(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "report.html"
    files = eventcoder.report(built, out)
    assert files.html == out and files.png == out.with_suffix(".png")
    return out


def test_report_page_loads_nothing_from_outside_and_holds_every_plot(written: Path) -> None:
    page = written.read_text(encoding="utf-8")

    assert not _URL_ATTR.search(page), "the page refers to a remote resource"
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the browser refuses any load the page might try
    assert page.count("<svg") >= 6  # timeline, map, roots, ACLED types, quads, dyads
    for title in ("Events over time by quad class", "Where events happened", "CAMEO roots"):
        assert title in page
    assert 'class="place"' in page and 'class="bar"' in page


def test_report_png_is_a_valid_png_with_the_plots(written: Path) -> None:
    width, height, raw = _decode_png(written.with_suffix(".png").read_bytes())

    assert width >= 600 and height >= 300
    assert len(raw) == height * (1 + width * 3)
    colours = {raw[i : i + 3] for i in range(1, len(raw) - 3, 997)}
    assert len(colours) > 3  # more than a blank canvas


def test_text_from_the_data_is_escaped_in_charts_and_map() -> None:
    hostile = '<img src=x onerror="alert(1)">&'
    svg = bars_svg([Bar(hostile, 3)], title=hostile, color="#000")
    svg += stacked_bars_svg([hostile], [Stack(hostile, "#111", (2,))], title="t")
    svg += map_svg([Place(10.0, 20.0, 2, hostile, hostile)], title=hostile)

    assert "<img" not in svg and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;" in svg


def test_timeline_buckets_by_day_week_or_month_and_counts_undated_events() -> None:
    short = timeline([("2024-01-01", 1), ("2024-01-03", 4), (None, 2), ("bad", 3)])
    assert short.unit == "day" and short.labels == ("2024-01-01", "2024-01-02", "2024-01-03")
    assert short.by_quad[1] == (1, 0, 0) and short.by_quad[4] == (0, 0, 1)
    assert short.undated == 2

    weeks = timeline([("2024-01-03", 2), ("2024-05-30", 2)])
    assert weeks.unit == "week" and weeks.labels[0] == "2024-01-01"  # the Monday

    months = timeline([("2020-11-05", 3), ("2024-02-01", 3)])
    assert (
        months.unit == "month" and months.labels[0] == "2020-11" and months.labels[-1] == "2024-02"
    )
    assert sum(months.by_quad[3]) == 2


def test_places_group_rows_by_point_and_skip_rows_without_coordinates() -> None:
    rows = [
        {"latitude": 6.5, "longitude": 3.4, "location_name": "Lagos", "location_country": "NGA"},
        {"latitude": 6.5, "longitude": 3.4, "location_name": "Lagos", "location_country": "NGA"},
        {"latitude": None, "longitude": None, "location_name": None},
        {"latitude": 95.0, "longitude": 3.4, "location_name": "nowhere"},
    ]
    (found,) = places(rows)
    assert (found.events, found.name, found.country) == (2, "Lagos", "NGA")


def test_png_encoder_writes_the_pixels_drawn() -> None:
    canvas = Canvas(4, 3)
    canvas.rect(1, 1, 2, 1, (10, 20, 30))
    width, height, raw = _decode_png(png_bytes(canvas))

    assert (width, height) == (4, 3)
    row = raw[1 * 13 + 1 : 2 * 13]
    assert row[3:9] == bytes((10, 20, 30, 10, 20, 30)) and row[:3] == b"\xff\xff\xff"


def test_card_option_puts_the_png_in_the_folder_and_the_card_shows_it(
    built: Path, tmp_path: Path
) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(built, dataset)

    files = write_report(dataset, tmp_path / "page.html", card=True)

    assert files.card_image == dataset / CARD_IMAGE and (dataset / CARD_IMAGE).is_file()
    card = (dataset / "README.md").read_text(encoding="utf-8")
    assert f"]({CARD_IMAGE})" in card
    plan, _ = upload_plan(dataset)
    assert (CARD_IMAGE, dataset / CARD_IMAGE) in plan


def test_card_option_leaves_a_readme_not_written_by_eventcoder_alone(
    built: Path, tmp_path: Path
) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(built, dataset)
    (dataset / "README.md").write_text("# my own card\n", encoding="utf-8")

    files = write_report(dataset, tmp_path / "page.html", card=True)

    assert (dataset / "README.md").read_text(encoding="utf-8") == "# my own card\n"
    assert files.card is None and files.notes and CARD_IMAGE in files.notes[0]


def test_report_command_writes_page_and_png_and_refuses_a_png_name(
    built: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(built), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.html").is_file() and (tmp_path / "r.png").is_file()

    refused = runner.invoke(main, ["report", str(built), "--out", str(tmp_path / "r.png")])
    assert refused.exit_code == 2 and "HTML" in refused.output
    with pytest.raises(ReportError):
        write_report(built, tmp_path)


def test_a_dataset_without_events_gives_a_page_that_says_so(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    (tmp_path / "calm.txt").write_text("The weather stayed mild all week.\n", encoding="utf-8")
    build([tmp_path / "calm.txt"], tmp_path / "empty", pipeline=pipeline)

    files = write_report(tmp_path / "empty", tmp_path / "empty.html")

    page = files.html.read_text(encoding="utf-8")
    assert "no dated events" in page and "0 of 0 events have coordinates" in page
    assert _decode_png(files.png.read_bytes())[0] > 0


def test_report_of_a_folder_that_is_no_dataset_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "not a built dataset" in result.output


def test_report_opens_in_a_browser_without_errors_and_draws_its_plots(
    written: Path, tmp_path: Path
) -> None:
    chromium = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    if chromium is None:
        pytest.skip(
            "no Chromium found (chromium, chromium-browser or google-chrome): run make browser"
        )
    with _Browser(chromium, tmp_path / "profile") as browser:
        session = browser.open_page()
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.call(f"{domain}.enable", session=session)
        browser.call("Page.navigate", {"url": written.resolve().as_uri()}, session=session)
        browser.wait_for("Page.loadEventFired", session)
        result = browser.call(
            "Runtime.evaluate",
            {"expression": _MEASURE, "returnByValue": True},
            session=session,
        )
        measured = json.loads(result["result"]["value"])

    assert browser.errors == []
    remote = [u for u in browser.requests if not u.startswith(("file:", "data:", "about:"))]
    assert remote == []
    assert len(measured["svgs"]) >= 6
    assert all(w > 50 and h > 20 for w, h in measured["svgs"]), measured
    assert measured["bars"] > 0 and measured["places"] > 0 and measured["drawn"] > 0


_MEASURE = """JSON.stringify({
  svgs: [...document.querySelectorAll('svg')].map(s => {
    const r = s.getBoundingClientRect(); return [r.width, r.height]; }),
  bars: document.querySelectorAll('svg rect.bar').length,
  places: document.querySelectorAll('svg circle.place').length,
  drawn: [...document.querySelectorAll('svg rect.bar, svg circle.place')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
    .length,
})"""


class _Browser:
    """A headless Chromium spoken to over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, executable: str, profile: Path) -> None:
        wrapper = 'exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null'
        args = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
        self.process = subprocess.Popen(
            ["sh", "-c", wrapper, executable, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.writer, self.reader = self.process.stdin, self.process.stdout.fileno()
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

    def __enter__(self) -> _Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.call("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def open_page(self) -> str:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        return str(attached["sessionId"])

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = 60,
    ) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.writer.write(json.dumps(message).encode() + b"\0")
        self.writer.flush()
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self.next_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return dict(reply.get("result", {}))

    def wait_for(self, event: str, session: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(e["method"] == event and e.get("sessionId") == session for e in self.events):
            self._read(deadline)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            assert left > 0, "Chromium did not answer in time"
            ready, _, _ = select.select([self.reader], [], [], left)
            if ready:
                chunk = os.read(self.reader, 65536)
                assert chunk, "Chromium closed the DevTools pipe"
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:
            self._note(message)
        return message

    def _note(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        params = event.get("params", {})
        method = event["method"]
        if method == "Runtime.exceptionThrown":
            self.errors.append(json.dumps(params.get("exceptionDetails", {}))[:300])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(json.dumps(params.get("args", []))[:300])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append(str(params["entry"].get("text", ""))[:300])
        elif method == "Network.requestWillBeSent":
            self.requests.append(str(params.get("request", {}).get("url", "")))


def _decode_png(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, size = 8, b"", (0, 0)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 2)
            size = (width, height)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    return size[0], size[1], zlib.decompress(idat)
