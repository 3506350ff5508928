//! Compatibility with the TypeScript original: every tool of its `tools/list` (1.43.0, default
//! and opt-in, copied to `tests/data/`) exists here under the same name, every one of its
//! parameters exists with a JSON type we accept, and we require nothing it leaves optional.
//! Extra optional parameters are fine.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::window::{SandboxProc, Window};

const ANCHOR: &str = include_str!("../data/anchor-tools-1.43.0.json");

/// The JSON types a schema accepts (`any` when it does not say), following `$ref`s into `defs`.
fn types(schema: &Value, defs: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        return types(&defs[name], defs);
    }
    match schema.get("type") {
        Some(Value::String(t)) => {
            out.insert(t.clone());
        }
        Some(Value::Array(list)) => out.extend(list.iter().filter_map(Value::as_str).map(str::to_owned)),
        _ => {}
    }
    for key in ["anyOf", "oneOf"] {
        for option in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            out.extend(types(option, defs));
        }
    }
    let consts = schema
        .get("const")
        .into_iter()
        .chain(schema.get("enum").and_then(Value::as_array).into_iter().flatten());
    for c in consts {
        out.insert(
            match c {
                Value::String(_) => "string",
                Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                Value::Number(_) => "number",
                Value::Bool(_) => "boolean",
                _ => "any",
            }
            .to_owned(),
        );
    }
    if out.is_empty() {
        out.insert("any".to_owned());
    }
    out
}

/// Why ours does not accept what the original's schema allows, if it does not.
fn incompatible(theirs: &Value, ours: &Value, defs: &Value) -> Option<String> {
    let (t, o) = (types(theirs, &Value::Null), types(ours, defs));
    if !o.contains("any") {
        for ty in &t {
            let accepted = o.contains(ty)
                || (ty == "number" && o.contains("integer"))
                || (ty == "integer" && o.contains("number"))
                || ty == "null";
            if !accepted {
                return Some(format!("the original takes {ty}, we take {o:?}"));
            }
        }
    }
    let ours = resolve(ours, defs);
    if let (Some(values), Some(accepted)) = (theirs.get("enum"), ours.get("enum").and_then(Value::as_array)) {
        for v in values.as_array().into_iter().flatten() {
            if !accepted.contains(v) {
                return Some(format!("the original accepts {v}, our enum is {accepted:?}"));
            }
        }
    }
    if t.contains("array")
        && o.contains("array")
        && let (Some(ti), Some(oi)) = (theirs.get("items"), array_items(ours, defs))
    {
        return incompatible(ti, &oi, defs).map(|why| format!("items: {why}"));
    }
    None
}

fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => &defs[r.rsplit('/').next().unwrap_or_default()],
        None => schema,
    }
}

/// The item schema of an array schema, looking through `anyOf` (e.g. an optional array).
fn array_items(schema: &Value, defs: &Value) -> Option<Value> {
    let schema = resolve(schema, defs);
    if let Some(items) = schema.get("items") {
        return Some(items.clone());
    }
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten()
        .find_map(|o| array_items(o, defs))
}

#[tokio::test]
async fn every_tool_and_parameter_of_the_original_exists() {
    let anchor: Value = serde_json::from_str(ANCHOR).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sandbox = SandboxProc::start(&dir.path().join("session")).await;
    let mut w = Window::spawn_with(&sandbox.session, &[], &[("MCP_TELEGRAM_TOOLS", "all")]);
    w.initialize().await;
    let answer = w.request("tools/list", json!({})).await;
    assert!(answer["result"].get("nextCursor").is_none_or(Value::is_null), "tools/list is paged: {answer}");
    let ours: Vec<Value> = answer["result"]["tools"].as_array().unwrap().clone();
    let find = |name: &str| ours.iter().find(|t| t["name"] == name);

    let mut problems = Vec::new();
    for name in anchor["optin_only"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()) {
        if find(name).is_none() {
            problems.push(format!("{name}: missing (opt-in in the original)"));
        }
    }
    let theirs = anchor["tools_default"].as_array().unwrap();
    for tool in theirs {
        let name = tool["name"].as_str().unwrap();
        let Some(mine) = find(name) else {
            problems.push(format!("{name}: missing"));
            continue;
        };
        let schema = &mine["inputSchema"];
        let defs = schema.get("$defs").or(schema.get("definitions")).cloned().unwrap_or(Value::Null);
        let their_required: BTreeSet<&str> = tool["inputSchema"]["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (param, their_schema) in tool["inputSchema"]["properties"].as_object().unwrap() {
            match schema["properties"].get(param) {
                None => problems.push(format!("{name}: parameter {param} missing")),
                Some(my_schema) => {
                    if let Some(why) = incompatible(their_schema, my_schema, &defs) {
                        problems.push(format!("{name}.{param}: {why}"));
                    }
                }
            }
        }
        for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !their_required.contains(required) {
                problems.push(format!("{name}: we require {required}, the original does not"));
            }
        }
    }
    let count = theirs.len() + anchor["optin_only"].as_array().unwrap().len();
    assert!(
        problems.is_empty(),
        "{} problems against the original's {count} tools:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_comparison_catches_what_would_break_a_caller() {
    let none = Value::Null;
    let chat = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
    assert_eq!(incompatible(&json!({"type": "string"}), &chat, &none), None);
    assert_eq!(incompatible(&json!({"type": "number"}), &json!({"type": "integer"}), &none), None);
    assert!(incompatible(&json!({"type": "boolean"}), &json!({"type": "string"}), &none).is_some());
    let mode = json!({"type": "string", "enum": ["md", "html"]});
    assert!(incompatible(&mode, &json!({"type": "string", "enum": ["md"]}), &none).is_some());
    let defs = json!({"Mode": {"type": "string", "enum": ["md", "html", "plain"]}});
    assert_eq!(incompatible(&mode, &json!({"$ref": "#/$defs/Mode"}), &defs), None);
    let ids = json!({"type": "array", "items": {"type": "integer"}});
    assert_eq!(
        incompatible(&ids, &json!({"type": ["array", "null"], "items": {"type": "integer"}}), &none),
        None
    );
    assert!(incompatible(&ids, &json!({"type": "array", "items": {"type": "string"}}), &none).is_some());
}
