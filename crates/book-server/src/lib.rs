//! The book's local web server.
//!
//! `mdbook serve` serves one book; this one serves `book/` with both
//! languages, the demos and the landing page under one origin, gives `.wasm`
//! the MIME type streaming compilation needs, answers a missing page with the
//! book's own 404 page in the right language, and (with `reload`) makes open
//! pages reload after `mdbook watch` or a demo build rewrites files.
//!
//! HTTP itself is axum's (on hyper and tokio, as `mdbook serve` does); this
//! crate decides only what each path answers ([`answer`]). tiny_http 0.12
//! was tried first and dropped: on kept-alive connections Chrome's
//! low-priority stylesheets (print, alternate themes) never completed.

use std::fs;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

/// What to serve and how.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub reload: bool,
}

/// The MIME type for a file name; browsers insist on it for modules and wasm.
pub fn mime(path: &Path) -> String {
    let guess = mime_guess::from_path(path).first_or_octet_stream();
    match guess.type_() {
        mime_guess::mime::TEXT => format!("{guess}; charset=utf-8"),
        _ if guess.subtype() == "javascript" => "text/javascript; charset=utf-8".into(),
        _ => guess.to_string(),
    }
}

/// Maps a request path to a file under `root`, refusing `..` and following
/// directories to their `index.html`. `None` when nothing is there.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    let mut file = root.to_path_buf();
    for part in Path::new(decoded.as_ref()).components() {
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

/// The page for a missing URL: the 404 page of the language the URL is in
/// (`/zh/…` gets the Chinese one), else the English one.
pub fn not_found_page(root: &Path, url_path: &str) -> Option<PathBuf> {
    let page = root.join(book_layout::language_of_path(url_path).code).join("404.html");
    page.is_file().then_some(page)
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

/// Status, content type and body for one request path.
pub fn answer(opts: &Options, target: &str) -> (u16, String, Vec<u8>) {
    if opts.reload && target.starts_with("/__stamp") {
        return (
            200,
            "text/plain".into(),
            newest_mtime(&opts.root).to_string().into_bytes(),
        );
    }
    let (status, file) = match resolve(&opts.root, target) {
        Some(file) => (200, file),
        None => match not_found_page(&opts.root, target) {
            Some(page) => (404, page),
            None => return (404, "text/plain".into(), b"404 not found\n".to_vec()),
        },
    };
    let Ok(mut body) = fs::read(&file) else {
        return (500, "text/plain".into(), b"unreadable\n".to_vec());
    };
    let kind = mime(&file);
    if opts.reload && kind.starts_with("text/html") {
        let text = String::from_utf8_lossy(&body);
        body = match text.rfind("</body>") {
            Some(at) => {
                format!("{}{RELOAD_SCRIPT}{}", &text[..at], &text[at..]).into_bytes()
            }
            None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
        };
    }
    (status, kind, body)
}

/// One request: GET or HEAD (axum drops a HEAD answer's body), else 405.
async fn reply(opts: Arc<Options>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "GET only\n").into_response();
    }
    let target = uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let (status, kind, body) = answer(&opts, &target);
    let status =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers =
        [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache".into())];
    (status, headers, body).into_response()
}

/// Serves until the process ends.
pub fn serve(listener: TcpListener, opts: Options) -> Result<(), String> {
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| e.to_string())?;
    let opts = Arc::new(opts);
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        let app = axum::Router::new()
            .fallback(move |method: Method, uri: Uri| reply(opts.clone(), method, uri));
        axum::serve(listener, app).await.map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    /// A fresh site per test: tests run in parallel threads of one process,
    /// and a shared folder let one test read a file another was rewriting.
    fn site(test: &str) -> PathBuf {
        let name = format!("book-server-{test}-{}", std::process::id());
        let dir = std::env::temp_dir().join(name);
        fs::create_dir_all(dir.join("en/cnn")).unwrap();
        fs::create_dir_all(dir.join("zh")).unwrap();
        fs::write(dir.join("index.html"), "<html><body>landing</body></html>").unwrap();
        fs::write(dir.join("en/cnn/conv.html"), "<html><body>卷积</body></html>")
            .unwrap();
        fs::write(dir.join("en/404.html"), "<html><body>Page not found</body></html>")
            .unwrap();
        fs::write(dir.join("zh/404.html"), "<html><body>找不到这一页</body></html>")
            .unwrap();
        fs::write(dir.join("demo.wasm"), b"\0asm").unwrap();
        dir
    }

    fn get(opts: Options, path: &str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || serve(listener, opts));
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn serves_files_indexes_and_wasm_type() {
        let root = site("files");
        let opts = Options { root: root.clone(), reload: false };
        assert!(get(opts.clone(), "/").contains("landing"));
        let page = get(opts.clone(), "/en/cnn/conv.html?x=1");
        assert!(page.starts_with("HTTP/1.1 200") && page.contains("卷积"));
        let wasm = get(opts.clone(), "/demo.wasm").to_lowercase();
        assert!(wasm.contains("content-type: application/wasm"), "{wasm}");
        assert!(
            get(opts.clone(), "/en/cnn/c%6Fnv.html").contains("卷积"),
            "percent escapes are decoded"
        );
        assert!(get(opts, "/../etc/passwd").starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn a_missing_page_gets_the_404_page_of_its_language() {
        let root = site("missing");
        let opts = Options { root, reload: false };
        let zh = get(opts.clone(), "/zh/nope.html");
        assert!(zh.starts_with("HTTP/1.1 404") && zh.contains("找不到这一页"), "{zh}");
        let en = get(opts.clone(), "/en/cnn/nope.html");
        assert!(en.starts_with("HTTP/1.1 404") && en.contains("Page not found"));
        assert!(get(opts, "/elsewhere").contains("Page not found"));
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
}
