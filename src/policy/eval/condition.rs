//! Condition operators: what one `Condition` test says about a request context, and why.
//!
//! AWS: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>.

use super::decimal::Decimal;
use super::glob::{arn_like, string_like, unmark, LITERAL_QUESTION, LITERAL_STAR};
use super::model::ConditionClause;
use super::Context;

/// The outcome of one condition test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Test {
    /// The test holds; the text says why.
    Holds(String),
    /// The test fails; the text says why.
    Fails(String),
    /// The evaluator cannot decide; the text says what it does not support.
    Unsupported(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    Bool,
    ArnEquals,
    ArnNotEquals,
    ArnLike,
    ArnNotLike,
    Null,
}

impl Base {
    fn from_name(name: &str) -> Option<Base> {
        Some(match name {
            "StringEquals" => Base::StringEquals,
            "StringNotEquals" => Base::StringNotEquals,
            "StringEqualsIgnoreCase" => Base::StringEqualsIgnoreCase,
            "StringNotEqualsIgnoreCase" => Base::StringNotEqualsIgnoreCase,
            "StringLike" => Base::StringLike,
            "StringNotLike" => Base::StringNotLike,
            "NumericEquals" => Base::NumericEquals,
            "NumericNotEquals" => Base::NumericNotEquals,
            "NumericLessThan" => Base::NumericLessThan,
            "NumericLessThanEquals" => Base::NumericLessThanEquals,
            "NumericGreaterThan" => Base::NumericGreaterThan,
            "NumericGreaterThanEquals" => Base::NumericGreaterThanEquals,
            "Bool" => Base::Bool,
            "ArnEquals" => Base::ArnEquals,
            "ArnNotEquals" => Base::ArnNotEquals,
            "ArnLike" => Base::ArnLike,
            "ArnNotLike" => Base::ArnNotLike,
            "Null" => Base::Null,
            _ => return None,
        })
    }

    /// Negated operators: "If a single negated matching condition operator includes multiple values for a context
    /// key, those values are evaluated using a logical NOR."
    fn negated(self) -> bool {
        matches!(
            self,
            Base::StringNotEquals
                | Base::StringNotEqualsIgnoreCase
                | Base::StringNotLike
                | Base::NumericNotEquals
                | Base::ArnNotEquals
                | Base::ArnNotLike
        )
    }

    /// Whether `*` and `?` in this operator's values are wildcards.
    fn has_wildcards(self) -> bool {
        matches!(
            self,
            Base::StringLike
                | Base::StringNotLike
                | Base::ArnEquals
                | Base::ArnNotEquals
                | Base::ArnLike
                | Base::ArnNotLike
        )
    }

    /// Whether policy variables (`${aws:username}`) are replaced in this operator's values.
    fn takes_variables(self) -> bool {
        matches!(
            self,
            Base::StringEquals
                | Base::StringNotEquals
                | Base::StringEqualsIgnoreCase
                | Base::StringNotEqualsIgnoreCase
                | Base::StringLike
                | Base::StringNotLike
                | Base::ArnEquals
                | Base::ArnNotEquals
                | Base::ArnLike
                | Base::ArnNotLike
        )
    }

    /// The positive comparison of one request value with one policy value (for negated operators, the comparison
    /// they negate). `Err` when the policy value cannot be read for this operator.
    fn compare(self, request: &str, policy: &str) -> Result<bool, String> {
        Ok(match self {
            Base::StringEquals | Base::StringNotEquals => request == policy,
            Base::StringEqualsIgnoreCase | Base::StringNotEqualsIgnoreCase => {
                request.to_lowercase() == policy.to_lowercase()
            }
            Base::StringLike | Base::StringNotLike => string_like(policy, request),
            Base::ArnEquals | Base::ArnNotEquals | Base::ArnLike | Base::ArnNotLike => {
                arn_like(policy, request)
            }
            Base::Bool => {
                let want = parse_bool(policy).ok_or_else(|| {
                    format!("`{policy}` is not a boolean: `Bool` takes `true` or `false`")
                })?;
                parse_bool(request) == Some(want)
            }
            Base::NumericEquals
            | Base::NumericNotEquals
            | Base::NumericLessThan
            | Base::NumericLessThanEquals
            | Base::NumericGreaterThan
            | Base::NumericGreaterThanEquals => {
                let want = Decimal::parse(policy.trim())
                    .ok_or_else(|| format!("`{policy}` is not a number"))?;
                let Some(got) = Decimal::parse(request.trim()) else {
                    return Ok(false);
                };
                match self {
                    Base::NumericEquals | Base::NumericNotEquals => got == want,
                    Base::NumericLessThan => got < want,
                    Base::NumericLessThanEquals => got <= want,
                    Base::NumericGreaterThan => got > want,
                    _ => got >= want,
                }
            }
            // Null never compares values; `evaluate` handles it before.
            Base::Null => false,
        })
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetOp {
    ForAnyValue,
    ForAllValues,
}

/// Replaces policy variables (`${aws:username}`, `${*}`, `${?}`, `${$}`) from the request context.
///
/// AWS: "Use policy variables as placeholders when you don't know the exact value of a resource or condition key
/// when you write the policy" and "You must specify the version as 2012-10-17 to use policy variables"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>).
pub(crate) fn substitute(
    text: &str,
    context: &Context,
    version_2012: bool,
) -> Result<String, String> {
    if !version_2012 || !text.contains("${") {
        return Ok(text.to_owned());
    }
    if text.contains([LITERAL_STAR, LITERAL_QUESTION]) {
        return Err(format!(
            "`{text}` holds a private-use character (U+F8FE or U+F8FF) beside a policy variable, which this evaluator cannot check"
        ));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 2..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            return Err(format!(
                "the policy variable in `{text}` has no closing `}}`"
            ));
        };
        let name = after.get(..end).unwrap_or_default().trim();
        match name {
            // Literal characters, not wildcards (marked for `glob`; `unmark` gives the text).
            "*" => out.push(LITERAL_STAR),
            "?" => out.push(LITERAL_QUESTION),
            "$" => out.push('$'),
            _ => {
                // `${key, 'default'}` has a default value for a missing key.
                let (key, default) = match name.split_once(',') {
                    Some((k, d)) => (k.trim(), Some(d.trim().trim_matches('\''))),
                    None => (name, None),
                };
                match (context.get(key), default) {
                    (Some([one]), _) if one.contains(['*', '?']) => {
                        return Err(format!(
                            "the policy variable `${{{key}}}` is `{one}`, and whether AWS reads its `*` or `?` as a wildcard is not documented"
                        ))
                    }
                    (Some([one]), _) => out.push_str(one),
                    (None, Some(d)) => out.push_str(d),
                    (Some(_), _) => {
                        return Err(format!(
                            "the policy variable `${{{key}}}` names a key with several values in the request, which AWS does not allow"
                        ))
                    }
                    (None, None) => {
                        return Err(format!(
                            "the policy variable `${{{key}}}` is not in the request context, so this evaluator cannot replace it"
                        ))
                    }
                }
            }
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(out)
}

fn list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.len() {
        0 => "nothing".to_owned(),
        1 => quoted.concat(),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// Evaluates one condition test against the request context.
///
/// AWS: "If the key that you specify in a policy condition is not present in the request context, the values do
/// not match and the condition is false. If the policy condition requires that the key is not matched, such as
/// StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This logic applies to all
/// condition operators except ...IfExists and Null check"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>).
pub(crate) fn evaluate(clause: &ConditionClause, context: &Context, version_2012: bool) -> Test {
    let op = clause.operator.as_str();
    let key = clause.key.as_str();
    let (set, name) = if let Some(rest) = op.strip_prefix("ForAnyValue:") {
        (Some(SetOp::ForAnyValue), rest)
    } else if let Some(rest) = op.strip_prefix("ForAllValues:") {
        (Some(SetOp::ForAllValues), rest)
    } else {
        (None, op)
    };
    let (name, if_exists) = match name.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (name, false),
    };
    let Some(base) = Base::from_name(name) else {
        return Test::Unsupported(format!(
            "the condition operator `{op}` is not supported by this evaluator"
        ));
    };
    let present = context.get(key);
    if present.is_none() && context.unknown_if_missing(key) {
        return Test::Unsupported(if set_by_requester(key) {
            format!("`{key}` {SET_BY_REQUESTER}, so a stolen key can most likely choose a value that passes or dodges `{op}`")
        } else {
            format!("`{key}` is not fixed for this request: its value depends on how and from where the request is made, so `{op}` cannot be decided here")
        });
    }
    let request = present.filter(|v| !v.is_empty());

    if base == Base::Null {
        // AWS: "Use a Null condition operator to check if a condition key is absent at the time of authorization.
        // In the policy statement, use either true (the key doesn't exist — it is null) or false."
        if set.is_some() || if_exists {
            return Test::Unsupported(format!("`{op}` is not a valid form of `Null`"));
        }
        let mut wants = Vec::new();
        for v in &clause.values {
            match parse_bool(v) {
                Some(b) => wants.push(b),
                None => {
                    return Test::Unsupported(format!("`Null` takes `true` or `false`, not `{v}`"))
                }
            }
        }
        let absent = request.is_none();
        return if wants.contains(&absent) {
            Test::Holds(format!(
                "`{key}` is {} as `Null` asks",
                if absent { "absent" } else { "present" }
            ))
        } else {
            Test::Fails(format!(
                "`Null` asks whether `{key}` is absent, and it is {}",
                if absent { "absent" } else { "present" }
            ))
        };
    }

    let mut policy_values = Vec::with_capacity(clause.values.len());
    for v in &clause.values {
        if base.takes_variables() {
            match substitute(v, context, version_2012) {
                // Operators without wildcards compare the text the markers stand for.
                Ok(s) if !base.has_wildcards() => policy_values.push(unmark(&s)),
                Ok(s) => policy_values.push(s),
                Err(why) => return Test::Unsupported(why),
            }
        } else {
            policy_values.push(v.clone());
        }
    }

    let Some(request) = request else {
        // The key is missing from the request.
        return match (set, if_exists, base.negated()) {
            (_, true, _) => Test::Holds(format!("`{key}` is not in the request, and `{op}` holds when the key is missing")),
            // AWS: "The ForAllValues qualifier ... also returns true if there are no context keys in the request."
            (Some(SetOp::ForAllValues), false, _) => Test::Holds(format!(
                "`{key}` is not in the request, and `ForAllValues` holds for a missing key"
            )),
            (Some(SetOp::ForAnyValue), false, _) => Test::Fails(format!(
                "`{key}` is not in the request, and `ForAnyValue` fails for a missing key"
            )),
            (None, false, true) => Test::Holds(format!(
                "`{key}` is not in the request, and a negated operator such as `{op}` holds when the key is missing"
            )),
            (None, false, false) => Test::Fails(format!("`{key}` is not in the request")),
        };
    };

    // One request value against the policy values: OR for positive operators, NOR for negated ones.
    let value_holds = |value: &str| -> Result<bool, String> {
        let mut any = false;
        for p in &policy_values {
            if base.compare(value, p)? {
                any = true;
            }
        }
        Ok(any != base.negated())
    };
    let mut results = Vec::with_capacity(request.len());
    for value in request {
        match value_holds(value) {
            Ok(b) => results.push(b),
            Err(why) => return Test::Unsupported(why),
        }
    }
    let holds = match set {
        Some(SetOp::ForAllValues) => results.iter().all(|&b| b),
        // A plain operator on a multivalued key behaves like ForAnyValue; AWS advises against it.
        Some(SetOp::ForAnyValue) | None => results.iter().any(|&b| b),
    };
    let got = list(request);
    let shown: Vec<String> = policy_values.iter().map(|v| unmark(v)).collect();
    let want = list(&shown);
    match (holds, base.negated()) {
        (true, false) => Test::Holds(format!("`{key}` is {got}, which matches {want} (`{op}`)")),
        (true, true) => Test::Holds(format!("`{key}` is {got}, which is not {want} (`{op}`)")),
        (false, false) => Test::Fails(format!("`{key}` is {got}, and `{op}` needs {want}")),
        (false, true) => Test::Fails(format!(
            "`{key}` is {got}, and `{op}` needs a value that is not {want}"
        )),
    }
}

/// Said of a key the request's sender sets (see [`set_by_requester`]); the threat table keeps such a
/// row's severity, as the key will most likely send what gets the request through.
pub(crate) const SET_BY_REQUESTER: &str = "is set by whoever sends the request";

/// Keys whose value the request itself carries, as its sender writes it: S3's request headers and
/// parameters (the Object Lock ones among them), the tags it sends, how it signs, its TLS version,
/// user agent and referer (IAM: `aws:UserAgent` and `aws:Referer` "should not be used to prevent
/// unauthorized parties", as the caller sets them).
pub(crate) fn set_by_requester(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "s3:x-amz-",
        "aws:requesttag/",
        "s3:requestobjecttag",
        "s3:object-lock-",
    ]
    .iter()
    .any(|start| key.starts_with(start))
        || matches!(
            key.as_str(),
            "aws:tagkeys"
                | "aws:useragent"
                | "aws:referer"
                | "s3:prefix"
                | "s3:delimiter"
                | "s3:max-keys"
                | "s3:versionid"
                | "s3:locationconstraint"
                | "s3:signatureversion"
                | "s3:authtype"
                | "s3:tlsversion"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(pairs: &[(&str, &[&str])]) -> Context {
        let mut c = Context::default();
        for (k, vs) in pairs {
            c.insert(k, vs.iter().map(|v| v.to_string()).collect());
        }
        c
    }

    fn test(op: &str, key: &str, values: &[&str], context: &Context) -> Option<bool> {
        let clause = ConditionClause {
            operator: op.into(),
            key: key.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        match evaluate(&clause, context, true) {
            Test::Holds(_) => Some(true),
            Test::Fails(_) => Some(false),
            Test::Unsupported(_) => None,
        }
    }

    #[test]
    fn negated_operators_use_nor_and_hold_for_missing_keys() {
        let c = ctx(&[("s3:prefix", &["home/"])]);
        assert_eq!(
            test("StringNotEquals", "s3:prefix", &["a", "b"], &c),
            Some(true)
        );
        assert_eq!(
            test("StringNotEquals", "s3:prefix", &["a", "home/"], &c),
            Some(false)
        );
        assert_eq!(
            test("StringNotEquals", "s3:missing", &["a"], &c),
            Some(true)
        );
        assert_eq!(test("StringEquals", "s3:missing", &["a"], &c), Some(false));
        assert_eq!(
            test("StringEqualsIfExists", "s3:missing", &["a"], &c),
            Some(true)
        );
        assert_eq!(
            test("StringEqualsIfExists", "s3:prefix", &["a"], &c),
            Some(false)
        );
    }

    #[test]
    fn condition_keys_are_case_insensitive() {
        let c = ctx(&[("aws:SecureTransport", &["true"])]);
        assert_eq!(
            test("Bool", "AWS:securetransport", &["true"], &c),
            Some(true)
        );
    }

    #[test]
    fn set_operators() {
        let c = ctx(&[("aws:TagKeys", &["key1:a", "key2:b"])]);
        assert_eq!(
            test("ForAllValues:StringLike", "aws:TagKeys", &["key1*"], &c),
            Some(false)
        );
        assert_eq!(
            test("ForAnyValue:StringLike", "aws:TagKeys", &["key1*"], &c),
            Some(true)
        );
        assert_eq!(
            test("ForAllValues:StringLike", "aws:Missing", &["key1*"], &c),
            Some(true)
        );
        assert_eq!(
            test("ForAnyValue:StringLike", "aws:Missing", &["key1*"], &c),
            Some(false)
        );
    }

    #[test]
    fn unsupported_operators_and_bad_values() {
        let c = ctx(&[("aws:SourceIp", &["203.0.113.9"]), ("s3:max-keys", &["5"])]);
        assert_eq!(
            test("IpAddress", "aws:SourceIp", &["203.0.113.0/24"], &c),
            None
        );
        assert_eq!(test("NumericLessThan", "s3:max-keys", &["ten"], &c), None);
        assert_eq!(
            test("NumericLessThan", "s3:max-keys", &["10"], &c),
            Some(true)
        );
        assert_eq!(test("Null", "s3:max-keys", &["maybe"], &c), None);
    }

    #[test]
    fn variables() {
        let c = ctx(&[("aws:username", &["alice"])]);
        assert_eq!(
            substitute("home/${aws:username}/*", &c, true),
            Ok("home/alice/*".into())
        );
        assert_eq!(
            substitute("home/${aws:username}/*", &c, false),
            Ok("home/${aws:username}/*".into())
        );
        assert_eq!(
            substitute("a${*}b${?}${$}", &c, true).map(|s| unmark(&s)),
            Ok("a*b?$".into())
        );
        assert!(substitute("a${*}\u{F8FF}", &c, true).is_err());
        assert_eq!(
            substitute("${aws:userid, 'none'}", &c, true),
            Ok("none".into())
        );
        assert!(substitute("${aws:userid}", &c, true).is_err());
        assert!(substitute("${oops", &c, true).is_err());
    }
}
