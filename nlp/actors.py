"""Who must act: body mentions in a task, canonical names, roles, and inferred actors.

Three kinds of mention, each from a data file:
- collective and generic parties (data/actor_patterns.tsv): 各级各有关部门, 州、市 -> 各州市, 企业;
- specific bodies built from a jurisdiction word and a department (data/departments.tsv):
  省应急厅 -> 山西省应急管理厅, 县水务局 -> 澄城县水务局, and lists with a shared head
  ("水务、自然资源(林业)、气象…等部门参与" -> one body each);
- committee abbreviations (安委会, 安委办) and the issuer's own short form (省厅).
Roles come from the verb next to the mention (牵头/负责/统筹 -> lead, 配合/参与/协助 ->
participant). When a task names nobody for a level, the document's default actors (issuer
and/or addressees) are added with `explicit: false`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..ingest.metadata import body_abbreviations
from ..ingest.model import Meta
from ..ingest.regions import gazetteer

LEAD = re.compile(r"^(?:要|应|须|将|等部门|等单位)?(?:牵头|负责(?!人)|统筹|主办|组织实施|会同)")
PARTICIPANT = re.compile(r"^(?:要|应|须|等部门|等单位)?(?:参与|配合|协助|协办|共同)")
SUBJECT_BOUNDARY = "。;,:!?\n"
GENERIC = {"企业", "国有企业", "生产经营单位", "有关部门", "相关部门"}


@dataclass
class Mention:
    name: str  # canonical
    start: int
    end: int
    role: str = "responsible"
    explicit: bool = True
    national: bool = False  # a central body: named as a report target or authority, never as a local actor
    # Where the name itself is written, when that differs from `start`/`end`: one item of a
    # list ("水务" in "水务、气象等部门"), a name in a table cell or a labelled field (whose
    # `start`/`end` stay 0 so that role and recipient rules ignore them). Evidence only.
    where: tuple[int, int] | None = None

    @property
    def evidence(self) -> tuple[int, int]:
        """The span to highlight for this mention."""
        return self.where if self.where is not None else (self.start, self.end)


@dataclass(frozen=True)
class Department:
    """One department as each level of government names it (卫健委 in a city is 卫生健康委员会,
    in a county 卫生健康局; a fire brigade is a 总队, 支队, 大队 by level)."""
    shorts: tuple[str, ...]
    province_name: str
    local_name: str  # city level
    county_name: str


@lru_cache(maxsize=1)
def departments() -> list[Department]:
    out = []
    for line in resources.files(__package__).joinpath("data/departments.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            shorts, prov, city, *county = line.split("\t")
            out.append(Department(tuple(shorts.split()), prov, city, county[0] if county else city))
    return out


@lru_cache(maxsize=1)
def dept_by_short() -> dict[str, Department]:
    return {s: d for d in departments() for s in d.shorts}


@lru_cache(maxsize=1)
def collective_rules() -> list[tuple[re.Pattern[str], str]]:
    rules = []
    for line in resources.files(__package__).joinpath("data/actor_patterns.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, repl = line.split("\t")
            rules.append((re.compile(pattern), repl))
    return rules


def dept_alternation() -> str:
    return "|".join(sorted((re.escape(s) for s in dept_by_short()), key=len, reverse=True))


@lru_cache(maxsize=1)
def specific_rx() -> re.Pattern[str]:
    d = dept_alternation()
    return re.compile(rf"(?P<lvl>省|市|县|区|州)(?P<dept>{d})(?:管理)?(?P<suf>厅|局|委员会|委|部门|总队|支队|大队)")


@lru_cache(maxsize=1)
def list_rx() -> re.Pattern[str]:
    d = dept_alternation()
    item = rf"(?:{d})(?:\([^)]{{1,8}}\))?"
    return re.compile(rf"(?P<items>{item}(?:、{item})+)等?(?P<head>部门|单位)")


@lru_cache(maxsize=1)
def bare_dept_rx() -> re.Pattern[str]:
    d = dept_alternation()
    return re.compile(rf"(?<![各关省市县区州级])(?P<dept>{d})(?:管理)?部门")


COMMITTEE_SHORTS = ("安委会办公室", "安委办", "安委会", "减灾委", "森防指", "防指")  # longest first
COMMITTEE = re.compile(rf"(?P<lvl>省|市|县|区|州)?(?P<name>{'|'.join(COMMITTEE_SHORTS)})")
# full names from the abbreviation table the ingest layer spells issuers out with
COMMITTEE_FULL = {short: body_abbreviations()[1][short] for short in COMMITTEE_SHORTS}
NATIONAL = re.compile(r"(?P<name>国务院安委会办公室|国务院安委办|国务院安委会|应急管理部(?!门)|应急部(?!门))")
NATIONAL_FULL = {"国务院安委会办公室": "国务院安全生产委员会办公室", "国务院安委办": "国务院安全生产委员会办公室",
                 "国务院安委会": "国务院安全生产委员会", "应急管理部": "应急管理部", "应急部": "应急管理部"}
OWN_GOVERNMENT = re.compile(r"本级(?:人民)?政府")
REPORT_VERB_BEFORE = re.compile(r"(报送|上报|报请|呈报|报告|向|报)(?:至|给)?$")
# 市政府, 县人民政府办公室: a government of the document's jurisdiction (its departments as a
# class, 市政府各部门 / 市政府有关部门, are collective parties instead)
GOVERNMENT = re.compile(r"(?<![各本])(?P<lvl>省|市|县|区|州)(?:人民)?政府(?P<office>办公厅|办公室)?"
                        r"(?!各|有关|相关|工作部门|部门|直属|所在地|驻地)")
REPORT_VERB = re.compile(r"(报送|上报|报请|呈报|报告|报|向|和|、)$")
ISSUER_SHORT = re.compile(r"(?P<lvl>省|市|县)厅|(?P<lvl2>省|市|县)局(?!面)")


class Jurisdiction:
    """Names of the document's own jurisdiction, for prefixing short and relative forms."""

    def __init__(self, province: str | None, locality: str | None):
        g = gazetteer()
        chain = g.mentions(locality) if locality else []
        self.county = next((r.name for r in chain if r.level == 3), None)
        self.city = next((r.name for r in chain if r.level == 2), None)
        self.province = province

    @staticmethod
    @lru_cache(maxsize=256)
    def of(province: str | None, locality: str | None) -> "Jurisdiction":
        return Jurisdiction(province, locality)

    @property
    def local(self) -> str | None:
        return self.county or self.city

    def place_for(self, lvl: str | None) -> tuple[str | None, bool]:
        """(place name, province-level?) for a level word 省/市/县/区/州 or None (the document's own)."""
        if lvl == "省":
            return self.province, True
        if lvl in ("县", "区"):
            return self.county, False
        if lvl in ("市", "州"):
            return self.city or (None if self.county else None), False
        if self.local:
            return self.local, False
        return self.province, True

    def body(self, dept: Department, lvl: str | None) -> str | None:
        place, provincial = self.place_for(lvl)
        if not place:
            return None
        if provincial:
            return place + dept.province_name
        return place + (dept.county_name if place == self.county else dept.local_name)


def find_mentions(text: str, meta: Meta, issuer_short: dict[str, str] | None = None) -> list[Mention]:
    """Explicit body mentions in a task text, canonical, non-overlapping, in text order."""
    jur = Jurisdiction.of(meta.province, meta.locality)
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(names: list[str], a: int, b: int, national: bool = False,
            where: list[tuple[int, int]] | None = None) -> None:
        if not names or not free(a, b):
            return
        taken.append((a, b))
        if not mentioned_as_party(text, a, b):
            return
        role = role_at(text, a, b)
        for i, n in enumerate(names):
            if n:
                found.append(Mention(n, a, b, role, national=national, where=where[i] if where else None))

    for m in list_rx().finditer(text):
        names, where = [], []
        pos = m.start("items")
        for raw in m.group("items").split("、"):
            short = re.sub(r"\(.*\)", "", raw)
            dept = dept_by_short().get(short)
            body = jur.body(dept, None) if dept else None
            if dept and body is None and not jur.province:
                body = short + m.group("head")  # a national document: 公安、交通运输部门 stay generic
            if body:
                names.append(body)
                where.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        add(names, m.start(), m.end(), where=where)
    for m in specific_rx().finditer(text):
        dept = dept_by_short()[m.group("dept")]
        add([jur.body(dept, m.group("lvl")) or ""], m.start(), m.end())
    for m in COMMITTEE.finditer(text):
        place, _ = jur.place_for(m.group("lvl")) if m.group("lvl") else (None, False)
        full = COMMITTEE_FULL[m.group("name")]
        if m.group("lvl") and place:
            add([place + full], m.start(), m.end())
        elif text[max(0, m.start() - 2):m.start()] == "各级":
            add(["各级" + m.group("name")], m.start() - 2, m.end())
    for m in NATIONAL.finditer(text):
        add([NATIONAL_FULL[m.group("name")]], m.start(), m.end(), national=True)
    for m in ISSUER_SHORT.finditer(text):
        lvl = m.group("lvl") or m.group("lvl2")
        issuer = next((i for i in meta.issuers if issuer_level(i, jur) == lvl), None)
        if issuer:
            add([issuer], m.start(), m.end())
    for rx, repl in collective_rules():
        for m in rx.finditer(text):
            names = m.expand(repl).split("|")
            chained = text[m.start() - 1:m.start()] in ("及", "和", "、") and any(e == m.start() - 1 for _, e in taken)
            if names[0] in GENERIC and not (at_boundary(text, m.start()) or chained) \
                    and role_at(text, m.start(), m.end()) == "responsible":
                continue
            add([snap_to_addressee(n, meta) for n in names], m.start(), m.end())
    for m in GOVERNMENT.finditer(text):
        # a government is mostly named as an authority (省委、省政府关于…, 报经市政府同意);
        # it is a party only when it receives a report, carries a role or opens a clause
        place, _ = jur.place_for(m.group("lvl"))
        acts = role_at(text, m.start(), m.end()) != "responsible" or \
            (at_boundary(text, m.start()) and re.match(r"要|应|须|将", text[m.end():m.end() + 1]))
        if place and (acts or REPORT_VERB_BEFORE.search(text[max(0, m.start() - 4):m.start()])):
            add([place + "人民政府" + (m.group("office") or "")], m.start(), m.end())
    for m in re.finditer(r"各地(?:应急管理局|应急管理部门|应急局)?", text):
        if text[m.end():m.end() + 1] != "区":
            add([snap_to_addressee("各地", meta)], m.start(), m.end())
    for m in bare_dept_rx().finditer(text):
        if jur.local and (at_boundary(text, m.start()) or role_at(text, m.start(), m.end()) != "responsible"):
            dept = dept_by_short()[m.group("dept")]
            add([jur.body(dept, None) or ""], m.start(), m.end())
    found.sort(key=lambda x: x.start)
    share_chain_roles(text, found)
    return found


def share_chain_roles(text: str, mentions: list[Mention]) -> None:
    """`A、B配合` / `A和B牵头`: the verb after the last of a chain gives every member its role;
    `会同A、B开展`: the verb before the first gives it to those after."""
    for i in range(len(mentions) - 2, -1, -1):
        cur, nxt = mentions[i], mentions[i + 1]
        gap = text[cur.end:nxt.start]
        if cur.role == "responsible" and nxt.role != "responsible" and gap in ("、", "和", "及", ",", "与"):
            cur.role = nxt.role
    partnered = False
    for prev, cur in zip(mentions, mentions[1:]):
        partnered = (partnered or after_partner_verb(text, prev.start)) \
            and text[prev.end:cur.start] in ("、", "和", "及", "与")
        if partnered and cur.role == "responsible":
            cur.role = "participant"


LABELLED = re.compile(r"(?P<label>牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位)"
                      r"[::]\s*(?P<names>[^;。\n]+)")
LABEL_ROLE = {"牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "责任单位": "responsible",
              "责任部门": "responsible", "配合单位": "participant", "配合部门": "participant",
              "协办单位": "participant", "参与单位": "participant"}
NAME_SPLIT = re.compile(r"[、,,;/\s]+|(?<=[局厅委办府队])和|(?<=[局厅委办府队])及")


def canonical_body(name: str, meta: Meta) -> str:
    """Canonical form of one body name written on its own (a table cell, a labelled list)."""
    name = re.sub(r"\([^)]*\)", "", name).strip()
    jur = Jurisdiction.of(meta.province, meta.locality)
    m = specific_rx().fullmatch(name)
    if m:
        return jur.body(dept_by_short()[m.group("dept")], m.group("lvl")) or name
    m = COMMITTEE.fullmatch(name)
    if m:
        place, _ = jur.place_for(m.group("lvl")) if m.group("lvl") else (None, False)
        return (place or "") + COMMITTEE_FULL[m.group("name")]
    for rx, repl in collective_rules():
        m = rx.fullmatch(name)
        if m:
            return snap_to_addressee(m.expand(repl).split("|")[0], meta)
    m = re.match(r"^(省|市|县|区)(?!级)", name)
    if m:
        place, _ = jur.place_for(m.group(1))
        if place and not name.startswith(place):
            return place + name[1:]
    return name


def split_names(cell: str) -> list[tuple[str, int]]:
    """The pieces of a list of names (as `NAME_SPLIT.split`), each with its offset in `cell`."""
    out, pos = [], 0
    # separators inside a parenthesised note ("各县(市、区)人民政府") split nothing
    masked = re.sub(r"\([^)]*\)|（[^）]*）", lambda m: "\0" * len(m.group(0)), cell)
    for m in NAME_SPLIT.finditer(masked):
        out.append((cell[pos:m.start()], pos))
        pos = m.end()
    out.append((cell[pos:], pos))
    return out


def bodies_in_cell(cell: str, role: str, meta: Meta, offset: int | None = None) -> list[Mention]:
    """Every body of a table cell or labelled list ("市应急管理局、市公安局") with one role.

    `offset`, the cell's position in the task text, gives each mention its evidence span.
    """
    names = [(n, p) for n, p in split_names(cell) if len(n) >= 2 and not re.fullmatch(r"[\d\s]+", n)]
    return [Mention(canonical_body(n, meta), 0, 0, role,
                    where=(offset + p, offset + p + len(n)) if offset is not None else None) for n, p in names]


def labelled_mentions(text: str, meta: Meta) -> tuple[list[Mention], str]:
    """Mentions of `牵头单位:…; 配合单位:…` fields, and the text with those fields blanked."""
    found: list[Mention] = []
    for m in LABELLED.finditer(text):
        found.extend(bodies_in_cell(m.group("names"), LABEL_ROLE[m.group("label")], meta, m.start("names")))
    blanked = LABELLED.sub(lambda m: " " * len(m.group(0)), text)
    return found, blanked


def issuer_level(issuer: str, jur: Jurisdiction) -> str | None:
    if jur.province and issuer.startswith(jur.province) and not jur.local:
        return "省"
    if jur.county and issuer.startswith(jur.county):
        return "县"
    if jur.city and issuer.startswith(jur.city):
        return "市"
    return None


def at_boundary(text: str, pos: int) -> bool:
    """Subject position: the start of a clause (generic parties like 企业 act only there)."""
    return pos == 0 or text[pos - 1] in SUBJECT_BOUNDARY or text[max(0, pos - 2):pos] in ("同时", "鼓励", "支持")


def mentioned_as_party(text: str, start: int, end: int) -> bool:
    """Not a possessive (`…部门的职责`) nor the partner of a preposition (`与有关部门`)."""
    if text[end:end + 1] == "的" or text[end:end + 2] in ("职责", "责任") \
            or (text[start:end] in GENERIC and re.match(r"(主要)?负责人|法定代表人|从业人员|职工", text[end:end + 5])):
        return False
    if text[max(0, start - 2):start] in ("按照", "结合", "根据", "依据", "通过", "经过"):
        return False  # an authority referred to, not a party acting
    if re.match(r"(?:印发|发布|出台|制定|批准|部署)的", text[end:end + 3]):
        return False  # the author of a document cited (由国务院安委会印发的《…》), not a party acting
    if after_partner_verb(text, start):
        return True  # 会同县公安局: a partner in the work
    return text[max(0, start - 1):start] not in ("与", "同", "对", "按")


# a verb before a body that makes it a partner of the task's actor ("由X牵头,会同Y、Z开展…")
PARTNER_BEFORE = re.compile(r"(会同|联合|协同|商请)$")


def after_partner_verb(text: str, start: int) -> bool:
    return bool(PARTNER_BEFORE.search(text[max(0, start - 2):start]))


def role_at(text: str, start: int, end: int) -> str:
    if after_partner_verb(text, start):
        return "participant"
    after = text[end:end + 8]
    if LEAD.search(after):
        return "lead"
    if PARTICIPANT.search(after):
        return "participant"
    return "responsible"


def snap_to_addressee(name: str, meta: Meta) -> str:
    """`各地`, `各省级部门`, `各市(地)应急管理局` -> the addressee collective they refer to."""
    if name == "各地":
        regional = [a for a in meta.addressees if re.match(r"^各(州|市|县|区|地|乡|镇)", a)]
        return regional[0] if len(regional) == 1 else "各地区"
    key = fold_collective(name)
    for a in meta.addressees:
        if fold_collective(a) == key:
            return a
    for head in ("部门", "单位"):
        same_head = [a for a in meta.addressees if a.endswith(head) and "有关" in a]
        if key == head and len(same_head) == 1:
            return same_head[0]
    return name


def fold_collective(name: str) -> str:
    return re.sub(r"^各|有关|相关|\(.*?\)", "", name)


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """One entry per name; the strongest role wins (lead > participant > responsible)."""
    rank = {"lead": 0, "participant": 1, "responsible": 2}
    best: dict[str, Mention] = {}
    for m in mentions:
        if m.name not in best or rank[m.role] < rank[best[m.name].role]:
            best[m.name] = m if m.name not in best else Mention(m.name, best[m.name].start, best[m.name].end, m.role)
    return sorted(best.values(), key=lambda m: m.start)


# ---------------------------------------------------------------- inferred actors
CATCH_ALL = re.compile(r"^(各)?有关单位$|^各(有关|相关)?单位$")
COORDINATOR = re.compile(r"(委员会|领导小组|指挥部|人民政府|办公厅)$")


def default_actors(meta: Meta) -> list[str]:
    """Who carries a task that names nobody: the issuer when it executes work itself, plus the
    addressees of its own system (a provincial bureau's 各市…局); a coordinating issuer
    (committee, government) hands the work to its addressees."""
    issuers = list(meta.issuers)
    coordinating = bool(issuers) and all(COORDINATOR.search(i) for i in issuers)
    directive = bool(re.search(r"通知$", meta.title or ""))  # a notice directs its addressees
    addressees = [a for a in meta.addressees if not CATCH_ALL.search(a)]
    if coordinating or directive or not issuers:
        return addressees or issuers
    system = [a for a in addressees if any(same_system(a, i) for i in issuers)]
    return issuers + system


def same_system(addressee: str, issuer: str) -> bool:
    for d in departments():
        if any(s in addressee for s in d.shorts) and any(s in issuer for s in d.shorts):
            return True
    return False


def level_of(name: str, meta: Meta) -> str:
    """`all` for 各级; `own` for bodies of the document's own jurisdiction; `sub` for lower
    levels (各市, 州、市); `other` for parties with no level (企业, 相关部门)."""
    if name.startswith("各级"):
        return "all"
    jur = Jurisdiction.of(meta.province, meta.locality)
    own = jur.local or jur.province
    if (own and name.startswith(own)) or (not jur.local and name.startswith(("省", "省级"))):
        return "own"
    if (jur.province and name.startswith(jur.province)) or name.startswith(("省", "省级")):
        return "province"
    # 市政府各部门 in a city's document, 县直有关部门 in a county's: the document's own level
    if jur.local and name[:1] in ("县区" if jur.county else "市州"):
        return "own"
    if re.match(r"^各?(州|市|县|区|地|乡|镇)|^各(省|自治区)", name):
        return "sub"
    return "other"


def is_report_target(text: str, m: Mention) -> bool:
    """A body right after 报送/上报/向… (or listed after one) receives a report rather than acts."""
    before = text[max(0, m.start - 6):m.start]
    head = re.search(r"(报送|上报|报请|呈报|报告|向|报)(?:给)?(?:[^,。;]{0,1})$", before)
    listed = re.search(r"(报送|上报|逐级上报)[^,。;]{1,12}(和|、)$", text[max(0, m.start - 18):m.start])
    return bool(head) or bool(listed)


def recipients_and_mentions(text: str, meta: Meta, offset: int = 0) -> tuple[list[str], list[Mention], list[Mention]]:
    """(recipient names, actor mentions, recipient mentions) of a task text; `offset` shifts
    the evidence spans when `text` is one cell of a longer task text."""
    labelled, text = labelled_mentions(text, meta)
    mentions = labelled + find_mentions(text, meta)
    recipients: list[Mention] = []
    actors: list[Mention] = []
    for m in mentions:
        if is_report_target(text, m):
            recipients.append(m)
        elif not m.national or not meta.province:
            actors.append(m)  # a central body acts only in a national (or multi-province) document
    for m in OWN_GOVERNMENT.finditer(text):
        before = text[max(0, m.start() - 4):m.start()]
        subs = [a.name for a in actors if level_of(a.name, meta) == "sub"] or \
               [a for a in default_actors(meta) if level_of(a, meta) == "sub"]
        if re.search(r"报|向|经", before) and subs:
            lvl = re.match(r"^各(州市|县区|州|市|县|区)", subs[0])
            if lvl:
                recipients.append(Mention(f"各{lvl.group(1)}人民政府", m.start(), m.end()))
    if offset:
        for m in actors + recipients:
            a, b = m.evidence
            m.where = (a + offset, b + offset)
    return list(dict.fromkeys(m.name for m in recipients)), actors, recipients


# A closing parenthesis that allocates the task: "(市应急管理局牵头, 市公安局配合, 6月底前完成)"
ALLOCATION = re.compile(r"[(（][^()（）]{2,80}?(?:牵头|负责|配合|参与|协助)[^()（）]{0,60}[)）][。;,]?\s*$")


def actors_for(text: str, title: str, meta: Meta, with_mentions: bool = False,
               columns: dict[str, str] | None = None, cells: dict[str, tuple[int, int]] | None = None):
    """(actors, recipients[, actor mentions, recipient mentions]) of one task: explicit
    mentions, plus defaults for levels nobody is named at; bodies that receive reports are
    recipients, not actors. A table row's 牵头/配合/责任 columns name its actors outright;
    `cells` (each column's span in `text`) places their evidence."""
    cells = cells or {}
    if columns and {"lead", "participant", "responsible"} & set(columns):
        found = [m for kind in ("lead", "participant", "responsible") if columns.get(kind)
                 for m in bodies_in_cell(columns[kind], "responsible" if kind == "responsible" else kind, meta,
                                         cells[kind][0] if kind in cells else None)]
        recipients, _, to_whom = recipients_and_mentions(columns.get("task", ""), meta,
                                                         cells["task"][0] if "task" in cells else 0)
        mentions = dedupe(found)
        out = [{"name": m.name, "role": m.role, "explicit": True} for m in mentions]
        return (out, recipients, found, to_whom) if with_mentions else (out, recipients)
    recipients, raw_mentions, to_whom = recipients_and_mentions(text, meta)
    mentions = dedupe(raw_mentions)
    out = [{"name": m.name, "role": m.role, "explicit": True} for m in mentions]
    if any(m.role == "lead" for m in mentions) or ALLOCATION.search(text):
        # "(X牵头, Y配合)" or a closing "(X负责)": the task allocates itself; nobody is implied
        return (out, recipients, raw_mentions, to_whom) if with_mentions else (out, recipients)
    # a participant named alone leaves the lead to the defaults; anyone else named at a level
    # (or a levelless party that carries the task) replaces the defaults of that level
    explicit_levels = {level_of(m.name, meta) for m in mentions if m.role != "participant"}
    if "other" in explicit_levels:
        explicit_levels.add("all")
    names = {m.name for m in mentions}
    inferred_role = "participant" if re.match(r"^(配合|协助|参与)", title) else "responsible"
    if re.search(r"(?:^|[。;,])牵头", text):
        inferred_role = "lead"
    for d in default_actors(meta):
        lvl = level_of(d, meta)
        if d in names or "all" in explicit_levels or lvl in explicit_levels:
            continue
        out.append({"name": d, "role": inferred_role, "explicit": False})
    return (out, recipients, raw_mentions, to_whom) if with_mentions else (out, recipients)
