//! Bucket names: every rule of AWS's general purpose bucket naming page, each broken rule with its own message.
//!
//! AWS: <https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html>.

use std::fmt;

/// One rule of AWS's general purpose bucket naming page.
///
/// ```
/// use s3_policy_playground::policy::bucket::BucketRule;
/// assert_eq!(BucketRule::AdjacentPeriods.id(), "adjacent-periods");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketRule {
    /// "Bucket names must be between 3 (min) and 63 (max) characters long."
    Length,
    /// "Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-)."
    Characters,
    /// "Bucket names must begin and end with a letter or number."
    StartEnd,
    /// "Bucket names must not contain two adjacent periods."
    AdjacentPeriods,
    /// "Bucket names must not be formatted as an IP address (for example, 192.168.5.4)."
    IpAddress,
    /// "Bucket names must not start with the prefix xn--."
    PrefixXn,
    /// "Bucket names must not start with the prefix sthree-." (which also covers `sthree-configurator`)
    PrefixSthree,
    /// "Bucket names must not start with the prefix amzn-s3-demo-."
    PrefixAmznS3Demo,
    /// "Bucket names must not end with the suffix -s3alias." (access point aliases)
    SuffixS3alias,
    /// "Bucket names must not end with the suffix --ol-s3." (Object Lambda Access Point aliases)
    SuffixOlS3,
    /// "Bucket names must not end with the suffix .mrap." (Multi-Region Access Points)
    SuffixMrap,
    /// "Bucket names must not end with the suffix --x-s3." (directory buckets)
    SuffixXS3,
    /// "Bucket names must not end with the suffix --table-s3." (S3 Tables buckets)
    SuffixTableS3,
    /// Only buckets in an account regional namespace end with `-an`, after the account ID and Region:
    /// `bucket-name-prefix-accountId-region-an`
    /// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html>).
    SuffixAn,
}

/// Reserved prefixes, with the rule each breaks.
const RESERVED_PREFIXES: [(&str, BucketRule); 3] = [
    ("xn--", BucketRule::PrefixXn),
    ("sthree-", BucketRule::PrefixSthree),
    ("amzn-s3-demo-", BucketRule::PrefixAmznS3Demo),
];

/// Reserved suffixes, with the rule each breaks and what AWS reserves them for.
const RESERVED_SUFFIXES: [(&str, BucketRule, &str); 5] = [
    (
        "-s3alias",
        BucketRule::SuffixS3alias,
        "access point aliases",
    ),
    (
        "--ol-s3",
        BucketRule::SuffixOlS3,
        "Object Lambda Access Point aliases",
    ),
    (
        ".mrap",
        BucketRule::SuffixMrap,
        "Multi-Region Access Points",
    ),
    ("--x-s3", BucketRule::SuffixXS3, "directory buckets"),
    ("--table-s3", BucketRule::SuffixTableS3, "table buckets"),
];

impl BucketRule {
    /// Every rule, in the order AWS's page lists them.
    pub const ALL: [BucketRule; 14] = [
        BucketRule::Length,
        BucketRule::Characters,
        BucketRule::StartEnd,
        BucketRule::AdjacentPeriods,
        BucketRule::IpAddress,
        BucketRule::PrefixXn,
        BucketRule::PrefixSthree,
        BucketRule::PrefixAmznS3Demo,
        BucketRule::SuffixS3alias,
        BucketRule::SuffixOlS3,
        BucketRule::SuffixMrap,
        BucketRule::SuffixXS3,
        BucketRule::SuffixTableS3,
        BucketRule::SuffixAn,
    ];

    /// A stable id, used by the case table in `tests/data/bucket_names.toml`.
    ///
    /// ```
    /// use s3_policy_playground::policy::bucket::BucketRule;
    /// assert_eq!(BucketRule::SuffixMrap.id(), "suffix-mrap");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            BucketRule::Length => "length",
            BucketRule::Characters => "characters",
            BucketRule::StartEnd => "start-end",
            BucketRule::AdjacentPeriods => "adjacent-periods",
            BucketRule::IpAddress => "ip-address",
            BucketRule::PrefixXn => "prefix-xn",
            BucketRule::PrefixSthree => "prefix-sthree",
            BucketRule::PrefixAmznS3Demo => "prefix-amzn-s3-demo",
            BucketRule::SuffixS3alias => "suffix-s3alias",
            BucketRule::SuffixOlS3 => "suffix-ol-s3",
            BucketRule::SuffixMrap => "suffix-mrap",
            BucketRule::SuffixXS3 => "suffix-x-s3",
            BucketRule::SuffixTableS3 => "suffix-table-s3",
            BucketRule::SuffixAn => "suffix-an",
        }
    }
}

/// One broken rule and the message that says what to do about it.
///
/// ```
/// use s3_policy_playground::policy::bucket::{BucketName, BucketRule};
/// let broken = BucketName::parse("a..b").unwrap_err();
/// assert_eq!(broken[0].rule, BucketRule::AdjacentPeriods);
/// assert_eq!(broken[0].message, "`a..b` has two periods in a row: remove one of them");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRule {
    /// The rule.
    pub rule: BucketRule,
    /// Lowercase, no final full stop, the name in backticks, saying what to do.
    pub message: String,
}

/// A bucket name that follows every general purpose bucket naming rule.
///
/// INVARIANT: a `BucketName` exists only once [`BucketName::parse`] found no broken rule, so it is 3 to 63
/// characters of `a-z`, `0-9`, `.` and `-` and safe to put in an ARN unescaped.
///
/// ```
/// use s3_policy_playground::policy::bucket::BucketName;
/// assert_eq!(BucketName::parse("my-backups").unwrap().as_str(), "my-backups");
/// assert!(BucketName::parse("My_Backups").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BucketName(String);

impl BucketName {
    /// Checks `raw` against every rule on AWS's naming page and reports all broken rules, not just the first.
    ///
    /// AWS: "The following naming rules apply for general purpose buckets"
    /// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html>).
    ///
    /// ```
    /// use s3_policy_playground::policy::bucket::{BucketName, BucketRule};
    /// let rules: Vec<_> = BucketName::parse("-Xn").unwrap_err().into_iter().map(|b| b.rule).collect();
    /// assert_eq!(rules, vec![BucketRule::Characters, BucketRule::StartEnd]);
    /// ```
    pub fn parse(raw: &str) -> Result<BucketName, Vec<BrokenRule>> {
        let broken = broken_rules(raw);
        if broken.is_empty() {
            Ok(BucketName(raw.to_owned()))
        } else {
            Err(broken)
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the name has a period: allowed, but AWS advises against it (no Transfer Acceleration,
    /// and virtual-hosted-style HTTPS certificates do not match dotted names).
    pub fn has_period(&self) -> bool {
        self.0.contains('.')
    }
}

impl fmt::Display for BucketName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn broken_rules(name: &str) -> Vec<BrokenRule> {
    let mut out = Vec::new();
    let mut push = |rule: BucketRule, message: String| out.push(BrokenRule { rule, message });

    let len = name.chars().count();
    if !(3..=63).contains(&len) {
        let shorter_or_longer = if len < 3 {
            "use at least 3"
        } else {
            "shorten it to at most 63"
        };
        push(
            BucketRule::Length,
            format!("`{name}` is {len} {}: bucket names are 3 to 63 characters long, {shorter_or_longer}", plural(len, "character", "characters")),
        );
    }

    if let Some(list) = bad_characters(name) {
        push(
            BucketRule::Characters,
            format!("`{name}` has {list}: bucket names use only lowercase a-z, 0-9, `.` and `-`"),
        );
    }

    let first = name.chars().next();
    let last = name.chars().next_back();
    let bad_first = first.filter(|c| !c.is_ascii_alphanumeric());
    let bad_last = last.filter(|c| !c.is_ascii_alphanumeric());
    // A run of spaces at an end is named as one thing to remove.
    let (lead, trail) = space_runs(name);
    let end = |c: char, run: usize| {
        if c == ' ' && run > 1 {
            ("spaces".to_owned(), true)
        } else {
            (ticked(&[c]), false)
        }
    };
    let ends = if name.trim_matches(' ').is_empty() && !name.is_empty() {
        Some(("is only spaces".to_owned(), "them and type a name"))
    } else {
        at_the_ends(
            bad_first.map(|c| end(c, lead)),
            bad_last.map(|c| end(c, trail)),
        )
    };
    if let Some((ends, it)) = ends {
        push(
            BucketRule::StartEnd,
            format!("`{name}` {ends}: bucket names start and end with a letter or a number, so remove {it}"),
        );
    }

    if name.contains("..") {
        push(
            BucketRule::AdjacentPeriods,
            format!("`{name}` has two periods in a row: remove one of them"),
        );
    }

    if looks_like_ip_address(name) {
        push(
            BucketRule::IpAddress,
            format!(
                "`{name}` is formatted as an IP address: add a letter, or use `-` instead of `.`"
            ),
        );
    }

    for (prefix, rule) in RESERVED_PREFIXES {
        if name.starts_with(prefix) {
            push(
                rule,
                format!("`{name}` starts with `{prefix}`, which AWS reserves: choose a name that does not start with it"),
            );
        }
    }

    for (suffix, rule, reserved_for) in RESERVED_SUFFIXES {
        if name.ends_with(suffix) {
            push(
                rule,
                format!("`{name}` ends with `{suffix}`, which AWS reserves for {reserved_for}: choose another ending"),
            );
        }
    }

    if name.ends_with("-an") && account_regional(name).is_none() {
        let fix = near_account_regional(name).unwrap_or_else(|| "choose another ending".to_owned());
        push(
            BucketRule::SuffixAn,
            format!(
                "`{name}` ends with `-an`, which AWS reserves for buckets in an account regional namespace (`name-accountid-region-an`): {fix}"
            ),
        );
    }
    out
}

/// What to fix in a name that reaches for the account regional form and misses it: an account ID
/// of the wrong length, no name before it, or no Region code after it. `None` when the name does
/// not look like the form at all.
fn near_account_regional(name: &str) -> Option<String> {
    let parts: Vec<&str> = name.strip_suffix("-an")?.split('-').collect();
    let (i, digits) = parts
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| (9..=15).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))?;
    let tail = parts.get(i + 1..).unwrap_or_default();
    let region = tail.join("-");
    // Digits of another length are a mistyped account ID only before a Region-shaped ending
    // (`us-west-2`); otherwise they are some other number (a date), and the name is no attempt.
    if digits.len() != 12 && !region_shaped(tail) {
        return None;
    }
    Some(if digits.len() != 12 {
        format!(
            "`{digits}` has {} digits where an account ID has 12: type your account ID, or choose another ending",
            digits.len()
        )
    } else if i == 0 {
        "add a name before the account ID, or choose another ending".to_owned()
    } else if region.is_empty() {
        format!("add the bucket's Region after the account ID (`{digits}-us-west-2-an`), or choose another ending")
    } else {
        format!("`{region}` after the account ID is not a Region code such as `us-west-2`: type the bucket's Region, or choose another ending")
    })
}

/// The account ID and Region of a name in the account regional namespace form
/// `prefix-<12-digit account ID>-<region>-an`, for example `backups-111122223333-us-west-2-an`.
///
/// AWS: "Bucket names must follow the format bucket-name-prefix-accountId-region-an"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html>).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRegional {
    /// The 12-digit AWS account ID the namespace belongs to.
    pub account: String,
    /// The Region code the bucket is created in (`us-west-2`).
    pub region: String,
}

/// The account ID and Region `name` carries, when it has the account regional namespace form;
/// `None` for a name of the global namespace.
pub fn account_regional(name: &str) -> Option<AccountRegional> {
    let rest = name.strip_suffix("-an")?;
    let parts: Vec<&str> = rest.split('-').collect();
    // The account ID is the last 12-digit part: the prefix may hold other digits (a date).
    let account = parts
        .iter()
        .rposition(|p| p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit()))?;
    let region = parts.get(account + 1..).unwrap_or_default();
    (account > 0 && region_shaped(region)).then(|| AccountRegional {
        account: parts.get(account).copied().unwrap_or_default().to_owned(),
        region: region.join("-"),
    })
}

/// Whether `parts` (a name split at `-`) spell a Region code's shape: letters, letters…, a number
/// (`us-west-2`, `us-gov-west-1`).
fn region_shaped(parts: &[&str]) -> bool {
    let letters = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    parts.len() >= 3
        && parts.first().is_some_and(letters)
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts
            .iter()
            .skip(1)
            .take(parts.len().saturating_sub(2))
            .all(letters)
}

/// Describes the characters outside `a-z 0-9 . -`, or `None` when there are none.
fn bad_characters(name: &str) -> Option<String> {
    let mut upper: Vec<char> = Vec::new();
    let mut underscore = false;
    let mut space = false;
    let mut slash = false;
    let mut other: Vec<char> = Vec::new();
    // Spaces at either end are the start-and-end rule's, which says to remove them.
    let count = name.chars().count();
    let (lead, trail) = space_runs(name);
    for (i, c) in name.chars().enumerate() {
        match c {
            'a'..='z' | '0'..='9' | '.' | '-' => {}
            'A'..='Z' => push_unique(&mut upper, c),
            '_' => underscore = true,
            ' ' if i < lead || i >= count - trail => {}
            ' ' => space = true,
            '/' => slash = true,
            _ => push_unique(&mut other, c),
        }
    }
    let mut parts: Vec<String> = Vec::new();
    if !upper.is_empty() {
        let noun = plural(upper.len(), "an uppercase letter", "uppercase letters");
        parts.push(format!("{noun} ({}), use lowercase", ticked(&upper)));
    }
    if underscore {
        parts.push("an underscore, use `-` instead".to_owned());
    }
    if space {
        parts.push("a space, use `-` instead".to_owned());
    }
    if slash {
        parts.push("a `/`".to_owned());
    }
    if !other.is_empty() {
        let noun = plural(other.len(), "another character", "other characters");
        let fix = if other.len() == 1 {
            "remove it"
        } else {
            "remove them"
        };
        parts.push(format!("{noun} ({}), {fix}", ticked(&other)));
    }
    if parts.is_empty() {
        None
    } else {
        Some(join_and(&parts))
    }
}

/// How many spaces `text` starts and ends with (the same run twice when it is only spaces).
fn space_runs(text: &str) -> (usize, usize) {
    let run = |chars: &mut dyn Iterator<Item = char>| chars.take_while(|c| *c == ' ').count();
    (run(&mut text.chars()), run(&mut text.chars().rev()))
}

/// What a message says of what to remove at the ends of a text: "starts with X", "ends with Y"
/// or both, and the word for it. Each end gives its words and whether it is more than one
/// character. Bucket names and the folders of a path say it alike.
pub(crate) fn at_the_ends(
    first: Option<(String, bool)>,
    last: Option<(String, bool)>,
) -> Option<(String, &'static str)> {
    let it = |many: bool| if many { "them" } else { "it" };
    match (first, last) {
        (Some((a, _)), Some((b, _))) => {
            Some((format!("starts with {a} and ends with {b}"), "them"))
        }
        (Some((a, many)), None) => Some((format!("starts with {a}"), it(many))),
        (None, Some((b, many))) => Some((format!("ends with {b}"), it(many))),
        (None, None) => None,
    }
}

fn push_unique(list: &mut Vec<char>, c: char) {
    if !list.contains(&c) {
        list.push(c);
    }
}

/// Characters as a message lists them: each in backticks, a space as words, and a character
/// that shows as nothing or as a plain space (a control character, other white space, a
/// zero-width or direction mark) as `U+XXXX`.
pub(crate) fn ticked(chars: &[char]) -> String {
    let shown: Vec<String> = chars
        .iter()
        .map(|c| {
            if invisible(*c) {
                format!("U+{:04X}", u32::from(*c))
            } else if *c == ' ' {
                "a space".to_owned()
            } else {
                format!("`{c}`")
            }
        })
        .collect();
    shown.join(", ")
}

/// Whether `c` shows as nothing, or looks like a plain space, on the page.
fn invisible(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

fn join_and(parts: &[String]) -> String {
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}; and {last}", rest.join("; ")),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "Formatted as an IP address": four dot-separated groups of one to three digits, like `192.168.5.4`.
fn looks_like_ip_address(name: &str) -> bool {
    let groups: Vec<&str> = name.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Splits the plugin's "S3 location" (`bucket` or `bucket/path`) at the first `/`.
///
/// UpdraftPlus does the same: it strips trailing slashes, then takes everything before the first `/` as the
/// bucket and the rest as the path inside it.
///
/// ```
/// use s3_policy_playground::policy::bucket::split_location;
/// assert_eq!(split_location("mybucket/backups/site1"), ("mybucket", Some("backups/site1")));
/// assert_eq!(split_location("mybucket"), ("mybucket", None));
/// ```
pub fn split_location(raw: &str) -> (&str, Option<&str>) {
    match raw.split_once('/') {
        Some((bucket, path)) => (bucket, Some(path)),
        None => (raw, None),
    }
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failing test may panic"
)]
mod tests {
    use super::*;

    fn rules(name: &str) -> Vec<&'static str> {
        match BucketName::parse(name) {
            Ok(_) => Vec::new(),
            Err(broken) => broken.iter().map(|b| b.rule.id()).collect(),
        }
    }

    #[test]
    fn valid_names() {
        for name in [
            "abc",
            "my-backups",
            "backups.example.com",
            "a1-2.b3",
            "192.168.5.4a",
        ] {
            assert_eq!(rules(name), Vec::<&str>::new(), "{name}");
        }
        assert!(BucketName::parse(&"a".repeat(63)).is_ok());
    }

    #[test]
    fn reports_every_broken_rule() {
        assert_eq!(rules("My_Bucket"), vec!["characters"]);
        assert_eq!(rules("-a..b-"), vec!["start-end", "adjacent-periods"]);
        assert_eq!(rules("xn--a--x-s3"), vec!["prefix-xn", "suffix-x-s3"]);
        assert_eq!(rules(""), vec!["length"]);
    }

    #[test]
    fn style_guide_example() {
        let broken = BucketName::parse("My_Bucket").unwrap_err();
        assert_eq!(
            broken[0].message,
            "`My_Bucket` has uppercase letters (`M`, `B`), use lowercase; and an underscore, use `-` instead: \
             bucket names use only lowercase a-z, 0-9, `.` and `-`"
        );
    }

    #[test]
    fn messages_follow_the_style() {
        for name in [
            "",
            "A",
            "-x-",
            "a..b",
            "1.2.3.4",
            "xn--abc",
            "sthree-abc",
            "amzn-s3-demo-x",
            "a-s3alias",
            "a--ol-s3",
            "a.mrap",
            "a--x-s3",
            "a--table-s3",
            "ab\u{7}c",
            "ümlaut",
        ] {
            for b in BucketName::parse(name).unwrap_err() {
                assert!(!b.message.ends_with('.'), "{}", b.message);
                assert!(
                    b.message.chars().next().is_some_and(|c| !c.is_uppercase()),
                    "{}",
                    b.message
                );
                assert!(b.message.contains(&format!("`{name}`")), "{}", b.message);
            }
        }
    }

    #[test]
    fn account_regional_suffix() {
        let named = |name: &str| account_regional(name).map(|a| (a.account, a.region));
        assert_eq!(
            named("amzn-s3-demo-bucket-111122223333-us-west-2-an"),
            Some(("111122223333".to_owned(), "us-west-2".to_owned()))
        );
        assert_eq!(
            named("backups-111122223333-ap-southeast-1-an"),
            Some(("111122223333".to_owned(), "ap-southeast-1".to_owned()))
        );
        // The account ID is the last 12-digit part, after any digits the prefix holds.
        assert_eq!(
            named("logs-202601011200-111122223333-us-gov-west-1-an"),
            Some(("111122223333".to_owned(), "us-gov-west-1".to_owned()))
        );
        assert_eq!(named("backups-an"), None);
        assert_eq!(named("111122223333-us-west-2-an"), None);
        assert_eq!(named("backups-111122223333-an"), None);
        assert_eq!(named("backups-111122223333-us-west-2"), None);
        assert_eq!(rules("backups-an"), vec!["suffix-an"]);
        // A name that reaches for the form is told what it missed.
        let message = |name: &str| {
            BucketName::parse(name)
                .unwrap_err()
                .into_iter()
                .map(|b| b.message)
                .collect::<Vec<_>>()
                .join("\n")
        };
        for (name, says) in [
            ("backups-an", "choose another ending"),
            (
                "backups-11112222333-us-west-2-an",
                "`11112222333` has 11 digits where an account ID has 12",
            ),
            (
                "111122223333-us-west-2-an",
                "add a name before the account ID",
            ),
            (
                "backups-111122223333-an",
                "add the bucket's Region after the account ID",
            ),
            (
                "backups-111122223333-west-an",
                "`west` after the account ID is not a Region code",
            ),
            // Another number (a timestamp) is no mistyped account ID.
            (
                "db-1700000000-an",
                "(`name-accountid-region-an`): choose another ending",
            ),
            (
                "backups-111122223333-us-west-2-1234567890-an",
                "(`name-accountid-region-an`): choose another ending",
            ),
        ] {
            assert!(message(name).contains(says), "{name}: {}", message(name));
        }
        assert_eq!(
            rules("backups-111122223333-us-west-2-an"),
            Vec::<&str>::new()
        );
        assert_eq!(
            rules("logs-202601011200-111122223333-us-east-1-an"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn ip_address_needs_four_groups_of_digits() {
        assert!(looks_like_ip_address("192.168.5.4"));
        assert!(!looks_like_ip_address("192.168.5"));
        assert!(!looks_like_ip_address("192.168.5.4444"));
        assert!(!looks_like_ip_address("192.168.5.x"));
    }
}
