//! Golden files for every output of every preset: `tests/golden/<case>/{policy.json,steps.txt,lifecycle.json,
//! warnings.txt,bucket-policy.json,cli.sh,main.tf,cloudformation.yaml}`, and one case with every hardening option on.
//!
//! A mismatch prints a line diff. `UPDATE_GOLDEN=1 cargo test --test policy_golden` rewrites the files;
//! review the diff (`git diff tests/golden`) as a user would read it, never bless blindly.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;
#[path = "support/golden.rs"]
mod golden;

use cases::all_hardening;
use golden::golden;
use s3_policy_playground::policy::{derive, ObjectLockMode, Options, Partition, Preset};

fn check_case(case: &str, options: &Options) -> Vec<String> {
    let derived = derive(options);
    assert!(
        derived.problems.is_empty(),
        "{case}: {:?}",
        derived.problems
    );
    let outputs = derived.outputs.unwrap();
    let lifecycle = match &outputs.lifecycle_json {
        Some(json) => format!("{json}\n"),
        None => "null\n".to_owned(),
    };
    let bucket_policy = match &outputs.bucket_policy_json {
        Some(json) => format!("{json}\n"),
        None => "null\n".to_owned(),
    };
    [
        golden(case, "policy.json", &format!("{}\n", outputs.policy_json)),
        golden(case, "steps.txt", &outputs.steps_text()),
        golden(case, "lifecycle.json", &lifecycle),
        golden(case, "warnings.txt", &outputs.warnings_text()),
        golden(case, "bucket-policy.json", &bucket_policy),
        golden(case, "cli.sh", &outputs.cli_script),
        golden(case, "main.tf", &outputs.terraform),
        golden(case, "cloudformation.yaml", &outputs.cloudformation),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect()
}

#[test]
fn every_preset() {
    let mut failures = Vec::new();
    for preset in Preset::ALL {
        failures.extend(check_case(
            preset.id(),
            &Options::from_preset(preset, "mybucket"),
        ));
        let with_prefix = Options::from_preset(preset, "mybucket/backups/site1");
        failures.extend(check_case(&format!("{}-prefix", preset.id()), &with_prefix));
    }
    // The tool creates the bucket: different steps and warnings.
    let created = Options {
        create_bucket: true,
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    };
    failures.extend(check_case("faq-secure-create-bucket", &created));
    // A name of the account regional namespace: each output creates the bucket there.
    failures.extend(check_case("account-regional", &cases::account_regional()));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_hardening_options() {
    let mut failures = check_case("all-hardening", &all_hardening());
    // Governance mode in GovCloud, with the tool creating the bucket: the other branch of each export.
    let governance = Options {
        object_lock: Some(ObjectLockMode::Governance),
        put_retention: false,
        partition: Partition::AwsUsGov,
        region: "us-gov-east-1".into(),
        kms_key_arn: String::new(),
        create_bucket: true,
        ..all_hardening()
    };
    failures.extend(check_case("governance-gov-create-bucket", &governance));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
