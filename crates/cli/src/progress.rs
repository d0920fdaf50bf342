//! The progress line a long run writes to standard error, on a terminal only (never into a
//! file or a pipe a program reads), and the notes written above it.

use std::io::IsTerminal;

#[derive(Debug)]
pub struct Progress {
    on: bool,
    /// What is counted: "messages" or "entries".
    unit: &'static str,
    /// The length of the line on screen, to clear it.
    shown: usize,
    last: (usize, usize, u64),
}

impl Progress {
    pub fn new(unit: &'static str) -> Self {
        Progress { on: std::io::stderr().is_terminal(), unit, shown: 0, last: (0, 0, 0) }
    }

    /// Counts so far; the line is redrawn at every thousandth unit.
    pub fn update(&mut self, units: usize, records: usize, bytes: u64) {
        let before = self.last.0;
        self.last = (units, records, bytes);
        if self.on && units / 1000 > before / 1000 {
            self.draw();
        }
    }

    fn draw(&mut self) {
        let (units, records, bytes) = self.last;
        let line = format!("{units} {}, {records} records, {} MB read", self.unit, bytes / (1024 * 1024));
        eprint!("\r{line:<width$}", width = self.shown);
        self.shown = line.len();
    }

    /// A line of its own on standard error (`recdesk: ` first), above the progress line.
    pub fn note(&mut self, line: &str) {
        if self.shown > 0 {
            eprint!("\r{:width$}\r", "", width = self.shown);
            self.shown = 0;
        }
        eprintln!("recdesk: {line}");
    }

    /// The last counts, left on screen.
    pub fn finish(&mut self) {
        if self.on && self.last.0 > 0 {
            self.draw();
            eprintln!();
            self.shown = 0;
        }
    }
}
