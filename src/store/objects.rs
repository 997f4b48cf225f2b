//! Structs are read only as JSON objects: a deserializer adapter for the workspace's JSON (and
//! the session's and the upload draft's, which then share its code: −0.6 KB).
//!
//! serde's derived `Deserialize` of a struct (and of each struct variant of an enum) has two
//! ways in: `visit_map` for `{"field": …}` and `visit_seq` for `[…]`, the fields in order.
//! serde_json's `deserialize_struct` calls `visit_seq` when it meets `[`, so both were compiled
//! for every struct the workspace holds, although the app only ever writes objects (−6.2 KB
//! gzip without them: bench/SIZE-LOG.md). [`Objects`] wraps a deserializer and everything it
//! hands out (visitors, seeds, `SeqAccess`, `MapAccess`, `EnumAccess`, `VariantAccess`), so
//! that below it
//! - a struct is read with the inner `deserialize_map`: serde_json's is its `deserialize_struct`
//!   without the `[` branch, so an object takes the very same calls, and an array is refused as
//!   any other non-object is (`invalid type: sequence, expected struct Name at line L column C`);
//! - a struct variant goes through the inner `struct_variant` (so a variant written as a bare
//!   string keeps its error) with a [`Struct`] visitor, which refuses an array with the same
//!   typed error instead of calling the struct's `visit_seq`.
//!
//! Nothing else changes: every other call is forwarded as it is. Enum variant names are not
//! wrapped: in JSON they are strings, never arrays.
//!
//! On the way, the wrappers note what the read skipped ([`Skipped`]): a member of an object
//! that no field of its struct takes (serde skips it as `IgnoredAny`), named by the key read
//! just before it. An import says them, as it keeps only what it knows.
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use std::cell::RefCell;
use std::fmt;

/// `T` from JSON `text`, as `serde_json::from_str`, but its structs only as objects.
pub fn from_json<'a, T: de::Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    from_json_noting(text, &Skipped::default())
}

/// [`from_json`], noting in `skipped` the members no struct field took.
pub fn from_json_noting<'a, T: de::Deserialize<'a>>(
    text: &'a str,
    skipped: &Skipped,
) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut de, skipped))?;
    // Only whitespace may follow, as `from_str` checks.
    de.end()?;
    Ok(value)
}

/// The members of objects a read skipped: a field of an older or newer version of the app, or a
/// name mistyped in a hand-edited file.
#[derive(Default)]
pub struct Skipped {
    /// The last key of a struct's member read (one buffer, written over: no allocation a key).
    key: RefCell<String>,
    /// Each skipped key with how many times it was skipped, in the order first met.
    names: RefCell<Vec<(String, usize)>>,
}

impl Skipped {
    /// Each skipped key with how many times it was skipped, in the order first met.
    pub fn into_names(self) -> Vec<(String, usize)> {
        self.names.into_inner()
    }

    fn skip(&self) {
        let key = self.key.borrow();
        let mut names = self.names.borrow_mut();
        match names.iter_mut().find(|(name, _)| *name == *key) {
            Some((_, times)) => *times += 1,
            None => names.push((key.clone(), 1)),
        }
    }
}

/// A deserializer, visitor, seed or access whose structs below are read only as objects, and
/// whose skipped members are noted.
pub struct Objects<'s, T>(T, &'s Skipped);

/// The visitor of a struct or struct variant: an array is refused rather than visited.
pub struct Struct<'s, V>(V, &'s Skipped);

/// The visitor of a struct member's key: notes it, in case the member is skipped.
struct Key<'s, V>(V, &'s Skipped);

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Objects(visitor, self.1))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<'_, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }

    /// A struct member's key (what a derived `Deserialize` reads its keys with): noted.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(Key(visitor, self.1))
    }

    /// A member no field took (a derived `Deserialize` skips it as `IgnoredAny`): noted under
    /// the key read just before it.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.1.skip();
        self.0.deserialize_ignored_any(visitor)
    }

    /// As a map (see the module documentation); [`Struct`] in case another format's
    /// `deserialize_map` does offer a sequence.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Struct(visitor, self.1))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// The visits every wrapped visitor forwards as they are (values) or wrapped (what holds
/// more to read); `visit_seq` is each wrapper's own.
macro_rules! forward_visits {
    ($($method:ident($ty:ty);)*) => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.0.$method(v)
            }
        )*
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_none()
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_unit()
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            self.0.visit_some(Objects(d, self.1))
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            self.0.visit_newtype_struct(Objects(d, self.1))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            self.0.visit_map(Objects(map, self.1))
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.0.visit_enum(Objects(data, self.1))
        }
    };
}

macro_rules! visitor_impl {
    ($wrapper:ident, |$this:ident, $seq:ident| $visit_seq:expr) => {
        impl<'de, V: Visitor<'de>> Visitor<'de> for $wrapper<'_, V> {
            type Value = V::Value;

            forward_visits! {
                visit_bool(bool);
                visit_i8(i8);
                visit_i16(i16);
                visit_i32(i32);
                visit_i64(i64);
                visit_i128(i128);
                visit_u8(u8);
                visit_u16(u16);
                visit_u32(u32);
                visit_u64(u64);
                visit_u128(u128);
                visit_f32(f32);
                visit_f64(f64);
                visit_char(char);
                visit_str(&str);
                visit_borrowed_str(&'de str);
                visit_string(String);
                visit_bytes(&[u8]);
                visit_borrowed_bytes(&'de [u8]);
                visit_byte_buf(Vec<u8>);
            }

            fn visit_seq<A: SeqAccess<'de>>(self, $seq: A) -> Result<Self::Value, A::Error> {
                let $this = self;
                $visit_seq
            }
        }
    };
}

visitor_impl!(Objects, |this, seq| this.0.visit_seq(Objects(seq, this.1)));
// Refused as a derived visitor refuses any type it does not take: "invalid type: sequence,
// expected struct Name" (its own `expecting`), without ever compiling its `visit_seq`.
visitor_impl!(Struct, |this, _seq| Err(de::Error::invalid_type(
    Unexpected::Seq,
    &this
)));

// A key is a string in JSON: the key of a struct's member is read by `visit_str` (with an
// escape) or `visit_borrowed_str`, whose default calls it.
impl<'de, V: Visitor<'de>> Visitor<'de> for Key<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        let mut key = self.1.key.borrow_mut();
        key.clear();
        key.push_str(v);
        drop(key);
        self.0.visit_str(v)
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Objects<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d, self.1))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Objects<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Objects(seed, self.1))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Objects<'_, A> {
    type Error = A::Error;

    /// Wrapped, so that a struct's key reaches [`Key`]; a map's keys (strings, read by
    /// `deserialize_string`) pass through as they are.
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Objects(seed, self.1))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Objects(seed, self.1))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'s, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Objects<'s, A> {
    type Error = A::Error;
    type Variant = Objects<'s, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (name, variant) = self.0.variant_seed(seed)?;
        Ok((name, Objects(variant, self.1)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Objects<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Objects(seed, self.1))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Objects(visitor, self.1))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Struct(visitor, self.1))
    }
}
