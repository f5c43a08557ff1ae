// policykg web page: plain JavaScript over the JSON API (no build step).
"use strict";
const $ = (s, el = document) => el.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
const ROLE = { lead: "牵头", participant: "配合", responsible: "负责" };
const PAGE = 50;
let offset = 0;

async function api(path) {
  const res = await fetch(path);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail || body.error || res.statusText);
  return body;
}

function formParams(form) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v && k !== "semantic" && k !== "token") p.set(k, v);
  return p;
}

// ---------------------------------------------------------------- tabs
document.querySelectorAll("nav button").forEach((b) =>
  b.addEventListener("click", () => {
    document.querySelectorAll("nav button, .tab").forEach((x) => x.classList.remove("active"));
    b.classList.add("active");
    $("#" + b.dataset.tab).classList.add("active");
    if (b.dataset.tab === "docs") loadDocs();
  })
);

// ---------------------------------------------------------------- obligations
async function search() {
  const form = $("#search-form");
  const p = formParams(form);
  const status = p.get("status");
  if (status === "due_soon") { p.set("status", "due_within"); p.set("within_days", "30"); }
  p.set("limit", PAGE);
  p.set("offset", offset);
  const semantic = $("#semantic").checked && p.get("q");
  const url = semantic ? `/search?${p}` : `/obligations?${p}`;
  const tbody = $("#results tbody");
  try {
    const data = await api(url);
    const rows = data.items || data.hits || [];
    $("#search-summary").textContent = `共 ${data.total ?? rows.length} 条,显示第 ${offset + 1}–${offset + rows.length} 条`;
    $("#page").textContent = `第 ${Math.floor(offset / PAGE) + 1} 页`;
    tbody.innerHTML = rows.map(rowHtml).join("") || `<tr><td colspan="7" class="muted">无结果</td></tr>`;
  } catch (e) {
    tbody.innerHTML = `<tr><td colspan="7" class="error">${esc(e.message)}</td></tr>`;
  }
}

function rowHtml(r) {
  const due = (r.deadlines || []).map((d) => esc(d.date || d.freq || d.duration || d.text)).join("<br>") || '<span class="muted">—</span>';
  return `<tr>
    <td>${esc(r.body || (r.actors || []).map((a) => a.name).join("、"))}</td>
    <td>${esc(ROLE[r.role] || r.role || "")}${r.explicit === false ? '<br><span class="muted">推定</span>' : ""}</td>
    <td>${esc(r.title)}<div class="evidence">${esc(r.evidence || r.snippet || "")}</div></td>
    <td>${due}</td>
    <td>${esc((r.sectors || []).join("、"))}</td>
    <td>${esc(r.region || "")}</td>
    <td><a href="#" data-doc="${esc(r.document_id)}" class="doclink">${esc(r.document_title || r.document_id)}</a></td>
  </tr>`;
}

$("#search-form").addEventListener("submit", (e) => { e.preventDefault(); offset = 0; search(); });
$("#next").addEventListener("click", () => { offset += PAGE; search(); });
$("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); search(); });
document.addEventListener("click", (e) => {
  const a = e.target.closest("a.doclink");
  if (!a) return;
  e.preventDefault();
  $("#tab-docs").click();
  showDoc(a.dataset.doc);
});

// ---------------------------------------------------------------- documents
async function loadDocs() {
  try {
    const data = await api("/documents?limit=500");
    $("#doc-list").innerHTML = (data.items || []).map((d) =>
      `<li data-doc="${esc(d.id)}">${esc(d.title || d.doc)}<br><span class="muted">${esc(d.province || "")}${esc(d.locality || "")} ${esc(d.date || "")}</span></li>`).join("");
    document.querySelectorAll("#doc-list li").forEach((li) => li.addEventListener("click", () => showDoc(li.dataset.doc)));
  } catch (e) {
    $("#doc-list").innerHTML = `<li class="error">${esc(e.message)}</li>`;
  }
}

function highlight(text, spans) {
  const marks = (spans || []).filter((s) => s.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "", pos = 0;
  for (const s of marks) {
    if (s.start < pos) continue; // overlapping: keep the first
    out += esc(text.slice(pos, s.start)) + `<mark class="${esc(s.kind)}" title="${esc(s.label)}">${esc(text.slice(s.start, s.end))}</mark>`;
    pos = s.end;
  }
  return out + esc(text.slice(pos));
}

async function showDoc(id) {
  const view = $("#doc-view");
  try {
    const d = await api(`/documents/${encodeURIComponent(id)}`);
    const m = d.meta || {};
    const fmts = ["xlsx", "docx", "csv", "md", "json"];
    view.innerHTML = `<h2 id="doc-title">${esc(m.title)}</h2>
      <p>${esc(m.doc_number || "")} ${esc((m.issuers || []).join("、"))} ${esc(m.date || "")} ${esc(m.province || "")}${esc(m.locality || "")}</p>
      <p class="downloads">任务分工表:${fmts.map((f) => `<a href="/documents/${encodeURIComponent(id)}/breakdown?format=${f}">${f.toUpperCase()}</a>`).join("")}</p>
      <table class="grid"><thead><tr><th>序号</th><th>任务</th><th>责任单位</th><th>时限</th><th>领域</th></tr></thead><tbody>
      ${(d.tasks || []).map((t) => `<tr><td>${esc((t.path || []).join(" "))}</td><td>${esc(t.title)}</td>
        <td>${(t.actors || []).map((a) => esc(a.name) + `(${ROLE[a.role] || a.role}${a.explicit ? "" : "·推定"})`).join("<br>")}</td>
        <td>${(t.deadlines || []).map((x) => esc(x.text)).join("<br>")}</td><td>${esc((t.sectors || []).join("、"))}</td></tr>`).join("")}
      </tbody></table>
      <h3>原文</h3>
      <p class="legend"><mark class="actor">责任单位</mark><mark class="deadline">时限</mark><mark class="sector">领域</mark><mark class="target">指标</mark></p>
      <div class="original" id="original">${highlight(d.original_text || "", d.spans)}</div>`;
  } catch (e) {
    view.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

$("#upload-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const fd = new FormData();
  fd.append("file", form.file.files[0]);
  const res = await fetch("/documents", { method: "POST", body: fd, headers: { Authorization: `Bearer ${form.token.value}` } });
  const body = await res.json().catch(() => ({}));
  $("#upload-msg").textContent = res.ok ? `已入库:${body.title || body.id}` : `失败:${body.detail || res.statusText}`;
  if (res.ok) loadDocs();
});

// ---------------------------------------------------------------- compare
function matrixHtml(m) {
  if (!m || !m.regions || !m.regions.length) return '<p class="muted">无数据</p>';
  const head = `<tr><th>地区</th>${m.columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>`;
  const body = m.regions.map((r, i) => `<tr><th>${esc(r)}</th>${m.counts[i].map((n, j) =>
    `<td class="n" data-n="${n}" title="${esc(m.columns[j])}">${n}</td>`).join("")}</tr>`).join("");
  return `<table class="grid matrix">${head}${body}</table>`;
}

$("#compare-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const p = formParams(e.target);
  try {
    const d = await api(`/compare?${p}`);
    $("#matrix-sector").innerHTML = matrixHtml(d.sectors);
    $("#matrix-mechanism").innerHTML = matrixHtml(d.mechanisms);
    const cols = d.topic_tasks || [];
    $("#topic-align").innerHTML = cols.length ? `<div class="align">${cols.map((c) => `<div class="col"><h3>${esc(c.region)}</h3>
      ${(c.tasks || []).map((t) => `<p><b>${esc(t.title)}</b><br><span class="evidence">${esc(t.document_title || "")}</span></p>`).join("") || '<p class="muted">无</p>'}</div>`).join("")}</div>` : '<p class="muted">输入主题后对齐各地任务</p>';
  } catch (err) {
    $("#matrix-sector").innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
});

// ---------------------------------------------------------------- timeline
$("#timeline-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const p = formParams(e.target);
  $("#ics-link").href = `/deadlines.ics?${p}`;
  try {
    const d = await api(`/deadlines?${p}`);
    $("#timeline-list").innerHTML = (d.items || []).map((x) => `<div class="timeline-item"><div><b>${esc(x.date || x.freq || x.duration || "")}</b></div>
      <div>${esc(x.title)}<br><span class="evidence">${esc((x.bodies || []).join("、"))} · ${esc(x.text)} · ${esc(x.document_title || "")}</span></div></div>`).join("") || '<p class="muted">无时限</p>';
  } catch (err) {
    $("#timeline-list").innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
});
