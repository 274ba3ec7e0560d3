//! The IAM evaluator: decides a request against identity policies and a bucket policy the way AWS documents it,
//! and says for every statement why it did or did not count.
//!
//! AWS: "An explicit deny in any of the policies overrides the allow" and "If either the identity-based policy or the
//! resource-based policy within the same account allows the request and the other doesn't, the request is still
//! allowed" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html>).
//!
//! Only same-account requests by an IAM user are modelled: no SCPs, RCPs, permissions boundaries or session
//! policies. When a statement uses something this evaluator does not support (an operator such as `IpAddress`, a
//! policy variable the request does not define, `NotPrincipal`), an `Allow` is treated as not matching and a `Deny`
//! as matching, the reason says so, and [`Decision::uncertain`] is true: the evaluator never allows silently.
//!
//! ```
//! use s3_policy_playground::policy::eval::{evaluate, Outcome, PolicyDocument, Request};
//!
//! let policy = PolicyDocument::parse(r#"{
//!   "Version": "2012-10-17",
//!   "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::mybucket/*"}]
//! }"#).unwrap();
//! let put = evaluate(&Request::new("s3:PutObject", "arn:aws:s3:::mybucket/db.gz"), &[policy.clone()], None);
//! assert_eq!(put.effect, Outcome::Allowed);
//! let delete = evaluate(&Request::new("s3:DeleteObject", "arn:aws:s3:::mybucket/db.gz"), &[policy], None);
//! assert_eq!(delete.effect, Outcome::ImplicitDeny);
//! assert_eq!(delete.reasons[0].explain(), "statement 1 of identity policy 1 (Allow) does not match: `s3:DeleteObject` is not in `Action` (`s3:PutObject`)");
//! ```

mod condition;
mod decimal;
mod glob;
mod model;
pub mod s3_actions;

use std::collections::BTreeMap;

pub(crate) use condition::{set_by_requester, SET_BY_REQUESTER};
pub use glob::{action_matches, resource_matches};
pub use model::{
    ActionSpec, ConditionClause, Effect, ParseError, PolicyDocument, PrincipalEntry, PrincipalSpec,
    ResourceSpec, Statement, VERSION_2012,
};

use condition::Test;

/// The request context: condition keys and their values. Keys compare without case.
///
/// AWS: "Condition key names are not case-sensitive"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html>).
///
/// ```
/// use s3_policy_playground::policy::eval::Context;
/// let c = Context::default().with("aws:SecureTransport", ["true"]);
/// assert_eq!(c.get("AWS:securetransport"), Some(&["true".to_string()][..]));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Lowercased key → (key as given, values); shared, so the threat table's rows copy one
    /// context for free and only a row that adds a key makes its own.
    entries: std::rc::Rc<BTreeMap<String, (String, Vec<String>)>>,
    /// `None`: the request has exactly the listed keys. `Some`: it may have others with values
    /// this context does not know (see [`Context::open_world`]), except these keys, which it is
    /// known not to have.
    known_absent: Option<&'static [&'static str]>,
}

impl Context {
    /// Sets a key's values (replacing any earlier ones).
    pub fn insert(&mut self, key: &str, values: Vec<String>) {
        std::rc::Rc::make_mut(&mut self.entries)
            .insert(key.to_lowercase(), (key.to_owned(), values));
    }

    /// Builder form of [`Context::insert`].
    pub fn with<I, S>(mut self, key: &str, values: I) -> Context
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.insert(key, values.into_iter().map(Into::into).collect());
        self
    }

    /// Says that the request may carry keys this context does not list, with values it does not
    /// know, except `absent` ones: a condition on such a key cannot be decided (it is
    /// `Unsupported`, so the decision is uncertain) instead of being read as a missing key.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::Context;
    /// let c = Context::default().open_world(&["aws:TokenIssueTime"]);
    /// assert!(c.unknown("aws:RequestedRegion"));
    /// assert!(!c.unknown("aws:tokenissuetime"));
    /// assert!(!Context::default().unknown("aws:RequestedRegion"));
    /// ```
    pub fn open_world(mut self, absent: &'static [&'static str]) -> Context {
        self.known_absent = Some(absent);
        self
    }

    /// Whether the request may have `key` with a value this context does not know.
    pub fn unknown(&self, key: &str) -> bool {
        self.get(key).is_none() && self.unknown_if_missing(key)
    }

    /// [`Context::unknown`] for a key already known to be missing from the entries.
    pub(crate) fn unknown_if_missing(&self, key: &str) -> bool {
        self.known_absent
            .is_some_and(|absent| !absent.iter().any(|a| a.eq_ignore_ascii_case(key)))
    }

    /// The values of a key, if the request has it.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .get(&key.to_lowercase())
            .map(|(_, v)| v.as_slice())
    }

    /// Every key (as given) with its values, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entries
            .values()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// What someone asks AWS to do: an action on a resource, with the request context.
///
/// AWS: "AWS gathers the request information into a request context, which is used to evaluate and authorize the
/// request" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/intro-structure.html#intro-structure-request>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The action, for example `s3:GetObject`.
    pub action: String,
    /// The resource ARN, or `*` for an action that takes no resource (`s3:ListAllMyBuckets`).
    pub resource: String,
    /// The condition keys of the request.
    pub context: Context,
}

impl Request {
    /// A request with an empty context.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::Request;
    /// assert_eq!(Request::new("s3:ListAllMyBuckets", "*").resource, "*");
    /// ```
    pub fn new(action: &str, resource: &str) -> Request {
        Request {
            action: action.to_owned(),
            resource: resource.to_owned(),
            context: Context::default(),
        }
    }

    /// The same request with this context.
    pub fn with_context(self, context: Context) -> Request {
        Request { context, ..self }
    }
}

/// The final answer.
///
/// AWS: "By default, all requests are implicitly denied" and "An explicit deny overrides an explicit allow"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// A `Deny` statement matched.
    ExplicitDeny,
    /// An `Allow` statement matched and no `Deny` did.
    Allowed,
    /// Nothing allowed the request.
    ImplicitDeny,
}

impl Outcome {
    /// A stable lowercase id (`explicit-deny`, `allowed`, `implicit-deny`).
    pub fn id(self) -> &'static str {
        match self {
            Outcome::ExplicitDeny => "explicit-deny",
            Outcome::Allowed => "allowed",
            Outcome::ImplicitDeny => "implicit-deny",
        }
    }
}

/// Which policy a statement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicySource {
    /// The n-th identity policy passed to [`evaluate`] (0-based).
    Identity(usize),
    /// The bucket policy.
    Bucket,
}

/// How one statement related to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The statement applies: the action and resource patterns that matched, and why each condition held.
    Matched {
        /// The `Action` pattern that covered the action (or a description of the `NotAction` list).
        action: String,
        /// The `Resource` pattern that covered the resource (or a description of the `NotResource` list).
        resource: String,
        /// One sentence per condition test, each saying why it held.
        conditions: Vec<String>,
    },
    /// The statement does not apply, and why.
    NotMatched {
        /// The first reason found, in the order action, resource, principal, conditions.
        reason: String,
    },
    /// The evaluator cannot decide; a `Deny` is counted as matching, an `Allow` is not.
    Unsupported {
        /// What is not supported.
        reason: String,
    },
}

/// One statement's part in a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementReason {
    /// The policy holding the statement.
    pub source: PolicySource,
    /// The statement's 0-based index in its policy.
    pub index: usize,
    /// Its `Sid`, if any.
    pub sid: Option<String>,
    /// Its `Effect`.
    pub effect: Effect,
    /// How it related to the request.
    pub matched: Match,
}

impl StatementReason {
    /// Whether the statement counts towards the decision: it matched, or it is an unsupported `Deny`.
    pub fn counts(&self) -> bool {
        match self.matched {
            Match::Matched { .. } => true,
            Match::Unsupported { .. } => self.effect == Effect::Deny,
            Match::NotMatched { .. } => false,
        }
    }

    /// Names the statement: `statement "Sid" of the bucket policy`, `statement 2 of identity policy 1`.
    pub fn label(&self) -> String {
        let which = match &self.sid {
            Some(sid) if !sid.is_empty() => format!("statement `{sid}`"),
            _ => format!("statement {}", self.index + 1),
        };
        match self.source {
            PolicySource::Identity(n) => format!("{which} of identity policy {}", n + 1),
            PolicySource::Bucket => format!("{which} of the bucket policy"),
        }
    }

    /// One sentence: the statement, its effect, and why it did or did not match.
    pub fn explain(&self) -> String {
        let head = format!("{} ({})", self.label(), self.effect.as_str());
        match &self.matched {
            Match::Matched {
                action,
                resource,
                conditions,
            } => {
                let mut s = format!("{head} matches: action by {action}, resource by {resource}");
                if !conditions.is_empty() {
                    s.push_str("; conditions hold: ");
                    s.push_str(&conditions.join("; "));
                }
                s
            }
            Match::NotMatched { reason } => format!("{head} does not match: {reason}"),
            Match::Unsupported { reason } => {
                let treated = match self.effect {
                    Effect::Deny => "counted as a match to be safe, so it denies",
                    Effect::Allow => "not counted, so it allows nothing",
                };
                format!("{head} cannot be evaluated ({reason}): {treated}")
            }
        }
    }
}

/// The decision and every statement's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Explicit deny, allowed, or implicit deny.
    pub effect: Outcome,
    /// One reason per statement: identity policies in order, then the bucket policy.
    pub reasons: Vec<StatementReason>,
    /// The action that was asked for.
    pub action: String,
    /// The resource it was asked on.
    pub resource: String,
}

impl Decision {
    /// Whether the request is allowed.
    pub fn is_allowed(&self) -> bool {
        self.effect == Outcome::Allowed
    }

    /// Whether a statement the evaluator cannot fully evaluate could change the answer: the explicit deny rests on
    /// unsupported `Deny` statements only, or the implicit deny could become an allow through an unsupported `Allow`.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::{evaluate, PolicyDocument, Request};
    /// let p = PolicyDocument::parse(r#"{"Version": "2012-10-17", "Statement": [
    ///   {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}"#).unwrap();
    /// assert!(evaluate(&Request::new("s3:GetObject", "arn:aws:s3:::b/k"), &[p.clone()], None).uncertain());
    /// assert!(!evaluate(&Request::new("s3:PutObject", "arn:aws:s3:::b/k"), &[p], None).uncertain());
    /// ```
    pub fn uncertain(&self) -> bool {
        let unsupported = |effect: Effect| {
            self.reasons
                .iter()
                .any(|r| r.effect == effect && matches!(r.matched, Match::Unsupported { .. }))
        };
        match self.effect {
            Outcome::ExplicitDeny => !self
                .reasons
                .iter()
                .any(|r| r.effect == Effect::Deny && matches!(r.matched, Match::Matched { .. })),
            Outcome::Allowed => false,
            Outcome::ImplicitDeny => unsupported(Effect::Allow),
        }
    }

    /// The statements that decided: the counted `Deny`s for an explicit deny, the matching `Allow`s for an allow.
    pub fn deciding(&self) -> Vec<&StatementReason> {
        let effect = match self.effect {
            Outcome::ExplicitDeny => Effect::Deny,
            Outcome::Allowed => Effect::Allow,
            Outcome::ImplicitDeny => return Vec::new(),
        };
        self.reasons
            .iter()
            .filter(|r| r.effect == effect && r.counts())
            .collect()
    }

    /// What decided, in a few words: the deciding statements, or that none allows the request.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::{evaluate, Request};
    /// let d = evaluate(&Request::new("s3:GetObject", "arn:aws:s3:::b/k"), &[], None);
    /// assert_eq!(d.decided_by(), "no statement allows it");
    /// ```
    pub fn decided_by(&self) -> String {
        match self.effect {
            Outcome::ExplicitDeny | Outcome::Allowed => {
                let labels: Vec<String> = self.deciding().iter().map(|r| r.label()).collect();
                format!("by {}", labels.join(", "))
            }
            Outcome::ImplicitDeny => "no statement allows it".to_owned(),
        }
    }

    /// One sentence in plain words.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::{evaluate, Request};
    /// let d = evaluate(&Request::new("s3:GetObject", "arn:aws:s3:::b/k"), &[], None);
    /// assert_eq!(d.summary(), "denied: no statement allows `s3:GetObject` on `arn:aws:s3:::b/k` (implicit deny)");
    /// ```
    pub fn summary(&self) -> String {
        let mut s = match self.effect {
            Outcome::ExplicitDeny => format!("denied explicitly {}", self.decided_by()),
            Outcome::Allowed => format!("allowed {}", self.decided_by()),
            Outcome::ImplicitDeny => {
                format!(
                    "denied: no statement allows `{}` on `{}` (implicit deny)",
                    self.action, self.resource
                )
            }
        };
        if self.uncertain() {
            s.push_str("; uncertain: a statement uses something this evaluator does not support");
        }
        s
    }
}

/// Evaluates a same-account request by an IAM user against its identity policies and the bucket's policy.
///
/// AWS: "When access to a resource is requested, AWS evaluates all the permissions granted by the policies for at
/// least one Allow within the same account. An explicit deny in any of the policies overrides the allow"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html>).
///
/// A bucket-policy statement applies only when its `Principal` names the requester: `"*"`, or the ARN in the
/// request's `aws:PrincipalArn`. An account principal delegates to the account's own policies, so it counts for a
/// `Deny` but not for an `Allow`. A `Principal` in an identity policy is ignored here (IAM rejects such a policy;
/// [`crate::policy::audit`] reports it).
pub fn evaluate(
    request: &Request,
    identity_policies: &[PolicyDocument],
    bucket_policy: Option<&PolicyDocument>,
) -> Decision {
    let mut reasons = Vec::new();
    let sources = identity_policies
        .iter()
        .enumerate()
        .map(|(n, p)| (PolicySource::Identity(n), p))
        .chain(bucket_policy.map(|p| (PolicySource::Bucket, p)));
    for (source, policy) in sources {
        let version_2012 = policy.version.as_deref() == Some(VERSION_2012);
        for (index, statement) in policy.statements.iter().enumerate() {
            reasons.push(StatementReason {
                source,
                index,
                sid: statement.sid.clone(),
                effect: statement.effect,
                matched: match_statement(statement, request, source, version_2012),
            });
        }
    }
    let denied = reasons
        .iter()
        .any(|r| r.effect == Effect::Deny && r.counts());
    let allowed = reasons
        .iter()
        .any(|r| r.effect == Effect::Allow && r.counts());
    let effect = if denied {
        Outcome::ExplicitDeny
    } else if allowed {
        Outcome::Allowed
    } else {
        Outcome::ImplicitDeny
    };
    Decision {
        effect,
        reasons,
        action: request.action.clone(),
        resource: request.resource.clone(),
    }
}

/// `parts` joined, in one allocation: the reasons below are built for every statement of every
/// request the threat table asks about, and `format!` was a third of that table's time.
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 16);
    for part in parts {
        s.push_str(part);
    }
    s
}

/// `` `a`, `b` `` appended to `s`.
fn push_quoted(s: &mut String, items: &[String]) {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            s.push_str(", ");
        }
        s.push('`');
        s.push_str(item);
        s.push('`');
    }
}

/// `` `a`, `b` `` inside `head` and `tail`, in one allocation.
fn with_quoted(head: &[&str], items: &[String], tail: &str) -> String {
    let mut s = concat(head);
    s.reserve(items.iter().map(|i| i.len() + 4).sum::<usize>() + tail.len());
    push_quoted(&mut s, items);
    s.push_str(tail);
    s
}

/// Whether one statement applies to the request.
fn match_statement(
    statement: &Statement,
    request: &Request,
    source: PolicySource,
    version_2012: bool,
) -> Match {
    let action = request.action.as_str();
    // Action / NotAction.
    let action_by = match &statement.action {
        ActionSpec::Action(patterns) => match patterns.iter().find(|p| action_matches(p, action)) {
            Some(p) => concat(&["`", p, "`"]),
            None => {
                return Match::NotMatched {
                    reason: with_quoted(&["`", action, "` is not in `Action` ("], patterns, ")"),
                }
            }
        },
        ActionSpec::NotAction(patterns) => {
            match patterns.iter().find(|p| action_matches(p, action)) {
                Some(p) => {
                    return Match::NotMatched {
                        reason: concat(&[
                            "`",
                            action,
                            "` is excluded by `NotAction` pattern `",
                            p,
                            "`",
                        ]),
                    }
                }
                None => with_quoted(&["`NotAction` (it is not "], patterns, ")"),
            }
        }
    };
    // Resource / NotResource, with policy variables replaced.
    let resource = request.resource.as_str();
    let (patterns, negated) = match &statement.resource {
        ResourceSpec::Resource(p) => (p, false),
        ResourceSpec::NotResource(p) => (p, true),
    };
    let mut hit = None;
    let mut unsupported = None;
    for p in patterns {
        match condition::substitute(p, &request.context, version_2012) {
            Ok(expanded) if resource_matches(&expanded, resource) => {
                hit = Some(p);
                break;
            }
            Ok(_) => {}
            Err(why) => unsupported = Some(why),
        }
    }
    let element = if negated { "NotResource" } else { "Resource" };
    let resource_by = match (hit, unsupported, negated) {
        (Some(p), _, false) => concat(&["`", p, "`"]),
        (Some(p), _, true) => {
            return Match::NotMatched {
                reason: concat(&[
                    "`",
                    resource,
                    "` is excluded by `NotResource` pattern `",
                    p,
                    "`",
                ]),
            }
        }
        (None, Some(why), _) => return Match::Unsupported { reason: why },
        (None, None, false) => {
            return Match::NotMatched {
                reason: with_quoted(
                    &["`", resource, "` is not matched by `Resource` ("],
                    patterns,
                    ")",
                ),
            }
        }
        (None, None, true) => with_quoted(&["`", element, "` (it is not "], patterns, ")"),
    };
    // Principal, for the bucket policy only.
    if source == PolicySource::Bucket {
        if let Some(m) = match_principal(statement, request) {
            return m;
        }
    }
    // Condition: every test must hold.
    let mut holds = Vec::new();
    let mut unsupported = None;
    for clause in &statement.condition {
        match condition::evaluate(clause, &request.context, version_2012) {
            Test::Holds(why) => holds.push(why),
            Test::Fails(why) => {
                return Match::NotMatched {
                    reason: format!(
                        "condition `{}` on `{}` fails: {why}",
                        clause.operator, clause.key
                    ),
                }
            }
            Test::Unsupported(why) => unsupported = unsupported.or(Some(why)),
        }
    }
    if let Some(reason) = unsupported {
        return Match::Unsupported { reason };
    }
    Match::Matched {
        action: action_by,
        resource: resource_by,
        conditions: holds,
    }
}

/// `None` when the bucket-policy statement's principal covers the requester, otherwise why not.
///
/// AWS: "You cannot use a wildcard to match part of a principal name or ARN" and "When you specify an AWS account,
/// ... you delegate authority to the account"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>).
fn match_principal(statement: &Statement, request: &Request) -> Option<Match> {
    let entries = match &statement.principal {
        None => {
            return Some(Match::NotMatched {
                reason: "a bucket policy statement needs a `Principal`, and this one has none"
                    .to_owned(),
            })
        }
        Some(PrincipalSpec::NotPrincipal(_)) => {
            return Some(Match::Unsupported {
                reason: "`NotPrincipal` is not supported by this evaluator".to_owned(),
            })
        }
        Some(PrincipalSpec::Principal(entries)) => entries,
    };
    let arn = request
        .context
        .get("aws:PrincipalArn")
        .and_then(|v| v.first());
    let account = request
        .context
        .get("aws:PrincipalAccount")
        .and_then(|v| v.first());
    let mut delegated = false;
    for entry in entries {
        let is_aws = entry.kind == "AWS";
        if entry.kind == "*" || (is_aws && entry.value == "*") {
            return None;
        }
        if !is_aws {
            continue;
        }
        if Some(&entry.value) == arn {
            return None;
        }
        let entry_account =
            if entry.value.len() == 12 && entry.value.bytes().all(|b| b.is_ascii_digit()) {
                Some(entry.value.as_str())
            } else {
                entry
                    .value
                    .strip_prefix("arn:aws:iam::")
                    .and_then(|rest| rest.strip_suffix(":root"))
            };
        if entry_account.is_some() && entry_account == account.map(String::as_str) {
            delegated = true;
        }
    }
    if delegated {
        return match statement.effect {
            Effect::Deny => None,
            Effect::Allow => Some(Match::NotMatched {
                reason: "its `Principal` is the whole account, which delegates to the account's IAM policies and grants nothing by itself".to_owned(),
            }),
        };
    }
    if arn.is_none() {
        return Some(Match::Unsupported {
            reason: "the request has no `aws:PrincipalArn`, so its principal cannot be compared"
                .to_owned(),
        });
    }
    let names: Vec<String> = entries
        .iter()
        .map(|e| format!("{}: {}", e.kind, e.value))
        .collect();
    Some(Match::NotMatched {
        reason: with_quoted(&["the requester is not in `Principal` ("], &names, ")"),
    })
}
