//! The workspace's JSON is read with its structs only as objects (`store::objects`): everything
//! the app writes reads back as with `serde_json::from_str`, errors included, and a struct
//! written as an array is refused with a typed error.
use plugin_lifecycle::domain::*;
use plugin_lifecycle::store::codec::{
    decode, decode_import, encode, encode_export, skipped_note, DecodeError,
};
use plugin_lifecycle::store::objects::from_json;
use serde_json::{json, Value};

const NOW: Timestamp = Timestamp(1_763_000_000_000);

/// The exported envelope of the demo workspace, as a JSON value.
fn export_value() -> Value {
    serde_json::from_str(&encode_export(&demo_workspace(NOW))).unwrap()
}

/// The first `AccountCreated` event's `{"account": …}` in an envelope value.
fn account_created(envelope: &mut Value) -> &mut Value {
    envelope["workspace"]["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find_map(|e| e["k"].get_mut("AccountCreated"))
        .expect("the demo creates accounts")
}

/// `fields` of an object, as the array serde's `visit_seq` would read (in declaration order).
fn as_array(object: &Value, fields: &[&str]) -> Value {
    Value::Array(fields.iter().map(|f| object[f].clone()).collect())
}

#[test]
fn the_export_and_every_event_read_back_equal() {
    let ws = demo_workspace(NOW);
    let decoded = decode(&encode_export(&ws)).unwrap();
    assert_eq!(decoded.workspace, ws);
    // Every event, struct variants and all, as `from_str` reads it.
    let text = serde_json::to_string(ws.events()).unwrap();
    let events: Vec<Event> = from_json(&text).unwrap();
    assert_eq!(events, ws.events());
    assert_eq!(events, serde_json::from_str::<Vec<Event>>(&text).unwrap());
    // A busier workspace: more kinds of events, reviews, applications.
    let big = scale_workspace(30, 300, 7);
    let text = serde_json::to_string(&big).unwrap();
    let mut read: Workspace = from_json(&text).unwrap();
    read.rebuild_indexes();
    assert_eq!(read, big);
}

#[test]
fn any_other_input_gets_the_error_from_str_gives() {
    let text = encode_export(&demo_workspace(NOW));
    let same = |input: &str| {
        let ours = from_json::<Value>(input).map(|_| ());
        let theirs = serde_json::from_str::<Value>(input).map(|_| ());
        assert_eq!(
            ours.map_err(|e| e.to_string()),
            theirs.map_err(|e| e.to_string())
        );
        let ours = from_json::<Workspace>(input).map(|_| ());
        let theirs = serde_json::from_str::<Workspace>(input).map(|_| ());
        assert_eq!(
            ours.map_err(|e| e.to_string()),
            theirs.map_err(|e| e.to_string()),
            "{input}"
        );
    };
    let inner = &text[text.find("\"workspace\":").unwrap() + 12..text.len() - 1];
    // Cut anywhere (every 37th char), trailing text, wrong types.
    for (i, _) in inner.char_indices().step_by(37) {
        same(&inner[..i]);
    }
    same(&format!("{inner} x"));
    for wrong in ["1", "\"ws\"", "null", "true", "{}"] {
        same(&inner.replacen("\"seed\":", &format!("\"seed\":{wrong},\"x\":"), 1));
        same(&inner.replacen(
            "{\"AccountCreated\":",
            &format!("{{\"AccountCreated\":{wrong},\"x\":"),
            1,
        ));
    }
    // A struct variant written as a bare string, as a unit variant is.
    let mut envelope = export_value();
    envelope["workspace"]["events"][0]["k"] = json!("AccountCreated");
    same(&envelope["workspace"].to_string());
}

#[test]
fn a_struct_written_as_an_array_is_refused() {
    let mut envelope = export_value();
    let account = &mut account_created(&mut envelope)["account"];
    *account = as_array(account, &["a", "n", "s", "c"]);
    let workspace = envelope["workspace"].to_string();
    // serde_json alone would read it: it is the array form being refused, not a damaged value.
    assert!(serde_json::from_str::<Workspace>(&workspace).is_ok());
    let e = from_json::<Workspace>(&workspace).unwrap_err();
    assert!(e.is_data(), "{e}");
    assert!(
        e.to_string()
            .starts_with("invalid type: sequence, expected struct Account at line 1 column"),
        "{e}"
    );
    // Through the import: a typed refusal, said in both languages.
    match decode(&envelope.to_string()) {
        Err(e @ DecodeError::WrongShape(_)) => {
            assert!(e.en().contains("expected struct Account"), "{}", e.en());
            assert!(e.zh().starts_with("数据结构不符"), "{}", e.zh());
        }
        other => panic!("not refused as a wrong shape: {other:?}"),
    }
    // The whole workspace as an array.
    let ws = &export_value()["workspace"];
    let array = as_array(
        ws,
        &[
            "schema",
            "seed",
            "accounts",
            "reviewers",
            "plugins",
            "apps",
            "uses",
            "next_app",
            "events",
        ],
    );
    assert!(serde_json::from_str::<Workspace>(&array.to_string()).is_ok());
    let e = from_json::<Workspace>(&array.to_string()).unwrap_err();
    // Column 0: serde_json places a refused `[` before it (as for a string given an array).
    assert_eq!(
        e.to_string(),
        "invalid type: sequence, expected struct Workspace at line 1 column 0"
    );
}

#[test]
fn a_struct_variant_written_as_an_array_is_refused() {
    let mut envelope = export_value();
    let created = account_created(&mut envelope);
    *created = as_array(created, &["account"]);
    let workspace = envelope["workspace"].to_string();
    assert!(serde_json::from_str::<Workspace>(&workspace).is_ok());
    let e = from_json::<Workspace>(&workspace).unwrap_err();
    assert!(e.is_data(), "{e}");
    assert!(
        e.to_string().starts_with(
            "invalid type: sequence, expected struct variant EventKind::AccountCreated at line 1"
        ),
        "{e}"
    );
}

#[test]
fn an_import_names_the_members_no_field_takes_with_how_often_they_were_met() {
    let ws = demo_workspace(NOW);
    let skipped = |text: &str| decode_import(text).unwrap().skipped;
    // The app's own forms skip nothing: the export, a bare workspace object, the stored form
    // (with its writer), the export pretty-printed (compared member by member), a busier
    // workspace's (every kind of event), and the first schema's stored fixture.
    assert_eq!(skipped(&encode_export(&ws)), vec![]);
    let bare = export_value()["workspace"].to_string();
    assert_eq!(skipped(&bare), vec![]);
    let stored = encode(&ws, 7).replacen("\"rev\":7,", "\"rev\":7,\"w\":3,", 1);
    assert!(stored.contains("\"w\":3,"), "{}", &stored[..40]);
    assert_eq!(skipped(&stored), vec![]);
    assert_eq!(skipped(&format!("{:#}", export_value())), vec![]);
    let big: Value = serde_json::from_str(&encode_export(&scale_workspace(30, 300, 7))).unwrap();
    assert_eq!(skipped(&format!("{big:#}")), vec![]);
    assert_eq!(skipped(include_str!("fixtures/workspace.v1.json")), vec![]);
    // Nor does a load say anything.
    assert_eq!(decode(&stored).unwrap().skipped, vec![]);

    // A hand-edited export: a member beside the workspace, one in it, one in every account,
    // one in a struct variant of an event (nested values and all).
    let mut envelope = export_value();
    envelope["exported_by"] = json!("me");
    envelope["workspace"]["note"] = json!({"a": [1, {"b": 2}]});
    let accounts = envelope["workspace"]["accounts"].as_array_mut().unwrap();
    let n = accounts.len();
    assert!(n > 1);
    for account in accounts {
        account["rating"] = json!(5);
    }
    account_created(&mut envelope)["account"]["nick"] = json!(null);
    let d = decode_import(&envelope.to_string()).unwrap();
    let found = vec![
        ("exported_by".to_string(), 1),
        ("rating".to_string(), n),
        ("nick".to_string(), 1),
        ("note".to_string(), 1),
    ];
    assert_eq!(d.skipped, found);
    // Nothing else was read differently; pretty-printed (spaces before each value), the same
    // found.
    assert_eq!(d.workspace, ws);
    assert_eq!(skipped(&format!("{envelope:#}")), found);
    // A key written with an escape is named as it reads.
    let escaped = encode_export(&ws).replacen("{", "{\"\\u0078y\":1,", 1);
    assert_eq!(skipped(&escaped), vec![("xy".to_string(), 1)]);
    // A quote and a backslash in a key, spaces and a line break around the colon.
    let odd = encode_export(&ws).replacen(
        "{",
        r#"{"a\"b"  :1, "c\\"
 : [{"d": {}}],"#,
        1,
    );
    assert_eq!(
        skipped(&odd),
        vec![("a\"b".to_string(), 1), ("c\\".to_string(), 1)]
    );

    // Said: each key, how often when more than once, the first five only.
    assert_eq!(skipped_note(&[]), None);
    let (zh, en) = skipped_note(&d.skipped).unwrap();
    assert_eq!(
        zh,
        format!("文件中有 4 个本应用不认识的字段，导入后不会保留：\"exported_by\"、\"rating\"（{n} 处）、\"nick\"、\"note\"。")
    );
    assert_eq!(
        en,
        format!("The file holds 4 fields this app does not know, not kept after the import: \"exported_by\", \"rating\" ({n} times), \"nick\", \"note\".")
    );
    let (_, en) = skipped_note(&[("x".to_string(), 1)]).unwrap();
    assert_eq!(
        en,
        "The file holds a field this app does not know, not kept after the import: \"x\"."
    );
    let many: Vec<(String, usize)> = (0..7).map(|i| (format!("k{i}"), 1)).collect();
    let (zh, en) = skipped_note(&many).unwrap();
    assert!(
        zh.ends_with("：\"k0\"、\"k1\"、\"k2\"、\"k3\"、\"k4\"等 7 个。"),
        "{zh}"
    );
    assert!(
        en.ends_with(": \"k0\", \"k1\", \"k2\", \"k3\", \"k4\" and 2 more."),
        "{en}"
    );
    // Each key a JSON string, what cannot be seen or turns text around escaped (QA: U+202E
    // reversed the rest of the line).
    let odd: Vec<(String, usize)> = ["\u{202e}RTL", "ra\"ting", "", "\u{a0}", "c\u{0}\u{7}\u{85}"]
        .iter()
        .map(|k| (k.to_string(), 1))
        .collect();
    let (zh, _) = skipped_note(&odd).unwrap();
    assert_eq!(
        zh,
        r#"文件中有 5 个本应用不认识的字段，导入后不会保留："\u202eRTL"、"ra\"ting"、""、"\u00a0"、"c\u0000\u0007\u0085"。"#
    );
    let long = [("长".repeat(61), 1)];
    let (zh, _) = skipped_note(&long).unwrap();
    assert!(zh.contains(&format!("\"{}…\"", "长".repeat(60))), "{zh}");
}

/// A field written twice is refused, said with its path as the `app.json` checker says a key
/// written twice, not only as serde's English with a column (a re-check QA).
#[test]
fn an_import_with_a_field_written_twice_says_where() {
    let text = encode_export(&demo_workspace(NOW));
    let first = text.find("\"n\":").unwrap();
    let end = first + text[first..].find(',').unwrap();
    let twice = format!("{},{}", &text[..end], &text[first..]);
    let (zh, en) = decode_import(&twice).unwrap_err();
    assert_eq!(
        zh,
        "workspace.accounts[0].n：键「n」重复：JSON 只保留最后一个，前面的会丢失，请删去多余的"
    );
    assert!(
        en.starts_with("workspace.accounts[0].n: Key \"n\" is written twice"),
        "{en}"
    );
    // At the top: the same.
    let schema = text.replacen("{\"schema\":1,", "{\"schema\":1,\"schema\":1,", 1);
    assert_eq!(
        decode_import(&schema).unwrap_err().0,
        "schema：键「schema」重复：JSON 只保留最后一个，前面的会丢失，请删去多余的"
    );
}

/// JSON of another shape is refused saying what can be imported (English QA: "unexpected data
/// shape (no schema version)" said nothing of what to do); JSON with no workspace at all says so.
#[test]
fn an_import_of_another_shape_says_what_can_be_imported() {
    let (zh, en) = decode_import(r#"{"version":99,"accounts":[]}"#).unwrap_err();
    assert!(
        zh.ends_with("只能导入本应用「导出 JSON」得到的数据（可以修改其中的值，结构须保持不变）"),
        "{zh}"
    );
    assert!(
        en.starts_with("unexpected data shape (") && en.ends_with("Only data made by this app's Export JSON can be imported (its values may be edited, not its structure)"),
        "{en}"
    );
    let text = encode_export(&demo_workspace(NOW));
    let typed = text.replacen("{\"schema\":1,", "{\"schema\":\"1\",", 1);
    assert_ne!(typed, text);
    assert!(decode_import(&typed).unwrap_err().1.contains("Export JSON"));
    // Also JSON with no workspace at all (re-check QA: `{}` said only that).
    for other in ["{}", "[1]", "null", r#"{"schema":1}"#] {
        let (zh, en) = decode_import(other).unwrap_err();
        assert!(
            en.contains("Export JSON") && zh.contains("导出 JSON"),
            "{other}: {en}"
        );
    }
}

/// An import is refused a direction control in any text, as commands refuse it (QA: a plugin
/// name starting with U+202E was imported and turned the start page's 审核中、已发布 after it
/// backwards).
#[test]
fn an_import_with_an_invisible_character_in_a_text_is_refused_saying_where() {
    let ws = demo_workspace(NOW);
    let plugin = ws.plugins()[0].clone();
    let id = plugin.app_id.to_string();
    let text = encode_export(&ws);
    let name = serde_json::to_string(&plugin.name).unwrap();
    let reversed = text.replacen(&name, &format!("\"\\u202e{}", &name[1..]), 1);
    assert_ne!(reversed, text);
    assert_eq!(
        decode_import(&reversed).unwrap_err().0,
        format!("插件 {id}：名称含看不见的字符 U+202E（文字方向控制符），请删除")
    );
    let spaced = text.replacen(&name, &format!("\"快递\\u200b{}", &name[1..]), 1);
    // Zero-width characters, which commands refuse in names since after exports a user may
    // hold, still import: they do not reorder what the app shows.
    assert!(decode_import(&spaced).is_ok());
    assert!(decode_import(&text).is_ok());
}

/// Every member name of the stored JSON `v`, as a path (`a.b[].c`), into `out`; the members of
/// `pages` and `publicComponents` are the developer's names, not the schema's.
fn member_paths(v: &Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(path.clone());
                if !matches!(k.as_str(), "pages" | "publicComponents") {
                    member_paths(v, &path, out);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                member_paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

/// The members a stored workspace holds are the schema's, listed per schema version in
/// `tests/fixtures/stored-members.vN.txt` (code review: a field added without a schema bump is
/// read by a tab still running the build before as a member it does not know, skipped, and its
/// next save writes the workspace without it; and the binary form, not self-describing, no
/// longer reads at all). A new field or event kind is a new schema: bump `SCHEMA_VERSION`, add
/// its migration (`store::codec::MIGRATIONS`) and this list for it; a tab of the build before
/// then holds instead of writing (`DecodeError::NewerSchema`). Seen through the demo workspace,
/// which holds every status: a field it never writes is not seen here (give the demo one).
#[test]
fn the_stored_members_are_the_schemas_own() {
    let v: Value = serde_json::from_str(&encode(&demo_workspace(NOW), 1)).unwrap();
    let mut now = std::collections::BTreeSet::new();
    member_paths(&v["workspace"], "", &mut now);
    let file = format!(
        "{}/tests/fixtures/stored-members.v{SCHEMA_VERSION}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let listed = std::fs::read_to_string(&file).unwrap_or_default();
    let listed: std::collections::BTreeSet<String> = listed.lines().map(str::to_string).collect();
    let added: Vec<_> = now.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&now).collect();
    assert!(
        added.is_empty() && gone.is_empty(),
        "the stored members differ from {file}: added {added:?}, gone {gone:?}. A change to \
         what is stored is a new schema: bump SCHEMA_VERSION, add its migration and list its \
         members in stored-members.v{{N}}.txt"
    );
}
