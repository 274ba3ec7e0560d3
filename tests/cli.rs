//! The `s3-policy` binary: same core, stdout for output, stderr and exit code 2 for problems.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

use s3_policy_playground::policy::{derive, Options, Preset};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_s3-policy"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn prints_the_same_policy_as_the_page() {
    let out = run(&["--bucket", "mybucket", "--preset", "faq-standard"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = derive(&Options::from_preset(Preset::FaqStandard, "mybucket"))
        .outputs
        .unwrap();
    assert_eq!(stdout(&out), format!("{}\n", page.policy_json));
}

#[test]
fn default_preset_is_faq_secure() {
    let out = run(&["--bucket=mybucket"]);
    let page = derive(&Options::from_preset(Preset::FaqSecure, "mybucket"))
        .outputs
        .unwrap();
    assert_eq!(stdout(&out), format!("{}\n", page.policy_json));
}

#[test]
fn flags_change_the_preset_wherever_the_preset_appears() {
    let out = run(&[
        "--allow-delete",
        "--bucket",
        "mybucket",
        "--preset",
        "hardened",
        "--prefix",
        "backups/site1",
        "--no-acl",
    ]);
    let text = stdout(&out);
    assert!(text.contains("s3:DeleteObject"));
    assert!(!text.contains("Acl"), "--no-acl applies after the preset");
    assert!(text.contains("arn:aws:s3:::mybucket/backups/site1/*"));
}

#[test]
fn problems_go_to_stderr_with_exit_code_2_the_flag_and_the_page_message() {
    let out = run(&["--bucket", "My_Bucket"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let page = derive(&Options {
        bucket: "My_Bucket".into(),
        ..Options::default()
    });
    assert_eq!(
        stderr(&out),
        format!("error: --bucket: {}\n", page.problems[0].message)
    );
}

#[test]
fn a_missing_bucket_says_what_to_type() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: --bucket: type the name of the bucket"));
}

#[test]
fn unknown_flag_is_named() {
    let out = run(&["--bucket", "mybucket", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: unknown flag `--frobnicate`: see `s3-policy --help`\n"
    );
}

/// `std::env::args` panics on an argument that is not UTF-8, which any shell can pass
/// (`--bucket $'\xff'`); the binary reads `args_os` and says what is wrong instead.
#[test]
fn an_argument_that_is_not_utf8_is_an_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_s3-policy"))
        .arg("--bucket")
        .arg(std::ffi::OsStr::from_bytes(b"site\xff"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: argument 2 (`site\u{fffd}`) is not UTF-8 text: give names, paths and ARNs as UTF-8\n"
    );
    assert!(out.stdout.is_empty());
}

/// Each error is one line, and no control or bidirectional-override character from an argument
/// reaches the terminal: through the flag parser and through the core's problems alike.
#[test]
fn control_characters_in_arguments_are_escaped_in_errors() {
    let out = run(&["line\none"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: unexpected argument `line\\none`: values follow a flag, as in `--bucket line\\none`\n"
    );
    let out = run(&["--bucket", "\u{1b}[31mred", "--user", "x\u{202e}y"]);
    assert_eq!(out.status.code(), Some(2));
    let errors = stderr(&out);
    assert!(errors.contains("\\u{1b}[31mred"), "{errors}");
    assert!(errors.contains("x\\u{202e}y"), "{errors}");
    assert!(
        !errors.contains(['\u{1b}', '\u{202e}']),
        "a raw escape or override reached stderr: {errors:?}"
    );
    assert!(errors.lines().all(|l| l.starts_with("error: ")), "{errors}");
}

#[test]
fn bad_values_are_explained() {
    for (args, message) in [
        (
            vec!["--bucket", "b", "--preset", "nope"],
            "unknown preset `nope`",
        ),
        (
            vec!["--bucket", "b", "--format", "xml"],
            "unknown format `xml`",
        ),
        (
            vec!["--bucket", "b", "--lifecycle-days", "ten"],
            "`--lifecycle-days` takes a whole number",
        ),
        (
            vec!["--bucket", "b", "--expire-days", "99999999999"],
            "`--expire-days 99999999999` is too large: `--expire-days` takes a whole number (0 for none)",
        ),
        // Retention has no "none" to offer.
        (
            vec!["--bucket", "b", "--retention-days", "x"],
            "`--retention-days` takes a whole number of days, 1 to 36500, not `x`",
        ),
        (
            vec!["--bucket", "b", "--partition", "aws-eusc"],
            "`--partition aws-eusc` is the AWS European Sovereign Cloud (`aws-eusc`), which this tool does not cover yet",
        ),
        (vec!["--bucket"], "`--bucket` needs a value"),
        (
            vec!["--bucket", "b", "--json=yes"],
            "`--json` takes no value",
        ),
        // A typo with a value is an unknown flag, not a switch given a value.
        (
            vec!["--bucket", "bkt", "--buckets=x"],
            "unknown flag `--buckets`",
        ),
        (vec!["mybucket"], "unexpected argument `mybucket`"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(&format!("error: {message}")),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn help() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    for flag in [
        "--bucket",
        "--prefix",
        "--preset",
        "--no-delete",
        "--lifecycle-days",
        "--format",
        "--json",
        "--keep-versions",
        "--abort-multipart-days",
        "--acl",
        "--create-bucket",
        "--user",
        "--policy-name",
    ] {
        assert!(stdout(&out).contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn formats() {
    let steps = run(&["--bucket", "mybucket", "--format", "steps"]);
    assert!(stdout(&steps).starts_with("1. Create the bucket `mybucket`"));
    let warnings = run(&[
        "--bucket",
        "mybucket",
        "--format",
        "warnings",
        "--preset",
        "faq-standard",
    ]);
    assert!(stdout(&warnings).starts_with("[danger] "));
    let lifecycle = run(&[
        "--bucket",
        "mybucket",
        "--format",
        "lifecycle",
        "--lifecycle-days",
        "45",
    ]);
    let json: Value = serde_json::from_str(&stdout(&lifecycle)).unwrap();
    assert_eq!(
        json["Rules"][0]["NoncurrentVersionExpiration"]["NoncurrentDays"],
        45
    );
}

#[test]
fn json_output() {
    let steps = run(&["--bucket", "mybucket", "--format", "steps", "--json"]);
    let steps: Value = serde_json::from_str(&stdout(&steps)).unwrap();
    assert_eq!(steps[0]["id"], "create-bucket");
    assert!(steps[0]["details"].is_array());
    let warnings = run(&["--bucket", "mybucket", "--format", "warnings", "--json"]);
    let warnings: Value = serde_json::from_str(&stdout(&warnings)).unwrap();
    assert!(warnings
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["severity"].is_string() && w["why"].is_string()));
    let policy = run(&["--bucket", "mybucket", "--json"]);
    let policy: Value = serde_json::from_str(&stdout(&policy)).unwrap();
    assert_eq!(policy["Version"], "2012-10-17");
}

#[test]
fn zero_lifecycle_days_means_no_rule() {
    let args = [
        "--bucket",
        "mybucket",
        "--format",
        "lifecycle",
        "--lifecycle-days",
        "0",
        "--expire-days",
        "0",
        "--abort-multipart-days",
        "0",
    ];
    let out = run(&args);
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("no lifecycle rule"));
    let mut json_args = args.to_vec();
    json_args.push("--json");
    assert_eq!(stdout(&run(&json_args)), "null\n");
}

#[test]
fn no_bucket_policy_without_tls_only_says_how_to_get_one() {
    let out = run(&["--bucket", "mybucket", "--format", "bucket-policy"]);
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
    assert_eq!(stderr(&out), "note: no bucket policy: add --tls-only\n");
    let out = run(&[
        "--bucket",
        "mybucket",
        "--format",
        "bucket-policy",
        "--json",
    ]);
    assert_eq!(stdout(&out), "null\n");
    assert!(stderr(&out).is_empty());
}

#[test]
fn keep_versions_and_other_flags() {
    let out = run(&[
        "--bucket",
        "mybucket",
        "--format",
        "lifecycle",
        "--keep-versions",
        "3",
        "--abort-multipart-days",
        "2",
        "--user",
        "backup-bot",
        "--policy-name",
        "bp",
        "--no-acl",
        "--create-bucket",
        "--no-versioning",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json["Rules"][0]["NoncurrentVersionExpiration"]["NewerNoncurrentVersions"],
        3
    );
    assert_eq!(
        json["Rules"][0]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"],
        2
    );
    let policy = stdout(&run(&[
        "--bucket",
        "mybucket",
        "--create-bucket",
        "--no-acl",
    ]));
    assert!(policy.contains("s3:CreateBucket"));
    assert!(!policy.contains("Acl"));
}

#[test]
fn hardening_flags_and_export_formats() {
    let base = [
        "--bucket",
        "mybucket",
        "--object-lock",
        "governance",
        "--retention-days",
        "14",
        "--put-retention",
        "--kms-key",
        "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "--partition",
        "aws-us-gov",
        "--region",
        "us-gov-west-1",
        "--tls-only",
    ];
    let mut options = Options::from_preset(Preset::FaqSecure, "mybucket");
    options.object_lock = Some(s3_policy_playground::policy::ObjectLockMode::Governance);
    options.retention_days = Some(14);
    options.put_retention = true;
    options.kms_key_arn = base[8].to_owned();
    options.partition = s3_policy_playground::policy::Partition::AwsUsGov;
    options.region = "us-gov-west-1".to_owned();
    options.tls_only = true;
    let page = derive(&options).outputs.unwrap();
    for (format, expected) in [
        ("policy", format!("{}\n", page.policy_json)),
        (
            "bucket-policy",
            format!("{}\n", page.bucket_policy_json.clone().unwrap()),
        ),
        ("cli", page.cli_script.clone()),
        ("terraform", page.terraform.clone()),
        ("cloudformation", page.cloudformation.clone()),
    ] {
        let mut args = base.to_vec();
        args.extend(["--format", format]);
        let out = run(&args);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert_eq!(stdout(&out), expected, "{format}");
    }
    assert!(page.policy_json.contains("s3:PutObjectRetention"));
    assert!(!page.policy_json.contains("arn:aws:"));
    // Expired delete markers, and the problem when backups also expire by age.
    let out = run(&[
        "--bucket",
        "mybucket",
        "--remove-expired-delete-markers",
        "--format",
        "lifecycle",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expired delete markers"));
    let out = run(&[
        "--bucket",
        "mybucket",
        "--remove-expired-delete-markers",
        "--expire-days",
        "0",
        "--format",
        "lifecycle",
    ]);
    assert!(stdout(&out).contains("\"ExpiredObjectDeleteMarker\": true"));
}

#[test]
fn bad_hardening_values_are_explained() {
    for (args, message) in [
        (
            vec!["--bucket", "b-1", "--object-lock", "forever"],
            "unknown Object Lock mode `forever`",
        ),
        (
            vec!["--bucket", "b-1", "--partition", "aws-mars"],
            "unknown partition `aws-mars`",
        ),
        (
            vec!["--bucket", "b-1", "--region", "EU"],
            "--region: `EU` is the old name",
        ),
        (
            vec!["--bucket", "b-1", "--kms-key", "alias/backups"],
            "--kms-key: `alias/backups` is not a key ARN",
        ),
        (
            vec!["--bucket", "b-1", "--format", "cli", "--json"],
            "`--json` applies to",
        ),
        (
            vec![
                "--bucket",
                "b-1",
                "--object-lock",
                "compliance",
                "--no-versioning",
            ],
            "--object-lock: versioning must be on for Object Lock",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(&format!("error: {message}")),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let help = stdout(&run(&["--help"]));
    for flag in [
        "--object-lock",
        "--retention-days",
        "--put-retention",
        "--kms-key",
        "--partition",
        "--region",
        "--tls-only",
        "--remove-expired-delete-markers",
        "cloudformation",
        "bucket-policy",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn threats_format_prints_the_stolen_key_table() {
    let out = run(&["--bucket", "mybucket", "--format", "threats"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("delete-backup"), "{text}");
    assert!(
        text.contains("implicit deny"),
        "delete is off by default: {text}"
    );

    let out = run(&[
        "--bucket",
        "mybucket",
        "--preset",
        "faq-standard",
        "--format",
        "threats",
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let delete = value["threats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "delete-backup")
        .unwrap();
    assert_eq!(
        delete["decision"], "allowed",
        "the FAQ standard policy can delete"
    );
    assert!(value["residual_risk"].as_str().unwrap().len() > 40);
}

/// A shared URL and the CLI given the same options print the same policy (issue 4): each case is a
/// page query and the CLI flags that say the same; what neither says takes the same default.
#[test]
fn a_url_and_the_cli_with_the_same_options_print_the_same_policy() {
    use s3_policy_playground::policy::{derive, query::from_query};
    let cases: &[(&str, &[&str])] = &[
        ("?bucket=mybucket", &["--bucket", "mybucket"]),
        ("?bucket=mybucket&delete=1", &["--bucket", "mybucket", "--allow-delete"]),
        (
            "?preset=faq-standard&bucket=site-b&prefix=wp/blog",
            &["--preset", "faq-standard", "--bucket", "site-b", "--prefix", "wp/blog"],
        ),
        (
            "?preset=hardened&bucket=b-1&versioning=0&lifecycle=0&keep=0&acl=0",
            &["--preset", "hardened", "--bucket", "b-1", "--no-versioning", "--lifecycle-days", "0", "--keep-versions", "0", "--no-acl"],
        ),
        (
            "?bucket=b-2&partition=aws-us-gov&region=us-gov-west-1&lock=compliance&retention=10&tls=1",
            &[
                "--bucket", "b-2", "--partition", "aws-us-gov", "--region", "us-gov-west-1",
                "--object-lock", "compliance", "--retention-days", "10", "--tls-only",
            ],
        ),
    ];
    for (query, flags) in cases {
        let page = derive(&from_query(query).options);
        let page_policy = page
            .outputs
            .unwrap_or_else(|| panic!("{query}: {:?}", page.problems))
            .policy_json;
        for format in ["policy", "cli"] {
            let mut args = flags.to_vec();
            args.extend(["--format", format]);
            let out = run(&args);
            assert_eq!(out.status.code(), Some(0), "{query}: {}", stderr(&out));
            if format == "policy" {
                assert_eq!(stdout(&out).trim_end(), page_policy, "{query} vs {flags:?}");
            }
        }
    }
}
