#!/usr/bin/env python3
"""Grey photographs for the "edges emerge" demo (the cat-neuron chapter),
written to assets/data/photos/<name>.pgm.gz.

Source: the wheel of PyPI `scikit-image==0.26.0`, `skimage/data/`:
chelsea (a cat; CC0, Stefan van der Walt), astronaut (NASA, public domain),
coffee (CC0, Rachel Michetti), camera (CC0, Lav Varshney), and the textures
grass, brick and gravel (CC0). Each photo is turned grey (ITU-R 601 luma),
halved in each direction by averaging 2 x 2 blocks (less sensor noise and
JPEG texture; edges a few pixels wide, so a 12 x 12 patch holds a piece of
one), and written as a binary PGM (P5, 8-bit), gzip-compressed without a
timestamp so the file is the same on every run.

Needs numpy and pillow (pip install numpy pillow). Usage:
    python3 scripts/photo_patches.py
"""
import gzip
import io
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "data", "photos")
PHOTOS = ["chelsea", "astronaut", "coffee", "camera", "grass", "brick", "gravel"]


def main():
    import numpy as np
    from PIL import Image

    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        "scikit-image==0.26.0", "-d", tmp], check=True, capture_output=True)
        whl = next(f for f in os.listdir(tmp) if f.endswith(".whl"))
        with zipfile.ZipFile(os.path.join(tmp, whl)) as z:
            for name in PHOTOS:
                img = Image.open(io.BytesIO(z.read(f"skimage/data/{name}.png")))
                a = np.asarray(img.convert("RGB"), dtype=np.float64)
                grey = a @ np.array([0.299, 0.587, 0.114])
                h, w = grey.shape[0] // 2 * 2, grey.shape[1] // 2 * 2
                half = grey[:h, :w].reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))
                pixels = np.clip(np.round(half), 0, 255).astype(np.uint8)
                pgm = b"P5\n%d %d\n255\n" % (pixels.shape[1], pixels.shape[0])
                pgm += pixels.tobytes()
                path = os.path.join(OUT, f"{name}.pgm.gz")
                with open(path, "wb") as f:
                    f.write(gzip.compress(pgm, compresslevel=9, mtime=0))
                print(name, pixels.shape[1], "x", pixels.shape[0],
                      os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
