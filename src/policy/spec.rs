//! The validated form of [`Options`]: a [`Spec`] exists only when every choice is valid.

use super::bucket::{account_regional, split_location, BucketName};
use super::derive::{Field, Problem};
use super::kms::KmsKeyArn;
use super::lifecycle::Lifecycle;
use super::names::{self, NameKind};
use super::options::{ObjectLockMode, Options};
use super::partition::{check_region, Partition};
use super::prefix::Prefix;

/// The largest day count S3 accepts: lifecycle `Days`, `NoncurrentDays` and `DaysAfterInitiation` are of type
/// Integer (32-bit signed) in the S3 API
/// (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_NoncurrentVersionExpiration.html>).
pub const MAX_DAYS: u32 = 2_147_483_647;
/// Regions where S3 offers no account regional namespace: Middle East (Bahrain) and (UAE).
const NO_ACCOUNT_REGIONAL_NAMESPACE: [&str; 2] = ["me-south-1", "me-central-1"];

/// The most newer noncurrent versions a rule may keep.
///
/// AWS: "You can specify up to 100 noncurrent versions to retain"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_NoncurrentVersionExpiration.html>).
pub const MAX_NEWER_NONCURRENT_VERSIONS: u32 = 100;

/// The longest default retention accepted, in days (100 years). AWS documents no maximum (`Days` is
/// "Type: Integer", <https://docs.aws.amazon.com/AmazonS3/latest/API/API_DefaultRetention.html>);
/// this is the tool's own bound, and its message says so: a backup locked for longer is a typo.
pub const MAX_RETENTION_DAYS: u32 = 36_500;

/// Object Lock as validated: the mode and the default retention of new object versions.
///
/// A bucket's default retention applies to each new object version placed in it, not to versions already there
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectLock {
    /// Governance or compliance.
    pub mode: ObjectLockMode,
    /// Days each new version is locked (1 to [`MAX_RETENTION_DAYS`]).
    pub retention_days: u32,
}

/// Valid choices, ready to render: the only input of the policy, steps, lifecycle and warnings builders.
///
/// INVARIANT: built only by [`Spec::from_options`], so every field holds a value AWS accepts.
///
/// ```
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let spec = Spec::from_options(&Options::from_preset(Preset::FaqSecure, "mybucket/backups")).unwrap();
/// assert_eq!(spec.bucket.as_str(), "mybucket");
/// assert_eq!(spec.prefix.as_str(), "backups/");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The bucket.
    pub bucket: BucketName,
    /// The path inside it (possibly empty).
    pub prefix: Prefix,
    /// The IAM user name.
    pub user_name: String,
    /// The managed policy name.
    pub policy_name: String,
    /// Whether S3 Versioning is to be on.
    pub versioning: bool,
    /// Whether the two delete actions are granted.
    pub allow_delete: bool,
    /// Whether the ACL actions are granted.
    pub acl_actions: bool,
    /// Whether `s3:CreateBucket` is granted.
    pub create_bucket: bool,
    /// The lifecycle rule's actions (all `None` means no rule).
    pub lifecycle: Lifecycle,
    /// Object Lock, when on (then `versioning` is true).
    pub object_lock: Option<ObjectLock>,
    /// Whether `s3:PutObjectRetention` is granted (only with Object Lock).
    pub put_retention: bool,
    /// The SSE-KMS key, when default encryption uses one (its partition is `partition`).
    pub kms_key: Option<KmsKeyArn>,
    /// The partition every ARN names.
    pub partition: Partition,
    /// The Region chosen for the bucket, if any (a Region of `partition`, and the KMS key's when both are set).
    pub region: Option<&'static str>,
    /// Whether the bucket policy denies requests without TLS.
    pub tls_only: bool,
}

impl Spec {
    /// Validates every field and reports every problem, in the order the page shows the fields.
    ///
    /// ```
    /// use s3_policy_playground::policy::{Field, Options, Spec};
    /// let problems = Spec::from_options(&Options::default()).unwrap_err();
    /// assert_eq!(problems[0].field, Field::Bucket);
    /// ```
    pub fn from_options(options: &Options) -> Result<Spec, Vec<Problem>> {
        let mut problems = Vec::new();

        let (raw_bucket, path_in_bucket) = split_location(&options.bucket);
        let bucket = if raw_bucket.is_empty() {
            let message = if path_in_bucket.is_some() {
                format!(
                    "`{}` starts with `/`: type the bucket name first, then `/` and the path",
                    options.bucket
                )
            } else {
                "type the name of the bucket the backups go to (the plugin's \"S3 location\")"
                    .to_owned()
            };
            problems.push(Problem {
                field: Field::Bucket,
                message,
            });
            None
        } else {
            match BucketName::parse(raw_bucket) {
                Ok(name) => Some(name),
                Err(broken) => {
                    problems.extend(broken.into_iter().map(|b| Problem {
                        field: Field::Bucket,
                        message: b.message,
                    }));
                    None
                }
            }
        };

        let raw_prefix = match path_in_bucket {
            Some(path) if !options.prefix.is_empty() => {
                problems.push(Problem {
                    field: Field::Prefix,
                    message: format!(
                        "the bucket field already has the path `{path}`: clear it there or clear the path field (in the CLI, `--bucket` or `--prefix`)"
                    ),
                });
                None
            }
            Some(path) => Some(path),
            None => Some(options.prefix.as_str()),
        };
        let prefix = raw_prefix.and_then(|raw| match Prefix::parse(raw) {
            Ok(prefix) => Some(prefix),
            Err(errors) => {
                problems.extend(errors.into_iter().map(|message| Problem {
                    field: Field::Prefix,
                    message,
                }));
                None
            }
        });

        for (raw, kind, field) in [
            (&options.user_name, NameKind::User, Field::UserName),
            (&options.policy_name, NameKind::Policy, Field::PolicyName),
        ] {
            if let Err(errors) = names::check(raw, kind) {
                problems.extend(errors.into_iter().map(|message| Problem { field, message }));
            }
        }

        check_days(
            &mut problems,
            Field::ExpirationDays,
            options.expiration_days,
            "backups expire",
        );
        check_days(
            &mut problems,
            Field::NoncurrentDays,
            options.noncurrent_days,
            "noncurrent versions expire",
        );
        match options.newer_noncurrent_versions {
            Some(n) if n == 0 || n > MAX_NEWER_NONCURRENT_VERSIONS => problems.push(Problem {
                field: Field::NewerNoncurrentVersions,
                message: format!(
                    "`{n}` newer versions: keep 1 to {MAX_NEWER_NONCURRENT_VERSIONS}, or none (an empty field on the page, 0 on the command line)"
                ),
            }),
            Some(_) if options.noncurrent_days.is_none() => problems.push(Problem {
                field: Field::NewerNoncurrentVersions,
                message: "set the days after which noncurrent versions expire too: S3 keeps newer versions only as part of that action".to_owned(),
            }),
            _ => {}
        }
        check_days(
            &mut problems,
            Field::AbortMultipartDays,
            options.abort_multipart_days,
            "incomplete multipart uploads are aborted",
        );

        // AWS: "If the lifecycle configuration is set to delete current versions, or the
        // ExpiredObjectDeleteMarker action is explicitly set, Amazon S3 removes the expired
        // object's delete marker" (ManagingDelMarkers.html).
        if let (true, Some(days)) = (
            options.remove_expired_delete_markers,
            options.expiration_days,
        ) {
            problems.push(Problem {
                field: Field::RemoveExpiredDeleteMarkers,
                message: format!("expiring backups after {days} days already makes S3 remove expired delete markers, and AWS forbids both in one `Expiration`: untick \"Remove expired delete markers\" (`--keep-expired-delete-markers`)"),
            });
        }

        let region = if options.region.is_empty() {
            None
        } else {
            match check_region(&options.region, options.partition) {
                Ok(region) => Some(region),
                Err(message) => {
                    problems.push(Problem {
                        field: Field::Region,
                        message,
                    });
                    None
                }
            }
        };

        // A name in the account regional namespace fixes the bucket's Region: the Region option
        // must agree, or, left empty, takes it from the name.
        let named = bucket
            .as_ref()
            .and_then(|b| Some((b.as_str(), account_regional(b.as_str())?)));
        let region = match named {
            None => region,
            Some((name, named)) => {
                // AWS (gpbucketnamespaces.html): such buckets can be created "in all AWS Regions
                // except Middle East (Bahrain) and Middle East (UAE)".
                if NO_ACCOUNT_REGIONAL_NAMESPACE.contains(&named.region.as_str()) {
                    problems.push(Problem {
                        field: Field::Bucket,
                        message: format!(
                            "`{name}` names `{}`, where AWS offers no account regional namespace: choose a name without the `-{}-{}-an` ending, or another Region",
                            named.region, named.account, named.region
                        ),
                    });
                }
                if options.create_bucket {
                    problems.push(Problem {
                        field: Field::Bucket,
                        message: format!(
                            "`{name}` is a name of your account regional namespace, but UpdraftPlus creates buckets in the global namespace, which refuses such a name: untick \"Let the backup tool create the bucket\" (`--no-create-bucket`) and create it yourself (the console steps say how)"
                        ),
                    });
                }
                match region {
                    Some(region) => {
                        if region != named.region {
                            problems.push(Problem {
                                field: Field::Region,
                                message: format!(
                                    "`{name}` is an account regional namespace name for `{}`, so the bucket can only be in `{}`: choose that Region, or a bucket name without the `-{}-{}-an` ending",
                                    named.region, named.region, named.account, named.region
                                ),
                            });
                        }
                        Some(region)
                    }
                    // The Region option was given but is not valid: its own problem says so.
                    None if !options.region.is_empty() => None,
                    None => match check_region(&named.region, options.partition) {
                        Ok(region) => Some(region),
                        Err(_) => {
                            let message = if Partition::of_region(&named.region).is_some() {
                                format!(
                                    "`{name}` names the Region `{}`, which is not a Region of the `{}` partition: choose the partition of that Region, or fix the Region in the name",
                                    named.region,
                                    options.partition.id()
                                )
                            } else {
                                format!(
                                    "`{name}` names `{}`, which is not an AWS Region code: fix the Region in the name (for example `us-west-2`)",
                                    named.region
                                )
                            };
                            problems.push(Problem {
                                field: Field::Bucket,
                                message,
                            });
                            None
                        }
                    },
                }
            }
        };

        let object_lock = match options.object_lock {
            None => None,
            Some(mode) => {
                if !options.versioning {
                    problems.push(Problem {
                        field: Field::ObjectLock,
                        message: "versioning must be on for Object Lock: turn versioning on (S3 turns it on with Object Lock and never lets it be suspended again)".to_owned(),
                    });
                }
                match options.retention_days {
                    None => {
                        problems.push(Problem {
                            field: Field::RetentionDays,
                            message: format!("set the default retention, 1 to {MAX_RETENTION_DAYS} days: UpdraftPlus does not lock what it uploads, so without a default retention no backup is locked"),
                        });
                        None
                    }
                    Some(days) if days == 0 || days > MAX_RETENTION_DAYS => {
                        problems.push(Problem {
                            field: Field::RetentionDays,
                            message: format!("`{days}` days: enter 1 to {MAX_RETENTION_DAYS} days (100 years, the most this tool accepts)"),
                        });
                        None
                    }
                    Some(retention_days) => Some(ObjectLock {
                        mode,
                        retention_days,
                    }),
                }
            }
        };
        if options.put_retention && options.object_lock.is_none() {
            problems.push(Problem {
                field: Field::PutRetention,
                message: "\"The backup tool sets retention itself\" is on but Object Lock is off, and retention exists only on a bucket with Object Lock: choose an Object Lock mode, or turn that option off (in the CLI, `--no-put-retention`)".to_owned(),
            });
        }

        // The key's parser trims what a paste brings along; white space alone is no key.
        let kms_key = if options.kms_key_arn.trim().is_empty() {
            None
        } else {
            match KmsKeyArn::parse(&options.kms_key_arn, options.partition) {
                Ok(key) => {
                    match region {
                        Some(region) if region != key.region() => problems.push(Problem {
                            field: Field::KmsKeyArn,
                            message: format!(
                                "the key is in `{}` but the bucket in `{region}`: S3 encrypts with a key of the bucket's own Region, so use a key from `{region}` or change the Region",
                                key.region()
                            ),
                        }),
                        _ => {}
                    }
                    Some(key)
                }
                Err(errors) => {
                    problems.extend(errors.into_iter().map(|message| Problem {
                        field: Field::KmsKeyArn,
                        message,
                    }));
                    None
                }
            }
        };

        match (bucket, prefix, problems.is_empty()) {
            (Some(bucket), Some(prefix), true) => Ok(Spec {
                bucket,
                prefix,
                user_name: options.user_name.clone(),
                policy_name: options.policy_name.clone(),
                versioning: options.versioning,
                allow_delete: options.allow_delete,
                acl_actions: options.acl_actions,
                create_bucket: options.create_bucket,
                lifecycle: Lifecycle {
                    expiration_days: options.expiration_days,
                    noncurrent_days: options.noncurrent_days,
                    newer_noncurrent_versions: options.newer_noncurrent_versions,
                    abort_multipart_days: options.abort_multipart_days,
                    remove_expired_delete_markers: options.remove_expired_delete_markers,
                },
                object_lock,
                put_retention: options.put_retention,
                kms_key,
                partition: options.partition,
                region,
                tls_only: options.tls_only,
            }),
            _ => Err(problems),
        }
    }
}

impl Spec {
    /// The Region the exports create the bucket in: the chosen one, else the KMS key's, else the partition's first.
    ///
    /// ```
    /// use s3_policy_playground::policy::{Options, Preset, Spec};
    /// let spec = Spec::from_options(&Options::from_preset(Preset::Hardened, "mybucket")).unwrap();
    /// assert_eq!(spec.export_region(), "us-east-1");
    /// ```
    pub fn export_region(&self) -> &'static str {
        self.bucket_region()
            .unwrap_or_else(|| self.partition.default_region())
    }

    /// The Region the options put the bucket in: the chosen one, else the KMS key's (a key
    /// encrypts only buckets of its own Region); `None` when nothing says.
    pub fn bucket_region(&self) -> Option<&'static str> {
        self.region
            .or_else(|| self.kms_key.as_ref().map(KmsKeyArn::region))
    }
}

fn check_days(problems: &mut Vec<Problem>, field: Field, days: Option<u32>, what: &str) {
    match days {
        Some(0) => problems.push(Problem {
            field,
            message: format!("`0` days: {what} after at least 1 day, or leave the days out (an empty field on the page) for no such action"),
        }),
        Some(n) if n > MAX_DAYS => problems.push(Problem {
            field,
            message: format!("`{n}` days is more than S3 accepts: use at most {MAX_DAYS}"),
        }),
        _ => {}
    }
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failing test may panic"
)]
mod tests {
    use super::*;
    use crate::policy::Preset;

    fn problems(o: &Options) -> Vec<(Field, String)> {
        Spec::from_options(o)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn an_account_regional_name_fixes_the_region() {
        // AWS: "Bucket names must follow the format bucket-name-prefix-accountId-region-an".
        let name = "backups-111122223333-us-west-2-an";
        let mut o = Options::from_preset(Preset::FaqSecure, name);
        o.create_bucket = false;
        let spec = Spec::from_options(&o).unwrap();
        assert_eq!(
            spec.region,
            Some("us-west-2"),
            "an empty Region comes from the name"
        );
        let outputs = crate::policy::derive(&o).outputs.unwrap();
        assert!(outputs.steps_text().contains("Create it in your account regional namespace; \"Bucket name\": type `backups` only, as the console adds the suffix `-111122223333-us-west-2-an` itself, then check that the full name it shows is exactly `backups-111122223333-us-west-2-an`"));
        assert!(outputs
            .steps_text()
            .contains("choose the Region `us-west-2`, then in the left navigation pane choose \"General purpose buckets\" and \"Create bucket\""));
        assert!(outputs
            .warnings
            .iter()
            .any(|w| w.id == "account-regional-name"
                && w.why.contains(
                    "the console steps and the AWS CLI, Terraform and CloudFormation code here create it there"
                )));
        assert!(outputs
            .cli_script
            .contains("--bucket-namespace account-regional"));
        assert!(outputs
            .terraform
            .contains("bucket_namespace = \"account-regional\""));
        assert!(outputs
            .cloudformation
            .contains("BucketNamespace: \"account-regional\""));
        let global = crate::policy::derive(&Options::from_preset(Preset::FaqSecure, "backups"))
            .outputs
            .unwrap();
        assert!(!global
            .warnings
            .iter()
            .any(|w| w.id == "account-regional-name"));
        assert!(!global.cli_script.contains("--bucket-namespace"));
        assert!(!global.terraform.contains("bucket_namespace"));
        assert!(!global.cloudformation.contains("BucketNamespace"));

        o.region = "eu-west-1".to_owned();
        let p = problems(&o);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, Field::Region);
        assert!(p[0].1.contains("so the bucket can only be in `us-west-2`: choose that Region, or a bucket name without the `-111122223333-us-west-2-an` ending"), "{}", p[0].1);

        o.region = "us-west-2".to_owned();
        o.create_bucket = true;
        let p = problems(&o);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, Field::Bucket);
        assert!(
            p[0].1
                .contains("UpdraftPlus creates buckets in the global namespace"),
            "{}",
            p[0].1
        );

        let mut o = Options::from_preset(Preset::FaqSecure, "backups-111122223333-cn-north-1-an");
        o.create_bucket = false;
        let p = problems(&o);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].1.contains(
                "names the Region `cn-north-1`, which is not a Region of the `aws` partition"
            ),
            "{}",
            p[0].1
        );
        o.partition = Partition::AwsCn;
        assert_eq!(Spec::from_options(&o).unwrap().region, Some("cn-north-1"));

        // Bahrain and the UAE have no account regional namespace.
        for region in ["me-south-1", "me-central-1"] {
            let name = format!("backups-111122223333-{region}-an");
            let mut o = Options::from_preset(Preset::FaqSecure, &name);
            o.create_bucket = false;
            let p = problems(&o);
            assert_eq!(p.len(), 1, "{p:?}");
            assert!(
                p[0].1
                    .contains("where AWS offers no account regional namespace"),
                "{}",
                p[0].1
            );
        }

        // A Region no partition has is not sent to another partition.
        let mut o = Options::from_preset(Preset::FaqSecure, "backups-111122223333-mars-west-1-an");
        o.create_bucket = false;
        let p = problems(&o);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, "`backups-111122223333-mars-west-1-an` names `mars-west-1`, which is not an AWS Region code: fix the Region in the name (for example `us-west-2`)");
    }

    #[test]
    fn retention_without_object_lock_names_the_option() {
        let mut o = Options::from_preset(Preset::FaqSecure, "b-1");
        o.put_retention = true;
        let p = problems(&o);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, Field::PutRetention);
        assert!(p[0]
            .1
            .starts_with("\"The backup tool sets retention itself\" is on but Object Lock is off"));
        assert!(p[0].1.ends_with("choose an Object Lock mode, or turn that option off (in the CLI, `--no-put-retention`)"));
    }

    #[test]
    fn empty_bucket_is_one_problem() {
        let p = problems(&Options::default());
        assert_eq!(p.len(), 1);
        assert!(p[0].1.starts_with("type the name of the bucket"));
    }

    #[test]
    fn location_splits_into_bucket_and_prefix() {
        let spec = Spec::from_options(&Options::from_preset(Preset::Hardened, "b-1/x/y/")).unwrap();
        assert_eq!(
            (spec.bucket.as_str(), spec.prefix.as_str()),
            ("b-1", "x/y/")
        );
        let mut o = Options::from_preset(Preset::Hardened, "b-1/x");
        o.prefix = "y".into();
        assert_eq!(problems(&o)[0].0, Field::Prefix);
        assert_eq!(
            problems(&Options::from_preset(Preset::Hardened, "/x"))[0].0,
            Field::Bucket
        );
    }

    #[test]
    fn lifecycle_numbers() {
        let mut o = Options::from_preset(Preset::Hardened, "bucket");
        o.noncurrent_days = Some(0);
        o.newer_noncurrent_versions = Some(101);
        o.abort_multipart_days = Some(u32::MAX);
        o.expiration_days = Some(0);
        let fields: Vec<Field> = problems(&o).into_iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            vec![
                Field::ExpirationDays,
                Field::NoncurrentDays,
                Field::NewerNoncurrentVersions,
                Field::AbortMultipartDays
            ]
        );
        o = Options::from_preset(Preset::Hardened, "bucket");
        o.noncurrent_days = None;
        o.newer_noncurrent_versions = Some(3);
        assert_eq!(problems(&o)[0].0, Field::NewerNoncurrentVersions);
        o = Options::from_preset(Preset::Hardened, "bucket");
        o.remove_expired_delete_markers = true;
        assert_eq!(problems(&o)[0].0, Field::RemoveExpiredDeleteMarkers);
        assert!(
            problems(&o)[0]
                .1
                .ends_with("already makes S3 remove expired delete markers, and AWS forbids both in one `Expiration`: untick \"Remove expired delete markers\" (`--keep-expired-delete-markers`)"),
            "{}",
            problems(&o)[0].1
        );
        o.expiration_days = None;
        assert!(problems(&o).is_empty());
    }

    #[test]
    fn object_lock_needs_versioning_and_retention() {
        let mut o = Options::from_preset(Preset::FaqStandard, "bucket");
        o.object_lock = Some(ObjectLockMode::Governance);
        o.retention_days = None;
        o.put_retention = true;
        let fields: Vec<Field> = problems(&o).into_iter().map(|p| p.0).collect();
        assert_eq!(fields, vec![Field::ObjectLock, Field::RetentionDays]);
        o.versioning = true;
        for (days, ok) in [(0, false), (1, true), (36_500, true), (36_501, false)] {
            o.retention_days = Some(days);
            assert_eq!(problems(&o).is_empty(), ok, "{days}");
        }
        o.object_lock = None;
        assert_eq!(problems(&o)[0].0, Field::PutRetention);
    }

    #[test]
    fn region_and_key_agree() {
        let key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        let mut o = Options::from_preset(Preset::Hardened, "bucket");
        o.kms_key_arn = key.into();
        let spec = Spec::from_options(&o).unwrap();
        assert_eq!(spec.export_region(), "eu-west-1");
        o.region = "eu-west-2".into();
        assert_eq!(problems(&o)[0].0, Field::KmsKeyArn);
        o.region = "cn-north-1".into();
        let p = problems(&o);
        assert_eq!(p[0].0, Field::Region);
        o.partition = Partition::AwsCn;
        let fields: Vec<Field> = problems(&o).into_iter().map(|p| p.0).collect();
        assert_eq!(fields, vec![Field::KmsKeyArn]);
        o.kms_key_arn.clear();
        assert_eq!(
            Spec::from_options(&o).unwrap().export_region(),
            "cn-north-1"
        );
    }
}
