#!/usr/bin/env python3
"""Rebuilds theme/fonts/: the book's fonts, all served from the book itself.

mdBook copies every file in theme/fonts/ into the built book and uses
theme/fonts/fonts.css instead of its own. So that folder holds
- mdBook 0.5.4's own fonts (Open Sans, Source Code Pro; Apache-2.0 / OFL),
  copied from the mdbook-html crate source that `./dev setup` downloads;
- KaTeX 0.16.4's stylesheet and WOFF2 fonts (MIT), from the npm package
  `katex@0.16.4` (the KaTeX version bundled in the `katex` crate that
  mdbook-katex 0.10.0 renders formulas with; stylesheet and renderer must
  match).
Formulas are typeset at build time by mdbook-katex; the page needs only this
CSS and these fonts, never a CDN.

    python3 scripts/katex_fonts.py
"""
import glob, io, os, re, subprocess, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "theme", "fonts")
KATEX = "katex@0.16.4"

def mdbook_fonts():
    found = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/mdbook-html-0.5.4/front-end/fonts"))
    if not found:
        raise SystemExit("mdbook-html 0.5.4's source is not in ~/.cargo/registry: run ./dev setup first")
    return found[0]

def main():
    os.makedirs(OUT, exist_ok=True)
    src = mdbook_fonts()
    for name in sorted(os.listdir(src)):
        if name != "fonts.css":
            with open(os.path.join(src, name), "rb") as f, open(os.path.join(OUT, name), "wb") as g:
                g.write(f.read())
    with open(os.path.join(src, "fonts.css")) as f:
        css = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", KATEX, "--silent", "--pack-destination", tmp], check=True, stdout=subprocess.DEVNULL)
        with tarfile.open(glob.glob(os.path.join(tmp, "katex-*.tgz"))[0]) as tar:
            katex_css = tar.extractfile("package/dist/katex.min.css").read().decode()
            for m in tar.getmembers():
                if m.name.startswith("package/dist/fonts/") and m.name.endswith(".woff2"):
                    with open(os.path.join(OUT, os.path.basename(m.name)), "wb") as g:
                        g.write(tar.extractfile(m).read())
    # Keep only the WOFF2 source of each face (every browser that runs the
    # demos reads WOFF2), through mdBook's resource helper so hashed builds work.
    def woff2_only(m):
        font = re.search(r"url\(fonts/(KaTeX_[A-Za-z0-9_-]+)\.woff2\)", m.group(0)).group(1)
        return "src:url('{{ resource \"fonts/%s.woff2\" }}') format(\"woff2\")" % font
    katex_css = re.sub(r"src:url\(fonts/KaTeX[^;}]*", woff2_only, katex_css)
    assert "woff)" not in katex_css and "ttf" not in katex_css, "unexpected font sources left"
    with open(os.path.join(OUT, "fonts.css"), "w") as f:
        f.write(css.rstrip() + "\n\n/* KaTeX 0.16.4 (MIT), for formulas typeset at build time by mdbook-katex. */\n")
        f.write(katex_css + "\n")

if __name__ == "__main__":
    main()
