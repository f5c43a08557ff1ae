"""Obligations outside the numbered outline: the cover notice, unnumbered text, the close.

A cover notice mostly says "现将…印发给你们,请认真贯彻落实" — boilerplate, no task. But it
often sets work of its own: "各县区各单位要…并于2025年6月底前…报送市安委会办公室。市安委会办公室要
加强统筹协调…" — one task per group of parties (SCHEMA conventions: unnumbered text gives
`preamble` tasks, one per actor group). A letter or notice without numbered items is all
such text. A sentence is an obligation when it has a duty word (要/应/须/请/负责…) or a
calendar limit; consecutive sentences stay one task while the parties they name overlap (or
name nobody). After the last numbered item, only a request with a calendar limit is a task
("请各地于2月10日前将工作总结报送…"); the rest of a closing is exhortation.
"""

from __future__ import annotations

import re

from ..ingest.metadata import is_date_line, looks_like_org
from ..ingest.names import parse_names
from ..ingest.model import Document
from ..ingest.lexicon import lexicon
from .actors import DocContext
from .deadlines import find_deadlines
from .parties import DUTY_OPENERS, SAYING, Role, placed, find_parties, mask_quotes
from .tasks import TaskSpan, first_sentence
from .vocab import DUTY_YAO

DUTY = re.compile(DUTY_YAO + r"|(?<![响适相供反对效回答呼感理])应(?![急对用])|须|请|负责(?!人|同志)|务必|不得|严禁|确保|牵头|配合"
                  r"|要求|部署(?=各|有关|相关)|责成")
# a body's name followed by what it is to do, with no 要/应 between (a warning notice's
# "…镇加大辖区河道巡查力度;市水利局密切关注天气…;各单位及时关注预警信息")
SUBJECT_ACTS = re.compile("(?:" + "|".join((*lexicon().org_suffixes, *lexicon().person_suffixes, "乡", "镇")) + ")"
                          r"(?:加大|加强|密切关注|及时|做好|强化|严格落实|全面排查|切实|立即|迅速|督促|指导"
                          r"|完善|细化|健全|建立|深刻吸取|认真|严格|全面|深入|抓好|落实)")
# what a report says was done (行动部署开展以来,…各中央企业迅速部署主动作为): no work set
DONE = re.compile(r"以来|已经|已(?=[\u4e00-\u9fff])|取得了|过半")


def subject_acts(s: str) -> bool:
    """A body's name followed by what it is to do with no 要/应 between, in a sentence that does
    not report what was done."""
    return bool(SUBJECT_ACTS.search(s)) and not DONE.search(s)


BOILERPLATE = re.compile(r"(现将|现予|现就|特此|通知如下|通告如下|如下[::]|印发给你们|印发你们|转发给你们|函告如下|"
                         r"已经.{1,12}同意|提出如下|决定如下|作如下|做如下)")
# a forecast or a tally of what happened, opening its sentence (据…预报, 预计…, 金阳县气象局预报:…,
# 今年1至10月份,全省共发生…)
BACKGROUND = re.compile(r"^\s*(?:(?:据|根据)[^,,。]{0,24}?(?:预报|预测|监测|统计|预计)|预计|[^,,。]{2,24}?(?:预报|预测)[::]|[^,,。]{0,12}(?:以来|月份)[,,]"
                        r"[^。]{0,12}(?:共发生|发生了?))")
EXHORTATION = re.compile(r"^(请)?[^,。]{0,20}?(认真|切实|遵照|结合实际)?(贯彻执行|遵照执行|贯彻落实|抓好落实|组织实施|执行|落实)[。!]?$")
SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in SENTENCE.finditer(text[start:end]) if m.group(0).strip()]


def is_obligation(s: str, parties: list, dated: bool) -> bool:
    """Whether a sentence sets work: a duty word with a party, a calendar limit, or a duty
    word alone (a prohibition or instruction whose parties are inferred)."""
    s = mask_quotes(s)
    m = BOILERPLATE.search(s)
    if m:
        # "现将《…》印发给你们,请各地结合实际,制定具体措施办法": the work after the boilerplate clause
        k = s.find(",", m.end())
        s = s[k + 1:] if k >= 0 else ""
        parties = [p for p in parties if p.written in s]
    core = s
    for p in parties:
        core = core.replace(p.written, "")
    if EXHORTATION.match(core.strip()) or len(core.strip()) < 6:
        return dated
    return dated or bool(DUTY.search(s) and parties) or request(s) or bool(PROHIBITION.match(s.strip())) \
        or any(p.rule == "subject" for p in parties) and subject_acts(s)


REPORTED_LEAD = re.compile(r"^[^,,。;；]{0,16}?(?:还|同时|并)?" + SAYING + r"[,,:：]")
# a ban that opens its sentence, after at most a short adverbial (森林防火期内,严格禁止携带火种进入林区;…):
# a public notice's rule, whoever it binds (the parties are inferred)
PROHIBITION = re.compile(r"^(?:[^,,。;；]{2,14}[,,])?(?:严格|一律|坚决)?(?:禁止|严禁|不得|不准)")
REQUEST = re.compile(r"^(请|希望|务必|望|要(?![求点])|必须)(?!示|假|教)")


def request(s: str) -> bool:
    """请务必高度重视,迅速预警到位… / 希望上述单位…: a request that opens a sentence of a letter
    asks its addressees, who need not be named again (parties inferred from the addressees).
    The closing formula of a cover notice (请结合实际,制定具体措施办法,抓好贯彻落实) is short
    and sets no work of its own; a request that does is a sentence of some length."""
    s = s.strip()
    said = REPORTED_LEAD.match(s)
    if said:  # 通知强调,要立足… / 县安委办要求,突出抓好…: what the speaker requires follows it
        return len(s) - said.end() >= 30
    return bool(REQUEST.match(s)) and len(s) >= 30


def region_tasks(doc: Document, ctx: DocContext, start: int, end: int, dated_only: bool = False) -> list[TaskSpan]:
    """Obligations of the unnumbered clean text `[start, end)`, one task per group of parties.

    Real circulars (devset d16, d36, d47, d51, d56) give unnumbered text one task per party
    group: a clause whose own subject is new starts a task ("市公安局…等单位要加强…,市应急管理局、
    自然资源和规划局要加强…" are two), and so does every sentence that names its parties again; a
    clause or sentence that names nobody continues the task before it. Boilerplate and
    background sentences (现将…印发给你们, 据气象部门预报…) end a task and start none."""
    text = doc.clean.text
    numbered = bool(doc.outline)
    base = ctx.doc_date
    news = not doc.meta.addressees  # a report (or a page without its notice's head), not a notice to anyone
    out: list[TaskSpan] = []
    group: TaskSpan | None = None
    points = False  # after "…请各党政机关…:" each paragraph is one of the points requested
    heading: int | None = None  # a duty list's line opening on its body and a full stop (市安监局。负责…)
    for a, b in sentences(text, start, end):
        if heading is not None:
            a, heading = heading, None
        elif body_heading_sentence(text, a, b):
            heading = a
            continue
        s = text[a:b].strip()
        line = text[text.rfind("\n", 0, a) + 1:text.find("\n", a) if text.find("\n", a) >= 0 else len(text)].strip()
        if is_date_line(line) and after_signer(text, a) and not numbered:
            break  # the signature closes a letter: what follows is the page's (提醒, 推荐阅读, 编辑)
        if len(s) < 8 or is_date_line(line) or (looks_like_org(line) and len(line) <= 40) or s == doc.meta.title:
            group = None
            points = False
            continue
        lead = len(text[a:b]) - len(text[a:b].lstrip())
        if points:
            new_paragraph = text[max(0, a - 1):a + lead].strip() == "" and (a == 0 or "\n" in text[max(0, a - 1):a + lead])
            if new_paragraph or group is None:
                group = TaskSpan(["preamble"], first_sentence(s), a + lead, b)
                out.append(group)
            else:
                group.end = b
            continue
        found = None  # the sentence's parties, read once
        if group is not None and text[:a].rstrip().endswith((";", "；")) and not BOILERPLATE.search(s):
            found = find_parties(s, ctx.jur, ctx.national, tuple(ctx.meta.addressees), ctx.pronouns)
            if not any(p.rule in OPENING_RULES and not p.recipient for p in found):
                group.end = b  # …全面落实各级安全生产责任;进一步深化…: past a semicolon, naming nobody new, the same request
                continue
        if news and HELD_MEETING.search(s) and not DUTY.search(mask_quotes(s)):
            group = None  # a report's "6月22日下午,…乡召开…部署会。": the meeting it reports, no work set
            continue
        if BACKGROUND.match(s) and not DUTY.search(mask_quotes(s)):
            group = None  # 据市气象部门预报,7月28日夜间…有大雨 / 今年1至10月份,全省共发生…: what is, not what to do
            continue
        # a calendar limit or a cadence (每季度报送一次工作进展情况) is work set, whoever it names
        dated = any(d.type in ("date", "recurring") for d in find_deadlines(s, base, ctx.period))
        if not dated and "由" not in s and not DUTY.search(mask_quotes(s)) and not request(s) \
                and not subject_acts(mask_quotes(s)) and not PROHIBITION.match(s):
            group = None  # no duty word, no limit, no 由: background, whoever it names
            continue
        if not dated_only and REQUEST_INTRO.search(s):
            points = True  # "…请各党政机关、团体…:" introduces the paragraphs that follow
            group = None
            continue
        if found is None:
            found = find_parties(s, ctx.jur, ctx.national, tuple(ctx.meta.addressees), ctx.pronouns)
        parties = [p for p in found if not p.recipient]
        # 由X依据…处罚: a closing that hands a power to named bodies assigns work too
        assigned = any(p.rule == "by" for p in parties)
        if dated_only and not (dated or assigned):
            group = None
            continue
        if group is not None and not parties and not dated_only and DUTY.search(mask_quotes(s)) \
                and not REPORTED_LEAD.match(s) and "\n" not in text[group.end:a]:
            # …第一责任人,要亲自抓。对本辖区…要掌握实情…: in the same paragraph, a duty naming nobody
            # is the same parties' (a new paragraph's 要… is a request of its own)
            group.end = b
            continue
        if not (is_obligation(s, parties, dated) or dated_only and assigned):
            group = None
            continue
        clauses = [c for c in clause_spans(s) if c[1] > boilerplate_end(s)]
        if not clauses:  # …决定于…期内禁止…野外用火,命令如下: the boilerplate runs to its end
            group = None
            continue
        openers: list[int] = []
        seen: set[str] = set()
        for k, (ca, cb) in enumerate(clauses):
            own = {p.name for p in parties if ca <= p.start < cb and p.rule in OPENING_RULES}
            if k and s[ca:cb].lstrip().startswith(("以及", "及", "和")):
                seen |= own  # 请各乡(镇)人民政府、街道办事处,以及县防指成员单位密切关注…: one list of parties
                continue
            if k and openers and own and all(p.role == Role.PARTICIPANT for p in parties
                                             if ca <= p.start < cb and p.rule in OPENING_RULES):
                seen |= own  # 牵头部门要加强协调,相关部门要密切配合: those who take part in the work before
                continue
            if own and not own <= seen:
                openers.append(k)
                seen |= own
        if dated_only and group is not None:
            openers = []  # a closing's parallel clauses (违反…的,由X…;涉嫌犯罪的,由Y…) are one requirement
        if not openers:
            # (a speaker's new "…要求," starts a requirement of its own, and so does a paragraph
            # opening on its request: 要加强水上安全巡查… / 要落实对危房校舍…, one point each)
            if group is not None and not REPORTED_LEAD.match(s.strip()) \
                    and not ("\n" in text[group.end:a] and REQUEST.match(s.strip()) and request(s)):
                group.end = b
            elif dated or request(s[boilerplate_end(s):]) or PROHIBITION.match(s):
                group = TaskSpan(["preamble"], first_sentence(s), a + lead + clauses[0][0], b)
                out.append(group)
            continue
        cuts = [0] + openers[1:]
        for n, k in enumerate(cuts):
            ca = clauses[k][0]
            cb = clauses[cuts[n + 1] - 1][1] if n + 1 < len(cuts) else clauses[-1][1]
            group = TaskSpan(["preamble"], first_sentence(s[ca:]), a + lead + ca, a + lead + cb)
            out.append(group)
    return out


# "…请各党政机关、团体、企事业单位及社会组织:" / "现提出如下要求:" closing a paragraph: the
# paragraphs after it are the points requested (y-set letters; devset d16's 请各县区…:).
# a sentence introducing the requests that follow: …请各党政机关…: / …提出如下要求: / a news report's
# "省防总发布紧急通知,要求:" (its subject asks; the points are for those the notice is sent to)
REQUEST_INTRO = re.compile(r"(?:请|要求)[^。;:]{2,80}[:：]$|(?:提出|作出|要求)如下[^。;]{0,10}[:：]$"
                           r"|[,,](?:要求|强调|指出|明确)[:：]$")

# a news report's sentence on the meeting it reports: 召开(了)…会议/部署会/推进会 (with no 要/应: a plan's
# "6月13日,县安委办召开…会议" sets the meeting as work; a report only tells it was held)
HELD_MEETING = re.compile(r"(?:召开|举行)了?[^。;]{0,80}?(?:会议|会)(?:[,,][^。;]{0,40})?[。;]?$")

OPENING_RULES = {"subject", "requested", "by", "labelled", "allocation", "role", "pronoun"}


def after_signer(text: str, at: int) -> bool:
    """Whether the line at `at` follows a signer's line (福州市人民政府防汛抗旱指挥部 / 2024年9月29日)."""
    line_start = text.rfind("\n", 0, at) + 1
    prev_end = line_start - 1
    if prev_end <= 0:
        return False
    prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip()
    return looks_like_org(prev) and len(prev) <= 40


def group_names(group: TaskSpan) -> set[str]:
    return set(filter(None, group.columns.get("_names", "").split("|")))


def clause_spans(s: str) -> list[tuple[int, int]]:
    """Clauses of a sentence, split at commas and semicolons outside brackets and quotes."""
    out, depth, pos = [], 0, 0
    for i, ch in enumerate(s):
        if ch in "(（“《":
            depth += 1
        elif ch in ")）”》":
            depth = max(0, depth - 1)
        elif ch in ",,;;" and depth == 0:
            out.append((pos, i + 1))
            pos = i + 1
    if pos < len(s):
        out.append((pos, len(s)))
    return out


def boilerplate_end(s: str) -> int:
    """Where the work of a sentence starts after a boilerplate opening (现将…印发给你们,)."""
    m = BOILERPLATE.search(mask_quotes(s))
    if not m:
        return 0
    k = s.find(",", m.end())
    return k + 1 if k >= 0 else len(s)


def group_dated(group: TaskSpan, text: str) -> bool:
    return bool(re.search(r"\d+月|年底|年末", text[group.start:group.end]))


def preamble_tasks(doc: Document, ctx: DocContext, sections: list, spans: list[TaskSpan]) -> list[TaskSpan]:
    """Tasks of the text before the first numbered item (all of a document without items),
    and dated requests after the last one."""
    text = doc.clean.text
    first = min([s.start for s in spans] + ([doc.outline[0].start] if doc.outline else []), default=len(text))
    if sections:
        first = min(first, sections[0].start)
    begin = addressee_end(doc)
    out = region_tasks(doc, ctx, begin, first)
    if spans and not sections:
        last = max(s.end for s in spans)
        out += region_tasks(doc, ctx, last, len(text), dated_only=True)
    return [t for t in out if not any(t.start < s.end and s.start < t.end for s in spans)]


def body_heading_sentence(text: str, a: int, b: int) -> bool:
    """Whether the sentence [a, b) opens a line and is nothing but a body's name (市安监局。, 团市委。)
    with more of the line after it: the head of a duty list's line, whose next sentence is its duty."""
    s = text[a:b].strip()
    if not s.endswith("。") or len(s) > 31 or (a > 0 and text[a - 1] != "\n" and text[:a].rstrip(" \t\u3000")[-1:] != "\n"):
        return False
    nl = text.find("\n", b)
    if not text[b:nl if nl >= 0 else len(text)].strip() or not re.match(DUTY_OPENERS, text[b:]):
        return False  # (its duty opens on a duty verb, naming no body of its own)
    names = parse_names(s[:-1], strict=True)
    return bool(names) and all(k == "org" for _, _, k in names) and placed(s[:-1])


def addressee_end(doc: Document) -> int:
    """Where the notice's own text starts: after its 主送 line when it has one on its own."""
    text = doc.clean.text
    head = text[: min(len(text), 1500)]
    for m in re.finditer(r"[^\n]{2,200}[::]\n", head):
        if any(a[:4] in m.group(0) for a in doc.meta.addressees):
            return m.end()
    return 0
