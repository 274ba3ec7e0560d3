//! The raw choices a person makes (on the page, in the CLI, in a URL) and the three presets.

use super::partition::Partition;

/// Days after which overwritten backups (noncurrent versions) expire in the FAQ-secure and hardened presets.
///
/// Long enough to notice a break-in before the clean copies disappear; see the `noncurrent-short` warning.
pub const DEFAULT_NONCURRENT_DAYS: u32 = 30;
/// Days overwritten backups are kept in the hardened preset: three months to notice a break-in.
pub const HARDENED_NONCURRENT_DAYS: u32 = 90;
/// Days after which backups (current versions) expire in the FAQ-secure and hardened presets.
pub const DEFAULT_EXPIRATION_DAYS: u32 = 90;
/// Days after which incomplete multipart uploads are aborted in the FAQ-secure and hardened presets.
pub const DEFAULT_ABORT_MULTIPART_DAYS: u32 = 7;
/// Default retention, in days, the page offers when Object Lock is turned on.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
/// The IAM user name the page starts with.
pub const DEFAULT_USER_NAME: &str = "updraftplus";
/// The policy name the page starts with.
pub const DEFAULT_POLICY_NAME: &str = "updraftplus-s3-backups";

/// Everything a person can choose, exactly as typed: nothing here is validated yet (see [`crate::policy::Spec`]).
///
/// `bucket` accepts the plugin's "S3 location" form `bucket/path`: the part after the first `/` becomes the
/// prefix (then `prefix` must be empty). A `None` lifecycle number means "no such action in the rule".
///
/// ```
/// use s3_policy_playground::policy::{Options, Preset};
/// let options = Options { bucket: "mybucket".into(), ..Options::default() };
/// assert_eq!(options.matching_preset(), Some(Preset::FaqSecure));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Options {
    /// The bucket name, or `bucket/path` as the plugin's "S3 location" field takes it.
    pub bucket: String,
    /// An optional path inside the bucket (`backups/site1`); a trailing `/` is added if missing.
    pub prefix: String,
    /// The IAM user the backup tool's access key belongs to.
    pub user_name: String,
    /// The name of the customer managed policy.
    pub policy_name: String,
    /// Turn on S3 Versioning, so an overwritten backup keeps its previous version.
    pub versioning: bool,
    /// Grant `s3:DeleteObject` and `s3:DeleteObjectVersion` (the FAQ's "two delete permissions").
    pub allow_delete: bool,
    /// Lifecycle: days after which noncurrent (overwritten or deleted) versions are permanently deleted.
    pub noncurrent_days: Option<u32>,
    /// Lifecycle: how many newer noncurrent versions to keep regardless of age (1 to 100).
    pub newer_noncurrent_versions: Option<u32>,
    /// Lifecycle: days after which incomplete multipart uploads are aborted.
    pub abort_multipart_days: Option<u32>,
    /// Grant the ACL actions of the FAQ's policies (`s3:GetObjectAcl`, `s3:PutObjectAcl` and their version forms).
    pub acl_actions: bool,
    /// Grant `s3:CreateBucket`, so the backup tool may create the bucket itself.
    pub create_bucket: bool,
    /// Lifecycle: days after which backups (current versions) expire; what replaces the plugin's
    /// "retain this many" setting when delete is off.
    pub expiration_days: Option<u32>,
    /// S3 Object Lock with this default retention mode; `None`: no Object Lock (needs versioning when `Some`).
    pub object_lock: Option<ObjectLockMode>,
    /// Object Lock: days each new backup version is locked by default (1 to 36500); used only with Object Lock.
    pub retention_days: Option<u32>,
    /// Object Lock: grant `s3:PutObjectRetention`, for tools that set retention themselves (UpdraftPlus does not).
    pub put_retention: bool,
    /// SSE-KMS default encryption with this key ARN; empty: S3's default encryption (SSE-S3).
    pub kms_key_arn: String,
    /// The partition every ARN names.
    pub partition: Partition,
    /// The bucket's Region code; empty: not chosen (exports then use the KMS key's Region or the partition's first).
    pub region: String,
    /// A bucket policy that denies every request not sent over TLS (`aws:SecureTransport` false).
    pub tls_only: bool,
    /// Lifecycle: remove delete markers that no longer have any version behind them.
    pub remove_expired_delete_markers: bool,
}

/// The two Object Lock retention modes.
///
/// AWS: "In governance mode, users can't overwrite or delete an object version or alter its lock settings unless
/// they have special permissions"; "In compliance mode, a protected object version can't be overwritten or deleted
/// by any user, including the root user in your AWS account"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes>).
///
/// ```
/// use s3_policy_playground::policy::ObjectLockMode;
/// assert_eq!(ObjectLockMode::from_id("compliance"), Some(ObjectLockMode::Compliance));
/// assert_eq!(ObjectLockMode::Governance.api(), "GOVERNANCE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "lowercase"))]
pub enum ObjectLockMode {
    /// Governance: whoever has `s3:BypassGovernanceRetention` (never this policy) can still remove a locked version.
    Governance,
    /// Compliance: nobody, not even the root user, can remove a locked version before its retention ends.
    Compliance,
}

impl ObjectLockMode {
    /// Both modes, in the order the page offers them.
    pub const ALL: [ObjectLockMode; 2] = [ObjectLockMode::Governance, ObjectLockMode::Compliance];

    /// `governance` or `compliance`: URLs and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            ObjectLockMode::Governance => "governance",
            ObjectLockMode::Compliance => "compliance",
        }
    }

    /// The mode with this [`ObjectLockMode::id`].
    pub fn from_id(id: &str) -> Option<ObjectLockMode> {
        ObjectLockMode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// `GOVERNANCE` or `COMPLIANCE`, as the S3 API writes it.
    pub fn api(self) -> &'static str {
        match self {
            ObjectLockMode::Governance => "GOVERNANCE",
            ObjectLockMode::Compliance => "COMPLIANCE",
        }
    }

    /// `Governance` or `Compliance`, as the S3 console labels it.
    pub fn label(self) -> &'static str {
        match self {
            ObjectLockMode::Governance => "Governance",
            ObjectLockMode::Compliance => "Compliance",
        }
    }
}

impl Default for Options {
    /// The defaults the page, the CLI and a URL share: [`Preset::FaqSecure`] with an empty bucket.
    fn default() -> Options {
        Options::from_preset(Preset::FaqSecure, "")
    }
}

impl Options {
    /// The options of `preset` for `bucket` (which may be `bucket/path`), with the default user and policy names.
    ///
    /// ```
    /// use s3_policy_playground::policy::{Options, Preset};
    /// let o = Options::from_preset(Preset::FaqStandard, "mybucket");
    /// assert!(o.allow_delete && !o.versioning && o.acl_actions);
    /// ```
    pub fn from_preset(preset: Preset, bucket: &str) -> Options {
        let base = Options {
            bucket: bucket.to_owned(),
            prefix: String::new(),
            user_name: DEFAULT_USER_NAME.to_owned(),
            policy_name: DEFAULT_POLICY_NAME.to_owned(),
            versioning: false,
            allow_delete: true,
            noncurrent_days: None,
            newer_noncurrent_versions: None,
            abort_multipart_days: None,
            acl_actions: true,
            create_bucket: false,
            expiration_days: None,
            object_lock: None,
            retention_days: Some(DEFAULT_RETENTION_DAYS),
            put_retention: false,
            kms_key_arn: String::new(),
            partition: Partition::Aws,
            region: String::new(),
            tls_only: false,
            remove_expired_delete_markers: false,
        };
        match preset {
            // Exactly the FAQ's first policy: delete and ACL actions, no versioning, no lifecycle rule.
            Preset::FaqStandard => base,
            // The FAQ's "most secure" setup: the same policy without the two delete lines, versioning on, and
            // a lifecycle rule to do the pruning the plugin can no longer do.
            Preset::FaqSecure => Options {
                versioning: true,
                allow_delete: false,
                noncurrent_days: Some(DEFAULT_NONCURRENT_DAYS),
                abort_multipart_days: Some(DEFAULT_ABORT_MULTIPART_DAYS),
                expiration_days: Some(DEFAULT_EXPIRATION_DAYS),
                ..base
            },
            // Our recommendation: the secure setup with a longer window to notice a break-in. ACL actions stay:
            // UpdraftPlus sends the `private` canned ACL on every upload, which needs `s3:PutObjectAcl` and a
            // bucket with ACLs enabled; "Block all public access" is what stops a stolen key making a backup public.
            // A TLS-only bucket policy costs nothing (UpdraftPlus talks HTTPS) and refuses a downgraded connection.
            // No Object Lock: it cannot be turned off again, so it stays a deliberate choice. No "newer versions
            // to keep": S3 would then never delete the old version of a backup UpdraftPlus deleted or the rule
            // expired, since the plugin never reuses a file name (the `keep-versions-forever` warning).
            Preset::Hardened => Options {
                tls_only: true,
                versioning: true,
                allow_delete: false,
                noncurrent_days: Some(HARDENED_NONCURRENT_DAYS),
                abort_multipart_days: Some(DEFAULT_ABORT_MULTIPART_DAYS),
                expiration_days: Some(DEFAULT_EXPIRATION_DAYS),
                ..base
            },
        }
    }

    /// The preset whose choices these are, ignoring bucket, prefix, user name, policy name, partition and Region
    /// (where the bucket lives, not how it is protected).
    ///
    /// ```
    /// use s3_policy_playground::policy::{Options, Preset};
    /// let mut o = Options::from_preset(Preset::Hardened, "b");
    /// assert_eq!(o.matching_preset(), Some(Preset::Hardened));
    /// o.allow_delete = true;
    /// assert_eq!(o.matching_preset(), None);
    /// ```
    pub fn matching_preset(&self) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| {
            let preset = Options {
                bucket: self.bucket.clone(),
                prefix: self.prefix.clone(),
                user_name: self.user_name.clone(),
                policy_name: self.policy_name.clone(),
                partition: self.partition,
                region: self.region.clone(),
                ..Options::from_preset(*p, "")
            };
            preset == *self
        })
    }
}

/// A named set of choices: the FAQ's two setups and our recommendation.
///
/// ```
/// use s3_policy_playground::policy::Preset;
/// assert_eq!(Preset::from_id("hardened"), Some(Preset::Hardened));
/// assert_eq!(Preset::FaqSecure.id(), "faq-secure");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum Preset {
    /// The FAQ's first policy (`seed-policy-standard.json`): everything UpdraftPlus uses, delete included.
    FaqStandard,
    /// The FAQ's "most secure possible setup": no delete, versioning, and a lifecycle rule.
    FaqSecure,
    /// Our recommendation: the most secure setup with longer windows to notice a break-in and a TLS-only bucket policy.
    Hardened,
}

impl Preset {
    /// Every preset, in the order the page shows them.
    pub const ALL: [Preset; 3] = [Preset::FaqStandard, Preset::FaqSecure, Preset::Hardened];

    /// The stable id used in URLs, the CLI's `--preset` and the golden file folders.
    pub fn id(self) -> &'static str {
        match self {
            Preset::FaqStandard => "faq-standard",
            Preset::FaqSecure => "faq-secure",
            Preset::Hardened => "hardened",
        }
    }

    /// The preset with this [`Preset::id`].
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// A short label for a button.
    ///
    /// ```
    /// use s3_policy_playground::policy::Preset;
    /// assert_eq!(Preset::FaqStandard.label(), "FAQ standard");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Preset::FaqStandard => "FAQ standard",
            Preset::FaqSecure => "FAQ most secure",
            Preset::Hardened => "Hardened",
        }
    }

    /// One sentence saying what the preset is and why one would pick it.
    pub fn description(self) -> &'static str {
        match self {
            Preset::FaqStandard => {
                "The UpdraftPlus FAQ's policy: everything the plugin uses on this bucket, including delete, plus listing your bucket names, so a stolen key can also destroy your backups."
            }
            Preset::FaqSecure => {
                "The FAQ's most secure setup: no delete permission, versioning on and a lifecycle rule, so a stolen key cannot delete a backup: after an overwrite, the clean copy stays restorable for 30 days (our choice; the FAQ names no number)."
            }
            Preset::Hardened => {
                "Our recommendation: the most secure setup with 90 days, not 30, to notice a break-in before overwritten backups are gone, and a bucket policy that refuses unencrypted connections."
            }
        }
    }
}

/// Why a typed count of days or versions is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotACount {
    /// Only digits, but more than the options hold (`u32`).
    TooLarge,
    /// Not a whole number at all.
    NotWhole,
}

/// Reads a count of days or versions, as the page's fields and the CLI's flags take one.
///
/// ```
/// use s3_policy_playground::policy::{parse_count, NotACount};
/// assert_eq!(parse_count("30"), Ok(30));
/// assert_eq!(parse_count("99999999999"), Err(NotACount::TooLarge));
/// assert_eq!(parse_count("3x"), Err(NotACount::NotWhole));
/// ```
pub fn parse_count(text: &str) -> Result<u32, NotACount> {
    text.parse::<u32>().map_err(|_| {
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            NotACount::TooLarge
        } else {
            NotACount::NotWhole
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_id(p.id()), Some(p));
            assert!(p.description().ends_with('.'));
        }
        assert_eq!(Preset::from_id("nope"), None);
    }

    #[test]
    fn every_preset_matches_itself_and_only_itself() {
        for p in Preset::ALL {
            let mut o = Options::from_preset(p, "mybucket");
            o.prefix = "x".into();
            o.user_name = "u".into();
            assert_eq!(o.matching_preset(), Some(p));
        }
    }

    #[test]
    fn default_is_faq_secure_with_an_empty_bucket() {
        let d = Options::default();
        assert_eq!(d.bucket, "");
        assert_eq!(d.matching_preset(), Some(Preset::FaqSecure));
    }
}
