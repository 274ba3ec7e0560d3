//! Numbers in numeric conditions, compared exactly as decimals.
//!
//! `NumericLessThan` and the others compare "an integer or decimal value" (AWS's condition
//! operator reference). Comparing the decimal digits themselves is exact where `f64` is not (it
//! rounds `9007199254740993` to `9007199254740992`), and it spares the page's wasm the float
//! parser and its 10 KB table of powers of five.

use std::cmp::Ordering;

/// A finite decimal: `0.d₁d₂… × 10^exponent`, with no leading or trailing zero digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    /// The significant digits, as ASCII; empty for zero.
    digits: Vec<u8>,
    exponent: i64,
}

/// The most significant exponent digits read; beyond this a number is refused rather than misread.
const MAX_EXPONENT_DIGITS: usize = 9;

impl Decimal {
    /// Reads `[+-]digits[.digits][(e|E)[+-]digits]` (a leading or trailing point allowed, as in
    /// `.5` and `5.`); anything else, including `inf`, `NaN` and hexadecimal, is no number.
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, Some(exponent)),
            None => (rest, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let exponent: i64 = match exponent {
            None => 0,
            Some(e) => {
                let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
                if unsigned.is_empty() || !all_digits(unsigned) {
                    return None;
                }
                if unsigned.trim_start_matches('0').len() > MAX_EXPONENT_DIGITS {
                    return None;
                }
                e.parse().ok()?
            }
        };
        // The digits of whole and fraction as one run; the point sits after `whole.len()` of them.
        let run = || whole.bytes().chain(fraction.bytes());
        let leading = run().take_while(|&b| b == b'0').count();
        let significant: Vec<u8> = run().skip(leading).collect();
        let trailing = significant.iter().rev().take_while(|&&b| b == b'0').count();
        let mut digits = significant;
        digits.truncate(digits.len() - trailing);
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits,
                exponent: 0,
            });
        }
        let point = i64::try_from(whole.len()).ok()? - i64::try_from(leading).ok()?;
        Some(Decimal {
            negative,
            digits,
            exponent: point + exponent,
        })
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let sign = |d: &Decimal| match (d.is_zero(), d.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal if sign(self) == 0 => Ordering::Equal,
            Ordering::Equal => {
                // Same sign, both non-zero: the larger exponent is the larger magnitude, then the
                // digits decide (a run that is a prefix of the other is the smaller).
                let magnitude = self
                    .exponent
                    .cmp(&other.exponent)
                    .then_with(|| self.digits.cmp(&other.digits));
                if self.negative {
                    magnitude.reverse()
                } else {
                    magnitude
                }
            }
            unequal => unequal,
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;
    use std::cmp::Ordering::{self, Equal, Greater, Less};

    /// `None` when either does not parse, which every caller asserts against.
    fn cmp(a: &str, b: &str) -> Option<Ordering> {
        Some(Decimal::parse(a)?.cmp(&Decimal::parse(b)?))
    }

    #[test]
    fn compares_like_the_numbers_they_write() {
        for (a, b, want) in [
            ("10", "10", Equal),
            ("10", "10.0", Equal),
            ("010", "10", Equal),
            ("1e3", "1000", Equal),
            ("1.5E+2", "150", Equal),
            ("15e-1", "1.5", Equal),
            (".5", "0.5", Equal),
            ("5.", "5", Equal),
            ("-0", "0", Equal),
            ("+0.000", "-0e7", Equal),
            ("9", "10", Less),
            ("0.1", "0.09", Greater),
            ("-1", "0", Less),
            ("-2", "-10", Greater),
            ("-0.5", "-0.25", Less),
            ("1", "1.0000000000000000000001", Less),
            // f64 rounds both to 2^53; the digits do not.
            ("9007199254740993", "9007199254740992", Greater),
            ("1e999999999", "1e999999998", Greater),
            ("1e-999999999", "0", Greater),
            ("1e0000000001", "10", Equal),
        ] {
            assert_eq!(cmp(a, b), Some(want), "{a} vs {b}");
            assert_eq!(cmp(b, a), Some(want.reverse()), "{b} vs {a}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for text in [
            "",
            "-",
            "+",
            ".",
            "-.",
            "1e",
            "1e+",
            "e5",
            "1.2.3",
            "1,5",
            "0x10",
            "1_000",
            "inf",
            "-infinity",
            "NaN",
            " 1",
            "1 ",
            "١",
            "1e1234567890",
            "--1",
        ] {
            assert_eq!(Decimal::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn agrees_with_f64_where_f64_is_exact() {
        // Integers below 2^53 and halves are exact in f64: both orders must agree on them all.
        let values: Vec<String> = (-40..=40)
            .map(|n: i64| (n * 1_000_003).to_string())
            .chain((-20..=20).map(|n: i64| format!("{}.5", n)))
            .chain(["0.25", "-0.75", "1e2", "2.5e1", "-3E0"].map(String::from))
            .collect();
        for a in &values {
            for b in &values {
                let (x, y) = (a.parse::<f64>(), b.parse::<f64>());
                assert!(x.is_ok() && y.is_ok(), "{a} and {b} are numbers to f64 too");
                let f64_order = x.ok().zip(y.ok()).and_then(|(x, y)| x.partial_cmp(&y));
                assert_eq!(cmp(a, b), f64_order, "{a} vs {b}");
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::Decimal;
    use proptest::prelude::*;

    /// `n` written as an integer, with a point and `shift` zeros, with a negative exponent, and
    /// as `0.digits` times a power of ten.
    fn spellings(n: i64, shift: u32) -> Vec<String> {
        let sign = if n < 0 { "-" } else { "" };
        let digits = n.unsigned_abs().to_string();
        let zeros = "0".repeat(shift as usize);
        let scaled = i128::from(n) * 10i128.pow(shift);
        vec![
            n.to_string(),
            format!("{n}.{zeros}"),
            format!("{scaled}e-{shift}"),
            format!("{sign}0.{digits}E+{}", digits.len()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn any_text_is_a_number_or_refused_never_a_panic(text in "\\PC{0,24}|[-+0-9.eE]{0,24}") {
            let _ = Decimal::parse(&text);
        }

        #[test]
        fn orders_integers_as_i64_does_however_they_are_written(
            a in any::<i64>(), b in any::<i64>(), shift_a in 0u32..12, shift_b in 0u32..12,
        ) {
            for x in spellings(a, shift_a) {
                for y in spellings(b, shift_b) {
                    let order = Decimal::parse(&x).zip(Decimal::parse(&y)).map(|(x, y)| x.cmp(&y));
                    prop_assert_eq!(order, Some(a.cmp(&b)), "{} vs {}", x, y);
                }
            }
        }
    }
}
