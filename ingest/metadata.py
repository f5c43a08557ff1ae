"""Metadata of a circular: title, 发文字号, issuers, 成文日期, place, addressees, period, citations.

Everything works on the cleaned simplified text and on the *layout* conventions of 公文
(GB/T 9704): the 主送机关 line ends with a colon, the signature block is an issuer line next
to a date line, the 发文字号 stands alone or after the title. No rule names a seed's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .clean import TITLE_END
from .model import Meta
from .outline import cn_to_int
from .regions import Region, gazetteer

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[](\d{4})[〕\]]\s?\d{1,5}号")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CN_DATE = re.compile(r"([一二三四五六七八九〇零○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
BOOK_TITLE = re.compile(r"《([^《》\n]{2,120})》")
INNER_TITLE = re.compile(r"[<〈]([^<>〈〉]{2,100})[>〉]")
ORG_SUFFIX = re.compile(
    r"(委员会|办公室|办公厅|人民政府|政府|管理厅|管理局|厅|局|委|办|部|署|院|中心|总队|支队|大队|公司|协会|指挥部|领导小组|办事处|管委会)$")
TITLE_KIND = TITLE_END  # one vocabulary of title kinds for line joining and title finding
SENTENCE_END = re.compile(r"[。;!?]$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[—\-–~至到]+\s*((?:19|20)\d{2})\s*年")
SPAM_ONLY_OFFICE = re.compile(r"^(办公室|办公厅)$")


@dataclass
class Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(Line(raw.strip(), pos + (len(raw) - len(raw.lstrip()))))
        pos += len(raw) + 1
    return out


# ---------------------------------------------------------------- dates
def parse_cn_date(s: str) -> str | None:
    m = DATE.fullmatch(s.strip())
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = CN_DATE.fullmatch(s.strip())
        if not m:
            return None
        y = int("".join(str("〇一二三四五六七八九".find(c)) if c in "〇一二三四五六七八九" else "0" for c in m.group(1)))
        mo, d = cn_to_int(m.group(2)), cn_to_int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def is_date_line(line: str) -> bool:
    return parse_cn_date(line) is not None


OUTLINE_START = re.compile(r"^(\(?[一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,3}[.、]|[①-⑳])")
NOT_ORG_TAIL = re.compile(r"(格局|布局|大局|结局|全局|当局|时局|出局)$")


def looks_like_org(line: str) -> bool:
    """A signature-like line: a body name on its own (no sentence punctuation, no outline number)."""
    s = line.strip()
    if not 3 <= len(s) <= 40 or re.search(r"[,。:;!?“”《》]", s) or OUTLINE_START.match(s):
        return False
    last = s.split()[-1]
    return bool(ORG_SUFFIX.search(last)) and not NOT_ORG_TAIL.search(last)


# ---------------------------------------------------------------- the parser
def parse_metadata(text: str, first_item_start: int | None) -> tuple[Meta, int]:
    """Metadata of the document and the offset where its body (after the title) starts."""
    lines = split_lines(text)
    head_end = first_item_start if first_item_start is not None else len(text)
    head = [ln for ln in lines if ln.start < head_end]
    meta = Meta()
    meta.doc_number = find_doc_number(head)
    own_cited = cited_as_printed(head)
    title_line = find_title(head, own_cited)
    if title_line is not None:
        meta.title = clean_title(title_line.text)
    body_start = title_line.end if title_line is not None else 0
    date_line, issuer_lines = find_signature(lines)
    meta.date = parse_cn_date(date_line.text) if date_line else None
    addressee_line = find_addressee_line(head)
    meta.issuers = [canonical_issuer(s) for s in issuer_lines]
    locate(meta, head, addressee_line or "")
    meta.issuers = [prefix_jurisdiction(x, meta) for x in meta.issuers if x]
    if not meta.issuers and meta.title:
        meta.issuers = infer_issuer_from_title(meta)
    meta.addressees = split_addressees(addressee_line, meta) if addressee_line else []
    meta.period = find_period(meta.title, head, body_start, text)
    meta.citations = find_citations(text, meta)
    return meta, body_start


def find_doc_number(head: list[Line]) -> str | None:
    """The document's own 发文字号: alone on a line, or in the title line, not in a citation."""
    for ln in head[:12]:
        for m in DOC_NUMBER.finditer(ln.text):
            before = ln.text[: m.start()]
            alone = not re.sub(r"[\s()\[\]]", "", ln.text.replace(m.group(0), ""))
            in_title = TITLE_KIND.search(re.sub(r"\s*\(.*$", "", before).strip()) is not None and "《" not in before
            if alone or in_title:
                return m.group(0).replace("[", "〔").replace("]", "〕")
    return None


def cited_as_printed(head: list[Line]) -> list[str]:
    """Titles that a cover notice says it prints (印发/现将《X》…), i.e. the document's own title."""
    found = []
    for ln in head:
        for m in re.finditer(r"(?:现将|印发|制定了|制定|下发)\s*《([^》]{2,80})》", ln.text):
            found.append(strip_inner(m.group(1)))
    return found


def strip_inner(title: str) -> str:
    return INNER_TITLE.sub(r"\1", title).strip()


def find_title(head: list[Line], own_cited: list[str]) -> Line | None:
    """The work-points title: a line equal to what the cover notice prints, else the first title-like line."""
    for ln in head:
        if strip_inner(ln.text) in own_cited:
            return ln
    for ln in head[:15]:
        t = clean_title(ln.text)
        if t and TITLE_KIND.search(t) and not SENTENCE_END.search(ln.text) and len(t) <= 60 \
                and not ln.text.endswith(":") and not re.match(r"附件", t) and not t.startswith(("—", "-")):
            return ln
    for ln in head[:6]:  # a headline with no kind word (newsletters, roundups)
        t = ln.text
        if 6 <= len(t) <= 40 and not re.search(r"[,。:;]", t) and not is_date_line(t) and not looks_like_org(t) \
                and not t.startswith(("—", "-")):
            return ln
    return None


def clean_title(s: str) -> str:
    s = DOC_NUMBER.sub("", s)
    s = re.sub(r"\(\s*\)|\[\s*\]", "", s)
    s = s.strip(" 《》\u3000")
    return strip_inner(s)


def find_signature(lines: list[Line]) -> tuple[Line | None, list[str]]:
    """The 成文日期 line and the issuer line(s) next to it (before, or after a contact note)."""
    for i, ln in enumerate(lines):
        if not is_date_line(ln.text):
            continue
        issuers: list[str] = []
        after_note = i + 2 < len(lines) and re.match(r"^\(|^(联系人|联系电话|电话)", lines[i + 1].text)
        for j in (i - 1, i + 1, i - 2) + ((i + 2,) if after_note else ()):
            if 0 <= j < len(lines) and looks_like_org(lines[j].text) and not lines[j].text.endswith(":"):
                issuers = [part for part in lines[j].text.split() if ORG_SUFFIX.search(part)]
                if issuers and not all(SPAM_ONLY_OFFICE.match(x) for x in issuers):
                    return ln, issuers
        return ln, []
    # a date line inside a longer line at the very end ("xx厅 2020年2月21日")
    return None, []


def find_addressee_line(head: list[Line]) -> str | None:
    """主送机关: an early line ending with a colon that lists bodies (各…, …政府, …局)."""
    for ln in head[:12]:
        t = ln.text
        if t.endswith(":") and len(t) < 200 and not re.search(r"(通知如下|如下|要求|事项)[:]$", t) \
                and re.search(r"(各|政府|局|厅|委|部门|单位|办)", t):
            return t[:-1]
    return None


COLLECTIVE = re.compile(r"^(各|全|有关|相关|省级|市级|县级|省直|市直|县直|省|市|县|区|州)")
LOCAL_UNIT = re.compile(r"(街道办事处|管委会|管理委员会|镇人民政府|乡人民政府)$")


LEVEL_WORD = re.compile(r"省|市|州|县|区|盟|旗|乡|镇|自治区|直辖市|自治州|自治县|计划单列市|副省级城市|地区|直管市|县级市|林区|新区|开发区")


def split_addressees(raw: str, meta: Meta) -> list[str]:
    out: list[str] = []
    for chunk in re.split(r"[,;]", raw):
        chunk = re.sub(r"\([^)]*\)", "", chunk).strip()
        if not chunk:
            continue
        parts = [p.strip() for p in chunk.split("、") if p.strip()]
        merged: list[str] = []
        i = 0
        while i < len(parts):
            p = parts[i]
            # "各州、市人民政府", "各省、自治区、直辖市应急管理厅": one collective over several
            # jurisdiction levels, written as a run of level words before the shared head
            j = i
            while j + 1 < len(parts) and LEVEL_WORD.fullmatch(parts[j].removeprefix("各")):
                j += 1
            merged.append("".join(parts[i:j + 1]))
            i = j + 1
        suffix = re.search(r"(管委会|管理委员会|人民政府|办事处|部门|单位)$", merged[-1])
        for k, p in enumerate(merged):
            if suffix and k < len(merged) - 1 and not ORG_SUFFIX.search(p) and not p.endswith(suffix.group(1)):
                p += suffix.group(1)
            out.append(local_prefix(p, meta))
    return out


def local_prefix(name: str, meta: Meta) -> str:
    """Named local units (a town office, a park committee) get the county's name in front."""
    county = county_name(meta)
    if county and LOCAL_UNIT.search(name) and not COLLECTIVE.match(name) and "的" not in name \
            and not name.startswith(county):
        return county + name
    return name


def county_name(meta: Meta) -> str | None:
    if not meta.locality:
        return None
    g = gazetteer()
    hits = [r for r in g.mentions(meta.locality) if r.level == 3]
    return hits[0].name if hits else None


# ---------------------------------------------------------------- place
def locate(meta: Meta, head: list[Line], addressee_line: str) -> None:
    """Province and locality from the issuers, 发文字号 prefix, title scope and place names."""
    g = gazetteer()
    evidence = " ".join(meta.issuers)
    province: Region | None = None
    local: Region | None = None
    for r in g.mentions(evidence):
        if r.level == 1:
            province = province or r
        elif local is None:
            local = r
    if province is None and meta.doc_number:
        province = g.province_by_abbr(meta.doc_number[0])
    if province is None and local is None:
        for ln in head[:6]:
            hits = g.mentions(ln.text)
            if hits:
                r = hits[0]
                if r.level == 1:
                    province = r
                else:
                    local = r
                break
    scope = re.search(r"全(省|市|县|区|州)", meta.title or "")
    if local is None and scope and scope.group(1) in "县区":
        counties = g.counties_of_town(re.split(r"[,、;]", addressee_line))
        if len(counties) == 1:
            local = g.by_code[counties.pop()]
    if local is not None:
        chain = g.chain(local)
        province = chain[0]
        meta.locality = "".join(r.name for r in chain[1:]) or None
    meta.province = province.name if province else None


def prefix_jurisdiction(name: str, meta: Meta) -> str:
    """`省应急管理厅` -> `山西省应急管理厅`; names already carrying a place stay as they are."""
    if meta.province and re.match(r"^省(?!级)", name):
        return meta.province + name[1:]
    if meta.locality and re.match(r"^(县|市|区)(?!级)", name):
        g = gazetteer()
        lvl = {"县": 3, "区": 3, "市": 2}[name[0]]
        for r in g.mentions(meta.locality):
            if r.level == lvl or (name[0] == "市" and r.level == 2):
                return r.name + name[1:]
    return name


@lru_cache(maxsize=1)
def body_abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """(a pattern matching any short form, short form -> full form) of data/body_abbreviations.tsv."""
    table: dict[str, str] = {}
    for line in resources.files(__package__).joinpath("data/body_abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            short, full = line.split("\t")
            table[short] = full
    alternation = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    # a short form only where the full form is not already written (安委会 inside 安全生产委员会 never occurs,
    # but 应急厅 must not touch 应急管理厅)
    return re.compile(rf"(?:{alternation})"), table


def canonical_issuer(name: str) -> str:
    """A signature's issuer as a canonical name: no spaces, short forms spelled out
    (国务院安委会办公室 -> 国务院安全生产委员会办公室)."""
    name = re.sub(r"\s+", "", name)
    rx, table = body_abbreviations()
    return rx.sub(lambda m: table[m.group(0)], name)


TOPIC_BODY = [
    (re.compile(r"应急管理"), {"省": "应急管理厅", "市": "应急管理局", "县": "应急管理局", "区": "应急管理局", "州": "应急管理局"}),
    (re.compile(r"安全生产"), {"省": "安全生产委员会", "市": "安全生产委员会", "县": "安全生产委员会", "区": "安全生产委员会", "州": "安全生产委员会"}),
]


def infer_issuer_from_title(meta: Meta) -> list[str]:
    """A signature lost to scraping: 全县应急管理工作要点 -> that county's 应急管理局."""
    m = re.search(r"全(省|市|县|区|州)(.{0,12}?)工作", meta.title or "")
    if not m:
        return []
    level = m.group(1)
    place = None
    g = gazetteer()
    if level in "县区市州" and meta.locality:
        hits = g.mentions(meta.locality)
        want = 3 if level in "县区" else 2
        place = next((r.name for r in hits if r.level == want), None)
    elif level == "省":
        place = meta.province
    if not place:
        return []
    for rx, bodies in TOPIC_BODY:
        if rx.search(m.group(2)):
            return [place + bodies[level]]
    return []


# ---------------------------------------------------------------- period, citations
def find_period(title: str | None, head: list[Line], body_start: int, text: str) -> dict | None:
    """The span the plan covers: a year range or a year in the title (or its subtitle)."""
    candidates = [title or ""] + [ln.text for ln in head if body_start <= ln.start < body_start + 300][:2]
    for c in candidates:
        m = YEAR_RANGE.search(c)
        if m:
            return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(2)}-12-31"}
        m = YEAR.search(c)
        if m:
            return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(1)}-12-31"}
    return None


def find_citations(text: str, meta: Meta) -> list[str]:
    """Cited titles (《…》 and titles nested in them) and 发文字号 other than the document's own."""
    own = {meta.title}
    seen: list[str] = []

    def add(x: str) -> None:
        x = x.strip()
        if x and x not in own and x not in seen:
            seen.append(x)

    for m in re.finditer(r"《([^《》\n]{2,120})》|" + DOC_NUMBER.pattern, text):
        if m.group(1):
            inner = m.group(1)
            add(strip_inner(inner))
            for im in INNER_TITLE.finditer(inner):
                if re.search(r"^关于|的通知$", inner):
                    add(im.group(1))
        else:
            num = m.group(0).replace("[", "〔").replace("]", "〕")
            if num != meta.doc_number:
                add(num)
    return seen
