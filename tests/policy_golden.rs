//! Golden files for every output of every preset: `tests/golden/<case>/{policy.json,steps.txt,lifecycle.json,
//! warnings.txt,bucket-policy.json,cli.sh,main.tf,cloudformation.yaml}`, and one case with every hardening option on.
//!
//! A mismatch prints a line diff. `UPDATE_GOLDEN=1 cargo test --test policy_golden` rewrites the files;
//! review the diff (`git diff tests/golden`) as a user would read it, never bless blindly.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use s3_policy_playground::policy::{derive, ObjectLockMode, Options, Partition, Preset};

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
fn golden(case: &str, file: &str, actual: &str) -> Result<(), String> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", case, file]
        .iter()
        .collect();
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    })?;
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} differs (UPDATE_GOLDEN=1 rewrites it):\n{}",
        path.display(),
        diff(&expected, actual)
    ))
}

/// A small line diff: `-` expected, `+` actual, around the first difference.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let mut out = String::new();
    for line in e.iter().skip(first).take(8) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in a.iter().skip(first).take(8) {
        out.push_str(&format!("+ {line}\n"));
    }
    format!("first difference at line {}:\n{out}", first + 1)
}

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
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every hardening option on, whatever the preset: Object Lock in compliance mode with the retention action, SSE-KMS,
/// the China partition with a Region, TLS only, and a lifecycle rule that removes expired delete markers.
pub fn all_hardening() -> Options {
    Options {
        object_lock: Some(ObjectLockMode::Compliance),
        retention_days: Some(60),
        put_retention: true,
        kms_key_arn:
            "arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                .into(),
        partition: Partition::AwsCn,
        region: "cn-northwest-1".into(),
        tls_only: true,
        remove_expired_delete_markers: true,
        expiration_days: None,
        ..Options::from_preset(Preset::Hardened, "mybucket/backups/site1")
    }
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
