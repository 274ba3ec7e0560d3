//! Where a change's time goes, for `cargo xtask bench` only (the `phases` feature): the core's
//! derivation, the components' view functions and the code blocks' patches. The rest of a
//! change is Yew's diff, the DOM calls, the scheduler, the reducer and effects, and the bench's
//! own dispatch and read.
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

/// The open spans and each phase's time so far, exclusive of the spans nested in it. Pure, so
/// the accounting is tested without a browser.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Each open span: its phase, its start and the time of the spans nested in it.
    open: Vec<(Phase, f64, f64)>,
    totals: [f64; PHASES],
}

impl Ledger {
    pub fn enter(&mut self, phase: Phase, now: f64) {
        self.open.push((phase, now, 0.0));
    }

    /// Closes the innermost span at `now`.
    pub fn leave(&mut self, now: f64) {
        let Some((phase, start, nested)) = self.open.pop() else {
            return;
        };
        let elapsed = (now - start).max(0.0);
        self.totals[phase.index()] += (elapsed - nested).max(0.0);
        if let Some(outer) = self.open.last_mut() {
            outer.2 += elapsed;
        }
    }

    /// Each phase's milliseconds since the last `take`, in [`Phase`] order; starts again at zero.
    pub fn take(&mut self) -> [f64; PHASES] {
        std::mem::take(&mut self.totals)
    }
}

#[cfg(feature = "phases")]
mod imp {
    use super::{Ledger, Phase, PHASES};
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

    /// An open span of a phase; dropping it closes it.
    #[must_use]
    pub struct Span(());

    pub fn span(phase: Phase) -> Span {
        LEDGER.with(|l| l.borrow_mut().enter(phase, now()));
        Span(())
    }

    impl Drop for Span {
        fn drop(&mut self) {
            LEDGER.with(|l| l.borrow_mut().leave(now()));
        }
    }

    /// Each phase's milliseconds since the last call, in [`Phase`] order.
    pub fn take() -> [f64; PHASES] {
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
    use super::{Ledger, Phase};

    #[test]
    fn nested_spans_count_once_in_their_own_phase() {
        let mut ledger = Ledger::default();
        ledger.enter(Phase::Views, 0.0);
        ledger.enter(Phase::Derive, 1.0);
        ledger.leave(4.0);
        ledger.leave(5.0);
        ledger.enter(Phase::Patches, 10.0);
        ledger.leave(12.5);
        assert_eq!(ledger.take(), [3.0, 2.0, 2.5]);
        assert_eq!(ledger.take(), [0.0, 0.0, 0.0], "take starts again");
    }

    #[test]
    fn sibling_spans_add_up_and_a_stray_leave_is_harmless() {
        let mut ledger = Ledger::default();
        ledger.leave(1.0);
        for start in [0.0, 2.0, 4.0] {
            ledger.enter(Phase::Views, start);
            ledger.leave(start + 0.5);
        }
        assert_eq!(ledger.take(), [0.0, 1.5, 0.0]);
    }
}
