//! An incremental newline-delimited JSON decoder (Ollama's stream framing): bytes in, one
//! event per non-empty line, whatever the chunking of the body. A body cut inside a line leaves
//! `is_mid_event()` true.

use super::sse::SseEvent;

#[derive(Debug, Default)]
pub struct NdjsonDecoder {
    line: Vec<u8>,
}

impl NdjsonDecoder {
    pub fn feed(&mut self, mut bytes: &[u8], out: &mut Vec<SseEvent>) {
        while let Some(end) = bytes.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&bytes[..end]);
            let line = std::mem::take(&mut self.line);
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if !text.is_empty() {
                out.push(SseEvent {
                    event: None,
                    data: text.to_owned(),
                });
            }
            bytes = &bytes[end + 1..];
        }
        self.line.extend_from_slice(bytes);
    }

    pub fn is_mid_event(&self) -> bool {
        self.line.iter().any(|b| !b.is_ascii_whitespace())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_chunks_come_out_whole() {
        let mut decoder = NdjsonDecoder::default();
        let mut out = Vec::new();
        decoder.feed(b"{\"a\":1}\n{\"b\"", &mut out);
        assert!(decoder.is_mid_event());
        decoder.feed(b":2}\r\n\n", &mut out);
        let data: Vec<&str> = out.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(data, ["{\"a\":1}", "{\"b\":2}"]);
        assert!(!decoder.is_mid_event());
    }
}
