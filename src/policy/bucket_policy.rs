//! The bucket policy: today one statement, denying every request that does not use TLS.
//!
//! AWS's S3 security best practices recommend a bucket policy that denies HTTP requests with the
//! `aws:SecureTransport` condition key (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html>);
//! `aws:SecureTransport` is `false` when a request was not sent with TLS
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport>).
//! A bucket policy applies to the whole bucket, so the resources are the bucket and every object in it, whatever the
//! backup prefix.

use super::json::Value;
use crate::json;

use super::iam::{self, VERSION};
use super::spec::Spec;

/// The `Sid` of the TLS statement, so a person reading the bucket policy knows what it is for.
pub const TLS_SID: &str = "DenyRequestsWithoutTLS";

/// The bucket policy as a JSON value, or `None` when no option needs one.
///
/// ```
/// use s3_policy_playground::policy::bucket_policy::bucket_policy;
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let spec = Spec::from_options(&Options::from_preset(Preset::Hardened, "mybucket")).unwrap();
/// let policy = bucket_policy(&spec).unwrap();
/// assert_eq!(policy["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"], "false");
/// let spec = Spec::from_options(&Options::from_preset(Preset::FaqSecure, "mybucket")).unwrap();
/// assert!(bucket_policy(&spec).is_none());
/// ```
pub fn bucket_policy(spec: &Spec) -> Option<Value> {
    if !spec.tls_only {
        return None;
    }
    let bucket = iam::bucket_arn(spec);
    Some(json!({
        "Version": VERSION,
        "Statement": [{
            "Sid": TLS_SID,
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [bucket.clone(), format!("{bucket}/*")],
            "Condition": { "Bool": { "aws:SecureTransport": "false" } }
        }]
    }))
}
