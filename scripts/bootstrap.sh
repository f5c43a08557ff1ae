#!/usr/bin/env bash
# Install everything policykg needs into ./.venv. Idempotent: a second run with the same
# pyproject.toml does nothing. `--test` also installs what the test suite drives from
# outside Python: Debian's chromium + chromedriver (browser test) and Neo4j's Cypher
# linter from npm (checks every Neo4j statement without a Neo4j server).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.policykg-install
want=$(cat pyproject.toml scripts/bootstrap.sh | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "policykg: installing Python packages into .venv (first run takes a few minutes)" >&2
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
  # torch first and pinned: any other spec resolves to the registry's multi-GB CUDA build.
  .venv/bin/python -m pip install -q torch==2.13.0 2>&1 | grep -v '^WARNING: Location' || true
  .venv/bin/python -m pip install -q -e ".[dev]" 2>&1 | grep -v '^WARNING: Location' || true
  .venv/bin/python -c "import policykg, torch, spacy, jieba, opencc, falkordb, sentence_transformers" \
    || { echo "policykg: Python install failed" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
# System packages the file readers drive (both `make run` and `make test`): LibreOffice for
# .doc/.wps/.xls/.et, Tesseract as the second OCR engine (RapidOCR, the first, is a Python
# package), and the GL/GLib libraries OpenCV (under RapidOCR) loads. Installed once, as root.
sys_pkgs="libreoffice-writer-nogui libreoffice-calc-nogui tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra libgl1 libglib2.0-0"
missing=""
for p in $sys_pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "policykg: installing system packages for the file readers:$missing (about 350 MB, under a minute)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null) \
      || echo "policykg: could not install$missing; .doc/.xls files (LibreOffice) or Tesseract OCR will be refused with a reason" >&2
  else
    echo "policykg: missing system packages:$missing (install them as root: apt-get install$missing)" >&2
  fi
fi
if [ "${1:-}" = "--test" ]; then
  # fonts-wqy-microhei: without a CJK font the browser test's screenshots show empty boxes
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi wqy; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "policykg: installing chromium, chromedriver and a CJK font for the browser test" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null) \
        || echo "policykg: chromium install failed; the browser test will be skipped" >&2
    fi
  fi
  if [ -f tools/cypherlint/package.json ] && [ ! -d tools/cypherlint/node_modules ] && command -v npm >/dev/null; then
    (cd tools/cypherlint && npm install --silent --no-audit --no-fund) \
      || echo "policykg: npm install of the Cypher linter failed; the lint test will be skipped" >&2
  fi
fi
