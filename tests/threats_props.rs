//! Exhaustive properties over every combination of the crate's options: the evaluator proves the security promises
//! of the generated policy (no delete when delete is off, nothing outside the bucket or the prefix, and every
//! action the policy lists really works on its resource).
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::actions::{self, ResourceType};
use s3_policy_playground::policy::eval::s3_actions::S3_ACTIONS;
use s3_policy_playground::policy::eval::{evaluate, Context, PolicyDocument, Request};
use s3_policy_playground::policy::threats::{residual_risk, threats, ThreatContext};
use s3_policy_playground::policy::{
    derive, ObjectLockMode, Options, Partition, Preset, Severity, Spec,
};

/// Every combination of the options that change the policy or the threat table.
fn all_options() -> Vec<Options> {
    let mut out = Vec::new();
    for bucket in ["mybucket", "my.backup-bucket-01"] {
        for prefix in ["", "site1", "backups/site-2"] {
            for bits in 0..64u32 {
                let bit = |n: u32| bits & (1 << n) != 0;
                let mut o = Options::from_preset(Preset::FaqStandard, bucket);
                o.prefix = prefix.to_owned();
                o.allow_delete = bit(0);
                o.versioning = bit(1);
                o.acl_actions = bit(2);
                o.create_bucket = bit(3);
                o.noncurrent_days = bit(4).then_some(1);
                o.newer_noncurrent_versions = bit(5).then_some(3);
                // The rarer choices vary along the combinations rather than multiplying them: every value of each
                // is still met many times, with every value of the others.
                let mix = bits ^ (bits >> 3);
                o.partition = if mix & 1 == 0 {
                    Partition::Aws
                } else {
                    Partition::AwsCn
                };
                o.object_lock =
                    (o.versioning && mix & 2 != 0).then_some(ObjectLockMode::Governance);
                o.retention_days = o.object_lock.map(|_| 30);
                o.put_retention = o.object_lock.is_some() && mix & 4 != 0;
                o.tls_only = mix & 4 != 0;
                out.push(o);
            }
        }
    }
    out
}

struct Case {
    options: Options,
    spec: Spec,
    policy: PolicyDocument,
    policy_json: String,
}

fn cases() -> Vec<Case> {
    let all = all_options();
    let total = all.len();
    let cases: Vec<Case> = all
        .into_iter()
        .filter_map(|options| {
            let derived = derive(&options);
            let outputs = derived.outputs?;
            let spec = Spec::from_options(&options).ok()?;
            let policy = PolicyDocument::parse(&outputs.policy_json).unwrap();
            Some(Case {
                options,
                spec,
                policy,
                policy_json: outputs.policy_json,
            })
        })
        .collect();
    // Most combinations are valid; the rest are refused with problems (never a panic).
    assert!(
        cases.len() * 2 > total,
        "{} of {total} combinations derive a policy",
        cases.len()
    );
    cases
}

fn allowed(case: &Case, action: &str, resource: &str, context: &Context) -> bool {
    let request = Request::new(action, resource).with_context(context.clone());
    let decision = evaluate(&request, std::slice::from_ref(&case.policy), None);
    assert!(
        !decision.uncertain(),
        "the generated policy is fully evaluable: {}",
        decision.summary()
    );
    decision.is_allowed()
}

const KEYS: [&str; 10] = [
    "",
    "a",
    "*",
    "backup_2026-11-29-db.gz",
    "a/b/c",
    "x:y",
    "%00",
    "日本/ファイル",
    "site1/",
    "../etc/passwd",
];

#[test]
fn with_delete_off_nothing_can_be_deleted() {
    let ctx = Context::default().with("aws:SecureTransport", ["true"]);
    let mut checked = 0;
    for case in cases().iter().filter(|c| !c.options.allow_delete) {
        let bucket = case.spec.bucket.as_str();
        let p = case.spec.partition.id();
        for key in KEYS {
            for full in [
                key.to_owned(),
                format!("{}{key}", case.spec.prefix.as_str()),
            ] {
                for action in ["s3:DeleteObject", "s3:DeleteObjectVersion"] {
                    let resource = format!("arn:{p}:s3:::{bucket}/{full}");
                    assert!(
                        !allowed(case, action, &resource, &ctx),
                        "{action} on {resource} with {:?}",
                        case.options
                    );
                    checked += 1;
                }
            }
        }
    }
    println!("delete off: {checked} delete requests denied");
    assert!(checked > 1_000);
}

#[test]
fn nothing_outside_the_bucket_or_prefix_except_list_all_my_buckets() {
    let mut checked = 0;
    for case in cases() {
        let bucket = case.spec.bucket.as_str();
        let prefix = case.spec.prefix.as_str();
        let p = case.spec.partition.id();
        let other = if p == "aws" { "aws-cn" } else { "aws" };
        let mut outside = vec![
            format!("arn:{p}:s3:::other-bucket"),
            format!("arn:{p}:s3:::other-bucket/backup.zip"),
            format!("arn:{p}:s3:::{bucket}-copy"),
            format!("arn:{p}:s3:::{bucket}-copy/backup.zip"),
            format!("arn:{p}:s3:::{bucket}x/{prefix}backup.zip"),
            format!("arn:{p}:s3:::x{bucket}/{prefix}backup.zip"),
            // The same bucket in another partition is another bucket.
            format!("arn:{other}:s3:::{bucket}/{prefix}backup.zip"),
        ];
        if !prefix.is_empty() {
            let bare = prefix.trim_end_matches('/');
            outside.push(format!("arn:{p}:s3:::{bucket}/other/backup.zip"));
            outside.push(format!("arn:{p}:s3:::{bucket}/{bare}0/backup.zip"));
            outside.push(format!("arn:{p}:s3:::{bucket}/{bare}"));
            outside.push(format!("arn:{p}:s3:::{bucket}/backup.zip"));
        }
        let ctx = Context::default().with("aws:SecureTransport", ["true"]);
        for action in S3_ACTIONS {
            let name = format!("s3:{}", action.name);
            let on_star = allowed(&case, &name, "*", &ctx);
            assert_eq!(
                on_star,
                name == "s3:ListAllMyBuckets",
                "{name} on * with {:?}",
                case.options
            );
            checked += 1;
            // `s3:ListAllMyBuckets` takes no resource: its statement has `"Resource": "*"`, which names every ARN.
            if name == "s3:ListAllMyBuckets" {
                continue;
            }
            for resource in &outside {
                assert!(
                    !allowed(&case, &name, resource, &ctx),
                    "{name} on {resource} with {:?}",
                    case.options
                );
                checked += 1;
            }
        }
        if !prefix.is_empty() {
            // Listing is limited to the prefix: another prefix, or no prefix at all, is denied.
            let bucket_arn = format!("arn:{p}:s3:::{bucket}");
            for list_prefix in [None, Some(""), Some("other/"), Some("x")] {
                let c = match list_prefix {
                    Some(p) => ctx.clone().with("s3:prefix", [p]),
                    None => ctx.clone(),
                };
                assert!(
                    !allowed(&case, "s3:ListBucket", &bucket_arn, &c),
                    "ListBucket {list_prefix:?}"
                );
                checked += 1;
            }
        }
    }
    println!("outside the bucket or prefix: {checked} requests checked");
}

#[test]
fn every_listed_action_works_on_its_own_resource_and_no_other_action_does() {
    let mut checked = 0;
    for case in cases() {
        let bucket = case.spec.bucket.as_str();
        let prefix = case.spec.prefix.as_str();
        let p = case.spec.partition.id();
        for action in actions::ALL {
            let listed = case.policy_json.contains(&format!("\"{}\"", action.name));
            let mut ctx = Context::default().with("aws:SecureTransport", ["true"]);
            let resource = match action.resource {
                ResourceType::Bucket => {
                    if !prefix.is_empty() {
                        ctx = ctx.with("s3:prefix", [format!("{prefix}backup_")]);
                    }
                    format!("arn:{p}:s3:::{bucket}")
                }
                ResourceType::Object => {
                    format!("arn:{p}:s3:::{bucket}/{prefix}backup_2026-11-29-db.gz")
                }
                ResourceType::All => "*".to_owned(),
            };
            assert_eq!(
                allowed(&case, action.name, &resource, &ctx),
                listed,
                "{} on {resource} (listed: {listed}) with {:?}",
                action.name,
                case.options
            );
            checked += 1;
        }
    }
    println!("own resources: {checked} requests checked");
}

/// Deactivating a stolen key is not the end of it: temporary credentials it can get without any
/// permission (`sts:GetSessionToken`) outlive it by up to 36 hours, until the user loses its
/// permissions. Every table's summary says so.
#[test]
fn the_residual_risk_says_what_ends_a_break_in() {
    let says_it = |summary: &str| {
        summary.contains("until you deactivate the key in IAM and take the user's permissions away")
            && summary.contains("up to 36 hours after the key is deactivated")
            && summary.contains("give the new key to a new user")
    };
    // Both forms of the paragraph: every row decided (a generated policy), and a row a condition
    // the table cannot check leaves uncertain.
    let case = cases().into_iter().next().expect("option sets");
    let ctx = ThreatContext::from_spec(&case.spec);
    let summary = residual_risk(&threats(&case.policy, &ctx), &ctx);
    assert!(
        says_it(&summary) && !summary.contains("uncertain rows"),
        "{summary}"
    );
    let ctx = ThreatContext::new("my-backups", "");
    let policy = PolicyDocument::parse(
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:DeleteObject",
            "Resource": "arn:aws:s3:::my-backups/*",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}}"#,
    )
    .expect("a policy");
    let summary = residual_risk(&threats(&policy, &ctx), &ctx);
    assert!(
        says_it(&summary) && summary.contains("perhaps what its uncertain rows describe"),
        "{summary}"
    );
}

#[test]
fn threat_table_agrees_with_the_options() {
    let mut rows = 0;
    for case in cases() {
        let ctx = ThreatContext::from_spec(&case.spec);
        let table = threats(&case.policy, &ctx);
        rows += table.len();
        // The page keys its rows by id, so a change moves rows instead of rewriting them.
        let mut ids: Vec<&str> = table.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), table.len(), "threat ids must be unique");
        let allowed = |id: &str| {
            table
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.decision.is_allowed())
        };
        assert_eq!(allowed("delete-backup"), Some(case.options.allow_delete));
        assert_eq!(allowed("delete-versions"), Some(case.options.allow_delete));
        assert_eq!(allowed("make-public"), Some(case.options.acl_actions));
        for id in [
            "change-lifecycle",
            "suspend-versioning",
            "change-bucket-policy",
            "disable-public-access-block",
            "enable-acls",
            "other-bucket-read",
            "other-bucket-write",
        ] {
            assert_eq!(allowed(id), Some(false), "{id}");
        }
        let has_prefix = !case.spec.prefix.as_str().is_empty();
        for id in [
            "outside-prefix-read",
            "outside-prefix-write",
            "outside-prefix-delete",
            "outside-prefix-list",
        ] {
            assert_eq!(allowed(id), has_prefix.then_some(false), "{id}");
        }
        for t in &table {
            assert!(
                !t.meaning.is_empty() && t.meaning.ends_with('.'),
                "{}: {}",
                t.id,
                t.meaning
            );
            if t.id == "delete-versions" && t.decision.is_allowed() {
                // Object Lock protects a version only for its first days: older ones can go.
                assert_eq!(t.severity, Severity::Danger, "{}", t.meaning);
            }
            if t.id == "overwrite-latest" && case.options.object_lock.is_some() {
                // The lock counts from each version's upload: with delete allowed, a clean copy
                // older than the lock can be deleted at once, so the row says so and is a danger.
                let days = case.options.retention_days.unwrap_or_default();
                if case.options.allow_delete {
                    assert!(
                        t.meaning
                            .contains(&format!("uploaded more than {days} day"))
                            && t.meaning.contains("removed for good at once"),
                        "{}",
                        t.meaning
                    );
                    assert_eq!(t.severity, Severity::Danger, "{}", t.meaning);
                } else {
                    assert!(
                        t.meaning
                            .contains(&format!("Object Lock keeps that version until {days} day")),
                        "{}",
                        t.meaning
                    );
                }
            } else if t.id == "overwrite-latest"
                && case.options.versioning
                && !case.options.allow_delete
            {
                match case.options.noncurrent_days {
                    Some(n) => assert!(
                        t.meaning.contains(&format!("within {n} day")),
                        "{}",
                        t.meaning
                    ),
                    None => assert!(
                        t.meaning.contains("stays until someone deletes it"),
                        "{}",
                        t.meaning
                    ),
                }
            }
            if t.id == "overwrite-latest" && !case.options.versioning {
                assert!(t.meaning.contains("gone for good"), "{}", t.meaning);
            }
        }
    }
    println!("threat tables: {rows} rows checked");
}
