//! `make bench`: measured ratios in a real browser, against baselines measured in the same run.
//! Writes bench/RESULTS.md. (Filled in part by part; see the README's bench section.)
#[path = "../support/mod.rs"]
mod support;

fn main() {
    let dist = support::dist_dir();
    let mut rows = Vec::new();
    let mut total_gz = 0usize;
    for entry in std::fs::read_dir(&dist).unwrap().flatten() {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["wasm", "js", "css"].contains(&ext) {
            continue;
        }
        let raw = std::fs::read(&p).unwrap();
        let gz = gzip_len(&p);
        total_gz += gz;
        rows.push(format!("| {} | {} | {} |", p.file_name().unwrap().to_string_lossy(), raw.len(), gz));
    }
    let table = format!(
        "## 1. Bundle\n\n| file | raw bytes | gzip -9 bytes |\n|---|---:|---:|\n{}\n| **total** | | **{}** ({:.2} of the 250 KB budget, {:.2} of the 150 KB goal) |\n",
        rows.join("\n"),
        total_gz,
        total_gz as f64 / (250.0 * 1024.0),
        total_gz as f64 / (150.0 * 1024.0)
    );
    println!("{table}");
    std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/bench")).unwrap();
    std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/RESULTS.md"), format!("# Bench results\n\n{table}")).unwrap();
}

fn gzip_len(p: &std::path::Path) -> usize {
    let out = std::process::Command::new("gzip").arg("-9").arg("-c").arg(p).output().expect("gzip");
    out.stdout.len()
}
