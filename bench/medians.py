"""Reads `bench <name> <value> <unit>` lines from several rounds on stdin and
prints one line per figure: the median over the rounds. For each pair
`<figure>-ours` / `<figure>-<peer>` it adds `<figure>-ratio-vs-<peer>`
(ours over peer, from the medians). Used by `./dev bench`."""
import statistics
import sys

values, units = {}, {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 4 and parts[0] == "bench":
        values.setdefault(parts[1], []).append(float(parts[2]))
        units[parts[1]] = parts[3]
    else:
        sys.stdout.write(line)
def fmt(x):
    """Four significant digits, never in exponent form."""
    return f"{float(f'{x:.4g}'):f}".rstrip("0").rstrip(".")


median = {name: statistics.median(v) for name, v in values.items()}
for name, m in median.items():
    print(f"bench {name} {fmt(m)} {units[name]}")
for name, m in median.items():
    if name.endswith("-ours"):
        stem = name[: -len("ours")]
        for peer, p in median.items():
            if peer.startswith(stem) and peer != name and p > 0:
                print(f"bench {stem}ratio-vs-{peer[len(stem):]} {fmt(m / p)} x")
