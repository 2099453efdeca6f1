//! Theme colours, read from mdBook's CSS variables at draw time so a theme
//! switch needs only a redraw.

use wasm_bindgen::JsCast;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgba(...)`, as browsers
    /// report computed colours; `None` for anything else.
    pub fn parse(css: &str) -> Option<Rgb> {
        let s = css.trim();
        if let Some(hex) = s.strip_prefix('#') {
            let v = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
            return match hex.len() {
                3 => Some(Rgb(v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
                6 | 8 => Some(Rgb(v(0, 2)?, v(2, 2)?, v(4, 2)?)),
                _ => None,
            };
        }
        let inner = s
            .strip_prefix("rgba(")
            .or_else(|| s.strip_prefix("rgb("))?
            .strip_suffix(')')?;
        let mut it = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
        let mut c =
            || it.next()?.trim().parse::<f32>().ok().map(|x| x.clamp(0.0, 255.0) as u8);
        Some(Rgb(c()?, c()?, c()?))
    }

    /// Linear blend: `t = 0` gives `self`, `t = 1` gives `other`.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
        let m = |a: u8, b: u8| {
            (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8
        };
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// Relative luminance in [0, 1], to tell dark themes from light ones.
    pub fn luminance(self) -> f32 {
        (0.2126 * f32::from(self.0)
            + 0.7152 * f32::from(self.1)
            + 0.0722 * f32::from(self.2))
            / 255.0
    }

    /// CSS text for canvas fill styles.
    pub fn css(self) -> String {
        format!("rgb({},{},{})", self.0, self.1, self.2)
    }
}

/// The few colours a demo draws with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub bg: Rgb,
    pub fg: Rgb,
    pub accent: Rgb,
    /// Colour of positive values in diverging maps.
    pub positive: Rgb,
    /// Colour of negative values in diverging maps.
    pub negative: Rgb,
}

impl Theme {
    /// Builds a theme from the CSS values of `--bg`, `--fg` and `--links`,
    /// falling back to mdBook's light theme for any it cannot read.
    pub fn from_css(bg: &str, fg: &str, links: &str) -> Theme {
        let bg = Rgb::parse(bg).unwrap_or(Rgb(255, 255, 255));
        let fg = Rgb::parse(fg).unwrap_or(Rgb(0, 0, 0));
        let accent = Rgb::parse(links).unwrap_or(Rgb(32, 96, 200));
        let dark = bg.luminance() < 0.5;
        let (positive, negative) = if dark {
            (Rgb(255, 170, 60), Rgb(90, 170, 255))
        } else {
            (Rgb(200, 70, 0), Rgb(20, 90, 200))
        };
        Theme { bg, fg, accent, positive, negative }
    }

    /// Reads the current page's theme. mdBook writes its colours in several
    /// CSS syntaxes (hex, `hsl()`, names), so each variable is resolved by the
    /// browser on a hidden probe element and read back as `rgb()`.
    pub fn current() -> Theme {
        let resolved = (|| -> Option<[String; 3]> {
            let window = web_sys::window()?;
            let doc = window.document()?;
            let body = doc.body()?;
            let probe = doc
                .create_element("span")
                .ok()?
                .dyn_into::<web_sys::HtmlElement>()
                .ok()?;
            probe.style().set_property("display", "none").ok()?;
            body.append_child(&probe).ok()?;
            let read = |var: &str| -> String {
                let _ = probe.style().set_property("color", &format!("var({var})"));
                window
                    .get_computed_style(&probe)
                    .ok()
                    .flatten()
                    .and_then(|st| st.get_property_value("color").ok())
                    .unwrap_or_default()
            };
            let out = [read("--bg"), read("--fg"), read("--links")];
            probe.remove();
            Some(out)
        })();
        let [bg, fg, links] = resolved.unwrap_or_default();
        Theme::from_css(&bg, &fg, &links)
    }

    /// Colour for `v` in a diverging map scaled so `±limit` is full colour.
    pub fn diverging(&self, v: f32, limit: f32) -> Rgb {
        if !v.is_finite() || limit <= 0.0 || !limit.is_finite() {
            return self.bg;
        }
        let t = (v / limit).clamp(-1.0, 1.0);
        if t >= 0.0 {
            self.bg.mix(self.positive, t)
        } else {
            self.bg.mix(self.negative, -t)
        }
    }

    /// Colour for an intensity in [0, 1]: paper to ink.
    pub fn ink(&self, v: f32) -> Rgb {
        self.bg.mix(self.fg, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_browser_colours() {
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse(" #1f1f1f"), Some(Rgb(31, 31, 31)));
        assert_eq!(Rgb::parse("rgb(20, 30, 40)"), Some(Rgb(20, 30, 40)));
        assert_eq!(Rgb::parse("rgba(20, 30, 40, 0.5)"), Some(Rgb(20, 30, 40)));
        assert_eq!(Rgb::parse("hsl(0 0% 0%)"), None);
        assert_eq!(Rgb::parse("#12"), None);
    }

    #[test]
    fn diverging_map_is_bg_at_zero_and_safe_on_nan() {
        let t = Theme::from_css("#ffffff", "#000000", "#2060c8");
        assert_eq!(t.diverging(0.0, 1.0), t.bg);
        assert_eq!(t.diverging(5.0, 1.0), t.positive);
        assert_eq!(t.diverging(-5.0, 1.0), t.negative);
        assert_eq!(t.diverging(f32::NAN, 1.0), t.bg);
        assert_eq!(t.diverging(1.0, 0.0), t.bg);
        assert_eq!(t.ink(1.0), t.fg);
    }

    #[test]
    fn dark_theme_gets_bright_value_colours() {
        let dark = Theme::from_css("#161923", "#bcbdd0", "#2b79a2");
        assert!(dark.positive.luminance() > 0.5);
        let light = Theme::from_css("", "", "");
        assert_eq!(light.bg, Rgb(255, 255, 255));
    }
}
