//! An incremental Server-Sent Events decoder (WHATWG rules): bytes in, events out, whatever
//! the chunking of the underlying body. Lines end in LF, CRLF or CR; `data:` lines of one event
//! are joined with `\n`; comments and unknown fields are skipped; an event is only complete at
//! its blank line, so a body cut mid-event leaves `is_mid_event()` true.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: Option<String>,
    pub data: String,
}

#[derive(Debug, Default)]
pub struct SseDecoder {
    line: Vec<u8>,
    data: String,
    event: Option<String>,
    has_data: bool,
    /// The previous chunk ended in CR: a LF at the start of the next one belongs to it.
    skip_lf: bool,
    started: bool,
}

impl SseDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn feed(&mut self, mut bytes: &[u8], out: &mut Vec<SseEvent>) {
        if self.skip_lf && bytes.first() == Some(&b'\n') {
            bytes = &bytes[1..];
        }
        self.skip_lf = false;
        while let Some(end) = bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.line.extend_from_slice(&bytes[..end]);
            self.finish_line(out);
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            if bytes[end] == b'\r' && end + 1 == bytes.len() {
                self.skip_lf = true;
            }
            bytes = &bytes[end + if crlf { 2 } else { 1 }..];
        }
        self.line.extend_from_slice(bytes);
    }

    /// True when the body stopped inside an event: the rest of it was lost.
    pub fn is_mid_event(&self) -> bool {
        !self.line.is_empty() || self.has_data
    }

    fn finish_line(&mut self, out: &mut Vec<SseEvent>) {
        let mut line = std::mem::take(&mut self.line);
        if !self.started {
            self.started = true;
            if line.starts_with("\u{feff}".as_bytes()) {
                line.drain(..3);
            }
        }
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line[0] == b':' {
            return;
        }
        let text = String::from_utf8_lossy(&line);
        let (field, value) = match text.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (text.as_ref(), ""),
        };
        match field {
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_owned()),
            _ => {}
        }
        self.line = line;
        self.line.clear();
    }

    fn dispatch(&mut self, out: &mut Vec<SseEvent>) {
        let event = self.event.take();
        if !self.has_data {
            return;
        }
        self.has_data = false;
        out.push(SseEvent {
            event,
            data: std::mem::take(&mut self.data),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(input: &str, piece: usize) -> (Vec<SseEvent>, bool) {
        let mut decoder = SseDecoder::new();
        let mut out = Vec::new();
        for chunk in input.as_bytes().chunks(piece) {
            decoder.feed(chunk, &mut out);
        }
        (out, decoder.is_mid_event())
    }

    #[test]
    fn events_survive_any_chunking_and_line_ending() {
        let body = "data: {\"a\":1}\n\n: keep-alive\n\nevent: message_stop\ndata: x\ndata: y\n\ndata: [DONE]\n\n";
        for ending in ["\n", "\r\n", "\r"] {
            let input = body.replace('\n', ending);
            for piece in [1, 2, 3, 7, input.len()] {
                let (events, partial) = decode_in_pieces(&input, piece);
                assert!(!partial, "ending {ending:?} piece {piece}");
                assert_eq!(
                    events,
                    vec![
                        SseEvent {
                            event: None,
                            data: "{\"a\":1}".into()
                        },
                        SseEvent {
                            event: Some("message_stop".into()),
                            data: "x\ny".into()
                        },
                        SseEvent {
                            event: None,
                            data: "[DONE]".into()
                        },
                    ],
                    "ending {ending:?} piece {piece}"
                );
            }
        }
    }

    #[test]
    fn truncation_is_visible_and_fields_are_parsed_per_spec() {
        let (events, partial) = decode_in_pieces("data: {\"a\":1}\n\ndata: {\"b\":", 4);
        assert_eq!(events.len(), 1);
        assert!(partial);
        let (events, _) = decode_in_pieces(
            "\u{feff}data:no-space\nid: 7\nretry: 10\ndata\n\nevent: e\n\n",
            5,
        );
        assert_eq!(
            events,
            vec![SseEvent {
                event: None,
                data: "no-space\n".into()
            }]
        );
    }

    #[test]
    fn multibyte_text_split_across_chunks() {
        let (events, _) = decode_in_pieces("data: héllo wörld ✓\n\n", 1);
        assert_eq!(events[0].data, "héllo wörld ✓");
    }
}
