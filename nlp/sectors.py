"""Industry and hazard sectors a task names, in the schema's vocabulary (data/sectors.tsv)."""

from __future__ import annotations

import re

from .vocab import Hit, finder

# "重点行业领域" and similar catch-alls name no sector; words that contain a synonym but mean
# something else are listed here so the synonym does not fire inside them.
NOT_SECTOR = re.compile(r"(交通运输(?:局|厅|部门|部)|消防救援|工矿商贸|气象局|气象部门|市场监管|市场主体|营商|教育培训|宣传教育|警示教育|安全教育|教育引导|"
                        r"应急广播|安全文化|文化建设|信息平台|卫生健康局|卫健|"
                        r"(?<=[深强优细转固硬量简美绿净活规标])化(?=工))")  # 深化工贸 is not 化工


def find_sectors(text: str) -> list[Hit]:
    masked = NOT_SECTOR.sub(lambda m: "\0" * len(m.group(0)), text)
    return finder("sectors.tsv").find(masked)


NATURAL_HAZARDS = {"防汛抗旱", "地震地质灾害", "森林草原防火", "气象灾害"}


def sectors_of(text: str) -> list[str]:
    """Sector labels in order of first mention; `自然灾害` only when no specific hazard is named."""
    seen: list[str] = []
    for h in find_sectors(text):
        if h.label not in seen:
            seen.append(h.label)
    if "自然灾害" in seen and NATURAL_HAZARDS.intersection(seen):
        seen.remove("自然灾害")
    if "矿山" in seen and "非煤矿山" in seen:
        seen.remove("矿山")  # the general word stands for the non-coal mines the task is about
    return seen
