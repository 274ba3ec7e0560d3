//! Traceability: each instruction and consequence in UpdraftPlus's FAQ, quoted, and where the outputs reflect it.
//!
//! Every quote must appear verbatim in `tests/data/updraftplus/updraftplus-s3-faq.txt`, so a changed FAQ
//! shows up here.
#![cfg(not(target_arch = "wasm32"))]

use s3_policy_playground::policy::{derive, Options, Outputs, Preset};

fn outputs(options: Options) -> Outputs {
    derive(&options).outputs.unwrap()
}

fn preset(preset: Preset) -> Outputs {
    outputs(Options::from_preset(preset, "mybucket"))
}

fn has_warning(o: &Outputs, id: &str) -> bool {
    o.warnings.iter().any(|w| w.id == id)
}

fn steps_say(o: &Outputs, text: &str) -> bool {
    o.steps_text().contains(text)
}

#[test]
fn every_faq_sentence_is_reflected() {
    let faq = std::fs::read_to_string(format!(
        "{}/tests/data/updraftplus/updraftplus-s3-faq.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let standard = preset(Preset::FaqStandard);
    let secure = preset(Preset::FaqSecure);
    let created = outputs(Options {
        create_bucket: true,
        ..Options::from_preset(Preset::FaqSecure, "mybucket")
    });
    let located = outputs(Options::from_preset(Preset::FaqSecure, "mybucket/site1"));

    let table: Vec<(&str, bool)> = vec![
        (
            "All you have to enter is the name of the bucket",
            steps_say(&secure, "\"S3 location\": `mybucket`"),
        ),
        (
            "All you have to enter is the name of the bucket",
            steps_say(&located, "\"S3 location\": `mybucket/site1`"),
        ),
        (
            "it will be created for you",
            has_warning(&secure, "bucket-must-exist")
                && created.policy_json.contains("s3:CreateBucket"),
        ),
        (
            "master S3 access and secret keys",
            steps_say(&secure, "root (\"master\") access keys"),
        ),
        (
            "set up a separate IAM user",
            steps_say(&secure, "\"Create user\"") && steps_say(&secure, "\"Create access key\""),
        ),
        (
            "Attach existing policies directly",
            steps_say(&secure, "\"Attach policies directly\""),
        ),
        (
            "Open the ‘JSON’ tab and replace the contents with your policy",
            steps_say(&secure, "choose \"JSON\" and replace everything"),
        ),
        (
            "Give the policy a name",
            steps_say(&secure, "\"Policy name\": `updraftplus-s3-backups`"),
        ),
        (
            "for your UpdraftPlus backups, and only for these",
            steps_say(&secure, "use this bucket for these backups only"),
        ),
        (
            "enable versioning",
            steps_say(&secure, "\"Bucket Versioning\": choose \"Enable\""),
        ),
        (
            "without the two delete permissions",
            !secure.policy_json.contains("s3:Delete")
                && standard.policy_json.contains("s3:DeleteObjectVersion"),
        ),
        (
            "will take no effect",
            has_warning(&secure, "retain-no-effect"),
        ),
        (
            "open the ‘Management’ section. Under ‘Lifecycle’, add a lifecycle rule",
            steps_say(
                &secure,
                "choose the \"Management\" tab, then \"Create lifecycle rule\"",
            ) && secure.lifecycle_json.is_some(),
        ),
        (
            "which is effectively a way of deleting them",
            has_warning(&secure, "overwrite-kept")
                && has_warning(
                    &outputs(Options {
                        versioning: false,
                        ..Options::from_preset(Preset::FaqSecure, "mybucket")
                    }),
                    "overwrite-no-versioning",
                ),
        ),
        (
            "directly from the Amazon S3 console",
            has_warning(&secure, "restore-from-console"),
        ),
        (
            "report that it failed to be able to delete it",
            has_warning(&secure, "test-delete-fails")
                && steps_say(&secure, "could not delete its test file"),
        ),
    ];
    let mut failures = Vec::new();
    for (quote, reflected) in &table {
        if !faq.contains(quote) {
            failures.push(format!("the FAQ no longer says: {quote}"));
        }
        if !reflected {
            failures.push(format!("not reflected in the outputs: {quote}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_standard_policy_keeps_what_the_faq_requires_for_the_plugin() {
    // "the following policy is sufficient to give that user all the permissions that UpdraftPlus requires to
    // access that bucket, and only that bucket": the preset must not lose an action, see tests/policy_seed.rs.
    let standard = preset(Preset::FaqStandard);
    for action in [
        "s3:ListBucket",
        "s3:GetBucketLocation",
        "s3:ListBucketMultipartUploads",
        "s3:PutObject",
        "s3:ListAllMyBuckets",
    ] {
        assert!(standard.policy_json.contains(action), "{action}");
    }
}
