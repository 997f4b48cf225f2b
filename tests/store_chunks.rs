//! The chunked stored form on arbitrary data (proptest): the chunk cache never changes what is
//! stored, and an edit re-deflates only the chunks around it.
#![cfg(not(target_arch = "wasm32"))]
use plugin_lifecycle::store::chunks::{self, Cache};
use proptest::prelude::*;

#[derive(serde::Serialize)]
struct Doc {
    schema: u32,
    a: Vec<String>,
    empty: Vec<u8>,
    n: Option<u64>,
    b: Vec<(u64, String)>,
    tail: u64,
}

fn doc(a: &[String], tail: u64) -> Doc {
    Doc {
        schema: 1,
        a: a.to_vec(),
        empty: Vec::new(),
        n: Some(tail.wrapping_mul(3)),
        // A derived copy of every third item (by content: an edit changes one of them).
        b: a.iter()
            .filter(|s| s.len() % 3 == 0)
            .map(|s| (s.len() as u64, s.to_uppercase()))
            .collect(),
        tail,
    }
}

/// Encodes `d` with `cache`; returns the (plain length, deflated length) pairs and the packed
/// chunks, and checks the bytes are postcard's.
fn encode(d: &Doc, cache: &mut Cache) -> (Vec<usize>, Vec<String>) {
    let mut plain = Vec::new();
    let cuts = chunks::serialize(d, &mut plain).unwrap();
    assert_eq!(plain, postcard::to_allocvec(d).unwrap());
    let e = chunks::encode(plain, &cuts, cache);
    (e.sizes, e.packed.iter().map(|p| p.to_string()).collect())
}

/// Items of 40..200 bytes with some variety (escapes, non-ASCII).
fn item(i: usize, salt: u64) -> String {
    let n = 40 + ((i as u64 * 7919 + salt) % 160) as usize;
    let mut s = format!("{i}:{salt}:\"quoted\" 插件 \\ ");
    while s.len() < n {
        s.push(char::from(
            b'a' + ((s.len() as u64 + salt + i as u64) % 26) as u8,
        ));
    }
    s
}

#[derive(Clone, Debug)]
enum Edit {
    Change(usize, u64),
    Insert(usize, u64),
    Delete(usize),
    Push(u64),
    Tail(u64),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u64>()).prop_map(|(i, s)| Edit::Change(i, s)),
        (any::<usize>(), any::<u64>()).prop_map(|(i, s)| Edit::Insert(i, s)),
        any::<usize>().prop_map(Edit::Delete),
        any::<u64>().prop_map(Edit::Push),
        any::<u64>().prop_map(Edit::Tail),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn warm_encode_equals_cold_and_an_edit_deflates_few_chunks(
        len in 2000usize..5000,
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        let mut a: Vec<String> = (0..len).map(|i| item(i, 1)).collect();
        let mut tail = 0;
        let mut cache = Cache::default();
        encode(&doc(&a, tail), &mut cache);
        let total = cache.len();
        prop_assert!(total >= 4, "{} chunks", total);
        for e in &edits {
            match *e {
                Edit::Change(i, s) => { let i = i % a.len(); a[i] = item(i, s); }
                Edit::Insert(i, s) => { let i = i % a.len(); a.insert(i, item(i, s)); }
                Edit::Delete(i) => { let i = i % a.len(); a.remove(i); }
                Edit::Push(s) => a.push(item(a.len(), s)),
                Edit::Tail(t) => tail = t,
            }
            let warm = encode(&doc(&a, tail), &mut cache);
            // One edit touches its chunk in `a` (rarely also the next), the item's copy in `b`
            // and the arrays' lengths (chunks of a few bytes): the cuts after it fall back on the
            // same items at once, so the rest is reused whatever the edit's place.
            prop_assert!(
                cache.last_deflated() <= 6,
                "{e:?}: {} of {} deflated, {} bytes", cache.last_deflated(), cache.len(), cache.last_deflated_bytes()
            );
            let cold = encode(&doc(&a, tail), &mut Cache::default());
            prop_assert_eq!(&warm, &cold, "{:?}", e);
        }
    }
}

#[test]
fn a_nested_struct_at_the_top_level_is_refused_not_mangled() {
    #[derive(serde::Serialize)]
    struct Inner {
        x: u32,
    }
    #[derive(serde::Serialize)]
    struct Nested {
        a: Vec<u8>,
        inner: Inner,
    }
    let mut out = Vec::new();
    let value = Nested {
        a: vec![1, 2],
        inner: Inner { x: 3 },
    };
    assert!(chunks::serialize(&value, &mut out).is_err());
    // The store then reports a failed write (state kept in memory), never an empty workspace.
}
