"""Which parts of a circular are tasks (obligation-bearing items), and their spans.

A task is normally a numbered leaf item. Not tasks: guiding-ideology / goal sections,
headings whose children carry the work, and enumerations of criteria inside an item
("对有下列情形之一的企业…: 1.近三年…的; 2.…") which belong to the item that holds them.
Besides the outline:
- each row of a table that assigns work (ingest.blocks.Table) is a task, its cells typed by
  column;
- an item (or a stretch of unnumbered text) whose lines each open with their own body
  ("省地震局负责…" / "民政厅负责…", as duty lists in 应急预案 are written) is one task a line;
- a closing paragraph after the last item (请各有关单位…, 此次…务必…) is not part of that item.
Obligations in the cover notice become `preamble` tasks (nlp/preamble.py).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..ingest.blocks import Table, column_kind
from ..ingest.clean import FIELD_LABEL_RX
from ..ingest.metadata import is_date_line, looks_like_org
from ..ingest.model import Document, OutlineItem
from ..ingest.names import name_kind, parse_names
from .vocab import DUTY_YAO

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_IS_DEFINITION_RX1 = re.compile(r"^\s*\S{1,6}?[、.]\s*")
# 封山禁火时间2025年3月1日…, 防火禁火范围(戒严区域)。西夏区划定的…
_IS_DEFINITION_RX2 = re.compile(r"^([\u4e00-\u9fff]{2,6})(?:[::]|(?=\d{4}年)|(?=[(（][^)）]{1,10}[)）]?[。\n]|[。\n]))")
# an item's number before its first sentence: bracketed, or closed by 、 (whatever follows, as in
# ingest/outline.py) or by a . that is no decimal point (not the 9 of 9月22日上午…)
_FIRST_SENTENCE_RX1 = re.compile(r"^\s*(\([一二三四五六七八九十\d]{1,3}\)[、.]?|[一二三四五六七八九十\d]{1,3}(?:、|\.(?![0-9]))|[①-⑳])\s*")
_FIRST_SENTENCE_RX2 = re.compile(r"[。;]")

Span = tuple[int, int]


@dataclass
class TaskSpan:
    path: list[str]
    title: str
    start: int  # clean-text span of the whole task
    end: int
    item: OutlineItem | None = None
    # a table row: its cells in column order as (column kind, clean-text span), and the text
    # of the first cell of each kind
    cells: list[tuple[str, Span]] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def non_task_headings() -> re.Pattern[str]:
    """Headings of sections that describe rather than assign work (data/non_task_headings.txt)."""
    words = [w.strip() for w in resources.files(__package__).joinpath("data/non_task_headings.txt")
             .read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return re.compile("^(" + "|".join(map(re.escape, words)) + ")")


@lru_cache(maxsize=1)
def item_kinds() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("data/item_kinds.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def provisions() -> re.Pattern[str]:
    """The standing articles of a regulation (data/item_kinds.toml provisions), one pattern."""
    return re.compile("|".join(f"(?:{rx})" for rx in item_kinds()["provisions"]))


DUTY_WORD = re.compile(DUTY_YAO + r"|应(?![急对用])|须|严禁|禁止|不得|负责|确保|请")


def is_definition(text: str) -> bool:
    """An item that defines the notice's area, period or scope and sets no work."""
    kinds = item_kinds()
    body = _IS_DEFINITION_RX1.sub("", text.strip())
    if provisions().search(body):
        return True  # 第一条 为…,根据…,特制定本规定: a regulation's standing article
    if DUTY_WORD.search(body):
        return False
    label = _IS_DEFINITION_RX2.match(body)
    if label and label.group(1).endswith(tuple(kinds["definition_labels"]) + tuple(kinds["definition_tails"])):
        # 封山禁火时间 (a 禁火时间), 封山范围 (a 范围): what the notice covers, not work
        return True
    if label and label.group(1).endswith(("时间", "日期")) and DATES_ONLY.fullmatch(body[label.end():].strip()):
        # 检查整改时间\n2021年3月7日-3月10日: a heading over nothing but the dates it names, the period
        return True
    tails = "|".join(map(re.escape, kinds["definition_tails"]))
    return bool(re.search(rf"(为|是)[^,。;]{{0,30}}(?:{tails})[。.]?$", body))


SANCTION = re.compile(r"追究|处罚|处分|查处|罚款")
# how a penalty clause opens when no body is named before it (应急管理、公安…等部门将依法予以处罚 names one)
SUBJECTLESS_PENALTY = re.compile(r"^(?:将|一律|严格|从严|坚决|依法|依照|依据|按照|根据|给予|予以|尚|构成|并|均|视情)")


def sanction_only(text: str) -> bool:
    """二、违反上述规定,构成犯罪的,依法追究刑事责任,尚不构成犯罪的,依法给予行政处罚。: an item that
    says only what befalls offenders, naming no body to impose it, sets no work (with 由公安机关…
    予以处罚 or 公安…等部门将依法予以处罚 it gives those bodies work, and 对违反…者,严格依法进行处理
    tells the issuer's people to act: both tasks)."""
    body = _IS_DEFINITION_RX1.sub("", text.strip())
    if "由" in body or DUTY_WORD.search(body):
        return False
    clauses = [c.strip() for c in re.split(r"[,,;；。]", body) if c.strip()]
    return bool(clauses) and any(SANCTION.search(c) for c in clauses) and all(
        c.endswith("的") or c.startswith(("违反", "凡", "对")) or SANCTION.search(c) and SUBJECTLESS_PENALTY.match(c)
        for c in clauses)


# dates and the words joining them (2021年3月7日-3月10日, 5月1日至10月31日, 即日起至2月8日)
DATES_ONLY = re.compile(r"(?:\d{1,4}[年月日号]|即日|今日|[-—~～至到起止]|\s)+[。.]?")


# the principles of an emergency plan (工作原则: 统一领导,分级负责。由县、乡镇两级政府负责…) may allocate work
PRINCIPLES = re.compile(r"^(?:工作原则|基本原则)")
SENTENCE_SPLIT = re.compile(r"(?<=[。;!?])")
# an item's closing allocation: (省安全监管局负责), (X牵头,Y配合)
ALLOCATED = re.compile(r"[(（][^()（）]{2,60}(?:负责|牵头)[^()（）]{0,40}[)）]\s*[。;；]?\s*$")
DATED_GOAL = re.compile(r"(\d{4}年(底|末)|\d{4}年\d{1,2}月(底|末)?)(前|以前)?")


ENUM_INTRO = re.compile(r"(下列|以下|如下)[^。]{0,30}[。:]?\s*$")
# a heading closed by a colon lists cases when its children are labelled (禁放区域: 1.新州城区:东至…
# 2.旧州城区:…); under 二、宣传到位: the children 1.致全乡农民朋友的一封信必须发放… are its work
COLON_INTRO = re.compile(r":\s*$")
LABELLED_CHILD = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.、．]|[①-⑳])?\s*[^,，。;；:：\s]{1,10}[:：]")
# "三、封山禁火要求:1、严禁…2、…" / "工作措施:": a heading that announces requirements or measures
# introduces items of work, each a task, not a list of cases
WORK_INTRO = re.compile(r"(要求|措施|任务|职责|分工)(?:如下|是)?\s*[:：]\s*$")  # 具体分工如下: too
# a child that gives its work to a body by name (由省教育厅牵头负责, 牵头单位:…)
GIVEN_TO_A_BODY = re.compile(r"由[^。;；]{2,30}?(?:牵头|负责|承担|组织实施)|(?:牵头|责任|配合)(?:单位|部门)[:：]")
OWN_DUTY = re.compile(r"严禁|禁止|不得|不准|必须|[要应须](?![求点急])")
CRITERION_END = re.compile(r"(的|者|等)[;。]?$|;$")
TAIL_STOP = re.compile(r"^(附件|附表|抄送|抄报|联系人|联系电话|主题词|印发)")
CLOSING = re.compile(r"^(请(?:各|你|全|有关|相关|省|市|县|区|州)|此次|以上|特此|本通知|本方案|本通告|本意见)")


def sets_a_limit(text: str) -> bool:
    """Whether an item sets itself a calendar limit or a cadence (…每月15日、30日前报送, 请于2013年6月20日
    前报送, 每周五下午16时前): read by the deadline reader, the year does not matter here."""
    from .deadlines import find_deadlines

    return any(d.type in ("date", "recurring") for d in find_deadlines(text, None))


def is_enumeration(item: OutlineItem, text: str) -> bool:
    """Children that list criteria or cases rather than separate pieces of work."""
    if not item.children:
        return False
    if all(c.style == "group" for c in item.children):
        return False  # 第一组:…带队,…参加,督查X市: each group is sent with its own work
    own = text[item.start:item.head_end].strip()
    kids = [text[c.start:c.head_end].strip() for c in item.children]
    if len(kids) >= 2 and all(GIVEN_TO_A_BODY.search(k) for k in kids):
        return False  # 明确下列…牵头部门: (一)…由省教育厅牵头负责 (二)…: each child gives its own work to a body
    if ENUM_INTRO.search(own) and not WORK_INTRO.search(own):
        return True
    if COLON_INTRO.search(own) and not WORK_INTRO.search(own) and all(LABELLED_CHILD.match(k) for k in kids):
        return True
    if any(item.title.strip().startswith(h) for h in item_kinds()["criteria_headings"]) \
            and all(len(k) <= 80 for k in kids) and not any(sets_a_limit(k) for k in kids):
        # 督查重点 1.…; 2.…: short criteria (long paragraphs under it are tasks; so are items
        # with a limit of their own: 报送内容和时间 (二)各市县每周五下午16时前报送…)
        return True
    if fields_of_one_piece(kids):
        return True
    if all(len(k) <= 60 for k in kids) and OWN_DUTY.search(own) and len(kids) >= 2 \
            and all(k.endswith((";", "；")) for k in kids[:-1]) and kids[-1].endswith("。"):
        # 一、…严禁一切违法违规野外用火。1、严禁携带火种…; … 5、严禁…焚烧疫木。: one list, its members
        # closed by semicolons and the last by a full stop, spelling out the work the item itself
        # sets (under a heading that sets none, 二、禁放内容 / 五、几点要求, each member is a task)
        return True
    return all(len(k) <= 60 and CRITERION_END.search(k) for k in kids)


FIELD_LABEL = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?" + FIELD_LABEL_RX)


def fields_of_one_piece(kids: list[str]) -> bool:
    """(一)开展…警示教育周活动 / 1.活动时间:… 2.活动内容:… 3.组织单位:…: children that are the labelled
    fields of their item (its time, content, bodies) make one piece of work, not three; a duty
    list's children open on bodies (1.省委宣传部:负责…), not on field labels."""
    labels = [FIELD_LABEL.match(k) for k in kids]
    if len(kids) < 2 or not all(labels):
        return False
    words = [m.group("label") for m in labels]
    return not any(name_kind(w) for w in words) and sum(1 for w in words if column_kind(w)) >= 2


def select_tasks(doc: Document, opens_with_subject=None) -> list[TaskSpan]:
    """Tasks of the document's outline and tables (the cover notice is nlp/preamble.py's).

    `opens_with_subject(line) -> bool` tells a duty line (一 body, 一 duty) from prose."""
    text = doc.clean.text
    tables = [b for b in doc.blocks if isinstance(b, Table) and b.assigns_work]
    tasks: list[TaskSpan] = []
    skip = non_task_headings()
    leaves: list[OutlineItem] = []

    def visit(item: OutlineItem, excluded: bool, principle: bool = False) -> None:
        heading = bool(skip.match(item.title))
        if heading and not item.children and DATED_GOAL.search(text[item.start:item.end]):
            heading = False  # 一、工作目标: 2018年底前全面启动…: a goal with a calendar limit is work
        if excluded and not item.children and ALLOCATED.search(text[item.start:item.end]):
            excluded = False  # 主要目标 > 重点产业目标 > 1.煤矿开采业 …(省煤炭生产安监局负责): a goal given to a body
        if principle and not item.children and opens_with_subject is not None and any(
                opens_with_subject(s) for s in SENTENCE_SPLIT.split(text[item.start:item.end])[1:]):
            excluded = False  # (一)统一领导,分级负责。…县指挥部负责统一组织…: a principle that allocates work
        principle = principle or bool(PRINCIPLES.match(item.title))
        excluded = excluded or heading
        if item.children and not is_enumeration(item, text):
            for child in item.children:
                visit(child, excluded, principle)
            return
        if not excluded and not is_definition(text[item.start:item.end]) \
                and not sanction_only(text[item.start:item.end]):
            leaves.append(item)

    for top in doc.outline:
        visit(top, False)
    for n, item in enumerate(leaves):
        end = trim_tail(text, item.start, item.end)
        if n == len(leaves) - 1:
            end = cut_closing(text, item.start, end)
            end = one_paragraph_like_siblings(text, leaves, item, end)
            end = after_one_line_children(text, item, end)
        if end - item.start < 4:
            continue
        if n == len(leaves) - 1 and end >= len(text.rstrip()) and len(text[item.start:end].strip()) < 8:
            continue  # a page cut just after its last number ("3.贯彻"): no obligation stated yet
        span = TaskSpan(list(item.path), item.title, item.start, end, item)
        tasks.extend(split_duty_lines(text, span, opens_with_subject))
    rows = [r for t in tables for r in row_tasks(text, t)]
    if rows:  # a table's rows are the tasks; outline items overlapping a row are its headings
        tasks = [t for t in tasks if not any(t.start <= r.start < t.end or r.start <= t.start < r.end for r in rows)]
        tasks += rows
        tasks.sort(key=lambda t: t.start)
    return tasks


def split_duty_lines(text: str, span: TaskSpan, opens_with_subject) -> list[TaskSpan]:
    """An item whose lines each open with their own body (a duty list) is one task a line;
    the item's own first line stays a task when it states work itself."""
    if opens_with_subject is None:
        return [span]
    lines = line_spans(text, span.start, span.end)
    if len(lines) < 3:
        return [span]
    duty = [i for i, (a, b) in enumerate(lines) if i > 0 and (opens_with_subject(text[a:b]) or body_label(text[a:b]))]
    if len(duty) < 2:
        return [span]
    out: list[TaskSpan] = []
    cuts = [0] + duty
    for k, i in enumerate(cuts):
        a = lines[i][0]
        b = lines[cuts[k + 1] - 1][1] if k + 1 < len(cuts) else lines[-1][1]
        body = text[a:b].strip()
        if i == 0:
            # the heading line itself (4.3.4 救援组 / 负责组织力量…): a task when it states work
            own = re.sub(r"^\s*\S{0,12}?[。.\s]", "", body, count=1) if len(body) > 12 else ""
            if len(re.sub(r"\s", "", body)) < 12 or not re.search(r"负责|要|应|须|组织|开展|做好|落实", body):
                continue
            out.append(TaskSpan(span.path, span.title, a, b, span.item))
            continue
        subject = body_label(body) or re.split(r"负责|要|应|须|牵头|参与|配合|根据|按照|及时|立即", body, maxsplit=1)[0]
        out.append(TaskSpan(span.path + [subject[:20]], first_sentence(body), a, b, None))
    return out or [span]


BODY_LABEL = re.compile(r"^\s*(?P<body>[^:：,,。;；\s]{2,20})[:：]\s*\S")


def body_label(line: str) -> str | None:
    """商委:协调公安、供销社做好… / 区委宣传部:制订宣传工作方案…: a duty list's line that opens on
    its body's name and a colon (not a field label such as 责任单位: or 时间:)."""
    m = BODY_LABEL.match(line)
    if not m or column_kind(m.group("body")):
        return None
    names = parse_names(m.group("body"), strict=True)
    return m.group("body") if names and all(k == "org" for _, _, k in names) else None


def line_spans(text: str, start: int, end: int) -> list[Span]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def row_tasks(text: str, table: Table) -> list[TaskSpan]:
    """One task a row of a table that assigns work; section rows become the path."""
    out: list[TaskSpan] = []
    section: list[str] = []
    for row, span, is_section in zip(table.rows, table.row_spans, table.sections):
        cells = [(k or "context", c) for k, c in zip(table.kinds, row) if c is not None and c[1] > c[0]]
        if is_section:
            section = [marker_of(text[c[0]:c[1]]) for _, c in cells[:1]]
            continue
        work = [(k, c) for k, c in cells if k in ("task", "context")]
        if not work:
            continue
        columns: dict[str, str] = {}
        for k, (a, b) in cells:
            columns.setdefault(k, text[a:b])
        if "task" not in columns:
            columns["task"] = columns.get("context", "")
            cells = [("task" if k == "context" and c == work[0][1] else k, c) for k, c in cells]
        main = columns["task"]
        number = columns.get("number") or marker_of(text[work[0][1][0]:work[0][1][1]]) or str(len(out) + 1)
        path = section + [number]
        out.append(TaskSpan(path, first_sentence(main), span[0], span[1], None, cells, columns))
    return out


def marker_of(cell: str) -> str:
    m = re.match(r"^\s*([一二三四五六七八九十]+)、|^\s*[(（]([一二三四五六七八九十\d]+)[)）]|^\s*(\d+)[.、]", cell)
    if not m:
        return cell.strip()[:12]
    if m.group(1):
        return m.group(1)
    if m.group(2):
        return f"({m.group(2)})"
    return m.group(3)


def first_sentence(s: str) -> str:
    s = _FIRST_SENTENCE_RX1.sub("", s.strip())
    i = _FIRST_SENTENCE_RX2.search(s)
    return s[: i.start()] if i else s[:60]


def trim_tail(text: str, start: int, end: int) -> int:
    """Cut an item before a signature block, attachment note or date line that follows it."""
    pos = text.find("\n", start)
    while 0 <= pos < end:
        nxt = text.find("\n", pos + 1)
        line_end = end if nxt < 0 or nxt > end else nxt
        line = text[pos + 1:line_end].strip()
        if line and (is_date_line(line) or TAIL_STOP.match(line) or (looks_like_org(line) and len(line) <= 30)):
            return pos
        pos = nxt
    return end


def one_paragraph_like_siblings(text: str, leaves: list[OutlineItem], last: OutlineItem, end: int) -> int:
    """The last item of a list whose items are one paragraph each is one paragraph too: the
    unnumbered paragraphs after it are the notice's closing (凡违反本戒严令规定的,由…处罚), not
    part of item 七. Needs three or more siblings to know the list's habit."""
    siblings = [x for x in leaves[:-1] if x.level == last.level and x.style == last.style]
    if len(siblings) < 3:
        return end
    if any("\n" in text[x.start:trim_tail(text, x.start, x.end)].strip() for x in siblings):
        return end
    first_break = text.find("\n", last.start, end)
    if first_break < 0 or not text[first_break:end].strip():
        return end
    return first_break


def after_one_line_children(text: str, item: OutlineItem, end: int) -> int:
    """The last item listing one-line points (二、…禁止以下行为:(一)…(七)严禁其他野外用火行为。) ends
    with its last point: an unnumbered paragraph after it is the notice's closing ("高火险期"结束后,
    各乡镇、农场…自行解除禁火令), not one more point."""
    if not item.children:
        return end
    kids = item.children
    if any("\n" in text[c.start:trim_tail(text, c.start, c.end)].strip() for c in kids[:-1]):
        return end
    brk = text.find("\n", kids[-1].start, end)
    return brk if brk >= 0 and text[brk:end].strip() else end


def is_bare_heading(line: str) -> bool:
    """三、其他事项 / (二)工作要求: a numbered line that only names what follows."""
    line = line.strip()
    return 0 < len(line) <= 24 and not re.search(r"[。;;,,::]", line)


def cut_closing(text: str, start: int, end: int) -> int:
    """The last item ends before a closing paragraph of the notice (请各有关单位…/此次…). An
    item whose line is a bare heading (三、其他事项) keeps the paragraph under it: that is its
    text, whatever it opens with."""
    pos = text.find("\n", start)
    if 0 <= pos < end and is_bare_heading(text[start:pos]):
        pos = text.find("\n", pos + 1)
    while 0 <= pos < end:
        line = text[pos + 1:end].split("\n", 1)[0].strip()
        if CLOSING.match(line):
            return pos
        pos = text.find("\n", pos + 1)
    return end
