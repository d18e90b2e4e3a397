#!/usr/bin/env python3
"""Opens dashboard.html in headless Chromium, as a coordinator's browser would, and checks what it shows.

    scripts/check-dashboard.py out/demo/dashboard.html --truth pipelines/demo/truth.json \
        --screenshot out/demo/dashboard.png [--shots out/demo/dashboard-shots] [--scale out/dashboard-scale.html]

For each page: Chromium loads it from file:// with the network off; the page's scripts ran (body[data-ready]) with no
error (the page writes every script error and console.error into #js-errors; Chromium's console log is read too); it
loaded in under 2 s (performance.now() at the load event, which the page records in body[data-load-ms]); the file is
under 5 MB and names no http(s) resource. With --truth, the DOM holds the truth's figures: every tile of every period
view, every breakdown of persons supported — a figure is either the true number or the suppression mark, and no count
from 1 to 4 is shown. The English switch (#lang=en) and the period selector (#period=<quarter>) are exercised.

Layout (scripts/dashboard-layout.js, run in the page through the DevTools protocol): at 1400 px and at 390 px, in
every view of the period selector and both languages, the page must not scroll sideways (document wider than the
window, or a box past its edge), no two boxes (sections, headings, tables, tiles, charts, cards, notes; each cut to
the scroll box it sits in) may overlap, and no chart label may be cut off; at 1400 px no table may need scrolling.
Printed (print media at the A4 text width, then a real PDF through Page.printToPDF) the same holds and every table
keeps every column; a word the PDF cuts at the margin fails too.

--screenshot writes a PNG of the page for people to look at; --shots DIR writes dashboard-1400.png,
dashboard-390.png, dashboard-print.pdf and dashboard-print-N.png there; --scale checks a second, large page the
same way (without figures). Exit 0 when every check passes, 1 otherwise.
"""
import argparse
import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

MAX_LOAD_MS = 2000
MAX_BYTES = 5 * 1024 * 1024
BREAKDOWNS = ["sex", "age_band", "citizenship", "partner", "activity"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("error: no Chromium on the PATH; install it with scripts/install-deps.sh --check-tools")


def load(browser, path, fragment="", screenshot=None):
    """Returns (dom, console lines, wall seconds) of the page after its scripts ran."""
    url = "file://" + os.path.abspath(path) + (("#" + fragment) if fragment else "")
    profile = tempfile.mkdtemp(prefix="integra-chromium-")
    common = [
        browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        # No network: a page that needs one fails visibly instead of fetching.
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ]
    try:
        start = time.monotonic()
        run = subprocess.run(common + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
        wall = time.monotonic() - start
        if screenshot:
            os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
            subprocess.run(
                common + ["--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + screenshot, url],
                capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run.stdout, console, wall


def text(fragment):
    """Visible text of an HTML fragment in the page's current language, whitespace and no-break spaces folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\u00a0", " ")).strip()


def shown(fragment, lang):
    """The fragment without the other language's spans."""
    other = "en" if lang == "pl" else "pl"
    return re.sub(r'<(span|tspan|text) lang="%s"[^>]*>.*?</\1>' % other, "", fragment, flags=re.S)


def views(dom):
    """data-period → the HTML of each view (tiles and breakdowns), in page order."""
    result = {}
    parts = re.split(r'(<div class="view" data-period="[^"]+"[^>]*>)', dom)
    for opener, body in zip(parts[1::2], parts[2::2]):
        key = re.search(r'data-period="([^"]+)"', opener).group(1)
        result.setdefault(key, []).append((opener, body))
    return result


class Checker:
    def __init__(self):
        self.failures = []
        self.checked = 0

    def expect(self, ok, message):
        self.checked += 1
        if not ok:
            self.failures.append(message)


def check_page(check, browser, path, screenshot=None):
    size = os.path.getsize(path)
    with open(path, encoding="utf-8") as f:
        source = f.read()
    check.expect(size < MAX_BYTES, f"{path}: {size} bytes, over 5 MB")
    check.expect(not re.search(r'(src|href)="https?:', source), f"{path}: names a network resource")
    dom, console, wall = load(browser, path, screenshot=screenshot)
    ready = re.search(r"<body[^>]*>", dom)
    body = ready.group(0) if ready else ""
    check.expect('data-ready="true"' in body, f"{path}: the page's script did not finish")
    errors = re.search(r'<div id="js-errors"[^>]*>(.*?)</div>', dom, re.S)
    check.expect(errors is not None and text(errors.group(1)) == "", f"{path}: script errors: {errors and text(errors.group(1))}")
    check.expect(not console, f"{path}: console messages: {console[:3]}")
    m = re.search(r'data-load-ms="(\d+)"', body)
    load_ms = int(m.group(1)) if m else None
    check.expect(load_ms is not None and load_ms < MAX_LOAD_MS, f"{path}: loaded in {load_ms} ms (limit {MAX_LOAD_MS})")
    print(f"{path}: {size / 1024:.0f} KiB, loaded in {load_ms} ms (Chromium start to DOM dump {wall:.2f} s)")
    return dom


def check_figures(check, dom, truth, threshold):
    figures = {}
    for f in truth["figures"]:
        figures[(f["indicator"], f["period"], f["scope"], f["breakdown"], f["category"])] = f["value"]
    quarters = sorted({f["period"] for f in truth["figures"] if re.fullmatch(r"\d{4}Q\d", f["period"])})
    last = quarters[-1]

    def expected(indicator, view, breakdown="", category="", scope=None):
        period, own = (last, "cumulative") if view == "cumulative" else (view, "in_period")
        return figures.get((indicator, period, scope or own, breakdown, category), 0)

    def compare(where, shown_text, value, count=True):
        mark = "<%d" % threshold
        if count and threshold > 1 and 1 <= value < threshold:
            check.expect(shown_text == mark, f"{where}: shows {shown_text!r}, a count of {value:g} must be {mark!r}")
        elif shown_text == mark:
            check.expect(count and threshold > 1, f"{where}: suppressed but suppression is off")
        else:
            number = float(shown_text.replace(" ", "").replace(",", ".")) if shown_text else None
            check.expect(number == value, f"{where}: shows {shown_text!r}, truth {value:g}")

    found = views(dom)
    check.expect(set(found) >= {"cumulative", *quarters}, f"views {sorted(found)} lack some of cumulative, {quarters}")
    for view, blocks in found.items():
        for _, block in blocks:
            # A tile's big number is cumulative to the view's end (as its % of target); a quarter's tile shows the
            # quarter's own figure below it, labelled "w kwartale".
            for m in re.finditer(r'<article class="tile[^"]*" data-indicator="([^"]+)" data-category="([^"]*)".*?<div class="value">(.*?)</div>(.*?)</article>', block, re.S):
                indicator, category, value = m.group(1), m.group(2), text(shown(m.group(3), "pl"))
                breakdown, _, cat = category.partition("=")
                hours = indicator == "support_hours"
                compare(f"tile {indicator} {category} ({view})", value,
                        expected(indicator, view, breakdown, cat, scope="cumulative"), count=not hours)
                quarter = re.search(r'<div class="inperiod">.*?<b class="q">(.*?)</b>', m.group(4), re.S)
                if view == "cumulative":
                    check.expect(quarter is None, f"tile {indicator} {category} (cumulative) shows a quarter's figure")
                else:
                    check.expect(quarter is not None, f"tile {indicator} {category} ({view}) lacks its 'w kwartale' figure")
                    if quarter:
                        compare(f"tile {indicator} {category} ({view}, w kwartale)", text(shown(quarter.group(1), "pl")),
                                expected(indicator, view, breakdown, cat), count=not hours)
            for b in BREAKDOWNS:
                table = re.search(r'<table class="sortable" id="bd-%s-%s">(.*?)</table>' % (re.escape(view), b.replace("_", "-")), block, re.S)
                if not table:
                    continue
                for row in re.finditer(r'<tr data-category="([^"]*)">.*?<td class="num"[^>]*>(.*?)</td>', table.group(1), re.S):
                    category = html.unescape(row.group(1))
                    compare(f"persons_supported by {b}={category!r} ({view})", text(row.group(2)),
                            expected("persons_supported", view, b, category))
                total = re.search(r"<tfoot>.*?<td class=\"num\">(.*?)</td>", table.group(1), re.S)
                compare(f"persons_supported total in the {b} table ({view})", text(total.group(1)),
                        expected("persons_supported", view))
    tiles = len(re.findall(r'<article class="tile', dom))
    rows = len(re.findall(r'<tr data-category=', dom))
    print(f"  figures: {tiles} tiles and {rows} breakdown rows compared with the truth ({len(quarters)} quarters + cumulative)")
    return quarters


# ---------------------------------------------------------------------------------------------------------------------
# Layout: the page laid out at a desktop width, a phone width and on an A4 page (print media), through Chromium's
# DevTools protocol on a pipe (--remote-debugging-pipe), which sets the exact viewport (a headless window is never
# narrower than 500 px) and the print media, and prints to PDF.

WIDTHS = (1400, 390)
# A4 (210 mm) less the page's 12 mm margins (@page in dashboard.css), in CSS pixels (96 per inch).
PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
LAYOUT_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboard-layout.js")


class DevTools:
    """One headless Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, browser):
        self.profile = tempfile.mkdtemp(prefix="integra-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
             "--hide-scrollbars", "--user-data-dir=" + self.profile, "--remote-debugging-pipe",
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, pass_fds=(3, 4, to_chrome_r, from_chrome_w))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait(self, event, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == event:
                    del self.events[i]
                    return e
            self.events.append(self._read())
        raise RuntimeError(f"no {event} within {timeout} s")

    def open(self, url, width, height=900, media=""):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)
        self.call("Emulation.setEmulatedMedia", {"media": media}, session=True)
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path, width):
        height = self.evaluate("document.documentElement.scrollHeight")
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, session=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def pdf(self, path):
        mm = 1 / 25.4
        result = self.call("Page.printToPDF", {
            "paperWidth": 210 * mm, "paperHeight": 297 * mm, "marginTop": 0, "marginBottom": 0, "marginLeft": 0,
            "marginRight": 0, "preferCSSPageSize": True, "printBackground": True}, session=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(result["data"]))

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        for fd in (self.to_chrome, self.from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


def layout_faults(tools, label):
    """The layout script's faults at the current viewport, each as one line."""
    with open(LAYOUT_JS, encoding="utf-8") as f:
        script = f.read()
    found = json.loads(tools.evaluate(script + "\nwindow.integraLayout();"))
    # One line per fault, with the views (language, period) it occurs in.
    where = {}
    for f in found["faults"]:
        where.setdefault((f["kind"], f["what"]), []).append(f["where"])
    return found, [f"{label}: {kind}: {what} [{', '.join(views[:3])}{' …' if len(views) > 3 else ''}]"
                   for (kind, what), views in where.items()]


def pdf_words_cut(pdf, words, margin_mm=12):
    """Words of a PDF cut off at the edge of the printed area (pdftotext -bbox): Chromium clips what does not fit
    the page at the margin and keeps the glyph the margin cuts through, so a cut word reaches past the margin and is
    not a word of the page's text (`words`); a whole word may end a hair past the margin."""
    if not shutil.which("pdftotext"):
        return ["(pdftotext is missing: install poppler-utils)"]
    run = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, timeout=120)
    margin = margin_mm / 25.4 * 72
    cut = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', run.stdout, re.S):
        right = float(page.group(1)) - margin
        for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">(.*?)</word>', page.group(2)):
            word = html.unescape(w.group(3))
            if (float(w.group(1)) < margin - 1 or float(w.group(2)) > right + 0.1) and word not in words:
                cut.append(word)
    return cut


def check_layout(check, browser, path, shots=None):
    """The page at 1400 px and 390 px (each view, both languages) and printed on A4: no sideways scroll, no box over
    another, no chart label cut off; on the desktop and on paper no table needs scrolling (every column shows).
    With shots (a folder), writes dashboard-1400.png, dashboard-390.png, dashboard-print.pdf and its first pages as
    PNG, to look at."""
    url = "file://" + os.path.abspath(path)
    tools = DevTools(browser)
    try:
        for width in WIDTHS:
            tools.open(url, width)
            found, faults = layout_faults(tools, f"{width} px")
            # A wide table may scroll inside its box on a phone; on a desktop every column shows.
            if width < 1000:
                faults = [f for f in faults if ": scrolls: " not in f]
            check.expect(found["width"] == width, f"{path}: the viewport is {found['width']} px, not {width}")
            for f in faults:
                check.expect(False, f"{path}: {f}")
            print(f"  layout {width} px: {len(found['views'])} views × 2 languages, {len(faults)} faults")
            if shots:
                tools.screenshot(os.path.join(shots, f"dashboard-{width}.png"), width)
        # Printed: print media at the A4 text width; every table keeps every column.
        tools.open(url, PRINT_WIDTH, media="print")
        found, faults = layout_faults(tools, "print")
        for f in faults:
            check.expect(False, f"{path}: {f}")
        print(f"  layout print ({PRINT_WIDTH} px, A4): {len(faults)} faults")
        words = set(tools.evaluate("document.body.innerText").split())
        pdf = os.path.join(shots or tempfile.mkdtemp(prefix="integra-print-"), "dashboard-print.pdf")
        tools.open(url, 1400)
        tools.pdf(pdf)
    finally:
        tools.close()
    cut = pdf_words_cut(pdf, words)
    check.expect(not cut, f"{path}: printed, {len(cut)} words are cut off at the page's edge: {cut[:8]}")
    if shots and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, os.path.join(shots, "dashboard-print")], check=False)
    if shots:
        print(f"  look at: {shots}/dashboard-1400.png, dashboard-390.png, dashboard-print-*.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--truth", help="truth.json whose figures the page must show")
    parser.add_argument("--threshold", type=int, default=5, help="the project's dashboard suppress_below (default 5)")
    parser.add_argument("--screenshot", help="write a PNG of the page here")
    parser.add_argument("--shots", help="a folder for the layout's screenshots (1400 px, 390 px) and its print (PDF, PNG)")
    parser.add_argument("--scale", help="a large page (e.g. 50 partners) to check for size, errors and load time")
    args = parser.parse_args()
    browser = chromium()
    check = Checker()
    dom = check_page(check, browser, args.page, screenshot=args.screenshot)
    if args.shots:
        os.makedirs(args.shots, exist_ok=True)
    check_layout(check, browser, args.page, shots=args.shots)
    if args.truth:
        with open(args.truth, encoding="utf-8") as f:
            truth = json.load(f)
        quarters = check_figures(check, dom, truth, args.threshold)
        english, console, _ = load(browser, args.page, "lang=en&period=" + quarters[1])
        check.expect(re.search(r'<html[^>]* lang="en"', english) is not None, "#lang=en did not switch the page to English")
        check.expect(re.search(r'<body[^>]* data-lang="en"', english) is not None, "#lang=en did not switch the body")
        check.expect(not console, f"English view: console messages {console[:3]}")
        opened = re.search(r'<div class="view" data-period="%s">' % quarters[1], english)
        closed = re.search(r'<div class="view" data-period="cumulative" hidden="">', english)
        check.expect(opened is not None and closed is not None, f"#period={quarters[1]} did not select that quarter")
    if args.screenshot:
        check.expect(os.path.exists(args.screenshot), f"no screenshot at {args.screenshot}")
        if os.path.exists(args.screenshot):
            print(f"  screenshot: {args.screenshot}")
    if args.scale:
        check_page(check, browser, args.scale)
        check_layout(check, browser, args.scale)
    for failure in check.failures:
        print("FAIL " + failure)
    print(f"dashboard: {check.checked - len(check.failures)} checks passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
