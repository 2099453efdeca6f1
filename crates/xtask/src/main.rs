//! `cargo xtask <command>`: the book's build, serve, test and bench steps,
//! in Rust. `./dev` runs it after setting up what cargo itself cannot
//! (Debian packages, the wasm32 target) and naming the wasm route.
//!
//!   build   build the demos (wasm) and both languages into book/
//!   serve   build, then serve on 127.0.0.1:$PORT (default 3000), rebuilding on edits
//!   test    gates (fmt, clippy), Rust tests, build, browser tests
//!   bench   print `bench <name> <value> <unit>` lines
//!   setup   install the cargo tools and the browser-test driver
//!   assets  only the demos (wasm), their data and worker script, into book/
//!           (what a plain `mdbook build` or `mdbook serve` asks for)

mod steps;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        "setup" => tools::setup_book().and_then(|_| tools::setup_browser()),
        "build" => steps::build(),
        "serve" => steps::serve(),
        "test" => steps::test(),
        "bench" => steps::bench(),
        "assets" => steps::assets(),
        _ => {
            eprintln!("usage: cargo xtask build | serve | test | bench | setup | assets");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
