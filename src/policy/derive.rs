//! `derive`: options in; problems, or the policy, console steps, lifecycle rule and warnings out.

use super::iam::{self, INLINE_USER_LIMIT, MANAGED_LIMIT};
use super::json::Value;
use super::options::Options;
use super::spec::Spec;
use super::{bucket_policy, exports, steps, warnings};

/// The option a [`Problem`] is about, so the page can show the message next to it.
///
/// ```
/// use s3_policy_playground::policy::Field;
/// assert_eq!(Field::NoncurrentDays.id(), "noncurrent-days");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "kebab-case"))]
pub enum Field {
    /// [`Options::bucket`].
    Bucket,
    /// [`Options::prefix`] (or the path part of `bucket/path`).
    Prefix,
    /// [`Options::user_name`].
    UserName,
    /// [`Options::policy_name`].
    PolicyName,
    /// [`Options::noncurrent_days`].
    NoncurrentDays,
    /// [`Options::newer_noncurrent_versions`].
    NewerNoncurrentVersions,
    /// [`Options::abort_multipart_days`].
    AbortMultipartDays,
    /// [`Options::expiration_days`].
    ExpirationDays,
    /// [`Options::remove_expired_delete_markers`].
    RemoveExpiredDeleteMarkers,
    /// [`Options::object_lock`].
    ObjectLock,
    /// [`Options::retention_days`].
    RetentionDays,
    /// [`Options::put_retention`].
    PutRetention,
    /// [`Options::kms_key_arn`].
    KmsKeyArn,
    /// [`Options::region`].
    Region,
}

impl Field {
    /// A stable id for `data-testid`s, URLs and the CLI's `--json` output.
    pub fn id(self) -> &'static str {
        match self {
            Field::Bucket => "bucket",
            Field::Prefix => "prefix",
            Field::UserName => "user-name",
            Field::PolicyName => "policy-name",
            Field::NoncurrentDays => "noncurrent-days",
            Field::NewerNoncurrentVersions => "newer-noncurrent-versions",
            Field::AbortMultipartDays => "abort-multipart-days",
            Field::ExpirationDays => "expiration-days",
            Field::RemoveExpiredDeleteMarkers => "remove-expired-delete-markers",
            Field::ObjectLock => "object-lock",
            Field::RetentionDays => "retention-days",
            Field::PutRetention => "put-retention",
            Field::KmsKeyArn => "kms-key-arn",
            Field::Region => "region",
        }
    }
}

/// Something that stops a correct policy from being generated, with a message that says what to do.
///
/// ```
/// use s3_policy_playground::policy::{derive, Field, Options};
/// let derived = derive(&Options { bucket: "My_Bucket".into(), ..Options::default() });
/// assert_eq!(derived.problems[0].field, Field::Bucket);
/// assert!(derived.problems[0].message.starts_with("`My_Bucket` has"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Problem {
    /// The option at fault.
    pub field: Field,
    /// Lowercase, no final full stop, user input in backticks, saying what to do.
    pub message: String,
}

/// How much a [`Warning`] matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "lowercase"))]
pub enum Severity {
    /// Backups can be destroyed or exposed.
    Danger,
    /// Something will not work as one might expect, or costs grow.
    Warning,
    /// Worth knowing; expected behaviour.
    Info,
}

impl Severity {
    /// `danger`, `warning` or `info`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Danger => "danger",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One console step, with the exact values to type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Step {
    /// A stable id (`create-bucket`, `lifecycle`, ...).
    pub id: &'static str,
    /// What the step achieves, as a short imperative.
    pub title: String,
    /// The clicks and values, one sentence each, console labels in double quotes.
    pub details: Vec<String>,
}

/// A consequence of the choices, with a one-line why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Warning {
    /// A stable id (`delete-no-versioning`, ...).
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// The consequence, in a few words.
    pub title: String,
    /// Why, in one sentence.
    pub why: String,
}

/// The policy's size as IAM counts it, and the two limits that matter here.
///
/// AWS: "IAM does not count white space when calculating the size of a policy against these limits"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct PolicySize {
    /// Characters of the policy that are not white space.
    pub minified_chars: usize,
    /// 2,048: all inline policies of one IAM user together.
    pub inline_limit: usize,
    /// 6,144: one customer managed policy.
    pub managed_limit: usize,
}

impl PolicySize {
    /// Whether the policy also fits as an inline user policy.
    pub fn fits_inline(&self) -> bool {
        self.minified_chars <= self.inline_limit
    }

    /// Whether the policy fits as a managed policy (the steps attach it as one).
    pub fn fits_managed(&self) -> bool {
        self.minified_chars <= self.managed_limit
    }

    /// The size against IAM's limits, as the page shows it under the policy. AWS's limit for
    /// inline policies is for all of a user's together ("the sum size of all inline policies").
    ///
    /// ```
    /// use s3_policy_playground::policy::PolicySize;
    /// let size = PolicySize { minified_chars: 484, inline_limit: 2048, managed_limit: 6144 };
    /// assert_eq!(size.summary(), "484 characters without white space: IAM allows 2,048 for all of \
    ///     a user's inline policies together and 6,144 for one managed policy.");
    /// ```
    pub fn summary(&self) -> String {
        format!(
            "{} characters without white space: IAM allows {} for all of a user's inline policies together and {} for one managed policy.",
            super::steps::thousands(self.minified_chars),
            super::steps::thousands(self.inline_limit),
            super::steps::thousands(self.managed_limit)
        )
    }
}

/// Everything generated from valid options.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Outputs {
    /// The IAM policy, pretty-printed with two-space indentation.
    pub policy_json: String,
    /// Its size against IAM's limits.
    pub policy_size: PolicySize,
    /// The console steps, in order; only the ones that apply.
    pub steps: Vec<Step>,
    /// The lifecycle configuration for `aws s3api put-bucket-lifecycle-configuration`, if there is a rule.
    pub lifecycle_json: Option<String>,
    /// The consequences, most severe first.
    pub warnings: Vec<Warning>,
    /// The bucket policy for `aws s3api put-bucket-policy` or the console's "Bucket policy", if an option needs one.
    pub bucket_policy_json: Option<String>,
    /// The whole setup as a bash script of AWS CLI calls (`cli.sh`).
    pub cli_script: String,
    /// The whole setup as Terraform for the AWS provider v5 (`main.tf`).
    pub terraform: String,
    /// The whole setup as a CloudFormation template (`cloudformation.yaml`).
    pub cloudformation: String,
}

impl Outputs {
    /// The steps as numbered plain text (the CLI's `--format steps` and `steps.txt`).
    ///
    /// ```
    /// use s3_policy_playground::policy::{derive, Options, Preset};
    /// let outputs = derive(&Options::from_preset(Preset::FaqSecure, "mybucket")).outputs.unwrap();
    /// assert!(outputs.steps_text().starts_with("1. "));
    /// ```
    pub fn steps_text(&self) -> String {
        let mut out = String::new();
        for (n, step) in self.steps.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&format!("{}. {}\n", n + 1, step.title));
            for detail in &step.details {
                out.push_str(&format!("   - {detail}\n"));
            }
        }
        out
    }

    /// The warnings as plain text, one `[severity] title` line and an indented why each.
    ///
    /// ```
    /// use s3_policy_playground::policy::{derive, Options, Preset};
    /// let outputs = derive(&Options::from_preset(Preset::FaqStandard, "mybucket")).outputs.unwrap();
    /// assert!(outputs.warnings_text().starts_with("[danger] "));
    /// ```
    pub fn warnings_text(&self) -> String {
        let mut out = String::new();
        for w in &self.warnings {
            out.push_str(&format!(
                "[{}] {}\n    {}\n",
                w.severity.id(),
                w.title,
                w.why
            ));
        }
        out
    }
}

/// The result of [`derive`]: problems, and outputs whenever nothing blocks a correct policy.
///
/// INVARIANT: `outputs` is `Some` exactly when `problems` is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Derived {
    /// What to fix, in the order the page shows the fields.
    pub problems: Vec<Problem>,
    /// The generated artefacts.
    pub outputs: Option<Outputs>,
}

/// Derives everything from the options; never panics, whatever the input.
///
/// ```
/// use s3_policy_playground::policy::{derive, Options, Preset};
/// let derived = derive(&Options::from_preset(Preset::Hardened, "mybucket/backups/site1"));
/// let outputs = derived.outputs.unwrap();
/// assert!(outputs.policy_json.contains("\"s3:prefix\": \"backups/site1/*\""));
/// assert!(outputs.policy_size.fits_inline());
/// assert!(outputs.lifecycle_json.unwrap().contains("\"Prefix\": \"backups/site1/\""));
/// ```
pub fn derive(options: &Options) -> Derived {
    derive_with_spec(options).0
}

/// [`derive`], and the validated [`Spec`] when the options are valid, for callers that need both
/// (the page's threat table), so the options are validated once.
///
/// ```
/// use s3_policy_playground::policy::{derive, derive_with_spec, Options, Preset, Spec};
/// let options = Options::from_preset(Preset::FaqSecure, "mybucket");
/// let (derived, spec) = derive_with_spec(&options);
/// assert_eq!(derived, derive(&options));
/// assert_eq!(spec, Spec::from_options(&options).ok());
/// ```
pub fn derive_with_spec(options: &Options) -> (Derived, Option<Spec>) {
    match Spec::from_options(options) {
        Ok(spec) => (derive_spec(&spec), Some(spec)),
        Err(problems) => (
            Derived {
                problems,
                outputs: None,
            },
            None,
        ),
    }
}

/// Everything generated from a valid [`Spec`].
fn derive_spec(spec: &Spec) -> Derived {
    let policy = iam::policy(spec);
    let policy_json = policy.to_pretty();
    let minified = policy.to_string();
    let policy_size = PolicySize {
        minified_chars: iam::counted_chars(&minified),
        inline_limit: INLINE_USER_LIMIT,
        managed_limit: MANAGED_LIMIT,
    };
    if !policy_size.fits_managed() {
        // Unreachable with today's limits on bucket and prefix length, but checked rather than assumed.
        return Derived {
            problems: vec![Problem {
                field: Field::Prefix,
                message: format!(
                    "the policy is {} characters without white space, over IAM's {} for a managed policy: shorten the path",
                    policy_size.minified_chars, MANAGED_LIMIT
                ),
            }],
            outputs: None,
        };
    }
    let lifecycle = spec.lifecycle.to_json(&spec.prefix);
    let lifecycle_json = lifecycle.as_ref().map(Value::to_pretty);
    let bucket_policy = bucket_policy::bucket_policy(spec);
    let bucket_policy_json = bucket_policy.as_ref().map(Value::to_pretty);
    let exports = exports::exports(spec, &policy, bucket_policy.as_ref(), lifecycle.as_ref());
    let steps = steps::steps(spec, &policy_size);
    let warnings = warnings::warnings(spec, &policy_size);
    Derived {
        problems: Vec::new(),
        outputs: Some(Outputs {
            policy_json,
            policy_size,
            steps,
            lifecycle_json,
            warnings,
            bucket_policy_json,
            cli_script: exports.cli_script,
            terraform: exports.terraform,
            cloudformation: exports.cloudformation,
        }),
    }
}
