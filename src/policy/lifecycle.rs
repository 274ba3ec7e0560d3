//! The S3 lifecycle rule that does the pruning the backup tool cannot do once it may not delete.
//!
//! The FAQ: "since UpdraftPlus cannot now delete historic backups, you will need to manage this another way
//! [...] use S3's built-in “life-cycle” feature". The JSON is what `aws s3api put-bucket-lifecycle-configuration
//! --lifecycle-configuration file://lifecycle.json` takes
//! (<https://docs.aws.amazon.com/cli/latest/reference/s3api/put-bucket-lifecycle-configuration.html>).

use super::json::{Map, Value};
use crate::json;

use super::prefix::Prefix;

/// The rule's `ID` (AWS: "Unique identifier for the rule. The value cannot be longer than 255 characters",
/// <https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html>).
pub const RULE_ID: &str = "updraftplus-backups";

/// The actions of the one lifecycle rule; all `None` means no rule.
///
/// INVARIANT: inside a [`crate::policy::Spec`] every `Some` day count is 1 to `MAX_DAYS`, the number of newer
/// versions is 1 to 100, `newer_noncurrent_versions` is `Some` only when `noncurrent_days` is, and
/// `remove_expired_delete_markers` is set only without `expiration_days` (AWS forbids both in one `Expiration`).
///
/// ```
/// use s3_policy_playground::policy::lifecycle::Lifecycle;
/// assert!(Lifecycle::default().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lifecycle {
    /// `Expiration.Days`: backups (current versions) expire this many days after upload.
    pub expiration_days: Option<u32>,
    /// `NoncurrentVersionExpiration.NoncurrentDays`.
    pub noncurrent_days: Option<u32>,
    /// `NoncurrentVersionExpiration.NewerNoncurrentVersions`.
    pub newer_noncurrent_versions: Option<u32>,
    /// `AbortIncompleteMultipartUpload.DaysAfterInitiation`.
    pub abort_multipart_days: Option<u32>,
    /// `Expiration.ExpiredObjectDeleteMarker`: remove delete markers with no version behind them.
    pub remove_expired_delete_markers: bool,
}

impl Lifecycle {
    /// Whether the rule would have no action (then no rule is generated).
    pub fn is_empty(&self) -> bool {
        self.expiration_days.is_none()
            && self.noncurrent_days.is_none()
            && self.abort_multipart_days.is_none()
            && !self.remove_expired_delete_markers
    }

    /// Whether the rule removes expired delete markers: only without `Expiration.Days`, because AWS says
    /// `ExpiredObjectDeleteMarker` "cannot be specified with Days or Date in a Lifecycle Expiration Policy"
    /// (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html>).
    pub fn removes_expired_delete_markers(&self) -> bool {
        self.remove_expired_delete_markers && self.expiration_days.is_none()
    }

    /// The lifecycle configuration as a JSON value, or `None` when the rule would have no action.
    ///
    /// Element names as in AWS's `LifecycleRule`: `ID`, `Filter` (`Prefix`), `Status`, `Expiration` (`Days`),
    /// `NoncurrentVersionExpiration` (`NoncurrentDays`, `NewerNoncurrentVersions`), `AbortIncompleteMultipartUpload`
    /// (`DaysAfterInitiation`) (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html>).
    ///
    /// ```
    /// use s3_policy_playground::policy::lifecycle::Lifecycle;
    /// use s3_policy_playground::policy::prefix::Prefix;
    /// let rule = Lifecycle { abort_multipart_days: Some(7), ..Lifecycle::default() };
    /// let json = rule.to_json(&Prefix::parse("site1").unwrap()).unwrap();
    /// assert_eq!(json["Rules"][0]["Filter"]["Prefix"], "site1/");
    /// assert_eq!(json["Rules"][0]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"], 7);
    /// ```
    pub fn to_json(&self, prefix: &Prefix) -> Option<Value> {
        if self.is_empty() {
            return None;
        }
        let mut rule = Map::new();
        rule.insert("ID".into(), json!(RULE_ID));
        // An empty prefix in the filter applies the rule to every object in the bucket.
        rule.insert("Filter".into(), json!({ "Prefix": prefix.as_str() }));
        rule.insert("Status".into(), json!("Enabled"));
        if let Some(days) = self.expiration_days {
            rule.insert("Expiration".into(), json!({ "Days": days }));
        } else if self.removes_expired_delete_markers() {
            rule.insert(
                "Expiration".into(),
                json!({ "ExpiredObjectDeleteMarker": true }),
            );
        }
        if let Some(days) = self.noncurrent_days {
            let mut nve = Map::new();
            nve.insert("NoncurrentDays".into(), json!(days));
            if let Some(keep) = self.newer_noncurrent_versions {
                nve.insert("NewerNoncurrentVersions".into(), json!(keep));
            }
            rule.insert("NoncurrentVersionExpiration".into(), Value::Object(nve));
        }
        if let Some(days) = self.abort_multipart_days {
            rule.insert(
                "AbortIncompleteMultipartUpload".into(),
                json!({ "DaysAfterInitiation": days }),
            );
        }
        Some(json!({ "Rules": [Value::Object(rule)] }))
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

    #[test]
    fn empty_rule_is_none() {
        assert_eq!(Lifecycle::default().to_json(&Prefix::default()), None);
    }

    #[test]
    fn full_rule() {
        let rule = Lifecycle {
            expiration_days: Some(90),
            noncurrent_days: Some(30),
            newer_noncurrent_versions: Some(2),
            abort_multipart_days: Some(7),
            remove_expired_delete_markers: false,
        };
        let json = rule.to_json(&Prefix::default()).unwrap();
        assert_eq!(
            json,
            json!({"Rules": [{
                "ID": "updraftplus-backups",
                "Filter": {"Prefix": ""},
                "Status": "Enabled",
                "Expiration": {"Days": 90},
                "NoncurrentVersionExpiration": {"NoncurrentDays": 30, "NewerNoncurrentVersions": 2},
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}
            }]})
        );
    }

    #[test]
    fn delete_markers_only_when_asked_and_without_days() {
        let mut rule = Lifecycle {
            noncurrent_days: Some(30),
            ..Lifecycle::default()
        };
        let json = rule.to_json(&Prefix::default()).unwrap();
        assert_eq!(json["Rules"][0].get("Expiration"), None);
        rule.remove_expired_delete_markers = true;
        let json = rule.to_json(&Prefix::default()).unwrap();
        assert_eq!(
            json["Rules"][0]["Expiration"],
            json!({"ExpiredObjectDeleteMarker": true})
        );
        let alone = Lifecycle {
            remove_expired_delete_markers: true,
            ..Lifecycle::default()
        };
        assert!(!alone.is_empty());
        rule.expiration_days = Some(90);
        let json = rule.to_json(&Prefix::default()).unwrap();
        assert_eq!(json["Rules"][0]["Expiration"], json!({"Days": 90}));
    }
}
