//! The DynamoDB (AWS JSON 1.0) and SQS (AWS JSON 1.0, `@awsQueryCompatible`) crates, generated
//! from the official models, against a server on 127.0.0.1: the target header, content type and
//! body of each request, its SigV4 signature recomputed here, and the responses read back.

#[path = "../../codegen/tests/support/mod.rs"]
mod support;

use std::collections::HashMap;

use support::{expected_signature, parse_authorization, Received, Reply, Server};

const SECRET: &str = "service-test-secret";

fn config(url: &str) -> dynamodb::Config {
    dynamodb::Config::builder()
        .region("eu-west-1")
        .credentials(dynamodb::Credentials::new("AKIDTEST", SECRET, None))
        .endpoint_url(url)
        .build()
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(body)))
}

/// What every AWS JSON request is: `POST /`, the operation in `X-Amz-Target`, the protocol's
/// content type, signed for `service` with a signature that checks out.
fn check_rpc(request: &Received, target: &str, service: &str) {
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/"));
    assert_eq!(request.headers["x-amz-target"], target);
    assert_eq!(request.headers["content-type"], "application/x-amz-json-1.0");
    assert_eq!(request.headers["content-length"], request.body.len().to_string());
    let authorization = parse_authorization(&request.headers["authorization"]);
    assert_eq!(authorization.scope.split('/').skip(1).collect::<Vec<_>>(), ["eu-west-1", service, "aws4_request"]);
    for signed in ["host", "x-amz-date", "x-amz-target", "content-type"] {
        assert!(authorization.signed_headers.iter().any(|name| name == signed), "{signed} is not signed");
    }
    assert_eq!(authorization.signature, expected_signature(request, SECRET));
}

/// DynamoDB: `PutItem` then `GetItem`, items of the recursive `AttributeValue` union both ways.
#[tokio::test]
async fn dynamodb_put_and_get_an_item() {
    use dynamodb::types::AttributeValue;
    let stored = r#"{"Item":{"id":{"S":"robot-7"},"size":{"N":"42"},"tags":{"SS":["a","b"]},"parts":{"L":[{"M":{"arm":{"BOOL":true}}},{"NULL":true}]},"blob":{"B":"AQID"}}}"#;
    let server = Server::start(vec![Reply::new(200, "{}"), Reply::new(200, stored)]).await;
    let client = dynamodb::Client::new(&config(&server.url));
    let item = HashMap::from([
        ("id".to_owned(), AttributeValue::S("robot-7".into())),
        ("size".to_owned(), AttributeValue::N("42".into())),
        (
            "parts".to_owned(),
            AttributeValue::L(vec![AttributeValue::M(HashMap::from([("arm".to_owned(), AttributeValue::Bool(true))]))]),
        ),
    ]);
    client
        .put_item()
        .table_name("Robots")
        .item(item)
        .condition_expression("attribute_not_exists(id)")
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let output = client
        .get_item()
        .table_name("Robots")
        .key(HashMap::from([("id".to_owned(), AttributeValue::S("robot-7".into()))]))
        .consistent_read(true)
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let received = server.received();
    check_rpc(&received[0], "DynamoDB_20120810.PutItem", "dynamodb");
    assert_eq!(
        json(&received[0].body),
        serde_json::json!({
            "TableName": "Robots",
            "Item": {"id": {"S": "robot-7"}, "size": {"N": "42"}, "parts": {"L": [{"M": {"arm": {"BOOL": true}}}]}},
            "ConditionExpression": "attribute_not_exists(id)"
        })
    );
    check_rpc(&received[1], "DynamoDB_20120810.GetItem", "dynamodb");
    assert_eq!(
        json(&received[1].body),
        serde_json::json!({"TableName": "Robots", "Key": {"id": {"S": "robot-7"}}, "ConsistentRead": true})
    );
    let item = output.item().unwrap_or_else(|| panic!("an item was sent"));
    assert_eq!(item["id"], AttributeValue::S("robot-7".into()));
    assert_eq!(item["size"].as_n().map(String::as_str), Some("42"));
    assert_eq!(item["tags"], AttributeValue::Ss(vec!["a".into(), "b".into()]));
    let AttributeValue::L(parts) = &item["parts"] else { panic!("parts is a list: {:?}", item["parts"]) };
    assert_eq!(parts[1], AttributeValue::Null(true));
    assert_eq!(item["blob"].as_b().map(|blob| blob.as_ref().to_vec()), Some(vec![1, 2, 3]));
}

/// DynamoDB: `Query` followed page by page, the map `LastEvaluatedKey` sent back as
/// `ExclusiveStartKey`; a modeled error on the way reads as its variant.
#[tokio::test]
async fn dynamodb_query_paginator_follows_the_last_evaluated_key() {
    use dynamodb::types::AttributeValue;
    let server = Server::start(vec![
        Reply::new(200, r#"{"Items":[{"id":{"S":"1"}}],"Count":1,"LastEvaluatedKey":{"id":{"S":"1"}}}"#),
        Reply::new(200, r#"{"Items":[{"id":{"S":"2"}},{"id":{"S":"3"}}],"Count":2}"#),
        Reply::new(
            400,
            r#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"}"#,
        ),
    ])
    .await;
    let client = dynamodb::Client::new(&config(&server.url));
    let query = || {
        client
            .query()
            .table_name("Robots")
            .key_condition_expression("kind = :k")
            .expression_attribute_values(HashMap::from([(":k".to_owned(), AttributeValue::S("arm".into()))]))
            .limit(2)
    };
    let items = query().into_items().collect().await.unwrap_or_else(|err| panic!("{err}"));
    let ids: Vec<&str> = items.iter().filter_map(|item| item["id"].as_s().map(String::as_str)).collect();
    assert_eq!(ids, ["1", "2", "3"]);

    let received = server.received();
    for request in &received[..2] {
        check_rpc(request, "DynamoDB_20120810.Query", "dynamodb");
    }
    assert_eq!(json(&received[0].body).get("ExclusiveStartKey"), None);
    assert_eq!(json(&received[1].body)["ExclusiveStartKey"], serde_json::json!({"id": {"S": "1"}}));
    assert_eq!(json(&received[1].body)["Limit"], 2);

    let err = query().send().await.err().unwrap_or_else(|| panic!("expected an error"));
    let service_error = err.service_error().unwrap_or_else(|| panic!("a service error: {err}"));
    assert!(service_error.is_resource_not_found_exception(), "{service_error:?}");
    assert_eq!(err.to_string(), "Query failed: ResourceNotFoundException: no table (HTTP 400)");
}

/// SQS: `SendMessage` says `x-amzn-query-mode: true`; an error is named by the awsQuery code of
/// `x-amzn-query-error` and keeps it as its code.
#[tokio::test]
async fn sqs_send_message_and_a_query_compatible_error() {
    let server = Server::start(vec![
        Reply::new(200, r#"{"MD5OfMessageBody":"49f68a5c8493ec2c0bf489821c21fc3b","MessageId":"m-1"}"#),
        Reply::new(
            400,
            r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#,
        )
        .header("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"),
    ])
    .await;
    let client = sqs::Client::new(&config(&server.url));
    let send = || client.send_message().queue_url("https://sqs.eu-west-1.amazonaws.com/1/q").message_body("hi");
    let output = send().delay_seconds(5).send().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.message_id(), Some("m-1"));
    let request = &server.received()[0];
    check_rpc(request, "AmazonSQS.SendMessage", "sqs");
    assert_eq!(request.headers["x-amzn-query-mode"], "true");
    assert_eq!(
        json(&request.body),
        serde_json::json!({"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/1/q", "MessageBody": "hi", "DelaySeconds": 5})
    );

    let err = send().send().await.err().unwrap_or_else(|| panic!("expected an error"));
    let service_error = err.service_error().unwrap_or_else(|| panic!("a service error: {err}"));
    assert!(service_error.is_queue_does_not_exist(), "{service_error:?}");
    assert_eq!(service_error.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(service_error.message(), Some("The specified queue does not exist."));
}
