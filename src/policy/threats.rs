//! The stolen-key threat table: what someone who steals the backup tool's access key can do to the backups, each
//! row decided by the IAM evaluator and explained in plain words for this bucket's settings.
//!
//! The UpdraftPlus FAQ: "If a hacker breaks into your site, then he can steal that API key + secret, and use it to
//! access your backups. Ideally, the hacker should not be able to delete or change your backups."
//!
//! ```
//! use s3_policy_playground::policy::threats::{threats_from_json, ThreatContext};
//!
//! let policy = r#"{"Version": "2012-10-17", "Statement": [
//!   {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::mybucket/*"}]}"#;
//! let ctx = ThreatContext { versioning: true, noncurrent_days: Some(30), ..ThreatContext::new("mybucket", "") };
//! let rows = threats_from_json(policy, &ctx).unwrap();
//! let delete = rows.iter().find(|t| t.id == "delete-backup").unwrap();
//! assert!(!delete.decision.is_allowed());
//! let overwrite = rows.iter().find(|t| t.id == "overwrite-latest").unwrap();
//! assert!(overwrite.meaning.contains("30 days"));
//! ```

use crate::policy::eval::{
    evaluate, Context, Decision, Effect, Match, Outcome, ParseError, PolicyDocument, Request,
    SET_BY_REQUESTER,
};
use crate::policy::spec::ObjectLock;
use crate::policy::{ObjectLockMode, Outputs, Severity, Spec};

/// A key name that stands for an existing backup in the examples.
const EXISTING_BACKUP: &str = "backup_2026-11-29-0300_My_Site_0123456789ab-db.gz";
/// A key name that stands for something the attacker uploads.
const NEW_KEY: &str = "attacker-upload.bin";
/// A bucket the backup tool has no business with.
pub(crate) const OTHER_BUCKET: &str = "another-bucket-in-your-account";
/// A folder next to the backup prefix.
const OTHER_PREFIX: &str = "another-site/";

/// What the threat table needs to know about the bucket besides the policy.
///
/// AWS: "Versioning-enabled buckets can help you recover objects from accidental deletion or overwrite"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatContext {
    /// The bucket name.
    pub bucket: String,
    /// The key prefix the backups live under (empty, or ending in `/`).
    pub prefix: String,
    /// The ARN partition: `aws`.
    pub partition: String,
    /// Whether S3 Versioning is on.
    pub versioning: bool,
    /// Lifecycle: days after which noncurrent versions are permanently deleted (`None`: never).
    pub noncurrent_days: Option<u32>,
    /// Lifecycle: how many newer noncurrent versions are kept regardless of age.
    pub newer_noncurrent_versions: Option<u32>,
    /// S3 Object Lock's default retention: its mode, and the days each version is locked after
    /// it is uploaded (`None`: no Object Lock).
    pub object_lock: Option<ObjectLock>,
    /// Lifecycle: days after upload at which a backup expires (`None`: never).
    pub expiration_days: Option<u32>,
}

impl ThreatContext {
    /// A context for `bucket` and `prefix`, with versioning off, no lifecycle rule and no Object Lock.
    ///
    /// ```
    /// use s3_policy_playground::policy::threats::ThreatContext;
    /// assert_eq!(ThreatContext::new("b", "site1").prefix, "site1/");
    /// ```
    pub fn new(bucket: &str, prefix: &str) -> ThreatContext {
        let prefix = if prefix.is_empty() || prefix.ends_with('/') {
            prefix.to_owned()
        } else {
            format!("{prefix}/")
        };
        ThreatContext {
            bucket: bucket.to_owned(),
            prefix,
            partition: "aws".to_owned(),
            versioning: false,
            noncurrent_days: None,
            newer_noncurrent_versions: None,
            object_lock: None,
            expiration_days: None,
        }
    }

    /// The context of a validated [`Spec`]: its bucket, prefix, versioning and lifecycle rule.
    pub fn from_spec(spec: &Spec) -> ThreatContext {
        ThreatContext {
            partition: spec.partition.id().to_owned(),
            object_lock: spec.object_lock,
            expiration_days: spec.lifecycle.expiration_days,
            versioning: spec.versioning,
            noncurrent_days: spec.lifecycle.noncurrent_days,
            newer_noncurrent_versions: spec.lifecycle.newer_noncurrent_versions,
            ..ThreatContext::new(spec.bucket.as_str(), spec.prefix.as_str())
        }
    }

    fn bucket_arn(&self) -> String {
        format!("arn:{}:s3:::{}", self.partition, self.bucket)
    }

    fn object_arn(&self, key: &str) -> String {
        format!(
            "arn:{}:s3:::{}/{}{key}",
            self.partition, self.bucket, self.prefix
        )
    }
}

/// One row: what the attacker tries, the request, the evaluator's decision and what it means for these backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threat {
    /// A stable id (`delete-backup`), for tests, golden files and `data-testid`s.
    pub id: &'static str,
    /// What the attacker tries, in plain words.
    pub attempt: String,
    /// The IAM action of the request.
    pub action: String,
    /// The resource ARN of the request (`*` for `s3:ListAllMyBuckets`).
    pub resource: String,
    /// The evaluator's decision with every statement's reason.
    pub decision: Decision,
    /// What the decision means for the backups, given versioning and the lifecycle rule.
    pub meaning: String,
    /// `Danger`: backups can be destroyed or exposed beyond the bucket; `Warning`: harm that can be undone or
    /// noticed in time; `Info`: blocked or harmless.
    pub severity: Severity,
}

/// The attacker's request context: a signed HTTPS request with the stolen long-term access key of
/// an IAM user, made directly to S3. Any other key may be in the request with a value this table
/// cannot know (the Region, the time, the source address, headers the attacker chooses), so a
/// condition on it makes the row uncertain; only keys AWS leaves out of such requests are absent.
///
/// AWS (global condition keys): `aws:TokenIssueTime` and `aws:MultiFactorAuth*` come only with
/// temporary credentials, `aws:Source*` and `aws:CalledVia*` only with requests a service makes for
/// you, `aws:FederatedProvider`, `aws:SourceIdentity` and `aws:RoleSessionName` only with roles and
/// federation; `aws:ViaAWSService` and `aws:PrincipalIsAWSService` are `false` for a direct request
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>).
pub(crate) fn attacker_context() -> Context {
    Context::default()
        .with("aws:SecureTransport", ["true"])
        .with("aws:PrincipalType", ["User"])
        .with("aws:ViaAWSService", ["false"])
        .with("aws:PrincipalIsAWSService", ["false"])
        .open_world(&[
            "aws:TokenIssueTime",
            "aws:MultiFactorAuthPresent",
            "aws:MultiFactorAuthAge",
            "aws:SourceArn",
            "aws:SourceAccount",
            "aws:SourceOrgID",
            "aws:SourceOrgPaths",
            "aws:CalledVia",
            "aws:CalledViaFirst",
            "aws:CalledViaLast",
            "aws:FederatedProvider",
            "aws:SourceIdentity",
            "aws:RoleSessionName",
        ])
}

struct Row {
    id: &'static str,
    attempt: String,
    action: &'static str,
    resource: String,
    context: Context,
}

fn rows(ctx: &ThreatContext) -> Vec<Row> {
    // Built once: each row's request gets a copy.
    let attacker = attacker_context();
    let row = |id, attempt: &str, action, resource: String| Row {
        id,
        attempt: attempt.to_owned(),
        action,
        resource,
        context: attacker.clone(),
    };
    let existing = ctx.object_arn(EXISTING_BACKUP);
    let mut out = vec![
        row(
            "list-buckets",
            "list the names of every bucket in your account",
            "s3:ListAllMyBuckets",
            "*".to_owned(),
        ),
        row(
            "read-backups",
            "download your backups",
            "s3:GetObject",
            existing.clone(),
        ),
        row(
            "upload-junk",
            "upload junk files next to your backups",
            "s3:PutObject",
            ctx.object_arn(NEW_KEY),
        ),
        row(
            "overwrite-latest",
            "overwrite your latest backup with a tampered file",
            "s3:PutObject",
            existing.clone(),
        ),
        row(
            "delete-backup",
            "delete a backup",
            "s3:DeleteObject",
            existing.clone(),
        ),
        row(
            "delete-versions",
            "permanently delete old versions of a backup",
            "s3:DeleteObjectVersion",
            existing.clone(),
        ),
        row(
            "make-public",
            "make a backup public with an ACL",
            "s3:PutObjectAcl",
            existing.clone(),
        ),
        row(
            "change-lifecycle",
            "change or remove the lifecycle rule",
            "s3:PutLifecycleConfiguration",
            ctx.bucket_arn(),
        ),
        row(
            "suspend-versioning",
            "turn off versioning",
            "s3:PutBucketVersioning",
            ctx.bucket_arn(),
        ),
        row(
            "change-bucket-policy",
            "rewrite the bucket policy",
            "s3:PutBucketPolicy",
            ctx.bucket_arn(),
        ),
        row(
            "enable-acls",
            "turn ACLs back on for the bucket",
            "s3:PutBucketOwnershipControls",
            ctx.bucket_arn(),
        ),
        row(
            "disable-public-access-block",
            "switch off the bucket's Block Public Access",
            "s3:PutBucketPublicAccessBlock",
            ctx.bucket_arn(),
        ),
        row(
            "other-bucket-read",
            "read another bucket in your account",
            "s3:GetObject",
            format!(
                "arn:{}:s3:::{OTHER_BUCKET}/customer-data.csv",
                ctx.partition
            ),
        ),
        row(
            "other-bucket-write",
            "write to another bucket in your account",
            "s3:PutObject",
            format!("arn:{}:s3:::{OTHER_BUCKET}/{NEW_KEY}", ctx.partition),
        ),
    ];
    if !ctx.prefix.is_empty() {
        let outside = format!(
            "arn:{}:s3:::{}/{OTHER_PREFIX}{EXISTING_BACKUP}",
            ctx.partition, ctx.bucket
        );
        out.push(row(
            "outside-prefix-read",
            &format!("download files outside `{}` in the same bucket", ctx.prefix),
            "s3:GetObject",
            outside.clone(),
        ));
        out.push(row(
            "outside-prefix-write",
            &format!(
                "overwrite files outside `{}` in the same bucket",
                ctx.prefix
            ),
            "s3:PutObject",
            outside.clone(),
        ));
        out.push(row(
            "outside-prefix-delete",
            &format!("delete files outside `{}` in the same bucket", ctx.prefix),
            "s3:DeleteObject",
            outside,
        ));
        out.push(Row {
            context: attacker.clone().with("s3:prefix", [OTHER_PREFIX]),
            ..row(
                "outside-prefix-list",
                &format!("list files outside `{}` in the same bucket", ctx.prefix),
                "s3:ListBucket",
                ctx.bucket_arn(),
            )
        });
    }
    if ctx.object_lock.is_some() {
        // AWS: "Any user with permissions to place an object retention period can extend a
        // retention period for an object version" (object-lock.html); the same permission sets
        // a lock on what the key uploads.
        out.push(row(
            "extend-lock",
            "lock backups, and files it uploads, for years",
            "s3:PutObjectRetention",
            existing.clone(),
        ));
    }
    out.push(row(
        "abort-upload",
        "abort a backup upload in progress",
        "s3:AbortMultipartUpload",
        ctx.object_arn("backup_2026-11-30-0300_My_Site_0123456789ab-uploads.zip"),
    ));
    out
}

/// What other rows decided that changes a row's meaning.
#[derive(Clone, Copy)]
struct Others {
    /// The key can delete versions for good, so versioning keeps no clean copy.
    delete_versions: bool,
    /// The key can switch off the bucket's Block Public Access, so it no longer stops a public policy or ACL.
    public_access_block_off: bool,
    /// The key can change Object Ownership, so "Bucket owner enforced" no longer keeps ACLs off.
    acls_on: bool,
    /// The key can switch off the account's Block Public Access too (`s3:PutAccountPublicAccessBlock`).
    account_public_access_block_off: bool,
}

/// What happens to the overwritten or deleted clean copy, given versioning, Object Lock and the
/// lifecycle rule.
///
/// AWS: "NoncurrentDays: Specifies the number of days an object is noncurrent before Amazon S3 can perform the
/// associated action" (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_NoncurrentVersionExpiration.html>);
/// default retention locks each new version from when it is stored, and "After the retention period expires, the
/// object version can be overwritten or deleted" (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html>).
fn clean_copy_fate(ctx: &ThreatContext, delete_versions: bool) -> String {
    let keep = match ctx.newer_noncurrent_versions {
        Some(k) => format!(
            " Your rule keeps the {k} newest noncurrent version{} whatever their age, but {} more overwrite{} push{} the clean copy out of that set.",
            if k == 1 { "" } else { "s" },
            k,
            if k == 1 { "" } else { "s" },
            if k == 1 { "es" } else { "" },
        ),
        None => String::new(),
    };
    if let Some(lock) = ctx.object_lock {
        let lock = days(lock.retention_days);
        if delete_versions {
            return format!(
                " Object Lock keeps a version only for its first {lock} after upload, and this key can also delete versions (see below): a clean copy uploaded more than {lock} ago can be removed for good at once."
            );
        }
        return match ctx.noncurrent_days {
            Some(n) => format!(
                " Object Lock keeps that version until {lock} after it was uploaded, whatever the key does; your lifecycle rule deletes it {} after it became noncurrent, but not before then. Notice the break-in and restore it in time.{keep}",
                days(n)
            ),
            None => format!(
                " Object Lock keeps that version until {lock} after it was uploaded, whatever the key does, and no lifecycle rule expires it, so it stays until someone deletes it."
            ),
        };
    }
    if delete_versions {
        return " But this key can also delete versions (see below), so it can remove the clean copy for good."
            .to_owned();
    }
    match ctx.noncurrent_days {
        Some(n) => format!(
            " Your lifecycle rule permanently deletes noncurrent versions {} after they become noncurrent, so this starts the clock on the clean copy: notice the break-in and restore it within {}, or it is gone.{keep}",
            days(n),
            days(n),
        ),
        None => " No lifecycle rule expires noncurrent versions, so it stays until someone deletes it (and you keep paying to store it).".to_owned(),
    }
}

/// `n day` or `n days`.
fn days(n: u32) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// The plain-words meaning and severity of a row.
///
/// AWS facts behind the words: "A delete marker in Amazon S3 is a placeholder (or marker) for a versioned object
/// that was specified in a simple DELETE request" (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeleteMarker.html>);
/// Object Ownership is "Bucket owner enforced (default)" and then "Requests to set ACLs or update ACLs fail with a 400
/// error and return the AccessControlListNotSupported error code"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html>); "When you suspend
/// versioning, existing objects in your bucket do not change", while new uploads get the null version ID that the
/// next upload replaces (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/VersionSuspendedBehavior.html>).
fn meaning(id: &str, allowed: bool, ctx: &ThreatContext, others: Others) -> (String, Severity) {
    let Others {
        delete_versions,
        public_access_block_off,
        acls_on,
        account_public_access_block_off,
    } = others;
    // What still stops a public bucket policy or ACL once the bucket's Block Public Access is off.
    let still_stops = if account_public_access_block_off {
        "unless an organization policy keeps Block Public Access on: this key can switch off the account's too"
    } else {
        "unless Block Public Access is also on for your whole account or organization"
    };
    use Severity::{Danger, Info, Warning};
    let prefix_words = if ctx.prefix.is_empty() {
        "the bucket".to_owned()
    } else {
        format!("`{}`", ctx.prefix)
    };
    if !allowed {
        let blocked = match id {
            "list-buckets" => "Blocked: the key cannot list your buckets (the backup tool can still find its own bucket).".to_owned(),
            "read-backups" => "Blocked: the key cannot download backups (restore from the S3 console instead).".to_owned(),
            "upload-junk" | "overwrite-latest" => "Blocked: the key cannot write to the bucket (the backup tool cannot upload either).".to_owned(),
            "delete-backup" => "Blocked: S3 refuses the delete with Access Denied.".to_owned(),
            "delete-versions" => "Blocked: no version can be deleted for good with this key.".to_owned(),
            "make-public" => "Blocked: the key cannot change who may read a backup.".to_owned(),
            "change-lifecycle" => "Blocked: the key cannot change the lifecycle rule.".to_owned(),
            "suspend-versioning" => "Blocked: the key cannot turn versioning off.".to_owned(),
            "change-bucket-policy" => "Blocked: the key cannot change the bucket policy.".to_owned(),
            "disable-public-access-block" => "Blocked: the key cannot switch off Block Public Access.".to_owned(),
            "enable-acls" => "Blocked: the key cannot change the bucket's Object Ownership setting.".to_owned(),
            "other-bucket-read" | "other-bucket-write" => "Blocked: the key reaches no other bucket.".to_owned(),
            "outside-prefix-read" => format!("Blocked: the key cannot read files outside {prefix_words}."),
            "outside-prefix-write" => format!("Blocked: the key cannot overwrite files outside {prefix_words}."),
            "outside-prefix-delete" => format!("Blocked: the key cannot delete files outside {prefix_words}."),
            // `s3:ListBucketMultipartUploads` takes no `s3:prefix` condition (list_amazons3.html).
            "outside-prefix-list" => format!("Blocked: the key lists only the files in {prefix_words}. Where the policy also grants `s3:ListBucketMultipartUploads`, which takes no `s3:prefix` condition, it still sees the names of uploads in progress anywhere in the bucket."),
            "extend-lock" => "Blocked: the key cannot change how long a backup stays locked.".to_owned(),
            "abort-upload" => "Blocked: the key cannot abort uploads (the backup tool cannot clean up failed ones either).".to_owned(),
            _ => "Blocked.".to_owned(),
        };
        return (blocked, Info);
    }
    match id {
        "list-buckets" => (
            "Allowed: the attacker sees the name of every bucket in your account, not what is inside them. The FAQ's policies grant it.".to_owned(),
            Info,
        ),
        "read-backups" => (
            format!("Allowed: the attacker can download every backup in {prefix_words}: your database (user emails, password hashes) and files. The backup tool needs this to restore, so treat a break-in as a data breach."),
            Warning,
        ),
        "upload-junk" => (
            "Allowed: the attacker can store files in your bucket at your cost. The backup tool needs this to upload backups.".to_owned(),
            Warning,
        ),
        "overwrite-latest" => {
            if ctx.versioning {
                (
                    format!("Allowed, but versioning keeps the previous, clean copy as a noncurrent version you can restore.{}", clean_copy_fate(ctx, delete_versions)),
                    if delete_versions { Danger } else { Warning },
                )
            } else {
                (
                    "Allowed, and without versioning the clean backup is replaced and gone for good: S3 keeps no copy. Turn on versioning.".to_owned(),
                    Danger,
                )
            }
        }
        "delete-backup" => {
            if ctx.versioning {
                (
                    format!("Allowed, but on a versioned bucket a delete only adds a delete marker: the backup disappears from the listing and stays as a noncurrent version.{}", clean_copy_fate(ctx, delete_versions)),
                    if delete_versions { Danger } else { Warning },
                )
            } else {
                (
                    "Allowed, and without versioning the backup is deleted for good.".to_owned(),
                    Danger,
                )
            }
        }
        "delete-versions" => (
            match ctx.object_lock {
                Some(lock) => format!(
                    "Allowed: Object Lock refuses to delete a version during its first {} after upload, but every backup version stored longer ago can be deleted for good at once. Remove `s3:DeleteObjectVersion` from the policy.",
                    days(lock.retention_days)
                ),
                None if ctx.versioning => "Allowed: the attacker can permanently delete every version of every backup, so versioning does not protect you. Remove `s3:DeleteObjectVersion` from the policy.".to_owned(),
                None => "Allowed: the attacker can permanently delete every backup, and every old version if versioning is ever turned on. Remove `s3:DeleteObjectVersion` from the policy.".to_owned(),
            },
            Danger,
        ),
        "make-public" => (
            format!("Allowed by this policy. A bucket whose Object Ownership is \"Bucket owner enforced\" (the default for new buckets) rejects every ACL change{}. Where ACLs are enabled (\"Bucket owner preferred\" or \"Object writer\"), the attacker can give another AWS account read access to a backup, and that access outlives the key; Block Public Access (on by default) still rejects public ACLs, and only with it off can a backup be made readable by anyone.{}",
                if acls_on { ", but this key can change that setting and turn ACLs on" } else { "" },
                if public_access_block_off { " This key can switch it off for the bucket." } else { "" }),
            // Both protections in the key's reach: a backup can be made readable by anyone.
            if acls_on && public_access_block_off { Danger } else { Warning },
        ),
        "change-lifecycle" => (
            "Allowed: the attacker can replace your lifecycle rule with one that expires every version after a day, and S3 itself then deletes your backups, no delete permission needed.".to_owned(),
            Danger,
        ),
        "suspend-versioning" => (
            "Allowed: the attacker can suspend versioning. Versions already kept stay, but backups uploaded after that are replaced for good when overwritten.".to_owned(),
            Danger,
        ),
        "change-bucket-policy" => (
            if public_access_block_off {
                format!("Allowed: the attacker can rewrite the bucket policy, for example to give another AWS account full access, which outlives the key; and since this key can also switch off Block Public Access, even to make your backups readable by anyone, {still_stops}.")
            } else {
                "Allowed: the attacker can rewrite the bucket policy, for example to give another AWS account full access, which outlives the key (Block Public Access, on by default, rejects a public one).".to_owned()
            },
            Danger,
        ),
        // AWS (PublicAccessBlockConfiguration): `BlockPublicPolicy` "causes Amazon S3 to reject calls to PUT Bucket
        // policy if the specified bucket policy allows public access", `BlockPublicAcls` makes "PUT Bucket ACL and
        // PUT Object ACL calls fail if the specified ACL is public", and "Bucket-level settings work alongside
        // account-level settings (which may inherit from organization-level policies)"
        // (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html>).
        // AWS: "Bucket owner enforced (default) – ACLs are disabled and no longer affect permissions"
        // (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html>), and
        // `s3:PutBucketOwnershipControls` changes the setting.
        "enable-acls" => (
            "Allowed: the attacker can change Object Ownership from \"Bucket owner enforced\" and so turn ACLs back on; ACLs then count again, and a key that may also set them (`s3:PutObjectAcl`) can share a backup with another AWS account.".to_owned(),
            Warning,
        ),
        "disable-public-access-block" => (
            format!("Allowed: the attacker can switch off the bucket's Block Public Access, which is what makes S3 reject a bucket policy or an ACL that makes a backup public ({still_stops})."),
            Warning,
        ),
        "other-bucket-read" => (
            "Allowed: the key reads buckets that have nothing to do with backups. Limit `Resource` to the backup bucket.".to_owned(),
            Danger,
        ),
        "other-bucket-write" => (
            "Allowed: the key writes to buckets that have nothing to do with backups. Limit `Resource` to the backup bucket.".to_owned(),
            Danger,
        ),
        "outside-prefix-read" | "outside-prefix-list" => (
            format!("Allowed: the key reaches files outside {prefix_words}, such as other sites' backups in the same bucket."),
            Danger,
        ),
        "outside-prefix-write" => (
            format!("Allowed: the key can overwrite files outside {prefix_words}, such as other sites' backups in the same bucket."),
            Danger,
        ),
        "outside-prefix-delete" => (
            if ctx.versioning {
                format!("Allowed: the key can delete files outside {prefix_words}, such as other sites' backups in the same bucket; on a versioned bucket each delete adds a delete marker and the file stays as a noncurrent version, unless the key may also delete versions there.")
            } else {
                format!("Allowed: the key can delete files outside {prefix_words}, such as other sites' backups in the same bucket, and without versioning they are gone for good.")
            },
            if ctx.versioning { Warning } else { Danger },
        ),
        "abort-upload" => (
            match ctx.expiration_days {
                Some(d) => format!("Allowed: the attacker can make backups fail by aborting their uploads for as long as the key works. Backups already stored are not touched, but your lifecycle rule still removes them {} after upload, so check that new backups keep arriving.", days(d)),
                None => "Allowed: the attacker can make tonight's backup fail by aborting its upload; backups already stored are not affected.".to_owned(),
            },
            Info,
        ),
        // AWS (S3 Object Lock, event holds): "While an event hold is active, Amazon S3 recalculates the
        // retain-until-date on the service side. The date can move past a limit that the policy enforces
        // at request time. If you don't want this behavior, also restrict the s3:object-lock-event-hold
        // condition key." And a file the key uploads may carry its own lock: default settings apply
        // "unless you explicitly specify a different retention mode and period for an object when you
        // create it" (object-lock-overview.html, which has the bucket deny "permission to configure
        // object retention settings" to stop it), and "When an object is locked in compliance mode,
        // its retention mode can't be changed, and its retention period can't be shortened".
        "extend-lock" => (
            format!(
                "Allowed: the attacker can push the lock of every backup version, and of files it uploads, years into the future, and an event hold keeps a version locked until someone with `s3:PutObjectRetention` releases it and for up to 100 years after{} Backups are not damaged. Remove `s3:PutObjectRetention`, or cap it with a `NumericLessThanEquals` condition on `s3:object-lock-remaining-retention-days` and deny `s3:PutObject` and `s3:PutObjectRetention` when `s3:object-lock-event-hold` is `ON`, as AWS's example does: S3 moves an event hold's end date past such a cap.",
                match ctx.object_lock.map(|lock| lock.mode) {
                    Some(ObjectLockMode::Compliance) => ". In compliance mode nobody, not even the root user, can delete them or the bucket until the locks end, and you pay for their storage.",
                    _ => "; you pay for their storage until the locks end. A user with `s3:BypassGovernanceRetention` can shorten governance-mode locks again, but the key can also upload files locked in compliance mode, which nobody, not even the root user, can shorten or delete before their locks end.",
                }
            ),
            // Storage cost nobody can undo: in compliance mode, and through compliance-mode uploads in governance mode.
            Danger,
        ),
        _ => ("Allowed.".to_owned(), Warning),
    }
}

/// The threat table for a parsed policy.
///
/// AWS (how each row is decided): "An explicit deny in any of the policies overrides the allow"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html>).
pub fn threats(policy: &PolicyDocument, ctx: &ThreatContext) -> Vec<Threat> {
    threats_with_bucket_policy(policy, None, ctx)
}

/// The threat table for a user policy and the bucket's policy together (a `Deny` in either wins).
///
/// AWS: "If either the identity-based policy or the resource-based policy within the same account allows the request
/// and the other doesn't, the request is still allowed"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html>).
pub fn threats_with_bucket_policy(
    policy: &PolicyDocument,
    bucket_policy: Option<&PolicyDocument>,
    ctx: &ThreatContext,
) -> Vec<Threat> {
    let policies = std::slice::from_ref(policy);
    let decide = |action: &str, resource: &str, context: Context| {
        let request = Request::new(action, resource).with_context(context);
        evaluate(&request, policies, bucket_policy)
    };
    // Each row is evaluated once; some rows' answers shape the others' meanings (`Others`).
    let decided: Vec<(Row, Decision)> = rows(ctx)
        .into_iter()
        .map(|row| {
            let decision = decide(row.action, &row.resource, row.context.clone());
            (row, decision)
        })
        .collect();
    let versions_row = decided
        .iter()
        .find(|(r, _)| r.id == "delete-versions")
        .map(|(_, d)| d);
    let allowed = |id: &str| decided.iter().any(|(r, d)| r.id == id && d.is_allowed());
    let others = Others {
        delete_versions: allowed("delete-versions"),
        public_access_block_off: allowed("disable-public-access-block"),
        acls_on: allowed("enable-acls"),
        // Not a row of its own (it is about the account, not the backups), but it decides whether the
        // account's Block Public Access still holds when the bucket's is off.
        account_public_access_block_off: decide(
            "s3:PutAccountPublicAccessBlock",
            "*",
            attacker_context(),
        )
        .is_allowed(),
    };
    // Not decided: the clean copy the other rows count on may not survive either.
    let maybe_delete_versions = versions_row.is_some_and(|d| !d.is_allowed() && d.uncertain());
    decided
        .into_iter()
        .map(|(row, decision)| {
            let (mut text, mut severity) = meaning(row.id, decision.is_allowed(), ctx, others);
            if maybe_delete_versions
                && ctx.versioning
                && decision.is_allowed()
                && matches!(row.id, "overwrite-latest" | "delete-backup")
            {
                text.push_str(" If the uncertain row on deleting versions lets the key through, it can remove the clean copy for good too.");
            }
            if decision.uncertain() && decision.effect != Outcome::Allowed {
                // Usually a condition on where or how the request is made (an IP range, a
                // Region, a header): the attacker, sending from your site, may well meet it.
                let (if_allowed, severity_if_allowed) = meaning(row.id, true, ctx, others);
                // The evaluator's own words for what it could not decide: a `Deny`'s when a `Deny`
                // decided it, else an `Allow`'s.
                let deciding = if decision.effect == Outcome::ExplicitDeny {
                    Effect::Deny
                } else {
                    Effect::Allow
                };
                let unsupported = |effect: Option<Effect>| {
                    decision.reasons.iter().find_map(|r| match &r.matched {
                        Match::Unsupported { reason } if effect.is_none_or(|e| r.effect == e) => {
                            Some(reason.as_str())
                        }
                        _ => None,
                    })
                };
                let what = unsupported(Some(deciding))
                    .or_else(|| unsupported(None))
                    .unwrap_or("a condition on where or how the request is made");
                text = format!(
                    "Uncertain: something this table cannot check decides it ({what}); check it by hand. If it lets the request through: {if_allowed}"
                );
                // A value the key sends itself will most likely be the one that gets it through.
                severity = if what.contains(SET_BY_REQUESTER) {
                    severity_if_allowed
                } else {
                    severity.min(Severity::Warning)
                };
            }
            Threat {
                id: row.id,
                attempt: row.attempt,
                action: row.action.to_owned(),
                resource: row.resource,
                decision,
                meaning: text,
                severity,
            }
        })
        .collect()
}

/// The threat table for policy JSON text; a policy that does not parse gives the parse error.
pub fn threats_from_json(
    policy_json: &str,
    ctx: &ThreatContext,
) -> Result<Vec<Threat>, ParseError> {
    PolicyDocument::parse(policy_json).map(|p| threats(&p, ctx))
}

/// One paragraph in plain words: what a stolen key still allows, and what the table cannot see.
///
/// ```
/// use s3_policy_playground::policy::threats::{residual_risk, threats_from_json, ThreatContext};
/// let ctx = ThreatContext::new("mybucket", "");
/// let rows = threats_from_json(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, &ctx).unwrap();
/// assert!(residual_risk(&rows, &ctx).contains("destroy"));
/// ```
pub fn residual_risk(threats: &[Threat], ctx: &ThreatContext) -> String {
    let allowed = |id: &str| {
        threats
            .iter()
            .any(|t| t.id == id && t.decision.is_allowed())
    };
    // Rows a condition the table cannot check decides: what the paragraph says they cannot do
    // holds only as far as the table can tell.
    let doubtful = threats
        .iter()
        .any(|t| t.decision.uncertain() && !t.decision.is_allowed());
    let cannot = if doubtful {
        " As far as this table can decide, they cannot"
    } else {
        " They cannot"
    };
    // AWS: GetSessionToken needs no permission ("You cannot use policies to control
    // authentication operations"), and temporary credentials "are valid until they expire [...]
    // up to a maximum of 129,600 seconds (36 hours). You can revoke these credentials, but you must
    // also change permissions for the IAM user" (id_credentials_temp_control-access_disable-perms.html).
    let mut s = format!(
        "Anyone who steals this key can do what the table allows, {} until you deactivate the key in IAM and take the user's permissions away: with the key alone they can get temporary credentials (`sts:GetSessionToken` needs no permission) that keep the user's permissions for up to 36 hours after the key is deactivated, so give the new key to a new user.",
        if doubtful {
            "and perhaps what its uncertain rows describe,"
        } else {
            "from anywhere,"
        }
    );
    if allowed("read-backups") {
        s.push_str(" They can read your backups, so a break-in is also a data breach.");
    }
    // Suspending versioning is not among these: "When you suspend versioning, existing objects in
    // your bucket do not change" (VersionSuspendedBehavior.html); it exposes later backups only.
    let destroys = [
        "delete-versions",
        "change-lifecycle",
        "change-bucket-policy",
    ]
    .iter()
    .any(|id| allowed(id))
        || (!ctx.versioning && (allowed("overwrite-latest") || allowed("delete-backup")));
    if destroys {
        s.push_str(
            " They can destroy backups taken before the break-in: see the rows marked danger.",
        );
    } else if allowed("overwrite-latest") || allowed("delete-backup") {
        let what = match (allowed("overwrite-latest"), allowed("delete-backup")) {
            (true, true) => "an overwrite or a delete",
            (true, false) => "an overwrite",
            _ => "a delete",
        };
        match ctx.noncurrent_days {
            Some(n) => s.push_str(&format!(
                "{cannot} destroy a backup directly, but {what} starts your lifecycle rule's {n}-day clock on the clean copy: check the bucket for unexpected versions within {} of a break-in.", days(n)
            )),
            None => s.push_str(&format!(
                "{cannot} destroy a backup: versioning keeps every clean copy until you delete it yourself."
            )),
        }
    } else if !allowed("suspend-versioning") {
        s.push_str(&format!("{cannot} change or delete your backups."));
    }
    if !destroys && allowed("suspend-versioning") {
        s.push_str(
            " They can suspend versioning: backups already stored keep their versions, but later ones are no longer kept when overwritten.",
        );
    }
    if allowed("extend-lock") {
        s.push_str(match ctx.object_lock.map(|lock| lock.mode) {
            Some(ObjectLockMode::Compliance) => " They can lengthen locks, which adds storage cost nobody can undo until the locks end.",
            _ => " They can lengthen locks, which adds storage cost until someone with `s3:BypassGovernanceRetention` shortens them, and upload files locked in compliance mode, whose storage cost nobody can undo until the locks end.",
        });
    }
    if threats.iter().any(|t| t.decision.uncertain()) {
        s.push_str(
            " Some statements could not be fully evaluated: check the rows that say so by hand.",
        );
    }
    s.push_str(" The table evaluates only the policies on this page: other policies of the user or its groups, bucket settings this page does not set, and organization policies can change the answers.");
    s
}

/// The threat table of what [`crate::policy::derive`] generated: its rows and the residual risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatTable {
    /// The rows, in the order of [`threats`].
    pub rows: Vec<Threat>,
    /// [`residual_risk`] of the rows.
    pub residual_risk: String,
    /// The bucket settings the rows were evaluated with.
    pub context: ThreatContext,
}

/// Evaluates the generated IAM policy (with the generated bucket policy, if any) for the spec's
/// bucket settings: the table the page and `s3-policy --format threats` show.
///
/// ```
/// use s3_policy_playground::policy::{derive, threats::for_outputs, Options, Preset, Spec};
/// let options = Options::from_preset(Preset::FaqSecure, "mybucket");
/// let outputs = derive(&options).outputs.unwrap();
/// let table = for_outputs(&Spec::from_options(&options).unwrap(), &outputs).unwrap();
/// let delete = table.rows.iter().find(|t| t.id == "delete-backup").unwrap();
/// assert!(!delete.decision.is_allowed());
/// ```
pub fn for_outputs(spec: &Spec, outputs: &Outputs) -> Result<ThreatTable, ParseError> {
    let context = ThreatContext::from_spec(spec);
    let policy = PolicyDocument::parse(&outputs.policy_json)?;
    let bucket_policy = match outputs.bucket_policy_json.as_deref() {
        Some(text) => Some(PolicyDocument::parse(text)?),
        None => None,
    };
    let rows = threats_with_bucket_policy(&policy, bucket_policy.as_ref(), &context);
    let residual_risk = residual_risk(&rows, &context);
    Ok(ThreatTable {
        rows,
        residual_risk,
        context,
    })
}

/// The table as plain text: one block per row, then the residual risk, for the CLI and golden files.
pub fn to_text(threats: &[Threat], ctx: &ThreatContext) -> String {
    let mut out = String::new();
    for t in threats {
        out.push_str(&format!(
            "[{}] {}: {}\n  request: {} on {}\n  decision: {}\n  meaning: {}\n",
            t.severity.id(),
            t.id,
            t.attempt,
            t.action,
            t.resource,
            t.decision.summary(),
            t.meaning
        ));
    }
    out.push_str(&format!(
        "\nresidual risk: {}\n",
        residual_risk(threats, ctx)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A policy that lets the key upload to `b` and nothing else.
    const PUT_ONLY: &str = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}}"#;

    fn table(policy: &str, ctx: &ThreatContext) -> Vec<Threat> {
        threats_from_json(policy, ctx).unwrap_or_default()
    }

    #[test]
    fn an_unsupported_deny_is_flagged_not_trusted() {
        let policy = r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::mybucket/*"},
          {"Effect": "Deny", "Action": "s3:DeleteObject*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}"#;
        let ctx = ThreatContext::new("mybucket", "");
        let rows = table(policy, &ctx);
        let delete = rows.iter().find(|t| t.id == "delete-backup");
        assert_eq!(
            delete.map(|t| t.decision.effect),
            Some(Outcome::ExplicitDeny)
        );
        assert!(delete.is_some_and(|t| t
            .meaning
            .starts_with("Uncertain: something this table cannot check decides it")
            && t.meaning
                .contains("If it lets the request through: Allowed")
            && t.severity == Severity::Warning));
        assert!(residual_risk(&rows, &ctx).contains("could not be fully evaluated"));
    }

    #[test]
    fn newer_noncurrent_versions_are_explained() {
        let policy = PUT_ONLY;
        let ctx = ThreatContext {
            versioning: true,
            noncurrent_days: Some(1),
            newer_noncurrent_versions: Some(3),
            ..ThreatContext::new("b", "")
        };
        let rows = table(policy, &ctx);
        let overwrite = rows
            .iter()
            .find(|t| t.id == "overwrite-latest")
            .map(|t| t.meaning.as_str());
        assert_eq!(
            overwrite,
            Some("Allowed, but versioning keeps the previous, clean copy as a noncurrent version you can restore. Your lifecycle rule permanently deletes noncurrent versions 1 day after they become noncurrent, so this starts the clock on the clean copy: notice the break-in and restore it within 1 day, or it is gone. Your rule keeps the 3 newest noncurrent versions whatever their age, but 3 more overwrites push the clean copy out of that set.")
        );
    }

    #[test]
    fn a_locked_clean_copy_also_names_the_kept_versions() {
        let policy = PUT_ONLY;
        let ctx = ThreatContext {
            versioning: true,
            noncurrent_days: Some(30),
            newer_noncurrent_versions: Some(2),
            object_lock: Some(ObjectLock {
                mode: ObjectLockMode::Compliance,
                retention_days: 30,
            }),
            ..ThreatContext::new("b", "")
        };
        let rows = table(policy, &ctx);
        let overwrite = rows
            .iter()
            .find(|t| t.id == "overwrite-latest")
            .map(|t| t.meaning.clone())
            .unwrap_or_default();
        assert!(
            overwrite.ends_with("Your rule keeps the 2 newest noncurrent versions whatever their age, but 2 more overwrites push the clean copy out of that set."),
            "{overwrite}"
        );
        // One day is "1 day", in the residual risk too.
        let ctx = ThreatContext {
            versioning: true,
            noncurrent_days: Some(1),
            ..ThreatContext::new("b", "")
        };
        let risk = residual_risk(&table(policy, &ctx), &ctx);
        assert!(risk.contains("within 1 day of a break-in"), "{risk}");
    }

    #[test]
    fn suspending_versioning_exposes_later_backups_not_earlier_ones() {
        // AWS: "When you suspend versioning, existing objects in your bucket do not change."
        let policy = r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
          {"Effect": "Allow", "Action": "s3:PutBucketVersioning", "Resource": "arn:aws:s3:::b"}]}"#;
        let ctx = ThreatContext {
            versioning: true,
            ..ThreatContext::new("b", "")
        };
        let risk = residual_risk(&table(policy, &ctx), &ctx);
        assert!(!risk.contains("destroy backups taken before"), "{risk}");
        assert!(
            risk.contains(
                "They can suspend versioning: backups already stored keep their versions"
            ),
            "{risk}"
        );
        assert!(!risk.contains("cannot change or delete"), "{risk}");
    }

    #[test]
    fn object_lock_protects_a_version_only_for_its_first_days() {
        // AWS: "After the retention period expires, the object version can be overwritten or
        // deleted"; default retention counts from each version's upload.
        let policy = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObjectVersion"], "Resource": "arn:aws:s3:::b/*"}}"#;
        let ctx = ThreatContext {
            versioning: true,
            noncurrent_days: Some(90),
            object_lock: Some(ObjectLock {
                mode: ObjectLockMode::Governance,
                retention_days: 30,
            }),
            ..ThreatContext::new("b", "")
        };
        let rows = table(policy, &ctx);
        let row = |id: &str| rows.iter().find(|t| t.id == id);
        assert!(row("delete-versions").is_some_and(|t| t.severity == Severity::Danger
            && t.meaning.contains("during its first 30 days after upload, but every backup version stored longer ago can be deleted for good at once")));
        assert!(
            row("overwrite-latest").is_some_and(|t| t.severity == Severity::Danger
                && t.meaning.contains(
                    "a clean copy uploaded more than 30 days ago can be removed for good at once"
                ))
        );
        let without_delete = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}}"#;
        let rows = table(without_delete, &ctx);
        assert!(rows.iter().any(|t| t.id == "overwrite-latest"
            && t.severity == Severity::Warning
            && t.meaning.contains("Object Lock keeps that version until 30 days after it was uploaded, whatever the key does; your lifecycle rule deletes it 90 days after it became noncurrent, but not before then")));
    }

    #[test]
    fn conditions_on_what_the_attacker_chooses_are_uncertain_not_decided() {
        // AWS: aws:RequestedRegion "is always included in the request context", and the caller
        // chooses aws:UserAgent; neither is known here, so neither may decide a row.
        let region = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}}"#;
        let ctx = ThreatContext::new("mybucket", "");
        let rows = table(region, &ctx);
        assert!(rows
            .iter()
            .all(|t| t.decision.uncertain() && !t.decision.is_allowed()));
        let risk = residual_risk(&rows, &ctx);
        assert!(
            risk.contains(
                "As far as this table can decide, they cannot change or delete your backups."
            ),
            "{risk}"
        );
        assert!(!risk.contains("from anywhere"), "{risk}");

        let agent = r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::mybucket/*"},
          {"Effect": "Deny", "Action": "s3:DeleteObject*", "Resource": "*", "Condition": {"StringNotLike": {"aws:UserAgent": "*UpdraftPlus*"}}}]}"#;
        let rows = table(agent, &ctx);
        let delete = rows.iter().find(|t| t.id == "delete-backup");
        assert!(delete.is_some_and(|t| t.decision.uncertain()
            && t.meaning.contains("If it lets the request through: Allowed, and without versioning the backup is deleted for good.")));

        // Keys AWS leaves out of a request made with a long-term access key stay absent: a Deny
        // without MFA applies.
        let mfa = r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::mybucket/*"},
          {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}"#;
        let rows = table(mfa, &ctx);
        let delete = rows.iter().find(|t| t.id == "delete-backup");
        assert!(
            delete.is_some_and(
                |t| !t.decision.uncertain() && t.decision.effect == Outcome::ExplicitDeny
            )
        );
    }

    #[test]
    fn an_uncertain_delete_of_versions_is_named_where_a_clean_copy_is_promised() {
        let policy = r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"},
          {"Effect": "Allow", "Action": "s3:DeleteObjectVersion", "Resource": "arn:aws:s3:::b/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}"#;
        let ctx = ThreatContext {
            versioning: true,
            ..ThreatContext::new("b", "")
        };
        let rows = table(policy, &ctx);
        assert!(rows.iter().any(|t| t.id == "overwrite-latest"
            && t.meaning.ends_with("If the uncertain row on deleting versions lets the key through, it can remove the clean copy for good too.")));
    }

    #[test]
    fn a_bad_policy_gives_its_parse_error() {
        let ctx = ThreatContext::new("b", "");
        assert!(threats_from_json("{", &ctx).is_err());
    }
}
