//! A small JSON module for the core: a [`Value`] whose objects keep their insertion order, the compact and
//! pretty printers (byte for byte what `serde_json` prints), and a parser whose errors give the line, the
//! column, what was expected and what to do.
//!
//! It replaces `serde_json` in the core so the page's wasm carries no serde machinery, float parsing or
//! formatting. Numbers are kept as their JSON text: the core writes only integers and reads numbers only to
//! show them or compare them as text, so nothing needs them as floats.
//!
//! RFC 8259: <https://www.rfc-editor.org/rfc/rfc8259>.
//!
//! ```
//! use s3_policy_playground::json;
//! use s3_policy_playground::policy::json::parse;
//!
//! let value = json!({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow" }] });
//! assert_eq!(value.to_string(), r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}"#);
//! assert_eq!(parse(&value.to_pretty()), Ok(value));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Index;

/// How deep arrays and objects may nest: the same limit as `serde_json`'s, far beyond any IAM policy, and low
/// enough that the recursive parser, printers and drop cannot exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
///
/// Equality is structural and, for objects, order-sensitive: two objects are equal when they list the same
/// entries in the same order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in insertion order.
    Object(Map),
}

/// A JSON number, kept as the text that represents it (for example `10`, `-0.5` or `1e3`).
///
/// ```
/// use s3_policy_playground::policy::json::{parse, Number, Value};
/// assert_eq!(Number::from(7u32).to_string(), "7");
/// assert_eq!(parse("2.50").unwrap().to_string(), "2.50");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The number's JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(n.to_string())
            }
        }

        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::Number(Number::from(*self))
            }
        }

        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(Number::from(n))
            }
        }

        impl PartialEq<$t> for Value {
            fn eq(&self, other: &$t) -> bool {
                matches!(self, Value::Number(n) if n.0 == other.to_string())
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// A JSON object: string keys with values, in insertion order. A key appears at most once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }

    /// Sets `key` to `value`; an existing key keeps its place and gets the new value, which is what
    /// `serde_json` with `preserve_order` does. Returns the value it replaced.
    ///
    /// ```
    /// use s3_policy_playground::policy::json::{Map, Value};
    /// let mut map = Map::new();
    /// map.insert("a".into(), Value::from(1u32));
    /// map.insert("b".into(), Value::from(2u32));
    /// assert_eq!(map.insert("a".into(), Value::from(3u32)), Some(Value::from(1u32)));
    /// assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
    /// ```
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// The value of `key`, if the object has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether the object has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the object has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    /// The string, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, when this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The object, when this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The value pretty-printed with two-space indentation, exactly as `serde_json::to_string_pretty` prints it.
    ///
    /// ```
    /// use s3_policy_playground::json;
    /// assert_eq!(json!({"a": [1, "b"], "c": {}}).to_pretty(), "{\n  \"a\": [\n    1,\n    \"b\"\n  ],\n  \"c\": {}\n}");
    /// ```
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write_pretty(&mut out, self, 0);
        out
    }
}

/// The value compact, exactly as `serde_json::to_string` prints it.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_compact(&mut out, self);
        f.write_str(&out)
    }
}

static NULL: Value = Value::Null;

/// `value["key"]`: the entry, or `null` when this is not an object or has no such key (never panics).
impl Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

/// `value[0]`: the item, or `null` when this is not an array or is shorter (never panics).
impl Index<usize> for Value {
    type Output = Value;

    fn index(&self, index: usize) -> &Value {
        match self {
            Value::Array(items) => items.get(index).unwrap_or(&NULL),
            _ => &NULL,
        }
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        *self == Value::Bool(*other)
    }
}

/// Turns a Rust value into a [`Value`]; what the [`json!`](crate::json) macro calls on every expression.
pub trait ToJson {
    /// The JSON value.
    fn to_json(&self) -> Value;
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for Map {
    fn to_json(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson + ?Sized> From<&T> for Value {
    fn from(value: &T) -> Value {
        value.to_json()
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Object(map)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// Builds a [`Value`](crate::policy::json::Value) from JSON-like syntax: `{ "key": value, ... }`,
/// `[value, ...]`, `null`, or any expression whose type implements
/// [`ToJson`](crate::policy::json::ToJson) (strings, integers, booleans, slices, `Value`s), taken by reference.
///
/// ```
/// use s3_policy_playground::json;
/// let days = 30u32;
/// let rule = json!({ "Status": "Enabled", "Expiration": { "Days": days }, "Tags": [], "Filter": null });
/// assert_eq!(rule.to_string(), r#"{"Status":"Enabled","Expiration":{"Days":30},"Tags":[],"Filter":null}"#);
/// ```
#[macro_export]
macro_rules! json {
    // Object entries: a literal key, `:`, then the value's tokens up to the next top-level `,`.
    (@object $map:ident ()) => {};
    (@object $map:ident ($key:literal : $($rest:tt)*)) => {
        $crate::json!(@value $map $key () ($($rest)*))
    };
    (@value $map:ident $key:literal ($($value:tt)+) (, $($rest:tt)*)) => {
        $map.insert(::std::string::String::from($key), $crate::json!($($value)+));
        $crate::json!(@object $map ($($rest)*));
    };
    (@value $map:ident $key:literal ($($value:tt)+) ()) => {
        $map.insert(::std::string::String::from($key), $crate::json!($($value)+));
    };
    (@value $map:ident $key:literal ($($value:tt)*) ($next:tt $($rest:tt)*)) => {
        $crate::json!(@value $map $key ($($value)* $next) ($($rest)*))
    };
    // Array items: each item's tokens up to the next top-level `,`, collected into `vec![...]`.
    (@array [$($items:expr,)*] () ()) => {
        ::std::vec![$($items,)*]
    };
    (@array [$($items:expr,)*] ($($value:tt)+) ()) => {
        ::std::vec![$($items,)* $crate::json!($($value)+),]
    };
    (@array [$($items:expr,)*] ($($value:tt)+) (, $($rest:tt)*)) => {
        $crate::json!(@array [$($items,)* $crate::json!($($value)+),] () ($($rest)*))
    };
    (@array [$($items:expr,)*] ($($value:tt)*) ($next:tt $($rest:tt)*)) => {
        $crate::json!(@array [$($items,)*] ($($value)* $next) ($($rest)*))
    };
    (null) => {
        $crate::policy::json::Value::Null
    };
    ([ $($body:tt)* ]) => {
        $crate::policy::json::Value::Array($crate::json!(@array [] () ($($body)*)))
    };
    ({ $($body:tt)* }) => {{
        #[allow(unused_mut)]
        let mut map = $crate::policy::json::Map::new();
        $crate::json!(@object map ($($body)*));
        $crate::policy::json::Value::Object(map)
    }};
    ($other:expr) => {
        $crate::policy::json::ToJson::to_json(&$other)
    };
}

/// Writes `s` as a JSON string the way `serde_json` does: `"` and `\` escaped, the control characters as
/// `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX` (lowercase hex), everything else as it is.
fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let short = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{8}' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\u{c}' => "\\f",
            '\r' => "\\r",
            c if c < ' ' => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if short.is_empty() {
            let b = c as usize;
            out.push_str("\\u00");
            for digit in [b >> 4, b & 0xf] {
                out.push(HEX.get(digit).map_or('0', |&h| char::from(h)));
            }
        } else {
            out.push_str(short);
        }
        start = i + c.len_utf8();
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

fn write_compact(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_compact(out, item);
            }
            out.push('}');
        }
    }
}

fn push_indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_pretty(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(out, level + 1);
                write_pretty(out, item, level + 1);
            }
            out.push('\n');
            push_indent(out, level);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(out, level + 1);
                write_string(out, key);
                out.push_str(": ");
                write_pretty(out, item, level + 1);
            }
            out.push('\n');
            push_indent(out, level);
            out.push('}');
        }
        other => write_compact(out, other),
    }
}

/// What kind of mistake a [`ParseError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ends before the JSON value does (an unclosed `{`, `[` or `"`, or nothing at all).
    Eof,
    /// A character that cannot stand where it is.
    Syntax,
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    Depth,
}

/// Why a text is not JSON: where (1-based line and column, counted in characters) and what to do.
///
/// ```
/// use s3_policy_playground::policy::json::{parse, ErrorKind};
/// let e = parse("{\n  \"a\": [1, 2,]\n}").unwrap_err();
/// assert_eq!((e.kind, e.line, e.column), (ErrorKind::Syntax, 2, 14));
/// assert_eq!(e.to_string(), "line 2, column 14: a comma before `]`: remove the comma after the last entry");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The kind of mistake.
    pub kind: ErrorKind,
    /// The 1-based line: of the offending character, or of the last one for [`ErrorKind::Eof`].
    pub line: usize,
    /// The 1-based column in characters, on `line`.
    pub column: usize,
    /// What is wrong and what to do, lowercase, no final full stop, without the position.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses one JSON value (with white space around it) from `text`. Never panics; duplicate keys keep the
/// first key's place and the last value, as `serde_json` with `preserve_order` does.
///
/// ```
/// use s3_policy_playground::policy::json::parse;
/// let value = parse(r#"{"a": "\u00e9\ud83d\ude00", "b": [true, null, -1.5e3], "a": 2}"#).unwrap();
/// assert_eq!(value.to_string(), r#"{"a":2,"b":[true,null,-1.5e3]}"#);
/// let e = parse("{\"a\": 'x'}").unwrap_err();
/// assert_eq!(e.to_string(), "line 1, column 7: strings are written in double quotes `\"`, not single quotes `'`");
/// ```
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        open: Vec::new(),
    };
    let value = parser.value(0)?;
    parser.skip_white_space();
    match parser.found() {
        None => Ok(value),
        Some(found) => Err(parser.syntax(
            parser.pos,
            format!("more text after the end of the JSON value, from {found} on: remove it, or put the values inside one `[...]` or `{{...}}`"),
        )),
    }
}

// INVARIANT: messages quote at most one character or one escape of the input, never a word or a key: the
// line and column already point at it, and audit mode's style checks (tests/audit_fuzz.rs) hold for any input.
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The byte offset of the next character; always on a character boundary.
    pos: usize,
    /// The `{`, `[` and `"` that are open, with their byte offsets, innermost last.
    open: Vec<(u8, usize)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_white_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The character at the current position, described for a message: `` `x` ``, or `U+0001` for an invisible one.
    fn found(&self) -> Option<String> {
        let c = self.text.get(self.pos..)?.chars().next()?;
        // Invisible characters (a byte order mark, zero-width spaces) are named by their code point.
        let invisible = c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
            );
        Some(if invisible {
            format!("U+{:04X}", u32::from(c))
        } else {
            format!("`{c}`")
        })
    }

    fn found_or_end(&self) -> String {
        self.found().unwrap_or_else(|| "the end".to_owned())
    }

    /// The 1-based line and column (in characters) of byte offset `pos`.
    fn line_column(&self, pos: usize) -> (usize, usize) {
        let before = self.text.get(..pos).unwrap_or(self.text);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    fn error(&self, kind: ErrorKind, pos: usize, message: String) -> ParseError {
        let (line, column) = self.line_column(pos);
        ParseError {
            kind,
            line,
            column,
            message,
        }
    }

    fn syntax(&self, pos: usize, message: impl Into<String>) -> ParseError {
        self.error(ErrorKind::Syntax, pos, message.into())
    }

    /// The text ended too early: points at its last visible character and names what is still open.
    fn eof(&self) -> ParseError {
        let message = match self.open.last() {
            Some(&(opener, at)) => {
                let (line, column) = self.line_column(at);
                match opener {
                    b'"' => format!("the string that starts at line {line}, column {column} has no closing `\"`"),
                    b'[' => format!("the `[` at line {line}, column {column} is not closed with `]`"),
                    _ => format!("the `{{` at line {line}, column {column} is not closed with `}}`"),
                }
            }
            None if self.text.trim().is_empty() => "the text is empty".to_owned(),
            None => "the value at the end is cut short".to_owned(),
        };
        let last = self
            .text
            .char_indices()
            .rev()
            .find(|(_, c)| !matches!(c, ' ' | '\t' | '\n' | '\r'))
            .map_or(0, |(i, _)| i);
        self.error(ErrorKind::Eof, last, message)
    }

    /// A closing bracket that does not match the innermost open one, if it is one.
    fn mismatched(&self) -> Option<ParseError> {
        let found = self.peek()?;
        let &(opener, at) = self.open.last()?;
        let (want, other) = match (opener, found) {
            (b'[', b'}') => (']', '}'),
            (b'{', b']') => ('}', ']'),
            _ => return None,
        };
        let (line, column) = self.line_column(at);
        Some(self.syntax(
            self.pos,
            format!(
                "`{other}` closes the `{}` at line {line}, column {column}: close it with `{want}`",
                char::from(opener)
            ),
        ))
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.skip_white_space();
        match self.peek() {
            None => Err(self.eof()),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'\'') => Err(self.syntax(
                self.pos,
                "strings are written in double quotes `\"`, not single quotes `'`",
            )),
            Some(b) if b.is_ascii_alphabetic() => self.literal(),
            Some(_) => Err(self.mismatched().unwrap_or_else(|| {
                self.syntax(
                    self.pos,
                    format!(
                        "expected a value (a string in double quotes, a number, `true`, `false`, `null`, `[...]` or `{{...}}`), found {}",
                        self.found_or_end()
                    ),
                )
            })),
        }
    }

    /// Enters an array or object at the current position, or refuses to past [`MAX_DEPTH`].
    fn open(&mut self, depth: usize) -> Result<(), ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(
                ErrorKind::Depth,
                self.pos,
                format!("arrays and objects nest more than {MAX_DEPTH} levels deep here: remove the extra `[` or `{{`"),
            ));
        }
        if let Some(b) = self.peek() {
            self.open.push((b, self.pos));
        }
        self.pos += 1;
        self.skip_white_space();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.open(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.open.pop();
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.after_entry(b']', "an array entry")? {
                return Ok(Value::Array(items));
            }
        }
    }

    /// After an entry of an array or an object: a comma before the next entry (`false`), or the
    /// `close` that ends the container (`true`, consumed and the container closed). `entry`
    /// names the entry in the message when neither comes.
    fn after_entry(&mut self, close: u8, entry: &str) -> Result<bool, ParseError> {
        self.skip_white_space();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_white_space();
                if self.peek() == Some(close) {
                    return Err(self.syntax(
                        self.pos,
                        format!(
                            "a comma before `{}`: remove the comma after the last entry",
                            char::from(close)
                        ),
                    ));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.open.pop();
                Ok(true)
            }
            None => Err(self.eof()),
            Some(_) => Err(self.mismatched().unwrap_or_else(|| {
                self.syntax(
                    self.pos,
                    format!(
                        "expected `,` or `{}` after {entry}, found {}",
                        char::from(close),
                        self.found_or_end()
                    ),
                )
            })),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.open(depth)?;
        let mut map = Map::new();
        // Where each key is in `map`, so a duplicate key costs a lookup rather than a scan.
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.open.pop();
            return Ok(Value::Object(map));
        }
        loop {
            let key = match self.peek() {
                Some(b'"') => self.string()?,
                None => return Err(self.eof()),
                Some(b'\'') => {
                    return Err(self.syntax(
                        self.pos,
                        "keys are written in double quotes `\"`, not single quotes `'`",
                    ))
                }
                Some(b) if b.is_ascii_alphabetic() => {
                    return Err(self.syntax(
                        self.pos,
                        "a key without double quotes: write keys in double quotes, such as `\"Effect\"`",
                    ));
                }
                Some(_) => {
                    return Err(self.mismatched().unwrap_or_else(|| {
                        self.syntax(
                            self.pos,
                            format!(
                                "expected a key in double quotes, such as `\"Effect\"`, found {}",
                                self.found_or_end()
                            ),
                        )
                    }))
                }
            };
            self.skip_white_space();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.eof()),
                Some(_) => {
                    return Err(self.syntax(
                        self.pos,
                        format!("expected `:` after the key, found {}", self.found_or_end()),
                    ))
                }
            }
            let value = self.value(depth + 1)?;
            match index.get(&key).and_then(|&i| map.entries.get_mut(i)) {
                Some((_, old)) => *old = value,
                None => {
                    index.insert(key.clone(), map.entries.len());
                    map.entries.push((key.clone(), value));
                }
            }
            if self.after_entry(b'}', "an entry of the object")? {
                return Ok(Value::Object(map));
            }
        }
    }

    fn literal(&mut self) -> Result<Value, ParseError> {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = rest.get(..len).unwrap_or_default();
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ if len == rest.len() && ["true", "false", "null"].iter().any(|w| w.starts_with(word)) => {
                return Err(self.eof())
            }
            _ => {
                return Err(self.syntax(
                    self.pos,
                    "a word without double quotes is not a JSON value: write `true`, `false` or `null` in lowercase, or put text in double quotes",
                ))
            }
        };
        self.pos += len;
        Ok(value)
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// At least one digit, after `what`.
    fn required_digits(&mut self, what: &str) -> Result<(), ParseError> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => Err(self.eof()),
            Some(_) => Err(self.syntax(
                self.pos,
                format!("expected a digit {what}, found {}", self.found_or_end()),
            )),
        }
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
            if matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.syntax(
                    start,
                    "a number starts with `0` and more digits: JSON numbers have no leading zeros (put an id such as an account number in double quotes)",
                ));
            }
        } else {
            self.required_digits("after `-`")?;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits("after the decimal point")?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.required_digits("in the exponent")?;
        }
        let text = self.text.get(start..self.pos).unwrap_or("0");
        Ok(Value::Number(Number(text.to_owned())))
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let open_at = self.pos;
        self.open.push((b'"', open_at));
        self.pos += 1;
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'"') => break,
                Some(b'\\') => {
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    out.push(self.escape()?);
                    start = self.pos;
                }
                Some(b'\n') => {
                    let (line, column) = self.line_column(open_at);
                    return Err(self.syntax(
                        self.pos,
                        format!("the string that starts at line {line}, column {column} has no closing `\"` before the line ends: add the `\"`, or write a line break inside a string as `\\n`"),
                    ));
                }
                Some(b) if b < 0x20 => {
                    let message = format!(
                        "a string holds the control character U+{b:04X}: write it as `\\u{b:04x}`"
                    );
                    return Err(self.syntax(self.pos, message));
                }
                Some(_) => self.pos += 1,
            }
        }
        out.push_str(self.text.get(start..self.pos).unwrap_or_default());
        self.pos += 1;
        self.open.pop();
        Ok(out)
    }

    /// One escape sequence, at the `\`.
    fn escape(&mut self) -> Result<char, ParseError> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            None => return Err(self.eof()),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                return self.unicode_escape(at);
            }
            Some(_) => {
                let found = match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
                    Some(c) if !c.is_control() && !c.is_whitespace() => format!("`\\{c}`"),
                    _ => "a `\\` before white space or a control character".to_owned(),
                };
                return Err(self.syntax(
                    at,
                    format!("{found} is not a JSON escape: write `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\u` and four hex digits (a lone backslash is `\\\\`)"),
                ));
            }
        };
        self.pos += 1;
        Ok(c)
    }

    /// Four hex digits of the `\u` escape at `at`.
    fn hex4(&mut self, at: usize) -> Result<u32, ParseError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.eof()),
                Some(b) => char::from(b).to_digit(16),
            };
            let Some(digit) = digit else {
                return Err(self.syntax(
                    at,
                    "`\\u` takes four hex digits (0-9, a-f), such as `\\u00e9`",
                ));
            };
            n = n * 16 + digit;
            self.pos += 1;
        }
        Ok(n)
    }

    /// The `\uXXXX` escape at `at` (the `u` is consumed), with the second half of a surrogate pair if needed.
    fn unicode_escape(&mut self, at: usize) -> Result<char, ParseError> {
        let first = self.hex4(at)?;
        let written = |p: &Self| p.text.get(at..p.pos).unwrap_or_default().to_owned();
        let code = match first {
            0xD800..=0xDBFF => {
                let high = written(self);
                if self.peek().is_none() {
                    return Err(self.eof());
                }
                if self.peek() != Some(b'\\') || self.bytes.get(self.pos + 1) != Some(&b'u') {
                    return Err(self.syntax(
                        at,
                        format!("`{high}` is the first half of a surrogate pair: follow it with the second half, `\\uDC00` to `\\uDFFF`"),
                    ));
                }
                self.pos += 2;
                let second = self.hex4(at)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.syntax(
                        at,
                        format!("`{}` is not a surrogate pair: the second half is `\\uDC00` to `\\uDFFF`", written(self)),
                    ));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(self.syntax(
                    at,
                    format!("`{}` is the second half of a surrogate pair: put the first half, `\\uD800` to `\\uDBFF`, before it", written(self)),
                ))
            }
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| {
            self.syntax(
                at,
                format!("`{}` is not a Unicode character", written(self)),
            )
        })
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a failing test may panic")]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_serde_json_does() {
        let value = Value::from("a\"b\\c\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}é😀/");
        assert_eq!(
            value.to_string(),
            "\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\u{7f}é😀/\""
        );
        assert_eq!(parse(&value.to_string()).unwrap(), value);
    }

    #[test]
    fn duplicate_keys_keep_the_first_place_and_the_last_value() {
        let value = parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(value.to_string(), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn depth_is_limited() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = parse(&deep).unwrap_err();
        assert_eq!(
            (e.kind, e.line, e.column),
            (ErrorKind::Depth, 1, MAX_DEPTH + 1)
        );
        let huge = "[".repeat(1_000_000);
        assert_eq!(parse(&huge).unwrap_err().kind, ErrorKind::Depth);
    }
}
