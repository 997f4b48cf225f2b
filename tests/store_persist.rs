//! Persistence logic over `MemoryStore`: first run, round trip, schema fixtures, quarantine of
//! generated corruptions, quota, and compare-and-swap between two "tabs".
#[path = "fixtures/mod.rs"]
mod fixtures;

use plugin_lifecycle::domain::*;
use plugin_lifecycle::store::chunks::{self, Cache};
use plugin_lifecycle::store::codec::{
    decode, decode_with, encode, encode_counted, encode_export, encode_with, file_text, pack15,
    unpack15, DecodeError, Tag, COMPRESS_ABOVE,
};
use plugin_lifecycle::store::*;
use std::rc::Rc;

const NOW: Timestamp = Timestamp(1_763_000_000_000);

fn tab(store: &Rc<MemoryStore>) -> Persistence {
    Persistence::new(Box::new(store.clone()))
}

fn create(name: &str) -> Command {
    Command::CreateAccount {
        name: name.into(),
        subject: SubjectType::Enterprise,
        categories: vec![Category::new("工具", "天气")],
    }
}

fn has_account(ws: &Workspace, name: &str) -> bool {
    ws.accounts().iter().any(|a| a.name == name)
}

/// Two tabs opened on one empty store (the first writes the demo, the second reads it).
fn two_tabs() -> (
    Rc<MemoryStore>,
    (Persistence, Workspace),
    (Persistence, Workspace),
) {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let wa = a.open(NOW).workspace;
    let b = tab(&store);
    let wb = b.open(NOW).workspace;
    (store, (a, wa), (b, wb))
}

/// AppID of the account named `name`.
/// The first application of `ws` still 待确认 at [`NOW`], and its plugin's developer.
fn first_pending(ws: &Workspace) -> (UseApplication, Actor) {
    let app = ws
        .applications()
        .iter()
        .find(|x| x.is_pending_at(NOW))
        .expect("a 待确认 application")
        .clone();
    let owner = Actor::Developer(app.plugin.clone());
    (app, owner)
}

fn id_of(ws: &Workspace, name: &str) -> AppId {
    ws.accounts()
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no account {name}"))
        .app_id
        .clone()
}

fn open_plugin(name: &str) -> Command {
    Command::OpenPlugin {
        name: name.into(),
        icon: Icon::Builtin("tool".into()),
        intro: "简介".into(),
    }
}

/// Tab `p` replaces the workspace with the demo plus 20 accounts while storage is nearly full:
/// the write is refused. Returns the import.
fn import_that_does_not_fit(store: &MemoryStore, p: &Persistence) -> Workspace {
    let used: usize = utf16_len(&store.get(WORKSPACE_KEY).unwrap().unwrap()) + WORKSPACE_KEY.len();
    store.set_quota(Some(used + 400));
    let mut imported = demo_workspace(NOW);
    for i in 0..20 {
        imported
            .execute(&Actor::System, NOW, create(&format!("导入的帐号{i}")))
            .unwrap();
    }
    let refused = p.replace(&imported);
    assert!(
        matches!(
            refused,
            Err(ReplaceRefused::NotStored {
                error: StoreError::QuotaExceeded,
                units,
            }) if units > used
        ),
        "{refused:?}"
    );
    imported
}

fn stored(store: &MemoryStore) -> Workspace {
    decode(&store.get(WORKSPACE_KEY).unwrap().expect("stored"))
        .expect("decodes")
        .workspace
}

#[test]
fn first_run_saves_the_demo_and_reopens_it() {
    let store = Rc::new(MemoryStore::default());
    let opened = tab(&store).open(NOW);
    assert!(opened.notices.is_empty());
    assert_eq!(opened.workspace, demo_workspace(NOW));
    let again = tab(&store).open(NOW.plus_hours(1));
    assert!(again.notices.is_empty());
    assert_eq!(
        again.workspace, opened.workspace,
        "the saved demo, not a new one"
    );
}

#[test]
fn round_trip_after_commands() {
    let store = Rc::new(MemoryStore::default());
    let p = tab(&store);
    let mut ws = p.open(NOW).workspace;
    for i in 0..3 {
        let (r, n) = p.execute(
            &mut ws,
            &Actor::System,
            NOW.plus_ms(i),
            create(&format!("测试帐号{i}")),
        );
        r.unwrap();
        assert!(n.is_empty());
    }
    assert_eq!(p.pending_len(), 3);
    assert!(p.flush(&mut ws, NOW).is_empty());
    assert_eq!(p.pending_len(), 0);
    let reopened = tab(&store).open(NOW).workspace;
    assert_eq!(reopened, ws);
    assert!(reopened.replays_to_self());
}

#[test]
fn a_refused_command_is_not_pending_and_not_written() {
    let store = Rc::new(MemoryStore::default());
    let p = tab(&store);
    let mut ws = p.open(NOW).workspace;
    let before = store.get(WORKSPACE_KEY).unwrap();
    let (r, _) = p.execute(&mut ws, &Actor::System, NOW, create(""));
    assert!(r.is_err());
    assert!(!p.needs_write());
    p.flush(&mut ws, NOW);
    assert_eq!(store.get(WORKSPACE_KEY).unwrap(), before);
}

#[test]
fn every_schema_fixture_loads_into_the_current_version() {
    let versions: Vec<u32> = fixtures::SCHEMA_FIXTURES.iter().map(|(v, _)| *v).collect();
    assert_eq!(
        versions,
        (1..=SCHEMA_VERSION).collect::<Vec<_>>(),
        "a fixture per schema"
    );
    // …and every fixture file on disk is listed.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("workspace.v") && n.ends_with(".json"))
        .collect();
    on_disk.sort();
    assert_eq!(on_disk.len(), versions.len(), "{on_disk:?}");
    for (version, raw) in fixtures::SCHEMA_FIXTURES {
        let d = decode(raw).unwrap_or_else(|e| panic!("fixture v{version}: {e:?}"));
        assert_eq!(d.stored_schema, *version);
        assert_eq!(d.workspace.schema_version(), SCHEMA_VERSION);
        assert!(d.workspace.accounts().len() >= 5 && !d.workspace.plugins().is_empty());
        assert!(d.workspace.replays_to_self(), "v{version} replays");
        // Through the whole open path too (migration writes the current form).
        let store = Rc::new(MemoryStore::default());
        store.set(WORKSPACE_KEY, raw).unwrap();
        let opened = tab(&store).open(NOW);
        assert!(opened.notices.is_empty(), "{:?}", opened.notices);
        assert_eq!(opened.workspace, d.workspace);
        assert_eq!(stored(&store), d.workspace);
    }
}

#[test]
fn a_file_that_is_not_json_says_where_in_characters_and_in_chinese() {
    // As the plugin.json and app.json checks say it (QA: the import gave serde_json's byte
    // column, in English inside the Chinese message).
    let err = decode("{\"名称\": x}").unwrap_err();
    assert_eq!(
        err.zh(),
        "不是合法的 JSON（第 1 行第 8 列：此处应为一个值（字符串须加双引号；true、false、null 须小写））"
    );
    assert_eq!(
        err.en(),
        "not valid JSON (line 1, column 8: expected value (strings need double quotes; true, false and null are lower-case))"
    );
    let err = decode("{\"accounts\": [").unwrap_err();
    assert!(err.zh().ends_with("：内容不完整）"), "{}", err.zh());
    assert!(
        err.en().ends_with(": the text ends too early)"),
        "{}",
        err.en()
    );
    assert!(matches!(err, DecodeError::NotJson(_)));
    // An empty file says so (QA: "line 1, column 1: incomplete").
    let err = decode(" \n").unwrap_err();
    assert_eq!(err.zh(), "内容为空，不是 JSON");
}

#[test]
fn a_file_to_import_is_read_as_utf8_or_utf16_with_its_bom_and_nothing_else() {
    let text = "{\"名\": \"顺丰速运\"}\n";
    assert_eq!(file_text(text.as_bytes().to_vec()).unwrap(), text);
    let bom8 = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(file_text(bom8).unwrap(), text);
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(file_text(le.clone()).unwrap(), text);
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(file_text(be).unwrap(), text);
    // 顺丰 in GBK on line 2 (QA: imported as mojibake names).
    let gbk = [
        b"{\n\"n\": \"".as_slice(),
        &[0xCB, 0xB3, 0xB7, 0xE1],
        b"\"}",
    ]
    .concat();
    let (zh, en) = file_text(gbk).unwrap_err();
    assert_eq!(
        zh,
        "文件不是 UTF-8 编码（从第 2 行起无法按 UTF-8 读取，可能是 GBK）：请在编辑器中以 UTF-8 另存后再导入"
    );
    assert!(en.starts_with("the file is not UTF-8 (from line 2"), "{en}");
    // UTF-16 without its BOM: NUL bytes, said as such.
    let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (zh, _) = file_text(no_bom).unwrap_err();
    assert!(zh.starts_with("文件第 1 行有 NUL 字节"), "{zh}");
    // UTF-32 with its BOM (FF FE 00 00) reads as UTF-16 full of NULs: said as such too.
    let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain(text.chars().flat_map(|c| u32::from(c).to_le_bytes()))
        .collect();
    let (zh, _) = file_text(utf32).unwrap_err();
    assert!(zh.starts_with("文件第 1 行有 NUL 字节"), "{zh}");
    // A UTF-16 file cut in the middle of a unit, or with a lone surrogate.
    assert!(file_text(le[..le.len() - 1].to_vec()).is_err());
    assert!(file_text(vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).is_err());
    // A file of another kind is said to be one (QA: an image was told to be saved as UTF-8).
    let (zh, en) = file_text(b"\x89PNG\r\n\x1a\nabc".to_vec()).unwrap_err();
    assert!(zh.starts_with("这是 PNG 文件，不是导出的工作区"), "{zh}");
    assert!(en.starts_with("this is a PNG file"), "{en}");
    let (zh, _) = file_text(b"PK\x03\x04rest".to_vec()).unwrap_err();
    assert!(zh.starts_with("这是 ZIP 文件"), "{zh}");
    // A compressed export too (QA: a .json.gz was told to be saved again as UTF-8).
    let (zh, _) = file_text(vec![0x1F, 0x8B, 0x08, 0x00]).unwrap_err();
    assert!(zh.starts_with("这是 GZIP 文件"), "{zh}");
    let (zh, _) = file_text(b"RIFF\x10\0\0\0WEBPVP8 ".to_vec()).unwrap_err();
    assert!(zh.starts_with("这是 WebP 文件"), "{zh}");
    let (zh, _) = file_text(b"BM\x3e\0\0\0\0\0\0\0\x36\0\0\0".to_vec()).unwrap_err();
    assert!(zh.starts_with("这是 BMP 文件"), "{zh}");
    // Text that starts with "BM" is not taken for one.
    assert!(!file_text(b"BMW 1er".to_vec()).unwrap().is_empty());
}

#[test]
fn a_malformed_version_number_in_a_file_is_said_in_both_languages() {
    // A file edited by hand, one version number mistyped.
    let export = encode_export(&demo_workspace(NOW));
    let edit = |to: &str| decode(&export.replacen("\"v\":\"1.0.0\"", to, 1)).unwrap_err();
    let err = edit("\"v\":\"1.0\"");
    assert_eq!(
        err.zh(),
        "版本号「1.0」格式不正确：须为 x.y.z，每段为 0–999 的整数"
    );
    assert!(
        err.en().starts_with("Version \"1.0\" is malformed"),
        "{}",
        err.en()
    );
    // An odd value is quoted back as it was (QA: said in English as serde's detail).
    let odd = edit("\"v\":\"1.0\\\" at line 9\"");
    assert!(
        odd.zh().contains("版本号「1.0\" at line 9」"),
        "{}",
        odd.zh()
    );
}

#[test]
fn an_inconsistent_workspace_is_refused_with_what_is_wrong() {
    let ws = demo_workspace(NOW);
    assert!(decode(&encode_export(&ws)).is_ok());
    let value: serde_json::Value = serde_json::from_str(&encode_export(&ws)).unwrap();
    // An export is an envelope around the workspace: edit the workspace, decode the whole.
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = value.clone();
        f(&mut v["workspace"]);
        decode(&v.to_string()).map(|_| ())
    };
    let refused = |r: Result<(), DecodeError>, what: &str| match r {
        Err(DecodeError::WrongShape(m)) => assert!(m.contains(what), "{m}"),
        other => panic!("{what}: {other:?}"),
    };
    // The id counter behind the ids in use: the next 申请使用 would reuse application 1.
    refused(edit(&|w| w["next_app"] = 1.into()), "next_app");
    refused(
        edit(&|w| {
            let first = w["apps"][0].clone();
            w["apps"].as_array_mut().unwrap().push(first);
        }),
        "listed twice",
    );
    refused(
        edit(&|w| {
            let first = w["accounts"][0].clone();
            w["accounts"].as_array_mut().unwrap().push(first);
        }),
        "listed twice",
    );
    refused(
        edit(&|w| w["apps"][0]["p"] = "wx0000000000000000".into()),
        "missing plugin or account",
    );
    refused(
        edit(&|w| w["uses"][0]["c"] = "wx0000000000000000".into()),
        "missing plugin or account",
    );
    // Uploads are strictly increasing: a plugin listing 1.1.0 before 1.0.0 is refused.
    refused(
        edit(&|w| w["plugins"][0]["v"].as_array_mut().unwrap().swap(0, 1)),
        "versions out of order",
    );
}

#[test]
fn a_newer_schema_is_quarantined_not_migrated() {
    let raw = fixtures::SCHEMA_FIXTURES[0]
        .1
        .replacen("\"schema\":1", "\"schema\":99", 1);
    assert_eq!(decode(&raw).unwrap_err(), DecodeError::NewerSchema(99));
}

#[test]
fn schema_and_rev_are_read_as_whole_numbers_only() {
    let valid = fixtures::SCHEMA_FIXTURES[0].1;
    let with = |from: &str, to: &str| {
        assert!(valid.contains(from));
        decode(&valid.replacen(from, to, 1)).err()
    };
    let shape = |m: &str| Some(DecodeError::WrongShape(m.into()));
    for bad in ["\"1\"", "-1", "1.0", "1e0", "true", "[1]", "{\"a\":1}"] {
        let schema = format!("\"schema\":{bad}");
        assert_eq!(
            with("\"schema\":1", &schema),
            shape("schema is not a version number"),
            "{bad}"
        );
    }
    assert_eq!(
        with("\"schema\":1", "\"schema\":null"),
        shape("no schema version")
    );
    assert_eq!(with("\"schema\":1", "\"schema\":0"), shape("schema 0"));
    assert_eq!(
        with("\"schema\":1", "\"schema\":18446744073709551616"),
        shape("schema is not a version number")
    );
    let rev = encode(&demo_workspace(NOW), 5);
    assert!(rev.contains("\"rev\":5"));
    for bad in ["\"5\"", "-5", "5.5", "[5]", "{}", "false"] {
        let raw = rev.replacen("\"rev\":5", &format!("\"rev\":{bad}"), 1);
        assert_eq!(
            decode(&raw).unwrap_err(),
            DecodeError::WrongShape("rev is not a revision number".into()),
            "{bad}"
        );
    }
    let raw = rev.replacen("\"rev\":5", "\"rev\":[[{\"x\":[1,{}]}]]", 1);
    assert_eq!(
        decode(&raw).unwrap_err(),
        DecodeError::WrongShape("rev is not a revision number".into())
    );
    assert_eq!(
        decode(&rev.replacen("\"rev\":5", "\"rev\":7", 1))
            .unwrap()
            .rev,
        7
    );
}

#[test]
fn thousand_corruptions_are_quarantined_verbatim_and_the_app_starts_from_demo() {
    let valid = encode(&demo_workspace(NOW), 5);
    let cases = fixtures::corruptions(&valid, 1000, 42);
    let demo = demo_workspace(NOW);
    for (label, raw) in &cases {
        let store = Rc::new(MemoryStore::default());
        store.set(WORKSPACE_KEY, raw).unwrap();
        let opened = tab(&store).open(NOW);
        assert_eq!(opened.workspace, demo, "{label}");
        match opened.notices.as_slice() {
            [Notice::Quarantined { key: Some(key), .. }] => {
                assert_eq!(key, QUARANTINE_KEY, "{label}");
                assert_eq!(
                    store.get(key).unwrap().as_deref(),
                    Some(raw.as_str()),
                    "{label}"
                );
            }
            other => panic!("{label}: {other:?}"),
        }
        assert_eq!(stored(&store), demo, "{label}: demo saved in its place");
    }
}

/// An empty stored value holds nothing to keep: the demo starts, nothing is quarantined
/// (durability QA: an empty file was offered for download).
#[test]
fn an_empty_stored_value_is_as_none() {
    let store = Rc::new(MemoryStore::default());
    store.set(WORKSPACE_KEY, "").unwrap();
    let opened = tab(&store).open(NOW);
    assert_eq!(opened.notices, vec![]);
    assert_eq!(opened.workspace, demo_workspace(NOW));
    assert_eq!(store.get(QUARANTINE_KEY).unwrap(), None);
    assert_eq!(stored(&store), demo_workspace(NOW));
}

#[test]
fn a_second_quarantine_never_overwrites_the_first() {
    let store = Rc::new(MemoryStore::default());
    store.set(WORKSPACE_KEY, "{broken").unwrap();
    tab(&store).open(NOW);
    store.set(WORKSPACE_KEY, "also broken").unwrap();
    let opened = tab(&store).open(NOW);
    assert_eq!(
        opened.notices,
        vec![Notice::Quarantined {
            key: Some(format!("{QUARANTINE_KEY}-2")),
            error: decode("also broken").unwrap_err(),
            at_start: true,
        }]
    );
    assert_eq!(
        store.get(QUARANTINE_KEY).unwrap().as_deref(),
        Some("{broken")
    );
    assert_eq!(
        store
            .get(&format!("{QUARANTINE_KEY}-2"))
            .unwrap()
            .as_deref(),
        Some("also broken")
    );
}

/// A store holding 1000 unreadable chars under the workspace key, too full (quota 1100) to
/// copy them aside, and a tab over it (not opened yet). Returns the raw value too.
fn store_too_full_to_set_aside() -> (Rc<MemoryStore>, String, Persistence) {
    let store = Rc::new(MemoryStore::default());
    let raw = "x".repeat(1000);
    store.set(WORKSPACE_KEY, &raw).unwrap();
    store.set_quota(Some(1100));
    let p = tab(&store);
    (store, raw, p)
}

#[test]
fn corrupt_data_that_cannot_be_quarantined_is_held_not_overwritten() {
    let (store, raw, p) = store_too_full_to_set_aside();
    let opened = p.open(NOW);
    let mut ws = opened.workspace;
    assert!(matches!(
        opened.notices.as_slice(),
        [Notice::Quarantined { key: None, .. }]
    ));
    assert!(p.holding());
    p.execute(&mut ws, &Actor::System, NOW, create("新帐号"))
        .0
        .unwrap();
    p.flush(&mut ws, NOW);
    assert_eq!(
        store.get(WORKSPACE_KEY).unwrap(),
        Some(raw),
        "held raw value untouched"
    );
    store.set_quota(None);
    assert!(p.discard_held(&ws).is_empty());
    assert!(has_account(&stored(&store), "新帐号"));
}

#[test]
fn discarding_held_data_removes_it_even_when_the_workspace_does_not_fit_either() {
    // QA: on an origin filled by other data, 丢弃 discarded nothing (the write that would have
    // replaced the raw value was refused), and the held banner came back on every reload.
    let (store, _, p) = store_too_full_to_set_aside();
    let mut ws = p.open(NOW).workspace;
    assert!(p.holding(), "the raw value could not be copied aside");
    let notices = p.discard_held(&ws);
    assert_eq!(notices, [Notice::SaveFailed(StoreError::QuotaExceeded)]);
    assert!(!p.holding());
    assert_eq!(
        store.get(WORKSPACE_KEY).unwrap(),
        None,
        "the raw value is gone"
    );
    // Once there is room, the next write saves the workspace.
    store.set_quota(None);
    p.request_write();
    assert!(p.flush(&mut ws, NOW).is_empty());
    assert_eq!(stored(&store), ws);
}

#[test]
fn quota_exceeded_keeps_the_state_and_a_retry_saves_it() {
    let store = Rc::new(MemoryStore::default());
    let p = tab(&store);
    let mut ws = p.open(NOW).workspace;
    let used: usize = utf16_len(&store.get(WORKSPACE_KEY).unwrap().unwrap()) + WORKSPACE_KEY.len();
    store.set_quota(Some(used + 10));
    p.execute(&mut ws, &Actor::System, NOW, create("满了也不丢"))
        .0
        .unwrap();
    let notices = p.flush(&mut ws, NOW);
    assert_eq!(notices, vec![Notice::SaveFailed(StoreError::QuotaExceeded)]);
    assert!(has_account(&ws, "满了也不丢"), "in-memory state kept");
    assert!(p.needs_write());
    assert!(!has_account(&stored(&store), "满了也不丢"));
    // A further command still works in memory and joins the pending ones.
    p.execute(&mut ws, &Actor::System, NOW, create("第二个"))
        .0
        .unwrap();
    store.set_quota(None);
    assert!(p.flush(&mut ws, NOW).is_empty(), "retry");
    let s = stored(&store);
    assert!(has_account(&s, "满了也不丢") && has_account(&s, "第二个"));
    // 重试保存 with nothing pending still writes: a full store says so again (the notice stays).
    store.set_quota(Some(10));
    assert!(!p.needs_write());
    assert!(
        p.flush(&mut ws, NOW).is_empty(),
        "nothing to write, nothing tried"
    );
    p.request_write();
    assert_eq!(
        p.flush(&mut ws, NOW),
        vec![Notice::SaveFailed(StoreError::QuotaExceeded)]
    );
}

/// Tab A creates an account and acts as it before saving; tab B creates one and saves first:
/// B's account gets the AppID A's had (AppIDs are generated in order). A's account is redone
/// with a new AppID, and nothing A did as the old one lands on B's account.
#[test]
fn a_redone_creation_never_lends_its_old_id_to_what_followed_it() {
    for next_command in [false, true] {
        let (store, (a, mut wa), (b, mut wb)) = two_tabs();
        let made = wa.next_app_id();
        let as_made = Actor::Developer(made.clone());
        a.execute(&mut wa, &Actor::System, NOW, create("甲的新帐号"))
            .0
            .unwrap();
        if !next_command {
            // A acts as its new account before saving.
            a.execute(&mut wa, &as_made, NOW, open_plugin("甲的插件"))
                .0
                .unwrap();
        }
        b.execute(&mut wb, &Actor::System, NOW, create("乙的新帐号"))
            .0
            .unwrap();
        assert!(b.flush(&mut wb, NOW).is_empty());
        assert_eq!(
            id_of(&wb, "乙的新帐号"),
            made,
            "B took the AppID A had made"
        );
        if next_command {
            // A's next command, as its new account, meets B's save first: refused, not run on B's.
            let (result, notices) = a.execute(&mut wa, &as_made, NOW, open_plugin("甲的插件"));
            assert_eq!(result, Err(DomainError::CreatedElsewhere));
            assert!(notices.is_empty(), "{notices:?}");
        } else {
            // A's save meets B's first: the plugin opened as the old AppID is not redone.
            let notices = a.flush(&mut wa, NOW);
            let [Notice::Dropped(dropped)] = notices.as_slice() else {
                panic!("{notices:?}")
            };
            assert_eq!(dropped.len(), 1);
            assert_eq!(
                (&dropped[0].subject, &dropped[0].error),
                (&None, &DomainError::CreatedElsewhere)
            );
            // Said with what it did, the plugin opened (durability QA: no subject said nothing).
            assert!(dropped[0].action.zh().contains("甲的插件"), "{dropped:?}");
        }
        a.flush(&mut wa, NOW);
        let s = stored(&store);
        assert!(has_account(&s, "甲的新帐号") && has_account(&s, "乙的新帐号"));
        assert_ne!(
            id_of(&s, "甲的新帐号"),
            made,
            "A's account redone with a new AppID"
        );
        assert!(s.plugin(&made).is_none(), "nothing of A's on B's account");
        assert_eq!(s.integrity_problem(), None);
    }
}

/// A command that is not redone (refused on the newer data) leaves the application id it had made
/// to the other tab: a later command naming that id is not redone on the other tab's application.
#[test]
fn a_command_not_redone_lends_its_id_to_nothing_after_it() {
    let ws0 = demo_workspace(NOW);
    let (express, car) = (id_of(&ws0, "顺丰速运"), id_of(&ws0, "易车"));
    let (store, (a, mut wa), (b, mut wb)) = two_tabs();
    let apply = || Command::Apply {
        plugin: express.clone(),
        reason: String::new(),
    };
    let made = wa.next_application_id();
    a.execute(&mut wa, &Actor::Consumer(car.clone()), NOW, apply())
        .0
        .unwrap();
    a.execute(
        &mut wa,
        &Actor::Developer(express.clone()),
        NOW,
        Command::ApproveApplication { id: made },
    )
    .0
    .unwrap();
    // B: the same mini program applies too (same id, since ids are made in order), and saves.
    b.execute(&mut wb, &Actor::Consumer(car.clone()), NOW, apply())
        .0
        .unwrap();
    assert!(b.flush(&mut wb, NOW).is_empty());
    let notices = a.flush(&mut wa, NOW);
    let [Notice::Dropped(dropped)] = notices.as_slice() else {
        panic!("{notices:?}")
    };
    let said: Vec<_> = dropped
        .iter()
        .map(|d| (d.subject.clone(), d.error.clone(), d.action.zh()))
        .collect();
    let name = ws0.plugin(&express).unwrap().name.clone();
    let applicant = ws0.account(&car).unwrap().name.clone();
    assert_eq!(
        said,
        [
            (
                Some(Subject::Plugin {
                    name: name.clone(),
                    version: None
                }),
                DomainError::ApplicationPending,
                EventKind::ApplicationSubmitted {
                    id: made,
                    plugin: express.clone(),
                    consumer: car.clone(),
                    reason: String::new(),
                }
                .zh()
            ),
            // Named as this tab knew it: its own application, not B's that took its id; with
            // what it did (durability QA: a drop said only "这项操作").
            (
                Some(Subject::Application { applicant }),
                DomainError::CreatedElsewhere,
                dropped[1].action.zh()
            ),
        ]
    );
    assert!(dropped[1].action.zh().contains("通过"), "{:?}", dropped[1]);
    let s = stored(&store);
    assert_eq!(
        s.application(made).unwrap().status,
        ApplicationStatus::Pending,
        "B's application was not approved by A's leftover command"
    );
}

/// What a redone account lost stays lost for this page: a later reload (another tab saving
/// something else) does not forget it, and the page acts as the redone account.
#[test]
fn a_redone_account_keeps_its_new_appid_across_later_reloads() {
    let (_, (a, mut wa), (b, mut wb)) = two_tabs();
    let made = wa.next_app_id();
    a.execute(&mut wa, &Actor::System, NOW, create("甲的新帐号"))
        .0
        .unwrap();
    b.execute(&mut wb, &Actor::System, NOW, create("乙的新帐号"))
        .0
        .unwrap();
    assert!(b.flush(&mut wb, NOW).is_empty());
    assert!(a.flush(&mut wa, NOW).is_empty());
    let redone = a.redone_as(&made).expect("redone under a new AppID");
    assert_ne!(redone, made);
    assert_eq!(wa.account(&redone).unwrap().name, "甲的新帐号");
    // B saves something else; A reloads it.
    b.execute(&mut wb, &Actor::System, NOW, create("乙的第二个"))
        .0
        .unwrap();
    assert!(b.flush(&mut wb, NOW).is_empty());
    let (result, _) = a.execute(
        &mut wa,
        &Actor::Developer(made.clone()),
        NOW,
        open_plugin("甲的插件"),
    );
    assert_eq!(result, Err(DomainError::CreatedElsewhere));
    assert_eq!(a.redone_as(&made), Some(redone));
}

/// A replace (import, reset) that does not fit changes nothing: not the stored value, not this
/// tab's revision, not its own change still waiting to be written.
#[test]
fn a_replace_that_does_not_fit_changes_nothing() {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let mut wa = a.open(NOW).workspace;
    a.execute(&mut wa, &Actor::System, NOW, create("甲的帐号"))
        .0
        .unwrap();
    let raw = store.get(WORKSPACE_KEY).unwrap();
    let rev = a.rev();
    import_that_does_not_fit(&store, &a);
    assert_eq!(store.get(WORKSPACE_KEY).unwrap(), raw, "nothing written");
    assert_eq!((a.rev(), a.pending_len()), (rev, 1));
    store.set_quota(None);
    assert!(a.flush(&mut wa, NOW).is_empty());
    let s = stored(&store);
    assert!(has_account(&s, "甲的帐号") && !has_account(&s, "导入的帐号0"));
}

/// After a refused replace the tab follows another tab's save as usual (there is no import
/// kept only in memory to win over it), and writes nothing of its own.
#[test]
fn after_a_refused_replace_the_tab_follows_another_tabs_save() {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let mut wa = a.open(NOW).workspace;
    let b = tab(&store);
    let mut wb = b.open(NOW).workspace;
    import_that_does_not_fit(&store, &a);
    b.execute(&mut wb, &Actor::System, NOW, create("乙的帐号"))
        .0
        .unwrap();
    assert!(b.flush(&mut wb, NOW).is_empty());
    assert!(a.sync(&mut wa, NOW).is_empty());
    assert_eq!(wa, wb);
    assert!(!a.needs_write());
}

/// A tab holding back from writing (it found data of a newer app version) refuses a replace
/// instead of keeping it only in memory; the newer data stays.
#[test]
fn a_holding_tab_refuses_a_replace() {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let mut wa = a.open(NOW).workspace;
    let newer = "{\"schema\":99,\"rev\":50,\"workspace\":{}}";
    store.set(WORKSPACE_KEY, newer).unwrap();
    let notices = a.flush(&mut wa, NOW);
    assert!(
        matches!(notices.as_slice(), [Notice::WrittenElsewhere { .. }]),
        "{notices:?}"
    );
    assert!(a.holding());
    assert_eq!(
        a.replace(&demo_workspace(NOW)),
        Err(ReplaceRefused::Holding)
    );
    assert_eq!(store.get(WORKSPACE_KEY).unwrap().as_deref(), Some(newer));
}

#[test]
fn two_tabs_editing_concurrently_lose_nothing() {
    let (store, (a, mut wa), (b, mut wb)) = two_tabs();
    // Both edit before either saved (coalesced saves pending in both tabs).
    a.execute(&mut wa, &Actor::System, NOW, create("甲标签页帐号"))
        .0
        .unwrap();
    b.execute(
        &mut wb,
        &Actor::System,
        NOW.plus_ms(5),
        create("乙标签页帐号"),
    )
    .0
    .unwrap();
    assert!(a.flush(&mut wa, NOW).is_empty());
    // B's flush sees A's revision, reloads, re-applies its own command, writes.
    assert!(b.flush(&mut wb, NOW).is_empty());
    let s = stored(&store);
    assert!(has_account(&s, "甲标签页帐号") && has_account(&s, "乙标签页帐号"));
    assert_eq!(wb, s);
    // A's next command (or a storage event) syncs it to B's state first.
    a.execute(&mut wa, &Actor::System, NOW.plus_ms(9), create("甲第二个"))
        .0
        .unwrap();
    assert!(has_account(&wa, "乙标签页帐号"));
    a.flush(&mut wa, NOW);
    b.sync(&mut wb, NOW);
    assert_eq!(wa, wb);
    assert_eq!(stored(&store), wa);
    assert!(a.rev() >= 4);
}

/// A stored value without its writer's id (`"w":N`, random per tab), to compare it with
/// [`encode`]'s.
fn without_writer(raw: &str) -> String {
    match raw.find(",\"w\":") {
        Some(i) => {
            let end = i + 5 + raw[i + 5..].find(',').unwrap();
            format!("{}{}", &raw[..i], &raw[end..])
        }
        None => raw.to_string(),
    }
}

/// One tab's view of localStorage as Chromium gives it: each tab reads through its own copy,
/// which another tab's write reaches a moment later. While `frozen`, this view does not see
/// other tabs' writes (its own go through at once).
struct LaggingView {
    store: Rc<MemoryStore>,
    copy: std::cell::RefCell<Option<std::collections::HashMap<String, String>>>,
}

impl LaggingView {
    fn new(store: &Rc<MemoryStore>) -> Rc<Self> {
        Rc::new(LaggingView {
            store: store.clone(),
            copy: Default::default(),
        })
    }
    fn freeze(&self) {
        let copy = self
            .store
            .keys()
            .unwrap()
            .into_iter()
            .map(|k| {
                let v = self.store.get(&k).unwrap().unwrap();
                (k, v)
            })
            .collect();
        *self.copy.borrow_mut() = Some(copy);
    }
    fn catch_up(&self) {
        *self.copy.borrow_mut() = None;
    }
}

impl KeyValueStore for LaggingView {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match &*self.copy.borrow() {
            Some(copy) => Ok(copy.get(key).cloned()),
            None => self.store.get(key),
        }
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.store.set(key, value)?;
        if let Some(copy) = &mut *self.copy.borrow_mut() {
            copy.insert(key.into(), value.into());
        }
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.store.remove(key)?;
        if let Some(copy) = &mut *self.copy.borrow_mut() {
            copy.remove(key);
        }
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        match &*self.copy.borrow() {
            Some(copy) => Ok(copy.keys().cloned().collect()),
            None => self.store.keys(),
        }
    }
}

#[test]
fn the_writer_is_read_from_the_header_only() {
    use plugin_lifecycle::store::codec::peek_writer;
    assert_eq!(
        peek_writer(r#"{"schema":1,"rev":12,"w":345,"workspace":{"#),
        345
    );
    assert_eq!(
        peek_writer(r#"{"schema":1,"rev":12,"w":345,"n":9,"k":"1 2""#),
        345
    );
    // Older values have none; a workspace's own "w" further on is not the writer.
    assert_eq!(peek_writer(r#"{"schema":1,"rev":12,"workspace":{"w":7"#), 0);
    assert_eq!(peek_writer(r#"{"schema":1,"rev":12,"w":99999999999}"#), 0);
    let tag = Tag {
        writer: 77,
        lineage: 0,
    };
    let (raw, _) = encode_counted(&demo_workspace(NOW), 3, tag, &mut Cache::default()).unwrap();
    assert_eq!(peek_writer(&raw[..64]), 77);
    assert_eq!(decode(&raw).unwrap().rev, 3, "readers skip it");
}

#[test]
fn the_lineage_is_read_from_the_header_only() {
    use plugin_lifecycle::store::codec::{peek_lineage, peek_writer};
    assert_eq!(
        peek_lineage(r#"{"schema":1,"rev":12,"w":345,"g":678,"workspace":{"#),
        678
    );
    assert_eq!(peek_lineage(r#"{"schema":1,"rev":12,"g":678,"n":9"#), 678);
    // Older values have none; a workspace's own "g" further on is not the lineage.
    assert_eq!(
        peek_lineage(r#"{"schema":1,"rev":12,"w":345,"workspace":{"g":7"#),
        0
    );
    assert_eq!(
        peek_lineage(r#"{"schema":1,"rev":12,"workspace":{"g":7"#),
        0
    );
    assert_eq!(peek_lineage(r#"{"schema":1,"rev":12,"g":99999999999}"#), 0);
    // A whole number only (durability QA: `1e3` read as 1).
    assert_eq!(peek_lineage(r#"{"schema":1,"rev":12,"g":1e3,"n":9"#), 0);
    assert_eq!(peek_lineage(r#"{"schema":1,"rev":12,"g":5.5}"#), 0);
    assert_eq!(peek_lineage(r#"{"schema":1,"rev":12,"g":55}"#), 55);
    // The largest of both, plain and chunked, within the bytes the store peeks at.
    let tag = Tag {
        writer: u32::MAX,
        lineage: u32::MAX - 1,
    };
    for ws in [demo_workspace(NOW), scale_workspace(300, 3000, 9)] {
        let (raw, _) = encode_counted(&ws, 123_456_789, tag, &mut Cache::default()).unwrap();
        let head: String = raw.chars().take(64).collect();
        assert_eq!(peek_writer(&head), u32::MAX, "{head}");
        assert_eq!(peek_lineage(&head), u32::MAX - 1, "{head}");
        assert_eq!(
            head.contains("\"n\":"),
            ws.plugins().len() > 100,
            "both forms: {head}"
        );
        let d = decode(&raw).unwrap();
        assert_eq!((d.rev, d.workspace), (123_456_789, ws), "readers skip it");
        assert!(d.skipped.is_empty(), "{:?}", d.skipped);
    }
}

/// Tab A and tab B (B through a [`LaggingView`]) on one store holding the demo.
type LaggingTab = (Rc<LaggingView>, Persistence, Workspace);

fn two_tabs_one_lagging() -> (Rc<MemoryStore>, (Persistence, Workspace), LaggingTab) {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let wa = a.open(NOW).workspace;
    let view = LaggingView::new(&store);
    let b = Persistence::new(Box::new(view.clone()));
    let wb = b.open(NOW).workspace;
    (store, (a, wa), (view, b, wb))
}

#[test]
fn a_write_overwritten_in_the_same_instant_by_another_tab_is_redone() {
    // QA, two Chromium tabs, actions < 10 ms apart: each tab checked the stored revision in its
    // own copy, both wrote the next one, and one write vanished while both said "saved".
    let (store, (a, mut wa), (view, b, mut wb)) = two_tabs_one_lagging();
    view.freeze();
    a.execute(&mut wa, &Actor::System, NOW, create("甲标签页帐号"))
        .0
        .unwrap();
    assert!(a.flush(&mut wa, NOW).is_empty());
    // B has not seen A's write: its check passes and it writes the same revision over it. (Same
    // length too: only the writer tells the two values apart.)
    b.execute(
        &mut wb,
        &Actor::System,
        NOW.plus_ms(3),
        create("乙标签页帐号"),
    )
    .0
    .unwrap();
    assert!(b.flush(&mut wb, NOW.plus_ms(3)).is_empty());
    assert_eq!(a.rev(), b.rev());
    assert!(
        !has_account(&stored(&store), "甲标签页帐号"),
        "the race happened"
    );
    view.catch_up();
    // B's value reaches A (its storage event): A sees its own write is not in it, redoes it.
    assert!(a.sync(&mut wa, NOW.plus_ms(5)).is_empty());
    assert!(has_account(&wa, "甲标签页帐号") && has_account(&wa, "乙标签页帐号"));
    assert!(a.needs_write(), "the redone command is to be written");
    assert!(a.flush(&mut wa, NOW.plus_ms(5)).is_empty());
    let s = stored(&store);
    assert!(has_account(&s, "甲标签页帐号") && has_account(&s, "乙标签页帐号"));
    // B finds its own write in A's: nothing to redo, nothing lost, both tabs agree.
    assert!(b.sync(&mut wb, NOW.plus_ms(6)).is_empty());
    assert!(!b.needs_write());
    assert_eq!(wa, s);
    assert_eq!(wb, s);
}

#[test]
fn an_overwritten_write_that_no_longer_applies_is_reported_as_dropped() {
    let (store, (a, mut wa), (view, b, mut wb)) = two_tabs_one_lagging();
    let (app, owner) = first_pending(&wa);
    view.freeze();
    a.execute(
        &mut wa,
        &owner,
        NOW,
        Command::ApproveApplication { id: app.id },
    )
    .0
    .unwrap();
    a.flush(&mut wa, NOW);
    let reject = Command::RejectApplication {
        id: app.id,
        reason: "不合适".into(),
    };
    b.execute(&mut wb, &owner, NOW.plus_ms(2), reject)
        .0
        .unwrap();
    b.flush(&mut wb, NOW.plus_ms(2));
    view.catch_up();
    // A's approval was overwritten by B's rejection: redone, it is refused, and A says so
    // (the "no longer applies" banner) instead of having said "approved" for nothing.
    let notices = a.sync(&mut wa, NOW.plus_ms(4));
    let [Notice::Dropped(errors)] = notices.as_slice() else {
        panic!("{notices:?}")
    };
    assert_eq!(errors.len(), 1);
    // Said with whose application it was (QA: in a list of several, which one?).
    let applicant = wa.account(&app.consumer).unwrap().name.clone();
    assert_eq!(errors[0].subject, Some(Subject::Application { applicant }));
    assert!(matches!(
        wa.application(app.id).unwrap().status,
        ApplicationStatus::Rejected { .. }
    ));
    assert_eq!(wa, stored(&store));
}

#[test]
fn a_later_import_or_reset_elsewhere_does_not_bring_back_a_write() {
    let (store, (a, mut wa), (_, b, mut wb)) = two_tabs_one_lagging();
    a.execute(&mut wa, &Actor::System, NOW, create("甲标签页帐号"))
        .0
        .unwrap();
    a.flush(&mut wa, NOW);
    b.sync(&mut wb, NOW.plus_ms(1));
    assert!(has_account(&wb, "甲标签页帐号"));
    // Within the race window, B resets to the demo: a whole new workspace, not an overwrite.
    let reset = demo_workspace(NOW.plus_ms(2));
    b.replace(&reset).unwrap();
    assert!(a.sync(&mut wa, NOW.plus_ms(3)).is_empty());
    assert!(!has_account(&wa, "甲标签页帐号"));
    assert!(!a.needs_write());
    // And after the window, an import of an export from before A's write does not either.
    let (store2, (a2, mut wa2), (_, b2, _)) = two_tabs_one_lagging();
    let before = wa2.clone();
    a2.execute(&mut wa2, &Actor::System, NOW, create("甲标签页帐号"))
        .0
        .unwrap();
    a2.flush(&mut wa2, NOW);
    b2.replace(&before).unwrap();
    assert!(a2.sync(&mut wa2, NOW.plus_ms(60_000)).is_empty());
    assert!(!has_account(&wa2, "甲标签页帐号"));
    assert_eq!(wa2, stored(&store2));
    let _ = store;
}

/// What a tab did and had not saved yet when another tab replaced the whole workspace is not
/// carried into what replaced it, and is said (durability QA: an upload kept unsaved by full
/// storage was added into the demo another tab had just reset to).
#[test]
fn an_unsaved_command_is_dropped_when_another_tab_replaces_the_workspace() {
    for replacement in [
        demo_workspace(NOW.plus_ms(2)),
        empty_workspace(NOW.plus_ms(2)),
    ] {
        let (store, (a, mut wa), (b, _)) = two_tabs();
        a.execute(&mut wa, &Actor::System, NOW, create("甲标签页帐号"))
            .0
            .unwrap();
        assert!(a.needs_write());
        b.replace(&replacement).unwrap();
        let notices = a.sync(&mut wa, NOW.plus_ms(3));
        let [Notice::Dropped(errors)] = notices.as_slice() else {
            panic!("{notices:?}")
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].error, DomainError::ReplacedElsewhere);
        assert!(!has_account(&wa, "甲标签页帐号"));
        assert_eq!(wa, replacement);
        assert_eq!(wa, stored(&store));
        assert!(!a.needs_write());
        // Later commands act on the new workspace as usual.
        a.execute(&mut wa, &Actor::System, NOW.plus_ms(4), create("乙帐号"))
            .0
            .unwrap();
        a.flush(&mut wa, NOW.plus_ms(5));
        assert!(has_account(&stored(&store), "乙帐号"));
    }
}

/// An import of this workspace's own export replaces it as any import does (QA: its log begins
/// with the same entry, and another tab's unsaved change was redone on it): whether the export
/// is older than what is stored or the same.
#[test]
fn an_import_of_the_workspaces_own_export_is_a_replacement_too() {
    for older in [true, false] {
        let (store, (a, mut wa), (b, mut wb)) = two_tabs();
        let export = decode(&encode_export(&wb)).unwrap().workspace;
        if older {
            b.execute(&mut wb, &Actor::System, NOW, create("乙标签页帐号"))
                .0
                .unwrap();
            b.flush(&mut wb, NOW);
            assert!(a.sync(&mut wa, NOW.plus_ms(1)).is_empty());
            assert!(has_account(&wa, "乙标签页帐号"));
        }
        a.execute(
            &mut wa,
            &Actor::System,
            NOW.plus_ms(2),
            create("甲标签页帐号"),
        )
        .0
        .unwrap();
        assert!(a.needs_write());
        b.replace(&export).unwrap();
        let notices = a.sync(&mut wa, NOW.plus_ms(3));
        let [Notice::Dropped(errors)] = notices.as_slice() else {
            panic!("{notices:?}")
        };
        assert_eq!(errors[0].error, DomainError::ReplacedElsewhere);
        assert_eq!(a.replacements(), 1);
        assert_eq!(wa, export);
        assert_eq!(wa, stored(&store));
        assert!(!a.needs_write());
        // The tab that imported goes on in the same lineage as the other: no replacement.
        b.execute(&mut wb, &Actor::System, NOW.plus_ms(4), create("丙帐号"))
            .0
            .unwrap();
        b.flush(&mut wb, NOW.plus_ms(4));
        assert!(a.sync(&mut wa, NOW.plus_ms(5)).is_empty());
        assert!(has_account(&wa, "丙帐号"));
        assert_eq!(a.replacements(), 1);
    }
}

/// A save that does not say its lineage (an older build's, a hand-made value) is merged as any
/// other tab's save, and told from a replacement by the log's first entry, as before lineages
/// (durability QA: an older build's ordinary save was taken for a replacement, and this tab's
/// unsaved change dropped).
#[test]
fn a_save_without_a_lineage_is_merged_unless_its_log_is_another() {
    let (store, (a, mut wa), (_, _)) = two_tabs();
    let older_build_saves = |change: &dyn Fn(&mut Workspace)| {
        let raw = store.get(WORKSPACE_KEY).unwrap().unwrap();
        let d = decode(&raw).unwrap();
        let mut ws = d.workspace;
        change(&mut ws);
        store.set(WORKSPACE_KEY, &encode(&ws, d.rev + 1)).unwrap();
    };
    a.execute(&mut wa, &Actor::System, NOW, create("甲标签页帐号"))
        .0
        .unwrap();
    older_build_saves(&|ws| {
        ws.execute(&Actor::System, NOW, create("旧版本的帐号"))
            .unwrap();
    });
    let notices = a.flush(&mut wa, NOW.plus_ms(1));
    assert!(notices.is_empty(), "{notices:?}");
    assert!(has_account(&wa, "旧版本的帐号") && has_account(&wa, "甲标签页帐号"));
    assert_eq!(a.replacements(), 0);
    assert_eq!(stored(&store), wa);
    // Its reset, though, starts another log: a replacement.
    a.execute(&mut wa, &Actor::System, NOW.plus_ms(2), create("乙帐号"))
        .0
        .unwrap();
    older_build_saves(&|ws| *ws = demo_workspace(NOW.plus_ms(3)));
    let notices = a.sync(&mut wa, NOW.plus_ms(4));
    assert!(
        matches!(notices.as_slice(), [Notice::Dropped(_)]),
        "{notices:?}"
    );
    assert_eq!(a.replacements(), 1);
    assert_eq!(wa, demo_workspace(NOW.plus_ms(3)));
}

/// A tab opened on a value without a lineage takes on the lineage of the next save it sees,
/// judging that save by its log's first entry: another tab's ordinary save is merged (durability
/// re-check QA: it was taken for a replacement, and this tab's unsaved change dropped); a later
/// replacement is one.
#[test]
fn a_tab_opened_without_a_lineage_merges_the_next_ordinary_save() {
    let (store, (_, _), (b, mut wb)) = two_tabs();
    let raw = store.get(WORKSPACE_KEY).unwrap().unwrap();
    let d = decode(&raw).unwrap();
    store
        .set(WORKSPACE_KEY, &encode(&d.workspace, d.rev + 1))
        .unwrap();
    let c = tab(&store);
    let mut wc = c.open(NOW).workspace;
    c.execute(&mut wc, &Actor::System, NOW, create("丙标签页帐号"))
        .0
        .unwrap();
    b.execute(&mut wb, &Actor::System, NOW, create("乙标签页帐号"))
        .0
        .unwrap();
    b.flush(&mut wb, NOW);
    assert!(store
        .get(WORKSPACE_KEY)
        .unwrap()
        .unwrap()
        .contains("\"g\":"));
    let notices = c.flush(&mut wc, NOW.plus_ms(1));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(c.replacements(), 0);
    assert!(has_account(&wc, "乙标签页帐号") && has_account(&wc, "丙标签页帐号"));
    assert_eq!(stored(&store), wc);
    // Then B imports this workspace's own earlier export: C, on B's lineage now, is told.
    let export = d.workspace.clone();
    c.execute(&mut wc, &Actor::System, NOW.plus_ms(2), create("丙二帐号"))
        .0
        .unwrap();
    b.replace(&export).unwrap();
    let notices = c.sync(&mut wc, NOW.plus_ms(3));
    assert!(
        matches!(notices.as_slice(), [Notice::Dropped(_)]),
        "{notices:?}"
    );
    assert_eq!(c.replacements(), 1);
    assert_eq!(wc, export);
}

/// The writer and lineage tags are read from the header's first bytes only: a value of another
/// kind there does not make the workspace unreadable (durability QA: `"g":"abc"` set it aside).
#[test]
fn odd_writer_or_lineage_values_do_not_make_a_workspace_unreadable() {
    let ws = demo_workspace(NOW);
    let raw = encode(&ws, 3);
    for tags in [
        r#""g":"abc","#,
        r#""g":-5,"w":null,"#,
        r#""g":99999999999999999999,"#,
    ] {
        let odd = raw.replacen("\"rev\":3,", &format!("\"rev\":3,{tags}"), 1);
        assert_ne!(odd, raw);
        let d = decode(&odd).unwrap_or_else(|e| panic!("{tags}: {e:?}"));
        assert_eq!(d.workspace, ws);
        assert!(d.skipped.is_empty(), "{:?}", d.skipped);
    }
}

/// Tabs on a workspace with no log at all (a hand-made import) tell another tab's first action,
/// which continues it, from its reset to the demo: the lineage, not the log, says which.
#[test]
fn a_reset_of_a_workspace_without_a_log_is_a_replacement_and_a_first_action_is_not() {
    let (store, (a, _), (b, _)) = two_tabs();
    let emptied = Workspace::new(7);
    a.replace(&emptied).unwrap();
    let mut wa = emptied.clone();
    let mut wb = b.open(NOW).workspace;
    assert_eq!(wb, emptied);
    assert!(wb.events().is_empty());
    // A acts, unsaved, while B's first action is saved: A's is redone after it, not dropped
    // as if B's log were another.
    a.execute(&mut wa, &Actor::System, NOW, create("甲帐号"))
        .0
        .unwrap();
    b.execute(&mut wb, &Actor::System, NOW, create("乙帐号"))
        .0
        .unwrap();
    b.flush(&mut wb, NOW);
    let notices = a.flush(&mut wa, NOW.plus_ms(1));
    assert!(notices.is_empty(), "{notices:?}");
    assert!(has_account(&wa, "乙帐号") && has_account(&wa, "甲帐号"));
    assert_eq!(a.replacements(), 0);
    // Then B resets to the demo while A holds an unsaved change.
    a.execute(&mut wa, &Actor::System, NOW.plus_ms(2), create("甲二帐号"))
        .0
        .unwrap();
    let demo = demo_workspace(NOW.plus_ms(2));
    b.replace(&demo).unwrap();
    let notices = a.sync(&mut wa, NOW.plus_ms(3));
    assert!(
        matches!(notices.as_slice(), [Notice::Dropped(_)]),
        "{notices:?}"
    );
    assert_eq!(a.replacements(), 1);
    assert_eq!(wa, demo);
    assert_eq!(wa, stored(&store));
}

#[test]
fn a_command_that_no_longer_applies_is_dropped_with_its_reason() {
    let (_, (a, mut wa), (b, mut wb)) = two_tabs();
    let (app, owner) = first_pending(&wa);
    a.execute(
        &mut wa,
        &owner,
        NOW,
        Command::ApproveApplication { id: app.id },
    )
    .0
    .unwrap();
    b.execute(
        &mut wb,
        &owner,
        NOW,
        Command::RejectApplication {
            id: app.id,
            reason: "不合适".into(),
        },
    )
    .0
    .unwrap();
    a.flush(&mut wa, NOW);
    let notices = b.flush(&mut wb, NOW);
    let [Notice::Dropped(errors)] = notices.as_slice() else {
        panic!("{notices:?}")
    };
    assert_eq!(errors.len(), 1);
    assert!(!errors[0].error.zh().is_empty() && !errors[0].error.en().is_empty());
    assert_eq!(wb, wa, "B keeps the fresh state");
    assert_eq!(
        wb.application(app.id).unwrap().status,
        ApplicationStatus::Approved
    );
}

/// Two tabs save the same 开发信息 at once: the later one's command, redone on the earlier's
/// save, changes nothing (`Unchanged`). Nothing was lost, so nothing is said (review: a banner
/// said 没有修改 "no longer applies").
#[test]
fn a_command_another_tab_already_did_is_not_reported_as_dropped() {
    let (_, (a, mut wa), (b, mut wb)) = two_tabs();
    let me = id_of(&wa, "顺丰速运");
    let mut dev_info = wa.plugin(&me).unwrap().dev_info.clone().unwrap();
    dev_info.token = "sameInBoth1".into();
    let save = || Command::SetDevInfo {
        plugin: me.clone(),
        dev_info: dev_info.clone(),
    };
    let actor = Actor::Developer(me.clone());
    a.execute(&mut wa, &actor, NOW, save()).0.unwrap();
    b.execute(&mut wb, &actor, NOW, save()).0.unwrap();
    a.flush(&mut wa, NOW);
    assert_eq!(b.flush(&mut wb, NOW), vec![]);
    assert_eq!(wb, wa, "B keeps the fresh state, the save made once");
    assert_eq!(
        wb.plugin(&me).unwrap().dev_info.as_ref().unwrap().token,
        "sameInBoth1"
    );
}

/// Two tabs take the same step at once (发布 the same version, 通过 the same application): the
/// later one's command, redone on the earlier's save, is refused as already so: nothing was
/// lost, nothing is said (QA: "no longer applies: version 2.1.0 is 已发布, cannot be released").
/// A different outcome (another 拒绝 reason) is still said.
#[test]
fn the_same_step_taken_in_two_tabs_is_not_reported_as_dropped() {
    let (_, (a, mut wa), (b, mut wb)) = two_tabs();
    let approved = wa
        .plugins()
        .iter()
        .find_map(|p| {
            let v = p
                .versions
                .iter()
                .find(|v| v.status == VersionStatus::Approved)?;
            Some((p.app_id.clone(), v.version))
        })
        .expect("demo has an 审核通过 version");
    let (plugin, version) = approved;
    let release = || Command::Release {
        plugin: plugin.clone(),
        version,
    };
    let dev = Actor::Developer(plugin.clone());
    a.execute(&mut wa, &dev, NOW, release()).0.unwrap();
    b.execute(&mut wb, &dev, NOW, release()).0.unwrap();
    a.flush(&mut wa, NOW);
    assert_eq!(b.flush(&mut wb, NOW), vec![]);
    assert_eq!(wb, wa, "B keeps the fresh state, released once");
    let released = |w: &Workspace| {
        w.events()
            .iter()
            .filter(|e| matches!(e.kind, EventKind::VersionReleased { .. }))
            .count()
    };
    assert_eq!(released(&wb), released(&demo_workspace(NOW)) + 1);
    // 通过 the same application in both: once, unsaid.
    let (app, owner) = first_pending(&wa);
    let approve = || Command::ApproveApplication { id: app.id };
    a.execute(&mut wa, &owner, NOW, approve()).0.unwrap();
    b.execute(&mut wb, &owner, NOW, approve()).0.unwrap();
    a.flush(&mut wa, NOW);
    assert_eq!(b.flush(&mut wb, NOW), vec![]);
    assert_eq!(wb, wa);
    // Two different 拒绝 reasons for one application: the later is said as not applied.
    let (other, owner) = first_pending(&wa);
    let reject = |reason: &str| Command::RejectApplication {
        id: other.id,
        reason: reason.into(),
    };
    a.execute(&mut wa, &owner, NOW, reject("理由甲")).0.unwrap();
    b.execute(&mut wb, &owner, NOW, reject("理由乙")).0.unwrap();
    a.flush(&mut wa, NOW);
    let notices = b.flush(&mut wb, NOW);
    assert!(
        matches!(notices.as_slice(), [Notice::Dropped(_)]),
        "{notices:?}"
    );
}

#[test]
fn corrupt_data_written_by_another_tab_is_quarantined_on_sync() {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let mut wa = a.open(NOW).workspace;
    a.execute(&mut wa, &Actor::System, NOW, create("保住我"))
        .0
        .unwrap();
    store
        .set(WORKSPACE_KEY, "{\"schema\":1,\"rev\":77,oops")
        .unwrap();
    let notices = a.flush(&mut wa, NOW);
    assert!(
        matches!(
            notices.as_slice(),
            [Notice::Quarantined {
                key: Some(_),
                at_start: false,
                ..
            }]
        ),
        "{notices:?}"
    );
    assert_eq!(
        store.get(QUARANTINE_KEY).unwrap().as_deref(),
        Some("{\"schema\":1,\"rev\":77,oops")
    );
    assert!(has_account(&stored(&store), "保住我"));
    assert!(a.rev() > 77);
    // Found by the save of a page that was going (`pagehide`): the next load of that tab says
    // it again from the key alone, with why it does not decode.
    let (Notice::Quarantined { error, .. }, b) = (&notices[0], tab(&store)) else {
        unreachable!()
    };
    assert_eq!(
        b.set_aside_earlier(QUARANTINE_KEY),
        Some(Notice::Quarantined {
            key: Some(QUARANTINE_KEY.into()),
            error: error.clone(),
            at_start: false,
        })
    );
    // Gone (downloaded and deleted meanwhile) or readable: nothing to say.
    assert_eq!(b.set_aside_earlier(WORKSPACE_KEY), None);
    store.remove(QUARANTINE_KEY).unwrap();
    assert_eq!(b.set_aside_earlier(QUARANTINE_KEY), None);
    // The same value found by a second tab is the copy already kept, not a second one (QA: two
    // open tabs kept it under two keys); another value gets the next key.
    let raw = "{\"schema\":1,\"rev\":78,oops";
    assert_eq!(a.quarantine(raw, NOW).as_deref(), Ok(QUARANTINE_KEY));
    assert_eq!(b.quarantine(raw, NOW).as_deref(), Ok(QUARANTINE_KEY));
    let next = format!("{QUARANTINE_KEY}-2");
    assert_eq!(b.quarantine("garbage", NOW), Ok(next));
}

#[test]
fn unreadable_envelope_from_a_newer_writer_is_never_overwritten() {
    // Another tab (a newer app version) saved its work in a form or schema this tab cannot read.
    // Quarantining it and writing this tab's state over it would silently drop that tab's saved
    // work: this tab holds instead, tells the user, and leaves the value alone.
    for newer in [
        "{\"schema\":1,\"rev\":REV,\"format-of-the-future\":{}}",
        "{\"schema\":99,\"rev\":REV,\"workspace\":{}}",
    ] {
        let store = Rc::new(MemoryStore::default());
        let a = tab(&store);
        let mut wa = a.open(NOW).workspace;
        a.execute(&mut wa, &Actor::System, NOW, create("本页的帐号"))
            .0
            .unwrap();
        a.flush(&mut wa, NOW);
        let value = newer.replace("REV", &(a.rev() + 1).to_string());
        store.set(WORKSPACE_KEY, &value).unwrap();
        let (result, notices) = a.execute(&mut wa, &Actor::System, NOW, create("之后的帐号"));
        result.unwrap();
        assert!(
            matches!(notices.as_slice(), [Notice::WrittenElsewhere { .. }]),
            "{notices:?}"
        );
        assert!(a.holding());
        assert!(a.flush(&mut wa, NOW).is_empty(), "no write, no new notice");
        assert_eq!(
            store.get(WORKSPACE_KEY).unwrap().as_deref(),
            Some(value.as_str())
        );
        assert_eq!(store.get(QUARANTINE_KEY).unwrap(), None, "nothing moved");
        assert!(
            has_account(&wa, "之后的帐号"),
            "this tab's work stays in memory"
        );
    }
}

#[test]
fn replace_writes_a_new_revision_and_drops_pending() {
    let store = Rc::new(MemoryStore::default());
    let a = tab(&store);
    let mut wa = a.open(NOW).workspace;
    a.execute(&mut wa, &Actor::System, NOW, create("将被替换"))
        .0
        .unwrap();
    let fresh = demo_workspace(NOW.plus_hours(1));
    a.replace(&fresh).unwrap();
    assert!(!a.needs_write());
    assert_eq!(stored(&store), fresh);
}

#[test]
fn big_workspaces_are_stored_compressed_and_round_trip() {
    let ws = scale_workspace(300, 3000, 9);
    let raw = encode(&ws, 3);
    assert!(raw.contains("\"p\":"), "compressed binary form");
    let d = decode(&raw).unwrap();
    assert_eq!(d.rev, 3);
    assert_eq!(d.workspace, ws);
    // Truncating the compressed form is detected, never a panic.
    for cut in [10, raw.len() / 2, raw.len() - 3] {
        let mut s: String = raw.chars().take(cut).collect();
        s.push_str("\"}");
        assert!(decode(&s).is_err());
    }
}

#[test]
fn a_few_bytes_cannot_claim_a_huge_workspace() {
    // 256 MB claimed by two packed chars: refused from the sizes, before allocating anything.
    for raw in [
        "{\"schema\":1,\"rev\":1,\"n\":268435456,\"k\":\"268435456 2\",\"p\":\"\u{100}\u{100}\"}",
        "{\"schema\":1,\"rev\":1,\"n\":268435456,\"k\":\"134217728 2 134217728 2\",\"p\":\"\u{100}\u{100}\u{100}\u{100}\"}",
        "{\"schema\":1,\"rev\":1,\"n\":100000,\"k\":\"100000 900\",\"p\":\"\u{100}\"}",
    ] {
        assert!(
            matches!(decode(raw), Err(DecodeError::WrongShape(ref m)) if m == "chunk sizes do not add up"),
            "{raw}: {:?}",
            decode(raw).map(|d| d.rev)
        );
    }
}

#[test]
fn pack15_round_trips() {
    let mut rng = fixtures::Rng(1);
    for len in 0..200 {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let packed = pack15(&bytes);
        assert!(packed
            .chars()
            .all(|c| ('\u{100}'..='\u{80FF}').contains(&c)));
        let mut back = unpack15(&packed).unwrap();
        back.truncate(len);
        assert_eq!(back, bytes);
    }
}

/// A workspace stored in the chunked form (≈ 750 KB of JSON, about fifteen chunks). Tests on it
/// run at its own time (`SCALE_BASE_TIME`): later, a command would also expire its due
/// applications (many chunks change, legitimately).
fn big() -> Workspace {
    scale_workspace(300, 3000, 9)
}

/// The first `Apply` some consumer of `ws` may make on a released plugin.
fn some_apply(ws: &Workspace, skip: usize) -> (Actor, Command) {
    let mut found = ws.accounts().iter().flat_map(|a| {
        ws.plugins()
            .iter()
            .filter(|p| p.has_online_version())
            .map(move |p| {
                (
                    Actor::Consumer(a.app_id.clone()),
                    Command::Apply {
                        plugin: p.app_id.clone(),
                        reason: "测试".into(),
                    },
                )
            })
    });
    found
        .by_ref()
        .filter(|(actor, cmd)| ws.can(actor, SCALE_BASE_TIME, cmd).is_ok())
        .nth(skip)
        .expect("some consumer may apply")
}

/// The stored form of the single deflate stream (`n`, `c`, `z`) that earlier versions wrote.
fn single_stream_form(ws: &Workspace, rev: u64) -> String {
    let plain = serde_json::to_string(ws).unwrap();
    let z = miniz_oxide::deflate::compress_to_vec(plain.as_bytes(), 6);
    format!(
        "{{\"schema\":{SCHEMA_VERSION},\"rev\":{rev},\"n\":{},\"c\":{},\"z\":\"{}\"}}",
        plain.len(),
        z.len(),
        pack15(&z)
    )
}

/// The chunked form of the plain JSON (`n`, `k`, `y`) that earlier versions wrote, cut into
/// three chunks anywhere (the decoder only concatenates them).
fn json_chunked_form(ws: &Workspace, rev: u64) -> String {
    let plain = serde_json::to_string(ws).unwrap();
    let n = plain.len();
    let (mut sizes, mut packed) = (Vec::new(), String::new());
    for part in [
        &plain.as_bytes()[..n / 3],
        &plain.as_bytes()[n / 3..n / 2],
        &plain.as_bytes()[n / 2..],
    ] {
        let z = miniz_oxide::deflate::compress_to_vec(part, 6);
        sizes.push(format!("{} {}", part.len(), z.len()));
        packed.push_str(&pack15(&z));
    }
    let k = sizes.join(" ");
    format!(
        "{{\"schema\":{SCHEMA_VERSION},\"rev\":{rev},\"n\":{n},\"k\":\"{k}\",\"y\":\"{packed}\"}}"
    )
}

#[test]
fn chunked_form_is_the_binary_form_cut_at_item_boundaries() {
    let ws = big();
    let mut plain = Vec::new();
    let cuts = chunks::serialize(&ws, &mut plain).unwrap();
    assert_eq!(
        plain,
        postcard::to_allocvec(&ws).unwrap(),
        "same bytes as postcard"
    );
    assert_eq!(cuts[0], 0);
    assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{cuts:?}");
    let raw = encode(&ws, 4);
    let (counted, units) = encode_counted(&ws, 4, Tag::default(), &mut Cache::default()).unwrap();
    assert_eq!((counted.as_str(), units), (raw.as_str(), utf16_len(&raw)));
    let small = demo_workspace(SCALE_BASE_TIME);
    let (text, units) = encode_counted(&small, 4, Tag::default(), &mut Cache::default()).unwrap();
    assert_eq!(units, utf16_len(&text));
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    // What earlier versions' `decode` looks for (`workspace`, `z`, `y`, `accounts`) is absent:
    // they answer `WrongShape("no workspace")` and quarantine the value verbatim, never misread it.
    assert_eq!(keys, ["k", "n", "p", "rev", "s", "schema"]);
    let sizes: Vec<u64> = v["k"]
        .as_str()
        .unwrap()
        .split(' ')
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(sizes.len() >= 2 * 5, "several chunks: {}", sizes.len() / 2);
    let total: u64 = sizes.iter().step_by(2).sum();
    assert_eq!(total as usize, plain.len());
    let d = decode(&raw).unwrap();
    assert_eq!((d.rev, d.stored_schema), (4, SCHEMA_VERSION));
    assert_eq!(d.workspace, ws);
}

#[test]
fn a_write_after_changes_is_byte_for_byte_a_cold_write() {
    let mut ws = big();
    let mut cache = Cache::default();
    let cold = encode(&ws, 1);
    decode_with(&cold, &mut cache).unwrap();
    let n = cache.len();
    assert!(n >= 5, "{n} chunks");
    assert_eq!(encode_with(&ws, 1, &mut cache), cold, "unchanged");
    assert_eq!(cache.last_deflated(), 0, "nothing to deflate");
    for step in 0..6 {
        let (actor, cmd) = match step % 3 {
            0 => some_apply(&ws, step),
            1 => (Actor::System, create(&format!("新帐号{step}"))),
            _ => {
                let plugin = &ws.plugins()[step];
                let mut dev_info = plugin.dev_info.clone().unwrap_or_default();
                dev_info.request_domains = vec![format!("https://api{step}.example.com")];
                dev_info.token = format!("Token{step}abcdefgh");
                let cmd = Command::SetDevInfo {
                    plugin: plugin.app_id.clone(),
                    dev_info,
                };
                (Actor::Developer(plugin.app_id.clone()), cmd)
            }
        };
        ws.execute(&actor, SCALE_BASE_TIME, cmd).unwrap();
        let warm = encode_with(&ws, 2 + step as u64, &mut cache);
        assert_eq!(warm, encode(&ws, 2 + step as u64), "step {step}");
        // The item's chunk (rarely also the next), the event's, and chunks of a few bytes for
        // the arrays' lengths and the id counter.
        assert!(
            cache.last_deflated() <= 6 && cache.last_deflated_bytes() <= 2 * chunks::AVG_CHUNK,
            "step {step}: {} of {} chunks deflated, {} bytes",
            cache.last_deflated(),
            cache.len(),
            cache.last_deflated_bytes()
        );
        assert_eq!(decode(&warm).unwrap().workspace, ws, "step {step}");
    }
}

#[test]
fn a_stale_or_foreign_cache_never_changes_what_is_stored() {
    let a = big();
    let b = scale_workspace(250, 2500, 11);
    let mut cache = Cache::default();
    encode_with(&a, 1, &mut cache);
    let with_a = encode_with(&b, 2, &mut cache);
    assert_eq!(with_a, encode(&b, 2));
    // Small workspaces are stored plain (readable) and empty the cache.
    let small = demo_workspace(SCALE_BASE_TIME);
    let raw = encode_with(&small, 3, &mut cache);
    assert!(raw.len() < COMPRESS_ABOVE && raw.contains("\"workspace\":{"));
    assert!(cache.is_empty());
}

#[test]
fn the_single_stream_form_of_earlier_versions_still_decodes() {
    let ws = big();
    let d = decode(&single_stream_form(&ws, 8)).unwrap();
    assert_eq!((d.rev, d.workspace), (8, ws.clone()));
    // Opened by the app, it is rewritten in the chunked form on the first write.
    let (raw, w) = written_after_a_command(&single_stream_form(&ws, 8), &ws);
    assert!(raw.contains("\"p\":\""));
    assert_eq!(decode(&raw).unwrap().rev, 9);
    assert_eq!(decode(&raw).unwrap().workspace, w);
}

/// Stores `old` (a stored form of `ws`), opens it as the app does, runs one command and flushes:
/// the value then stored, and the tab's workspace.
fn written_after_a_command(old: &str, ws: &Workspace) -> (String, Workspace) {
    let store = Rc::new(MemoryStore::default());
    store.set(WORKSPACE_KEY, old).unwrap();
    let p = tab(&store);
    let mut w = p.open(SCALE_BASE_TIME).workspace;
    assert_eq!(&w, ws);
    p.execute(&mut w, &Actor::System, SCALE_BASE_TIME, create("升级后"))
        .0
        .unwrap();
    assert!(p.flush(&mut w, SCALE_BASE_TIME).is_empty());
    let raw = store.get(WORKSPACE_KEY).unwrap().unwrap();
    (raw, w)
}

#[test]
fn the_json_chunked_form_of_earlier_versions_still_decodes_and_is_rewritten_binary() {
    let ws = big();
    let old = json_chunked_form(&ws, 4);
    let mut cache = Cache::default();
    let d = decode_with(&old, &mut cache).unwrap();
    assert_eq!((d.rev, d.workspace), (4, ws.clone()));
    assert!(
        cache.is_empty(),
        "JSON chunks are not reused for the binary form"
    );
    // A damaged one is still a typed error.
    let cut = old.replacen("\"k\":\"", "\"k\":\"7 ", 1);
    assert!(matches!(decode(&cut), Err(DecodeError::WrongShape(_))));
    let (raw, w) = written_after_a_command(&old, &ws);
    assert!(raw.contains("\"p\":\"") && !raw.contains("\"y\":"));
    assert_eq!(
        without_writer(&raw),
        encode(&w, 5),
        "the same as a cold write"
    );
    assert_eq!(decode(&raw).unwrap().workspace, w);
}

#[test]
fn a_corrupt_chunk_is_a_typed_error_and_is_quarantined_verbatim() {
    let ws = big();
    let raw = encode(&ws, 5);
    let start = raw.find("\"p\":\"").unwrap() + 5;
    let chars: Vec<(usize, char)> = raw[start..].char_indices().collect();
    let mut rng = fixtures::Rng(7);
    for i in 0..40 {
        // Another valid packed char somewhere inside the chunks: caught by that chunk's
        // checksum, before inflating (raw deflate itself could inflate it to other bytes).
        let (at, c) = chars[rng.below(chars.len() - 2)];
        let other =
            char::from_u32(0x100 + ((c as u32 - 0x100 + 1 + rng.below(0x7FFE) as u32) % 0x8000))
                .unwrap();
        let mut bad = raw.clone();
        bad.replace_range(
            start + at..start + at + c.len_utf8(),
            other.encode_utf8(&mut [0; 4]),
        );
        let err = match decode(&bad) {
            Err(e) => e,
            Ok(d) => {
                // Only the unused bits at the end of a chunk's last char: nothing was damaged.
                assert_eq!(d.workspace, ws, "case {i}: damage decoded to other data");
                continue;
            }
        };
        assert!(
            matches!(&err, DecodeError::WrongShape(m) if m == "a chunk is damaged (checksum)"),
            "case {i}: {err:?}"
        );
        let store = Rc::new(MemoryStore::default());
        store.set(WORKSPACE_KEY, &bad).unwrap();
        let opened = tab(&store).open(SCALE_BASE_TIME);
        assert!(
            matches!(
                opened.notices.as_slice(),
                [Notice::Quarantined { key: Some(_), .. }]
            ),
            "case {i}: {:?}",
            opened.notices
        );
        assert_eq!(
            store.get(QUARANTINE_KEY).unwrap().as_deref(),
            Some(bad.as_str())
        );
    }
    // A chunk size that lies.
    let lie = raw.replacen("\"k\":\"", "\"k\":\"1 ", 1);
    assert!(matches!(decode(&lie), Err(DecodeError::WrongShape(_))));
    // A checksum that lies, one missing, one too many, one that is not a number.
    let sums_at = raw.find("\"s\":\"").unwrap() + 5;
    let first = &raw[sums_at..sums_at + raw[sums_at..].find(' ').unwrap()];
    let other = (first.parse::<u32>().unwrap() ^ 1).to_string();
    for (bad, why) in [
        (
            raw.replacen(
                &format!("\"s\":\"{first} "),
                &format!("\"s\":\"{other} "),
                1,
            ),
            "a chunk is damaged (checksum)",
        ),
        (
            raw.replacen(&format!("\"s\":\"{first} "), "\"s\":\"", 1),
            "one checksum per chunk expected",
        ),
        (
            raw.replacen("\"s\":\"", "\"s\":\"1 ", 1),
            "one checksum per chunk expected",
        ),
        (
            raw.replacen("\"s\":\"", "\"s\":\"x", 1),
            "a chunk is damaged (checksum)",
        ),
    ] {
        assert_eq!(
            decode(&bad).err(),
            Some(DecodeError::WrongShape(why.into()))
        );
    }
}

#[test]
fn the_binary_form_written_before_checksums_still_decodes_and_gains_them() {
    let ws = big();
    let with = encode(&ws, 6);
    let (start, end) = (
        with.find(",\"s\":\"").unwrap(),
        with.find(",\"p\":\"").unwrap(),
    );
    let without = format!("{}{}", &with[..start], &with[end..]);
    let mut cache = Cache::default();
    let d = decode_with(&without, &mut cache).unwrap();
    assert_eq!((d.rev, &d.workspace), (6, &ws));
    // Its chunks are reused as they are, and the next write lists their checksums.
    assert_eq!(encode_with(&ws, 6, &mut cache), with);
    assert_eq!(cache.last_deflated(), 0);
    let (raw, w) = written_after_a_command(&without, &ws);
    assert!(raw.contains("\"s\":\""));
    assert_eq!(
        without_writer(&raw),
        encode(&w, 7),
        "the same as a cold write"
    );
}

#[test]
fn two_tabs_on_a_big_workspace_lose_nothing_and_deflate_little() {
    let store = Rc::new(MemoryStore::default());
    store.set(WORKSPACE_KEY, &encode(&big(), 1)).unwrap();
    let (a, b) = (tab(&store), tab(&store));
    let mut wa = a.open(SCALE_BASE_TIME).workspace;
    let mut wb = b.open(SCALE_BASE_TIME).workspace;
    a.execute(&mut wa, &Actor::System, SCALE_BASE_TIME, create("甲的帐号"))
        .0
        .unwrap();
    assert!(a.flush(&mut wa, SCALE_BASE_TIME).is_empty());
    let (deflated, total) = a.last_write_chunks();
    let bytes = a.last_write_deflated_bytes();
    assert!(
        deflated <= 5 && total >= 10 && bytes <= 2 * chunks::AVG_CHUNK,
        "{deflated} of {total}, {bytes} bytes"
    );
    // B has not seen A's write: its flush loads it (compare), re-applies its own command, writes.
    b.execute(
        &mut wb,
        &Actor::System,
        SCALE_BASE_TIME.plus_ms(1),
        create("乙的帐号"),
    )
    .0
    .unwrap();
    assert!(b.flush(&mut wb, SCALE_BASE_TIME.plus_ms(1)).is_empty());
    assert_eq!(b.reloads(), 1);
    let (deflated, _) = b.last_write_chunks();
    let bytes = b.last_write_deflated_bytes();
    assert!(
        deflated <= 5 && bytes <= 2 * chunks::AVG_CHUNK,
        "B's cache was refilled by the reload: {deflated} chunks, {bytes} bytes"
    );
    let s = stored(&store);
    assert!(has_account(&s, "甲的帐号") && has_account(&s, "乙的帐号"));
    assert_eq!(s, wb);
    assert_eq!(
        decode(&store.get(WORKSPACE_KEY).unwrap().unwrap())
            .unwrap()
            .rev,
        3
    );
}

/// Writes tests/fixtures/workspace.vN.json for the current schema (run once per new schema:
/// `STORE_WRITE_FIXTURE=1 cargo test --test store_persist write_fixture`).
#[test]
fn write_fixture() {
    if std::env::var("STORE_WRITE_FIXTURE").is_err() {
        return;
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/workspace.v{SCHEMA_VERSION}.json"));
    assert!(
        std::fs::read_to_string(&path).map_or(true, |s| s.len() < 10),
        "fixtures are history: never rewrite one"
    );
    std::fs::write(&path, encode(&demo_workspace(NOW), 1)).unwrap();
    let ws = decode(&std::fs::read_to_string(&path).unwrap())
        .unwrap()
        .workspace;
    std::fs::write(
        path.with_extension("postcard"),
        postcard::to_allocvec(&ws).unwrap(),
    )
    .unwrap();
}

#[test]
fn the_binary_layout_of_the_current_schema_is_pinned() {
    let (schema, pinned) = fixtures::BINARY_FIXTURE;
    assert_eq!(
        schema, SCHEMA_VERSION,
        "a binary fixture for the current schema"
    );
    let (_, json) = fixtures::SCHEMA_FIXTURES
        .iter()
        .find(|(v, _)| *v == schema)
        .expect("its JSON fixture");
    let ws = decode(json).unwrap().workspace;
    assert!(
        postcard::to_allocvec(&ws).unwrap() == pinned,
        "the binary layout of schema {schema} changed: stored big workspaces would no longer \
         decode. Bump SCHEMA_VERSION, keep the previous types to read their binary form \
         (src/store/codec.rs), and add fixtures for the new schema"
    );
    let mut back: Workspace = postcard::from_bytes(pinned).unwrap();
    back.rebuild_indexes();
    assert_eq!(back, ws);
    // And through the store's own envelope, chunked as big workspaces are.
    let mut out = Vec::new();
    let cuts = chunks::serialize(&ws, &mut out).unwrap();
    assert_eq!((out.as_slice(), cuts[0]), (pinned, 0));
}

#[test]
fn utf16_len_counts_code_units() {
    for s in [
        "",
        "ascii",
        "插件",
        "a\u{100}\u{80FF}",
        "😀x",
        "\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}",
    ] {
        assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s:?}");
    }
}

/// The values set aside are listed, measured and deleted by the store (review: the /data page
/// read and deleted localStorage keys itself): only quarantine and backup keys, in key order,
/// each with its length in UTF-16 units; deleting any other key through it does nothing; the
/// site's other data is what is outside the app's keys.
#[test]
fn values_set_aside_are_listed_measured_and_deleted_by_the_store() {
    let store = Rc::new(MemoryStore::default());
    let p = Persistence::new(Box::new(store.clone()));
    let backup = format!("{BACKUP_KEY}-v1");
    let second = format!("{QUARANTINE_KEY}-2");
    for (k, v) in [
        (second.as_str(), "ab"),
        (QUARANTINE_KEY, "不可读😀"),
        (backup.as_str(), "{}"),
        (WORKSPACE_KEY, "{\"schema\":1}"),
        ("other-site-key", "xyz"),
    ] {
        store.set(k, v).unwrap();
    }
    assert_eq!(
        p.set_aside_values(),
        [
            (backup.clone(), 2),
            (QUARANTINE_KEY.to_string(), 5),
            (second.clone(), 2)
        ]
    );
    assert_eq!(p.other_units().unwrap(), "other-site-key".len() + 3);
    p.delete_set_aside(WORKSPACE_KEY).unwrap();
    p.delete_set_aside("other-site-key").unwrap();
    p.delete_set_aside(&second).unwrap();
    assert!(store.get(WORKSPACE_KEY).unwrap().is_some());
    assert!(store.get("other-site-key").unwrap().is_some());
    assert_eq!(store.get(&second).unwrap(), None);
    assert_eq!(p.set_aside_values().len(), 2);
}

/// Numbers in set-aside keys are ordered as numbers (QA: `quarantine-10` came before
/// `quarantine-2`).
#[test]
fn values_set_aside_are_listed_in_number_order() {
    let store = Rc::new(MemoryStore::default());
    let p = Persistence::new(Box::new(store.clone()));
    for i in 0..12 {
        p.quarantine(&format!("unreadable {i}"), Timestamp(0))
            .unwrap();
    }
    let keys: Vec<String> = p.set_aside_values().into_iter().map(|(k, _)| k).collect();
    let mut expected = vec![QUARANTINE_KEY.to_string()];
    expected.extend((2..=12).map(|i| format!("{QUARANTINE_KEY}-{i}")));
    assert_eq!(keys, expected);
}

#[test]
fn natural_order_compares_digit_runs_as_numbers() {
    use std::cmp::Ordering::*;
    for (a, b, order) in [
        ("q-2", "q-10", Less),
        ("q-10", "q-2", Greater),
        ("q", "q-2", Less),
        ("q-02", "q-2", Equal),
        ("q-2x", "q-2", Greater),
        ("backup-v9", "backup-v10", Less),
        ("a10b2", "a10b10", Less),
        ("q-t1700000000000", "q-999", Greater),
        ("b", "a", Greater),
        ("", "", Equal),
    ] {
        assert_eq!(natural_cmp(a, b), order, "{a} against {b}");
    }
}
