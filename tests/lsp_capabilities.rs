//! The capabilities the server advertises, as a reviewed snapshot: a change to what the
//! server offers shows up here, beside the features' own tests.

mod common;

use common::TestClient;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn initialize_advertises_what_is_implemented() {
    let (client, result) = TestClient::initialized(json!({"capabilities": {}})).await;
    insta::assert_json_snapshot!("initialize_result", result, {".serverInfo.version" => "[version]"});
    client.shutdown_and_exit().await;
}
