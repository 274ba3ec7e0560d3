//! The AWS CLI export: a bash script of `aws s3api` and `aws iam` calls, one commented call per setting.
//!
//! Values go into single quotes (a `'` inside becomes `'\''`), JSON documents into quoted here-documents, which the
//! shell never expands; the script passes `shellcheck` (checked in `tests/exports_validate.rs`). Command reference:
//! <https://docs.aws.amazon.com/cli/latest/reference/s3api/> and <https://docs.aws.amazon.com/cli/latest/reference/iam/>.

use crate::json;
use crate::policy::bucket::account_regional;
use crate::policy::json::Value;

use super::Setup;
use crate::policy::partition::needs_location_constraint;

/// `value` quoted for a POSIX shell: `it's` becomes `'it'\''s'`.
fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// A JSON document in a shell variable through a quoted here-document (no expansion inside).
///
/// INVARIANT: pretty-printed JSON never has a line that is exactly `JSON`: every line but the braces is indented.
fn json_variable(out: &mut String, name: &str, value: &Value) {
    let text = value.to_pretty();
    out.push_str(&format!("{name}=$(cat <<'JSON'\n{text}\nJSON\n)\n"));
}

/// One commented `aws` call; `args` continue on indented lines.
fn call(out: &mut String, comment: &[&str], command: &str, args: &[String]) {
    out.push('\n');
    for line in comment {
        out.push_str(&format!("# {line}\n"));
    }
    command_line(out, command, args);
}

/// One commented `aws` call that takes the JSON document `value` from the shell variable `name`.
fn call_with_json(
    out: &mut String,
    comment: &str,
    (name, value): (&str, &Value),
    command: &str,
    args: &[String],
) {
    out.push_str(&format!("\n# {comment}\n"));
    json_variable(out, name, value);
    command_line(out, command, args);
}

fn command_line(out: &mut String, command: &str, args: &[String]) {
    out.push_str(command);
    for arg in args {
        out.push_str(" \\\n  ");
        out.push_str(arg);
    }
    out.push('\n');
}

/// The script.
pub(super) fn script(setup: &Setup<'_>) -> String {
    let spec = setup.spec;
    let mut out = String::from("#!/usr/bin/env bash\n");
    for line in setup.header("Creates") {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(
        "# Run it once, with the credentials of an administrator of the account (`aws configure` or AWS_PROFILE).\n",
    );
    out.push_str(
        "# Any failing call stops the script (set -e), so nothing is half-configured silently.\n",
    );
    out.push_str("set -euo pipefail\n\n");
    out.push_str(&format!("BUCKET={}\n", quote(spec.bucket.as_str())));
    out.push_str(&format!("REGION={}\n", quote(setup.region)));
    out.push_str(&format!("USER_NAME={}\n", quote(&spec.user_name)));
    out.push_str(&format!("POLICY_NAME={}\n", quote(&spec.policy_name)));

    let on_bucket = |extra: &[String]| {
        let mut args = vec![
            "--bucket \"$BUCKET\"".to_owned(),
            "--region \"$REGION\"".to_owned(),
        ];
        args.extend_from_slice(extra);
        args
    };

    let mut create = Vec::new();
    // AWS: "specify the x-amz-bucket-namespace request header with the value set to
    // account-regional" (bucketnamingrules.html), which the CLI sends as `--bucket-namespace`.
    let mut comment = if account_regional(spec.bucket.as_str()).is_some() {
        create.push("--bucket-namespace account-regional".to_owned());
        vec!["Create the bucket in your account regional namespace, the only one that takes a name ending in your account ID, Region and -an (an AWS CLI from March 2026 or later knows --bucket-namespace)."]
    } else {
        vec!["Create the bucket (bucket names are shared by all accounts: this fails if another account has one by this name)."]
    };
    if needs_location_constraint(setup.region) {
        create.push("--create-bucket-configuration \"LocationConstraint=$REGION\"".to_owned());
        comment.push("Outside us-east-1, S3 needs the Region again as LocationConstraint.");
    }
    if spec.object_lock.is_some() {
        create.push("--object-lock-enabled-for-bucket".to_owned());
        comment.push(
            "Object Lock is switched on at creation, which also turns versioning on for good.",
        );
    }
    call(
        &mut out,
        &comment,
        "aws s3api create-bucket",
        &on_bucket(&create),
    );

    call(
        &mut out,
        &["Block all public access, so no ACL or bucket policy can make a backup public while it stays on."],
        "aws s3api put-public-access-block",
        &on_bucket(&[
            "--public-access-block-configuration 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true'".to_owned(),
        ]),
    );

    let ownership_comment = if spec.acl_actions {
        "Object Ownership \"Bucket owner preferred\": turns ACLs on (a new bucket has them off), because UpdraftPlus sends the `private` ACL with uploads."
    } else {
        "Object Ownership \"Bucket owner enforced\": ACLs disabled, so no request can change who may read a backup."
    };
    call(
        &mut out,
        &[ownership_comment],
        "aws s3api put-bucket-ownership-controls",
        &on_bucket(&[format!(
            "--ownership-controls 'Rules=[{{ObjectOwnership={}}}]'",
            setup.object_ownership()
        )]),
    );

    if spec.versioning {
        call(
            &mut out,
            &["Versioning: an overwritten or deleted backup keeps its previous version."],
            "aws s3api put-bucket-versioning",
            &on_bucket(&["--versioning-configuration Status=Enabled".to_owned()]),
        );
    }

    if let Some(lock) = spec.object_lock {
        let config = json!({
            "ObjectLockEnabled": "Enabled",
            "Rule": { "DefaultRetention": { "Mode": lock.mode.api(), "Days": lock.retention_days } }
        });
        let what = format!(
            "Default retention: every new backup version is locked for {} days in {} mode.",
            lock.retention_days,
            lock.mode.label()
        );
        call(
            &mut out,
            &[&what],
            "aws s3api put-object-lock-configuration",
            &on_bucket(&[format!(
                "--object-lock-configuration {}",
                quote(&config.to_string())
            )]),
        );
    }

    if let Some(key) = &spec.kms_key {
        let config = json!({ "Rules": [{
            "ApplyServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key.as_str() },
            "BucketKeyEnabled": true
        }]});
        call(
            &mut out,
            &["Default encryption SSE-KMS with your key; an S3 Bucket Key cuts the number of KMS requests."],
            "aws s3api put-bucket-encryption",
            &on_bucket(&[format!(
                "--server-side-encryption-configuration {}",
                quote(&config.to_string())
            )]),
        );
    }

    if let Some(lifecycle) = setup.lifecycle {
        call_with_json(
            &mut out,
            &setup.lifecycle_comment(),
            ("LIFECYCLE", lifecycle),
            "aws s3api put-bucket-lifecycle-configuration",
            &on_bucket(&["--lifecycle-configuration \"$LIFECYCLE\"".to_owned()]),
        );
    }

    if let Some(policy) = setup.bucket_policy {
        call_with_json(
            &mut out,
            "The bucket policy: refuse every request that does not use TLS (HTTPS).",
            ("BUCKET_POLICY", policy),
            "aws s3api put-bucket-policy",
            &on_bucket(&["--policy \"$BUCKET_POLICY\"".to_owned()]),
        );
    }

    call(
        &mut out,
        &["The IAM user the backup tool signs in as; it gets no console password."],
        "aws iam create-user",
        &[
            "--user-name \"$USER_NAME\"".to_owned(),
            "--region \"$REGION\"".to_owned(),
        ],
    );
    out.push_str(&format!("\n# {}\n", setup.policy_comment()));
    json_variable(&mut out, "USER_POLICY", setup.policy);
    out.push_str("POLICY_ARN=$(aws iam create-policy \\\n  --policy-name \"$POLICY_NAME\" \\\n  --policy-document \"$USER_POLICY\" \\\n  --region \"$REGION\" \\\n  --query Policy.Arn \\\n  --output text)\n");
    call(
        &mut out,
        &["Attach it to the user."],
        "aws iam attach-user-policy",
        &[
            "--user-name \"$USER_NAME\"".to_owned(),
            "--policy-arn \"$POLICY_ARN\"".to_owned(),
            "--region \"$REGION\"".to_owned(),
        ],
    );
    call(
        &mut out,
        &[
            "The access key for UpdraftPlus: prints the key ID and the secret, which AWS shows only this once.",
            "Paste both into UpdraftPlus, then clear your terminal's scrollback.",
        ],
        "aws iam create-access-key",
        &[
            "--user-name \"$USER_NAME\"".to_owned(),
            "--region \"$REGION\"".to_owned(),
            "--query 'AccessKey.[AccessKeyId,SecretAccessKey]'".to_owned(),
            "--output text".to_owned(),
        ],
    );
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_single_quotes() {
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("$HOME `x`"), "'$HOME `x`'");
    }
}
