//! Interaction latency of the page in headless Chromium, for `cargo xtask bench` (not a test layer).
//!
//! Mounts the App, lets it sit idle for a second (as it does while a person reads it), then changes
//! options 100 times (the cold start, timed apart) and 1,000 times more
//! (typing a bucket name, toggling delete, clicking the presets). Each change is timed with
//! `performance.now()` from dispatching the event to after `yew::scheduler::flush()` and reading the
//! rendered policy JSON. The figures are printed as
//! `BENCH <name> p50=… p99=… max=… n=…` lines; the tests assert only that the page showed the right
//! policy after every change, never a time.
#![cfg(target_arch = "wasm32")]

#[path = "support/bench.rs"]
mod bench;
#[path = "support/browser.rs"]
mod support;

use s3_policy_playground::policy::{Options, Preset};
use s3_policy_playground::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const CHANGES: usize = 1_000;
/// Changes made before the timed ones, timed apart as `interaction_cold_ms`: the first use of each
/// code path pays for the browser compiling its wasm (V8 compiles functions lazily, then again
/// optimised once they are hot), which is a cost of the first clicks, not of every click.
const WARM_UP: usize = 100;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap()
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

fn policy_text(root: &Element) -> String {
    find(root, "policy-json").text_content().unwrap_or_default()
}

fn report(name: &str, values: Vec<f64>) {
    // wasm32's stdout goes nowhere: the runner shows console lines with `--nocapture`.
    console_log!("{}", bench::bench_line(name, values));
}

/// Mounts a fresh App with no options in the URL; returns the root and the milliseconds to its first render.
async fn mount() -> (Element, f64) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let start = now();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let rendered = policy_text(&root);
    let elapsed = now() - start;
    assert!(
        !rendered.is_empty(),
        "the first render shows the policy box"
    );
    (root, elapsed)
}

/// One change a person makes, and what it does to the options the page holds.
enum Change {
    Type(String),
    ToggleDelete,
    Preset(Preset),
}

impl Change {
    fn nth(i: usize) -> Change {
        match i % 5 {
            0 => Change::Type(format!("bench-{i}")),
            1 => Change::ToggleDelete,
            2 => Change::Preset(Preset::FaqStandard),
            3 => Change::Preset(Preset::Hardened),
            _ => Change::Preset(Preset::FaqSecure),
        }
    }

    /// Starts the change in the DOM (the timed part begins just before this).
    /// A short name for the per-kind figures.
    fn kind(&self) -> &'static str {
        match self {
            Change::Type(_) => "type_bucket",
            Change::ToggleDelete => "toggle_delete",
            Change::Preset(Preset::FaqStandard) => "preset_faq_standard",
            Change::Preset(Preset::FaqSecure) => "preset_faq_secure",
            Change::Preset(Preset::Hardened) => "preset_hardened",
        }
    }

    fn dispatch(&self, root: &Element) {
        match self {
            Change::Type(text) => {
                let input: HtmlInputElement = find(root, "bucket-name").dyn_into().unwrap();
                input.set_value(text);
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
                input.dispatch_event(&event).unwrap();
            }
            Change::ToggleDelete => click(root, "allow-delete"),
            Change::Preset(preset) => click(root, &format!("preset-{}", preset.id())),
        }
    }

    /// The page's options after this change (a preset keeps the names a person typed).
    fn apply(&self, options: &mut Options) {
        match self {
            Change::Type(text) => options.bucket = text.clone(),
            Change::ToggleDelete => options.allow_delete = !options.allow_delete,
            Change::Preset(preset) => {
                options.allow_delete = Options::from_preset(*preset, "").allow_delete
            }
        }
    }
}

/// The entry of `kind` in a list kept in the order kinds first appear, added empty if new.
fn of_kind<'a, T: Default>(list: &'a mut Vec<(&'static str, T)>, kind: &'static str) -> &'a mut T {
    let index = match list.iter().position(|(k, _)| *k == kind) {
        Some(index) => index,
        None => {
            list.push((kind, T::default()));
            list.len() - 1
        }
    };
    &mut list[index].1
}

/// With the `phases` feature (`cargo xtask bench`'s extra run): per kind of change, the mean
/// milliseconds of each `ui::phases` phase and of the page's other DOM calls, and the mean number
/// of DOM calls and of component renders, printed as `PHASES <kind> derive=… views=… patches=…
/// dom=… calls=… renders=… total=… n=…` lines. The rest of `total` is Yew's diff, its scheduler
/// and component machinery, the reducer and effects, and this harness's dispatch and read.
///
/// Also `BENCH floor_ms` lines (overall and per kind): each change's derivation, code block
/// patches and other DOM calls added up. A renderer with no cost of its own would still pay them
/// to show the same outputs with the same DOM calls.
#[cfg(feature = "phases")]
mod phases {
    use s3_policy_playground::ui::phases::{take, PHASES};
    use wasm_bindgen::JsValue;

    // `report` names the three phases of `ui::phases::Phase`, in its order.
    const _: () = assert!(PHASES == 3);

    /// Wraps the DOM's mutating methods and setters in timers (`tests/support/dom_timer.js`).
    pub fn install_dom_timer() {
        js_sys::Function::new_no_args(include_str!("support/dom_timer.js"))
            .call0(&JsValue::UNDEFINED)
            .expect("the DOM timer installs");
    }

    /// The DOM timer's milliseconds and calls so far (outside the code blocks' patches).
    pub fn dom_so_far() -> (f64, f64) {
        let timer = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__pgDomTimer"))
            .expect("the DOM timer is installed");
        let field = |name: &str| {
            js_sys::Reflect::get(&timer, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_f64())
                .expect("the DOM timer counts")
        };
        (field("ms"), field("calls"))
    }

    #[derive(Default)]
    pub struct Tally {
        kinds: Vec<(&'static str, Sums)>,
        floors: Vec<(&'static str, Vec<f64>)>,
        all_floors: Vec<f64>,
    }

    /// One kind's phases, DOM time, DOM calls, renders and changes' time summed, and how many.
    #[derive(Default)]
    struct Sums {
        phases: [f64; PHASES],
        dom: f64,
        calls: f64,
        renders: f64,
        total: f64,
        n: u32,
    }

    impl Tally {
        /// Takes the phases of the change just made, given its time and its DOM calls' time and
        /// count; counts them if `timed`.
        pub fn add(&mut self, timed: bool, kind: &'static str, elapsed: f64, dom: (f64, f64)) {
            let sample = take();
            if !timed {
                return;
            }
            let sums = super::of_kind(&mut self.kinds, kind);
            for (sum, phase) in sums.phases.iter_mut().zip(sample.ms) {
                *sum += phase;
            }
            sums.dom += dom.0;
            sums.calls += dom.1;
            sums.renders += f64::from(sample.renders);
            sums.total += elapsed;
            sums.n += 1;
            let [derive, _, patches] = sample.ms;
            let floor = derive + patches + dom.0;
            super::of_kind(&mut self.floors, kind).push(floor);
            self.all_floors.push(floor);
        }

        pub fn report(self) {
            for (kind, sums) in &self.kinds {
                let mean = |x: f64| x / f64::from(sums.n);
                wasm_bindgen_test::console_log!(
                    "PHASES {kind} derive={:.4} views={:.4} patches={:.4} dom={:.4} calls={:.1} \
                     renders={:.1} total={:.4} n={}",
                    mean(sums.phases[0]),
                    mean(sums.phases[1]),
                    mean(sums.phases[2]),
                    mean(sums.dom),
                    mean(sums.calls),
                    mean(sums.renders),
                    mean(sums.total),
                    sums.n
                );
            }
            super::report("floor_ms", self.all_floors);
            for (kind, list) in self.floors {
                super::report(&format!("floor_{kind}_ms"), list);
            }
        }
    }
}

fn click(root: &Element, testid: &str) {
    let element: HtmlElement = find(root, testid).dyn_into().unwrap();
    element.click();
}

#[wasm_bindgen_test]
async fn interaction_latency() {
    let (root, first_render) = mount().await;
    report("first_render_ms", vec![first_render]);
    // A person reads the page for a moment before the first click. (In that second V8 finishes
    // optimising what the first render ran; deriving every preset in idle callbacks on top of it
    // made no measurable difference to the cold figures, so the page does not.)
    support::sleep(1_000).await;
    let mut options = Options::default();
    let mut cold = Vec::with_capacity(WARM_UP);
    let mut times = Vec::with_capacity(CHANGES);
    let mut by_kind: Vec<(&'static str, Vec<f64>)> = Vec::new();
    #[cfg(feature = "phases")]
    let mut phase_tally = {
        phases::install_dom_timer();
        phases::Tally::default()
    };
    for i in 0..WARM_UP + CHANGES {
        let change = Change::nth(i);
        let start = now();
        change.dispatch(&root);
        // The harness's own DOM calls (the input's value) end here; the page's begin.
        #[cfg(feature = "phases")]
        let dom_before = phases::dom_so_far();
        yew::scheduler::flush().await;
        let json = policy_text(&root);
        let elapsed = now() - start;
        #[cfg(feature = "phases")]
        phase_tally.add(i >= WARM_UP, change.kind(), elapsed, {
            let dom_after = phases::dom_so_far();
            (dom_after.0 - dom_before.0, dom_after.1 - dom_before.1)
        });
        if i < WARM_UP {
            cold.push(elapsed);
        } else {
            times.push(elapsed);
            of_kind(&mut by_kind, change.kind()).push(elapsed);
        }

        change.apply(&mut options);
        let bucket_arn = format!("\"arn:aws:s3:::{}/*\"", options.bucket);
        assert!(
            json.contains(&bucket_arn),
            "change {i}: {bucket_arn} missing"
        );
        assert_eq!(
            json.contains("\"s3:DeleteObject\""),
            options.allow_delete,
            "change {i}: delete should be {}",
            options.allow_delete
        );
    }
    #[cfg(feature = "phases")]
    phase_tally.report();
    report("interaction_cold_ms", cold);
    report("interaction_ms", times);
    for (kind, list) in by_kind {
        report(&format!("interaction_{kind}_ms"), list);
    }
}

/// The floor of this harness: a one-button counter, timed exactly like the page, so the page's
/// figures can be read against what Yew and headless Chromium cost for the smallest render.
#[yew::function_component(FloorCounter)]
fn floor_counter() -> yew::Html {
    let count = yew::use_state(|| 0_u32);
    let onclick = {
        let count = count.clone();
        yew::Callback::from(move |_: yew::MouseEvent| count.set(*count + 1))
    };
    yew::html! {
        <div>
            <button data-testid="floor-button" {onclick}>{ "+1" }</button>
            <p data-testid="floor-count">{ *count }</p>
        </div>
    }
}

#[wasm_bindgen_test]
async fn harness_floor_with_a_counter() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<FloorCounter>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let button: HtmlElement = find(&root, "floor-button").dyn_into().unwrap();
    let mut times = Vec::with_capacity(CHANGES);
    for i in 1..=CHANGES {
        let start = now();
        button.click();
        yew::scheduler::flush().await;
        let shown = find(&root, "floor-count")
            .text_content()
            .unwrap_or_default();
        times.push(now() - start);
        assert_eq!(shown, i.to_string());
    }
    report("floor_counter_ms", times);
}

/// What the page derives per change (every output and the threat table, as `ui::app` does), in
/// wasm, per preset: the part of a change's time that is the core's, not Yew's or the DOM's.
#[wasm_bindgen_test]
fn derivation_per_change() {
    use s3_policy_playground::policy::{derive_with_spec, threats};
    for preset in Preset::ALL {
        let options = Options::from_preset(preset, "site-backups");
        let mut times = Vec::with_capacity(200);
        for _ in 0..200 {
            let start = now();
            let (derived, spec) = derive_with_spec(&options);
            let table = spec
                .zip(derived.outputs.as_ref())
                .and_then(|(spec, outputs)| threats::for_outputs(&spec, outputs).ok());
            times.push(now() - start);
            assert!(table.is_some_and(|t| !t.rows.is_empty()));
        }
        report(
            &format!("derive_{}_ms", preset.id().replace('-', "_")),
            times,
        );
    }
}
