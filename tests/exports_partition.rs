//! Every ARN in every output names the chosen partition: with `aws-cn` or `aws-us-gov`, no `arn:aws:` anywhere.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::{derive, ObjectLockMode, Options, Partition, Preset};

/// Every text the page and the CLI can show for `options`.
fn texts(options: &Options) -> Vec<(&'static str, String)> {
    let derived = derive(options);
    assert!(
        derived.problems.is_empty(),
        "{options:?}: {:?}",
        derived.problems
    );
    let o = derived.outputs.unwrap();
    vec![
        ("policy", o.policy_json.clone()),
        (
            "bucket policy",
            o.bucket_policy_json.clone().unwrap_or_default(),
        ),
        ("lifecycle", o.lifecycle_json.clone().unwrap_or_default()),
        ("steps", o.steps_text()),
        ("warnings", o.warnings_text()),
        ("cli", o.cli_script.clone()),
        ("terraform", o.terraform.clone()),
        ("cloudformation", o.cloudformation.clone()),
    ]
}

/// The partitions the ARNs in `text` name, one per `arn:`.
fn partitions_named(text: &str) -> Vec<String> {
    text.match_indices("arn:")
        .filter_map(|(at, _)| {
            let rest = &text[at + 4..];
            let end = rest.find(':')?;
            Some(rest[..end].to_owned())
        })
        .collect()
}

#[test]
fn every_arn_uses_the_chosen_partition() {
    let keys = [
        (Partition::Aws, "us-west-2"),
        (Partition::AwsCn, "cn-north-1"),
        (Partition::AwsUsGov, "us-gov-west-1"),
    ];
    let mut checked = 0;
    for (partition, region) in keys {
        for preset in Preset::ALL {
            for with_everything in [false, true] {
                let mut options = Options::from_preset(preset, "mybucket/site1");
                options.partition = partition;
                options.region = region.to_owned();
                options.create_bucket = with_everything;
                if with_everything {
                    options.versioning = true;
                    options.object_lock = Some(ObjectLockMode::Governance);
                    options.put_retention = true;
                    options.tls_only = true;
                    options.kms_key_arn = format!(
                        "arn:{}:kms:{region}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        partition.id()
                    );
                }
                for (what, text) in texts(&options) {
                    for named in partitions_named(&text) {
                        assert_eq!(
                            named,
                            partition.id(),
                            "{what} of {preset:?} in {partition:?} names `arn:{named}:`:\n{text}"
                        );
                        checked += 1;
                    }
                    if partition != Partition::Aws {
                        assert!(!text.contains("arn:aws:"), "{what}: {text}");
                        assert!(!text.contains("console.aws.amazon.com"), "{what}: {text}");
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} ARNs checked");
}

/// The exports create the IAM objects the console steps create: a managed policy under the
/// policy name, attached to the user, never an inline user policy the steps would not find.
#[test]
fn exports_create_the_managed_policy_the_steps_create() {
    for preset in Preset::ALL {
        for bucket in ["mybucket", "mybucket/site1"] {
            let outputs = derive(&Options::from_preset(preset, bucket))
                .outputs
                .unwrap();
            let name = "updraftplus-s3-backups";
            let steps = outputs.steps_text();
            assert!(
                steps.contains(&format!("Create the policy `{name}`"))
                    && steps.contains("choose \"Policies\", then \"Create policy\""),
                "{preset:?}: {steps}"
            );
            let cli = &outputs.cli_script;
            assert!(
                cli.contains("aws iam create-policy") && cli.contains("aws iam attach-user-policy"),
                "{preset:?} cli"
            );
            assert!(!cli.contains("put-user-policy"), "{preset:?} cli");
            let tf = &outputs.terraform;
            assert!(
                tf.contains("resource \"aws_iam_policy\" \"backup\"")
                    && tf.contains("resource \"aws_iam_user_policy_attachment\" \"backup\""),
                "{preset:?} terraform"
            );
            assert!(
                !tf.contains("aws_iam_user_policy\" "),
                "{preset:?} terraform"
            );
            let cfn = &outputs.cloudformation;
            assert!(
                cfn.contains("Type: AWS::IAM::ManagedPolicy")
                    && cfn.contains(&format!("ManagedPolicyName: \"{name}\"")),
                "{preset:?} cloudformation"
            );
            assert!(
                !cfn.contains("      Policies:"),
                "{preset:?} cloudformation"
            );
        }
    }
}
