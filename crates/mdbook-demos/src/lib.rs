//! The `{{#demo name}}` directive: the one way a chapter embeds a live demo.
//!
//! The preprocessor swaps each directive for an empty panel that the page's
//! loader (`assets/js/book.js`) fills when it scrolls into view. A name with
//! no crate under `demos/` fails the build, naming the file and line, so a
//! typo never ships as a blank box. `{{#timeline}}` (see [`timeline`]) is
//! the book's other directive.

pub mod cjk;
pub mod glossary;
pub mod timeline;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

const OPEN: &str = "{{#demo ";
const CLOSE: &str = "}}";

/// A directive that names no demo crate, or is malformed.
#[derive(Debug, PartialEq)]
pub struct DirectiveError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DirectiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DirectiveError {}

/// One `{{#demo}}` found in a chapter: its name and 1-based line.
#[derive(Debug, PartialEq, Eq)]
pub struct Directive {
    pub name: String,
    pub line: usize,
    start: usize,
    end: usize,
}

/// Every directive in `content`, in order. `\{{#demo x}}` is an escaped,
/// literal directive and is skipped (but unescaped by [`expand`]).
pub fn directives(content: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = content[from..].find(OPEN).map(|i| i + from) {
        let escaped = content[..at].ends_with('\\');
        let Some(close) = content[at..].find(CLOSE).map(|i| i + at) else { break };
        if !escaped {
            found.push(Directive {
                name: content[at + OPEN.len()..close].trim().to_string(),
                line: content[..at].matches('\n').count() + 1,
                start: at,
                end: close + CLOSE.len(),
            });
        }
        from = close + CLOSE.len();
    }
    found
}

/// The way from a chapter at `page` (`useful/x.md`) up to the book's root
/// (`../`), for links the directives write as raw HTML, which mdBook does
/// not rewrite.
pub fn to_root(page: &Path) -> String {
    "../".repeat(page.parent().map_or(0, |p| p.components().count()))
}

/// Names of the demo crates (see [`book_layout::demo_names`]).
pub fn known_demos(root: &Path) -> BTreeSet<String> {
    book_layout::demo_names(root)
}

/// The panel a directive becomes. `lang` picks the no-script message.
pub fn panel_html(name: &str, index: usize, lang: &str) -> String {
    let (loading, noscript) = if lang.starts_with("zh") {
        ("演示加载中……", "这个互动演示需要 JavaScript 和 WebAssembly。")
    } else {
        ("Loading the demo…", "This interactive demo needs JavaScript and WebAssembly.")
    };
    format!(
        "<div class=\"demo-panel\" data-demo=\"{name}\" id=\"demo-{name}-{index}\">\
         <p class=\"demo-status\" role=\"status\">{loading}</p>\
         <noscript><p class=\"demo-error\">{noscript}</p></noscript></div>"
    )
}

/// Replaces every directive in a chapter with its panel. `file` is used only
/// in error messages; `known` is the set from [`known_demos`].
pub fn expand(
    content: &str,
    file: &str,
    lang: &str,
    known: &BTreeSet<String>,
) -> Result<String, DirectiveError> {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for (index, d) in directives(content).into_iter().enumerate() {
        if !known.contains(&d.name) {
            let list = known.iter().cloned().collect::<Vec<_>>().join(", ");
            return Err(DirectiveError {
                file: file.to_string(),
                line: d.line,
                message: format!("unknown demo `{}` (known demos: {list})", d.name),
            });
        }
        out.push_str(&content[last..d.start]);
        out.push_str(&panel_html(&d.name, index + 1, lang));
        last = d.end;
    }
    out.push_str(&content[last..]);
    let out = out.replace(&format!("\\{OPEN}"), OPEN);
    Ok(if lang.starts_with("zh") { cjk::join_cjk_lines(&out) } else { out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> BTreeSet<String> {
        ["conv-kernel".to_string()].into()
    }

    #[test]
    fn replaces_directive_with_panel() {
        let md = "# Title\n\nText.\n\n{{#demo conv-kernel}}\n\nMore.\n";
        let out = expand(md, "cnn.md", "en", &known()).unwrap();
        assert!(out.contains("<div class=\"demo-panel\" data-demo=\"conv-kernel\" id=\"demo-conv-kernel-1\">"));
        assert!(out.contains("Loading the demo"));
        assert!(!out.contains("{{#demo"));
        assert!(
            out.starts_with("# Title\n\nText.\n\n<div")
                && out.ends_with("</div>\n\nMore.\n")
        );
    }

    #[test]
    fn chinese_pages_get_chinese_messages() {
        let out = expand("{{#demo conv-kernel}}", "a.md", "zh-CN", &known()).unwrap();
        assert!(out.contains("演示加载中"));
    }

    #[test]
    fn unknown_demo_names_file_and_line() {
        let md = "line one\nline two\n{{#demo  conv-kernal }}\n";
        let err = expand(md, "src/en/cnn.md", "en", &known()).unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.to_string(),
            "src/en/cnn.md:3: unknown demo `conv-kernal` (known demos: conv-kernel)"
        );
    }

    #[test]
    fn escaped_directive_stays_literal() {
        let md = "Write `\\{{#demo name}}` in a chapter.";
        assert!(directives(md).is_empty());
        let out = expand(md, "a.md", "en", &known()).unwrap();
        assert_eq!(out, "Write `{{#demo name}}` in a chapter.");
    }

    #[test]
    fn finds_demos_in_order_and_the_repo_demo_crates() {
        let md = "{{#demo b}}\n\n{{#demo a}}";
        let names: Vec<_> = directives(md).into_iter().map(|d| d.name).collect();
        assert_eq!(names, ["b", "a"]);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let demos = known_demos(&root);
        assert!(demos.contains("conv-kernel"), "{demos:?}");
        assert!(!demos.contains("demo-kit"), "shared glue is not a demo");
    }
}
