//! The path inside the bucket: validated, normalised to end with one `/`, and safe inside an IAM policy.

use super::bucket::{at_the_ends, ticked};
use std::fmt;

/// Longest prefix accepted, in bytes of UTF-8 including the final `/`.
///
/// AWS: "The object key name is a sequence of Unicode characters with UTF-8 encoding of up to 1,024 bytes long"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html>). UpdraftPlus appends file names such
/// as `backup_2024-01-31-0300_My_Site_0123456789ab-uploads2.zip`, so 124 bytes are left for them.
pub const MAX_PREFIX_BYTES: usize = 900;

/// A path inside the bucket, like the `path` in the plugin's "S3 location" `bucket/path`.
///
/// INVARIANT: either empty (the whole bucket) or non-empty segments joined by `/` with exactly one trailing `/`;
/// no leading `/`, no `.` or `..` segment, no IAM wildcard (`*`, `?`) or policy variable (`$`), and only
/// characters an IAM policy may contain (U+0020 to U+00FF; AWS: "Policy documents can contain only the
/// following Unicode characters: horizontal tab (U+0009), linefeed (U+000A), carriage return (U+000D), and
/// characters in the range U+0020 to U+00FF", <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
///
/// ```
/// use s3_policy_playground::policy::prefix::Prefix;
/// assert_eq!(Prefix::parse("backups/site1").unwrap().as_str(), "backups/site1/");
/// assert_eq!(Prefix::parse("backups/site1//").unwrap().as_str(), "backups/site1/");
/// assert_eq!(Prefix::parse("").unwrap().as_str(), "");
/// assert!(Prefix::parse("/backups").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Prefix(String);

impl Prefix {
    /// Validates and normalises a raw prefix, reporting every problem (lowercase messages that say what to do).
    ///
    /// Trailing slashes are dropped and one is added back, as UpdraftPlus does with the path in its
    /// "S3 location" (it strips trailing slashes and lists and uploads under `path/`).
    ///
    /// ```
    /// use s3_policy_playground::policy::prefix::Prefix;
    /// let errors = Prefix::parse("a/../b*").unwrap_err();
    /// assert_eq!(errors.len(), 2);
    /// ```
    pub fn parse(raw: &str) -> Result<Prefix, Vec<String>> {
        let trimmed = raw.trim_end_matches('/');
        if trimmed.is_empty() && !raw.is_empty() && raw.chars().all(|c| c == '/') {
            return Err(vec![format!(
                "`{raw}` is only slashes: leave the path empty to use the whole bucket"
            )]);
        }
        if trimmed.is_empty() {
            return Ok(Prefix::default());
        }
        let mut errors = Vec::new();
        if trimmed.starts_with('/') {
            errors.push(format!("`{raw}` starts with `/`: remove it, paths inside a bucket start with a folder name"));
        }
        let inner = trimmed.trim_start_matches('/');
        if inner.split('/').any(str::is_empty) {
            errors.push(format!("`{raw}` has `//`: remove the extra `/`"));
        }
        if inner.split('/').any(|s| s == "..") {
            errors.push(format!(
                "`{raw}` has a `..` folder: S3 does not resolve `..`, name the folder directly"
            ));
        }
        if inner.split('/').any(|s| s == ".") {
            errors.push(format!("`{raw}` has a `.` folder: remove it"));
        }
        // S3 keeps a space as part of a folder's name, so `backups ` is another folder than
        // `backups`: almost always a slip of the keyboard, and a policy for the wrong folder.
        // (Tab and line breaks are reported with the control characters below.)
        let spacing = |c: &char| c.is_whitespace() && !c.is_control();
        for folder in inner.split('/') {
            let first = folder.chars().next().filter(spacing);
            let last = folder.chars().next_back().filter(spacing);
            let shown = |c: char| (ticked(&[c]), false);
            let Some((ends, it)) = at_the_ends(first.map(shown), last.map(shown)) else {
                continue;
            };
            let which = if folder == inner {
                format!("`{raw}`")
            } else {
                format!("the folder `{folder}` in `{raw}`")
            };
            errors.push(format!(
                "{which} {ends}: remove {it} (S3 would keep it as part of the folder's name)"
            ));
        }
        let wild: Vec<String> = ['*', '?', '$']
            .iter()
            .filter(|c| raw.contains(**c))
            .map(|c| format!("`{c}`"))
            .collect();
        if !wild.is_empty() {
            errors.push(format!(
                "`{raw}` has {}: IAM reads `*` and `?` as wildcards and `$` as a policy variable, use letters, digits, `-`, `_` or `.` instead",
                wild.join(" and ")
            ));
        }
        let code = |c: &char| format!("U+{:04X}", u32::from(*c));
        // AWS: "Policy documents can contain only the following Unicode characters: horizontal tab
        // (U+0009), linefeed (U+000A), carriage return (U+000D), and characters in the range U+0020
        // to U+00FF" (reference_iam-quotas.html).
        // Tab, line feed and carriage return fit in a policy; as control characters in a
        // folder name they are reported below with the others.
        let outside: Vec<String> = raw
            .chars()
            .filter(|c| *c > '\u{ff}')
            .map(|c| code(&c))
            .collect();
        if !outside.is_empty() {
            errors.push(format!(
                "`{raw}` has characters an IAM policy cannot hold ({}): use ASCII letters, digits, `-`, `_` or `.`",
                outside.join(", ")
            ));
        }
        let control: Vec<String> = raw
            .chars()
            .filter(|c| c.is_control())
            .map(|c| code(&c))
            .collect();
        if !control.is_empty() {
            errors.push(format!(
                "`{raw}` has control characters ({}): use ASCII letters, digits, `-`, `_` or `.`",
                control.join(", ")
            ));
        }
        if trimmed.len() + 1 > MAX_PREFIX_BYTES {
            errors.push(format!(
                "the path is {} bytes long: shorten it to at most {MAX_PREFIX_BYTES} bytes so backup file names still fit in an S3 key",
                trimmed.len() + 1
            ));
        }
        if errors.is_empty() {
            Ok(Prefix(format!("{trimmed}/")))
        } else {
            Err(errors)
        }
    }

    /// The normalised prefix: empty, or ending with exactly one `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the prefix is empty (the whole bucket).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a failing test may panic")]
mod tests {
    use super::*;

    #[test]
    fn normalises_trailing_slashes() {
        assert_eq!(Prefix::parse("a").unwrap().as_str(), "a/");
        assert_eq!(Prefix::parse("a/b/").unwrap().as_str(), "a/b/");
        assert_eq!(Prefix::parse("a/b///").unwrap().as_str(), "a/b/");
    }

    #[test]
    fn rejects_what_would_widen_the_grant() {
        assert!(Prefix::parse("a*").is_err());
        assert!(Prefix::parse("a?").is_err());
        assert!(Prefix::parse("${aws:username}").is_err());
        assert!(Prefix::parse("a/../b").is_err());
        assert!(Prefix::parse("/a").is_err());
        assert!(Prefix::parse("//").is_err());
        assert!(Prefix::parse("a//b").is_err());
        assert!(Prefix::parse("caf\u{e9}").is_ok());
        assert!(Prefix::parse("\u{20ac}").is_err());
        assert!(Prefix::parse("a\nb").is_err());
        assert!(Prefix::parse(&"a".repeat(MAX_PREFIX_BYTES)).is_err());
        assert!(Prefix::parse(&"a".repeat(MAX_PREFIX_BYTES - 1)).is_ok());
    }

    #[test]
    fn a_space_at_either_end_is_a_typo_to_remove() {
        for (raw, says) in [
            ("backups ", "`backups ` ends with a space: remove it"),
            (" backups/", "` backups/` starts with a space: remove it"),
            (
                " backups ",
                "starts with a space and ends with a space: remove them",
            ),
            (
                "backups /site1",
                "the folder `backups ` in `backups /site1` ends with a space",
            ),
            ("backups\u{a0}", "ends with U+00A0: remove it"),
        ] {
            let errors = Prefix::parse(raw).unwrap_err();
            assert!(
                errors.iter().any(|e| e.contains(says)),
                "{raw:?}: {errors:?}"
            );
        }
        assert!(Prefix::parse("site 1/backups").is_ok());
    }

    #[test]
    fn tab_and_line_breaks_are_control_characters_not_beyond_iam() {
        // AWS lets a policy hold a tab, a line feed and a carriage return; a folder name should not.
        let errors = Prefix::parse("a\tb\nc").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors
                .iter()
                .all(|e| e.contains("control characters (U+0009, U+000A)")),
            "{errors:?}"
        );
    }

    #[test]
    fn control_characters_are_not_blamed_on_iam() {
        // U+0085 is inside IAM's range (U+0020 to U+00FF) but a control character; U+20AC is not.
        let errors = Prefix::parse("a\u{85}b\u{20ac}").unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.contains("has characters an IAM policy cannot hold (U+20AC)")));
        assert!(errors
            .iter()
            .any(|e| e.contains("has control characters (U+0085)")));
    }
}
