//! Data-driven tests of audit mode: every case in `tests/data/eval/audit/cases.toml` through one `check()`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/case_table.rs"]
mod case_table;

use std::path::Path;

use s3_policy_playground::policy::audit::audit;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    bucket: String,
    policy: Option<String>,
    policy_file: Option<String>,
    findings: Vec<String>,
    #[serde(default)]
    messages: Vec<String>,
    #[serde(default)]
    allowed: Vec<String>,
    #[serde(default)]
    denied: Vec<String>,
    size: Option<usize>,
    error_line: Option<usize>,
}

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval/audit")
}

/// Runs one case; returns every mismatch.
fn check(case: &Case) -> Vec<String> {
    let text = match (&case.policy, &case.policy_file) {
        (Some(p), None) => p.clone(),
        (None, Some(f)) => std::fs::read_to_string(dir().join(f)).unwrap(),
        _ => return vec!["give exactly one of `policy` and `policy_file`".to_owned()],
    };
    let report = audit(&text, &case.bucket);
    let mut errors = Vec::new();
    let ids: Vec<&str> = report.findings.iter().map(|f| f.id).collect();
    if ids != case.findings {
        errors.push(format!("findings {ids:?}, expected {:?}", case.findings));
    }
    for want in &case.messages {
        if !report
            .findings
            .iter()
            .any(|f| f.message.contains(want.as_str()))
        {
            errors.push(format!("no finding message contains {want:?}"));
        }
    }
    for (ids, want) in [(&case.allowed, true), (&case.denied, false)] {
        for id in ids {
            match report.threats.iter().find(|t| t.id == id) {
                Some(t) if t.decision.is_allowed() == want => {}
                Some(t) => errors.push(format!("threat {id}: {}", t.decision.summary())),
                None => errors.push(format!("no threat row {id}")),
            }
        }
    }
    // Nothing is ever said about an empty name (the bug an empty bucket field once caused).
    for f in &report.findings {
        if f.message.contains("``") || f.message.contains(":::/") {
            errors.push(format!("{}: an empty name in {:?}", f.id, f.message));
        }
    }
    if case.bucket.trim().is_empty() && !report.threats.is_empty() {
        errors.push("a threat table for no bucket".to_owned());
    }
    if case.size.is_some() && report.size != case.size {
        errors.push(format!("size {:?}, expected {:?}", report.size, case.size));
    }
    if case.error_line.is_some() && report.error.as_ref().and_then(|e| e.line) != case.error_line {
        errors.push(format!(
            "error {:?}, expected line {:?}",
            report.error, case.error_line
        ));
    }
    if !errors.is_empty() {
        let messages: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{}: {}", f.id, f.message))
            .collect();
        errors.push(format!("messages:\n    {}", messages.join("\n    ")));
    }
    errors
}

#[test]
fn audit_cases() {
    let cases: Vec<Case> = case_table::read_cases(&dir().join("cases.toml"));
    case_table::assert_every_case_passes("audit cases", &cases, |c| c.name.as_str(), check);
}

/// A wildcard that covers an action with a threat row of its own is Danger and comes first; one that only
/// reads stays Info. (The case table checks ids and messages; this checks the severities.)
#[test]
fn a_wildcard_is_as_severe_as_the_worst_action_it_grants() {
    use s3_policy_playground::policy::Severity;
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": ["s3:Get*", "s3:Put*"], "Resource": ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"]}]}"#;
    let report = audit(policy, "mybucket");
    let found: Vec<(Severity, &str)> = report
        .findings
        .iter()
        .map(|f| (f.severity, f.message.split(' ').next().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (Severity::Danger, "`s3:Put*`"),
            (Severity::Info, "`s3:Get*`")
        ]
    );
}

/// Block Public Access stops a public bucket policy or ACL only while the key cannot switch it off: the rows
/// that lean on it say so when the same key can (`disable-public-access-block` allowed).
#[test]
fn public_access_rows_say_when_the_key_can_switch_block_public_access_off() {
    let meaning = |policy: &str, id: &str| row(policy, "mybucket", id).meaning;
    let everything = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"]}]}"#;
    let policy_only = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": ["s3:PutBucketPolicy", "s3:PutObjectAcl"], "Resource": ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"]}]}"#;
    assert!(meaning(everything, "disable-public-access-block").starts_with("Allowed: "));
    assert!(meaning(everything, "change-bucket-policy")
        .contains("since this key can also switch off Block Public Access"));
    assert!(
        meaning(everything, "make-public").ends_with("This key can switch it off for the bucket.")
    );
    assert!(meaning(policy_only, "disable-public-access-block").starts_with("Blocked: "));
    assert!(meaning(policy_only, "change-bucket-policy")
        .contains("(Block Public Access, on by default, rejects a public one)"));
    assert!(!meaning(policy_only, "make-public").contains("This key can switch it off"));
    // The same for "Bucket owner enforced", which keeps ACLs off only while the key cannot change it.
    assert!(meaning(everything, "make-public").contains(
        "rejects every ACL change, but this key can change that setting and turn ACLs on."
    ));
    assert!(meaning(everything, "enable-acls").starts_with("Allowed: "));
    assert!(meaning(policy_only, "enable-acls").starts_with("Blocked: "));
    assert!(meaning(policy_only, "make-public").contains("rejects every ACL change. Where"));
    // The account's Block Public Access still holds unless the key can switch that off too.
    let account_too = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
    assert!(meaning(everything, "disable-public-access-block").contains(
        "(unless Block Public Access is also on for your whole account or organization)"
    ));
    assert!(meaning(account_too, "disable-public-access-block").contains(
        "(unless an organization policy keeps Block Public Access on: this key can switch off the account's too)"
    ));
}

/// Deleting outside the prefix on a versioned bucket leaves a noncurrent version, unless the key may delete
/// versions there too: the row says both, and is Warning, not Danger.
#[test]
fn deleting_outside_the_prefix_on_a_versioned_bucket() {
    use s3_policy_playground::policy::threats::{threats_from_json, ThreatContext};
    use s3_policy_playground::policy::Severity;
    let ctx = ThreatContext {
        versioning: true,
        ..ThreatContext::new("mybucket", "site1")
    };
    let policy = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::mybucket/site1/*"},
        {"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::mybucket/*"}]}"#;
    let rows = threats_from_json(policy, &ctx).unwrap();
    let row = rows
        .iter()
        .find(|t| t.id == "outside-prefix-delete")
        .unwrap();
    assert!(row.decision.is_allowed());
    assert_eq!(row.severity, Severity::Warning);
    assert!(row.meaning.ends_with(
        "each delete adds a delete marker and the file stays as a noncurrent version, unless the key may also delete versions there."
    ));
    let write = rows
        .iter()
        .find(|t| t.id == "outside-prefix-write")
        .unwrap();
    assert_eq!(
        write.meaning,
        "Blocked: the key cannot overwrite files outside `site1/`."
    );
}

/// A `Deny` that takes back what a wide `Allow` grants (AWS's deny-everything-but-the-bucket and
/// `NotAction` patterns) leaves a warning that says why, not a danger the table contradicts.
#[test]
fn a_deny_that_takes_a_wide_grant_back_leaves_a_warning() {
    use s3_policy_playground::policy::Severity;
    let severity = |policy: &str, id: &str| {
        audit(policy, "my-backups")
            .findings
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.severity)
    };
    let star = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}%DENY%]}"#;
    let outside = r#", {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::my-backups", "arn:aws:s3:::my-backups/*"]}"#;
    assert_eq!(
        severity(&star.replace("%DENY%", ""), "star-resource"),
        Some(Severity::Danger)
    );
    // A Deny that refuses only part of the grant on other buckets leaves it a danger.
    let partly = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "Resource": "*"},
        {"Effect": "Deny", "Action": ["s3:GetObject", "s3:PutObject"], "NotResource": ["arn:aws:s3:::my-backups", "arn:aws:s3:::my-backups/*"]}]}"#;
    assert_eq!(severity(partly, "star-resource"), Some(Severity::Danger));
    assert_eq!(
        severity(&star.replace("%DENY%", outside), "star-resource"),
        Some(Severity::Warning)
    );
    let all = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::my-backups", "arn:aws:s3:::my-backups/*"]}%DENY%]}"#;
    let but = r#", {"Effect": "Deny", "NotAction": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}"#;
    // A Deny on a condition the table cannot check refuses nothing for certain.
    let maybe = r#", {"Effect": "Deny", "NotAction": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#;
    assert_eq!(
        severity(&all.replace("%DENY%", ""), "s3-star"),
        Some(Severity::Danger)
    );
    assert_eq!(
        severity(&all.replace("%DENY%", but), "s3-star"),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity(&all.replace("%DENY%", maybe), "s3-star"),
        Some(Severity::Danger)
    );
}

/// The threat row `id` of the audit of `policy` for `bucket`.
fn row(policy: &str, bucket: &str, id: &str) -> s3_policy_playground::policy::threats::Threat {
    audit(policy, bucket)
        .threats
        .into_iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// An uncertain row says what the table could not decide, in the evaluator's words.
#[test]
fn an_uncertain_row_names_its_cause() {
    let policy = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::my-backups/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}}"#;
    let read = row(policy, "my-backups", "read-backups");
    assert!(
        read.meaning.starts_with(
            "Uncertain: something this table cannot check decides it (the condition operator `IpAddress`"
        ),
        "{}",
        read.meaning
    );
}

/// A condition on a value the request carries (a header the sender writes) says that a stolen key
/// chooses it; one on where the request comes from says the table cannot know.
#[test]
fn an_uncertain_row_says_when_the_sender_chooses_the_value() {
    let meaning = |condition: &str| {
        let policy = format!(
            r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::my-backups/*", "Condition": {condition}}}}}"#
        );
        row(&policy, "my-backups", "read-backups").meaning
    };
    let header = meaning(r#"{"StringEquals": {"s3:x-amz-server-side-encryption": "AES256"}}"#);
    assert!(
        header.contains("`s3:x-amz-server-side-encryption` is set by whoever sends the request"),
        "{header}"
    );
    let region = meaning(r#"{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}"#);
    assert!(
        region.contains("`aws:RequestedRegion` is not fixed for this request"),
        "{region}"
    );
}

/// When a `Deny` decided the row, its condition is the cause named, not an `Allow`'s; and a row a
/// sender-set value decides keeps the severity it has if the request gets through.
#[test]
fn an_uncertain_row_names_the_deciding_statement_and_keeps_its_severity() {
    use s3_policy_playground::policy::Severity;
    let mixed = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::my-backups/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
        {"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::my-backups/*"},
        {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:UserAgent": "restic"}}}]}"#;
    let delete = row(mixed, "my-backups", "delete-backup");
    assert!(
        delete
            .meaning
            .contains("`aws:UserAgent` is set by whoever sends the request"),
        "{}",
        delete.meaning
    );
    assert_eq!(
        delete.severity,
        Severity::Danger,
        "the key sends the user agent that passes"
    );
    let by_origin = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:DeleteObject",
        "Resource": "arn:aws:s3:::my-backups/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}}"#;
    assert_eq!(
        row(by_origin, "my-backups", "delete-backup").severity,
        Severity::Warning
    );
}
