//! An HL7 v2 batch (FHS/BHS, or messages back to back) cut at each MSH as it is read, so memory
//! holds one message, not the file.

use std::io::{self, Read};

/// The largest single message read: one immunization message is a few KB; a "message" this
/// long is a file without MSH segments to split it, which would otherwise be held whole.
pub const MAX_MESSAGE_BYTES: usize = recdesk_intake::MAX_INPUT_BYTES;
pub const CHUNK: usize = 64 * 1024;

/// One message's bytes (with any batch header or trailer segments around it) and where they
/// start in the input.
#[derive(Debug)]
pub struct Part {
    pub bytes: Vec<u8>,
    pub offset: usize,
}

/// Splits an input into parts at each MSH segment after the first, reading as it goes.
#[derive(Debug)]
pub struct Messages<R> {
    reader: R,
    buffer: Vec<u8>,
    /// Bytes of the input before `buffer`.
    consumed: usize,
    /// Where to go on looking for the next MSH in `buffer`.
    scanned: usize,
    /// Where the current part's own MSH is, once seen.
    first_header: Option<usize>,
    done: bool,
}

impl<R: Read> Messages<R> {
    pub fn new(reader: R) -> Self {
        Self { reader, buffer: Vec::new(), consumed: 0, scanned: 0, first_header: None, done: false }
    }

    /// The next MSH segment's start at or after `scanned` (a segment starts the input or
    /// follows CR or LF).
    fn next_header(&mut self) -> Option<usize> {
        let buffer = &self.buffer;
        let found = (self.scanned..buffer.len().saturating_sub(2))
            .find(|&at| &buffer[at..at + 3] == b"MSH" && (at == 0 || matches!(buffer[at - 1], b'\r' | b'\n')));
        // Keep the last two bytes for the next look: "MS" may be completed by the next read.
        self.scanned = found.map_or(buffer.len().saturating_sub(2), |at| at + 1);
        found
    }

    fn take(&mut self, end: usize) -> Part {
        let bytes: Vec<u8> = self.buffer.drain(..end).collect();
        let part = Part { bytes, offset: self.consumed };
        self.consumed += end;
        self.scanned = 0;
        self.first_header = None;
        part
    }
}

impl<R: Read> Iterator for Messages<R> {
    type Item = io::Result<Part>;

    fn next(&mut self) -> Option<io::Result<Part>> {
        loop {
            while let Some(at) = self.next_header() {
                match self.first_header {
                    None => self.first_header = Some(at),
                    Some(_) => return Some(Ok(self.take(at))),
                }
            }
            if self.done {
                let rest = self.buffer.len();
                return (rest > 0).then(|| Ok(self.take(rest)));
            }
            if self.buffer.len() > MAX_MESSAGE_BYTES {
                self.done = true;
                return Some(Err(io::Error::other(format!(
                    "one message is longer than {} MB, so this is not a batch of immunization messages",
                    MAX_MESSAGE_BYTES / (1024 * 1024)
                ))));
            }
            let start = self.buffer.len();
            self.buffer.resize(start + CHUNK, 0);
            match self.reader.read(&mut self.buffer[start..]) {
                Ok(0) => {
                    self.buffer.truncate(start);
                    self.done = true;
                }
                Ok(read) => self.buffer.truncate(start + read),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => self.buffer.truncate(start),
                Err(error) => {
                    self.buffer.truncate(start);
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::trickle::Trickle;

    #[test]
    fn a_batch_is_split_at_each_message_whatever_the_reads() {
        let batch =
            b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2\nMSH|^~\\&|C\r\nPID|3\rBTS|3\rFTS|1\r";
        for step in [1, 2, 3, 7, 1000] {
            let parts: Vec<Part> = Messages::new(Trickle { bytes: batch, step }).map(|p| p.expect("read")).collect();
            let texts: Vec<&[u8]> = parts.iter().map(|p| p.bytes.as_slice()).collect();
            assert_eq!(
                texts,
                [
                    &b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rPID|1\r"[..],
                    b"MSH|^~\\&|B\rPID|2\n",
                    b"MSH|^~\\&|C\r\nPID|3\rBTS|3\rFTS|1\r"
                ],
                "step {step}"
            );
            assert_eq!(parts.iter().map(|p| p.offset).collect::<Vec<_>>(), [0, 35, 52], "step {step}");
        }
    }

    #[test]
    fn msh_inside_a_field_is_no_boundary() {
        let text = b"MSH|^~\\&|A\rNTE|1||see MSH|x\rMSH|^~\\&|B\r";
        let parts: Vec<Part> = Messages::new(&text[..]).map(|p| p.expect("read")).collect();
        assert_eq!(parts.len(), 2);
    }

    /// An endless batch: `count` copies of a small message.
    struct Repeat {
        message: &'static [u8],
        count: usize,
        at: usize,
    }

    impl Read for Repeat {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let total = self.message.len() * self.count;
            let n = buf.len().min(total - self.at);
            for (i, byte) in buf[..n].iter_mut().enumerate() {
                *byte = self.message[(self.at + i) % self.message.len()];
            }
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn a_batch_larger_than_one_input_may_be_is_read_a_message_at_a_time() {
        let message = b"MSH|^~\\&|A\rPID|1||7||Doe^Jane\rRXA|0|1|20240101|20240101|08^HepB^CVX\r";
        let count = (recdesk_intake::MAX_INPUT_BYTES / message.len()) + 1000;
        let mut parts = 0;
        let mut largest = 0;
        for part in Messages::new(Repeat { message, count, at: 0 }) {
            let part = part.expect("read");
            largest = largest.max(part.bytes.len());
            parts += 1;
        }
        assert_eq!(parts, count);
        assert_eq!(largest, message.len());
    }

    #[test]
    fn empty_input_has_no_parts() {
        assert_eq!(Messages::new(&b""[..]).count(), 0);
    }
}
