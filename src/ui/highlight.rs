//! JSON syntax highlighting and line-by-line change marks for the code views.
//!
//! Pure functions (tested natively): the components only turn their output into spans.

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineMark {
    /// The line is new in this version.
    pub added: bool,
    /// Lines of the previous version were removed just before this one (or at the end).
    pub removed_before: usize,
}

/// Marks the lines of `new` that were added since `old`, and where lines were removed, with a
/// longest-common-subsequence diff. The result has one mark per line of `new`, plus one for
/// removals after the last line.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<LineMark> {
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
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            marks[j].added = true;
            j += 1;
        } else {
            marks[j].removed_before += 1;
            i += 1;
        }
    }
    marks
}

/// Gives each line of a new text an id that follows it through changes: a line the diff kept,
/// or one that took the place of a removed line (an edit), keeps that line's id; an added line
/// gets a new one (`next_id` and up). `marks` is [`diff_lines`] of the old text against the new;
/// with no marks, lines keep the old ids in order.
///
/// The code views key their lines by these ids: an edited line is patched in place, and a line
/// added or removed moves the lines after it instead of rewriting every one of them.
pub fn carry_ids(
    old_ids: &[u32],
    marks: &[LineMark],
    new_len: usize,
    next_id: &mut u32,
) -> Vec<u32> {
    let mut ids = Vec::with_capacity(new_len);
    let mut old = old_ids.iter().copied();
    // The current hunk: ids of the removed old lines, and the new lines added, not yet given ids.
    let mut removed: Vec<u32> = Vec::new();
    let mut added: Vec<usize> = Vec::new();
    let mut fresh = || {
        *next_id = next_id.wrapping_add(1);
        *next_id
    };
    /// Ends a hunk: its added lines take the removed lines' ids in order (edits), then new ones.
    fn close(
        ids: &mut [u32],
        removed: &mut Vec<u32>,
        added: &mut Vec<usize>,
        fresh: &mut dyn FnMut() -> u32,
    ) {
        let mut reuse = removed.drain(..);
        for &at in added.iter() {
            let id = reuse.next().unwrap_or_else(&mut *fresh);
            if let Some(slot) = ids.get_mut(at) {
                *slot = id;
            }
        }
        added.clear();
    }
    for j in 0..=new_len {
        let mark = marks.get(j).copied().unwrap_or(LineMark {
            added: false,
            removed_before: 0,
        });
        removed.extend(old.by_ref().take(mark.removed_before));
        if j == new_len {
            break;
        }
        if mark.added {
            added.push(j);
            ids.push(0);
        } else {
            close(&mut ids, &mut removed, &mut added, &mut fresh);
            removed.clear();
            ids.push(old.next().unwrap_or_else(&mut fresh));
        }
    }
    close(&mut ids, &mut removed, &mut added, &mut fresh);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn removal_at_the_end_lands_on_the_extra_mark() {
        let marks = diff_lines(&["a", "b"], &["a"]);
        assert_eq!(marks[1].removed_before, 1);
    }

    /// The ids [`carry_ids`] gives `new` after `old` had ids 1, 2, 3, ...
    fn ids_after(old: &[&str], new: &[&str]) -> Vec<u32> {
        let old_ids: Vec<u32> = (1..=old.len() as u32).collect();
        let mut next = 100;
        carry_ids(&old_ids, &diff_lines(old, new), new.len(), &mut next)
    }

    #[test]
    fn line_ids_follow_kept_edited_added_and_removed_lines() {
        // Kept lines keep their ids.
        assert_eq!(ids_after(&["a", "b", "c"], &["a", "b", "c"]), [1, 2, 3]);
        // An edited line keeps its id, so it is patched in place.
        assert_eq!(ids_after(&["a", "b", "c"], &["a", "B", "c"]), [1, 2, 3]);
        // An added line gets a new id and the lines after it keep theirs.
        assert_eq!(
            ids_after(&["a", "b", "c"], &["a", "x", "b", "c"]),
            [1, 101, 2, 3]
        );
        // A removed line's id is gone; the rest keep theirs.
        assert_eq!(ids_after(&["a", "b", "c"], &["a", "c"]), [1, 3]);
        // Two lines replaced by three: two edits and one new line.
        assert_eq!(
            ids_after(&["a", "b", "c", "d"], &["a", "x", "y", "z", "d"]),
            [1, 2, 3, 101, 4]
        );
        // Everything new at the end, and a first render with no old ids.
        assert_eq!(ids_after(&["a"], &["a", "b"]), [1, 101]);
        let mut next = 0;
        assert_eq!(carry_ids(&[], &[], 3, &mut next), [1, 2, 3]);
    }

    #[test]
    fn line_ids_are_unique() {
        let old = ["{", "  \"a\": 1,", "  \"b\": 2", "}", "{", "}"];
        let new = ["{", "  \"b\": 2", "}", "x", "{", "  \"c\": 3", "}", "{"];
        let mut ids = ids_after(&old, &new);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), new.len());
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
