//! Both languages are first-class: every page exists in `src/en` and `src/zh`,
//! in the same place in each SUMMARY, with the same section structure, the same
//! demos in the same order and the same included code.

use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src")
}

/// Link targets of a SUMMARY.md, in order (the page files of the book).
fn summary_pages(lang: &str) -> Vec<String> {
    let text =
        fs::read_to_string(src().join(lang).join("SUMMARY.md")).expect("SUMMARY.md");
    text.lines()
        .filter_map(|l| {
            let open = l.find("](")?;
            let close = l[open..].find(')')? + open;
            Some(l[open + 2..close].to_string())
        })
        .collect()
}

/// Nesting depth of each SUMMARY entry and part title, so structure matches too.
fn summary_shape(lang: &str) -> Vec<String> {
    let text =
        fs::read_to_string(src().join(lang).join("SUMMARY.md")).expect("SUMMARY.md");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .skip(1) // the "# Summary" / "# 目录" title
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            let kind = if l.trim_start().starts_with('#') { "part" } else { "page" };
            format!("{indent}:{kind}")
        })
        .collect()
}

/// What must match between the two versions of a page: heading levels in order,
/// demo names in order, and `{{#include}}` targets in order.
fn skeleton(path: &Path) -> (Vec<usize>, Vec<String>, Vec<String>) {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("missing page {}", path.display()));
    let mut headings = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            headings.push(line.chars().take_while(|&c| c == '#').count());
        }
    }
    let demos = mdbook_demos::directives(&text).into_iter().map(|d| d.name).collect();
    let includes = text
        .match_indices("{{#include ")
        .map(|(at, _)| text[at..].split("}}").next().unwrap_or("").to_string())
        .collect();
    (headings, demos, includes)
}

#[test]
fn both_languages_have_the_same_pages_sections_and_demos() {
    let en = summary_pages("en");
    let zh = summary_pages("zh");
    assert!(!en.is_empty(), "the English SUMMARY lists no pages");
    assert_eq!(en, zh, "SUMMARY.md files list different pages");
    assert_eq!(summary_shape("en"), summary_shape("zh"), "SUMMARY.md nesting differs");
    for page in &en {
        let (en_h, en_d, en_i) = skeleton(&src().join("en").join(page));
        let (zh_h, zh_d, zh_i) = skeleton(&src().join("zh").join(page));
        assert_eq!(en_h, zh_h, "{page}: heading structure differs between en and zh");
        assert_eq!(en_d, zh_d, "{page}: demos differ between en and zh");
        assert_eq!(en_i, zh_i, "{page}: included code differs between en and zh");
    }
}

#[test]
fn no_markdown_page_is_left_out_of_a_summary() {
    for lang in ["en", "zh"] {
        assert!(
            src().join(lang).join("404.md").is_file(),
            "src/{lang}/404.md is missing"
        );
        let listed = summary_pages(lang);
        let mut stack = vec![src().join(lang)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).expect("src dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md")
                    && !path.ends_with("SUMMARY.md")
                    && !path.ends_with("404.md")
                // mdBook's page for missing URLs
                {
                    let rel = path
                        .strip_prefix(src().join(lang))
                        .unwrap()
                        .to_string_lossy()
                        .to_string();
                    assert!(
                        listed.contains(&rel),
                        "src/{lang}/{rel} is not in SUMMARY.md"
                    );
                }
            }
        }
    }
}
