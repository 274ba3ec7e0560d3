//! The options: presets, names, toggles and the lifecycle rule. Emits domain actions only.

use super::fields::{CheckField, DaysField, SelectField, TextField};
use super::state::{Action, Number, Text, Toggle};
use crate::policy::spec::{MAX_NEWER_NONCURRENT_VERSIONS, MAX_RETENTION_DAYS};
use crate::policy::{Field, ObjectLockMode, Options, Partition, Preset, Problem};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OptionsFormProps {
    pub options: Options,
    /// Problems with the options, shown next to their fields.
    pub problems: Vec<Problem>,
    pub ondispatch: Callback<Action>,
}

fn problem_for(problems: &[Problem], field: Field) -> Option<String> {
    let messages: Vec<&str> = problems
        .iter()
        .filter(|p| p.field == field)
        .map(|p| p.message.as_str())
        .collect();
    (!messages.is_empty()).then(|| messages.join("; "))
}

fn lock_choices() -> Vec<(String, String)> {
    let mut choices = vec![("off".to_string(), "Off".to_string())];
    choices.extend(
        ObjectLockMode::ALL
            .iter()
            .map(|m| (m.id().to_string(), format!("{} mode", m.label()))),
    );
    choices
}

fn region_choices(partition: Partition) -> Vec<(String, String)> {
    // Not the exports' Region: a KMS key or the bucket name may give one, and the
    // `exports-default-region` warning says when they fall back to the partition's first.
    let mut choices = vec![(String::new(), "Not set (choose in the console)".to_string())];
    choices.extend(
        partition
            .regions()
            .iter()
            .map(|r| (r.to_string(), r.to_string())),
    );
    choices
}

/// Every handler the form hands its fields, made once from the dispatch callback: a field whose
/// callback is new on each render would re-render on every change of any option.
struct Handlers {
    presets: Vec<(Preset, Callback<MouseEvent>)>,
    text: Vec<(Text, Callback<String>)>,
    toggle: Vec<(Toggle, Callback<bool>)>,
    number: Vec<(Number, Callback<Option<u32>>)>,
    object_lock: Callback<String>,
    partition: Callback<String>,
}

impl Handlers {
    fn new(d: &Callback<Action>) -> Handlers {
        use Number as N;
        use Text as T;
        use Toggle as G;
        Handlers {
            presets: Preset::ALL
                .into_iter()
                .map(|p| (p, d.reform(move |_: MouseEvent| Action::ApplyPreset(p))))
                .collect(),
            text: [
                T::Bucket,
                T::Prefix,
                T::UserName,
                T::PolicyName,
                T::KmsKeyArn,
                T::Region,
            ]
            .into_iter()
            .map(|f| (f, d.reform(move |v: String| Action::SetText(f, v))))
            .collect(),
            toggle: [
                G::Versioning,
                G::AllowDelete,
                G::AclActions,
                G::CreateBucket,
                G::PutRetention,
                G::TlsOnly,
                G::RemoveExpiredDeleteMarkers,
            ]
            .into_iter()
            .map(|t| (t, d.reform(move |on: bool| Action::SetToggle(t, on))))
            .collect(),
            number: [
                N::NoncurrentDays,
                N::NewerNoncurrentVersions,
                N::ExpirationDays,
                N::AbortMultipartDays,
                N::RetentionDays,
            ]
            .into_iter()
            .map(|n| (n, d.reform(move |v: Option<u32>| Action::SetNumber(n, v))))
            .collect(),
            object_lock: d.reform(|v: String| Action::SetObjectLock(ObjectLockMode::from_id(&v))),
            partition: d.reform(|v: String| {
                Action::SetPartition(Partition::from_id(&v).unwrap_or_default())
            }),
        }
    }
}

/// The handler for `key` in one of [`Handlers`]' tables (a no-op if it were missing).
fn handler<K: PartialEq, T: 'static>(table: &[(K, Callback<T>)], key: K) -> Callback<T> {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, callback)| callback.clone())
        .unwrap_or_else(|| Callback::from(|_| ()))
}

#[function_component(OptionsForm)]
pub fn options_form(props: &OptionsFormProps) -> Html {
    let _span = super::phases::span(super::phases::Phase::Views);
    let o = &props.options;
    let p = &props.problems;
    let handlers = use_memo(props.ondispatch.clone(), Handlers::new);
    let lock_choices = use_memo((), |_| lock_choices());
    let partition_choices = use_memo((), |_| {
        Partition::ALL
            .iter()
            .map(|p| (p.id().to_string(), p.label().to_string()))
            .collect::<Vec<_>>()
    });
    let region_choices = use_memo(o.partition, |partition| region_choices(*partition));
    let text = |field: Text| handler(&handlers.text, field);
    let toggle = |t: Toggle| handler(&handlers.toggle, t);
    let number = |n: Number| handler(&handlers.number, n);
    let current = o.matching_preset();

    html! {
        <form class="pg-options" aria-labelledby="options-heading" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            // A heading of its own, so heading navigation reaches the options before the outputs' headings.
            <h2 id="options-heading" class="pg-offscreen">{ "Options" }</h2>
            <fieldset class="pg-options__group pg-presets">
                <legend>{ "Start from a preset" }</legend>
                { for Preset::ALL.into_iter().map(|preset| {
                    let onclick = handler(&handlers.presets, preset);
                    let pressed = current == Some(preset);
                    html! {
                        <div class={classes!("pg-presets__item", pressed.then_some("is-active"))}>
                            <button type="button" class="pg-presets__button"
                                data-testid={format!("preset-{}", preset.id())}
                                aria-pressed={pressed.to_string()}
                                aria-describedby={format!("preset-{}-about", preset.id())} {onclick}>
                                { preset.label() }
                            </button>
                            <p id={format!("preset-{}-about", preset.id())} class="pg-presets__about">
                                { preset.description() }
                            </p>
                        </div>
                    }
                }) }
            </fieldset>
            <fieldset class="pg-options__group">
                <legend>{ "Bucket" }</legend>
                <TextField id="bucket-name" label="Bucket name" placeholder="example-site-backups"
                    hint="As in the plugin's \u{201c}S3 location\u{201d} field: a bucket name, or bucket/path."
                    value={o.bucket.clone()} problem={problem_for(p, Field::Bucket)}
                    onchange={text(Text::Bucket)} />
                <TextField id="prefix" label="Path inside the bucket (optional)" placeholder="backups/site1"
                    value={o.prefix.clone()} problem={problem_for(p, Field::Prefix)}
                    onchange={text(Text::Prefix)} />
                <CheckField id="versioning" label="Turn on Bucket Versioning"
                    hint="An overwritten backup keeps its previous version."
                    checked={o.versioning} onchange={toggle(Toggle::Versioning)} />
                <CheckField id="create-bucket" label="Let the backup tool create the bucket"
                    checked={o.create_bucket} onchange={toggle(Toggle::CreateBucket)} />
            </fieldset>
            <fieldset class="pg-options__group">
                <legend>{ "What the key may do" }</legend>
                <CheckField id="allow-delete" label="Allow delete (s3:DeleteObject, s3:DeleteObjectVersion)"
                    checked={o.allow_delete} onchange={toggle(Toggle::AllowDelete)} />
                <CheckField id="acl-actions" label="Allow object ACL actions (s3:GetObjectAcl, s3:PutObjectAcl…)"
                    checked={o.acl_actions} onchange={toggle(Toggle::AclActions)} />
                <TextField id="user-name" label="IAM user name" value={o.user_name.clone()}
                    problem={problem_for(p, Field::UserName)} onchange={text(Text::UserName)} />
                <TextField id="policy-name" label="Policy name" value={o.policy_name.clone()}
                    problem={problem_for(p, Field::PolicyName)} onchange={text(Text::PolicyName)} />
            </fieldset>
            <fieldset class="pg-options__group">
                <legend>{ "Lifecycle rule" }</legend>
                <DaysField id="lifecycle-days" label="Delete old versions after (days)"
                    hint="Days after a backup is overwritten or deleted. Empty: keep old versions forever."
                    value={o.noncurrent_days} problem={problem_for(p, Field::NoncurrentDays)}
                    onchange={number(Number::NoncurrentDays)} />
                <DaysField id="keep-versions" label="Old versions to keep per file, whatever their age"
                    hint="UpdraftPlus never reuses a file name, so each file has at most one old version: any number here keeps it, and so every deleted backup, forever."
                    value={o.newer_noncurrent_versions} max={MAX_NEWER_NONCURRENT_VERSIONS}
                    problem={problem_for(p, Field::NewerNoncurrentVersions)}
                    onchange={number(Number::NewerNoncurrentVersions)} />
                <DaysField id="expire-days" label="Expire backups after (days)"
                    hint="Instead of the plugin's \u{201c}retain this many\u{201d}, which needs delete permission: counts days, not backups. With versioning, an expired backup stays restorable for the old-version days above."
                    value={o.expiration_days} problem={problem_for(p, Field::ExpirationDays)}
                    onchange={number(Number::ExpirationDays)} />
                <DaysField id="abort-days" label="Abort incomplete uploads after (days)"
                    value={o.abort_multipart_days} problem={problem_for(p, Field::AbortMultipartDays)}
                    onchange={number(Number::AbortMultipartDays)} />
                <CheckField id="remove-markers" label="Remove expired delete markers"
                    hint="Cleans up the marker S3 leaves once every version of a deleted file is gone. \u{201c}Expire backups after\u{201d}, when set, already does this."
                    checked={o.remove_expired_delete_markers}
                    problem={problem_for(p, Field::RemoveExpiredDeleteMarkers)}
                    onchange={toggle(Toggle::RemoveExpiredDeleteMarkers)} />
            </fieldset>
            <fieldset class="pg-options__group">
                <legend>{ "Hardening beyond the FAQ" }</legend>
                <SelectField id="object-lock" label="Object Lock"
                    hint="Locked versions cannot be deleted before their retention ends (in Governance mode, users with s3:BypassGovernanceRetention still can). A bucket cannot turn Object Lock off again."
                    choices={lock_choices.clone()} value={o.object_lock.map(|m| m.id()).unwrap_or("off")}
                    problem={problem_for(p, Field::ObjectLock)}
                    onchange={handlers.object_lock.clone()} />
                if o.object_lock.is_some() {
                    <DaysField id="retention-days" label="Default retention (days)" required=true max={MAX_RETENTION_DAYS}
                        value={o.retention_days} problem={problem_for(p, Field::RetentionDays)}
                        onchange={number(Number::RetentionDays)} />
                }
                // Also shown while it is on without Object Lock (a link can say so), so its
                // problem sits next to the box that fixes it.
                if o.object_lock.is_some() || o.put_retention {
                    <CheckField id="put-retention"
                        label="The backup tool sets retention itself (s3:PutObjectRetention)"
                        hint="UpdraftPlus does not; leave this off for it."
                        problem={problem_for(p, Field::PutRetention)}
                        checked={o.put_retention} onchange={toggle(Toggle::PutRetention)} />
                }
                <TextField id="kms-key" label="SSE-KMS key ARN (optional)"
                    placeholder="arn:aws:kms:eu-west-1:111122223333:key/…"
                    value={o.kms_key_arn.clone()} problem={problem_for(p, Field::KmsKeyArn)}
                    onchange={text(Text::KmsKeyArn)} />
                <CheckField id="tls-only" label="Bucket policy: deny requests without TLS"
                    checked={o.tls_only} onchange={toggle(Toggle::TlsOnly)} />
                <SelectField id="partition" label="AWS partition"
                    choices={partition_choices.clone()} value={o.partition.id()}
                    onchange={handlers.partition.clone()} />
                <SelectField id="region" label="Bucket Region"
                    choices={region_choices.clone()} value={o.region.clone()}
                    problem={problem_for(p, Field::Region)} onchange={text(Text::Region)} />
            </fieldset>
        </form>
    }
}
