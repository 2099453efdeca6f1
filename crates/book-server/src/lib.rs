//! A small static file server for the built book.
//!
//! `mdbook serve` serves one book; this one serves `book/` with both
//! languages, the demos and the landing page under one origin, gives `.wasm`
//! the MIME type streaming compilation needs, and (with `reload`) makes open
//! pages reload after `mdbook watch` or a demo build rewrites files.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

/// What to serve and how.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub reload: bool,
}

/// The MIME type for a file name; browsers insist on it for modules and wasm.
pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `root`, refusing `..` and following
/// directories to their `index.html`. `None` when nothing is there.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for part in Path::new(&decoded).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::RootDir | Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Newest modification time under `dir`, in milliseconds: the reload stamp.
pub fn newest_mtime(dir: &Path) -> u128 {
    let mut newest = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else if let Ok(t) = meta.modified() {
                let ms = t.duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
                newest = newest.max(ms);
            }
        }
    }
    newest
}

const RELOAD_SCRIPT: &str = r#"<script>(function(){let seen=null;async function poll(){try{const r=await fetch('/__stamp',{cache:'no-store'});const s=await r.text();if(seen!==null&&s!==seen){location.reload();return}seen=s}catch(e){}setTimeout(poll,1000)}poll()})();</script>"#;

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// Answers one HTTP request (GET or HEAD) on `stream`.
pub fn handle(mut stream: TcpStream, opts: &Options) {
    let mut line = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers; we need none of them.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"GET only\n");
    }
    if opts.reload && target.starts_with("/__stamp") {
        let stamp = newest_mtime(&opts.root).to_string();
        return respond(&mut stream, "200 OK", "text/plain", stamp.as_bytes());
    }
    let Some(file) = resolve(&opts.root, target) else {
        let page = opts.root.join("404.html");
        let body = fs::read(page).unwrap_or_else(|_| b"404 not found\n".to_vec());
        return respond(&mut stream, "404 Not Found", "text/html; charset=utf-8", &body);
    };
    let Ok(mut body) = fs::read(&file) else {
        return respond(&mut stream, "500 Internal Server Error", "text/plain", b"unreadable\n");
    };
    let kind = mime(&file);
    if opts.reload && kind.starts_with("text/html") {
        let text = String::from_utf8_lossy(&body);
        body = match text.rfind("</body>") {
            Some(at) => format!("{}{RELOAD_SCRIPT}{}", &text[..at], &text[at..]).into_bytes(),
            None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
        };
    }
    if method == "HEAD" {
        body.clear();
    }
    respond(&mut stream, "200 OK", kind, &body)
}

/// Serves forever, one thread per connection.
pub fn serve(listener: TcpListener, opts: Options) {
    for stream in listener.incoming().flatten() {
        let opts = opts.clone();
        std::thread::spawn(move || handle(stream, &opts));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A fresh site per test: tests run in parallel threads of one process,
    /// and a shared folder let one test read a file another was rewriting.
    fn site(test: &str) -> PathBuf {
        let name = format!("book-server-{test}-{}", std::process::id());
        let dir = std::env::temp_dir().join(name);
        fs::create_dir_all(dir.join("en/cnn")).unwrap();
        fs::write(dir.join("index.html"), "<html><body>landing</body></html>").unwrap();
        fs::write(dir.join("en/cnn/conv.html"), "<html><body>卷积</body></html>").unwrap();
        fs::write(dir.join("demo.wasm"), b"\0asm").unwrap();
        dir
    }

    fn get(opts: Options, path: &str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (s, _) = listener.accept().unwrap();
            handle(s, &opts);
        });
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_files_indexes_and_wasm_type() {
        let root = site("files");
        let opts = Options { root: root.clone(), reload: false };
        assert!(get(opts.clone(), "/").contains("landing"));
        let page = get(opts.clone(), "/en/cnn/conv.html?x=1");
        assert!(page.starts_with("HTTP/1.1 200") && page.contains("卷积"));
        assert!(get(opts.clone(), "/demo.wasm").contains("Content-Type: application/wasm"));
        assert!(get(opts.clone(), "/nope.html").starts_with("HTTP/1.1 404"));
        assert!(get(opts, "/../etc/passwd").starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn reload_mode_injects_poller_and_answers_stamp() {
        let root = site("reload");
        let opts = Options { root, reload: true };
        assert!(get(opts.clone(), "/en/cnn/conv.html").contains("/__stamp"));
        let stamp = get(opts, "/__stamp");
        let body = stamp.rsplit("\r\n\r\n").next().unwrap();
        assert!(body.parse::<u128>().unwrap() > 0);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/bad%zz"), None);
    }
}
