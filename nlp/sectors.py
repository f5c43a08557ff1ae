"""Industry and hazard sectors a task names, in the schema's vocabulary (data/sectors.tsv)."""

from __future__ import annotations

import re
from importlib import resources
from functools import lru_cache
import tomllib

from .vocab import Hit, finder

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_FIND_SECTORS_RX1 = re.compile(r"[\u4e00-\u9fff]{0,5}?(处|局|厅|委|办|站|所|中心|总队|支队|大队|部门)(?![\u4e00-\u9fff]{0,1}(工作|管理))")
_FIND_SECTORS_RX2 = re.compile(r"[\u4e00-\u9fff]{0,3}?(企业|单位|场所)")

# "重点行业领域" and similar catch-alls name no sector; words that contain a synonym but mean
# something else are listed here so the synonym does not fire inside them.
NOT_SECTOR = re.compile(r"(交通运输(?:局|厅|部门|部)|消防救援|工矿商贸|气象局|气象部门|市场监管|市场主体|营商|"
                        # the market of an economy or of a good (市场经济秩序, 危险化学品市场经营活动,
                        # 建筑市场) is no marketplace
                        r"市场(?=经济|经营|秩序|准入|化|行为|环境)|(?<=[品竹筑产力])市场|"
                        r"教育培训|宣传教育|警示教育|安全教育|教育引导|"
                        r"应急广播|安全文化|文化建设|信息平台|卫生健康局|卫健|"
                        r"(?<=[深强优细转固硬量简美绿净活规标])化(?=工))")  # 深化工贸 is not 化工


# a body whose name holds a sector word (烟花爆竹处, 公安消防总队, 应急消防管理站, 教育厅) names no
# sector: the word up to a government suffix a few characters on
BODY_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}?[\u4e00-\u9fff]{0,4}?(?:处|局|厅|委员会|委|办公室|办|管理站|站|所|总队|支队|大队|中心|部门)"
                       r"(?![\u4e00-\u9fff]{0,1}(?:工作|管理|安全|建设))")
# "除危化品、烟花爆竹、非煤矿山以外的工贸行业": what is excluded is not the task's sector
EXCLUDED = re.compile(r"除[^,。;]{1,40}?(?:以外|之外|外)")
# a place's name (旅游度假区, 工业园区) is not a sector either
PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{0,8}(?:度假区|开发区|园区|新区|景区管委会)")


# a list of places closed by 等…场所/区域 in a sentence that bans something there (学校、医院、商场、
# 文物保护单位…等公共场所…燃放烟花爆竹的): prohibited locations, no sectors (SCHEMA conventions)
PLACE_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,14}[、,,]){2,}[\u4e00-\u9fff]{2,14}等[\u4e00-\u9fff]{0,8}?(?:场所|区域|地点|部位)")
BANNED_THERE = re.compile(r"禁止|严禁|不得|禁放|燃放")
SENTENCE = re.compile(r"[^。;；!?\n]+")


def mask_banned_places(text: str) -> str:
    """`text` with the lists of prohibited locations blanked (same length)."""
    if not BANNED_THERE.search(text):
        return text
    out = list(text)
    for sent in SENTENCE.finditer(text):
        if BANNED_THERE.search(sent.group(0)):
            for m in PLACE_LIST.finditer(sent.group(0)):
                out[sent.start() + m.start():sent.start() + m.end()] = "\0" * (m.end() - m.start())
    return "".join(out)


BRACKET_ALTERNATIVE = re.compile(r"([\u4e00-\u9fff]{2})\(([\u4e00-\u9fff]{2})\)([\u4e00-\u9fff]{2})")


def find_sectors(text: str) -> list[Hit]:
    masked = NOT_SECTOR.sub(lambda m: "\0" * len(m.group(0)), text)
    masked = EXCLUDED.sub(lambda m: "\0" * len(m.group(0)), masked)
    masked = PLACE_NAME.sub(lambda m: "\0" * len(m.group(0)), masked)
    masked = mask_banned_places(masked)
    hits = finder("sectors.tsv").find(masked)
    # 道路(水上)交通: the bracket names a second domain of the same head word
    for m in BRACKET_ALTERNATIVE.finditer(masked):
        for h in finder("sectors.tsv").find(m.group(2) + m.group(3)):
            hits.append(Hit(h.label, text[m.start():m.end()], m.start(), m.end()))
    out = []
    for h in hits:
        tail = masked[h.end:h.end + 7]
        if _FIND_SECTORS_RX1.match(tail) \
                and not _FIND_SECTORS_RX2.match(tail):
            continue  # 烟花爆竹处, 公安消防总队, 教育厅: a body's name
        out.append(h)
    return out


NATURAL_HAZARDS = {"防汛抗旱", "地震地质灾害", "森林草原防火", "气象灾害"}


def sectors_of(text: str) -> list[str]:
    """Sector labels in order of first mention; `自然灾害` only when no specific hazard is named."""
    return labels_of(find_sectors(text))


def labels_of(hits: list[Hit]) -> list[str]:
    """The sector labels of `find_sectors` hits (see `sectors_of`)."""
    seen: list[str] = []
    for h in hits:
        if h.label not in seen:
            seen.append(h.label)
    if "自然灾害" in seen and NATURAL_HAZARDS.intersection(seen):
        seen.remove("自然灾害")
    if "矿山" in seen and "非煤矿山" in seen:
        seen.remove("矿山")  # the general word stands for the non-coal mines the task is about
    return seen


# the hazards a coordinating body exists for (防汛抗旱指挥部 issues flood orders): evidence of a
# document's single domain, never of a task's sector
@lru_cache(maxsize=1)
def _domains() -> tuple[list[tuple[re.Pattern[str], str]], dict[str, set[str]]]:
    """Issuer patterns and title absorptions of nlp/data/domains.toml."""
    data = tomllib.loads(resources.files(__package__).joinpath("data/domains.toml").read_text(encoding="utf-8"))
    issuers = [(re.compile(rx), label) for rx, label in data["issuer"].items()]
    absorbs = {label: set(parts) for label, parts in data["title_absorbs"].items()}
    return issuers, absorbs


GENERAL_KINDS = re.compile(r"(工作要点|要点|规划|总体应急预案|工作计划|计划|报告|意见)$")


def document_domain(title: str | None, issuers: list[str], task_texts: list[str],
                    addressees: list[str] | None = None) -> list[str]:
    """The one domain a whole document is about (SCHEMA conventions: every task of a forest-fire
    ban order is 森林草原防火; a multi-domain 工作要点 passes nothing down): the single hazard or
    industry its title names (or its issuing headquarters exists for, or with neither, the
    headquarters it is sent to); failing a title, the one
    that dominates its text."""
    if title and "暨" in title and any(not sectors_of(part) for part in title.split("暨")):
        return []  # 安委会全体会议暨森林草原防灭火工作会议: a general meeting held with one on a hazard
    if title and not GENERAL_KINDS.search(title):
        named = sectors_of(title)
        absorbs = _domains()[1]
        named = [n for n in named if not any(n in absorbs.get(other, ()) for other in named if other != n)]
        if len(named) == 1:
            return named
        if len(named) > 1:
            return []
    for rx, label in _domains()[0]:
        if any(rx.search(i) for i in issuers):
            return [label]
    if not issuers and not title and addressees:
        # a page that lost its head but not its addressee line (市防指成员单位、各区防指:): what
        # the headquarters it is sent to exist for
        sent_to = {label for rx, label in _domains()[0] for a in addressees if rx.search(a)}
        if len(sent_to) == 1:
            return list(sent_to)
    accident = accident_domain(" ".join(task_texts[:3]))
    if accident:
        return accident
    if title or not task_texts:
        return []
    counts: dict[str, int] = {}
    tasks_with: dict[str, int] = {}
    for t in task_texts:
        labels = [h.label for h in find_sectors(t)]
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
        for label in set(labels):
            tasks_with[label] = tasks_with.get(label, 0) + 1
    if not counts:
        return []
    top, n = max(counts.items(), key=lambda kv: kv[1])
    total = sum(counts.values())
    if n >= 0.6 * total and tasks_with[top] >= max(2, 0.4 * len(task_texts)):
        return [top]
    return []


ACCIDENT = re.compile(r"[^,。;]{0,30}?(?:事故|险情)")


def accident_domain(text: str) -> list[str]:
    """The domain of the accident a letter is about (宁海县“9·29”重大火灾事故查处挂牌督办;
    原油管道“6·30”泄漏爆燃事故): every task of it concerns that domain."""
    for m in ACCIDENT.finditer(text):
        if re.search(r"“\d{1,2}·\d{1,2}”", m.group(0)):
            named = sectors_of(m.group(0))
            if len(named) == 1:
                return named
    return []
