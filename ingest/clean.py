"""Cleaning a circular's text while keeping every character's place in the original.

Steps, each a small function over `MappedText` (order matters):
1. newlines and odd spaces;          6. spam standing where a name should be;
2. page furniture (data/furniture.tsv); 7. pinyin notes after characters (監(jiān)管);
3. contact details;                   8. full-width ASCII -> half-width, 〔〕 in 发文字号;
4. a second copy of the document;     9. lines broken mid-sentence joined;
5. (reserved: tables keep their tabs)  10. traditional -> simplified (OpenCC), indentation.
Furniture rules match on a simplified copy of each line, so one rule list serves both scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .textmap import MappedText

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_TEASER_LINES_RX1 = re.compile(r"^(核心提示|摘要|导读|内容提要)[::]\s*(.*)$")
_NAV_RUNS_RX1 = re.compile(r"^[-•·*>»]\s*\S{1,10}$")
_FOLD_LINE_RX1 = re.compile(r"[\W_]+")


@dataclass
class CleanResult:
    mapped: MappedText
    script: str  # "traditional" | "simplified"
    removed: list[tuple[str, int, int]] = field(default_factory=list)  # (rule, original start, end)


@lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


@lru_cache(maxsize=1)
def any_furniture_rule() -> re.Pattern[str]:
    """Every furniture pattern as one alternation: a line none of them matches is the rule."""
    return re.compile("|".join(f"(?:{rx.pattern})" for _, _, rx in furniture_rules()))


@lru_cache(maxsize=1)
def furniture_rules() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(name, scope, pattern) rows of data/furniture.tsv; scope: line | tail | block | with-next | numbered-run."""
    rules = []
    text = resources.files(__package__).joinpath("data/furniture.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, scope, pattern = line.split("\t")
            rules.append((name, scope, re.compile(pattern)))
    return tuple(rules)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


class Cleaner:
    def __init__(self, original: str):
        self.mt = MappedText.identity(original)
        self.removed: list[tuple[str, int, int]] = []

    def drop_lines(self, rule: str, indices: list[int]) -> None:
        if not indices:
            return
        spans = line_spans(self.mt.text)
        text_len = len(self.mt.text)
        cut = []
        for i in sorted(set(indices)):
            a, b = spans[i]
            b = min(b + 1, text_len)  # with its newline
            cut.append((a, b))
            if a < b:
                self.removed.append((rule, *self.mt.to_original(a, b)))
        self.mt = self.mt.delete_spans(merge(cut))

    def sub(self, rule: str, pattern: re.Pattern[str] | str, repl, record: bool = True) -> None:
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        if repl == "" and record:  # one pass: what is removed is recorded and cut
            spans = [(m.start(), m.end()) for m in rx.finditer(self.mt.text) if m.end() > m.start()]
            self.removed.extend((rule, *self.mt.to_original(a, b)) for a, b in spans)
            self.mt = self.mt.delete_spans(spans)
        else:
            self.mt = self.mt.sub(rx, repl)


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


# ---------------------------------------------------------------- steps
SPACES = re.compile(r"[\u00a0\u2002\u2003\u2009\u200b\ufeff\t]+")


def normalise_space(c: Cleaner) -> None:
    c.sub("newline", re.compile(r"\r\n?"), "\n")
    # tabs separate table cells: keep them, but turn other exotic spaces into plain ones
    c.sub("space", re.compile(r"[\u00a0\u2002\u2003\u2009\u200b\ufeff]"), " ")
    c.sub("trailing-space", re.compile(r"[ \u3000]+$", re.M), "", record=False)


NUMBERED_CRUMB = re.compile(r"^\d{1,2}\.\s*\S{1,10}$")  # one step of a numbered breadcrumb list


def prose_follows(simple: list[str], i: int) -> bool:
    """Whether a paragraph of the article comes after line `i`: a tail marker (相关阅读:) over
    the article itself is an empty widget under a long menu (武进区 2020, www.wj.gov.cn/html/czwj/
    2020/FAOHPMEF_1014/349806.html), not the start of the page's trailer."""
    return any(len(s) >= 50 and "。" in s and s.count(",") + s.count("，") >= 2 for s in simple[i + 1:])


def remove_furniture(c: Cleaner) -> None:
    convert = t2s()
    lines = c.mt.text.split("\n")
    # one conversion of the whole text (OpenCC keeps newlines; a call per line cost more than
    # the conversion itself)
    simple = [x.strip() for x in convert(c.mt.text).split("\n")]
    if len(simple) != len(lines):
        simple = [convert(x).strip() for x in lines]
    n = len(lines)
    drop: list[int] = []
    tail_from: int | None = None
    any_rule = any_furniture_rule()
    for i, s in enumerate(simple):
        if not s or not any_rule.search(s):
            continue  # one search of all the rules together spares each line most of them
        for name, scope, rx in furniture_rules():
            if not rx.search(s):
                continue
            if scope == "tail" and i >= n * 0.5 and not prose_follows(simple, i):
                tail_from = i if tail_from is None else min(tail_from, i)
            elif scope == "line":
                drop.append(i)
            elif scope == "with-next":
                drop.append(i)
                if i + 1 < n:
                    drop.append(i + 1)
            elif scope == "numbered-run":
                drop.append(i)
                j = i + 1
                while NUMBERED_CRUMB.match(s) and j < n and NUMBERED_CRUMB.match(simple[j]):
                    drop.append(j)
                    j += 1
            elif scope == "block":  # the line and the file-name lines right under it
                drop.append(i)
                j = i + 1
                while j < n and re.match(r"^\s*(\d+[.、]|附件\d)", simple[j]) and len(simple[j]) < 120:
                    drop.append(j)
                    j += 1
            break
    if tail_from is not None:
        drop.extend(range(tail_from, n))
    drop.extend(teaser_lines(simple))
    drop.extend(nav_runs(simple))
    drop.extend(menu_runs(simple))
    drop.extend(link_list_lines(simple))
    c.drop_lines("furniture", drop)


LINK_SEPARATORS = re.compile(r"\s*[|丨｜]\s*| +|\u3000+")
HAN_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}")
BODY_END = re.compile(r"(局|委|办|厅|部|府|中心|公司|队|所|站|院|会|组|室|处|科|指挥部)$")
CLAUSE_PUNCT = re.compile(r"[,,。;;::、!?!?]")


def link_list_lines(simple: list[str]) -> list[int]:
    """A page's link lists written on one line: a site's menu (政府机构 信息公开 办事服务 互动交流
    数据分析 走进白城 专题专栏, a page's title was taken from it) or a spam list of places (杨浦区|
    台北市| 荥阳市| …, which voted a Hunan page into Henan). At least five short labels, split by
    | or spaces, and none of them a body (a list of bodies is text) or a table's column label (a
    flattened header); a list of places counts whatever else."""
    from .blocks import column_kind
    from .regions import gazetteer

    out = []
    for i, s in enumerate(simple):
        if "\t" in s or not (" " in s or "|" in s or "丨" in s or "｜" in s or "\u3000" in s):
            continue
        pieces = [p for p in LINK_SEPARATORS.split(s) if p]
        if len(pieces) < 5 or not all(HAN_LABEL.fullmatch(p) for p in pieces):
            continue
        g = gazetteer()
        places = sum(1 for p in pieces if (hit := g.place_prefix(p)) is not None and hit[1] == len(p))
        if places >= 0.6 * len(pieces):
            out.append(i)
            continue
        if any(BODY_END.search(p) or column_kind(p) for p in pieces):
            continue
        out.append(i)
    return out


MENU_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}")


def menu_runs(simple: list[str], least: int = 6) -> list[int]:
    """A site's menu one label a line above the text (首页 / 公益播报 / 公益汇 / … / 退休学堂): a run
    of at least six short labels, none a body, a place or a table's column label, before the
    page's first line of prose."""
    from .blocks import column_kind
    from .regions import gazetteer

    g = gazetteer()
    out: list[int] = []
    run: list[int] = []
    for i, s in enumerate(simple + ["。" * 40]):
        if len(s) >= 30:
            break
        label = MENU_LABEL.fullmatch(s) and not BODY_END.search(s) and not column_kind(s) \
            and not ((hit := g.place_prefix(s)) is not None and hit[1] == len(s))
        if label:
            run.append(i)
            continue
        if s and len(run) >= least:
            out.extend(run)
        if s:
            run = []
    if len(run) >= least:
        out.extend(run)
    return out


def teaser_lines(simple: list[str]) -> list[int]:
    """核心提示/摘要 lines that repeat the opening of the text below them."""
    out = []
    for i, s in enumerate(simple):
        m = _TEASER_LINES_RX1.match(s)
        if m:
            out.append(i)
    return out


def nav_runs(simple: list[str]) -> list[int]:
    """Runs of ≥ 3 short bullet lines (`- 政策法规`) are navigation menus."""
    out: list[int] = []
    run: list[int] = []
    for i, s in enumerate(simple + [""]):
        if _NAV_RUNS_RX1.match(s):
            run.append(i)
            continue
        if len(run) >= 3:
            out.extend(run)
        run = []
    return out


CONTACT_LINE = re.compile(r"^[(（]?\s*(联系人|联\s*系\s*人|联系电话|联系方式|电话|传真|邮箱|电子邮箱|电子信箱|E-?mail)\s*[(（:：]",
                          re.I)
PHONE = re.compile(r"(?<![\d〔\[])(?:0\d{2,3}[-—–]\d{7,8}|1[3-9]\d{9})(?![\d号])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def remove_contacts(c: Cleaner) -> None:
    convert = t2s()
    lines = c.mt.text.split("\n")
    drop = [i for i, x in enumerate(lines) if CONTACT_LINE.match(convert(x.strip()))]
    c.drop_lines("contact", drop)
    # a number or address inside a sentence is part of what the sentence asks (发送至…邮箱,
    # 设24小时值守电话(…)); on a line of its own it is a contact note
    c.sub("phone", re.compile(rf"^[\s(（]*(?:{PHONE.pattern})[\s)）,、]*$", re.M), "")
    c.sub("email", re.compile(rf"^[\s(（]*(?:{EMAIL.pattern})[\s)）,、]*$", re.M), "")


def fold_line(s: str) -> str:
    return _FOLD_LINE_RX1.sub("", s)


def remove_duplicate_copy(c: Cleaner, min_lines: int = 8, min_share: float = 0.2) -> None:
    """A document pasted twice (a page that shows the notice and its attachment, both full):
    find the longest run of lines that reappears later and delete the later copy."""
    lines = c.mt.text.split("\n")
    folded = [fold_line(x) for x in lines]
    total = sum(len(f) for f in folded) or 1
    first_seen: dict[str, int] = {}
    best = (0, 0, 0)  # (chars, start of later copy, length)
    i = 0
    for j, f in enumerate(folded):
        if len(f) < 12:
            continue
        if f not in first_seen:
            first_seen[f] = j
            continue
        i = first_seen[f]
        k = 0
        chars = 0
        while j + k < len(folded) and i + k < j and folded[i + k] == folded[j + k]:
            chars += len(folded[j + k])
            k += 1
        if k >= min_lines and chars > best[0]:
            best = (chars, j, k)
    chars, start, length = best
    if chars >= total * min_share:
        # the later copy may run past the matched block with lines the first copy also has
        end = start + length
        seen = set(folded[:start])
        while end < len(folded) and (not folded[end] or folded[end] in seen):
            end += 1
        c.drop_lines("duplicate-copy", list(range(start, end)))


@lru_cache(maxsize=1)
def spam_rx() -> re.Pattern[str]:
    lines = [w.strip() for w in resources.files(__package__).joinpath("data/spam_markers.txt")
             .read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    words = [w for w in lines if not w.startswith("!")]
    # words of circulars that hold a marker (歌舞娱乐场所): a marker inside one is no spam
    kept = "|".join(re.escape(w[1:]) for w in lines if w.startswith("!")) or "(?!)"
    alt = rf"(?!{kept})(?:" + "|".join(map(re.escape, words)) + ")"
    # a Latin or numeric brand token glued to a marker word ("yabo官方通道", "365体育官网"), or a
    # marker standing alone
    return re.compile(rf"[A-Za-z0-9][A-Za-z0-9]{{1,15}}\s*{alt}|{alt}")


BLOCK_TAG = re.compile(r"(?:</(?:p|div|li|tr|h[1-6])>\s*)?<(?:p|div|li|tr|h[1-6])(?:\s+[a-zA-Z-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))*\s*>"
                       r"|</(?:p|div|li|tr|h[1-6])>|<br\s*/?>", re.I)
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s+[a-zA-Z-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))*\s*/?>"
                      r"|&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash|hellip);")


SIGNED_BY = re.compile(r"[ \u3000]*(?:签发人?|簽發人?)\s*[:：]\s*[\u4e00-\u9fff]{2,4}(?=\s*$)", re.M)


def remove_html_debris(c: Cleaner) -> None:
    """Tags and entities left in scraped text (<dfn id="j4tcm"></dfn>, &nbsp;), and the
    签发 (signed-off-by) note a red-head document prints beside its number."""
    c.sub("html", BLOCK_TAG, "\n")  # <p class="ql-block">…</p><p…>: a paragraph ends there
    c.sub("html", HTML_TAG, "")
    c.sub("signed-by", SIGNED_BY, "")


MOJIBAKE = re.compile(r"(?<=[\u4e00-\u9fff])\?+[;;]\?+|(?<=[\u4e00-\u9fff;、])\?+(?=[;、?\u4e00-\u9fff])")
# full-width spaces a wrong encoding turned into `?` (???(一)第一检查督导组; 胡小波 ?杨 ?剑): no line
# opens on a question mark, and none stands after a space before the next word
LOST_SPACES = re.compile(r"^[ \t\u3000]*\?+(?=[ \t\u3000]*[(（\u4e00-\u9fff0-9])|(?<=[ \t\u3000])\?+(?=[\u4e00-\u9fff])", re.M)


# within one line: a flattened table's cell separators on lines of their own (|\n|\n3.制定…)
# are no watermark, and the item number after them must stay
ASCII_NOISE = re.compile(r"(?:(?<=^)|(?<=\s)|(?<=[\u4e00-\u9fff]))(?:[!-~]{1,3}[ \t\u3000]+){3,}[!-~]{1,3}"
                         r"(?=[ \t\u3000]*[\u4e00-\u9fff(（]|[ \t\u3000]*$)", re.M)


def remove_ascii_noise(c: Cleaner) -> None:
    """Watermark garbage a mirror site sprinkles into lines (' f% p5 B: Q" F3 K*): runs of short
    ASCII tokens with no words in them."""
    def repl(m: re.Match[str]) -> str:
        tokens = m.group(0).split()
        wordy = sum(1 for t in tokens if re.fullmatch(r"[A-Za-z]{2,3}|\d{1,3}", t))
        return m.group(0) if wordy > len(tokens) / 2 else ""

    c.mt = c.mt.sub(ASCII_NOISE, repl)


def remove_mojibake(c: Cleaner) -> None:
    """`?` standing for characters a wrong encoding lost (除?;?、烟花爆竹): not a question mark,
    which ends a sentence, so it would cut one in two."""
    c.sub("mojibake", MOJIBAKE, "")
    if "?" in c.mt.text:
        c.sub("mojibake", LOST_SPACES, "")


def remove_spam(c: Cleaner) -> None:
    if "_" in c.mt.text:  # (most pages have none: the pattern is not run over them)
        c.sub("spam", SEO_INSERTION, "")
    c.sub("spam", spam_rx(), "")
    c.sub("page-joint", PAGE_JOINT, "")


# an SEO insertion a hijacked page carries where a name stood: brand_keyword-【keyword】
# (澳门金沙城中心_欧洲杯足球网-【投注官网平台】应急管理局…): words joined by "_" are no Chinese prose
# where the keywords stop, when the name they replaced part of goes on (…真正网站人民政府关于…)
SEO_NAME_AFTER = "人民政府|政府|关于|委员会|办公室|指挥部"
# Several keywords may be chained (郑州市365双试投注_线上365bet体育_365bet真正网站人民政府); a run
# that opens on Chinese only starts a keyword when no Latin or digit follows inside it, so the place
# before a brand (郑州市365…) stays
SEO_INSERTION = re.compile(r"(?:[A-Za-z0-9][\u4e00-\u9fffA-Za-z0-9]{1,15}|[\u4e00-\u9fff]{2,16})"
                           r"(?:_[\u4e00-\u9fffA-Za-z0-9]{2,16}?(?=" + SEO_NAME_AFTER + r"|[^\u4e00-\u9fffA-Za-z0-9]|$))+"
                           r"(?:-【[^】\n]{2,16}】)?")


# "[接上页] (五)各单位…": a split article's page 2 opens with a note of where it goes on from,
# which would hide the item marker after it (and a "(接下页)" ends page 1)
PAGE_JOINT = re.compile(r"[\[【((]\s*(?:接上页|续上页|接上文|上接第?\s*\d*\s*页|接下页|下转第?\s*\d*\s*页|未完待续)\s*[\]】))]\s*")


# a pinyin note after a character: with tone marks (發(fā)), or without them, one syllable or a
# run (人民(min)政府, 生(sheng)(sheng)(sheng)产): an initial, a vowel and at most four letters more
_TONED = r"(?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*(?:\s?[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]?[a-zü]*)*)"
_TONELESS = r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvü][a-z]{0,4})"
PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])(?:\((?:{_TONED}|{_TONELESS})\))+")


def remove_pinyin(c: Cleaner) -> None:
    c.sub("pinyin", PINYIN, "")


# full-width ASCII (，：１) -> ASCII, one character for one: a translation keeps every offset (an
# edit per character made the cleaning cost as much as a tenth of the whole extraction)
HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def normalise_width(c: Cleaner) -> None:
    c.mt = c.mt.translate(lambda text: text.translate(HALF_WIDTH))
    c.mt = c.mt.sub(re.compile(r"(?<=[\u4e00-\u9fff])[\[](\d{4})[\]](?=\s?\d{1,5}号)"), r"〔\1〕")
    c.sub("spaced-date", SPACED_DATE, "", record=False)
    join_spaced_section_numbers(c)
    c.sub("doubled-punctuation", DOUBLED_COMMA, "")


# a plan's section number typed with a space after each point ("5. 1. 1 根据…", "5. 3 灾情信息管理" on
# a news mirror of an 应急预案): the spaces inside the number go (a list's "1. 2月底前" is left alone)
SPACED_SECTION = re.compile(r"^[ \t\u3000]*(?P<num>\d{1,2}(?:\.[ \u3000]\d{1,2}){1,3})(?=[ \u3000]+[\u4e00-\u9fff])", re.M)


def join_spaced_section_numbers(c: Cleaner) -> None:
    if ". " not in c.mt.text:
        return
    spans = []
    for m in SPACED_SECTION.finditer(c.mt.text):
        rest = c.mt.text[m.end():m.end() + 4].lstrip(" \u3000")
        if rest[:1] in "月日年个号":
            continue
        spans += [(k, k + 1) for k in range(m.start("num"), m.end("num")) if c.mt.text[k] in " \u3000"]
    if spans:
        c.mt = c.mt.delete_spans(spans)


# a mirror that writes a comma before every mark ("二,、认真组织", "形势依然严峻,。", "经省政府同意,,现将"):
# a comma right before another mark of a sentence is never the writer's
DOUBLED_COMMA = re.compile(r",(?=[,、。;:!?])")


# "4 月25日(星期二)下午17:00 前", "2023 年 4 月": a space inside a date or before its 前 (text typed
# around figures with spaces) would hide the date from every reader of dates
SPACED_DATE = re.compile(r"(?<=\d)[ \u3000](?=[年月日时点]|前(?![\u4e00-\u9fff]{0,1}\d))|(?<=[年月])[ \u3000](?=\d{1,2}[ \u3000]?[月日])")


SENTENCE_END = "。;:!?”」』)】》…"
NEW_ITEM = re.compile(r"^\s*(\(?[一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.]|\(?\d{1,3}\)|\d{1,3}[.、]|[①-⑳]|第[一二三四五六七八九十百]+[条章])")
# the kind word a document title ends with; metadata.py finds titles by the same words
TITLE_END = re.compile(r"(要点|方案|通知|通知书|督办书|告知书|责任书|意见|办法|计划|规划|规定|细则|决定|报告|纲要|指南|措施|通报|函|公告|通告|命令|禁火令|预案|汇总|经验|做法|摘编|汇编|案例|清单|分工)$")
DATE_LINE = re.compile(r"^\s*(\d{4}年\d{1,2}月\d{1,2}日|[〇一二三四五六七八九○]{4}年)")


OWN_LINE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[﹝]\d{4}[〕\]﹞]\s?\d{1,5}\s?号")
BYLINE = re.compile(r"(发布时间|發布時間|更新时间|更新時間|浏览次数|瀏覽次數|信息来源|信息來源|来源|作者)\s*[:：]")


def opens_with_bodies_role(line: str) -> bool:
    """A responsibility line: bodies, then the role they take (省自然资源厅牵头,省地质局参与…)."""
    from .lexicon import lexicon
    from .names import parse_names

    head = line.strip()[:60]
    lex = lexicon()
    for e in lex.name_ends(head, people=False):
        if head.startswith(lex.role_markers, e) and parse_names(head[:e], strict=True):
            return True
    return False


FLAT_GAP = re.compile(r"(?<=\S)[ \u3000]+(?=\S)")
_ITEM_NUMBER = r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、](?!\d))"
FLAT_ITEM = re.compile(_ITEM_NUMBER)
FLAT_DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
FLAT_NUMBER_END = re.compile(r"[〔\[(（]\d{4}[〕\])）]\d{1,4}号$")
FLAT_LONG = 300  # characters of a line that holds a whole page
BARE_NUMBER_END = re.compile(r"(?:^|[\s。;；:：])" + _ITEM_NUMBER + "$")


# parts of a page glued together by a scraper: a title and its 文号 (…活动的通知汕府建通[2009]121号),
# a counter and the addressee line (浏览次数:10389各区县建设局,…:)
GLUED_NUMBER = re.compile(r"(?:通知|通告|意见|方案|要点|决定|办法|函|报告|命令|通报|规划|细则)"
                          r"(?=[\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\d{1,4}[号號]\s*$)", re.M)
GLUED_COUNTER = re.compile(r"(?:浏览次数|瀏覽次數|点击数|點擊數|阅读次数|閱讀次數|访问量)[:：]\s*\d+(?=[\u4e00-\u9fff])")


def split_glued_parts(c: Cleaner) -> None:
    text = c.mt.text
    edits = [(m.end(), m.end(), "\n") for m in GLUED_NUMBER.finditer(text)]
    edits += [(m.end(), m.end(), "\n") for m in GLUED_COUNTER.finditer(text)]
    c.mt = c.mt.apply(edits)


# a page that runs its items on with spaces ("…8月31日止。 二、禁火范围:…。 三、在禁火期间…"): a space after a
# sentence's end before a top-level item number ends the line
INLINE_ITEM = re.compile(r"(?<=[。;；!！])[ \u3000]+(?=[一二三四五六七八九十]{1,3}、)")


def split_flattened_lines(c: Cleaner) -> None:
    """A page flattened into one line, its lines joined by spaces (甘建质〔2025〕44号 各市(州)…: 现将…
    落实。 甘肃省住房和城乡建设厅 2025年3月27日 甘肃省…工作要点 省住建厅…), gets its lines back
    where a space ends a document part: after a sentence's or an addressee line's end, before an
    item's number, around a 发文字号 or a date, after a short line with no punctuation (a title,
    a signature). Only in a long line without table separators; every other space stays."""
    edits = []
    pos = 0
    for line in c.mt.text.split("\n"):
        if len(line) >= FLAT_LONG and not re.search(r"[\t|｜]", line):
            gaps = list(FLAT_GAP.finditer(line))
            if len(gaps) >= 3:
                last = 0
                for m in gaps:
                    before, after = line[last:m.start()], line[m.end():m.end() + 12]
                    if BARE_NUMBER_END.search(before):
                        continue  # "1. 各督查组要…": an item's number and its text stay together
                    if before[-1] in "。:：!！?？;；" or FLAT_ITEM.match(after) or FLAT_DATE.match(after) \
                            or FLAT_DATE.search(before[-12:]) and before.endswith("日") \
                            or FLAT_NUMBER_END.search(before) \
                            or len(before.strip()) <= 40 and not re.search(r"[,，。、;；:：]", before):
                        edits.append((pos + m.start(), pos + m.end(), "\n"))
                        last = m.end()
        pos += len(line) + 1
    c.mt = c.mt.apply(edits)


# a line opening on a short label and its colon (责任单位:…, 检查范围:…): a field, not a wrapped sentence
FIELD_LABEL_RX = r"(?P<label>[\u4e00-\u9fff]{2,6})[:：]"  # (one shape of a field label, for nlp/tasks too)
FIELD_LINE = re.compile(FIELD_LABEL_RX + r"(?=\S)")


def join_broken_lines(c: Cleaner) -> None:
    """`…纳\\n入党政领导干部…`: a long line that stops mid-sentence continues on the next line
    when that line is not indented, not a new item and not a date or heading."""
    lines = c.mt.text.split("\n")
    spans = line_spans(c.mt.text)
    edits = []
    for i in range(len(lines) - 1):
        cur, nxt = lines[i].rstrip(), lines[i + 1]
        if len(cur.strip()) < 20 or not cur or cur[-1] in SENTENCE_END or re.search(r"[\t|｜]", cur + nxt):
            continue  # a table's rows (cells split by tabs or bars) are lines of their own
        if i == 0 and not NEW_ITEM.match(cur):
            continue  # the page's first line, no item, is its headline (雅安市各部门加强…工作 / 近期,我市…)
        if NEW_ITEM.match(cur) and nxt.startswith("各"):
            continue  # an item's heading over its body's subject (一、突出…走深走实 / 各地区、各有关部门要…);
            # a wrapped line the item's text joins again (nlp/extract.heading_break)
        if not nxt or nxt[0] in " \u3000\t" or NEW_ITEM.match(nxt) or DATE_LINE.match(nxt):
            continue
        if not re.match(r"[\u4e00-\u9fff“《(0-9]", nxt) or cur.lstrip().startswith(("—", "-")):
            continue
        if TITLE_END.search(cur) or nxt.rstrip().endswith((":", ":")) or FIELD_LINE.match(nxt):
            continue  # a title line, or the next line is a 主送 line or a field (检查范围:…) of its own
        if OWN_LINE.fullmatch(nxt.strip()) or BYLINE.search(cur) or opens_with_bodies_role(nxt):
            continue  # a 发文字号 alone on its line; a page's byline (发布时间…浏览次数) ends there
        if BODY_END.search(cur) and len(cur.strip()) <= 40 and not CLAUSE_PUNCT.search(cur):
            continue  # a body's name alone: a signature whose date was lost, not a wrapped sentence
        a = spans[i][1]
        edits.append((a, a + 1, ""))
    c.mt = c.mt.apply(edits)


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def detect_script(text: str) -> str:
    sample = _NOT_HAN.sub("", text[:20000])
    if not sample:
        return "simplified"
    converted = t2s()(sample)
    changed = sum(map(str.__ne__, sample, converted))
    return "traditional" if changed / len(sample) > 0.02 else "simplified"


def to_simplified(c: Cleaner) -> str:
    script = detect_script(c.mt.text)
    if script == "traditional":
        c.mt = c.mt.translate(t2s())
    table = variant_table()
    if any(chr(ch) in c.mt.text for ch in table):
        c.mt = c.mt.translate(lambda text: text.translate(table))
    return script


@lru_cache(maxsize=1)
def variant_table() -> dict[int, str]:
    """Variant characters OpenCC leaves as they are (data/variants.tsv), one for one."""
    rows = resources.files(__package__).joinpath("data/variants.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [r.split("\t") for r in rows if r and not r.startswith("#")]
    return {ord(a): b for a, b in pairs if len(a) == 1 and len(b) == 1}


def tidy(c: Cleaner) -> None:
    c.sub("indent", re.compile(r"^[ \u3000]+", re.M), "", record=False)
    c.sub("blank-lines", re.compile(r"\n{2,}"), "\n", record=False)
    c.sub("edges", re.compile(r"^\n+|\n+$"), "", record=False)


def clean_text(text: str) -> CleanResult:
    c = Cleaner(text)
    normalise_space(c)
    remove_pinyin(c)  # first: notes inside words would hide them from every other rule
    split_glued_parts(c)
    remove_html_debris(c)
    remove_furniture(c)
    remove_contacts(c)
    remove_duplicate_copy(c)
    remove_spam(c)
    normalise_width(c)
    remove_mojibake(c)
    remove_ascii_noise(c)
    split_flattened_lines(c)
    c.sub("inline-item", INLINE_ITEM, "\n")
    join_broken_lines(c)
    script = to_simplified(c)
    tidy(c)
    return CleanResult(c.mt, script, c.removed)
