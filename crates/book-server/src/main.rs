//! `book-server [DIR] [--port N] [--reload]`: serve the built book on 127.0.0.1.

use book_server::{Options, serve};
use std::net::TcpListener;
use std::path::PathBuf;

fn main() {
    let mut root = PathBuf::from("book");
    let mut port = 3000u16;
    let mut reload = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--reload" => reload = true,
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => fail("--port needs a number (0 picks a free port)"),
            },
            other if !other.starts_with('-') => root = PathBuf::from(other),
            other => fail(&format!("unknown option {other}")),
        }
    }
    if !root.is_dir() {
        fail(&format!("{} is not a folder: build the book first", root.display()));
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .unwrap_or_else(|e| fail(&format!("cannot listen on 127.0.0.1:{port}: {e}")));
    let addr = listener.local_addr().expect("bound socket has an address");
    // Tests read this line to learn the port.
    println!("serving {} on http://{addr}/", root.display());
    if let Err(e) = serve(listener, Options { root, reload }) {
        fail(&e);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("book-server: {message}");
    std::process::exit(2);
}
