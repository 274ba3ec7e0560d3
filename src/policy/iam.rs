//! The IAM identity policy: the FAQ's three statements, shaped by the options, and its size against IAM's limits.

use super::json::{Map, Value};
use crate::json;

use super::actions::{self, S3Action};
use super::spec::Spec;

/// Size limit of the inline policies of one IAM user.
///
/// AWS: "User policy size cannot exceed 2,048 characters" and "IAM does not count white space when calculating
/// the size of a policy against these limits" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
pub const INLINE_USER_LIMIT: usize = 2_048;
/// Size limit of one customer managed policy.
///
/// AWS: "Managed policy size cannot exceed 6,144 characters"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
pub const MANAGED_LIMIT: usize = 6_144;

/// The policy language version of the FAQ's policies (the current one, which allows policy variables).
pub const VERSION: &str = "2012-10-17";

/// One `Allow` statement as the core builds it.
///
/// ```
/// use s3_policy_playground::policy::iam::statements;
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let spec = Spec::from_options(&Options::from_preset(Preset::FaqStandard, "mybucket")).unwrap();
/// assert_eq!(statements(&spec).len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The actions, in the FAQ's order.
    pub actions: Vec<S3Action>,
    /// The single resource ARN (or `*`).
    pub resource: String,
    /// The `Condition` block, if any.
    pub condition: Option<Value>,
}

impl Statement {
    fn to_json(&self) -> Value {
        let mut statement = Map::new();
        statement.insert("Effect".into(), json!("Allow"));
        let names: Vec<&str> = self.actions.iter().map(|a| a.name).collect();
        // The FAQ writes a lone action as a string, not a one-element list.
        let action = match names.as_slice() {
            [one] => json!(one),
            many => json!(many),
        };
        statement.insert("Action".into(), action);
        statement.insert("Resource".into(), json!(self.resource));
        if let Some(condition) = &self.condition {
            statement.insert("Condition".into(), condition.clone());
        }
        Value::Object(statement)
    }
}

/// The bucket ARN: AWS's bucket resource type is `arn:${Partition}:s3:::${BucketName}`.
///
/// ```
/// use s3_policy_playground::policy::iam::bucket_arn;
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let spec = Spec::from_options(&Options::from_preset(Preset::Hardened, "mybucket")).unwrap();
/// assert_eq!(bucket_arn(&spec), "arn:aws:s3:::mybucket");
/// ```
pub fn bucket_arn(spec: &Spec) -> String {
    format!("arn:{}:s3:::{}", spec.partition.id(), spec.bucket)
}

/// The object ARN pattern: AWS's object resource type is `arn:${Partition}:s3:::${BucketName}/${ObjectName}`,
/// and `*` after the prefix covers every key under it.
///
/// ```
/// use s3_policy_playground::policy::iam::object_arn;
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let spec = Spec::from_options(&Options::from_preset(Preset::Hardened, "mybucket/backups/site1")).unwrap();
/// assert_eq!(object_arn(&spec), "arn:aws:s3:::mybucket/backups/site1/*");
/// ```
pub fn object_arn(spec: &Spec) -> String {
    format!(
        "arn:{}:s3:::{}/{}*",
        spec.partition.id(),
        spec.bucket,
        spec.prefix
    )
}

/// The statements, in the FAQ's order: bucket actions, object actions, `s3:ListAllMyBuckets` on `*`.
///
/// With a prefix, `s3:ListBucket` moves to its own statement with a `StringLike` condition on `s3:prefix`
/// (AWS: "s3:prefix — Filters access by key name prefix", a condition key of `ListBucket`,
/// <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html>).
pub fn statements(spec: &Spec) -> Vec<Statement> {
    let mut bucket_actions = Vec::new();
    if spec.prefix.is_empty() {
        bucket_actions.push(actions::LIST_BUCKET);
    }
    bucket_actions.push(actions::GET_BUCKET_LOCATION);
    bucket_actions.push(actions::LIST_BUCKET_MULTIPART_UPLOADS);
    if spec.create_bucket {
        bucket_actions.push(actions::CREATE_BUCKET);
    }

    let mut object_actions = vec![actions::ABORT_MULTIPART_UPLOAD];
    if spec.allow_delete {
        object_actions.push(actions::DELETE_OBJECT);
        object_actions.push(actions::DELETE_OBJECT_VERSION);
    }
    object_actions.push(actions::GET_OBJECT);
    if spec.acl_actions {
        object_actions.push(actions::GET_OBJECT_ACL);
    }
    object_actions.push(actions::GET_OBJECT_VERSION);
    if spec.acl_actions {
        object_actions.push(actions::GET_OBJECT_VERSION_ACL);
    }
    object_actions.push(actions::PUT_OBJECT);
    if spec.acl_actions {
        object_actions.push(actions::PUT_OBJECT_ACL);
        object_actions.push(actions::PUT_OBJECT_VERSION_ACL);
    }
    if spec.put_retention && spec.object_lock.is_some() {
        // Only `PutObjectRetention`: never `s3:BypassGovernanceRetention`, which would let a stolen key shorten or
        // remove a governance-mode lock and then delete.
        object_actions.push(actions::PUT_OBJECT_RETENTION);
    }

    let mut out = vec![Statement {
        actions: bucket_actions,
        resource: bucket_arn(spec),
        condition: None,
    }];
    if !spec.prefix.is_empty() {
        // UpdraftPlus lists with `Prefix` set to `path/` followed by the start of a file name (`backup_`, or a
        // whole file name before a download), so every list request it makes starts with `path/`. `*` also
        // matches the empty string, so `path/*` allows listing `path/` itself; a request without a prefix
        // (the whole bucket) has no `s3:prefix` value and is denied.
        out.push(Statement {
            actions: vec![actions::LIST_BUCKET],
            resource: bucket_arn(spec),
            condition: Some(json!({ "StringLike": { "s3:prefix": format!("{}*", spec.prefix) } })),
        });
    }
    out.push(Statement {
        actions: object_actions,
        resource: object_arn(spec),
        condition: None,
    });
    out.push(Statement {
        actions: vec![actions::LIST_ALL_MY_BUCKETS],
        resource: "*".into(),
        condition: None,
    });
    out
}

/// The policy document as a JSON value.
///
/// ```
/// use s3_policy_playground::policy::iam::policy;
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let spec = Spec::from_options(&Options::from_preset(Preset::FaqStandard, "mybucket")).unwrap();
/// assert_eq!(policy(&spec)["Statement"][2]["Action"], "s3:ListAllMyBuckets");
/// ```
pub fn policy(spec: &Spec) -> Value {
    let mut statements: Vec<Value> = statements(spec).iter().map(Statement::to_json).collect();
    statements.extend(kms_statement(spec));
    json!({ "Version": VERSION, "Statement": statements })
}

/// The KMS actions a backup tool needs on the bucket's SSE-KMS key.
///
/// AWS, on its SSE-KMS page for directory buckets: "To upload or download an object encrypted with an AWS KMS key
/// to or from Amazon S3, you need `kms:GenerateDataKey` and `kms:Decrypt` permissions on the key"
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-UsingKMSEncryption.html>); general purpose
/// buckets make the same KMS calls (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html>,
/// <https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html#key-policy-users-crypto>); multipart uploads
/// need `kms:Decrypt` too (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions>).
pub const KMS_ACTIONS: [&str; 2] = ["kms:GenerateDataKey", "kms:Decrypt"];

/// The statement on the SSE-KMS key, if there is one, limited to requests S3 makes on the user's behalf.
///
/// `kms:ViaService` "limits use of a KMS key to requests from specified AWS services", with values of the form
/// `SERVICE.REGION.amazonaws.com` (<https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service>);
/// the China Regions end in `amazonaws.com.cn`.
///
/// ```
/// use s3_policy_playground::policy::iam::kms_statement;
/// use s3_policy_playground::policy::{Options, Preset, Spec};
/// let mut options = Options::from_preset(Preset::Hardened, "mybucket");
/// options.kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab".into();
/// let statement = kms_statement(&Spec::from_options(&options).unwrap()).unwrap();
/// assert_eq!(statement["Condition"]["StringEquals"]["kms:ViaService"], "s3.eu-west-1.amazonaws.com");
/// ```
pub fn kms_statement(spec: &Spec) -> Option<Value> {
    let key = spec.kms_key.as_ref()?;
    let via = format!("s3.{}.{}", key.region(), spec.partition.dns_suffix());
    Some(json!({
        "Effect": "Allow",
        "Action": KMS_ACTIONS,
        "Resource": key.as_str(),
        "Condition": { "StringEquals": { "kms:ViaService": via } }
    }))
}

/// The size IAM counts: characters of the minified JSON that are not white space.
///
/// ```
/// use s3_policy_playground::policy::iam::counted_chars;
/// assert_eq!(counted_chars("{ \"a\" : 1 }"), 7);
/// ```
pub fn counted_chars(json: &str) -> usize {
    json.chars().filter(|c| !c.is_whitespace()).count()
}
