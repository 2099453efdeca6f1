//! How to spend a compute budget: training a model of N parameters on D
//! tokens costs about C = 6·N·D floating-point operations (2 per parameter
//! per token forward, 4 backward), and a fitted loss L(N, D) says which
//! split of C between size and data predicts the lowest loss.

/// Training operations for `n` parameters and `d` tokens.
pub fn flops(n: f64, d: f64) -> f64 {
    6.0 * n * d
}

// ANCHOR: chinchilla
/// Chinchilla's parametric fit (Hoffmann et al. 2022, their approach 3):
/// L(N, D) = E + A/N^α + B/D^β, in nats per token of their text. E is what
/// no model can remove (the text's own entropy); the other two terms are
/// what a finite model and a finite dataset leave on the table.
pub const CHINCHILLA_FIT: Parametric =
    Parametric { e: 1.69, a: 406.4, b: 410.7, alpha: 0.34, beta: 0.28 };
// ANCHOR_END: chinchilla

/// Tokens per parameter of the rule most people quote from the paper
/// (its approaches 1 and 2: N and D both grow as C^0.5).
pub const TOKENS_PER_PARAM: f64 = 20.0;

/// L(N, D) = E + A/N^α + B/D^β.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parametric {
    pub e: f64,
    pub a: f64,
    pub b: f64,
    pub alpha: f64,
    pub beta: f64,
}

/// A split of a budget into parameters and tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Split {
    pub params: f64,
    pub tokens: f64,
}

impl Split {
    pub fn tokens_per_param(&self) -> f64 {
        self.tokens / self.params
    }

    pub fn flops(&self) -> f64 {
        flops(self.params, self.tokens)
    }
}

impl Parametric {
    pub fn loss(&self, n: f64, d: f64) -> f64 {
        self.e + self.a / n.powf(self.alpha) + self.b / d.powf(self.beta)
    }

    /// The loss of `n` parameters trained on what is left of `c` for tokens.
    pub fn loss_at_budget(&self, c: f64, n: f64) -> f64 {
        self.loss(n, c / (6.0 * n))
    }

    // ANCHOR: optimum
    /// The split of `c` that minimises the fitted loss. Setting the
    /// derivative along D = C/(6N) to zero gives
    /// N = G·(C/6)^(β/(α+β)) with G = (αA/(βB))^(1/(α+β)).
    pub fn optimum(&self, c: f64) -> Split {
        let (a, b) = (self.alpha, self.beta);
        let g = ((a * self.a) / (b * self.b)).powf(1.0 / (a + b));
        let params = g * (c / 6.0).powf(b / (a + b));
        Split { params, tokens: c / (6.0 * params) }
    }
    // ANCHOR_END: optimum
}

/// The 20-tokens-per-parameter split of `c`: 6·N·20N = C.
pub fn rule_of_twenty(c: f64) -> Split {
    let params = (c / (6.0 * TOKENS_PER_PARAM)).sqrt();
    Split { params, tokens: TOKENS_PER_PARAM * params }
}

/// A published model: its size and training tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Known {
    pub name: &'static str,
    pub year: u32,
    pub split: Split,
}

/// GPT-3 (Brown et al. 2020), Gopher (Rae et al. 2021) and Chinchilla.
pub const KNOWN: [Known; 3] = [
    Known { name: "GPT-3", year: 2020, split: Split { params: 175e9, tokens: 300e9 } },
    Known { name: "Gopher", year: 2021, split: Split { params: 280e9, tokens: 300e9 } },
    Known {
        name: "Chinchilla",
        year: 2022,
        split: Split { params: 70e9, tokens: 1.4e12 },
    },
];

/// Budgets the calculator accepts, in FLOPs: from the smallest model of the
/// page's sweep to far beyond any run published.
pub const BUDGETS: std::ops::RangeInclusive<f64> = 1e9..=1e28;

/// Why a budget typed by the reader cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BadBudget {
    NotANumber,
    NotPositive,
    TooSmall,
    TooLarge,
}

/// Reads a budget such as `5.76e23`, `5.76×10^23` or `576000000000000000000000`.
pub fn parse_budget(text: &str) -> Result<f64, BadBudget> {
    let cleaned: String = text
        .trim()
        .replace(['×', '*', 'x', 'X'], "e")
        .replace("e10^", "e")
        .replace("e10**", "e")
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    let value: f64 = cleaned.parse().map_err(|_| BadBudget::NotANumber)?;
    if !value.is_finite() {
        return Err(BadBudget::NotANumber);
    }
    if value <= 0.0 {
        return Err(BadBudget::NotPositive);
    }
    if value < *BUDGETS.start() {
        return Err(BadBudget::TooSmall);
    }
    if value > *BUDGETS.end() {
        return Err(BadBudget::TooLarge);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_models_cost_what_their_papers_say() {
        // GPT-3's paper gives 3.14e23 FLOPs for the 175 B model.
        let gpt3 = KNOWN[0].split.flops();
        assert!((gpt3 / 3.14e23 - 1.0).abs() < 0.01, "{gpt3:e}");
        let (gopher, chinchilla) = (KNOWN[1].split.flops(), KNOWN[2].split.flops());
        assert!((chinchilla / gopher - 1.0).abs() < 0.2, "about the same budget");
        assert_eq!(KNOWN[2].split.tokens_per_param(), 20.0);
    }

    #[test]
    fn the_optimum_is_the_lowest_loss_on_its_budget() {
        let fit = CHINCHILLA_FIT;
        for c in [1e18, 5.76e23, 1e26] {
            let best = fit.optimum(c);
            assert!((best.flops() / c - 1.0).abs() < 1e-9);
            let at = fit.loss_at_budget(c, best.params);
            for f in [0.5, 0.8, 0.95, 1.05, 1.25, 2.0] {
                assert!(fit.loss_at_budget(c, best.params * f) > at, "{c:e} × {f}");
            }
        }
    }

    #[test]
    fn the_fit_puts_gophers_optimum_far_above_twenty_tokens_per_parameter() {
        // At Gopher's budget: about 30 B parameters on 2.8 T tokens (~90 per
        // parameter), where the rule of twenty says ~65 B on ~1.3 T.
        let c = KNOWN[1].split.flops();
        let fit = CHINCHILLA_FIT.optimum(c);
        assert!((25e9..35e9).contains(&fit.params), "{:e}", fit.params);
        assert!(
            (80.0..100.0).contains(&fit.tokens_per_param()),
            "{}",
            fit.tokens_per_param()
        );
        let rule = rule_of_twenty(c);
        assert!((60e9..70e9).contains(&rule.params), "{:e}", rule.params);
        assert!((rule.tokens_per_param() - 20.0).abs() < 1e-9);
        // Chinchilla itself scores lower than Gopher by the fit.
        let loss = |k: &Known| CHINCHILLA_FIT.loss(k.split.params, k.split.tokens);
        assert!(loss(&KNOWN[2]) < loss(&KNOWN[1]));
    }

    #[test]
    fn budgets_are_read_or_refused_with_a_reason() {
        assert_eq!(parse_budget("5.76e23"), Ok(5.76e23));
        assert_eq!(parse_budget(" 5.76×10^23 "), Ok(5.76e23));
        assert_eq!(parse_budget("1,000,000,000,000,000"), Ok(1e15));
        assert_eq!(parse_budget("1e9"), Ok(1e9));
        assert_eq!(parse_budget("abc"), Err(BadBudget::NotANumber));
        assert_eq!(parse_budget(""), Err(BadBudget::NotANumber));
        assert_eq!(parse_budget("inf"), Err(BadBudget::NotANumber));
        assert_eq!(parse_budget("0"), Err(BadBudget::NotPositive));
        assert_eq!(parse_budget("-3e20"), Err(BadBudget::NotPositive));
        assert_eq!(parse_budget("1e8"), Err(BadBudget::TooSmall));
        assert_eq!(parse_budget("1e30"), Err(BadBudget::TooLarge));
    }
}
