//! The workspace in its compact binary form ([postcard]: fields in order, varint numbers,
//! length-prefixed strings and arrays), cut into content-defined chunks at item boundaries of its
//! top-level arrays, and a cache of each chunk's deflated + packed form (see [`super::codec`] for
//! the stored envelope).
//!
//! [`serialize`] writes exactly the bytes of `postcard::to_allocvec(ws)` (a test checks it)
//! through a thin serde `Serializer` that only looks at the top-level struct: every field is
//! serialized by postcard itself (one postcard serializer type, [`Out`], so the wasm grows by
//! this glue only); for array fields it also records where each item starts. No field name is
//! known here.
//!
//! A chunk starts at every top-level field (so an array's length, written before its items, and
//! each scalar field are chunks of a few bytes), at the first item of every top-level array, and
//! after an item when the current chunk holds at least [`MIN_CHUNK`] bytes and a hash of the
//! item's edges (first and last bytes, length) falls below the item's size out of
//! [`AVG_CHUNK`] (a cut every ≈ 64 KB, whatever the items' sizes), or when it would exceed
//! [`MAX_CHUNK`]. The boundaries thus depend on content, not on positions: inserting, deleting or
//! editing an item changes its own chunk (and rarely the next) and its array's length, never the
//! rest. The minimum is a quarter of the usual size so that after an edit the cuts fall back on
//! the same items at once (with a minimum close to the usual size, a chunk that shrinks below
//! it moves every later cut).
//!
//! [`Cache`] keeps the bytes last encoded or decoded and the packed deflate stream of each of its
//! chunks. A chunk whose bytes are the bytes of a cached chunk reuses its packed form; only the
//! others are deflated. Reuse is decided by comparing the bytes themselves (no hash), so the cache
//! can never make the stored value differ from a cold encode's decoded workspace.
//!
//! postcard is not self-describing: every field is always written (the domain types have no
//! `skip_serializing_if`), and a form written under one schema is read with that schema's types.
use postcard::ser_flavors::Flavor;
use serde::ser::{self, Impossible, Serialize, SerializeSeq, SerializeStruct, Serializer};
use std::rc::Rc;

/// A chunk is at least this big (bytes of the binary form) before a content-defined cut.
pub const MIN_CHUNK: usize = 16 * 1024;
/// The usual size of a chunk: after each item, a cut with probability (item's size / this).
pub const AVG_CHUNK: usize = 64 * 1024;
/// A chunk is cut before it grows past this, whatever the content.
pub const MAX_CHUNK: usize = 256 * 1024;
/// Deflate level of every chunk (level 6: the scale workspace stores in ≈ 2 M UTF-16 units).
pub const LEVEL: u8 = 6;

type Error = postcard::Error;

fn not_struct() -> Error {
    ser::Error::custom("the workspace must be a struct of scalars and arrays")
}

/// postcard's output, appended to a borrowed buffer.
pub struct Out<'a>(pub &'a mut Vec<u8>);

impl Flavor for Out<'_> {
    type Output = ();
    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.0.push(data);
        Ok(())
    }
    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.0.extend_from_slice(data);
        Ok(())
    }
    fn finalize(self) -> postcard::Result<()> {
        Ok(())
    }
}

/// postcard's serializer writing into `out`.
fn postcard_into(out: &mut Vec<u8>) -> postcard::Serializer<Out<'_>> {
    postcard::Serializer { output: Out(out) }
}

/// Writes `value` as postcard would, into `out`; returns the start offsets of the chunks.
///
/// `value` must serialize as a struct (the workspace does); anything else is an error.
pub fn serialize<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<Vec<usize>, Error> {
    let mut cuts = vec![0];
    value.serialize(Top {
        out: &mut *out,
        cuts: &mut cuts,
    })?;
    Ok(cuts)
}

struct Top<'a> {
    out: &'a mut Vec<u8>,
    cuts: &'a mut Vec<usize>,
}

struct TopStruct<'a> {
    out: &'a mut Vec<u8>,
    cuts: &'a mut Vec<usize>,
}

/// One top-level field's value.
struct Field<'a> {
    out: &'a mut Vec<u8>,
    cuts: &'a mut Vec<usize>,
}

struct Items<'a> {
    out: &'a mut Vec<u8>,
    cuts: &'a mut Vec<usize>,
    first: bool,
    /// Start of the last item written.
    item: usize,
}

/// Refusing `Serializer` methods: each `name<V>(argument types) -> T;` returns the
/// [`not_struct`] error (`<V>` for the generic ones, `-> T` only when `T` is not `()`).
macro_rules! refuse {
    (@ok) => { () };
    (@ok $ok:ty) => { $ok };
    ($($name:ident $(<$v:ident>)? ($($arg:ty),*) $(-> $ok:ty)?;)*) => {
        $(fn $name $(<$v: Serialize + ?Sized>)? (self, $(_: $arg),*) -> Result<refuse!(@ok $($ok)?), Error> {
            Err(not_struct())
        })*
    };
}

/// What [`Top`] and [`Field`] both refuse: tuples, maps and enum variants with data.
macro_rules! refuse_compounds {
    () => {
        type Ok = ();
        type Error = Error;
        type SerializeTuple = Impossible<(), Error>;
        type SerializeTupleStruct = Impossible<(), Error>;
        type SerializeTupleVariant = Impossible<(), Error>;
        type SerializeMap = Impossible<(), Error>;
        type SerializeStructVariant = Impossible<(), Error>;
        refuse! {
            serialize_newtype_variant<V>(&'static str, u32, &'static str, &V);
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
    };
}

impl<'a> Serializer for Top<'a> {
    type SerializeSeq = Impossible<(), Error>;
    type SerializeStruct = TopStruct<'a>;
    refuse_compounds!();
    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
        serialize_some<V>(&V);
        serialize_newtype_struct<V>(&'static str, &V);
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
    }
    /// As postcard's own serializer says: a type that writes itself differently for humans
    /// must write its compact form here.
    fn is_human_readable(&self) -> bool {
        false
    }
    /// A postcard struct is its fields one after the other: nothing before, nothing after.
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<TopStruct<'a>, Error> {
        Ok(TopStruct {
            out: self.out,
            cuts: self.cuts,
        })
    }
}

impl SerializeStruct for TopStruct<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        _key: &'static str,
        value: &V,
    ) -> Result<(), Error> {
        // Every field starts a chunk: an array's length (a varint before its items) and each
        // scalar sit in a chunk of a few bytes, so a new item or a counter changes only those
        // tiny chunks and the items' own, never a big neighbour.
        if self.out.len() > *self.cuts.last().unwrap_or(&0) {
            self.cuts.push(self.out.len());
        }
        value.serialize(Field {
            out: &mut *self.out,
            cuts: &mut *self.cuts,
        })
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

macro_rules! forward {
    ($($name:ident($arg:ty);)*) => {
        $(fn $name(self, v: $arg) -> Result<(), Error> {
            (&mut postcard_into(self.out)).$name(v)
        })*
    };
}

/// A top-level field: arrays go through [`Items`]; scalars, `Option`s and newtypes of them are
/// written by postcard's own scalar writers. Nested structs or maps are refused (the workspace
/// has none at the top level; a test checks the output against `postcard::to_allocvec`): no
/// second, generic postcard path for the domain types, so the wasm keeps one copy of them.
impl<'a> Serializer for Field<'a> {
    type SerializeSeq = Items<'a>;
    type SerializeStruct = Impossible<(), Error>;
    refuse_compounds!();
    refuse! {
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
    }
    forward! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_unit_struct(&'static str);
    }
    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_none(self) -> Result<(), Error> {
        (&mut postcard_into(self.out)).serialize_none()
    }
    fn serialize_unit(self) -> Result<(), Error> {
        (&mut postcard_into(self.out)).serialize_unit()
    }
    fn serialize_unit_variant(self, n: &'static str, i: u32, v: &'static str) -> Result<(), Error> {
        (&mut postcard_into(self.out)).serialize_unit_variant(n, i, v)
    }
    fn serialize_some<V: Serialize + ?Sized>(self, v: &V) -> Result<(), Error> {
        // postcard writes an `Option` as a 0/1 tag before the value.
        self.out.push(1);
        v.serialize(self)
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &V,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    /// postcard writes an array's length (a varint) before its items.
    fn serialize_seq(self, len: Option<usize>) -> Result<Items<'a>, Error> {
        let len = len.ok_or(Error::SerializeSeqLengthUnknown)?;
        (&mut postcard_into(&mut *self.out)).serialize_u64(len as u64)?;
        let item = self.out.len();
        Ok(Items {
            out: self.out,
            cuts: self.cuts,
            first: true,
            item,
        })
    }
}

/// FxHash-style mix of an item's edges: content-defined, cheap (at most 64 bytes read).
fn edge_hash(item: &[u8]) -> u64 {
    let n = item.len();
    let head = &item[..n.min(32)];
    let tail = &item[n.saturating_sub(32)..];
    let mut h = n as u64;
    for &b in head.iter().chain(tail) {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
    h ^ (h >> 29)
}

impl SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Error> {
        let start = self.out.len();
        if self.first {
            self.cuts.push(start);
        } else {
            let last_cut = *self.cuts.last().unwrap_or(&0);
            let size = start - last_cut;
            let prev = &self.out[self.item..start];
            let hit = (edge_hash(prev) % AVG_CHUNK as u64) < prev.len() as u64;
            if size >= MAX_CHUNK || (size >= MIN_CHUNK && hit) {
                self.cuts.push(start);
            }
        }
        self.first = false;
        self.item = start;
        value.serialize(&mut postcard_into(&mut *self.out))
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One chunk of the cached bytes.
#[derive(Clone)]
struct Chunk {
    /// Its range in [`Cache::plain`].
    start: usize,
    end: usize,
    /// Its deflated size in bytes.
    deflated: usize,
    /// Adler-32 of its deflated bytes (what the envelope's `s` lists; see [`checksum`]).
    sum: u32,
    /// Its deflated bytes packed by [`super::codec::pack15`].
    packed: Rc<str>,
}

/// The last bytes encoded or decoded, with the packed deflate stream of each chunk.
#[derive(Default)]
pub struct Cache {
    plain: Vec<u8>,
    chunks: Vec<Chunk>,
    /// Chunks deflated by the last encode (the others came from the cache).
    fresh: usize,
    /// Their bytes (before deflating).
    fresh_bytes: usize,
}

impl Cache {
    /// Forgets everything (the next encode is cold).
    pub fn clear(&mut self) {
        *self = Cache::default();
    }
    /// Number of chunks held.
    pub fn len(&self) -> usize {
        self.chunks.len()
    }
    /// Chunks the last encode had to deflate (the others were reused).
    pub fn last_deflated(&self) -> usize {
        self.fresh
    }
    /// Bytes the last encode had to deflate (what a write costs; most chunks are reused).
    pub fn last_deflated_bytes(&self) -> usize {
        self.fresh_bytes
    }
    /// Length of the cached bytes.
    pub fn plain_len(&self) -> usize {
        self.plain.len()
    }
    /// Holds nothing?
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Takes `plain` (just decoded from `chunks`: (plain length, deflated length, checksum,
    /// packed text)) as the cached bytes.
    pub fn fill(&mut self, plain: Vec<u8>, chunks: Vec<(usize, usize, u32, Rc<str>)>) {
        let mut start = 0;
        self.chunks = chunks
            .into_iter()
            .map(|(n, deflated, sum, packed)| {
                let c = Chunk {
                    start,
                    end: start + n,
                    deflated,
                    sum,
                    packed,
                };
                start += n;
                c
            })
            .collect();
        self.plain = plain;
        self.fresh = 0;
        self.fresh_bytes = 0;
    }
}

/// The checksum of a chunk's deflated bytes: Adler-32 (zlib's, from `adler2`, already in the
/// wasm through `miniz_oxide`), over the deflated rather than the plain bytes so that checking
/// all of them on load hashes ≈ 4 MB instead of ≈ 14 MB. Raw deflate has no checksum of its own:
/// without this, a damaged byte inside a chunk could inflate to a slightly different workspace.
pub fn checksum(deflated: &[u8]) -> u32 {
    adler2::adler32_slice(deflated)
}

/// What [`encode`] produced: per chunk (plain length, deflated length), the packed chunks, and
/// how many chunks were deflated (the others came from the cache).
pub struct Encoded {
    /// `[n0, c0, n1, c1, …]`.
    pub sizes: Vec<usize>,
    /// The [`checksum`] of each chunk, in order.
    pub sums: Vec<usize>,
    /// The packed chunks, in order.
    pub packed: Vec<Rc<str>>,
    /// Chunks deflated by this call.
    pub deflated: usize,
}

/// Deflates and packs the chunks of `plain` (cut at `cuts`), reusing `cache` for every chunk
/// whose bytes it already holds; then `plain` becomes the cached bytes.
pub fn encode(plain: Vec<u8>, cuts: &[usize], cache: &mut Cache) -> Encoded {
    let mut chunks = Vec::with_capacity(cuts.len());
    let mut sizes = Vec::with_capacity(cuts.len() * 2);
    let (mut fresh, mut fresh_bytes) = (0, 0);
    let mut j = 0;
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(plain.len());
        if end <= start {
            continue;
        }
        let bytes = &plain[start..end];
        // Cached chunks are in order: look a few ahead of the last match (an edited or
        // deleted item changes one or two chunks; an insertion adds one).
        let hit = (j..cache.chunks.len().min(j + 4))
            .find(|&k| &cache.plain[cache.chunks[k].start..cache.chunks[k].end] == bytes);
        let chunk = match hit {
            Some(k) => {
                j = k + 1;
                Chunk {
                    start,
                    end,
                    ..cache.chunks[k].clone()
                }
            }
            None => {
                fresh += 1;
                fresh_bytes += end - start;
                let z = miniz_oxide::deflate::compress_to_vec(bytes, LEVEL);
                Chunk {
                    start,
                    end,
                    deflated: z.len(),
                    sum: checksum(&z),
                    packed: super::codec::pack15(&z).into(),
                }
            }
        };
        sizes.push(end - start);
        sizes.push(chunk.deflated);
        chunks.push(chunk);
    }
    let packed = chunks.iter().map(|c| c.packed.clone()).collect();
    let sums = chunks.iter().map(|c| c.sum as usize).collect();
    cache.plain = plain;
    cache.chunks = chunks;
    cache.fresh = fresh;
    cache.fresh_bytes = fresh_bytes;
    Encoded {
        sizes,
        sums,
        packed,
        deflated: fresh,
    }
}
