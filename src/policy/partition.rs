//! AWS partitions (`aws`, `aws-cn`, `aws-us-gov`) and the Region codes of each, for ARNs, endpoints and the console.
//!
//! Every ARN names its partition: "arn:partition:service:region:account-id:resource-id", where the partition is
//! `aws` for AWS Regions, `aws-cn` for the China Regions and `aws-us-gov` for AWS GovCloud (US)
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html>).
//!
//! The Region table follows the `regions` of each partition in botocore's endpoint model
//! (<https://github.com/boto/botocore/blob/develop/botocore/data/endpoints.json>), the table the AWS CLI itself
//! uses, cross-checked with "Amazon Simple Storage Service endpoints and quotas"
//! (<https://docs.aws.amazon.com/general/latest/gr/s3.html>).
//!
//! ```
//! use s3_policy_playground::policy::partition::Partition;
//! assert_eq!(Partition::from_id("aws-cn"), Some(Partition::AwsCn));
//! assert!(Partition::AwsCn.region("cn-north-1").is_some());
//! assert!(Partition::Aws.region("cn-north-1").is_none());
//! ```

/// Region codes of the `aws` partition (commercial Regions, opt-in Regions included).
const AWS_REGIONS: [&str; 34] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
];

/// Region codes of the `aws-cn` partition (Beijing and Ningxia).
const CN_REGIONS: [&str; 2] = ["cn-north-1", "cn-northwest-1"];

/// Region codes of the `aws-us-gov` partition (GovCloud US-West and US-East).
const US_GOV_REGIONS: [&str; 2] = ["us-gov-west-1", "us-gov-east-1"];

/// An AWS partition: the first field of every ARN, and which Regions, endpoints and console exist.
///
/// ```
/// use s3_policy_playground::policy::partition::Partition;
/// assert_eq!(Partition::default().id(), "aws");
/// assert_eq!(Partition::AwsUsGov.dns_suffix(), "amazonaws.com");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "kebab-case"))]
pub enum Partition {
    /// `aws`: the commercial Regions.
    #[default]
    Aws,
    /// `aws-cn`: the China Regions, operated separately.
    AwsCn,
    /// `aws-us-gov`: AWS GovCloud (US).
    AwsUsGov,
}

impl Partition {
    /// Every partition, in the order the page offers them.
    pub const ALL: [Partition; 3] = [Partition::Aws, Partition::AwsCn, Partition::AwsUsGov];

    /// The partition as ARNs write it.
    pub fn id(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }

    /// The partition with this [`Partition::id`].
    pub fn from_id(id: &str) -> Option<Partition> {
        Partition::ALL.into_iter().find(|p| p.id() == id)
    }

    /// What to tell a person who names a partition AWS has and this tool does not cover.
    ///
    /// AWS: "AWS currently has four partitions: aws …, aws-cn …, aws-us-gov …, and aws-eusc
    /// (European Sovereign Cloud)" (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html>).
    /// Its console address and Regions are not verified here, so its steps could not be right.
    ///
    /// ```
    /// use s3_policy_playground::policy::partition::Partition;
    /// assert!(Partition::unsupported("aws-eusc").is_some());
    /// assert!(Partition::unsupported("aws").is_none());
    /// ```
    pub fn unsupported(id: &str) -> Option<&'static str> {
        (id == "aws-eusc").then_some(
            "the AWS European Sovereign Cloud (`aws-eusc`), which this tool does not cover yet: its console steps and Regions are not checked here, so write that policy by hand from AWS's documentation",
        )
    }

    /// A label for a menu.
    pub fn label(self) -> &'static str {
        match self {
            Partition::Aws => "AWS (aws)",
            Partition::AwsCn => "China (aws-cn)",
            Partition::AwsUsGov => "GovCloud US (aws-us-gov)",
        }
    }

    /// The Region codes of this partition.
    pub fn regions(self) -> &'static [&'static str] {
        match self {
            Partition::Aws => &AWS_REGIONS,
            Partition::AwsCn => &CN_REGIONS,
            Partition::AwsUsGov => &US_GOV_REGIONS,
        }
    }

    /// The Region code as a `'static` string when `code` is a Region of this partition.
    pub fn region(self, code: &str) -> Option<&'static str> {
        self.regions().iter().copied().find(|r| *r == code)
    }

    /// The partition whose Region `code` is, if any.
    ///
    /// ```
    /// use s3_policy_playground::policy::partition::Partition;
    /// assert_eq!(Partition::of_region("us-gov-west-1"), Some(Partition::AwsUsGov));
    /// ```
    pub fn of_region(code: &str) -> Option<Partition> {
        Partition::ALL
            .into_iter()
            .find(|p| p.region(code).is_some())
    }

    /// The Region exports use when none is chosen: where `create-bucket` puts a bucket without
    /// `LocationConstraint` in `aws`, and the first Region of the other partitions.
    pub fn default_region(self) -> &'static str {
        match self {
            Partition::Aws => "us-east-1",
            Partition::AwsCn => "cn-north-1",
            Partition::AwsUsGov => "us-gov-west-1",
        }
    }

    /// The DNS suffix of service endpoints (`s3.REGION.SUFFIX`), as used by `kms:ViaService`.
    pub fn dns_suffix(self) -> &'static str {
        match self {
            Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
            Partition::AwsCn => "amazonaws.com.cn",
        }
    }

    /// The address of the management console of this partition.
    pub fn console(self) -> &'static str {
        match self {
            Partition::Aws => "https://console.aws.amazon.com",
            Partition::AwsCn => "https://console.amazonaws.cn",
            Partition::AwsUsGov => "https://console.amazonaws-us-gov.com",
        }
    }
}

/// Whether `create-bucket` needs `LocationConstraint` for `region`.
///
/// AWS: "If you are creating a bucket on the US East (N. Virginia) Region (us-east-1), you do not need to specify the
/// location" (<https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketConfiguration.html>); every other
/// Region needs its own code (we never write the legacy `EU`, which means `eu-west-1`).
///
/// ```
/// use s3_policy_playground::policy::partition::needs_location_constraint;
/// assert!(!needs_location_constraint("us-east-1"));
/// assert!(needs_location_constraint("eu-west-1"));
/// ```
pub fn needs_location_constraint(region: &str) -> bool {
    region != "us-east-1"
}

/// Checks a typed Region code against `partition`; the error says what to type instead.
///
/// ```
/// use s3_policy_playground::policy::partition::{check_region, Partition};
/// assert_eq!(check_region("eu-west-1", Partition::Aws), Ok("eu-west-1"));
/// assert!(check_region("EU", Partition::Aws).unwrap_err().contains("`eu-west-1`"));
/// ```
pub fn check_region(raw: &str, partition: Partition) -> Result<&'static str, String> {
    if let Some(region) = partition.region(raw) {
        return Ok(region);
    }
    let lower = raw.trim().to_ascii_lowercase();
    if lower == "eu" {
        return Err(match partition {
            Partition::Aws => format!(
                "`{raw}` is the old name `create-bucket` still accepts for Ireland: type `eu-west-1`"
            ),
            other => format!(
                "`{raw}` is the old name of Ireland (`eu-west-1`), a Region of the `aws` partition: choose that partition, or a Region of `{}`",
                other.id()
            ),
        });
    }
    if lower != raw {
        if let Some(region) = partition.region(&lower) {
            return Err(format!("`{raw}` has capitals or spaces: type `{region}`"));
        }
    }
    if let Some(other) = Partition::of_region(&lower) {
        return Err(format!(
            "`{raw}` is a Region of the `{}` partition: choose that partition, or a Region of `{}` such as `{}`",
            other.id(),
            partition.id(),
            partition.default_region()
        ));
    }
    Err(format!(
        "`{raw}` is not a Region code of the `{}` partition: type one such as `{}` (the console shows the code next to the Region's name)",
        partition.id(),
        partition.default_region()
    ))
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a failing test may panic")]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_in_one_partition_only() {
        for p in Partition::ALL {
            assert_eq!(Partition::from_id(p.id()), Some(p));
            for (i, r) in p.regions().iter().enumerate() {
                assert_eq!(Partition::of_region(r), Some(p), "{r}");
                assert!(p.regions().iter().skip(i + 1).all(|o| o != r), "{r} twice");
            }
            assert!(p.region(p.default_region()).is_some());
        }
    }

    #[test]
    fn region_messages() {
        assert!(check_region("cn-north-1", Partition::Aws)
            .unwrap_err()
            .contains("`aws-cn` partition"));
        assert!(check_region("EU-WEST-1", Partition::Aws)
            .unwrap_err()
            .contains("type `eu-west-1`"));
        // Ireland's old name points to the `aws` partition, not to a Region the user cannot pick.
        assert_eq!(
            check_region("EU", Partition::Aws).unwrap_err(),
            "`EU` is the old name `create-bucket` still accepts for Ireland: type `eu-west-1`"
        );
        assert!(check_region("eu", Partition::AwsUsGov)
            .unwrap_err()
            .ends_with(
            "a Region of the `aws` partition: choose that partition, or a Region of `aws-us-gov`"
        ));
        assert!(check_region("mars-1", Partition::AwsCn)
            .unwrap_err()
            .starts_with("`mars-1` is not a Region code"));
    }
}
