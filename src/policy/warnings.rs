//! Consequences of the choices, each with a severity and a one-line why; most come straight from the FAQ.

use super::bucket::account_regional;
use super::derive::{PolicySize, Severity, Warning};
use super::options::ObjectLockMode;
use super::partition::Partition;
use super::spec::Spec;

/// Noncurrent versions kept for fewer days than this may be gone before a break-in is noticed.
pub(crate) const NOTICE_DAYS: u32 = 30;
/// The title of the `keep-versions-forever` warning, which other warnings refer to.
const KEPT_FOREVER: &str = "Deleted and expired backups are kept forever";

fn warn(
    id: &'static str,
    severity: Severity,
    title: impl Into<String>,
    why: impl Into<String>,
) -> Warning {
    Warning {
        id,
        severity,
        title: title.into(),
        why: why.into(),
    }
}

/// The warnings that apply to `spec`, most severe first (stable within a severity).
pub(crate) fn warnings(spec: &Spec, size: &PolicySize) -> Vec<Warning> {
    let mut out = Vec::new();
    let rule = spec.lifecycle;

    if let Some(named) = account_regional(spec.bucket.as_str()) {
        out.push(warn(
            "account-regional-name",
            Severity::Warning,
            "Create this bucket in your account regional namespace",
            format!(
                "`{}` ends with an account ID, a Region and `-an`, so AWS creates it only in the account regional namespace of account `{}` in `{}`, and only when that account is yours; the console steps and the AWS CLI, Terraform and CloudFormation code here create it there",
                spec.bucket, named.account, named.region
            ),
        ));
    }

    match (spec.allow_delete, spec.versioning) {
        (true, false) => out.push(warn(
            "delete-no-versioning",
            Severity::Danger,
            "A stolen key can destroy every backup",
            "The policy allows `s3:DeleteObject` and versioning is off, so whoever steals the key from your site can delete every backup and nothing keeps a copy",
        )),
        (true, true) if spec.object_lock.is_some() => out.push(warn(
            "delete-versions-locked",
            Severity::Danger,
            "A stolen key can delete old versions once their lock ends",
            format!(
                "`s3:DeleteObjectVersion` is refused on a locked version, so backups are safe for {} days after upload; after that the key can remove them for good, so turn delete off to keep them until the lifecycle rule does",
                spec.object_lock.map_or(0, |l| l.retention_days)
            ),
        )),
        (true, true) => out.push(warn(
            "delete-versions",
            Severity::Danger,
            "A stolen key can permanently delete old versions",
            "`s3:DeleteObjectVersion` removes a version for good, so versioning does not protect the backups from whoever steals the key; turn delete off to keep backups taken before a break-in clean",
        )),
        (false, false) => out.push(warn(
            "overwrite-no-versioning",
            Severity::Danger,
            "A stolen key can still overwrite backups",
            "Without delete the key cannot remove backups, but `s3:PutObject` can replace one with a tampered file, which the FAQ calls effectively deleting it; turn versioning on so the previous version remains",
        )),
        (false, true) => out.push(warn(
            "overwrite-kept",
            Severity::Info,
            "Overwritten backups keep their previous version",
            "`s3:PutObject` can still overwrite a backup, but versioning keeps the previous version: to restore it, turn on \"Show versions\" in the S3 console and download that version, or copy it over the current one",
        )),
    }

    if spec.create_bucket {
        // The console steps: UpdraftPlus asks for the `private` ACL on every upload, which AWS
        // rejects on a bucket with ACLs disabled, so the ACLs must be on before the first upload.
        let acls = if spec.acl_actions {
            "; ACLs start disabled too, which rejects the `private` ACL UpdraftPlus sends with every upload, so as soon as the bucket exists set \"Object Ownership\" to \"ACLs enabled\", \"Bucket owner preferred\""
        } else {
            ""
        };
        if spec.versioning {
            out.push(warn(
                "tool-creates-bucket",
                Severity::Warning,
                "The new bucket starts without versioning",
                format!("UpdraftPlus creates the bucket with AWS's defaults and cannot turn versioning on, because the policy deliberately lacks `s3:PutBucketVersioning` (which would also let a stolen key suspend it); turn it on yourself as soon as UpdraftPlus has created the bucket (\"Test S3 Settings\" does), before the first backup{acls}"),
            ));
        } else {
            out.push(warn(
                "tool-creates-bucket",
                // Uploads fail until the ACLs are on.
                if spec.acl_actions { Severity::Warning } else { Severity::Info },
                "The new bucket gets AWS's defaults",
                format!("UpdraftPlus creates the bucket with \"Block all public access\" on and versioning off{acls}"),
            ));
        }
        // UpdraftPlus's Amazon S3 settings have no Region, and it creates a missing bucket with
        // `putBucket($bucket, ACL_PRIVATE)`, no location: S3 then uses US East (N. Virginia)
        // (API_CreateBucketConfiguration: "If you don't specify a Region, the bucket is created in
        // the US East (N. Virginia) Region (us-east-1) by default").
        if let Some(region) = spec
            .bucket_region()
            .filter(|r| spec.partition == Partition::Aws && *r != "us-east-1")
        {
            let key = if spec.kms_key.is_some() {
                ", where the KMS key in `".to_owned() + region + "` cannot encrypt it"
            } else {
                String::new()
            };
            out.push(warn(
                "tool-creates-in-us-east-1",
                Severity::Warning,
                format!("UpdraftPlus would create the bucket in `us-east-1`, not `{region}`"),
                format!("UpdraftPlus's Amazon S3 settings have no Region, and it creates a missing bucket without one, so S3 puts it in US East (N. Virginia){key}: to keep the backups in `{region}`, create the bucket there yourself and untick \"Let the backup tool create the bucket\" (`--no-create-bucket`)"),
            ));
        }
    } else {
        out.push(warn(
            "bucket-must-exist",
            Severity::Info,
            "Create the bucket before the first backup",
            "The FAQ says UpdraftPlus creates a missing bucket, but this policy has no `s3:CreateBucket`, so the plugin cannot",
        ));
    }

    if !spec.allow_delete {
        if rule.expiration_days.is_some() {
            let instead = if spec.versioning && rule.newer_noncurrent_versions.is_some() {
                format!("the lifecycle rule expires them by age instead, but their old versions stay (see \"{KEPT_FOREVER}\")")
            } else {
                "the lifecycle rule removes them by age instead".to_owned()
            };
            out.push(warn(
                "retain-no-effect",
                Severity::Info,
                "UpdraftPlus's \"retain this many\" setting has no effect",
                format!(
                    "The plugin cannot delete old backup sets without `s3:DeleteObject`; {instead}"
                ),
            ));
        } else {
            out.push(warn(
                "backups-pile-up",
                Severity::Warning,
                "Old backups are never removed",
                "UpdraftPlus's \"retain this many\" setting has no effect without `s3:DeleteObject`, and no lifecycle rule expires backups, so storage grows with every backup",
            ));
        }
        out.push(warn(
            "test-delete-fails",
            Severity::Info,
            "\"Test S3 Settings\" reports a failed delete",
            "Expected without delete permission: each test uploads a file, cannot delete it and leaves it in the bucket",
        ));
        out.push(warn(
            "restore-from-console",
            Severity::Info,
            "Restore from the S3 console",
            "The FAQ advises retrieving backup sets directly from the Amazon S3 console rather than with the UpdraftPlus dashboard's built-in method",
        ));
    }

    if spec.versioning {
        match rule.noncurrent_days {
            None => out.push(warn(
                "versioning-no-lifecycle",
                Severity::Warning,
                "Old versions are kept forever",
                "With versioning on and no noncurrent-version expiry, every overwritten or deleted backup stays stored and billed forever",
            )),
            Some(days) if days < NOTICE_DAYS => out.push(warn(
                "noncurrent-short",
                Severity::Warning,
                format!("Overwritten backups are gone after {days} {}", if days == 1 { "day" } else { "days" }),
                format!(
                    "If a break-in goes unnoticed for longer than that, the clean versions an attacker overwrote are deleted for good; keep them at least {NOTICE_DAYS} days"
                ),
            )),
            Some(_) => {}
        }
        if let (Some(_), Some(keep)) = (rule.noncurrent_days, rule.newer_noncurrent_versions) {
            // S3 deletes a noncurrent version only beyond the `keep` newest of the same key, and
            // UpdraftPlus names every backup file afresh: a key rarely has more than one.
            out.push(warn(
                "keep-versions-forever",
                Severity::Warning,
                KEPT_FOREVER,
                format!(
                    "S3 deletes an old version only when at least {keep} newer old {} of the same file exist, and UpdraftPlus gives every backup file a new name, so the old version of each deleted or expired backup stays stored and billed forever: leave \"Old versions to keep per file, whatever their age\" empty",
                    if keep == 1 { "version" } else { "versions" }
                ),
            ));
        }
    } else if rule.noncurrent_days.is_some() {
        // Versioning once on can only be suspended, and a suspended bucket keeps its versions.
        // AWS: "If versioning is suspended for a bucket, a DELETE request: [...] Inserts a delete
        // marker into the bucket." (DeletingObjectsfromVersioningSuspendedBuckets.html)
        out.push(warn(
            "noncurrent-no-versioning",
            Severity::Info,
            "The noncurrent-version expiry needs versioning",
            "A bucket that never had versioning on has no noncurrent versions, so the rule removes nothing there; keep it for a bucket whose versioning was on once and is now suspended, which keeps its old versions",
        ));
    }

    // The exports need a Region to create the bucket in; without a choice (or a KMS key that
    // names one) they use the partition's first Region, which the page should not hide.
    if spec.bucket_region().is_none() {
        let region = spec.partition.default_region();
        out.push(warn(
            "exports-default-region",
            Severity::Info,
            format!("The code exports create the bucket in `{region}`"),
            format!("No Region is chosen, so the AWS CLI, Terraform and CloudFormation code use `{region}`: choose the Region nearest your site under \"Bucket Region\" (`--region` in the CLI) before you run them"),
        ));
    }

    if let Some(days) = rule.expiration_days {
        let kept = match (spec.versioning, rule.noncurrent_days) {
            (true, Some(_)) if rule.newer_noncurrent_versions.is_some() => {
                format!("; with versioning they then stay as noncurrent versions, which the rule never deletes (see \"{KEPT_FOREVER}\")")
            }
            (true, Some(n)) => format!("; with versioning they stay restorable for {n} more days"),
            (true, None) => {
                "; with versioning they stay restorable as noncurrent versions".to_owned()
            }
            (false, _) => String::new(),
        };
        out.push(warn(
            "expiration",
            Severity::Info,
            format!("Backups are removed {days} {} after upload", if days == 1 { "day" } else { "days" }),
            format!("The lifecycle rule expires every backup at that age, even if newer backups have stopped succeeding, so check that backups keep running{kept}"),
        ));
    }

    if let Some(lock) = spec.object_lock {
        let days = lock.retention_days;
        out.push(warn(
            "object-lock",
            Severity::Info,
            format!("Every new backup version is locked for {days} {}", plural(days)),
            "A stolen key cannot delete a locked version, and overwriting a backup only adds a new version while the locked one stays; the lifecycle rule's expiry of a locked version waits until its lock ends, and Object Lock can never be turned off on this bucket",
        ));
        match lock.mode {
            ObjectLockMode::Compliance => out.push(warn(
                "object-lock-compliance",
                Severity::Warning,
                "Compliance mode cannot be undone",
                format!("Nobody, not even the root user, can delete a locked version or shorten its lock before its {days} {} are over, and you pay for its storage until then; try governance mode first", plural(days)),
            )),
            ObjectLockMode::Governance => out.push(warn(
                "object-lock-governance",
                Severity::Info,
                "Governance mode can be bypassed by an administrator",
                "Users with `s3:BypassGovernanceRetention` (never the backup user) can remove a lock early, which lets you clean up, and lets an attacker with administrator credentials do the same",
            )),
        }
        // AWS (PutObject, Content-MD5): "The Content-MD5 or x-amz-sdk-checksum-algorithm header
        // is required for any request to upload an object with a retention period configured
        // using Amazon S3 Object Lock"; a bucket's default retention gives every upload one.
        out.push(warn(
            "object-lock-checksum",
            Severity::Warning,
            "Uploads must carry a checksum",
            "S3 refuses an upload to a bucket with default retention unless it has a Content-MD5 or checksum header: after setting the bucket up, run \"Test S3 Settings\" and a first backup, and if S3 answers that the Content-MD5 header is required, this backup tool cannot use Object Lock",
        ));
        if spec.put_retention {
            out.push(warn(
                "put-retention",
                Severity::Warning,
                "A stolen key can lengthen locks",
                "`s3:PutObjectRetention` lets the key lock files for longer, or put them under an event hold that keeps them locked until someone releases it and for up to 100 years after, and upload files locked in compliance mode, which nobody can shorten, even on a bucket whose default is governance; you pay for their storage until the locks end; UpdraftPlus does not need it, so grant it only to a tool that sets retention itself",
            ));
        }
        if let Some(noncurrent) = rule.noncurrent_days {
            if noncurrent < days {
                out.push(warn(
                    "lock-outlasts-lifecycle",
                    Severity::Info,
                    format!("Old versions can outlast the {noncurrent}-day rule"),
                    format!("Each version is locked for {days} days from its upload, and the lifecycle rule cannot remove it before then: a backup overwritten sooner is kept, and billed, until its lock ends, even when {noncurrent} days as a noncurrent version have passed"),
                ));
            }
        }
    }

    if let Some(key) = &spec.kms_key {
        out.push(warn(
            "kms-key-policy",
            Severity::Warning,
            "The KMS key's policy must allow the user too",
            format!(
                "The IAM policy grants `kms:GenerateDataKey` and `kms:Decrypt` on `{key}`, but KMS also checks the key policy: it must allow `{}`, or allow the account to delegate through IAM policies (the default key policy does); otherwise every upload fails with AccessDenied",
                spec.user_name
            ),
        ));
        out.push(warn(
            "kms-key-lifetime",
            Severity::Info,
            "Backups need the key to be restored",
            "If the KMS key is disabled or deleted, nobody can read the backups encrypted with it; never schedule its deletion while backups depend on it",
        ));
    }

    if spec.tls_only {
        out.push(warn(
            "tls-only",
            Severity::Info,
            "Requests without TLS are refused",
            "The bucket policy denies every request not made over HTTPS, whoever makes it; UpdraftPlus uses HTTPS unless its expert setting to disable SSL is on, and then every request fails with AccessDenied",
        ));
    }

    if rule.removes_expired_delete_markers() && !spec.versioning {
        out.push(warn(
            "markers-no-versioning",
            Severity::Info,
            "Removing expired delete markers needs versioning",
            "A bucket that never had versioning on has no delete markers; keep this for a bucket whose versioning is suspended, where a delete still adds one",
        ));
    }

    if spec.acl_actions {
        out.push(warn(
            "acl-actions",
            Severity::Warning,
            "A stolen key can change who may read a backup",
            "`s3:PutObjectAcl` lets the key grant access to a backup where the bucket has ACLs enabled; \"Block all public access\" stops public grants, so keep it on",
        ));
    } else {
        out.push(warn(
            "no-acl-actions",
            Severity::Warning,
            "Check that the first upload works",
            "UpdraftPlus's S3 code sends the canned ACL `private` with uploads, so uploads may need `s3:PutObjectAcl`, and AWS documents that a bucket with ACLs disabled rejects any ACL but bucket-owner-full-control; if \"Test S3 Settings\" cannot upload (AccessDenied or AccessControlListNotSupported), use the FAQ most secure preset instead",
        ));
    }

    if rule.abort_multipart_days.is_none() {
        out.push(warn(
            "no-abort-multipart",
            Severity::Info,
            "Unfinished uploads are kept",
            "Parts of a multipart upload that never completes stay stored and billed until aborted; add the incomplete multipart upload action",
        ));
    }

    if !size.fits_inline() {
        out.push(warn(
            "too-long-inline",
            Severity::Info,
            "Too long for an inline policy",
            format!(
                "The policy is {} characters without white space, over the {} IAM allows for a user's inline policies; attach it as a managed policy, as the steps do",
                super::steps::thousands(size.minified_chars),
                super::steps::thousands(size.inline_limit)
            ),
        ));
    }

    if spec.bucket.has_period() {
        out.push(warn(
            "bucket-periods",
            Severity::Info,
            "Periods in the bucket name",
            "AWS advises against them: such a bucket cannot use Transfer Acceleration or virtual-hosted-style HTTPS without custom certificate checks",
        ));
    }

    out.sort_by_key(|w| w.severity);
    out
}

fn plural(days: u32) -> &'static str {
    if days == 1 {
        "day"
    } else {
        "days"
    }
}
