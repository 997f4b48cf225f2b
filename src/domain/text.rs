//! Text helpers: lengths are Unicode scalar values, never bytes.

/// Number of Unicode scalar values in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Checks `1..=max` characters after trimming; returns the length on failure.
pub fn require_len(s: &str, min: usize, max: usize) -> Result<(), usize> {
    let len = char_len(s.trim());
    if (min..=max).contains(&len) {
        Ok(())
    } else {
        Err(len)
    }
}
