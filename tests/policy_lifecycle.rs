//! What the outputs say a lifecycle rule and Object Lock do to old backups, and how a bucket
//! UpdraftPlus creates gets through its first settings test and where it lands, case by case.
//!
//! S3 deletes a noncurrent version only beyond the `NewerNoncurrentVersions` newest of the same
//! key (API_NoncurrentVersionExpiration: "Amazon S3 will permanently delete any additional
//! noncurrent versions beyond the specified number to retain"), and UpdraftPlus names every backup
//! file afresh. So with "newer versions to keep" set, the old version of a deleted or expired backup
//! is never deleted, and no output may say otherwise.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::threats::{for_outputs, ThreatTable};
use s3_policy_playground::policy::{
    derive, ObjectLockMode, Options, Outputs, Partition, Preset, Severity, Spec,
};

fn outputs(options: Options) -> Outputs {
    derive(&options)
        .outputs
        .expect("the case's options are valid")
}

fn warning<'a>(o: &'a Outputs, id: &str) -> Option<&'a str> {
    o.warnings
        .iter()
        .find(|w| w.id == id)
        .map(|w| w.why.as_str())
}

fn hardened(keep: Option<u32>) -> Options {
    Options {
        newer_noncurrent_versions: keep,
        ..Options::from_preset(Preset::Hardened, "mybucket")
    }
}

#[test]
fn no_preset_keeps_newer_versions() {
    for preset in [Preset::FaqStandard, Preset::FaqSecure, Preset::Hardened] {
        let o = Options::from_preset(preset, "mybucket");
        assert_eq!(o.newer_noncurrent_versions, None, "{preset:?}");
        let out = outputs(o);
        assert!(
            warning(&out, "keep-versions-forever").is_none(),
            "{preset:?}"
        );
        assert!(
            !out.lifecycle_json
                .as_deref()
                .unwrap_or_default()
                .contains("NewerNoncurrentVersions"),
            "{preset:?}"
        );
    }
}

#[test]
fn without_newer_versions_to_keep_old_versions_expire() {
    let out = outputs(hardened(None));
    let expiration = warning(&out, "expiration").unwrap();
    assert!(
        expiration.ends_with("stay restorable for 90 more days"),
        "{expiration}"
    );
    let retain = warning(&out, "retain-no-effect").unwrap();
    assert!(retain.ends_with("removes them by age instead"), "{retain}");
    assert!(out
        .steps_text()
        .contains("expires it after 90 days and deletes its old version 90 days later"));
}

#[test]
fn newer_versions_to_keep_are_said_to_keep_deleted_backups_forever() {
    for keep in [1, 3, 100] {
        let out = outputs(hardened(Some(keep)));
        let forever = warning(&out, "keep-versions-forever")
            .unwrap_or_else(|| panic!("keep {keep}: no keep-versions-forever warning"));
        let versions = if keep == 1 { "version" } else { "versions" };
        assert!(
            forever.contains(&format!(
                "at least {keep} newer old {versions} of the same file"
            )),
            "{forever}"
        );
        assert!(
            forever.ends_with("leave \"Old versions to keep per file, whatever their age\" empty"),
            "the warning says what to do: {forever}"
        );
        for id in ["expiration", "retain-no-effect"] {
            let why = warning(&out, id).unwrap();
            assert!(
                why.contains("Deleted and expired backups are kept forever")
                    && !why.contains("restorable for")
                    && !why.contains("removes them"),
                "{id}: {why}"
            );
        }
        let steps = out.steps_text();
        assert!(
            !steps.contains("deletes its old version"),
            "keep {keep}: {steps}"
        );
        assert!(steps.contains("its old version then stays"), "{steps}");
        assert!(steps.contains(&format!("\"Number of newer versions to retain\": `{keep}`")));
    }
}

#[test]
fn without_versioning_there_is_nothing_to_keep() {
    let out = outputs(Options {
        versioning: false,
        ..hardened(Some(3))
    });
    assert!(warning(&out, "keep-versions-forever").is_none());
    assert!(warning(&out, "noncurrent-no-versioning").is_some());
}

#[test]
fn a_bucket_the_plugin_creates_needs_a_second_test_when_uploads_carry_an_acl() {
    let created = |acl_actions: bool| {
        outputs(Options {
            create_bucket: true,
            acl_actions,
            ..Options::from_preset(Preset::FaqSecure, "mybucket")
        })
        .steps
    };
    let with_acl = created(true);
    let settings = with_acl.iter().find(|s| s.id == "plugin-settings").unwrap();
    assert!(settings
        .details
        .iter()
        .any(|d| d.starts_with("Choose \"Test S3 Settings\" once, before any backup")));
    assert!(!settings
        .details
        .iter()
        .any(|d| d.contains("could not delete its test file")));
    let after = with_acl.iter().find(|s| s.id == "bucket-settings").unwrap();
    assert!(after.details[0].starts_with("After that first settings test"));
    assert!(after
        .details
        .iter()
        .any(|d| d.contains("\"ACLs enabled\"") && d.ends_with("then \"Save changes\"")));
    assert!(after.details.last().unwrap().starts_with(
        "Back in UpdraftPlus choose \"Test S3 Settings\" again: the upload now succeeds"
    ));

    let without_acl = created(false);
    let settings = without_acl
        .iter()
        .find(|s| s.id == "plugin-settings")
        .unwrap();
    assert!(settings
        .details
        .contains(&"Choose \"Test S3 Settings\"".to_owned()));
    assert!(settings
        .details
        .iter()
        .any(|d| d.contains("could not delete its test file")));
    let after = without_acl
        .iter()
        .find(|s| s.id == "bucket-settings")
        .unwrap();
    assert!(!after.details.iter().any(|d| d.contains("again")));
}

/// UpdraftPlus creates a missing bucket without a location, which S3 puts in `us-east-1`
/// (API_CreateBucketConfiguration: "If you don't specify a Region, the bucket is created in the US
/// East (N. Virginia) Region (us-east-1) by default").
#[test]
fn a_bucket_the_plugin_creates_lands_in_us_east_1() {
    let created = |region: &str, kms: &str, partition: Partition| {
        outputs(Options {
            create_bucket: true,
            region: region.to_owned(),
            kms_key_arn: kms.to_owned(),
            partition,
            ..Options::from_preset(Preset::FaqSecure, "mybucket")
        })
    };
    let why = |o: &Outputs| warning(o, "tool-creates-in-us-east-1").map(str::to_owned);
    let elsewhere = created("eu-west-1", "", Partition::Aws);
    let text = why(&elsewhere).expect("a Region other than us-east-1 is warned about");
    assert!(text.ends_with("to keep the backups in `eu-west-1`, create the bucket there yourself and untick \"Let the backup tool create the bucket\" (`--no-create-bucket`)"), "{text}");
    let key = created(
        "",
        "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        Partition::Aws,
    );
    assert!(why(&key).is_some_and(|t| t.contains("the KMS key in `eu-west-1` cannot encrypt it")));
    assert!(why(&created("us-east-1", "", Partition::Aws)).is_none());
    assert!(why(&created("", "", Partition::Aws)).is_none());
    assert!(why(&created("cn-north-1", "", Partition::AwsCn)).is_none());
    let own = outputs(Options {
        region: "eu-west-1".to_owned(),
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    });
    assert!(
        why(&own).is_none(),
        "a bucket created by hand is where it is made"
    );
}

/// AWS: "Any user with permissions to place an object retention period can extend a retention
/// period for an object version" (object-lock.html).
#[test]
fn lengthening_locks_is_a_row_with_object_lock() {
    let table = |mode: ObjectLockMode, put_retention: bool| {
        let options = Options {
            object_lock: Some(mode),
            put_retention,
            ..Options::from_preset(Preset::FaqSecure, "mybucket")
        };
        let outputs = derive(&options).outputs.unwrap();
        for_outputs(&Spec::from_options(&options).unwrap(), &outputs).unwrap()
    };
    let row = |t: &ThreatTable| t.rows.iter().find(|r| r.id == "extend-lock").cloned();
    let compliance = table(ObjectLockMode::Compliance, true);
    let lock = row(&compliance).expect("a row with Object Lock");
    assert!(lock.decision.is_allowed());
    assert_eq!(lock.severity, Severity::Danger);
    assert!(lock
        .meaning
        .contains("In compliance mode nobody, not even the root user, can delete them"));
    assert!(compliance
        .residual_risk
        .contains("They can lengthen locks, which adds storage cost nobody can undo"));
    // S3 Object Lock's event holds (2026): "While an event hold is active, Amazon S3 recalculates the
    // retain-until-date on the service side. The date can move past a limit that the policy enforces at
    // request time." So a cap on the remaining days is advised only with a deny on event holds.
    let governance_lock = row(&table(ObjectLockMode::Governance, true)).unwrap();
    for meaning in [&lock.meaning, &governance_lock.meaning] {
        assert!(meaning.contains("an event hold keeps a version locked until someone with `s3:PutObjectRetention` releases it and for up to 100 years after"));
        assert!(meaning.contains("deny `s3:PutObject` and `s3:PutObjectRetention` when `s3:object-lock-event-hold` is `ON`"));
    }
    let governance = table(ObjectLockMode::Governance, true);
    let lock = row(&governance).unwrap();
    // Files the key uploads can carry a compliance-mode lock of their own, which nobody can shorten:
    // storage cost nobody can undo, as in compliance mode.
    assert_eq!(lock.severity, Severity::Danger);
    assert!(lock.meaning.contains(
        "A user with `s3:BypassGovernanceRetention` can shorten governance-mode locks again, but the key can also upload files locked in compliance mode"
    ));
    assert!(governance
        .residual_risk
        .contains("upload files locked in compliance mode"));
    let not_granted = table(ObjectLockMode::Governance, false);
    let lock = row(&not_granted).unwrap();
    assert!(!lock.decision.is_allowed());
    assert!(!not_granted.residual_risk.contains("lengthen"));
    let unlocked = derive(&Options::from_preset(Preset::FaqSecure, "mybucket"));
    let spec = Spec::from_options(&Options::from_preset(Preset::FaqSecure, "mybucket")).unwrap();
    let unlocked = for_outputs(&spec, unlocked.outputs.as_ref().unwrap()).unwrap();
    assert!(row(&unlocked).is_none(), "no lock, no row");
}

/// The exports need a Region; without a choice they use the partition's first one, and say so.
#[test]
fn exports_without_a_region_say_which_they_use() {
    let without = outputs(Options::from_preset(Preset::FaqSecure, "mybucket"));
    let why = warning(&without, "exports-default-region").expect("a note without a Region");
    assert!(why.starts_with("No Region is chosen, so the AWS CLI, Terraform and CloudFormation code use `us-east-1`"), "{why}");
    assert!(without.cli_script.contains("REGION='us-east-1'"));
    let chosen = outputs(Options {
        region: "eu-west-1".to_owned(),
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    });
    assert!(warning(&chosen, "exports-default-region").is_none());
    let gov = outputs(Options {
        partition: Partition::AwsUsGov,
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    });
    assert!(warning(&gov, "exports-default-region").is_some_and(|w| w.contains("`us-gov-west-1`")));
}

/// AWS (PutObject): "The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for any
/// request to upload an object with a retention period configured using Amazon S3 Object Lock".
#[test]
fn object_lock_warns_that_uploads_need_a_checksum() {
    let locked = outputs(Options {
        object_lock: Some(ObjectLockMode::Governance),
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    });
    let why = warning(&locked, "object-lock-checksum").expect("a warning with Object Lock");
    assert!(why.contains("Content-MD5 or checksum header"), "{why}");
    assert!(
        why.contains("run \"Test S3 Settings\" and a first backup"),
        "{why}"
    );
    let unlocked = outputs(Options::from_preset(Preset::FaqSecure, "mybucket"));
    assert!(warning(&unlocked, "object-lock-checksum").is_none());
}

/// The exports' comment above the lifecycle rule says what the rule removes: a rule that only aborts
/// uploads or removes delete markers removes no backup.
#[test]
fn the_exports_say_what_the_lifecycle_rule_removes() {
    let comments = |options: &Options| {
        let outputs = derive(options).outputs.unwrap();
        [outputs.cli_script, outputs.terraform].map(|text| {
            text.lines()
                .find(|line| line.starts_with("# The lifecycle rule: "))
                .unwrap_or_else(|| panic!("no lifecycle comment in\n{text}"))
                .to_owned()
        })
    };
    let cleanup_only = Options {
        noncurrent_days: None,
        newer_noncurrent_versions: None,
        expiration_days: None,
        abort_multipart_days: Some(7),
        remove_expired_delete_markers: true,
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    };
    for comment in comments(&cleanup_only) {
        assert_eq!(
            comment,
            "# The lifecycle rule: S3 removes the parts of unfinished uploads and delete markers with no version left; it removes no backup."
        );
    }
    let expiring = Options {
        noncurrent_days: Some(30),
        ..cleanup_only.clone()
    };
    for comment in comments(&expiring) {
        assert!(comment.contains("S3 removes old backups"), "{comment}");
    }
}
