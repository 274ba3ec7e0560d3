//! The one summary line the bench targets print and `cargo xtask bench` reads.

/// Percentile `p` (0–100) of sorted `values`, nearest rank.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// `BENCH <name> p50=… p99=… max=… n=…` for the timings `values`, in milliseconds.
pub fn bench_line(name: &str, mut values: Vec<f64>) -> String {
    values.sort_by(f64::total_cmp);
    format!(
        "BENCH {name} p50={:.3} p99={:.3} max={:.3} n={}",
        percentile(&values, 50.0),
        percentile(&values, 99.0),
        values.last().copied().unwrap_or_default(),
        values.len()
    )
}
