//! The site's layout, known in one place: the preprocessor (which demos
//! exist), the server (which language a path is in) and `cargo xtask` (what
//! to build and copy where) all read it from here.
//!
//! ```text
//! book/index.html          landing page: picks the reader's language
//! book/<lang>/…            one mdBook per language, from src/<lang>
//! book/demos/<name>/…      each demo's wasm-bindgen JS and wasm
//! book/demos/worker.js     the module worker every training demo starts
//! book/data/…              data and weights the demos fetch at run time
//! ```

use std::collections::BTreeSet;
use std::path::Path;

/// One language of the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// Folder name under `src/` and `book/`, and the first path segment of its URLs.
    pub code: &'static str,
    /// `<html lang>`.
    pub tag: &'static str,
    /// Book title and description (English ones come from `book.toml`).
    pub title: Option<&'static str>,
    pub description: Option<&'static str>,
}

/// The book's languages; English first (book.toml describes it).
pub const LANGUAGES: [Language; 2] = [
    Language { code: "en", tag: "en", title: None, description: None },
    Language {
        code: "zh",
        tag: "zh-CN",
        title: Some("AI 是怎样变强的：一部互动的历史"),
        description: Some(
            "一部双语互动的人工智能发展史，用 Rust/WebAssembly 写成的演示讲述。",
        ),
    },
];

/// The language a URL path is in (`/zh/…` is Chinese), English otherwise.
pub fn language_of_path(url_path: &str) -> &'static Language {
    let first = url_path.trim_start_matches('/').split('/').next().unwrap_or("");
    LANGUAGES.iter().find(|l| l.code == first).unwrap_or(&LANGUAGES[0])
}

/// Folders the built book's `data/` gets, from the repository:
/// `(source folder, destination under book/data, file-name suffix)`.
pub const DATA: [(&str, &str, &str); 7] = [
    ("assets/data/mnist", "mnist", ".gz"),
    ("assets/data/photos", "photos", ".pgm.gz"),
    ("assets/data/diffusion", "diffusion", ".json"),
    ("assets/data/scaling", "scaling", ".json"),
    ("assets/data/words", "words", ""),
    ("assets/data/text", "text", ""),
    ("assets/weights", "weights", ".safetensors"),
];

/// What a plain `mdbook build` or `mdbook serve` (one language, into
/// `book/<lang>`) needs in the language's source folder so that mdBook copies
/// it beside the pages: links to the built `book/demos` and `book/data`.
pub const STAGED: [&str; 2] = ["demos", "data"];

/// Links `src/<lang>/demos` and `src/<lang>/data` to the built ones (they are
/// in .gitignore, so mdBook's watcher ignores them).
#[cfg(unix)]
pub fn stage(root: &Path, lang: &str) -> std::io::Result<()> {
    for name in STAGED {
        let link = root.join("src").join(lang).join(name);
        if std::fs::symlink_metadata(&link).is_err() {
            std::os::unix::fs::symlink(Path::new("../../book").join(name), &link)?;
        }
    }
    Ok(())
}

/// Removes what [`stage`] made (only links: never a real folder).
pub fn unstage(root: &Path, lang: &str) -> std::io::Result<()> {
    for name in STAGED {
        let link = root.join("src").join(lang).join(name);
        if std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()) {
            std::fs::remove_file(&link)?;
        }
    }
    Ok(())
}

/// Names of the demo crates under `root/demos` (folders whose `Cargo.toml`
/// builds a `cdylib`; shared glue libraries such as demo-kit are not demos).
pub fn demo_names(root: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(root.join("demos")) else {
        return BTreeSet::new();
    };
    entries
        .flatten()
        .filter(|e| {
            std::fs::read_to_string(e.path().join("Cargo.toml"))
                .is_ok_and(|toml| toml.contains("cdylib"))
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_language() {
        assert_eq!(language_of_path("/zh/cnn/x.html").tag, "zh-CN");
        assert_eq!(language_of_path("/en/").code, "en");
        assert_eq!(language_of_path("/elsewhere").code, "en");
    }

    #[test]
    fn the_repository_has_demo_crates_but_demo_kit_is_not_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let demos = demo_names(&root);
        assert!(demos.contains("lenet-train"), "{demos:?}");
        assert!(!demos.contains("demo-kit"));
        for (from, _, _) in DATA {
            assert!(root.join(from).is_dir(), "{from}");
        }
    }
}
