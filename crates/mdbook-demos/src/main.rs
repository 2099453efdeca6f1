//! mdBook calls this binary twice: `mdbook-demos supports <renderer>`, then
//! with `[context, book]` as JSON on stdin, expecting the book on stdout.

use mdbook_demos::{expand, known_demos};
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

fn run() -> Result<(), String> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(std::io::stdin())
        .map_err(|e| format!("{e:#}"))?;
    let known = known_demos(&ctx.root);
    let lang = ctx.config.book.language.clone().unwrap_or_else(|| "en".into());
    let src = ctx.config.book.src.clone();
    let mut first_error = None;
    book.for_each_mut(|item| {
        let BookItem::Chapter(chapter) = item else { return };
        let file = chapter
            .source_path
            .as_ref()
            .map(|p| src.join(p).display().to_string())
            .unwrap_or_else(|| chapter.name.clone());
        match expand(&chapter.content, &file, &lang, &known) {
            Ok(content) => chapter.content = content,
            Err(e) => {
                first_error.get_or_insert(e.to_string());
            }
        }
    });
    if let Some(e) = first_error {
        return Err(e);
    }
    serde_json::to_writer(std::io::stdout(), &book).map_err(|e| e.to_string())
}
