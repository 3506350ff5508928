//! Telegram Stars: balance, paged history, a subscription, top-up options and gifts, with
//! conversions and visibility changes seen by the next read.

use serde_json::{Value, json};

use super::{count, refused_outside_profile, start, tool_error};

#[tokio::test]
async fn stars_balance_history_subscriptions_and_topup_options() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let status = w.call_ok("telegram-get-stars-status", json!({"peer": "me"})).await;
    assert_eq!(status["balance"], json!(250), "{status}");
    let why = tool_error(&w.call("telegram-get-stars-status", json!({"peer": "@boris_p"})).await);
    assert!(why.contains("PEER_ID_INVALID"), "only your own wallet (or one you own): {why}");
    refused_outside_profile(&sandbox, "telegram-get-stars-status", "payments.getStarsStatus").await;

    let first = w.call_ok("telegram-get-stars-transactions", json!({"peer": "me", "limit": 2})).await;
    let ids = |page: &Value| -> Vec<String> {
        page["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&first), ["tx0005", "tx0004"], "{first}");
    let next = first["nextOffset"].as_str().unwrap();
    let second =
        w.call_ok("telegram-get-stars-transactions", json!({"peer": "me", "limit": 2, "offset": next})).await;
    assert_eq!(ids(&second), ["tx0003", "tx0002"], "{second}");
    let incoming = w.call_ok("telegram-get-stars-transactions", json!({"peer": "me", "inbound": true})).await;
    assert_eq!(
        (ids(&incoming), incoming["transactions"][0]["peer"].clone()),
        (vec!["tx0001".to_owned()], json!("appstore"))
    );
    let oldest = w
        .call_ok("telegram-get-stars-transactions", json!({"peer": "me", "ascending": true, "limit": 1}))
        .await;
    assert_eq!(ids(&oldest), ["tx0001"], "{oldest}");
    let by_sub = w
        .call_ok("telegram-get-stars-transactions", json!({"peer": "me", "subscriptionId": "sub_hike_club"}))
        .await;
    assert_eq!(by_sub["transactions"][0]["subscriptionPeriod"], json!(2_592_000), "{by_sub}");
    let both = json!({"peer": "me", "inbound": true, "outbound": true});
    assert!(
        tool_error(&w.call("telegram-get-stars-transactions", both).await).contains("exclude each other")
    );
    let garbage = json!({"peer": "me", "offset": "page-two"});
    assert!(tool_error(&w.call("telegram-get-stars-transactions", garbage).await).contains("OFFSET_INVALID"));

    let subs = w.call_ok("telegram-get-stars-subscriptions", json!({"chatId": "me"})).await;
    let sub = &subs["subscriptions"][0];
    assert_eq!(
        (sub["id"].clone(), sub["canceled"].clone(), sub["amount"].clone()),
        (json!("sub_hike_club"), json!(false), json!(40))
    );
    assert_eq!(sub["peerId"], json!(-1_001_500_000_002_i64), "{subs}");
    let missing =
        w.call_ok("telegram-get-stars-subscriptions", json!({"chatId": "me", "missingBalance": true})).await;
    assert_eq!(missing["subscriptions"], json!([]), "the balance covers it: {missing}");
    let why =
        tool_error(&w.call("telegram-get-stars-subscriptions", json!({"chatId": "me", "offset": "x"})).await);
    assert!(why.contains("OFFSET_INVALID"), "{why}");

    let cancel = json!({"chatId": "me", "subscriptionId": "sub_hike_club", "canceled": true});
    assert_eq!(w.call_ok("telegram-change-stars-subscription", cancel).await["canceled"], json!(true));
    let subs = w.call_ok("telegram-get-stars-subscriptions", json!({"chatId": "me"})).await;
    assert_eq!(subs["subscriptions"][0]["canceled"], json!(true), "{subs}");
    let unknown = json!({"chatId": "me", "subscriptionId": "sub_nothing", "canceled": true});
    assert!(
        tool_error(&w.call("telegram-change-stars-subscription", unknown).await)
            .contains("SUBSCRIPTION_ID_INVALID")
    );

    let options = w.call_ok("telegram-get-stars-topup-options", json!({})).await;
    let list = options["options"].as_array().unwrap();
    assert_eq!(list.len(), 4, "{options}");
    assert_eq!((list[0]["stars"].clone(), list[0]["currency"].clone()), (json!(50), json!("USD")));
    refused_outside_profile(&sandbox, "telegram-get-stars-topup-options", "payments.getStarsTopupOptions")
        .await;
}

#[tokio::test]
async fn star_gifts_are_listed_saved_hidden_and_converted_into_stars() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, mut w) = start(&dir).await;
    let page = w.call_ok("telegram-get-available-star-gifts", json!({"limit": 3})).await;
    assert_eq!((page["gifts"].as_array().unwrap().len(), page["total"].clone()), (3, json!(4)), "{page}");
    let cursor = page["nextCursor"].as_str().unwrap();
    let last = w.call_ok("telegram-get-available-star-gifts", json!({"cursor": cursor})).await;
    let hat = &last["gifts"][0];
    assert_eq!(
        (hat["title"].clone(), hat["limited"].clone(), hat["availabilityRemains"].clone()),
        (json!("Winter Hat"), json!(true), json!(1_200))
    );
    assert_eq!(last["nextCursor"], Value::Null);
    assert!(
        tool_error(&w.call("telegram-get-available-star-gifts", json!({"cursor": "m:5"})).await)
            .contains("another tool")
    );

    let msg_ids = |page: &Value| -> Vec<i64> {
        page["gifts"].as_array().unwrap().iter().map(|g| g["msgId"].as_i64().unwrap()).collect()
    };
    let mine = w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "me"})).await;
    assert_eq!(
        (mine["count"].clone(), msg_ids(&mine)),
        (json!(3), vec![900_001, 900_002, 900_003]),
        "{mine}"
    );
    assert_eq!(
        (mine["gifts"][0]["fromId"].clone(), mine["gifts"][0]["message"].clone()),
        (json!(7_000_002), json!("Happy hiking!"))
    );
    let shown =
        w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "me", "excludeUnsaved": true})).await;
    assert_eq!(msg_ids(&shown), [900_001, 900_003], "{shown}");
    let boris = w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "@boris_p"})).await;
    assert_eq!(
        (boris["count"].clone(), boris["gifts"][0]["msgId"].clone()),
        (json!(1), Value::Null),
        "{boris}"
    );
    let unlimited =
        w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "me", "excludeLimited": true})).await;
    assert_eq!(msg_ids(&unlimited), [900_001, 900_002], "the Winter Hat is limited: {unlimited}");
    let by_value =
        w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "me", "sortByValue": true})).await;
    assert_eq!(msg_ids(&by_value)[0], 900_003, "{by_value}");
    let nothing = json!({"chatId": "me", "excludeUnsaved": true, "excludeSaved": true});
    assert!(tool_error(&w.call("telegram-get-saved-star-gifts", nothing).await).contains("leave nothing"));

    // Showing one gift and hiding another is what the next read sees.
    assert_eq!(
        w.call_ok("telegram-save-star-gift", json!({"msgId": 900_002})).await["action"],
        json!("saved")
    );
    w.call_ok("telegram-save-star-gift", json!({"msgId": 900_001, "unsave": true})).await;
    let shown =
        w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "me", "excludeUnsaved": true})).await;
    assert_eq!(msg_ids(&shown), [900_002, 900_003], "{shown}");
    let unknown = json!({"msgId": 12_345});
    assert!(tool_error(&w.call("telegram-save-star-gift", unknown).await).contains("STARGIFT_INVALID"));
    let channel_gift = json!({"chatId": -1_001_500_000_002_i64, "savedId": "77"});
    assert!(tool_error(&w.call("telegram-save-star-gift", channel_gift).await).contains("STARGIFT_INVALID"));
    let half = json!({"savedId": "77"});
    assert!(tool_error(&w.call("telegram-save-star-gift", half).await).contains("both chatId and savedId"));

    // Converting asks first, then credits the gift's Stars and removes it.
    let why = tool_error(&w.call("telegram-convert-star-gift", json!({"msgId": 900_003})).await);
    assert!(why.contains("confirm"), "{why}");
    assert_eq!(count(&sandbox, "payments.convertStarGift").await, 0);
    let converted = w.call_ok("telegram-convert-star-gift", json!({"msgId": 900_003, "confirm": true})).await;
    assert_eq!(
        (converted["action"].clone(), converted["balance"].clone()),
        (json!("converted"), json!(550)),
        "{converted}"
    );
    let mine = w.call_ok("telegram-get-saved-star-gifts", json!({"chatId": "me"})).await;
    assert_eq!(msg_ids(&mine), [900_001, 900_002], "{mine}");
    let newest = w.call_ok("telegram-get-stars-transactions", json!({"peer": "me", "limit": 1})).await;
    let tx = &newest["transactions"][0];
    assert_eq!(
        (tx["amount"].clone(), tx["peer"].clone(), tx["gift"].clone()),
        (json!(300), json!("7000005"), json!(true))
    );
    let again = json!({"msgId": 900_003, "confirm": true});
    assert!(tool_error(&w.call("telegram-convert-star-gift", again).await).contains("STARGIFT_INVALID"));
}
