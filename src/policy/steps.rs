//! Console steps, in order, with today's S3 and IAM console labels and the exact values to type.
//!
//! Labels follow AWS's console guides: creating a bucket
//! (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html>), creating an IAM user
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html>), creating a policy with the JSON
//! editor (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_create-console.html>) and creating a
//! lifecycle rule (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-set-lifecycle-configuration-intro.html>).

use super::bucket::account_regional;
use super::derive::{PolicySize, Step};
use super::lifecycle::RULE_ID;
use super::spec::Spec;

/// The steps that apply to `spec`, in the order to do them.
pub(crate) fn steps(spec: &Spec, size: &PolicySize) -> Vec<Step> {
    let mut out = Vec::new();
    if spec.create_bucket {
        out.push(bucket_by_tool(spec));
    } else {
        out.push(create_bucket(spec));
        out.extend(object_lock_retention(spec));
        out.extend(bucket_policy(spec));
    }
    out.push(create_policy(spec, size));
    out.push(create_user(spec));
    out.push(access_key(spec));
    if spec.create_bucket {
        // The bucket exists only after the plugin's first request, so its settings and the lifecycle rule come last.
        out.push(plugin_settings(spec));
        if spec.versioning || spec.acl_actions || spec.kms_key.is_some() {
            out.push(settings_after_creation(spec));
        }
        out.extend(object_lock_retention(spec));
        out.extend(bucket_policy(spec));
        out.extend(lifecycle(spec));
    } else {
        out.extend(lifecycle(spec));
        out.push(plugin_settings(spec));
    }
    out
}

fn object_ownership(spec: &Spec) -> String {
    if spec.acl_actions {
        "\"Object Ownership\": choose \"ACLs enabled\", then \"Bucket owner preferred\": the policy's ACL actions \
         (`s3:PutObjectAcl` and the others) only work on a bucket with ACLs enabled, and UpdraftPlus asks for the \
         `private` ACL on every upload, which AWS rejects on a bucket with ACLs disabled"
            .to_owned()
    } else {
        "\"Object Ownership\": keep \"ACLs disabled (recommended)\": the policy grants no ACL actions, and with ACLs \
         disabled no request can change who may read a backup"
            .to_owned()
    }
}

fn create_bucket(spec: &Spec) -> Step {
    // The console creates a bucket in the Region chosen in its navigation bar; the form's
    // "General configuration" only shows it (create-bucket-overview.html).
    let region = match (spec.region, &spec.kms_key) {
        (Some(region), _) => Some(format!("`{region}`")),
        (None, Some(key)) => Some(format!("`{}`, the Region of your KMS key", key.region())),
        (None, None) => None,
    };
    let mut details = vec![
        format!(
            "Open the S3 console ({}/s3/); in the navigation bar at the top of the page choose the Region {}, then in the left navigation pane choose \"General purpose buckets\" and \"Create bucket\"",
            spec.partition.console(),
            region.as_deref().unwrap_or("nearest to your site")
        ),
        match account_regional(spec.bucket.as_str()) {
            // "When you create a general purpose bucket in your account regional namespace using
            // the console, a suffix is automatically added to the bucket name prefix that you
            // provide." (gpbucketnamespaces.html)
            None => format!(
                "\"Bucket name\": `{}`; use this bucket for these backups only. Create it in the global namespace: in your account regional namespace the console adds a suffix to the name you type, and the policy would not match the bucket",
                spec.bucket
            ),
            Some(named) => {
                let suffix = format!("-{}-{}-an", named.account, named.region);
                format!(
                    "Create it in your account regional namespace; \"Bucket name\": type `{}` only, as the console adds the suffix `{suffix}` itself, then check that the full name it shows is exactly `{}`: AWS accepts that suffix only when `{}` is your AWS account ID. Use this bucket for these backups only",
                    spec.bucket.as_str().strip_suffix(suffix.as_str()).unwrap_or(spec.bucket.as_str()),
                    spec.bucket,
                    named.account
                )
            }
        },
    ];
    if let Some(region) = &region {
        details.push(format!(
            "\"General configuration\": check that the AWS Region is {region}"
        ));
    }
    details.extend([
        object_ownership(spec),
        "\"Block Public Access settings for this bucket\": keep \"Block all public access\" ticked"
            .to_owned(),
    ]);
    if spec.object_lock.is_some() {
        details.push(
            "\"Bucket Versioning\": choose \"Enable\" (Object Lock needs it, and S3 never lets it be suspended afterwards)"
                .to_owned(),
        );
    } else if spec.versioning {
        details.push(
            "\"Bucket Versioning\": choose \"Enable\", so an overwritten backup keeps its previous version".to_owned(),
        );
    } else {
        details.push("\"Bucket Versioning\": leave \"Disable\"".to_owned());
    }
    if let Some(key) = &spec.kms_key {
        details.push(format!(
            "\"Default encryption\": \"Encryption type\": \"Server-side encryption with AWS Key Management Service keys (SSE-KMS)\"; \"AWS KMS key\": \"Enter AWS KMS key ARN\": `{key}`; \"Bucket Key\": \"Enable\""
        ));
    }
    if let Some(lock) = spec.object_lock {
        details.push(format!(
            "\"Advanced settings\", \"Object Lock\": choose \"Enable\" and tick the acknowledgement: it cannot be turned off later, and the {} mode default retention follows in the next step",
            lock.mode.label()
        ));
    }
    details.push("Choose \"Create bucket\"".to_owned());
    Step {
        id: "create-bucket",
        title: format!("Create the bucket `{}`", spec.bucket),
        details,
    }
}

fn bucket_by_tool(spec: &Spec) -> Step {
    Step {
        id: "bucket-by-tool",
        title: format!("Leave creating `{}` to UpdraftPlus", spec.bucket),
        details: vec![
            format!(
                "Do not create the bucket: the policy grants `s3:CreateBucket` on `{}` only, and UpdraftPlus creates it on the first backup or \"Test S3 Settings\"",
                super::iam::bucket_arn(spec)
            ),
            "AWS gives a new bucket its defaults: ACLs disabled, \"Block all public access\" on, versioning off, encryption with SSE-S3".to_owned(),
        ],
    }
}

/// Object Lock's default retention, set on the bucket's "Properties" tab once Object Lock is enabled
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html>).
fn object_lock_retention(spec: &Spec) -> Option<Step> {
    let lock = spec.object_lock?;
    let mut details = vec![format!(
        "In the S3 console open `{}`, choose the \"Properties\" tab, then under \"Object Lock\" choose \"Edit\"",
        spec.bucket
    )];
    if spec.create_bucket {
        // Enabling Object Lock on an existing bucket and setting its default retention are two
        // edits in AWS's procedure (object-lock-configure.html).
        details.push(
            "\"Object Lock\": choose \"Enable\", tick the acknowledgement and choose \"Save changes\": S3 allows it on an existing bucket with versioning on, and it cannot be turned off later"
                .to_owned(),
        );
        details.push("Under \"Object Lock\" choose \"Edit\" again".to_owned());
    }
    details.push("\"Default retention\": choose \"Enable\"".to_owned());
    details.push(format!(
        "\"Retention mode\": \"{} mode\"; \"Default retention period\": `{}` in \"Days\"",
        lock.mode.label(),
        lock.retention_days
    ));
    details.push(match lock.mode {
        super::ObjectLockMode::Governance => "Governance mode: nobody without `s3:BypassGovernanceRetention` can delete a locked version early; the backup user never gets it".to_owned(),
        super::ObjectLockMode::Compliance => format!("Compliance mode: nobody, not even the root user, can delete a locked version or shorten its lock before its {} days are over, and you pay for its storage until then", lock.retention_days),
    });
    details.push("Choose \"Save changes\"".to_owned());
    Some(Step {
        id: "object-lock",
        title: format!(
            "Lock every new backup version for {} days",
            lock.retention_days
        ),
        details,
    })
}

/// The bucket policy, pasted on the "Permissions" tab.
fn bucket_policy(spec: &Spec) -> Option<Step> {
    if !spec.tls_only {
        return None;
    }
    Some(Step {
        id: "bucket-policy",
        title: "Refuse connections without TLS".to_owned(),
        details: vec![
            format!(
                "In the S3 console open `{}`, choose the \"Permissions\" tab, then under \"Bucket policy\" choose \"Edit\"",
                spec.bucket
            ),
            "Paste the bucket policy shown here and choose \"Save changes\"".to_owned(),
            format!(
                "Or, with the AWS CLI: `aws s3api put-bucket-policy --bucket {} --policy file://bucket-policy.json`",
                spec.bucket
            ),
        ],
    })
}

fn create_policy(spec: &Spec, size: &PolicySize) -> Step {
    let mut details = vec![
        format!("Open the IAM console ({}/iam/), choose \"Policies\", then \"Create policy\"", spec.partition.console()),
        "In the \"Policy editor\" choose \"JSON\" and replace everything with the policy shown here".to_owned(),
        format!("Choose \"Next\"; \"Policy name\": `{}`; choose \"Create policy\"", spec.policy_name),
    ];
    let fit = if size.fits_inline() {
        format!(
            "The policy is {} characters without white space: within the {} of a managed policy, and the {} of a user's inline policies if you prefer \"Create inline policy\" on the user",
            thousands(size.minified_chars),
            thousands(size.managed_limit),
            thousands(size.inline_limit)
        )
    } else {
        format!(
            "The policy is {} characters without white space: within the {} of a managed policy but over the {} of a user's inline policies, so create it here rather than with \"Create inline policy\"",
            thousands(size.minified_chars),
            thousands(size.managed_limit),
            thousands(size.inline_limit)
        )
    };
    details.push(fit);
    Step {
        id: "create-policy",
        title: format!("Create the policy `{}`", spec.policy_name),
        details,
    }
}

fn create_user(spec: &Spec) -> Step {
    Step {
        id: "create-user",
        title: format!("Create the IAM user `{}`", spec.user_name),
        details: vec![
            "In the IAM console choose \"Users\", then \"Create user\"".to_owned(),
            format!(
                "\"User name\": `{}`; leave \"Provide user access to the AWS Management Console\" unticked: the backup tool needs only an access key",
                spec.user_name
            ),
            format!(
                "Choose \"Next\"; under \"Permissions options\" choose \"Attach policies directly\", search for `{}` and tick it",
                spec.policy_name
            ),
            "Choose \"Next\", then \"Create user\"".to_owned(),
            "Never give the backup tool your root (\"master\") access keys: they can do anything to every bucket in the account".to_owned(),
        ],
    }
}

fn access_key(spec: &Spec) -> Step {
    Step {
        id: "access-key",
        title: format!("Create an access key for `{}`", spec.user_name),
        details: vec![
            format!("In \"Users\" open `{}`, choose the \"Security credentials\" tab, then \"Create access key\"", spec.user_name),
            // AWS: "If you determine that your use case still requires an access key, choose Other
            // and then choose Next." (IAM User Guide, managing access keys for IAM users)
            "On \"Access key best practices & alternatives\" choose \"Other\", then \"Next\"; a description tag is optional; choose \"Create access key\"".to_owned(),
            "Copy the \"Access key\" and the \"Secret access key\", or choose \"Download .csv file\", before you choose \"Done\": the secret is shown only once".to_owned(),
        ],
    }
}

fn lifecycle(spec: &Spec) -> Option<Step> {
    let rule = spec.lifecycle;
    if rule.is_empty() {
        return None;
    }
    let mut details = vec![
        format!("In the S3 console open `{}`, choose the \"Management\" tab, then \"Create lifecycle rule\"", spec.bucket),
        format!("\"Lifecycle rule name\": `{RULE_ID}`"),
    ];
    if spec.prefix.is_empty() {
        details.push(
            "\"Choose a rule scope\": \"Apply to all objects in the bucket\", and tick the acknowledgement".to_owned(),
        );
    } else {
        details.push(format!(
            "\"Choose a rule scope\": \"Limit the scope of this rule using one or more filters\"; \"Prefix\": `{}`",
            spec.prefix
        ));
    }
    let mut ticks = Vec::new();
    if rule.expiration_days.is_some() {
        ticks.push("\"Expire current versions of objects\"");
    }
    if rule.noncurrent_days.is_some() {
        ticks.push("\"Permanently delete noncurrent versions of objects\"");
    }
    let markers = rule.removes_expired_delete_markers();
    if rule.abort_multipart_days.is_some() || markers {
        ticks.push("\"Delete expired object delete markers or incomplete multipart uploads\"");
    }
    details.push(format!(
        "\"Lifecycle rule actions\": tick {}",
        ticks.join(", ")
    ));
    if let Some(days) = rule.expiration_days {
        details.push(format!(
            "\"Expire current versions of objects\": \"Days after object creation\": `{days}`"
        ));
    }
    if let Some(days) = rule.noncurrent_days {
        let keep = match rule.newer_noncurrent_versions {
            Some(n) => format!("`{n}`"),
            None => "leave empty".to_owned(),
        };
        details.push(format!(
            "\"Permanently delete noncurrent versions of objects\": \"Days after objects become noncurrent\": `{days}`; \"Number of newer versions to retain\": {keep}"
        ));
    }
    if markers {
        details.push("Tick \"Delete expired object delete markers\"".to_owned());
    }
    if let Some(days) = rule.abort_multipart_days {
        details.push(format!(
            "Tick \"Delete incomplete multipart uploads\"; \"Number of days\": `{days}`"
        ));
    }
    details.push("Choose \"Create rule\"".to_owned());
    details.push(format!(
        "Or, with the AWS CLI: `aws s3api put-bucket-lifecycle-configuration --bucket {} --lifecycle-configuration file://lifecycle.json` with the lifecycle rule shown here",
        spec.bucket
    ));
    Some(Step {
        id: "lifecycle",
        title: "Add the lifecycle rule".to_owned(),
        details,
    })
}

fn plugin_settings(spec: &Spec) -> Step {
    let location = if spec.prefix.is_empty() {
        spec.bucket.to_string()
    } else {
        format!(
            "{}/{}",
            spec.bucket,
            spec.prefix.as_str().trim_end_matches('/')
        )
    };
    let mut details = vec![
        "In WordPress open \"Settings\", \"UpdraftPlus Backups\", the \"Settings\" tab, and choose Amazon S3 as remote storage".to_owned(),
        "Paste the access key and the secret access key".to_owned(),
        format!("\"S3 location\": `{location}`"),
    ];
    if spec.tls_only {
        details.push(
            "In \"Expert settings\" leave \"Disable SSL entirely where possible\" unticked: the bucket policy refuses requests without TLS"
                .to_owned(),
        );
    }
    // A bucket the plugin creates starts with ACLs disabled, and its uploads ask for an ACL: the
    // first test can only create the bucket, and the next step turns ACLs on.
    let first_test_fails = spec.create_bucket && spec.acl_actions;
    details.push(if first_test_fails {
        "Choose \"Test S3 Settings\" once, before any backup: it creates the bucket, but its upload fails (AccessControlListNotSupported) because a new bucket has ACLs disabled; the next step turns them on".to_owned()
    } else {
        "Choose \"Test S3 Settings\"".to_owned()
    });
    if !spec.allow_delete && !first_test_fails {
        // On a versioned bucket, expiring the current version only adds a delete marker: the
        // file's data stays as a noncurrent version until the noncurrent rule removes it.
        let until = match (
            spec.lifecycle.expiration_days,
            spec.versioning,
            spec.lifecycle.noncurrent_days,
        ) {
            (Some(days), true, Some(_)) if spec.lifecycle.newer_noncurrent_versions.is_some() => format!(
                " until the lifecycle rule expires it after {days} days; its old version then stays, because the rule keeps the newest old versions of every file"
            ),
            (Some(days), true, Some(later)) => format!(
                " until the lifecycle rule expires it after {days} days and deletes its old version {later} days later"
            ),
            (Some(days), true, None) => format!(
                " until the lifecycle rule expires it after {days} days; on a versioned bucket it then stays as an old version until someone deletes it"
            ),
            (Some(days), false, _) => {
                format!(" until the lifecycle rule expires it after {days} days")
            }
            (None, ..) => String::new(),
        };
        details.push(format!(
            "The test reports that it could not delete its test file: expected without delete permission, and the file stays in the bucket{until}"
        ));
    }
    details.push("Save the settings".to_owned());
    Step {
        id: "plugin-settings",
        title: "Enter the key in UpdraftPlus".to_owned(),
        details,
    }
}

fn settings_after_creation(spec: &Spec) -> Step {
    // With ACL actions the plugin's first test only creates the bucket (see `plugin_settings`).
    let after = if spec.acl_actions {
        "that first settings test"
    } else {
        "the first backup or settings test"
    };
    let mut details = vec![format!(
        "After {after}, open `{}` in the S3 console",
        spec.bucket
    )];
    if spec.versioning {
        details.push(
            "\"Properties\" tab, \"Bucket Versioning\", \"Edit\": choose \"Enable\", then \"Save changes\"; UpdraftPlus cannot, because the policy does not grant `s3:PutBucketVersioning`"
                .to_owned(),
        );
    }
    if spec.acl_actions {
        details.push(format!(
            "\"Permissions\" tab, \"Object Ownership\", \"Edit\": {}; then \"Save changes\"",
            object_ownership(spec).trim_start_matches("\"Object Ownership\": ")
        ));
    }
    if let Some(key) = &spec.kms_key {
        details.push(format!(
            "\"Properties\" tab, \"Default encryption\", \"Edit\": \"Server-side encryption with AWS Key Management Service keys (SSE-KMS)\", \"Enter AWS KMS key ARN\": `{key}`, \"Bucket Key\": \"Enable\", then \"Save changes\""
        ));
    }
    if spec.acl_actions {
        let delete = if spec.allow_delete {
            ""
        } else {
            ", and only the delete of its test file fails, as expected without delete permission"
        };
        details.push(format!(
            "Back in UpdraftPlus choose \"Test S3 Settings\" again: the upload now succeeds{delete}"
        ));
    }
    Step {
        id: "bucket-settings",
        title: format!("Change the settings of the new bucket `{}`", spec.bucket),
        details,
    }
}

/// `6144` as `6,144`, as AWS writes its limits.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_separator() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(470), "470");
        assert_eq!(thousands(2048), "2,048");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
