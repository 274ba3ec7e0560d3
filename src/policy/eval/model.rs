//! The parsed IAM policy: `Version`, `Statement`s with `Effect`, `Action`/`NotAction`, `Resource`/`NotResource`,
//! `Principal`/`NotPrincipal` and `Condition`, read from JSON with an error that says what to fix.
//!
//! AWS grammar: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>.

use std::fmt;

use crate::policy::json::{self, Map, Value};

/// The only policy language version with policy variables and the current one.
///
/// AWS: "Always include a Version element and set it to 2012-10-17"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>).
pub const VERSION_2012: &str = "2012-10-17";

/// A whole policy document: its `Version` (if any) and its statements in order.
///
/// AWS: "The Statement element can contain a single statement or an array of individual statements"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html>).
///
/// ```
/// use s3_policy_playground::policy::eval::PolicyDocument;
/// let doc = PolicyDocument::parse(r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#).unwrap();
/// assert_eq!(doc.statements.len(), 1);
/// assert_eq!(doc.version, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDocument {
    /// The `Version` element, exactly as written.
    pub version: Option<String>,
    /// The `Id` element, if any.
    pub id: Option<String>,
    /// The statements, in the order the document lists them.
    pub statements: Vec<Statement>,
}

/// One statement of a policy.
///
/// AWS: "Statements must include either an Action or NotAction element" and "either a Resource or a NotResource
/// element" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The optional `Sid`.
    pub sid: Option<String>,
    /// `Allow` or `Deny`.
    pub effect: Effect,
    /// `Action` or `NotAction`.
    pub action: ActionSpec,
    /// `Resource` or `NotResource`.
    pub resource: ResourceSpec,
    /// `Principal` or `NotPrincipal`: only resource-based policies such as bucket policies have one.
    pub principal: Option<PrincipalSpec>,
    /// Every (operator, key, values) triple of the `Condition` block, in document order.
    pub condition: Vec<ConditionClause>,
}

/// The `Effect` element.
///
/// AWS: "Valid values for Effect are Allow and Deny. The Effect value is case sensitive"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Allow"`.
    Allow,
    /// `"Deny"`.
    Deny,
}

impl Effect {
    /// The word as written in a policy.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::Effect;
    /// assert_eq!(Effect::Deny.as_str(), "Deny");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// The `Action` or `NotAction` element: a list of action patterns such as `s3:Get*`.
///
/// AWS: "NotAction is an advanced policy element that explicitly matches everything except the specified list of
/// actions" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionSpec {
    /// `"Action"`: the statement covers these actions.
    Action(Vec<String>),
    /// `"NotAction"`: the statement covers every action except these.
    NotAction(Vec<String>),
}

impl ActionSpec {
    /// The patterns, whichever element holds them.
    pub fn patterns(&self) -> &[String] {
        match self {
            ActionSpec::Action(p) | ActionSpec::NotAction(p) => p,
        }
    }
}

/// The `Resource` or `NotResource` element: a list of ARN patterns such as `arn:aws:s3:::mybucket/*`.
///
/// AWS: "NotResource is an advanced policy element that explicitly matches every resource except those specified"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceSpec {
    /// `"Resource"`: the statement covers these resources.
    Resource(Vec<String>),
    /// `"NotResource"`: the statement covers every resource except these.
    NotResource(Vec<String>),
}

impl ResourceSpec {
    /// The patterns, whichever element holds them.
    pub fn patterns(&self) -> &[String] {
        match self {
            ResourceSpec::Resource(p) | ResourceSpec::NotResource(p) => p,
        }
    }
}

/// The `Principal` or `NotPrincipal` element of a resource-based policy.
///
/// AWS: "Use the Principal element in a resource-based JSON policy to specify the principal that is allowed or
/// denied access to a resource" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalSpec {
    /// `"Principal"`.
    Principal(Vec<PrincipalEntry>),
    /// `"NotPrincipal"`.
    NotPrincipal(Vec<PrincipalEntry>),
}

/// One principal: its kind (`*`, `AWS`, `Service`, `Federated`, `CanonicalUser`) and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalEntry {
    /// `"*"` for `"Principal": "*"`, otherwise the key (`AWS`, `Service`, ...).
    pub kind: String,
    /// The account, ARN, service name or `*`.
    pub value: String,
}

/// One condition test: an operator (with its `ForAnyValue:`/`ForAllValues:` prefix and `IfExists` suffix, as
/// written), a context key and the values to compare with.
///
/// AWS: "If your policy statement has multiple context keys attached to a single condition operator, the context
/// keys are evaluated using a logical AND"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionClause {
    /// The operator as written, for example `ForAnyValue:StringLikeIfExists`.
    pub operator: String,
    /// The context key as written, for example `aws:SecureTransport`.
    pub key: String,
    /// The values; numbers and booleans are kept as their JSON text.
    pub values: Vec<String>,
}

/// Why a text is not a policy: a message saying what to fix, where it is (line and column for JSON syntax, the
/// element path such as `Statement[1].Action` for IAM grammar).
///
/// ```
/// use s3_policy_playground::policy::eval::PolicyDocument;
/// let e = PolicyDocument::parse("{\n  \"Statement\": [,]\n}").unwrap_err();
/// assert_eq!(e.line, Some(2));
/// assert!(e.to_string().starts_with("line 2, column"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong and what to do, lowercase, no final full stop.
    pub message: String,
    /// The 1-based line of a JSON syntax error.
    pub line: Option<usize>,
    /// The 1-based column of a JSON syntax error.
    pub column: Option<usize>,
    /// Where in the policy the element is, for example `Statement[0].Effect` (empty for the whole document).
    pub path: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            _ if !self.path.is_empty() => write!(f, "`{}`: {}", self.path, self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ParseError {}

fn grammar_error(path: &str, message: String) -> ParseError {
    ParseError {
        message,
        line: None,
        column: None,
        path: path.to_owned(),
    }
}

/// A short word for a JSON value's kind, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Keeps a message short when it quotes user input.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

impl PolicyDocument {
    /// Parses a policy from JSON text; a syntax error carries its line and column.
    ///
    /// AWS: "IAM policies are stored in AWS as JSON documents"
    /// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#access_policies-json>).
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::PolicyDocument;
    /// let e = PolicyDocument::parse(r#"{"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}"#).unwrap_err();
    /// assert_eq!(e.to_string(), "`Statement.Effect`: `allow` is not an effect: write `Allow` or `Deny` (the case matters)");
    /// ```
    pub fn parse(text: &str) -> Result<PolicyDocument, ParseError> {
        let value = json::parse(text).map_err(ParseError::from)?;
        PolicyDocument::from_json(&value)
    }

    /// Reads a policy from an already parsed JSON value.
    ///
    /// ```
    /// use s3_policy_playground::policy::eval::{ActionSpec, PolicyDocument};
    /// let v = s3_policy_playground::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["s3:Get*"], "Resource": "*"}]});
    /// let doc = PolicyDocument::from_json(&v).unwrap();
    /// assert_eq!(doc.statements[0].action, ActionSpec::NotAction(vec!["s3:Get*".into()]));
    /// ```
    pub fn from_json(value: &Value) -> Result<PolicyDocument, ParseError> {
        let Value::Object(map) = value else {
            return Err(grammar_error(
                "",
                format!(
                    "a policy is a JSON object, this is {}: start with `{{\"Version\": \"2012-10-17\", \"Statement\": [...]}}`",
                    kind(value)
                ),
            ));
        };
        for key in map.keys() {
            if !matches!(key.as_str(), "Version" | "Id" | "Statement") {
                return Err(grammar_error(
                    "",
                    format!(
                        "`{}` is not a policy element: the top level takes only `Version`, `Id` and `Statement`",
                        shorten(key)
                    ),
                ));
            }
        }
        let version = optional_string(map, "Version", "")?;
        let id = optional_string(map, "Id", "")?;
        let statements = match map.get("Statement") {
            None => {
                return Err(grammar_error(
                    "",
                    "the policy has no `Statement`: add `\"Statement\": [...]` with at least one statement".to_owned(),
                ))
            }
            Some(Value::Array(items)) => {
                if items.is_empty() {
                    return Err(grammar_error(
                        "Statement",
                        "`Statement` is empty: add at least one statement".to_owned(),
                    ));
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Statement::from_json(s, &format!("Statement[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?
            }
            Some(single @ Value::Object(_)) => vec![Statement::from_json(single, "Statement")?],
            Some(other) => {
                return Err(grammar_error(
                    "Statement",
                    format!("`Statement` is {}: write an object or an array of objects", kind(other)),
                ))
            }
        };
        Ok(PolicyDocument {
            version,
            id,
            statements,
        })
    }
}

impl From<json::ParseError> for ParseError {
    /// A JSON syntax error, with its position and a first line that says what to check.
    fn from(e: json::ParseError) -> ParseError {
        let hint = match e.kind {
            json::ErrorKind::Eof => "the policy ends too early: close every `{`, `[` and `\"`",
            json::ErrorKind::Syntax => {
                "this is not valid JSON here: check for a missing or extra comma, quote or bracket"
            }
            json::ErrorKind::Depth => "the policy nests too deep for an IAM policy",
        };
        ParseError {
            message: format!("{hint} ({})", e.message),
            line: Some(e.line),
            column: Some(e.column),
            path: String::new(),
        }
    }
}

fn optional_string(map: &Map, key: &str, prefix: &str) -> Result<Option<String>, ParseError> {
    let path = if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    };
    match map.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(grammar_error(
            &path,
            format!("`{key}` is {}: write it as a string", kind(other)),
        )),
    }
}

/// Reads an element that may be one string or an array of strings.
fn string_list(value: &Value, name: &str, path: &str) -> Result<Vec<String>, ParseError> {
    let list = match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(grammar_error(
                    path,
                    format!(
                        "`{name}` has {} in its list: write each entry as a string",
                        kind(other)
                    ),
                )),
            })
            .collect::<Result<Vec<_>, _>>()?,
        other => {
            return Err(grammar_error(
                path,
                format!(
                    "`{name}` is {}: write a string or an array of strings",
                    kind(other)
                ),
            ))
        }
    };
    if list.is_empty() {
        return Err(grammar_error(
            path,
            format!("`{name}` is empty: list at least one entry"),
        ));
    }
    Ok(list)
}

/// Picks exactly one of two alternative elements (`Action`/`NotAction`, `Resource`/`NotResource`).
fn one_of<'a>(
    map: &'a Map,
    yes: &str,
    no: &str,
    path: &str,
) -> Result<Option<(bool, &'a Value)>, ParseError> {
    match (map.get(yes), map.get(no)) {
        (Some(_), Some(_)) => Err(grammar_error(
            path,
            format!("the statement has both `{yes}` and `{no}`: keep only one"),
        )),
        (Some(v), None) => Ok(Some((true, v))),
        (None, Some(v)) => Ok(Some((false, v))),
        (None, None) => Ok(None),
    }
}

impl Statement {
    fn from_json(value: &Value, path: &str) -> Result<Statement, ParseError> {
        let Value::Object(map) = value else {
            return Err(grammar_error(
                path,
                format!("a statement is an object, this is {}: write `{{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}}`", kind(value)),
            ));
        };
        const KNOWN: [&str; 9] = [
            "Sid",
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Principal",
            "NotPrincipal",
            "Condition",
        ];
        for key in map.keys() {
            if !KNOWN.contains(&key.as_str()) {
                return Err(grammar_error(
                    path,
                    format!(
                        "`{}` is not a statement element: use `Sid`, `Effect`, `Action` or `NotAction`, `Resource` or `NotResource`, `Principal` or `NotPrincipal`, and `Condition`",
                        shorten(key)
                    ),
                ));
            }
        }
        let sid = optional_string(map, "Sid", path)?;
        let effect = match map.get("Effect") {
            None => {
                return Err(grammar_error(
                    path,
                    "the statement has no `Effect`: add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`".to_owned(),
                ))
            }
            Some(Value::String(s)) if s == "Allow" => Effect::Allow,
            Some(Value::String(s)) if s == "Deny" => Effect::Deny,
            Some(Value::String(s)) => {
                return Err(grammar_error(
                    &format!("{path}.Effect"),
                    format!("`{}` is not an effect: write `Allow` or `Deny` (the case matters)", shorten(s)),
                ))
            }
            Some(other) => {
                return Err(grammar_error(
                    &format!("{path}.Effect"),
                    format!("`Effect` is {}: write `\"Allow\"` or `\"Deny\"`", kind(other)),
                ))
            }
        };
        let action = match one_of(map, "Action", "NotAction", path)? {
            Some((true, v)) => {
                ActionSpec::Action(string_list(v, "Action", &format!("{path}.Action"))?)
            }
            Some((false, v)) => {
                ActionSpec::NotAction(string_list(v, "NotAction", &format!("{path}.NotAction"))?)
            }
            None => {
                return Err(grammar_error(
                    path,
                    "the statement has no `Action`: add `\"Action\": [...]` (or `NotAction`)"
                        .to_owned(),
                ))
            }
        };
        let resource = match one_of(map, "Resource", "NotResource", path)? {
            Some((true, v)) => ResourceSpec::Resource(string_list(v, "Resource", &format!("{path}.Resource"))?),
            Some((false, v)) => {
                ResourceSpec::NotResource(string_list(v, "NotResource", &format!("{path}.NotResource"))?)
            }
            None => {
                return Err(grammar_error(
                    path,
                    "the statement has no `Resource`: add `\"Resource\": \"arn:aws:s3:::BUCKET/*\"` (or `NotResource`)"
                        .to_owned(),
                ))
            }
        };
        let principal = match one_of(map, "Principal", "NotPrincipal", path)? {
            Some((yes, v)) => {
                let name = if yes { "Principal" } else { "NotPrincipal" };
                let entries = principal_entries(v, name, &format!("{path}.{name}"))?;
                Some(if yes {
                    PrincipalSpec::Principal(entries)
                } else {
                    PrincipalSpec::NotPrincipal(entries)
                })
            }
            None => None,
        };
        let condition = match map.get("Condition") {
            None => Vec::new(),
            Some(v) => condition_clauses(v, &format!("{path}.Condition"))?,
        };
        Ok(Statement {
            sid,
            effect,
            action,
            resource,
            principal,
            condition,
        })
    }
}

fn principal_entries(
    value: &Value,
    name: &str,
    path: &str,
) -> Result<Vec<PrincipalEntry>, ParseError> {
    match value {
        Value::String(s) if s == "*" => Ok(vec![PrincipalEntry {
            kind: "*".to_owned(),
            value: "*".to_owned(),
        }]),
        Value::Object(map) => {
            let mut entries = Vec::new();
            for (kind_name, v) in map {
                for value in string_list(v, &format!("{name}.{kind_name}"), path)? {
                    entries.push(PrincipalEntry {
                        kind: kind_name.clone(),
                        value,
                    });
                }
            }
            if entries.is_empty() {
                return Err(grammar_error(path, format!("`{name}` is empty: name at least one principal")));
            }
            Ok(entries)
        }
        other => Err(grammar_error(
            path,
            format!("`{name}` is {}: write `\"*\"` or an object such as `{{\"AWS\": \"arn:aws:iam::111122223333:user/name\"}}`", kind(other)),
        )),
    }
}

fn condition_clauses(value: &Value, path: &str) -> Result<Vec<ConditionClause>, ParseError> {
    let Value::Object(ops) = value else {
        return Err(grammar_error(
            path,
            format!(
                "`Condition` is {}: write an object such as `{{\"Bool\": {{\"aws:SecureTransport\": \"true\"}}}}`",
                kind(value)
            ),
        ));
    };
    let mut clauses = Vec::new();
    for (operator, keys) in ops {
        let Value::Object(keys) = keys else {
            return Err(grammar_error(
                path,
                format!(
                    "the `{}` condition is {}: write an object of context keys and values",
                    shorten(operator),
                    kind(keys)
                ),
            ));
        };
        for (key, values) in keys {
            let values = match values {
                Value::Array(items) => items
                    .iter()
                    .map(|v| scalar(v, operator, key, path))
                    .collect::<Result<Vec<_>, _>>()?,
                single => vec![scalar(single, operator, key, path)?],
            };
            clauses.push(ConditionClause {
                operator: operator.clone(),
                key: key.clone(),
                values,
            });
        }
    }
    Ok(clauses)
}

fn scalar(value: &Value, operator: &str, key: &str, path: &str) -> Result<String, ParseError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(grammar_error(
            path,
            format!(
                "the value of `{}` under `{}` is {}: write a string, a number, a boolean or an array of them",
                shorten(key),
                shorten(operator),
                kind(other)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match PolicyDocument::parse(text) {
            Ok(doc) => format!("parsed: {doc:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn statement_may_be_an_object_or_an_array() {
        let one = r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
        let many = r#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}"#;
        let a = PolicyDocument::parse(one).map(|d| d.statements);
        let b = PolicyDocument::parse(many).map(|d| d.statements);
        assert_eq!(a, b);
    }

    #[test]
    fn errors_say_what_to_fix() {
        assert_eq!(err("[]"), "a policy is a JSON object, this is an array: start with `{\"Version\": \"2012-10-17\", \"Statement\": [...]}`");
        assert_eq!(
            err("{}"),
            "the policy has no `Statement`: add `\"Statement\": [...]` with at least one statement"
        );
        assert_eq!(
            err(r#"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#),
            "`Statement[0]`: the statement has no `Action`: add `\"Action\": [...]` (or `NotAction`)"
        );
        assert_eq!(
            err(r#"{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}"#),
            "`Statement[0].Action`: `Action` is empty: list at least one entry"
        );
        assert_eq!(
            err(
                r#"{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"*","Resource":"*"}]}"#
            ),
            "`Statement[0]`: the statement has both `Action` and `NotAction`: keep only one"
        );
        assert!(
            err("{\"Statement\": [}").starts_with("line 1, column 16: this is not valid JSON here")
        );
        assert!(err("{").starts_with("line 1, column 1: the policy ends too early"));
    }

    #[test]
    fn condition_values_keep_their_text() {
        let doc = PolicyDocument::parse(
            r#"{"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:max-keys":[10, 2.5]}}}}"#,
        );
        let clauses = doc.map(|d| {
            d.statements
                .into_iter()
                .flat_map(|s| s.condition)
                .collect::<Vec<_>>()
        });
        assert_eq!(
            clauses,
            Ok(vec![
                ConditionClause {
                    operator: "Bool".into(),
                    key: "aws:SecureTransport".into(),
                    values: vec!["false".into()]
                },
                ConditionClause {
                    operator: "NumericLessThan".into(),
                    key: "s3:max-keys".into(),
                    values: vec!["10".into(), "2.5".into()]
                },
            ])
        );
    }
}
