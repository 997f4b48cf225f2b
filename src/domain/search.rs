//! Search over released plugins. The index is maintained at write time (release,
//! offline, basic-info edits) and never rebuilt per query.

use serde::{Deserialize, Serialize};

use super::ids::AppId;
use super::plugin::Plugin;

/// The order of `n` items by `cmp` of their indices, equal ones kept in the order they came (a
/// stable sort). Every list the domain sorts goes through it: each `sort_by` closure is its own
/// copy of the standard sort in the wasm, this sort of indices is compiled once.
pub(crate) fn sorted_order(
    n: usize,
    cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Why a plugin matched, best first. A query of several words is also matched word by word
/// (see [`SearchIndex::search`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SearchRank {
    /// Name equals the query.
    ExactName,
    /// Name starts with the query.
    NamePrefix,
    /// Name contains the query.
    NameSubstring,
    /// A tag contains the query.
    Tag,
    /// The category contains the query.
    Category,
    /// The AppID starts with the query, of at least [`APP_ID_PREFIX_MIN`] characters (an AppID
    /// is typed or pasted from its start; "1" would otherwise match almost every AppID).
    AppId,
    /// Empty query: every released plugin.
    Listed,
}

/// One hit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The plugin.
    pub app_id: AppId,
    /// Why it matched.
    pub rank: SearchRank,
}

/// At most `limit` hits plus the total number of matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Best hits first (rank, then name, then AppID).
    pub hits: Vec<SearchHit>,
    /// Number of matching plugins.
    pub total: usize,
}

/// Pre-normalised search key of one released plugin.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    app_id: AppId,
    tags: Vec<String>,
    category: String,
}

impl Entry {
    /// The entry of a released `plugin` whose search key of its name is `name`.
    fn of(name: String, plugin: &Plugin) -> Self {
        let listing = plugin.listing();
        Entry {
            name,
            app_id: plugin.app_id.clone(),
            tags: listing
                .map(|l| l.tags.iter().map(|t| search_key(t)).collect())
                .unwrap_or_default(),
            category: listing
                .map(|l| category_key(&l.category))
                .unwrap_or_default(),
        }
    }
}

/// The search key of category `c`: `一级/二级`, then, when the app glosses either name, the
/// English as English pages show it (`工具/天气` SEP `tools/weather`; re-check QA: shown on
/// every hit, an English name found nothing). [`SEP`] between them: no query spans the two.
pub fn category_key(c: &super::Category) -> String {
    use super::category::gloss;
    let mut key = search_key(&format!("{}/{}", c.primary, c.secondary));
    let (p, s) = (gloss(&c.primary), gloss(&c.secondary));
    if p.is_some() || s.is_some() {
        let en = format!("{}/{}", p.unwrap_or(&c.primary), s.unwrap_or(&c.secondary));
        key.push(SEP);
        key.push_str(&search_key(&en));
    }
    key
}

/// The shortest query that matches an AppID (from its start): `wx` and two hex digits.
pub const APP_ID_PREFIX_MIN: usize = 4;

/// Whether the normalised text `q` matches the AppID `app_id`: the one rule of
/// [`SearchRank::AppId`], and of the start page's account filter ([`super::Account::matches`]).
pub(crate) fn matches_app_id(app_id: &str, q: &str) -> bool {
    q.len() >= APP_ID_PREFIX_MIN && app_id.starts_with(q)
}

/// Whether `query` reads as the start of an AppID too short to match one (`wx`, `wx1`): the
/// search page then says why nothing is found.
pub fn is_short_app_id_start(query: &str) -> bool {
    let q = search_key(query);
    q.starts_with(super::ids::APP_ID_START) && q.len() < APP_ID_PREFIX_MIN
}

/// Section separators in the haystack: never part of a (normalised) query, so no match spans two
/// sections or two entries.
const SEP: char = '\u{1}';

/// The names, tags and categories of all entries in one string — per entry
/// `name SEP tag SEP tag … SEP category SEP` — with the byte offsets of each entry's sections: one
/// substring pass finds every entry's best match in them. AppIDs are not in it: they match only
/// from their start ([`matches_app_id`]), checked on their own.
#[derive(Clone, Debug, Default)]
struct Haystack {
    text: String,
    /// Per entry: start of name, of tags, of category; `ends[i]` ends entry i.
    starts: Vec<[usize; 3]>,
    ends: Vec<usize>,
}

impl Haystack {
    fn build(entries: &[Entry]) -> Self {
        let mut h = Haystack::default();
        for e in entries {
            let name = h.text.len();
            h.text.push_str(&e.name);
            h.text.push(SEP);
            let tags = h.text.len();
            for t in &e.tags {
                h.text.push_str(t);
                h.text.push(SEP);
            }
            let category = h.text.len();
            h.text.push_str(&e.category);
            h.text.push(SEP);
            h.starts.push([name, tags, category]);
            h.ends.push(h.text.len());
        }
        h
    }

    /// The rank (as `u8`) of a match of `len` bytes at byte `pos`, in entry `i`.
    fn rank_at(&self, i: usize, pos: usize, len: usize) -> u8 {
        let [name, tags, category] = self.starts[i];
        (if pos < tags {
            if pos != name {
                SearchRank::NameSubstring
            } else if tags - name - SEP.len_utf8() == len {
                SearchRank::ExactName
            } else {
                SearchRank::NamePrefix
            }
        } else if pos < category {
            SearchRank::Tag
        } else {
            SearchRank::Category
        }) as u8
    }

    /// Sets `ranks[i]` to the rank of entry `i`'s best match of the non-empty `q`, for each entry
    /// that has one: one substring pass over the text, going on at the next entry after each
    /// match (an entry's first match is its best: its sections are in rank order), then the
    /// AppIDs of the entries left, if `q` is long enough to match one.
    fn first_matches(&self, entries: &[Entry], q: &str, ranks: &mut [u8]) {
        let (mut from, mut i) = (0, 0);
        while let Some(found) = self.text[from..].find(q) {
            let pos = from + found;
            while self.ends[i] <= pos {
                i += 1;
            }
            ranks[i] = self.rank_at(i, pos, q.len());
            from = self.ends[i];
        }
        // `matches_app_id`'s length rule, asked once for all entries instead of per entry.
        if q.len() >= APP_ID_PREFIX_MIN {
            for (rank, e) in ranks.iter_mut().zip(entries) {
                if *rank == NONE && matches_app_id(e.app_id.as_str(), q) {
                    *rank = SearchRank::AppId as u8;
                }
            }
        }
    }

    /// The rank of entry `i`'s best match of `q`, or [`NONE`].
    fn first_match_in(&self, entries: &[Entry], i: usize, q: &str) -> u8 {
        let start = self.starts[i][0];
        match self.text[start..self.ends[i]].find(q) {
            Some(found) => self.rank_at(i, start + found, q.len()),
            None if matches_app_id(entries[i].app_id.as_str(), q) => SearchRank::AppId as u8,
            None => NONE,
        }
    }
}

/// No match, in a per-entry array of ranks (as `u8`, the index into [`RANKS`]).
const NONE: u8 = u8::MAX;

/// Index of released plugins, kept sorted by (search key of the name, AppID). The haystack is derived
/// from the entries on the first search after a change.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    haystack: std::sync::OnceLock<Haystack>,
}

impl PartialEq for SearchIndex {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}
impl Eq for SearchIndex {}

/// Whether `c` separates the two levels of a category as people type it: `>` (how the UI shows
/// a category, `一级 > 二级`) or `/` (how the index stores it); full-width forms are made ASCII
/// before ([`super::text::half_width`]).
fn is_level_separator(c: char) -> bool {
    matches!(c, '>' | '/')
}

/// The one normalisation of search, applied alike to every indexed text (name, tags, category)
/// and to the query: trimmed, each run of whitespace (the ideographic space U+3000 too) one
/// space ([`super::text::collapsed_chars`]), full-width forms ASCII
/// ([`super::text::half_width`]), lower case ([`super::text::fold_char`]; CJK unchanged), then
/// each level separator ([`is_level_separator`]) with the space around it becomes one `/`. So
/// `工具 > 天气` (as displayed), `工具>天气` and `工具／天气` all find the category 工具/天气,
/// `ＭＡＰ` finds `Map` and `map  tools` is `map tools`. Allocates once per text.
pub fn search_key(s: &str) -> String {
    use super::text::{collapsed_chars, compose, fold_char, half_width};
    let mut out = String::with_capacity(s.len());
    for c in collapsed_chars(s).map(|c| fold_char(half_width(c))) {
        // A letter and its combining accent as the accented letter, as names are stored
        // (re-check QA: `Cafe` + U+0301 pasted found nothing).
        if let Some(accented) = out.chars().next_back().and_then(|b| compose(b, c)) {
            out.pop();
            out.push(accented);
        } else if is_level_separator(c) {
            if out.ends_with(' ') {
                out.pop();
            }
            out.push('/');
        } else if !(c == ' ' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

impl SearchIndex {
    /// Number of indexed (released) plugins.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether no plugin is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, name: &str, app_id: &AppId) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|e| (e.name.as_str(), &e.app_id).cmp(&(name, app_id)))
    }

    /// The index of every released plugin in `plugins`, built in one sort (a workspace load);
    /// the same entries as [`SearchIndex::refresh`] of each plugin in turn.
    pub fn build<'a>(plugins: impl IntoIterator<Item = &'a Plugin>) -> Self {
        let entries: Vec<Entry> = plugins
            .into_iter()
            .filter(|p| p.has_online_version())
            .map(|p| Entry::of(search_key(&p.name), p))
            .collect();
        let order = sorted_order(entries.len(), &|a, b| {
            let (a, b) = (&entries[a], &entries[b]);
            (&a.name, &a.app_id).cmp(&(&b.name, &b.app_id))
        });
        let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
        let entries = order.into_iter().filter_map(|i| slots[i].take()).collect();
        SearchIndex {
            entries,
            haystack: std::sync::OnceLock::new(),
        }
    }

    /// Re-indexes one plugin: inserted/updated if released, removed otherwise.
    pub fn refresh(&mut self, plugin: &Plugin) {
        self.haystack = std::sync::OnceLock::new();
        let name = search_key(&plugin.name);
        let pos = self.position(&name, &plugin.app_id);
        if !plugin.has_online_version() {
            if let Ok(i) = pos {
                self.entries.remove(i);
            }
            return;
        }
        let entry = Entry::of(name, plugin);
        match pos {
            Ok(i) => self.entries[i] = entry,
            Err(i) => self.entries.insert(i, entry),
        }
    }

    /// Ranked search; see [`SearchRank`]. Ties are broken by name then AppID. A query of several
    /// words (its [`search_key`] split on spaces) also matches a plugin each word matches
    /// somewhere (name, tags, category or AppID), ranked by its worst word, if that beats the rank
    /// of the whole query: `tools map` finds `Map Tools` as [`SearchRank::NameSubstring`].
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        let mut raw = query.to_owned();
        raw.retain(|c| c != SEP);
        let q = search_key(&raw);
        // Best rank per entry (index into RANKS).
        let mut best = vec![NONE; self.entries.len()];
        if q.is_empty() {
            best.fill(SearchRank::Listed as u8);
        } else if !q.contains(' ') {
            let hay = self.haystack.get_or_init(|| Haystack::build(&self.entries));
            hay.first_matches(&self.entries, &q, &mut best);
        } else {
            // The whole query matches only where each word does: one pass for the longest word
            // (likely the rarest), then the other words and the whole query only in the entries
            // that every word so far matched.
            let hay = self.haystack.get_or_init(|| Haystack::build(&self.entries));
            let longest = q.split(' ').max_by_key(|w| w.len()).unwrap_or(&q);
            hay.first_matches(&self.entries, longest, &mut best);
            for (i, b) in best.iter_mut().enumerate().filter(|(_, b)| **b != NONE) {
                // The worst word's rank, NONE as soon as a word misses.
                for word in q.split(' ').filter(|w| *w != longest) {
                    *b = (*b).max(hay.first_match_in(&self.entries, i, word));
                    if *b == NONE {
                        break;
                    }
                }
                if *b != NONE {
                    *b = (*b).min(hay.first_match_in(&self.entries, i, &q));
                }
            }
        }
        let total = best.iter().filter(|r| **r != NONE).count();
        let mut hits = Vec::with_capacity(limit.min(total));
        'ranks: for (r, rank) in RANKS.iter().enumerate() {
            for (i, _) in best.iter().enumerate().filter(|(_, b)| **b as usize == r) {
                if hits.len() >= limit {
                    break 'ranks;
                }
                hits.push(SearchHit {
                    app_id: self.entries[i].app_id.clone(),
                    rank: *rank,
                });
            }
        }
        SearchResults { hits, total }
    }
}

const RANKS: [SearchRank; 7] = [
    SearchRank::ExactName,
    SearchRank::NamePrefix,
    SearchRank::NameSubstring,
    SearchRank::Tag,
    SearchRank::Category,
    SearchRank::AppId,
    SearchRank::Listed,
];

/// The rank of `e` for one normalised text `q` (the whole query or one of its words).
#[cfg(test)]
fn rank_of(e: &Entry, q: &str) -> Option<SearchRank> {
    if q.is_empty() {
        return Some(SearchRank::Listed);
    }
    if e.name == q {
        Some(SearchRank::ExactName)
    } else if e.name.starts_with(q) {
        Some(SearchRank::NamePrefix)
    } else if e.name.contains(q) {
        Some(SearchRank::NameSubstring)
    } else if e.tags.iter().any(|t| t.contains(q)) {
        Some(SearchRank::Tag)
    } else if e.category.contains(q) {
        Some(SearchRank::Category)
    } else if matches_app_id(e.app_id.as_str(), q) {
        Some(SearchRank::AppId)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::SplitMix64;

    /// The rank of `e` for the normalised query `q`: the better of the whole query's rank and,
    /// for several words, the worst of the words' ranks (none if a word does not match).
    fn query_rank(e: &Entry, q: &str) -> Option<SearchRank> {
        let phrase = rank_of(e, q);
        if !q.contains(' ') {
            return phrase;
        }
        let words: Option<Vec<SearchRank>> = q.split(' ').map(|w| rank_of(e, w)).collect();
        let by_words = words.and_then(|ranks| ranks.into_iter().max());
        match (phrase, by_words) {
            (Some(p), Some(w)) => Some(p.min(w)),
            (p, w) => p.or(w),
        }
    }

    /// The straightforward definition: rank every entry with `query_rank`, bucket, take `limit`.
    fn reference(index: &SearchIndex, query: &str, limit: usize) -> SearchResults {
        let q = search_key(query);
        let mut ranked: Vec<(SearchRank, usize)> = index
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| query_rank(e, &q).map(|r| (r, i)))
            .collect();
        ranked.sort();
        SearchResults {
            total: ranked.len(),
            hits: ranked
                .into_iter()
                .take(limit)
                .map(|(rank, i)| SearchHit {
                    app_id: index.entries[i].app_id.clone(),
                    rank,
                })
                .collect(),
        }
    }

    #[test]
    fn single_pass_search_equals_the_reference_ranking() {
        let words = [
            "快递", "查询", "天气", "aa", "a", "wx", "ab", "快", "递查", "1", "12", "物流", "/",
            " ", "ＭＡ", "ma", "tools", "wx00",
        ];
        let mut rng = SplitMix64(7);
        let mut entries = Vec::new();
        for k in 0..400u64 {
            let mut pick = |n: usize| -> String {
                (0..n)
                    .map(|_| words[rng.below(words.len() as u64) as usize])
                    .collect()
            };
            // Indexed texts are search keys (spaces collapsed, full-width made ASCII).
            let name = search_key(&pick(1 + (k % 3) as usize));
            let tags = (0..(k % 4)).map(|_| search_key(&pick(1))).collect();
            let category = search_key(&pick(2));
            entries.push(Entry {
                name,
                app_id: AppId::from_u64(k * 7919),
                tags,
                category,
            });
        }
        entries.sort_by(|a, b| (a.name.as_str(), &a.app_id).cmp(&(b.name.as_str(), &b.app_id)));
        let index = SearchIndex {
            entries,
            haystack: Default::default(),
        };
        let mut queries: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        // Texts of several words, where the whole query can rank better than its words.
        let spaced = index
            .entries
            .iter()
            .flat_map(|e| [&e.name, &e.category])
            .filter(|t| t.contains(' '));
        queries.extend(spaced.take(20).cloned());
        queries.extend(
            [
                "",
                "  ",
                "AA",
                "aaa",
                "快递查询",
                "wx0",
                "000",
                "zz",
                "\u{1}",
                "a\u{1}a",
                "a > a",
                "快递>查询",
                " 天气 ／ 1",
                "/",
                "快递 查询",
                "查询 快递",
                "a a",
                "aa  a",
                " a\u{3000}1 ",
                "a\t\nab",
                "tools ma",
                "ma tools",
                "ＭＡ",
                "ＭＡ１",
                "ｍａ  ｔｏｏｌｓ",
                "１２",
                "wx 1",
                "1 wx0",
                "a \u{1} b",
                "快递 > 查询 1",
                "a / 1 zz",
                "zz a",
                // AppIDs (`wx` + 16 hex digits, here wx0000000000…): matched from their start,
                // with at least APP_ID_PREFIX_MIN characters.
                "wx00",
                "wx0000000000",
                "0000",
                "00000",
                "快递 wx0000",
                "wx0000 a",
                "wx0000 1",
                "WX000000000001",
            ]
            .map(String::from),
        );
        for e in index.entries.iter().step_by(37) {
            let id = e.app_id.as_str();
            queries.extend([id.to_string(), id[..10].to_string(), id[6..].to_string()]);
            queries.push(format!("{} {}", &id[..8], &e.name));
        }
        assert!(
            queries.iter().any(|q| index
                .search(q, 1000)
                .hits
                .iter()
                .any(|h| h.rank == SearchRank::AppId)),
            "some query matches by AppID"
        );
        for q in &queries {
            for limit in [0, 1, 5, 1000] {
                assert_eq!(
                    index.search(q, limit),
                    reference(&index, &q.replace('\u{1}', ""), limit),
                    "query {q:?} limit {limit}"
                );
            }
        }
    }
}
