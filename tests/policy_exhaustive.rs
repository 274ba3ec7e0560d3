//! Every combination of options: derive never panics, and whenever it generates a policy, the policy parses
//! back, uses only tabled actions on their resource type, stays inside the bucket and prefix, is within IAM's
//! size limits, and keeps the security promises (no delete when delete is off, no ACL actions when off).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use s3_policy_playground::policy::actions::{self, ResourceType};
use s3_policy_playground::policy::{derive, Derived, Options, Preset};
use serde_json::Value;

const DAYS: [Option<u32>; 6] = [
    None,
    Some(0),
    Some(1),
    Some(30),
    Some(2_147_483_648),
    Some(u32::MAX),
];
const VERSIONS: [Option<u32>; 6] = [None, Some(0), Some(1), Some(100), Some(101), Some(u32::MAX)];
const LOCATIONS: [(&str, &str); 8] = [
    ("mybucket", ""),
    ("mybucket", "backups/site1"),
    ("mybucket/backups/site1/", ""),
    ("my.bucket.example", "a b/caf\u{e9}"),
    ("", ""),
    ("My_Bucket", "/x"),
    ("mybucket/x", "y"),
    ("abc", "p*"),
];

fn actions_of(statement: &Value) -> Vec<String> {
    match &statement["Action"] {
        Value::String(a) => vec![a.clone()],
        Value::Array(list) => list
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect(),
        other => panic!("unexpected Action {other}"),
    }
}

fn check(options: &Options, derived: &Derived) {
    assert_eq!(
        derived.problems.is_empty(),
        derived.outputs.is_some(),
        "{options:?}"
    );
    for p in &derived.problems {
        assert!(!p.message.ends_with('.'), "{}", p.message);
        assert!(
            !p.message.chars().next().unwrap().is_uppercase(),
            "{}",
            p.message
        );
    }
    let Some(outputs) = &derived.outputs else {
        return;
    };

    let policy: Value = serde_json::from_str(&outputs.policy_json).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&policy).unwrap(),
        outputs.policy_json,
        "pretty, 2 spaces, round-trips"
    );
    let minified = serde_json::to_string(&policy).unwrap();
    let counted = minified.chars().filter(|c| !c.is_whitespace()).count();
    assert_eq!(outputs.policy_size.minified_chars, counted);
    assert_eq!(outputs.policy_size.inline_limit, 2048);
    assert_eq!(outputs.policy_size.managed_limit, 6144);
    assert!(outputs.policy_size.fits_managed());

    let (bucket, path) = match options.bucket.split_once('/') {
        Some((b, p)) => (b.to_owned(), p.to_owned()),
        None => (options.bucket.clone(), options.prefix.clone()),
    };
    let prefix = if path.trim_end_matches('/').is_empty() {
        String::new()
    } else {
        format!("{}/", path.trim_end_matches('/'))
    };
    let bucket_arn = format!("arn:aws:s3:::{bucket}");
    let object_arn = format!("arn:aws:s3:::{bucket}/{prefix}*");

    let mut seen = HashSet::new();
    for statement in policy["Statement"].as_array().unwrap() {
        assert_eq!(statement["Effect"], "Allow");
        let resource = statement["Resource"].as_str().unwrap();
        for name in actions_of(statement) {
            let action = actions::action(&name)
                .unwrap_or_else(|| panic!("{name} is not in the action table"));
            let expected = match action.resource {
                ResourceType::Bucket => &bucket_arn,
                ResourceType::Object => &object_arn,
                ResourceType::All => "*",
            };
            assert_eq!(resource, expected, "{name} on the wrong resource");
            assert!(seen.insert(name.clone()), "{name} granted twice");
            if !options.allow_delete {
                assert!(!name.contains("Delete"), "{name} with delete off");
            }
            if !options.acl_actions {
                assert!(!name.contains("Acl"), "{name} with ACL actions off");
            }
            if !options.create_bucket {
                assert_ne!(name, "s3:CreateBucket");
            }
        }
        match statement.get("Condition") {
            None => {}
            Some(condition) => {
                assert_eq!(actions_of(statement), ["s3:ListBucket"]);
                assert!(!prefix.is_empty());
                assert_eq!(condition["StringLike"]["s3:prefix"], format!("{prefix}*"));
            }
        }
    }
    // The whole bucket can be listed only when there is no prefix.
    let unconditioned_list = policy["Statement"].as_array().unwrap().iter().any(|s| {
        actions_of(s).contains(&"s3:ListBucket".to_owned()) && s.get("Condition").is_none()
    });
    assert_eq!(unconditioned_list, prefix.is_empty());
    for required in [
        "s3:ListBucket",
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:PutObject",
        "s3:AbortMultipartUpload",
    ] {
        assert!(seen.contains(required), "{required} missing");
    }

    let any_rule = options.noncurrent_days.is_some()
        || options.expiration_days.is_some()
        || options.abort_multipart_days.is_some();
    assert_eq!(outputs.lifecycle_json.is_some(), any_rule);
    if let Some(lifecycle) = &outputs.lifecycle_json {
        let lifecycle: Value = serde_json::from_str(lifecycle).unwrap();
        let rule = &lifecycle["Rules"][0];
        assert_eq!(rule["Filter"]["Prefix"], prefix.as_str());
        assert_eq!(rule["Status"], "Enabled");
        let expiration = rule.get("Expiration");
        if let Some(e) = expiration {
            assert!(!(e.get("Days").is_some() && e.get("ExpiredObjectDeleteMarker").is_some()));
        }
    }

    let mut ids = HashSet::new();
    for w in &outputs.warnings {
        assert!(ids.insert(w.id), "warning {} twice", w.id);
        assert!(!w.why.ends_with('.'));
    }
    assert!(
        outputs
            .warnings
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity),
        "most severe first"
    );
    let step_ids: Vec<&str> = outputs.steps.iter().map(|s| s.id).collect();
    // The page keys steps and warnings by id, so a change moves items instead of rewriting them.
    assert_unique(&step_ids, options);
    assert_unique(
        &outputs.warnings.iter().map(|w| w.id).collect::<Vec<_>>(),
        options,
    );
    assert_eq!(step_ids.contains(&"lifecycle"), any_rule);
    assert_eq!(step_ids.contains(&"create-bucket"), !options.create_bucket);
    serde_json::to_string(&outputs.steps).unwrap();
    serde_json::to_string(&outputs.warnings).unwrap();
}

fn assert_unique(ids: &[&str], options: &Options) {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        ids.len(),
        "duplicate ids in {ids:?} for {options:?}"
    );
}

#[test]
fn every_combination() {
    let mut generated = 0;
    let mut total = 0;
    for (bucket, prefix) in LOCATIONS {
        for flags in 0u8..16 {
            for noncurrent in DAYS {
                for newer in VERSIONS {
                    for abort in DAYS {
                        for expiration in DAYS {
                            let options = Options {
                                bucket: bucket.into(),
                                prefix: prefix.into(),
                                versioning: flags & 1 != 0,
                                allow_delete: flags & 2 != 0,
                                acl_actions: flags & 4 != 0,
                                create_bucket: flags & 8 != 0,
                                noncurrent_days: noncurrent,
                                newer_noncurrent_versions: newer,
                                abort_multipart_days: abort,
                                expiration_days: expiration,
                                ..Options::from_preset(Preset::FaqSecure, "")
                            };
                            let derived = derive(&options);
                            check(&options, &derived);
                            total += 1;
                            generated += usize::from(derived.outputs.is_some());
                        }
                    }
                }
            }
        }
    }
    // Half the locations and half of each number's values are invalid, so a few thousand combinations generate.
    assert!(generated >= 4_000, "only {generated} of {total} generated");
}

#[test]
fn hostile_strings_never_panic() {
    let long = "x".repeat(10_000);
    let inputs = [
        "",
        "/",
        "//",
        "a/",
        "\u{0}",
        "\u{202e}abc",
        "😀😀😀",
        "..",
        "a\u{301}bc",
        long.as_str(),
        "${aws:username}",
        "\"quoted\"",
        "\\",
    ];
    for bucket in inputs {
        for prefix in inputs {
            for user in inputs {
                let options = Options {
                    bucket: bucket.into(),
                    prefix: prefix.into(),
                    user_name: user.into(),
                    policy_name: user.into(),
                    ..Options::default()
                };
                check(&options, &derive(&options));
            }
        }
    }
}

#[test]
fn the_longest_prefix_still_fits_a_managed_policy() {
    let options = Options {
        bucket: "a".repeat(63),
        prefix: "p".repeat(899),
        create_bucket: true,
        ..Options::from_preset(Preset::FaqStandard, "")
    };
    let outputs = derive(&options).outputs.unwrap();
    assert!(outputs.policy_size.fits_managed());
    assert!(!outputs.policy_size.fits_inline());
    assert!(outputs.warnings.iter().any(|w| w.id == "too-long-inline"));
    assert!(outputs
        .steps
        .iter()
        .any(|s| s.details.iter().any(|d| d.contains("over the 2,048"))));
}

/// Every combination of the hardening options: problems keep the message style, a policy appears exactly when there
/// is no problem, and the promises hold: never `s3:BypassGovernanceRetention`, `s3:PutObjectRetention` only when
/// asked for with Object Lock, the KMS statement exactly with a key, a bucket policy exactly with TLS-only, and every
/// ARN in the chosen partition.
#[test]
fn every_hardening_combination() {
    use s3_policy_playground::policy::{ObjectLockMode, Partition};
    let locks = [
        None,
        Some(ObjectLockMode::Governance),
        Some(ObjectLockMode::Compliance),
    ];
    let retention = [None, Some(0), Some(1), Some(36_500), Some(36_501)];
    let regions = [
        "",
        "eu-west-1",
        "cn-north-1",
        "us-gov-east-1",
        "EU",
        "nowhere-1",
    ];
    let mut generated = 0;
    for partition in Partition::ALL {
        let keys = [
            String::new(),
            format!(
                "arn:{}:kms:{}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                partition.id(),
                partition.default_region()
            ),
            "arn:aws:kms:eu-west-1:111122223333:alias/x".to_owned(),
        ];
        for lock in locks {
            for days in retention {
                for region in regions {
                    for key in &keys {
                        for flags in 0u8..32 {
                            let options = Options {
                                object_lock: lock,
                                retention_days: days,
                                partition,
                                region: region.into(),
                                kms_key_arn: key.clone(),
                                versioning: flags & 1 != 0,
                                put_retention: flags & 2 != 0,
                                tls_only: flags & 4 != 0,
                                remove_expired_delete_markers: flags & 8 != 0,
                                expiration_days: (flags & 16 != 0).then_some(90),
                                ..Options::from_preset(Preset::Hardened, "mybucket/site1")
                            };
                            let derived = derive(&options);
                            assert_eq!(derived.problems.is_empty(), derived.outputs.is_some());
                            for p in &derived.problems {
                                assert!(!p.message.ends_with('.'), "{}", p.message);
                                assert!(
                                    !p.message.chars().next().unwrap().is_uppercase(),
                                    "{}",
                                    p.message
                                );
                            }
                            let Some(o) = derived.outputs else { continue };
                            assert_unique(
                                &o.steps.iter().map(|s| s.id).collect::<Vec<_>>(),
                                &options,
                            );
                            assert_unique(
                                &o.warnings.iter().map(|w| w.id).collect::<Vec<_>>(),
                                &options,
                            );
                            generated += 1;
                            let all = [
                                o.policy_json.as_str(),
                                &o.cli_script,
                                &o.terraform,
                                &o.cloudformation,
                            ]
                            .concat();
                            assert!(!all.contains("BypassGovernanceRetention"));
                            assert_eq!(
                                o.policy_json.contains("s3:PutObjectRetention"),
                                options.put_retention && lock.is_some()
                            );
                            assert_eq!(o.policy_json.contains("kms:ViaService"), !key.is_empty());
                            assert_eq!(o.bucket_policy_json.is_some(), options.tls_only);
                            assert_eq!(
                                o.cli_script.contains("--object-lock-enabled-for-bucket"),
                                lock.is_some()
                            );
                            if partition != Partition::Aws {
                                assert!(!all.contains("arn:aws:"), "{options:?}");
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(generated >= 300, "only {generated} generated");
}
