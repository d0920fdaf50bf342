//! Cuts a JSON object (a FHIR Bundle) into its top-level members and the elements of its
//! `entry` array as it reads, without parsing them: it follows only strings, escapes and
//! nesting, so memory holds one element, never the file. Each piece is parsed later, alone.

use std::io::{self, Read};

const CHUNK: usize = 64 * 1024;

/// Where a byte is in the input: offset from the start, and line and column (1-based) as a
/// JSON parser reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub offset: u64,
    pub line: u64,
    pub column: u64,
}

/// One element of the `entry` array.
#[derive(Debug)]
pub struct Element {
    /// 0-based, as in the JSON Pointer `/entry/N`.
    pub index: usize,
    pub bytes: Vec<u8>,
    pub at: Position,
}

#[derive(Debug)]
pub enum Event {
    /// A top-level member other than `entry`: its key and its `"key":value` bytes as written.
    Member {
        key: String,
        raw: Vec<u8>,
        after_entries: bool,
    },
    Entry(Element),
    /// The object closed, with nothing but white space after it.
    End,
}

#[derive(Debug)]
pub enum CutError {
    /// Valid or not, this is not an object with one `entry` array: not a bundle to cut.
    NotABundle(&'static str),
    /// Broken or cut-short JSON.
    Malformed {
        what: String,
        at: Position,
    },
    /// An element or the other members are larger than their limit (`what` says which, and
    /// the limit).
    TooLarge {
        what: String,
        at: Position,
    },
    Io(io::Error),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    /// Inside the top-level object, before a member (`first`: no member yet).
    Members {
        first: bool,
    },
    /// Inside the `entry` array, before an element.
    Entries {
        first: bool,
    },
    Done,
}

/// The cutter. `element_limit` bounds one entry; `header_limit` all other members together.
#[derive(Debug)]
pub struct Cutter<R> {
    reader: R,
    buffer: Vec<u8>,
    /// The next byte to look at in `buffer`.
    at: usize,
    /// Input offset of `buffer[0]`.
    base: u64,
    /// Line of `buffer[at]`, and the input offset where that line starts.
    line: u64,
    line_start: u64,
    eof: bool,
    state: State,
    entries: usize,
    seen_entries: bool,
    header_bytes: usize,
    element_limit: usize,
    header_limit: usize,
}

impl<R: Read> Cutter<R> {
    pub fn new(reader: R, element_limit: usize, header_limit: usize) -> Self {
        Cutter {
            reader,
            buffer: Vec::new(),
            at: 0,
            base: 0,
            line: 1,
            line_start: 0,
            eof: false,
            state: State::Start,
            entries: 0,
            seen_entries: false,
            header_bytes: 0,
            element_limit,
            header_limit,
        }
    }

    pub fn reader_mut(&mut self) -> &mut R {
        &mut self.reader
    }

    /// Bytes of the input read so far.
    pub fn read_so_far(&self) -> u64 {
        self.base + self.buffer.len() as u64
    }

    pub fn position(&self) -> Position {
        self.position_of(self.at)
    }

    fn position_of(&self, index: usize) -> Position {
        let offset = self.base + index as u64;
        Position { offset, line: self.line, column: offset - self.line_start + 1 }
    }

    /// Reads more input onto the end of the buffer; false at the end of the input.
    fn fill(&mut self) -> Result<bool, CutError> {
        if self.eof {
            return Ok(false);
        }
        // Bytes before `at` are done with: drop them when they are worth moving for.
        if self.at >= CHUNK {
            self.buffer.drain(..self.at);
            self.base += self.at as u64;
            self.at = 0;
        }
        let start = self.buffer.len();
        self.buffer.resize(start + CHUNK, 0);
        loop {
            match self.reader.read(&mut self.buffer[start..]) {
                Ok(0) => {
                    self.buffer.truncate(start);
                    self.eof = true;
                    return Ok(false);
                }
                Ok(read) => {
                    self.buffer.truncate(start + read);
                    return Ok(true);
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => {
                    self.buffer.truncate(start);
                    return Err(CutError::Io(error));
                }
            }
        }
    }

    /// The next byte that is not white space (not consumed); None at the end of the input.
    fn peek(&mut self) -> Result<Option<u8>, CutError> {
        loop {
            while let Some(&byte) = self.buffer.get(self.at) {
                match byte {
                    b'\n' => {
                        self.at += 1;
                        self.line += 1;
                        self.line_start = self.base + self.at as u64;
                    }
                    b' ' | b'\t' | b'\r' => self.at += 1,
                    _ => return Ok(Some(byte)),
                }
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    fn expect(&mut self, what: &str) -> Result<u8, CutError> {
        match self.peek()? {
            Some(byte) => {
                self.at += 1;
                Ok(byte)
            }
            None => Err(CutError::Malformed { what: what.to_owned(), at: self.position() }),
        }
    }

    /// Cuts one JSON value starting at the next non-blank byte; its bytes and where it starts.
    /// Nesting and strings are followed, nothing else is checked (the value is parsed later).
    fn value(&mut self, limit: usize, what: &str) -> Result<(Vec<u8>, Position), CutError> {
        let Some(first) = self.peek()? else {
            return Err(CutError::Malformed {
                what: "the input ends where a value should be".to_owned(),
                at: self.position(),
            });
        };
        let mut start = self.at;
        let at = self.position();
        let scalar = !matches!(first, b'{' | b'[' | b'"');
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut index = start;
        loop {
            while let Some(&byte) = self.buffer.get(index) {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                        if depth == 0 {
                            return Ok(self.take(start, index + 1, at));
                        }
                    }
                } else if scalar {
                    if matches!(byte, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                        return Ok(self.take(start, index, at));
                    }
                } else {
                    match byte {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return Ok(self.take(start, index + 1, at));
                            }
                        }
                        b'\n' => {
                            self.line += 1;
                            self.line_start = self.base + index as u64 + 1;
                        }
                        _ => {}
                    }
                }
                index += 1;
            }
            if index - start > limit {
                return Err(CutError::TooLarge { what: what.to_owned(), at });
            }
            // `fill` may drop the bytes before `at`: keep the value's own, and follow the shift.
            self.at = start;
            let base = self.base;
            let more = self.fill()?;
            let shift = usize::try_from(self.base - base).unwrap_or(0);
            (start, index) = (start - shift, index - shift);
            if !more {
                if scalar {
                    return Ok(self.take(start, index, at));
                }
                return Err(CutError::Malformed {
                    what: "the input ends inside a value".to_owned(),
                    at: self.position_of(index),
                });
            }
        }
    }

    /// The bytes `start..end` of the buffer, consumed.
    fn take(&mut self, start: usize, end: usize, at: Position) -> (Vec<u8>, Position) {
        let bytes = self.buffer[start..end].to_vec();
        self.at = end;
        (bytes, at)
    }

    /// The next piece of the bundle.
    pub fn next_event(&mut self) -> Result<Event, CutError> {
        loop {
            match self.state {
                State::Start => {
                    self.skip_byte_order_mark()?;
                    if self.expect("the input is empty")? != b'{' {
                        return Err(CutError::NotABundle("the JSON is not an object"));
                    }
                    self.state = State::Members { first: true };
                }
                State::Members { first } => {
                    let next = self.expect("the input ends inside the bundle")?;
                    match (next, first) {
                        (b'}', _) => {
                            self.state = State::Done;
                            if self.peek()?.is_some() {
                                return Err(CutError::Malformed {
                                    what: "there is more text after the end of the bundle".to_owned(),
                                    at: self.position(),
                                });
                            }
                            return Ok(Event::End);
                        }
                        (b',', false) => {}
                        (_, false) => {
                            return Err(CutError::Malformed {
                                what: "a comma or } should follow a member".to_owned(),
                                at: self.position_of(self.at - 1),
                            });
                        }
                        (_, true) => self.at -= 1,
                    }
                    if self.peek()? != Some(b'"') {
                        return Err(CutError::Malformed {
                            what: "a member name should be here".to_owned(),
                            at: self.position(),
                        });
                    }
                    let too_large = format!(
                        "the bundle's elements other than entry are more than {} MB together",
                        megabytes(self.header_limit)
                    );
                    let (name, at) = self.value(self.header_limit, &too_large)?;
                    let key: String = serde_json::from_slice(&name)
                        .map_err(|_| CutError::Malformed { what: "a member name is not valid".to_owned(), at })?;
                    if self.expect("the input ends after a member name")? != b':' {
                        return Err(CutError::Malformed {
                            what: "a colon should follow a member name".to_owned(),
                            at: self.position_of(self.at - 1),
                        });
                    }
                    if key == "entry" {
                        if self.seen_entries {
                            return Err(CutError::NotABundle("the bundle has two entry lists"));
                        }
                        self.seen_entries = true;
                        if self.peek()? != Some(b'[') {
                            return Err(CutError::NotABundle("Bundle.entry is not a list"));
                        }
                        self.at += 1;
                        self.state = State::Entries { first: true };
                        continue;
                    }
                    self.state = State::Members { first: false };
                    let left = self.header_limit.saturating_sub(self.header_bytes);
                    let (value, _) = self.value(left, &too_large)?;
                    let mut raw = Vec::with_capacity(name.len() + 1 + value.len());
                    raw.extend_from_slice(&name);
                    raw.push(b':');
                    raw.extend_from_slice(&value);
                    self.header_bytes += raw.len();
                    if self.header_bytes > self.header_limit {
                        return Err(CutError::TooLarge { what: too_large, at });
                    }
                    return Ok(Event::Member { key, raw, after_entries: self.seen_entries });
                }
                State::Entries { first } => {
                    let next = self.expect("the input ends inside the entry list")?;
                    match (next, first) {
                        (b']', _) => {
                            self.state = State::Members { first: false };
                            continue;
                        }
                        (b',', false) => {}
                        (_, false) => {
                            return Err(CutError::Malformed {
                                what: "a comma or ] should follow an entry".to_owned(),
                                at: self.position_of(self.at - 1),
                            });
                        }
                        (_, true) => self.at -= 1,
                    }
                    if matches!(self.peek()?, Some(b']' | b',')) {
                        return Err(CutError::Malformed {
                            what: "an entry is missing".to_owned(),
                            at: self.position(),
                        });
                    }
                    let index = self.entries;
                    let too_large = format!("entry {index} is more than {} MB", megabytes(self.element_limit));
                    let (bytes, at) = self.value(self.element_limit, &too_large)?;
                    self.entries += 1;
                    self.state = State::Entries { first: false };
                    return Ok(Event::Entry(Element { index, bytes, at }));
                }
                State::Done => return Ok(Event::End),
            }
        }
    }

    fn skip_byte_order_mark(&mut self) -> Result<(), CutError> {
        while self.buffer.len() < 3 && self.fill()? {}
        if self.buffer.starts_with(b"\xEF\xBB\xBF") {
            self.at = 3;
            self.line_start = 3;
        }
        Ok(())
    }
}

fn megabytes(bytes: usize) -> usize {
    bytes.div_ceil(1024 * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::trickle::Trickle;

    fn events(input: &[u8], step: usize) -> Vec<String> {
        let mut cutter = Cutter::new(Trickle { bytes: input, step }, 1 << 20, 1 << 20);
        let mut seen = Vec::new();
        loop {
            match cutter.next_event() {
                Ok(Event::Member { key, raw, after_entries }) => {
                    seen.push(format!(
                        "{key}{}={}",
                        if after_entries { "*" } else { "" },
                        String::from_utf8_lossy(&raw)
                    ));
                }
                Ok(Event::Entry(element)) => seen.push(format!(
                    "{}@{}:{}:{}={}",
                    element.index,
                    element.at.offset,
                    element.at.line,
                    element.at.column,
                    String::from_utf8_lossy(&element.bytes)
                )),
                Ok(Event::End) => return seen,
                Err(error) => {
                    seen.push(format!("{error:?}"));
                    return seen;
                }
            }
        }
    }

    #[test]
    fn members_and_entries_are_cut_whatever_the_reads() {
        let input = "\u{feff}{\"resourceType\" : \"Bundle\",\n \"entry\": [ {\"a\": \"}]\\\"[{\"},\n  [1, {}], 42 , null,\"x\"],\n\"total\":3}\n";
        let expected = [
            r#"resourceType="resourceType" : "Bundle""#.replace(" : ", ":"),
            r#"0@43:2:13={"a": "}]\"[{"}"#.to_owned(),
            "1@62:3:3=[1, {}]".to_owned(),
            "2@71:3:12=42".to_owned(),
            "3@76:3:17=null".to_owned(),
            r#"4@81:3:22="x""#.to_owned(),
            r#"total*="total":3"#.to_owned(),
        ];
        for step in [1, 2, 3, 7, 64, 100_000] {
            assert_eq!(events(input.as_bytes(), step), expected, "step {step}");
        }
    }

    #[test]
    fn broken_json_is_placed_where_it_breaks() {
        let broken = |input: &str| {
            let all = events(input.as_bytes(), 3);
            all.last().cloned().unwrap_or_default()
        };
        assert!(broken("[1]").starts_with("NotABundle"));
        assert!(broken(r#"{"entry": {}}"#).starts_with("NotABundle"));
        assert!(broken(r#"{"entry": [], "entry": []}"#).starts_with("NotABundle"));
        let cut = broken("{\"entry\": [{\"a\": 1},\n {\"b\": [2");
        assert!(cut.contains("the input ends inside a value") && cut.contains("line: 2"), "{cut}");
        assert!(broken(r#"{"entry": [1 2]}"#).contains("a comma or ] should follow an entry"));
        assert!(broken(r#"{"entry": [1,]}"#).contains("an entry is missing"));
        assert!(broken(r#"{"a": 1 "b": 2}"#).contains("a comma or } should follow a member"));
        assert!(broken(r#"{"a": 1} x"#).contains("more text after the end"));
        assert!(broken(r#"{"a": 1,}"#).contains("a member name should be here"));
    }

    #[test]
    fn an_element_over_its_limit_is_refused_without_reading_it_all() {
        let input = format!(r#"{{"entry": [{{"note": "{}"}}]}}"#, "x".repeat(300_000));
        let mut cutter = Cutter::new(input.as_bytes(), 100_000, 1000);
        assert!(matches!(cutter.next_event(), Err(CutError::TooLarge { .. })));
        assert!(cutter.read_so_far() < 300_000);
        let header = format!(r#"{{"meta": "{}", "entry": []}}"#, "x".repeat(2000));
        let mut cutter = Cutter::new(header.as_bytes(), 100_000, 1000);
        assert!(matches!(cutter.next_event(), Err(CutError::TooLarge { .. })));
    }
}
