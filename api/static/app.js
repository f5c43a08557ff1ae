// policykg web page: plain JavaScript over the JSON API (no build step, no network assets:
// the page must work on an offline office network).
//
// Every view that loads data carries a `data-state` attribute (loading / ready / empty /
// error) so that users see what is happening and the browser test can wait on it.
"use strict";

const $ = (s, el = document) => el.querySelector(s);
const $$ = (s, el = document) => Array.from(el.querySelectorAll(s));
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ESC[c]);

const ROLE = { lead: "牵头", participant: "配合", responsible: "负责" };
const FREQ = { daily: "每日", weekly: "每周", monthly: "每月", quarterly: "每季度", yearly: "每年" };
// span kinds of /documents/{id}: legend wording and the short displaCy-style tag after a mark
const KIND = {
  actor: ["责任单位", "单位"], recipient: ["报送对象", "报送"], deadline: ["完成时限", "时限"],
  sector: ["行业领域", "领域"], target: ["目标指标", "指标"], practice: ["经验做法", "经验"],
};
const KIND_ORDER = ["task", "actor", "recipient", "sector", "deadline", "target", "practice"];
// query parameter names as users know them, for validation messages
const FIELD = {
  q: "关键词", body: "责任单位", role: "角色", sector: "行业领域", region: "地区", due_after: "完成时限(从)",
  due_before: "完成时限(至)", status: "时限状态", regions: "对比地区", topic: "主题", limit: "每页条数", offset: "起始位置",
};
const PAGE = 50;

// ---------------------------------------------------------------- API access
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The API's `detail` (a string, or FastAPI's list of validation errors) as one line. */
function detailText(body) {
  const d = body && body.detail;
  if (!d) return "";
  if (typeof d === "string") return d;
  if (Array.isArray(d)) {
    return d.map((x) => {
      const field = (x.loc || []).filter((l) => l !== "query" && l !== "path" && l !== "body").join(".");
      return `${FIELD[field] || field}${field ? ":" : ""}${x.msg}`;
    }).join(";");
  }
  return JSON.stringify(d);
}

async function api(path) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: "application/json" } });
  } catch (_) {
    throw new ApiError(0, "无法连接服务器,请检查网络后重试");
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, detailText(body) || res.statusText || "未知错误");
  if (body === null) throw new ApiError(res.status, "服务器返回的内容无法解析");
  return body;
}

// what an HTTP status means for the user; the API's own `detail` follows it verbatim
const STATUS_HINT = {
  0: "无法连接服务器", 404: "未找到", 413: "文件太大", 415: "不支持的文件类型", 422: "查询条件有误,请检查后重试",
  401: "写入令牌错误", 403: "未开放写入", 503: "图谱数据库暂时不可用,请稍后再试",
};

function errorHtml(e, hints = {}) {
  const hint = hints[e.status] || STATUS_HINT[e.status] || (e.status >= 500 ? "服务器出错" : "出错了");
  const status = e.status ? `(HTTP ${e.status})` : "";
  return `<div class="error" role="alert"><b>${hint}${status}:</b><span class="detail">${esc(e.message)}</span></div>`;
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

// ---------------------------------------------------------------- formatting
// names listed with 、, each kept on one line (a sector name broken in two reads as two)
const joinNames = (xs) => (xs || []).filter(Boolean).map((x) => `<span class="nb">${esc(x)}</span>`).join("、");
const none = (text = "—") => `<span class="muted">${text}</span>`;

/** One deadline as a user reads it: the date or cadence first, the original wording below. */
function dueHtml(deadlines) {
  const list = [...(deadlines || [])].sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"));
  if (!list.length) return none("未明确");
  return list.map((d) => {
    const main = d.date || FREQ[d.freq] || d.text || "";
    const sub = d.text && d.text !== main ? `<span class="sub">${esc(d.text)}</span>` : "";
    return `<div class="due ${esc(d.type)}" title="原文:${esc(d.text)}">${esc(main)}${sub}</div>`;
  }).join("");
}

const roleHtml = (role, explicit) =>
  `<span class="role ${esc(role)}">${esc(ROLE[role] || role || "")}</span>` +
  (explicit === false ? '<span class="inferred" title="原文未点名该单位,根据上下文推定">推定</span>' : "");

/** A task's place in the document's outline (二 (三) 4), shown before its title. */
function pathHtml(path) {
  const text = (path || []).filter((x) => x !== "preamble").join(" ");
  return text ? `<span class="path">${esc(text)}</span>` : "";
}

const docHref = (docId, taskId) =>
  `#/docs/${encodeURIComponent(docId)}${taskId ? "/" + encodeURIComponent(taskId) : ""}`;

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
    $("#stats").textContent = `已收录 ${n.Document || 0} 份文件 · ${n.Task || 0} 项任务 · ${n.Body || 0} 个单位 · ${n.Deadline || 0} 个时限`;
  } catch (e) {
    const banner = $("#banner");
    banner.innerHTML = errorHtml(e);
    banner.hidden = false;
  }
}

/** Suggestions for the filter inputs; the page works without them, so a failure only empties them. */
async function loadSuggestions() {
  const fill = (id, values) => {
    $(id).innerHTML = [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, "zh-CN"))
      .map((v) => `<option value="${esc(v)}"></option>`).join("");
  };
  const [bodies, docs, cmp] = await Promise.allSettled([api("/bodies?limit=1000"), api("/documents?limit=1000"), api("/compare")]);
  if (bodies.status === "fulfilled") fill("#dl-bodies", bodies.value.items.map((b) => b.name));
  if (docs.status === "fulfilled") {
    fill("#dl-regions", docs.value.items.flatMap((d) => [d.province, (d.locality || "").split(/(?<=市|州|盟)/).pop()]));
  }
  if (cmp.status === "fulfilled") fill("#dl-sectors", cmp.value.sectors.columns);
}

// ---------------------------------------------------------------- 义务检索
let offset = 0;

async function search() {
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
  summary.textContent = "正在检索…";
  tbody.innerHTML = `<tr class="placeholder"><td colspan="7"><span class="spinner"></span>正在检索…</td></tr>`;
  busy(button, true);
  try {
    const data = await api(url);
    if (!current()) return;
    const rows = data.items || [];
    const total = data.total ?? rows.length;
    if (!rows.length) {
      summary.textContent = "没有符合条件的义务。";
      tbody.innerHTML = `<tr class="placeholder"><td colspan="7">没有找到符合条件的义务。可以减少筛选条件,或勾选“按语义检索”后再试。</td></tr>`;
      setState(table, "empty");
    } else {
      summary.textContent = semantic
        ? `按语义找到 ${rows.length} 项相关任务,按相关度排序`
        : `${data.total_exact === false ? "至少" : "共"} ${total} 条义务,显示第 ${offset + 1}–${offset + rows.length} 条(按完成时限排序)` +
          ($("#semantic").checked ? "。按语义检索需要填写关键词。" : "");
      tbody.innerHTML = semantic ? rows.map(hitRow).join("") : obligationRows(rows);
      setState(table, "ready");
    }
    const pager = $("#pager");
    pager.hidden = semantic || total <= PAGE;
    // a total that is only a lower bound (total_exact false) has no last page to show
    const exact = data.total_exact !== false;
    pager.hidden = semantic || (exact && total <= PAGE);
    $("#page").textContent = exact ? `第 ${Math.floor(offset / PAGE) + 1} / ${Math.max(1, Math.ceil(total / PAGE))} 页`
                                   : `第 ${Math.floor(offset / PAGE) + 1} 页`;
    $("#prev").disabled = offset === 0;
    $("#next").disabled = exact ? offset + rows.length >= total : !data.next_cursor;
  } catch (e) {
    if (!current()) return;
    summary.textContent = "";
    tbody.innerHTML = `<tr class="placeholder"><td colspan="7">${errorHtml(e)}</td></tr>`;
    $("#pager").hidden = true;
    setState(table, "error");
  } finally {
    if (current()) busy(button, false);
  }
}

/** The cells a task's rows share: what, by when, sector, region and document. */
function taskCells(r, rows = 1) {
  const span = rows > 1 ? ` rowspan="${rows}"` : "";
  const quote = r.evidence ? ` title="原文:${esc(r.evidence)}…"` : "";
  return `<td class="c-task"${span}${quote}>${pathHtml(r.path)}${esc(r.title)}</td>
    <td class="c-due"${span}>${dueHtml(r.deadlines)}</td>
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

/** A hit of /search: one task with all its bodies. */
function hitRow(r) {
  const actors = r.actors || [];
  return `<tr data-task="${esc(r.task_id)}" class="new-task">
    <td class="c-body">${actors.map((a) => `<div>${esc(a.name)}</div>`).join("") || none("未识别")}</td>
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
$("#next").addEventListener("click", () => { offset += PAGE; search(); });
$("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); search(); });

// ---------------------------------------------------------------- 文件原文
async function loadDocList() {
  const list = $("#doc-list");
  const current = newest("doclist");
  setState(list, "loading");
  list.innerHTML = `<li class="muted"><span class="spinner"></span>正在加载…</li>`;
  try {
    const data = await api("/documents?limit=1000");
    if (!current()) return;
    const items = data.items || [];
    list.innerHTML = items.map((d) => `<li><a href="${docHref(d.id)}" data-doc="${esc(d.id)}">
        <span class="t">${esc(d.title || d.name)}</span>
        <span class="sub">${esc([d.doc_number, (d.province || "") + (d.locality || ""), d.date].filter(Boolean).join(" · "))}</span>
        <span class="sub">${d.tasks} 项任务</span></a></li>`).join("") || `<li class="muted">尚未收录任何文件。</li>`;
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
  const [name, tag] = KIND[m.kind] || [m.kind, m.kind];
  return `<mark class="ent ${esc(m.kind)}" data-kind="${esc(m.kind)}" data-start="${m.start}" data-end="${m.end}" ` +
    `data-tag="${esc(tag)}" title="${esc(name)}:${esc(m.labels.join(" / "))}">`;
}

const FORMATS = [["xlsx", "Excel 表格"], ["docx", "Word 文档"], ["csv", "CSV"], ["md", "Markdown"]];

function docHtml(id, d) {
  const m = d.meta || {};
  const region = (m.province || "") + (m.locality || "");
  const facts = [
    ["文号", m.doc_number], ["发文单位", (m.issuers || []).join("、")], ["成文日期", m.date], ["地区", region],
    ["主送", (m.addressees || []).join("、")],
    ["实施期", m.period ? `${m.period.start} 至 ${m.period.end}` : ""],
  ].filter(([, v]) => v);
  const tasks = d.tasks || [];
  const kinds = new Set((d.spans || []).map((s) => s.kind));
  const legend = Object.entries(KIND).filter(([k]) => kinds.has(k) || ["actor", "deadline", "sector", "target"].includes(k))
    .map(([k, [name]]) => `<mark class="ent ${k} legend-item" data-legend="${k}">${name}</mark>`).join("");
  const base = `/documents/${encodeURIComponent(id)}/breakdown?format=`;
  return `<h2 id="doc-title">${esc(m.title || d.doc || id)}</h2>
    <dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${esc(v)}</dd></div>`).join("")}</dl>
    <div class="downloads" id="downloads"><span>下载任务分工表:</span>
      ${FORMATS.map(([f, label]) => `<a class="btn download" data-format="${f}" href="${base}${f}" download>${label}(.${f})</a>`).join("")}
    </div>
    <h3>任务分工(${tasks.length} 项)<small>点击任务可在原文中定位</small>
      <button type="button" class="link" data-jump="original-head">跳到原文 ↓</button></h3>
    <div class="table-wrap"><table class="grid tasks" id="doc-tasks">
      <thead><tr><th class="c-no">序号</th><th>重点任务</th><th class="c-body">责任单位</th><th class="c-due">完成时限</th><th class="c-sector">行业领域</th></tr></thead>
      <tbody>${tasks.map((t, i) => `<tr data-task="${esc(t.id)}" tabindex="0" title="在原文中定位">
        <td class="c-no">${i + 1}</td>
        <td>${pathHtml(t.path)}${esc(t.title)}</td>
        <td class="c-body">${(t.actors || []).map((a) => `<div>${esc(a.name)} ${roleHtml(a.role, a.explicit)}</div>`).join("") || none("未识别")}</td>
        <td class="c-due">${dueHtml(t.deadlines)}</td>
        <td class="c-sector">${joinNames(t.sectors) || none()}</td></tr>`).join("") ||
        `<tr class="placeholder"><td colspan="5">未从该文件中提取到任务。</td></tr>`}</tbody>
    </table></div>
    <h3 id="original-head">原文 <small>彩色标注为自动提取的内容,鼠标悬停可查看</small></h3>
    <p class="legend" id="legend">${legend}<span class="task-span legend-item">任务段落</span></p>
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
  view.innerHTML = `<p class="muted"><span class="spinner"></span>正在加载文件…</p>`;
  try {
    const d = await api(`/documents/${encodeURIComponent(id)}`);
    if (!current()) return;
    view.innerHTML = docHtml(id, d);
    setState(view, "ready");
    if (taskId) locateTask(taskId);
    else window.scrollTo(0, 0);
  } catch (e) {
    if (!current()) return;
    view.innerHTML = errorHtml(e);
    setState(view, "error");
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

$("#upload-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target, msg = $("#upload-msg"), button = $("button", form);
  const fd = new FormData();
  fd.append("file", form.file.files[0]);
  msg.className = "muted";
  msg.textContent = "正在上传并提取,较大的文件可能需要一分钟…";
  busy(button, true);
  try {
    const res = await fetch("/documents", { method: "POST", body: fd, headers: { Authorization: `Bearer ${form.token.value}` } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, detailText(body) || res.statusText);
    msg.className = "ok";
    msg.textContent = `已收录:${body.title || body.id}(${body.tasks} 项任务)${body.replaced ? ",已替换旧版本" : ""}`;
    loadDocList();
    loadStats();
  } catch (err) {
    msg.className = "";
    msg.innerHTML = errorHtml(err, { 422: "文件无法读取" });
  } finally {
    busy(button, false);
  }
});

// ---------------------------------------------------------------- 地区对比
/**
 * A matrix with the API's columns (sectors, mechanisms) as rows and its regions as
 * columns: long lists read down the page. Rows are ordered by their total, largest first,
 * so what most regions share comes first; the shade of a cell grows with its count.
 */
function matrixHtml(m, id) {
  if (!m || !m.regions || !m.regions.length || !m.columns || !m.columns.length) {
    return `<p class="empty">所选地区没有可对比的数据。</p>`;
  }
  const max = Math.max(3, ...m.counts.flat()); // at least 3: a matrix of ones stays light
  const totals = m.columns.map((_, j) => m.regions.reduce((sum, _r, i) => sum + m.counts[i][j], 0));
  const order = m.columns.map((_, j) => j).sort((a, b) => totals[b] - totals[a] || a - b);
  const head = `<tr><th class="corner"></th>${m.regions.map((r) => `<th class="region" data-region="${esc(r)}">${esc(r)}</th>`).join("")}<th class="total">合计</th></tr>`;
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

function alignHtml(d) {
  const cols = d.topic_tasks || [];
  if (!cols.length) return `<p class="empty">没有地区涉及“${esc(d.topic)}”。</p>`;
  return `<div class="align">${cols.map((c) => `<div class="col"><h4>${esc(c.region)}</h4>
    ${(c.tasks || []).map((t) => `<p><a href="${docHref(t.document_id, t.task_id)}">${esc(t.title)}</a>
      <span class="sub">${esc(t.document_title || "")}</span></p>`).join("")}
    ${(c.practices || []).map((p) => `<p class="practice"><span class="tag">经验做法</span>${esc(p.title)}
      <span class="sub">${esc(p.document_title || "")}</span></p>`).join("")}
    ${(c.tasks || []).length + (c.practices || []).length ? "" : none("无相关任务")}</div>`).join("")}</div>`;
}

async function compare() {
  const form = $("#compare-form"), view = $("#compare-view"), button = $("#compare-button");
  const p = formParams(form);
  const current = newest("compare");
  setState(view, "loading");
  view.dataset.url = `/compare?${p}`;
  const loading = `<p class="muted"><span class="spinner"></span>正在统计…</p>`;
  $("#matrix-sector").innerHTML = loading;
  $("#matrix-mechanism").innerHTML = "";
  $("#topic-align").innerHTML = "";
  $("#topic-section").hidden = true;
  busy(button, true);
  try {
    const d = await api(`/compare?${p}`);
    if (!current()) return;
    $("#matrix-sector").innerHTML = matrixHtml(d.sectors, "matrix-sector-table");
    $("#matrix-mechanism").innerHTML = matrixHtml(d.mechanisms, "matrix-mechanism-table");
    $("#topic-section").hidden = !d.topic;
    $("#topic-name").textContent = d.topic || "";
    $("#topic-align").innerHTML = d.topic ? alignHtml(d) : "";
    setState(view, "ready");
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

function deadlineItem(x, cls = "") {
  const who = joinNames(x.bodies) || none("未识别单位");
  return `<li class="tl-item ${cls}" id="tl-${esc(x.deadline_id)}" data-deadline="${esc(x.deadline_id)}" data-date="${esc(x.date || "")}">
    <div class="tl-when"><b>${esc(x.date || FREQ[x.freq] || "")}</b><span class="sub">原文:${esc(x.text)}</span></div>
    <div class="tl-what"><a href="${docHref(x.document_id, x.task_id)}">${esc(x.title)}</a>
      <span class="sub">责任单位:${who}</span>
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
  html += `<span class="now" style="left:${at(now)}%" title="今天 ${now}"></span>`;
  html += dated.map((x) => `<button type="button" class="dot ${x.date < now ? "past" : "upcoming"}" style="left:${at(x.date)}%" ` +
    `data-target="tl-${esc(x.deadline_id)}" title="${esc(x.date)} ${esc(x.title)}"></button>`).join("");
  return `<div class="tl-axis" id="tl-axis" aria-label="时间轴">${html}</div>`;
}

function timelineHtml(items) {
  const dated = items.filter((x) => x.date), recurring = items.filter((x) => !x.date && x.type === "recurring");
  const other = items.filter((x) => !x.date && x.type !== "recurring");
  const now = today();
  let html = "";
  if (dated.length) {
    let year = "", month = "", todayShown = false, list = "";
    for (const x of dated) {
      if (!todayShown && x.date >= now) { list += `<li class="tl-today">今天 ${now}</li>`; todayShown = true; }
      const [y, mo] = x.date.split("-");
      if (y !== year) { list += `<li class="tl-year">${y} 年</li>`; year = y; month = ""; }
      if (mo !== month) { list += `<li class="tl-month">${Number(mo)} 月</li>`; month = mo; }
      list += deadlineItem(x, x.date < now ? "past" : "upcoming");
    }
    if (!todayShown) list += `<li class="tl-today">今天 ${now}</li>`;
    html += `<h2>有明确日期的时限(${dated.length})<small>灰色为已过日期;点击时间轴上的圆点可定位</small></h2>` +
      axisHtml(dated, now) + `<ol class="tl" id="tl-dated">${list}</ol>`;
  }
  if (recurring.length) {
    html += `<h2>周期性工作(${recurring.length})</h2><ol class="tl plain" id="tl-recurring">${recurring.map((x) => deadlineItem(x, "recurring")).join("")}</ol>`;
  }
  if (other.length) {
    html += `<h2>相对时限(${other.length})<small>自某一事件起算,例如“作出决定之日起30日内”</small></h2>` +
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
  list.innerHTML = `<p class="muted"><span class="spinner"></span>正在加载…</p>`;
  busy(button, true);
  try {
    const d = await api(`/deadlines?${p}`);
    if (!current()) return;
    const items = d.items || [];
    list.innerHTML = items.length ? timelineHtml(items) : `<p class="empty">所选范围内没有时限。</p>`;
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
loadStats();
loadSuggestions();
route();
