//! Chinese paragraphs without stray spaces.
//!
//! Markdown turns a line break inside a paragraph into a space, which is right
//! between English words and wrong between two Chinese characters ("后， 神经").
//! Chapters are written with short lines, so the preprocessor joins such lines
//! before mdBook renders them. Fenced code, tables and HTML are left alone.

/// True for characters that are written without spaces between them:
/// CJK ideographs, kana, full-width forms and CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation (、。「」《》)
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms (，：；！？（）)
        | 0x2018..=0x201D    // curly quotes, used as Chinese quotes
        | 0x2014 | 0x2026    // dash and ellipsis
        | 0x20000..=0x2FFFF) // extensions B and later
}

/// Inline markup around the first or last character of a line (`**强调**`,
/// `[链接](…)`, `` `代码` ``) does not change what sits at the break.
const MARKS: [char; 4] = ['*', '_', '[', '`'];

/// Inline HTML tags that Chinese pages use for emphasis (`**…**` next to
/// full-width punctuation is not emphasis in CommonMark); a line may start
/// or end with them and still be running text, not an HTML block.
const INLINE_TAGS: [&str; 6] = ["<strong>", "</strong>", "<em>", "</em>", "<b>", "</b>"];

fn without_leading_tags(mut text: &str) -> &str {
    while let Some(tag) = INLINE_TAGS.iter().find(|t| text.starts_with(**t)) {
        text = &text[tag.len()..];
    }
    text
}

fn without_trailing_tags(mut text: &str) -> &str {
    while let Some(tag) = INLINE_TAGS.iter().find(|t| text.ends_with(**t)) {
        text = &text[..text.len() - tag.len()];
    }
    text
}

fn starts_cjk(text: &str) -> bool {
    without_leading_tags(text.trim_start_matches(MARKS))
        .trim_start_matches(MARKS)
        .chars()
        .next()
        .is_some_and(is_cjk)
}

fn ends_cjk(text: &str) -> bool {
    without_trailing_tags(text.trim_end_matches(['*', '_', '`']))
        .trim_end_matches(['*', '_', '`'])
        .chars()
        .last()
        .is_some_and(is_cjk)
}

/// A line that may be an HTML block (left alone): it starts with a tag
/// other than the inline ones.
fn html_block(start: &str) -> bool {
    start.starts_with('<') && without_leading_tags(start).len() == start.len()
}

fn fence(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["```", "~~~"].into_iter().find(|f| t.starts_with(f))
}

/// Joins a line to the previous one when that ends and this begins with a
/// Chinese character (so no space appears between them), outside code fences.
pub fn join_cjk_lines(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut in_fence: Option<&str> = None;
    let mut open_end = false; // `out` ends in a line that may continue
    for line in content.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let start = body.trim_start_matches([' ', '\t']);
        if let Some(f) = fence(line) {
            match in_fence {
                None => in_fence = Some(f),
                Some(open) if open == f => in_fence = None,
                Some(_) => {}
            }
            out.push_str(line);
            open_end = false;
            continue;
        }
        if in_fence.is_some() {
            out.push_str(line);
            continue;
        }
        if open_end && starts_cjk(start) {
            out.truncate(out.trim_end_matches(['\n', '\r']).len());
            out.push_str(start);
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
        open_end = line.ends_with('\n')
            && !start.starts_with(['|', '#'])
            && !html_block(start)
            && ends_cjk(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_chinese_lines_of_a_paragraph() {
        let md = "三十多年后，\n神经网络\n又回来了。\n\nNext para\nin English.\n";
        assert_eq!(
            join_cjk_lines(md),
            "三十多年后，神经网络又回来了。\n\nNext para\nin English.\n"
        );
    }

    #[test]
    fn keeps_breaks_next_to_latin_text_and_in_code() {
        let md = "用 LeNet\n识别数字，\nLeNet 很小。\n```\n中文\n注释\n```\n";
        assert_eq!(
            join_cjk_lines(md),
            "用 LeNet\n识别数字，\nLeNet 很小。\n```\n中文\n注释\n```\n"
        );
    }

    #[test]
    fn list_continuations_lose_their_indent_and_headings_stay() {
        let md = "- 第一项\n  接着写。\n# 标题\n正文\n| 表 | 格 |\n| 行 | 二 |\n";
        assert_eq!(
            join_cjk_lines(md),
            "- 第一项接着写。\n# 标题\n正文\n| 表 | 格 |\n| 行 | 二 |\n"
        );
    }

    #[test]
    fn emphasis_at_the_break_still_joins_but_a_star_list_does_not() {
        let md = "核心是一个\n**互动演示**\n来讲。\n* 列表\n";
        assert_eq!(join_cjk_lines(md), "核心是一个**互动演示**来讲。\n* 列表\n");
    }

    #[test]
    fn inline_strong_tags_at_the_break_join_but_html_blocks_do_not() {
        let md = "看什么？）、\n<strong>键</strong>（key）\n<strong>因果</strong>掩码：它被训练来\n预测后文。\n<div>\n块\n</div>\n";
        assert_eq!(
            join_cjk_lines(md),
            "看什么？）、<strong>键</strong>（key）<strong>因果</strong>掩码：它被训练来预测后文。\n<div>\n块\n</div>\n"
        );
    }

    #[test]
    fn blank_line_and_list_items_are_not_joined() {
        let md = "段落。\n\n- 项\n- 项\n";
        assert_eq!(join_cjk_lines(md), md);
    }
}
