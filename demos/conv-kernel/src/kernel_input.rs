//! Reading the reader's kernel cells: text in, a safe number out.

/// Largest magnitude a kernel weight may have; bigger values are clamped so
/// the colour scale and the arithmetic stay readable.
pub const LIMIT: f32 = 100.0;

/// What was wrong with a typed cell, for the panel's message.
#[derive(Clone, Debug, PartialEq)]
pub enum CellIssue {
    /// Not a finite number (text, `NaN`, `inf`): the cell counts as 0.
    NotANumber(String),
    /// A number beyond ±[`LIMIT`]: the cell counts as the limit.
    Clamped(String),
}

/// Parses one cell. Accepts `-1`, `0.25`, `.5`, `1e-2`, `−1` (the typographic
/// minus), `0,5` (decimal comma) and fractions like `1/16`. Empty means 0.
pub fn parse_cell(text: &str) -> (f32, Option<CellIssue>) {
    let cleaned: String = text.trim().replace('−', "-").replace(',', ".");
    if cleaned.is_empty() {
        return (0.0, None);
    }
    let value = match cleaned.split_once('/') {
        Some((num, den)) => {
            match (num.trim().parse::<f32>(), den.trim().parse::<f32>()) {
                (Ok(n), Ok(d)) if d != 0.0 => Some(n / d),
                _ => None,
            }
        }
        None => cleaned.parse::<f32>().ok(),
    };
    match value {
        Some(v) if v.is_finite() && v.abs() <= LIMIT => (v, None),
        Some(v) if v.is_finite() => {
            (LIMIT.copysign(v), Some(CellIssue::Clamped(text.trim().into())))
        }
        _ => (0.0, Some(CellIssue::NotANumber(text.trim().into()))),
    }
}

/// How a weight is written back into its cell: short, exact for presets.
pub fn show_weight(w: f32) -> String {
    if w == w.trunc() { format!("{w:.0}") } else { format!("{w}") }
}

/// Two decimals, never "-0.00".
pub fn show2(v: f32) -> String {
    let s = format!("{v:.2}");
    if s == "-0.00" { "0.00".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_numbers() {
        assert_eq!(parse_cell("-1"), (-1.0, None));
        assert_eq!(parse_cell(" 0.25 "), (0.25, None));
        assert_eq!(parse_cell(".5"), (0.5, None));
        assert_eq!(parse_cell("−2"), (-2.0, None));
        assert_eq!(parse_cell("0,5"), (0.5, None));
        assert_eq!(parse_cell("1/16"), (0.0625, None));
        assert_eq!(parse_cell(""), (0.0, None));
    }

    #[test]
    fn bad_cells_become_zero_with_a_reason() {
        for text in ["abc", "NaN", "inf", "-inf", "1/0", "1/x", "--1"] {
            let (v, issue) = parse_cell(text);
            assert_eq!(v, 0.0, "{text}");
            assert!(matches!(issue, Some(CellIssue::NotANumber(_))), "{text}");
        }
    }

    #[test]
    fn huge_cells_are_clamped() {
        assert_eq!(parse_cell("1e30"), (100.0, Some(CellIssue::Clamped("1e30".into()))));
        assert_eq!(parse_cell("-1e30").0, -100.0);
        assert_eq!(parse_cell("100"), (100.0, None));
    }

    #[test]
    fn display_forms() {
        assert_eq!(show_weight(-1.0), "-1");
        assert_eq!(show_weight(0.0625), "0.0625");
        assert_eq!(show2(-0.001), "0.00");
        assert_eq!(show2(1.005), "1.00");
        assert_eq!(show2(-3.256), "-3.26");
    }
}
