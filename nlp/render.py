"""A readable terminal outline of an extraction record (`policykg extract` without --format json)."""

from __future__ import annotations


def render_outline(record: dict) -> str:
    meta = record["meta"]
    lines = [f"{meta.get('title') or '(无标题)'}  [{record['doc']}]"]
    facts = [("发文字号", meta.get("doc_number")), ("发文机关", "、".join(meta.get("issuers") or [])),
             ("成文日期", meta.get("date")), ("地区", (meta.get("province") or "") + (meta.get("locality") or "")),
             ("主送", "、".join(meta.get("addressees") or []))]
    lines += [f"  {k}: {v}" for k, v in facts if v]
    for t in record["tasks"]:
        depth = max(len(t["path"]) - 1, 0)
        lines.append(f"{'  ' * depth}{' '.join(t['path'])}  {t['title']}")
        pad = "  " * (depth + 2)
        for a in t["actors"]:
            mark = "" if a["explicit"] else " (推定)"
            lines.append(f"{pad}责任: {a['name']} [{a['role']}]{mark}")
        for d in t["deadlines"]:
            norm = d.get("date") or d.get("duration") or d.get("freq")
            lines.append(f"{pad}时限: {d['text']} -> {norm}")
        if t["recipients"]:
            lines.append(f"{pad}报送: {'、'.join(t['recipients'])}")
        if t["sectors"]:
            lines.append(f"{pad}领域: {'、'.join(t['sectors'])}")
        for x in t["targets"]:
            lines.append(f"{pad}指标: {x['text']}")
    for p in record.get("practices", []):
        lines.append(f"[{p['region']}] {'、'.join(p['mechanisms'])}")
    return "\n".join(lines)
