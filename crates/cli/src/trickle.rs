//! A reader for tests of the streaming readers: it hands out at most `step` bytes a read, so a
//! segment header, a JSON value or a UTF-8 character can be cut across reads.

use std::io::{self, Read};

pub struct Trickle<'a> {
    pub bytes: &'a [u8],
    pub step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}
