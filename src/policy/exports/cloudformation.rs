//! The CloudFormation export: one YAML template with the bucket, its policy and the IAM user.
//!
//! Property names follow the template reference (`AWS::S3::Bucket`, `AWS::S3::BucketPolicy`, `AWS::IAM::User`,
//! `AWS::IAM::ManagedPolicy`, <https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html>).
//! Every string is a double-quoted YAML scalar, so no bucket, prefix or name can change the document's structure;
//! the template must pass `cfn-lint` with no error (`tests/exports_validate.rs`).

use crate::json;
use crate::policy::bucket::account_regional;
use crate::policy::json::{Map, Value};

use super::{needs_escape, pad, Setup};
use crate::policy::lifecycle::RULE_ID;

/// `value` as a double-quoted YAML scalar.
fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A mapping key: plain when it is letters and digits only (every CloudFormation property), else quoted.
fn key(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
        name.to_owned()
    } else {
        string(name)
    }
}

/// A scalar, or `None` for a mapping or sequence that needs its own lines.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(string(s)),
        Value::Array(items) if items.is_empty() => Some("[]".to_owned()),
        Value::Object(map) if map.is_empty() => Some("{}".to_owned()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Writes the entries of `map` as block YAML at `indent` spaces.
fn mapping(out: &mut String, map: &Map, indent: usize) {
    for (k, v) in map {
        pad(out, indent);
        entry(out, k, v, indent);
    }
}

/// Writes `key: value` (the indentation is already written), nesting blocks under it.
fn entry(out: &mut String, k: &str, v: &Value, indent: usize) {
    out.push_str(&key(k));
    out.push(':');
    match (scalar(v), v) {
        (Some(text), _) => {
            out.push(' ');
            out.push_str(&text);
            out.push('\n');
        }
        (None, Value::Object(map)) => {
            out.push('\n');
            mapping(out, map, indent + 2);
        }
        (None, Value::Array(items)) => {
            out.push('\n');
            sequence(out, items, indent + 2);
        }
        (None, _) => out.push('\n'),
    }
}

/// Writes `items` as a block sequence at `indent` spaces; a mapping item starts on the dash's line.
fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push_str("- ");
        match (scalar(item), item) {
            (Some(text), _) => {
                out.push_str(&text);
                out.push('\n');
            }
            (None, Value::Object(map)) => {
                for (n, (k, v)) in map.iter().enumerate() {
                    if n > 0 {
                        pad(out, indent + 2);
                    }
                    entry(out, k, v, indent + 2);
                }
            }
            (None, Value::Array(inner)) => {
                out.push('\n');
                sequence(out, inner, indent + 2);
            }
            (None, _) => out.push('\n'),
        }
    }
}

/// A block of `Properties` lines, at `indent` spaces, from a JSON object.
fn properties(value: &Value, indent: usize) -> String {
    let mut out = String::new();
    if let Value::Object(map) = value {
        mapping(&mut out, map, indent);
    }
    out
}

/// The lifecycle rule as `AWS::S3::Bucket`'s `LifecycleConfiguration` writes it (`ExpirationInDays`, `Prefix`, ...).
fn lifecycle_rule(setup: &Setup<'_>) -> Value {
    let spec = setup.spec;
    let rule = spec.lifecycle;
    let mut out = Map::new();
    out.insert("Id".into(), json!(RULE_ID));
    out.insert("Status".into(), json!("Enabled"));
    if !spec.prefix.is_empty() {
        out.insert("Prefix".into(), json!(spec.prefix.as_str()));
    }
    if let Some(days) = rule.expiration_days {
        out.insert("ExpirationInDays".into(), json!(days));
    } else if rule.removes_expired_delete_markers() {
        out.insert("ExpiredObjectDeleteMarker".into(), json!(true));
    }
    if let Some(days) = rule.noncurrent_days {
        let mut nve = Map::new();
        nve.insert("NoncurrentDays".into(), json!(days));
        if let Some(keep) = rule.newer_noncurrent_versions {
            nve.insert("NewerNoncurrentVersions".into(), json!(keep));
        }
        out.insert("NoncurrentVersionExpiration".into(), Value::Object(nve));
    }
    if let Some(days) = rule.abort_multipart_days {
        out.insert(
            "AbortIncompleteMultipartUpload".into(),
            json!({ "DaysAfterInitiation": days }),
        );
    }
    Value::Object(out)
}

/// The template text.
pub(super) fn template(setup: &Setup<'_>) -> String {
    let spec = setup.spec;
    let mut out = String::new();
    for line in setup.header("Creates") {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(&format!(
        "# Deploy it in `{region}`, where the bucket is to live:\n#   aws cloudformation deploy --region {region} --stack-name updraftplus-backups \\\n#     --template-file cloudformation.yaml --capabilities CAPABILITY_NAMED_IAM\n",
        region = setup.region
    ));
    out.push_str(&format!(
        "# No access key here: its secret would show in the stack's outputs. Afterwards create it with\n# `aws iam create-access-key --user-name {} --region {}` or in the IAM console, and paste it into UpdraftPlus.\n",
        spec.user_name, setup.region
    ));
    out.push_str("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    out.push_str(&format!(
        "Description: {}\n",
        string(&format!("UpdraftPlus backups in {}", spec.bucket))
    ));
    out.push_str("Resources:\n");

    let mut bucket = Map::new();
    bucket.insert("BucketName".into(), json!(spec.bucket.as_str()));
    if account_regional(spec.bucket.as_str()).is_some() {
        // A name ending in the account ID, Region and -an exists only in that namespace.
        bucket.insert("BucketNamespace".into(), json!("account-regional"));
    }
    if let Some(lock) = spec.object_lock {
        bucket.insert("ObjectLockEnabled".into(), json!(true));
        bucket.insert(
            "ObjectLockConfiguration".into(),
            json!({
                "ObjectLockEnabled": "Enabled",
                "Rule": { "DefaultRetention": { "Mode": lock.mode.api(), "Days": lock.retention_days } }
            }),
        );
    }
    bucket.insert(
        "PublicAccessBlockConfiguration".into(),
        json!({
            "BlockPublicAcls": true,
            "BlockPublicPolicy": true,
            "IgnorePublicAcls": true,
            "RestrictPublicBuckets": true
        }),
    );
    bucket.insert(
        "OwnershipControls".into(),
        json!({ "Rules": [{ "ObjectOwnership": setup.object_ownership() }] }),
    );
    if spec.versioning {
        bucket.insert(
            "VersioningConfiguration".into(),
            json!({ "Status": "Enabled" }),
        );
    }
    if let Some(kms) = &spec.kms_key {
        bucket.insert(
            "BucketEncryption".into(),
            json!({ "ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": kms.as_str() },
                "BucketKeyEnabled": true
            }]}),
        );
    }
    if setup.lifecycle.is_some() {
        bucket.insert(
            "LifecycleConfiguration".into(),
            json!({ "Rules": [lifecycle_rule(setup)] }),
        );
    }
    out.push_str(
        "  # The bucket, kept when the stack is deleted or replaced, so your backups stay.\n",
    );
    out.push_str("  BackupBucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n");
    out.push_str(&properties(&Value::Object(bucket), 6));

    if let Some(policy) = setup.bucket_policy {
        out.push_str(
            "  # The bucket policy: refuse every request that does not use TLS (HTTPS).\n",
        );
        out.push_str("  BackupBucketPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref BackupBucket\n      PolicyDocument:\n");
        out.push_str(&properties(policy, 8));
    }

    out.push_str("  # The IAM user the backup tool signs in as; it gets no console password.\n");
    out.push_str("  BackupUser:\n    Type: AWS::IAM::User\n    Properties:\n");
    out.push_str(&format!("      UserName: {}\n", string(&spec.user_name)));
    out.push_str(&format!("  # {}\n", setup.policy_comment()));
    out.push_str("  BackupUserPolicy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n");
    out.push_str(&format!(
        "      ManagedPolicyName: {}\n      Users:\n        - !Ref BackupUser\n      PolicyDocument:\n",
        string(&spec.policy_name)
    ));
    out.push_str(&properties(setup.policy, 8));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(value: &Value) -> String {
        let mut out = String::new();
        if let Value::Object(map) = value {
            mapping(&mut out, map, 0);
        }
        out
    }

    #[test]
    fn block_yaml() {
        assert_eq!(
            yaml(&json!({"A": [{"b": 1, "c:d": ["x"]}], "E": {}, "F": "it's \"q\""})),
            "A:\n  - b: 1\n    \"c:d\":\n      - \"x\"\nE: {}\nF: \"it's \\\"q\\\"\"\n"
        );
        assert_eq!(string("\u{85}é"), "\"\\u0085é\"");
    }
}
