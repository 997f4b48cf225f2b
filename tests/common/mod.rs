//! Helpers shared by the native domain test binaries.
#![allow(dead_code)]
use plugin_lifecycle::domain::{AppId, Workspace};

/// Where a consumer's indexed `plugin_uses` differs from a scan of every use (through
/// `users_of_plugin`), if anywhere.
pub fn uses_mismatch(ws: &Workspace) -> Option<String> {
    for acc in ws.accounts() {
        let id = &acc.app_id;
        let mut indexed: Vec<&AppId> = ws.plugin_uses(id).iter().map(|u| &u.plugin).collect();
        let mut scanned: Vec<&AppId> = ws
            .plugins()
            .iter()
            .flat_map(|p| ws.users_of_plugin(&p.app_id))
            .filter(|u| u.consumer == *id)
            .map(|u| &u.plugin)
            .collect();
        indexed.sort();
        scanned.sort();
        if indexed != scanned {
            return Some(format!(
                "uses of {}: indexed {indexed:?}, scanned {scanned:?}",
                acc.name
            ));
        }
    }
    None
}
