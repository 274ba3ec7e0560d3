//! `cargo xtask`: the one entry point for setting up, building, serving, testing and benchmarking.
//!
//! Everything the README and CI run goes through here, so a fresh machine needs nothing but
//! `cargo`: missing tools are installed (idempotently, with progress lines) by [`toolchain`].

mod bench;
mod build;
mod cmd;
mod fuzz;
mod test;
mod toolchain;
mod validators;
mod wasm_size;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command> [options]

commands:
  setup                       find or install everything the other commands need
  build [--public-url URL]    write a static, size-tuned site to dist/ (default public URL `./`,
        [--dist DIR]          so dist/ works from any sub-path)
  serve [--address A]         build and serve with live reload (default 127.0.0.1:8080)
        [--port P]
  test  [--layer L]...        run every test layer (lint, native, browser, e2e), or the named ones
  bench [--part P]...         measure size, browser latency, core speed and Lighthouse against the
        [--runs N]            targets (or the named parts); report in target/bench/report.md;
                              the latency target is judged on the median of N browser runs (3)
  fuzz  [--cases N]           run the fuzz targets (proptest) with N inputs each (default 200,000)
  fuzz  --engine libfuzzer    coverage-guided, with cargo-fuzz on a nightly toolchain: each target
        [--seconds S]         (or the named ones: query, bucket, prefix, audit, json, cli) for S
        [--target T]...       seconds (default 60); the corpus grows in fuzz/corpus/
  help                        this text

environment:
  S3PP_WASM_ROUTE=rustup|debian   force how the wasm32 standard library is found
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{HELP}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "setup" => toolchain::setup().map(|_| ()),
        "build" => build::build_command(rest),
        "serve" => build::serve_command(rest),
        "test" => test::test_command(rest),
        "bench" => bench::bench_command(rest),
        "fuzz" => fuzz::fuzz_command(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`: run `cargo xtask help`")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `--name value` pairs from `args`, failing on anything it does not know.
pub fn parse_flags<'a>(
    args: &'a [String],
    known: &[&str],
) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut out = Vec::new();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        if !known.contains(&flag.as_str()) {
            return Err(format!(
                "unknown option `{flag}`: expected one of {}",
                known.join(", ")
            ));
        }
        let value = iter
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        out.push((flag.as_str(), value.as_str()));
    }
    Ok(out)
}

/// Reads repeated `--<flag> NAME` options naming some of `all` (every one when none is named),
/// as `test --layer` and `bench --part` take them.
pub fn choose<'a>(args: &'a [String], flag: &str, all: &[&'a str]) -> Result<Vec<&'a str>, String> {
    choose_from(&parse_flags(args, &[flag])?, flag, all)
}

/// The value of the last `flag` among flags already read (a later one overrides an earlier one).
pub fn last_value<'a>(flags: &[(&str, &'a str)], flag: &str) -> Option<&'a str> {
    flags
        .iter()
        .rev()
        .find(|(f, _)| *f == flag)
        .map(|(_, v)| *v)
}

/// [`choose`] over flags already read, where a command takes other flags too.
pub fn choose_from<'a>(
    flags: &[(&str, &'a str)],
    flag: &str,
    all: &[&'a str],
) -> Result<Vec<&'a str>, String> {
    let mut chosen: Vec<&str> = Vec::new();
    for &(_, name) in flags.iter().filter(|(f, _)| *f == flag) {
        if !all.contains(&name) {
            return Err(format!(
                "unknown {} `{name}`: use one of {}",
                flag.trim_start_matches('-'),
                all.join(", ")
            ));
        }
        chosen.push(name);
    }
    Ok(if chosen.is_empty() {
        all.to_vec()
    } else {
        chosen
    })
}

/// The workspace root (the folder holding the top-level `Cargo.toml`).
pub fn root() -> std::path::PathBuf {
    let manifest = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or(manifest)
}
