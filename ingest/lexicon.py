"""The body lexicon (`data/lexicon.toml`): how bodies are written and what they are called.

One source for ingest (issuers, addressees), nlp (actors, recipients) and graph (body
identity). It canonicalises names the recogniser found by their shape; it does not decide
what is a body.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

# a worker named after the work (排查员, 监督员): two characters, then 员 — not a verb ending in 员
# (动员, 复员, 裁员, 减员, 满员, 增员, 超员, 缺员) nor 全员 (everyone)
WORKER = re.compile(r"[\u4e00-\u9fff]{2}(?<![动复裁减满增超缺全])员$")


# the head of a unit named by the unit's kind (矿长, 站长, 所长, 校长, 队长, 班主任): the unit's last
# character and 长 or 主任 — not where the two characters close another word (场所长期, 网站长, 团队长, 学校长效, 医院长)
UNIT_HEAD = re.compile(r"(?<![场网团学医])[矿校院站所队厂组班科股](?:长|主任)$")


def ends_in_worker(text: str, end: int) -> bool:
    """Whether `text[:end]` ends in a worker's or a unit head's word by its shape (its last three
    characters only)."""
    if text.endswith("员", 0, end):
        return WORKER.search(text, max(0, end - 3), end) is not None
    return text.endswith(("长", "主任"), 0, end) and UNIT_HEAD.search(text, max(0, end - 4), end) is not None

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_INIT_RX1 = re.compile(r"[(（]")
_INIT_RX2 = re.compile(r"[)）]")

LEVEL_NAMES = ("province", "city", "county")


@dataclass(frozen=True)
class Department:
    """A government department as each level names it, and the years that name was in force."""

    stems: tuple[str, ...]
    names: dict[str, str]  # level ("province"|"city"|"county") -> suffixed name
    since: int | None = None
    until: int | None = None
    after: str | None = None  # a stem of the department that took it over

    def name_at(self, rank: int, municipal: bool = False) -> str:
        """The department's name at a jurisdiction rank (1 province, 2 city, 3+ county);
        `municipal`: the province rank is one of the four municipalities (北京市教育委员会,
        北京市公安局), which name a department as a city does unless the lexicon says otherwise."""
        if municipal and rank <= 1:
            return self.names.get("municipality") or self.names["city"]
        return self.names[LEVEL_NAMES[min(max(rank, 1), 3) - 1]]


@dataclass(frozen=True)
class Lexicon:
    org_suffixes: tuple[str, ...]  # longest first
    not_administrative: frozenset[str]  # org suffixes of what is no jurisdiction's own unit
    person_suffixes: tuple[str, ...]
    posts: tuple[str, ...]
    generic_heads: tuple[str, ...]
    collective_prefixes: tuple[str, ...]  # longest first
    collective_names: frozenset[str]
    dropped_level_notes: frozenset[str]
    level_words: dict[str, int]
    grassroots_levels: dict[str, int]  # 社区, 居: levels of a run, never a place prefix
    run_words: tuple[str, ...]  # 开发区, 街…: units a run of levels holds like a level
    level_governments: tuple[str, ...]  # 人民政府, 政府: what 县、乡镇两级… names at each level
    level_people: tuple[str, ...]  # 河长, 网格员…: the people 镇、村两级… names at each level
    abbreviations: dict[str, str]
    zones: dict[str, str]
    national: dict[str, str]
    specials: tuple[tuple[str, str], ...]
    own_specials: dict[str, str]
    departments: tuple[Department, ...]
    stop_openers: tuple[str, ...]
    bad_chars: frozenset[str]
    bad_words: tuple[str, ...]  # 召开, 我…: words no body name holds
    local_services: frozenset[str]  # 电视台, 供电公司…: a city's or county's own when written bare
    bad_char_exceptions: tuple[str, ...]
    standalone: frozenset[str]
    verb_endings: tuple[str, ...]
    extent_endings: tuple[str, ...]  # 大部, 东南部: a part of an area, no unit
    force_prefixes: tuple[str, ...]  # 公安, 消防…: their 支队/大队 are no civil department's divisions
    domain_bureau: str
    role_markers: tuple[str, ...]
    renamed: tuple[tuple[str, str, int], ...]  # (old, new, since)
    national_numbers: tuple[tuple[str, str], ...]  # (发文字号 prefix, issuer), longest first

    # ------------------------------------------------------------------ lookups
    @cached_property
    def verb_after_body_rx(self) -> re.Pattern[str]:
        """A body's suffix followed by a verb that opens a clause (住房和城乡建设局督导燃气企业):
        a clause, not one name."""
        verbs = "|".join(map(re.escape, self.stop_openers))
        # (安监站负责人: 负责 opens the unit's post there, no clause)
        posts = "|".join(map(re.escape, sorted({p for p in (*self.person_suffixes, *self.posts)
                                                 if p.startswith(tuple(self.stop_openers))}, key=len, reverse=True)))
        return re.compile(rf"(?:局|厅|委员会|管委会|办公室|中心|站)" + (rf"(?!{posts})" if posts else "") + rf"(?:{verbs})")

    @cached_property
    def abbreviation_rx(self) -> re.Pattern[str]:
        keys = sorted({*self.abbreviations, *self.zones}, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, keys)))

    def expand(self, name: str) -> str:
        """Short forms inside a name spelled out (安监局 -> 安全生产监督管理局), once, left to right.

        A short form that is the start of a longer word is left alone: 应急委 inside
        应急委员会, 应急办 inside 应急办公室."""
        table = {**self.abbreviations, **self.zones}
        out, pos = [], 0
        for m in self.abbreviation_rx.finditer(name):
            # only a short form that opens the name or follows another one (政府安委会办公室 ->
            # 人民政府安全生产委员会办公室): 工商质监局 is a bureau's own name, not 工商 + 质量技术监督局
            if m.start() != pos or name[m.end() - 1:m.end() + 2] in WORDS_A_SHORT_FORM_OPENS:
                break  # 应急委 in 应急委员会, 应急办 in 应急办公室, 森防指 in 森防指挥部
            if m.group(0) == "政府" and name[max(0, m.start() - 2):m.start()] == "人民":
                break
            out.append(table[m.group(0)])
            pos = m.end()
        return committee_spelled_out("".join(out) + name[pos:])

    @cached_property
    def department_by_stem(self) -> dict[str, list[Department]]:
        out: dict[str, list[Department]] = {}
        for d in self.departments:
            for s in d.stems:
                out.setdefault(s, []).append(d)
        return out

    @cached_property
    def stem_rx(self) -> re.Pattern[str]:
        stems = sorted(self.department_by_stem, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, stems)))

    def department(self, stem: str, year: int | None, local: bool = False) -> Department | None:
        """The department a class word names at a date: 安全监管 in 2020 is 应急管理, 国土 in
        2012 is 国土资源. Without a year, the newest department the stem names, not its
        successor: a 工商行政管理部门 of an undated page is the 工商行政管理局 it wrote, not
        the 市场监督管理局 that replaced it (a name of the time, issue 11). `local`: a province's,
        city's or county's department, which took a national reform's name within the year
        after it (交通部门 in a city's 2008 notice is its 交通局; 交通运输部 was formed in 2008)."""
        options = self.department_by_stem.get(stem)
        if not options:
            return None
        if local and year is not None:
            year -= LOCAL_RENAME_LAG
        dept = self._in_force(options, year)
        seen = set()
        while dept.after and year is not None and dept.until is not None and year >= dept.until \
                and dept.after not in seen:
            seen.add(dept.after)
            successors = self.department_by_stem.get(dept.after)
            if not successors:
                break
            dept = self._in_force(successors, year)
        return dept

    @staticmethod
    def _in_force(options: list[Department], year: int | None) -> Department:
        if year is not None:
            for d in options:
                if (d.since is None or year >= d.since) and (d.until is None or year < d.until):
                    return d
        return options[-1]

    @cached_property
    def org_suffix_rx(self) -> re.Pattern[str]:
        return re.compile("(?:" + "|".join(map(re.escape, self.org_suffixes)) + ")$")

    @cached_property
    def _ends_by_char(self) -> dict[str, tuple[str, ...]]:
        words = self.org_suffixes + self.person_suffixes + ("各地区", "各地", "各县区", "各市州", "各乡镇", "各县市区", "各村")
        table: dict[str, list[str]] = {}
        for w in words:
            table.setdefault(w[-1], []).append(w)
        return {ch: tuple(ws) for ch, ws in table.items()}

    def name_ends(self, text: str, people: bool = True) -> list[int]:
        """Every position a body name may end at in `text` (after an organisation suffix, a
        post suffix when `people`, or a class of places), in increasing order."""
        ends = []
        person = set(self.person_suffixes)
        depth = 0
        for i, ch in enumerate(text):
            depth += (ch in "(（") - (ch in ")）")
            if depth > 0:
                continue  # inside a bracketed note (有关主管部门(单位…): not the end of a name
            for w in self._ends_by_char.get(ch, ()):
                if (people or w not in person) and text.endswith(w, 0, i + 1) and not POST_AFTER.match(text, i + 1):
                    ends.append(i + 1)
                    break
            else:
                if people and ends_in_worker(text, i + 1) and not POST_AFTER.match(text, i + 1):
                    ends.append(i + 1)  # 排查员: a worker by its shape
        return ends

    @cached_property
    def _last_chars_rx(self) -> re.Pattern[str]:
        """The last characters of the suffixes and of the shapes `ends_in_worker` reads (员, 长,
        主任): the only places where a name may end."""
        return re.compile("[" + re.escape("".join(sorted(set(self._ends_by_char) | set("员长任")))) + "]")

    def suffix_ends(self, text: str) -> tuple[list[int], "BracketDepth"]:
        """Every position in `text` right after an organisation or post suffix (whatever the
        brackets), and the bracket depth after each character: `name_ends` of any window of
        `text` without scanning it again (ingest/nlp read many windows of one text). Only the
        characters that end some suffix are visited."""
        ends: list[int] = []
        by_char = self._ends_by_char
        for m in self._last_chars_rx.finditer(text):
            i = m.end()
            if (text.endswith(by_char.get(m.group(), ()), 0, i) or ends_in_worker(text, i)) \
                    and not POST_AFTER.match(text, i):
                ends.append(i)
        # 各乡(镇), 各县(区), 县直(驻县)有关单位: a short bracketed note may close a name;
        # 琼海、万宁…等市县: so may the levels of a list of places
        noted = [m.end() for rx in (NOTE_END, LEVELS_END, PLACE_CLASS_END, GRASSROOTS_END) for m in rx.finditer(text)]
        # 县应急管理局(县地方煤矿安全监督管理局)要…: a body's other nameplate in its note closes it too,
        # however long (one office under two names)
        noted += [m.end() for m in OTHER_NAMEPLATE.finditer(text) if self.org_suffix(m.group(1))]
        if noted:
            ends = sorted(set(ends).union(noted))
        return ends, BracketDepth(text)

    def org_suffix(self, name: str) -> str | None:
        m = self.org_suffix_rx.search(name)
        return m.group(0) if m else None

    def person_suffix(self, name: str) -> str | None:
        """The person word a name ends in: one of the lexicon's, or by its shape a worker named
        after the work (排查员, 监督员, 讲解员: two characters and 员) or the head of a unit named by
        its kind (矿长, 站长: `ends_in_worker`) — the list only names the common ones, it does not
        decide what a person class is."""
        if name.endswith(self.person_suffixes):
            return next(s for s in self.person_suffixes if name.endswith(s))
        if ends_in_worker(name, len(name)):
            return name[-3:] if name.endswith(("员", "主任")) else name[-2:]
        return None

    def duty_word_rx(self, word: str) -> str:
        """A duty word as a pattern that does not match where it opens a post (负责 in
        各社区负责人, 负责同志): the person suffixes and posts that begin with it are excluded after it."""
        tails = sorted({p[len(word):] for p in (*self.person_suffixes, *self.posts) if p.startswith(word) and p != word},
                       key=len, reverse=True)
        # (负责人员培训: 负责 the duty, then 人员 — a post's tail is no post when 员 continues it)
        return re.escape(word) + (f"(?!(?:{'|'.join(map(re.escape, tails))})(?!员))" if tails else "")

    def collective_prefix(self, name: str) -> str | None:
        if not name.startswith(self.collective_prefixes):
            return None
        return next(p for p in self.collective_prefixes if name.startswith(p))


# a committee's short form at a name's end, the committee spelled out (省减灾救灾委 -> 省减灾救灾委员会,
# 市安全生产专业委 -> …专业委员会); not a party organ (省委, 县委, 党委, 纪委, 工委, 团委, 政法委) nor a class
# of a level's commissions (各厅委, 国务院各部委), nor 管委 (管理委员会)
COMMITTEE_SHORT = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![省市县区州镇乡旗盟党纪工团法厅部管])委(办)?(?=(?:各|有关)?成员单位$|$)")


def committee_spelled_out(name: str) -> str:
    m = COMMITTEE_SHORT.search(name)
    if m is None:
        return name
    return name[:m.start()] + ("委员会办公室" if m.group(1) else "委员会") + name[m.end():]


# a post that begins where a unit's suffix ends (任组长, 任局长, 办主任): the unit's name does not end
# there (由政府领导同志任组长: no body 政府领导同志任组); 局长期坚持 and the like are no post
POST_AFTER = re.compile(r"长(?!期|效|远|久|江|城|足|度|沙|春|治|廊|征|假|周|寿)|主任"
                        # nor where its last character opens a verb (自治区安全监管局委托…公司开展: 委托)
                        r"|(?<=委)[托派]|(?<=[办处])理|(?<=处)置|(?<=部)署")  # (禹州市…规划局部署…: 部署)

# 琼海、万宁…等市县 / 六安、安庆等市: a list of places closed by the levels they are
# 等 (with a count) closing a list of places, and the levels the places are: one source for the
# name-end rule here and for reading the list (ingest/names.LEVEL_CLOSE)
PLACES_CLOSED_BY = r"等(?:[0-9一二三四五六七八九十两]+个)?"
PLACE_LEVELS = r"(?:[市州县区盟旗]|[(（][市州县区盟旗、]+[)）])+"
LEVELS_END = re.compile(r"(?<=[\u4e00-\u9fff])" + PLACES_CLOSED_BY + PLACE_LEVELS)
# 其他市县要…, 有关地区要…: a class of places named by its levels after a quantifier
# also nlp/parties (a place class beside the body it holds: 各市 in 各市应急管理局)
# words whose first character ends a short form (委, 办, 指): the short form is their start there
WORDS_A_SHORT_FORM_OPENS = frozenset({"委员会", "办公室", "办公厅", "指挥部"})
PLACE_CLASS_END = re.compile(r"(?:各|其他|其余|其它|有关|相关|上述)(?:地区|[省市州县区乡镇旗盟村]){1,3}(?!民)")  # 各村, not 各村民…
# the grassroots levels a list of places may name bare (各乡镇、村; ingest/names too)
GRASSROOTS_LEVELS = r"村|社区|村居|居委会|村委会"
# 各乡镇、林场、村要…: a grassroots level closing a list (not 村民, 社区居民)
GRASSROOTS_END = re.compile(rf"(?<=、)(?:{GRASSROOTS_LEVELS})(?![民居])")
NOTE_END = re.compile(r"(?<=[\u4e00-\u9fff])[(（][\u4e00-\u9fff、,,]{1,8}[)）]")
# a name's note that is itself a body's name (应急管理局(地方煤矿安全监督管理局), 农业局(林业局))
OTHER_NAMEPLATE = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([\u4e00-\u9fff]{2,20})[)）]")


class BracketDepth:
    """The bracket depth after each character of a text (`depth[i]`: opened minus closed
    brackets in text[:i + 1]), answered from the brackets' positions instead of a list as long
    as the text: a task's parties ask for a few positions of a long text."""

    def __init__(self, text: str):
        self.opens = [m.start() for m in _INIT_RX1.finditer(text)]
        self.closes = [m.start() for m in _INIT_RX2.finditer(text)]

    def __getitem__(self, i: int) -> int:
        return bisect.bisect_right(self.opens, i) - bisect.bisect_right(self.closes, i)


def _sorted_longest(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files(__package__).joinpath("data/lexicon.toml").read_text(encoding="utf-8"))
    depts = tuple(
        Department(tuple(d["stems"]), {lvl: d[lvl] for lvl in (*LEVEL_NAMES, "municipality") if lvl in d}, d.get("since"), d.get("until"),
                   d.get("after"))
        for d in data["department"])
    return Lexicon(
        # a body's name may end in a short form too (县安委会, 市防指)
        org_suffixes=_sorted_longest(data["suffix"]["org"] + [k for k in data["abbreviation"]
                                                              if k[-1] in "会办指委局厅站所"]),
        person_suffixes=_sorted_longest(data["suffix"]["person"]),
        not_administrative=frozenset(data["suffix"]["not_administrative"]),
        posts=_sorted_longest(data["suffix"]["posts"]),
        generic_heads=tuple(data["suffix"]["generic_heads"]),
        collective_prefixes=_sorted_longest(data["collective"]["prefixes"]),
        collective_names=frozenset(data["collective"]["names"]),
        dropped_level_notes=frozenset(data["collective"]["dropped_level_notes"]),
        level_words=dict(data["level"]["words"]),
        grassroots_levels=dict(data["level"]["grassroots"]),
        run_words=tuple(data["level"]["run_words"]["words"]),
        level_governments=_sorted_longest(data["level"]["shared_heads"]["governments"]),
        level_people=_sorted_longest(data["level"]["shared_heads"]["people"]),
        abbreviations={k: v for k, v in data["abbreviation"].items() if k != v},
        zones={k: v for k, v in data["zone"].items() if k != v},
        national=dict(data["national"]),
        specials=tuple(data["special"].items()),
        own_specials=dict(data["own_special"]),
        departments=depts,
        stop_openers=_sorted_longest(data["shape"]["stop_openers"]),
        bad_chars=frozenset(data["shape"]["bad_chars"]),
        bad_words=tuple(data["shape"]["bad_words"]),
        local_services=frozenset(data["shape"]["local_services"]),
        bad_char_exceptions=_sorted_longest(data["shape"]["bad_char_exceptions"]),
        standalone=frozenset(data["shape"]["standalone"]),
        verb_endings=_sorted_longest(data["shape"]["verb_endings"]),
        extent_endings=_sorted_longest(data["shape"]["extent_endings"]),
        force_prefixes=_sorted_longest(data["shape"]["force_prefixes"]),
        domain_bureau=data["domain"]["bureau_stem"],
        role_markers=_sorted_longest(data["shape"]["role_markers"]),
        renamed=tuple((r["old"], r["new"], int(r["since"])) for r in data.get("renamed", [])),
        national_numbers=tuple(sorted(data["national_number"].items(), key=lambda kv: -len(kv[0]))),
    )


LOCAL_RENAME_LAG = 1  # years between a national reform and the local bureaus' new names


def national_issuer(doc_number: str | None) -> str | None:
    """The central body a 发文字号 names by its prefix (安委办〔2014〕21号 -> 国务院安全生产委员会办公室)."""
    if not doc_number:
        return None
    for prefix, issuer in lexicon().national_numbers:
        if doc_number.startswith(prefix) and (prefix.endswith("〔") or doc_number[len(prefix):len(prefix) + 1] in "〔[明函发厅"):
            return issuer
    return None
