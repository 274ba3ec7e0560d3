//! The Terraform export: AWS provider v5 resources, one per bucket setting, policies written with `jsonencode`.
//!
//! Resource and argument names follow the provider's v5 documentation
//! (<https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket>, and the
//! `s3_bucket_*` and `iam_user*` pages next to it). Strings escape `"`, `\`, control characters and HCL's template
//! sequences (`${` becomes `$${`, `%{` becomes `%%{`), so a prefix is always taken literally
//! (<https://developer.hashicorp.com/terraform/language/expressions/strings>). The file must parse with a real HCL
//! parser (`tests/exports_validate.rs`).

use crate::policy::bucket::account_regional;
use crate::policy::json::Value;

use super::{needs_escape, pad, Setup};
use crate::policy::lifecycle::RULE_ID;

/// `value` as an HCL quoted string.
fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An object key: bare when it is an identifier, else quoted (`"s3:prefix"`).
fn key(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if identifier {
        name.to_owned()
    } else {
        string(name)
    }
}

/// A JSON value as an HCL expression, for `jsonencode(...)`, at `indent` spaces.
fn expression(value: &Value, indent: usize) -> String {
    let mut out = String::new();
    push_expression(&mut out, value, indent);
    out
}

/// [`expression`] appended to `out`: one buffer for the whole value, where building each
/// nested value as its own string was a quarter of `derive`'s time.
fn push_expression(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&string(s)),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for item in items {
                pad(out, indent + 2);
                push_expression(out, item, indent + 2);
                out.push_str(",\n");
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push_str("{\n");
            let keys: Vec<(String, &Value)> = map.iter().map(|(k, v)| (key(k), v)).collect();
            for ((k, v), spaces) in keys.iter().zip(spaces_before_equals(&keys)) {
                pad(out, indent + 2);
                out.push_str(k);
                pad(out, spaces);
                out.push_str("= ");
                push_expression(out, v, indent + 2);
                out.push('\n');
            }
            pad(out, indent);
            out.push('}');
        }
    }
}

/// Whether a value is written on one line (a scalar, `[]` or `{}`).
fn one_line(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => true,
    }
}

/// The spaces between each key and its `=`, as `terraform fmt` aligns them: the `=` of each run of
/// adjacent one-line arguments lines up one space after the run's longest key; an argument whose
/// value spans lines is in no run (one space), and ends the one before it.
fn spaces_before_equals(keys: &[(String, &Value)]) -> Vec<usize> {
    let columns = |k: &String| k.chars().count();
    let mut spaces = Vec::with_capacity(keys.len());
    // Each piece is a run of one-line arguments, then the multi-line one that ends it (if any).
    for piece in keys.split_inclusive(|(_, v)| !one_line(v)) {
        let (run, multi_line) = match piece.split_last() {
            Some((last, run)) if !one_line(last.1) => (run, Some(last)),
            _ => (piece, None),
        };
        let longest = run.iter().map(|(k, _)| columns(k)).max().unwrap_or(0);
        spaces.extend(run.iter().map(|(k, _)| longest - columns(k) + 1));
        spaces.extend(multi_line.map(|_| 1));
    }
    spaces
}

/// The `main.tf` text.
pub(super) fn terraform(setup: &Setup<'_>) -> String {
    let spec = setup.spec;
    let mut out = String::new();
    for line in setup.header("Creates") {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(&format!(
        "# No access key here: its secret would be stored in the Terraform state. After `terraform apply`, create it with\n# `aws iam create-access-key --user-name {} --region {}` or in the IAM console, and paste it into UpdraftPlus.\n",
        spec.user_name, setup.region
    ));
    // `bucket_namespace` came with the AWS provider's 6.x line; other buckets keep the 5.x line from
    // 5.87 on: 5.86 failed on `filter { prefix = "" }` ("Provider produced inconsistent result after
    // apply", hashicorp/terraform-provider-aws#41268, fixed by #41296 in 5.87.0).
    let namespace = account_regional(spec.bucket.as_str()).is_some();
    out.push_str(&format!(
        "\nterraform {{\n  required_providers {{\n    aws = {{\n      source  = \"hashicorp/aws\"\n      version = \"{}\"\n    }}\n  }}\n}}\n",
        if namespace { ">= 6.37, < 7.0" } else { ">= 5.87, < 6.0" }
    ));
    out.push_str(&format!(
        "\nprovider \"aws\" {{\n  region = {}\n}}\n",
        string(setup.region)
    ));

    let bucket_ref = "aws_s3_bucket.backups.id";
    out.push_str("\n# The bucket; `prevent_destroy` stops `terraform destroy` from deleting it with your backups.\n");
    out.push_str(&format!(
        "resource \"aws_s3_bucket\" \"backups\" {{\n  bucket = {}\n",
        string(spec.bucket.as_str())
    ));
    if namespace {
        out.push_str("  # A name ending in your account ID, Region and -an exists only in your account regional namespace.\n  bucket_namespace = \"account-regional\"\n");
    }
    if spec.object_lock.is_some() {
        out.push_str("  # Object Lock is switched on at creation; it also turns versioning on for good.\n  object_lock_enabled = true\n");
    }
    out.push_str("\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n");

    out.push_str(&format!(
        "\n# Block all public access, so no ACL or bucket policy can make a backup public while it stays on.\nresource \"aws_s3_bucket_public_access_block\" \"backups\" {{\n  bucket                  = {bucket_ref}\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}}\n"
    ));

    let ownership_comment = if spec.acl_actions {
        "# ACLs on (\"Bucket owner preferred\"; a new bucket has them off): UpdraftPlus sends the `private` ACL with uploads."
    } else {
        "# ACLs disabled (\"Bucket owner enforced\"): no request can change who may read a backup."
    };
    out.push_str(&format!(
        "\n{ownership_comment}\nresource \"aws_s3_bucket_ownership_controls\" \"backups\" {{\n  bucket = {bucket_ref}\n\n  rule {{\n    object_ownership = {}\n  }}\n}}\n",
        string(setup.object_ownership())
    ));

    if spec.versioning {
        out.push_str(&format!(
            "\n# Versioning: an overwritten or deleted backup keeps its previous version.\nresource \"aws_s3_bucket_versioning\" \"backups\" {{\n  bucket = {bucket_ref}\n\n  versioning_configuration {{\n    status = \"Enabled\"\n  }}\n}}\n"
        ));
    }

    if let Some(lock) = spec.object_lock {
        out.push_str(&format!(
            "\n# Default retention: every new backup version is locked for {} days in {} mode.\nresource \"aws_s3_bucket_object_lock_configuration\" \"backups\" {{\n  bucket = {bucket_ref}\n\n  rule {{\n    default_retention {{\n      mode = {}\n      days = {}\n    }}\n  }}\n}}\n",
            lock.retention_days,
            lock.mode.label(),
            string(lock.mode.api()),
            lock.retention_days
        ));
    }

    if let Some(kms) = &spec.kms_key {
        out.push_str(&format!(
            "\n# Default encryption SSE-KMS with your key; an S3 Bucket Key cuts the number of KMS requests.\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"backups\" {{\n  bucket = {bucket_ref}\n\n  rule {{\n    apply_server_side_encryption_by_default {{\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = {}\n    }}\n    bucket_key_enabled = true\n  }}\n}}\n",
            string(kms.as_str())
        ));
    }

    if setup.lifecycle.is_some() {
        let rule = spec.lifecycle;
        out.push_str(&format!(
            "\n# {}\nresource \"aws_s3_bucket_lifecycle_configuration\" \"backups\" {{\n",
            setup.lifecycle_comment()
        ));
        out.push_str(&format!("  bucket = {bucket_ref}\n"));
        if spec.versioning {
            out.push_str("  # On a versioned bucket the lifecycle rule waits for versioning, as the provider's docs ask.\n  depends_on = [aws_s3_bucket_versioning.backups]\n");
        }
        out.push_str(&format!(
            "\n  rule {{\n    id     = {}\n    status = \"Enabled\"\n\n    filter {{\n      prefix = {}\n    }}\n",
            string(RULE_ID),
            string(spec.prefix.as_str())
        ));
        if let Some(days) = rule.expiration_days {
            out.push_str(&format!(
                "\n    expiration {{\n      days = {days}\n    }}\n"
            ));
        } else if rule.removes_expired_delete_markers() {
            out.push_str("\n    expiration {\n      expired_object_delete_marker = true\n    }\n");
        }
        if let Some(days) = rule.noncurrent_days {
            // Aligned as `terraform fmt` aligns adjacent arguments.
            match rule.newer_noncurrent_versions {
                Some(keep) => out.push_str(&format!(
                    "\n    noncurrent_version_expiration {{\n      noncurrent_days           = {days}\n      newer_noncurrent_versions = {keep}\n"
                )),
                None => out.push_str(&format!(
                    "\n    noncurrent_version_expiration {{\n      noncurrent_days = {days}\n"
                )),
            }
            out.push_str("    }\n");
        }
        if let Some(days) = rule.abort_multipart_days {
            out.push_str(&format!(
                "\n    abort_incomplete_multipart_upload {{\n      days_after_initiation = {days}\n    }}\n"
            ));
        }
        out.push_str("  }\n}\n");
    }

    if let Some(policy) = setup.bucket_policy {
        out.push_str(&format!(
            "\n# The bucket policy: refuse every request that does not use TLS (HTTPS).\nresource \"aws_s3_bucket_policy\" \"backups\" {{\n  bucket = {bucket_ref}\n  policy = jsonencode({})\n\n  # One change at a time on a new bucket: S3 can answer OperationAborted to a bucket policy and a\n  # public access block put at once.\n  depends_on = [aws_s3_bucket_public_access_block.backups]\n}}\n",
            expression(policy, 2)
        ));
    }

    out.push_str(&format!(
        "\n# The IAM user the backup tool signs in as; it gets no console password.\nresource \"aws_iam_user\" \"backup\" {{\n  name = {}\n}}\n",
        string(&spec.user_name)
    ));
    out.push_str(&format!(
        "\n# {}\nresource \"aws_iam_policy\" \"backup\" {{\n  name = {}\n  policy = jsonencode({})\n}}\n\nresource \"aws_iam_user_policy_attachment\" \"backup\" {{\n  user       = aws_iam_user.backup.name\n  policy_arn = aws_iam_policy.backup.arn\n}}\n",
        setup.policy_comment(),
        string(&spec.policy_name),
        expression(setup.policy, 2)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn strings_are_literal() {
        assert_eq!(string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(string("${x} %{y} $z"), "\"$${x} %%{y} $z\"");
        assert_eq!(string("\u{85}"), "\"\\u0085\"");
    }

    #[test]
    fn keys_and_nesting() {
        assert_eq!(key("Version"), "Version");
        assert_eq!(key("s3:prefix"), "\"s3:prefix\"");
        assert_eq!(
            expression(&json!({"A": [1, "b"], "c:d": {}}), 0),
            "{\n  A = [\n    1,\n    \"b\",\n  ]\n  \"c:d\" = {}\n}"
        );
    }
}
