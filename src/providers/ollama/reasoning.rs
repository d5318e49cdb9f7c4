//! Reasoning that models on Ollama write inline as `<think>…</think>` rather than in the
//! `thinking` field: split out of a whole reply, or routed chunk by chunk in a stream.

const OPENING: &[&str] = &["<think>", "<thinking>", "<budget:thinking>"];
const CLOSING: &[&str] = &["</think>", "</thinking>", "</budget:thinking>"];

/// (reasoning, content) when the reply opens with a think tag and closes it, as LiteLLM splits
/// it; the content keeps its leading whitespace.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let rest = OPENING.iter().find_map(|tag| text.strip_prefix(tag))?;
    let (end, tag) = CLOSING
        .iter()
        .filter_map(|tag| rest.find(tag).map(|at| (at, tag)))
        .min()?;
    Some((&rest[..end], &rest[end + tag.len()..]))
}

/// Where streamed text goes while a `<think>` block may be open.
#[derive(Default)]
pub struct ThinkRouter {
    inside: bool,
}

impl ThinkRouter {
    /// The chunk's (reasoning, content) parts, tags removed; empty parts are `None`.
    pub fn route(&mut self, mut text: &str) -> (Option<String>, Option<String>) {
        let (mut reasoning, mut content) = (String::new(), String::new());
        while !text.is_empty() {
            let (tags, into) = if self.inside {
                (CLOSING, &mut reasoning)
            } else {
                (OPENING, &mut content)
            };
            match tags
                .iter()
                .filter_map(|tag| text.find(tag).map(|at| (at, tag.len())))
                .min()
            {
                Some((at, len)) => {
                    into.push_str(&text[..at]);
                    text = &text[at + len..];
                    self.inside = !self.inside;
                }
                None => {
                    into.push_str(text);
                    text = "";
                }
            }
        }
        let some = |s: String| (!s.is_empty()).then_some(s);
        (some(reasoning), some(content))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_replies_split_at_the_first_closing_tag() {
        assert_eq!(
            split("<think>Let me think</think>\n\nHello!"),
            Some(("Let me think", "\n\nHello!"))
        );
        assert_eq!(split("Hello <think>x</think>"), None);
        assert_eq!(split("<think>never closed"), None);
    }

    #[test]
    fn streamed_tags_route_text_even_mid_chunk() {
        let mut router = ThinkRouter::default();
        assert_eq!(router.route("<think>"), (None, None));
        assert_eq!(router.route("hmm"), (Some("hmm".into()), None));
        assert_eq!(
            router.route("ok</think>Hel"),
            (Some("ok".into()), Some("Hel".into()))
        );
        assert_eq!(router.route("lo"), (None, Some("lo".into())));
    }
}
