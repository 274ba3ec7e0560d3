//! The built page's cost per change in headless Chromium, for `cargo xtask bench --part page` (not a
//! test layer).
//!
//! `tests/bench_browser.rs` times Yew's work in a bare test page. This times the real thing: the
//! built `dist/` with its stylesheets, served with the strict CSP, at 1280×900. For 100 cold and
//! 1,000 timed changes (typing a bucket name, toggling delete, clicking the presets), each started
//! after the previous frame was drawn, it measures
//! - `page_dom_ms`: from dispatching the event to the page's DOM showing the change (Yew renders in
//!   a microtask, and splits a render longer than 16 ms across tasks);
//! - `page_layout_ms`: the style and layout the browser then has to do before it can paint, forced
//!   and timed right away (`getBoundingClientRect`);
//! - `page_work_ms`: the two together, the main-thread work a change costs before its frame.
//!
//!
//! It also loads the page afresh 10 times and reads, from navigation start, `page_first_paint_ms`
//! (first contentful paint: the prerendered page, before the wasm has run) and
//! `page_interactive_ms` (the `pg-live` mark the app sets once hydrated and accepting input).
//!
//! The figures are printed as `BENCH <name> p50=… p99=… max=… n=…` lines; the test asserts only
//! that every change showed the right policy, never a time.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/bench.rs"]
mod bench;
#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::Session;

const WARM_UP: usize = 100;
/// Fresh loads of the page for the load figures.
const LOADS: usize = 10;
const CHANGES: usize = 1_000;
/// Changes per WebDriver script call, well inside its 30 s script timeout.
const BATCH: usize = 100;

/// Runs `arguments[0]` changes from number `arguments[1]`; returns `[dom, layout, ok]` per change.
const SCRIPT: &str = r#"
const [count, first, done] = arguments;
const q = (id) => document.querySelector(`[data-testid=${id}]`);
const drawn = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
(async () => {
  const rows = [];
  for (let i = first; i < first + count; i++) {
    await drawn();
    const start = performance.now();
    switch (i % 5) {
      case 0: {
        const input = q('bucket-name');
        input.value = `bench-page-${i}`;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        break;
      }
      case 1: q('allow-delete').click(); break;
      case 2: q('preset-faq-standard').click(); break;
      case 3: q('preset-hardened').click(); break;
      default: q('preset-faq-secure').click();
    }
    // Yew renders in a microtask, and hands a long render back to the event loop every 16 ms
    // (`setTimeout`): wait until the page shows this change, however it got there.
    const bucket = `bench-page-${i - (i % 5)}`;
    const shows = () => {
      const json = q('policy-json').textContent;
      return json.includes(`arn:aws:s3:::${bucket}/*`)
        && json.includes('"s3:DeleteObject"') === q('allow-delete').checked;
    };
    await Promise.resolve();
    let ok = shows();
    for (let tries = 0; !ok && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 0));
      ok = shows();
    }
    const updated = performance.now();
    document.documentElement.getBoundingClientRect();
    const laidOut = performance.now();
    rows.push([updated - start, laidOut - updated, ok]);
  }
  done(rows);
})();
"#;

fn report(name: &str, values: Vec<f64>) {
    println!("{}", bench::bench_line(name, values));
}

#[tokio::test(flavor = "multi_thread")]
async fn page_cost_per_change() {
    let csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    let s = Session::start(&[("Content-Security-Policy", csp)], 1280, 900)
        .await
        .expect("chromium started");
    let mut rows: Vec<(f64, f64, bool)> = Vec::new();
    let mut loads: Vec<(f64, f64)> = Vec::new();
    let run: Result<(), harness::Error> = async {
        for _ in 0..LOADS {
            s.open("/?bucket=bench-page-0").await?;
            let timings = s
                .client
                .execute(
                    "const paint = performance.getEntriesByName('first-contentful-paint')[0];
                     const live = performance.getEntriesByName('pg-live')[0];
                     return [paint ? paint.startTime : null, live ? live.startTime : null];",
                    vec![],
                )
                .await?;
            let at = |i: usize| timings.get(i).and_then(|t| t.as_f64()).unwrap_or(f64::NAN);
            loads.push((at(0), at(1)));
        }
        let mut first = 0;
        while first < WARM_UP + CHANGES {
            let batch = s
                .client
                .execute_async(SCRIPT, vec![BATCH.into(), first.into()])
                .await?;
            for row in batch.as_array().into_iter().flatten() {
                let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
                rows.push((
                    cell(0).as_f64().unwrap_or(f64::NAN),
                    cell(1).as_f64().unwrap_or(f64::NAN),
                    cell(2).as_bool().unwrap_or(false),
                ));
            }
            first += BATCH;
        }
        Ok(())
    }
    .await;
    s.close().await.expect("the browser closed");
    run.expect("the changes ran");
    assert_eq!(rows.len(), WARM_UP + CHANGES, "every change was timed");
    for (paint, live) in &loads {
        assert!(
            paint.is_finite(),
            "Chromium reported no first contentful paint"
        );
        assert!(live.is_finite(), "the app set no `pg-live` mark");
    }
    report("page_first_paint_ms", loads.iter().map(|l| l.0).collect());
    report("page_interactive_ms", loads.iter().map(|l| l.1).collect());
    for (i, row) in rows.iter().enumerate() {
        assert!(row.2, "change {i}: the page showed a wrong policy");
    }
    let (cold, timed) = rows.split_at(WARM_UP);
    report(
        "page_cold_work_ms",
        cold.iter().map(|r| r.0 + r.1).collect(),
    );
    report("page_dom_ms", timed.iter().map(|r| r.0).collect());
    report("page_layout_ms", timed.iter().map(|r| r.1).collect());
    report("page_work_ms", timed.iter().map(|r| r.0 + r.1).collect());
}
