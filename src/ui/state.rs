//! The user's choices and the actions that change them (Yew's `function_todomvc` pattern).

use crate::policy::partition::Partition;
use crate::policy::{ObjectLockMode, Options, Preset};
use std::rc::Rc;
use yew::Reducible;

/// A yes/no option of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toggle {
    Versioning,
    AllowDelete,
    AclActions,
    CreateBucket,
    PutRetention,
    TlsOnly,
    RemoveExpiredDeleteMarkers,
}

/// A number-of-days (or count) option of the lifecycle rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    NoncurrentDays,
    NewerNoncurrentVersions,
    ExpirationDays,
    AbortMultipartDays,
    RetentionDays,
}

/// A free-text option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Bucket,
    Prefix,
    UserName,
    PolicyName,
    KmsKeyArn,
    Region,
}

/// What the user can do to the options.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetText(Text, String),
    SetToggle(Toggle, bool),
    SetNumber(Number, Option<u32>),
    SetObjectLock(Option<ObjectLockMode>),
    SetPartition(Partition),
    ApplyPreset(Preset),
    /// Back/Forward: the options a URL held, applied without writing history again.
    Restore(Options),
}

/// How the last change should enter the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryEntry {
    /// A discrete choice (toggle, preset): a new entry, so Back undoes it.
    Push,
    /// Typing: the current entry is updated, so Back does not step through keystrokes.
    Replace,
    /// Came from the history itself: leave it alone.
    None,
}

/// The root state: the user's choices and how the last one enters history; nothing derived.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub options: Options,
    pub history: HistoryEntry,
}

impl State {
    pub fn new(options: Options) -> State {
        State {
            options,
            history: HistoryEntry::None,
        }
    }
}

impl Default for State {
    fn default() -> State {
        State::new(Options::default())
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut options = self.options.clone();
        let mut history = HistoryEntry::Push;
        match action {
            Action::SetText(field, value) => {
                history = HistoryEntry::Replace;
                let slot = match field {
                    Text::Bucket => &mut options.bucket,
                    Text::Prefix => &mut options.prefix,
                    Text::UserName => &mut options.user_name,
                    Text::PolicyName => &mut options.policy_name,
                    Text::KmsKeyArn => &mut options.kms_key_arn,
                    Text::Region => &mut options.region,
                };
                *slot = value;
            }
            Action::SetToggle(toggle, on) => {
                let slot = match toggle {
                    Toggle::Versioning => &mut options.versioning,
                    Toggle::AllowDelete => &mut options.allow_delete,
                    Toggle::AclActions => &mut options.acl_actions,
                    Toggle::CreateBucket => &mut options.create_bucket,
                    Toggle::PutRetention => &mut options.put_retention,
                    Toggle::TlsOnly => &mut options.tls_only,
                    Toggle::RemoveExpiredDeleteMarkers => {
                        &mut options.remove_expired_delete_markers
                    }
                };
                *slot = on;
            }
            Action::SetNumber(number, value) => {
                history = HistoryEntry::Replace;
                let slot = match number {
                    Number::NoncurrentDays => &mut options.noncurrent_days,
                    Number::NewerNoncurrentVersions => &mut options.newer_noncurrent_versions,
                    Number::ExpirationDays => &mut options.expiration_days,
                    Number::AbortMultipartDays => &mut options.abort_multipart_days,
                    Number::RetentionDays => &mut options.retention_days,
                };
                *slot = value;
            }
            Action::SetObjectLock(mode) => options.object_lock = mode,
            Action::SetPartition(partition) => {
                options.partition = partition;
                // A Region of another partition is never right: start the choice again.
                if partition.region(&options.region).is_none() {
                    options.region.clear();
                }
            }
            Action::ApplyPreset(preset) => {
                // A preset sets every choice but the names and places a person typed
                // (the same fields `Options::matching_preset` ignores).
                options = Options {
                    bucket: options.bucket,
                    prefix: options.prefix,
                    user_name: options.user_name,
                    policy_name: options.policy_name,
                    partition: options.partition,
                    region: options.region,
                    ..Options::from_preset(preset, "")
                };
            }
            Action::Restore(restored) => {
                options = restored;
                history = HistoryEntry::None;
            }
        }
        // INVARIANT: an action that changes nothing returns the same Rc, so nothing re-renders.
        if options == self.options {
            self
        } else {
            Rc::new(State { options, history })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = Rc::new(State::default());
        let same = state
            .clone()
            .reduce(Action::SetText(Text::Bucket, String::new()));
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn typing_changes_only_its_field_and_replaces_history() {
        let state = Rc::new(State::default());
        let next = state
            .clone()
            .reduce(Action::SetText(Text::Bucket, "my-backups".into()));
        assert_eq!(next.options.bucket, "my-backups");
        assert_eq!(next.options.allow_delete, state.options.allow_delete);
        assert_eq!(next.history, HistoryEntry::Replace);
    }

    #[test]
    fn a_toggle_pushes_history() {
        let next = Rc::new(State::default()).reduce(Action::SetToggle(Toggle::AllowDelete, true));
        assert!(next.options.allow_delete);
        assert_eq!(next.history, HistoryEntry::Push);
    }

    #[test]
    fn a_preset_keeps_the_names() {
        let state = Rc::new(State::default())
            .reduce(Action::SetText(Text::Bucket, "site-backups".into()))
            .reduce(Action::SetText(Text::UserName, "wp-bot".into()));
        let next = state.reduce(Action::ApplyPreset(Preset::FaqStandard));
        let mut expected = Options::from_preset(Preset::FaqStandard, "site-backups");
        expected.user_name = "wp-bot".into();
        assert_eq!(next.options, expected);
    }

    #[test]
    fn restoring_from_history_does_not_write_history() {
        let options = Options::from_preset(Preset::Hardened, "a-bucket");
        let next = Rc::new(State::default()).reduce(Action::Restore(options.clone()));
        assert_eq!(next.options, options);
        assert_eq!(next.history, HistoryEntry::None);
    }
}
