//! The workspace's JSON is read with its structs only as objects (`store::objects`): everything
//! the app writes reads back as with `serde_json::from_str`, errors included, and a struct
//! written as an array is refused with a typed error.
use plugin_lifecycle::domain::*;
use plugin_lifecycle::store::codec::{decode, encode_export, DecodeError};
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
