//! Fuzzes the pure core with proptest: URL state, validation of every option and `derive`, the JSON parser,
//! the audit parser, and the `s3-policy` command line (in-process, `cli::run`).
//!
//! Every target takes arbitrary text (and text shaped like its real input, so the generator reaches the deep
//! branches) and must never panic; a few invariants of the results are checked on the way. Each target prints
//! `FUZZ target=<name> inputs=<n>`, which `cargo xtask fuzz` reads. The case count is `S3PP_FUZZ_CASES`
//! (2,000 by default, a few seconds in `cargo xtask test`; `cargo xtask fuzz` runs 200,000).
//! Inputs that once broke something live in `tests/data/fuzz/regressions.txt` and run every time.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use s3_policy_playground::policy::query::PARAMETERS;
use s3_policy_playground::policy::{derive, ObjectLockMode, Options, Partition, Preset};
use std::cell::Cell;
use std::ffi::OsString;
use std::fmt::Debug;

#[path = "support/fuzz_checks.rs"]
mod checks;

/// A check's verdict as proptest's, so a failure shrinks to the smallest input.
fn held(verdict: Result<(), String>) -> Result<(), TestCaseError> {
    verdict.map_err(TestCaseError::fail)
}

/// How many inputs each target runs: `S3PP_FUZZ_CASES`, or 2,000.
fn cases() -> u32 {
    std::env::var("S3PP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(2_000)
}

/// Runs `check` on `cases()` inputs from `strategy`; a panic fails with the smallest input proptest finds.
fn fuzz<S>(target: &str, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases: cases(),
        // Failures become explicit lines in tests/data/fuzz/regressions.txt, not seed files in the tree.
        failure_persistence: None,
        ..Config::default()
    };
    let inputs = Cell::new(0_u64);
    let result = TestRunner::new(config).run(&strategy, |value| {
        inputs.set(inputs.get() + 1);
        check(value)
    });
    println!("FUZZ target={target} inputs={}", inputs.get());
    if let Err(error) = result {
        panic!("fuzz target `{target}` failed: {error}");
    }
}

/// Text with the characters that matter in URLs: escapes (whole, cut short, invalid), `+`, `&`, `=`, unicode.
fn url_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "%[0-9A-Fa-f]{2}",
            "%[0-9A-Za-z]{0,1}",
            "%(C3|E2%82|F0%9F%98|ED%A0%80|FF)",
            Just("+".to_owned()),
            "[a-z0-9./_\\-]{1,6}",
            "[&=?#]",
            "\\PC",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn query_value() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "",
            "0",
            "1",
            "2",
            "true",
            "false",
            "on",
            "off",
            "yes",
            "-1",
            "007",
            "4294967295",
            "4294967296",
            "99999999999999999999",
            "faq-standard",
            "faq-secure",
            "hardened",
            "governance",
            "compliance",
            "aws",
            "aws-cn",
            "aws-us-gov",
            "us-east-1",
            "cn-north-1",
            "eu-west-1",
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ])
        .prop_map(str::to_owned),
        "[0-9]{1,12}",
        "[a-z0-9.\\-]{3,20}(/[a-z0-9._\\-]{0,8}){0,3}",
        url_text(),
        "x{500,520}",
    ]
}

fn query_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(PARAMETERS.to_vec()).prop_map(str::to_owned),
        1 => url_text(),
    ]
}

/// A whole query: arbitrary text, or `key=value` pairs joined by `&`, with or without `?`.
fn query() -> impl Strategy<Value = String> {
    let pairs = prop::collection::vec((query_key(), prop::option::of(query_value())), 0..16)
        .prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k,
                })
                .collect::<Vec<_>>()
                .join("&")
        });
    prop_oneof![
        1 => any::<String>(),
        1 => url_text(),
        6 => (any::<bool>(), pairs).prop_map(|(q, s)| if q { format!("?{s}") } else { s }),
    ]
}

#[test]
fn fuzz_query() {
    fuzz("query", query(), |text| held(checks::query(&text)));
}

fn bucket_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9.\\-]{0,70}",
        "[a-zA-Z0-9._\\- ]{0,70}(/[a-zA-Z0-9._\\-*?$/ ]{0,12}){0,3}",
        "[0-9]{1,3}(\\.[0-9]{1,3}){0,4}",
        "(xn--|sthree-|amzn-s3-demo-|sthree-configurator)[a-z0-9.\\-]{0,10}",
        "[a-z0-9][a-z0-9.\\-]{0,10}(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3|-an)",
        "[a-z0-9.\\-\u{0430}\u{00e9}\u{200b}\u{ff0e}]{1,12}",
    ]
}

fn prefix_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9/._*?$\\-{} ]{0,60}",
        "/{0,3}([a-z.]{0,4}/{0,2}){0,6}",
        "\\$\\{[a-z:]{0,12}\\}?[a-z/]{0,6}",
        "a{880,930}",
        "[\u{0}-\u{1f}\u{7f}\u{80}-\u{9f}/a]{0,10}",
    ]
}

fn name_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[A-Za-z0-9+=,.@_\\- ]{0,140}",]
}

fn kms_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        any::<String>(),
        "arn:aws(-cn|-us-gov)?:kms:[a-z0-9\\-]{0,14}:[0-9]{0,13}:(key|alias)/[a-zA-Z0-9\\-_/]{0,40}",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    ]
}

fn region_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        select(vec![
            "us-east-1",
            "eu-west-1",
            "cn-north-1",
            "us-gov-west-1",
            "ap-southeast-5"
        ])
        .prop_map(str::to_owned),
        "[a-z]{2}(-[a-z]{2,9}){1,2}-[0-9]{1,2}",
        any::<String>(),
    ]
}

fn days() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![
        Just(None),
        (0_u32..=3).prop_map(Some),
        (0_u32..=200).prop_map(Some),
        any::<u32>().prop_map(Some),
    ]
}

/// Options with arbitrary text in every field and arbitrary numbers, on top of any preset.
fn options() -> impl Strategy<Value = Options> {
    (
        select(Preset::ALL.to_vec()),
        (bucket_text(), prefix_text(), name_text(), name_text()),
        (any::<[bool; 8]>(), days(), days(), days(), days(), days()),
        (
            prop::option::of(select(ObjectLockMode::ALL.to_vec())),
            kms_text(),
            select(Partition::ALL.to_vec()),
            region_text(),
        ),
    )
        .prop_map(
            |(
                preset,
                (bucket, prefix, user_name, policy_name),
                (flags, nc, keep, abort, exp, retention),
                (lock, kms, partition, region),
            )| {
                // Field by field on top of the preset, so options added later keep their preset values.
                let mut options = Options::from_preset(preset, "");
                options.bucket = bucket;
                options.prefix = prefix;
                options.user_name = user_name;
                options.policy_name = policy_name;
                options.versioning = flags[0];
                options.allow_delete = flags[1];
                options.acl_actions = flags[2];
                options.create_bucket = flags[3];
                options.noncurrent_days = nc;
                options.newer_noncurrent_versions = keep;
                options.abort_multipart_days = abort;
                if flags[4] {
                    options.expiration_days = exp;
                }
                options.put_retention = flags[5];
                options.tls_only = flags[6];
                options.remove_expired_delete_markers = flags[7];
                options.retention_days = retention;
                options.object_lock = lock;
                options.kms_key_arn = kms;
                options.partition = partition;
                options.region = region;
                options
            },
        )
}

#[test]
fn fuzz_bucket_and_prefix() {
    fuzz("bucket-prefix", options(), |options| {
        held(checks::options(&options))
    });
}

/// JSON values shaped like IAM policies: the keys and strings IAM uses, nested anyhow.
fn iam_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(vec![
            "2012-10-17",
            "2008-10-17",
            "Allow",
            "Deny",
            "s3:*",
            "s3:GetObject",
            "s3:Get*",
            "s3:Put?bject",
            "s3:DeleteObject",
            "s3:ListBucket",
            "s3:NoSuchAction",
            "*",
            "iam:*",
            "arn:aws:s3:::site-backups",
            "arn:aws:s3:::site-backups/*",
            "arn:aws:s3:::*",
            "arn:aws:s3:::site-backups/backups/*",
            "arn:aws:s3:::${aws:username}/*",
            "${*}${?}${$}",
            "arn:aws:s3",
            "site1/*",
            "true",
            "",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        any::<String>().prop_map(Value::String),
    ];
    let keys = select(vec![
        "Version",
        "Statement",
        "Sid",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Condition",
        "Principal",
        "NotPrincipal",
        "Id",
        "AWS",
        "StringLike",
        "StringEquals",
        "ForAnyValue:StringNotEqualsIfExists",
        "ForAllValues:StringLike",
        "Null",
        "Bool",
        "NumericLessThan",
        "ArnLike",
        "IpAddress",
        "aws:SecureTransport",
        "s3:prefix",
        "s3:max-keys",
        "aws:SourceIp",
        "x",
    ]);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|entries| {
                Value::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}

/// A real policy with a few characters replaced, cut or inserted.
fn mutated_policy() -> impl Strategy<Value = String> {
    let policies: Vec<String> = Preset::ALL
        .iter()
        .flat_map(|p| {
            ["site-backups", "site-backups/backups/site1"]
                .map(|b| derive(&Options::from_preset(*p, b)).outputs)
        })
        .flatten()
        .map(|o| o.policy_json)
        .collect();
    (
        select(policies),
        prop::collection::vec((any::<prop::sample::Index>(), 0_u8..3, "\\PC{0,3}"), 1..6),
    )
        .prop_map(|(mut text, edits)| {
            for (at, kind, insert) in edits {
                let boundaries: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([text.len()])
                    .collect();
                let start = boundaries[at.index(boundaries.len())];
                let end = boundaries
                    .iter()
                    .copied()
                    .find(|&i| i > start)
                    .unwrap_or(start);
                match kind {
                    0 => text.replace_range(start..end, &insert),
                    1 => text.truncate(start),
                    _ => text.insert_str(start, &insert),
                }
            }
            text
        })
}

/// A valid policy of one to four statements, allowing and denying the actions and resources the
/// threat table asks about, some with a condition: what makes the evaluator's answer depend on
/// more than one statement.
fn statements_policy() -> impl Strategy<Value = String> {
    use serde_json::{json, Value};
    let one_or_more = |pool: Vec<&'static str>| {
        prop::collection::vec(select(pool), 1..3).prop_map(|items| {
            if items.len() == 1 {
                json!(items[0])
            } else {
                json!(items)
            }
        })
    };
    let actions = vec![
        "s3:*",
        "*",
        "s3:PutObject",
        "s3:GetObject",
        "s3:Get*",
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
        "s3:Delete*",
        "s3:ListBucket",
        "s3:ListAllMyBuckets",
        "s3:PutLifecycleConfiguration",
        "s3:PutBucketPolicy",
    ];
    let resources = vec![
        "*",
        "arn:aws:s3:::site-backups",
        "arn:aws:s3:::site-backups/*",
        "arn:aws:s3:::site-backups/backups/*",
        "arn:aws:s3:::other-bucket/*",
        "arn:aws:s3:::*",
    ];
    let statement = (
        select(vec!["Allow", "Deny"]),
        any::<bool>(),
        one_or_more(actions),
        any::<bool>(),
        one_or_more(resources),
        0..4_u8,
    )
        .prop_map(
            |(effect, not_action, action, not_resource, resource, condition)| {
                let mut statement = serde_json::Map::new();
                statement.insert("Effect".into(), json!(effect));
                let action_key = if not_action { "NotAction" } else { "Action" };
                statement.insert(action_key.into(), action);
                let resource_key = if not_resource {
                    "NotResource"
                } else {
                    "Resource"
                };
                statement.insert(resource_key.into(), resource);
                let condition = match condition {
                    0 => json!({"Bool": {"aws:SecureTransport": "false"}}),
                    1 => json!({"StringLike": {"s3:prefix": ["backups/*"]}}),
                    _ => Value::Null,
                };
                if !condition.is_null() {
                    statement.insert("Condition".into(), condition);
                }
                Value::Object(statement)
            },
        );
    prop::collection::vec(statement, 1..5).prop_map(|statements| {
        json!({"Version": "2012-10-17", "Statement": statements}).to_string()
    })
}

#[test]
fn fuzz_audit() {
    let text = prop_oneof![
        1 => any::<String>(),
        3 => iam_json().prop_map(|v| v.to_string()),
        3 => iam_json()
            .prop_map(|v| serde_json::json!({"Version": "2012-10-17", "Statement": v}).to_string()),
        3 => mutated_policy(),
        3 => statements_policy(),
    ];
    fuzz("audit", (text, bucket_text()), |(text, bucket)| {
        held(checks::audit(&text, &bucket))
    });
}

/// The core's JSON parser (which audit mode uses) on anything and on JSON-shaped text: never a panic, the same
/// verdict as serde_json and, when both accept, the same value.
#[test]
fn fuzz_json() {
    let text = prop_oneof![
        1 => any::<String>(),
        3 => iam_json().prop_map(|v| v.to_string()),
        2 => iam_json().prop_map(|v| serde_json::to_string_pretty(&v).unwrap()),
        3 => mutated_policy(),
    ];
    fuzz("json", text, |text| held(checks::json(&text)));
}

/// Every flag `s3-policy --help` lists (`--bucket`, `-h`…): the `cli` generator's flags and what
/// `fuzz/dict/cli.dict` must hold.
fn help_flags() -> Vec<&'static str> {
    let mut flags: Vec<&str> = s3_policy_playground::cli::HELP
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|word| word.starts_with('-') && !word.trim_start_matches('-').is_empty())
        .collect();
    flags.sort_unstable();
    flags.dedup();
    flags
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "",
            "0",
            "1",
            "30",
            "-1",
            "4294967295",
            "4294967296",
            "1e3",
            "policy",
            "steps",
            "lifecycle",
            "warnings",
            "json",
            "faq-standard",
            "faq-secure",
            "hardened",
            "bucket-policy",
            "cli",
            "terraform",
            "cloudformation",
            "threats",
            "governance",
            "compliance",
            "none",
            "aws-us-gov",
            "aws-cn",
            "eu-west-1",
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "site-backups",
            "site-backups/backups/site1",
            "My_Bucket",
            "-",
            "--",
            "=",
        ])
        .prop_map(str::to_owned),
        "[a-z0-9.\\-/]{0,20}",
        "[^\u{0}]{0,12}",
    ]
}

/// One argument: a flag, a flag with `=value`, a value, something flag-like, or bytes that are not
/// UTF-8 (which a shell can pass, and `std::env::args` would panic on).
fn argument() -> impl Strategy<Value = OsString> {
    let text = prop_oneof![
        3 => select(help_flags()).prop_map(str::to_owned),
        2 => (select(help_flags()), value()).prop_map(|(f, v)| format!("{f}={v}")),
        3 => value(),
        1 => "--?[a-z\\-]{0,12}",
    ];
    prop_oneof![
        20 => text.prop_map(OsString::from),
        1 => prop::collection::vec(any::<u8>(), 0..8).prop_map(|bytes| {
            use std::os::unix::ffi::OsStringExt;
            OsString::from_vec(bytes)
        }),
    ]
}

#[test]
fn fuzz_cli() {
    fuzz("cli", prop::collection::vec(argument(), 0..10), |args| {
        held(checks::cli(&args))
    });
}

/// Replays every line of `tests/data/fuzz/regressions.txt`: `<target> <JSON string>`.
#[test]
fn regressions_stay_fixed() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz/regressions.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut replayed: Vec<&str> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (target, input) = line.split_once(' ').unwrap();
        let input: String = serde_json::from_str(input)
            .unwrap_or_else(|e| panic!("regressions.txt:{}: {e}", number + 1));
        let verdict = checks::run(target, &input)
            .unwrap_or_else(|| panic!("regressions.txt:{}: unknown target `{target}`", number + 1));
        if let Err(why) = verdict {
            panic!("regressions.txt:{} ({target} {input:?}): {why}", number + 1);
        }
        replayed.push(target);
    }
    for target in checks::TARGETS {
        assert!(
            replayed.contains(&target),
            "regressions.txt holds no `{target}` input"
        );
    }
}

/// The libFuzzer crate (`fuzz/`, `cargo xtask fuzz --engine libfuzzer`) has one target per check
/// of `checks::TARGETS`, by its name (here, `bucket` and `prefix` are one proptest target,
/// `bucket-prefix`, over whole `Options`); the `cli` target's dictionary holds every flag of the help, and the `query`
/// target's every URL parameter the page reads.
#[test]
fn libfuzzer_targets_are_the_checks() {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest: toml::Table = std::fs::read_to_string(format!("{root}/fuzz/Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let mut bins: Vec<&str> = manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bin| bin["name"].as_str().unwrap())
        .collect();
    let mut targets = checks::TARGETS.to_vec();
    bins.sort_unstable();
    targets.sort_unstable();
    assert_eq!(bins, targets);
    for target in checks::TARGETS {
        assert!(checks::run(target, "").is_some(), "`{target}` has no check");
    }
    let dict = std::fs::read_to_string(format!("{root}/fuzz/dict/cli.dict")).unwrap();
    let flags = help_flags();
    assert!(flags.len() > 30 && flags.contains(&"--bucket") && flags.contains(&"-h"));
    for flag in flags {
        assert!(
            dict.lines().any(|line| line == format!("\"{flag}\"")),
            "fuzz/dict/cli.dict lacks \"{flag}\""
        );
    }
    let dict = std::fs::read_to_string(format!("{root}/fuzz/dict/query.dict")).unwrap();
    for parameter in PARAMETERS {
        assert!(
            dict.lines().any(|line| line == format!("\"{parameter}=\"")),
            "fuzz/dict/query.dict lacks \"{parameter}=\""
        );
    }
}
