//! The FAQ presets generate exactly the FAQ's policies: the same statements, actions and resources.
//!
//! Cosmetic differences are allowed: key order, and the FAQ's empty `"Condition": {}`.

use std::collections::BTreeSet;

use s3_policy_playground::policy::{derive, Options, Preset};
use serde_json::Value;

/// A statement reduced to what IAM evaluates: effect, sorted actions, resources, and a non-empty condition.
fn normalise(policy: &Value) -> BTreeSet<String> {
    assert_eq!(policy["Version"], "2012-10-17");
    policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut actions: Vec<String> = match &s["Action"] {
                Value::String(a) => vec![a.clone()],
                Value::Array(list) => list
                    .iter()
                    .map(|a| a.as_str().unwrap().to_owned())
                    .collect(),
                other => panic!("unexpected Action {other}"),
            };
            actions.sort();
            let condition = match s.get("Condition") {
                None => Value::Null,
                Some(Value::Object(map)) if map.is_empty() => Value::Null,
                Some(c) => c.clone(),
            };
            format!(
                "{} {:?} {} {}",
                s["Effect"], actions, s["Resource"], condition
            )
        })
        .collect()
}

fn seed(name: &str) -> Value {
    let path = format!(
        "{}/tests/data/updraftplus/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn generated(preset: Preset) -> Value {
    let outputs = derive(&Options::from_preset(preset, "mybucket"))
        .outputs
        .unwrap();
    serde_json::from_str(&outputs.policy_json).unwrap()
}

#[test]
fn faq_standard_is_the_faq_policy() {
    assert_eq!(
        normalise(&generated(Preset::FaqStandard)),
        normalise(&seed("seed-policy-standard.json"))
    );
}

#[test]
fn faq_secure_is_the_faq_policy_without_delete() {
    assert_eq!(
        normalise(&generated(Preset::FaqSecure)),
        normalise(&seed("seed-policy-no-delete.json"))
    );
}

#[test]
fn faq_secure_adds_versioning_and_a_lifecycle_rule() {
    let options = Options::from_preset(Preset::FaqSecure, "mybucket");
    assert!(options.versioning && !options.allow_delete);
    let outputs = derive(&options).outputs.unwrap();
    assert!(outputs.lifecycle_json.is_some());
}

#[test]
fn the_two_seeds_differ_by_the_two_delete_lines() {
    // The FAQ: "Set up a policy for that IAM user, as above, but without the two delete permissions".
    let standard = seed("seed-policy-standard.json").to_string();
    let no_delete = seed("seed-policy-no-delete.json").to_string();
    assert_eq!(
        standard.replace("\"s3:DeleteObject\",\"s3:DeleteObjectVersion\",", ""),
        no_delete
    );
}

#[test]
fn hardened_is_faq_secure_without_acl_actions() {
    let secure = normalise(&generated(Preset::FaqSecure));
    let hardened = normalise(&generated(Preset::Hardened));
    assert_ne!(secure, hardened);
    let text = derive(&Options::from_preset(Preset::Hardened, "mybucket"))
        .outputs
        .unwrap()
        .policy_json;
    assert!(!text.contains("Acl"));
    let secure_text = derive(&Options::from_preset(Preset::FaqSecure, "mybucket"))
        .outputs
        .unwrap()
        .policy_json;
    let without_acl: Vec<&str> = secure_text
        .lines()
        .filter(|l| !l.contains("Acl\""))
        .collect();
    let hardened_lines: Vec<&str> = text.lines().collect();
    // Same lines once the ACL actions are gone (trailing commas aside).
    let strip = |l: &&str| l.trim_end_matches(',').to_owned();
    assert_eq!(
        without_acl.iter().map(strip).collect::<Vec<_>>(),
        hardened_lines.iter().map(strip).collect::<Vec<_>>()
    );
}
