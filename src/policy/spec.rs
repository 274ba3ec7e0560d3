//! The validated form of [`Options`]: a [`Spec`] exists only when every choice is valid.

use super::bucket::{split_location, BucketName};
use super::derive::{Field, Problem};
use super::lifecycle::Lifecycle;
use super::names::{self, NameKind};
use super::options::Options;
use super::prefix::Prefix;

/// The largest day count S3 accepts: lifecycle `Days`, `NoncurrentDays` and `DaysAfterInitiation` are of type
/// Integer (32-bit signed) in the S3 API
/// (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_NoncurrentVersionExpiration.html>).
pub const MAX_DAYS: u32 = 2_147_483_647;
/// The most newer noncurrent versions a rule may keep.
///
/// AWS: "You can specify up to 100 noncurrent versions to retain"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_NoncurrentVersionExpiration.html>).
pub const MAX_NEWER_NONCURRENT_VERSIONS: u32 = 100;

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
                        "the bucket field already has the path `{path}`: clear it there or clear the path field"
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
                    "`{n}` newer versions: keep 1 to {MAX_NEWER_NONCURRENT_VERSIONS}, or leave the field empty to keep none"
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
                },
            }),
            _ => Err(problems),
        }
    }
}

fn check_days(problems: &mut Vec<Problem>, field: Field, days: Option<u32>, what: &str) {
    match days {
        Some(0) => problems.push(Problem {
            field,
            message: format!("`0` days: {what} after at least 1 day, or leave the field empty for no such action"),
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
    }
}
