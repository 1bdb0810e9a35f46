//! A small, fast, non-cryptographic hasher for the lexicon tables.
//!
//! Keys are short folded words (a few bytes) looked up once or twice per token, so the hash must
//! be cheap to compute: this is the multiply-rotate scheme popularised by Firefox and rustc
//! ("FxHash"), reading eight bytes at a time. The tables are built from our own data and
//! user-supplied lexicons, not from untrusted keys an attacker chooses to collide, so HashDoS
//! resistance (std's SipHash) is not needed here.

use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hasher.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(rest) {
                *d = *s;
            }
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A flat open-addressing table from non-zero `u64` keys to `u32` values, for the hot lookups
/// (folded words of up to 8 bytes packed into an integer, phrase continuations). Linear
/// probing in a power-of-two array kept at most half full: a lookup is a multiply, a shift and
/// usually one comparison, which matters on WebAssembly, where `HashMap` cannot use SIMD.
#[derive(Debug, Clone, Default)]
pub(crate) struct U64Map {
    keys: Vec<u64>,
    vals: Vec<u32>,
    len: usize,
    /// `64 - log2(capacity)`.
    shift: u32,
}

impl U64Map {
    #[inline]
    fn home(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The value of `k` (never 0).
    #[inline]
    pub fn get(&self, k: u64) -> Option<u32> {
        if k == 0 {
            return None;
        }
        let mask = self.keys.len().checked_sub(1)?;
        let mut i = self.home(k);
        // The table is never more than half full, so an empty cell ends every probe.
        for _ in 0..self.keys.len() {
            let kk = *self.keys.get(i)?;
            if kk == k {
                return self.vals.get(i).copied();
            }
            if kk == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Inserts or replaces `k` (which must not be 0).
    pub fn insert(&mut self, k: u64, v: u32) {
        if k == 0 {
            return;
        }
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let mask = self.keys.len() - 1;
        let mut i = self.home(k);
        loop {
            match self.keys.get(i).copied() {
                Some(0) => {
                    if let (Some(kk), Some(vv)) = (self.keys.get_mut(i), self.vals.get_mut(i)) {
                        *kk = k;
                        *vv = v;
                    }
                    self.len += 1;
                    return;
                }
                Some(kk) if kk == k => {
                    if let Some(vv) = self.vals.get_mut(i) {
                        *vv = v;
                    }
                    return;
                }
                Some(_) => i = (i + 1) & mask,
                None => return,
            }
        }
    }

    fn grow(&mut self) {
        let cap = (self.keys.len() * 2).max(64);
        let old_keys = std::mem::replace(&mut self.keys, vec![0; cap]);
        let old_vals = std::mem::replace(&mut self.vals, vec![0; cap]);
        self.shift = 64 - cap.trailing_zeros();
        self.len = 0;
        for (k, v) in old_keys.into_iter().zip(old_vals) {
            if k != 0 {
                self.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::U64Map;

    #[test]
    fn u64map_inserts_replaces_and_grows() {
        let mut m = U64Map::default();
        assert_eq!(m.get(5), None);
        for k in 1..5000u64 {
            m.insert(k * 7919, k as u32);
        }
        for k in 1..5000u64 {
            assert_eq!(m.get(k * 7919), Some(k as u32));
        }
        assert_eq!(m.get(3), None);
        m.insert(7919, 42);
        assert_eq!(m.get(7919), Some(42));
        m.insert(0, 1);
        assert_eq!(m.get(0), None);
    }
}
