//! The tools the book is built with, installed into `.tools/` at pinned
//! versions, and the small helpers every step uses to run them.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const MDBOOK: &str = "0.5.4";
pub const MDBOOK_KATEX: &str = "0.10.0";

/// The repository root (xtask lives in crates/xtask).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root")
}

pub fn tool(name: &str) -> PathBuf {
    root().join(".tools/bin").join(name)
}

/// Prints a step's name the way `./dev` always has.
pub fn say(text: &str) {
    eprintln!("\x1b[1m==> {text}\x1b[0m");
}

/// Runs `cmd` in the repository root; an error names it.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.current_dir(root()).status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed ({status})")) }
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// How wasm is built here: `rustup` (the wasm32 target is installed) or
/// `debian` (Debian's rustc-web with -Zbuild-std), as `./dev` decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmRoute {
    Rustup,
    Debian,
}

pub fn wasm_route() -> WasmRoute {
    let saved =
        std::fs::read_to_string(root().join(".tools/wasm-route")).unwrap_or_default();
    let chosen = std::env::var("BOOK_WASM_TOOLCHAIN").unwrap_or(saved);
    if chosen.trim() == "debian" { WasmRoute::Debian } else { WasmRoute::Rustup }
}

/// A cargo command for the wasm32 target on the route in use.
pub fn wasm_cargo(route: WasmRoute, subcommand: &str) -> Command {
    match route {
        WasmRoute::Rustup => {
            let mut c = cargo();
            c.args([subcommand, "--quiet", "--target", "wasm32-unknown-unknown"]);
            c
        }
        WasmRoute::Debian => {
            let path = format!("/usr/bin:{}", std::env::var("PATH").unwrap_or_default());
            let mut c = Command::new("/usr/bin/cargo");
            c.env("PATH", path)
                .env("RUSTC", "/usr/bin/rustc")
                .env("RUSTDOC", "/usr/bin/rustdoc")
                .env("RUSTC_BOOTSTRAP", "1")
                .args([subcommand, "--quiet", "--target", "wasm32-unknown-unknown"])
                .args([
                    "-Zbuild-std=std,panic_abort",
                    "--target-dir",
                    "target/debian-web",
                ]);
            c
        }
    }
}

/// The directory the wasm build writes to on `route`.
pub fn wasm_out(route: WasmRoute) -> PathBuf {
    match route {
        WasmRoute::Rustup => root().join("target/wasm32-unknown-unknown/release"),
        WasmRoute::Debian => {
            root().join("target/debian-web/wasm32-unknown-unknown/release")
        }
    }
}

/// Installs `krate` at exactly `version` into `.tools/bin`, once.
fn cargo_tool(bin: &str, version: &str, krate: &str, locked: bool) -> Result<(), String> {
    let have = Command::new(tool(bin)).arg("--version").output();
    if have
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim_end().ends_with(version))
    {
        return Ok(());
    }
    say(&format!("cargo install {krate} {version} (once; a few minutes)"));
    let mut c = cargo();
    c.args(["install", "--quiet", krate, "--version", &format!("={version}"), "--root"])
        .arg(root().join(".tools"));
    if locked {
        c.arg("--locked");
    }
    run(&mut c)
}

/// The wasm-bindgen crate's version in Cargo.lock: the CLI must equal it.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            let version = lines.next().unwrap_or_default();
            return Ok(version
                .trim_start_matches("version = ")
                .trim_matches('"')
                .to_string());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// mdBook, mdbook-katex and the wasm-bindgen CLI, at pinned versions.
pub fn setup_book() -> Result<(), String> {
    cargo_tool("mdbook", MDBOOK, "mdbook", true)?;
    // Typesets $…$ and $$…$$ at build time (KaTeX 0.16.4 inside; its CSS
    // and fonts are in theme/fonts, so pages need no CDN).
    cargo_tool("mdbook-katex", MDBOOK_KATEX, "mdbook-katex", true)?;
    // Not --locked: the registry here lacks some of its newest transitive
    // versions (see README).
    cargo_tool("wasm-bindgen", &wasm_bindgen_version()?, "wasm-bindgen-cli", false)
}

fn newer(a: &Path, b: &Path) -> bool {
    let time = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (time(a), time(b)) {
        (Some(a), Some(b)) => a > b,
        (_, None) => true,
        (None, _) => false,
    }
}

/// The browser-test driver from the committed lockfile (Chromium and the
/// CJK font are Debian packages, installed by `./dev`).
pub fn setup_browser() -> Result<(), String> {
    let root = root();
    let stamp = root.join("node_modules/.package-lock.json");
    if newer(&root.join("package-lock.json"), &stamp) {
        say("npm ci (browser-test driver)");
        run(Command::new("npm").args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ]))?;
    }
    Ok(())
}

/// `true` when `output` is missing or older than `input`.
pub fn stale(input: &Path, output: &Path) -> bool {
    newer(input, output)
}
