//! Every export of every preset, and of the hardening cases, through the real tools: `shellcheck` for the AWS CLI
//! script, `python-hcl2` for Terraform, `cfn-lint` for CloudFormation.
//!
//! The tools come from `cargo xtask test`, which installs them where missing and passes their paths in
//! `S3PP_SHELLCHECK`, `S3PP_PYTHON` and `S3PP_CFN_LINT`. Without those variables these tests fail, saying so:
//! a check that silently passes when its tool is missing proves nothing.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;

use std::path::{Path, PathBuf};
use std::process::Command;

use cases::all_hardening;
use s3_policy_playground::policy::{
    derive, ObjectLockMode, Options, Outputs, Partition, Preset, Spec,
};

/// The cases: every preset with and without a prefix, the tool creating the bucket, every hardening option in two
/// partitions, a prefix with quotes and template characters, and a policy too long to be inline.
fn cases() -> Vec<(String, Options)> {
    let mut out = Vec::new();
    for preset in Preset::ALL {
        out.push((
            preset.id().to_owned(),
            Options::from_preset(preset, "mybucket"),
        ));
        out.push((
            format!("{}-prefix", preset.id()),
            Options::from_preset(preset, "mybucket/backups/site1"),
        ));
    }
    out.push((
        "create-bucket".to_owned(),
        Options {
            create_bucket: true,
            ..Options::from_preset(Preset::FaqSecure, "mybucket")
        },
    ));
    out.push(("account-regional".to_owned(), cases::account_regional()));
    let hardening = all_hardening();
    out.push(("all-hardening".to_owned(), hardening.clone()));
    out.push((
        "governance-gov".to_owned(),
        Options {
            object_lock: Some(ObjectLockMode::Governance),
            partition: Partition::AwsUsGov,
            region: "us-gov-east-1".into(),
            kms_key_arn:
                "arn:aws-us-gov:kms:us-gov-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
                    .into(),
            create_bucket: true,
            ..hardening
        },
    ));
    out.push((
        "eu-west-1-awkward-prefix".to_owned(),
        Options {
            region: "eu-west-1".into(),
            prefix: "it's \"quoted\" %{a} `tick` \\ caf\u{e9}".into(),
            ..Options::from_preset(Preset::Hardened, "my.bucket-1")
        },
    ));
    out.push((
        "managed-policy".to_owned(),
        Options {
            prefix: "p".repeat(890),
            ..Options::from_preset(Preset::FaqSecure, "mybucket")
        },
    ));
    out
}

fn outputs(name: &str, options: &Options) -> Outputs {
    let derived = derive(options);
    assert!(
        derived.problems.is_empty(),
        "{name}: {:?}",
        derived.problems
    );
    derived.outputs.unwrap()
}

/// The tool from the environment, or a failure that says how to get it.
fn tool(variable: &str) -> PathBuf {
    match std::env::var_os(variable) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => panic!(
            "{variable} is not set: run `cargo xtask test` (or `cargo xtask test --layer native`), which installs the export validators and sets it"
        ),
    }
}

/// A fresh folder for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("s3pp-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `program` with `args` and `file`; returns a failure line unless `ok(exit code)`.
fn run(program: &Path, args: &[&str], file: &Path, ok: impl Fn(i32) -> bool) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let code = out.status.code().unwrap_or(-1);
    if ok(code) {
        return None;
    }
    Some(format!(
        "{} {} on {} exited with {code}:\n{}{}",
        program.display(),
        args.join(" "),
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

#[test]
fn cli_scripts_pass_shellcheck() {
    let shellcheck = tool("S3PP_SHELLCHECK");
    let dir = scratch("shellcheck");
    let mut failures = Vec::new();
    for (name, options) in cases() {
        let file = dir.join(format!("{name}.sh"));
        std::fs::write(&file, outputs(&name, &options).cli_script).unwrap();
        // Every severity, style included, must be clean.
        failures.extend(run(
            &shellcheck,
            &["--shell=bash", "--severity=style"],
            &file,
            |c| c == 0,
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn terraform_parses_as_hcl() {
    let python = tool("S3PP_PYTHON");
    let dir = scratch("hcl");
    // Parses with python-hcl2 and checks the shape: one provider, and the resources every export has.
    let script = "import sys, hcl2\n\
        doc = hcl2.load(open(sys.argv[1]))\n\
        kinds = {k.strip(chr(34)) for r in doc['resource'] for k in r}\n\
        need = {'aws_s3_bucket', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_iam_user'}\n\
        missing = need - kinds\n\
        assert not missing, missing\n\
        assert ('aws_iam_user_policy' in kinds) != ('aws_iam_policy' in kinds), kinds\n";
    let mut failures = Vec::new();
    for (name, options) in cases() {
        let file = dir.join(format!("{name}.tf"));
        std::fs::write(&file, outputs(&name, &options).terraform).unwrap();
        failures.extend(run(&python, &["-c", script], &file, |c| c == 0));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `terraform fmt`'s layout of arguments, which `main.tf` follows so that `terraform fmt -check` passes (checked
/// with Terraform 1.11 by hand; Terraform is not in a registry, so this test holds its rule): the `=` of each run
/// of adjacent one-line arguments lines up one space after the run's longest name, and an argument whose value
/// opens on its line and closes on a later one has one space before its `=` and ends the run.
#[test]
fn terraform_is_laid_out_as_terraform_fmt_lays_it_out() {
    struct Argument<'a> {
        line: &'a str,
        name_end: usize,
        equals: usize,
        multi_line: bool,
    }
    let mut failures = Vec::new();
    for (name, options) in cases() {
        let text = outputs(&name, &options).terraform;
        let parsed: Vec<Option<Argument<'_>>> = text
            .lines()
            .map(|line| {
                let indent = line.len() - line.trim_start().len();
                let rest = &line[indent..];
                let name_len = rest.find([' ', '='])?;
                let key = &rest[..name_len];
                let plain = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                let quoted = key.len() > 1 && key.starts_with('"') && key.ends_with('"');
                if key.starts_with('#') || !(plain || quoted) {
                    return None;
                }
                let after = &rest[name_len..];
                let spaces = after.len() - after.trim_start_matches(' ').len();
                if !after[spaces..].starts_with("= ") {
                    return None;
                }
                let value = after[spaces + 2..].trim_end();
                Some(Argument {
                    line,
                    name_end: indent + name_len,
                    equals: indent + name_len + spaces,
                    multi_line: value.ends_with('[')
                        || value.ends_with('{')
                        || value.ends_with('('),
                })
            })
            .collect();
        let mut run: Vec<&Argument<'_>> = Vec::new();
        let check_run = |run: &mut Vec<&Argument<'_>>, failures: &mut Vec<String>| {
            let want = run.iter().map(|a| a.name_end + 1).max().unwrap_or(0);
            for a in run.iter().filter(|a| a.equals != want) {
                failures.push(format!(
                    "{name}: `=` at column {} instead of {want}: {}",
                    a.equals, a.line
                ));
            }
            run.clear();
        };
        for line in &parsed {
            match line {
                Some(a) if !a.multi_line => run.push(a),
                Some(a) => {
                    check_run(&mut run, &mut failures);
                    if a.equals != a.name_end + 1 {
                        failures.push(format!(
                            "{name}: a multi-line argument is padded: {}",
                            a.line
                        ));
                    }
                }
                None => check_run(&mut run, &mut failures),
            }
        }
        check_run(&mut run, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cloudformation_passes_cfn_lint() {
    let cfn_lint = tool("S3PP_CFN_LINT");
    let dir = scratch("cfn");
    let mut failures = Vec::new();
    for (name, options) in cases() {
        let region = Spec::from_options(&options).unwrap().export_region();
        let file = dir.join(format!("{name}.yaml"));
        std::fs::write(&file, outputs(&name, &options).cloudformation).unwrap();
        // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational; errors and warnings fail.
        failures.extend(run(&cfn_lint, &["--regions", region, "--"], &file, |c| {
            c & 0b110 == 0 && c >= 0
        }));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_managed_policy_case_is_too_long_for_inline() {
    let options = cases()
        .into_iter()
        .find(|(n, _)| n == "managed-policy")
        .unwrap()
        .1;
    let out = outputs("managed-policy", &options);
    assert!(!out.policy_size.fits_inline());
    assert!(out.cli_script.contains("aws iam attach-user-policy"));
    assert!(out.terraform.contains("aws_iam_user_policy_attachment"));
    assert!(out.cloudformation.contains("AWS::IAM::ManagedPolicy"));
}
