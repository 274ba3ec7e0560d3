//! What every fuzz input must keep, whichever engine made it: the proptest targets
//! (`tests/fuzz_core.rs`, run by `cargo xtask test` and `cargo xtask fuzz`), the coverage-guided
//! libFuzzer targets (`fuzz/`, `cargo xtask fuzz --engine libfuzzer`) and the replay of
//! `tests/data/fuzz/regressions.txt`. Each check returns why an input broke an invariant; a panic
//! inside the core is a failure of its own, which both engines catch and report.

use s3_policy_playground::cli::run as run_cli;
use s3_policy_playground::policy::audit::audit as audit_report;
use s3_policy_playground::policy::bucket::{split_location, BucketName};
use s3_policy_playground::policy::eval::Outcome;
use s3_policy_playground::policy::json::parse;
use s3_policy_playground::policy::json::{Map, Value};
use s3_policy_playground::policy::kms::KmsKeyArn;
use s3_policy_playground::policy::names::{check as check_name, NameKind};
use s3_policy_playground::policy::partition::check_region;
use s3_policy_playground::policy::prefix::Prefix;
use s3_policy_playground::policy::query::{from_query, to_query};
use s3_policy_playground::policy::threats::Threat;
use s3_policy_playground::policy::{derive, Options, Preset};
use std::ffi::OsString;

/// The fuzz targets by name: a libFuzzer target's name under `fuzz/`, and the first word of a line
/// of `tests/data/fuzz/regressions.txt`.
pub const TARGETS: [&str; 6] = ["query", "bucket", "prefix", "audit", "json", "cli"];

/// Runs `target`'s check on `input`, or `None` for a name not in [`TARGETS`].
pub fn run(target: &str, input: &str) -> Option<Result<(), String>> {
    Some(match target {
        "query" => query(input),
        "bucket" => options(&Options::from_preset(Preset::FaqSecure, input)),
        "prefix" => options(&Options {
            prefix: input.to_owned(),
            ..Options::from_preset(Preset::Hardened, "site-backups")
        }),
        "audit" => audit(input, "site-backups"),
        "json" => json(input),
        // regressions.txt holds the arguments as a JSON array; libFuzzer's `cli` target splits
        // its bytes at NUL instead (`fuzz/src/lib.rs`).
        "cli" => match serde_json::from_str::<Vec<String>>(input) {
            Ok(args) => cli(&args.into_iter().map(OsString::from).collect::<Vec<_>>()),
            Err(_) => Err(format!(
                "a `cli` input is a JSON array of arguments, not {input:?}"
            )),
        },
        _ => return None,
    })
}

/// Fails with `message` unless `condition` holds.
fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if condition {
        Ok(())
    } else {
        Err(message())
    }
}

/// URL state: any text reads as options, the link the page writes for them reads back as the same
/// options with no notice (the share-link promise), and the options then keep [`options`]'s invariants.
pub fn query(text: &str) -> Result<(), String> {
    let parsed = from_query(text);
    let written = to_query(&parsed.options, parsed.embed);
    let again = from_query(&written);
    ensure(again.options == parsed.options, || {
        format!("written as {written}, read back as other options")
    })?;
    ensure(again.embed == parsed.embed, || {
        format!("written as {written}, embed flipped")
    })?;
    ensure(again.notices.is_empty(), || {
        format!(
            "written as {written}, read back with notices {:?}",
            again.notices
        )
    })?;
    options(&parsed.options)
}

/// Every option's validation, then `derive`: outputs exactly when there is no problem, and each
/// policy it writes is JSON that the core's parser prints back byte for byte and audit mode reads.
pub fn options(options: &Options) -> Result<(), String> {
    bucket_and_prefix(&options.bucket, &options.prefix)?;
    let _ = check_name(&options.user_name, NameKind::User);
    let _ = check_name(&options.policy_name, NameKind::Policy);
    let _ = KmsKeyArn::parse(&options.kms_key_arn, options.partition);
    let _ = check_region(&options.region, options.partition);
    let derived = derive(options);
    // INVARIANT (derive.rs): outputs exactly when there is no problem.
    ensure(
        derived.outputs.is_some() == derived.problems.is_empty(),
        || format!("outputs and problems together: {:?}", derived.problems),
    )?;
    let Some(outputs) = &derived.outputs else {
        return Ok(());
    };
    ensure(
        serde_json::from_str::<serde_json::Value>(&outputs.policy_json).is_ok(),
        || format!("the policy is not JSON: {}", outputs.policy_json),
    )?;
    let printed = parse(&outputs.policy_json).map(|v| v.to_pretty());
    ensure(
        printed.as_deref() == Ok(outputs.policy_json.as_str()),
        || format!("the core's parser prints the policy back as {printed:?}"),
    )?;
    let report = audit_report(&outputs.policy_json, &options.bucket);
    ensure(report.error.is_none(), || {
        format!(
            "audit mode cannot read the generated policy: {:?}",
            report.error
        )
    })?;
    if let Some(bucket_policy) = &outputs.bucket_policy_json {
        ensure(
            serde_json::from_str::<serde_json::Value>(bucket_policy).is_ok(),
            || format!("the bucket policy is not JSON: {bucket_policy}"),
        )?;
    }
    Ok(())
}

/// The bucket field (a name, or `name/path`) and the prefix field: a valid prefix is empty or ends in `/`.
pub fn bucket_and_prefix(bucket: &str, prefix: &str) -> Result<(), String> {
    let _ = BucketName::parse(bucket);
    let (name, path) = split_location(bucket);
    let _ = BucketName::parse(name);
    if let Some(path) = path {
        let _ = Prefix::parse(path);
    }
    if let Ok(prefix) = Prefix::parse(prefix) {
        ensure(prefix.is_empty() || prefix.as_str().ends_with('/'), || {
            format!(
                "a valid prefix {:?} that does not end in `/`",
                prefix.as_str()
            )
        })?;
    }
    Ok(())
}

/// Audit mode on any text: a report holds a policy or an error, never both. When the text is a
/// policy of one statement or more, the threat table's decisions also keep IAM's algebra, checked
/// on changed copies of the policy:
/// - the statements' order does not matter (reversed: the same decisions);
/// - a statement said twice counts once (the first one repeated at the end, without its `Sid`);
/// - a statement listing actions says what one statement per action would (the first one split);
/// - another statement only adds: an extra `Deny` can only turn a decision into an explicit
///   deny, and an extra `Allow` can only turn an implicit deny into an allow (the first
///   statement repeated with its effect flipped).
pub fn audit(text: &str, bucket: &str) -> Result<(), String> {
    let report = audit_report(text, bucket);
    ensure(report.policy.is_none() || report.error.is_none(), || {
        format!("a report with a policy and an error: {:?}", report.error)
    })?;
    if report.policy.is_none() {
        return Ok(());
    }
    let Ok(Value::Object(document)) = parse(text) else {
        return Ok(());
    };
    let Some(statements) = document.get("Statement").and_then(Value::as_array) else {
        return Ok(());
    };
    let Some(Value::Object(first)) = statements.first() else {
        return Ok(());
    };
    let before = decisions(&report.threats);
    let mut copy = Map::new();
    for (key, value) in first.iter().filter(|(key, _)| *key != "Sid") {
        copy.insert(key.clone(), value.clone());
    }
    // The first statement with its effect flipped, and what adding it may do to a decision.
    let opposite = match first.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Some(("Deny", Outcome::ExplicitDeny)),
        Some("Deny") => Some(("Allow", Outcome::Allowed)),
        _ => None,
    };
    let mut reversed = statements.clone();
    reversed.reverse();
    let mut repeated = statements.clone();
    repeated.push(Value::Object(copy.clone()));
    let mut changes = vec![("reversed", reversed, None), ("repeated", repeated, None)];
    // A statement listing actions allows or denies what one statement per action would.
    if let Some(Value::Array(actions)) = copy
        .get("Action")
        .filter(|a| a.as_array().is_some_and(|list| list.len() > 1))
    {
        let mut split = statements[1..].to_vec();
        for action in actions.clone() {
            let mut one = copy.clone();
            one.insert("Action".to_owned(), action);
            split.push(Value::Object(one));
        }
        changes.push(("with its first statement split by action", split, None));
    }
    if let Some((effect, added)) = opposite {
        copy.insert("Effect".to_owned(), Value::String(effect.to_owned()));
        let mut extended = statements.clone();
        extended.push(Value::Object(copy));
        changes.push(("with an opposite statement added", extended, Some(added)));
    }
    for (how, changed, added) in changes {
        let mut document = document.clone();
        document.insert("Statement".to_owned(), Value::Array(changed));
        let changed = Value::Object(document).to_string();
        let again = audit_report(&changed, bucket);
        let after = decisions(&again.threats);
        let allowed = |old: Outcome, new: Outcome| match added {
            None => new == old,
            // An explicit deny stays; otherwise the added statement may win, or not apply.
            Some(_) if old == Outcome::ExplicitDeny => new == old,
            Some(Outcome::ExplicitDeny) => new == old || new == Outcome::ExplicitDeny,
            Some(_) => new == old || (old == Outcome::ImplicitDeny && new == Outcome::Allowed),
        };
        let keeps = again.error.is_none()
            && after.len() == before.len()
            && before
                .iter()
                .zip(&after)
                .all(|((id, old), (again_id, new))| id == again_id && allowed(*old, *new));
        ensure(keeps, || {
            format!(
                "{how} ({changed}): decisions {after:?} (error {:?}), before {before:?}",
                again.error
            )
        })?;
    }
    Ok(())
}

/// Each row of a threat table and the evaluator's answer.
fn decisions(threats: &[Threat]) -> Vec<(&'static str, Outcome)> {
    threats.iter().map(|t| (t.id, t.decision.effect)).collect()
}

/// The core's JSON parser (which audit mode uses) against serde_json: the same verdict and, when
/// both accept, the same value.
pub fn json(text: &str) -> Result<(), String> {
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (parse(text), theirs) {
        (Ok(ours), Ok(theirs)) => {
            // Numbers keep their text, so serde_json reads our compact print as it read the input.
            let again = serde_json::from_str::<serde_json::Value>(&ours.to_string());
            ensure(again.as_ref().ok() == Some(&theirs), || {
                format!("we print {ours}, which serde_json reads as {again:?}, not {theirs}")
            })
        }
        (Err(_), Err(_)) => Ok(()),
        // serde_json refuses numbers beyond f64's range; the core keeps every number as text.
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => Ok(()),
        (ours, theirs) => Err(format!(
            "we say {:?}, serde_json says {:?}",
            ours.map(|_| ()),
            theirs.map(|_| ())
        )),
    }
}

/// The command line on any arguments (UTF-8 or not): exit code 0 with something printed (or a
/// note saying why not), or exit code 2 with `error: ` lines saying why and nothing on stdout.
pub fn cli(args: &[OsString]) -> Result<(), String> {
    let run = run_cli(args);
    match run.code {
        0 => ensure(
            !run.stdout.is_empty() || run.stderr.starts_with("note: "),
            || format!("{args:?}: exit code 0, nothing printed and no note"),
        ),
        2 => ensure(
            run.stdout.is_empty()
                && run.stderr.starts_with("error: ")
                && run.stderr.ends_with('\n')
                && run.stderr.lines().all(|l| l.starts_with("error: ")),
            || {
                format!(
                    "{args:?}: exit code 2 with {:?} and stdout {:?}",
                    run.stderr, run.stdout
                )
            },
        ),
        code => Err(format!("{args:?}: exit code {code}")),
    }
}
