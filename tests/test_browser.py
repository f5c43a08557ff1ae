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
        ["责任单位", "角色", "任务", "完成时限", "行业领域", "地区", "文件"]
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
            for d in item["deadlines"]:
                assert (d["date"] or d["text"]) in row["cells"]["c-due"]
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
    title = api(live_server, f"/documents/{doc_id}/breakdown")["title"]
    for b in buttons:
        fmt = b.get_attribute("data-format")
        assert b.get_attribute("download") is not None and b.is_displayed()
        status, headers, body = fetch(live_server, urllib.parse.urlsplit(b.get_attribute("href")).path,
                                      format=fmt)
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(b.get_attribute("href")).query) == {"format": [fmt]}
        assert status == 200, (fmt, body[:200])
        assert headers["content-type"].startswith(BREAKDOWN_TYPES[fmt])
        assert headers["content-disposition"] == f'attachment; filename="breakdown-{doc_id}.{fmt}"'
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


def test_api_errors_are_shown_with_their_detail(driver: WebDriver, live_server: str, tmp_path: Path) -> None:
    open_page(driver, live_server)
    ready(driver, "#results")
    set_value(driver, "f-due-after", "2021-01-01")
    set_value(driver, "f-due-before", "2020-01-01")
    driver.find_element(By.ID, "search-button").click()
    assert settled(driver, "#results", url_has="due_before=2020-01-01") == "error"
    status, _, body = fetch(live_server, "/obligations", due_after="2021-01-01", due_before="2020-01-01")
    assert status == 422
    error = driver.find_element(By.CSS_SELECTOR, "#results .error")
    assert error.is_displayed() and "HTTP 422" in error.text
    shown = error.find_element(By.CLASS_NAME, "detail").text
    assert all(msg in shown for msg in detail_messages(json.loads(body)["detail"])), shown
    driver.save_screenshot(str(tmp_path / "error.png"))

    open_page(driver, live_server, "#/docs/unknown")
    assert settled(driver, "#doc-view") == "error"
    status, _, body = fetch(live_server, "/documents/unknown")
    assert status == 404
    shown = driver.find_element(By.CSS_SELECTOR, "#doc-view .error .detail").text
    assert all(msg in shown for msg in detail_messages(json.loads(body)["detail"])), shown
    # the two failed requests are the only console errors
    messages = [e["message"] for e in severe_entries(driver)]
    assert len(messages) == 2, messages
    assert "/obligations?" in messages[0] and "422" in messages[0]
    assert "/documents/unknown" in messages[1] and "404" in messages[1]
