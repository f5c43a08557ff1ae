"""Canonical names of bodies, relative to the jurisdiction and date of the document.

SCHEMA.md asks for the full official name with the document's jurisdiction in front when the
text uses a short or relative form (省应急厅 in a Shanxi document -> 山西省应急管理厅), for
collective and generic parties kept as written (各县(市、区) -> 各县市区), and for the names in
force at the document's date (a 2012 林业厅 stays 林业厅). This module does that for a name
that was already recognised as a body (by `nlp` in a task, or by ingest in a signature or a
主送 line); it never decides whether a string is a body.

Relative names resolve by level: a level word at the document's own level is the document's
own place (市应急局 in a city notice), above it the enclosing place (省应急厅 in a county
notice), below it the class of all such places (市(州)国土资源局 in a provincial notice is
各市州国土资源局).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import GRASSROOTS_LEVELS, PLACE_LEVELS, PLACES_CLOSED_BY, lexicon
from .regions import Region, gazetteer, is_municipality

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_IS_COLLECTIVE_RX1 = re.compile(r"^(省|市|县|区|乡|镇)(级|直)")
_IS_COLLECTIVE_RX2 = re.compile(r".(各|有关|相关|其他)[^各]{0,8}(部门|单位|机构|成员单位|直属机构|[委办厅局]{2,4})$")  # 各厅委办, 各委办厅局
_DEPARTMENT_ISSUER_RX1 = re.compile(r"(厅|局|委员会|委)$")
_NATIONAL_NAME_RX1 = re.compile(r"^(国务院|国家|中共中央|中央|全国|中国)")
_TIDY_RX1 = re.compile(r"\s+")
_TIDY_RX2 = re.compile(r"^各[^的]{1,12}的(?=[\u4e00-\u9fff]{0,4}(?:单位|部门)$)")
_TIDY_RX3 = re.compile(r"^其他行业(?:领域)?主管部门$")
_CANONICAL_NAME_RX1 = re.compile(r"(.+?)党工作委员会")
_CANONICAL_NAME_RX2 = re.compile(r"(开发区|园区|新区)管委会$")
_CANONICAL_NAME_RX3 = re.compile(r"(技术|产业|经济)开发区")
_OWN_BUREAU_RX1 = re.compile(r"(省|市|县|区)局")
_CANONICAL_RX1 = re.compile(r"等+$")
_CANONICAL_RX2 = re.compile(r"(?P<owner>[\u4e00-\u9fff]{2,16}?)(?P<cls>各成员单位|有关成员单位)")
_CANONICAL_RX3 = re.compile(r"(村民委员会|居民委员会|村委会|居委会)")
_CANONICAL_RX4 = re.compile(r"^(开发区|园区)")
_CANONICAL_RX5 = re.compile(r"^(高新区|经开区|高新技术产业开发区|经济技术开发区)")
# 局办公室, 省厅地质环境处: a division of the writing department (not 局属各科室 / 局所属单位: the
# units under it, a class kept as written)
_CANONICAL_RX6 = re.compile(r"^(?:本局|本厅|省厅|省局|市局|县局|区局|局|厅)(?=(?!所?属).{1,12}$)")
_CANONICAL_RX7 = re.compile(r"^(省|市|县|区|州|镇|乡)")
_CANONICAL_RX8 = re.compile(r"成员单位$")
_CANONICAL_RX9 = re.compile(r"^各(?:省|市|州|县|区|乡|镇|街道|设区市|开发区|新区|旗|盟|苏木)+")
_CANONICAL_RX10 = re.compile(r"(?:人民)?(?:政府)?应急办")
_CANONICAL_RX11 = re.compile(r"(局|委员会|委|办公室|办|总队|支队|大队|中队|指挥部|街道办事处|管委会|管理委员会|安委会|防指"
                             r"|站|所|院|中心|中心学校|中心小学|中心校)$")
_CANONICAL_RX12 = re.compile(r"^(国务院|各|有关|相关)")
_CANONICAL_RX13 = re.compile(r"(管理)?部门$")
_NAME_KIND_RX1 = re.compile(r"[0-9A-Za-z%《》“”\"'‘’:\s]")
_NAME_KIND_RX2 = re.compile(r"一批|一些|部分|这些|那些|依照|依据|根据|予以")  # a clause, not a name: 公安机关依照…予以处罚
_NAME_KIND_RX3 = re.compile("|".join(map(lexicon().duty_word_rx, ("负责", "牵头", "配合", "参与", "组织实施"))))
_NAME_KIND_RX4 = re.compile(r"^[一二三四五六七八九十第]")
_SPLIT_NAMES_RX1 = re.compile(r"[(（][^()（）]*[)）]")
_SPLIT_NAMES_RX3 = re.compile(r"^(各[\u4e00-\u9fff]{1,6}?)(各(?:有关|相关)?(?:部门|单位))$")
_SPLIT_NAMES_RX4 = re.compile(r"[省市县区乡镇州]")
_SPLIT_NAMES_RX5 = re.compile(r"(?:中直|省直|市直|县直|[省市县区乡镇州])[^、]*(?:部门|单位|机构|政府)$")
_SPLIT_NAMES_RX6 = re.compile(r"[^等]等$")
_SPLIT_NAMES_RX7 = re.compile(r"等$")
_DISTRIBUTE_SHARED_RX1 = re.compile(r"^(.{2,12}?)各(?!级)")
_DISTRIBUTE_SHARED_RX2 = re.compile(r"^(被采访|事发地|事故所在|所属|辖区内|相关|有关|沿[江海河湖线]各)(?=[\u4e00-\u9fff])")
# "directly under a level's government" (县直, 市直, 省直): one shape for every rule reading it
DIRECT_PLACE = r"(?:省|市|县|区|旗|州|盟)直"
_DISTRIBUTE_SHARED_RX3 = re.compile(rf"^((?:{DIRECT_PLACE})?各(?:有关|相关)?|{DIRECT_PLACE}(?:有关|相关))(?:部门|单位)$")
_DISTRIBUTE_SHARED_RX4 = re.compile(r"(机构|部门|单位|处室|厅委办|成员单位)$")
_PARSE_NAMES_UNCACHED_RX1 = re.compile(r"^(?P<item>.*?)等(?:[0-9一二三四五六七八九十两]+个)?(?P<head>[\u4e00-\u9fff]{0,8}(?:部门|单位|机构|企业|媒体|力量|队伍))$")
_PARSE_NAMES_UNCACHED_RX2 = re.compile(r"有关|相关|其他|分包|直")
_PARSE_NAMES_UNCACHED_RX3 = re.compile(r"[(（]([^()（）]{2,60})[)）]")
_PARSE_NAMES_UNCACHED_RX4 = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2,8}?)(?:管理)?(?P<head>部门)")

LEVEL_CHARS = "省市州县区镇乡村居社区街道旗盟地"
# the level a list of department stems opens on (市煤炭、安监部门; 各级煤炭、安监部门; 县级…)
STEM_LIST_LEVEL = re.compile(r"(?:各级|[省市县区乡镇]级|[省市州县区旗乡镇])(?=[\u4e00-\u9fff])")
BRACKET = re.compile(r"[(（]([^()（）]{0,20})[)）]")
# 国土资源厅(国土环境资源厅、国土资源和房屋管理局、…): the other names a body goes by elsewhere
LONG_NOTE = re.compile(r"[(（][^()（）]{0,80}[)）]")
OTHER_NAMES_NOTE = re.compile(r"[(（][^()（）]{21,80}[)）]$")
# 指挥部下设办公室: the office a headquarters has (its name: 指挥部办公室)
SET_UNDER = re.compile(r"(?<=[部组会])下设(?=[\u4e00-\u9fff]{1,8}$)")
COUNT_WORD = re.compile(r"(?<=[\u4e00-\u9fff])[0-9一二三四五六七八九十两]+个(?=[\u4e00-\u9fff])")
# (not in 党委政府, "party committees and governments" as one class: 各县市区党委政府)
GOVERNMENT = re.compile(r"(?<!人民)(?<!级)(?<!党委)政府(?=(?:办公室|办公厅)?$)")


@dataclass(frozen=True)
class Jurisdiction:
    """Where and when a document was issued: the places its relative names resolve to."""

    province: Region | None = None
    city: Region | None = None
    county: Region | None = None
    town: str | None = None
    year: int | None = None
    issuers: tuple[str, ...] = field(default_factory=tuple)

    @property
    def rank(self) -> int:
        """0 national, 1 province, 2 city, 3 county, 4 township."""
        if self.town:
            return 4
        if self.county:
            return 3
        if self.city:
            return 2
        if self.province:
            return 1
        return 0

    def place(self, rank: int) -> str | None:
        """The full name of the document's place at a rank (its own or an enclosing one)."""
        return {1: self.province.name if self.province else None,
                2: self.city.name if self.city else None,
                3: self.county.name if self.county else None,
                4: self.town}.get(rank)

    @property
    def municipal(self) -> bool:
        """The document is of a municipality (北京市, 天津市, 上海市, 重庆市; regions.is_municipality)."""
        return self.province is not None and is_municipality(self.province)

    @property
    def own_place(self) -> str | None:
        return self.place(self.rank) if self.rank else None

    @staticmethod
    def of(province: str | None, locality: str | None, year: int | None = None,
           issuers: tuple[str, ...] | list[str] = ()) -> "Jurisdiction":
        return _jurisdiction(province, locality, year, tuple(issuers))


@lru_cache(maxsize=512)
def _jurisdiction(province: str | None, locality: str | None, year: int | None,
                  issuers: tuple[str, ...]) -> Jurisdiction:
    g = gazetteer()
    prov = next((r for r in g.by_name.get(province or "", []) if r.level == 1), None)
    city = county = None
    town = None
    if locality:
        rest = locality
        for r in g.mentions(locality):
            if r.level == 2 and city is None:
                city = r
            elif r.level == 3 and county is None:
                county = r
        for r in (city, county):
            if r is not None:
                rest = rest.replace(r.name, "")
        if county is None:
            # a county whose name has two characters (黄山市歙县), which `mentions` leaves out
            own = [r for r in g.by_name.get(rest, []) if r.level == 3 and (city is None or r.parent == city.code)]
            if len(own) == 1:
                county, rest = own[0], ""
        if re.search(r"(镇|乡|街道|苏木)$", rest) and len(rest) <= 8:
            town = rest
        elif rest and county is None and re.search(r"(区|园区|开发区|度假区)$", rest):
            town = rest  # a zone below the county (a park or resort with its own committee)
        elif rest and county is not None and re.search(r"(园区|开发区|度假区|高新区|经开区)$", rest) and len(rest) <= 12:
            town = county.short + rest  # a county's resort, named after it: 长兴太湖图影旅游度假区
        if county is not None and city is None and county.parent in g.by_code:
            parent = g.by_code[county.parent]
            city = parent if parent.level == 2 else None
        if prov is None:
            anchor = county or city
            if anchor is not None:
                prov = g.province_of(anchor)
    return Jurisdiction(prov, city, county, town, year, issuers)


# ---------------------------------------------------------------- pieces of a name
ZONE_WORD = re.compile(r"(?:经济|高新|经济技术|工业)?(?:开发区|园区|新区|管理区|高新区|经开区)")


TOWNSHIP_SHAPE = re.compile(r"(?!各|全|本|小|城|乡|特色)[\u4e00-\u9fff]{2,5}(?:镇|乡|街道)")


def merge_brackets(name: str) -> str:
    """各县(市、区) -> 各县市区, 各市(州) -> 各市州, 各市(地) -> 各市, 省安监局(冶金) -> 省安监局.

    A note listing level words spells the class out and is merged; any other note is dropped."""
    lex = lexicon()

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).replace("、", "").replace(",", "").strip()
        if inner in lex.dropped_level_notes:
            return ""
        if inner and all(ch in LEVEL_CHARS for ch in inner):
            return inner
        tokens = [t.strip() for t in re.split(r"[、,,]", m.group(1))]
        if all(t and (all(ch in LEVEL_CHARS for ch in t) or ZONE_WORD.fullmatch(t) or LEVEL_WORDS_RX.fullmatch(t))
               for t in tokens):
            return "".join(tokens)  # 各乡镇(街道、开发区) -> 各乡镇街道开发区, 各区县(自治县) -> 各区县自治县
        if inner in ("办", "街道办", "场", "农场", "林场") and m.start() > 0 and m.string[m.start() - 1] in LEVEL_CHARS:
            # 各乡(办): the townships and the sub-district offices (办事处), as 各乡(镇); 各镇(场): the
            # towns and the state farms a county holds beside them
            return inner
        return ""

    return BRACKET.sub(repl, name)


# 各 and a short noun: each unit of that kind (各系, 各矿, 各校区) — not 各 before a measure or a
# determiner (各类, 各项, 各级, 各自, 各方面, 各位, 各界, 各阶段, 各环节), nor an idiom's 各负其责, nor
# 各组/各部/各厅 alone (a document's own groups and parts, its addressees' offices: read back by their
# context), nor places (各地民政: a place class and a department stem)
EACH_UNIT = re.compile(r"各((?![类项种级自方个位界样式阶环时季期次批负尽司得地省市州县区乡镇村旗盟])(?!(?:组|部|厅|局|委|办|处|室|科|股)$)(?:(?!其)[\u4e00-\u9fff]){1,3})")
# a sub-district has no people's government: its office is its government (大明宫街道 召开…会: the
# 大明宫街道办事处), as each level's own name for it says
STREET_GOVERNMENT = re.compile(r"(?<=街道)(?<![乡镇、]街道)(?:人民)?政府$")
EACH_ONE = re.compile(r"^各个(?=[\u4e00-\u9fff]{2})")
# the whole area of a level before a class of its units (全镇各单位, 全区各中小学); not before 各级 (全区各级
# 单位 keeps its grade, devset d58) nor 各类 (全县各类应急救援力量, a kind of its own)
WHOLE_PLACE_BEFORE_EACH = re.compile(r"^全(?:省|市|州|县|区|镇|乡|盟|旗)(?=各(?![级类种]))")
# levels written before a class of their units (市、区县各专兼职抗洪抢险应急救援队伍, 重庆 2018): every
# level's units, one class as 各… is
LEVELS_BEFORE_EACH = re.compile(r"^(?:[省市州县区乡镇旗]、?){2,4}(?=各(?![级类种]))")


# the area a warning covers, before the bodies in it (預警地區主流媒體、基礎電信運營企業…, 吉林 2025;
# 预报区内各县市区, 湖南 2024); not before 各 (预警地区各级政府 is the class as written)
WARNED_AREA = re.compile(r"^(?:预警|预报|受影响)(?:地区|区域|区)内?(?=[\u4e00-\u9fff]{2})(?!各|内)")


@lru_cache(maxsize=65536)
def tidy(name: str) -> str:
    """Spaces, counts (七个乡镇 -> 乡镇) and 政府 -> 人民政府 (not after 级: 各级政府 stays);
    各隐患整改的责任单位 -> 各责任单位 (the class after 的)."""
    name = _TIDY_RX1.sub("", name)
    name = EACH_ONE.sub("各", name)  # 各个乡镇街道 -> 各乡镇街道
    name = WHOLE_PLACE_BEFORE_EACH.sub("", name)  # 全镇各单位 -> 各单位: the scope is the document's own
    name = WARNED_AREA.sub("", name)  # 预警地区应急部门 -> 应急部门: where the warning holds, not who acts
    name = SUFFIX_LIST_SEP.sub("", name)  # 省直各委、办、厅、局 -> 省直各委办厅局
    name = _TIDY_RX2.sub("各", name)
    name = _TIDY_RX3.sub("行业主管部门", name)  # one class, however qualified
    name = merge_brackets(name)
    name = COUNT_WORD.sub("", name)
    name = SET_UNDER.sub("", name)
    if not name.startswith(("各级", "县级", "市级", "省级")):
        name = GOVERNMENT.sub("人民政府", name)
    return STREET_GOVERNMENT.sub("办事处", name)


def is_collective(name: str) -> bool:
    """A class of parties (各市州, 有关部门, 企业, 任何单位和个人), kept as written."""
    lex = lexicon()
    if name in lex.collective_names or lex.collective_prefix(name):
        return True
    # 县级人民政府, 省级有关部门: a level class
    if _IS_COLLECTIVE_RX1.match(name):
        return True
    # 省政府有关部门, 市安委会各成员单位, 省政府各厅委办: a class of parties under a named body
    if _IS_COLLECTIVE_RX2.search(name):
        return True
    # 林区牧区施工单位, 重点企业: a generic head with no place and no department in front
    return False


@dataclass(frozen=True)
class Place:
    """The place a name opens with: a region named (rank of that region) or a level word."""

    written: str
    rank: int
    region: Region | None = None  # None for a level word (省, 市, 县…)


def leading_place(name: str, jur: Jurisdiction) -> Place | None:
    lex = lexicon()
    prov = jur.province.name if jur.province else None
    hit = gazetteer().place_prefix(name, prov)
    if hit is not None:
        region, length = hit
        rest = name[length:]
        level_reading = next((w for w in sorted(lex.level_words, key=len, reverse=True) if name.startswith(w)), None)
        if level_reading and name[:length] != region.name and (
                lex.abbreviation_rx.match(name, len(level_reading)) or lex.stem_rx.match(name, len(level_reading))):
            hit = None  # 镇安委会办公室 is the town's 安委会办公室, not 镇安县's 委会办公室
        elif rest and not rest.startswith("级"):
            return Place(name[:length], region.level, region)
    for word in sorted(lex.level_words, key=len, reverse=True):
        if name.startswith(word) and len(name) > len(word) and name[len(word)] != "级":
            rest = name[len(word):]
            # 市场监管局 opens with 市 but names no city: the level word must leave a body
            if word == "市" and rest.startswith("场"):
                continue
            if word in ("区", "地区") and rest.startswith(("域", "县")):
                continue
            if word == "林区":
                continue  # 林区农户: forest areas; a 林区 is a jurisdiction only by its name (神农架林区)
            return Place(word, lex.level_words[word])
    return None


def resolve_level(place: Place, jur: Jurisdiction) -> tuple[str | None, bool]:
    """(place name, collective?) for a level word: own level -> own place, above -> the
    enclosing place, below -> the class of all such places."""
    rank = place.rank
    own = jur.rank
    # 市X in a county-level city's notice is the city itself (宜城市防指), and in a notice of one of its
    # townships too (吕合镇 forwarding 楚雄市's rules: 市人民政府 is 楚雄市's, not 楚雄州's)
    if place.written == "市" and own >= 3 and jur.county and jur.county.name.endswith("市"):
        return jur.county.name, False
    # 市X in a municipality's notice (北京市, its districts) is the municipality, which is a province
    if place.written == "市" and own >= 1 and jur.municipal:
        return jur.province.name, False
    if place.written in ("区", "县") and own == 3:
        return jur.county.name if jur.county else None, False
    if place.written == "区" and own == 1 and jur.province and jur.province.name.endswith("自治区"):
        return jur.province.name, False  # 区党委, 区应急管理厅 in a 自治区 notice
    if own == 0:
        return None, False
    if rank > own:
        return None, True
    return jur.place(rank), False


def own_level_body(name: str, jur: Jurisdiction) -> str | None:
    """乡级防汛指挥部 in a township's duty list (巨浦乡, 青田县 2020s): the body of the document's own
    level is the document's own body (巨浦乡防汛指挥部). Only at the document's own county or
    township level, where one place has one such body; 县级人民政府 in a province's notice stays
    the class it names."""
    m = LEVEL_ADJECTIVE.match(name)
    if not m or not jur.own_place or jur.rank < 3:
        return None
    rest = name[m.end():]
    rank = lexicon().level_words.get(m.group(1))
    if rank != jur.rank or not lexicon().org_suffix(rest) or rest.endswith(("部门", "单位")):
        return None
    return jur.own_place + lexicon().expand(rest)


LEVEL_ADJECTIVE = re.compile(r"(乡|镇|县|区|街道)级(?=[\u4e00-\u9fff]{2})")


def internal_division(rest: str, issuer: str = "") -> bool:
    """A division inside a department (煤监一处, 办公室, 宣教办, 教育中心, 监察总队) — not a unit
    of the police or an armed force (公安消防支队 in a 安全监管局 notice is the police's)."""
    lex = lexicon()
    if not re.search(r"(处|科|室|股|中心|办|总队|支队|大队)$", rest) or rest.endswith(("办公厅", "办事处")):
        return False
    force = next((f for f in lex.force_prefixes if rest.startswith(f)), None)
    if force and issuer and force not in issuer:
        return False
    if re.search(r"园区|开发区|新区|街道|乡|镇", rest):
        return False  # 工业园区综合管理服务办公室: a place's office, not the issuer's division
    if re.match(r"[局厅委]?所?属", rest):
        return False  # 局属各科室, 所属科室: the units under a department, a class as written
    # 安委办, 人防办, 应急办: bodies of a government, not divisions of a department
    return not (rest.endswith("办") and (rest in lex.abbreviations or rest[:-1] in lex.department_by_stem))


# a division of a company (生产技术部, 安全监察部, 电力调度中心, 物资分公司, 检修车间) named bare in its own notice
ENTERPRISE_DIVISION = re.compile(r"[\u4e00-\u9fff]{2,10}(?:部|中心|分公司|车间|工区|班组)")


# a body under a department, named after the department's 厅/局 (厅运输管理局, 局质监站)
SUBORDINATE_BODY = re.compile(r"[\u4e00-\u9fff]{2,8}(?:管理局|局|站|中心|所|院|总队|支队)")


def enterprise_issuer(jur: Jurisdiction) -> str | None:
    """The single issuing company whose divisions a bare division name refers to."""
    if len(jur.issuers) == 1 and re.search(r"(公司|集团)$", jur.issuers[0]):
        return jur.issuers[0]
    return None


def department_issuer(jur: Jurisdiction) -> str | None:
    """The single issuing department whose divisions a bare division name refers to."""
    if len(jur.issuers) != 1:
        return None
    issuer = jur.issuers[0]
    if _DEPARTMENT_ISSUER_RX1.search(issuer) and not issuer.endswith(("人民政府", "办公厅")):
        return issuer
    return None


@lru_cache(maxsize=1)
def _special_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The [special] keys of the lexicon as patterns whose slots capture the place as written;
    `apply_special` checks the capture against the document's places (one compile for all)."""
    out = []
    for key, template in lexicon().specials:
        rx = re.escape(key)
        for slot in ("prov", "city", "county"):
            rx = rx.replace(re.escape("{" + slot + "}"), f"(?P<{slot}>[\\u4e00-\\u9fff]{{1,12}}?)")
        out.append((re.compile(rx), template))
    return tuple(out)


@lru_cache(maxsize=1)
def _special_tails() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each [special] pattern with the literal text its key ends with (after its last slot)."""
    keys = [key for key, _ in lexicon().specials]
    return tuple((key.rsplit("}", 1)[-1], rx) for key, (rx, _) in zip(keys, _special_patterns()))


def _slot_places(jur: Jurisdiction) -> dict[str, set[str]]:
    prov = jur.province
    # a county-level city's own document calls itself 市 (绵竹市's 市委组织部 is 中共绵竹市委组织部)
    county_city = jur.rank >= 3 and jur.county is not None and jur.county.name.endswith("市")
    return {
        # (区 is the autonomous region's only where no district writes: 区委 in 南宁市青秀区 is 青秀区's)
        "prov": {"省", prov.name, prov.short} | ({"自治区"} if prov.name.endswith("自治区") else set())
        | ({"区"} if prov.name.endswith("自治区") and not (jur.county and jur.county.name.endswith("区")) else set()),
        "city": ({"市"} if not county_city else set()) | ({jur.city.name} if jur.city else set()),
        "county": {"县", "区"} | ({"市"} if county_city else set()) | ({jur.county.name} if jur.county else set()),
    }


def apply_special(name: str, jur: Jurisdiction) -> str | None:
    """Names with the place inside them (武警河北总队 -> 中国人民武装警察部队河北省总队)."""
    lex = lexicon()
    prov = jur.province
    if prov is None:
        return None
    if name in lex.own_specials and jur.own_place:
        return lex.own_specials[name].replace("{own}", jur.own_place)
    places = None
    for rx, template in _special_patterns():
        m = rx.fullmatch(name)
        if m and places is None:
            places = _slot_places(jur)
        if m and all(v in places[k] for k, v in m.groupdict().items()):
            out = template.replace("{province}", prov.name).replace("{short}", prov.short)
            if "{city}" in out:
                if not jur.city:
                    return None
                out = out.replace("{city}", jur.city.name)
            if "{county}" in out:
                if not jur.county:
                    return None
                out = out.replace("{county}", jur.county.name)
            return out
    return None


def national_name(name: str) -> str | None:
    lex = lexicon()
    if name in lex.national:
        return lex.national[name]
    if _NATIONAL_NAME_RX1.match(name):
        return lex.expand(name)
    return None


# ---------------------------------------------------------------- the canonical name
@lru_cache(maxsize=65536)
def canonical_name(written: str, jur: Jurisdiction) -> str:
    """The canonical name of a body written `written` in a document of `jur`."""
    written = without_province(written)
    written = LEVELS_BEFORE_EACH.sub("", written)  # 市、区县各…队伍 -> 各…队伍
    own = own_bureau(written, jur)
    if own is not None:
        return own
    name = _canonical(written, jur)
    if jur.province is not None and name.startswith(jur.province.name):
        name = apply_special(name, jur) or name  # 煤矿安全监察局 given the province's name: its short
    party = _CANONICAL_NAME_RX1.fullmatch(name)
    if party:
        return "中共" + party.group(1) + "工作委员会"  # 兰州高新区党工委 -> 中共兰州高新技术产业开发区工作委员会
    if _CANONICAL_NAME_RX2.search(name) and _CANONICAL_NAME_RX3.search(name):
        return name[:-3] + "管理委员会"
    return in_force(municipal_district(name, jur), jur)


def municipal_district(name: str, jur: Jurisdiction) -> str:
    """延庆区人民政府 in a 北京市 document is 北京市延庆区人民政府: a municipality's district is
    named under the municipality (its official name), as a county is under nothing."""
    if not jur.municipal or name.startswith(jur.province.name):
        return name
    g = gazetteer()
    hit = g.place_prefix(name, jur.province.name)
    if hit and hit[0].level == 3 and name[:hit[1]] == hit[0].name and len(name) > hit[1] \
            and g.province_of(hit[0]) == jur.province:
        return jur.province.name + name
    return name


def without_province(name: str) -> str:
    """四川省泸州市人民政府 is 泸州市人民政府: a city's or county's body is named from its own
    place (SCHEMA's canonical names), whether or not its province is written before it, so that
    one body has one name. A municipality is the name of its districts' place too."""
    g = gazetteer()
    hit = g.place_prefix(name)
    if hit is None or hit[0].level != 1 or is_municipality(hit[0]):
        return name  # a municipality's district keeps it: 重庆市沙坪坝区人民政府
    rest = name[hit[1]:]
    inner = g.place_prefix(rest, hit[0].name)
    if inner and inner[0].level >= 2 and rest[:inner[1]] == inner[0].name and len(rest) > inner[1] \
            and g.province_of(inner[0]) == hit[0]:
        return rest
    if inner and inner[0].level == 2 and name[:hit[1]] == hit[0].short and len(rest) > inner[1]:
        # a news title's 山西晋中介休市国土局: the province's and the city's short forms before the
        # full name of a county in them name that county's body
        county = g.place_prefix(rest[inner[1]:], hit[0].name)
        if county and county[0].level == 3 and county[0].parent == inner[0].code \
                and rest[inner[1]:inner[1] + county[1]] == county[0].name and len(rest) > inner[1] + county[1]:
            return rest[inner[1]:]
    return name


def own_bureau(written: str, jur: Jurisdiction) -> str | None:
    """省局 / 市局 / 县局: the bureau a work-safety circular speaks from — the issuer when it is
    a bureau of that level, else the domain's bureau in force at that level and date (a 2015
    吉林 circular signed 省局 is the 安全生产监督管理局; lexicon [domain])."""
    m = _OWN_BUREAU_RX1.fullmatch(written.strip())
    if not m:
        return None
    level = {"省": 1, "市": 2, "县": 3, "区": 3}[m.group(1)]
    place = jur.place(level)
    if place is None:
        return None
    for issuer in jur.issuers:
        if issuer.startswith(place) and issuer.endswith("局"):
            return issuer
    dept = lexicon().department(lexicon().domain_bureau, jur.year)
    return place + dept.name_at(level, jur.municipal) if dept else None


RENAME_GRACE = 2  # years after a national reform before every province's bureaus bear the new name


def in_force(name: str, jur: Jurisdiction) -> str:
    """A department written by a name that was out of force at the document's date is the
    department that replaced it: 省建设厅 in a 2013 circular is 住房和城乡建设厅 (renamed in the
    2008 reform). A name still in force stays (a 2012 林业厅 is 林业厅). Provinces renamed their
    bureaus up to two years after the national reform, so the name must be older than that."""
    if jur.year is None:
        return name
    hit = gazetteer().place_prefix(name)
    if hit is None or name[:hit[1]] != hit[0].name:
        return name
    region, k = hit
    rest = name[k:]
    municipal = is_municipality(region)
    lex = lexicon()
    for old, new, since in lex.renamed:
        if old in rest and jur.year >= since + RENAME_GRACE:
            return name[:k] + rest.replace(old, new)
    for dept in _replaced_departments(region.level, municipal).get(rest, ()):
        if jur.year < dept.until + RENAME_GRACE:
            continue
        successor = lex.department(dept.stems[0], jur.year)
        if successor is not None and successor is not dept:
            return name[:k] + successor.name_at(region.level, municipal)
    return name


@lru_cache(maxsize=16)
def _replaced_departments(level: int, municipal: bool) -> dict[str, tuple]:
    """The departments a later one replaced, by their name at a level (in_force's look-up: one
    dictionary instead of every department's name for every name read)."""
    out: dict[str, list] = {}
    for dept in lexicon().departments:
        if dept.until is not None and dept.after:
            out.setdefault(dept.name_at(level, municipal), []).append(dept)
    return {n: tuple(ds) for n, ds in out.items()}


def without_scope(name: str) -> str:
    """A class named with the place it covers before 各级 (青州市各级各部门): the class, with no
    jurisdiction prefix (SCHEMA). (全区各级单位, the whole area before 各级, stays: devset d58.)"""
    if "各级" in name[2:14]:
        place = gazetteer().place_prefix(name)
        if place and name.startswith("各级", place[1]) and len(name) > place[1] + 3:
            return name[place[1]:]
    return name


# "all"/"each" before a class (所有建筑工地, 每个村民): the class is its name (the annotated practice,
# ho16/hn11/hh04); 全体 stays (全体包村联席会领导), as do 任何 and 各, which the schema keeps
EVERY_ONE = re.compile(r"^(?:所有的?|每个|每一个)(?=[\u4e00-\u9fff]{2})")


def _canonical(written: str, jur: Jurisdiction) -> str:
    lex = lexicon()
    name = _CANONICAL_RX1.sub("", tidy(written))
    name = OTHER_NAMES_NOTE.sub("", name)  # 国土资源厅(国土环境资源厅、…): the body, not its other names
    if not name:
        return name
    name = without_scope(name)
    name = EVERY_ONE.sub("", name)  # 所有煤矿企业 -> 煤矿企业, 每个村民 -> 村民: the class itself
    named_party = PARTY_ORGAN_IN_FULL.match(name)
    if named_party and (hit := gazetteer().place_prefix(named_party.group(1))) and \
            named_party.group(1)[:hit[1]] == hit[0].name:
        # 中共兰州市委员会, 中共卓资县纪律检查委员会: the place is written in it already (中共兰州市委:
        # the committee, named in full)
        return name + "员会" if named_party.group(1)[hit[1]:] == "委" and name == "中共" + named_party.group(1) else name
    members = _CANONICAL_RX2.fullmatch(name)
    if members and not _CANONICAL_RX12.match(name):
        owner = members.group("owner")
        lvl = _CANONICAL_RX7.match(owner)
        k = lvl.end() if lvl else 0
        return owner[:k] + lex.expand(owner[k:]) + members.group("cls")  # 省安委会各成员单位 -> 省安全生产委员会各成员单位
    own_level = own_level_body(name, jur)
    if own_level:
        return own_level
    if is_collective(name) or _CANONICAL_RX8.search(name):
        # SCHEMA: collective classes stay as written (各级安委办); a class of places' bodies spells
        # its short form out (各县(市、区)防办 -> 各县市区防汛抗旱指挥部办公室, devset d35/d36/d46)
        level = _CANONICAL_RX9.match(name)
        if level and not name.startswith(("各级", "各地")):
            return name[:level.end()] + lex.expand(name[level.end():])
        return name
    if _CANONICAL_RX3.fullmatch(name):
        return "各" + name
    if LEVEL_RUN.match(name) and len(LEVEL_WORDS_RX.findall(name)) >= 2 and "各" not in name:
        return "各" + name  # 州、市 -> 各州市 (沿河各镇乡 has its 各)
    if name.startswith("国家") and lex.abbreviation_rx.match(name, 2):
        return "国家" + lex.expand(name[2:])  # 国家森防指办公室: the national headquarters' office
    national = national_name(name)
    if national:
        return national
    if _CANONICAL_RX4.match(name):
        return "各" + lex.expand(name)  # 开发区管委会 in a 主送 line: every development zone's
    zone = _CANONICAL_RX5.match(name)
    if zone and jur.rank == 3 and jur.county:
        return jur.county.name + name  # a county's own 经开区管委会: 澄城县经开区管委会
    if zone and jur.city:
        return jur.city.short + lex.expand(name)  # 高新区安委会 in 兰州: 兰州高新技术产业开发区…
    if ZONE.fullmatch(name) and jur.own_place and not LEVEL_WORDS_RX.match(name) \
            and not gazetteer().place_prefix(name, jur.province.name if jur.province else None):
        return jur.own_place + name  # 华侨管理区 in a 柳城县 notice: 柳城县华侨管理区
    special = apply_special(name, jur)
    if special:
        return special
    issuer = department_issuer(jur)
    m = _CANONICAL_RX6.match(name)
    if m and issuer and internal_division(name[m.end():], issuer):
        return issuer + lex.expand(name[m.end():])  # 局办公室, 省厅地质环境处
    if m and issuer and issuer.endswith(m.group(0)[-1]) and SUBORDINATE_BODY.fullmatch(name[m.end():]):
        return issuer + name[m.end():]  # 厅运输管理局 in a 交通运输厅 document: the department's own bureau
    if name in ("省厅", "省局", "市局", "县局", "本局", "本厅") and jur.issuers:
        return jur.issuers[0]
    place = leading_place(name, jur)
    if place is not None and place.region is None:
        rest = name[len(place.written):]
        if rest.endswith("部门") and not lex.stem_rx.fullmatch(_CANONICAL_RX13.sub("", rest)):
            return name  # 市安全生产专项监管部门: a class of departments, as written
        target, collective = resolve_level(place, jur)
        if collective:
            return "各" + name
        if target is None:  # a place the document does not name: 县安监局 -> 县安全生产监督管理局
            return place.written + lex.expand(rest)
        if _CANONICAL_RX10.fullmatch(rest):
            return target + "人民政府应急管理办公室"  # 县应急办, 省政府应急办: the government's emergency office
        special = apply_special(rest, jur) if rest in ("军区", "武警总队") else None
        stem = level_department(name)
        dept = lex.department(stem, jur.year, local=True) if stem and not special else None
        region = gazetteer().by_name.get(target, [None])[0] if dept is not None else None
        if region is not None:  # 省国土资源 (in a list of stems): the department itself, at that level
            return target + dept.name_at(region.level, is_municipality(region))
        return special or target + lex.expand(rest)
    if place is not None:
        region = place.region
        if place.written != region.name and region.level >= 3 and jur.city and region.parent == jur.city.code \
                and jur.rank == 2:
            return jur.city.name + lex.expand(name)  # 湾里管理局 in a 南昌 notice: 南昌市湾里管理局
        rest = name[len(place.written):]
        government = re.match(r"(人民政府|政府)(?=.)", rest)
        if government:  # 安徽省人民政府安委会办公室: the government's committee, spelled out
            return place.written + "人民政府" + lex.expand(rest[government.end():])
        if region.level == 1 and place.written == region.short and (lex.abbreviation_rx.match(rest)
                                                                    or lex.stem_rx.match(rest)):
            return region.name + lex.expand(rest)  # 云南森防指: a province's body by its short name, named in full
        stem = NAMED_PLACE_DEPARTMENT.fullmatch(rest)
        dept = lex.department(stem.group(1), jur.year, local=True) if stem and place.written == region.name else None
        if dept is not None:
            # 浙江省水利部门 (水利部向浙江、福建…等6省水利部门发出通知): the department of the place named
            return region.name + dept.name_at(region.level, is_municipality(region))
        return place.written + lex.expand(rest)
    elsewhere = gazetteer().place_prefix(name)
    if elsewhere is not None and elsewhere[0].level == 1 and name[:elsewhere[1]] == elsewhere[0].short \
            and (lex.abbreviation_rx.match(name, elsewhere[1]) or lex.stem_rx.match(name, elsewhere[1])):
        return elsewhere[0].name + lex.expand(name[elsewhere[1]:])  # 云南森防指 in a 四川 page: another province's
    if elsewhere is not None and elsewhere[0].level <= 2 and elsewhere[1] < len(name):
        return lex.expand(name)  # 沈阳铁路局 in a Jilin document: another place's body
    if jur.town and name.startswith(jur.town) and len(name) > len(jur.town):
        # the document's own township, which the gazetteer does not hold as a region: 寮步镇安委办
        # in a 寮步镇 report is that town's (it was given its town again: 寮步镇寮步镇…)
        return jur.town + lex.expand(name[len(jur.town):])
    # no place written
    if issuer and internal_division(name, issuer):
        return issuer + lex.expand(name)
    company = enterprise_issuer(jur)
    if company and ENTERPRISE_DIVISION.fullmatch(name):
        return company + name  # 生产技术部, 电力调度中心 in a 上饶供电公司 notice: the company's own
    own = jur.own_place
    if own and name in lex.local_services and jur.rank >= 2:
        return own + lex.expand(name)  # 供电公司 in a 博野县 notice: 博野县供电公司
    if own and LOCAL_UNIT_KIND.fullmatch(name) and lex.org_suffix(name) == name and jur.rank < 3:
        return name  # 派出所 in a page placed no lower than its province or city: a township's, unknown which
    if own and _CANONICAL_RX11.search(name) and not name.endswith("人民政府"):
        if name.endswith("厅") and jur.province:
            return jur.province.name + lex.expand(name)
        return own + lex.expand(name)
    if name.endswith("厅") and jur.province:
        return jur.province.name + lex.expand(name)
    return lex.expand(name)


# a department class after a place named in full: that place's department (浙江省水利部门)
NAMED_PLACE_DEPARTMENT = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:主管)?部门")


# ---------------------------------------------------------------- the shape of a name
MASK = "\0"
SEPARATORS = re.compile(r"、|以及|和|及其(?!他)|及|与|,|,|;")  # 及其: X及其Y部门 (its departments)
# the level words, longest first: one source (lexicon.toml's [level]) for every rule reading them
_LEVEL_NAMES = sorted({*lexicon().level_words, *lexicon().grassroots_levels}, key=len, reverse=True)
# a run of levels (各县、市、区, 乡镇, 其他各开发区) after its quantifier, the whole text
LEVEL_RUN = re.compile(r"^(?:各(?:沿海|沿江|沿河|沿湖|沿线|沿边|山区|重点|有关|相关)?|沿江各|沿海各|沿河各|沿湖各|沿线各|全|其他|其余|其它|有关|相关|上述)?(?:"
                       + "|".join(sorted({*_LEVEL_NAMES, *lexicon().run_words, "地"}, key=len, reverse=True)) + ")+$")
# a development zone, resort or scenic area, by its name's end (one list for the whole name and its start)
ZONE_START = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:新区|开发区|高新区|经开区|管理区|园区|矿区|度假区|风景区|旅游区|示范区|试验区|实验区|保税区|合作区)")
ZONE = re.compile(ZONE_START.pattern + "$")
GENERIC_HEAD = re.compile(r"(部门|单位|企业|机构|组织|人员|媒体|个人)$")


GRASSROOTS = re.compile(r"村|居|社区")


CLAUSE_MARK = re.compile(r"[,，;；。:：!?！？]")
# how a body acts, never inside its name (…安监站分别部署, 各县(市)区立即以政府…)
ACTING_ADVERB = re.compile(r"分别|立即|迅速|及时|尽快|马上|认真|切实|务必|积极|严格|依法(?!治)")
# a kind of unit every township or county has one of, written bare in its own documents
# (责任单位:派出所、市场监督管理所、卫生院): a station, office or house by its three-character kind
LOCAL_UNIT_KIND = re.compile(r"[\u4e00-\u9fff]{2}[所站院]")


def holds_bad_word(span: str) -> bool:
    """A word no body name holds (召开, 印发, 我…: lexicon [shape] bad_words) outside a relative
    clause, which may say what its class does (擅自进行野外用火的个人和单位)."""
    return "的" not in span and any(w in span for w in lexicon().bad_words)


@lru_cache(maxsize=65536)
def name_kind(piece: str) -> str | None:
    """`org`, `person`, `class`, `place` or `stem` when `piece` looks like a body (or a
    department class word in a list), else None. Shape only: a suffix, a collective
    prefix, no phrase material inside (a verb opening it, 要/应/对…, digits, quotes)."""
    lex = lexicon()
    p = piece.strip()
    if len(p) < 2:
        return None
    core = LONG_NOTE.sub("", p)  # (a bracketed note of the names it goes by elsewhere is not counted)
    if len(core) > 40 or CLAUSE_MARK.search(core) or ACTING_ADVERB.search(core):
        return None  # (强降雨前,各单位: a clause and then its subject; 安监站分别部署: a body and its act)
    if core in lex.department_by_stem:
        return "stem"  # 自然资源(林业) in 水务、自然资源(林业)、气象等部门
    probe = lex.abbreviation_rx.sub("", core)  # 应消站, 应急办: short forms are names, not phrases
    place = gazetteer().place_prefix(probe)
    if place is not None:
        probe = probe[place[1]:]  # 成都市…, 于都县…: a place's name may hold any character
    for ok in lex.bad_char_exceptions:
        probe = probe.replace(ok, "")
    bad = set(probe) & lex.bad_chars
    if holds_bad_word(core):
        return None
    relative = False
    if bad == {"的"} and GENERIC_HEAD.search(core) and len(core) <= 24 and not core.startswith("的"):
        bad = set()  # 负有安全监管职责的行业主管部门: a class of parties
        relative = bool(DUTY_RELATIVE.fullmatch(core))  # 负责施工告知办理的质监部门: its clause opens on 负责
    if bad or _NAME_KIND_RX1.search(probe) or _NAME_KIND_RX2.search(core):
        return None
    if core in lex.collective_names or core in lex.standalone or core.removeprefix("各") in lex.collective_names:
        return "class" if core not in lex.standalone else "org"
    if NUMBERED_DIVISION.fullmatch(core) and len(core) <= 8 and not _NAME_KIND_RX4.match(core):
        return "org"
    opener = core.startswith(lex.stop_openers) and next(o for o in lex.stop_openers if core.startswith(o))
    if opener and core[len(opener):] == "员":
        return "person"  # 排查员, 监督员, 宣传员: a worker named after the work, not a verb phrase
    if opener and (core[len(opener):] in DIVISION_SUFFIXES + ("部门", "部", "机构", "组", "小组")
                   or LOCAL_UNIT_KIND.fullmatch(core) and lex.org_suffix(core) == core):
        return "org"  # 协调处, 督查处, 宣传科, 宣传部门, 组织部, 培训机构, 派出所, 检查组: a unit named after its work, not a verb phrase
    if not relative and (core.startswith(lex.stop_openers) or _NAME_KIND_RX3.search(core)):
        return None
    if any(core[m.end():] not in DIVISION_SUFFIXES + ("部门", "部", "组")
           for m in lex.verb_after_body_rx.finditer(core) if m.end() < len(core)):
        return None  # 延吉市住房和城乡建设局督导燃气企业: a body, then what it does (市局指导科 is a division)
    if ZONE.fullmatch(core) or LEVEL_RUN.match(core):
        if place_only(core):
            return "place"
        # 村(社区), 镇村: a run of grassroots levels names every such place's body, a class
        whole = re.sub(r"[()（）]", "", p)  # the level a note adds counts: 村(社区)
        return "class" if len(LEVEL_WORDS_RX.findall(whole)) >= 2 and GRASSROOTS.search(whole) else None
    person = lex.person_suffix(core)
    suffix = lex.org_suffix(core)
    if person and (not suffix or len(person) > len(suffix)):
        if "的" in core and len(core) <= 24:
            return "person"  # 进入戒严区域的车辆和个人: a class of people by what they do
        # (相关市州防汛行政责任人: a collective word before the class adds no phrase to it)
        bare = len(core) - len(lex.collective_prefix(core) or "")
        return "person" if bare <= 10 and not has_verb(core) else None  # 各级领导干部, 护林员
    if suffix:
        if (len(core) == len(suffix) and core not in lex.abbreviations and not LOCAL_UNIT_KIND.fullmatch(core)
                and core not in department_names()) or core in ("人民政府", "政府"):
            return None  # a bare suffix names nobody (政府主要负责同志…); 应消站, 安委办 do, and so
            # does a kind of unit a place has one of (派出所, 卫生院: the township's own)
        if len(core) == 2 and len(suffix) == 1 and core[0] not in LEVEL_CHARS and core not in lex.abbreviations \
                and core[0] not in lex.department_by_stem:
            return None  # 分组, 编组, 小组: a word ending in 组/队/处, no unit (县局, 市委 are)
        if core.endswith(lex.verb_endings) or core.startswith(("带队", "领队")):
            return None  # 督办, 举办, 带队: a verb ending in 办/队, not an office
        if core.endswith(lex.extent_endings):
            return None  # 伊宁县域大部, 全市东南部: where weather falls
        if GENERIC_HEAD.search(core) and not leading_place_word(core) and has_verb(core):
            return None  # 倒逼企业, 探索第三方技术服务机构: a verb phrase
        return "org"
    if lex.person_suffix(core):
        return "person" if len(core) <= 10 and not has_verb(core) else None
    if place_only(core):
        return "place"
    if special_shaped(core):
        return "org"  # 区应急 (牵头单位:区应急): a body the lexicon names from its place and stem
    return None


@lru_cache(maxsize=1)
def department_names() -> frozenset[str]:
    """Every department's name at some level (交通运输局, 农业农村局): written bare, a department of
    the document's place, though the suffix list holds it to find longer names' ends."""
    return frozenset(n for d in lexicon().departments for n in d.names.values())


def level_department(name: str) -> str | None:
    """The department stem of a level word and a stem written bare (省国土资源、安监…等部门: 省国土资源
    is the province's land department), or None; the level words are those a list of stems opens on."""
    m = STEM_LIST_LEVEL.match(name)
    stem = name[m.end():] if m and len(m.group(0)) == 1 else ""
    return stem if stem in lexicon().department_by_stem else None


def special_shaped(name: str) -> bool:
    """Whether a [special] lexicon key matches `name` whole with a level word or a place's
    name in its place slots (区应急, 市委办, 武警河北总队)."""
    for tail, rx in _special_tails():
        if not name.endswith(tail):
            continue  # one string test spares the pattern (name_kind asks this of most names)
        m = rx.fullmatch(name)
        if m and all(v in ("省", "市", "县", "区") or (hit := gazetteer().place_prefix(v)) is not None
                     and hit[1] == len(v) for v in m.groupdict().values() if v is not None):
            return True
    return False


def cut_at(text: str, *positions: int) -> bool:
    """Whether word segmentation of the surroundings cuts `text` at every one of `positions`: a
    name or a place ends or starts there, not inside a word (镇安 in 各乡镇安全生产 is 乡镇 + 安全;
    应急队|伍 is inside 队伍)."""
    import jieba

    lo = max(0, min(positions) - 6)
    cuts, pos = {lo}, lo
    for w in jieba.lcut(text[lo:max(positions) + 6], HMM=False):
        pos += len(w)
        cuts.add(pos)
    return all(p in cuts for p in positions)


def leading_place_word(name: str) -> bool:
    # (自治区有关部门 in 新疆's plan opens on its own level word, as 省有关部门 does)
    if re.match(r"^(各|省|自治区|市|县|区|乡|镇|旗|盟|州)", name):
        return True
    hit = gazetteer().place_prefix(name)
    # (公安局 opens on 公安县's short form, but 公安 is the police's stem there: no place)
    return hit is not None and not (name[:hit[1]] != hit[0].name and name[:hit[1]] in lexicon().department_by_stem)


@lru_cache(maxsize=65536)
def has_verb(name: str) -> bool:
    """Whether a name opens with a verb (倒逼企业, 常态化推动领导 are phrases; 四大班子领导,
    负有…职责的部门 are names)."""
    import jieba.posseg

    if "的" in name:
        return False  # a relative clause names a class: 负有安全监管职责的行业主管部门
    words = [(w, f) for w, f in jieba.posseg.lcut(name, HMM=False) if w.strip()]
    for word, flag in words[:2]:
        if flag in ("v", "vd", "ad") and len(word) >= 2 and word not in ("有关", "相关", "负有"):
            return True
    return False


def opens_a_clause(name: str) -> bool:
    """Whether what reads as a subject is a clause's start: it opens on two verbs (组成联合检查组)
    or on 望 (望广大用户积极配合), or holds a preposition before its last word (不断完善以企业负责人为
    重点). Names do not (发改委, 预警信息发布平台, 自然资源(林业)局; 负有…职责的部门: a relative
    clause names a class)."""
    import jieba.posseg

    if "的" in name or len(name) < 4:
        return False
    words = [(w, f) for w, f in jieba.posseg.lcut(name, HMM=False) if w.strip()]
    if len(words) < 2:
        return False
    (w0, f0), (w1, f1) = words[0], words[1]
    # (被检查单位: the units inspected — 被 opens a passive class, no clause)
    return w0 == "望" or (f0 == "v" and f1 == "v" and len(w0) >= 2 and w1 not in ("有关", "相关")) \
        or any(f == "p" and not (k == 0 and w == "被") for k, (w, f) in enumerate(words[:-1]))


def place_only(name: str) -> bool:
    """各县区, 各地, 各市州, 各乡镇, 长春新区: a place (or class of places) standing for its
    government or its bodies."""
    s = tidy(name)
    if s in ("各地", "各地区", "各部门", "各单位"):
        return True
    if LEVEL_RUN.match(s):
        # 各县区, 沿江各镇; a bare run of two levels (州市, 县区) is the class too
        return s.startswith(("各", "沿江各", "其他", "其余", "其它", "有关", "相关", "上述")) \
            or len(LEVEL_WORDS_RX.findall(s)) >= 2
    hit = gazetteer().place_prefix(s)
    if hit is not None and hit[1] == len(s) and hit[0].level >= 2:
        return True
    return bool(ZONE.fullmatch(s))


# 各委、办、厅、局: single-character body suffixes listed after 各 (or after one another)
SUFFIX_RUN_BEFORE = re.compile(r"各[委办厅局](?:、[委办厅局])*$")
SUFFIX_LIST_SEP = re.compile(r"(?<=[委办厅局])、(?=[委办厅局](?![\u4e00-\u9fff]{2}))")
SUFFIX_AFTER = re.compile(r"[委办厅局](?![\u4e00-\u9fff]{2})")


DIRECT_MODIFIER = re.compile(rf"各?{DIRECT_PLACE}(?:各)?")


# a company's or an office's division by its kind (行政部, 财务科, 教务处, 综合室): short, no place
JOINED_DIVISION = re.compile(r"[\u4e00-\u9fff]{1,3}(?:部|科|室|处)")


def split_names(span: str) -> list[tuple[str, int]]:
    """The pieces of a list of names, each with its offset in `span`.

    Separators inside a bracketed note split nothing (各县(市、区)人民政府); a known class
    stays whole (任何单位和个人); a run of level words is one collective with what follows it
    (各市、州、直管市及神农架林区人民政府); 各县区各单位 is two classes."""
    lex = lexicon()
    masked = _SPLIT_NAMES_RX1.sub(lambda m: MASK * len(m.group(0)), span)
    raw: list[tuple[str, int, str]] = []  # piece, offset, separator before it
    pos, sep = 0, ""
    for m in SEPARATORS.finditer(masked):
        left = span[pos:m.start()]
        if m.group(0) == "、" and SUFFIX_RUN_BEFORE.search(span, 0, m.start()) and SUFFIX_AFTER.match(span, m.end()):
            continue  # 省直各委、办、厅、局: one class of bodies listed by their suffixes
        if m.group(0) in ("和", "及", "与") and (
                spans_known_name(span, m.start()) or (name_kind(left) is None and not LEVEL_RUN.match(tidy(left))
                                                       and not (member_noun(left, lenient=True)
                                                                and name_kind(first_piece(span[m.end():]))
                                                                and not ((m.group(0) == "与" or first_piece(span[m.end():]).endswith(NAMEPLATES))
                                                                         and sep == "、" and raw
                                                                         and name_kind(raw[-1][0]) == "org"
                                                                         and lex.org_suffix(tidy(left)) is None))
                                                       or m.group(0) != "与" and JOINED_DIVISION.fullmatch(first_piece(span[m.end():]))
                                                       and len(tidy(left)) <= 6 and lex.org_suffix(tidy(left)) is None)):
            # 发展和改革委员会, 住房和城乡建设厅: a conjunction inside one name; so is 与 after a plain noun
            # listed after a body (气候中心、生态与农业气象中心, as 应急与减灾处: 与 joins a unit's fields),
            # and 及/和 before a short division (人力资源及行政部: one department of two fields)
            continue
        raw.append((left, pos, sep))
        pos, sep = m.end(), m.group(0)
    raw.append((span[pos:], pos, sep))
    raw = [r for r in raw if r[0].strip()]
    out: list[tuple[str, int]] = []
    seps: list[str] = []
    i = 0
    while i < len(raw):
        piece, off, _ = raw[i]
        j = i
        # merge a level-word run, or a known class split by 和 (任何单位和个人), with what follows
        while j + 1 < len(raw):
            nxt, _, nsep = raw[j + 1]
            joined = piece + ("" if nsep == "、" else nsep) + nxt
            # (各县(市、区)、市安委会有关成员单位: a class whose note spells out its levels is closed;
            # the 市 after it opens a body of its own)
            closed = piece.rstrip().endswith((")", "）")) and nsep == "、" and "、" in piece[piece.rfind("("):]
            if LEVEL_RUN.match(tidy(piece)) and nxt.strip() and not closed and (
                    same_rank_run(tidy(piece), tidy(BRACKET.sub("", nxt)))
                    or (nsep in ("及", "以及", "和") and region_named_at_start(tidy(nxt)))
                    or (nsep in ("及", "以及", "和") and LEVEL_RUN.match(tidy(piece).lstrip("各"))
                        and gazetteer().place_prefix(tidy(nxt)) is not None)):
                piece, j = joined, j + 1
                continue
            if tidy(joined) in lex.collective_names:
                piece, j = joined, j + 1
                continue
            if nsep in ("和", "及", "与", "以及") and tidy(nxt) == "个人" and \
                    tidy(piece).endswith(("单位", "企业", "组织")):
                piece, j = joined, j + 1  # 森林经营单位及个人, 确因生产需用火的单位和个人: one class
                continue
            if nsep == "、" and _SPLIT_NAMES_RX4.fullmatch(tidy(piece)) and \
                    _SPLIT_NAMES_RX5.match(tidy(nxt)):
                piece, j = joined, j + 1  # 省、中直负有…职责的部门 / 省、市有关部门: one class
                continue
            if nsep in ("和", "及", "与", "以及") and DIRECT_MODIFIER.fullmatch(tidy(piece)) and nxt.strip():
                piece, j = joined, j + 1  # 县直和驻歙有关单位: 县直 qualifies the class after it, one class
                continue
            if tidy(piece) == "各级" and nxt.startswith("各"):
                piece, j = piece + nxt, j + 1  # 各级、各相关部门: one class (各级各相关部门)
                continue
            break
        # 各县区各单位 / 各县区各有关部门 / 各地各部门各单位: classes written together
        m2 = _SPLIT_NAMES_RX3.match(tidy(piece))
        chain = chained_classes(piece) if tidy(piece) == WHOLE_PLACE_BEFORE_EACH.sub("", tidy(piece)) else None
        if chain:
            for n, (g, k) in enumerate(chain):
                out.append((g, off + k))
                seps.append(raw[i][2] if n == 0 else "、")
        elif m2 and LEVEL_RUN.match(m2.group(1)):
            k = len(m2.group(1))
            out.append((piece[:k], off))
            out.append((piece[k:], off + k))
            seps += [raw[i][2], ""]
        elif pair := TOWN_STREET_PAIR.fullmatch(piece.strip()):
            # 各乡镇(街道)人民政府(办事处), 各镇街人民政府(办事处): the townships' governments and the
            # sub-districts' offices, each head with its own kind of unit
            lead = off + len(piece) - len(piece.lstrip())
            out.extend(town_street_heads(pair, lead, lead + pair.start("office")))
            seps += [raw[i][2], "、"]
        elif piece.strip():
            if _SPLIT_NAMES_RX6.search(piece) and i == len(raw) - 1 or _SPLIT_NAMES_RX7.search(piece) and j == len(raw) - 1:
                piece = piece.rstrip("等")  # 县信访局、县公安局等: the list ends
            out.append((piece, off))
            seps.append(raw[i][2])
        i = j + 1
    return distribute_shared(out, seps)


def places_share_next_head(pieces: list[tuple[str, int]], kinds: list[str | None]) -> tuple[list, list]:
    """各省辖市、省直管县(市)旅游局 / 各省辖市、各试点直管县人民政府: a class of places of another
    rank before a class of bodies shares that body's head (各省辖市旅游局, 各省直管县市旅游局), and
    its 各 counts the places after it too."""
    out_p, out_k = list(pieces), list(kinds)
    for i in range(len(pieces) - 1):
        (p, o), (q, qo) = pieces[i], pieces[i + 1]
        if kinds[i] != "place" or kinds[i + 1] != "org" or not p.startswith("各") or not LEVEL_RUN.fullmatch(tidy(p)):
            continue
        bare = merge_brackets(q)
        run = max((k for k in range(2, len(bare)) if LEVEL_RUN.fullmatch(bare[:k].lstrip("各"))), default=0)
        head = bare[run:]
        if not run or head.startswith("各") or re.match(r"全|其|有关|相关|上述|沿", bare.lstrip("各")) \
                or not (name_kind(head) == "org" or lexicon().org_suffix(head) == head):
            continue  # (the head: 旅游局, or a bare suffix word such as 人民政府)
        out_p[i] = (p + head, o)
        out_k[i] = "org"
        if not q.startswith("各"):
            out_p[i + 1] = ("各" + q, qo)
    return out_p, out_k


CHAIN_OPENER = re.compile(r"^(?:其他|其它|全(?:省|市|州|县|区|盟|旗))(?=各)")
CHAIN_CLASS = re.compile(r"各(?:有关|相关)?(?:部门|成员单位|单位|企业|地区|地)")


def chained_classes(piece: str) -> list[tuple[str, int]] | None:
    """各区各部门各单位 / 其他各区各部门各单位 / 全州各级各部门各单位: classes written together, one
    each (各级 stays with the class it grades: 各级各部门); a 其他 or 全州 before them is
    dropped. None unless every link is a class of places or of bodies."""
    opener = CHAIN_OPENER.match(piece)
    at = opener.end() if opener else 0
    links = [(m.group(0), at + m.start()) for m in re.finditer(r"各[^各]+", piece[at:])]
    if len(links) < 2 or "".join(g for g, _ in links) != piece[at:]:
        return None
    merged: list[tuple[str, int]] = []
    for g, k in links:
        if merged and merged[-1][0] == "各级":
            merged[-1] = ("各级" + g, merged[-1][1])
        else:
            merged.append((g, k))
    if len(merged) < 2:
        return None
    for n, (g, _) in enumerate(merged):
        graded = g.removeprefix("各级")
        # (after the first, a class of units by its shape: 各地各中小学校(幼儿园))
        if not (CHAIN_CLASS.fullmatch(graded) or LEVEL_RUN.fullmatch(g) and place_only(g)
                or n and not g.startswith("各级") and name_kind(g) in ("org", "class")):
            return None
    return merged


TOWN_STREET_PAIR = re.compile(r"(?P<q>各)?(?P<town>乡镇|镇|乡)(?:[(（]街道[)）]|街道?)(?P<gov>人民政府|政府)"
                              r"(?P<office>[(（](?:街道)?办事处[)）])")
def town_street_heads(pair: re.Match[str], at: int, office_at: int) -> list[tuple[str, int]]:
    """The two bodies a TOWN_STREET_PAIR names: the townships' governments and the sub-districts'
    offices, each head with its own kind of unit."""
    q = pair["q"] or ""
    return [(q + pair["town"] + pair["gov"], at), (q + "街道办事处", office_at)]


CLASS_NOUN = re.compile(r"[\u4e00-\u9fff]{1,4}(单位|部门)")
FARMS = r"(?:林场|农场|牧场)"  # state farms, units of their own (lexicon.toml lists them as suffixes)
# A list's leading quantifier or level (各, 各级, 地方各级, 各县级, 各县区) that its bare members share.
QUANTIFIER = re.compile(r"^(地方各级|各级|各(?:[省市州县区乡镇旗盟]|街道)+级?|各)(?=[\u4e00-\u9fff]{2})")
BARE_CLASS = re.compile(r"[\u4e00-\u9fff]{0,6}(单位|部门|机关|团体|组织|机构|企业|媒体)|(?:人民)?政府|党委|"
                        r"(?:乡镇|镇|乡|街道|村|社区)(?:人民政府|政府|办事处)|"
                        r"处室|科室|股室|分中心|办事处|站所|分公司|管委会|" + FARMS)  # a body's own units (各处室、分中心、办事处); zones' 管委会


def bare_class(name: str) -> bool:
    """A list member that names a class of bodies and says nothing of its own scope: no
    quantifier, modifier, relative clause or place (企事业单位, 团体, 政府, 安全监管部门; not
    相关部门, 具有执法职能的部门, 省级有关部门, 市场监管部门 — which opens like a place)."""
    return bool(BARE_CLASS.fullmatch(name)) and "的" not in name and not leading_place_word(name) \
        and not re.match(r"^(有关|相关|所有|全体|其他|其它|本|该|涉及|属地|辖区)", name) \
        and not name.startswith(lexicon().stop_openers)
GENERIC_LOCAL = re.compile(r"(街道|乡镇|镇|乡|村|社区)(办事处|人民政府|政府)")


OWN_LEVEL = re.compile(r"^(?:街道|社区|乡镇|乡|镇|村|苏木|嘎查)")


# a body's own offices, named after 及其 (各级安委会及其办公室): that body's
OWN_OFFICES = ("办公室", "办事机构", "工作机构", "常设机构")
# … and its own subordinate units (龙煤集团及其分公司和所属煤矿): that body's, each of them
OWN_UNITS = re.compile(r"(?:所属|下属|直属)[\u4e00-\u9fff]{1,6}|(?:分|子)公司|分局|分中心")


def levels_only(name: str) -> bool:
    """各镇乡(街道办), 各县区: a class of places (and the sub-districts' offices), no body's word —
    a bare 部门 after it is every department, not the places' (各镇乡部门)."""
    return bool(LEVEL_RUN.match(name) or LEVEL_RUN.match(re.sub(r"(?:办事处|办)$", "", name)))


def distribute_shared(pieces: list[tuple[str, int]], seps: list[str] | None = None) -> list[tuple[str, int]]:
    """What a list's first member says once holds for the bare members after it:
    各牵头单位和责任单位 -> 各责任单位; 各镇人民政府、街道办事处 -> 各街道办事处;
    省政府各厅委办、各直属机构 -> 省政府各直属机构. Only within one list (not across a comma:
    国务院安委会各成员单位,各有关单位 are two addressees)."""
    if len(pieces) < 2:
        return pieces
    seps = seps or [""] * len(pieces)
    if any(sp in (",", ",", ";") for sp in seps[1:]):
        first_comma = next(k for k, sp in enumerate(seps) if k and sp in (",", ",", ";"))
        return distribute_shared(pieces[:first_comma], seps[:first_comma]) + \
            distribute_shared(pieces[first_comma:], [""] + seps[first_comma + 1:])
    first = tidy(pieces[0][0])
    out = [pieces[0]]
    owner = _DISTRIBUTE_SHARED_RX1.match(first)
    quantifier = QUANTIFIER.match(first)
    modifier = _DISTRIBUTE_SHARED_RX2.match(first)
    prev = first
    its: str | None = None  # the body a 及其 named, whose own units follow
    for k, (p, o) in enumerate(pieces[1:], 1):
        t, written = tidy(p), p
        before, prev = prev, t
        if seps[k] == "及其" and t in OWN_OFFICES:
            out.append((tidy(pieces[k - 1][0]) + p, o))  # 各级安委会及其办公室 -> 各级安委会办公室
            continue
        if seps[k] == "及其" and OWN_UNITS.fullmatch(t):
            its = tidy(pieces[k - 1][0])
        if its and OWN_UNITS.fullmatch(t):
            out.append((its + p, o))  # 龙煤集团及其分公司和所属煤矿 -> 龙煤集团分公司, 龙煤集团所属煤矿
            continue
        its = None
        shared_prev = _DISTRIBUTE_SHARED_RX3.match(before)
        if shared_prev and t in ("部门", "单位"):
            out.append((shared_prev.group(1) + p, o))  # 各地区、各有关部门和单位 -> 各有关单位
            continue
        if modifier and not t.startswith(modifier.group(1)) and (LEVEL_RUN.match(t) or t in ("企业", "单位", "部门")):
            out.append((modifier.group(1) + p, o))  # 被采访市(州)、县(区)和企业 -> 被采访县区, 被采访企业
            continue
        shared = _DISTRIBUTE_SHARED_RX3.match(first)
        if shared and t in ("部门", "单位"):
            p = shared.group(1) + p  # 各有关部门和单位 -> 各有关单位
        elif quantifier and t in ("部门", "单位") and (quantifier.group(1) == "各" or levels_only(first)):
            # 各乡镇、部门主要负责同志: a bare 部门 is no party; it is every department (and every
            # one concerned after 各有关: 各有关市、县(市、区)和单位 -> 各有关单位)
            p = (first[:3] if first.startswith(("各有关", "各相关")) else "各") + p
        elif quantifier and bare_class(t) and (CLASS_NOUN.search(first) or not place_only(first)) \
                and "等" not in t:  # (各级消防救援机构和住建等部门: the stems before 等 carry their own head)
            q = quantifier.group(1)
            if q.startswith("各") and len(q) > 1 and (OWN_LEVEL.match(t) or t == "管委会"):
                q = "各"  # 各镇人民政府、街道办事处 -> 各街道办事处: the member names its own level
            p = q + p  # 各党政机关、团体 -> 各团体; 地方各级安委会和安全监管部门
        elif owner and t.startswith("各") and not owner.group(1).startswith("各") \
                and _DISTRIBUTE_SHARED_RX4.search(t):
            p = owner.group(1) + p
        pair = TOWN_STREET_PAIR.fullmatch(p)
        if pair and p != pieces[0][0]:
            # 各乡(镇、街道)党委、政府(办事处): the townships' governments and the sub-districts' offices
            out.extend(town_street_heads(pair, o, o + max(0, len(written) - len(pair["office"]))))
            continue
        out.append((p, o))
    return out


# a level word anywhere (各地 is one, 地区 after 各 is not read as 地)
LEVEL_WORDS_RX = re.compile("|".join(_LEVEL_NAMES) + r"|(?<=各)地(?!区)")


def level_rank(word: str) -> int:
    """The rank of a level word (1 province … 5 village); 0 when it is none."""
    lex = lexicon()
    return lex.level_words.get(word) or lex.grassroots_levels.get(word) or (2 if word == "地" else 0)


def opens_a_word(text: str, k: int) -> bool:
    """Whether the level word ending at `k` is the head of a common word with the next character
    (村民, 居民, 市场), not a level word: jieba's dictionary frequency decides."""
    import jieba

    if k >= len(text) or LEVEL_WORDS_RX.match(text, k):
        return False
    jieba.dt.check_initialized()
    return (jieba.dt.FREQ.get(text[:k + 1]) or 0) >= 100


def same_rank_run(piece: str, nxt: str) -> bool:
    """各州、市人民政府 / 各市、州国土资源局: the next piece opens with a level word of the
    same rank as the run before it (沿江各镇(街道)、市防指… does not: 镇 and 市 differ)."""
    last = LEVEL_WORDS_RX.findall(piece)
    first = LEVEL_WORDS_RX.match(nxt)
    if not last or not first:
        return False
    if opens_a_word(nxt, first.end()):
        return False  # 村(社区)、村(居)民小组: 村民 is a word, not the level 村 before a unit
    rank = level_rank
    a, b = last[-1], first.group(0)
    if b == "街道" and nxt == "街道" and a in ("乡", "镇"):
        return False  # 各乡镇、街道 (no head after them): townships and sub-districts, each one class
    if "市" in (a, b) and {rank(a), rank(b)} <= {2, 3}:
        return True  # 各县、市、区 / 各市、县: 市 is a county-level city beside counties (县级市)
    return rank(a) == rank(b)


def region_named_at_start(name: str) -> bool:
    """Whether a name opens with a place's full name (神农架林区…), not a short form."""
    g = gazetteer()
    return any(name.startswith(n) for n in (name[:k] for k in range(2, min(len(name), 10) + 1)) if n in g.by_name)


def parse_names(span: str, strict: bool) -> list[tuple[str, int, str]] | None:
    """(see _parse_names) — memoised: the same windows are read by several frames."""
    found = _parse_names(span, strict)
    return list(found) if found is not None else None


# a class of parties named by what they do (在禁火区域从事野营、登山、旅游等活动的人员, 经有关部门批准在林区
# 从事采矿等生产经营活动的企业, 进入封山禁火区的各种机动车辆): a relative clause and its head, kept as
# written — the list inside the clause is of activities, not of parties (also nlp/parties.RELATIVE_SUBJECT)
RELATIVE_HEAD = r"(?:各种|各类|所有)?(?P<head>人员|个人|单位和个人|单位|企业|车辆|机动车辆|煤矿|矿山|船舶)"
# the departments named by the duty they bear (负责施工告知办理的质监部门, 负有安全监管职责的部门)
DUTY_RELATIVE = re.compile(r"(?:负责|负有|承担|主管)[^,，。;；:：\d、和及与]{2,24}?的[\u4e00-\u9fff]{0,6}?(?:部门|机构|单位)")
RELATIVE_CLASS = re.compile(r"[^,，。;；:：()（）《》“”]{3,34}的" + RELATIVE_HEAD)


# one level word with 级 (省级和省级以下): a level of one character, or 地 (地级)
_ONE_CHAR_LEVELS = "".join(sorted(w for w in _LEVEL_NAMES if len(w) == 1))
LEVEL_QUALIFIER = re.compile(f"[{_ONE_CHAR_LEVELS}地]级")
# 县、乡镇两级政府 / 省市县三级党委和政府: the governments of each level named, one party a level
_SHARED_LEVEL = "|".join(sorted({*_LEVEL_NAMES, "乡镇"}, key=len, reverse=True))
_SHARED_LEVEL_RX = re.compile(_SHARED_LEVEL)
LEVEL_GOVERNMENTS = re.compile(f"^(?P<levels>(?:{_SHARED_LEVEL})(?:[、和及]?(?:{_SHARED_LEVEL}))+)[两二三四五]级"
                               f"(?P<head>{'|'.join((*lexicon().level_governments, *lexicon().level_people))})$")


@lru_cache(maxsize=65536)
def _parse_names(span: str, strict: bool) -> tuple[tuple[str, int, str], ...] | None:
    levels = LEVEL_GOVERNMENTS.fullmatch(span.strip())
    if levels:
        head = levels.group("head")
        person = head in lexicon().level_people  # (镇、村两级河长: 镇级河长, 村级河长)
        return tuple((m.group(0) + ("级" if person else "") + head, m.start(), "person" if person else "org")
                     for m in _SHARED_LEVEL_RX.finditer(levels.group("levels")))
    relative = RELATIVE_CLASS.fullmatch(span)
    if relative and not span.startswith(("对", "向", "与", "为", "把", "将", "按", "根据", "按照")) \
            and not re.search(r"\d", span):  # (6月16日分别到督导地区的企业: a date and what happens on it)
        return ((span, 0, "person" if relative.group("head") in ("人员", "个人") else "class"),)
    found = _parse_names_uncached(span, strict)
    if found is None:
        found = _joined_lists(span, strict)
    if found is None:
        found = _shared_quantifier(span, strict)
    return tuple(found) if found is not None else None


def _shared_quantifier(span: str, strict: bool) -> list[tuple[str, int, str]] | None:
    """各级应急、煤矿安全监管部门和煤矿企业: 各级 quantifies the department classes that share 部门
    (各级应急部门, 各级煤矿安全监管部门); what the list names besides stays as written."""
    q = EVERY_LEVEL.match(span)
    if not q or "、" not in span:
        return None
    inner = _parse_names(span[q.end():], strict)
    if not inner or not all(k in ("org", "class") for _, _, k in inner):
        return None
    return [(q.group(0) + p if p.endswith(("部门", "机关")) else p, o + (0 if p.endswith(("部门", "机关")) else q.end()),
             "class" if p.endswith(("部门", "机关")) else k) for p, o, k in inner]


EVERY_LEVEL = re.compile(r"^各级(?=[\u4e00-\u9fff]{2})")


def _joined_lists(span: str, strict: bool) -> list[tuple[str, int, str]] | None:
    """定西、陇南…等市(州)抗旱防汛指挥部及岷县、漳县抗旱防汛指挥部: two lists, each sharing its own
    head, joined by 及/和: each read on its own (the whole is no one list) — and so is a list
    sharing 部门 before one more name (应急、煤矿安全监管部门和煤矿企业)."""
    for m in LIST_JOINER.finditer(span):
        left, right = span[:m.start()], span[m.end():]
        if "、" not in left:
            continue  # (a name of its own may hold 和: 住房和城乡建设局; a list before it may not)
        a, b = _parse_names(left, strict), _parse_names(right, strict)
        if a and b:
            return list(a) + [(p, o + m.end(), k) for p, o, k in b]
    return None


LIST_JOINER = re.compile(r"以及|及|和|与")


def clear_memos() -> None:
    """Forget every memoised name reading (benchmarks measure a document read cold)."""
    for fn in (canonical_name, name_kind, has_verb, _parse_names, tidy):
        fn.cache_clear()


PLACE_CLASS = re.compile(r"各(?:[省市州县区乡镇旗盟]|街道|社区){1,4}")
GRASSROOTS_MEMBER = re.compile(rf"{GRASSROOTS_LEVELS}|街道|[农林牧渔茶果]?{FARMS}")  # 农林场 too; 国有林场 is a kind of its own
STAFF_OF = re.compile(r"(?P<body>.+?)(?:的)?(?:有关|相关)?(?:工作)?人员")


def _parse_names_uncached(span: str, strict: bool) -> list[tuple[str, int, str]] | None:
    """The bodies of a list of names as (piece, offset, kind).

    Pieces that share a head are completed from it: 公安、卫生、民政等分包县直部门 -> the stems
    and the class 分包县直部门; 各县区党委、政府 -> 各县区党委, 各县区政府; 兰州高新区、兰州经开区党工委、
    管委会 -> each zone with each committee. `strict` (a clause's subject): every piece must
    look like a body; otherwise (a labelled field) pieces that do not are dropped."""
    pieces = split_names(span)
    if not pieces:
        return None
    listed = _shorts_of_levels(pieces)
    if listed is not None:
        return listed
    if len(pieces) == 2:
        level, rest = tidy(pieces[0][0]), tidy(pieces[1][0])
        bound = re.match(re.escape(level) + r"(?:以上|以下)(?:\(含\)|（含）)?", rest) if LEVEL_QUALIFIER.fullmatch(level) else None
        if bound and len(rest) > bound.end():
            # 省级和省级以下民政部门: the level and the levels under it, each with the departments
            pieces = [(level + rest[bound.end():], pieces[0][1]), pieces[1]]
    last, off = pieces[-1]
    staff = STAFF_OF.fullmatch(last)
    if staff and name_kind(staff.group("body")) == "org":
        # 成员由市煤炭安全局、市国土资源局、市公安局有关人员组成: the bodies whose staff serve
        last = staff.group("body")
        pieces[-1] = (last, off)
    m = _PARSE_NAMES_UNCACHED_RX1.match(last)
    head = None
    if m and m.group("item"):
        pieces[-1] = (m.group("item"), off)
        head = (m.group("head"), off + m.end("item") + 1)
    elif m:
        return None
    elif len(pieces) >= 2:
        # 公安、交通运输部门: the stems before a stem + 部门 share its head
        tail = _PARSE_NAMES_UNCACHED_RX4.fullmatch(tidy(last))
        known = lexicon().department_by_stem
        if tail and (tail.group("stem") in known or member_noun(tail.group("stem"))) and \
                (tail.group("stem") in known or any(BRACKET.sub("", tidy(p)) in known for p, _ in pieces)) and \
                all(BRACKET.sub("", tidy(p)) in known or member_noun(BRACKET.sub("", p)) or place_only(p)
                    for p, _ in pieces[:-1]):
            # 应急管理、自然资源和规划(林业)、综合行政执法部门: one known stem makes it a list of
            # department classes; the others need only be plain nouns (a class of places before
            # them is a party of its own: 各乡镇和农牧、林业部门)
            pieces = [(p if tidy(p).endswith(tail.group("head")) or place_only(p) else p + tail.group("head"), o)
                      for p, o in pieces[:-1]] + [pieces[-1]]  # (林业主管部门、公安部门: both whole)
            level = STEM_LIST_LEVEL.match(tidy(pieces[0][0]))
            stem = BRACKET.sub("", tidy(pieces[0][0])[level.end():-len(tail.group("head"))]) if level else ""
            if level and (stem in known or member_noun(stem)):
                # 市煤炭、安监部门 / 各级煤炭、安监部门: the level the list opens on is every stem's
                pieces = [pieces[0]] + [(p if STEM_LIST_LEVEL.match(tidy(p)) or place_only(p) else level.group(0) + p, o)
                                        for p, o in pieces[1:]]
    if len(pieces) >= 2:
        # 林木、林地经营者 / 林区、牧区住户: short nouns before a person class share its head
        head_word = lexicon().person_suffix(tidy(pieces[-1][0]))
        # (not 广大业主和住户: 业主 is a person class of its own)
        if head_word and len(tidy(pieces[-1][0])) - len(head_word) <= 4 and \
                all(name_kind(p) is None and member_noun(p) and len(tidy(p)) <= 4
                    and not lexicon().person_suffix(tidy(p)) and lexicon().org_suffix(tidy(p)) != tidy(p)
                    for p, _ in pieces[:-1]):  # (nor 学校、家长: a school is a unit)
            pieces = [(p + head_word, o) for p, o in pieces[:-1]] + [pieces[-1]]
        post = next((w for w in lexicon().posts if tidy(pieces[-1][0]).endswith(w)), None)
        unit = tidy(pieces[-1][0])[:-len(post)] if post else ""
        if post and unit.startswith("各") and name_kind(unit) and \
                all(tidy(p).startswith("各") and name_kind(p) in ("org", "place", "class") for p, _ in pieces[:-1]):
            # 各科室、各社区负责人: the post of each class of units listed (各科室负责人, 各社区负责人)
            pieces = [(p + post, o) for p, o in pieces[:-1]] + [pieces[-1]]
    if len(pieces) >= 2 and head is None and name_kind(pieces[-1][0]) in ("class", "org") \
            and GENERIC_HEAD.search(tidy(pieces[-1][0])) and len(tidy(pieces[-1][0])) <= 8 \
            and not any(tidy(p).lstrip("省市州县区乡镇") in lexicon().department_by_stem for p, _ in pieces[:-1]) \
            and not tidy(pieces[-1][0]).startswith(("各", "有关", "相关", "所有", "全体")) \
            and not CLAUSE_MARK.search(span):
        # 森林、林地、林木经营单位: what a class of units runs, listed before it, is one class
        # (not 森林, 林地 as parties of their own), after any bodies the list names first — but
        # not department stems (县水利、防汛部门: each a department)
        k = len(pieces) - 1
        while k > 0 and name_kind(pieces[k - 1][0]) is None and member_noun(pieces[k - 1][0]) \
                and len(tidy(pieces[k - 1][0])) <= 4 and not pieces[k - 1][0].startswith("各"):
            k -= 1
        if k < len(pieces) - 1:
            pieces = pieces[:k] + [("".join(tidy(p) for p, _ in pieces[k:]), pieces[k][1])]
    if len(pieces) >= 2:
        # 林地经营者和所有者: bare holders after the first share its modifier (林地所有者)
        first = tidy(pieces[0][0])
        head_word = lexicon().person_suffix(first)
        modifier = first[:-len(head_word)] if head_word and head_word.endswith("者") else ""
        if 1 <= len(modifier) <= 4 and not modifier.startswith(("各", "有关", "相关")):
            pieces = [pieces[0]] + [(modifier + p if tidy(p) == lexicon().person_suffix(tidy(p)) and p.endswith("者")
                                     else p, o) for p, o in pieces[1:]]
    if len(pieces) >= 2 and PLACE_CLASS.fullmatch(tidy(pieces[0][0])):
        # 各乡镇、林场、村要…: grassroots units after a class of places are classes too (每个林场, 每个村)
        pieces = [pieces[0]] + [("各" + p if GRASSROOTS_MEMBER.fullmatch(tidy(p)) else p, o) for p, o in pieces[1:]]
    if len(pieces) >= 2 and tidy(pieces[0][0]).startswith("各") \
            and (lexicon().org_suffix(tidy(pieces[0][0])[1:]) == tidy(pieces[0][0])[1:]
                 or each_unit(pieces[0][0]) and not GENERIC_HEAD.search(pieces[-1][0])):
        # (各行业、系统主管部门: the head the list shares, which expand_shared gives back to 各行业)
        # 各中小学、幼儿园(含民办): a kind of unit after a class of units is each such unit too
        # (各处室、校区、分院(部): so is a short noun listed after it, whatever the kind — 各校区, 各分院)
        pieces = [pieces[0]] + [("各" + p if kind_of_unit_after_each(p) else p, o) for p, o in pieces[1:]]
    kinds = [name_kind(p) for p, _ in pieces]
    if len(pieces) >= 2 and all(k in (None, "place") for k in kinds) and None in kinds \
            and all(TOWNSHIP_SHAPE.fullmatch(tidy(p)) for p, _ in pieces):
        # 阿什里乡、庙尔沟乡、硫磺沟镇、榆树沟镇: a list of townships the gazetteer does not know
        # is a list of places by its shape (open world; the gazetteer only canonicalises)
        kinds = ["place"] * len(pieces)
    expanded = expand_shared(pieces, kinds, span)
    if expanded is not None:
        pieces, kinds = expanded
    pieces, kinds = places_share_next_head(pieces, kinds)
    named = any(k in ("org", "class", "place", "person") for k in kinds)
    out: list[tuple[str, int, str]] = []
    for idx, ((p, o), k) in enumerate(zip(pieces, kinds)):
        if k is None and head is not None and (head[0] == "部门" and (kinds.count("stem") >= 2
                                                                    or kinds.count("stem") and "等" in span)
                                               or head[0].endswith("部门") and len(pieces) == 1) \
                and member_noun(p) and 2 <= len(tidy(p)) <= 6 and not leading_place_word(tidy(p)):
            # 商务、旅游、园林绿化、文化…、民防等部门: among department stems a plain noun the lexicon
            # does not know is a department's stem too (open world; the lexicon only names it) —
            # and so is the one noun a department class is exemplified by (安全监管监察等各有关部门)
            k = "stem"
        elif k is None and idx > 0 and named and member_noun(p) and (head is not None or strict or p.startswith("各")) \
                and not opens_on_short_form(p):
            k = "member"  # 广播、电视、报刊 in "…和广播、电视、报刊、新媒体等公共媒体": members of a class
        elif k is None and each_unit(p) and "等" not in span \
                and not (len(pieces) == 2 and idx == 0 and GENERIC_HEAD.search(pieces[1][0])
                         and not span[pieces[1][1]:].startswith("各")):
            # (…等公众聚集场所, 各行业、系统主管部门: kinds under a head the list shares)
            k = "class"  # 各系(分院), 各矿, 各校区, 各班级: 各 and a kind of unit, whatever the kind
        if k is None or (k == "stem" and head is None):
            if strict:
                return None
            continue
        out.append((p, o, k))
    if head is not None:
        h, ho = head
        if _PARSE_NAMES_UNCACHED_RX2.search(h):
            out.append((h, ho, "class"))
    if not strict:
        # 县公安局(县公安消防大队、县公安交警大队): the bodies a note lists act too
        for p, o, _ in list(out):
            for bm in _PARSE_NAMES_UNCACHED_RX3.finditer(p):
                if bm.group(1) in BARE_SUFFIXES or bm.group(1).startswith(SCOPE_NOTE):
                    continue  # 党委(党工委), 政府(办事处): the unit's other name where it differs, no body more;
                    # 幼儿园(含民办): what the class includes, no body
                inner = parse_names(bm.group(1), strict=True)
                if inner and all(qk == "place" or q in ("社区", "村", "居", "街道") for q, _, qk in inner):
                    continue  # 各县(市、区): a note on the level, not bodies of its own
                if inner and len(inner) == 1 and inner[0][0] == bm.group(1) and p[:bm.start()].endswith(NAMEPLATES) \
                        and bm.group(1).endswith(NAMEPLATES):
                    continue  # 朔城区应急管理局(地方煤矿安全监督管理局): one office under two names, no body more
                for q, qo, qk in inner or []:
                    out.append((q, o + bm.start(1) + qo, qk))
    return out or None


@lru_cache(maxsize=1)
def _names_with_conjunction() -> tuple[str, ...]:
    lex = lexicon()
    words = {w for d in lex.departments for w in (*d.stems, *d.names.values())}
    words |= set(lex.abbreviations.values()) | set(lex.zones.values())
    return tuple(w for w in words if re.search(r"和|及|与", w))


@lru_cache(maxsize=1)
def _conjunction_places() -> dict[str, tuple[tuple[str, int], ...]]:
    """Each character of those names -> (name, where it stands in the name), for every place."""
    out: dict[str, list[tuple[str, int]]] = {}
    for w in _names_with_conjunction():
        for k, ch in enumerate(w):
            out.setdefault(ch, []).append((w, k))
    return {ch: tuple(v) for ch, v in out.items()}


def spans_known_name(span: str, at: int) -> bool:
    """Whether the conjunction at `at` is inside a department's name (发展和改革委员会)."""
    return any(at >= k and span.startswith(w, at - k) for w, k in _conjunction_places().get(span[at], ()))


def member_noun(piece: str, lenient: bool = False) -> bool:
    """A short noun listed among bodies (报刊, 航空消防飞机, 护林组织): no phrase material, and
    no verb opening it unless a body's name follows (`lenient`)."""
    lex = lexicon()
    p = tidy(piece)
    return 2 <= len(p) <= 8 and not (set(p) & lex.bad_chars) and not p.startswith(lex.stop_openers) \
        and not re.search(r"[0-9A-Za-z]", p) and not ACTING_ADVERB.search(p) and (lenient or not has_verb(p))


def kind_of_unit_after_each(piece: str) -> bool:
    """A piece listed after 各 and a kind of unit that is a kind of unit too (幼儿园(含民办) after
    各中小学; 校区, 分院(部) after 各处室): a suffix written alone, or a short noun no reading took."""
    bare = BRACKET.sub("", tidy(piece))
    if len(bare) < 2:
        return False  # (各分中心、办: the start of 办事处, no kind)
    if lexicon().org_suffix(bare) == bare and name_kind(piece) in (None, "class"):
        return True
    return name_kind(piece) is None and each_unit("各" + piece) and member_noun(piece)


def each_unit(piece: str) -> bool:
    """各 and a short noun no other reading took (各系(分院), 各班级, 各矿): each unit of that kind.
    Levels of places (各市州, 各县市区) and zones keep their own readings (they share what follows)."""
    p = merge_brackets(tidy(piece))
    each = EACH_UNIT.fullmatch(p)
    return bool(each) and not LEVEL_RUN.match(p) and not ZONE_WORD.search(p) \
        and not each.group(1).startswith(lexicon().stop_openers) and not has_verb(each.group(1))


def opens_on_short_form(piece: str) -> bool:
    """Whether a piece is a body's known short form and more (减灾委分类 in 安委会、减灾委分类统筹: a
    body and how it acts, no plain noun listed among bodies)."""
    p = tidy(piece)
    m = lexicon().abbreviation_rx.match(p)
    return m is not None and 0 < m.end() < len(p)


def first_piece(span: str) -> str:
    return SEPARATORS.split(span, maxsplit=1)[0]


SCOPE_NOTE = ("含", "包括", "包含", "不含", "除")
PARTY_ORGAN_IN_FULL = re.compile(r"^中共(.+?(?:委员会|委))")
LEVEL_COMMITTEE = re.compile(r"(省|自治区|市|州|县|区|旗|镇|乡)(?:党)?委")
# the heads of a government office: a note of one such name after another is the office's other
# nameplate (应急管理局(地方煤矿安全监督管理局), 农业局(林业局), 安委办(应急局)), not a body of its own
NAMEPLATES = ("局", "厅", "委", "委员会", "办", "办公室")
BARE_SUFFIXES = ("人民政府", "政府", "党委", "党工委", "管委会", "管理委员会", "安委会", "安委办", "应急管理局",
                 "应急局", "安监局")


# Words that describe a class of departments (主管、监管部门), not name a department.
ATTRIBUTE_WORDS = ("主管", "监管", "管理", "执法", "有关", "相关", "职能")
DIVISION_SUFFIXES = ("处", "科", "室", "股", "办", "中心", "大队", "支队", "总队")
# A numbered division of a body (监管一处, 第三大队): a name whatever word opens it.
NUMBERED_DIVISION = re.compile(r"(?P<stem>[\u4e00-\u9fff]{0,6}?)[一二三四五六七八九十]{1,3}(处|科|室|股|组|大队|中队|支队)")


# "琼海、万宁、…、陵水等市县", "定西、陇南、…、甘南等市(州)抗旱防汛指挥部": places by their short
# names, closed by 等, the levels they are, and the body each has (or none: the places act).
LEVEL_CLOSE = re.compile(r"^(?P<short>[\u4e00-\u9fff]{2,4}?)" + PLACES_CLOSED_BY
                         + r"(?P<levels>" + PLACE_LEVELS + r")(?P<tail>[\u4e00-\u9fff]*)$")


def _shorts_of_levels(pieces: list[tuple[str, int]]) -> list[tuple[str, int, str]] | None:
    """Each short is the one place of the named levels in one province that it can be; every
    short must resolve, or the list is not read this way."""
    m = LEVEL_CLOSE.match(tidy(pieces[-1][0]))
    if m is None or len(pieces) < 2 or not all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", tidy(p)) for p, _ in pieces[:-1]):
        return None
    endings = tuple(ch for ch in re.sub(r"[()（）、]", "", m.group("levels")))
    shorts = [tidy(p) for p, _ in pieces[:-1]] + [m.group("short")]
    g = gazetteer()
    options = [[r for r in g.by_short.get(sh, []) + g.by_name.get(sh, [])
                if r.level >= 2 and r.name.endswith(endings)] for sh in shorts]
    provinces = {g.province_of(r).code for opts in options for r in opts}
    for code in sorted(provinces):
        chosen = [[r for r in opts if g.province_of(r).code == code] for opts in options]
        if all(len(c) == 1 for c in chosen):
            tail = m.group("tail")
            kind = "org" if tail else "place"
            offsets = [o for _, o in pieces]
            return [(c[0].name + tail, o, kind) for c, o in zip(chosen, offsets)]
    return None


LEVEL_CLASS_OPENING = re.compile(r"^(?:县区|区县|县市区|县市|市县|市区|县\(区\)|县\(市、区\)|县\(市\))(?=人民政府|政府|党委)")
LEVEL_NOTE_OPENING = re.compile(r"^[(（](?:省|自治区|直辖市|市|自治州|州|盟|县|区|旗)(?:[、,](?:省|自治区|直辖市|市|自治州|州|盟|县|区|旗))*[)）]")


def _shorts_share_suffix(pieces: list[tuple[str, int]], kinds: list[str | None]) -> bool:
    """合肥、蚌埠、…、黄山市防汛抗旱指挥部: places written by their short names before the last,
    which carries the full name and the body: each short is that level's place with the body.
    Only shorts of the same level and province as the last place count (of provinces: any
    province). Changes in place."""
    g = gazetteer()
    changed = False
    for j, ((full, _), kind) in enumerate(zip(pieces, kinds)):
        if kind != "org" or j == 0:
            continue
        hit = g.place_prefix(full)
        if hit is None or full[:hit[1]] != hit[0].name:
            continue
        region, length = hit
        tail = full[length:]
        note = LEVEL_NOTE_OPENING.match(tail) or (LEVEL_CLASS_OPENING.match(tail) if j > 0 and kinds[j - 1] is None else None)
        # (黄陵、子长、…、富县县区人民政府: the levels of the list's places, 县 and 区, no body's word)
        if note:  # 江苏、…、陕西省(自治区)安全生产监督管理局: the note says 广西 is an 自治区, no body's word
            tail = tail[note.end():]
            pieces[j] = (full[:length] + tail, pieces[j][1])
            changed = True
        province = g.province_of(region)
        # a city's name ends a list of cities, of either rank (榆林、…、商洛、韩城市防汛抗旱指挥部:
        # 韩城 is a county-level city listed with the prefectures)
        cities = region.name.endswith("市") and region.level in (2, 3)
        i = j - 1
        while i >= 0 and kinds[i] is None:
            # 江苏、安徽、山东、河南省防指: provinces by their short names before the last one's
            same = [r for r in g.by_short.get(tidy(pieces[i][0]), [])
                    if r.level == 1 == region.level
                    or region.level >= 2 and g.province_of(r) == province
                    and (r.level == region.level or cities and r.level in (2, 3) and r.name.endswith("市"))]
            if len(same) != 1:
                break
            pieces[i] = (same[0].name + tail, pieces[i][1])
            kinds[i] = "org"
            changed = True
            i -= 1
    return changed


# the places a collective name opens with: 各省、自治区、直辖市及新疆生产建设兵团, 各县(区), 各乡镇
SHARED_LEVELS = re.compile(r"^各(?:地级以上市|设区的市|自治区|自治州|自治县|直辖市|设区市|县级市|新疆生产建设兵团|街道|社区|[省市州县区乡镇旗盟]"
                           r"|[、()（）]|及(?=[\u4e00-\u9fff]{0,2}[省市州县区乡镇旗盟]|新疆))+")


def _levels_shared(pieces: list[tuple[str, int]], kinds: list[str | None], span: str = "") -> bool:
    """各省、自治区、直辖市…安全生产监督管理局、总工会 / 各县区应急管理局、消防救援大队: a bare unit
    after a collective body of a run of places is that run's unit too — within one list, not
    across a comma (…国土资源厅,地调局: the national survey is an addressee of its own)."""
    changed = False
    for i in range(len(pieces) - 1):
        p, q = tidy(pieces[i][0]), tidy(pieces[i + 1][0])
        start = pieces[i + 1][1]
        if span and 0 < start <= len(span) and span[start - 1] in ",,;;":
            continue
        run = SHARED_LEVELS.match(p)
        if not run or kinds[i] not in ("org", "class") or kinds[i + 1] != "org" or len(run.group(0)) < 2 \
                or run.end() >= len(p) or leading_place_word(q) or lexicon().collective_prefix(q) \
                or ZONE_START.match(q) or LEVEL_WORDS_RX.match(q) or "各" in q or q.startswith(NATIONAL_OPENERS) \
                or lexicon().org_suffix(q) in lexicon().not_administrative or NAMED_ZONE_COMMITTEE.fullmatch(q):
            continue
        pieces[i + 1] = (run.group(0) + q, pieces[i + 1][1])
        changed = True
    return changed


SUB_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}(分部|分局|支队|大队|中队|分队|股|科)")


def parent_of_unit(prev: str, unit: str) -> str | None:
    """市防指市区分部、农村分部 / 县公安局交警大队、治安大队: a bare unit of the same kind after a body's
    unit is that body's too. The parent is where a body's name ends inside the first (防指, 公安局)."""
    m = SUB_UNIT.fullmatch(unit)
    if not m or leading_place_word(unit) or not prev.endswith(m.group(1)) or len(prev) <= len(unit):
        return None
    ends = [e for e in lexicon().name_ends(prev, people=False) if 2 <= e <= len(prev) - 3]
    for e in reversed(ends):
        rest = prev[e:]
        if SUB_UNIT.fullmatch(rest) and rest.endswith(m.group(1)) and rest != unit:
            return prev[:e]
    return None


# a zone's committee by its zone's name (高新西区管委会): its own zone's, never a class of townships'
NAMED_ZONE_COMMITTEE = re.compile(r"[\u4e00-\u9fff]{2,12}(?:管委会|管委|管理委员会)")
NATIONAL_OPENERS = ("国务院", "国家", "中央", "中共", "全国")  # 国务院各部委 after 各省…人民政府 is its own


ZONE_TAIL = re.compile(r"(?:园区|开发区|新区|管理区|度假区|示范区|保护区|试验区)$")


def expand_shared(pieces: list[tuple[str, int]], kinds: list[str | None], span: str = "") -> tuple[list, list] | None:
    """Distribute a shared place over bare suffixes (各县区党委、政府) and shared suffixes over
    a run of places (兰州高新区、兰州经开区党工委、管委会)."""
    changed = False
    pieces = list(pieces)
    kinds = list(kinds)
    for i in range(len(pieces) - 1):
        p, o = pieces[i]
        q, qo = pieces[i + 1]
        head = GENERIC_HEAD.search(q)
        if kinds[i] is None and head and lexicon().collective_prefix(p) and not lexicon().collective_prefix(q):
            mod = q[: head.start()]
            if mod in ATTRIBUTE_WORDS and p.endswith(ATTRIBUTE_WORDS):
                # 各行业主管、监管部门: one class described twice, not two bodies
                pieces[i] = (p + "、" + q, o)
                pieces[i + 1] = ("", qo)
                kinds[i], kinds[i + 1] = "class", None
                changed = True
                continue
            shared = p[: len(p) - len(mod)]
            # (the part before the modifier is what both share: a collective and levels — 各县区 of
            # 各县区安监、质监部门 — never a cut through a name or its note: 各系(分院)、职能部门)
            if mod and len(p) > len(mod) + 1 and not re.search(r"[()（）]", p[len(shared):]) \
                    and (shared == lexicon().collective_prefix(p) or LEVEL_RUN.match(tidy(shared))):
                pieces[i] = (p + head.group(0), o)
                pieces[i + 1] = (p[: len(p) - len(mod)] + q, qo)
                kinds[i] = kinds[i + 1] = "class"
                changed = True
    changed |= _shorts_share_suffix(pieces, kinds)
    changed |= _levels_shared(pieces, kinds, span)
    i = 0
    while i < len(pieces):
        if kinds[i] != "place":
            i += 1
            continue
        j = i
        while j < len(pieces) and kinds[j] == "place":
            j += 1
        if j < len(pieces) and kinds[j] == "org":
            full = pieces[j][0]
            zone = ZONE_START.match(full)
            hit = gazetteer().place_prefix(full)
            level = re.match(r"^(?:社区|街道|乡镇|村居|村|镇|乡)", full)
            place_len = zone.end() if zone else (hit[1] if hit else (level.end() if level else 0))
            if level and not zone and not hit and not re.search(r"(园区|开发区|新区|管理区)$", tidy(pieces[j - 1][0])):
                run_words = LEVEL_WORDS_RX.findall(tidy(pieces[j - 1][0]))
                if run_words and level_rank(run_words[-1]) != level_rank(level.group(0)[-1:] if level.group(0) in ("乡镇",) else level.group(0)):
                    place_len = 0  # 各社区、镇村镇建设服务中心: the town's own centre, not each community's
            if place_len and place_len < len(full) and not ZONE_TAIL.search(full[place_len:]):
                # (a tail that is a zone of its own — 公主岭经济开发区、公主岭国家农业科技园区 — is
                # no suffix the places before it share)
                tails = [full[place_len:]]
                k = j + 1
                while k < len(pieces) and pieces[k][0] in BARE_SUFFIXES:
                    tails.append(pieces[k][0])
                    k += 1
                places = [pieces[x] for x in range(i, j)] + [(full[:place_len], pieces[j][1])]
                if places[0][0].startswith("各"):
                    places = [(pl if pl.startswith("各") or not LEVEL_RUN.match(tidy(pl)) else "各" + pl, po)
                              for pl, po in places]
                new = [(pl + t, po) for pl, po in places for t in tails]
                pieces[i:k] = new
                kinds[i:k] = ["org"] * len(new)
                changed = True
                i += len(new)
                continue
        i = j
    for i in range(1, len(pieces)):
        p, o = pieces[i]
        parent = parent_of_unit(tidy(pieces[i - 1][0]), tidy(p))
        if parent:
            pieces[i] = (parent + p, o)  # 市防指市区分部、农村分部 -> 市防指农村分部
            kinds[i] = "org"
            changed = True
            continue
        prev_div = NUMBERED_DIVISION.fullmatch(pieces[i - 1][0])
        if prev_div and re.fullmatch(r"[一二三四五六七八九十]{1,3}(处|科|室|股|组)", p) and prev_div.group("stem"):
            pieces[i] = (prev_div.group("stem") + p, o)  # 监管一处、三处 -> 监管三处
            kinds[i] = "org"
            changed = True
            continue
        if p in BARE_SUFFIXES:
            prev = pieces[i - 1][0]
            for suf in sorted(BARE_SUFFIXES, key=len, reverse=True):
                if prev.endswith(suf) and len(prev) > len(suf):
                    pieces[i] = (prev[: -len(suf)] + p, o)
                    kinds[i] = "org"
                    changed = True
                    break
            else:
                committee = LEVEL_COMMITTEE.fullmatch(tidy(prev))
                if committee:  # 县委、政府: the county's government, after the county's party committee
                    pieces[i] = (committee.group(1) + p, o)
                    kinds[i] = "org"
                    changed = True
    if not changed:
        return None
    keep = [k for k, (piece, _) in enumerate(pieces) if piece]
    return [pieces[k] for k in keep], [kinds[k] for k in keep]
