//! The KMS key ARN for SSE-KMS default encryption: validated, and the policy statement the backup tool needs on it.
//!
//! Only key ARNs are accepted, not alias ARNs: an IAM policy grants `kms:GenerateDataKey` and `kms:Decrypt` on the
//! key's ARN (an alias ARN in `Resource` governs the alias, not the key it points to,
//! <https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html>), and S3's own API asks for the
//! key ARN: "You must specify the full AWS KMS key ARN. The KMS key ID and KMS key alias aren't supported"
//! (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_SSEKMSEncryption.html>).
//!
//! AWS: "To upload or download an object encrypted with an AWS KMS key to or from Amazon S3, you need
//! `kms:GenerateDataKey` and `kms:Decrypt` permissions on the key"
//! (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-UsingKMSEncryption.html>).
//!
//! ```
//! use s3_policy_playground::policy::kms::KmsKeyArn;
//! use s3_policy_playground::policy::partition::Partition;
//! let key = KmsKeyArn::parse(
//!     "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
//!     Partition::Aws,
//! )
//! .unwrap();
//! assert_eq!(key.region(), "eu-west-1");
//! ```

use std::fmt;

use super::partition::{check_region, Partition};

/// The key format this module accepts, for messages.
const FORMAT: &str = "arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID";

/// A KMS key ARN: `arn:<partition>:kms:<region>:<12-digit account>:key/<key id>`.
///
/// INVARIANT: built only by [`KmsKeyArn::parse`]: the partition is the bucket's, the Region is one of that
/// partition, the account has 12 digits and the key id is a UUID (`1234abcd-12ab-34cd-56ef-1234567890ab`) or a
/// multi-Region key id (`mrk-` and 32 hexadecimal digits) (AWS: key identifiers,
/// <https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id>).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KmsKeyArn {
    arn: String,
    region: &'static str,
}

impl KmsKeyArn {
    /// Validates `raw` as a key ARN of `partition`; the errors say what to type.
    ///
    /// ```
    /// use s3_policy_playground::policy::kms::KmsKeyArn;
    /// use s3_policy_playground::policy::partition::Partition;
    /// let errors = KmsKeyArn::parse("arn:aws:kms:eu-west-1:111122223333:alias/backups", Partition::Aws).unwrap_err();
    /// assert!(errors[0].contains("alias"));
    /// ```
    pub fn parse(raw: &str, partition: Partition) -> Result<KmsKeyArn, Vec<String>> {
        // A copied ARN often brings a space or a line break along; an ARN never holds one.
        let raw = raw.trim();
        let parts: Vec<&str> = raw.splitn(6, ':').collect();
        let [arn, part, service, region, account, resource] = parts.as_slice() else {
            return Err(vec![format!(
                "`{raw}` is not a key ARN: copy the \"ARN\" from the key's page in the KMS console ({FORMAT})"
            )]);
        };
        if *arn != "arn" || *service != "kms" {
            return Err(vec![format!(
                "`{raw}` is not a KMS key ARN: it must start with `arn:{}:kms:` ({FORMAT})",
                partition.id()
            )]);
        }
        let mut errors = Vec::new();
        if let Some(unsupported) = Partition::unsupported(part) {
            errors.push(format!("`{raw}` is in {unsupported}"));
        } else if *part != partition.id() {
            errors.push(format!(
                "`{raw}` is in the `{part}` partition but the bucket is in `{}`: use a key of the bucket's partition, or change the partition",
                partition.id()
            ));
        }
        let region = match check_region(region, partition) {
            Ok(region) => Some(region),
            Err(message) => {
                if *part == partition.id() {
                    errors.push(format!("the key's Region: {message}"));
                }
                None
            }
        };
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(format!(
                "`{account}` is not an account ID: the key ARN needs the 12 digits of the account that owns the key"
            ));
        }
        match resource.split_once('/') {
            // KMS writes key IDs in lowercase, and IAM matches a `Resource` ARN case-sensitively
            // (as reference_policies_elements_resource.html notes for user names), so a policy
            // naming `key/1234ABCD…` would not match the key S3 uses.
            Some(("key", id)) if is_key_id(id) && id.bytes().any(|b| b.is_ascii_uppercase()) => {
                errors.push(format!(
                    "`{id}` has uppercase letters, and KMS key IDs are lowercase: type `{}`",
                    id.to_ascii_lowercase()
                ))
            }
            Some(("key", id)) if is_key_id(id) => {}
            Some(("alias", _)) => errors.push(format!(
                "`{raw}` is an alias ARN: use the key ARN (`key/` and the key ID), which the KMS console shows on the key's page, because IAM grants KMS permissions on keys, not aliases"
            )),
            _ => errors.push(format!(
                "`{resource}` is not `key/` and a key ID: key IDs look like `1234abcd-12ab-34cd-56ef-1234567890ab` or `mrk-` and 32 hexadecimal digits"
            )),
        }
        match (region, errors.is_empty()) {
            (Some(region), true) => Ok(KmsKeyArn {
                arn: raw.to_owned(),
                region,
            }),
            _ => Err(errors),
        }
    }

    /// The whole ARN.
    pub fn as_str(&self) -> &str {
        &self.arn
    }

    /// The key's Region, which must also be the bucket's: S3 default encryption uses a key in the bucket's Region
    /// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html>).
    pub fn region(&self) -> &'static str {
        self.region
    }
}

impl fmt::Display for KmsKeyArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.arn)
    }
}

/// A UUID in its 8-4-4-4-12 form, or `mrk-` and 32 hexadecimal digits.
fn is_key_id(id: &str) -> bool {
    if let Some(hex) = id.strip_prefix("mrk-") {
        return hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let groups: Vec<&str> = id.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a failing test may panic"
)]
mod tests {
    use super::*;

    const KEY: &str = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    #[test]
    fn accepts_key_and_multi_region_key_arns() {
        assert_eq!(KmsKeyArn::parse(KEY, Partition::Aws).unwrap().as_str(), KEY);
        let mrk = "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        assert_eq!(
            KmsKeyArn::parse(mrk, Partition::AwsCn).unwrap().region(),
            "cn-north-1"
        );
    }

    #[test]
    fn a_pasted_space_or_line_break_around_the_arn_is_dropped() {
        let key = KmsKeyArn::parse(&format!(" {KEY}\n"), Partition::Aws).unwrap();
        assert_eq!(key.as_str(), KEY);
    }

    #[test]
    fn an_uppercase_key_id_is_given_in_lowercase() {
        let e = KmsKeyArn::parse(&KEY.replace("1234abcd", "1234ABCD"), Partition::Aws).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].ends_with("type `1234abcd-12ab-34cd-56ef-1234567890ab`"),
            "{e:?}"
        );
    }

    #[test]
    fn a_key_in_the_sovereign_cloud_is_said_to_be_outside_this_tool() {
        let eusc = KEY.replacen("arn:aws:", "arn:aws-eusc:", 1);
        let e = KmsKeyArn::parse(&eusc, Partition::Aws).unwrap_err();
        assert!(e[0].contains("European Sovereign Cloud"), "{e:?}");
        assert!(
            !e.iter().any(|m| m.contains("change the partition")),
            "{e:?}"
        );
    }

    #[test]
    fn says_what_is_wrong() {
        let e = KmsKeyArn::parse(KEY, Partition::AwsCn).unwrap_err();
        assert!(e[0].contains("`aws` partition"), "{e:?}");
        let e = KmsKeyArn::parse(
            "arn:aws:kms:eu-west-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            Partition::Aws,
        )
        .unwrap_err();
        assert!(e[0].contains("12 digits"), "{e:?}");
        let e =
            KmsKeyArn::parse("arn:aws:kms:xx-1:111122223333:key/nope", Partition::Aws).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            KmsKeyArn::parse("1234abcd", Partition::Aws).unwrap_err()[0].contains("not a key ARN")
        );
        assert!(
            KmsKeyArn::parse("arn:aws:s3:::bucket:x:y", Partition::Aws).unwrap_err()[0]
                .contains("not a KMS key ARN")
        );
        for e in [
            KmsKeyArn::parse("arn:aws:kms:eu-west-1:111122223333:alias/b", Partition::Aws),
            KmsKeyArn::parse("", Partition::Aws),
        ] {
            for m in e.unwrap_err() {
                assert!(!m.ends_with('.') && m.starts_with(|c: char| !c.is_uppercase()));
            }
        }
    }
}
