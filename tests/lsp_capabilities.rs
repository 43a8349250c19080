//! The capabilities the server advertises, as a reviewed snapshot: a change to what the
//! server offers shows up here, beside the features' own tests.

mod common;

use common::TestClient;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn initialize_advertises_what_is_implemented() {
    // A client that pulls diagnostics and re-pulls when asked: everything is offered.
    let (client, result) = TestClient::initialized(json!({"capabilities": {
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    }}))
    .await;
    insta::assert_json_snapshot!("initialize_result", result, {".serverInfo.version" => "[version]"});
    client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_that_cannot_be_asked_to_pull_again_is_pushed_its_diagnostics() {
    // Neovim 0.12 pulls, but only after its own edits: a finding that another note's edit
    // changes would stay stale, so it is not offered pull diagnostics at all.
    for capabilities in [
        json!({}),
        json!({"textDocument": {"diagnostic": {}}}),
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": false}}}),
    ] {
        let (client, result) =
            TestClient::initialized(json!({ "capabilities": capabilities })).await;
        assert!(
            result["capabilities"].get("diagnosticProvider").is_none(),
            "{capabilities}: {result}"
        );
        client.shutdown_and_exit().await;
    }
}
