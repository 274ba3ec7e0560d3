//! The one table of S3 actions the core can emit: name, resource type, and what the backup tool uses it for.
//!
//! AWS: "Each action in the Actions table identifies the resource types that can be specified with that
//! action" (Service Authorization Reference, <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html>).
//! `tests/policy_actions.rs` checks every row against AWS's published list (`tests/data/aws/s3-actions.json`).

/// The kind of ARN an action is granted on.
///
/// AWS: bucket ARNs are `arn:${Partition}:s3:::${BucketName}`, object ARNs are
/// `arn:${Partition}:s3:::${BucketName}/${ObjectName}`, and actions with no resource type take `"*"`
/// (<https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-resources-for-iam-policies>).
///
/// ```
/// use s3_policy_playground::policy::actions::ResourceType;
/// assert_eq!(ResourceType::Object.id(), "object");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "lowercase"))]
pub enum ResourceType {
    /// `arn:aws:s3:::BUCKET`.
    Bucket,
    /// `arn:aws:s3:::BUCKET/PREFIX*`.
    Object,
    /// `*`: the action takes no resource type.
    All,
}

impl ResourceType {
    /// The name AWS's action list uses for this type (`""` for actions that take no resource type).
    ///
    /// ```
    /// use s3_policy_playground::policy::actions::ResourceType;
    /// assert_eq!(ResourceType::All.id(), "");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            ResourceType::Bucket => "bucket",
            ResourceType::Object => "object",
            ResourceType::All => "",
        }
    }
}

/// One S3 action the core may put in a policy.
///
/// ```
/// use s3_policy_playground::policy::actions::{action, ResourceType};
/// assert_eq!(action("s3:ListBucket").unwrap().resource, ResourceType::Bucket);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct S3Action {
    /// The IAM action name, as written in a policy (`s3:PutObject`).
    pub name: &'static str,
    /// The resource type it must be granted on.
    pub resource: ResourceType,
    /// What the backup tool uses it for, in one sentence a person can read.
    pub purpose: &'static str,
}

/// Lists the backup folder: finding old backup sets to restore and to prune.
pub const LIST_BUCKET: S3Action = S3Action {
    name: "s3:ListBucket",
    resource: ResourceType::Bucket,
    purpose: "lists the backup files in the bucket, to show, restore and prune backup sets",
};
/// Finds which Region the bucket lives in.
pub const GET_BUCKET_LOCATION: S3Action = S3Action {
    name: "s3:GetBucketLocation",
    resource: ResourceType::Bucket,
    purpose: "finds the bucket's Region, which also tells the tool that the bucket exists",
};
/// Lists unfinished multipart uploads, to resume them.
pub const LIST_BUCKET_MULTIPART_UPLOADS: S3Action = S3Action {
    name: "s3:ListBucketMultipartUploads",
    resource: ResourceType::Bucket,
    purpose: "lists unfinished multipart uploads, to resume or clean up a large upload",
};
/// Creates the bucket when it does not exist yet.
pub const CREATE_BUCKET: S3Action = S3Action {
    name: "s3:CreateBucket",
    resource: ResourceType::Bucket,
    purpose: "creates the bucket on the first backup or settings test when it does not exist yet",
};
/// Abandons a multipart upload.
pub const ABORT_MULTIPART_UPLOAD: S3Action = S3Action {
    name: "s3:AbortMultipartUpload",
    resource: ResourceType::Object,
    purpose: "abandons a failed multipart upload so its parts stop being stored",
};
/// Deletes backups (creates a delete marker when versioning is on).
pub const DELETE_OBJECT: S3Action = S3Action {
    name: "s3:DeleteObject",
    resource: ResourceType::Object,
    purpose:
        "deletes old backup sets (the \"retain this many\" setting) and the settings-test file",
};
/// Permanently deletes one version of a backup.
pub const DELETE_OBJECT_VERSION: S3Action = S3Action {
    name: "s3:DeleteObjectVersion",
    resource: ResourceType::Object,
    purpose: "permanently deletes a specific version of a backup file",
};
/// Downloads backups.
pub const GET_OBJECT: S3Action = S3Action {
    name: "s3:GetObject",
    resource: ResourceType::Object,
    purpose: "downloads backup files, to restore them from the plugin",
};
/// Reads a backup's ACL.
pub const GET_OBJECT_ACL: S3Action = S3Action {
    name: "s3:GetObjectAcl",
    resource: ResourceType::Object,
    purpose: "reads the access control list of a backup file",
};
/// Downloads an older version of a backup.
pub const GET_OBJECT_VERSION: S3Action = S3Action {
    name: "s3:GetObjectVersion",
    resource: ResourceType::Object,
    purpose: "downloads a specific version of a backup file",
};
/// Reads the ACL of an older version.
pub const GET_OBJECT_VERSION_ACL: S3Action = S3Action {
    name: "s3:GetObjectVersionAcl",
    resource: ResourceType::Object,
    purpose: "reads the access control list of a specific version of a backup file",
};
/// Uploads backups (single and multipart uploads).
pub const PUT_OBJECT: S3Action = S3Action {
    name: "s3:PutObject",
    resource: ResourceType::Object,
    purpose: "uploads backup files, in one request or in 5 MB multipart chunks",
};
/// Sets a backup's ACL.
pub const PUT_OBJECT_ACL: S3Action = S3Action {
    name: "s3:PutObjectAcl",
    resource: ResourceType::Object,
    purpose:
        "sets the access control list of a backup file (the plugin asks for `private` on upload)",
};
/// Sets the ACL of an older version.
pub const PUT_OBJECT_VERSION_ACL: S3Action = S3Action {
    name: "s3:PutObjectVersionAcl",
    resource: ResourceType::Object,
    purpose: "sets the access control list of a specific version of a backup file",
};
/// Sets the Object Lock retention of one object version (only for tools that lock what they upload).
pub const PUT_OBJECT_RETENTION: S3Action = S3Action {
    name: "s3:PutObjectRetention",
    resource: ResourceType::Object,
    purpose: "sets or extends how long an uploaded backup version stays locked (UpdraftPlus does not; other tools may)",
};
/// Lists every bucket in the account.
pub const LIST_ALL_MY_BUCKETS: S3Action = S3Action {
    name: "s3:ListAllMyBuckets",
    resource: ResourceType::All,
    purpose: "lists the account's buckets; the FAQ's policies grant it so the tool can look for its bucket",
};

/// Every action the core can emit, in the order the FAQ's policies list them.
///
/// INVARIANT: the policy builder only ever uses actions from this table; the exhaustive test checks that.
pub const ALL: [S3Action; 16] = [
    LIST_BUCKET,
    GET_BUCKET_LOCATION,
    LIST_BUCKET_MULTIPART_UPLOADS,
    CREATE_BUCKET,
    ABORT_MULTIPART_UPLOAD,
    DELETE_OBJECT,
    DELETE_OBJECT_VERSION,
    GET_OBJECT,
    GET_OBJECT_ACL,
    GET_OBJECT_VERSION,
    GET_OBJECT_VERSION_ACL,
    PUT_OBJECT,
    PUT_OBJECT_ACL,
    PUT_OBJECT_VERSION_ACL,
    PUT_OBJECT_RETENTION,
    LIST_ALL_MY_BUCKETS,
];

/// Looks an action up by its policy name (`s3:PutObject`).
///
/// ```
/// use s3_policy_playground::policy::actions::action;
/// assert!(action("s3:PutObject").is_some());
/// assert!(action("s3:PutBucketPolicy").is_none());
/// ```
pub fn action(name: &str) -> Option<S3Action> {
    ALL.iter().copied().find(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_prefixed() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(a.name.starts_with("s3:"), "{}", a.name);
            assert!(
                ALL.iter().skip(i + 1).all(|b| b.name != a.name),
                "{}",
                a.name
            );
        }
    }

    #[test]
    fn only_list_all_my_buckets_is_on_star() {
        let star: Vec<_> = ALL
            .iter()
            .filter(|a| a.resource == ResourceType::All)
            .collect();
        assert_eq!(star.len(), 1);
        assert_eq!(star.first().map(|a| a.name), Some("s3:ListAllMyBuckets"));
    }
}
