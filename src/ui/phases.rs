//! Where a change's time goes, for `cargo xtask bench` only (the `phases` feature): the core's
//! derivation, the components' view functions and the code blocks' patches, and how many
//! components rendered. The rest of a change is Yew's diff, the DOM calls, the scheduler, the
//! reducer and effects, and the bench's own dispatch and read; the bench times the DOM calls
//! itself (`tests/support/dom_timer.js`), and a patch's DOM calls count as the patch's.
//!
//! Without the feature a span is an empty value and the page carries none of this. With it, each
//! span adds the milliseconds between its start and its drop to its phase, less the time of the
//! spans inside it (the derivation runs inside the root's view function).

/// A part of a change that has its own span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// `derive_all`: every output, the texts for Copy, the threat table.
    Derive,
    /// The body of a component's function: building the virtual DOM it returns.
    Views,
    /// `code_view`'s patches of the code blocks' lines.
    Patches,
}

/// How many phases there are: the length of [`take`]'s array.
pub const PHASES: usize = 3;

impl Phase {
    fn index(self) -> usize {
        match self {
            Phase::Derive => 0,
            Phase::Views => 1,
            Phase::Patches => 2,
        }
    }
}

/// What the spans measured since the last [`Ledger::take`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sample {
    /// Each phase's milliseconds, in [`Phase`] order, exclusive of the spans nested in it.
    pub ms: [f64; PHASES],
    /// How many component functions ran (spans of [`Phase::Views`] opened).
    pub renders: u32,
}

/// The open spans and each phase's time so far, exclusive of the spans nested in it. Pure, so
/// the accounting is tested without a browser.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Each open span: its phase, its start and the time of the spans nested in it.
    open: Vec<(Phase, f64, f64)>,
    sample: Sample,
}

impl Ledger {
    pub fn enter(&mut self, phase: Phase, now: f64) {
        if phase == Phase::Views {
            self.sample.renders += 1;
        }
        self.open.push((phase, now, 0.0));
    }

    /// Closes the innermost span at `now`.
    pub fn leave(&mut self, now: f64) {
        let Some((phase, start, nested)) = self.open.pop() else {
            return;
        };
        let elapsed = (now - start).max(0.0);
        self.sample.ms[phase.index()] += (elapsed - nested).max(0.0);
        if let Some(outer) = self.open.last_mut() {
            outer.2 += elapsed;
        }
    }

    /// What was measured since the last `take`; starts again at zero.
    pub fn take(&mut self) -> Sample {
        std::mem::take(&mut self.sample)
    }
}

#[cfg(feature = "phases")]
mod imp {
    use super::{Ledger, Phase, Sample};
    use std::cell::RefCell;

    thread_local! {
        static LEDGER: RefCell<Ledger> = RefCell::new(Ledger::default());
        /// Looked up once: `window().performance()` on every call cost more than what it timed.
        #[cfg(target_arch = "wasm32")]
        static PERFORMANCE: Option<web_sys::Performance> =
            web_sys::window().and_then(|w| w.performance());
    }

    /// Milliseconds on the page's clock; natively (server-side rendering) no time is taken.
    fn now() -> f64 {
        #[cfg(target_arch = "wasm32")]
        {
            PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            0.0
        }
    }

    /// Tells the bench's DOM timer, where it is installed, that a patch's DOM calls are starting
    /// or have ended: they count as the patch's time, not again as the DOM's.
    fn dom_timer_counts_patch(inside: bool) {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsValue;
            let timer = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__pgDomTimer"));
            if let Some(timer) = timer.ok().filter(JsValue::is_object) {
                let depth = JsValue::from_f64(if inside { 1.0 } else { 0.0 });
                let _ = js_sys::Reflect::set(&timer, &JsValue::from_str("depth"), &depth);
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = inside;
    }

    /// An open span of a phase; dropping it closes it.
    #[must_use]
    pub struct Span(Phase);

    pub fn span(phase: Phase) -> Span {
        if phase == Phase::Patches {
            dom_timer_counts_patch(true);
        }
        LEDGER.with(|l| l.borrow_mut().enter(phase, now()));
        Span(phase)
    }

    impl Drop for Span {
        fn drop(&mut self) {
            LEDGER.with(|l| l.borrow_mut().leave(now()));
            if self.0 == Phase::Patches {
                dom_timer_counts_patch(false);
            }
        }
    }

    /// What was measured since the last call.
    pub fn take() -> Sample {
        LEDGER.with(|l| l.borrow_mut().take())
    }
}

#[cfg(not(feature = "phases"))]
mod imp {
    use super::Phase;

    /// Nothing: without the `phases` feature no time is taken.
    #[must_use]
    pub struct Span(());

    #[inline(always)]
    pub fn span(_: Phase) -> Span {
        Span(())
    }
}

pub use imp::*;

#[cfg(test)]
mod tests {
    use super::{Ledger, Phase, Sample};

    #[test]
    fn nested_spans_count_once_in_their_own_phase() {
        let mut ledger = Ledger::default();
        ledger.enter(Phase::Views, 0.0);
        ledger.enter(Phase::Derive, 1.0);
        ledger.leave(4.0);
        ledger.leave(5.0);
        ledger.enter(Phase::Patches, 10.0);
        ledger.leave(12.5);
        ledger.enter(Phase::Views, 13.0);
        ledger.leave(13.5);
        assert_eq!(
            ledger.take(),
            Sample {
                ms: [3.0, 2.5, 2.5],
                renders: 2
            }
        );
        assert_eq!(ledger.take(), Sample::default(), "take starts again");
    }

    #[test]
    fn sibling_spans_add_up_and_a_stray_leave_is_harmless() {
        let mut ledger = Ledger::default();
        ledger.leave(1.0);
        for start in [0.0, 2.0, 4.0] {
            ledger.enter(Phase::Views, start);
            ledger.leave(start + 0.5);
        }
        assert_eq!(ledger.take().ms, [0.0, 1.5, 0.0]);
    }
}
