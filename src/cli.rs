//! The `s3-policy` command line, in the library so tests and the fuzz targets run it in-process:
//! [`run`] takes the arguments and returns the exit code and what goes to stdout and stderr
//! (`src/bin/s3-policy.rs` only writes them out).
//!
//! The policy (or the steps, lifecycle rule or warnings) goes to stdout; problems go to stderr, one
//! `error: ` line each with the same message the page shows, and the exit code is 2.

use std::ffi::OsString;

use crate::json;
use crate::policy::json::{ToJson, Value};
use crate::policy::{
    derive_with_spec, parse_count, threats, Field, NotACount, ObjectLockMode, Options, Outputs,
    Partition, Preset, Spec, Step, Warning,
};

/// `s3-policy --help`.
pub const HELP: &str = "\
s3-policy: the IAM policy, console steps, lifecycle rule, warnings and ready-to-run exports (AWS CLI,
Terraform, CloudFormation) for an UpdraftPlus S3 bucket

USAGE:
    s3-policy --bucket NAME [OPTIONS]

OPTIONS:
    --bucket NAME              the bucket, or `bucket/path` as in the plugin's \"S3 location\"
    --prefix PATH              a path inside the bucket (`backups/site1`)
    --preset ID                faq-standard | faq-secure | hardened (default: faq-secure);
                               the other options change the preset's choices
    --versioning, --no-versioning
    --allow-delete, --no-delete
    --acl, --no-acl            grant the ACL actions (s3:PutObjectAcl and the others) or not
    --create-bucket, --no-create-bucket
                               grant s3:CreateBucket so the plugin may create the bucket
    --lifecycle-days N         days after which noncurrent versions expire (0: none)
    --keep-versions N          keep the N newest noncurrent versions of each file whatever their age
                               (0: none); UpdraftPlus never reuses a file name, so this keeps the old
                               version of every deleted backup forever
    --expire-days N            days after which backups expire (0: none)
    --abort-multipart-days N   days after which incomplete multipart uploads are aborted (0: none)
    --remove-expired-delete-markers, --keep-expired-delete-markers
                               lifecycle: remove delete markers with no version left (--expire-days
                               already does this, so not with it)
    --object-lock MODE         governance | compliance | none: S3 Object Lock (needs versioning)
    --retention-days N         Object Lock: days each new backup version is locked (1 to 36500; default 30)
    --put-retention, --no-put-retention
                               grant s3:PutObjectRetention, for tools that lock uploads themselves
    --kms-key ARN              SSE-KMS default encryption with this key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID)
    --partition P              aws | aws-cn | aws-us-gov (default: aws): every ARN uses it
    --region R                 the bucket's Region code (eu-west-1)
    --tls-only, --no-tls-only  a bucket policy that denies requests without TLS
    --user NAME                the IAM user name
    --policy-name NAME         the managed policy name
    --format FORMAT            policy | steps | lifecycle | warnings | bucket-policy | cli | terraform |
                               cloudformation | threats (default: policy)
    --json                     print JSON (the policy object, or arrays of steps or warnings)
    -h, --help                 print this help

Exit codes: 0 success, 2 bad flags or options that cannot make a correct policy.
";

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Policy,
    Steps,
    Lifecycle,
    Warnings,
    BucketPolicy,
    Cli,
    Terraform,
    CloudFormation,
    Threats,
}

/// The parsed command line.
#[derive(Debug)]
struct Cli {
    options: Options,
    format: Format,
    json: bool,
    help: bool,
}

/// What one run of the command line printed, and its exit code.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// 0 for success, 2 for bad flags or options that cannot make a correct policy.
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Adds `message` as an `error: ` line and sets exit code 2. Characters from the arguments the
/// message quotes that would break the line or reorder or hide text on a terminal are escaped
/// (`\n`, `\u{1b}`, `\u{202e}`), so each error stays one line and shows what was typed.
fn fail(out: &mut Run, message: &str) {
    out.stderr.push_str("error: ");
    for c in message.chars() {
        if is_unsafe_on_a_terminal(c) {
            out.stderr.extend(c.escape_default());
        } else {
            out.stderr.push(c);
        }
    }
    out.stderr.push('\n');
    out.code = 2;
}

/// Control characters, line and paragraph separators, zero-width characters and the
/// bidirectional overrides, embeddings and isolates.
fn is_unsafe_on_a_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Runs the command line on `args` (without the program name). Never panics: an argument that is
/// not UTF-8 text, like any other bad input, is an `error: ` line and exit code 2.
pub fn run(args: &[OsString]) -> Run {
    let mut out = Run::default();
    let mut text = Vec::with_capacity(args.len());
    for (number, arg) in args.iter().enumerate() {
        match arg.to_str() {
            Some(arg) => text.push(arg.to_owned()),
            None => {
                let message = format!(
                    "argument {} (`{}`) is not UTF-8 text: give names, paths and ARNs as UTF-8",
                    number + 1,
                    arg.to_string_lossy()
                );
                fail(&mut out, &message);
                return out;
            }
        }
    }
    let cli = match parse(&text) {
        Ok(cli) => cli,
        Err(message) => {
            fail(&mut out, &message);
            return out;
        }
    };
    if cli.help {
        out.stdout.push_str(HELP);
        return out;
    }
    let (derived, spec) = derive_with_spec(&cli.options);
    let (Some(outputs), Some(spec)) = (derived.outputs, spec) else {
        for problem in &derived.problems {
            // The page shows a problem beside its field; here the flag names it.
            fail(
                &mut out,
                &format!("{}: {}", flag_of(problem.field), problem.message),
            );
        }
        // No outputs is a failure even with no problem listed (the core promises there is one).
        out.code = 2;
        return out;
    };
    let rendered = if cli.format == Format::Threats {
        render_threats(&spec, &outputs, cli.json)
    } else {
        render(&outputs, cli.format, cli.json, &mut out.stderr)
    };
    match rendered {
        Ok(text) => out.stdout = text,
        Err(message) => fail(&mut out, &message),
    }
    out
}

/// `format` of `outputs`; a note for stderr (a format with nothing to print) goes to `notes`.
fn render(
    outputs: &Outputs,
    format: Format,
    json: bool,
    notes: &mut String,
) -> Result<String, String> {
    let text = match (format, json) {
        (Format::Policy, _) => format!("{}\n", outputs.policy_json),
        (Format::Steps, false) => outputs.steps_text(),
        (Format::Steps, true) => to_json(&outputs.steps.iter().map(step_json).collect::<Vec<_>>()),
        (Format::Warnings, false) => outputs.warnings_text(),
        (Format::Warnings, true) => {
            to_json(&outputs.warnings.iter().map(warning_json).collect::<Vec<_>>())
        }
        (Format::Lifecycle, json) => optional(
            outputs.lifecycle_json.as_deref(),
            json,
            "no lifecycle rule: set --lifecycle-days, --expire-days or --abort-multipart-days",
            notes,
        ),
        (Format::BucketPolicy, json) => optional(
            outputs.bucket_policy_json.as_deref(),
            json,
            "no bucket policy: add --tls-only",
            notes,
        ),
        (Format::Cli, false) => outputs.cli_script.clone(),
        (Format::Terraform, false) => outputs.terraform.clone(),
        (Format::CloudFormation, false) => outputs.cloudformation.clone(),
        (Format::Threats, _) => return Err("internal: threats are rendered by `render_threats`".to_owned()),
        (Format::Cli | Format::Terraform | Format::CloudFormation, true) => {
            return Err("`--json` applies to policy, steps, lifecycle, warnings and bucket-policy: leave it out for cli, terraform and cloudformation".to_owned())
        }
    };
    Ok(text)
}

/// A document the options may not call for: itself, `null` with `--json`, or else nothing on
/// stdout and a `note: ` on stderr saying how to get one.
fn optional(document: Option<&str>, json: bool, why_none: &str, notes: &mut String) -> String {
    match document {
        Some(document) => format!("{document}\n"),
        None if json => "null\n".to_owned(),
        None => {
            notes.push_str("note: ");
            notes.push_str(why_none);
            notes.push('\n');
            String::new()
        }
    }
}

/// The stolen-key threat table: what an attacker holding the key could try, and what AWS answers.
fn render_threats(spec: &Spec, outputs: &Outputs, json: bool) -> Result<String, String> {
    let table = threats::for_outputs(spec, outputs)
        .map_err(|e| format!("cannot evaluate the generated policy: {e}"))?;
    if !json {
        return Ok(threats::to_text(&table.rows, &table.context));
    }
    let rows: Vec<Value> = table
        .rows
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "attempt": t.attempt,
                "action": t.action,
                "resource": t.resource,
                "decision": t.decision.effect.id(),
                "uncertain": t.decision.uncertain(),
                "why": t.decision.summary(),
                "meaning": t.meaning,
                "severity": t.severity.id(),
            })
        })
        .collect();
    Ok(to_json(
        &json!({ "threats": rows, "residual_risk": table.residual_risk }),
    ))
}

/// A step as `--json` writes it: its fields in order.
fn step_json(step: &Step) -> Value {
    json!({ "id": step.id, "title": step.title, "details": step.details })
}

/// A warning as `--json` writes it: its fields in order, the severity as its id.
fn warning_json(warning: &Warning) -> Value {
    json!({
        "id": warning.id,
        "severity": warning.severity.id(),
        "title": warning.title,
        "why": warning.why
    })
}

fn to_json(value: &impl ToJson) -> String {
    format!("{}\n", value.to_json().to_pretty())
}

fn parse(args: &[String]) -> Result<Cli, String> {
    // Split `--flag=value` into flag and value, so both spellings work.
    let mut tokens: Vec<(String, Option<String>)> = Vec::new();
    for arg in args {
        match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with("--") => {
                tokens.push((flag.to_owned(), Some(value.to_owned())))
            }
            _ => tokens.push((arg.clone(), None)),
        }
    }

    // The preset is the base the other flags change, wherever it appears.
    let mut preset = Preset::FaqSecure;
    let mut i = 0;
    while let Some((flag, inline)) = tokens.get(i) {
        if flag == "--preset" {
            let value = value_of(flag, inline, tokens.get(i + 1))?;
            preset = Preset::from_id(&value).ok_or_else(|| {
                format!("unknown preset `{value}`: use faq-standard, faq-secure or hardened")
            })?;
        }
        i += 1;
    }

    let mut cli = Cli {
        options: Options::from_preset(preset, ""),
        format: Format::Policy,
        json: false,
        help: false,
    };
    let mut i = 0;
    while let Some((flag, inline)) = tokens.get(i) {
        let next = tokens.get(i + 1);
        let takes_value = matches!(
            flag.as_str(),
            "--bucket"
                | "--prefix"
                | "--preset"
                | "--user"
                | "--policy-name"
                | "--format"
                | "--lifecycle-days"
                | "--keep-versions"
                | "--expire-days"
                | "--abort-multipart-days"
                | "--object-lock"
                | "--retention-days"
                | "--kms-key"
                | "--partition"
                | "--region"
        );
        let o = &mut cli.options;
        match flag.as_str() {
            "-h" | "--help" => cli.help = true,
            "--json" => cli.json = true,
            "--versioning" => o.versioning = true,
            "--no-versioning" => o.versioning = false,
            "--allow-delete" => o.allow_delete = true,
            "--no-delete" => o.allow_delete = false,
            "--acl" => o.acl_actions = true,
            "--no-acl" => o.acl_actions = false,
            "--create-bucket" => o.create_bucket = true,
            "--no-create-bucket" => o.create_bucket = false,
            "--preset" => {}
            "--remove-expired-delete-markers" => o.remove_expired_delete_markers = true,
            "--keep-expired-delete-markers" => o.remove_expired_delete_markers = false,
            "--put-retention" => o.put_retention = true,
            "--no-put-retention" => o.put_retention = false,
            "--tls-only" => o.tls_only = true,
            "--no-tls-only" => o.tls_only = false,
            "--object-lock" => {
                let value = value_of(flag, inline, next)?;
                o.object_lock = match value.as_str() {
                    "none" => None,
                    other => Some(ObjectLockMode::from_id(other).ok_or_else(|| {
                        format!("unknown Object Lock mode `{value}`: use governance, compliance or none")
                    })?),
                };
            }
            "--retention-days" => o.retention_days = number_of(flag, inline, next)?,
            "--kms-key" => o.kms_key_arn = value_of(flag, inline, next)?,
            "--region" => o.region = value_of(flag, inline, next)?,
            "--partition" => {
                let value = value_of(flag, inline, next)?;
                o.partition =
                    Partition::from_id(&value).ok_or_else(|| {
                        match Partition::unsupported(&value) {
                            Some(why) => format!("`--partition {value}` is {why}"),
                            None => format!(
                                "unknown partition `{value}`: use aws, aws-cn or aws-us-gov"
                            ),
                        }
                    })?;
            }
            "--bucket" => o.bucket = value_of(flag, inline, next)?,
            "--prefix" => o.prefix = value_of(flag, inline, next)?,
            "--user" => o.user_name = value_of(flag, inline, next)?,
            "--policy-name" => o.policy_name = value_of(flag, inline, next)?,
            "--lifecycle-days" => o.noncurrent_days = number_of(flag, inline, next)?,
            "--keep-versions" => o.newer_noncurrent_versions = number_of(flag, inline, next)?,
            "--expire-days" => o.expiration_days = number_of(flag, inline, next)?,
            "--abort-multipart-days" => o.abort_multipart_days = number_of(flag, inline, next)?,
            "--format" => {
                let value = value_of(flag, inline, next)?;
                cli.format = match value.as_str() {
                    "policy" => Format::Policy,
                    "steps" => Format::Steps,
                    "lifecycle" => Format::Lifecycle,
                    "warnings" => Format::Warnings,
                    "bucket-policy" => Format::BucketPolicy,
                    "cli" => Format::Cli,
                    "terraform" => Format::Terraform,
                    "cloudformation" => Format::CloudFormation,
                    "threats" => Format::Threats,
                    _ => {
                        return Err(format!(
                            "unknown format `{value}`: use policy, steps, lifecycle, warnings, bucket-policy, cli, terraform, cloudformation or threats"
                        ))
                    }
                };
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown flag `{other}`: see `s3-policy --help`"));
            }
            other => {
                return Err(format!(
                    "unexpected argument `{other}`: values follow a flag, as in `--bucket {other}`"
                ))
            }
        }
        // Checked after the match, which refuses an unknown flag first: `--buckets=x` is a typo,
        // not a switch given a value.
        if !takes_value && inline.is_some() {
            return Err(format!("`{flag}` takes no value"));
        }
        // A flag with a separate value consumed the next token too.
        i += if takes_value && inline.is_none() {
            2
        } else {
            1
        };
    }
    Ok(cli)
}

/// The flag that sets the option a problem is about.
fn flag_of(field: Field) -> &'static str {
    match field {
        Field::Bucket => "--bucket",
        Field::Prefix => "--prefix",
        Field::UserName => "--user",
        Field::PolicyName => "--policy-name",
        Field::NoncurrentDays => "--lifecycle-days",
        Field::NewerNoncurrentVersions => "--keep-versions",
        Field::AbortMultipartDays => "--abort-multipart-days",
        Field::ExpirationDays => "--expire-days",
        Field::RemoveExpiredDeleteMarkers => "--remove-expired-delete-markers",
        Field::ObjectLock => "--object-lock",
        Field::RetentionDays => "--retention-days",
        Field::PutRetention => "--put-retention",
        Field::KmsKeyArn => "--kms-key",
        Field::Region => "--region",
    }
}

fn value_of(
    flag: &str,
    inline: &Option<String>,
    next: Option<&(String, Option<String>)>,
) -> Result<String, String> {
    if let Some(value) = inline {
        return Ok(value.clone());
    }
    match next {
        Some((value, None)) if !value.starts_with("--") => Ok(value.clone()),
        _ => Err(format!("`{flag}` needs a value")),
    }
}

/// A day or version count; `0` means "no such action", as the help says.
fn number_of(
    flag: &str,
    inline: &Option<String>,
    next: Option<&(String, Option<String>)>,
) -> Result<Option<u32>, String> {
    let value = value_of(flag, inline, next)?;
    // Retention has no "none": Object Lock without a default retention locks no backup.
    let range = if flag == "--retention-days" {
        "a whole number of days, 1 to 36500"
    } else {
        "a whole number (0 for none)"
    };
    match parse_count(&value) {
        Ok(0) => Ok(None),
        Ok(n) => Ok(Some(n)),
        Err(NotACount::TooLarge) => Err(format!(
            "`{flag} {value}` is too large: `{flag}` takes {range}"
        )),
        Err(NotACount::NotWhole) => Err(format!("`{flag}` takes {range}, not `{value}`")),
    }
}
