//! Doc comments from spec text: Markdown made safe for rustdoc, and Rust string literals.

/// The `rust_string` filter: any text as a Rust string literal.
pub fn rust_string(text: String) -> String {
    format!("{text:?}")
}

/// The `doc` and `inner_doc` filters: description lines as doc comments that rustdoc renders as written
/// and never turns into doctests, broken links, HTML or bare-URL warnings.
pub fn doc_comment(lines: &[String], prefix: &str) -> String {
    comment_lines(&sanitize_markdown(lines), prefix)
}

/// Writes lines that are already safe for rustdoc as doc comments with `prefix` (`///` or `//!`).
///
/// Control characters, which rustc does not accept in doc comments (a bare carriage return) or
/// which would garble them, are replaced by the replacement character.
pub fn comment_lines(lines: &[String], prefix: &str) -> String {
    let mut output = String::new();
    for line in lines {
        let line: String = line
            .chars()
            .map(|character| {
                if character.is_control() && character != '\t' {
                    '\u{fffd}'
                } else {
                    character
                }
            })
            .collect();
        if line.is_empty() {
            output.push_str(prefix);
        } else {
            output.push_str(prefix);
            output.push(' ');
            output.push_str(&line);
        }
        output.push('\n');
    }
    output
}

/// The first sentence of description lines, escaped for rustdoc and without its final full stop or
/// colon: for one-line summaries such as setter docs.
pub fn doc_summary(lines: &[String]) -> String {
    let flat = lines
        .iter()
        .map(|line| line.trim())
        .take_while(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let sentence = match flat.find(". ") {
        Some(end) => &flat[..end],
        None => flat.as_str(),
    };
    let sentence = sentence.trim_end_matches(['.', ':', ' ']);
    let escaped = escape_inline(sentence.trim_start_matches(['#', '-', '*', ' ']));
    // A summary ends in the middle of a line; an unclosed code span would swallow what follows.
    if escaped.matches('`').count() % 2 == 1 {
        escaped.replace('`', "\\`")
    } else {
        escaped
    }
}

/// Text as an inline code span: `` `text` ``, with a longer fence when the text holds backticks,
/// and control characters escaped.
pub fn doc_code(text: &str) -> String {
    let text: String = text
        .chars()
        .flat_map(|character| {
            if character.is_control() {
                character.escape_default().collect::<Vec<_>>()
            } else {
                vec![character]
            }
        })
        .collect();
    let longest_run = text
        .split(|character| character != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_run == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest_run + 1);
    format!("{fence} {text} {fence}")
}

/// Makes description text safe for rustdoc.
///
/// Fenced blocks become ```` ```text ```` so that they are never compiled as doctests; outside them,
/// indentation is removed (indented text would be a code block), list continuations are indented as
/// rustdoc expects, `[`, `]`, `<`, `>` are escaped unless they form a Markdown link, and bare URLs are
/// wrapped in `<...>`.
pub fn sanitize_markdown(lines: &[String]) -> Vec<String> {
    let lines = join_soft_breaks(lines);
    let mut output = Vec::new();
    let mut in_fence: Option<String> = None;
    let mut list_indent: Option<usize> = None;
    for line in &lines {
        let trimmed = line.trim_start();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                output.push(fence.clone());
                in_fence = None;
            } else {
                output.push(line.replace('\t', "    "));
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let fence: String = trimmed
                .chars()
                .take_while(|character| *character == '`' || *character == '~')
                .collect();
            output.push(format!("{fence}text"));
            in_fence = Some(fence);
            list_indent = None;
            continue;
        }
        if trimmed.is_empty() {
            output.push(String::new());
            list_indent = None;
            continue;
        }
        let escaped = escape_inline(trimmed);
        if let Some(marker_width) = list_marker_width(trimmed) {
            list_indent = Some(marker_width);
            output.push(escaped);
        } else if let Some(indent) = list_indent {
            output.push(format!("{}{escaped}", " ".repeat(indent)));
        } else {
            output.push(escaped);
        }
    }
    if let Some(fence) = in_fence {
        output.push(fence);
    }
    output
}

/// Joins the lines of each paragraph (and of each list item) into one line, as Markdown reads a
/// soft line break as a space: a link or a code span written across two lines is then seen whole.
/// Fenced code, headings, tables, quotes, rules and list items keep their own lines.
fn join_soft_breaks(lines: &[String]) -> Vec<String> {
    let mut output: Vec<String> = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    let mut joinable = false;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            output.push(line.clone());
            joinable = false;
            continue;
        }
        if in_fence {
            output.push(line.clone());
            continue;
        }
        let is_rule = trimmed.len() >= 3
            && trimmed
                .chars()
                .all(|character| matches!(character, '-' | '=' | '*' | '_'));
        let own_line = trimmed.is_empty()
            || trimmed.starts_with(['#', '|', '>', '<'])
            || is_rule
            || list_marker_width(trimmed).is_some();
        match output.last_mut() {
            Some(previous) if joinable && !own_line => {
                previous.push(' ');
                previous.push_str(trimmed);
            }
            _ => output.push(line.clone()),
        }
        joinable = !trimmed.is_empty() && !trimmed.starts_with(['#', '|']) && !is_rule;
    }
    output
}

/// The width of a list marker (`- `, `* `, `+ `, `1. `) and the spaces after it at the start of
/// a line: where the item's text starts, which continuation lines must be indented to.
fn list_marker_width(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !(line[digits..].starts_with('.') || line[digits..].starts_with(')')) {
            return None;
        }
        digits + 1
    };
    let spaces = line[marker..]
        .chars()
        .take_while(|character| *character == ' ')
        .count();
    (spaces > 0).then_some(marker + spaces.min(4))
}

/// Escapes one line of Markdown for rustdoc, keeping code spans and Markdown links as written.
fn escape_inline(line: &str) -> String {
    let mut output = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        if rest.starts_with('`') {
            let ticks = rest
                .chars()
                .take_while(|character| *character == '`')
                .count();
            let delimiter = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(delimiter) {
                let span_end = ticks + end + ticks;
                output.push_str(&rest[..span_end]);
                rest = &rest[span_end..];
                continue;
            }
            output.push_str(&"\\`".repeat(ticks));
            rest = &rest[ticks..];
            continue;
        }
        if rest.starts_with('[')
            && let Some(link_length) = markdown_link_length(rest)
        {
            output.push_str(&rest[..link_length]);
            rest = &rest[link_length..];
            continue;
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|character: char| {
                    character.is_whitespace()
                        || matches!(character, '<' | '>' | '"' | '`' | ')' | '(')
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            output.push('<');
            output.push_str(url);
            output.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let mut characters = rest.chars();
        let Some(character) = characters.next() else {
            break;
        };
        match character {
            '[' | ']' | '<' | '>' => {
                output.push('\\');
                output.push(character);
            }
            _ => output.push(character),
        }
        rest = characters.as_str();
    }
    output
}

/// The length of a Markdown link `[text](http...)` at the start of `text`, if there is one.
fn markdown_link_length(text: &str) -> Option<usize> {
    let close = text.find("](")?;
    if text[1..close].contains(['[', ']']) {
        return None;
    }
    let target_start = close + 2;
    let target_end = text[target_start..].find(')')? + target_start;
    let target = &text[target_start..target_end];
    let is_url =
        target.starts_with("http://") || target.starts_with("https://") || target.starts_with('/');
    (is_url && !target.contains(char::is_whitespace)).then_some(target_end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sanitize(text: &str) -> Vec<String> {
        sanitize_markdown(&text.lines().map(str::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn fences_become_text_blocks() {
        assert_eq!(
            sanitize("Example:\n```\nlet x = 1;\n```"),
            vec!["Example:", "```text", "let x = 1;", "```"]
        );
        assert_eq!(sanitize("```json\n{}\n"), vec!["```text", "{}", "```"]);
    }

    #[test]
    fn brackets_urls_and_html_are_escaped() {
        assert_eq!(
            sanitize("Use page[size] <DD_API_KEY>"),
            vec!["Use page\\[size\\] \\<DD_API_KEY\\>"]
        );
        assert_eq!(
            sanitize("See https://docs.datadoghq.com/x."),
            vec!["See <https://docs.datadoghq.com/x>."]
        );
        assert_eq!(
            sanitize("See [docs](https://a.b/c) now"),
            vec!["See [docs](https://a.b/c) now"]
        );
        assert_eq!(sanitize("Code `a[b]` stays"), vec!["Code `a[b]` stays"]);
    }

    #[test]
    fn indentation_never_makes_a_code_block() {
        assert_eq!(
            sanitize("Text\n\n    indented"),
            vec!["Text", "", "indented"]
        );
        assert_eq!(sanitize("- item\ncontinued"), vec!["- item continued"]);
        assert_eq!(
            sanitize("*   item\n\n    more"),
            vec!["*   item", "", "more"]
        );
        assert_eq!(
            sanitize("See [the\ndocs](https://a.b/c)."),
            vec!["See [the docs](https://a.b/c)."]
        );
        assert_eq!(
            sanitize("# Title\ntext\n| a | b |\n| - | - |"),
            vec!["# Title", "text", "| a | b |", "| - | - |"]
        );
    }

    #[test]
    fn rust_strings_escape_quotes_and_controls() {
        assert_eq!(
            rust_string("a \"b\" \\ */\n".to_string()),
            "\"a \\\"b\\\" \\\\ */\\n\""
        );
    }
}
