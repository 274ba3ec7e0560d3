//! The evaluator's S3 action table (`src/policy/eval/s3_actions.rs`) equals AWS's list in `tests/data/aws/s3-actions.json`.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::actions;
use s3_policy_playground::policy::eval::s3_actions::{s3_action, S3_ACTIONS, S3_RESOURCE_TYPES};
use serde_json::Value;

fn aws() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/aws/s3-actions.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn table_equals_the_json() {
    let aws = aws();
    let json_actions = aws["actions"].as_object().unwrap();
    assert_eq!(
        S3_ACTIONS.len(),
        json_actions.len(),
        "regenerate with tests/data/eval/gen_s3_actions.py"
    );
    for (info, (name, entry)) in S3_ACTIONS.iter().zip(json_actions) {
        assert_eq!(info.name, name);
        assert_eq!(
            info.access_level.as_str(),
            entry["access_level"].as_str().unwrap(),
            "{name}"
        );
        let types: Vec<&str> = entry["resource_types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(info.resource_types, types.as_slice(), "{name}");
    }
    let json_types = aws["resource_types"].as_object().unwrap();
    assert_eq!(S3_RESOURCE_TYPES.len(), json_types.len());
    for ((name, arn), (json_name, json_arn)) in S3_RESOURCE_TYPES.iter().zip(json_types) {
        assert_eq!(
            (*name, *arn),
            (json_name.as_str(), json_arn.as_str().unwrap())
        );
    }
}

#[test]
fn every_action_the_core_emits_is_in_the_table_with_its_resource_type() {
    for a in actions::ALL {
        let info = s3_action(a.name).unwrap_or_else(|| panic!("{} is not in AWS's list", a.name));
        let id = a.resource.id();
        if id.is_empty() {
            assert!(info.resource_types.is_empty(), "{}", a.name);
        } else {
            assert!(info.resource_types.contains(&id), "{} on {id}", a.name);
        }
    }
}
