"""China's administrative divisions, for locating a circular and prefixing body names.

Data: `data/gazetteer.tsv` (province / city / county with short names, plus townships;
built by scripts/build_gazetteer.py) and `data/province_abbr.tsv` (简称 used as 发文字号
prefixes). Loaded once, lazily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|新区|林区|省|市|县|区|盟|旗|州)$")
SPECIAL_REGIONS = ("81", "82")  # 香港, 澳门: named in full only (特别行政区)
TOWN_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|苏木|地区办事处)$")


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # full name: 山西省, 渭南市, 澄城县
    short: str  # 山西, 渭南, 澄城
    level: int  # 1 province, 2 city, 3 county
    parent: str  # parent code ("" for provinces)


def is_municipality(region: Region) -> bool:
    """One of the four municipalities under the central government (北京市, 天津市, 上海市,
    重庆市): the only provinces whose name ends in 市."""
    return region.level == 1 and region.name.endswith("市")


def directly_under(text: str, end: int, piece: str) -> bool:
    """同时会同县直有关部门: a level character followed by 直 opens 县直/市直/区直 ("directly under
    the county"), so it is not the end of a place name (会同县 is a county, and 会同 a verb)."""
    return piece[-1] in "县市区旗" and text.startswith("直", end) and not text.startswith(("直属", "直辖"), end)


AUTONOMOUS = re.compile(r"自治([县州旗])$")


class Gazetteer:
    def __init__(self) -> None:
        self.by_code: dict[str, Region] = {}
        self.towns: dict[str, list[str]] = {}  # town stem -> county codes
        self.abbr: dict[str, str] = {}  # 晋 -> 山西省
        self._load()
        self.provinces = [r for r in self.by_code.values() if r.level == 1]
        self.by_name: dict[str, list[Region]] = {}
        for r in self.by_code.values():
            self.by_name.setdefault(r.name, []).append(r)
        # an autonomous county, prefecture or banner is mostly written by its short name and its
        # level (镇宁县 for 镇宁布依族苗族自治县, 凉山州, 黔东南州): those written names name it too,
        # unless another region bears that name
        written_forms: dict[str, list[Region]] = {}
        for r in self.by_code.values():
            auto = AUTONOMOUS.search(r.name)
            if auto and len(r.short) >= 2:
                written_forms.setdefault(r.short + auto.group(1), []).append(r)
        for name, regions in written_forms.items():
            if name not in self.by_name and len(regions) == 1:
                self.by_name[name] = regions
        # for `mentions`: each name's place in `by_name`, and the lengths of the full names
        # (3+ characters) that open with each pair of characters
        self._name_rank = {n: i for i, n in enumerate(self.by_name)}
        heads: dict[str, set[int]] = {}
        for n in self.by_name:
            if len(n) >= 3:
                heads.setdefault(n[:2], set()).add(len(n))
        self._name_heads = {h: tuple(sorted(ls)) for h, ls in heads.items()}
        self._by_short: dict[str, list[Region]] | None = None
        # the first two characters of every full and short name: a name opening otherwise
        # opens with no place
        self._place_heads = {n[:2] for n in self.by_name} | {
            r.short[:2] for r in self.by_code.values() if len(r.short) >= 2}

    def _load(self) -> None:
        text = resources.files(__package__).joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            level, name, short, code, parent = (line.split("\t") + [""] * 5)[:5]
            if level == "4":
                stem = TOWN_SUFFIX.sub("", name)
                if len(stem) >= 2 and stem != name:
                    self.towns.setdefault(stem, []).append(parent)
                continue
            lvl = int(level)
            if code == parent or code in self.by_code:
                # a row repeating its parent's code (上海市 as its own city; 东莞市, 中山市, 儋州市,
                # 嘉峪关市's "市直辖行政区划"; 香港's districts, which the source gives no codes of) is
                # no region of its own: it would replace its parent and make it its own parent
                # (an endless walk up the chain: a 东莞 page hung the extractor)
                continue
            if lvl == 3 and parent not in self.by_code:
                continue
            parent = parent if parent in self.by_code else ""
            self.by_code[code] = Region(code, name, short or SUFFIX.sub("", name), lvl, parent)
        abbr = resources.files(__package__).joinpath("data/province_abbr.tsv").read_text(encoding="utf-8")
        for line in abbr.splitlines():
            if line and not line.startswith("#"):
                prov, letters = line.split("\t")
                for ch in letters.split():
                    self.abbr[ch] = prov

    # ------------------------------------------------------------------ lookups
    def province_of(self, region: Region) -> Region:
        while region.parent:
            region = self.by_code[region.parent]
        return region

    def chain(self, region: Region) -> list[Region]:
        """Province first, down to the region itself."""
        out = [region]
        while out[-1].parent:
            out.append(self.by_code[out[-1].parent])
        return out[::-1]

    def written(self, chain: list[Region]) -> str:
        """A chain of places as a name is written: 海南省陵水黎族自治县, without the dataset's
        bookkeeping levels (省直辖行政区划, 市直辖行政区划) that no document names."""
        out, prev = "", ""
        for r in chain:
            if r.name.endswith("直辖行政区划"):
                continue
            # (新乡市平原城乡一体化示范区 under 新乡市: a zone named with its city is written once)
            out += r.name[len(prev):] if prev and r.name.startswith(prev) else r.name
            prev = r.name
        return out

    def province_by_abbr(self, ch: str) -> Region | None:
        name = self.abbr.get(ch)
        return self.by_name[name][0] if name and name in self.by_name else None

    def province_named(self, text: str) -> Region | None:
        """The province whose full or short name `text` starts with."""
        for p in self.provinces:
            if text.startswith(p.name) or (len(p.short) >= 2 and text.startswith(p.short)):
                return p
        return None

    def mentions(self, text: str, min_level: int = 1, max_level: int = 3) -> list[Region]:
        """Regions named in full in `text` (e.g. 澄城县, 渭南市, 云南省), longest names first."""
        # At each position, only the lengths of names opening with its two characters are
        # looked up in `by_name`: far faster than testing each of thousands of names with `in`
        # (or every length at every position on a long head line), and the same set of names,
        # overlapping ones included.
        names: set[str] = set()
        heads = self._name_heads
        for i in range(len(text) - 2):
            lengths = heads.get(text[i:i + 2])
            if lengths:
                for length in lengths:
                    piece = text[i:i + length]
                    if len(piece) == length and piece in self._name_rank \
                            and not directly_under(text, i + length, piece):
                        names.add(piece)
        found: list[Region] = []
        for name in sorted(names, key=self._name_rank.__getitem__):
            found.extend(r for r in self.by_name[name] if min_level <= r.level <= max_level)
        return sorted(found, key=lambda r: -len(r.name))

    def place_prefix(self, name: str, province: str | None = None) -> tuple[Region, int] | None:
        """The region `name` opens with, by full name or short form (兰州高新区, 河北海事局), and
        how many characters the place takes. A short form counts only inside `province` when
        one is given (吉林 is a province and a city; 公安 is a county and a department)."""
        if name[:2] not in self._place_heads:
            return None  # most names open with no place: one lookup answers them
        for length in range(min(len(name), 12), 1, -1):
            piece = name[:length]
            full = self.by_name.get(piece)
            if full:
                return self._prefer(full, province), length
        for length in range(min(len(name) - 1, 8), 1, -1):
            shorts = self.by_short.get(name[:length])
            if not shorts:
                continue
            if province:
                shorts = [r for r in shorts if self.province_of(r).name == province]
            if shorts:
                return self._prefer(shorts, province), length
        return None

    def _prefer(self, regions: list[Region], province: str | None) -> Region:
        if province:
            inside = [r for r in regions if self.province_of(r).name == province]
            if inside:
                return min(inside, key=lambda r: r.level)
        return min(regions, key=lambda r: r.level)

    @property
    def by_short(self) -> dict[str, list[Region]]:
        if self._by_short is None:
            table: dict[str, list[Region]] = {}
            for r in self.by_code.values():
                if r.code[:2] in SPECIAL_REGIONS:
                    continue  # 澳门/香港 alone are casino spam's words on mirror pages, not a writer's place
                if len(r.short) >= 2 and r.short != r.name:
                    table.setdefault(r.short, []).append(r)
            self._by_short = table
        return self._by_short

    def counties_of_town(self, names: list[str]) -> set[str]:
        """County codes of townships that open one of `names` (a named local unit such as
        `尧头窑园区管委会` starts with its place) when that township name is unique nationally."""
        hits: set[str] = set()
        for name in names:
            for n in (4, 3, 2):
                codes = self.towns.get(name[:n])
                if codes:
                    if len(set(codes)) == 1:
                        hits.add(codes[0])
                    break
        return hits


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
