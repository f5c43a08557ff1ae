// policykg web page: plain JavaScript over the JSON API (no build step, no network assets:
// the page must work on an offline office network).
//
// Every view that loads data carries a `data-state` attribute (loading / ready / empty /
// error) so that users see what is happening and the browser test can wait on it.
//
// Every word a user reads comes from /static/messages.json (shared with the CLI and the
// exports through policykg.api.messages); an API error is shown as the Chinese message
// for its status and `code`, never as the API's English `detail`.
"use strict";

const $ = (s, el = document) => el.querySelector(s);
const $$ = (s, el = document) => Array.from(el.querySelectorAll(s));
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ESC[c]);

// the order the page nests spans that start and end together
const KIND_ORDER = ["task", "actor", "recipient", "sector", "deadline", "target", "practice"];
const PAGE = 50;
const TOKEN_KEY = "policykg-write-token";
// shown only when messages.json itself cannot be loaded (the server went away)
const NO_MESSAGES = "页面文字加载失败。请确认服务仍在运行,然后刷新本页。";

// ---------------------------------------------------------------- messages
let MSG = null;

/** `text` with its {placeholders} filled from `values`. */
const fill = (text, values = {}) => String(text ?? "").replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

/** The message at a dotted path of messages.json ("errors.503"), filled. */
function T(path, values) {
  const found = path.split(".").reduce((node, k) => (node == null ? node : node[k]), MSG);
  return fill(found ?? "", values);
}

async function loadMessages() {
  const res = await fetch("/static/messages.json", { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`messages.json: HTTP ${res.status}`);
  MSG = await res.json();
}

// ---------------------------------------------------------------- API access
class ApiError extends Error {
  /** `body` is the API's JSON error (detail, code and the values a message needs). */
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(path, options = {}) {
  let res;
  try {
    res = await fetch(path, { ...options, headers: { Accept: "application/json", ...(options.headers || {}) } });
  } catch (_) {
    throw new ApiError(0, null);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  if (body === null) throw new ApiError(-1, null);
  return body;
}

/** What went wrong in a filter, field by field: "完成时限(从):开始日期晚于结束日期…". */
function fieldProblems(detail) {
  return detail.map((x) => {
    const field = (x.loc || []).filter((l) => !["query", "path", "body"].includes(l)).pop();
    const problems = MSG.field_problems;
    // pydantic says too_long ("at most 200 items") for a text over its length, too
    const type = x.type === "too_long" && typeof x.input === "string" ? "string_too_long" : x.type;
    const problem = fill(problems[type] || problems.default, x.ctx || {});
    return `${MSG.fields[field] || ""}${MSG.fields[field] ? ":" : ""}${problem}`;
  }).join(";");
}

/** The Chinese message for an API error: what happened and what to do. */
function errorText(e) {
  const b = e.body || {};
  if (e.status === 0) return T("errors.network");
  if (e.status === -1) return T("errors.bad_reply");
  if (e.status === 422) {
    if (Array.isArray(b.detail)) return T("errors.422_filter", { problems: fieldProblems(b.detail) });
    if (b.file) {
      const reason = MSG.file_problems[b.code] || MSG.file_problems.default;
      return T("errors.422_file", { file: b.file, reason });
    }
    return T("errors.422");
  }
  if (e.status === 404) {
    const kind = (b.code || "").replace(/_not_found$/, "");
    return MSG.errors[`404_${kind}`] ? T(`errors.404_${kind}`) : T("errors.404");
  }
  if (e.status === 413) return T("errors.413", { limit_mb: b.limit_mb ?? "?" });
  if (e.status === 415) return T("errors.415", { ext: b.ext || "?", accepted: b.accepted || "" });
  if (e.status === 503 && b.code === "index_building") return T("errors.503_index_building");
  if (MSG.errors[e.status]) return T(`errors.${e.status}`);
  if (e.status >= 500) return T("errors.500");
  return T("errors.default", { status: e.status });
}

function errorHtml(e) {
  return `<div class="error" role="alert" data-status="${esc(e.status)}">${esc(errorText(e))}</div>`;
}

/** Only the newest request of a kind may paint: a slow older answer must not overwrite it. */
const generations = {};
function newest(kind) {
  const n = (generations[kind] = (generations[kind] || 0) + 1);
  return () => generations[kind] === n;
}

function formParams(form, skip = []) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) {
    if (typeof v === "string" && v.trim() && !skip.includes(k)) p.set(k, v.trim());
  }
  return p;
}

const setState = (el, state) => { el.dataset.state = state; };
const busy = (button, on) => { if (button) button.disabled = on; };

/** Bring `el` into view when its top is off screen (the layout stacks on narrow windows). */
function revealTop(el) {
  const top = el.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight * 0.6) el.scrollIntoView({ block: "start" });
}

// ---------------------------------------------------------------- formatting
// names listed with 、, each kept on one line (a sector name broken in two reads as two)
const joinNames = (xs) => (xs || []).filter(Boolean).map((x) => `<span class="nb">${esc(x)}</span>`).join("、");
const none = (text = "—") => `<span class="muted">${esc(text)}</span>`;

/**
 * A task's time limits as the circular writes them (the API's `time_limits`, worded by
 * api/wording.py for the exports and the CLI alike), the ISO date beside; 未明确 when none.
 */
function dueHtml(limits) {
  if (!limits || !limits.length) return none(MSG.no_deadline);
  return limits.map((x) => `<div class="due">${esc(x.text)}${x.cadence ? `<span class="cadence">(${esc(x.cadence)})</span>` : ""}` +
    `${x.date ? `<span class="iso">${esc(x.date)}</span>` : ""}</div>`).join("");
}

const roleHtml = (role, explicit) =>
  `<span class="role ${esc(role)}">${esc(MSG.roles[role] || role || "")}</span>` +
  (explicit === false ? `<span class="inferred" title="${esc(T("page.inferred_hint"))}">${esc(MSG.role_inferred)}</span>` : "");

/** A task's place in the document's outline (二 (三) 4), shown before its title. */
function pathHtml(path) {
  const text = (path || []).filter((x) => x !== "preamble").join(" ");
  return text ? `<span class="path">${esc(text)}</span>` : "";
}

const docHref = (docId, taskId) =>
  `#/docs/${encodeURIComponent(docId)}${taskId ? "/" + encodeURIComponent(taskId) : ""}`;

// ---------------------------------------------------------------- write token
// `policykg serve` prints a link http://127.0.0.1:8000/#token=…: the token stays in the
// #fragment (never sent to the server), is kept in this browser and sent with each upload.
const writeToken = () => { try { return localStorage.getItem(TOKEN_KEY) || ""; } catch (_) { return ""; } };
const saveToken = (t) => { try { t ? localStorage.setItem(TOKEN_KEY, t) : localStorage.removeItem(TOKEN_KEY); } catch (_) { /* private mode */ } };

/** Take the token from a ready link and drop it from the address bar; true when there was one. */
function takeTokenFromLink() {
  const m = location.hash.match(/(?:^#\/?|[&/])token=([A-Za-z0-9_-]+)/);
  if (!m) return false;
  saveToken(m[1]);
  history.replaceState(null, "", `${location.pathname}${location.search}#/docs`);
  return true;
}

/** The upload form says whether this browser may upload and, if not, how to get permission. */
function showUploadAuth(note) {
  const has = Boolean(writeToken());
  $("#upload-auth").textContent = note || T(has ? "page.upload_has_token" : "page.upload_need_token");
  $("#upload-auth").className = has ? "hint ok" : "hint";
  $("#token-field").hidden = has;
}

// ---------------------------------------------------------------- routing (tabs)
const TABS = ["search", "docs", "compare", "timeline"];
const loaded = new Set(); // tabs whose first view has been requested

/** A hash part as text; a malformed escape (a hand-edited URL) is kept as typed. */
function decodePart(s) {
  try { return decodeURIComponent(s); } catch (_) { return s; }
}

function route() {
  const [tab, docId, taskId] = location.hash.replace(/^#\/?/, "").split("/").map(decodePart);
  const current = TABS.includes(tab) ? tab : "search";
  for (const t of TABS) {
    $("#" + t).classList.toggle("active", t === current);
    $("#tab-" + t).classList.toggle("active", t === current);
    $("#tab-" + t).setAttribute("aria-current", t === current ? "page" : "false");
  }
  const first = !loaded.has(current);
  loaded.add(current);
  if (current === "search" && first) search();
  if (current === "docs") {
    if (first) loadDocList();
    if (docId) showDoc(docId, taskId);
  }
  if (current === "compare" && first) compare();
  if (current === "timeline" && first) timeline();
}
window.addEventListener("hashchange", route);

// ---------------------------------------------------------------- header: what the graph holds
async function loadStats() {
  try {
    const h = await api("/health");
    const n = (h.counts && h.counts.nodes) || {};
    $("#stats").textContent = T("page.stats", { documents: n.Document || 0, tasks: n.Task || 0, bodies: n.Body || 0,
      deadlines: n.Deadline || 0 });
    $("#banner").hidden = true;
  } catch (e) {
    const banner = $("#banner");
    banner.innerHTML = errorHtml(e);
    banner.hidden = false;
  }
}

/** Suggestions for the filter inputs; the page works without them, so a failure only empties them. */
async function loadSuggestions() {
  const put = (id, values) => {
    $(id).innerHTML = [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, "zh-CN"))
      .map((v) => `<option value="${esc(v)}"></option>`).join("");
  };
  const [bodies, docs, cmp] = await Promise.allSettled([api("/bodies?limit=1000"), api("/documents?limit=1000"), api("/compare")]);
  if (bodies.status === "fulfilled") put("#dl-bodies", bodies.value.items.map((b) => b.name));
  if (docs.status === "fulfilled") {
    put("#dl-regions", docs.value.items.flatMap((d) => [d.province, (d.locality || "").split(/(?<=市|州|盟)/).pop()]));
  }
  if (cmp.status === "fulfilled") put("#dl-sectors", cmp.value.sectors.columns);
}

// ---------------------------------------------------------------- 义务检索
let offset = 0;
const SEARCH_COLUMNS = 8;

async function search(scroll = false) {
  const form = $("#search-form");
  const p = formParams(form, ["semantic"]);
  if (p.get("status") === "due_soon") { p.set("status", "due_within"); p.set("within_days", "30"); }
  const semantic = $("#semantic").checked && p.has("q");
  p.set("limit", PAGE);
  if (!semantic) p.set("offset", offset); // /search ranks; it has no pages
  const url = `${semantic ? "/search" : "/obligations"}?${p}`;
  const table = $("#results"), tbody = $("#results tbody"), summary = $("#search-summary"), button = $("#search-button");
  const current = newest("search");
  setState(table, "loading");
  table.dataset.url = url;
  summary.textContent = T("page.searching");
  tbody.innerHTML = `<tr class="placeholder"><td colspan="${SEARCH_COLUMNS}"><span class="spinner"></span>${esc(T("page.searching"))}</td></tr>`;
  busy(button, true);
  try {
    const data = await api(url);
    if (!current()) return;
    const rows = data.items || [];
    const total = data.total ?? rows.length;
    if (!rows.length) {
      summary.textContent = T("page.search_none_summary");
      tbody.innerHTML = `<tr class="placeholder"><td colspan="${SEARCH_COLUMNS}">${esc(T("page.search_none"))}</td></tr>`;
      setState(table, "empty");
    } else {
      summary.textContent = semantic
        ? T("page.search_semantic_summary", { n: rows.length })
        // a total the API could only bound from below (total_exact false, issue 13) says so
        : T(data.total_exact === false ? "page.search_summary_at_least" : "page.search_summary",
          { total, from: offset + 1, to: offset + rows.length }) +
          ($("#semantic").checked ? T("page.search_semantic_needs_q") : "");
      tbody.innerHTML = semantic ? rows.map(hitRow).join("") : obligationRows(rows);
      setState(table, "ready");
    }
    const pager = $("#pager");
    // a total that is only a lower bound (total_exact false) has no last page to show
    const exact = data.total_exact !== false;
    pager.hidden = semantic || (exact && total <= PAGE);
    $("#page").textContent = exact
      ? T("page.page_of", { page: Math.floor(offset / PAGE) + 1, pages: Math.max(1, Math.ceil(total / PAGE)) })
      : T("page.page_only", { page: Math.floor(offset / PAGE) + 1 });
    $("#prev").disabled = offset === 0;
    $("#next").disabled = exact ? offset + rows.length >= total : !data.next_cursor;
    if (scroll) revealTop(summary); // a new page starts at its first row, not where the pager was
  } catch (e) {
    if (!current()) return;
    summary.textContent = "";
    tbody.innerHTML = `<tr class="placeholder"><td colspan="${SEARCH_COLUMNS}">${errorHtml(e)}</td></tr>`;
    $("#pager").hidden = true;
    setState(table, "error");
  } finally {
    if (current()) busy(button, false);
  }
}

/** The cells a task's rows share: what, by when, to whom, sector, region and document. */
function taskCells(r, rows = 1) {
  const span = rows > 1 ? ` rowspan="${rows}"` : "";
  const quote = r.evidence ? ` title="${esc(T("page.original_prefix"))}${esc(r.evidence)}…"` : "";
  return `<td class="c-task"${span}${quote}>${pathHtml(r.path)}${esc(r.title)}</td>
    <td class="c-due"${span}>${dueHtml(r.time_limits)}</td>
    <td class="c-recipients"${span}>${joinNames(r.recipients) || none()}</td>
    <td class="c-sector"${span}>${joinNames(r.sectors) || none()}</td>
    <td class="c-region"${span}>${esc(r.region || "") || none()}</td>
    <td class="c-doc"${span}><a class="doclink" href="${docHref(r.document_id, r.task_id)}" data-doc="${esc(r.document_id)}">` +
    `${esc(r.document_title || r.document_id)}</a>${r.doc_number ? `<span class="sub">${esc(r.doc_number)}</span>` : ""}</td>`;
}

/**
 * Rows of /obligations (one body's duty in one task). The API sorts by deadline, so the
 * bodies of one task come together; the task is written once for all of them.
 */
function obligationRows(rows) {
  let html = "";
  for (let i = 0; i < rows.length;) {
    let n = 1;
    while (i + n < rows.length && rows[i + n].task_id === rows[i].task_id) n++;
    rows.slice(i, i + n).forEach((r, k) => {
      html += `<tr data-task="${esc(r.task_id)}" data-body="${esc(r.body)}" class="${k ? "same-task" : "new-task"}">
        <td class="c-body">${esc(r.body)}</td>
        <td class="c-role">${roleHtml(r.role, r.explicit)}</td>
        ${k ? "" : taskCells(r, n)}</tr>`;
    });
    i += n;
  }
  return html;
}

/** A hit of /search: one task with all its bodies (leads first, in the text's order). */
function hitRow(r) {
  const actors = r.actors || [];
  return `<tr data-task="${esc(r.task_id)}" class="new-task">
    <td class="c-body">${actors.map((a) => `<div>${esc(a.name)}</div>`).join("") || none(T("page.unrecognised_body"))}</td>
    <td class="c-role">${actors.map((a) => `<div>${roleHtml(a.role, a.explicit)}</div>`).join("")}</td>
    ${taskCells(r)}
  </tr>`;
}

$("#search-form").addEventListener("submit", (e) => { e.preventDefault(); offset = 0; search(); });
$("#reset-button").addEventListener("click", (e) => {
  e.preventDefault();
  $("#search-form").reset();
  offset = 0;
  search();
});
$("#next").addEventListener("click", () => { offset += PAGE; search(true); });
$("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); search(true); });

// ---------------------------------------------------------------- 文件原文
async function loadDocList() {
  const list = $("#doc-list");
  const current = newest("doclist");
  setState(list, "loading");
  list.innerHTML = `<li class="muted"><span class="spinner"></span>${esc(T("page.loading"))}</li>`;
  try {
    const data = await api("/documents?limit=1000");
    if (!current()) return;
    const items = data.items || [];
    list.innerHTML = items.map((d) => `<li><a href="${docHref(d.id)}" data-doc="${esc(d.id)}">
        <span class="t">${esc(d.title || d.name)}</span>
        <span class="sub">${esc([d.doc_number, (d.province || "") + (d.locality || ""), d.date].filter(Boolean).join(" · "))}</span>
        <span class="sub">${esc(T("page.doc_tasks", { n: d.tasks }))}</span></a></li>`).join("") ||
      `<li class="muted">${esc(T("page.no_documents"))}</li>`;
    setState(list, items.length ? "ready" : "empty");
    markSelectedDoc($("#doc-view").dataset.doc || null);
  } catch (e) {
    if (!current()) return;
    list.innerHTML = `<li>${errorHtml(e)}</li>`;
    setState(list, "error");
  }
}

function markSelectedDoc(id) {
  for (const a of $$("#doc-list a")) a.classList.toggle("selected", a.dataset.doc === id);
}

/**
 * The original text with nested marks. The API's offsets count Unicode code points, so the
 * text is split with Array.from (a JS string index counts UTF-16 units). Spans are nested
 * outermost first; a span that crosses an open one cannot be nested and is left out. One
 * mention read as several bodies (各有关部门和单位: two actors) is one mark with all labels.
 */
function highlight(text, spans) {
  const chars = Array.from(text);
  const rank = (k) => (KIND_ORDER.indexOf(k) + 1) || 99;
  const sorted = (spans || [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= chars.length)
    .sort((a, b) => a.start - b.start || b.end - a.end || rank(a.kind) - rank(b.kind));
  const list = [];
  for (const s of sorted) {
    const prev = list[list.length - 1];
    if (prev && prev.kind === s.kind && prev.start === s.start && prev.end === s.end) {
      if (s.label && !prev.labels.includes(s.label)) prev.labels.push(s.label);
    } else {
      list.push({ ...s, labels: s.label ? [s.label] : [] });
    }
  }
  let out = "", pos = 0;
  const open = [];
  const emit = (to) => { out += esc(chars.slice(pos, to).join("")); pos = to; };
  const close = () => { const top = open.pop(); emit(top.end); out += `</${top.tag}>`; };
  for (const s of list) {
    while (open.length && open[open.length - 1].end <= s.start) close();
    if (open.length && open[open.length - 1].end < s.end) continue;
    emit(s.start);
    if (s.kind === "task") {
      out += `<span class="task-span" id="span-${esc(s.ref)}" data-task="${esc(s.ref)}">`;
      open.push({ end: s.end, tag: "span" });
    } else {
      out += markTag(s);
      open.push({ end: s.end, tag: "mark" });
    }
  }
  while (open.length) close();
  emit(chars.length);
  return out;
}

/** The opening tag of an entity mark; its title lists what was read there. */
function markTag(m) {
  const [name, tag] = MSG.kinds[m.kind] || [m.kind, m.kind];
  return `<mark class="ent ${esc(m.kind)}" data-kind="${esc(m.kind)}" data-start="${m.start}" data-end="${m.end}" ` +
    `data-tag="${esc(tag)}" title="${esc(name)}:${esc(m.labels.join(" / "))}">`;
}

// the breakdown table's columns (messages.json export.columns) -> the page's cell classes
function columnClass(name) {
  const c = MSG.export.columns;
  return { [c.no]: "c-no", [c.task]: "c-task", [c.lead]: "c-body", [c.participant]: "c-body c-participant",
    [c.responsible]: "c-body", [c.deadline]: "c-due", [c.date]: "c-date", [c.recipients]: "c-recipients",
    [c.sectors]: "c-sector" }[name] || "";
}

/** The 任务分工 table exactly as the downloads hold it (GET /documents/{id}/breakdown). */
function breakdownHtml(b, tasks) {
  const byId = Object.fromEntries((tasks || []).map((t) => [t.id, t]));
  const cols = b.columns;
  const cell = (name, value, taskId) => {
    const cls = columnClass(name);
    if (name === MSG.export.columns.task) return `<td class="${cls}">${pathHtml((byId[taskId] || {}).path)}${esc(value)}</td>`;
    if (name === MSG.export.columns.deadline && value === MSG.no_deadline) return `<td class="${cls}">${none(value)}</td>`;
    return `<td class="${cls}">${value ? esc(value).split(";").join("<br>") : none()}</td>`;
  };
  const body = b.rows.map((r, i) => `<tr data-task="${esc(b.task_ids[i])}" tabindex="0" title="${esc(T("page.locate_task"))}">` +
    cols.map((c) => cell(c, r[c], b.task_ids[i])).join("") + "</tr>").join("");
  return `<table class="grid tasks" id="doc-tasks"><thead><tr>${cols.map((c) => `<th class="${columnClass(c)}">${esc(c)}</th>`).join("")}</tr></thead>
    <tbody>${body || `<tr class="placeholder"><td colspan="${cols.length}">${esc(T("page.no_tasks"))}</td></tr>`}</tbody></table>`;
}

function docHtml(id, d, b) {
  const m = d.meta || {};
  const region = (m.province || "") + (m.locality || "");
  const f = MSG.page.facts;
  const facts = [
    [f.doc_number, m.doc_number], [f.issuers, (m.issuers || []).join("、")], [f.date, m.date], [f.region, region],
    [f.addressees, (m.addressees || []).join("、")],
    [f.period, m.period ? T("page.period", m.period) : ""],
  ].filter(([, v]) => v);
  const tasks = d.tasks || [];
  const kinds = new Set((d.spans || []).map((s) => s.kind));
  const legend = Object.entries(MSG.kinds).filter(([k]) => kinds.has(k) || ["actor", "deadline", "sector", "target"].includes(k))
    .map(([k, [name]]) => `<mark class="ent ${k} legend-item" data-legend="${k}">${esc(name)}</mark>`).join("");
  const base = `/documents/${encodeURIComponent(id)}/breakdown?format=`;
  return `<h2 id="doc-title">${esc(m.title || d.doc || id)}</h2>
    <dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join("")}</dl>
    <div class="downloads" id="downloads"><span>${esc(T("page.download_label"))}</span>
      ${Object.entries(MSG.page.formats).map(([fmt, label]) => `<a class="btn download" data-format="${fmt}" href="${base}${fmt}" ` +
        `download="${esc(b.file_name)}.${fmt}">${esc(label)}(.${fmt})</a>`).join("")}
    </div>
    <h3>${esc(T("page.task_table", { n: tasks.length }))}<small>${esc(T("page.task_table_hint"))}</small>
      <button type="button" class="link" data-jump="original-head">${esc(T("page.jump_to_original"))}</button></h3>
    <div class="table-wrap">${breakdownHtml(b, tasks)}</div>
    <h3 id="original-head">${esc(T("page.original"))} <small>${esc(T("page.original_hint"))}</small></h3>
    <p class="legend" id="legend">${legend}<span class="task-span legend-item">${esc(T("page.task_span"))}</span></p>
    <div class="original" id="original" lang="zh">${highlight(d.original_text || "", d.spans)}</div>`;
}

function locateTask(taskId) {
  const el = document.getElementById("span-" + taskId);
  if (!el) return;
  $$(".task-span.focus").forEach((x) => x.classList.remove("focus"));
  el.classList.add("focus");
  el.scrollIntoView({ block: "center" });
}

async function showDoc(id, taskId) {
  const view = $("#doc-view");
  markSelectedDoc(id);
  if (view.dataset.doc === id && view.dataset.state === "ready") { // already shown: only move to the task
    if (taskId) locateTask(taskId);
    return;
  }
  const current = newest("doc");
  view.dataset.doc = id;
  setState(view, "loading");
  view.innerHTML = `<p class="muted"><span class="spinner"></span>${esc(T("page.loading_document"))}</p>`;
  try {
    const path = `/documents/${encodeURIComponent(id)}`;
    const [d, b] = await Promise.all([api(path), api(`${path}/breakdown?format=json`)]);
    if (!current()) return;
    view.innerHTML = docHtml(id, d, b);
    setState(view, "ready");
    if (taskId) locateTask(taskId);
    else revealTop(view);
  } catch (e) {
    if (!current()) return;
    view.innerHTML = errorHtml(e);
    setState(view, "error");
    revealTop(view);
  }
}

$("#doc-view").addEventListener("click", (e) => {
  const jump = e.target.closest("[data-jump]");
  if (jump) document.getElementById(jump.dataset.jump).scrollIntoView({ block: "start" });
  const row = e.target.closest("#doc-tasks tr[data-task]");
  if (row) locateTask(row.dataset.task);
});
$("#doc-view").addEventListener("keydown", (e) => {
  const row = e.target.closest("#doc-tasks tr[data-task]");
  if (row && e.key === "Enter") locateTask(row.dataset.task);
});

const showChosenFile = () => {
  const f = $("#upload-file").files[0];
  $("#upload-file-name").textContent = f ? f.name : T("page.upload_no_file");
};
$("#upload-file").addEventListener("change", showChosenFile);

$("#upload-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target, msg = $("#upload-msg"), button = $("button[type=submit]", form);
  const typed = form.token.value.trim().replace(/^.*token=/, "");
  if (typed) saveToken(typed);
  if (!form.file.files.length) {
    msg.className = "";
    msg.textContent = T("page.upload_choose_file");
    return;
  }
  const fd = new FormData();
  fd.append("file", form.file.files[0]);
  msg.className = "muted";
  msg.textContent = T("page.upload_busy");
  setState(form, "loading");
  busy(button, true);
  try {
    const body = await api("/documents", { method: "POST", body: fd, headers: { Authorization: `Bearer ${writeToken()}` } });
    msg.className = "ok";
    msg.textContent = T("page.upload_done", { title: body.title || body.id, tasks: body.tasks,
      replaced: body.replaced ? T("page.upload_replaced") : "" });
    form.file.value = "";
    form.token.value = "";
    showChosenFile();
    showUploadAuth();
    setState(form, "ready");
    loadDocList();
    loadStats();
    if (location.hash === docHref(body.id)) showDoc(body.id);
    else location.hash = docHref(body.id); // the new document opens
  } catch (err) {
    if (err.status === 401 || err.status === 403) saveToken("");
    msg.className = "";
    msg.innerHTML = errorHtml(err);
    showUploadAuth();
    setState(form, "error");
  } finally {
    busy(button, false);
  }
});

// ---------------------------------------------------------------- 地区对比
/**
 * A matrix with the API's columns (sectors, mechanisms) as rows and its regions as
 * columns: long lists read down the page. Rows are ordered by their total, largest first,
 * so what most regions share comes first; the shade of a cell grows with its count.
 * `emptyNote` marks the regions whose column is all zero (the mechanisms: no roundup).
 */
function matrixHtml(m, id, emptyNote = "") {
  if (!m || !m.regions || !m.regions.length || !m.columns || !m.columns.length) {
    return `<p class="empty">${esc(T("page.matrix_empty"))}</p>`;
  }
  const max = Math.max(3, ...m.counts.flat()); // at least 3: a matrix of ones stays light
  const totals = m.columns.map((_, j) => m.regions.reduce((sum, _r, i) => sum + m.counts[i][j], 0));
  const order = m.columns.map((_, j) => j).sort((a, b) => totals[b] - totals[a] || a - b);
  const bare = m.regions.map((_, i) => emptyNote && m.counts[i].every((n) => !n));
  const head = `<tr><th class="corner"></th>${m.regions.map((r, i) => `<th class="region" data-region="${esc(r)}">${esc(r)}` +
    `${bare[i] ? `<span class="sub none-note">${esc(emptyNote)}</span>` : ""}</th>`).join("")}<th class="total">${esc(T("page.total"))}</th></tr>`;
  const body = order.map((j) => {
    const c = m.columns[j];
    const cells = m.regions.map((r, i) => {
      const n = m.counts[i][j];
      const ev = ((m.evidence && m.evidence[i] && m.evidence[i][j]) || []).join("\n");
      const alpha = n ? (0.12 + 0.55 * n / max).toFixed(2) : 0;
      return `<td class="n${n ? "" : " zero"}" data-region="${esc(r)}" data-column="${esc(c)}" data-n="${n}" ` +
        `style="background:rgba(139,26,26,${alpha})${n / max > 0.6 ? ";color:#fff" : ""}" ` +
        `title="${esc(r)} · ${esc(c)}:${n}${ev ? "\n" + esc(ev) : ""}">${n || "·"}</td>`;
    }).join("");
    return `<tr data-column="${esc(c)}"><th class="label">${esc(c)}</th>${cells}<td class="total">${totals[j]}</td></tr>`;
  }).join("");
  return `<div class="table-wrap"><table class="grid matrix" id="${id}">${head}${body}</table></div>`;
}

/** Each region's tasks on the topic with their relevance, or a sentence saying it has none. */
function alignHtml(d) {
  const cols = d.topic_tasks || [];
  const found = cols.some((c) => (c.tasks || []).length + (c.practices || []).length);
  if (!found) return `<p class="empty" id="topic-nowhere">${esc(T("page.topic_nowhere", { topic: d.topic }))}</p>`;
  return `<div class="align">${cols.map((c) => `<div class="col" data-region="${esc(c.region)}"><h4>${esc(c.region)}</h4>
    ${(c.tasks || []).map((t) => `<p class="topic-task" data-task="${esc(t.task_id)}" data-relevance="${t.relevance}">` +
      `<a href="${docHref(t.document_id, t.task_id)}">${esc(t.title)}</a>
      <span class="relevance" title="${esc(T("page.topic_relevance_hint"))}">${esc(T("page.topic_relevance", { score: t.relevance }))}</span>
      <span class="sub">${esc(T("page.topic_matched", { words: (t.matched || []).join("、") }))} · ${esc(t.document_title || "")}</span></p>`).join("")}
    ${(c.practices || []).map((p) => `<p class="practice"><span class="tag">${esc(T("page.practice_tag"))}</span>${esc(p.title)}
      <span class="sub">${esc(p.document_title || "")}</span></p>`).join("")}
    ${(c.tasks || []).length + (c.practices || []).length ? "" :
      `<p class="empty none-here">${esc(T("page.topic_none", { region: c.region, topic: d.topic }))}</p>`}</div>`).join("")}</div>`;
}

async function compare() {
  const form = $("#compare-form"), view = $("#compare-view"), button = $("#compare-button");
  const p = formParams(form);
  const current = newest("compare");
  setState(view, "loading");
  view.dataset.url = `/compare?${p}`;
  const loading = `<p class="muted"><span class="spinner"></span>${esc(T("page.computing"))}</p>`;
  $("#matrix-sector").innerHTML = loading;
  $("#matrix-mechanism").innerHTML = "";
  $("#topic-align").innerHTML = "";
  $("#topic-section").hidden = true;
  busy(button, true);
  try {
    const d = await api(`/compare?${p}`);
    if (!current()) return;
    $("#matrix-sector").innerHTML = matrixHtml(d.sectors, "matrix-sector-table");
    const mech = d.mechanisms;
    $("#matrix-mechanism").innerHTML = mech && mech.columns && mech.columns.length
      ? matrixHtml(mech, "matrix-mechanism-table", T("page.mechanism_region_none"))
      : `<p class="empty" id="mechanism-none">${esc(T("page.mechanism_none"))}</p>`;
    $("#topic-section").hidden = !d.topic;
    $("#topic-name").textContent = d.topic || "";
    $("#topic-align").innerHTML = d.topic ? alignHtml(d) : "";
    setState(view, "ready");
    if (d.topic) revealTop($("#topic-section"));
  } catch (e) {
    if (!current()) return;
    $("#matrix-sector").innerHTML = errorHtml(e);
    setState(view, "error");
  } finally {
    if (current()) busy(button, false);
  }
}

$("#compare-form").addEventListener("submit", (e) => { e.preventDefault(); compare(); });

// ---------------------------------------------------------------- 时限日历
/** Today's date where the user is (toISOString would give the UTC date). */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** One deadline: a dated one by its date with the wording below; a cadence or a relative
 * limit by its wording (the cadence in Chinese beside it when the wording does not say it). */
function deadlineItem(x, cls = "") {
  const who = joinNames(x.bodies) || none(T("page.unrecognised_body"));
  const wording = x.time_limit || { text: x.text };
  const when = x.date
    ? `<b>${esc(x.date)}</b><span class="sub">${esc(T("page.original_prefix"))}${esc(wording.text)}</span>`
    : `<b>${esc(wording.text)}</b>${wording.cadence ? `<span class="sub">${esc(wording.cadence)}</span>` : ""}`;
  return `<li class="tl-item ${cls}" id="tl-${esc(x.deadline_id)}" data-deadline="${esc(x.deadline_id)}" data-date="${esc(x.date || "")}">
    <div class="tl-when">${when}</div>
    <div class="tl-what"><a href="${docHref(x.document_id, x.task_id)}">${esc(x.title)}</a>
      <span class="sub">${esc(T("page.timeline_bodies"))}${who}</span>
      <span class="sub tl-recipients">${esc(T("page.timeline_recipients"))}${joinNames(x.recipients) || none()}</span>
      <span class="sub">${esc(x.document_title || "")}${x.region ? " · " + esc(x.region) : ""}</span></div></li>`;
}

/** A year axis over the dated deadlines and today: where the limits fall, at a glance. */
function axisHtml(dated, now) {
  const first = Number(dated[0].date.slice(0, 4));
  const last = Math.max(Number(dated[dated.length - 1].date.slice(0, 4)), Number(now.slice(0, 4)));
  const lo = Date.parse(`${first}-01-01`), hi = Date.parse(`${last + 1}-01-01`);
  const at = (d) => (100 * (Date.parse(d) - lo) / (hi - lo)).toFixed(2);
  let html = "";
  for (let y = first; y <= last; y++) html += `<span class="tick" style="left:${at(`${y}-01-01`)}%">${y}</span>`;
  html += `<span class="now" style="left:${at(now)}%" title="${esc(T("page.today_on", { date: now }))}" data-label="${esc(T("page.today"))}"></span>`;
  html += dated.map((x) => `<button type="button" class="dot ${x.date < now ? "past" : "upcoming"}" style="left:${at(x.date)}%" ` +
    `data-target="tl-${esc(x.deadline_id)}" title="${esc(x.date)} ${esc(x.title)}"></button>`).join("");
  return `<div class="tl-axis" id="tl-axis" aria-label="${esc(T("page.timeline_axis"))}">${html}</div>`;
}

function timelineHtml(items) {
  const dated = items.filter((x) => x.date), recurring = items.filter((x) => !x.date && x.type === "recurring");
  const other = items.filter((x) => !x.date && x.type !== "recurring");
  const now = today();
  let html = "";
  if (dated.length) {
    let year = "", month = "", todayShown = false, list = "";
    const todayItem = `<li class="tl-today">${esc(T("page.today_on", { date: now }))}</li>`;
    for (const x of dated) {
      if (!todayShown && x.date >= now) { list += todayItem; todayShown = true; }
      const [y, mo] = x.date.split("-");
      if (y !== year) { list += `<li class="tl-year">${esc(T("page.year", { y }))}</li>`; year = y; month = ""; }
      if (mo !== month) { list += `<li class="tl-month">${esc(T("page.month", { m: Number(mo) }))}</li>`; month = mo; }
      list += deadlineItem(x, x.date < now ? "past" : "upcoming");
    }
    if (!todayShown) list += todayItem;
    html += `<h2>${esc(T("page.timeline_dated", { n: dated.length }))}<small>${esc(T("page.timeline_dated_hint"))}</small></h2>` +
      axisHtml(dated, now) + `<ol class="tl" id="tl-dated">${list}</ol>`;
  }
  if (recurring.length) {
    html += `<h2>${esc(T("page.timeline_recurring", { n: recurring.length }))}</h2>` +
      `<ol class="tl plain" id="tl-recurring">${recurring.map((x) => deadlineItem(x, "recurring")).join("")}</ol>`;
  }
  if (other.length) {
    html += `<h2>${esc(T("page.timeline_relative", { n: other.length }))}<small>${esc(T("page.timeline_relative_hint"))}</small></h2>` +
      `<ol class="tl plain" id="tl-relative">${other.map((x) => deadlineItem(x, "relative")).join("")}</ol>`;
  }
  return html;
}

async function timeline() {
  const form = $("#timeline-form"), list = $("#timeline-list"), button = $("#timeline-button");
  const p = formParams(form);
  $("#ics-link").href = `/deadlines.ics?${p}`;
  const current = newest("timeline");
  setState(list, "loading");
  list.dataset.url = `/deadlines?${p}`;
  list.innerHTML = `<p class="muted"><span class="spinner"></span>${esc(T("page.loading"))}</p>`;
  busy(button, true);
  try {
    const d = await api(`/deadlines?${p}`);
    if (!current()) return;
    const items = d.items || [];
    list.innerHTML = items.length ? timelineHtml(items) : `<p class="empty">${esc(T("page.timeline_none"))}</p>`;
    setState(list, items.length ? "ready" : "empty");
  } catch (e) {
    if (!current()) return;
    list.innerHTML = errorHtml(e);
    setState(list, "error");
  } finally {
    if (current()) busy(button, false);
  }
}

$("#timeline-form").addEventListener("submit", (e) => { e.preventDefault(); timeline(); });
$("#timeline-list").addEventListener("click", (e) => {
  const dot = e.target.closest(".dot[data-target]");
  if (!dot) return;
  const item = document.getElementById(dot.dataset.target);
  $$(".tl-item.focus").forEach((x) => x.classList.remove("focus"));
  item.classList.add("focus");
  item.scrollIntoView({ block: "center" });
});

// ---------------------------------------------------------------- start
async function start() {
  try {
    await loadMessages();
  } catch (_) {
    const banner = $("#banner");
    banner.innerHTML = `<div class="error" role="alert">${esc(NO_MESSAGES)}</div>`;
    banner.hidden = false;
    return;
  }
  $("#mechanism-source").textContent = T("page.mechanism_source");
  showChosenFile();
  const linked = takeTokenFromLink();
  showUploadAuth(linked ? T("page.upload_token_saved") : "");
  if (linked) $("#upload").open = true;
  loadStats();
  loadSuggestions();
  route();
}

start();
