//! Documentation text from the spec: description lines, deprecation notes and fallback docs.

/// Splits a description into lines, trimming trailing white space and blank edges.
///
/// Carriage returns are line breaks, whether alone or before a line feed, so that a bare `\r` can
/// never reach a doc comment.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = normalized
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect();
    let start = lines
        .iter()
        .position(|line| !line.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|line| !line.is_empty())
        .map_or(start, |index| index + 1);
    lines[start..end].to_vec()
}

/// The doc lines of an optional description.
pub(crate) fn optional_doc_lines(text: Option<&str>) -> Vec<String> {
    text.map(doc_lines).unwrap_or_default()
}

/// The text of `#[deprecated]` for a node the spec marks deprecated: the first sentence of its
/// description that mentions deprecation, or a plain note.
pub(crate) fn deprecation_note(description: Option<&str>) -> String {
    let fallback = "deprecated by the API".to_string();
    let Some(description) = description else {
        return fallback;
    };
    let flat = description.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.split_inclusive(['.', '!', '?'])
        .map(str::trim)
        .find(|sentence| sentence.to_ascii_lowercase().contains("deprecat"))
        .map(|sentence| {
            sentence
                .replace("**", "")
                .replace("__", "")
                .trim()
                .to_string()
        })
        .filter(|sentence| !sentence.is_empty())
        .map(|sentence| truncate(&sentence, 300))
        .unwrap_or(fallback)
}

/// Cuts text to at most `limit` characters, ending with `…` when it was cut.
fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_carriage_returns_break_lines() {
        assert_eq!(doc_lines("\n a \r\nb\rc  \n\n"), vec![" a", "b", "c"]);
        assert!(doc_lines("  \n").is_empty());
    }

    #[test]
    fn deprecation_notes_come_from_the_description() {
        assert_eq!(
            deprecation_note(Some(
                "Get a thing. **Note**: This endpoint is deprecated. Use the v2 one."
            )),
            "Note: This endpoint is deprecated."
        );
        assert_eq!(
            deprecation_note(Some("Get a thing.")),
            "deprecated by the API"
        );
        assert_eq!(deprecation_note(None), "deprecated by the API");
    }
}
