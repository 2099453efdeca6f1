//! mdBook calls this binary twice: `mdbook-demos supports <renderer>`, then
//! with `[context, book]` as JSON on stdin, expecting the book on stdout.

use mdbook_demos::{expand, glossary, known_demos, timeline};
use mdbook_preprocessor::book::BookItem;
use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("supports") {
        return ExitCode::SUCCESS; // Panels are plain HTML; every renderer can take them.
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mdbook-demos: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A plain `mdbook build` or `mdbook serve` in the repository (not through
/// `./dev`): build the demos and data with `cargo xtask assets`, then link
/// them into this language's source folder so mdBook copies them next to
/// the pages, where the page script looks for them.
fn plain_mdbook(root: &std::path::Path, src: &std::path::Path) -> Result<(), String> {
    let lang = src.file_name().and_then(|n| n.to_str()).unwrap_or("en");
    // Everything the nested build prints goes to stderr: stdout is the book.
    let status = std::process::Command::new(
        std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
    )
    .args(["xtask", "assets"])
    .current_dir(root)
    .stdout(std::io::stderr())
    .status()
    .map_err(|e| format!("cargo xtask assets: {e}"))?;
    if !status.success() {
        return Err("building the demos failed (cargo xtask assets); see above".into());
    }
    #[cfg(unix)]
    book_layout::stage(root, lang)
        .map_err(|e| format!("linking the demos into src/{lang}: {e}"))?;
    Ok(())
}

fn run() -> Result<(), String> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(std::io::stdin())
        .map_err(|e| format!("{e:#}"))?;
    let known = known_demos(&ctx.root);
    if std::env::var_os("BOOK_XTASK").is_none() {
        plain_mdbook(&ctx.root, &ctx.config.book.src)?;
    }
    let lang = ctx.config.book.language.clone().unwrap_or_else(|| "en".into());
    let src = ctx.config.book.src.clone();
    // The timeline links only to chapters the book has.
    let chapters: std::collections::BTreeSet<String> = book
        .chapters()
        .filter_map(|c| c.source_path.as_ref())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    // `{{#term name}}` links to the glossary page's row for it.
    let glossary_page = std::path::Path::new("glossary.md");
    let terms = glossary::Glossary::parse(
        &book
            .chapters()
            .find(|c| c.source_path.as_deref() == Some(glossary_page))
            .map(|c| c.content.clone())
            .unwrap_or_default(),
    );
    let mut first_error = None;
    book.for_each_mut(|item| {
        let BookItem::Chapter(chapter) = item else { return };
        let file = chapter
            .source_path
            .as_ref()
            .map(|p| src.join(p).display().to_string())
            .unwrap_or_else(|| chapter.name.clone());
        let page = chapter.source_path.clone().unwrap_or_default();
        let expanded = expand(&chapter.content, &file, &lang, &known)
            .map_err(|e| e.to_string())
            .and_then(|c| {
                timeline::expand(&c, &lang, &page, &chapters)
                    .map_err(|e| format!("{file}: {e}"))
            })
            .and_then(|c| {
                glossary::expand(&c, &page, &terms).map_err(|e| format!("{file}: {e}"))
            })
            .map(|c| if page == glossary_page { terms.anchor_rows(&c) } else { c });
        match expanded {
            Ok(content) => chapter.content = content,
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    });
    if let Some(e) = first_error {
        return Err(e);
    }
    serde_json::to_writer(std::io::stdout(), &book).map_err(|e| e.to_string())
}
