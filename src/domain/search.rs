//! Search over released plugins. The index is maintained at write time (release,
//! offline, basic-info edits) and never rebuilt per query.

use serde::{Deserialize, Serialize};

use super::ids::AppId;
use super::plugin::Plugin;

/// Why a plugin matched, best first.
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
    /// The AppID contains the query.
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

/// Index of released plugins, kept sorted by (lowercase name, AppID).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Search normalisation: trimmed, lowercase (CJK unchanged).
pub fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
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

    /// Re-indexes one plugin: inserted/updated if released, removed otherwise.
    pub fn refresh(&mut self, plugin: &Plugin) {
        let name = normalize(&plugin.name);
        let pos = self.position(&name, &plugin.app_id);
        if !plugin.is_released() {
            if let Ok(i) = pos {
                self.entries.remove(i);
            }
            return;
        }
        let listing = plugin.listing();
        let entry = Entry {
            name,
            app_id: plugin.app_id.clone(),
            tags: listing
                .map(|l| l.tags.iter().map(|t| normalize(t)).collect())
                .unwrap_or_default(),
            category: listing
                .map(|l| normalize(&format!("{}/{}", l.category.primary, l.category.secondary)))
                .unwrap_or_default(),
        };
        match pos {
            Ok(i) => self.entries[i] = entry,
            Err(i) => self.entries.insert(i, entry),
        }
    }

    /// Ranked search; see [`SearchRank`]. Ties are broken by name then AppID.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        let q = normalize(query);
        let mut buckets: [Vec<usize>; 7] = Default::default();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(rank) = rank_of(e, &q) {
                buckets[rank as usize].push(i);
            }
        }
        let total = buckets.iter().map(Vec::len).sum();
        let hits = buckets
            .iter()
            .enumerate()
            .flat_map(|(r, b)| b.iter().map(move |i| (r, *i)))
            .take(limit)
            .map(|(r, i)| SearchHit {
                app_id: self.entries[i].app_id.clone(),
                rank: RANKS[r],
            })
            .collect();
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
    } else if e.app_id.as_str().contains(q) {
        Some(SearchRank::AppId)
    } else {
        None
    }
}
