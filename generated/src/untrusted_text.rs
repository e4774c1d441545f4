//! Shows text that came from a server, or quotes it, safely: truncated, with control characters escaped and configured secrets redacted.

use std::fmt::{self, Write};

use crate::secret::{REDACTED, SecretRedactor};

/// The most characters of server text that `Display` and `Debug` of an [`Error`](crate::Error)
/// show for one piece of it (the server's message, a decoding failure, a redirect target).
pub(crate) const MAX_SHOWN_CHARS: usize = 300;

/// Text to show through `Display` (as is) or `Debug` (quoted), made safe on the way out.
///
/// Every configured secret that starts within the shown part is replaced whole by
/// `<redacted>`; CR, LF, tab, the other control characters and the invisible formatting
/// characters that can reorder or hide text (bidirectional overrides, zero-width characters,
/// line separators) become visible escapes such as `\n` and `\u{1b}`; past
/// [`MAX_SHOWN_CHARS`] characters the text is cut with a marker that says so.
pub(crate) struct UntrustedText<'a> {
    text: &'a str,
    redactor: &'a SecretRedactor,
    max_chars: usize,
}

impl<'a> UntrustedText<'a> {
    /// Text from the server: redacted, escaped, and cut at [`MAX_SHOWN_CHARS`].
    pub(crate) fn new(text: &'a str, redactor: &'a SecretRedactor) -> Self {
        Self {
            text,
            redactor,
            max_chars: MAX_SHOWN_CHARS,
        }
    }

    /// The crate's own text, which may quote settings: redacted and escaped, but whole.
    pub(crate) fn whole(text: &'a str, redactor: &'a SecretRedactor) -> Self {
        Self {
            text,
            redactor,
            max_chars: usize::MAX,
        }
    }

    fn write(&self, formatter: &mut fmt::Formatter<'_>, quoted: bool) -> fmt::Result {
        let mut rest = self.text;
        let mut shown = 0;
        while let Some(character) = rest.chars().next() {
            if shown == self.max_chars {
                return write!(
                    formatter,
                    "… [truncated at {} characters; the error's accessors keep the full text]",
                    self.max_chars
                );
            }
            shown += 1;
            if let Some(length) = self.redactor.secret_at_start(rest) {
                formatter.write_str(REDACTED)?;
                rest = &rest[length..];
                continue;
            }
            write_escaped(formatter, character, quoted)?;
            rest = &rest[character.len_utf8()..];
        }
        Ok(())
    }
}

impl fmt::Display for UntrustedText<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(formatter, false)
    }
}

impl fmt::Debug for UntrustedText<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_char('"')?;
        self.write(formatter, true)?;
        formatter.write_char('"')
    }
}

/// Returns `true` for the characters that could break a log line or change how text around
/// them reads: control characters, bidirectional controls, zero-width and separator characters.
fn is_hidden_or_control(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

fn write_escaped(formatter: &mut fmt::Formatter<'_>, character: char, quoted: bool) -> fmt::Result {
    match character {
        '\n' => formatter.write_str("\\n"),
        '\r' => formatter.write_str("\\r"),
        '\t' => formatter.write_str("\\t"),
        '"' | '\\' if quoted => {
            formatter.write_char('\\')?;
            formatter.write_char(character)
        }
        character if is_hidden_or_control(character) => {
            write!(formatter, "\\u{{{:x}}}", u32::from(character))
        }
        character => formatter.write_char(character),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_SHOWN_CHARS, UntrustedText};
    use crate::secret::SecretRedactor;

    fn shown(text: &str, secrets: &[&str]) -> String {
        let redactor = SecretRedactor::new(secrets.iter().map(|secret| secret.to_string()));
        UntrustedText::new(text, &redactor).to_string()
    }

    #[test]
    fn control_and_invisible_characters_become_visible_escapes() {
        let cases = [
            ("plain text, é and 漢字", "plain text, é and 漢字"),
            ("a\nb\r\nc\td", "a\\nb\\r\\nc\\td"),
            ("\u{1b}[31mred\u{7}", "\\u{1b}[31mred\\u{7}"),
            ("\u{0}\u{7f}\u{85}", "\\u{0}\\u{7f}\\u{85}"),
            ("admin\u{202e}txt.exe", "admin\\u{202e}txt.exe"),
            (
                "zero\u{200b}width\u{2028}line",
                "zero\\u{200b}width\\u{2028}line",
            ),
            ("quotes \" and \\ stay", "quotes \" and \\ stay"),
        ];
        for (text, expected) in cases {
            assert_eq!(shown(text, &[]), expected, "{text:?}");
        }
    }

    #[test]
    fn debug_quotes_and_escapes_quotes_too() {
        let redactor = SecretRedactor::default();
        let text = format!("{:?}", UntrustedText::new("say \"hi\"\n", &redactor));
        assert_eq!(text, "\"say \\\"hi\\\"\\n\"");
    }

    #[test]
    fn every_configured_secret_is_redacted_whole() {
        assert_eq!(
            shown(
                "key abcd1234 and abcd1234-longer, token zz",
                &["abcd1234", "abcd1234-longer", "zz"]
            ),
            "key <redacted> and <redacted>, token zz"
        );
        assert_eq!(shown("", &["abcd1234"]), "");
    }

    #[test]
    fn long_text_is_cut_with_a_marker_and_a_secret_across_the_cut_is_still_redacted() {
        let long = "x".repeat(5_000);
        let text = shown(&long, &[]);
        assert!(text.starts_with(&"x".repeat(MAX_SHOWN_CHARS)));
        assert!(
            text.ends_with(
                "… [truncated at 300 characters; the error's accessors keep the full text]"
            ),
            "{text}"
        );
        assert!(text.len() < MAX_SHOWN_CHARS + 100);

        let secret = "s3cr3t-value-0123456789";
        let straddling = format!("{}{secret}", "y".repeat(MAX_SHOWN_CHARS - 3));
        let text = shown(&straddling, &[secret]);
        assert!(!text.contains("s3c"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");

        let exactly = "z".repeat(MAX_SHOWN_CHARS);
        assert_eq!(shown(&exactly, &[]), exactly);

        let redactor = SecretRedactor::new([String::from("s3cr3t-value")]);
        let local = format!("{} s3cr3t-value\n", "w".repeat(1_000));
        let text = UntrustedText::whole(&local, &redactor).to_string();
        assert_eq!(text, format!("{} <redacted>\\n", "w".repeat(1_000)));
    }
}
