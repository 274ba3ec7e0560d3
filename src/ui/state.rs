//! The user's choices and the actions that change them (Yew's `function_todomvc` pattern).

use crate::policy::{Options, Preset};
use std::rc::Rc;
use yew::Reducible;

/// What the user can do to the options.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetBucket(String),
    SetAllowDelete(bool),
    SetVersioning(bool),
    SetNoncurrentDays(Option<u32>),
    ApplyPreset(Preset),
}

/// The root state: only the user's choices, never anything derived from them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub options: Options,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut options = self.options.clone();
        match action {
            Action::SetBucket(bucket) => options.bucket = bucket,
            Action::SetAllowDelete(on) => options.allow_delete = on,
            Action::SetVersioning(on) => options.versioning = on,
            Action::SetNoncurrentDays(days) => options.noncurrent_days = days,
            Action::ApplyPreset(preset) => {
                options = Options::from_preset(preset, &options.bucket);
            }
        }
        // INVARIANT: an action that changes nothing returns the same Rc, so nothing re-renders.
        if options == self.options {
            self
        } else {
            Rc::new(State { options })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = Rc::new(State::default());
        let same = state.clone().reduce(Action::SetBucket(String::new()));
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn typing_a_bucket_changes_only_the_bucket() {
        let state = Rc::new(State::default());
        let next = state.clone().reduce(Action::SetBucket("my-backups".into()));
        assert_eq!(next.options.bucket, "my-backups");
        assert_eq!(next.options.allow_delete, state.options.allow_delete);
    }

    #[test]
    fn a_preset_keeps_the_bucket() {
        let state = Rc::new(State::default()).reduce(Action::SetBucket("site-backups".into()));
        let next = state.reduce(Action::ApplyPreset(Preset::FaqStandard));
        assert_eq!(next.options, Options::from_preset(Preset::FaqStandard, "site-backups"));
    }
}
