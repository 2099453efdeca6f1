#!/usr/bin/env python3
"""Plain English text for training word vectors in the book, from the PyPI
wheel of `gensim==4.4.0` (its test file
`enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2`:
Wikipedia articles, CC BY-SA). Wiki markup is stripped with a few regular
expressions, text is lower-cased and reduced to runs of letters, one article
per line, and written gzip-compressed (reproducibly) to
`assets/data/words/enwiki-sample.txt.gz`.

Usage: python3 scripts/wiki_corpus.py
"""
import bz2
import html
import gzip
import os
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "data", "words", "enwiki-sample.txt.gz")
MEMBER = "gensim/test/test_data/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"


def clean(text):
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<ref[^>]*/>|<ref.*?</ref>", " ", text, flags=re.S)
    for _ in range(3):  # nested templates
        text = re.sub(r"\{\{[^{}]*\}\}", " ", text)
    text = re.sub(r"\{\|.*?\|\}", " ", text, flags=re.S)  # tables
    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", text)  # [[target|label]] -> label
    text = re.sub(r"\[https?://\S+ ?([^\]]*)\]", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"&[a-z]+;", " ", text)
    return " ".join(re.findall(r"[a-z]+", text.lower()))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "gensim==4.4.0", "-d", tmp],
                       check=True, capture_output=True)
        whl = next(f for f in os.listdir(tmp) if f.startswith("gensim") and f.endswith(".whl"))
        xml = bz2.decompress(zipfile.ZipFile(os.path.join(tmp, whl)).read(MEMBER)).decode("utf-8")
    articles = []
    for page in re.findall(r"<text[^>]*>(.*?)</text>", xml, flags=re.S):
        if page.lstrip().lower().startswith("#redirect"):
            continue
        words = clean(html.unescape(page))
        if len(words.split()) > 50:
            articles.append(words)
    text = "\n".join(articles) + "\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(OUT, len(articles), "articles", len(text.split()), "words", os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
