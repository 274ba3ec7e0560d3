//! Audit mode: reads any pasted IAM policy, reports what is wrong or risky in it, and runs the stolen-key threat
//! table on it for the named bucket.
//!
//! ```
//! use s3_policy_playground::policy::audit::audit;
//! use s3_policy_playground::policy::Severity;
//!
//! let report = audit(r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::mybucket/*"}]}"#, "mybucket");
//! let ids: Vec<&str> = report.findings.iter().map(|f| f.id).collect();
//! assert_eq!(ids, ["missing-version", "unknown-action"]);
//! assert!(report.findings[1].message.contains("did you mean `s3:GetObject`"));
//! assert!(!report.threats.is_empty());
//!
//! let broken = audit("{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}", "mybucket");
//! assert_eq!(broken.error.as_ref().and_then(|e| e.line), Some(3));
//! assert_eq!(broken.findings[0].severity, Severity::Danger);
//! ```

use crate::policy::eval::s3_actions::{s3_action, S3ActionInfo, S3_ACTIONS};
use crate::policy::eval::{
    action_matches, evaluate, set_by_requester, ActionSpec, Decision, Effect, Outcome, ParseError,
    PolicyDocument, Request, ResourceSpec, VERSION_2012,
};
use crate::policy::iam::counted_chars;
use crate::policy::json;
use crate::policy::threats::{
    attacker_context, residual_risk, threats, Threat, ThreatContext, OTHER_BUCKET,
};
use crate::policy::Severity;

/// IAM's limit for an inline policy attached to a user.
///
/// AWS: "User policy size cannot exceed 2,048 characters" and "Managed policy size cannot exceed 6,144 characters";
/// "IAM does not count white space when calculating the size of a policy against these limits"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
pub const INLINE_USER_POLICY_LIMIT: usize = 2_048;
/// Stands for the bucket in a suggested ARN while no bucket is named.
const BUCKET_PLACEHOLDER: &str = "BUCKET";

/// IAM's limit for a customer managed policy (see [`INLINE_USER_POLICY_LIMIT`]).
pub const MANAGED_POLICY_LIMIT: usize = 6_144;

/// One thing the audit found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable id (`unknown-action`), for tests and `data-testid`s.
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong and what to do: lowercase, no final full stop, policy text in backticks.
    pub message: String,
    /// Where: `Statement[1].Action`, or empty for the whole policy.
    pub path: String,
}

/// Everything the audit says about a pasted policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    /// The parsed policy, when the text is one.
    pub policy: Option<PolicyDocument>,
    /// Why the text is not a policy (with line and column for JSON syntax errors).
    pub error: Option<ParseError>,
    /// The findings, most severe first, then in policy order.
    pub findings: Vec<Finding>,
    /// The size IAM counts (characters that are not white space), when the text is JSON.
    pub size: Option<usize>,
    /// The stolen-key threat table for the named bucket (empty when the policy does not parse).
    pub threats: Vec<Threat>,
    /// The threat table's residual-risk paragraph (empty when the policy does not parse).
    pub residual_risk: String,
}

/// Audits `text` as an IAM user policy for `bucket` (which may be `bucket/prefix`), assuming the worst about the
/// bucket: no versioning, no lifecycle rule.
///
/// AWS: "IAM policies are stored in AWS as JSON documents"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#access_policies-json>).
pub fn audit(text: &str, bucket: &str) -> AuditReport {
    let (name, prefix) = bucket.split_once('/').unwrap_or((bucket, ""));
    audit_with(text, &ThreatContext::new(name, prefix))
}

/// Audits `text` with the bucket's real settings (versioning, lifecycle rule) for the threat table.
pub fn audit_with(text: &str, ctx: &ThreatContext) -> AuditReport {
    // One parse for both the size (IAM counts the minified text) and the policy.
    let value = json::parse(text);
    let size = value.as_ref().ok().map(|v| counted_chars(&v.to_string()));
    let parsed = value
        .map_err(ParseError::from)
        .and_then(|v| PolicyDocument::from_json(&v));
    let policy = match parsed {
        Ok(p) => p,
        Err(error) => {
            return AuditReport {
                policy: None,
                findings: vec![Finding {
                    id: "not-a-policy",
                    severity: Severity::Danger,
                    message: error.to_string(),
                    path: error.path.clone(),
                }],
                error: Some(error),
                size,
                threats: Vec::new(),
                residual_risk: String::new(),
            }
        }
    };
    let mut findings = Vec::new();
    check_version(&policy, &mut findings);
    if let Some(size) = size {
        check_size(size, &mut findings);
    }
    check_sids(&policy, &mut findings);
    // Without a bucket there is nothing to compare resources with, and no table to evaluate: the
    // checks that name the bucket use a placeholder, and one finding asks for it.
    let bucket = (!ctx.bucket.trim().is_empty()).then_some(ctx.bucket.as_str());
    let scope = Scope {
        policy: &policy,
        ctx,
        bucket,
        refused_elsewhere: std::cell::OnceCell::new(),
        harmful_here: std::cell::OnceCell::new(),
    };
    for (i, statement) in policy.statements.iter().enumerate() {
        check_statement(statement, &format!("Statement[{i}]"), &scope, &mut findings);
    }
    if bucket.is_none() {
        findings.push(finding(
            "no-bucket",
            Severity::Info,
            "",
            "no bucket is named: enter the backup bucket to check which buckets the policy reaches and to see what a stolen key could do".to_owned(),
        ));
    }
    // Most severe first; the sort is stable, so policy order is kept within a severity.
    findings.sort_by_key(|f| f.severity);
    let rows = match bucket {
        Some(_) => threats(&policy, ctx),
        None => Vec::new(),
    };
    let residual = match bucket {
        Some(_) => residual_risk(&rows, ctx),
        None => String::new(),
    };
    AuditReport {
        policy: Some(policy),
        error: None,
        findings,
        size,
        threats: rows,
        residual_risk: residual,
    }
}

fn finding(id: &'static str, severity: Severity, path: &str, message: String) -> Finding {
    Finding {
        id,
        severity,
        message,
        path: path.to_owned(),
    }
}

/// AWS: "If you do not include a Version element, the value defaults to 2008-10-17 ... policy variables ... are
/// treated as literal strings" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>).
fn check_version(policy: &PolicyDocument, out: &mut Vec<Finding>) {
    match policy.version.as_deref() {
        Some(VERSION_2012) => {}
        // IAM refuses such a managed policy ("A managed policy must have a version string", "Policy
        // document must be version 2012-10-17 or greater"), and the steps create a managed one.
        None => out.push(finding(
            "missing-version",
            Severity::Danger,
            "Version",
            "the policy has no `Version`: add `\"Version\": \"2012-10-17\"`, since IAM refuses a managed policy without it and reads policy variables such as `${aws:username}` in an inline one as plain text".to_owned(),
        )),
        Some("2008-10-17") => out.push(finding(
            "old-version",
            Severity::Danger,
            "Version",
            "`2008-10-17` is the old policy language: use `\"Version\": \"2012-10-17\"`, since IAM refuses the old one in a managed policy and reads policy variables in an inline one as plain text".to_owned(),
        )),
        Some(other) => out.push(finding(
            "bad-version",
            Severity::Danger,
            "Version",
            format!("`{other}` is not a policy language version and IAM rejects the policy: use `\"Version\": \"2012-10-17\"`"),
        )),
    }
}

fn check_size(size: usize, out: &mut Vec<Finding>) {
    if size > MANAGED_POLICY_LIMIT {
        out.push(finding(
            "too-big",
            Severity::Danger,
            "",
            format!("the policy has {size} characters (not counting white space) and IAM accepts at most {MANAGED_POLICY_LIMIT} in a managed policy: remove actions or statements"),
        ));
    } else if size > INLINE_USER_POLICY_LIMIT {
        out.push(finding(
            "too-big-inline",
            Severity::Info,
            "",
            format!("the policy has {size} characters (not counting white space): too many for an inline user policy ({INLINE_USER_POLICY_LIMIT}), so attach it as a managed policy (up to {MANAGED_POLICY_LIMIT})"),
        ));
    }
}

/// AWS: "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and
/// numbers (0-9)" and "In IAM, the Sid value must be unique within a JSON policy"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html>).
fn check_sids(policy: &PolicyDocument, out: &mut Vec<Finding>) {
    for (i, statement) in policy.statements.iter().enumerate() {
        let Some(sid) = &statement.sid else { continue };
        let path = format!("Statement[{i}].Sid");
        if !sid.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push(finding(
                "bad-sid",
                Severity::Danger,
                &path,
                format!("`{sid}` has characters IAM does not accept in a `Sid`, so IAM rejects the policy: use only the letters A to Z and a to z and the digits 0 to 9"),
            ));
        }
        let earlier = policy
            .statements
            .iter()
            .take(i)
            .any(|s| s.sid.as_deref() == Some(sid.as_str()));
        if earlier {
            out.push(finding(
                "duplicate-sid",
                Severity::Danger,
                &path,
                format!("another statement already has the `Sid` `{sid}`, and IAM rejects a policy whose `Sid`s repeat: give this statement another `Sid`, or remove it"),
            ));
        }
    }
}

/// What kind of S3 resource a `Resource` pattern names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `*`: anything.
    Any,
    /// A bucket ARN (`arn:aws:s3:::name`).
    Bucket,
    /// An object ARN (`arn:aws:s3:::name/key`).
    Object,
    /// `arn:aws:s3:::name*`-style patterns that cover buckets and objects.
    BucketOrObject,
    /// Anything else (access points, other services).
    Other,
}

/// The kind of a resource pattern and the bucket part of an S3 ARN.
fn classify(pattern: &str) -> (Kind, Option<&str>) {
    if pattern == "*" {
        return (Kind::Any, None);
    }
    let mut parts = pattern.splitn(6, ':');
    let (Some("arn"), Some(_), Some("s3"), Some(""), Some(""), Some(rest)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return (Kind::Other, None);
    };
    // The bucket ends at the first `/` outside a policy variable (`${aws:RequestTag/b}`).
    let mut depth = 0usize;
    let split = rest.char_indices().find(|&(i, c)| {
        match c {
            '{' if rest.get(..i).is_some_and(|before| before.ends_with('$')) => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ => {}
        }
        c == '/' && depth == 0
    });
    match split.and_then(|(i, _)| rest.get(..i)) {
        Some(bucket) => (Kind::Object, Some(bucket)),
        None if rest.ends_with('*') => (Kind::BucketOrObject, Some(rest)),
        None => (Kind::Bucket, Some(rest)),
    }
}

/// Whether a resource of `kind` can match an action on `types`. A bucket or object ARN
/// (`arn:aws:s3:::…`, no Region or account) never names an access point, a job or a Storage Lens
/// configuration: those ARNs have a Region and an account, and classify as `Other`.
fn fits(kind: Kind, types: &[&str]) -> bool {
    let takes = |t: &str| types.contains(&t);
    match kind {
        Kind::Any | Kind::Other => true,
        Kind::Bucket => takes("bucket"),
        Kind::Object => takes("object"),
        Kind::BucketOrObject => takes("bucket") || takes("object"),
    }
}

/// Whether a resource of `kind` can match an action on `types`, where an action that takes no
/// resource (`types` empty) is granted only with `"Resource": "*"`.
fn takes(kind: Kind, types: &[&str]) -> bool {
    if types.is_empty() {
        kind == Kind::Any
    } else {
        fits(kind, types)
    }
}

/// What a statement is checked against: the whole policy (whose `Deny`s may take back what a
/// statement grants), the bucket's settings and its name, if given.
struct Scope<'a> {
    policy: &'a PolicyDocument,
    ctx: &'a ThreatContext,
    bucket: Option<&'a str>,
    /// The S3 actions on buckets or objects the policy certainly refuses on another bucket,
    /// worked out once, when a finding first asks.
    refused_elsewhere: std::cell::OnceCell<Vec<&'static str>>,
    /// For each [`HARMFUL`] action on the backup bucket: whether the policy certainly refuses it,
    /// and whether it may let it through; worked out once, when a finding first asks.
    harmful_here: std::cell::OnceCell<Vec<(&'static str, bool, bool)>>,
}

impl Scope<'_> {
    /// Whether the policy certainly refuses the S3 action `name` (without `s3:`) on the backup
    /// bucket, or on an object in it, to a stolen key: a `Deny` matches it, with no condition the
    /// table cannot check. AWS's own pattern denies everything outside the bucket or the actions
    /// (reference_policies_examples_s3_deny-except-bucket.html).
    fn refused(&self, name: &str) -> bool {
        self.answers(name).0
    }

    /// Whether the policy may let a stolen key's `s3:{name}` through on the backup bucket: it
    /// allows it, or a condition the table cannot check decides it.
    fn may_allow(&self, name: &str) -> bool {
        self.answers(name).1
    }

    /// [`Scope::refused`] and [`Scope::may_allow`] for `name`, from the cache for the harmful ones.
    fn answers(&self, name: &str) -> (bool, bool) {
        let of = |name: &str| {
            self.decide(name).map_or((false, false), |d| {
                (
                    d.effect == Outcome::ExplicitDeny && !d.uncertain(),
                    d.is_allowed() || d.uncertain(),
                )
            })
        };
        let cached = self.harmful_here.get_or_init(|| {
            HARMFUL
                .into_iter()
                .map(|h| {
                    let (refused, may_allow) = of(h);
                    (h, refused, may_allow)
                })
                .collect()
        });
        cached
            .iter()
            .find(|(h, _, _)| h.eq_ignore_ascii_case(name))
            .map_or_else(|| of(name), |&(_, refused, may_allow)| (refused, may_allow))
    }

    /// The policy's decision on a stolen key's `s3:{name}` on the backup bucket, or an object in it.
    fn decide(&self, name: &str) -> Option<Decision> {
        let (Some(bucket), Some(info)) = (self.bucket, s3_action(&format!("s3:{name}"))) else {
            return None;
        };
        let key = format!("{}backup.zip", self.ctx.prefix);
        Some(self.decision(name, &self.resource(info, bucket, &key)))
    }

    /// What a request for `action` names: `*` for an action that takes no resource, the object
    /// `key` in `bucket`, or `bucket` itself.
    fn resource(&self, action: &S3ActionInfo, bucket: &str, key: &str) -> String {
        let p = &self.ctx.partition;
        if action.resource_types.is_empty() {
            "*".to_owned()
        } else if action.resource_types.contains(&"object") {
            format!("arn:{p}:s3:::{bucket}/{key}")
        } else {
            format!("arn:{p}:s3:::{bucket}")
        }
    }

    /// Whether a `Deny` of the policy certainly matches a stolen key's `s3:{name}` on `resource`.
    fn denies(&self, name: &str, resource: &str) -> bool {
        let decision = self.decision(name, resource);
        decision.effect == Outcome::ExplicitDeny && !decision.uncertain()
    }

    fn decision(&self, name: &str, resource: &str) -> Decision {
        let request =
            Request::new(&format!("s3:{name}"), resource).with_context(attacker_context());
        evaluate(&request, std::slice::from_ref(self.policy), None)
    }

    /// Whether the policy certainly refuses a stolen key every S3 action that `patterns` grant on
    /// buckets or objects, on another bucket and its objects.
    fn other_buckets_refused(&self, patterns: &[String]) -> bool {
        let denied_elsewhere =
            |a: &S3ActionInfo| self.denies(a.name, &self.resource(a, OTHER_BUCKET, "x"));
        let matched: Vec<&S3ActionInfo> = S3_ACTIONS
            .iter()
            .filter(|a| !a.resource_types.is_empty())
            .filter(|a| patterns.iter().any(|pattern| grants(pattern, a)))
            .collect();
        // Most policies have no such `Deny`: the first action answers, without the full list.
        match matched.first() {
            Some(first) if denied_elsewhere(first) => {}
            _ => return false,
        }
        let refused = self.refused_elsewhere.get_or_init(|| {
            S3_ACTIONS
                .iter()
                .filter(|a| !a.resource_types.is_empty() && denied_elsewhere(a))
                .map(|a| a.name)
                .collect()
        });
        matched.iter().all(|a| refused.contains(&a.name))
    }
}

fn check_statement(
    statement: &crate::policy::eval::Statement,
    path: &str,
    scope: &Scope,
    out: &mut Vec<Finding>,
) {
    let (ctx, bucket) = (scope.ctx, scope.bucket);
    let allow = statement.effect == Effect::Allow;
    if statement.principal.is_some() {
        out.push(finding(
            "principal-in-user-policy",
            Severity::Danger,
            path,
            "a user policy has no `Principal` or `NotPrincipal`, and IAM rejects one that does: remove it (it belongs in a bucket policy)".to_owned(),
        ));
    }
    check_operators(statement, path, out);
    // The resource kinds the statement's actions may apply to (`NotResource`: any).
    let kinds: Vec<Kind> = match &statement.resource {
        ResourceSpec::Resource(r) => r.iter().map(|r| classify(r).0).collect(),
        ResourceSpec::NotResource(_) => vec![Kind::Any],
    };
    // Actions.
    let (action_element, patterns) = match &statement.action {
        ActionSpec::Action(p) => ("Action", p),
        ActionSpec::NotAction(p) => ("NotAction", p),
    };
    let action_path = format!("{path}.{action_element}");
    if allow && matches!(statement.action, ActionSpec::NotAction(_)) {
        out.push(finding(
            "allow-not-action",
            Severity::Danger,
            &action_path,
            format!(
                "`NotAction` with `Allow` grants every action except {} that applies to {}: with `\"Resource\": \"*\"` that is every action of every AWS service; list the actions the backup tool needs in `Action` instead",
                list(patterns),
                match &statement.resource {
                    ResourceSpec::Resource(r) => list(r),
                    ResourceSpec::NotResource(r) => format!("any resource but {}", list(r)),
                }
            ),
        ));
    }
    for pattern in patterns {
        check_action(
            pattern,
            action_element == "Action",
            allow,
            &kinds,
            &action_path,
            scope,
            out,
        );
    }
    // Resources.
    let (resource_element, resources) = match &statement.resource {
        ResourceSpec::Resource(r) => ("Resource", r),
        ResourceSpec::NotResource(r) => ("NotResource", r),
    };
    let resource_path = format!("{path}.{resource_element}");
    if !allow {
        check_deny_resources(statement, &kinds, &resource_path, scope, out);
        return;
    }
    if resource_element == "NotResource" {
        out.push(finding(
            "allow-not-resource",
            Severity::Danger,
            &resource_path,
            format!("`NotResource` with `Allow` grants the actions on every resource except {}, in every bucket of the account: name the backup bucket in `Resource` instead", list(resources)),
        ));
        return;
    }
    let ActionSpec::Action(actions) = &statement.action else {
        return;
    };
    let concrete: Vec<(&String, &[&str])> = actions
        .iter()
        .filter(|a| !a.contains(['*', '?']))
        .filter_map(|a| s3_action(a).map(|info| (a, info.resource_types)))
        .collect();
    let wide: Vec<&String> = resources
        .iter()
        .filter(|r| {
            let (kind, bucket) = classify(r);
            kind == Kind::Any || bucket.is_some_and(every_bucket)
        })
        .collect();
    // An action that takes no resource is granted only by `"*"` (`Kind::Any` in `kinds`, worked out
    // above), never by an ARN pattern, so it is named only when the statement has `"*"`. Another
    // service's action (`other-service`) and a name S3 does not have (`unknown-action`) reach no
    // bucket, so they are not named, and the finding needs an action that acts on buckets or objects.
    let any_star = kinds.contains(&Kind::Any);
    let mut reached: Vec<String> = Vec::new();
    let mut on_buckets = false;
    for action in actions.iter().filter(|a| may_be_s3(a)) {
        let granted = granted_by(action);
        let acts_on_buckets = granted.iter().any(|info| !info.resource_types.is_empty());
        if any_star && !granted.is_empty() || acts_on_buckets {
            reached.push(action.clone());
        }
        on_buckets |= acts_on_buckets;
    }
    if !wide.is_empty() && on_buckets {
        let fix = format!(
            "name the backup bucket (`arn:{p}:s3:::{b}` and `arn:{p}:s3:::{b}/*`)",
            p = ctx.partition,
            b = bucket.unwrap_or(BUCKET_PLACEHOLDER)
        );
        out.push(if bucket.is_some() && scope.other_buckets_refused(&reached) {
            finding(
                "star-resource",
                Severity::Warning,
                &resource_path,
                format!("{} grants {} on every bucket in the account, and a `Deny` in this policy refuses them on other buckets as far as the table's requests show: {fix}, so the policy says so without relying on the `Deny`", list(&wide), list(&reached)),
            )
        } else {
            finding(
                "star-resource",
                Severity::Danger,
                &resource_path,
                format!("{} grants {} on every bucket in the account: {fix}", list(&wide), list(&reached)),
            )
        });
    }
    // `arn:aws:s3:::my-backups*` (no `/`): the wildcard is in the bucket name, so it matches
    // `my-backups-old` and every other bucket whose name starts so, and their objects.
    for r in resources {
        let (kind @ (Kind::Bucket | Kind::Object | Kind::BucketOrObject), Some(b)) = classify(r)
        else {
            continue;
        };
        // `${*}`, `${?}` and `${$}` are the literal characters, and a policy variable is its own finding.
        if every_bucket(b) || b.contains("${") || !b.contains(['*', '?']) {
            continue;
        }
        // A bucket ARN pattern without `*` (`arn:aws:s3:::?y-backups`) matches no object ARN.
        let objects = if kind == Kind::Bucket && !b.contains('*') {
            ""
        } else {
            ", and their objects"
        };
        let example = match b.strip_suffix('*') {
            Some(start) if !start.contains(['*', '?']) && !start.is_empty() => {
                let joint = if start.ends_with(['-', '.']) { "" } else { "-" };
                format!(" (such as `{start}{joint}old`)")
            }
            _ => String::new(),
        };
        out.push(finding(
            "bucket-wildcard",
            Severity::Danger,
            &resource_path,
            format!("`{r}` has a wildcard in the bucket name, so it reaches every bucket whose name matches `{b}`{example}{objects}; the table's other-bucket rows try an unrelated name and cannot show it: end the bucket name before any wildcard, as in `arn:{p}:s3:::{name}` and `arn:{p}:s3:::{name}/*`", p = ctx.partition, name = bucket.unwrap_or(BUCKET_PLACEHOLDER)),
        ));
    }
    for r in resources {
        let Some(bucket) = bucket else { break };
        if let (Kind::Bucket | Kind::Object, Some(b)) = classify(r) {
            if let Some(key) = bucket_variable(b) {
                // AWS: policy variables are replaced with "values from the request itself", so
                // the bucket is whichever the requester's name or tag makes it, and one the
                // sender sets (a request tag, the user agent) is the sender's to choose.
                let (severity, who) = if set_by_requester(key) {
                    (
                        Severity::Danger,
                        "the request itself chooses it, so a stolen key reaches any bucket",
                    )
                } else {
                    (
                        Severity::Info,
                        "it depends on who asks, and the table cannot tell",
                    )
                };
                out.push(finding(
                    "variable-bucket",
                    severity,
                    &resource_path,
                    format!("`{r}` names its bucket with the policy variable `${{{key}}}`: {who}; name the backup bucket (`arn:{p}:s3:::{bucket}`) unless the variable is meant", p = ctx.partition),
                ));
                continue;
            }
            if b != bucket && !b.contains(['*', '?']) {
                out.push(finding(
                    "other-bucket",
                    Severity::Warning,
                    &resource_path,
                    format!("`{r}` is in the bucket `{b}`, not `{bucket}`: a stolen key reaches it too; remove it unless the backup tool needs it"),
                ));
            }
        }
    }
    // `arn:aws:s3:::*`, as some AWS examples write it for `s3:ListAllMyBuckets`.
    let all_buckets = resources.iter().any(|r| classify(r).1 == Some("*"));
    // `kinds` (worked out above) are these resources' kinds: `NotResource` returned already.
    for (action, types) in concrete {
        if types.is_empty() {
            if !any_star {
                out.push(finding(
                    "wrong-resource-type",
                    Severity::Warning,
                    &resource_path,
                    format!("`{action}` takes no resource, so IAM grants it only with `\"Resource\": \"*\"`: move it to a statement of its own with `\"Resource\": \"*\"`{}", if all_buckets { ALL_BUCKETS_NOTE } else { "" }),
                ));
            }
            continue;
        }
        if !kinds.iter().any(|k| fits(*k, types)) {
            if !types.contains(&"bucket") && !types.contains(&"object") {
                let named: Vec<String> = types.iter().map(|t| format!("`{t}`")).collect();
                out.push(finding(
                    "wrong-resource-type",
                    Severity::Warning,
                    &resource_path,
                    format!(
                        "`{action}` acts on {} resources, not on buckets or objects, but `Resource` is {}, so it grants nothing: name such a resource's ARN, or remove the action if the backup tool does not need it",
                        named.join(" or "),
                        list(resources)
                    ),
                ));
                continue;
            }
            let wants_object = types.contains(&"object");
            let fix = arn_for(types, ctx, bucket).unwrap_or_default();
            out.push(finding(
                "wrong-resource-type",
                Severity::Warning,
                &resource_path,
                format!(
                    "`{action}` acts on {} but `Resource` is {}, so it grants nothing: use {fix}",
                    if wants_object { "objects" } else { "buckets" },
                    list(resources)
                ),
            ));
        }
    }
}

/// A `Deny` whose resources are of the wrong type for an action denies nothing: `s3:DeleteObject`
/// denied on the bucket ARN leaves every delete allowed, while its author believes them blocked.
fn check_deny_resources(
    statement: &crate::policy::eval::Statement,
    kinds: &[Kind],
    path: &str,
    scope: &Scope,
    out: &mut Vec<Finding>,
) {
    let (ctx, bucket) = (scope.ctx, scope.bucket);
    let (ActionSpec::Action(actions), ResourceSpec::Resource(resources)) =
        (&statement.action, &statement.resource)
    else {
        return;
    };
    // Only a `Deny` on the backup bucket is about the backups: the fix names that bucket.
    let Some(bucket_name) = bucket else { return };
    if !resources.iter().all(|r| classify(r).1 == Some(bucket_name)) {
        return;
    }
    for action in actions.iter().filter(|a| !a.contains(['*', '?'])) {
        let Some(info) = s3_action(action) else {
            continue;
        };
        if kinds.iter().any(|k| takes(*k, info.resource_types)) {
            continue;
        }
        let Some(fix) = arn_for(info.resource_types, ctx, bucket) else {
            continue;
        };
        out.push(finding(
            "deny-misses",
            Severity::Warning,
            path,
            format!(
                "this `Deny` names `{action}` on {}, a resource it does not act on, so it denies nothing and the action stays as allowed as the other statements make it: use {fix}",
                list(resources)
            ),
        ));
    }
    // A wildcard (`s3:Delete*` on the bucket ARN) denies the actions it matches on these resources
    // only: the harmful ones it matches but cannot reach here stay as allowed as before.
    for pattern in actions
        .iter()
        .filter(|a| a.contains(['*', '?']) && may_be_s3(a))
    {
        let missed: Vec<String> = HARMFUL
            .into_iter()
            .filter_map(|h| s3_action(&format!("s3:{h}")))
            .filter(|info| grants(pattern, info))
            .filter(|info| !kinds.iter().any(|k| takes(*k, info.resource_types)))
            // Those another statement denies anyway, or that nothing allows, are no loss.
            .filter(|info| scope.may_allow(info.name))
            .map(|info| format!("`s3:{}`", info.name))
            .collect();
        if missed.is_empty() {
            continue;
        }
        out.push(finding(
            "deny-misses",
            Severity::Warning,
            path,
            format!(
                "this `Deny` of `{pattern}` on {} reaches only the actions that act on such resources: {} {} as allowed as the other statements make {}; deny {} on the resource {} on (`arn:{}:s3:::{b}/*` for objects, `arn:{}:s3:::{b}` for the bucket)",
                list(resources),
                and_list(&missed),
                if missed.len() == 1 { "stays" } else { "stay" },
                if missed.len() == 1 { "it" } else { "them" },
                if missed.len() == 1 { "it" } else { "them" },
                if missed.len() == 1 { "it acts" } else { "they act" },
                ctx.partition,
                ctx.partition,
                b = bucket.unwrap_or(BUCKET_PLACEHOLDER)
            ),
        ));
    }
}

/// The resource an action on `types` takes, for a finding's fix: `"*"` for none, the backup
/// bucket's object or bucket ARN, or `None` for other resource types.
fn arn_for(types: &[&str], ctx: &ThreatContext, bucket: Option<&str>) -> Option<String> {
    let (p, b) = (&ctx.partition, bucket.unwrap_or(BUCKET_PLACEHOLDER));
    if types.is_empty() {
        Some("`\"*\"` (it takes no resource)".to_owned())
    } else if types.contains(&"object") {
        Some(format!("`arn:{p}:s3:::{b}/*` (an object ARN)"))
    } else if types.contains(&"bucket") {
        Some(format!("`arn:{p}:s3:::{b}` (the bucket ARN, without `/*`)"))
    } else {
        None
    }
}

/// The key of the first policy variable in a bucket name (`aws:username` in `${aws:username}`),
/// skipping `${*}`, `${?}` and `${$}`, which stand for the literal characters.
fn bucket_variable(bucket: &str) -> Option<&str> {
    bucket
        .split("${")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(key, _)| key))
        .find(|key| !matches!(*key, "*" | "?" | "$"))
}

/// Whether the bucket part of an ARN pattern matches every bucket: `*`, `**`…
fn every_bucket(bucket: &str) -> bool {
    !bucket.is_empty() && bucket.chars().all(|c| c == '*')
}

/// Whether the action pattern `pattern` (`s3:Get*`, `*`, a name) grants the S3 action `action`.
fn grants(pattern: &str, action: &S3ActionInfo) -> bool {
    action_matches(pattern, &format!("s3:{}", action.name))
}

/// The S3 actions an action pattern grants: the named one, or those a wildcard matches.
fn granted_by(pattern: &str) -> Vec<&'static S3ActionInfo> {
    if pattern.contains(['*', '?']) {
        S3_ACTIONS.iter().filter(|a| grants(pattern, a)).collect()
    } else {
        s3_action(pattern).into_iter().collect()
    }
}

/// The permission S3 checks for an API call people write as an action (`HeadBucket`).
fn api_call_permission(name: &str) -> Option<&'static str> {
    API_CALLS
        .iter()
        .find(|(call, _)| call.eq_ignore_ascii_case(name))
        .map(|&(_, permission)| permission)
}

/// Whether an action pattern may name an S3 action: `*`, a wildcard service, or `s3:…`.
fn may_be_s3(action: &str) -> bool {
    match action.split_once(':') {
        None => action == "*",
        Some((service, _)) => service.contains(['*', '?']) || service.eq_ignore_ascii_case("s3"),
    }
}

/// The items in backticks, separated by commas.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|i| format!("`{}`", i.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one action pattern against AWS's S3 action list.
///
/// AWS: "Actions defined by Amazon S3" (<https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html>).
fn check_action(
    pattern: &str,
    in_action: bool,
    allow: bool,
    kinds: &[Kind],
    path: &str,
    scope: &Scope,
    out: &mut Vec<Finding>,
) {
    // Patterns in `Action` of an `Allow` grant; in `NotAction` they exclude, so only their spelling is checked.
    let granted = in_action && allow;
    if pattern == "*" {
        if granted {
            out.push(finding(
                "star-action",
                Severity::Danger,
                path,
                "`*` grants every action of every AWS service: list the S3 actions the backup tool needs".to_owned(),
            ));
        }
        return;
    }
    let Some((service, name)) = pattern.split_once(':') else {
        // IAM: "Actions/Conditions must be prefaced by a vendor" (MalformedPolicyDocument).
        let fix = match api_call_permission(pattern) {
            Some(permission) => format!(
                "`{pattern}` is an S3 API call, which S3 authorizes with {permission}: write that"
            ),
            None => format!("write it as `s3:{pattern}`"),
        };
        out.push(finding(
            "unknown-action",
            Severity::Danger,
            path,
            format!("`{pattern}` has no service prefix, and IAM rejects the policy: {fix}"),
        ));
        return;
    };
    if service.contains(['*', '?']) {
        out.push(finding(
            "unknown-action",
            Severity::Warning,
            path,
            format!("`{pattern}` has a wildcard in its service prefix: name the service, as in `s3:{name}`"),
        ));
        return;
    }
    if !service.eq_ignore_ascii_case("s3") {
        if !in_action {
            return;
        }
        out.push(finding(
            "other-service",
            Severity::Info,
            path,
            format!("`{pattern}` is not an S3 action: the backup tool needs only S3, so remove it unless something else uses this key"),
        ));
        return;
    }
    if name.contains(['*', '?']) {
        let matched = granted_by(pattern);
        // What the statement's resources let the pattern grant.
        let covered: Vec<&str> = matched
            .iter()
            .filter(|a| kinds.iter().any(|k| takes(*k, a.resource_types)))
            .map(|a| a.name)
            .collect();
        if matched.is_empty() {
            out.push(finding(
                "unknown-action",
                Severity::Warning,
                path,
                format!("`{pattern}` matches no S3 action: check the spelling"),
            ));
        } else if granted && name == "*" {
            let harmful = harmful(&covered, scope);
            out.push(if harmful.is_empty() {
                finding(
                    "s3-star",
                    Severity::Warning,
                    path,
                    "`s3:*` grants every S3 action that applies to the statement's resources, and a `Deny` in this policy refuses the ones a stolen key could turn against your backups: listing the actions the backup tool needs says so without relying on it".to_owned(),
                )
            } else {
                finding(
                    "s3-star",
                    Severity::Danger,
                    path,
                    format!("`s3:*` grants every S3 action that applies to the statement's resources{}: list the actions the backup tool needs", including(&harmful.into_iter().take(4).collect::<Vec<_>>())),
                )
            });
        } else if granted && !covered.is_empty() {
            let listed = covered
                .iter()
                .map(|c| format!("`s3:{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let (count, noun) = (
                covered.len(),
                if covered.len() == 1 {
                    "action"
                } else {
                    "actions"
                },
            );
            let harmful = harmful(&covered, scope);
            out.push(if harmful.is_empty() {
                finding(
                    "wildcard-action",
                    Severity::Info,
                    path,
                    format!("`{pattern}` grants {count} S3 {noun} on the statement's resources ({listed}): listing them one by one makes the policy say exactly what it allows"),
                )
            } else {
                finding(
                    "wildcard-action",
                    Severity::Danger,
                    path,
                    format!("`{pattern}` grants {count} S3 {noun} on the statement's resources ({listed}); {} can be turned against your backups by a stolen key: list only the actions the backup tool needs", and_list(&harmful)),
                )
            });
        }
        return;
    }
    if let Some(action) = s3_action(pattern) {
        let reaches =
            kinds.iter().any(|k| takes(*k, action.resource_types)) && !scope.refused(action.name);
        if let (true, Some((_, why))) = (
            granted && reaches,
            HARMFUL_WITHOUT_ROWS
                .iter()
                .find(|(h, _)| h.eq_ignore_ascii_case(action.name)),
        ) {
            out.push(finding(
                "harmful-action",
                Severity::Warning,
                path,
                format!("`{pattern}` {why}: remove it unless the backup tool needs it"),
            ));
        }
        return;
    }
    if let Some(permission) = api_call_permission(name) {
        out.push(finding(
            "unknown-action",
            Severity::Warning,
            path,
            format!("`{pattern}` is the name of an S3 API call, not of an IAM action, so it grants nothing: S3 authorizes that call with {permission}"),
        ));
        return;
    }
    let hint = closest(name, S3_ACTIONS.iter().map(|a| a.name))
        .map(|c| format!(" (did you mean `s3:{c}`?)"))
        .unwrap_or_default();
    out.push(finding(
        "unknown-action",
        Severity::Warning,
        path,
        format!(
            "`{pattern}` is not in AWS's list of S3 actions as this tool knows it, so it most likely grants nothing: check the spelling{hint}"
        ),
    ));
}

/// Said when an action that takes no resource stands on `arn:aws:s3:::*`. AWS's S3 guide: "Account
/// operations are S3 API operations that operate on the account level. [...] In the policies, the
/// `Resource` element must be `"*"`" (using-with-s3-policy-actions.html), and the IAM guide gives
/// `arn:aws:s3:::*` as not granting `ListAllMyBuckets` ("that action requires the "*" resource",
/// reference_policies_elements_notaction.html); the S3 walkthrough (walkthrough1.html) still grants it so.
const ALL_BUCKETS_NOTE: &str = " (some AWS examples, such as the S3 guide's walkthrough, write `arn:aws:s3:::*` here, but AWS's pages on S3 permissions and on `NotAction` say such an action needs `\"*\"`)";

/// The S3 actions (without `s3:`) a stolen key can turn against the backups, most harmful first: deleting
/// versions for good, a lifecycle rule that expires them, a bucket policy that opens the bucket, suspending
/// versioning, deleting backups, bypassing, lengthening or changing Object Lock, switching off Block Public
/// Access or "Bucket owner enforced", removing the bucket policy's denies, sharing through ACLs, and legal
/// holds that never expire. The audit names each when a wildcard grants it, and, when granted by name, those its threat table has no row for ([`HARMFUL_WITHOUT_ROWS`]).
const HARMFUL: [&str; 15] = [
    "DeleteObjectVersion",
    "PutLifecycleConfiguration",
    "PutBucketPolicy",
    "PutBucketVersioning",
    "DeleteObject",
    "BypassGovernanceRetention",
    "PutObjectRetention",
    "PutBucketPublicAccessBlock",
    "PutBucketOwnershipControls",
    "DeleteBucketPolicy",
    "PutBucketObjectLockConfiguration",
    "PutBucketAcl",
    "PutObjectAcl",
    "PutObjectVersionAcl",
    "PutObjectLegalHold",
];

/// The [`HARMFUL`] actions the audit's threat table shows no row for (it knows nothing of the
/// bucket's Object Lock; `s3:PutObjectVersionAcl` is the FAQ's own, and the ACL row tells its
/// story), and what a stolen key does with each, named when a statement grants one
/// by name on a resource it acts on. AWS: "After you enable Object Lock on a bucket, you can't
/// disable Object Lock or suspend versioning" (object-lock-configure.html); a legal hold "remains
/// in effect until removed" (object-lock.html).
const HARMFUL_WITHOUT_ROWS: [(&str, &str); 6] = [
    ("BypassGovernanceRetention", "lets a stolen key, on a bucket with Object Lock, delete versions locked in governance mode, or shorten their locks, together with `s3:DeleteObjectVersion` or `s3:PutObjectRetention`"),
    ("PutObjectRetention", "lets a stolen key, on a bucket with Object Lock, lengthen the locks of backups and lock files it uploads, in compliance mode even against you, which adds storage cost nobody can undo"),
    ("DeleteBucketPolicy", "lets a stolen key delete the bucket policy, and with it every deny it holds (such as refusing connections without TLS)"),
    ("PutBucketObjectLockConfiguration", "lets a stolen key turn Object Lock on for a versioned bucket, which can never be undone, with a default retention that locks every new upload, in compliance mode even against you"),
    ("PutBucketAcl", "lets a stolen key change the bucket's ACL, which, where ACLs are enabled, can give another AWS account access to the bucket"),
    ("PutObjectLegalHold", "lets a stolen key, on a bucket with Object Lock, put legal holds, which have no end date, on backups and on files it uploads, so they stay, and are billed, until someone with this permission removes the holds"),
];

/// S3 API calls people write as actions, and the permission S3 checks for each (each call's page in
/// the S3 API reference, for example HeadBucket: "you must have permissions to perform the
/// `s3:ListBucket` action").
const API_CALLS: [(&str, &str); 11] = [
    ("HeadBucket", "`s3:ListBucket`"),
    ("HeadObject", "`s3:GetObject`"),
    ("ListObjects", "`s3:ListBucket`"),
    ("ListObjectsV2", "`s3:ListBucket`"),
    ("ListObjectVersions", "`s3:ListBucketVersions`"),
    ("ListBuckets", "`s3:ListAllMyBuckets`"),
    ("ListParts", "`s3:ListMultipartUploadParts`"),
    (
        "DeleteObjects",
        "`s3:DeleteObject` (and `s3:DeleteObjectVersion` for versions)",
    ),
    ("CreateMultipartUpload", "`s3:PutObject`"),
    ("UploadPart", "`s3:PutObject`"),
    ("CompleteMultipartUpload", "`s3:PutObject`"),
];

/// The [`HARMFUL`] actions among `covered` that the policy does not refuse, as `s3:` names in backticks.
fn harmful(covered: &[&str], scope: &Scope) -> Vec<String> {
    HARMFUL
        .into_iter()
        .filter(|h| covered.contains(h) && !scope.refused(h))
        .map(|h| format!("`s3:{h}`"))
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `, including a, b and c`, or nothing for no names.
fn including(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(", including {}", and_list(names))
    }
}

/// The name in `names` nearest to `name` by edit distance (ignoring case), or with the same words in
/// another order, if a slip could explain the difference.
fn closest(name: &str, names: impl IntoIterator<Item = &'static str>) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let words = words_of(name);
    names
        .into_iter()
        .map(|n| {
            // The same words in another order (`PutObjectAclVersion`) are one slip, not many edits.
            let d = if words.len() > 1 && n.len() == name.len() && same_words(&words, &words_of(n))
            {
                1
            } else {
                edit_distance(&lower, &n.to_lowercase())
            };
            (d, n)
        })
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// The words of a CamelCase name, lowercased: `PutObjectAcl` → `put`, `object`, `acl`.
fn words_of(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c.to_ascii_lowercase()),
            _ => words.push(c.to_ascii_lowercase().to_string()),
        }
    }
    words
}

/// Whether two lists hold the same words, in any order (a name has a handful, so no sort: sorting
/// strings would bring the standard library's sort code into the page for this alone).
fn same_words(a: &[String], b: &[String]) -> bool {
    let mut rest: Vec<&String> = b.iter().collect();
    a.len() == b.len()
        && a.iter()
            .all(|word| match rest.iter().position(|w| *w == word) {
                Some(i) => {
                    rest.swap_remove(i);
                    true
                }
                None => false,
            })
}

/// Every condition operator IAM accepts, before the `ForAnyValue:`/`ForAllValues:` prefix and the
/// `IfExists` suffix (which `Null` does not take), including those the evaluator cannot decide.
///
/// AWS: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>.
const CONDITION_OPERATORS: [&str; 27] = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnNotEquals",
    "ArnLike",
    "ArnNotLike",
    "Null",
];

/// A condition operator IAM does not know makes IAM reject the policy.
fn check_operators(statement: &crate::policy::eval::Statement, path: &str, out: &mut Vec<Finding>) {
    let mut seen: Vec<&str> = Vec::new();
    for clause in &statement.condition {
        let op = clause.operator.as_str();
        if seen.contains(&op) {
            continue;
        }
        seen.push(op);
        let (set, name) = match op.split_once(':') {
            Some((set, rest)) => (Some(set), rest),
            None => (None, op),
        };
        let (base, if_exists) = match name.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (name, false),
        };
        let known_set = set.is_none_or(|s| s == "ForAnyValue" || s == "ForAllValues");
        let known_base = CONDITION_OPERATORS.contains(&base);
        let valid = known_set && known_base && !(base == "Null" && if_exists);
        if valid {
            continue;
        }
        let why = if !known_set {
            format!(
                "`{}:` is not a condition set operator: use `ForAnyValue:` or `ForAllValues:`, or no prefix",
                set.unwrap_or_default()
            )
        } else if base == "Null" && if_exists {
            "`Null` takes no `IfExists`: write `Null`".to_owned()
        } else {
            let hint = closest(base, CONDITION_OPERATORS)
                .map(|o| format!(" (did you mean `{o}`?)"))
                .unwrap_or_default();
            format!("check the spelling{hint}")
        };
        out.push(finding(
            "unknown-condition-operator",
            Severity::Danger,
            &format!("{path}.Condition"),
            format!("`{op}` is not an IAM condition operator, and IAM rejects the policy: {why}"),
        ));
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev.get(j).copied().unwrap_or(usize::MAX) + usize::from(ca != *cb);
            let delete = prev
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let insert = cur.last().copied().unwrap_or(usize::MAX).saturating_add(1);
            cur.push(substitute.min(delete).min(insert));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        audit(text, "mybucket")
            .findings
            .iter()
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("getobjects", "getobject"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        let actions = || S3_ACTIONS.iter().map(|a| a.name);
        assert_eq!(closest("PutObjectAcls", actions()), Some("PutObjectAcl"));
        assert_eq!(closest("Completely", actions()), None);
        assert_eq!(
            closest("StringEqual", CONDITION_OPERATORS),
            Some("StringEquals")
        );
    }

    #[test]
    fn the_faq_policies_are_clean() {
        let faq = r#"{"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], "Resource": "arn:aws:s3:::mybucket", "Condition": {}},
          {"Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion", "s3:GetObjectVersionAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"], "Resource": "arn:aws:s3:::mybucket/*", "Condition": {}},
          {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {}}]}"#;
        assert_eq!(ids(faq), Vec::<&str>::new());
    }

    #[test]
    fn risky_policies() {
        assert_eq!(
            ids(
                r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}"#
            ),
            ["s3-star", "star-resource"]
        );
        assert_eq!(
            ids(
                r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}"#
            ),
            ["allow-not-action"]
        );
        assert_eq!(
            ids(
                r#"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::mybucket"}}"#
            ),
            ["old-version", "wrong-resource-type"]
        );
        assert_eq!(
            ids(
                r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::mybucket"}}"#
            ),
            ["wrong-resource-type"]
        );
        assert_eq!(
            ids(
                r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::otherbucket/*"}}"#
            ),
            ["other-bucket"]
        );
    }

    #[test]
    fn size_limits() {
        let actions: Vec<String> = (0..400).map(|i| format!("\"s3:GetObject{i}\"")).collect();
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": [{}], "Resource": "*"}}}}"#,
            actions.join(", ")
        );
        let report = audit(&text, "mybucket");
        assert!(report.size.unwrap_or(0) > MANAGED_POLICY_LIMIT);
        assert_eq!(report.findings.first().map(|f| f.id), Some("too-big"));
    }
}
