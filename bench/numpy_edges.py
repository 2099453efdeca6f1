"""NumPy peer for `./dev bench`: the same learner as crates/edges at the
"edges emerge" page's defaults (64 unit-length filters, 12 x 12 patches,
batches of 100, 30 FISTA rounds with the step from a 30-round power
iteration, price 2, then a gradient step of 0.1 / batch on the filters and
renormalising), float32, one BLAS thread, on white-noise patches, each
batch multiplied by a 144 x 144 whitening matrix first as ours is.
Prints `bench native-edges-learn-numpy <batches/s> batches/s`."""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
import time  # noqa: E402

import numpy as np  # noqa: E402

DIM, ATOMS, BATCH, ROUNDS, LAMBDA, LR = 144, 64, 100, 30, np.float32(2.0), 0.1
rng = np.random.default_rng(1)


def normalise(d):
    return d / np.linalg.norm(d, axis=1, keepdims=True)


def largest_eigenvalue(m):
    v = np.ones(m.shape[0], np.float32)
    value = np.float32(0)
    for _ in range(30):
        nxt = m @ v
        norm = np.linalg.norm(nxt)
        value = norm / np.linalg.norm(v)
        v = nxt / norm
    return value * np.float32(1.05) + np.float32(1e-6)


def infer(d, x):
    gram, xd = d @ d.T, x @ d.T
    step = np.float32(1.0) / largest_eigenvalue(gram)
    a = np.zeros((x.shape[0], ATOMS), np.float32)
    y, t = a.copy(), 1.0
    for _ in range(ROUNDS):
        v = y - step * (y @ gram - xd)
        shrunk = np.sign(v) * np.maximum(np.abs(v) - LAMBDA * step, 0)
        t_next = (1 + (1 + 4 * t * t) ** 0.5) / 2
        y = shrunk + np.float32((t - 1) / t_next) * (shrunk - a)
        a, t = shrunk, t_next
    return a


def learn(d, x):
    a = infer(d, x)
    residual = x - a @ d
    return normalise(d + np.float32(LR / x.shape[0]) * (a.T @ residual))


def main():
    d = normalise(rng.standard_normal((ATOMS, DIM)).astype(np.float32))
    pool = rng.standard_normal((20_000, DIM)).astype(np.float32)
    w = rng.standard_normal((DIM, DIM)).astype(np.float32) / np.float32(DIM ** 0.5)
    w = (w + w.T) / 2
    batch = lambda i: pool[(i * BATCH) % (20_000 - BATCH):][:BATCH] @ w  # noqa: E731
    for i in range(20):
        d = learn(d, batch(i))
    batches = 300
    start = time.perf_counter()
    for i in range(batches):
        d = learn(d, batch(i))
    rate = batches / (time.perf_counter() - start)
    print(f"bench native-edges-learn-numpy {rate:.1f} batches/s")


if __name__ == "__main__":
    main()
