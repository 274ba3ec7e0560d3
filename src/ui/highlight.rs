//! JSON syntax highlighting, line-by-line change marks and escaped line markup for the code views.
//!
//! Pure functions (tested natively): `code_view` only hands their output to the DOM.

/// What a run of JSON text is, for its CSS class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    Key,
    String,
    Number,
    Literal,
    Punctuation,
    Space,
}

impl Token {
    pub fn class(self) -> &'static str {
        match self {
            Token::Key => "pg-json__key",
            Token::String => "pg-json__string",
            Token::Number => "pg-json__number",
            Token::Literal => "pg-json__literal",
            Token::Punctuation => "pg-json__punct",
            Token::Space => "",
        }
    }
}

/// Splits one line of pretty-printed JSON into classified runs; concatenated, they are the line.
pub fn tokenize_line(line: &str) -> Vec<(Token, &str)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(first) = rest.chars().next() {
        let len = match first {
            '"' => {
                let mut escaped = false;
                let mut end = rest.len();
                for (i, c) in rest.char_indices().skip(1) {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        end = i + 1;
                        break;
                    }
                }
                let is_key = rest[end..].trim_start().starts_with(':');
                out.push((
                    if is_key { Token::Key } else { Token::String },
                    &rest[..end],
                ));
                end
            }
            c if c.is_whitespace() => {
                let end = rest
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(rest.len());
                out.push((Token::Space, &rest[..end]));
                end
            }
            '{' | '}' | '[' | ']' | ':' | ',' => {
                out.push((Token::Punctuation, &rest[..1]));
                1
            }
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']' | ':'))
                    .unwrap_or(rest.len())
                    .max(first.len_utf8());
                let word = &rest[..end];
                let token = if word.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                    Token::Number
                } else {
                    Token::Literal
                };
                out.push((token, word));
                end
            }
        };
        rest = &rest[len..];
    }
    out
}

/// How a line of the new text relates to the previous text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineMark {
    /// The line is new in this version.
    pub added: bool,
    /// Lines of the previous version were removed just before this one (or at the end).
    pub removed_before: usize,
}

/// Marks the lines of `new` that were added since `old`, and where lines were removed, with a
/// longest-common-subsequence diff. The result has one mark per line of `new`, plus one for
/// removals after the last line.
///
/// Lines the two texts share at the start and the end are matched first (they are in some longest
/// common subsequence), so the quadratic table covers only the changed middle: a change to a
/// 150-line export compares a few lines, not 22,500 pairs.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<LineMark> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
    let suffix = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let middle = diff_middle(
        &old_rest[..old_rest.len() - suffix],
        &new_rest[..new_rest.len() - suffix],
    );
    // The middle's marks, with its extra (removals after its last line) landing on the first line
    // of the shared end, or on the extra mark when there is none.
    let mut marks = vec![LineMark::default(); prefix];
    let middle_extra = middle.last().copied().unwrap_or_default();
    marks.extend_from_slice(&middle[..middle.len() - 1]);
    let mut end = vec![LineMark::default(); suffix + 1];
    end[0].removed_before += middle_extra.removed_before;
    marks.extend(end);
    marks
}

/// [`diff_lines`] over the whole of both texts: the longest-common-subsequence table.
fn diff_middle(old: &[&str], new: &[&str]) -> Vec<LineMark> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: the LCS length of old[i..] and new[j..]. Policies are small (under 200 lines).
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut marks = vec![
        LineMark {
            added: false,
            removed_before: 0
        };
        m + 1
    ];
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removals before additions, as a unified diff shows them: an edited line is marked
            // as added with its old version removed just above it, and `code_view` can rewrite
            // the old line in place.
            marks[j].removed_before += 1;
            i += 1;
        } else {
            marks[j].added = true;
            j += 1;
        }
    }
    marks
}

/// A whole code block's lines as HTML, unmarked, in the `pg-code__lines` wrapper the code view
/// patches line by line.
pub fn block_html(text: &str, json: bool) -> String {
    format!(
        "<span class=\"pg-code__lines\">{}</span>",
        lines_html(text, json)
    )
}

/// Every line of `text` as HTML, unmarked.
pub fn lines_html(text: &str, json: bool) -> String {
    let mut html = String::with_capacity(text.len() * 2 + 32);
    for line in text.lines() {
        push_line_html(&mut html, line, LineMark::default(), json);
    }
    html
}

/// The class attribute of a line with this mark.
pub fn line_class(mark: LineMark) -> &'static str {
    match (mark.added, mark.removed_before > 0) {
        (false, false) => "pg-code__line",
        (true, false) => "pg-code__line is-added",
        (false, true) => "pg-code__line is-removed-before",
        (true, true) => "pg-code__line is-added is-removed-before",
    }
}

/// The title of a line with this mark, if it has one.
pub fn line_title(mark: LineMark) -> Option<String> {
    (mark.removed_before > 0).then(|| format!("{} line(s) removed above", mark.removed_before))
}

/// Appends one line of a code block as HTML: a `pg-code__line` span marked as `mark` says, with
/// JSON runs in spans of their class when `json` is set, ending in a newline. Every character of
/// `line` is escaped, so the markup is only ever ours.
pub fn push_line_html(html: &mut String, line: &str, mark: LineMark, json: bool) {
    html.push_str("<span class=\"");
    html.push_str(line_class(mark));
    if let Some(title) = line_title(mark) {
        html.push_str("\" title=\"");
        html.push_str(&title);
    }
    html.push_str("\">");
    if json {
        for (token, run) in tokenize_line(line) {
            match token.class() {
                "" => escape_into(html, run),
                class => {
                    html.push_str("<span class=\"");
                    html.push_str(class);
                    html.push_str("\">");
                    escape_into(html, run);
                    html.push_str("</span>");
                }
            }
        }
    } else {
        escape_into(html, line);
    }
    html.push_str("\n</span>");
}

/// How an edited line's content changes in place, when its old and new text stand at the same
/// position: no HTML is parsed for it, as it would be for a removed line and an added one.
#[derive(Debug, PartialEq, Eq)]
pub enum LineEdit {
    /// A plain (not JSON) line: its whole text, with its newline, as the line's one text node.
    Text(String),
    /// JSON with the same runs of the same kinds: the runs whose text changed, by index among
    /// the line's child nodes (a span per run, a text node per space, then the newline).
    Runs(Vec<(u32, String)>),
}

/// What to change in the line showing `old` so that it shows `new`, as `push_line_html` would
/// write it; `None` for a JSON line whose runs changed kind or that ends in a space: insert it
/// as markup.
pub fn line_edit(old: &str, new: &str, json: bool) -> Option<LineEdit> {
    if !json {
        return Some(LineEdit::Text(format!("{new}\n")));
    }
    let (old, new) = (tokenize_line(old), tokenize_line(new));
    let same_kinds = old.len() == new.len() && old.iter().zip(&new).all(|(a, b)| a.0 == b.0);
    // A space at the end shares its text node with the newline; such lines are rare enough to
    // go the markup way.
    if !same_kinds || new.last().is_some_and(|(token, _)| *token == Token::Space) {
        return None;
    }
    let runs = old
        .iter()
        .zip(&new)
        .enumerate()
        .filter(|(_, (a, b))| a.1 != b.1)
        .filter_map(|(i, (_, b))| Some((u32::try_from(i).ok()?, b.1.to_string())))
        .collect::<Vec<_>>();
    Some(LineEdit::Runs(runs))
}

/// Appends `text` with the five characters that mean something in HTML text or a quoted
/// attribute replaced by their entities.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's child nodes as the HTML parser makes them from `push_line_html`: (span class or
    /// `None` for a text node, text). Adjacent text merges, as in the DOM.
    fn parsed_children(line: &str, json: bool) -> Vec<(Option<&'static str>, String)> {
        let mut nodes: Vec<(Option<&'static str>, String)> = Vec::new();
        let push_text =
            |nodes: &mut Vec<(Option<&'static str>, String)>, text: &str| match nodes.last_mut() {
                Some((None, last)) => last.push_str(text),
                _ => nodes.push((None, text.to_string())),
            };
        if json {
            for (token, run) in tokenize_line(line) {
                match token.class() {
                    "" => push_text(&mut nodes, run),
                    class => nodes.push((Some(class), run.to_string())),
                }
            }
        } else {
            push_text(&mut nodes, line);
        }
        push_text(&mut nodes, "\n");
        nodes.retain(|(class, text)| class.is_some() || !text.is_empty());
        nodes
    }

    /// What `code_view` does with a `LineEdit` to the parsed line: whole text, or run by run.
    fn apply(
        mut nodes: Vec<(Option<&'static str>, String)>,
        edit: LineEdit,
    ) -> Vec<(Option<&'static str>, String)> {
        match edit {
            LineEdit::Text(text) => vec![(None, text)],
            LineEdit::Runs(runs) => {
                for (i, text) in runs {
                    nodes[i as usize].1 = text;
                }
                nodes
            }
        }
    }

    #[test]
    fn an_edit_in_place_leaves_the_line_as_its_markup_would() {
        let cases = [
            (
                r#"  "Resource": "arn:aws:s3:::old-name/*","#,
                r#"  "Resource": "arn:aws:s3:::new/*","#,
            ),
            (r#"      "s3:PutObject","#, r#"      "s3:DeleteObject","#),
            (r#"  "Days": 30"#, r#"  "Days": 365"#),
            (r#"  "Enabled": true,"#, r#"  "Enabled": false,"#),
            ("}", "}"),
            ("", ""),
            (
                "aws s3api create-bucket --bucket old",
                "aws s3api create-bucket --bucket new",
            ),
        ];
        for (old, new) in cases {
            for json in [true, false] {
                let Some(edit) = line_edit(old, new, json) else {
                    panic!("{old:?} → {new:?} has the same runs and edits in place");
                };
                assert_eq!(
                    apply(parsed_children(old, json), edit),
                    if json {
                        parsed_children(new, json)
                    } else {
                        vec![(None, format!("{new}\n"))]
                    },
                    "{old:?} → {new:?} (json {json})"
                );
            }
        }
    }

    #[test]
    fn runs_of_another_kind_or_a_trailing_space_go_as_markup() {
        assert_eq!(
            line_edit(r#"  "Days": 30"#, r#"  "Days": "30""#, true),
            None
        );
        assert_eq!(line_edit(r#"  "A": 1"#, r#"  "A": 1,"#, true), None);
        assert_eq!(line_edit(r#"  "A": 1 "#, r#"  "A": 2 "#, true), None);
        assert!(line_edit(r#"  "A": 1 "#, r#"  "A": 2 "#, false).is_some());
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever two lines are, an edit in place shows exactly what the new line's markup shows.
        #[test]
        fn edits_in_place_match_the_markup(
            old in r#"[ "a-z0-9:,{}\[\]\\]{0,40}"#,
            new in r#"[ "a-z0-9:,{}\[\]\\]{0,40}"#,
        ) {
            if let Some(edit) = line_edit(&old, &new, true) {
                proptest::prop_assert_eq!(apply(parsed_children(&old, true), edit), parsed_children(&new, true));
            }
        }
    }

    #[test]
    fn tokens_concatenate_back_to_the_line() {
        for line in [
            r#"  "Action": ["s3:GetObject", "s3:PutObject"],"#,
            r#"    "Days": 30,"#,
            r#"  "Enabled": true"#,
            r#"  "Text": "a \"quoted\" word: yes","#,
            "}",
        ] {
            let joined: String = tokenize_line(line).iter().map(|(_, s)| *s).collect();
            assert_eq!(joined, line);
        }
    }

    #[test]
    fn keys_strings_numbers_and_literals_are_told_apart() {
        let tokens: Vec<(Token, &str)> = tokenize_line(r#""Days": 30, "On": true, "S": "x""#)
            .into_iter()
            .filter(|(t, _)| !matches!(t, Token::Space | Token::Punctuation))
            .collect();
        assert_eq!(
            tokens,
            [
                (Token::Key, "\"Days\""),
                (Token::Number, "30"),
                (Token::Key, "\"On\""),
                (Token::Literal, "true"),
                (Token::Key, "\"S\""),
                (Token::String, "\"x\""),
            ]
        );
    }

    #[test]
    fn an_unterminated_string_does_not_panic() {
        let tokens = tokenize_line(r#"  "open"#);
        assert_eq!(tokens.last().map(|(t, _)| *t), Some(Token::String));
    }

    #[test]
    fn marks_added_lines_and_removals() {
        let old = ["a", "b", "c", "d"];
        let new = ["a", "c", "x", "d"];
        let marks = diff_lines(&old, &new);
        assert_eq!(marks.len(), 5);
        assert!(!marks[0].added);
        assert_eq!(marks[1].removed_before, 1, "b was removed before c");
        assert!(marks[2].added, "x is new");
        assert!(!marks[3].added);
        assert_eq!(marks[4].removed_before, 0);
    }

    /// Replays `marks` (one per new line, plus the extra) over `old`: how many old lines they
    /// account for, and which old lines they keep.
    #[cfg(not(target_arch = "wasm32"))]
    fn kept_lines(old: &[&str], marks: &[LineMark]) -> (usize, Vec<bool>) {
        let mut kept = vec![false; old.len()];
        let mut i = 0;
        for (j, mark) in marks.iter().enumerate() {
            i += mark.removed_before;
            let is_line = j + 1 < marks.len();
            if is_line && !mark.added && i < old.len() {
                kept[i] = true;
                i += 1;
            }
        }
        (i, kept)
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Matching the shared start and end first keeps as many lines as the full table, and the
        /// marks still account for every old line.
        #[test]
        fn trimmed_diff_keeps_as_many_lines_as_the_full_table(
            old in proptest::collection::vec("[abc]", 0..12),
            new in proptest::collection::vec("[abc]", 0..12),
        ) {
            let old: Vec<&str> = old.iter().map(String::as_str).collect();
            let new: Vec<&str> = new.iter().map(String::as_str).collect();
            let trimmed = diff_lines(&old, &new);
            let full = diff_middle(&old, &new);
            proptest::prop_assert_eq!(trimmed.len(), new.len() + 1);
            let kept = |marks: &[LineMark]| marks[..new.len()].iter().filter(|m| !m.added).count();
            proptest::prop_assert_eq!(kept(&trimmed), kept(&full));
            let removed: usize = trimmed.iter().map(|m| m.removed_before).sum();
            proptest::prop_assert_eq!(removed + kept(&trimmed), old.len());
            // The kept new lines, in order, are the same lines of the old text, in order.
            let (consumed, kept_old) = kept_lines(&old, &trimmed);
            proptest::prop_assert_eq!(consumed, old.len());
            let kept_old: Vec<&str> = old.iter().zip(&kept_old).filter(|(_, k)| **k).map(|(l, _)| *l).collect();
            let kept_new: Vec<&str> = new.iter().zip(&trimmed).filter(|(_, m)| !m.added).map(|(l, _)| *l).collect();
            proptest::prop_assert_eq!(kept_old, kept_new);
        }
    }

    #[test]
    fn removal_at_the_end_lands_on_the_extra_mark() {
        let marks = diff_lines(&["a", "b"], &["a"]);
        assert_eq!(marks[1].removed_before, 1);
    }

    fn line_html(line: &str, mark: LineMark, json: bool) -> String {
        let mut html = String::new();
        push_line_html(&mut html, line, mark, json);
        html
    }

    #[test]
    fn line_html_escapes_everything_and_marks_the_line() {
        let plain = LineMark::default();
        let html = line_html("  \"a<b>\": \"x&y'z\",", plain, true);
        assert!(html.contains("a&lt;b&gt;"), "{html}");
        assert!(html.contains("x&amp;y&#39;z"), "{html}");
        assert_eq!(
            line_html("<img src=x onerror=alert(1)>", plain, false),
            "<span class=\"pg-code__line\">&lt;img src=x onerror=alert(1)&gt;\n</span>"
        );
        let mark = LineMark {
            added: true,
            removed_before: 2,
        };
        assert_eq!(
            line_html("}", mark, true),
            "<span class=\"pg-code__line is-added is-removed-before\" \
             title=\"2 line(s) removed above\"><span class=\"pg-json__punct\">}</span>\n</span>"
        );
        assert_eq!(
            block_html("a\nb", false),
            "<span class=\"pg-code__lines\"><span class=\"pg-code__line\">a\n</span>\
             <span class=\"pg-code__line\">b\n</span></span>"
        );
    }

    /// The text inside the markup, with the tags dropped and the entities read back.
    #[cfg(not(target_arch = "wasm32"))]
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever the text holds, the browser shows exactly it: no character becomes markup.
        #[test]
        fn block_html_shows_exactly_the_text(
            text in "[ -~\n\u{e9}\u{1F600}]{0,160}", json: bool
        ) {
            let expected: String = text.lines().map(|l| format!("{l}\n")).collect();
            proptest::prop_assert_eq!(text_of(&block_html(&text, json)), expected);
        }
    }

    #[test]
    fn identical_texts_have_no_marks() {
        let lines = ["{", "}"];
        assert!(diff_lines(&lines, &lines)
            .iter()
            .all(|m| !m.added && m.removed_before == 0));
    }
}

/// Splits text at backticks: odd parts are code (`s3:PutObject`), even parts plain. An unpaired
/// backtick is kept as text.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return vec![(false, text)];
    }
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| (i % 2 == 1, p))
        .collect()
}

/// Text with its backticked parts as `<code>`, as the core writes names and values.
pub fn rich(text: &str) -> yew::Html {
    use yew::html;
    html! {
        { for code_spans(text).into_iter().map(|(code, part)| {
            if code { html! { <code>{ part }</code> } } else { html! { { part } } }
        }) }
    }
}

#[cfg(test)]
mod code_span_tests {
    use super::code_spans;

    #[test]
    fn backticks_become_code_spans() {
        assert_eq!(
            code_spans("grant `s3:PutObject` on `b`"),
            [
                (false, "grant "),
                (true, "s3:PutObject"),
                (false, " on "),
                (true, "b")
            ]
        );
        assert_eq!(code_spans("no code"), [(false, "no code")]);
        assert_eq!(code_spans("odd ` tick"), [(false, "odd ` tick")]);
    }
}
