//! Case tables for bucket names and prefixes (`tests/data/*.toml`), each case checked by one `check()`.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::bucket::{BucketName, BucketRule};
use s3_policy_playground::policy::prefix::Prefix;
use serde::Deserialize;

#[derive(Deserialize)]
struct BucketCases {
    case: Vec<BucketCase>,
}

#[derive(Deserialize)]
struct BucketCase {
    name: String,
    rules: Vec<String>,
}

#[derive(Deserialize)]
struct PrefixCases {
    case: Vec<PrefixCase>,
}

#[derive(Deserialize)]
struct PrefixCase {
    raw: String,
    normalised: Option<String>,
}

fn read(path: &str) -> String {
    let full = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

/// The rule ids `name` breaks, in AWS's order (empty when valid).
fn broken(name: &str) -> Vec<String> {
    match BucketName::parse(name) {
        Ok(valid) => {
            assert_eq!(valid.as_str(), name);
            Vec::new()
        }
        Err(rules) => rules.iter().map(|b| b.rule.id().to_owned()).collect(),
    }
}

fn check(case: &BucketCase) -> Result<(), String> {
    let got = broken(&case.name);
    if got == case.rules {
        Ok(())
    } else {
        Err(format!(
            "`{}`: expected {:?}, got {:?}",
            case.name, case.rules, got
        ))
    }
}

#[test]
fn bucket_names() {
    let cases: BucketCases = toml::from_str(&read("bucket_names.toml")).unwrap();
    let failures: Vec<String> = cases.case.iter().filter_map(|c| check(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_case_and_every_case_a_link() {
    let text = read("bucket_names.toml");
    let cases: BucketCases = toml::from_str(&text).unwrap();
    for rule in BucketRule::ALL {
        assert!(
            cases.case.iter().any(|c| c.rules == [rule.id()]),
            "no case breaks only `{}`",
            rule.id()
        );
    }
    assert!(
        cases.case.iter().any(|c| c.rules.is_empty()),
        "no valid case"
    );
    assert_eq!(
        text.matches("[[case]]").count(),
        text.matches("# See: https://").count()
    );
}

#[test]
fn prefixes() {
    let cases: PrefixCases = toml::from_str(&read("prefixes.toml")).unwrap();
    let text = read("prefixes.toml");
    assert_eq!(
        text.matches("[[case]]").count(),
        text.matches("# See: https://").count()
    );
    let mut failures = Vec::new();
    for case in &cases.case {
        let got = Prefix::parse(&case.raw).map(|p| p.as_str().to_owned()).ok();
        if got != case.normalised {
            failures.push(format!(
                "`{}`: expected {:?}, got {:?}",
                case.raw, case.normalised, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A bad name always gets a message that says what to do, not only which rule it breaks.
#[test]
fn every_bucket_message_says_what_to_do() {
    const VERBS: [&str; 8] = [
        "remove", "use ", "choose", "add ", "type ", "shorten", "lengthen", "replace",
    ];
    let cases: BucketCases = toml::from_str(&read("bucket_names.toml")).unwrap();
    let mut silent = Vec::new();
    for case in &cases.case {
        for broken in BucketName::parse(&case.name).err().unwrap_or_default() {
            let after_colon = broken.message.rsplit(": ").next().unwrap_or_default();
            if !VERBS.iter().any(|v| after_colon.contains(v)) {
                silent.push(broken.message);
            }
        }
    }
    assert!(silent.is_empty(), "{}", silent.join("\n"));
}

/// What a message shows of a character the eye cannot tell apart: a space at an end is named and
/// only removed (not "use `-`", which fits only a space inside), an invisible one is `U+XXXX`.
#[test]
fn messages_show_spaces_and_invisible_characters_plainly() {
    let messages = |name: &str| -> Vec<String> {
        BucketName::parse(name)
            .unwrap_err()
            .into_iter()
            .map(|b| b.message)
            .collect()
    };
    let end = messages(" my-bucket");
    assert_eq!(end.len(), 1, "{end:?}");
    assert!(
        end[0].contains("starts with a space") && end[0].ends_with("remove it"),
        "{end:?}"
    );
    // Two spaces at an end are one run to remove, not a space to turn into `-`.
    let two = messages("my-bucket  ");
    assert_eq!(two.len(), 1, "{two:?}");
    assert!(
        two[0].contains("ends with spaces") && two[0].ends_with("remove them"),
        "{two:?}"
    );
    let blank = messages("   ");
    assert!(blank.iter().all(|m| !m.contains("use `-`")), "{blank:?}");
    assert!(
        blank.iter().any(|m| m.contains("is only spaces")),
        "{blank:?}"
    );
    let inside = messages("my bucket");
    assert!(inside[0].contains("a space, use `-` instead"), "{inside:?}");
    for (name, code) in [("my\u{200B}bucket", "U+200B"), ("my\u{a0}bucket", "U+00A0")] {
        let shown = messages(name);
        assert!(shown[0].contains(code), "{name:?}: {shown:?}");
        assert!(!shown[0].contains("``"), "{name:?}: {shown:?}");
    }
}
