//! An incremental decoder for AWS's binary event-stream framing (Bedrock's ConverseStream):
//! bytes in, one event per frame out, whatever the chunking of the body.
//!
//! A frame is `total_len:u32 headers_len:u32 prelude_crc:u32 headers payload message_crc:u32`,
//! big-endian, each CRC32 over every byte before it. Headers are `name_len:u8 name type:u8
//! value`. A frame becomes an [`SseEvent`] whose `event` is its `:event-type` or, for an
//! exception frame, its `:exception-type` (AWS names every exception `…Exception`), and whose
//! `data` is the payload text.

use super::sse::SseEvent;

/// The prelude (two lengths and their CRC) plus the trailing message CRC.
const OVERHEAD: usize = 16;
/// AWS caps a frame at 16 MiB; a larger length means the stream is not event-stream at all.
const MAX_FRAME: usize = 16 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct EventStreamDecoder {
    buffer: Vec<u8>,
}

impl EventStreamDecoder {
    /// Decodes every complete frame in the bytes seen so far. A frame that fails its checksum
    /// or its header grammar ends the stream: the bytes after it cannot be trusted to align.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<SseEvent>) -> Result<(), String> {
        self.buffer.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(frame) = self.next_frame(start)? {
            out.push(decode_frame(frame)?);
            start += frame.len();
        }
        self.buffer.drain(..start);
        Ok(())
    }

    pub fn is_mid_event(&self) -> bool {
        !self.buffer.is_empty()
    }

    fn next_frame(&self, start: usize) -> Result<Option<&[u8]>, String> {
        let rest = &self.buffer[start..];
        if rest.len() < 12 {
            return Ok(None);
        }
        let total = be_u32(&rest[0..4]) as usize;
        if be_u32(&rest[8..12]) != crc32fast::hash(&rest[..8]) {
            return Err("event-stream prelude checksum mismatch".into());
        }
        if !(OVERHEAD..=MAX_FRAME).contains(&total) {
            return Err(format!("event-stream frame length {total} is out of range"));
        }
        Ok((rest.len() >= total).then(|| &rest[..total]))
    }
}

fn be_u32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

fn decode_frame(frame: &[u8]) -> Result<SseEvent, String> {
    let total = frame.len();
    if be_u32(&frame[total - 4..]) != crc32fast::hash(&frame[..total - 4]) {
        return Err("event-stream message checksum mismatch".into());
    }
    let headers_len = be_u32(&frame[4..8]) as usize;
    if 12 + headers_len > total - 4 {
        return Err("event-stream headers overrun the frame".into());
    }
    let headers = parse_headers(&frame[12..12 + headers_len])?;
    let payload = String::from_utf8_lossy(&frame[12 + headers_len..total - 4]).into_owned();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let (event, data) = match header(":message-type").as_deref() {
        Some("exception") => (header(":exception-type"), payload),
        // An `error` frame carries its code and message in headers, not in the payload.
        Some("error") => (
            header(":error-code"),
            serde_json::json!({ "message": header(":error-message").unwrap_or_default() })
                .to_string(),
        ),
        _ => (header(":event-type"), payload),
    };
    Ok(SseEvent { event, data })
}

/// The string-valued headers; other value types are skipped over by their fixed or stated size.
fn parse_headers(mut bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let malformed = || "malformed event-stream header".to_owned();
    let mut headers = Vec::new();
    while let Some((&name_len, rest)) = bytes.split_first() {
        let name_len = name_len as usize;
        let name = rest.get(..name_len).ok_or_else(malformed)?;
        let (&kind, rest) = rest[name_len..].split_first().ok_or_else(malformed)?;
        let value_len = match kind {
            0 | 1 => 0,
            2 => 1,
            3 => 2,
            4 => 4,
            5 | 8 => 8,
            9 => 16,
            6 | 7 => {
                2 + rest
                    .get(..2)
                    .map(|n| u16::from_be_bytes([n[0], n[1]]) as usize)
                    .ok_or_else(malformed)?
            }
            _ => return Err(malformed()),
        };
        let value = rest.get(..value_len).ok_or_else(malformed)?;
        if kind == 7 {
            headers.push((
                String::from_utf8_lossy(name).into_owned(),
                String::from_utf8_lossy(&value[2..]).into_owned(),
            ));
        }
        bytes = &rest[value_len..];
    }
    Ok(headers)
}

/// One frame with string headers: what the tests and the mock provider send.
pub fn encode_frame(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut header_bytes = Vec::new();
    for (name, value) in headers {
        header_bytes.push(name.len() as u8);
        header_bytes.extend_from_slice(name.as_bytes());
        header_bytes.push(7);
        header_bytes.extend_from_slice(&(value.len() as u16).to_be_bytes());
        header_bytes.extend_from_slice(value.as_bytes());
    }
    let total = OVERHEAD + header_bytes.len() + payload.len();
    let mut frame = Vec::with_capacity(total);
    frame.extend_from_slice(&(total as u32).to_be_bytes());
    frame.extend_from_slice(&(header_bytes.len() as u32).to_be_bytes());
    frame.extend_from_slice(&crc32fast::hash(&frame).to_be_bytes());
    frame.extend_from_slice(&header_bytes);
    frame.extend_from_slice(payload);
    frame.extend_from_slice(&crc32fast::hash(&frame).to_be_bytes());
    frame
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, payload: &str) -> Vec<u8> {
        encode_frame(
            &[
                (":event-type", kind),
                (":content-type", "application/json"),
                (":message-type", "event"),
            ],
            payload.as_bytes(),
        )
    }

    /// The `payload_no_headers` vector of AWS's event-stream test suite.
    #[test]
    fn decodes_the_reference_frame() {
        let frame: &[u8] = &[
            0x00, 0x00, 0x00, 0x1D, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x52, 0x8c, 0x5a, 0x7b, 0x27,
            0x66, 0x6f, 0x6f, 0x27, 0x3a, 0x27, 0x62, 0x61, 0x72, 0x27, 0x7d, 0xc3, 0x65, 0x39,
            0x36,
        ];
        let mut out = Vec::new();
        EventStreamDecoder::default().feed(frame, &mut out).unwrap();
        assert_eq!(out[0].data, "{'foo':'bar'}");
        assert_eq!(encode_frame(&[], b"{'foo':'bar'}"), frame);
    }

    #[test]
    fn frames_split_anywhere_come_out_whole() {
        let mut bytes = event("messageStart", r#"{"role":"assistant"}"#);
        bytes.extend(event("contentBlockDelta", r#"{"delta":{"text":"Hi"}}"#));
        for split in 0..bytes.len() {
            let mut decoder = EventStreamDecoder::default();
            let mut out = Vec::new();
            decoder.feed(&bytes[..split], &mut out).unwrap();
            decoder.feed(&bytes[split..], &mut out).unwrap();
            assert_eq!(out.len(), 2, "split at {split}");
            assert_eq!(out[1].event.as_deref(), Some("contentBlockDelta"));
            assert_eq!(out[1].data, r#"{"delta":{"text":"Hi"}}"#);
            assert!(!decoder.is_mid_event());
        }
    }

    #[test]
    fn exception_frames_are_named_by_their_type() {
        let frame = encode_frame(
            &[
                (":exception-type", "ThrottlingException"),
                (":content-type", "application/json"),
                (":message-type", "exception"),
            ],
            br#"{"message":"slow down"}"#,
        );
        let mut out = Vec::new();
        EventStreamDecoder::default()
            .feed(&frame, &mut out)
            .unwrap();
        assert_eq!(out[0].event.as_deref(), Some("ThrottlingException"));
        assert_eq!(out[0].data, r#"{"message":"slow down"}"#);
    }

    #[test]
    fn corrupt_frames_are_refused() {
        let mut frame = event("messageStop", r#"{"stopReason":"end_turn"}"#);
        let last = frame.len() - 6;
        frame[last] ^= 0xff;
        let err = EventStreamDecoder::default()
            .feed(&frame, &mut Vec::new())
            .unwrap_err();
        assert!(err.contains("checksum"), "{err}");
        let err = EventStreamDecoder::default()
            .feed(b"data: {\"not\":\"binary\"}\n\n", &mut Vec::new())
            .unwrap_err();
        assert!(err.contains("checksum"), "{err}");
    }
}
