//! The FAQ presets generate exactly the FAQ's policies: the same statements, actions and resources.
//!
//! Cosmetic differences are allowed: key order, and the FAQ's empty `"Condition": {}`.
#![cfg(not(target_arch = "wasm32"))]

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
fn hardened_has_the_faq_secure_policy_and_more_around_it() {
    // Hardened keeps the ACL actions (UpdraftPlus uploads with the `private` ACL), so its IAM policy is the FAQ's
    // secure one; what it adds lives outside the policy: longer lifecycle windows and a TLS-only bucket policy.
    assert_eq!(
        normalise(&generated(Preset::Hardened)),
        normalise(&seed("seed-policy-no-delete.json"))
    );
    let hardened = derive(&Options::from_preset(Preset::Hardened, "mybucket"))
        .outputs
        .unwrap();
    let secure = derive(&Options::from_preset(Preset::FaqSecure, "mybucket"))
        .outputs
        .unwrap();
    assert_ne!(hardened.lifecycle_json, secure.lifecycle_json);
    assert!(hardened.bucket_policy_json.is_some());
    assert!(secure.bucket_policy_json.is_none());
}

#[test]
fn new_options_default_to_the_faq_policies() {
    // Object Lock, KMS, partition, Region, TLS-only and delete-marker removal are off by default, so the FAQ presets
    // still produce the FAQ's policies exactly (the tests above) and nothing else changes for them.
    for preset in [Preset::FaqStandard, Preset::FaqSecure] {
        let o = Options::from_preset(preset, "mybucket");
        assert_eq!(o.object_lock, None);
        assert!(!o.put_retention && !o.tls_only && !o.remove_expired_delete_markers);
        assert!(o.kms_key_arn.is_empty() && o.region.is_empty());
        let outputs = derive(&o).outputs.unwrap();
        assert!(outputs.bucket_policy_json.is_none());
    }
}
