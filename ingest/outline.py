"""Outline of a circular from its 公文 numbering: 一、 / (一) / 1. / (1) / ①.

Why rank-based: real circulars skip levels (一、 then 1. directly), restart numbering under
each parent or run it on across parents (1–6 under 一、, 7–12 under 二、), and scraped
copies lose headings (items 13–19 and their heading vanish, 20. follows 12.). Nesting is
decided by the conventional rank of each numbering style, not by the order in which styles
first appear, and an item whose number jumps ahead of its style's sequence is detached from
a parent it cannot belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import OutlineItem

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_MATCH_MARKER_RX1 = re.compile(r"\d{4}\.")
_MATCH_MARKER_RX2 = re.compile(r"\d{1,3}[.、]")
_MATCH_MARKER_RX3 = re.compile(r"[\u4e00-\u9fff“《]")
_LEAD_SENTENCE_RX1 = re.compile(r"[。!?;]")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, rank, pattern): rank is the conventional 公文 depth of the style.
MARKERS: list[tuple[str, float, re.Pattern[str]]] = [
    ("chapter", 0, re.compile(r"第([一二三四五六七八九十百零〇]{1,4})章[ \u3000]*")),
    # 4.3.4 救援组: a decimal section number (应急预案)
    ("decimal", 1, re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})[ \u3000]*(?=[\u4e00-\u9fff])")),
    # 一 、: a space typed before the comma (大同 2025 烟花爆竹 通告 on a WeChat repost)
    ("cn", 1, re.compile(r"([一二三四五六七八九十]{1,3})(?:[ \u3000]?、|\.(?![0-9]))[ \u3000]*")),
    ("paren_cn", 2, re.compile(r"\(([一二三四五六七八九十]{1,3})\)[、.]?[ \u3000]*")),
    # an article holds its (一) items (第四条 …应当履行下列职责: (一)…) and sits under a 一、 part
    ("article", 1.5, re.compile(r"第([一二三四五六七八九十百零〇]{1,4})条[ \u3000]*")),
    # 2、5月12日,在…开展…: 、 closes a number whatever follows (a decimal point is no 、)
    ("arabic", 3, re.compile(r"(\d{1,3})(?:、|\.(?![0-9])|\s)[ \u3000]*")),
    ("paren_arabic", 4, re.compile(r"\((\d{1,3})\)[、.]?[ \u3000]*")),
    ("circled", 5, re.compile(f"([{CIRCLED}])[、.]?[ \u3000]*")),
    # 第一组:… (inspection groups, batches), 一是…/一要… (points of a paragraph written as items)
    ("group", 3, re.compile(r"(第[一二三四五六七八九十]{1,3}(?:组|批|项|部分))[::]?[ \u3000]*")),
    ("shi", 3, re.compile(r"([一二三四五六七八九十]{1,3})[是要](?=[\u4e00-\u9fff])")),
    # --自然灾害专项应急委。/ ●应急现场指挥部: bulleted items
    ("bullet", 3, re.compile(r"(--|——|●|■|◆|▲|★|◇|□)[ \u3000]*(?=[\u4e00-\u9fff“])")),
]


def cn_to_int(s: str) -> int:
    """Value of a small Chinese numeral (一 .. 九百九十九)."""
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = CN_DIGITS.get(ch, 0)
    return total + cur


def marker_value(style: str, raw: str) -> int:
    if style in {"cn", "paren_cn", "chapter", "article", "shi"}:
        return cn_to_int(raw)
    if style == "group":
        return cn_to_int(raw[1:-1])
    if style == "decimal":
        return int(raw.rsplit(".", 1)[-1])
    if style == "bullet":
        return 0
    if style == "circled":
        return CIRCLED.index(raw) + 1
    return int(raw)


def marker_label(style: str, raw: str) -> str:
    """The number as the schema writes it in paths: `一`, `(一)`, `1`, `(1)`, `①`, `第一条`,
    `第一组`, `4.3.4`; a bullet's label is set from its heading when the item is built."""
    if style in {"paren_cn", "paren_arabic"}:
        return f"({raw})"
    if style == "chapter":
        return f"第{raw}章"
    if style == "article":
        return f"第{raw}条"
    return raw


@dataclass
class LineMarker:
    style: str
    rank: float
    label: str
    value: int
    line_start: int  # offset of the line in the text
    body_start: int  # offset right after the marker


ITEM_BEFORE_DATE = re.compile(r"(\d{1,3})\.(?=(?:\d{1,2}月(?!份?\d)|\d{4}年|\d{1,2}日前))")
ARABIC_RANK = next(rank for style, rank, _ in MARKERS if style == "arabic")
CN_RANK = next(rank for style, rank, _ in MARKERS if style == "cn")
# whether any marker can open here, in one match: most positions asked (every clause end of
# every line) open none, and trying each style in turn was most of the outline's time
ANY_MARKER = re.compile("|".join(f"(?:{rx.pattern})" for rx in [ITEM_BEFORE_DATE, *(rx for _, _, rx in MARKERS)]))


STRAY_CLOSE = re.compile(r"[。;；]+(?=[一二三四五六七八九十\d(（])")


def match_marker(line: str) -> tuple[str, int, str, int] | None:
    """(style, rank, raw number, marker length) when the line opens with an outline number —
    also after the full stop the line before lost to this one (…特别重大事故,\n。二、工作任务)."""
    stray = STRAY_CLOSE.match(line)
    if stray:
        hit = match_marker(line[stray.end():])
        return (*hit[:3], hit[3] + stray.end()) if hit else None
    if not ANY_MARKER.match(line):
        return None
    dated = ITEM_BEFORE_DATE.match(line)
    if dated:  # "1.6月底前完成…": item 1 opening with a date, not the decimal 1.6
        return "arabic", ARABIC_RANK, dated.group(1), dated.end(1) + 1
    for style, rank, rx in MARKERS:
        m = rx.match(line)
        if not m:
            continue
        rest = line[m.end():]
        marked = style == "circled" or (style in MARKED_STYLES and MARK_AFTER.search(m.group(0)))
        if not marked and (not rest or rest[0] in "%年月日号个项条万元."):
            continue  # "1.5倍", "2021年", bare number: not an outline number
        if style == "decimal" and (_MATCH_MARKER_RX1.match(line) or (m.group(1).count(".") == 1 and not line[m.end(1):m.end(1) + 1].isspace())):
            continue  # 2021.3 is a date; 1.5倍 a number: a one-dot section number stands apart from its title
        if style == "arabic" and not _MATCH_MARKER_RX2.match(line):
            # "1 强化..." with a space is a marker only if text follows directly
            if not _MATCH_MARKER_RX3.match(rest):
                continue
        return style, rank, m.group(1), m.end()
    return None


# a number closed by its mark (3、 / (一) / ①) is an item whatever follows: 2、个人不得… is no count
# of 个, and a 3、 alone on its line heads the items below it (①…②… on the next lines)
MARKED_STYLES = {"cn", "paren_cn", "arabic", "paren_arabic"}
MARK_AFTER = re.compile(r"[、)]\s*$")


def points_after_full_stop(line: str, pos: int, inline: list[LineMarker]) -> bool:
    """Whether the run of 一是/一要 points in `line` opens after a full stop (its item's lead
    sentence closed) rather than after a colon that announces them, each point a sentence."""
    points = [m for m in inline if m.style == "shi" and m.value in (1, 2)]
    if [m.value for m in points[:2]] != [1, 2]:
        return False
    # each point a sentence of its own (…。一是加强隐患排查。…。二是…), not clauses of one (一要…;二要…)
    return all(line[:m.line_start - pos].rstrip().endswith("。") for m in points[:2])


MARKER_LOOK = 200  # characters after a position that decide whether a marker opens there
ARABIC_ITEM = re.compile(r"\d{1,3}[.、]")
INLINE_AT = re.compile(r"(?<=[:：。;；!,，])\s*|(?<=[\u4e00-\u9fff。;:])\s+")
INLINE_STYLES = ("cn", "paren_cn", "arabic", "paren_arabic", "group", "shi")
# a run's first point written straight after its lead-in (会议要求一是要…;二是要…, 各镇、部门一是要…):
# 一是 after a character that makes no word with 一 (统一是, 之一是, 第一是 are words)
FIRST_POINT_UNMARKED = re.compile(r"(?<=[\u4e00-\u9fff])(?<![统唯之第万同单逐划专均])(?=一是[\u4e00-\u9fff])")


ATTACHMENT_HEAD = re.compile(r"^\s*附\s*[件表]?\s*[:：]")  # 附件:, 附表:, and a bare 附: (附:1、《…通知》)
CELL_DEBRIS = " \t|"
ATTACHMENT_ITEM = re.compile(r"^\s*(?:附\s*[件表]?\s*[:：]\s*)?\d{1,2}[.、．]\s*(?P<title>\S.{1,80})$")


def file_title(title: str) -> bool:
    """An attached file's title: a document's (…方案, …通知) or a form's (…企业名单, …责任表)."""
    from .clean import TITLE_END

    title = title.strip("》>》 ")
    return bool(TITLE_END.search(title) or ATTACHED_FORM.search(title) or TITLE_SHAPE.fullmatch(title))


ATTACHED_FORM = re.compile(r"(名单|表)$")
# any title by its shape: a name with no clause in it (楚雄市地质灾害分级负责制度, …守则, …标准) — the
# kind words above only name common ones
TITLE_SHAPE = re.compile(r"《?[^,，。;；:：!！?？、]{4,40}》?")


def attachment_lists(text: str) -> list[tuple[int, int]]:
    """附件:1.2024年…重点任务清单 / 2.…清单: the list of a cover notice's attachments names files,
    it is no outline (each entry a title, no work of its own)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if ATTACHMENT_HEAD.match(lines[k]):
            start, end, j = pos, pos + len(lines[k]), k + 1
            first = ATTACHMENT_ITEM.match(lines[k].strip(CELL_DEBRIS))
            listed = bool(first and file_title(first.group("title")))
            at = end + 1
            while j < len(lines):
                cell = lines[j].strip(CELL_DEBRIS)  # 1.…企业名单 | / a lone |: a list scraped from a table
                if not cell and "|" in lines[j]:
                    end = at + len(lines[j])
                    at = end + 1
                    j += 1
                    continue
                m = ATTACHMENT_ITEM.match(cell)
                if not m or not file_title(m.group("title")):
                    break
                listed = True
                end = at + len(lines[j])
                at = end + 1
                j += 1
            if listed:
                spans.append((start, end))
            for line in lines[k:j]:
                pos += len(line) + 1
            k = j
            continue
        pos += len(lines[k]) + 1
        k += 1
    return spans


def find_markers(text: str, start: int = 0, end: int | None = None,
                 skip: list[tuple[int, int]] | None = None) -> list[LineMarker]:
    """Outline numbers opening lines of `text[start:end]`, except lines inside `skip` spans
    (tables: a row's 一、体系建设 cell is not the document's outline); and numbers inside a
    line that run on in sequence (a page flattened into one line: "…如下: 一、督查重点 1.…;
    2.… 二、…", or "…命令:1.…" continued by "2.…" on the next line)."""
    return drop_lone_dash(line_markers(text, start, end, skip), text)


def line_markers(text: str, start: int = 0, end: int | None = None,
                 skip: list[tuple[int, int]] | None = None) -> list[LineMarker]:
    """`find_markers` before its one rule over the whole list (`drop_lone_dash`), sorted."""
    end = len(text) if end is None else end
    found: list[LineMarker] = []
    pos = start
    lines = text[start:end].split("\n")
    hits: dict[int, tuple | None] = {}

    def hit_of(k: int) -> tuple | None:  # read for kept lines and the line after each only
        if k not in hits:
            hits[k] = match_marker(lines[k])
        return hits[k]

    for k, line in enumerate(lines):
        if skip and any(a <= pos < b for a, b in skip):
            pos += len(line) + 1
            continue
        hit = hit_of(k)
        if hit:
            style, rank, raw, length = hit
            found.append(LineMarker(style, rank, marker_label(style, raw), marker_value(style, raw), pos,
                                    pos + length))
        following = hit_of(k + 1) if k + 1 < len(lines) else None
        inline = inline_markers(line, pos, following, hit)
        if any(m.style != "shi" for m in found) and not points_after_full_stop(line, pos, inline):
            # 一是…二是… run inside a numbered item after a colon are points of that item (做到
            # "五落实":一是…, its criteria); after a full stop each is a piece of work of its own
            # (一、落实属地责任…。一是加强隐患排查。二是加快损毁修复。…: 奉节县 2021)
            inline = [m for m in inline if m.style != "shi"]
        found.extend(inline)
        pos += len(line) + 1
    marked = {m.line_start for m in found}
    found.extend(m for m in bare_runs(text, start, lines, skip) if m.line_start not in marked)
    found.sort(key=lambda m: m.line_start)
    return found


BARE_RUN_MIN = 3  # lines numbered 1, 2, 3… (or 一, 二, 三…) with the mark after the number lost
BARE_LINE_MIN = 15  # characters of such a line: an item's sentence, not a sign-off (一审:李慧)
_CN_NUMERALS = "一二三四五六七八九十"


def bare_runs(text: str, start: int, lines: list[str], skip: list[tuple[int, int]] | None) -> list[LineMarker]:
    """Items whose number lost its 、 or . in a scraped copy (1亡人火灾起数…/2具有行政审批职能的
    部门…/48月底前修订…, 宜春 2018; 一强化责任落实。/二强化宣传引导。…, 广元市朝天区): lines that open on
    the next number of a run 1, 2, 3… straight before a character, at least three of them in
    order. The number expected reads the line (48月底前 is item 4, then 8月)."""
    out: list[LineMarker] = []
    for arabic in (True, False):
        run: list[LineMarker] = []
        pos = start
        for line in lines:
            body = line.lstrip(" \u3000\t")
            lead = len(line) - len(body)
            want = len(run) + 1
            label = str(want) if arabic else (_CN_NUMERALS[want - 1] if want <= 10 else "")
            inside = skip and any(a <= pos < b for a, b in skip)
            if label and not inside and body.startswith(label) and len(body) >= BARE_LINE_MIN \
                    and re.match(r"[\u4e00-\u9fff0-9]", body[len(label):len(label) + 1] or "。") \
                    and not re.match(r".{0,3}[:：]", body[len(label):]) \
                    and not (arabic and re.match(r"\d{2,}[年.]|[年月日号.]", body[len(label):])) \
                    and (arabic or body[len(label)] not in "是要审级"):
                run.append(LineMarker("arabic" if arabic else "cn", ARABIC_RANK if arabic else CN_RANK, label, want,
                                      pos + lead, pos + lead + len(label)))
            pos += len(line) + 1
        if len(run) >= BARE_RUN_MIN:
            out.extend(run)
    return out


def drop_lone_dash(found: list[LineMarker], text: str) -> list[LineMarker]:
    """A dash that opens one line only is a subtitle (——全国…经验汇总), not an item."""
    dashes = [m for m in found if m.style == "bullet" and text[m.line_start:m.body_start].strip()[:1] in "-—"]
    if len(dashes) == 1:
        return [m for m in found if m is not dashes[0]]
    return found


def inline_markers(line: str, pos: int, following: tuple | None, opening: tuple | None = None) -> list[LineMarker]:
    """Markers after a sentence or clause end inside `line` that form a run 1, 2, … (or a 1
    whose 2 opens the next line, or a 2, 3… after the line's own 1: "一、…;二、…;三、…")."""
    cands: list[LineMarker] = []
    starts = [m.end() for m in INLINE_AT.finditer(line)]
    if "一是" in line:
        starts = sorted({*starts, *(m.start() for m in FIRST_POINT_UNMARKED.finditer(line))})
    for at in starts:
        if at == 0 or at >= len(line) - 2 or line[at - 1] in ",，" and line[at] not in "一二三四五六七八九十":
            continue
        # a marker and the checks after it read a few characters: a bounded look keeps a page
        # flattened into one long line linear
        head = line[at:at + MARKER_LOOK]
        hit = match_marker(head)
        if hit and hit[0] == "arabic" and not ARABIC_ITEM.match(head):
            continue  # "组织 1 次": a count, not an item
        if hit and hit[0] != "shi" and line[at - 1] in ",，":
            continue  # after a comma only a point opens (周春雨强调,一要…;二要…): "…,1" is a count
        if hit and hit[0] in INLINE_STYLES:
            style, rank, raw, length = hit
            cands.append(LineMarker(style, rank, marker_label(style, raw), marker_value(style, raw),
                                    pos + at, pos + at + length))
    out: list[LineMarker] = []
    for style in INLINE_STYLES:
        seq = [c for c in cands if c.style == style]
        run: list[LineMarker] = []
        if opening and opening[0] == style and marker_value(style, opening[2]) == 1:
            run = [LineMarker(style, opening[1], marker_label(style, opening[2]), 1, pos, pos + opening[3])]
            seq_run = []
            for c in seq:
                if c.value == run[-1].value + 1:
                    run.append(c)
                    seq_run.append(c)
            if len(seq_run) >= 1:
                out.extend(seq_run)
                continue
            run = []
        for c in seq:
            if c.value == 1:
                if len(run) >= 2:
                    out.extend(run)
                run = [c]
            elif run and c.value == run[-1].value + 1:
                run.append(c)
        if len(run) >= 2:
            out.extend(run)
        elif len(run) == 1 and following and following[0] == style and marker_value(style, following[2]) == 2:
            out.extend(run)
        elif len(run) == 1 and run[0] is seq[-1] and ANNOUNCED.search(line, 0, run[0].line_start - pos):
            out.extend(run)  # "…紧急通知如下: 一、…" on a page cut before 二: what 如下 announces is item 1
    return out


ANNOUNCED = re.compile(r"如下[:：]\s*$")


def lead_sentence(text: str) -> str:
    """Title of an item: its text up to the first 。 (or the whole first line)."""
    first_line = text.lstrip(" \u3000\t\n").split("\n", 1)[0]  # a number alone on its line: the next line
    m = _LEAD_SENTENCE_RX1.search(first_line)
    title = first_line[: m.start()] if m else first_line
    return title.strip().rstrip(",:;")


def parse_outline(text: str, start: int = 0, end: int | None = None,
                  skip: list[tuple[int, int]] | None = None,
                  markers: list[LineMarker] | None = None) -> list[OutlineItem]:
    """Nested outline items of `text[start:end]`; spans are offsets into `text`. `markers`:
    `find_markers(text, start, end, skip)` when the caller has them already."""
    end = len(text) if end is None else end
    if markers is None:
        markers = find_markers(text, start, end, skip)
    roots: list[OutlineItem] = []
    stack: list[tuple[float, OutlineItem]] = []  # (rank, item)
    last_value: dict[str, int] = {}
    for mk in markers:
        detached = _jumps_ahead(mk, last_value)
        last_value[_sequence_key(mk)] = mk.value
        # a decimal section nests by its depth (5.1 over 5.1.1 and 5.1.2), one sequence a depth
        rank = mk.rank + 0.01 * mk.label.count(".") if mk.style == "decimal" else mk.rank
        while stack and stack[-1][0] >= rank:
            stack.pop()
        if detached:
            stack.clear()
        parent = stack[-1][1] if stack else None
        label = mk.label
        if mk.style == "bullet":  # a bullet has no number: its heading names it
            label = re.split(r"[。:：,，;；\s]", text[mk.body_start:end], maxsplit=1)[0][:20]
        item = OutlineItem(
            marker=label, style=mk.style, level=len(stack), path=(parent.path if parent else []) + [label],
            start=mk.line_start, end=end, head_end=end, title=lead_sentence(text[mk.body_start:end]),
            children=[],
        )
        (parent.children if parent else roots).append(item)
        stack.append((rank, item))
    _close_spans(roots, end)
    return roots


def _sequence_key(mk: LineMarker) -> str:
    return f"decimal{mk.label.count('.')}" if mk.style == "decimal" else mk.style


def _jumps_ahead(mk: LineMarker, last_value: dict[str, int]) -> bool:
    """An item numbered well past its style's running sequence lost its real parent."""
    prev = last_value.get(_sequence_key(mk))
    return prev is not None and mk.value > prev + 1 and mk.value != 1


def _close_spans(items: list[OutlineItem], end: int) -> None:
    """Each item ends where its next sibling starts; its own text ends at its first child."""
    for i, item in enumerate(items):
        item.end = items[i + 1].start if i + 1 < len(items) else end
        _close_spans(item.children, item.end)
        item.head_end = item.children[0].start if item.children else item.end
