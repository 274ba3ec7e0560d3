//! Wildcard matching for actions, resource ARNs and `StringLike`/`ArnLike` values: `*` is any run of characters,
//! `?` is any one character.

/// A `*` that the policy variable `${*}` put in a pattern: a literal asterisk, not a wildcard.
///
/// AWS: "inserting an * asterisk in the string would be interpreted as a wildcard, matching any
/// characters, instead of as a literal *. In these cases, you can use the following predefined
/// policy variables: ${*} ... ${?} ... ${$}"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars>).
/// Private-use code points, which `condition::substitute` refuses in a policy's own text.
pub(crate) const LITERAL_STAR: char = '\u{F8FF}';
/// A `?` that the policy variable `${?}` put in a pattern: a literal question mark.
pub(crate) const LITERAL_QUESTION: char = '\u{F8FE}';

/// The text a pattern with [`LITERAL_STAR`] and [`LITERAL_QUESTION`] stands for.
pub(crate) fn unmark(pattern: &str) -> String {
    pattern
        .replace(LITERAL_STAR, "*")
        .replace(LITERAL_QUESTION, "?")
}

/// One piece of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A literal character.
    Char(char),
    /// `?`: one character (not a `:` when `colon_bound`).
    One { colon_ok: bool },
    /// `*`: any run of characters (no `:` unless `colon_ok`).
    Many { colon_ok: bool },
}

/// Matches `text` against `pattern` where `*` and `?` are wildcards; with `ignore_case`, letters compare without
/// case. `colon_bound` keeps wildcards inside one colon-separated ARN segment, except a `*` that ends a segment.
///
/// AWS (Resource): "You can use wildcard characters (* and ?) within the individual segments of an ARN ... If the *
/// wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html>).
fn matches(pattern: &str, text: &str, ignore_case: bool, colon_bound: bool) -> bool {
    // Fast paths for the two commonest shapes, exact in what they accept: a pattern without
    // wildcards, and a literal that ends in one `*` (`arn:aws:s3:::bucket/*`; a final `*` ends its
    // segment, so it may cross colons). Case folds as `char::to_lowercase` does; for ASCII text
    // that is `eq_ignore_ascii_case`, without building folded copies.
    let ascii = pattern.is_ascii() && text.is_ascii();
    // A byte scan: '*' and '?' are ASCII, never part of another character's UTF-8 bytes (and
    // a `contains` of a char array was a fifth of the threat table's time). 0xEF starts every
    // character from U+F000 to U+FFFF, the literal markers among them: those take the general match.
    let literal = |s: &str| !s.bytes().any(|b| matches!(b, b'*' | b'?' | 0xEF));
    if literal(pattern) {
        return if !ignore_case {
            pattern == text
        } else if ascii {
            pattern.eq_ignore_ascii_case(text)
        } else {
            pattern
                .chars()
                .flat_map(char::to_lowercase)
                .eq(text.chars().flat_map(char::to_lowercase))
        };
    }
    if let Some(prefix) = pattern.strip_suffix('*').filter(|p| literal(p)) {
        if !ignore_case || ascii {
            return text.as_bytes().get(..prefix.len()).is_some_and(|head| {
                if ignore_case {
                    head.eq_ignore_ascii_case(prefix.as_bytes())
                } else {
                    head == prefix.as_bytes()
                }
            });
        }
    }
    matches_any(pattern, text, ignore_case, colon_bound)
}

/// [`matches`] for any pattern: a row-by-row match of the pattern's tokens against the text.
fn matches_any(pattern: &str, text: &str, ignore_case: bool, colon_bound: bool) -> bool {
    let fold = |s: &str| -> Vec<char> {
        if ignore_case {
            s.chars().flat_map(char::to_lowercase).collect()
        } else {
            s.chars().collect()
        }
    };
    let chars = fold(pattern);
    let mut tokens = Vec::with_capacity(chars.len());
    let mut iter = chars.iter().peekable();
    while let Some(&c) = iter.next() {
        let next_ends_segment = matches!(iter.peek(), None | Some(':'));
        tokens.push(match c {
            '*' => Token::Many {
                colon_ok: !colon_bound || next_ends_segment,
            },
            '?' => Token::One {
                colon_ok: !colon_bound,
            },
            LITERAL_STAR => Token::Char('*'),
            LITERAL_QUESTION => Token::Char('?'),
            other => Token::Char(other),
        });
    }
    let text = fold(text);
    // INVARIANT: `row[j]` says whether the tokens seen so far match the first `j` characters of `text`.
    let mut row = vec![false; text.len() + 1];
    if let Some(first) = row.first_mut() {
        *first = true;
    }
    let mut next = vec![false; text.len() + 1];
    for token in tokens {
        // `next` holds an old row: every slot is written below but the first, which only `*` can match.
        if let Some(first) = next.first_mut() {
            *first = false;
        }
        match token {
            Token::Many { colon_ok } => {
                let mut run = false;
                for (j, slot) in next.iter_mut().enumerate() {
                    let absorbs = j
                        .checked_sub(1)
                        .and_then(|k| text.get(k))
                        .is_some_and(|&c| colon_ok || c != ':');
                    run = row.get(j).copied().unwrap_or(false) || (run && absorbs);
                    *slot = run;
                }
            }
            Token::One { colon_ok } => {
                for (j, slot) in next.iter_mut().enumerate().skip(1) {
                    let ok = text.get(j - 1).is_some_and(|&c| colon_ok || c != ':');
                    *slot = ok && row.get(j - 1).copied().unwrap_or(false);
                }
            }
            Token::Char(p) => {
                for (j, slot) in next.iter_mut().enumerate().skip(1) {
                    *slot = text.get(j - 1) == Some(&p) && row.get(j - 1).copied().unwrap_or(false);
                }
            }
        }
        std::mem::swap(&mut row, &mut next);
    }
    row.last().copied().unwrap_or(false)
}

/// Whether an action pattern such as `s3:Get*` covers an action; case does not matter.
///
/// AWS: "Action names are case-insensitive" and "you can use wildcards (* or ?) as part of the action name"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>).
///
/// ```
/// use s3_policy_playground::policy::eval::action_matches;
/// assert!(action_matches("S3:get*", "s3:GetObject"));
/// assert!(action_matches("s3:?etObject", "s3:GetObject"));
/// assert!(!action_matches("s3:Get", "s3:GetObject"));
/// ```
pub fn action_matches(pattern: &str, action: &str) -> bool {
    matches(pattern, action, true, false)
}

/// Whether a `Resource` pattern covers a resource ARN; case matters and wildcards stay inside an ARN segment
/// unless a `*` ends the segment. `"*"` covers everything, including the `"*"` of actions without a resource type.
///
/// AWS: see [`action_matches`] and <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html>.
///
/// ```
/// use s3_policy_playground::policy::eval::resource_matches;
/// assert!(resource_matches("arn:aws:s3:::mybucket/*", "arn:aws:s3:::mybucket/a/b:c"));
/// assert!(!resource_matches("arn:aws:s3:::mybucket/*", "arn:aws:s3:::mybucket"));
/// assert!(!resource_matches("arn:aws:s3:::MyBucket/*", "arn:aws:s3:::mybucket/x"));
/// assert!(resource_matches("*", "*"));
/// ```
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    pattern == "*" || matches(pattern, resource, false, true)
}

/// `StringLike`: the whole value against a pattern with `*` and `?`, case-sensitive.
///
/// AWS: "Case-sensitive matching. The values can include multi-character match wildcards (*) and single-character
/// match wildcards (?) anywhere in the string"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String>).
pub(crate) fn string_like(pattern: &str, value: &str) -> bool {
    matches(pattern, value, false, false)
}

/// `ArnLike`/`ArnEquals`: the six colon-delimited parts of the ARN are compared one by one, each with wildcards.
///
/// AWS: "Each of the six colon-delimited components of the ARN is checked separately and each can include
/// multi-character match wildcards (*) or single-character match wildcards (?)"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN>).
pub(crate) fn arn_like(pattern: &str, value: &str) -> bool {
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let v: Vec<&str> = value.splitn(6, ':').collect();
    p.len() == 6 && v.len() == 6 && p.iter().zip(&v).all(|(p, v)| matches(p, v, false, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(matches("", "", false, false));
        assert!(!matches("", "a", false, false));
        assert!(matches("*", "", false, false));
        assert!(matches("a*b?d", "axxxbcd", false, false));
        assert!(!matches("a*b?d", "axxxbd", false, false));
        assert!(matches("**?", "x", false, false));
    }

    #[test]
    fn fast_paths_fold_case_like_the_general_match() {
        assert!(matches("S3:GET*", "s3:GetObject", true, false));
        assert!(!matches("S3:GET*", "s3:Ge", true, false));
        assert!(matches(
            "arn:aws:s3:::b/*",
            "arn:aws:s3:::b/x:y",
            false,
            true
        ));
        assert!(!matches(
            "arn:aws:s3:::B/*",
            "arn:aws:s3:::b/x",
            false,
            true
        ));
        // Non-ASCII case folding goes the general way: `É` folds to `é`.
        assert!(matches("s3:É*", "s3:éx", true, false));
        assert!(matches("s3:É", "s3:é", true, false));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4_000))]
        /// The fast paths accept exactly what the general match accepts.
        #[test]
        fn fast_paths_agree_with_the_general_match(
            pattern in "[aAbB:/é*?]{0,8}",
            text in "[aAbB:/éÉ]{0,10}",
            ignore_case: bool,
            colon_bound: bool,
        ) {
            proptest::prop_assert_eq!(
                matches(&pattern, &text, ignore_case, colon_bound),
                matches_any(&pattern, &text, ignore_case, colon_bound),
                "{:?} against {:?}", pattern, text
            );
        }
    }

    #[test]
    fn resource_wildcards_stay_in_their_segment() {
        // A `*` that ends a segment may cross colons (AWS's Resource page).
        assert!(resource_matches(
            "arn:aws:s3:::*",
            "arn:aws:s3:::b/k:with:colons"
        ));
        assert!(resource_matches("arn:aws:*", "arn:aws:s3:::b"));
        // A `*` inside a segment may not.
        assert!(!resource_matches("arn:aws:s3:::b/*x", "arn:aws:s3:::b/a:x"));
        assert!(resource_matches("arn:aws:s3:::b/*x", "arn:aws:s3:::b/a/x"));
        assert!(!resource_matches("arn:aws:s3:::b?", "arn:aws:s3:::b:"));
        // The request resource `*` (no resource type) is matched only by `*`.
        assert!(!resource_matches("arn:aws:s3:::*", "*"));
    }

    #[test]
    fn arn_like_compares_segments() {
        assert!(arn_like(
            "arn:aws:iam::*:user/*",
            "arn:aws:iam::111122223333:user/alice"
        ));
        assert!(!arn_like(
            "arn:aws:iam::*",
            "arn:aws:iam::111122223333:user/alice"
        ));
        assert!(!arn_like("arn:aws:iam::*:user/*", "not-an-arn"));
    }
}
