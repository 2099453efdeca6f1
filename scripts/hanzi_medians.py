#!/usr/bin/env python3
"""Stroke medians of a few Chinese characters, for the diffusion chapter's
two-dimensional demo, written to assets/data/shapes/hanzi-medians.json.

Source: npm `hanzi-writer-data@2.0.1` (one JSON per character; `medians`
is each stroke's centre line as points in a 1024-unit box, y pointing up).
Its data comes from Arphic fonts under the Arphic Public License, copied
beside the output as ARPHICPL.TXT.

Usage: python3 scripts/hanzi_medians.py   (needs npm; ~10 MB download)
"""
import json
import os
import subprocess
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "data", "shapes")
CHARS = ["人", "永", "猫"]

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(["npm", "pack", "hanzi-writer-data@2.0.1", "--silent"],
                   cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, "hanzi-writer-data-2.0.1.tgz")) as tar:
        medians = {c: json.load(tar.extractfile(f"package/{c}.json"))["medians"]
                   for c in CHARS}
        licence = tar.extractfile("package/ARPHICPL.TXT").read()
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "hanzi-medians.json"), "w", encoding="utf-8") as f:
    json.dump(medians, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
with open(os.path.join(OUT, "ARPHICPL.TXT"), "wb") as f:
    f.write(licence)
print({c: sum(len(s) for s in m) for c, m in medians.items()}, "points")
