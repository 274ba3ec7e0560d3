//! IAM user and policy names: the characters and lengths IAM accepts.
//!
//! AWS: "Names of users, groups, roles, policies, instance profiles, server certificates, and paths must be
//! alphanumeric, including the following common characters: plus (+), equal (=), comma (,), period (.),
//! at (@), underscore (_), and hyphen (-)"; user names are at most 64 characters and policy names at most 128
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).

/// Which IAM name is being checked: decides the length limit and the words of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// An IAM user name (at most 64 characters).
    User,
    /// A customer managed policy name (at most 128 characters).
    Policy,
}

impl NameKind {
    /// The longest name IAM accepts.
    ///
    /// ```
    /// use s3_policy_playground::policy::names::NameKind;
    /// assert_eq!(NameKind::User.max_len(), 64);
    /// assert_eq!(NameKind::Policy.max_len(), 128);
    /// ```
    pub fn max_len(self) -> usize {
        match self {
            NameKind::User => 64,
            NameKind::Policy => 128,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            NameKind::User => "IAM user name",
            NameKind::Policy => "policy name",
        }
    }

    fn a_noun(self) -> &'static str {
        match self {
            NameKind::User => "an IAM user name",
            NameKind::Policy => "a policy name",
        }
    }
}

/// Checks an IAM user or policy name, returning every problem as a message that says what to do.
///
/// ```
/// use s3_policy_playground::policy::names::{check, NameKind};
/// assert!(check("updraftplus", NameKind::User).is_ok());
/// assert_eq!(
///     check("my user", NameKind::User).unwrap_err(),
///     vec!["`my user` has a space: an IAM user name uses only ASCII letters (A to Z, a to z), digits and `+=,.@_-`".to_owned()]
/// );
/// ```
pub fn check(raw: &str, kind: NameKind) -> Result<(), Vec<String>> {
    let noun = kind.noun();
    if raw.is_empty() {
        return Err(vec![format!("type {}", kind.a_noun())]);
    }
    let mut errors = Vec::new();
    let mut bad: Vec<char> = Vec::new();
    for c in raw.chars() {
        let ok = c.is_ascii_alphanumeric() || "+=,.@_-".contains(c);
        if !ok && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        errors.push(format!(
            "`{raw}` has {}: {} uses only ASCII letters (A to Z, a to z), digits and `+=,.@_-`",
            super::bucket::ticked(&bad),
            kind.a_noun()
        ));
    }
    let len = raw.chars().count();
    if len > kind.max_len() {
        errors.push(format!(
            "`{raw}` is {len} characters long: shorten the {noun} to at most {}",
            kind.max_len()
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a failing test may panic")]
mod tests {
    use super::*;

    #[test]
    fn accepts_iam_characters() {
        assert!(check("a+b=c,d.e@f_g-h", NameKind::User).is_ok());
        assert!(check(&"a".repeat(64), NameKind::User).is_ok());
        assert!(check(&"a".repeat(65), NameKind::User).is_err());
        assert!(check(&"a".repeat(128), NameKind::Policy).is_ok());
        assert!(check(&"a".repeat(129), NameKind::Policy).is_err());
    }

    #[test]
    fn messages() {
        assert_eq!(
            check("", NameKind::Policy).unwrap_err(),
            vec!["type a policy name".to_owned()]
        );
        assert_eq!(
            check("a/b", NameKind::Policy).unwrap_err(),
            vec!["`a/b` has `/`: a policy name uses only ASCII letters (A to Z, a to z), digits and `+=,.@_-`".to_owned()]
        );
        // AWS's pattern is `[\w+=,.@-]+`, ASCII only; a space is named, not shown as "` `".
        assert_eq!(
            check("café user", NameKind::User).unwrap_err(),
            vec!["`café user` has `é`, a space: an IAM user name uses only ASCII letters (A to Z, a to z), digits and `+=,.@_-`".to_owned()]
        );
    }
}
