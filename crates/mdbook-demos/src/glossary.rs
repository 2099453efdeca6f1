//! The glossary hook: `{{#term name}}` in a chapter becomes a link to that
//! term's row in the glossary, with its definition as the link's tooltip.
//!
//! The glossary page stays an ordinary Markdown table, one term per row
//! ("parity (奇偶性)" in English, "奇偶性（parity）" in Chinese); the
//! preprocessor gives each row an anchor, and any of a row's names (split
//! at commas, 、 and the brackets) finds it. A name the glossary lacks, or
//! one two rows share, fails the build, so a link never points nowhere.

use std::collections::BTreeMap;
use std::path::Path;

const OPEN: &str = "{{#term ";
const CLOSE: &str = "}}";

/// One glossary row: the anchor the page gives it and its definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub id: String,
    pub definition: String,
}

/// The glossary's rows, by every name a chapter may use for them.
#[derive(Debug, Default)]
pub struct Glossary {
    by_name: BTreeMap<String, Vec<Term>>,
}

fn cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let header = cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':'));
    (cells.len() >= 3 && !header && cells[0] != "term" && cells[0] != "术语")
        .then_some(cells)
}

/// The names in a term cell: "parity (奇偶性)" → parity, 奇偶性.
fn names(cell: &str) -> Vec<String> {
    cell.split([',', '、', '(', ')', '（', '）', ':', '：'])
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect()
}

/// A row's English name: "parity (奇偶性)" and "奇偶性（parity）" both give
/// "parity", so a row's anchor is the same in each language.
fn english(cell: &str) -> &str {
    let part = match (cell.find('（'), cell.find(" (")) {
        (Some(open), _) => {
            cell[open + '（'.len_utf8()..].split('）').next().unwrap_or(cell)
        }
        (None, Some(open)) => &cell[..open],
        _ => cell,
    };
    part.split([',', '、', ':', '：']).next().unwrap_or(part).trim()
}

/// The anchor of a row, from its English name.
fn slug(cell: &str) -> String {
    let ascii = english(cell).to_lowercase();
    let mut s = String::from("term-");
    for c in ascii.chars() {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// The anchor of the next row with this term cell: its slug, numbered from
/// the second row that shares it (`term-temperature-2`). `parse` and
/// `anchor_rows` walk the rows in the same order, so they agree.
fn row_id(seen: &mut BTreeMap<String, usize>, cell: &str) -> String {
    let id = slug(cell);
    let n = seen.entry(id.clone()).or_insert(0);
    *n += 1;
    if *n > 1 { format!("{id}-{n}") } else { id }
}

fn plain(text: &str) -> String {
    text.replace(['*', '`'], "")
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

impl Glossary {
    /// Reads the glossary page's tables.
    pub fn parse(markdown: &str) -> Self {
        let mut g = Glossary::default();
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        for cells in markdown.lines().filter_map(cells) {
            let term =
                Term { id: row_id(&mut ids, cells[0]), definition: plain(cells[1]) };
            for name in names(cells[0]).into_iter().chain([cells[0].to_lowercase()]) {
                let rows = g.by_name.entry(name).or_default();
                if !rows.contains(&term) {
                    rows.push(term.clone());
                }
            }
        }
        g
    }

    /// The row a chapter means by `name`.
    pub fn find(&self, name: &str) -> Result<&Term, String> {
        match self.by_name.get(&name.trim().to_lowercase()).map(Vec::as_slice) {
            Some([term]) => Ok(term),
            Some(rows) if rows.len() > 1 => Err(format!(
                "glossary term `{name}` is ambiguous ({}); write a row's full first cell",
                rows.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
            _ => Err(format!("glossary term `{name}` is not in the glossary")),
        }
    }

    /// The glossary page with an anchor on each row's term.
    pub fn anchor_rows(&self, markdown: &str) -> String {
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut out = String::with_capacity(markdown.len() + 4096);
        for line in markdown.split_inclusive('\n') {
            match cells(line) {
                Some(cells) => {
                    let id = row_id(&mut ids, cells[0]);
                    let at = line.find(cells[0]).unwrap_or(0);
                    out.push_str(&line[..at]);
                    out.push_str(&format!("<span id=\"{id}\">{}</span>", cells[0]));
                    out.push_str(&line[at + cells[0].len()..]);
                }
                None => out.push_str(line),
            }
        }
        out
    }
}

/// Replaces each `{{#term name}}` (or `{{#term name|shown text}}`) in a
/// chapter at `page` with a link to the glossary row.
pub fn expand(content: &str, page: &Path, glossary: &Glossary) -> Result<String, String> {
    let root = crate::to_root(page);
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find(OPEN) {
        let Some(len) = rest[at..].find(CLOSE) else { break };
        let inner = &rest[at + OPEN.len()..at + len];
        let (name, shown) = inner.split_once('|').unwrap_or((inner, inner));
        let term = glossary.find(name)?;
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            "<a class=\"term\" href=\"{}glossary.html#{}\" title=\"{}\">{}</a>",
            root,
            term.id,
            term.definition,
            shown.trim()
        ));
        rest = &rest[at + len + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const EN: &str = "| term | what it means | introduced in |\n|---|---|---|\n\
        | parity (奇偶性) | whether the *number* of ones is odd | [x](a.md) |\n\
        | temperature, top-k, top-p (温度) | sampling knobs | [x](a.md) |\n\
        | temperature (温度) | a divisor of the scores | [x](b.md) |\n";

    #[test]
    fn rows_get_anchors_and_any_name_finds_them() {
        let g = Glossary::parse(EN);
        assert_eq!(g.find("Parity").unwrap().id, "term-parity");
        assert_eq!(
            g.find("奇偶性").unwrap().definition,
            "whether the number of ones is odd"
        );
        assert_eq!(g.find("top-k").unwrap().id, "term-temperature");
        assert_eq!(g.find("temperature (温度)").unwrap().id, "term-temperature-2");
        assert!(g.find("temperature").unwrap_err().contains("ambiguous"));
        assert!(g.find("entropy").unwrap_err().contains("not in the glossary"));
        let page = g.anchor_rows(EN);
        assert!(
            page.contains("| <span id=\"term-parity\">parity (奇偶性)</span> | whether")
        );
        assert!(page.starts_with("| term | what it means"));
    }

    #[test]
    fn a_term_becomes_a_link_relative_to_the_page() {
        let g = Glossary::parse(EN);
        let out = expand(
            "Its {{#term parity}}, or {{#term 奇偶性|奇偶}}.",
            Path::new("useful/x.md"),
            &g,
        )
        .unwrap();
        assert_eq!(
            out,
            "Its <a class=\"term\" href=\"../glossary.html#term-parity\" title=\"whether the number of ones is odd\">parity</a>, \
             or <a class=\"term\" href=\"../glossary.html#term-parity\" title=\"whether the number of ones is odd\">奇偶</a>."
        );
        assert!(expand("{{#term nothing}}", Path::new("a.md"), &g).is_err());
    }

    /// Both glossaries give their rows the same anchors, so a term links to
    /// the same row in either language.
    #[test]
    fn the_books_two_glossaries_have_the_same_anchors() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
        let ids = |lang: &str| -> BTreeSet<String> {
            let text =
                std::fs::read_to_string(root.join(lang).join("glossary.md")).unwrap();
            let page = Glossary::parse(&text).anchor_rows(&text);
            page.match_indices("<span id=\"")
                .map(|(i, _)| page[i + 10..].split('"').next().unwrap().to_string())
                .collect()
        };
        let (en, zh) = (ids("en"), ids("zh"));
        assert!(en.len() > 90, "{}", en.len());
        assert_eq!(en.difference(&zh).collect::<Vec<_>>(), Vec::<&String>::new());
        assert_eq!(zh.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new());
    }
}
