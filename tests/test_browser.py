"""The web page in a real browser: Debian's chromium, headless, driven by selenium.

What a bureau user does, checked against what the API answers for the same question:
the page loads in Chinese; a search shows the API's rows; a document shows its original
text with the extracted spans marked at the API's offsets; the breakdown buttons download
real files; the comparison matrix shows the API's counts; the timeline lists every
deadline; an API error is shown with its `detail`. Every test fails on a JavaScript error
in the browser console, and leaves a screenshot in its temp dir.

Waits are explicit: every view of the page carries `data-state` (loading, then ready,
empty or error), so the tests wait on that instead of sleeping.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from policykg.ingest.readers import SUPPORTED_LIST

from servers import thread_server

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# the platform's flags for headless chromium on this machine
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--window-size=1400,1000")
WAIT = 30  # seconds: generous, since other test runs share the machine's two cores
DONE = ("ready", "empty", "error")
ROLE = {"lead": "牵头", "participant": "配合", "responsible": "负责"}
# the order the page nests spans that start and end together (api/static/app.js KIND_ORDER)
KIND_ORDER = ["task", "actor", "recipient", "sector", "deadline", "target", "practice"]
PAGE_SIZE = 50  # rows per page (api/static/app.js PAGE)
BREAKDOWN_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "md": "text/markdown",
}


# ---------------------------------------------------------------------- helpers
def fetch(base: str, path: str, **params: Any) -> tuple[int, dict[str, str], bytes]:
    """GET `path` from the live server: status, headers (lower-case names) and body."""
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    url = urllib.parse.urljoin(base + "/", path.lstrip("/")) + query
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as res:
            return res.status, {k.lower(): v for k, v in res.headers.items()}, res.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def api(base: str, path: str, **params: Any) -> Any:
    """The JSON the API answers (what the page must show)."""
    status, _, body = fetch(base, path, **params)
    assert status == 200, f"{path} {params}: HTTP {status} {body[:200]!r}"
    return json.loads(body)


def settled(driver: WebDriver, css: str, url_has: str | None = None) -> str:
    """Wait until the view at `css` has finished loading (and, with `url_has`, loading
    the request whose decoded URL contains it); returns its final data-state."""

    def done(d: WebDriver) -> str | bool:
        el = d.find_element(By.CSS_SELECTOR, css)
        state = el.get_attribute("data-state")
        if url_has is not None and url_has not in urllib.parse.unquote_plus(el.get_attribute("data-url") or ""):
            return False
        return state if state in DONE else False

    return WebDriverWait(driver, WAIT).until(done, f"{css} did not finish loading")


def ready(driver: WebDriver, css: str, url_has: str | None = None) -> None:
    """Wait for the view at `css` and require that it shows data (not empty, not an error)."""
    state = settled(driver, css, url_has)
    assert state == "ready", f"{css} is {state}: {driver.find_element(By.CSS_SELECTOR, css).text[:300]}"


def open_page(driver: WebDriver, base: str, route: str = "") -> None:
    """Load the page afresh (at `route`, e.g. "#/compare") so each test starts clean: going
    from one URL of the page to another that differs only in its #fragment would not reload."""
    driver.get("about:blank")
    driver.get(f"{base}/{route}")


def set_value(driver: WebDriver, element_id: str, value: str) -> None:
    """Set an input by script: typing into a date input depends on the browser's locale."""
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", element_id, value)


def fill(driver: WebDriver, element_id: str, value: str) -> None:
    el = driver.find_element(By.ID, element_id)
    el.clear()
    el.send_keys(value)


def detail_messages(detail: str | list[dict[str, Any]]) -> list[str]:
    """The messages of an API error's `detail`: a string, or FastAPI's list of validation errors."""
    return [detail] if isinstance(detail, str) else [d["msg"] for d in detail]


def shown_marks(driver: WebDriver) -> list[list[Any]]:
    """The entity marks in the original text: [kind, start, end, text shown]."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#original mark.ent')).map((m) => [
          m.dataset.kind, Number(m.dataset.start), Number(m.dataset.end), m.textContent]);""")


def severe_entries(driver: WebDriver) -> list[dict[str, Any]]:
    """SEVERE console entries since the last call (reading the log empties it)."""
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def result_rows(driver: WebDriver) -> list[dict[str, Any]]:
    """The rendered result rows in one round trip: ids, each cell's text and the link."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#results tbody tr')).map((tr) => ({
          task: tr.dataset.task || null, body: tr.dataset.body || null, first: tr.classList.contains('new-task'),
          cells: Object.fromEntries(Array.from(tr.cells).map(
            (td) => [td.className.split(' ')[0], td.textContent.trim()])),
          doc: (tr.querySelector('a.doclink') || {}).textContent || null,
          href: (tr.querySelector('a.doclink') || {}).hash || null,
        }));""")


def nested_marks(text_length: int, spans: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """The entity marks the page can draw for the API's spans, in document order: spans
    nest outermost first, one that crosses an open span cannot nest and is left out, and
    spans of one kind at the same offsets (one mention read as two bodies) are one mark."""
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    valid = [s for s in spans if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
             and s["start"] < s["end"] <= text_length]
    valid.sort(key=lambda s: (s["start"], -s["end"], rank.get(s["kind"], 99)))
    open_ends: list[int] = []
    out: list[tuple[str, int, int]] = []
    seen: set[tuple[str, int, int]] = set()
    for s in valid:
        key = (s["kind"], s["start"], s["end"])
        if key in seen:
            continue
        seen.add(key)
        while open_ends and open_ends[-1] <= s["start"]:
            open_ends.pop()
        if open_ends and open_ends[-1] < s["end"]:
            continue
        open_ends.append(s["end"])
        if s["kind"] != "task":
            out.append((s["kind"], s["start"], s["end"]))
    return out


# ---------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    """One headless chromium for the module; skipped only where the browser is not installed."""
    chromium = shutil.which("chromium") or shutil.which(CHROMIUM)
    chromedriver = shutil.which("chromedriver") or shutil.which(CHROMEDRIVER)
    if not chromium or not chromedriver:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(chromedriver), options=options)
    drv.set_page_load_timeout(WAIT)
    yield drv
    drv.quit()


@pytest.fixture(autouse=True)
def no_console_errors(driver: WebDriver) -> Iterator[None]:
    """Fail a test whose page logged a SEVERE console entry (a JS error, a failed request).
    A test that provokes an API error reads and checks those entries itself."""
    severe_entries(driver)  # what an earlier test left
    yield
    severe = severe_entries(driver)
    assert not severe, "browser console errors:\n" + "\n".join(e["message"] for e in severe)


# ---------------------------------------------------------------------- tests
def test_page_loads_in_chinese_with_all_obligations(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    open_page(driver, live_server)
    ready(driver, "#results")
    assert "政策文件任务分工查询" in driver.title
    assert driver.find_element(By.TAG_NAME, "h1").text == "政策文件任务分工查询"
    tabs = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "nav a")]
    assert tabs == ["义务检索", "文件原文", "地区对比", "时限日历"]
    assert [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#results thead th")] == \
        ["责任单位", "角色", "任务", "完成时限", "报送对象", "行业领域", "地区", "文件"]
    expected = api(live_server, "/obligations", limit=50, offset=0)
    assert driver.find_element(By.ID, "search-summary").text.startswith(f"共 {expected['total']} 条义务")
    assert [r["task"] for r in result_rows(driver)] == [i["task_id"] for i in expected["items"]]
    nodes = api(live_server, "/health")["counts"]["nodes"]
    stats = WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "stats").text)
    assert f"已收录 {nodes['Document']} 份文件" in stats and f"{nodes['Task']} 项任务" in stats
    driver.save_screenshot(str(tmp_path / "home.png"))


def run_search(driver: WebDriver, base: str, field: str, value: str, url_has: str, semantic: bool = False) -> None:
    """Fill one search field on a fresh page, submit, and wait for the results it asks for."""
    open_page(driver, base)
    ready(driver, "#results")
    fill(driver, field, value)
    if semantic:
        driver.find_element(By.ID, "semantic").click()
    driver.find_element(By.ID, "search-button").click()
    ready(driver, "#results", url_has=url_has)


def test_search_by_body_shows_the_apis_rows(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    run_search(driver, live_server, "f-body", "应急管理局", url_has="body=应急管理局")

    expected = api(live_server, "/obligations", body="应急管理局", limit=50, offset=0)
    assert 0 < expected["total"] <= 50, "the seed corpus fits one page for this query"
    summary = driver.find_element(By.ID, "search-summary").text
    assert summary.startswith(f"共 {expected['total']} 条义务,显示第 1–{expected['total']} 条")
    rows = result_rows(driver)
    assert [(r["task"], r["body"]) for r in rows] == [(i["task_id"], i["body"]) for i in expected["items"]]
    for row, item in zip(rows, expected["items"]):
        assert row["cells"]["c-body"] == item["body"]
        assert row["cells"]["c-role"].startswith(ROLE[item["role"]])
        assert ("推定" in row["cells"]["c-role"]) == (item["explicit"] is False)
        if row["first"]:  # the first row of a task carries the task's cells
            assert row["cells"]["c-task"].endswith(item["title"])
            assert row["doc"] == item["document_title"]
            assert row["cells"]["c-region"] == (item["region"] or "—")
            assert row["cells"]["c-sector"] == ("、".join(item["sectors"]) or "—")
            assert row["cells"]["c-recipients"] == ("、".join(item["recipients"]) or "—")
            for d in item["deadlines"]:
                assert (d["date"] or d["text"]) in row["cells"]["c-due"]
            # the time limit as the circular writes it, the ISO date beside; 未明确 when none
            assert row["cells"]["c-due"] == ("".join(x["text"] + (f"({x['cadence']})" if x["cadence"] else "") +
                                                     (x["date"] or "") for x in item["time_limits"]) or "未明确")
    # each task's rows come together, and the task is written once for them
    first_rows = [r["task"] for r in rows if r["first"]]
    assert len(first_rows) == len(set(first_rows)) == len({i["task_id"] for i in expected["items"]})
    driver.save_screenshot(str(tmp_path / "search.png"))


def test_semantic_search_lists_the_apis_hits(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    run_search(driver, live_server, "q", "危化品企业搬迁", url_has="/search?q=危化品企业搬迁", semantic=True)

    expected = api(live_server, "/search", q="危化品企业搬迁", limit=50)
    rows = result_rows(driver)
    assert [r["task"] for r in rows] == [h["task_id"] for h in expected["items"]]
    top = expected["items"][0]
    assert rows[0]["cells"]["c-task"].endswith(top["title"])
    assert rows[0]["cells"]["c-body"] == "".join(a["name"] for a in top["actors"])
    assert f"{len(expected['items'])} 项相关任务" in driver.find_element(By.ID, "search-summary").text
    driver.save_screenshot(str(tmp_path / "semantic.png"))


def test_opening_a_document_from_a_result_marks_the_extracted_spans(
        driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    run_search(driver, live_server, "f-body", "应急管理局", url_has="body=应急管理局")
    first = result_rows(driver)[0]
    driver.find_element(By.CSS_SELECTOR, "#results a.doclink").click()
    ready(driver, "#doc-view")

    doc_id = urllib.parse.unquote(first["href"]).split("/")[2]
    doc = api(live_server, f"/documents/{doc_id}")
    assert driver.find_element(By.ID, "doc-title").text == doc["meta"]["title"]
    assert driver.find_element(By.CSS_SELECTOR, "#docs").is_displayed()
    # the original text is shown whole and unchanged: marks add colour, not characters
    text = doc["original_text"]
    assert driver.find_element(By.ID, "original").get_attribute("textContent") == text
    # every span that can nest is marked at the API's offsets, around the API's text
    marks = shown_marks(driver)
    expected = nested_marks(len(text), doc["spans"])
    assert [tuple(m[:3]) for m in marks] == expected
    entities = {(s["kind"], s["start"], s["end"]) for s in doc["spans"] if s["kind"] != "task"}
    assert len(expected) >= 0.9 * len(entities), "few extracted spans may be left out"
    for kind, start, end, shown in marks:
        assert shown == text[start:end], (kind, start, end)
    assert {"actor", "deadline"} <= {m[0] for m in marks}
    # the task the result row named is the one in focus
    focused = driver.find_element(By.CSS_SELECTOR, "#original .task-span.focus")
    assert focused.get_attribute("data-task") == first["task"]
    assert first["task"] in {t["id"] for t in doc["tasks"]}
    driver.save_screenshot(str(tmp_path / "document-from-search.png"))


def open_document(driver: WebDriver, base: str, doc_id: str) -> None:
    """Open a document the way a user does: the 文件原文 tab, then its entry in the list."""
    open_page(driver, base)
    driver.find_element(By.ID, "tab-docs").click()
    ready(driver, "#doc-list")
    driver.find_element(By.CSS_SELECTOR, f'#doc-list a[data-doc="{doc_id}"]').click()
    ready(driver, "#doc-view")


def test_document_view_marks_every_span_with_a_legend(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    docs = api(live_server, "/documents")["items"]
    # the document with the most extracted spans (the Yunnan work plan in the seeds)
    full = {d["id"]: api(live_server, f"/documents/{d['id']}") for d in docs}
    doc_id = max(full, key=lambda i: len(full[i]["spans"]))
    doc = full[doc_id]
    open_document(driver, live_server, doc_id)
    assert [a.get_attribute("data-doc") for a in driver.find_elements(By.CSS_SELECTOR, "#doc-list a")] == \
        [d["id"] for d in docs]
    assert driver.find_element(By.CSS_SELECTOR, "#doc-list a.selected").get_attribute("data-doc") == doc_id

    assert driver.find_element(By.ID, "doc-title").text == doc["meta"]["title"]
    legend = {m.get_attribute("data-legend"): m.text for m in driver.find_elements(By.CSS_SELECTOR, "#legend mark")}
    wanted = {"actor": "责任单位", "deadline": "完成时限", "sector": "行业领域", "target": "目标指标"}
    assert wanted.items() <= legend.items()
    text = doc["original_text"]
    marks = shown_marks(driver)
    assert [tuple(m[:3]) for m in marks] == nested_marks(len(text), doc["spans"])
    assert {"actor", "deadline"} <= {m[0] for m in marks}
    assert all(shown == text[start:end] for _, start, end, shown in marks)
    # the task table is the document's tasks, in order
    rows = driver.find_elements(By.CSS_SELECTOR, "#doc-tasks tbody tr")
    assert [r.get_attribute("data-task") for r in rows] == [t["id"] for t in doc["tasks"]]
    # clicking a task puts its paragraph of the original in focus
    rows[-1].click()
    focused = WebDriverWait(driver, WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#original .task-span.focus"))
    assert focused[0].get_attribute("data-task") == doc["tasks"][-1]["id"]
    driver.execute_script("document.getElementById('original-head').scrollIntoView()")
    driver.save_screenshot(str(tmp_path / "document.png"))


def test_document_view_marks_sectors_targets_and_recipients(driver: WebDriver, live_server: str) -> None:
    docs = api(live_server, "/documents")["items"]
    full = {d["id"]: api(live_server, f"/documents/{d['id']}") for d in docs}
    # the document whose tasks name the most sectors: each named sector is written in its text
    doc_id = max(full, key=lambda i: sum(len(t["sectors"]) for t in full[i]["tasks"]))
    reported = [o for o in api(live_server, "/obligations", document=doc_id, limit=500)["items"] if o["recipients"]]
    assert reported, "someone in this document reports to a named body"
    open_document(driver, live_server, doc_id)
    kinds = {m[0] for m in shown_marks(driver)}
    assert {"sector", "target", "recipient"} <= kinds, kinds


def test_breakdown_buttons_download_each_format(driver: WebDriver, live_server: str) -> None:
    doc_id = api(live_server, "/documents")["items"][1]["id"]
    open_page(driver, live_server, f"#/docs/{doc_id}")
    ready(driver, "#doc-view")
    buttons = driver.find_elements(By.CSS_SELECTOR, "#downloads a.download")
    assert {b.get_attribute("data-format") for b in buttons} == set(BREAKDOWN_TYPES)
    table = api(live_server, f"/documents/{doc_id}/breakdown")
    title = table["title"]
    for b in buttons:
        fmt = b.get_attribute("data-format")
        assert b.get_attribute("download") is not None and b.is_displayed()
        status, headers, body = fetch(live_server, urllib.parse.urlsplit(b.get_attribute("href")).path,
                                      format=fmt)
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(b.get_attribute("href")).query) == {"format": [fmt]}
        assert status == 200, (fmt, body[:200])
        assert headers["content-type"].startswith(BREAKDOWN_TYPES[fmt])
        # named after the circular (任务分工-<标题>.xlsx), with an ASCII name for old clients
        assert headers["content-disposition"] == (
            f'attachment; filename="breakdown-{doc_id}.{fmt}"; '
            f"filename*=UTF-8''{urllib.parse.quote(table['file_name'] + '.' + fmt, safe='')}")
        assert table["file_name"].startswith("任务分工-") and b.get_attribute("download") == f"{table['file_name']}.{fmt}"
        if fmt in ("xlsx", "docx"):
            assert body[:2] == b"PK"  # a zip package
        elif fmt == "csv":
            assert body.decode("utf-8-sig").startswith("序号,重点任务,")
        else:
            assert body.decode("utf-8").startswith(f"# {title}\n")


def test_comparison_matrix_shows_the_apis_counts(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    open_page(driver, live_server, "#/compare")
    ready(driver, "#compare-view")

    def shown(table_id: str) -> dict[tuple[str, str], tuple[str, str]]:
        cells = driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map((td) => "
            "[td.dataset.region, td.dataset.column, td.dataset.n, td.textContent]);", f"#{table_id} td.n")
        return {(r, c): (n, t) for r, c, n, t in cells}

    def expected(matrix: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str]]:
        return {(r, c): (str(matrix["counts"][i][j]), str(matrix["counts"][i][j]) if matrix["counts"][i][j] else "·")
                for i, r in enumerate(matrix["regions"]) for j, c in enumerate(matrix["columns"])}

    everything = api(live_server, "/compare")
    assert shown("matrix-sector-table") == expected(everything["sectors"])
    assert shown("matrix-mechanism-table") == expected(everything["mechanisms"])
    headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#matrix-sector-table th.region")]
    assert headers == everything["sectors"]["regions"]

    fill(driver, "c-regions", "山西省,黑龙江省,云南省")
    fill(driver, "c-topic", "事故调查")
    driver.find_element(By.ID, "compare-button").click()
    ready(driver, "#compare-view", url_has="topic=事故调查")
    chosen = api(live_server, "/compare", regions="山西省,黑龙江省,云南省", topic="事故调查")
    assert shown("matrix-sector-table") == expected(chosen["sectors"])
    columns = driver.execute_script("""
        return Array.from(document.querySelectorAll('#topic-align .col')).map((c) => [
          c.querySelector('h4').textContent, Array.from(c.querySelectorAll('a')).map((a) => a.textContent)]);""")
    assert columns == [[c["region"], [t["title"] for t in c["tasks"]]] for c in chosen["topic_tasks"]]
    assert columns[0][1], "Shanxi has accident-investigation tasks"
    # where the mechanism matrix's data come from is said, not left to guess
    assert "经验做法" in driver.find_element(By.ID, "mechanism-source").text
    driver.save_screenshot(str(tmp_path / "compare.png"))


def test_deadline_timeline_lists_every_deadline(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    open_page(driver, live_server, "#/timeline")
    ready(driver, "#timeline-list")
    items = api(live_server, "/deadlines")["items"]
    dated = [x for x in items if x["date"]]
    recurring = [x for x in items if not x["date"] and x["type"] == "recurring"]
    relative = [x for x in items if not x["date"] and x["type"] != "recurring"]

    def shown(css: str) -> list[list[str]]:
        return driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map((li) => "
            "[li.dataset.deadline, li.dataset.date, li.querySelector('.tl-what a').textContent]);", css)

    # dated limits in date order; the API leaves the order of one task's undated limits open
    on_dates = shown("#tl-dated .tl-item")
    assert [d for _, d, _ in on_dates] == [x["date"] for x in dated]
    assert sorted(on_dates) == sorted([x["deadline_id"], x["date"], x["title"]] for x in dated)
    assert sorted(shown("#tl-recurring .tl-item")) == sorted([x["deadline_id"], "", x["title"]] for x in recurring)
    assert sorted(shown("#tl-relative .tl-item")) == sorted([x["deadline_id"], "", x["title"]] for x in relative)
    assert recurring and relative, "the seeds have cadences and limits counted from an event"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#tl-axis .dot")) == len(dated)
    assert driver.find_elements(By.CSS_SELECTOR, "#tl-axis .now")
    # the calendar feed the page links to
    ics = urllib.parse.urlsplit(driver.find_element(By.ID, "ics-link").get_attribute("href")).path
    status, headers, _ = fetch(live_server, ics)
    assert status == 200 and headers["content-type"].startswith("text/calendar")
    driver.save_screenshot(str(tmp_path / "timeline.png"))

    fill(driver, "t-body", "应急管理局")
    driver.find_element(By.ID, "timeline-button").click()
    ready(driver, "#timeline-list", url_has="body=应急管理局")
    narrowed = api(live_server, "/deadlines", body="应急管理局")["items"]
    assert 0 < len(narrowed) < len(items)
    assert sorted(li.get_attribute("data-deadline") for li in driver.find_elements(By.CSS_SELECTOR, ".tl-item")) == \
        sorted(x["deadline_id"] for x in narrowed)
    assert "body=" in driver.find_element(By.ID, "ics-link").get_attribute("href")



# ---------------------------------------------------------------------- issue 14: what a clerk reads
MESSAGES = json.loads((Path(__file__).resolve().parent.parent / "api" / "static" / "messages.json")
                      .read_text(encoding="utf-8"))
SHARED_DOCS = Path(__file__).resolve().parents[2] / "shared" / "devset" / "docs"
# what the page must never show: the API's English, store internals
NEVER_SHOWN = ("detail", "writes are disabled", "POLICYKG_API_TOKEN", "no document with id", "redis.sock",
               "graph store", "Value should", "HTTP ")


def message(key: str, **values: Any) -> str:
    node: Any = MESSAGES
    for part in key.split("."):
        node = node[part]
    return node.format(**values)


def assert_chinese_only(text: str) -> None:
    for bad in NEVER_SHOWN:
        assert bad not in text, (bad, text)


def serving(app: Any) -> contextlib.AbstractContextManager[str]:
    """`app` served by uvicorn on a free loopback port (tests/servers.py)."""
    return thread_server(app)


@pytest.fixture(scope="module")
def upload_server(falkor_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A page over an empty graph of its own that takes uploads with the token `policykg serve`
    keeps in its data folder: (base URL, token). The seed corpus graph stays untouched."""
    from policykg.api.app import create_app
    from policykg.api.auth import WriteAuth, ensure_token, token_path
    from policykg.api.service import Service
    from policykg.graph.falkor_store import FalkorStore

    data = tmp_path_factory.mktemp("upload-data")
    token, _ = ensure_token(data)
    store = FalkorStore.embedded(falkor_data, graph="policykg_browser_upload")
    store.write("MATCH (n) DETACH DELETE n")
    store.ensure_schema()
    with serving(create_app(Service(store, None), WriteAuth(token_path(data)))) as base:
        yield base, token
    store.close()


def upload(driver: WebDriver, path: Path) -> None:
    """Choose `path` in the upload form and send it (the form opens if it is folded)."""
    details = driver.find_element(By.ID, "upload")
    if not details.get_attribute("open"):
        driver.find_element(By.CSS_SELECTOR, "#upload summary").click()
    driver.find_element(By.ID, "upload-file").send_keys(str(path))
    driver.find_element(By.ID, "upload-button").click()


def upload_refused(driver: WebDriver, base: str, path: Path, token: str | None) -> str:
    """Upload `path` from a fresh page holding `token` (None: none); the message shown."""
    open_page(driver, base, "#/docs")
    ready(driver, "#doc-list") if api(base, "/documents")["total"] else settled(driver, "#doc-list")
    driver.execute_script("localStorage.removeItem('policykg-write-token');"
                          "if (arguments[0]) localStorage.setItem('policykg-write-token', arguments[0]);", token)
    upload(driver, path)
    assert settled(driver, "#upload-form") == "error"
    return driver.find_element(By.ID, "upload-msg").text


def in_view(driver: WebDriver, element_id: str) -> bool:
    """Whether the element's top edge is inside the window (not below the fold)."""
    top, height = driver.execute_script(
        "return [document.getElementById(arguments[0]).getBoundingClientRect().top, window.innerHeight];", element_id)
    return 0 <= top < height


def test_upload_from_the_ready_link_then_the_new_document_opens(
        driver: WebDriver, upload_server: tuple[str, str], tmp_path: Path) -> None:
    """After `make run` the person at the machine opens the printed link and uploads a .docx circular."""
    from docx import Document

    base, token = upload_server
    source = SHARED_DOCS / "d34.txt"
    if not source.exists():
        pytest.skip("../shared/devset is not beside the repo")
    docx_path = tmp_path / "吉林省重点工作分工方案.docx"
    doc = Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(str(docx_path))

    open_page(driver, base, f"#token={token}")
    settled(driver, "#doc-list")
    # the token left the address bar and lives in this browser; the upload form says so
    assert "token" not in driver.current_url and driver.current_url.endswith("#/docs")
    assert driver.execute_script("return localStorage.getItem('policykg-write-token')") == token
    assert driver.find_element(By.ID, "upload-auth").text == message("page.upload_token_saved")
    assert not driver.find_element(By.ID, "upload-token").is_displayed()

    upload(driver, docx_path)
    assert settled(driver, "#upload-form") == "ready", driver.find_element(By.ID, "upload-msg").text
    docs = api(base, "/documents")["items"]
    assert len(docs) == 1
    new = docs[0]
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "doc-view").get_attribute("data-doc") == new["id"])
    ready(driver, "#doc-view")
    assert urllib.parse.unquote(driver.current_url).endswith(f"#/docs/{new['id']}")
    assert driver.find_element(By.ID, "doc-title").text == new["title"]
    assert in_view(driver, "doc-title"), "the new document opens in view"
    assert driver.find_element(By.ID, "upload-msg").text.startswith("已收录:" + new["title"])
    rows = driver.find_elements(By.CSS_SELECTOR, "#doc-tasks tbody tr")
    assert len(rows) == new["tasks"] > 0
    ready(driver, "#doc-list")
    assert driver.find_element(By.CSS_SELECTOR, "#doc-list a.selected").get_attribute("data-doc") == new["id"]
    driver.save_screenshot(str(tmp_path / "uploaded.png"))


def test_refused_uploads_say_in_chinese_what_to_do(
        driver: WebDriver, upload_server: tuple[str, str], live_server: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """401, 403, 413, 415 and an unreadable file (422): the page's own Chinese message for each."""
    import policykg.api.app as app_module

    base, token = upload_server
    monkeypatch.delenv("POLICYKG_API_TOKEN", raising=False)
    circular = tmp_path / "通知.txt"
    circular.write_text("关于做好安全生产工作的通知\n一、各县要于3月底前报送总结。\n", encoding="utf-8")
    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"")
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ" + bytes(100))
    before = api(base, "/documents")["total"]

    shown = upload_refused(driver, base, circular, "wrong-token")
    assert shown == message("errors.401")
    # a refused token is forgotten, and the form asks for a new one, saying how to get it
    assert driver.execute_script("return localStorage.getItem('policykg-write-token')") is None
    assert driver.find_element(By.ID, "upload-auth").text == message("page.upload_need_token")
    assert driver.find_element(By.ID, "upload-token").is_displayed()

    # the seed page's server has no token at all (no POLICYKG_API_TOKEN, no data-folder token)
    assert upload_refused(driver, live_server, circular, "anything") == message("errors.403")

    assert upload_refused(driver, base, program, token) == message("errors.415", ext=".exe", accepted=SUPPORTED_LIST)
    assert upload_refused(driver, base, empty, token) == message(
        "errors.422_file", file=empty.name, reason=MESSAGES["file_problems"]["empty"])
    monkeypatch.setattr(app_module, "MAX_UPLOAD", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_bytes("安全".encode() * (1024 * 1024 // 6 + 1000))
    assert upload_refused(driver, base, big, token) == message("errors.413", limit_mb=1)
    assert api(base, "/documents")["total"] == before, "a refused upload wrote nothing"
    statuses = [m["message"] for m in severe_entries(driver)]
    assert len(statuses) == 5 and all("/documents" in m for m in statuses), statuses
    assert [s for code in ("401", "403", "415", "422", "413") for s in statuses if f"status of {code}" in s]
    assert_chinese_only(driver.find_element(By.TAG_NAME, "body").text)


def test_query_errors_are_chinese_and_never_the_apis_detail(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    """A bad filter (422) names the field and the fix; an unknown document (404) says to pick another."""
    open_page(driver, live_server)
    ready(driver, "#results")
    set_value(driver, "f-due-after", "2021-01-01")
    set_value(driver, "f-due-before", "2020-01-01")
    driver.find_element(By.ID, "search-button").click()
    assert settled(driver, "#results", url_has="due_before=2020-01-01") == "error"
    error = driver.find_element(By.CSS_SELECTOR, "#results .error")
    assert error.is_displayed() and error.get_attribute("data-status") == "422"
    field = MESSAGES["fields"]["due_after"]
    assert error.text == message("errors.422_filter", problems=f"{field}:{MESSAGES['field_problems']['date_range']}")
    assert_chinese_only(error.text)
    driver.save_screenshot(str(tmp_path / "error-422.png"))

    long_query = "安" * 201  # over the API's 200 characters
    open_page(driver, live_server)
    ready(driver, "#results")
    set_value(driver, "q", long_query)
    driver.find_element(By.ID, "search-button").click()
    assert settled(driver, "#results", url_has=long_query) == "error"
    text = driver.find_element(By.CSS_SELECTOR, "#results .error").text
    assert text == message("errors.422_filter", problems="关键词:" + message("field_problems.string_too_long", max_length=200))

    open_page(driver, live_server, "#/docs/unknown")
    assert settled(driver, "#doc-view") == "error"
    text = driver.find_element(By.CSS_SELECTOR, "#doc-view .error").text
    assert text == message("errors.404_document")
    assert_chinese_only(driver.find_element(By.TAG_NAME, "body").text)
    messages = [e["message"] for e in severe_entries(driver)]
    assert messages and all(("422" in m and "/obligations?" in m) or ("404" in m and "/documents/unknown" in m)
                            for m in messages), messages


def test_a_stopped_store_is_explained_without_its_socket(driver: WebDriver, tmp_path: Path) -> None:
    """503: the page says the graph store is not running and what to do; no socket path (it was shown twice)."""
    from policykg.api.app import create_app
    from policykg.api.service import Service
    from policykg.graph.embedded import stop_embedded
    from policykg.graph.falkor_store import FalkorStore

    data = tmp_path / "down"
    store = FalkorStore.embedded(data)
    store.ensure_schema()
    app = create_app(Service(store, None))
    stop_embedded(data)
    # a store that cannot start again (the API's supervisor restarts one that merely stopped)
    (data / "appendonlydir" / "appendonly.aof.manifest").write_text("this is not a manifest\n")
    with serving(app) as base:
        open_page(driver, base)
        assert settled(driver, "#results") == "error"
        banner = WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "banner").is_displayed()
                                                   and d.find_element(By.ID, "banner"))
        assert banner.text == message("errors.503")
        assert driver.find_element(By.CSS_SELECTOR, "#results .error").text == message("errors.503")
        page = driver.find_element(By.TAG_NAME, "body").text
        assert str(data) not in page and "sock" not in page
        assert_chinese_only(page)
        driver.save_screenshot(str(tmp_path / "store-down.png"))
    assert all("503" in e["message"] for e in severe_entries(driver))


def test_topic_comparison_keeps_only_tasks_on_the_topic_with_their_relevance(
        driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    regions = "山西省,黑龙江省,云南省"
    open_page(driver, live_server, "#/compare")
    ready(driver, "#compare-view")
    fill(driver, "c-regions", regions)
    fill(driver, "c-topic", "煤矿")
    driver.find_element(By.ID, "compare-button").click()
    ready(driver, "#compare-view", url_has="topic=煤矿")
    expected = api(live_server, "/compare", regions=regions, topic="煤矿")["topic_tasks"]
    shown = driver.execute_script("""
        return Array.from(document.querySelectorAll('#topic-align .col')).map((c) => ({
          region: c.dataset.region,
          tasks: Array.from(c.querySelectorAll('.topic-task')).map((p) => [p.dataset.task, Number(p.dataset.relevance),
                                                                          p.querySelector('.relevance').textContent]),
          none: (c.querySelector('.none-here') || {}).textContent || null}));""")
    assert [c["region"] for c in shown] == ["山西省", "黑龙江省", "云南省"]
    for col, exp in zip(shown, expected):
        assert [t[:2] for t in col["tasks"]] == [[t["task_id"], t["relevance"]] for t in exp["tasks"]]
        assert all(label == message("page.topic_relevance", score=score) for _, score, label in col["tasks"])
        for t in exp["tasks"]:  # only tasks that name the topic (非煤矿山 is not 煤矿)
            assert "煤矿" in (t["title"] + t["text"]).replace("非煤矿", "")
        if not exp["tasks"] and not exp["practices"]:
            assert col["none"] == message("page.topic_none", region=col["region"], topic="煤矿")
    assert [c["region"] for c in shown if c["none"]] == ["山西省", "黑龙江省"]
    assert shown[2]["tasks"], "Yunnan's plan has coal-mine tasks"
    assert in_view(driver, "topic-section")
    driver.save_screenshot(str(tmp_path / "topic.png"))

    # a short form finds the written-out tasks (危化品 = 危险化学品); a topic nobody has says so
    fill(driver, "c-topic", "危化品")
    driver.find_element(By.ID, "compare-button").click()
    ready(driver, "#compare-view", url_has="topic=危化品")
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, '#topic-align .col[data-region="云南省"] .topic-task a')]
    assert "打好危险化学品综合治理攻坚战" in titles
    fill(driver, "c-topic", "森林防火")
    driver.find_element(By.ID, "compare-button").click()
    ready(driver, "#compare-view", url_has="topic=森林防火")
    assert driver.find_element(By.ID, "topic-nowhere").text == message("page.topic_nowhere", topic="森林防火")


def test_keyword_search_expands_short_forms(driver: WebDriver, live_server: str) -> None:
    run_search(driver, live_server, "q", "危化品", url_has="q=危化品")
    expected = api(live_server, "/obligations", q="危化品", limit=50, offset=0)
    rows = result_rows(driver)
    assert [r["task"] for r in rows] == [i["task_id"] for i in expected["items"]]
    titles = {r["cells"]["c-task"] for r in rows if r["first"]}
    assert any("危险化学品" in t for t in titles), titles
    written_out = api(live_server, "/obligations", q="危险化学品", limit=500)["total"]
    assert expected["total"] >= written_out > 0


def test_recipients_on_the_search_table_and_the_timeline(driver: WebDriver, live_server: str) -> None:
    """报送对象 — "to whom" is half of the question."""
    run_search(driver, live_server, "f-body", "各市应急管理局", url_has="body=各市应急管理局")
    expected = api(live_server, "/obligations", body="各市应急管理局", limit=50, offset=0)["items"]
    rows = {r["task"]: r for r in result_rows(driver) if r["first"]}
    reporting = [i for i in expected if i["recipients"]]
    assert reporting
    for item in reporting:
        assert rows[item["task_id"]]["cells"]["c-recipients"] == "、".join(item["recipients"])

    open_page(driver, live_server, "#/timeline")
    ready(driver, "#timeline-list")
    items = api(live_server, "/deadlines")["items"]
    shown = dict(driver.execute_script(
        "return Array.from(document.querySelectorAll('.tl-item')).map((li) => "
        "[li.dataset.deadline, li.querySelector('.tl-recipients').textContent]);"))
    with_recipients = [x for x in items if x["recipients"]]
    assert with_recipients
    for x in items:
        assert shown[x["deadline_id"]] == "报送对象:" + ("、".join(x["recipients"]) or "—")


def test_a_new_page_of_results_starts_in_view(driver: WebDriver, live_server: str) -> None:
    open_page(driver, live_server)
    ready(driver, "#results")
    assert in_view(driver, "search-summary") and in_view(driver, "results")
    assert api(live_server, "/obligations", limit=1)["total"] > PAGE_SIZE
    next_button = driver.find_element(By.ID, "next")
    driver.execute_script("arguments[0].scrollIntoView()", next_button)
    next_button.click()
    ready(driver, "#results", url_has=f"offset={PAGE_SIZE}")
    assert in_view(driver, "search-summary"), "the next page starts at its first row"
