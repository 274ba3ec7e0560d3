//! Native speed of the policy core: `derive()` per preset, what the page derives per change
//! (`derive` and the threat table), and each output format the CLI prints.
//!
//! `cargo xtask bench` runs this with `--output-format bencher` and reports the mean per call.
//! The bucket name is the same for every preset so the figures compare.

use criterion::{criterion_group, criterion_main, Criterion};
use s3_policy_playground::policy::query::{from_query, to_query};
use s3_policy_playground::policy::{derive, derive_with_spec, threats, Options, Outputs, Preset};
use std::hint::black_box;
use std::time::Duration;

const BUCKET: &str = "site-backups";

fn outputs(preset: Preset) -> Outputs {
    derive(&Options::from_preset(preset, BUCKET))
        .outputs
        .expect("every preset with a valid bucket derives outputs")
}

fn core(c: &mut Criterion) {
    for preset in Preset::ALL {
        let options = Options::from_preset(preset, BUCKET);
        let id = preset.id();
        c.bench_function(&format!("derive/{id}"), |b| {
            b.iter(|| derive(black_box(&options)))
        });
        // What the page does per change: every output, then the threat table of that policy.
        c.bench_function(&format!("page/{id}"), |b| {
            b.iter(|| {
                let (derived, spec) = derive_with_spec(black_box(&options));
                let table = spec
                    .zip(derived.outputs.as_ref())
                    .map(|(spec, outputs)| threats::for_outputs(&spec, outputs));
                (derived, table)
            })
        });
        let out = outputs(preset);
        // What `s3-policy --format F [--json]` does after `derive`: the policy is already a string.
        c.bench_function(&format!("format/{id}/steps"), |b| {
            b.iter(|| black_box(&out).steps_text())
        });
        c.bench_function(&format!("format/{id}/steps-json"), |b| {
            b.iter(|| serde_json::to_string_pretty(&black_box(&out).steps))
        });
        c.bench_function(&format!("format/{id}/warnings"), |b| {
            b.iter(|| black_box(&out).warnings_text())
        });
        c.bench_function(&format!("format/{id}/warnings-json"), |b| {
            b.iter(|| serde_json::to_string_pretty(&black_box(&out).warnings))
        });
        // The page's URL state both ways, which runs on every change too.
        let query = to_query(&options, false);
        c.bench_function(&format!("query/{id}/round-trip"), |b| {
            b.iter(|| from_query(&to_query(black_box(&options), false)))
        });
        black_box(query);
    }
}

criterion_group! {
    name = benches;
    // Short runs: the figures are for a report, and the whole bench must stay within a minute or two.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = core
}
criterion_main!(benches);
