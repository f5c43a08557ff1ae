"""Metadata of a circular: title, 发文字号, issuers, 成文日期, place, addressees, period, citations.

Everything works on the cleaned simplified text and on the *layout* conventions of 公文
(GB/T 9704): the 主送机关 line ends with a colon, the signature block is an issuer line next
to a date line, the 发文字号 stands alone or after the title. No rule names a seed's words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .blocks import column_kind
from .clean import TITLE_END, t2s
from .model import Meta
from .lexicon import lexicon, national_issuer
from .names import Jurisdiction, canonical_name, cut_at, name_kind, parse_names, tidy
from .outline import cn_to_int
from .regions import SPECIAL_REGIONS, TOWN_SUFFIX, Region, gazetteer

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_CITED_AS_PRINTED_RX1 = re.compile(r"《([^》]{2,80})》")
_CITED_AS_PRINTED_RX2 = re.compile(r"印发|制定|下发|现将|现予")
_TITLE_CANDIDATES_RX1 = re.compile(r"[:,]")
_TITLE_CANDIDATES_RX2 = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_FIND_SIGNATURE_RX1 = re.compile(r"[。!\s]\s*((?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)|(?:[一二三四五六七八九〇零○Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日))\s*[|]?\s*$")
_FIND_SIGNATURE_RX2 = re.compile(r"^\(|^(联系人|联系电话|电话)")
_FIND_ADDRESSEE_LINE_RX1 = re.compile(r"来源|分享|发布|时间|日期|浏览|\d{2}:\d{2}")
_FIND_ADDRESSEE_LINE_RX2 = re.compile(r"^(?P<names>[^:。,]{2,120}(?:,[^:。,]{2,60}){0,6}):")
_FIND_ADDRESSEE_LINE_RX3 = re.compile(r"(通知如下|如下|要求|事项)[:]$")
_FIND_ADDRESSEE_LINE_RX4 = re.compile(r"(各|政府|局|厅|委|部门|单位|办)")
_ISSUERS_FROM_HEADING_RX1 = re.compile(r"(?P<org>[\u4e00-\u9fff()]{4,40})文件")
_ISSUERS_FROM_HEADING_RX2 = re.compile(r"\s+")
_LOOKS_LIKE_ORG_RX1 = re.compile(r"[,。:;!?“”《》]")
_CLEAN_TITLE_RX1 = re.compile(r"\(\s*\)|\[\s*\]")
_LOCATE_RX1 = re.compile(r"全(省|市|县|区|州)")
_LOCATE_RX2 = re.compile(r"^([\u4e00-\u9fff]{2,5}?(?:镇|乡|街道|苏木))")
_LOCATE_RX3 = re.compile(r"[,、;]")
# a national body: the State Council's, the Party centre's, or a ministry (水利部, 应急管理部), whose
# name ends in 部 and names no place (not 省委宣传部)
_LOCATE_RX4 = re.compile(r"^(?:国务院|国家|中共中央|中央|全国)|^[^省市县区州盟旗]{2,10}部$")
_PLACES_NAMED_RX1 = re.compile(r"[\u4e00-\u9fff]{2,12}")
_PLACES_NAMED_RX2 = re.compile(r"(?<![\u4e00-\u9fff])市(?:政府|[\u4e00-\u9fff]{1,6}?(?:局|委|办))")

# 黑应急发〔2020〕9号, 甘国土资发电[2009]13号, and older numbers with the year in parentheses
# (泸市府函(2008)83号)
# (﹝2023﹞, [2012]: brackets some sites print for 〔〕, written 〔〕 in the number as the gold does, devset d51)
NUMBER_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "﹝": "〔", "﹞": "〕"})
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s?(?:[〔\[﹝](\d{4})[〕\]﹞]|\((\d{4})\))\s?\d{1,5}\s?号")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a signature's date the page printed without its 日 (大方县人民政府 / 2024年12月31)
DATE_NO_DAY_WORD = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})")
CN_DATE = re.compile(r"([一二三四五六七八九〇零○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
BOOK_TITLE = re.compile(r"《([^《》\n]{2,120})》")
INNER_TITLE = re.compile(r"[<〈]([^<>〈〉]{2,100})[>〉]")
ORG_SUFFIX = re.compile(
    r"(委员会|办公室|办公厅|人民政府|政府|管理厅|管理局|厅|局|委|办|部|署|院|中心|总队|支队|大队|公司|协会|指挥部|领导小组|办事处|管委会"
    r"|(?<=[厅局委])[\u4e00-\u9fff]{2,10}(?:处|科))$")  # a department's division: 水利厅水旱灾害防御处
TITLE_KIND = TITLE_END  # one vocabulary of title kinds for line joining and title finding
SENTENCE_END = re.compile(r"[。;!?]$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[—\-–~至到]+\s*((?:19|20)\d{2})\s*年")
SPAM_ONLY_OFFICE = re.compile(r"^(办公室|办公厅)$")


@dataclass
class Line:
    text: str
    start: int
    stop: int | None = None  # end of a title joined from several lines

    @property
    def end(self) -> int:
        return self.stop if self.stop is not None else self.start + len(self.text)


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(Line(raw.strip(), pos + (len(raw) - len(raw.lstrip()))))
        pos += len(raw) + 1
    return out


# ---------------------------------------------------------------- dates
# an urgent notice or telegram signs with the hour too: 2021年8月21日8时
TIME_OF_DAY = re.compile(r"(?<=日)\s*\d{1,2}\s*[时時:：]\s*(?:\d{1,2}\s*分?)?$")


# a signature date whose 年 and 月 a copy lost (2023217 for 2023年2月17日; fn04, gj05, gk01, gp09 of
# the fresh batches): read only where one split into a month and a day is valid
MARKS_LOST_DATE = re.compile(r"((?:19|20)\d{2})(\d{2,4})日?")


def month_day_split(digits: str) -> tuple[int, int] | None:
    """The one valid (month, day) of 2–4 digits (217 -> 2/17, 1225 -> 12/25), else None."""
    splits = {(int(digits[:k]), int(digits[k:])) for k in (1, 2) if 0 < k < len(digits) and digits[k] != "0"}
    valid = [(mo, d) for mo, d in splits if 1 <= mo <= 12 and 1 <= d <= 31 and len(str(mo)) + len(str(d)) == len(digits)]
    return valid[0] if len(valid) == 1 else None


def parse_cn_date(s: str) -> str | None:
    s = TIME_OF_DAY.sub("", s.strip())
    lost = MARKS_LOST_DATE.fullmatch(s.strip())
    if lost:
        md = month_day_split(lost.group(2))
        return f"{int(lost.group(1)):04d}-{md[0]:02d}-{md[1]:02d}" if md else None
    m = DATE.fullmatch(s.strip()) or DATE_NO_DAY_WORD.fullmatch(s.strip())
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
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
BULLETS = "◎●○■□◆◇★☆▲△▶►·•"  # a byline's or list line's mark (◎山西省水利厅水旱灾害防御处)


def looks_like_org(line: str) -> bool:
    """A signature-like line: a body name on its own (no sentence punctuation, no outline number)."""
    s = line.strip().lstrip(BULLETS)
    if not 3 <= len(s) <= 40 or _LOOKS_LIKE_ORG_RX1.search(s) or OUTLINE_START.match(s):
        return False
    last = s.split()[-1]
    return bool(ORG_SUFFIX.search(last)) and not NOT_ORG_TAIL.search(last)


# ---------------------------------------------------------------- the parser
def parse_metadata(text: str, first_item_start: int | None, box: str = "", page: str = "") -> tuple[Meta, int]:
    """Metadata of the document and the offset where its body (after the title) starts.
    `box`: the page's information box, cut from the text as furniture (its 文号); `page`: the
    text as read, furniture and all (its posting time: `document_year`)."""
    lines = split_lines(text)
    head_end = first_item_start if first_item_start is not None else len(text)
    head = [ln for ln in lines if ln.start < head_end]
    meta = Meta()
    # (a box the page kept in its text: 文 号: 嘉安委办〔2019〕15号 公开类型: 主动公开)
    own_number = find_doc_number(head)  # printed on a line of its own or in the title
    meta.doc_number = own_number or boxed_doc_number(box) \
        or boxed_doc_number("\n".join(ln.text for ln in head[:12]))
    own_cited = cited_as_printed(head)
    addressee_line = find_addressee_line(head)
    title_line = find_title(head, own_cited, page, numbered=own_number is not None and addressee_line is not None)
    if title_line is not None:
        meta.title = clean_title(title_line.text)
        printed = re.search(r"(印发|转发|下发|发布)《([^《》]{4,80})》的?(?:通知|函)$", meta.title or "") \
            or re.search(r"关于(印发|下发)([^《》“”]{0,40}“?[^《》]{4,60}?)的(?:通知|函)$", meta.title or "")
        # (关于印发运城市…规划责任分解的通知: what is printed, unquoted)
        # the cover of "关于印发《X》的通知": the document is X; a cover forwarding another body's
        # notice (公主岭市安委会办公室转发《国务院安委会办公室关于…的紧急通知》的通知) is the document
        # itself, unless the forwarded notice follows it
        if printed and (printed.group(1) != "转发"
                        or text.count(printed.group(2)) > text.count("《" + printed.group(2) + "》")):
            meta.title = strip_inner(printed.group(2))
    if meta.title is None:
        meta.title = boxed_title(box)
    if meta.title is None:
        opening = next((ln.text for ln in head if re.match(r"^《[^》]{4,80}》.{0,60}印发(?:给)?你们", ln.text)), None)
        if opening:  # "《X》已经市政府同意,现印发给你们": the cover of X, whose title line the page lost
            meta.title = strip_inner(re.match(r"^《([^》]+)》", opening).group(1))
    if meta.title is None and page:
        credit = REPOST_CREDIT.search(page)
        if credit:  # 《12月1日开始开封开展…专项整治行动》由河南新闻网-豫都网提供,转载请注明出处 (cut as furniture)
            meta.title = strip_inner(t2s()(credit.group(1)))
    # a news page reporting a notice ("辽宁省防办发出《关于做好强降雨防范工作的通知》"): the
    # notice's title and its issuer, unless the page shows the document's own title
    news = news_of_notice(head)
    if news and news.title and (meta.title is None or not TITLE_KIND.search(meta.title)):
        meta.title = news.title
    body_start = title_line.end if title_line is not None else 0
    date_line, issuer_lines = find_signature(lines)
    if date_line is None and not issuer_lines:
        issuer_lines = undated_signature(lines)
    meta.date = parse_cn_date(date_line.text) if date_line else \
        boxed_date(box) or boxed_date("\n".join(ln.text for ln in head[:8])) or date_beside_number(head, meta.doc_number) \
        or date_under_issuer(head)
    heading = issuers_from_heading(head, title_line)
    # a circular with its addressee line (海南省安监局's cover: 各有关市县安监局:…国家安全监管总局办公厅
    # 下发了《…》,现将《通知》转发给你们) is written by its head's body, not by the notice it tells of
    own_circular = bool(addressee_line) and bool(meta.title) and bool(TITLE_KIND.search(meta.title or ""))
    written_issuers = [canonical_issuer(s) for s in issuer_lines] or (heading if own_circular else []) \
        or (news.issuers if news else []) or heading or boxed_issuer(box)
    meta.issuers = written_issuers
    locate(meta, head, addressee_line or "", text, box)  # may infer the issuer of a township's plan
    jur = Jurisdiction.of(meta.province, meta.locality, document_year(meta, text, page))
    meta.issuers = [issuer_name(x, jur) for x in joint_issuers(meta.issuers) if x]
    if not meta.issuers and meta.title:
        meta.issuers = infer_issuer_from_title(meta)
    elif not meta.issuers and head:
        # a page without its head opening on its plan (2025年全市应急管理工作总体要求是:…, 武汉市)
        meta.issuers = infer_issuer_from_title(meta, head[0].text[:40])
    meta.addressees = split_addressees(addressee_line, meta) if addressee_line else []
    if not meta.addressees and news and news.to and not issuer_lines:
        meta.addressees = split_addressees(news.to, meta)  # a reported notice's addressees
    if not meta.issuers and addressee_line:
        meta.issuers = issuer_above_addressees(addressee_line, text, jur)
    if not meta.issuers and national_issuer(meta.doc_number):
        meta.issuers = [national_issuer(meta.doc_number)]
    if not meta.issuers:
        meta.issuers = issuer_of_number(meta.doc_number, jur)
    if not meta.issuers:
        meta.issuers = issuer_of_byline(page or text, jur)
    if not meta.issuers:
        meta.issuers = meeting_convener(head, jur)
        named_town = town_named(text, meta.issuers) if meta.issuers and meta.province is None \
            and meta.locality is None else None
        if named_town is not None:  # 徐舍镇召开…推进会: the township placed by its name
            county, town = named_town
            chain = gazetteer().chain(county)
            meta.province, meta.locality = chain[0].name, gazetteer().written(chain[1:]) + town
    meta.period = find_period(meta.title, head, body_start, text)
    meta.citations = find_citations(text, meta)
    return meta, body_start


YEAR_IN_TEXT = re.compile(r"(?<![\d〔\[])((?:19[89]|20[0-4])\d)\s*年")
DOC_NUMBER_YEAR = re.compile(r"[〔\[(﹝]((?:19|20)\d{2})[〕\])﹞]")


# a date written with hyphens is the page's, not the circular's (which writes 2018年3月1日):
# 发布时间:2018-03-01 18:07
PAGE_DATE = re.compile(r"(?<![\d-])((?:19[89]|20[0-4])\d)-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d-])")


def document_year(meta: Meta, text: str, page: str = "") -> int | None:
    """The year whose names are in force in the document: its date, its own 发文字号, the date
    its page was posted, else the year its text names most often (the earliest of equals).

    Why the page's date before the text's years: a page without date or number is mostly a
    news report posted days after the notice it reports, while the years its text names are
    often of earlier work (2017年安全生产大检查发现问题 in a report posted 2018-03-01 whose
    notice asks for 3月20日). `page`: the text as read, whose furniture holds the posting time."""
    if meta.date:
        return int(meta.date[:4])
    if meta.doc_number:
        m = DOC_NUMBER_YEAR.search(meta.doc_number)
        if m:
            return int(m.group(1))
    posted = PAGE_DATE.search(page or text)
    if posted:
        return int(posted.group(1))
    years = [int(y) for y in YEAR_IN_TEXT.findall(text)]
    if years:
        return max(set(years), key=lambda y: (years.count(y), -y))
    # (根据《…通知》(浙教安〔2024〕16 号)…: a page naming no year of its own is not older than the
    # newest circular it cites, and mostly of its year)
    cited = [int(m.group(1)) for m in CITED_NUMBER_YEAR.finditer(text)]
    return max(cited) if cited else None


CITED_NUMBER_YEAR = re.compile(r"[〔\[]((?:19[89]|20[0-4])\d)[〕\]]\s?\d{1,5}\s?号")


HEADED_NUMBER = re.compile(r"(?P<org>[\u4e00-\u9fff]{4,30}?)文件\s*(?P<num>[\u4e00-\u9fff]{1,8}\s?[〔\[(]\d{4}[〕\])]\s?\d{1,5}\s?号)")
# an order's number alone on its line under the order's title (临湘市人民政府令 / 〔2022〕第1号)
ORDER_NUMBER = re.compile(r"^[〔\[]\d{4}[〕\]]\s*第\s*\d{1,4}\s*号$")


def find_doc_number(head: list[Line]) -> str | None:
    """The document's own 发文字号: alone on a line, or in the title line, not in a citation."""
    for prev, ln in zip(head[:11], head[1:12]):
        if ORDER_NUMBER.match(ln.text.strip()) and prev.text.strip().endswith("令"):
            return ln.text.strip().replace("[", "〔").replace("]", "〕").replace(" ", "")
    for ln in head[:12]:
        for m in DOC_NUMBER.finditer(ln.text):
            before = ln.text[: m.start()]
            rest = re.sub(r"[\s()\[\]]", "", ln.text.replace(m.group(0), ""))
            # alone, or with the signing date beside it (苏政办发〔2011〕59号  2011年5月7日)
            alone = not rest or (ln.text.find(rest) > m.start() and is_date_line(rest))
            in_title = TITLE_KIND.search(re.sub(r"\s*\(.*$", "", before).strip()) is not None and "《" not in before
            if alone or in_title:
                return re.sub(r"\s+(?=[〔\[(﹝])", "", m.group(0)).translate(NUMBER_BRACKETS)
        # under its red header (重庆市人民政府办公厅文件渝办发[2012]238号各区县…: a page run into one line)
        headed = HEADED_NUMBER.search(ln.text)
        if headed and looks_like_org(headed.group("org")):
            return re.sub(r"\s+", "", headed.group("num")).replace("[", "〔").replace("]", "〕")
    return None


BRACKETED_DATE = re.compile(r"^\s*[(（]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*[)）]\s*$")


def date_under_issuer(head: list[Line]) -> str | None:
    """A plan or rule printed as title / issuer / (2013年7月29日): the bracketed date on its own
    line under the issuer's is the document's (a gazette's way of printing its signing date)."""
    for k in range(1, min(len(head), 12)):
        m = BRACKETED_DATE.match(head[k].text)
        if m and looks_like_org(head[k - 1].text.strip()):
            return parse_cn_date(m.group(1))
    return None


def date_beside_number(head: list[Line], number: str | None) -> str | None:
    """The signing date a cover prints on its number's line (苏政办发〔2011〕59号  2011年5月7日),
    when the page has no signature."""
    if number is None:
        return None
    for ln in head[:12]:
        text = ln.text.replace("[", "〔").replace("]", "〕")
        if number in text:
            return parse_cn_date(text.split(number, 1)[1])
    return None


@dataclass
class NewsOfNotice:
    """The notice a news page reports: who sent it, its title when the page gives it, and to
    whom (陕西省防汛抗旱总指挥部向榆林、…、韩城市防汛抗旱指挥部发布紧急通知)."""
    issuers: list[str]
    title: str | None
    to: str | None


def news_of_notice(head: list[Line]) -> NewsOfNotice | None:
    """The notice a news page reports: "7月25日,辽宁省防办发出《关于做好强降雨防范工作的通知》" /
    "6月13日,省防总发出关于…的紧急通知" / "29日,湖北省安委会发出紧急通知,要求…" / "广东省防汛防旱防风
    总指挥部办公室(简称“省三防办”)印发紧急通知" / "陕西省防汛抗旱总指挥部向…指挥部发布紧急通知"."""
    for ln in head[:10]:
        m = NEWS_OF_NOTICE.search(ln.text)
        senders = m.group("org").split("、") if m else []  # 广东省委办公厅、省政府办公厅印发《…》
        if m and all(name_kind(x) == "org" for x in senders):
            title = strip_inner(m.group("title") or m.group("bare") or "") or None
            to = m.group("to")
            asked = ASKED_AFTER_NOTICE.match(ln.text, m.end())
            if to is None and asked and parse_names(asked.group("to"), strict=True):
                to = asked.group("to")  # …发出紧急通知,要求各地切实做好…: whom the notice asks
            return NewsOfNotice(senders, title if title and TITLE_KIND.search(title) else None, to)
    return None


# the words a report dates what a body did by (今天自治区防汛抗旱指挥部发出…; …办公室21日向…发出通知)
RECENT_DAY = r"(?:今天|昨天|今日|昨日|近日|日前)"
RECENTLY = r"(?:" + RECENT_DAY + r"|(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚)?)?"
NEWS_OF_NOTICE = re.compile(r"(?:^|[,,。\s])(?:\d{1,2}月)?(?:\d{1,2}日)?" + RECENT_DAY + r"?[,,]?(?P<org>[\u4e00-\u9fff]{2,24}?(?:、[\u4e00-\u9fff]{2,24}?)?)"
                            r"(?:[(（]简称[“\"]?[\u4e00-\u9fff]{2,12}[”\"]?[)）])?"
                            + RECENTLY + r"(?:向(?P<to>[\u4e00-\u9fff、()（）,,0-9]{2,80}?))?"
                            # (…向各省、自治区、直辖市人民政府,国家减灾委员会各成员单位就有关事项下发通知)
                            r"(?:就[\u4e00-\u9fff]{2,12}?)?(?:发出|下发|印发|下达|发布)了?"
                            r"(?:《(?P<title>[^《》]{4,80})》|(?P<bare>关于[^。;;《》\n]{4,80}?的(?:紧急)?通知)|(?:紧急)?通知|[\u4e00-\u9fff]{0,10}?通告)")
# (an unquoted title may hold a comma: 发出关于采取有力措施,切实搞好煤矿安全生产工作的通知; a notice
# may be a 通告: 省三防办、省应急管理厅发布重大天气情况通告)


ASKED_AFTER_NOTICE = re.compile(r"[,，]要求(?P<to>[\u4e00-\u9fff、]{2,24}?)(?=切实|认真|进一步|立即|迅速|全力|做好|加强|要|务必|抓好|落实)")


def boxed_doc_number(box: str) -> str | None:
    """索引号 640522022/2021-00018 文号 海安委办发〔2021〕21号: the number a page's information box
    gives its document."""
    m = BOXED_NUMBER.search(box)
    return m.group(1).translate(NUMBER_BRACKETS) if m else None


# between a box's label and its value: a colon, a cell's bar, or a bracket closing the label
# ([ 发文字号 ] | 城水利发〔2024〕101号 |)
BOX_SEP = r"\s*[\]】]?\s*[:：]?\s*\|?\s*"
BOXED_NUMBER = re.compile(r"(?:文\s*号|发文字号|文件编号)" + BOX_SEP + "(" + DOC_NUMBER.pattern + ")")
# a government page's disclosure box: 发布机构: 铁岭县平顶堡镇人民政府 成文日期: 2023-6-21
BOXED_ISSUER = re.compile(r"(?:发布机构|发文机关|发文单位|制发机关)" + BOX_SEP + r"([\u4e00-\u9fff()（）]{4,40})")
BOXED_DATE = re.compile(r"(?:成文日期|成文时间|发文时间|发文日期)" + BOX_SEP + r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
BOXED_TITLE = re.compile(r"标\s*题" + BOX_SEP + r"([^|\n]{6,80}?)\s*(?:\||$)", re.M)


def boxed_title(box: str) -> str | None:
    """The title a page's disclosure box gives (标 题: | 固原市原州区人民政府关于…的通告 |), when it is a
    document's (ends with a kind word)."""
    m = BOXED_TITLE.search(box)
    title = clean_title(m.group(1)) if m else ""
    return title if title and TITLE_KIND.search(title) else None


def boxed_issuer(box: str) -> list[str]:
    """The body a page's disclosure box names as the publisher (发布机构/发文机关), when it is a
    body with its place written in full."""
    m = BOXED_ISSUER.search(box)
    name = m.group(1) if m else ""
    return [name] if name and placed_in_full(name) and name_kind(name) == "org" else []


def boxed_date(box: str) -> str | None:
    """The 成文日期 a page's disclosure box states (2023-6-21): the document's date by its label,
    not the page's posting time."""
    m = BOXED_DATE.search(box)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def cited_as_printed(head: list[Line]) -> list[str]:
    """Titles that a cover notice says it prints (现将《X》印发…, 《X》已经…同意,现印发…): the
    document's own title, found again as a line of its own further down."""
    found = []
    for ln in head:
        if not _CITED_AS_PRINTED_RX2.search(ln.text):
            continue
        for m in _CITED_AS_PRINTED_RX1.finditer(ln.text):
            found.append(strip_inner(m.group(1)))
    return found


def strip_inner(title: str) -> str:
    return INNER_TITLE.sub(r"\1", title).strip()


NOT_TITLE = re.compile(r"[|\t<>=/]|\d{4}-\d{1,2}-\d{1,2}|^\d+(?:\.\d+)+|^(当前位置|您现在的位置|您所在位置|首页|发布|来源|时间|日期|浏览|字号|打印|分享)"
                       r"|^[(（]此件[^)）]{0,8}[)）]$"  # (此件主动公开): a publication note, not a title
                       r"|\d{4}年\d{1,2}月\d{1,2}日\s*(?:[(（]此件[^)）]{0,8}[)）])?$"  # a signature with its date on one line
                       r"|^[^,,。]{2,16}讯$|^据?[^,,。]{2,8}社[^,,。]{0,8}?\d{1,2}月\d{1,2}日电$"  # a news dateline (中国网·滨海高新讯, 据新华社北京1月31日电)
                       r"|(?:范文|模板|\d+篇|大全|精选)$"  # an essay-template site's heading (…活动方案模板8篇, …总结范文)
                       r"|(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,3}(?:\s|$)"  # a byline (…客户端记者 张志新 通讯员 宋亚奔)
                       r"|^(特此(?:通知|通告|函告|函复|公告|报告)|以上通知|此复)[。!]?$")  # a closing formula


CJK = re.compile(r"[\u4e00-\u9fff]")


# a news headline's exclamation (最新!天津启动…): a headline of its own, not a part of a title broken over lines
EXCLAIMED = re.compile(r"[!?！？]")


def title_candidates(head: list[Line]) -> list[Line]:
    """Each head line, and runs of up to three lines joined (a title broken over lines:
    平山县人民政府 / 关于2022年春季森林草原封山防火的 / 通 告)."""
    out: list[Line] = []
    for i, ln in enumerate(head[:15]):
        labelled = TITLE_TAG.match(ln.text)  # 标 题: | X |: a box's title cell, bars and all
        if NOT_TITLE.search(ln.text[labelled.end():].strip(" |") if labelled else ln.text) or is_date_line(ln.text) \
                or CN_DATE.match(ln.text) or not CJK.search(ln.text) or ln.text.rstrip(" \u3000").endswith((":", "：")):
            continue  # a line without Chinese (tibet.cn, home, a URL) is a site's furniture; one that
            # ends on a colon opens what follows (the addressees' line: 市防指成员单位、各分部…:)
        out.append(ln)
        text = ln.text
        if len(text) > 90:
            # a page flattened into one line: "…紧急通知 泸市府函(2008)83号 各区、县人民政府,…"
            for k in (k for k in range(8, 91) if text[k:k + 1] in (" ", "\u3000")):
                if TITLE_KIND.search(clean_title(text[:k])) and not SENTENCE_END.search(text[:k]):
                    out.append(Line(text[:k], ln.start, ln.start + k))
                    break
        for j in range(i + 1, min(i + 3, len(head))):
            nxt = head[j]
            if NOT_TITLE.search(nxt.text) or not CJK.search(nxt.text) or SENTENCE_END.search(text) \
                    or _TITLE_CANDIDATES_RX1.search(text) or EXCLAIMED.search(text) or nxt.text == head[j - 1].text \
                    or nxt.text.startswith("关于") and not looks_like_org(text) \
                    or nxt.text.startswith(("—", "-")) \
                    or (looks_like_org(text) and not nxt.text.startswith("关于") and not ORDER_TITLE.fullmatch(nxt.text)) \
                    or TITLE_KIND.search(clean_title(text)) or is_date_line(nxt.text) or DOC_NUMBER.search(nxt.text):
                break
            text = text + nxt.text
            joined = Line(_TITLE_CANDIDATES_RX2.sub("", text), ln.start, nxt.end)
            if TITLE_KIND.search(clean_title(joined.text)) and len(joined.text) <= 90:
                out.append(joined)
    return out


def find_title(head: list[Line], own_cited: list[str], page: str = "", numbered: bool = False) -> Line | None:
    """The work-points title: a line equal to what the cover notice prints, else the first
    title-like line (or run of lines)."""
    candidates = title_candidates(head)
    for ln in candidates:
        if strip_inner(clean_title(ln.text)) in own_cited:
            return ln
    best = None
    for ln in candidates:
        t = clean_title(ln.text)
        if t and TITLE_KIND.search(t) and not SENTENCE_END.search(ln.text) and len(t) <= 90 \
                and not ln.text.endswith(":") and not re.match(r"附件", t) and not t.startswith(("—", "-")):
            # the longest title starting on the same line wins (a title over several lines)
            if best is None or (ln.start == best.start and ln.end > best.end):
                best = ln
            elif ln.start != best.start:
                break
    if best is not None:
        return best
    for ln in head[:8]:  # a news page quoting the notice: "据新华社…电 国务院办公厅关于…的通知。各省…:"
        m = QUOTED_NOTICE.search(ln.text)
        if m and looks_like_org(m.group("issuer")):
            return Line(m.group("issuer") + m.group("title"), ln.start + m.start("issuer"))
    headlines = [ln for i, ln in enumerate(head[:6]) if headline_like(ln.text) or i == 0 and comma_headline(ln.text)]
    # a news page's headline stands right above its time stamp (…巡查 / 2018-11-04 01:57:33 信息来源:…),
    # under whatever slogan its site prints first (欢迎关注…网站艾森网!)
    above_stamps = stamped_lines(page)
    # (below a menu of many lines too: 学术研究 / 儒学动态 / … / 国务院安委办印发紧急通知… / 来源:… 更新时间:…)
    stamped = [ln for ln in head[:20] if ln.text.strip() in above_stamps and headline_like(ln.text)]
    # (a headline the cleaning ran into what was left of its stamp line: 湖北省政府办公厅紧急通知要求防范
    # 10年一遇暴雨中央政府门户网站 www.…, once 2008年06月06日 来源:… was cut as furniture)
    stamped += [Line(h, ln.start, ln.start + len(h)) for ln in head[:6] for h in above_stamps
                if ln not in stamped and ln.text.startswith(h) and len(ln.text) > len(h) and headline_like(h)]
    headlines = stamped + [ln for ln in headlines if ln not in stamped]
    for prev, ln in zip(head[:11], head[1:12]):
        # the headline right above the 主送 line is the notice's, whatever a mirror put above it
        # (三星堆旅游专线一号线票价 / 2023-08-30 / 更新时间… / 蓬江区启动防风Ⅳ级应急响应 / 各镇政府…:)
        if ln.text.rstrip().endswith((":", "：")) and ln.text.startswith("各") and headline_like(prev.text):
            return prev
    if headlines and "关于" not in headlines[0].text and numbered:
        return None  # a circular printing its number and addressees (`numbered`) has a kind word in its title:
        # a line without one is the site's (我要收藏 / 公共资源调用站点 / 文章分享 / 桂安监管烟爆〔2018〕6号)
    return headlines[0] if headlines else None


def stamped_lines(page: str) -> set[str]:
    """The lines of the page as read (its furniture too) standing right above a time stamp."""
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    return {t2s()(a) for a, b in zip(lines, lines[1:]) if NEWS_STAMP.match(b)}  # (head lines are simplified)


# a news page's time stamp under its headline (2018-11-04 01:57:33 信息来源:…, 发布时间:2021-03-02)
# (or a portal's line of site, date and source: 中央政府门户网站 www.… 2008年06月06日 来源:湖北省人民政府)
NEWS_STAMP = re.compile(r"^\s*(?:(?:发布|更新|发表|发稿|录入|上传|添加)?(?:时间|日期)[:：]\s*)?\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$)"
                        r"|^[^。,,]{0,60}?(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)[^。,,]{0,20}?(?:来源|來源)\s*[:：]"
                        # (or its source first: 来源:…官网  更新时间:2024-05-08 19:51:24)
                        r"|^\s*(?:来源|來源)\s*[:：][^。,,]{0,60}?(?:时间|日期)\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}")


def comma_headline(t: str) -> bool:
    """A news page's headline with one comma ("安全生产月"马上到了,渝晋新陕打算这么干) opening the
    page's text: its byline was cut as furniture, the headline stays the first line."""
    return 6 <= len(t) <= 40 and t.count(",") == 1 and not re.search(r"[。:;；]", t) and headline_like(t.replace(",", ""))


def headline_like(t: str) -> bool:
    """A headline with no kind word (newsletters, roundups, a news page's own title)."""
    # a news headline may open with its region's label (广西:贵港市五举措做好…)
    label = PLACE_LABEL.match(t)
    bare = t[label.end():] if label and (label.group(1) in gazetteer().by_short
                                         or label.group(1) in gazetteer().by_name) else t
    return bool(6 <= len(t) <= 40 and CJK.search(t) and not re.search(r"[,。:;]", bare) and not is_date_line(t)
                and not looks_like_org(t)
                and not t.startswith(("—", "-")) and not NOT_TITLE.search(t) and clean_title(t))


# an order's or public notice's title printed under its issuer's line (瓦房店市人民政府 / 森林草原防火通告)
ORDER_TITLE = re.compile(r"[\u4e00-\u9fff]{2,16}(?:通告|公告|命令|禁火令|防火令|戒严令)")
PLACE_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,4})[:：](?=[\u4e00-\u9fff])")
QUOTED_NOTICE = re.compile(r"(?:^|[\s。,])(?P<issuer>[\u4e00-\u9fff]{2,20}?)(?P<title>关于[^。]{4,60}?的(?:紧急)?(?:通知|意见|决定|通报))。")


def clean_title(s: str) -> str:
    s = DOC_NUMBER.sub("", s)
    s = _CLEAN_TITLE_RX1.sub("", s)
    s = CJK_GAP.sub("", s)  # 石屏县人民政府关于 高火险期…: a space typed between characters
    s = s.strip(" 《》\u3000|")  # (and a box cell's bars: 标 题: | 固原市原州区人民政府关于…的通告 |)
    return strip_inner(without_page_words(s))


# what a site's menu or name is made of (a title's own words before its issuer are not: 贯彻落实, 现将《)
PAGE_WORDS = re.compile(r"首页|专区|公告|发布|网|频道|栏目|新闻|档案|法规|资讯|动态|[A-Za-z]|\s")
TITLE_TAG = re.compile(r"^\s*(?:[【\[][^】\]]{1,10}[】\]]|(?:名\s*称|原?标\s*题|文件名称)(?:\s*[:：|]\s*\|?|\s*(?=关于)))\s*")  # 【安全生产】…, 名称:…, 标题 关于… (a box's label, its colon lost)
# a law library's note of the document's force after its title (…的通知【已废止】, [失效])
VALIDITY_AFTER_TITLE = re.compile(r"\s*[【\[(（](?:已废止|已失效|失效|废止|现行有效|有效|已修订|已修改|部分失效)[】\])）]\s*$")
SITE_AFTER_TITLE = re.compile(r"(?<=令|知|告|见|案|点|法|函|定|报)[\u4e00-\u9fff]{2,8}(?:新闻|新闻网|网|日报|在线|频道|门户)$")


def without_page_words(title: str) -> str:
    """A title with the page's words glued to it: a column tag (【安全生产】), a site's menu or name
    before the issuer that opens it (长者专区通知公告返回首页鹤山市人民政府关于…, EHS中国 法规首页 广西…,
    档案发布河北省…), a site's name after it (…防火戒严令呼和浩特新闻)."""
    title = TITLE_TAG.sub("", title)
    title = VALIDITY_AFTER_TITLE.sub("", title)
    title = SITE_AFTER_TITLE.sub("", title)
    about = title.find("关于")
    if about > 0:
        g = gazetteer()
        head = title[:about]
        if g.place_prefix(head) is not None or head.startswith(("中共", "中国共产党", "国务院", "中央", "国家")):
            return title  # the title opens with its issuer (北京市延庆区人民政府关于…)
        for k in range(1, len(head) - 1):
            hit = g.place_prefix(head[k:])
            if hit is not None and hit[0].name == head[k:k + hit[1]] and name_kind(head[k:].replace(" ", "")) == "org" \
                    and PAGE_WORDS.search(head[:k]) and not re.search(r"[,，。:：;；《“]", head[:k]) \
                    and name_kind(head[:k].strip()) is None:
                return title[k:].lstrip()
    return title


def joined_signers(parts: list[str]) -> list[str]:
    """"安徽省人民政府 安委会办公室": a signature's body after a space that names no place and
    belongs to a government (its committee's office) is that government's, one signer."""
    g = gazetteer()
    out: list[str] = []
    for part in parts:
        if out and out[-1].endswith(("人民政府", "政府")) and g.place_prefix(part) is None \
                and not LEVEL_WORDS_START.match(part) and part.endswith(("办公室", "委员会", "安委会", "安委办")):
            out[-1] += part
        else:
            out.append(part)
    return out


LEVEL_WORDS_START = re.compile(r"^(?:省|市|县|区|州|乡|镇|中共|国务院|国家)")


# a signature flattened onto one line: 宿迁经济技术开发区党政办公室 2020年2月20日 (此件公开发布)
SIGNATURE_ON_ONE_LINE = re.compile(r"(?P<org>[\u4e00-\u9fff()（）]{4,40})\s+(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
                                   r"\s*(?:[(（]此件[^)）]{0,8}[)）])?")


def find_signature(lines: list[Line]) -> tuple[Line | None, list[str]]:
    """The 成文日期 line and the issuer line(s) next to it (before, or after a contact note)."""
    for ln in lines:
        one = SIGNATURE_ON_ONE_LINE.fullmatch(ln.text.strip())
        if one and looks_like_org(one.group("org")) and parse_cn_date(one.group("date")):
            at = ln.start + ln.text.index(one.group("date"))
            return Line(one.group("date"), at), [one.group("org")]
    for i, ln in enumerate(lines):
        if not is_date_line(ln.text):
            continue
        issuers: list[str] = []
        after_note = i + 2 < len(lines) and _FIND_SIGNATURE_RX2.match(lines[i + 1].text)
        for j in (i - 1, i + 1, i - 2) + ((i + 2,) if after_note else ()):
            if 0 <= j < len(lines) and looks_like_org(lines[j].text) and not lines[j].text.endswith(":"):
                issuers = joined_signers([part for part in lines[j].text.split() if ORG_SUFFIX.search(part)])
                if issuers and not all(SPAM_ONLY_OFFICE.match(x) for x in issuers):
                    return ln, issuers
        return ln, []
    # a page flattened into few lines: the date closes the last line ("…汇总。 二〇一〇年三月五日")
    for ln in lines[-3:][::-1]:
        m = _FIND_SIGNATURE_RX1.search(ln.text)
        if m and parse_cn_date(m.group(1)):
            return Line(m.group(1), ln.start + m.start(1)), []
    return None, []


def undated_signature(lines: list[Line]) -> list[str]:
    """A signature whose date the page lost: the body's name on the line right after the last
    numbered item (潍坊…指挥部 under "(十)不准进入林区放牧、砍柴。", then the news site's
    teasers). Only a body with its place written in full, and only after an item that closes
    with its punctuation: the enumerated text has ended and the signer follows it."""
    numbered = [i for i, ln in enumerate(lines) if OUTLINE_START.match(ln.text.strip())]
    if not numbered:
        return []
    last = numbered[-1]
    if last + 1 >= len(lines) or not lines[last].text.rstrip().endswith(("。", ";", "；", "!")):
        return []
    name = lines[last + 1].text.strip()
    if looks_like_org(name) and " " not in name and placed_in_full(name) and name_kind(name) == "org":
        return [name]
    return []


SALUTATION = re.compile(r"^\s*(?:尊敬的|亲爱的)")


# a news portal's credit line after a reposted report: 《headline》由…提供,转载请注明出处
REPOST_CREDIT = re.compile(r"《([^《》\n]{6,80})》由[^,，。\n]{2,40}提供[,，]?\s*转载请注明")


FIELD_KINDS = ("lead", "participant", "responsible", "deadline")


def find_addressee_line(head: list[Line]) -> str | None:
    """主送机关: an early line ending with a colon that lists bodies (各…, …政府, …局), or the
    list before the first colon of a line that runs on into the notice's text."""
    for ln in head[:12]:
        t = SALUTATION.sub("", ln.text.strip("| "))  # 尊敬的各乡(镇)人民政府…: the greeting is no body
        if t.endswith(":") and "。" in t:
            t = t[t.rfind("。") + 1:].strip()  # "…的通知。各省、自治区、直辖市人民政府,…:" in a news report
        if _FIND_ADDRESSEE_LINE_RX1.search(t[:t.find(":") + 24] if ":" in t else t):
            continue  # a page's byline (2021-07-22 16:55 来源:…办公室 分享到:)
        if ":" in t and column_kind(t[:t.find(":")]) in FIELD_KINDS:
            continue  # a task's field (牵头部门:区林业局、区水务局…), no addressee line
        if t.endswith(":") and len(t) < 200 and not _FIND_ADDRESSEE_LINE_RX3.search(t) \
                and (_FIND_ADDRESSEE_LINE_RX4.search(t) or parse_names(t[:-1], strict=False)):
            return t[:-1]
        if t.startswith("各") and len(t) < 80 and not re.search(r"[。,,::;;!?！？]", t):
            names = parse_names(t, strict=True)
            if names and len(names) >= 2:
                return t  # 各乡镇(街道)、县直有关单位 on a line of its own, its colon lost by the copy
        m = _FIND_ADDRESSEE_LINE_RX2.match(t)
        if m and len(t) > len(m.group(0)) + 10:
            names = m.group("names")
            # a scrap of page text before the list on the same line (湖北宜昌墙体广告 各县市区…): the
            # list is what parses after a space
            for cut in [0, *(w.end() for w in re.finditer(r"\s+", names))]:
                if parse_names(names[cut:], strict=True):
                    return names[cut:]
    return None


# 浙江、福建、…、海南等6省(自治区)水利部门: the count of the places listed, no part of a name
COUNTED_PLACES = re.compile(r"等(?:\d{1,2}|[一二三四五六七八九十]{1,3})个?(?=省|自治区|市|县|区)")


def split_addressees(raw: str, meta: Meta) -> list[str]:
    """主送机关 as canonical names: collectives kept as written (各县(区)人民政府 -> 各县区人民政府),
    a run of level words one collective (各州、市人民政府), places sharing a suffix each with it
    (梅河口市、公主岭市安委会办公室), named units with their jurisdiction (县应急局)."""
    jur = Jurisdiction.of(meta.province, meta.locality, int(meta.date[:4]) if meta.date else None,
                          tuple(meta.issuers))
    out: list[str] = []
    raw = COUNTED_PLACES.sub("", raw)
    for piece, _, kind in parse_names(raw, strict=False) or []:
        name = piece if kind == "place" else canonical_name(piece, jur)
        if kind == "place":
            name = canonical_name(piece, jur)
        if name and name not in out:
            out.append(name)
    return out


def issuer_of_number(doc_number: str | None, jur: Jurisdiction) -> list[str]:
    """The writer its 发文字号 names when the page shows no signature: 海安委办发〔2021〕21号 on a
    海原县 page is 海 (the county's short name) + 安委办 + 发: 海原县安全生产委员会办公室. The
    organ's short form must be one the lexicon reads (the list spells out what the shape found)."""
    code = ORGAN_CODE.match(doc_number or "")
    rank = jur.rank
    if not code or rank not in (1, 2, 3):
        return []
    region = {1: jur.province, 2: jur.city, 3: jur.county}[rank]
    code_text = code.group(1)
    lex = lexicon()
    for k in (2, 1):
        if not code_text.startswith(region.short[:k]):
            continue
        rest = code_text[k:]
        for suffix in ("办发", "办函", "明电", "发", "函", "字", "电", ""):
            organ = rest[:len(rest) - len(suffix)] if suffix and rest.endswith(suffix) else rest if not suffix else None
            if organ and organ in lex.abbreviations:
                return [canonical_name("省市县"[rank - 1] + organ, jur)]
    return []


ORGAN_CODE = re.compile(r"^([\u4e00-\u9fff]{2,10})\s*[〔\[﹝]")

# a page's byline naming the body that published it: 来源: 大庆市让胡路区人民政府林业和草原局
BYLINE_SOURCE = re.compile(r"(?:信息)?来源\s*[:：]\s*([\u4e00-\u9fff()（）]{4,40})")
MEDIA = re.compile(r"(网|报|台|社|新闻|在线|频道|客户端|公众号|头条|号|网站|门户|媒体中心|传媒中心|新闻中心)$")  # (舒兰市融媒体中心 too)


def issuer_of_byline(page: str, jur: Jurisdiction) -> list[str]:
    """The publishing body of a page that shows no signature, number or addressed issuer: a
    notice or 公告 posted by its own department (来源: 大庆市让胡路区人民政府林业和草原局 above its
    公告). Only a body by its shape, named with its place (a bare 应急管理局 could be any
    level's), and never a medium (来源: 宁夏日报, 中华网河南, 新甘谷 are news sites)."""
    m = BYLINE_SOURCE.search(page)
    if not m:
        return []
    name = m.group(1)
    if MEDIA.search(name) or not ORG_SUFFIX.search(name) or not placed_in_full(name):
        return []
    return [issuer_name(canonical_issuer(name), jur)]


def placed_in_full(name: str) -> bool:
    """Whether a name opens with its place written in full: a short form is not enough (公安局
    opens with 公安县's short form, 应急管理局 with no place at all)."""
    place = gazetteer().place_prefix(name)
    return place is not None and name[place[1] - 1] in PLACE_END


PLACE_END = "省市县区州旗盟镇乡"


# a report's opening on the meeting a body held: 11月16日,张北县安委办组织召开…会 / 近日,贵港市自然资源局召开…会议
MEETING_CONVENER = re.compile(r"(?:^|[,,。\s])(?:\d{4}年\d{1,2}月\d{1,2}日,?)?(?P<org>[\u4e00-\u9fff]{2,24}?)" + RECENTLY +
                              r"(?:组织|主持)?召开[^。;]{2,80}?(?:会议|会)")


def meeting_convener(head: list[Line], jur: Jurisdiction) -> list[str]:
    """The body that held the meeting a news report tells of, when the page names no issuer:
    the requests the meeting made are that body's to pass on (a person who chaired it — 镇长
    黄荣峰主持召开 — is no issuer)."""
    for ln in head[:4]:
        m = MEETING_CONVENER.search(ln.text)
        if m and name_kind(m.group("org")) == "org" and placed_in_full(m.group("org")):
            return [issuer_name(canonical_issuer(m.group("org")), jur)]
        if m and re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:镇|乡)", m.group("org")) \
                and m.group("org")[:-1] in gazetteer().towns:
            return [m.group("org") + "人民政府"]  # 9月29日,徐舍镇召开…推进会: the township's government
        if m and re.fullmatch(r"[\u4e00-\u9fff]{2,4}村", m.group("org")) and jur.rank >= 2:
            # 2017年11月2日马畈村召开森林防火工作专题部署会: the village's committee, on a page placed
            # below a city (villages are in no gazetteer)
            return [m.group("org") + "村民委员会"]
    return []


def joint_issuers(issuers: list[str]) -> list[str]:
    """Issuers a page wrote as one list (秭归县公安局、县应急管理局近日特地发布…公告): each body its own
    issuer, the second named with the first one's place by the canonical name."""
    out: list[str] = []
    for written in issuers:
        names = parse_names(written, strict=True) if "、" in written else None
        if names and len(names) >= 2 and all(kind == "org" for _, _, kind in names):
            out.extend(name for name, _, _ in names)
        else:
            out.append(written)
    return out


def issuer_name(written: str, jur: Jurisdiction) -> str:
    """The canonical name of an issuer. The writer is one body, never a class: 自治州安全生产委员会
    signing a notice whose text names only its province is that prefecture's committee, not
    every prefecture's (the reading a level below the document's gives inside a text)."""
    name = canonical_name(written, jur)
    return tidy(written) if name.startswith("各") and not written.startswith("各") else name


def locate(meta: Meta, head: list[Line], addressee_line: str, text: str = "", furniture: str = "") -> None:
    """Province and locality from the issuers, the 发文字号 prefix and the head's place names;
    failing those (a page without its head), from the places the text names most; failing
    those, from the page's furniture (a village page's breadcrumb: 首页 >揭东区 >玉湖镇 >詹厝村)."""
    g = gazetteer()
    evidence = " ".join(meta.issuers)
    province: Region | None = None
    local: Region | None = None
    for r in g.mentions(evidence):
        if r.level == 1:
            province = province or r
        elif local is None or r.level > local.level and local in g.chain(r):
            local = r  # the deepest place the issuers name: 十堰市郧阳区人民政府办公室 is 郧阳区's
    national = (bool(meta.issuers) and all(_LOCATE_RX4.search(i) and not gazetteer().place_prefix(i) for i in meta.issuers)) \
        or national_issuer(meta.doc_number) is not None \
        or (not evidence and ADDRESSED_PROVINCES.match(addressee_line or "") is not None)
    # the number's first character is a province's 简称 (川府发) unless the head names its place in
    # full (青地空联办〔2023〕8号 under 上海市青浦区建设和交通委员会: 青 is 青浦, not 青海)
    by_number = g.province_by_abbr(meta.doc_number[0]) \
        if province is None and meta.doc_number and not national else None
    if by_number is not None and not any(
            r.level >= 1 and g.province_of(r) != by_number and looks_like_org(ln.text.strip())
            for ln in head[:6] for r in g.mentions(ln.text)):
        province = by_number
    own_town = None
    if province is None and local is None and not national and text and TOWN_SELF.search(text):
        named_town = town_named(text, meta.issuers)
        if named_town is not None:  # 我镇…凰岗镇: a township writing, before any place its text tells of
            local, own_town = named_town  # (对内蒙古阿拉善左旗一露天煤矿坍塌事故作出的重要指示)
    if province is None and local is None and not national:
        in_body = False
        for ln in head[:6]:
            if addressee_line and ln.text.strip().rstrip(":：") == addressee_line.strip().rstrip(":："):
                in_body = True
                continue
            line = without_positions(ln.text)
            hits = g.mentions(line)
            if in_body:
                # below the addressee line a place counts inside a body's name (根据达州市达川区安全
                # 生产委员会办公室《…》), not where it rained (洺河上游武安市有大到暴雨)
                hits = [r for r in hits if any(BODY_AFTER_PLACE.match(line, m.end())
                                                for m in re.finditer(re.escape(r.name), line))]
            if hits:
                # the place the line names first (3月6日,福清市组织收听收看省、福州市…会议: 福清市)
                r = written_run_end(line, min(hits, key=lambda x: (line.find(x.name), -x.level)), hits)
                if r.level == 1:
                    province = r
                else:
                    local = r
                    own_town = own_town or town_written_after(line, r)
                break
    scope = _LOCATE_RX1.search(meta.title or "")
    if local is None and scope and scope.group(1) in "县区":
        counties = g.counties_of_town(_LOCATE_RX3.split(addressee_line))
        if len(counties) == 1:
            local = g.by_code[counties.pop()]
    town = own_town
    if province is None and local is None and meta.title:
        town_hit = _LOCATE_RX2.match(meta.title)
        if town_hit and town_hit.group(1)[:-1] in g.towns or town_hit and town_hit.group(1)[:-2] in g.towns:
            # 徐庄镇2017年度…计划: a township's own plan (its county when the name is unique)
            town = town_hit.group(1)
            counties = g.counties_of_town([town])
            if len(counties) == 1:
                local = g.by_code[counties.pop()]
            if not meta.issuers:
                meta.issuers = [town + "人民政府"]
    if province is None and local is None and not national and meta.title and CITY_SELF.search(text):
        # 12月1日开始开封开展…行动 with 我市 in its text: the city its headline names by its short name
        named = {city.code: city for short, city in _city_shorts().items() if short in meta.title}
        if len(named) == 1:
            local = next(iter(named.values()))
    if province is None and local is None and not national and text:
        province, local = places_named(text)
        if province is None and local is None:
            local = county_shared_by_towns(text)
        if province is None and local is None:
            local = dateline_city(text)
        if province is None and local is None and meta.issuers and all(i.startswith("省") for i in meta.issuers):
            province = dateline_province(text)  # 广州日报讯…省三防办、省应急管理厅发布…: the paper's province
        if province is None and local is None:
            province = province_of_regional_words(text)
        if province is None and local is None and furniture:
            province, local = places_named(furniture)
    elif local is None and not any(g.mentions(i) for i in meta.issuers) and not national and text:
        # (issuers that name no place in full, such as 陵水三防办 in a report, say nothing of it)
        # a province named in the head (a cited 《湖北省…通知》) leaves the locality open
        named_province, named_local = places_named(text)
        if named_local is not None and province is not None and named_province == province:
            local = named_local
    below = ADDRESSED_BELOW.search(addressee_line or "")
    if local is not None and below and (below.group(1) or local.level == 3) \
            and not any(local.short in i for i in meta.issuers):
        # "各设区市安监局:" is written from above the cities: the cities it names are the
        # places it sends work to (督查九江市), not its own; "各县(市、区)" from above counties
        chain = g.chain(local)
        province = province or chain[0]
        # …written to 各县市区 by a city that speaks of 我市/全市: the county's city is the writer
        local = chain[1] if not below.group(1) and len(chain) > 2 and CITY_SELF.search(text) else None
    if town is None and local is not None:
        town = town_under(local, meta.issuers)
    if town is None and not national and text:
        named_town = town_named(text, meta.issuers)
        if named_town is not None:
            county, name = named_town
            chain = g.chain(county)
            if local is None and province in (None, chain[0]) or local is not None and local in chain:
                local, town = county, name  # 我镇…均坪镇: a township writing (its county by the gazetteer)
    if local is None and town is None and not national and text and not meta.issuers:
        zone = zone_named(text, province)
        if zone is not None:  # 长兴太湖图影旅游度假区应急指挥机制: a resort of 长兴县 writing
            local, town = zone
    if local is not None and local.level == 3 and town is None and meta.issuers \
            and all(i.startswith("市") for i in meta.issuers) and local.parent in g.by_code:
        local = g.by_code[local.parent]  # 市防汛抗旱指挥部 writing of rain in its counties: the city's
    if local is not None and local.level == 2 and addressee_line:
        local = county_addressed(local, addressee_line)
    if local is not None and text:
        local = county_by_its_towns(local, text)
    if local is not None:
        chain = g.chain(local)
        province = chain[0]
        meta.locality = (g.written(chain[1:]) + (town or "")) or None
    elif town:
        meta.locality = town
    meta.province = province.name if province else None


def written_run_end(line: str, first: Region, hits: list[Region]) -> Region:
    """山东省沂水县夏蔚镇及时召开…: a place and the places under it written straight after it are
    one address; the deepest of the run is the place meant (沂水县, not only 山东省)."""
    g = gazetteer()
    at = line.find(first.name) + len(first.name)
    current = first
    while True:
        nxt = next((r for r in hits if line.startswith(r.name, at) and current in g.chain(r) and r is not current), None)
        if nxt is None:
            return current
        current, at = nxt, at + len(nxt.name)


def town_written_after(line: str, county: Region) -> str | None:
    """山东省沂水县夏蔚镇及时召开…: a township of the county written straight after its name."""
    if county.level != 3:
        return None
    m = TOWN_NAME.match(line, line.find(county.name) + len(county.name))
    if not m:
        return None
    name = m.group(1)
    return name if county.code in gazetteer().towns.get(town_stem(name), ()) else None


# 距离广东省汕尾市偏南方向约190公里 / 位于福建省厦门市以东: a position given from a place
BODY_AFTER_PLACE = re.compile(r"[\u4e00-\u9fff]{0,16}?(?:委员会|办公室|人民政府|指挥部|管理局|局|厅|委)")
GEO_POSITION = re.compile(r"(距离|距|位于)([\u4e00-\u9fff]{2,14}?)(?=偏?[东南西北]{1,2}(?:方向|方|部|侧|约|\d)|以[东南西北]|约?\d+(?:\.\d+)?(?:公里|千米|海里))"
                          # 洺河上游武安市有大到暴雨: a place up or down a river from the writer's
                          r"|(上游|下游|中游)([\u4e00-\u9fff]{2,8}?[市县区旗])"
                          # a storm's track (将逐步靠近台湾东部,于9日擦过或登陆台湾北部: a Fujian report)
                          r"|(靠近|登陆|擦过|穿过|经过|移入|进入|掠过)([\u4e00-\u9fff]{2,8}?)(?=[东南西北中]部|沿海|附近|一带)")


def without_positions(text: str) -> str:
    """`text` with the places that only locate something blanked (same length)."""
    def blank(m: re.Match[str]) -> str:
        k = next(i for i in (1, 3, 5) if m.group(i))
        return m.group(k) + "\u3000" * len(m.group(k + 1))
    return GEO_POSITION.sub(blank, text)


PROVINCE_COMPANY = re.compile(r"([冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川黔滇陕甘陇青蒙桂藏宁新渝沪津京])"
                              r"(?:煤|能|钢|电|投|交投|建|化|铁)(?:集团|控股)")
PROVINCE_IN_NAME = re.compile(r"驻([冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔贵滇云陕秦甘陇青蒙桂藏宁新渝沪津京])")


# a city's paper or site opening its report (福州新闻网8月25日讯(福州日报记者 黄凌)…市防指…)
DATELINE = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,4}?)(?:新闻网|日报|晚报|广播电视台|电视台|融媒体中心|发布)"
                      r"[^。\n]{0,12}?讯")


# parts of a province named by its 简称 and a direction (滇东北、滇西北东部、滇西和滇南边缘; 黔东南; 湘西)
# 简称 that are everyday characters too (云南 is no 云+南 of a province, 新西 no part of 新疆): not read this way
EVERYDAY_ABBR = "京津吉黑苏浙云贵藏秦甘青宁新港澳台蜀蒙"


@lru_cache(maxsize=1)
def regional_word() -> re.Pattern[str]:
    """A province's part by its 简称 (data/province_abbr.tsv) and a direction: 滇东北, 黔南, 湘西."""
    chars = "".join(sorted(ch for ch in gazetteer().abbr if ch not in EVERYDAY_ABBR))
    return re.compile("([" + chars + "])(?:东北|西北|东南|西南|东|西|南|北|中)")


def province_of_regional_words(text: str) -> Region | None:
    """The province a text that speaks of 我省/全省 names by its parts (滇东北, 滇西, 滇南…: 云南省), when
    one 简称 opens at least two such words and no other does."""
    if not re.search(r"我省|全省", text):
        return None
    found = [m.group(1) for m in regional_word().finditer(text)]
    counts = {ch: found.count(ch) for ch in set(found)}
    if len(counts) != 1:
        return None
    ch, n = next(iter(counts.items()))
    return gazetteer().province_by_abbr(ch) if n >= 2 else None


def dateline_cities(text: str) -> list[Region]:
    """The cities a text's dateline may name by its short name (福州新闻网8月25日讯, 广州日报讯)."""
    m = DATELINE.search(text[:600])
    if not m:
        return []
    g = gazetteer()
    return [r for r in g.by_short.get(m.group("place"), []) + g.by_name.get(m.group("place") + "市", [])
            if r.level == 2]


def dateline_province(text: str) -> Region | None:
    """The province of the city whose paper or site reports a text (广州日报讯 …省三防办…): a
    city's paper speaking of 省 bodies speaks of its own province's."""
    g = gazetteer()
    provinces = {g.province_of(r).code: g.province_of(r) for r in dateline_cities(text)}
    return next(iter(provinces.values())) if len(provinces) == 1 else None


def dateline_city(text: str) -> Region | None:
    """The city whose own paper or site reports a text that speaks of 我市/全市/市防指: the city
    named by its short name in the dateline, when only one city has that name."""
    if not re.search(r"我市|全市|市防指|市政府|市委", text):
        return None
    unique = {r.code: r for r in dateline_cities(text)}
    return next(iter(unique.values())) if len(unique) == 1 else None


TOWNSHIP_AFTER = re.compile(r"镇|乡|街道|村|社区")


def places_named(text: str) -> tuple[Region | None, Region | None]:
    """The province (and the city or county) a page names most: full place names, a
    province's short name inside a body's name (河北海事局, 武警四川省总队), 驻冀/驻川. Each
    mention of an ambiguous name counts for each of its places in part. A place that only
    locates something (台风…中心位于…距离广东省汕尾市偏南方向约190公里) is geography, not the
    writer's: it does not vote."""
    g = gazetteer()
    votes: dict[str, float] = {}
    local_votes: dict[str, float] = {}
    text = without_positions(text)
    for m in _PLACES_NAMED_RX1.finditer(text):
        chunk = m.group(0)
        for r in g.mentions(chunk):
            regions = g.by_name.get(r.name, [r])
            for x in regions:
                prov = g.province_of(x)
                votes[prov.code] = votes.get(prov.code, 0) + 1 / len(regions)
                if x.level >= 2:
                    local_votes[x.code] = local_votes.get(x.code, 0) + 1 / len(regions)
    for m in _two_character_places().finditer(text):
        # 歙县气象台, 歙县徽城镇: a two-character name (left out of `mentions`, where 和县, 新县
        # and 南县 are as often words) opening a clause, with a body or a place after it
        regions = g.by_name[m.group(0)]
        for x in regions:
            prov = g.province_of(x)
            votes[prov.code] = votes.get(prov.code, 0) + 1 / len(regions)
            local_votes[x.code] = local_votes.get(x.code, 0) + 1 / len(regions)
    rx, by_short = _province_in_body()
    for m in rx.finditer(text):  # one pass for every province (a pattern each cost 0.3 ms a page)
        p = by_short[m.group(0)]
        votes[p.code] = votes.get(p.code, 0) + 2  # a body's name says whose it is
    for m in PROVINCE_IN_NAME.finditer(text):
        p = g.province_by_abbr(m.group(1))
        if p is not None:
            votes[p.code] = votes.get(p.code, 0) + 1
    for m in PROVINCE_COMPANY.finditer(text):
        # a provincial group company by its short name (吉煤集团, 晋能集团, 陕煤集团): its province
        p = g.province_by_abbr(m.group(1))
        if p is not None:
            votes[p.code] = votes.get(p.code, 0) + 1
    # a county that a page names by its short name only (平安龙湾, 市派驻龙湾各工作单位) while it
    # speaks of its own 区政府 / 区安委办: the short counts when it names one county only
    relative = RELATIVE_BODY.findall(text)
    if relative:
        shorts = _county_shorts()
        lengths, heads = _county_short_shape()
        # a short that opens a township's name (双江街道 of 峨山县, not 双江县) names no county
        found: dict[str, int] = {}
        for i in range(len(text) - 1):
            if text[i:i + 2] in heads:
                for n in lengths:
                    if text[i:i + n] in shorts and not TOWNSHIP_AFTER.match(text, i + n) \
                            and cut_at(text, i, i + n):
                        found[text[i:i + n]] = found.get(text[i:i + n], 0) + 1
        for short, n in found.items():
            county = shorts[short]
            if county.name[-1] in "".join(x[0] for x in relative) and is_place_word(short):
                prov = g.province_of(county)
                votes[prov.code] = votes.get(prov.code, 0) + n
                local_votes[county.code] = local_votes.get(county.code, 0) + n
    if max(votes.values(), default=0) < 1 and _PLACES_NAMED_RX2.search(text):
        # 市安委会召开…,为白城经济社会发展营造…: a city speaking of its own 市 bodies, naming itself
        # by its short name only; the short counts when it names one city and nothing else
        for short, city in _city_shorts().items():
            n = len(re.findall(rf"{short}(?![市县区])", text)) if short in text else 0
            if n and is_place_word(short):
                prov = g.province_of(city)
                votes[prov.code] = votes.get(prov.code, 0) + n
                local_votes[city.code] = local_votes.get(city.code, 0) + n + 1  # its own bodies speak of it
    if max(votes.values(), default=0) < 1 and PROVINCE_SELF.search(text):
        # 入冬以来,湖南降雨偏少…省应急委办公室印发紧急通知: a province speaking of its own 省
        # bodies names itself by its short name only
        for p in g.provinces:
            if p.short in text and p.code[:2] not in SPECIAL_REGIONS:
                n = len(re.findall(rf"{p.short}(?!省|市|自治区)", text))
                if n:
                    votes[p.code] = votes.get(p.code, 0) + n
    if relative and max(votes.values(), default=0) < 1:
        county = county_of_towns(text) or county_of_one_town(text, "".join(x[0] for x in relative))
        if county is not None:  # a county's page naming its townships and its own 县 bodies
            prov = g.province_of(county)
            votes[prov.code] = votes.get(prov.code, 0) + 2
            local_votes[county.code] = local_votes.get(county.code, 0) + 2
    if not votes:
        return None, None
    code, score = max(votes.items(), key=lambda kv: kv[1])
    if score < 1:
        return None, None
    province = g.by_code[code]
    inside = {c: v for c, v in local_votes.items() if g.province_of(g.by_code[c]).code == code}
    for c in inside:
        if self_named(text, g.by_code[c]):
            inside[c] += 1  # 我县 on the page: of the places it names, a 县 is more likely its own
    local = None
    if inside:
        # districts of one city named in a city notice (雁塔区, 灞桥区…): the city
        by_city: dict[str, float] = {}
        for c, v in inside.items():
            r = g.by_code[c]
            if r.level == 3 and r.parent in g.by_code:
                by_city[r.parent] = by_city.get(r.parent, 0) + v
        relative_city = len(_PLACES_NAMED_RX2.findall(text))
        if by_city and relative_city >= 2:
            city, total = max(by_city.items(), key=lambda kv: kv[1])
            if total >= 3 and sum(1 for c in inside if g.by_code[c].parent == city) >= 3:
                return province, g.by_code[city]
        c, v = max(inside.items(), key=lambda kv: (kv[1], g.by_code[kv[0]].level))
        parent = g.by_code[c].parent
        if g.by_code[c].level == 3 and inside.get(parent, 0) >= v and relative_city >= 2:
            c, v = parent, inside[parent]  # (本溪市's plan naming 桓仁县 once, speaking of its 市… bureaus: the city)
        # a page that names its county only once still speaks of it as 县… throughout
        relative = len(RELATIVE_BODY.findall(text))
        only_of_level = sum(1 for x in inside if g.by_code[x].level == g.by_code[c].level) == 1
        if v >= 2 or (v >= 1 and relative >= 2 and g.by_code[c].level == 3):
            local = g.by_code[c]
        elif v >= 1 and relative_city >= 2 and g.by_code[c].level == 2 and only_of_level:
            local = g.by_code[c]  # a plan allocating to its 市安全生产监管局、市财政局… that names one city (本溪市)
        elif v >= 1 and self_named(text, g.by_code[c]) and \
                sum(1 for x in inside if g.by_code[x].level == g.by_code[c].level) == 1:
            local = g.by_code[c]  # "我市…随州市所辖行政区域": the one city it names is its own
    return province, local


# An addressee line to a class of cities (group 1) or of counties: the writer sits above them.
# "各省、自治区、直辖市及新疆生产建设兵团安全生产监督管理局": written from the centre, so the places
# the text names (the venue of a meeting in 北京) are not the document's own
ADDRESSED_PROVINCES = re.compile(r"^各(?:省[、,，]\s*自治区|省\s*[(（]\s*区|省区市|省级)")
CITY_SELF = re.compile(r"(?:我|全|本)市")
ADDRESSED_BELOW = re.compile(r"^各(?:(设区市|地级市|市州|市\(州\)|州市|地市|盟市|市)|县|区|县\(市|县市区|区县)")
ZONE_NAME = re.compile(r"(?P<short>[\u4e00-\u9fff]{2,3}?)(?P<rest>[\u4e00-\u9fff]{0,8}?(?:旅游度假区|度假区|经济开发区|"
                       r"经济技术开发区|高新技术产业开发区|开发区|高新区|经开区|工业园区|产业园区))")


TOWN_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))")
TOWN_SELF = re.compile(r"(?:我|全|本)(镇|乡|街道)")


def town_under(county: Region, issuers: list[str]) -> str | None:
    """玉溪市江川区江城镇人民政府: an issuer that names its county and then a township is that
    township's government, whether or not the township's name is unique in the gazetteer."""
    for issuer in issuers:
        for name in (county.name, county.short):
            k = issuer.find(name) if name else -1
            m = TOWN_AFTER_COUNTY.match(issuer, k + len(name)) if k >= 0 else None
            if m:
                return m.group(1)
    return None


# (温州市鹿城区人民政府南郊街道办事处: a sub-district office named as its district government's agency)
TOWN_AFTER_COUNTY = re.compile(r"(?:人民政府)?([\u4e00-\u9fff]{1,6}?(?:镇|乡|街道))(?:人民政府|办事处|党委)")


def town_named(text: str, issuers: list[str]) -> tuple[Region, str] | None:
    """A township's own document: it speaks of 我镇/全镇 and names its township (均坪镇, 云阳县
    云安镇人民政府), whose name the gazetteer knows in one county only."""
    town_issuer = [i for i in issuers if re.search(r"(镇|乡|街道)(人民政府|办事处|党委)$", i)]
    if not TOWN_SELF.search(text) and not town_issuer:
        return None
    text = " ".join(town_issuer) + " " + text  # the issuer's township first
    g = gazetteer()
    counts = towns_in(text)
    if not counts:
        return None
    code, name = max(counts, key=counts.get)
    return (g.by_code[code], name) if code in g.by_code else None


def town_stem(name: str) -> str:
    """A township's name without its kind (夏蔚镇 -> 夏蔚, 台城街道 -> 台城): the gazetteer's key."""
    return TOWN_SUFFIX.sub("", name)


def county_shared_by_towns(text: str) -> Region | None:
    """A county's page that names no place in full but its townships (东至新州镇五里桥村…旧州镇冷水河,
    黄平县's fireworks 通告 signed 黔东南一县): each township name is found in several counties, and
    only one county holds them all. Two different townships at least; one alone proves nothing."""
    g = gazetteer()
    shared: set[str] | None = None
    names: set[str] = set()
    for m in TOWN_NAME.finditer(text):
        stem = town_stem(m.group(1))
        # the township's own name is the stem's tail (召开寮步镇: 寮步), one name however often written
        town = next((stem[k:] for k in range(len(stem) - 1) if stem[k:] in g.towns), None)
        if town is None or town in names:
            continue
        codes = set(g.towns[town])
        names.add(town)
        shared = codes if shared is None else shared & codes
        if not shared:
            return None
    if len(names) < 2 or not shared or len(shared) != 1:
        return None
    return g.by_code.get(shared.pop())


def towns_in(text: str) -> dict[tuple[str, str], int]:
    """(county code, township) -> mentions, for the townships `text` names whose name the
    gazetteer knows in one county only."""
    g = gazetteer()
    counts: dict[tuple[str, str], int] = {}
    for m in TOWN_NAME.finditer(text):
        name = m.group(1)
        stem = town_stem(name)
        for k in range(len(stem)):  # 云阳县云安镇: the town's own name is the stem's tail
            codes = g.towns.get(stem[k:])
            if codes and len(set(codes)) == 1 and len(stem) - k >= 2:
                key = (codes[0], stem[k:] + name[len(stem):])
                counts[key] = counts.get(key, 0) + 1
                break
    return counts


def county_addressed(city: Region, addressee_line: str) -> Region:
    """A notice sent to the townships of one county of the city its text names (各镇人民政府,台城街道
    办事处,海宴华侨农场: 台城街道 is 台山市's, under 江门市 whose 安委办 it cites) is that county's."""
    g = gazetteer()
    counties = g.counties_of_town([p.strip() for p in _LOCATE_RX3.split(addressee_line) if p.strip()])
    if len(counties) == 1:
        county = g.by_code.get(counties.pop())
        if county is not None and county.parent == city.code:
            return county
    return city


def county_by_its_towns(county: Region, text: str) -> Region:
    """A county whose name several share (新城区: 呼和浩特's and 西安's) is the one that holds a
    township the text names (长乐中路街道 is 西安市新城区's)."""
    g = gazetteer()
    namesakes = [r for r in g.by_name.get(county.name, []) if r.level == county.level]
    if len(namesakes) < 2:
        return county
    held = {code for code, _town in towns_in(text)} & {r.code for r in namesakes}
    return g.by_code[held.pop()] if len(held) == 1 else county


def county_of_one_town(text: str, levels: str) -> Region | None:
    """The county of the one township a page names, when the page speaks of its own bodies of that
    county's level (区国房局…在永荣镇永荣中学开展…演练: 永荣镇 is 永川区's, and the page's 区 bodies are)."""
    g = gazetteer()
    counties = {code for code, _town in towns_in(text)}
    if len(counties) != 1:
        return None
    county = g.by_code.get(counties.pop())
    return county if county is not None and county.name[-1] in levels else None


def county_of_towns(text: str) -> Region | None:
    """The county whose townships a page allocates to (县公安消防大队负责甸中镇、化念镇、塔甸镇…):
    one county that at least three distinct townships named belong to, and more than any other."""
    g = gazetteer()
    per_county: dict[str, int] = {}
    for code, _town in towns_in(text):
        per_county[code] = per_county.get(code, 0) + 1
    ranked = sorted(per_county.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return g.by_code.get(ranked[0][0])


def zone_named(text: str, province: Region | None) -> tuple[Region, str] | None:
    """A development zone or resort that a page names after its county or city by the short
    name (长兴太湖图影旅游度假区, 兴国经济开发区): the zone and its county, when one zone is named
    most and its short names one county (or city) only."""
    g = gazetteer()
    counts: dict[tuple[str, str], int] = {}
    for m in ZONE_NAME.finditer(text):
        regions = [r for r in g.by_short.get(m.group("short"), []) if r.level in (2, 3)
                   and (province is None or g.province_of(r) == province)]
        if len(regions) == 1:
            key = (regions[0].code, m.group("rest"))
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    (code, rest), _ = max(counts.items(), key=lambda kv: kv[1])
    region = g.by_code[code]
    return region, rest


@lru_cache(maxsize=1)
def _two_character_places() -> re.Pattern[str]:
    """Counties and districts whose full name has two characters (歙县, 泾县, 芒市) and that the
    dictionary reads as place names, where no character of a word runs into them and one
    follows (县直/县级 do not: 各县和县直单位 names no 和县)."""
    g = gazetteer()
    names = sorted(n for n, rs in g.by_name.items()
                   if len(n) == 2 and all(r.level >= 2 for r in rs) and is_place_word(n))
    return re.compile(r"(?<![\u4e00-\u9fff])(?:" + "|".join(names) + r")(?=[\u4e00-\u9fff])(?![直级])")


@lru_cache(maxsize=1)
def _province_in_body() -> tuple[re.Pattern[str], dict[str, Region]]:
    """A province's short name inside a body's name (河北海事局; 武警四川省总队 is the full
    one): one pattern for all provinces, and the province of each short name."""
    provinces = [p for p in gazetteer().provinces if len(p.short) >= 2 and p.code[:2] not in SPECIAL_REGIONS]
    alternatives = "|".join(rf"{re.escape(p.short)}(?!{re.escape(p.name[len(p.short):])})" for p in provinces)
    rx = re.compile(rf"(?:{alternatives})(?=[\u4e00-\u9fff]{{0,6}}(?:局|厅|委|会|队|司|办|院|部|中心|集团))")
    return rx, {p.short: p for p in provinces}


@lru_cache(maxsize=1)
def _county_shorts() -> dict[str, Region]:
    """Short names that name one county and nothing else (龙湾)."""
    g = gazetteer()
    shorts: dict[str, Region] = {}
    for short, regions in g.by_short.items():
        counties = [r for r in regions if r.level == 3]
        if len(short) >= 2 and len(counties) == 1 and len(regions) == 1 \
                and short not in lexicon().department_by_stem:
            shorts[short] = counties[0]
    return shorts


PROVINCE_SELF = re.compile(r"(?<![\u4e00-\u9fff])省(?:政府|委|[\u4e00-\u9fff]{1,8}?(?:局|委|办|厅|指挥部))|全省")


@lru_cache(maxsize=1)
def _city_shorts() -> dict[str, Region]:
    """Short names that name one prefecture-level city and nothing else (白城)."""
    g = gazetteer()
    return {short: regions[0] for short, regions in g.by_short.items()
            if len(short) >= 2 and len(regions) == 1 and regions[0].level == 2
            and short not in lexicon().department_by_stem}


@lru_cache(maxsize=1)
def _county_short_shape() -> tuple[list[int], frozenset[str]]:
    """The lengths of those short names and the two characters each opens with."""
    shorts = _county_shorts()
    return sorted({len(k) for k in shorts}), frozenset(k[:2] for k in shorts)


def is_place_word(word: str) -> bool:
    """Whether the dictionary reads `word` as a place name (龙湾 ns), not a common word that
    a county happens to be named after (公安 n, 前进 v, 共和 nz: 公安机关 is no 公安县)."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word, HMM=False)
    return len(tagged) == 1 and tagged[0].flag == "ns"


def self_named(text: str, region: Region) -> bool:
    """Whether the page speaks of itself as a place of `region`'s level (我市/本市, 我县/本县)."""
    word = {2: "市州盟", 3: "县区旗"}.get(region.level, "")
    return bool(word) and region.name[-1] in word and \
        len(re.findall(rf"(?:我|本)[{region.name[-1]}]", text)) >= 1


RELATIVE_BODY = re.compile(r"(?<![\u4e00-\u9fff])(?:县|区)[\u4e00-\u9fff]{0,8}?(?:局|办|委|政府|指挥部|大队)")


GOVERNMENT_SUFFIX = re.compile(r"(人民政府|政府|办公厅|办公室|委员会|委|指挥部|领导小组|管委会|管理委员会|厅|局|办|部|署)$")


def issuers_from_heading(head: list[Line], title_line: Line | None) -> list[str]:
    """With no signature: the body a title opens with (江西省防减救灾委办公室关于…, 西昌市人民政府
    森林草原防灭火禁火令) or a red-head line (苏州市安全生产委员会文件)."""
    for ln in head[:8]:
        m = _ISSUERS_FROM_HEADING_RX1.fullmatch(ln.text.replace(" ", ""))
        if m and name_kind(m.group("org")) == "org":
            return [m.group("org")]
    bracketed = BRACKETED_WRITER.match(title_line.text) if title_line is not None else None
    if bracketed and name_kind(bracketed.group("org")) == "org":
        return [bracketed.group("org")]  # 【金阳县防汛防地灾专班】风险预警响应通知单: the writer in its bracket
    # an author's byline opening the page, above any title (◎山西省水利厅水旱灾害防御处, then
    # the work points): a body with its place, on its own line
    first = head[0].text.strip().lstrip(BULLETS) if head else ""
    if first and (title_line is None or head[0].start < title_line.start) and looks_like_org(first) \
            and gazetteer().place_prefix(first) and name_kind(first) == "org":
        own = title_issuer(_ISSUERS_FROM_HEADING_RX2.sub("", clean_title(title_line.text))) if title_line else None
        # (a site's banner, 广元市人民政府, above a title its office opens: the title's body writes)
        return [own if own and own.startswith(first) else first]
    for ln in head[:8]:
        # a page's head giving title, number, writer and date on lines of their own (…的通知 /
        # 青地空联办〔2023〕8号 / 上海市青浦区建设和交通委员会 / 2023.09.25 / 区…各成员单位:)
        line = ln.text.strip()
        if line.endswith((":", "：")):
            break  # the addressee line: the body starts
        if title_line is not None and ln.start > title_line.start and looks_like_org(line) \
                and gazetteer().place_prefix(line) and name_kind(line) == "org":
            return [line]
    titles = title_candidates(head) + ([title_line] if title_line is not None else [])
    for ln in titles:
        title = _ISSUERS_FROM_HEADING_RX2.sub("", clean_title(ln.text))
        org = title_issuer(title)
        if org:
            return [org]
    for ln in head[:6]:  # …有关规定,延庆区人民政府决定于…禁止…,命令如下: the body that decides
        m = DECIDING_BODY.search(ln.text)
        if m and name_kind(m.group("org")) == "org":
            return [m.group("org")]
    return []


BRACKETED_WRITER = re.compile(r"^\s*【(?P<org>[\u4e00-\u9fff()（）]{4,30})】")
# an order's or public notice's opening sentence naming the body that issues it
# (a bracket inside the name is its own: 县安全生产(防灾减灾救灾)委员会决定于4月21日13时启动…,现命令)
DECIDING_BODY = re.compile(r"(?:^|[,,。;;])(?P<org>(?:[\u4e00-\u9fff]|[(（][\u4e00-\u9fff]{2,12}[)）]){2,30}?"
                           r"(?:人民政府|指挥部|委员会|办公室|管理局|局|厅))"
                           r"(?:经研究)?(?:决定|现通告如下|特通告如下|现命令如下|特发布)[^。]*(?:如下|通告|命令)")


def title_issuer(title: str) -> str | None:
    """The issuing body a title opens with: the part before 关于, or the longest government
    body name followed by the rest of the title (西昌市人民政府森林草原防灭火禁火令)."""
    if re.match(r"^\d", title):
        return None  # 2022年县(市、区)人民政府消防工作目标任务: whose targets, not who issued them
    forwarded = FORWARDING.search(title)
    if forwarded and issuer_shaped(title[:forwarded.start()]):
        return title[:forwarded.start()]  # 南宁市人民政府办公厅转发自治区人民政府办公厅关于…: who forwards
    acting = HEADLINE_ACTOR.search(title)
    actor = acting and (acting.group("org") or acting.group("short"))
    if actor and name_kind(actor) == "org" and issuer_shaped_short(actor):
        return actor  # …模式 市防指启动防暴雨Ⅳ级应急响应: the body whose act the page reports
    published = re.match(r"^(?P<place>[\u4e00-\u9fff]{2,10}?)(?:发布|印发)[\u4e00-\u9fff]{2,20}(?:令|通告|公告|命令)$", title)
    if published:  # 鄂城区发布森林防火禁火令: a place that orders is its government
        place = published.group("place")
        hit = gazetteer().place_prefix(place)
        if hit and hit[1] == len(place):
            return place + "人民政府"
    if "关于" in title:
        org = title[: title.index("关于")]
        if org and issuer_shaped(org):
            return org
        hit = gazetteer().place_prefix(org)
        if org and hit and hit[1] == len(org) and hit[0].name == org:
            return org + "人民政府"  # 苏尼特左旗关于…的通告: the banner's government
        return None
    from .lexicon import lexicon, national_issuer

    best = None
    for e in lexicon().name_ends(title, people=False):
        # 西昌市人民政府森林草原防灭火禁火令, and an order titled by its issuer alone: 临湘市人民政府令
        if (e < len(title) - 2 or title[e:] == "令") and issuer_shaped(title[:e]):
            best = title[:e]
    return best


FORWARDING = re.compile(r"(?:转发|印发|批转)")
# a news headline's clause on a body's act: 市防指启动防暴雨Ⅳ级应急响应 / 省防总部署…
# the short forms of bodies that issue, after their level word (市防指, 省防总, 县安委办)
ISSUING_SHORTS = ("防指", "防总", "安委会", "安委办")
HEADLINE_ACTOR = re.compile(r"(?:^(?P<org>[\u4e00-\u9fff]{2,20}?)|(?P<short>(?:省|市|县|区)(?:" + "|".join(ISSUING_SHORTS) + r"|政府|应急局)))"
                            r"(?:启动|部署|发布|下发|发出)[\u4e00-\u9fffⅠⅡⅢⅣ]{2,}")


def issuer_shaped_short(org: str) -> bool:
    """A body that issues (a government, committee, headquarters or office), named in full or by
    its level (市防指, 省防总, 县安委办)."""
    return issuer_shaped(org) or bool(re.match(r"^(省|市|县|区)[\u4e00-\u9fff]{1,8}$", org)
                                      and (GOVERNMENT_SUFFIX.search(org) or org.endswith(ISSUING_SHORTS)))


def issuer_shaped(org: str) -> bool:
    return name_kind(org) == "org" and bool(GOVERNMENT_SUFFIX.search(org) or org.endswith(("安委会", "防指"))) and bool(
        gazetteer().place_prefix(org) or re.match(r"^(国务院|国家|中共|省|市|县|区)", org))


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


def canonical_issuer(name: str) -> str:
    """A signature's issuer as a canonical name: no spaces, short forms spelled out
    (国务院安委会办公室 -> 国务院安全生产委员会办公室, 云南省安委办 -> 云南省安全生产委员会办公室)."""
    name = re.sub(r"\s+", "", name)
    lex = lexicon()
    if name in lex.national:
        return lex.national[name]
    hit = gazetteer().place_prefix(name)
    k = hit[1] if hit else 0
    return name[:k] + lex.expand(name[k:])


TOPIC_BODY = [
    (re.compile(r"应急管理"), {"省": "应急管理厅", "市": "应急管理局", "县": "应急管理局", "区": "应急管理局", "州": "应急管理局"}),
    (re.compile(r"安全生产"), {"省": "安全生产委员会", "市": "安全生产委员会", "县": "安全生产委员会", "区": "安全生产委员会", "州": "安全生产委员会"}),
]


def issuer_above_addressees(addressee_line: str, text: str, jur: Jurisdiction) -> list[str]:
    """A signature lost to scraping, of a letter to one department class from above it: "各设区市
    安监局:" from a page that speaks of 省安监局 / 省局 is the province's own 安监局 writing."""
    below = ADDRESSED_BELOW.search(addressee_line)
    if not below or jur.province is None:
        return []
    level = "省" if below.group(1) else "市"
    if level == "市" and jur.city is None:
        return []
    rest = addressee_line[below.end():]
    dept = re.match(r"[)）]?(?:[、,][一-鿿]{1,2}[)）]?)*([一-鿿]{2,10}?(?:局|厅|委|办))$", rest)
    if not dept:
        return []
    own = canonical_name(level + dept.group(1), jur)
    spoken = {canonical_name(m.group(0), jur) for m in re.finditer(rf"(?<![\u4e00-\u9fff]){level}[\u4e00-\u9fff]{{1,8}}?(?:局|厅|委|办)", text)}
    if own in spoken or re.search(rf"(?<![\u4e00-\u9fff]){level}局", text) and dept.group(1).endswith("局"):
        return [own]
    return []


def infer_issuer_from_title(meta: Meta, title: str | None = None) -> list[str]:
    """A signature lost to scraping: 全县应急管理工作要点 -> that county's 应急管理局. `title`: the
    line that stands for a title the page lost (its first line)."""
    m = re.search(r"全(省|市|县|区|州)(.{0,12}?)工作", title if title is not None else meta.title or "")
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
DATE_RANGE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日起?\s*(?:至|到|—|－|-|~)\s*"
                        r"(?:((?:19|20)\d{2})年)?(\d{1,2})月(\d{1,2})日")


def find_period(title: str | None, head: list[Line], body_start: int, text: str) -> dict | None:
    """The span the plan covers: a year range or a year in the title (or its subtitle)."""
    candidates = [title or ""] + [ln.text for ln in head if body_start <= ln.start < body_start + 300][:2]
    for c in candidates:  # first: the days an order or ban covers (决定于2025年1月1日至2025年4月30日…)
        m = DATE_RANGE.search(c)
        if m:
            y1, m1, d1, y2, m2, d2 = m.groups()
            try:
                start, end = dt.date(int(y1), int(m1), int(d1)), dt.date(int(y2 or y1), int(m2), int(d2))
            except ValueError:
                continue
            if start <= end:
                return {"start": start.isoformat(), "end": end.isoformat()}
    for i, c in enumerate(candidates):
        m = YEAR_RANGE.search(c)
        if m:
            return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(2)}-12-31"}
        # one year: the title's (2021年调查评估和统计工作要点), a subtitle's (——…整治2023行动典型经验汇总)
        # or the year a plan's text opens on (2025年兴国经开区安全生产工作的总体要求是…); a year
        # inside a body sentence names past work (此次督查…2017年安全生产大检查发现问题…), and a
        # hyphenated date is the page's posting time
        m = (None if ANNUAL_EVENT.search(c) else YEAR.search(c)) if i == 0 else \
            SUBTITLE_YEAR.match(c) or (OPENING_YEAR.match(c) if not DONE_IN_YEAR.match(c) else None)
        if m:
            return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(1)}-12-31"}
    return None


# (not a 文号 in brackets: (甘国土资发电[2009]13号))
# the year's n-th meeting (召开2020年第三次全体会议) is a day's event, not a span the text covers
ANNUAL_EVENT = re.compile(r"(?:19|20)\d{2}年(?:度)?第[一二三四五六七八九十\d]+次")
SUBTITLE_YEAR = re.compile(r"\s*(?:——|—|--|[(（])[^。;,:\n]{0,40}?(?<![\d\[〔【])((?:19|20)\d{2})(?![\d\-\]〕】])")
OPENING_YEAR = re.compile(r"\s*((?:19|20)\d{2})年")
# a news paragraph opening on what was done that year (2017年省政府安委会已对10个市(州)开展…巡查)
# (a subject before 已: 2018年已进入汛期 is where the year stands, not work done)
DONE_IN_YEAR = re.compile(r"\s*(?:19|20)\d{2}年[^。;,,已]{2,20}?(?:已经|已|曾)")


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
