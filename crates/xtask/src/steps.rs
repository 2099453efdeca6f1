//! Build, serve, test and bench: what `./dev <command>` does.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use book_layout::{DATA, LANGUAGES, Language};

use crate::tools::{
    self, WasmRoute, cargo, root, run, say, setup_book, setup_browser, stale, tool,
    wasm_cargo, wasm_out, wasm_route,
};

/// Demos (wasm) and both languages, into book/.
pub fn build() -> Result<(), String> {
    setup_book()?;
    let book = root().join("book");
    std::fs::create_dir_all(&book).map_err(|e| e.to_string())?;
    build_wasm(wasm_route())?;
    for lang in LANGUAGES {
        let _ = std::fs::remove_file(book.join(lang.code).join("index.html"));
        // Links a plain `mdbook` run left in src/ would copy the demos and
        // data into every language's folder; this build shares one copy.
        book_layout::unstage(&root(), lang.code).map_err(|e| e.to_string())?;
    }
    build_book()
}

/// What a plain `mdbook build`/`serve` needs besides the pages: the demos'
/// wasm, the data and the worker script, in book/ (the preprocessor then
/// links them into the language's source folder for mdBook to copy).
pub fn assets() -> Result<(), String> {
    std::fs::create_dir_all(root().join("book")).map_err(|e| e.to_string())?;
    build_wasm(wasm_route())?;
    copy_site_files()
}

/// Compiles every demo crate for wasm32; only a demo whose wasm changed goes
/// through wasm-bindgen again.
fn build_wasm(route: WasmRoute) -> Result<(), String> {
    let names = book_layout::demo_names(&root());
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    say(&format!("wasm build ({route:?} toolchain): {}", list.join(" ")).to_lowercase());
    let mut build = wasm_cargo(route, "build");
    build.arg("--release");
    for n in &names {
        build.args(["-p", n]);
    }
    run(&mut build)?;
    for n in &names {
        let wasm = wasm_out(route).join(format!("{}.wasm", n.replace('-', "_")));
        let out = root().join("book/demos").join(n);
        if stale(&wasm, &out.join(format!("{n}_bg.wasm"))) {
            run(Command::new(tool("wasm-bindgen"))
                .args(["--target", "web", "--no-typescript", "--remove-name-section"])
                .arg("--out-dir")
                .arg(&out)
                .args(["--out-name", n])
                .arg(&wasm))?;
        }
    }
    Ok(())
}

/// mdBook for one language. `BOOK_SITE_PATH` (default "/") is the path the
/// site is published under: the 404 page, served at any depth, needs
/// absolute links.
fn mdbook(lang: &Language, command: &str) -> Command {
    let mut c = Command::new(tool("mdbook"));
    c.current_dir(root()).arg(command).arg("-d").arg(format!("book/{}", lang.code));
    // Tells the preprocessor that this build lays out the demos and data itself.
    c.env("BOOK_XTASK", "1");
    let site = std::env::var("BOOK_SITE_PATH").unwrap_or_else(|_| "/".into());
    c.env("MDBOOK_OUTPUT__HTML__SITE_URL", format!("{site}{}/", lang.code));
    if lang.code != "en" {
        c.env("MDBOOK_BOOK__SRC", format!("src/{}", lang.code))
            .env("MDBOOK_BOOK__LANGUAGE", lang.tag);
        if let Some(title) = lang.title {
            c.env("MDBOOK_BOOK__TITLE", title);
        }
        if let Some(description) = lang.description {
            c.env("MDBOOK_BOOK__DESCRIPTION", description);
        }
    }
    c
}

fn copy_if_newer(from: &Path, to: &Path) -> Result<(), String> {
    if stale(from, to) {
        std::fs::copy(from, to)
            .map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))?;
    }
    Ok(())
}

/// Both languages, the landing page, the data the demos fetch and the worker script.
fn build_book() -> Result<(), String> {
    say("mdbook build (en, zh)");
    run(cargo().args([
        "build",
        "--quiet",
        "--release",
        "-p",
        "mdbook-demos",
        "-p",
        "book-server",
    ]))?;
    let root = root();
    for lang in LANGUAGES {
        let out = mdbook(&lang, "build").output().map_err(|e| e.to_string())?;
        let log = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        for line in log.lines() {
            // mdbook-katex 0.10.0 was built against mdbook 0.5.3 and says so on every run.
            if !line.contains(" INFO ") && !line.contains("built against mdbook") {
                eprintln!("{line}");
            }
        }
        if !out.status.success()
            || !root.join("book").join(lang.code).join("index.html").is_file()
        {
            return Err(format!("the {} book failed to build", lang.code));
        }
    }
    copy_if_newer(
        &root.join("assets/landing/index.html"),
        &root.join("book/index.html"),
    )?;
    copy_site_files()
}

/// The data the demos fetch at run time and the worker script, into book/.
fn copy_site_files() -> Result<(), String> {
    let root = root();
    for (from, to, suffix) in DATA {
        let dest = root.join("book/data").join(to);
        std::fs::create_dir_all(&dest).map_err(|e| e.to_string())?;
        for entry in
            std::fs::read_dir(root.join(from)).map_err(|e| e.to_string())?.flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_file() && name.ends_with(suffix) {
                copy_if_newer(&entry.path(), &dest.join(&name))?;
            }
        }
    }
    copy_if_newer(
        &root.join("assets/js/demo-worker.js"),
        &root.join("book/demos/worker.js"),
    )
}

/// Newest modification time of a `.rs` file under `dirs`.
fn newest_rust_source(dirs: &[PathBuf]) -> SystemTime {
    let mut newest = SystemTime::UNIX_EPOCH;
    let mut stack = dirs.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && let Ok(t) = entry.metadata().and_then(|m| m.modified())
            {
                newest = newest.max(t);
            }
        }
    }
    newest
}

/// Builds, serves both languages with live reload, and rebuilds on edits:
/// `mdbook watch` per language for the chapters, a poll for demo Rust.
pub fn serve() -> Result<(), String> {
    build()?;
    let port: u16 =
        std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000);
    let mut watchers = Vec::new();
    for lang in LANGUAGES {
        let child = mdbook(&lang, "watch")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        watchers.push(child);
    }
    std::thread::spawn(|| {
        let dirs = [root().join("demos"), root().join("crates")];
        let mut built = newest_rust_source(&dirs);
        loop {
            std::thread::sleep(Duration::from_secs(2));
            let now = newest_rust_source(&dirs);
            if now > built {
                built = now;
                if let Err(e) = build_wasm(wasm_route()) {
                    say(&format!(
                        "demo build failed ({e}); fix the error and save again"
                    ));
                }
            }
        }
    });
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    say(&format!("the book: http://127.0.0.1:{port}/  (Ctrl-C stops)"));
    let result = book_server::serve(
        listener,
        book_server::Options { root: root().join("book"), reload: true },
    );
    for mut w in watchers {
        let _ = w.kill();
    }
    result
}

/// Lints the demos' browser-only code (SIMD128, web-sys) as it ships.
fn clippy_wasm(route: WasmRoute) -> Result<(), String> {
    if route == WasmRoute::Debian
        && !Command::new("/usr/bin/cargo")
            .args(["clippy", "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    {
        say(
            "no clippy for Debian's rustc-web: the wasm-only lints are skipped on this route",
        );
        return Ok(());
    }
    let mut c = wasm_cargo(route, "clippy");
    for n in
        book_layout::demo_names(&root()).iter().map(String::as_str).chain(["demo-kit"])
    {
        c.args(["-p", n]);
    }
    run(c.args(["--", "-D", "warnings"]))
}

/// Every test: gates, Rust, then the built book in Chromium.
pub fn test() -> Result<(), String> {
    setup_book()?;
    setup_browser()?;
    say("gates: cargo fmt --check, cargo clippy -D warnings (native and wasm)");
    run(cargo().args(["fmt", "--check"]))
        .map_err(|_| "formatting differs: run cargo fmt".to_string())?;
    run(cargo().args([
        "clippy",
        "--quiet",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    clippy_wasm(wasm_route())?;
    say("cargo test (workspace, incl. the language-parity test)");
    run(cargo().args(["test", "--quiet", "--workspace"]))?;
    build()?;
    say(
        "browser tests (headless Chromium): pages and demos that do not time or train, two files at once",
    );
    let (quiet, timed) = browser_tests()?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=2", "--test-reporter=spec"])
        .args(&quiet))?;
    say("browser tests: demos that train or time themselves, one file at a time");
    run(Command::new("node").args(["--test", "--test-reporter=spec"]).args(&timed))
}

/// Browser-test files that neither train in workers nor assert anything
/// about time, so two can share the machine's cores without changing a
/// result. A file not listed here runs alone: new tests are safe by default.
const QUIET_BROWSER_TESTS: [&str; 16] = [
    "a11y",
    "book",
    "chinchilla-calc",
    "conv-kernel",
    "gpt-write",
    "how-many-bits",
    "lenet",
    "lenet-finetune",
    "links",
    "mobile",
    "network-intuition",
    "publish",
    "search-tree",
    "systolic-array",
    "tree-search",
    "word-vectors",
];

/// The browser-test files, split into the quiet ones and the rest.
fn browser_tests() -> Result<(Vec<String>, Vec<String>), String> {
    let dir = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".test.mjs"))
        .collect();
    files.sort();
    for q in QUIET_BROWSER_TESTS {
        if !files.iter().any(|f| *f == format!("{q}.test.mjs")) {
            return Err(format!("tests/e2e/{q}.test.mjs is listed as quiet but missing"));
        }
    }
    let (quiet, timed): (Vec<String>, Vec<String>) = files
        .into_iter()
        .partition(|f| QUIET_BROWSER_TESTS.contains(&f.trim_end_matches(".test.mjs")));
    let path = |f: String| format!("tests/e2e/{f}");
    Ok((quiet.into_iter().map(path).collect(), timed.into_iter().map(path).collect()))
}

fn gzip_size(path: &Path) -> Result<usize, String> {
    let out =
        Command::new("gzip").arg("-9c").arg(path).output().map_err(|e| e.to_string())?;
    Ok(out.stdout.len())
}

/// Runs `a` and `b` in three alternating rounds (this machine's speed drifts
/// from second to second) and prints the medians `bench/medians.py` computes.
fn alternate(a: &mut Command, b: &mut Command) -> Result<(), String> {
    let mut lines = Vec::new();
    for _ in 0..3 {
        for c in [&mut *a, &mut *b] {
            let out = c
                .current_dir(root())
                .stderr(Stdio::inherit())
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(format!("{c:?} failed"));
            }
            lines.extend_from_slice(&out.stdout);
        }
    }
    let mut medians = Command::new("python3")
        .arg("bench/medians.py")
        .current_dir(root())
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    medians.stdin.take().expect("piped").write_all(&lines).map_err(|e| e.to_string())?;
    medians.wait().map_err(|e| e.to_string())?;
    Ok(())
}

/// A Python venv under .cache with `packages` installed, made once.
fn venv(
    dir: &str,
    import: &str,
    packages: &[&str],
    why: &str,
) -> Result<PathBuf, String> {
    let python = root().join(dir).join("bin/python");
    let ok = Command::new(&python).args(["-c", &format!("import {import}")]).output();
    if !ok.is_ok_and(|o| o.status.success()) {
        say(&format!("pip install {} into {dir} ({why})", packages.join(" ")));
        run(Command::new("python3").args(["-m", "venv", dir]))?;
        run(Command::new(&python).args(["-m", "pip", "install", "-q"]).args(packages))?;
    }
    Ok(python)
}

/// Benchmark figures, each peer measured in the same run.
pub fn bench() -> Result<(), String> {
    build()?;
    setup_browser()?;
    let root = root();
    if stale(
        &root.join("bench/package-lock.json"),
        &root.join("bench/node_modules/.package-lock.json"),
    ) {
        say(
            "npm ci in bench/ (ConvNetJS, TensorFlow.js 4.22, onnxruntime-web 1.30: the peers)",
        );
        run(Command::new("npm").current_dir(root.join("bench")).args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--loglevel=error",
        ]))?;
    }
    for n in book_layout::demo_names(&root) {
        let f = root.join(format!("book/demos/{n}/{n}_bg.wasm"));
        let raw = std::fs::metadata(&f).map_err(|e| e.to_string())?.len();
        println!("bench {n}-wasm-raw {raw} bytes");
        println!("bench {n}-wasm-gzip {} bytes", gzip_size(&f)?);
    }
    let mut words: Vec<_> = std::fs::read_dir(root.join("assets/data/words"))
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .collect();
    words.sort();
    for f in words {
        let name = f.file_name().unwrap_or_default().to_string_lossy().into_owned();
        println!("bench asset-{name}-gzip {} bytes", gzip_size(&f)?);
    }
    let mut weights: Vec<_> = std::fs::read_dir(root.join("assets/weights"))
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "safetensors"))
        .collect();
    weights.sort();
    for f in weights {
        let name = f.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let bytes = std::fs::metadata(&f).map_err(|e| e.to_string())?.len();
        println!("bench weights-{name} {bytes} bytes");
        println!("bench weights-{name}-gzip {} bytes", gzip_size(&f)?);
    }
    // Native figures: ours built for this CPU (as PyTorch and gensim's BLAS
    // pick their kernels at run time), in its own target dir.
    let native = |args: &[&str]| {
        let mut c = cargo();
        c.env("RUSTFLAGS", "-C target-cpu=native")
            .args(["build", "--quiet", "--release", "--target-dir", "target/native"])
            .args(args);
        c
    };
    run(&mut native(&["-p", "lenet", "--features", "cli", "--bin", "bench-lenet"]))?;
    // PyTorch 2.15 CPU, one thread: its PyPI wheel needs its nvidia-* runtime
    // packages even to import (about 5 GB), so it gets a venv of its own.
    let torch = match std::env::var("TORCH_PYTHON") {
        Ok(p) => PathBuf::from(p),
        Err(_) => venv(
            ".cache/torch-venv",
            "torch, numpy",
            &["torch==2.15.0", "numpy"],
            "the PyTorch peer; about 5 GB",
        )?,
    };
    alternate(
        &mut Command::new(root.join("target/native/release/bench-lenet")),
        Command::new(&torch).arg("bench/pytorch_lenet.py"),
    )?;
    // GPT training, two shapes (the shipped model's and nanoGPT's CPU example).
    run(&mut native(&["-p", "gpt", "--bin", "bench-gpt"]))?;
    alternate(
        &mut Command::new(root.join("target/native/release/bench-gpt")),
        Command::new(&torch).arg("bench/pytorch_gpt.py"),
    )?;
    // The digit U-Net's training, batches of 128, one thread each.
    run(&mut native(&["-p", "diffusion", "--bin", "bench-digits"]))?;
    alternate(
        &mut Command::new(root.join("target/native/release/bench-digits")),
        Command::new(&torch).arg("bench/pytorch_unet.py"),
    )?;
    // ResNet's race at the page's defaults: four small networks a step each.
    run(&mut native(&["-p", "depth", "--bin", "bench-depth"]))?;
    alternate(
        &mut Command::new(root.join("target/native/release/bench-depth")),
        Command::new(&torch).arg("bench/pytorch_depth.py"),
    )?;
    // The bits page's integer LeNet-5 against the float one: the same binary
    // times both, so the second command of each round does nothing.
    run(&mut native(&["-p", "quantize", "--bin", "bench-int8"]))?;
    let int8 = root.join("target/native/release/bench-int8");
    alternate(&mut Command::new(&int8), &mut Command::new("true"))?;
    // The TPU page's systolic-array simulator (no peer: its own speed).
    run(&mut native(&["-p", "systolic", "--bin", "bench-systolic"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-systolic")))?;
    // The cat-neuron page's autoencoder (no peer: the time to its result).
    run(&mut native(&["-p", "concept", "--bin", "bench-concept"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-concept")))?;
    // The scaling page: its six models' training time on one thread, and
    // the fitted exponent's spread over seeds (no peer).
    run(&mut native(&["-p", "scaling", "--bin", "bench-scaling"]))?;
    run(
        Command::new(root.join("target/native/release/bench-scaling")).current_dir(&root)
    )?;
    // The games page: playouts a second and the think-longer default (no peer).
    run(&mut native(&["-p", "games", "--bin", "bench-games"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-games")))?;
    // The intuition page: guided simulations a second and the contests'
    // default (no peer).
    run(&mut native(&["-p", "selfplay", "--bin", "bench-selfplay"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-selfplay")))?;
    // The TPU page's roofline: one core's peak and bandwidth, and the
    // book's kernels on it (no peer).
    run(&mut native(&["-p", "roofline", "--bin", "bench-roofline"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-roofline")))?;
    // The distillation page's default run on one thread (no peer).
    run(&mut native(&["-p", "distill", "--bin", "bench-distill"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-distill")))?;
    // The experts page's default run on one thread (no peer).
    run(&mut native(&["-p", "moe", "--bin", "bench-moe"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-moe")))?;
    run(&mut native(&["-p", "parity", "--bin", "bench-parity"]))?;
    run(&mut Command::new(root.join("target/native/release/bench-parity")))?;
    // Sparse coding at the "edges emerge" page's defaults: ours vs the same
    // learner in NumPy (one BLAS thread).
    run(&mut native(&["-p", "edges", "--bin", "bench-edges"]))?;
    let numpy = venv(".cache/bench-venv", "numpy", &["numpy"], "the sparse-coding peer")?;
    alternate(
        &mut Command::new(root.join("target/native/release/bench-edges")),
        Command::new(&numpy).arg("bench/numpy_edges.py"),
    )?;
    // word2vec: ours vs gensim 4.4 (workers=1) on the shipped Wikipedia sample.
    std::fs::create_dir_all(root.join(".cache")).map_err(|e| e.to_string())?;
    let text = Command::new("gzip")
        .args(["-dc", "assets/data/words/enwiki-sample.txt.gz"])
        .current_dir(&root)
        .output()
        .map_err(|e| e.to_string())?;
    std::fs::write(root.join(".cache/enwiki-sample.txt"), text.stdout)
        .map_err(|e| e.to_string())?;
    run(&mut native(&["-p", "word2vec", "--bin", "bench-word2vec"]))?;
    let gensim =
        venv(".cache/bench-venv", "gensim", &["gensim==4.4.0"], "the word2vec peer")?;
    alternate(
        Command::new(root.join("target/native/release/bench-word2vec"))
            .arg(".cache/enwiki-sample.txt"),
        Command::new(&gensim)
            .args(["bench/gensim_word2vec.py", ".cache/enwiki-sample.txt"]),
    )?;
    // onnxruntime-web's copy of the shipped Shakespeare GPT, built from the
    // weights file by the `onnx` package (no PyTorch needed).
    let onnx = venv(
        ".cache/bench-venv",
        "onnx, numpy",
        &["onnx==1.23.2", "numpy"],
        "to export the GPT for onnxruntime-web",
    )?;
    std::fs::create_dir_all(root.join("book/bench/vendor")).map_err(|e| e.to_string())?;
    run(Command::new(&onnx).current_dir(&root).args([
        "bench/export_gpt_onnx.py",
        "assets/weights/gpt-shakespeare.safetensors",
        "book/bench/vendor/gpt-shakespeare.onnx",
    ]))?;
    run(Command::new(&onnx).current_dir(root.join("bench")).args([
        "export_unet_onnx.py",
        "../assets/weights/unet-digits.safetensors",
        "../book/bench/vendor/unet-digits.onnx",
    ]))?;
    tools::run(Command::new("node").arg("bench/run.mjs"))
}
