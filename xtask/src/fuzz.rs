//! `cargo xtask fuzz`: the fuzz targets, with either of two engines and the same checks
//! (`tests/support/fuzz_checks.rs`).
//!
//! - `proptest` (the default; stable Rust): `tests/fuzz_core.rs`, N inputs
//!   per target from generators shaped like each real input. `cargo xtask test` runs them with
//!   2,000 inputs each.
//! - `libfuzzer`: coverage-guided, the `fuzz/` crate through cargo-fuzz on a nightly toolchain.
//!   Each target runs for S seconds from its kept corpus (`fuzz/corpus/<target>`), seeded with the
//!   target's lines of `tests/data/fuzz/regressions.txt` and, for the JSON targets, every JSON file
//!   under `tests/`, with a dictionary of the words its input is made of (`fuzz/dict/`). A crash or
//!   a hang is saved under `fuzz/artifacts/<target>/`, and the line to add to regressions.txt is
//!   printed.

use crate::cmd::{progress, Cmd};
use crate::toolchain;
use std::path::{Path, PathBuf};
use std::time::Instant;

const DEFAULT_FUZZ_CASES: u64 = 200_000;
const DEFAULT_FUZZ_SECONDS: u64 = 60;
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The libFuzzer targets (the `[[bin]]`s of `fuzz/Cargo.toml`) and each one's dictionary in `fuzz/dict/`.
const LIBFUZZER_TARGETS: [(&str, &str); 6] = [
    ("query", "query"),
    ("bucket", "names"),
    ("prefix", "names"),
    ("audit", "json"),
    ("json", "json"),
    ("cli", "cli"),
];

/// The longest input libFuzzer makes, in bytes: IAM's largest managed policy is 6,144 characters.
const MAX_LEN: u32 = 8_192;
/// Seconds one input may take before libFuzzer reports it as a hang.
const INPUT_TIMEOUT_S: u32 = 10;
/// Seed files larger than libFuzzer's longest input are left out: it would cut them short.
const MAX_SEED_BYTES: u64 = MAX_LEN as u64;

pub fn fuzz_command(args: &[String]) -> Result<(), String> {
    let flags = crate::parse_flags(args, &["--engine", "--cases", "--seconds", "--target"])?;
    let value = |flag: &str| crate::last_value(&flags, flag);
    let number = |flag: &str, default: u64| -> Result<u64, String> {
        value(flag).map_or(Ok(default), |v| {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("`{flag} {v}` is not a number"))
        })
    };
    let only_for = |flag: &str, engine: &str| match value(flag) {
        Some(_) => Err(format!("`{flag}` is for `--engine {engine}`")),
        None => Ok(()),
    };
    match value("--engine").unwrap_or("proptest") {
        "proptest" => {
            only_for("--seconds", "libfuzzer")?;
            only_for("--target", "libfuzzer")?;
            proptest(number("--cases", DEFAULT_FUZZ_CASES)?)
        }
        "libfuzzer" => {
            only_for("--cases", "proptest")?;
            let names: Vec<&str> = LIBFUZZER_TARGETS.iter().map(|(t, _)| *t).collect();
            let targets = crate::choose_from(&flags, "--target", &names)?;
            let seconds = number("--seconds", DEFAULT_FUZZ_SECONDS)?;
            if seconds == 0 {
                // libFuzzer reads `-max_total_time=0` as "no limit".
                return Err("`--seconds` must be at least 1".into());
            }
            libfuzzer(seconds, &targets)
        }
        other => Err(format!(
            "unknown engine `{other}`: use proptest or libfuzzer"
        )),
    }
}

fn proptest(cases: u64) -> Result<(), String> {
    let start = Instant::now();
    let cmd = Cmd::new(toolchain::host_cargo())
        .env("S3PP_FUZZ_CASES", cases.to_string())
        .args([
            "test",
            "-p",
            "s3-policy-playground",
            "--release",
            "--test",
            "fuzz_core",
            "--",
            "--nocapture",
        ]);
    progress(&cmd.display());
    let (success, output) = cmd.run_tee()?;
    let counts = parse_fuzz_lines(&output);
    println!();
    for (target, inputs) in &counts {
        println!("fuzz {target}: {inputs} inputs");
    }
    println!(
        "fuzz total: {} inputs in {:.0} s, {}",
        counts.iter().map(|(_, n)| n).sum::<u64>(),
        start.elapsed().as_secs_f64(),
        if success { "no failure" } else { "FAILED" }
    );
    if success {
        Ok(())
    } else {
        Err(
            "a fuzz target failed: add its smallest input to tests/data/fuzz/regressions.txt"
                .into(),
        )
    }
}

/// `FUZZ target=<name> inputs=<n>` lines.
fn parse_fuzz_lines(output: &str) -> Vec<(String, u64)> {
    output
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("FUZZ target=")?;
            let (target, inputs) = rest.split_once(" inputs=")?;
            Some((target.to_string(), inputs.trim().parse().ok()?))
        })
        .collect()
}

fn libfuzzer(seconds: u64, targets: &[&str]) -> Result<(), String> {
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    let root = crate::root();
    progress("building the libFuzzer targets (about 90 s the first time)");
    cargo_fuzz(&["build"]).run()?;
    let mut results = Vec::new();
    let mut broken = Vec::new();
    for &target in targets {
        let dict = LIBFUZZER_TARGETS
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, d)| root.join("fuzz").join("dict").join(format!("{d}.dict")))
            .ok_or_else(|| format!("no libFuzzer target `{target}`"))?;
        let corpus = root.join("fuzz").join("corpus").join(target);
        let seeds = write_seeds(&root, target)?;
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let cmd = cargo_fuzz(&["run", target])
            .arg(corpus.to_string_lossy())
            .arg(seeds.to_string_lossy())
            .args([
                "--".to_string(),
                format!("-max_total_time={seconds}"),
                format!("-timeout={INPUT_TIMEOUT_S}"),
                format!("-max_len={MAX_LEN}"),
                format!("-dict={}", dict.display()),
                "-print_final_stats=1".to_string(),
            ]);
        progress(&format!(
            "fuzzing `{target}` for {seconds} s: {}",
            cmd.display()
        ));
        let (success, output) = cmd.run_tee_both()?;
        let run = parse_libfuzzer(&output);
        if !success || !run.artifacts.is_empty() {
            broken.push((target, run.artifacts.clone()));
        }
        results.push((target, run));
    }
    println!();
    for (target, run) in &results {
        println!(
            "fuzz {target} (libFuzzer): {} inputs in {} s, {} coverage points, corpus {}",
            run.runs,
            run.seconds,
            run.coverage.map_or("?".into(), |c| c.to_string()),
            run.corpus.map_or("?".into(), |c| c.to_string())
        );
    }
    println!(
        "fuzz total (libFuzzer): {} inputs, {}",
        results.iter().map(|(_, r)| r.runs).sum::<u64>(),
        if broken.is_empty() {
            "no failure"
        } else {
            "FAILED"
        }
    );
    if broken.is_empty() {
        return Ok(());
    }
    for (target, artifacts) in &broken {
        for artifact in artifacts {
            // libFuzzer names the file relative to where cargo-fuzz ran it: the workspace root.
            let path = root.join(artifact);
            match std::fs::read(&path).map(|input| regression_line(target, &input)) {
                Ok(Some(line)) => println!(
                    "add to tests/data/fuzz/regressions.txt (with a comment saying what broke):\n{line}"
                ),
                Ok(None) => println!(
                    "{target}: see {} (not UTF-8 text: write a test for it by hand)",
                    path.display()
                ),
                Err(e) => println!("{target}: cannot read {}: {e}", path.display()),
            }
        }
    }
    Err("a libFuzzer target failed: add its input to tests/data/fuzz/regressions.txt, fix the cause, and run it again".into())
}

/// `cargo fuzz <args>` on `fuzz/` with rustup's nightly, without sanitizer: our crates forbid
/// `unsafe` code (`unsafe_code = "forbid"`), so AddressSanitizer would only watch the dependencies'
/// unsafe code, which these targets do not aim at, and run every input about three times slower.
fn cargo_fuzz(args: &[&str]) -> Cmd {
    Cmd::new("rustup")
        .args(["run", "nightly", "cargo", "fuzz"])
        .args(args.iter().copied())
        .args(["--sanitizer", "none", "--fuzz-dir", "fuzz"])
}

fn ensure_nightly() -> Result<(), String> {
    match Cmd::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
    {
        Some(version) => {
            progress(&format!("nightly toolchain: {}", version.trim()));
            Ok(())
        }
        None => Err("coverage-guided fuzzing needs a nightly Rust toolchain from rustup, and this machine \
             has none: `rustup toolchain install nightly` adds one (it downloads from rust-lang.org, \
             not a package registry). `cargo xtask fuzz` without `--engine` runs the proptest targets \
             on stable Rust."
            .into()),
    }
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let cargo_fuzz = toolchain::cargo_bin_dir()?.join("cargo-fuzz");
    let wanted = format!("cargo-fuzz {CARGO_FUZZ_VERSION}");
    let found = Cmd::new(cargo_fuzz.to_string_lossy())
        .args(["fuzz", "--version"])
        .output();
    if found.is_some_and(|v| v.trim() == wanted) {
        return Ok(());
    }
    progress(&format!(
        "installing cargo-fuzz {CARGO_FUZZ_VERSION} from crates.io (about 2 minutes, once)"
    ));
    Cmd::new(toolchain::host_cargo())
        .args(["install", "--locked", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION])
        .run()
        .map_err(|e| {
            format!("{e}: install it with `cargo install --locked cargo-fuzz --version {CARGO_FUZZ_VERSION}`")
        })
}

/// Writes `target`'s seeds afresh to `target/fuzz-seeds/<target>/`: its regression inputs and,
/// for the JSON targets, the JSON files under `tests/`.
fn write_seeds(root: &Path, target: &str) -> Result<PathBuf, String> {
    let dir = root.join("target").join("fuzz-seeds").join(target);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let regressions = root.join("tests/data/fuzz/regressions.txt");
    let text = std::fs::read_to_string(&regressions)
        .map_err(|e| format!("{}: {e}", regressions.display()))?;
    let mut seeds = regression_inputs(&text, target);
    if target == "cli" {
        // regressions.txt holds arguments as a JSON array; the target reads them split at NUL.
        seeds = seeds
            .iter()
            .filter_map(|array| Some(json_string_array(array)?.join("\0")))
            .collect();
    }
    if matches!(target, "json" | "audit") {
        let mut files = Vec::new();
        json_files(&root.join("tests"), &mut files);
        files.sort();
        for file in files {
            if let Ok(text) = std::fs::read_to_string(&file) {
                seeds.push(text);
            }
        }
    }
    for (number, seed) in seeds.iter().enumerate() {
        let path = dir.join(format!("seed-{number:04}"));
        std::fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(dir)
}

/// Every `*.json` file under `dir` of at most [`MAX_SEED_BYTES`].
fn json_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "json")
            && entry.metadata().is_ok_and(|m| m.len() <= MAX_SEED_BYTES)
        {
            into.push(path);
        }
    }
}

/// The inputs of `target`'s lines in regressions.txt (`<target> <input as a JSON string>`).
fn regression_inputs(text: &str, target: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let (name, input) = line.trim().split_once(' ')?;
            (name == target).then(|| json_string_value(input.trim()))?
        })
        .collect()
}

/// What libFuzzer said at the end of one run.
#[derive(Debug, Default, PartialEq)]
struct LibFuzzerRun {
    /// Inputs run (`Done <n> runs in <s> second(s)`; after a crash, `#<n>` of the last status line).
    runs: u64,
    seconds: u64,
    /// Coverage points (`cov:`) and corpus entries (`corp:`) on its last status line.
    coverage: Option<u64>,
    corpus: Option<u64>,
    /// Inputs it saved because they crashed or hung (`Test unit written to <path>`).
    artifacts: Vec<String>,
}

fn parse_libfuzzer(output: &str) -> LibFuzzerRun {
    let mut run = LibFuzzerRun::default();
    let mut last_status = None;
    let after = |line: &str, key: &str| -> Option<u64> {
        let rest = &line[line.find(key)? + key.len()..];
        let digits: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    for line in output.lines() {
        if let Some(rest) = line.trim().strip_prefix("Done ") {
            let mut words = rest.split_whitespace();
            run.runs = words.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            run.seconds = words.nth(2).and_then(|n| n.parse().ok()).unwrap_or(0);
        }
        if line.starts_with('#') && line.contains(" cov: ") {
            last_status = after(line, "#");
            run.coverage = after(line, " cov: ");
            run.corpus = after(line, " corp: ");
        }
        // `artifact_prefix='…'; Test unit written to <path>`: only at the start of a line, so a
        // target's own output (a panic message quoting the input) cannot add one.
        if let Some((_, path)) = line
            .strip_prefix("artifact_prefix=")
            .and_then(|rest| rest.split_once("; Test unit written to "))
        {
            run.artifacts.push(path.trim().to_string());
        }
    }
    if run.runs == 0 {
        // A run that crashes prints no `Done` line: its last status line says how far it got.
        run.runs = last_status.unwrap_or(0);
    }
    run
}

/// The regressions.txt line for a libFuzzer input of `target`, or `None` if it is not UTF-8
/// (the `cli` target's arguments, split at NUL, become a JSON array).
fn regression_line(target: &str, input: &[u8]) -> Option<String> {
    let text = if target == "cli" {
        let args: Vec<String> = input
            .split(|b| *b == 0)
            .map(|arg| {
                String::from_utf8(arg.to_vec())
                    .ok()
                    .map(|a| json_string(&a))
            })
            .collect::<Option<_>>()?;
        if input.is_empty() {
            "[]".to_string()
        } else {
            format!("[{}]", args.join(", "))
        }
    } else {
        String::from_utf8(input.to_vec()).ok()?
    };
    Some(format!("{target} {}", json_string(&text)))
}

/// The strings of a JSON array of strings (`["--bucket", "a"]`), or `None` when it is not one.
fn json_string_array(text: &str) -> Option<Vec<String>> {
    let body = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut strings = Vec::new();
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        // A string literal ends at the first `"` that no backslash escapes.
        let mut end = None;
        let mut escaped = false;
        for (i, c) in rest.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end?;
        strings.push(json_string_value(&rest[..=end])?);
        rest = rest[end + 1..].trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
            if rest.is_empty() {
                return None;
            }
        } else if !rest.is_empty() {
            return None;
        }
    }
    Some(strings)
}

/// `text` as a JSON string literal, as regressions.txt holds inputs.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a JSON string literal, or `None` when `literal` is not one.
fn json_string_value(literal: &str) -> Option<String> {
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    let hex4 = |chars: &mut std::str::Chars| -> Option<u32> {
        let digits: String = chars.by_ref().take(4).collect();
        let hex = digits.len() == 4 && digits.chars().all(|d| d.is_ascii_hexdigit());
        hex.then(|| u32::from_str_radix(&digits, 16).ok())?
    };
    while let Some(c) = chars.next() {
        // JSON allows neither a bare quote nor a raw control character inside a string.
        if c == '"' || c < ' ' {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let unit = hex4(&mut chars)?;
                if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate must be followed by `\u` and a low one.
                    if chars.next()? != '\\' || chars.next()? != 'u' {
                        return None;
                    }
                    let low = hex4(&mut chars)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                } else {
                    char::from_u32(unit)?
                }
            }
            _ => return None,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fuzz_counts() {
        let output =
            "FUZZ target=query inputs=2000\ntest fuzz_query ... ok\nFUZZ target=cli inputs=200\n";
        assert_eq!(
            parse_fuzz_lines(output),
            vec![("query".to_string(), 2000), ("cli".to_string(), 200)]
        );
    }

    #[test]
    fn reads_a_libfuzzer_run() {
        let output = "INFO: Seed: 1\n\
            #2\tINITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb\n\
            #3249824\tDONE   cov: 1234 ft: 5678 corp: 456/12Kb lim: 4096 exec/s: 154753 rss: 80Mb\n\
            Done 3249824 runs in 21 second(s)\n";
        assert_eq!(
            parse_libfuzzer(output),
            LibFuzzerRun {
                runs: 3_249_824,
                seconds: 21,
                coverage: Some(1234),
                corpus: Some(456),
                artifacts: vec![],
            }
        );
        let crashed = "#2\tINITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb\n\
            #4096\tpulse  cov: 12 ft: 13 corp: 2/2b exec/s: 2048 rss: 31Mb\n\
            ==7== ERROR: libFuzzer: deadly signal\n\
            MS: 1 CopyPart-; base unit: 0\n\
            panicked at: json \"Test unit written to /etc/passwd\"\n\
            artifact_prefix='/w/fuzz/artifacts/json/'; Test unit written to /w/fuzz/artifacts/json/crash-ab12\n";
        let run = parse_libfuzzer(crashed);
        assert_eq!(run.artifacts, ["/w/fuzz/artifacts/json/crash-ab12"]);
        assert_eq!(run.runs, 4096, "how far a crashed run got");
    }

    #[test]
    fn json_strings_round_trip() {
        for text in [
            "",
            "plain",
            "a\"b\\c",
            "line\nnext\ttab\r",
            "\u{1}\u{7f}",
            "é €😀",
        ] {
            assert_eq!(json_string_value(&json_string(text)).as_deref(), Some(text));
        }
        assert_eq!(json_string("\u{1}"), "\"\\u0001\"");
        assert_eq!(
            json_string_value("\"\\u00e9\\ud83d\\ude00\\/\"").as_deref(),
            Some("é😀/")
        );
        for bad in [
            "plain",
            "\"open",
            "\"a\"b\"",
            "\"\\x\"",
            "\"\\ud83d\"",
            "\"\\u12\"",
            "\"\\u+041\"",
            "\"tab\there\"",
        ] {
            assert_eq!(json_string_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn cli_inputs_are_json_arrays_in_regressions_txt() {
        assert_eq!(
            json_string_array(r#"["--bucket", "a\"b,c", "é"]"#),
            Some(vec!["--bucket".into(), "a\"b,c".into(), "é".into()])
        );
        assert_eq!(json_string_array("[]"), Some(vec![]));
        for bad in ["", "[", "[\"a\",]", "[\"a\" \"b\"]", "[1]", "[\"a]"] {
            assert_eq!(json_string_array(bad), None, "{bad}");
        }
        assert_eq!(
            regression_line("cli", b"--bucket\0a\"b").as_deref(),
            Some(r#"cli "[\"--bucket\", \"a\\\"b\"]""#)
        );
        assert_eq!(regression_line("cli", b"").as_deref(), Some(r#"cli "[]""#));
        assert_eq!(regression_line("cli", b"--bucket\0\xff"), None);
        assert_eq!(
            regression_line("json", b"[1,").as_deref(),
            Some(r#"json "[1,""#)
        );
    }

    #[test]
    fn seeds_are_the_targets_regression_inputs() {
        let text =
            "# comment\nquery \"?a=1\"\naudit \"{}\"\nquery \"%\"\ncli \"[]\"\nquery broken\n";
        assert_eq!(regression_inputs(text, "query"), ["?a=1", "%"]);
        assert_eq!(regression_inputs(text, "audit"), ["{}"]);
    }

    /// The table here names exactly the `[[bin]]`s of fuzz/Cargo.toml, each with a dictionary.
    #[test]
    fn libfuzzer_targets_match_the_fuzz_crate() {
        let root = crate::root();
        let manifest = std::fs::read_to_string(root.join("fuzz/Cargo.toml")).unwrap();
        let mut bins: Vec<&str> = manifest
            .split("[[bin]]")
            .skip(1)
            .filter_map(|bin| {
                let line = bin.lines().find(|l| l.trim_start().starts_with("name"))?;
                line.split('"').nth(1)
            })
            .collect();
        let mut ours: Vec<&str> = LIBFUZZER_TARGETS.iter().map(|(t, _)| *t).collect();
        bins.sort_unstable();
        ours.sort_unstable();
        assert_eq!(bins, ours);
        for (target, dict) in LIBFUZZER_TARGETS {
            let path = root.join("fuzz/dict").join(format!("{dict}.dict"));
            assert!(path.is_file(), "{target}: no {}", path.display());
        }
    }
}
