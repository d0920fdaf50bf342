//! The input: a file or standard input (`-`), opened once and read from its start, so standard
//! input is never asked for twice; read whole only within the intake's limit.

use std::io::{self, Read};
use std::path::PathBuf;

pub struct Input {
    pub reader: Box<dyn Read>,
    /// A regular file's size and path (a second pass may open it again); none for standard input.
    pub file: Option<(u64, PathBuf)>,
}

pub fn open(input: &str) -> Result<Input, String> {
    if input == "-" {
        return Ok(Input { reader: Box::new(io::stdin().lock()), file: None });
    }
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: could not be read: {e}"))?;
    let size = file.metadata().ok().filter(std::fs::Metadata::is_file).map(|m| m.len());
    Ok(Input { reader: Box::new(file), file: size.map(|size| (size, PathBuf::from(input))) })
}

/// Up to `limit` bytes from the start of `reader`, to tell what the input is.
pub fn head(reader: &mut dyn Read, limit: usize) -> Result<Vec<u8>, io::Error> {
    let mut head = Vec::with_capacity(limit);
    reader.take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// The whole input (`head`, then the rest of `reader`), at most the intake's limit (and one
/// byte more, to know the input is larger). A file's size is checked first, so the refusal
/// states its true size; standard input's cannot be known without reading it all, so its
/// refusal says "more than".
pub fn read_whole(input: &str, head: Vec<u8>, reader: &mut dyn Read, size: Option<u64>) -> Result<Vec<u8>, String> {
    if let Some(size) = size {
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        recdesk_intake::check_size(size).map_err(|refusal| format!("{input}: {refusal}"))?;
    }
    let limit = recdesk_intake::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = head;
    let left = limit.saturating_sub(bytes.len() as u64);
    reader.take(left).read_to_end(&mut bytes).map_err(|e| format!("{input}: could not be read: {e}"))?;
    if bytes.len() > recdesk_intake::MAX_INPUT_BYTES {
        return Err(format!(
            "{input}: the input is more than {} MB, larger than an immunization record can be. Check that you chose \
             the right file.",
            recdesk_intake::MAX_INPUT_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}
