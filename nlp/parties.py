"""Who a task names: bodies recognised by their shape in an actor's place in the sentence.

A body is not looked up in a list. A span is a body when it *looks like one* — a name that
ends in an organisation or post suffix (…局, …委员会, …办, …中心, …站, …单位, …人员; the
suffixes are in ingest/data/lexicon.toml), a class of parties (各县区, 有关部门, 任何单位和个人),
or a department class word in a list with a shared head (公安、卫生、民政等部门) — and when it
stands where circulars put the bodies that must act (nlp/data/party_frames.toml):

- `labelled`   a field:             牵头单位:省应急厅;配合单位:省公安厅
- `allocation` a closing note:      (市应急局牵头,市公安局、市交通局配合)
- `by`         由…负责/牵头/组成:    由煤监一处牵头负责,办公室配合
- `subject`    a clause's subject:  各县区安监局要…; 省公安厅负责…; 请各地于…前报送
- `partner`    after 会同/联合/配合:  会同县公安局开展…; 由A配合B开展 (B leads)
- `list`       stems with a head:   安全监管、气象、水利、国土等部门
- `recipient`  after 报送/上报/向…:   报送省安委会办公室; 向区政府作出书面说明

Each mention records the rule that produced it, so a wrong actor can be traced. Canonical
names come from `ingest.names.canonical_name` (jurisdiction and date of the document).
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..ingest.lexicon import PLACE_CLASS_END, lexicon
from ..ingest.metadata import RECENT_DAY
from ..ingest.names import (ACTING_ADVERB, DUTY_RELATIVE, each_unit, holds_bad_word, LEVEL_RUN, LEVEL_WORDS_RX, MASK, RELATIVE_HEAD, Jurisdiction, canonical_name, cut_at, has_verb, opens_a_clause, name_kind, parse_names,
                             split_names, tidy)
from ..ingest.regions import gazetteer
from .records import Role

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_SETTLE_ROLES_RX1 = re.compile(r"^各(州市|县市区|县区|市州|州|市|县|区)")
_SETTLE_ROLES_RX2 = re.compile(r"本级(人民)?政府")
_SETTLE_ROLES_RX3 = re.compile(r"组$")
_SNAP_RX1 = re.compile(r"各地(区)?(?P<tail>[\u4e00-\u9fff]*)")
_SNAP_RX2 = re.compile(r"(各(?:省|市|州|县|区|乡|镇|设区市|县市区|市州|县区|乡镇)+)(局|厅)")
_SNAP_RX3 = re.compile(r"^各(省|州|市|县|区|地|乡|镇|设区市|开发区|新区)")
_SNAP_RX4 = re.compile(r"^[\u4e00-\u9fff]{2,12}(新区|开发区|矿区)")
_SNAP_RX5 = re.compile(r"^[\u4e00-\u9fff]{1,6}?(市|县|区|州|盟|旗)(?!级)")
_SNAP_RX6 = re.compile(r"^[\u4e00-\u9fff]{1,6}?(市|县|区|州|盟|旗)")
_RECEIVING_RX1 = re.compile(r"[。;!?\n]")
# one space between two cells of a flattened table row (市公安局 负责…), not a run of them
CELL_GAP = re.compile(r"[ \t\u3000](?=[\u4e00-\u9fff])")
_NAMES_AFTER_RX1 = re.compile(r"[,。;!?:\n]")
_FOLD_COLLECTIVE_RX1 = re.compile(r"^各|有关|相关|\(.*?\)")
_SNAP_KEY_RX1 = re.compile(r"^(各级|各)")
_SNAP_KEY_RX2 = re.compile(r"^(?:省|市|州|县|区|乡|镇|地|设区市)+")
_MASK_QUOTES_RX1 = re.compile(r"《[^《》]*》|“[^“”]{0,40}”")
_CANONICAL_RX1 = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:行政)?(?:主管|管理)?(?:部门|机关)")
ATTACHMENT_NOTE = re.compile(r"\s*[(（]\s*(?:详?见)?附件\s*[\d一二三四五六七八九十]*\s*[)）]\s*")
# a time between a party and its duty (禁火期要, 汛期要, 节日期间要, 春节前要)
WHEN_THEN_DUTY = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:期间|期内|期|节前|节后|之前|以前|前|之后|以后|后|时)"
                            r"(?:要|应当|应|须|必须|务必|一律|不要|不得)")
TOPIC_THEN_REQUEST = re.compile(r"[\u4e00-\u9fff]{2,10}请于")  # a topic between a party and 请于
PARTNER_IN_NOTE = re.compile(r"会同|联合|协同")
# a label word that a modal follows is the subject of a sentence, not a column's label
LABEL_AS_SUBJECT = re.compile(r"要|应|须|必须|务必")
# how the bodies of a note act, between them and their role verb (镇安委会各成员单位依职责负责)
BY_THEIR_DUTIES = re.compile(r"(?:依|依照|依据|按|按照|根据)(?:各自|自身)?的?(?:职责|职能)(?:分工)?$")
# 〔市委组织部牵头,…〕 too; a short note inside stays (各县(区)政府负责)
_ALLOCATIONS_RX1 = re.compile(r"[(（]((?:[^()（）]|[(（][^()（）]{1,8}[)）]){2,200})(?:[)）]|\s*$)|〔([^〔〕]{2,200})〕")
_BY_FRAMES_RX1 = re.compile(r"由")
_BY_FRAMES_RX2 = re.compile(r"[,,。;;!?:\n]")
_BY_FRAMES_RX3 = re.compile(r"^(?P<a>.{2,60}?)配合(?P<b>.{2,80}?)(开展|做好|实施|落实|完成|负责)")
_BY_FRAMES_RX4 = re.compile(r"^(?P<a>.{2,120}?)(?:共同)?组成")
_BY_FRAMES_RX5 = re.compile(r"(印发|发布|出台|制定|批准|部署|审议|任)")
# 由陈飞兼任办公室主任 / 由县应急局局长担任副组长: a post is filled, nobody is given work
APPOINTED_BY = re.compile(r"[^,，。;；]{1,48}?(?:兼任|担任)")  # (副组长由…副秘书长许斌和…主任、…局长井植朴担任)
_RECIPIENTS_RX1 = re.compile(r"向")
_PROHIBITED_RX1 = re.compile(r"严禁|禁止|不准|不许|不允许")
# where a ban's party ends: a clause end, or the manner word that opens what it must not do
# (严禁任何组织和个人擅自带领游客进入…)
_PROHIBITED_RX2 = re.compile(r"[,。;!?:\n]|擅自|私自|随意|违规|违法|非法")
_SUBJECT_AT_RX1 = re.compile(r"[。;!?:\n]")
_SUBJECT_AT_RX2 = re.compile(r"由[^。;]{2,120}?组成")
_MARKER_AT_RX1 = re.compile(r"应(急|对|用)|要(点|素|闻)|可(能|靠|行)|对(象|口)|主要成员")
_MARKER_AT_RX2 = re.compile(r"[,,](按照|根据|依据|结合|要|应|须|必须|务必|请|立即|于)")
_LISTS_RX1 = re.compile(r"(?:[\u4e00-\u9fff()]{2,12}、)+[\u4e00-\u9fff()]{2,12}等(?:有关|相关)?部门")
_LISTS_RX2 = re.compile(r"(参与|配合|协助|参加)")

def listed_people(span: str) -> list[tuple[str, int, str]]:
    """Pieces of a list of attendees that end as people or bodies do (获竞赛优秀组织者奖代表): in a
    list that only names who attends, the shape rules for a subject (no verb inside) do not apply."""
    lex = lexicon()
    out = []
    for piece, off in split_names(span):
        p = tidy(piece)
        if 2 < len(p) <= 24 and ALL_HAN.fullmatch(p) and (lex.person_suffix(p) or lex.org_suffix(p)):
            out.append((piece, off, "person" if lex.person_suffix(p) else "org"))
    return out


# a meeting notice's item listing who attends (the item's title, alone on its line or before a colon)
ATTENDEE_HEAD = re.compile(r"^\s*(?:参加(?:会议)?人员|参会人员|参会对象|参加对象|出席(?:会议)?人员|参训人员|培训对象)\s*(?:[:：。]\s*|\n)")
# where a clause's work applies, before its subject (在戒严区域任何单位和个人禁止…, 在禁火期内各乡镇要…)
# the number of an inline point (一是…二是…, 一要…, 第一,, 其一,) standing before the point's subject
POINT_MARKER = re.compile(r"(?:[一二三四五六七八九十]{1,3}(?:是|要)|第[一二三四五六七八九十]{1,3}[,,、]?|其[一二三四五六七八九十][,,、]?)"
                          r"(?=[\u4e00-\u9fff])")
# a body's notice issued before what it asks (省交通厅下发通知要求各级交通部门要…)
ISSUED_NOTICE = r"(?:下发|发出|印发|发布)(?:了)?(?:紧急)?通知[,，]?"
ASKING = re.compile(rf"(?:近日|日前|再次|进一步|明确)?(?:{ISSUED_NOTICE})?(?:要求|责成|督促)(?=[\u4e00-\u9fff])")
ISSUED_AND_ASKED = re.compile(rf"(?:近日|日前)?{ISSUED_NOTICE}(?:要求|责成)(?=[\u4e00-\u9fff])")
# the verbs a report gives its speaker (会议要求, 通知强调, 县安委办要求,): also preamble.REPORTED_LEAD
SAYING = r"(?:要求|强调|指出|明确|提出)"
SPEAKS = re.compile(r"(?:近日|日前|再次|进一步)?(?:要求|强调|指出)[,,:：]")
LOCATIVE_OPENER = re.compile(r"在[^,，。;；、]{1,14}?(?:区域内|区域|范围内|期间|期内|内|方面)(?=[\u4e00-\u9fff])")
REPORT_TIME = re.compile(r"(?:" + RECENT_DAY + r"|目前|当前|近期)(?:上午|下午|晚上)?[,,]?(?=[\u4e00-\u9fff])")
RELATIVE_SUBJECT = re.compile(r"(?P<span>[^,，。;；:：\d]{3,34}?的" + RELATIVE_HEAD + ")"
                              r"(?=[,，]?(?:要|应当|应|必须|须|务必|一律|不得|严禁|均|都))")
DUTY_RELATIVE_SUBJECT = re.compile("(?:" + DUTY_RELATIVE.pattern + r")(?=[,，]?(?:要|应当|应|必须|须|务必|均|都))")
EACH_OPENS = re.compile(r"各(?!有关|相关|级|类|种)[\u4e00-\u9fff]")  # 各学校、幼儿园 (各有关部门、单位: not)
CADENCE_OPENER = re.compile(r"每(?:年度|年|半年|季度|季|月|周|旬|日|天)(?:至少)?(?=[\u4e00-\u9fff])")
COUNTED = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十两]{1,3})个(?=[\u4e00-\u9fff]{4})")
SAID = re.compile(r"(?:强调|指出|明确|提出)[,,:：]?")  # (要求 is read as the opener that asks)
SAID_BEFORE = re.compile(r"(?:要求|强调)[,,:：]\s*$")  # (指出 tells what is, not what is asked)
# a report's speaker before what it asks: 会议要求各村准备好… / 会议强调各村要… / 通知要求,…
REPORTED_SPEAKER = re.compile(r"(?:会议|会上|大会|通知|《通知》|意见|方案)(?:上)?(?=" + SAYING + ")")
# a sanction after the parties it falls on, and the 对 that opened their clause earlier in the sentence
PUNISHED = re.compile(r"(?:要|应|将|一律)?(?:严肃|依法|从严|坚决|严格)?(?:惩处|处罚|查处|追究|处以|予以处罚|予以处理|处理)")
# the same after a comma and with more adverbs: said of people only (…有关人员和领导,要依法依规严肃追究责任)
PEOPLE_PUNISHED = re.compile(r"[,,]?(?:要|应|将|一律)?(?:依法依规|依纪依法|依法|严肃|从严|坚决|严格){0,2}"
                             r"(?:惩处|处罚|查处|追究|处以|予以处罚|予以处理|处理)")
OBJECT_OF_DUI = re.compile(r"(?:^|[。;!?\n])\s*对[^。;!?\n]*$")
# …,对因检查不到位…,导致事故发生的有关人员和领导,要依法依规严肃追究责任: a 对 opening a clause
# inside the sentence; only people are its object there (the bodies after such a 对-phrase
# are those who punish: 对…违法行为,应急管理、公安等部门将依法依规予以处罚)
OBJECT_OF_DUI_CLAUSE = re.compile(r"[,,]\s*对[^。;!?\n]*$")
BY_DECISION_OF = re.compile(r"经[^,，。;；]{1,24}?(?:研究|同意|批准|审定|审议|决定)")
STEMS_QUANTIFIED = re.compile(r"(?:^|(?<=[,,;;。:\s]))(各级|地方各级)$")  # 各级公安、应急管理…等部门
ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
CLAUSE_END = "。;!?:\n"
# where a clause may open: after a clause end or a comma, and after a space between Han
# characters (a page flattened into one line: "一、切实加强…预警预报工作 各区县要…")
# an item opening on a body and a colon (1.省委宣传部:负责…): the body whose duties follow
BODY_HEADING = re.compile(r"^\s*(?:(?:\(?[一二三四五六七八九十\d]{1,3}[)）.、．]|[一二三四五六七八九十]{1,3}、)\s*)?"
                          r"(?P<name>[^\s,,。;；:：!?“”《》]{2,30})[:：](?=\S)")
_CLAUSE_OR_COMMA = re.compile("[" + re.escape(CLAUSE_END) + ",]|(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")
_YOU = r"你(?:省|市|县|区|局|厅|委|办|单位|部门|公司)"
PRONOUN = re.compile(rf"(?P<you>{_YOU})")
# a time a sentence opens on before its subject (寒假前, 强降雨期间, 会后): the shortest such phrase
WHEN_OPENER = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:期间|之前|以前|前|之后|以后|后)(?=[\u4e00-\u9fff])")
WHEN_BEFORE_PRONOUN = re.compile(rf"[\u4e00-\u9fff]{{1,6}}?(?:以后|以来|期间|后|前|时)(?={_YOU})")
LEVEL_LIST = re.compile(r"(?:各)?(?:省|市|州|县|区|乡|镇|街道)(?:(?:[、和及]|[(（]|[)）]、?)?(?:省|市|州|县|区|乡|镇|街道))+[)）]?")
# a person's post after the body they belong to (由省安全监管局分管副局长…组成): the body acts
POST_WORDS = re.compile("(" + "|".join(map(re.escape, lexicon().posts)) +
                        r"|和相关职能处室人员|相关职能处室人员|有关人员|相关人员|工作人员|人员|成员|同志)(?=[、,和及与]|$)")
EVERY_LEVEL_GOVERNMENT = re.compile(r"(?:各级|地方各级|全省各级)(?:党委|人民政府|政府|安委会|安全生产委员会"
                                    r"|[\u4e00-\u9fff]{2,6}?(?:机构|机关)(?:和|及|、))")  # (各级消防救援机构和住建等部门)


ROLE_ANCHORS = re.compile("|".join(map(lexicon().duty_word_rx, ("牵头", "统筹", "负责", "参与", "参加", "配合", "协助", "协办", "主办"))))
# (各级)领导干部 too: 云胶集团所属各企业各级领导干部要提高政治站位 — the units act, through their leaders
POST_AFTER = re.compile("(?:各级)?(?:" + "|".join(map(re.escape, lexicon().posts)) + "|领导干部|领导班子|领导)")
# 张某局长带队 / 局领导带队: an official of the issuing body leads (an inspection group, a visit).
LEADER = re.compile(r"(?:^|(?<=[:,;。\s]))(?:[\u4e00-\u9fff]{2,3}?)?(?:" + "|".join(map(re.escape, lexicon().posts)) +
                    r")(?:带队|牵头)")


@dataclass
class Party:
    """One body a task names, with the rule that found it and where it is written."""

    written: str  # as in the task text (simplified), brackets and all
    start: int  # evidence span in the task text
    end: int
    name: str  # canonical
    role: Role = Role.RESPONSIBLE
    rule: str = "subject"
    recipient: bool = False
    national: bool = False
    verb: str = ""  # the role verb that gave the role (负责 leads only beside participants)


# classes of parties named anywhere as parties (see PartyFinder.collectives)
COLLECTIVE_PARTY = re.compile(r"各级(?:各(?:有关|相关)?)?[\u4e00-\u9fff]{0,8}?(?:党委|政府|部门|单位|安委会|安委办|责任人)"
                              r"(?:[、和及](?:各级)?(?:党委|政府|有关部门|相关部门))*"
                              r"|各(?:有关|相关)(?:部门|单位)(?:和单位|和部门)?"
                              r"|(?<![各级有相省市县府局委厅办会])(?:有关|相关)部门"
                              r"|(?:其他)?行业(?:领域)?主管部门|涉改部门")

# ---------------------------------------------------------------- vocabularies
@dataclass(frozen=True)
class Frames:
    label_role: dict[str, Role]
    verb_role: list[tuple[str, Role]]  # longest first
    duty_markers: tuple[str, ...]
    heading_duties: tuple[str, ...]
    subject_triggers: tuple[str, ...]
    partner_verbs: tuple[str, ...]
    report_verbs: tuple[str, ...]
    to_verbs: tuple[str, ...]
    label_rx: re.Pattern[str] = field(compare=False, default=None)  # type: ignore[assignment]
    verb_rx: re.Pattern[str] = field(compare=False, default=None)  # type: ignore[assignment]
    duty_rx: re.Pattern[str] = field(compare=False, default=None)  # type: ignore[assignment]
    report_rx: re.Pattern[str] = field(compare=False, default=None)  # type: ignore[assignment]
    # a clause's opening trigger (longest first; 由 opens a frame of its own, not a subject)
    opener_rx: re.Pattern[str] = field(compare=False, default=None)  # type: ignore[assignment]


def _longest(words) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def frames() -> Frames:
    d = tomllib.loads(resources.files(__package__).joinpath("data/party_frames.toml").read_text(encoding="utf-8"))
    label_role = {w: Role(r) for r, words in d["labels"].items() for w in words}
    verb_role = sorted(((w, Role(r)) for r, words in d["role_verbs"].items() for w in words), key=lambda p: -len(p[0]))
    w = d["words"]
    f = Frames(label_role, verb_role, _longest(w["duty_markers"]), _longest(w["heading_duties"]),
               _longest(w["subject_triggers"]),
               _longest(w["partner_verbs"]), _longest(w["report_verbs"]), _longest(w["to_verbs"]))
    labels = "|".join(map(re.escape, _longest(label_role)))
    object.__setattr__(f, "label_rx", re.compile(rf"(?P<label>{labels})\s*[::]\s*"))
    object.__setattr__(f, "verb_rx", re.compile("|".join(lexicon().duty_word_rx(w) for w, _ in verb_role)))
    object.__setattr__(f, "duty_rx", re.compile("|".join(map(lexicon().duty_word_rx, f.duty_markers))))
    object.__setattr__(f, "report_rx", re.compile("|".join(map(re.escape, f.report_verbs))))
    object.__setattr__(f, "opener_rx", re.compile("|".join(re.escape(w) for w in f.subject_triggers if w != "由")))
    scopes = "|".join(map(re.escape, _longest(w["scope_labels"])))
    object.__setattr__(f, "scope_rx", re.compile(rf"(?:^|(?<=[\n。;；]))\s*(?:{scopes})\s*[::](?P<content>[^\n]*)"))
    return f


# an unnumbered line of a duty list may head its body with a full stop when its duty opens on a
# duty verb (市安监局。负责指导…); a numbered heading (三)专家组。 or a group's title followed by
# the bodies it is made of (自然灾害专项应急委。由…牵头) is no such line
DUTY_OPENERS = "|".join(frames().heading_duties)
BODY_HEADING_STOP = re.compile(r"^\s*(?P<name>[^\s,,。;；:：!?“”《》()（）]{2,30})。(?=" + DUTY_OPENERS + ")")


# ---------------------------------------------------------------- the recogniser
def field_end(rest: str) -> int:
    """Where a labelled field's list ends: at a clause end or at the bracket that closes the note
    holding it, not at one closing a bracket inside the list ((责任单位:各县(市、区)人民政府、…))."""
    depth = 0
    for k, ch in enumerate(rest):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                return k
            depth -= 1
        elif ch in ";。\n":
            return k
    return len(rest)


class PartyFinder:
    """Finds the parties of one task text; `jur` resolves names, `national_doc` says whether
    central bodies may act."""

    def __init__(self, text: str, jur: Jurisdiction, national_doc: bool, addressees: tuple[str, ...] = (),
                 pronouns: tuple[str, str] | None = None):
        self.text = text
        self.jur = jur
        self.national_doc = national_doc
        self.addressees = addressees
        # (addressee, its place) for 你省 / 你局 in a letter to one body
        self.pronouns = pronouns
        self.fr = frames()
        self.masked = mask_scopes(mask_quotes(text), self.fr.scope_rx)
        self.taken: list[tuple[int, int]] = []
        self.found: list[Party] = []
        self._ends: tuple[list[int], list[int]] | None = None
        # a task that speaks to every level's governments (各级政府安委会…, 地方各级人民政府) means
        # every level's departments by a class (安监部门, 消防部门), as a province writing to its cities does
        self.every_level = EVERY_LEVEL_GOVERNMENT.search(text) is not None

    # -------------------------------------------------------------- bookkeeping
    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, span_start: int, names: list[tuple[str, int, str]], role: Role, rule: str,
            recipient: bool = False, verb: str = "", quantifier: str | None = None) -> list[Party]:
        """`quantifier`: department stems are classes, not one place's bureaus, opened by it —
        各级公安、应急管理…等部门 (各级公安部门), or "" for those of a collective's own
        (各县政府要…组织公安、应急管理等部门: 公安部门)."""
        added = []
        for piece, off, kind in names:
            a = span_start + off
            b = a + len(piece)
            if not self.free(a, b) or MASK in piece:
                continue  # a span over a quoted title or slogan (全国“两会”期间…) names no body
            if self.fr.label_role.get(tidy(piece)) in (Role.LEAD, Role.PARTICIPANT) \
                    and not (rule == "subject" and LABEL_AS_SUBJECT.match(self.masked, b)):
                # 牵头单位, 配合单位: a column's or field's label (a flattened header row), no body
                # (责任单位 is also a generic class in prose: devset d27; and so is 牵头部门 in
                # "牵头部门要加强协调,相关部门要密切配合": the lead of each task, whoever it is,
                # in the role its label names)
                continue
            own_role = self.fr.label_role.get(tidy(piece)) if rule == "subject" else None
            piece_role = own_role if own_role in (Role.LEAD, Role.PARTICIPANT) else role
            name = quantifier + tidy(piece) + "部门" if quantifier is not None and kind == "stem" \
                else self.canonical(piece, kind)
            if not name:
                continue
            if kind == "member" and EACH_OPENS.match(names[0][0].strip()) and not name.startswith("各") \
                    and lexicon().org_suffix(name) == name:
                name = "各" + name  # 各学校、幼儿园: 各 counts every unit of the list (各幼儿园; not 大排档)
            for n in self.snap(name, piece):
                if kind in ("place", "member") and n == name and governed_place(n):
                    # one place named in full acts through its government (请琼海市立即启动…; 宁洱县, the
                    # autonomous county written short, by the name it bears)
                    n = gazetteer().by_name[n][0].name + "人民政府"
                national = n.startswith(("国务院", "中共中央")) or n in lexicon().national.values()
                party = Party(piece, a, b, n, piece_role, rule, recipient, national, verb)
                self.found.append(party)
                added.append(party)
        for p in added:
            self.taken.append((p.start, p.end))
        return added

    def canonical(self, piece: str, kind: str) -> str | None:
        lex = lexicon()
        if kind == "unit":  # a name only its column calls a body (林业发展岗): the issuer's place's
            return (self.jur.own_place or "") + tidy(piece)
        if kind == "stem":
            stem = tidy(piece)
            if self.jur.rank == 0 or self.jur.rank == 1 and not self.jur.municipal \
                    and (stem not in lex.department_by_stem or self.every_level
                         or lower_places_addressed(tuple(self.addressees))):
                return stem + "部门"  # (a province writing to 各市州…: every level's departments, a class)
            dept = lex.department(stem, self.jur.year, local=self.jur.rank >= 1)
            place = self.jur.own_place
            if self.jur.rank == 4:  # a township has no bureaus: its 民政、建设等部门 are its county's
                if not self.jur.county:
                    return stem + "部门"
                place = self.jur.county.name
            if dept is None:
                # a department the lexicon does not know (园林绿化, 民防): a city's or
                # municipality's bureau; a province's may be a 厅 or a 局, so it stays a class
                local = place and (self.jur.rank >= 2 or self.jur.municipal)
                return place + stem + "局" if local else stem + "部门"
            return place + dept.name_at(self.jur.rank, self.jur.municipal) if place else stem + "部门"
        name = canonical_name(piece, self.jur)
        # a department class in a local document names the local department (应急管理部门)
        # … and so does an organ class (公安机关 -> 随州市公安局), except those that are no
        # department (司法机关 are courts and procuratorates, not the 司法局)
        own = self.jur.own_place
        # 县应急管理部门 in a county's notice: its own department class, as 应急管理部门 is
        m = _CANONICAL_RX1.fullmatch(name[len(own):] if own and name.startswith(own) else name)
        if m and name in lex.collective_names:
            m = None
        # (a township has no bureaus: its 交通部门 are the county's, kept as the class written;
        # a province's organ classes — 公安机关 — span its every level, its 部门 are its own)
        # (a province writing to its cities' governments means their departments too: 公安部门会同…
        # in a provincial office's notice to 各自治州人民政府 is every level's police, a class;
        # a municipality's are its bureaus, as a city's)
        if m and (2 <= self.jur.rank <= 3 or self.jur.rank == 1 and name.endswith("部门")
                  and (self.jur.municipal or not (self.every_level or lower_places_addressed(tuple(self.addressees))))) \
                and m.group(1) in lex.department_by_stem:
            dept = lex.department(m.group(1), self.jur.year, local=True)
            if dept and self.jur.own_place:
                return self.jur.own_place + dept.name_at(self.jur.rank, self.jur.municipal)
        return name

    def snap(self, name: str, written: str = "") -> list[str]:
        """A collective the text uses for the addressees is those addressees: 各地 -> the
        regional addressees (各市州安全生产委员会, 兰州新区安全生产委员会), 各地应急管理局 -> 各市应急管理局,
        各省级部门 -> 省级有关部门. National documents keep 各地区 as written."""
        adds = self.addressees
        whole_place = gazetteer().place_prefix(name)
        if not adds or not (name.startswith(("各", "有关", "相关", "省级")) or name.endswith(("部门", "单位"))
                            or whole_place and whole_place[1] == len(name)):
            return [name]
        m = _SNAP_RX1.fullmatch(name)
        regional = regional_addressees(adds)
        if m and not self.national_doc:
            tail = m.group("tail")
            if tail:
                regional = [a for a in regional if a.endswith(tail)]
            return regional or [name]
        key = fold_collective(name)
        same = [a for a in adds if fold_collective(a) == key]
        if same:
            return same[:1]

        bare = _SNAP_RX2.fullmatch(name)
        if bare:
            under = [a for a in adds if a.startswith(bare.group(1)) and a.endswith(bare.group(2))]
            if len(under) == 1:
                return under  # 各县区局 in a notice to 各县区安监局
        members = [a for a in adds if a.endswith("成员单位")]
        if name in ("各成员单位", "成员单位") and len(members) == 1:
            return members  # 各成员单位 in a notice to 区防汛抗旱指挥部各成员单位: those members
        heads = [a for a in adds if a.endswith("单位") and ("有关" in a or "各" in a[1:])]
        if key == "单位" and len(heads) == 1 and name.startswith("各"):
            return heads  # 各单位: the addressees that are units (各部门, 相关部门 stay as written)
        norm = snap_key(name)
        same = [a for a in adds if snap_key(a) == norm]
        if same:
            return same[:1]
        if written.startswith("各") and LEVEL_RUN.fullmatch(name):
            # 请各乡镇、各成员单位要… in a notice to 各乡镇人民政府: the addressed governments
            # (devset d48); a level run without 各 (州、市…, seed 001) stays the class 各州市
            governments = [a for a in adds if a.startswith(name) and a[len(name):] in ("人民政府", "政府")]
            if len(governments) == 1:
                return governments
        abbreviated = [a for a in adds if abbreviates(name, a)]
        if len(abbreviated) == 1:
            return abbreviated  # 各沿海市县防指 in a notice to 各沿海市、县、自治县防汛防风防旱指挥部
        # a place standing for its body (六安、安庆等市要…): the addressee of that place
        place = gazetteer().place_prefix(name)
        if place and place[1] == len(name):
            own = [a for a in adds if a.startswith(name) or (len(name) >= 2 and a.startswith(name) is False
                                                              and re.match(re.escape(name) + r"(市|县|区|州)", a))]
            if len(own) == 1:
                return own
        return [name]

    # -------------------------------------------------------------- frames
    def run(self) -> list[Party]:
        self.leaders()
        self.attendees()
        self.labelled()
        self.body_heading()
        self.allocations()
        self.by_frames()
        self.recipients()
        self.partners()
        self.subjects()
        self.prohibited()
        self.role_anchored()
        self.lists()
        if not any(not p.recipient for p in self.found):
            self.collectives()  # classes named anywhere speak only for a task that names nobody else
        self.settle_roles()
        self.places_for_their_bodies()
        self.found.sort(key=lambda p: p.start)
        return self.found

    def places_for_their_bodies(self) -> None:
        """各区每月5日前报送…(各区人民政府负责): a class of places stands for its bodies; when the
        task also names those bodies (各区人民政府), the places are not another party."""
        names = {p.name for p in self.found if not p.recipient}
        self.found = [p for p in self.found if p.recipient or not (
            PLACE_CLASS_END.fullmatch(p.name) and any(n != p.name and n.startswith(p.name) for n in names))]

    def settle_roles(self) -> None:
        """负责 names the lead only where the sentence also names who takes part (由X负责,Y配合);
        alone it is plain responsibility. A group named with its members acts through them."""
        t = self.masked
        for p in self.found:
            if p.recipient or "负责" not in p.verb or p.role not in (Role.LEAD, Role.RESPONSIBLE):
                continue
            a = max(t.rfind(c, 0, p.start) for c in "。;\n") + 1  # p's sentence: [a, b)
            ends = [k for k in (t.find(c, p.start) for c in "。;\n") if k >= 0]
            b = min(ends) + 1 if ends else len(t) + 1
            split = any(q.role == Role.PARTICIPANT and a <= q.start < b and not q.recipient for q in self.found)
            led = any(q is not p and "牵头" in q.verb and a <= q.start < b for q in self.found)
            # (省自然资源厅牵头,省地质局参与,涉及到的地级以上市人民政府负责落实: the lead is marked,
            # the one 负责落实 is responsible)
            p.role = Role.LEAD if split and not led else Role.RESPONSIBLE
        # a 责任单位 line under a measure that marks its own split: beside a body marked 牵头 the
        # others listed take part; beside one marked 配合 they lead (黔西县 2010 plan, batch s)
        acting = [p for p in self.found if not p.recipient]
        labelled = [p for p in acting if p.rule == "labelled" and p.role == Role.RESPONSIBLE]
        marked = [p for p in acting if p.rule != "labelled"]
        if labelled and any(p.role == Role.LEAD for p in marked):
            leads = {p.name for p in marked if p.role == Role.LEAD}
            for p in labelled:
                p.role = Role.LEAD if p.name in leads else Role.PARTICIPANT
        elif labelled and any(p.role == Role.PARTICIPANT for p in marked):
            for p in labelled:
                p.role = Role.LEAD
        # 报本级人民政府 in a task of 各市应急管理局: each city's own government
        subs = [_SETTLE_ROLES_RX1.match(p.name) for p in self.found if not p.recipient]
        level = next((m.group(1) for m in subs if m), None)
        for p in self.found:
            if p.recipient and _SETTLE_ROLES_RX2.fullmatch(p.written) and level:
                p.name = f"各{level}人民政府"
        if any(p.rule == "members" for p in self.found):
            self.found = [p for p in self.found if not (p.rule == "subject" and _SETTLE_ROLES_RX3.search(p.written))]

    def leaders(self) -> None:
        """第一组:张某局长带队,办公室、监管一处参加: the official leads for the issuing body."""
        if not self.jur.issuers:
            return
        for m in LEADER.finditer(self.masked):
            self.claim(Party(m.group(0), m.start(), m.end(), self.jur.issuers[0], Role.LEAD, "leader",
                             verb="带队"))

    def attendees(self) -> None:
        """三、参加会议人员 / 各获奖单位代表、…;国家安全监管总局和全国总工会有关部门负责人。: the people a
        meeting notice's attendee item lists (one list per clause) are who must attend."""
        t = self.masked
        head = ATTENDEE_HEAD.match(t)
        if not head:
            return
        end = t.find("。", head.end())
        end = len(t) if end < 0 else end
        pos = head.end()
        for part in re.split(r"[;；\n]", t[head.end():end]):
            lead = len(part) - len(part.lstrip(" ,,"))
            names = parse_names(part.strip(" ,,"), strict=False) or listed_people(part.strip(" ,,"))
            if names:
                self.add(pos + lead, names, Role.RESPONSIBLE, "attendees")
            pos += len(part) + 1

    def labelled(self) -> None:
        """牵头单位:省应急厅;配合单位:省公安厅、省交通厅."""
        t = self.masked
        labels = list(self.fr.label_rx.finditer(t))
        has_lead = any(self.fr.label_role[m.group("label")] == Role.LEAD for m in labels)
        for m in labels:
            role = self.fr.label_role[m.group("label")]
            if role == Role.RESPONSIBLE and has_lead:
                role = Role.PARTICIPANT  # 责任单位 beside 牵头单位 (SCHEMA conventions)
            end = m.end() + field_end(t[m.end():])
            nxt = self.fr.label_rx.search(t, m.end())
            if nxt and nxt.start() < end:
                end = nxt.start()
            span = t[m.end():end].rstrip(",, ")
            names = parse_names(span, strict=False)
            if names:
                self.add(m.end(), names, role, "labelled")
            self.taken.append((m.start(), m.end()))

    def body_heading(self) -> None:
        """省委宣传部:负责…宣传报道…; a duty list (成员单位职责, 部门职责) opens each item with the
        body whose duties follow its colon. Only bodies and classes of bodies: a place before a
        colon is a roundup's region (重庆:举办…), a field label (牵头单位:) is `labelled`'s."""
        t = self.masked
        m = BODY_HEADING.match(t)
        if m is None:
            m = BODY_HEADING_STOP.match(t)
            if m and not placed(m.group("name")):
                return  # (三)专家组。负责…: a section on a group, not a line of the bodies' duties
        if not m or self.fr.label_rx.match(t, m.start("name")):
            return
        names = parse_names(m.group("name"), strict=True)
        # (乡镇(街道)和村委会(社区):负责… / 地质灾害监测员:负责…: before a duty, levels of places — not a
        # named region, a roundup's 重庆: — and classes of people are given the line's duties too)
        if names and (all(k in ("org", "class") for _, _, k in names) or re.match(DUTY_OPENERS, t[m.end():]) and all(
                k in ("org", "class", "person") or k == "place" and LEVEL_RUN.fullmatch(tidy(p)) for p, _, k in names)):
            self.add(m.start("name"), names, Role.RESPONSIBLE, "subject")

    def allocations(self) -> None:
        """A bracketed note that allocates the task: (X牵头,Y配合), (X负责), (X、Y分工负责;…)."""
        t = self.masked
        # a page cut inside its last allocation leaves the bracket open: "(省安全监管局牵头,省发展改革委、省…"
        for m in _ALLOCATIONS_RX1.finditer(t):
            k = 1 if m.group(1) is not None else 2
            inner = m.group(k)
            if not self.fr.verb_rx.search(inner):
                continue
            cut = not m.group(0).rstrip().endswith((")", "）", "〕"))
            groups = self.role_groups(inner, m.start(k), cut, trailing=True)
            if groups:
                self.assign_groups(groups, "allocation")

    def role_groups(self, inner: str, offset: int, cut: bool = False,
                    trailing: bool = False) -> list[tuple[int, list[tuple[str, int, str]], Role, str]]:
        """Segments "names + role verb" of an allocation or a 由-clause, with the verb found.
        In an allocation the page `cut` short ("(省安全监管局牵头,省发展改革委、省公安厅、省"), the
        names after the lead with no verb yet take part; the broken last name is dropped. So do
        the names an allocation (`trailing`) lists after its lead with no verb of their own
        ((省委宣传部、省应急管理厅牵头,各有关部门,各市))."""
        out = []
        pos = 0
        pending: list[tuple[str, int, str]] = []  # names of a segment with no verb: the next verb's
        segments = re.split(r"([;;,,。])", inner)
        if cut and segments:
            segments[-1] = re.sub(r"、[\u4e00-\u9fff]{0,2}$", "", segments[-1])
        for seg in segments:
            if seg in ";;,,。" or not seg:
                if seg in ";;。":
                    pending = []
                pos += len(seg)
                continue
            m = self.fr.verb_rx.search(seg)
            names_span = seg[: m.start()] if m else seg
            if m:
                names_span = BY_THEIR_DUTIES.sub("", names_span)
            names_span = re.sub(r"^(由|请)", lambda x: MASK * len(x.group(0)), names_span)
            lead_in = len(names_span) - len(names_span.lstrip(MASK))
            joint = PARTNER_IN_NOTE.search(names_span) if m else None
            if joint:  # (市应急管理局会同各有关部门分工负责): who brings the others in leads, they take part
                first = parse_names(names_span[:joint.start()].strip(MASK), strict=True)
                others = parse_names(names_span[joint.end():], strict=True)
                if first and others:
                    out.append((offset, pending + [(p, pos + lead_in + o, k) for p, o, k in first], Role.LEAD,
                                m.group(0)))
                    out.append((offset, [(p, pos + joint.end() + o, k) for p, o, k in others], Role.PARTICIPANT,
                                joint.group(0)))
                    pending = []
                    pos += len(seg)
                    continue
            names = parse_names(names_span.strip(MASK), strict=True) or []
            names = [(p, pos + lead_in + o, k) for p, o, k in names]
            if m and (names or pending):
                role = dict(self.fr.verb_role)[m.group(0)]
                out.append((offset, pending + names, role, m.group(0)))
                pending = []
            elif not m:
                pending = pending + names if names else []
            pos += len(seg)
        if (cut or trailing) and pending and any(role == Role.LEAD for _, _, role, _ in out):
            out.append((offset, pending, Role.PARTICIPANT, ""))
        return out

    def assign_groups(self, groups, rule: str) -> None:
        """负责/分工负责 beside a participant group (and no 牵头 group) is the lead."""
        has_participant = any(r == Role.PARTICIPANT for _, _, r, _ in groups)
        has_lead = any(r == Role.LEAD for _, _, r, _ in groups)
        for start, names, role, verb in groups:
            if role == Role.RESPONSIBLE and has_participant and not has_lead and "负责" in verb:
                role = Role.LEAD
            elif role == Role.RESPONSIBLE and has_lead:
                role = Role.PARTICIPANT  # (X牵头,Y分工负责): beside a lead the others take part
            self.add(start, names, role, rule, verb="" if has_lead else verb)

    def by_frames(self) -> None:
        """由X牵头负责,Y配合 / 由X负责 / 由A、B组成 / 由A配合B开展 / 由X直接下发…: the names
        right after 由 act; a role verb after them gives their role."""
        t = self.masked
        for m in _BY_FRAMES_RX1.finditer(t):
            # (依法交由公安部门处理: whom the violators are handed to, not who does the work)
            if t[max(0, m.start() - 1):m.start()] in ("理", "自", "缘", "经", "交") or t[m.end():m.end() + 1] in ("于", "此"):
                continue
            end = m.end()
            stop = _BY_FRAMES_RX2.search(t[end:])
            clause = t[end:end + stop.start()] if stop else t[end:]
            pm = _BY_FRAMES_RX3.match(clause)
            if pm:
                a = parse_names(pm.group("a"), strict=False)
                b = parse_names(pm.group("b"), strict=False)
                if a and b:
                    self.add(end + pm.start("a"), a, Role.PARTICIPANT, "by")
                    self.add(end + pm.start("b"), b, Role.LEAD, "by")
                    continue
            if self.pronoun_at(end) or APPOINTED_BY.match(clause):
                continue
            composed = _BY_FRAMES_RX4.match(clause)
            if composed:
                self.composition(end, composed.group("a"), m.start())
                continue
            names = [n for n in self.names_after(end) or [] if n[2] != "person" and tidy(n[0]) != "企业"]
            if names:
                last = max(o + len(p) for p, o, _ in names)
                if _BY_FRAMES_RX5.match(t[end + last:end + last + 2]):
                    continue  # 由国务院安委会印发的《…》: an author; 由…负责人任指挥长: a post
                post = POST_AFTER.match(t, end + last)  # 由省安监局领导带队: the bureau leads
                verb = self.fr.verb_rx.match(t, post.end() if post else end + last)
                role = dict(self.fr.verb_role)[verb.group(0)] if verb else Role.RESPONSIBLE
                self.add(end, names, role, "by", verb=verb.group(0) if verb else "")

    def composition(self, start: int, members: str, by_at: int) -> None:
        """由A、B…组成: the bodies whose people make up a group act for it (their posts
        dropped: 省安全监管局分管副局长 -> 省安全监管局); a group of persons (专家) acts itself."""
        stripped = POST_WORDS.sub("", members)
        found = []
        cursor = 0
        for p, o, k in parse_names(stripped, strict=False) or []:
            if k not in ("org", "class", "place"):
                continue
            # each member where it is written (the posts dropped moved the offsets): one offset for
            # all of them made every member after the first overlap it and be lost
            at = members.find(p, cursor)
            found.append((p, at if at >= 0 else o, k))
            cursor = at + len(p) if at >= 0 else cursor
        if found:
            self.add(start, found, Role.RESPONSIBLE, "members")
            return
        t = self.masked
        head = max(t.rfind(c, 0, by_at) for c in "。;,\n") + 1
        window = t[head:by_at]
        for b in word_starts(window):
            names = parse_names(window[b:], strict=True)
            if names:
                self.add(head + b, names, Role.RESPONSIBLE, "group")
                break

    def recipients(self) -> None:
        t = self.masked
        for m in self.fr.report_rx.finditer(t):
            if t[m.start() - 1:m.start()] in ("汇", "预", "情", "通", "快") and m.group(0) in ("报", "报告", "送"):
                continue
            if m.group(0) in ("报", "送", "交") and t[m.end():m.end() + 1] in ("送", "告", "道", "表", "名", "请", "批"):
                continue
            self.receiving(m.end(), "recipient")
        for m in _RECIPIENTS_RX1.finditer(t):
            rest = t[m.end():m.end() + 40]
            for v in self.fr.to_verbs:
                k = rest.find(v)
                if 2 <= k:
                    names = parse_names(rest[:k], strict=True)
                    if names:
                        self.add(m.end(), names, Role.RESPONSIBLE, "recipient", recipient=True)
                    break

    def receiving(self, pos: int, rule: str) -> None:
        """Bodies right after a report verb: the longest list of names ending in a suffix."""
        t = self.masked
        window = t[pos:pos + 60]
        window = _RECEIVING_RX1.split(window)[0]
        best = None
        for e in lexicon().name_ends(window, people=False):
            names = parse_names(window[:e], strict=True)
            if names:
                best = names
        if best:
            self.add(pos, best, Role.RESPONSIBLE, rule, recipient=True)

    def partners(self) -> None:
        """会同/联合/协同/商请 X: X takes part; the clause's subject (found later) leads."""
        t = self.masked
        for verb in self.fr.partner_verbs:
            if verb == "配合":
                continue  # 配合 after names is a role verb; before them only inside 由-clauses
            end = t.find(verb)
            while end >= 0:
                end += len(verb)
                names = self.names_after(end)
                if names:
                    self.add(end, names, Role.PARTICIPANT, "partner")
                end = t.find(verb, end)

    def names_after(self, pos: int) -> list[tuple[str, int, str]] | None:
        """The list of body names starting at `pos`: the longest one that a verb or duty word
        follows, else the longest one."""
        t = self.masked
        window = _NAMES_AFTER_RX1.split(t[pos:pos + 60])[0]
        best = followed = None
        for e in lexicon().name_ends(window, people=False):
            names = parse_names(window[:e], strict=True)
            if names:
                best = names
                if self.marker_at(pos + e) or self.fr.verb_rx.match(t, pos + e):
                    followed = names
        return followed or best

    def subjects(self) -> None:
        """A clause's subject: names at its start (or after 请/要求/同时…) followed by a duty marker.
        A body asked through 提请 (提请县级人民政府发布禁火令) acts at the addressees' request: it is
        `requested`, and the addressees who ask are inferred beside it."""
        t = self.masked
        starts = [0] + [m.end() for m in _CLAUSE_OR_COMMA.finditer(t)]
        openers = lexicon().stop_openers
        for s in starts:
            s0 = s + len(t[s:]) - len(t[s:].lstrip(" \t\u3000"))
            relative = (RELATIVE_SUBJECT.match(t, s0) or DUTY_RELATIVE_SUBJECT.match(t, s0)) \
                if "的" in t[s0:s0 + 40] else None
            if relative and MASK not in relative.group(0):
                # 在禁火区域从事野营、登山、旅游等活动的人员,应当…: a class of parties by what they do, the
                # clause and all (where they do it is part of who they are)
                names = parse_names(relative.group(0), strict=True)
                if names:
                    self.add(s0, names, Role.RESPONSIBLE, "subject")
                    continue
            s2 = self.skip_openers(s)
            if t.startswith(openers, s2) and not (self.pronouns and PRONOUN.match(t, s2)) \
                    and not unit_named_after_work(t[s2:s2 + 12]):
                continue  # 加强…, 落实…: a clause that opens on a verb has no body before it
            if BY_DECISION_OF.match(t, s2):
                continue  # 经党委、政府研究决定: whose decision it was, not who acts
            before = len(self.found)
            self.subject_at(s2, "requested" if t[s2 - 2:s2] == "提请" else "subject")
            self.asked_by(self.found[before:])

    def asked_by(self, subjects: list[Party]) -> None:
        """浙江省森防指挥部要求各地在春节前…: the clause's subject asks (要求/责成/督促) the bodies
        named after it, who are the ones to act; the asking body is no actor of the work."""
        if not subjects:
            return
        t = self.masked
        end = max(p.end for p in subjects)
        if SPEAKS.match(t, end):  # 县安委办要求,突出抓好…: who speaks, not who is to do it
            for p in subjects:
                self.found.remove(p)
                self.taken.remove((p.start, p.end))
            return
        ask = ASKING.match(t, end)
        if not ask:
            return
        names = self.names_after(ask.end())
        if not names or not any(k in ("org", "class", "place") for _, _, k in names):
            if ISSUED_AND_ASKED.match(t, end):  # (an issuer admitted only as the asker acts in nothing)
                for p in subjects:
                    self.found.remove(p)
                    self.taken.remove((p.start, p.end))
            return
        for p in subjects:
            self.found.remove(p)
            self.taken.remove((p.start, p.end))
        self.add(ask.end(), names, Role.RESPONSIBLE, "subject")

    def prohibited(self) -> None:
        """严禁任何单位和个人破坏… / 未经审批禁止任何人进入: the people a ban names are bound by it.
        Only classes of people and collectives: "禁止林区用火" names a place, not a party."""
        t = self.masked
        for m in _PROHIBITED_RX1.finditer(t):
            window = _PROHIBITED_RX2.split(t[m.end():m.end() + 40])[0]
            names = None
            for e in lexicon().name_ends(window):
                names = parse_names(window[:e], strict=True) or names
            if names and all(k in ("person", "class") for _, _, k in names):
                self.add(m.end(), names, Role.RESPONSIBLE, "prohibited")

    def skip_openers(self, s: int) -> int:
        t = self.masked
        while s < len(t) and t[s] in " \t\u3000" + MASK:
            s += 1
        point = POINT_MARKER.match(t, s)
        if point:  # 二是各村、乡派出所…要…: an inline point's number before its subject
            s = point.end()
        when = REPORT_TIME.match(t, s)
        if when:  # 今天自治区防汛抗旱指挥部…: the day a report dates the act, not part of the body
            s = when.end()
        cadence = CADENCE_OPENER.match(t, s)
        if cadence:  # 每季度提请市政府召开…: how often, not part of the body
            s = cadence.end()
        count = COUNTED.match(t, s)
        if count:  # 8个煤矿安全生产集中整治省级督查组要…: the groups, not their number
            s = count.end()
        speaker = REPORTED_SPEAKER.match(t, s)
        if speaker:
            s = speaker.end()
            said = SAID.match(t, s)
            if said:  # 会议强调各村要…: what follows the verb of saying is what is asked
                s = said.end()
        place = LOCATIVE_OPENER.match(t, s)
        if place:  # 在戒严区域任何单位和个人禁止… / 在河长制工作方面要求各位河长要…: the subject after where
            s = place.end()
        when = WHEN_BEFORE_PRONOUN.match(t, s)
        if when:  # 复产后你局要…: when, then the addressee (a pronoun opens no longer name)
            s = when.end()
        s = self.after_when(s)  # 寒假前总务处负责检查…: when, then who
        m = self.fr.opener_rx.match(t, s)
        if m and not (m.group() == "请" and t[s + 1:s + 2] in ("示", "假", "教", "求")):
            # (请示/请假/请教 are verbs of their own, not a request to a party)
            s = self.after_when(m.end())  # 要求强降雨期间矿山停产: asked, when, then who
        return s

    def after_when(self, s: int) -> int:
        """Past a time the clause opens on (寒假前, 强降雨期间) when a body's name follows it."""
        when = WHEN_OPENER.match(self.masked, s)
        return when.end() if when and self.body_opens(when.end()) else s

    def body_opens(self, s: int) -> bool:
        """Whether one body's name, a class or a class of places (not people, not a bare word)
        opens at `s`: the test that a time word before it is no part of its name."""
        window = self.masked[s:s + 24]
        for end in lexicon().name_ends(window, people=False):
            names = parse_names(window[:end], strict=True)
            if names and len(names) == 1 and names[0][2] in ("org", "class", "place") and names[0][1] == 0:
                return True
        return False

    def pronoun_at(self, s: int) -> bool:
        """你省要… / 由你省负责… / 你省安委会负责…: the one addressee of a letter, or a body of
        the addressee's place."""
        if not self.pronouns:
            return False
        m = PRONOUN.match(self.masked, s)
        if not m:
            return False
        addressee, place = self.pronouns
        rest_at = m.end("you")
        for end in lexicon().name_ends(self.masked[rest_at:rest_at + 10], people=False):
            e = rest_at + end
            if self.marker_at(e) or self.fr.verb_rx.match(self.masked, e):
                body = self.masked[rest_at:e]
                self.claim(Party(self.masked[s:e], s, e, (place or "") + lexicon().expand(body), Role.RESPONSIBLE,
                                 "pronoun"))
                return True
        if self.marker_at(rest_at) or self.fr.verb_rx.match(self.masked, rest_at):
            self.claim(Party(m.group("you"), s, rest_at, addressee, Role.RESPONSIBLE, "pronoun"))
            return True
        return False

    def claim(self, party: Party) -> None:
        if self.free(party.start, party.end):
            self.found.append(party)
            self.taken.append((party.start, party.end))

    def subject_at(self, s: int, rule: str = "subject") -> None:
        t = self.masked
        if self.pronoun_at(s):
            return
        limit = min(len(t), s + 120)
        stop = _SUBJECT_AT_RX1.search(t[s:limit])
        if stop:
            limit = s + stop.start()
        best = None
        ends = self.window_ends(s, limit)
        runs = [m.end() - s for m in LEVEL_LIST.finditer(t, s, limit)] if "各" in t[s:limit] or LEVEL_LIST.match(t, s, limit) else []
        if t.startswith("各", s) and not any(e <= 6 for e in ends):
            # 各班级须召开…: 各 and a kind of unit the suffixes do not know (not where a name ends
            # near: 各地仍要…, 各责任领导要…)
            runs += [k for k in (2, 3, 4) if each_unit(t[s:s + k]) and cut_at(t, s + k)]
        if runs:  # 州、市按时间节点…: a class of places as the subject (市联排联调中心和各县(市)区要…: the last)
            ends = sorted(set(ends) | set(runs))
        place = gazetteer().place_prefix(t[s:limit])
        if place and t[s:s + place[1]] in gazetteer().by_name:  # 琼海市要立即启动…: a place named in full
            ends = sorted(set(ends) | {place[1]} | set(places_listed_after(t, s + place[1], limit, s)))
        # (望广大用户积极配合: 望 is 希望 in a notice's register)
        asked = t[max(0, s - 2):s].endswith(("请", "望", "责成", "要求")) and t[s:s + 1] not in ("示", "假", "教", "求")
        for end in ends:
            e = s + end
            if not (self.marker_at(e) or ISSUED_AND_ASKED.match(t, e)) or phrase_material(t[s:e]):
                continue  # (省交通厅下发通知要求各级交通部门…: the asker, whom asked_by replaces by the asked)
            names = parse_names(t[s:e], strict=True)
            if names and not any(opens_a_clause(p) for p, _, k in names):
                # (a clause opening on its verb names no party: 不断完善以企业负责人为重点…,
                # 组成联合检查组对…, 分级分批组织安全监管干部和企业负责人…参加轮训)
                best = (e, names)
                break  # the first name followed by its duty: 省武警总队指导武警部队…
        if best is None and asked:
            # 要求各村准备好防汛物资和抢险队员: the first name a plain verb follows is the party
            # (…抢险队 further on is what they prepare, not a longer name)
            for end in ends:
                e = s + end
                if opens_on_verb(t[e:e + 6]) and not phrase_material(t[s:e]):
                    names = parse_names(t[s:e], strict=True)
                    if names:
                        best = (e, names)
                        break
        if best is None and asked:
            # 请有关地区充分认识…: the party asked is followed by what it is asked to do, whatever
            # word opens it; the longest name that parses and is not continued is the party
            for end in reversed(ends):
                e = s + end
                # (希望广大群众,高度重视…: the party asked may be set off by a comma)
                comma = t[e:e + 1] in ",，" and self.verb_follows(e + 1)
                if (self.verb_follows(e) or comma) and not phrase_material(t[s:e]) and not ACTING_ADVERB.search(t, s, e):
                    # (请各县(市)区立即以政府明令的形式…: 各县市区, then how it is to act)
                    names = parse_names(t[s:e], strict=True)
                    if names:
                        best = (e, names)
                        break
        if best is None and not asked and SAID_BEFORE.search(t, max(0, s - 4), s):
            # 会议强调,各行政村(社区)、镇直各单位,高度重视…: after what a speaker stresses, bodies set off
            # by a comma and then what they are to do (bodies only: no phrase before the comma)
            for end in reversed(ends):
                e = s + end
                if t[e:e + 1] in ",，" and self.verb_follows(e + 1) and not phrase_material(t[s:e]):
                    names = parse_names(t[s:e], strict=True)
                    if names and all(k in ("org", "class") or k == "place" and p.startswith("各") for p, _, k in names) \
                            and not any(opens_a_clause(p) for p, _, _ in names):
                        best = (e, names)
                    break
        if best is None and asked and t.startswith("各", s):
            # 请各分会场提前做好…: what a request asks 各 of is a class of parties, whatever its noun
            # (请各校认真贯彻执行: 各校, then how it is to act — the class ends where a word does)
            for e in range(s + 2, min(limit, s + 8) + 1):
                if self.marker_at(e) and ALL_HAN.fullmatch(t[s:e]) and not phrase_material(t[s:e]) \
                        and cut_at(t, e):
                    best = (e, [(t[s:e], 0, "class")])
                    break
        people = best is not None and all(k == "person" for _, _, k in best[1])
        if best and (PUNISHED.match(t, best[0]) and OBJECT_OF_DUI.search(t[:s]) or people and PEOPLE_PUNISHED.match(
                t, best[0]) and (OBJECT_OF_DUI.search(t[:s]) or OBJECT_OF_DUI_CLAUSE.search(t[:s]))):
            return  # 对违反…规定,擅自用火的个人和单位要严肃惩处: whom a sanction falls on, not who acts
        if best:
            e, names = best
            role, verb = self.role_after(e)
            if t[e:e + 1] == "由" and _SUBJECT_AT_RX2.match(t[e:]):
                return  # 省专家组由…专家组成: the group acts (taken by the 由-frame)
            self.add(s, names, role, rule, verb=verb)

    def window_ends(self, s: int, limit: int) -> list[int]:
        """lexicon().name_ends(self.masked[s:limit]), from one scan of the whole text."""
        if self._ends is None:
            self._ends = lexicon().suffix_ends(self.masked)
        ends, depth = self._ends
        before = depth[s - 1] if s > 0 else 0
        lo = bisect.bisect_right(ends, s)
        hi = bisect.bisect_right(ends, limit, lo)
        return [e - s for e in ends[lo:hi] if depth[e - 1] <= before]

    def verb_follows(self, e: int) -> bool:
        """请有关地区充分认识…: after a request verb the party asked is followed by what it is
        asked to do, whatever word opens it — unless the list of parties goes on."""
        rest = self.masked[e:e + 2]
        return bool(re.match(r"[\u4e00-\u9fff]", rest)) and not re.match(r"[和及与或、等的之]|以及", rest)

    def marker_at(self, e: int) -> bool:
        head = POST_AFTER.match(self.masked, e)
        if head and (self.fr.duty_rx.match(self.masked, head.end())
                     or self.masked.startswith(("是", "作为"), head.end())):
            return True  # 各乡镇、部门主要负责同志要… / …是第一责任人: the bodies act, through their heads
        note = ATTACHMENT_NOTE.match(self.masked, e)
        if note:  # 地质灾害防治工作检查组 (附件1)于6月16日…分赴: the name's note, then its duty
            e = note.end()
        rest = self.masked[e:e + 6]
        if CELL_GAP.match(rest):
            # 1 市公安局 负责烟花爆竹运输通行证发放…: a table flattened with a space between its cells,
            # the body's cell and then its duty's
            return bool(self.fr.duty_rx.match(self.masked, e + 1))
        if rest[:1] in ",," and _MARKER_AT_RX2.match(rest):
            return True  # "各市州…等15个重点行业部门,按照《…》要求,制定…"
        if self.masked[e - 1:e] == "所" and rest[:1] in "需有在属以谓":
            return False  # 应急救援所需的…: 所 is a particle here, not a 派出所
        if self.masked[e - 1:e] == "处" and rest[:1] in "于置理":
            return False  # 农村清洁取暖正处于关键期: 处于 is a verb, not a division (监管一处)
        if _MARKER_AT_RX1.match(rest):
            return False
        if rest[:1] == "等" and self.fr.duty_rx.match(self.masked, e + 1):
            return True  # 旅游景区景点等一律关闭: the list closed by 等, then its duty
        if TOPIC_THEN_REQUEST.match(self.masked, e):
            return True  # 各单位国庆期间值班表请于9月29日18时前报…: what is asked of them, then 请于
        if WHEN_THEN_DUTY.match(self.masked, e) and cut_at(self.masked, e):
            return True  # 各森林防火应急队伍禁火期要进入…: when, then the duty (not 队|伍禁火期要)
        return bool(self.fr.duty_rx.match(rest))

    def role_after(self, e: int) -> tuple[Role, str]:
        note = ATTACHMENT_NOTE.match(self.masked, e)
        rest = self.masked[note.end() if note else e:][:7]
        rest = rest[1:] if CELL_GAP.match(rest) else rest[:6]
        for w, role in self.fr.verb_role:
            if rest.startswith(w) or rest.startswith(("要", "应", "须")) and rest[1:].startswith(w):
                return role, w
        return Role.RESPONSIBLE, ""

    def participant_in_sentence(self, e: int) -> bool:
        stop = re.search(r"[。;\n]", self.masked[e:])
        end = e + stop.start() if stop else len(self.masked)
        return bool(re.search(r"配合|参与|协助|协办", self.masked[e:end]))

    def role_anchored(self) -> None:
        """A body right before a role verb anywhere in a clause: 完善应急管理部门统筹、相关部门参与的…
        机制 (the left edge of the name is a word boundary, found with jieba)."""
        t = self.masked
        for m in ROLE_ANCHORS.finditer(t):
            e = m.start()
            if not self.free(e - 1, e):
                continue
            start = max(0, e - 40)
            for sep in "。;!?:\n,,":
                k = t.rfind(sep, start, e)
                if k >= 0:
                    start = max(start, k + 1)
            window = t[start:e]
            if not window or not lexicon().name_ends(window)[-1:] == [len(window)]:
                continue
            for b in word_starts(window):
                if b and m.group(0) == "参加":
                    break  # "…办公室、监管一处参加": 参加 takes the clause's own subject only
                if b and "的" in window[b:]:
                    continue  # 到督导地区的企业参加: a relative clause cut mid-way is no class
                names = parse_names(window[b:], strict=True)
                if names and all(k != "person" and not opens_a_clause(p) for p, _, k in names):
                    # (不断完善以企业负责人…: the name starts after the clause's verb and preposition)
                    role = dict(self.fr.verb_role).get(m.group(0), Role.RESPONSIBLE)
                    self.add(start + b, names, role, "role", verb=m.group(0))
                    break

    def collectives(self) -> None:
        """Classes of parties named anywhere as parties (各级党委、政府及相关部门主要负责人…责任;
        各有关部门和单位): not possessives (…部门的职责), not partners of a preposition (与有关部门)
        nor those whom the task's own parties help (积极配合相关部门对未成年人…的教育)."""
        t = self.masked
        for m in COLLECTIVE_PARTY.finditer(t):
            a, b = m.start(), m.end()
            if not self.free(a, b):
                continue
            before = t[max(0, a - 2):a]
            after = t[b:b + 5]
            if before[-1:] in ("与", "同", "对", "向", "经") \
                    or before in ("按照", "根据", "依据", "结合", "通过", "邀请", "配合", "协助", "会同", "联合") \
                    or after.startswith(("的", "职责", "责任", "批准", "同意", "审批", "常委", "会议", "书记", "理论",
                                         "中心组", "领导", "干部", "工作", "人员", "参加的")):
                continue
            names = parse_names(m.group(0), strict=False)
            if names:
                self.add(a, names, Role.RESPONSIBLE, "collective")

    def lists(self) -> None:
        """Department class words with a shared head anywhere: 安全监管、气象、水利、国土等部门."""
        t = self.masked
        for m in _LISTS_RX1.finditer(t):
            a = m.start()
            span = m.group(0)
            # the list starts after any verb glued in front of the first stem
            first = span.split("、", 1)[0]
            stems = lexicon().stem_rx
            sm = None
            for sm in stems.finditer(first):
                pass
            if sm is None:
                continue
            cut = first.rfind(sm.group(0))
            span = span[cut:]
            a += cut
            if t[a - 1:a] in ("与", "同") and KEEPING_IN_TOUCH.match(t, m.end()):
                continue  # 要与应急管理、水文、气象等部门加强信息沟通: those kept informed, not who acts
            if t[max(0, a - 2):a] in ("争取", "寻求", "请求"):
                continue  # (学校要)争取公安、交通…等部门积极配合: whose help is sought, not who acts
            names = parse_names(span, strict=False)
            if names:
                after = t[m.end():m.end() + 4]
                role = Role.PARTICIPANT if _LISTS_RX2.match(after) else \
                    Role.LEAD if after.startswith("牵头") else Role.RESPONSIBLE
                quantified = STEMS_QUANTIFIED.search(t, max(0, a - 4), a)
                sentence = max(t.rfind(ch, 0, a) for ch in "。;\n") + 1
                owned = any(p.start >= sentence and p.end <= a and p.name.startswith("各") and not p.recipient
                            for p in self.found)  # 各县(市、区)政府要…组织公安、…等部门: each county's own
                self.add(a, names, role, "list",
                         quantifier=quantified.group(1) if quantified else "" if owned else None)


# what a body does with others named after 与/同 that makes them no actors: keeps in touch
KEEPING_IN_TOUCH = re.compile(r"(?:加强|保持|建立|做好|强化|密切)?(?:信息)?(?:沟通|联系|衔接|会商|对接|互通)")


@lru_cache(maxsize=16384)
def opens_on_verb(rest: str) -> bool:
    """Whether a text opens with a plain verb of two or more characters (准备, 做好, 开展): the
    word jieba tags `v`, not the verbal nouns inside body names (应急管理局, 监督管理局: `vn`)."""
    import jieba.posseg

    words = [(w, f) for w, f in jieba.posseg.lcut(rest, HMM=False) if w.strip()]
    return bool(words) and words[0][1] == "v" and len(words[0][0]) >= 2


def unit_named_after_work(head: str) -> bool:
    """宣传部门和电视台要…, 组织部牵头…, 检查组应当…, 排查员每星期五…: a clause opening on a verb that
    is the start of a unit's or a worker's name (宣传部门, 组织部, 协调处, 检查组, 排查员) has it as
    its subject."""
    if not UNIT_END.search(head):
        return False  # (most verb-opening clauses hold no such unit: one search spares the name reading)
    return any(name_kind(head[:e]) == "org" and head[:e].endswith(("部门", "部", "处", "科", "室", "组"))
               or name_kind(head[:e]) == "person" and head[:e].endswith("员")
               for e in lexicon().name_ends(head))


UNIT_END = re.compile(r"[部处科室组员]")


def governed_place(name: str) -> bool:
    """Whether a name is one place, named in full, that has a people's government (a province,
    city, county or township: 琼海市, 广西壮族自治区; not 各市县, not a village)."""
    regions = gazetteer().by_name.get(name, [])
    return len(regions) == 1 and regions[0].level <= 4 \
        and name.endswith(("省", "市", "县", "区", "旗", "州", "盟", "乡", "镇"))


@lru_cache(maxsize=256)
def placed(name: str) -> bool:
    """Whether a name opens with its place or level (市安监局, 东莞供电局)."""
    return bool(LEVEL_WORDS_RX.match(name) or gazetteer().place_prefix(name))


def lower_places_addressed(adds: tuple[str, ...]) -> bool:
    """Whether a province writes to the places below it (各自治州人民政府, 西宁市, 各市应急管理局).
    Asked for every department name read: once per document's addressees."""
    g = gazetteer()
    for a in adds:
        if a.startswith("各") and LEVEL_WORDS_RX.match(a[1:]):
            return True
        hit = g.place_prefix(a)
        if hit and hit[0].level >= 2 and a[:hit[1]] == hit[0].name:
            return True
    return False


def regional_addressees(adds: tuple[str, ...]) -> list[str]:
    """The addressees that are places' bodies (各市州安委会, 兰州新区安委会, 福州高新技术产业开发区
    防汛抗旱指挥部): those 各地 stands for."""
    return [a for a in adds if _SNAP_RX3.match(a) or _SNAP_RX4.match(a)
            or _SNAP_RX5.match(a) and len(adds) >= 3 and all(_SNAP_RX6.match(x) for x in adds)]


def fold_collective(name: str) -> str:
    return _FOLD_COLLECTIVE_RX1.sub("", name)


def abbreviates(name: str, full: str) -> bool:
    """各沿海市县防指 and 各沿海市、县、自治县防汛防风防旱指挥部: the same class of places, and the
    body written by a short form whose characters stand in the full name in order (防…指…) —
    how Chinese short forms are made, so that no list of them is needed to see the match."""
    a, b = tidy(name), _BRACKETS_AND_LIST.sub("", tidy(full))
    if not (a.startswith("各") and b.startswith("各")):
        return False
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    short, rest = a[k:], b[k:]
    if k < 3 or len(short) < 2 or len(short) >= len(rest) or short[-1] == rest[-1] == "门":
        return False
    it = iter(rest)
    return all(ch in it for ch in short) and rest.index(short[0]) <= 3


_BRACKETS_AND_LIST = re.compile(r"[、()()]")


def snap_key(name: str) -> str:
    """A collective without its quantifier, levels and short forms: 各市应急局 and 各市(地)应急管理局
    are the same class."""
    core = _SNAP_KEY_RX1.sub("", tidy(name))
    level = _SNAP_KEY_RX2.match(core)
    rest = core[level.end():] if level else core
    return (level.group(0) if level else "") + "|" + lexicon().expand(rest)


def mask_scopes(text: str, scope_rx: re.Pattern[str]) -> str:
    """What a 检查范围/督查重点 field lists is inspected, not acting: its content is masked."""
    if "：" not in text and ":" not in text:
        return text
    return scope_rx.sub(lambda m: m.group(0)[:m.start("content") - m.start()] + MASK * len(m.group("content")), text)


def mask_quotes(text: str) -> str:
    """Titles and quoted slogans hold no parties: 《…》 and “…” become mask characters."""
    return _MASK_QUOTES_RX1.sub(lambda m: MASK * len(m.group(0)), text)


def word_starts(window: str) -> list[int]:
    """Offsets where a jieba word starts in `window`, left to right (candidate left edges of a
    name that ends the window)."""
    import jieba

    out, pos = [], 0
    for w in jieba.lcut(window, HMM=False):
        out.append(pos)
        pos += len(w)
    return out


def places_listed_after(t: str, at: int, limit: int, s: int) -> list[int]:
    """普洱市、宁洱县要全力搜救…: the ends (from `s`) of the places named in full that follow the
    first one in a list, each a possible end of the subject."""
    out = []
    while at < limit - 1 and t[at] in "、和及":
        nxt = gazetteer().place_prefix(t[at + 1:limit])
        if not nxt:
            break
        # (宁洱县: the county's short name and its level, a written name the gazetteer knows)
        length = next((n for n in (nxt[1], nxt[1] + 1) if t[at + 1:at + 1 + n] in gazetteer().by_name), None)
        if length is None:
            break
        at += 1 + length
        out.append(at - s)
    return out


def find_parties(text: str, jur: Jurisdiction, national_doc: bool, addressees: tuple[str, ...] = (),
                 pronouns: tuple[str, str] | None = None) -> list[Party]:
    return PartyFinder(text, jur, national_doc, addressees, pronouns).run()


def bodies_named(span: str, jur: Jurisdiction, national_doc: bool, addressees: tuple[str, ...] = ()) -> list[Party]:
    """The bodies of a span that is nothing but their names — a duty list's heading
    ((一)纬七路街道办事处, then 1.负责…2.…): each is responsible for the items under it."""
    core = span.strip().rstrip("。.:：;；")
    names = parse_names(core, strict=True) if core else None
    if not names or not all(k == "org" and not has_verb(p) for p, _, k in names) or phrase_material(core):
        return []  # (一、澄城县构建应急管理新格局: a goal whose last word ends in 局, no bureau)
    finder = PartyFinder(core, jur, national_doc, addressees)
    finder.add(0, names, Role.RESPONSIBLE, "heading")
    return finder.found


def opens_with_subject(line: str, jur: Jurisdiction) -> bool:
    """Whether a line opens with its own body and that body's duty (省公安厅负责…, 民政厅、省民防局
    等有关部门及时启用…): a line of a duty list."""
    finder = PartyFinder(line.strip(), jur, national_doc=jur.rank == 0)
    finder.subject_at(0)
    return any(p.rule in ("subject", "requested") and p.start == 0 for p in finder.found)


def phrase_material(span: str) -> bool:
    """A quick refusal before the full reading of a list of names: a character no body name or
    list holds (要, 将, 对…; 的 aside, which classes may hold), outside the lexicon's exceptions
    (应急, 当地…) and short forms."""
    lex = lexicon()
    probe = lex.abbreviation_rx.sub("", span)
    for ok in lex.bad_char_exceptions:
        probe = probe.replace(ok, "")
    return bool((set(probe) & lex.bad_chars) - {"的"}) or holds_bad_word(span)
