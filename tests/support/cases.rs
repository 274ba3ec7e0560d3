//! Option sets shared by the golden tests and the export validators.

use s3_policy_playground::policy::{ObjectLockMode, Options, Partition, Preset};

/// A bucket in the account regional namespace (its name ends in the account ID, the Region and
/// `-an`), with the Region left for the name to give.
pub fn account_regional() -> Options {
    Options::from_preset(Preset::Hardened, "backups-111122223333-eu-west-1-an")
}

/// Every hardening option on, whatever the preset: Object Lock in compliance mode with the retention action, SSE-KMS,
/// the China partition with a Region, TLS only, and a lifecycle rule that removes expired delete markers.
pub fn all_hardening() -> Options {
    Options {
        object_lock: Some(ObjectLockMode::Compliance),
        retention_days: Some(60),
        put_retention: true,
        kms_key_arn:
            "arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                .into(),
        partition: Partition::AwsCn,
        region: "cn-northwest-1".into(),
        tls_only: true,
        remove_expired_delete_markers: true,
        expiration_days: None,
        ..Options::from_preset(Preset::Hardened, "mybucket/backups/site1")
    }
}
