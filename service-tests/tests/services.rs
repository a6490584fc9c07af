//! The SSO, IoT Jobs data plane and RDS Data crates, generated from the official models, against
//! a server on 127.0.0.1: at least one operation per binding kind, the exact request (method,
//! path, query, headers, body) and the parsed response.

#[path = "../../codegen/tests/support/mod.rs"]
mod support;

use support::{expected_signature, parse_authorization, Reply, Server};

const SECRET: &str = "service-test-secret";

/// One configuration for every service's client: the crates share the runtime's `Config`.
fn config(url: &str) -> sso::Config {
    sso::Config::builder()
        .region("us-west-2")
        .credentials(sso::Credentials::new("AKIDTEST", SECRET, None))
        .endpoint_url(url)
        .build()
}

/// SSO: query parameters and a header, and no signature (`@auth([])`).
#[tokio::test]
async fn sso_query_and_header_bindings_unsigned() {
    let body = r#"{"roleCredentials":{"accessKeyId":"AK","secretAccessKey":"SK","sessionToken":"ST","expiration":1700000000000}}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let client = sso::Client::new(&config(&server.url));
    let output = client
        .get_role_credentials()
        .role_name("Admin Role")
        .account_id("123456789012")
        .access_token("bearer-token")
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/federation/credentials?role_name=Admin%20Role&account_id=123456789012");
    assert_eq!(request.headers["x-amz-sso_bearer_token"], "bearer-token");
    assert!(!request.headers.contains_key("authorization"), "SSO portal calls are not signed");
    assert!(request.body.is_empty());
    let credentials = output.role_credentials().unwrap_or_else(|| panic!("credentials were sent"));
    assert_eq!(credentials.access_key_id(), Some("AK"));
    assert_eq!(credentials.expiration(), 1_700_000_000_000);
    // @sensitive members stay out of Debug.
    let shown = format!("{credentials:?}");
    assert!(!shown.contains("SK") && !shown.contains("\"ST\""), "{shown}");
}

/// SSO: a paginated operation, followed across pages.
#[tokio::test]
async fn sso_paginator_follows_next_token() {
    let server = Server::start(vec![
        Reply::new(200, r#"{"nextToken":"p2","accountList":[{"accountId":"1"}]}"#),
        Reply::new(200, r#"{"accountList":[{"accountId":"2"},{"accountId":"3"}]}"#),
    ])
    .await;
    let client = sso::Client::new(&config(&server.url));
    let accounts = client.list_accounts().access_token("t").max_results(1).into_items().collect().await;
    let accounts = accounts.unwrap_or_else(|err| panic!("{err}"));
    let ids: Vec<&str> = accounts.iter().filter_map(|account| account.account_id()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    let paths: Vec<String> = server.received().into_iter().map(|request| request.path).collect();
    assert_eq!(paths, ["/assignment/accounts?max_result=1", "/assignment/accounts?next_token=p2&max_result=1"]);
}

/// IoT Jobs: path labels and query parameters, signed.
#[tokio::test]
async fn iot_jobs_labels_and_query() {
    let body = r#"{"execution":{"jobId":"job-1","thingName":"robot:7","status":"IN_PROGRESS","queuedAt":1700000000,"lastUpdatedAt":1700000100,"versionNumber":3,"statusDetails":{"step":"2"}}}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let client = iotjobsdataplane::Client::new(&config(&server.url));
    let output = client
        .describe_job_execution()
        .thing_name("robot:7")
        .job_id("job-1")
        .include_job_document(true)
        .execution_number(2)
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/things/robot%3A7/jobs/job-1?includeJobDocument=true&executionNumber=2");
    assert!(request.body.is_empty());
    let authorization = parse_authorization(&request.headers["authorization"]);
    assert!(authorization.scope.ends_with("/us-west-2/iot-jobs-data/aws4_request"), "{}", authorization.scope);
    assert_eq!(authorization.signature, expected_signature(request, SECRET));
    let execution = output.execution().unwrap_or_else(|| panic!("execution was sent"));
    assert_eq!((execution.job_id(), execution.thing_name()), (Some("job-1"), Some("robot:7")));
    assert_eq!(execution.status().map(|status| status.as_str()), Some("IN_PROGRESS"));
    assert_eq!(execution.status_details().and_then(|details| details.get("step")).map(String::as_str), Some("2"));
}

/// IoT Jobs: labels plus a JSON body, and a modeled error.
#[tokio::test]
async fn iot_jobs_labels_and_body_and_errors() {
    let server = Server::start(vec![
        Reply::new(200, r#"{"executionState":{"status":"SUCCEEDED","versionNumber":4},"jobDocument":"{}"}"#),
        Reply::new(409, r#"{"message":"version mismatch"}"#)
            .header("x-amzn-errortype", "InvalidStateTransitionException"),
    ])
    .await;
    let client = iotjobsdataplane::Client::new(&config(&server.url));
    let update = || {
        client
            .update_job_execution()
            .thing_name("t")
            .job_id("j")
            .status(iotjobsdataplane::types::JobExecutionStatus::Succeeded)
            .expected_version(3)
    };
    let output = update().send().await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(output.job_document(), Some("{}"));
    let request = &server.received()[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/things/t/jobs/j"));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(body, serde_json::json!({"status": "SUCCEEDED", "expectedVersion": 3}));

    let err = update().send().await.err().unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        err.to_string(),
        "UpdateJobExecution failed: InvalidStateTransitionException: version mismatch (HTTP 409)"
    );
}

/// RDS Data: a JSON body with unions and blobs on both sides.
#[tokio::test]
async fn rds_data_unions_and_blobs_in_the_body() {
    use rdsdata::types::{Field, SqlParameter};
    let body = r#"{"records":[[{"longValue":1},{"stringValue":"a"},{"isNull":true},{"blobValue":"AQID"},{"arrayValue":{"longValues":[1,2]}}]],"numberOfRecordsUpdated":0}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let client = rdsdata::Client::new(&config(&server.url));
    let parameter = SqlParameter::builder().name("id").value(Field::LongValue(7)).build();
    let blob =
        SqlParameter::builder().name("data").value(Field::BlobValue(rdsdata::primitives::Blob::from("hi"))).build();
    let output = client
        .execute_statement()
        .resource_arn("arn:aws:rds:us-west-2:123456789012:cluster:c")
        .secret_arn("arn:aws:secretsmanager:us-west-2:123456789012:secret:s")
        .sql("select * from t where id = :id")
        .parameters(vec![parameter, blob])
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let request = &server.received()[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/Execute"));
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        sent,
        serde_json::json!({
            "resourceArn": "arn:aws:rds:us-west-2:123456789012:cluster:c",
            "secretArn": "arn:aws:secretsmanager:us-west-2:123456789012:secret:s",
            "sql": "select * from t where id = :id",
            "parameters": [{"name": "id", "value": {"longValue": 7}}, {"name": "data", "value": {"blobValue": "aGk="}}]
        })
    );
    let record = &output.records()[0];
    assert_eq!(record[0], Field::LongValue(1));
    assert_eq!(record[1], Field::StringValue("a".into()));
    assert_eq!(record[2], Field::IsNull(true));
    assert_eq!(record[3].as_blob_value().map(|blob| blob.as_ref().to_vec()), Some(vec![1, 2, 3]));
    assert!(record[4].as_array_value().is_some());
}

/// RDS Data: doubles in union members, alone and in arrays, keep NaN and the infinities, which
/// restJson1 sends as strings, both ways.
#[tokio::test]
async fn rds_data_doubles_keep_nan_and_infinities() {
    use rdsdata::types::{ArrayValue, Field, SqlParameter};
    let body = r#"{"records":[[{"doubleValue":"NaN"},{"arrayValue":{"doubleValues":[1.5,"Infinity","-Infinity"]}}]]}"#;
    let server = Server::start(vec![Reply::new(200, body)]).await;
    let client = rdsdata::Client::new(&config(&server.url));
    let parameter = SqlParameter::builder().name("x").value(Field::DoubleValue(f64::NEG_INFINITY)).build();
    let output = client
        .execute_statement()
        .resource_arn("arn:aws:rds:us-west-2:123456789012:cluster:c")
        .secret_arn("arn:aws:secretsmanager:us-west-2:123456789012:secret:s")
        .sql("select :x")
        .parameters(vec![parameter])
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let sent: serde_json::Value =
        serde_json::from_slice(&server.received()[0].body).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(sent["parameters"], serde_json::json!([{"name": "x", "value": {"doubleValue": "-Infinity"}}]));
    let record = &output.records()[0];
    assert!(record[0].as_double_value().is_some_and(|value| value.is_nan()));
    let doubles = record[1].as_array_value().and_then(ArrayValue::as_double_values).cloned().unwrap_or_default();
    assert_eq!(doubles, [1.5, f64::INFINITY, f64::NEG_INFINITY]);
}

/// One configuration loaded once makes the clients of all three services, each signing with its
/// own name, as `aws_config::load_from_env()` once and `Client::new(&config)` per service do
/// with aws-sdk-rust.
#[tokio::test]
async fn one_configuration_serves_every_service() {
    let server = Server::start(vec![
        Reply::new(200, r#"{"accountList":[]}"#),
        Reply::new(200, r#"{"execution":{"jobId":"j"}}"#),
        Reply::new(200, r#"{"transactionId":"t"}"#),
    ])
    .await;
    let shared = config(&server.url);
    sso::Client::new(&shared).list_accounts().access_token("t").send().await.unwrap_or_else(|err| panic!("{err}"));
    iotjobsdataplane::Client::new(&shared)
        .describe_job_execution()
        .thing_name("robot")
        .job_id("j")
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    rdsdata::Client::new(&shared)
        .begin_transaction()
        .resource_arn("arn:aws:rds:us-west-2:123456789012:cluster:c")
        .secret_arn("arn:aws:secretsmanager:us-west-2:123456789012:secret:s")
        .send()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let received = server.received();
    let signed_for: Vec<Option<String>> = received
        .iter()
        .map(|request| {
            let authorization = request.headers.get("authorization")?;
            parse_authorization(authorization).scope.split('/').nth(2).map(str::to_owned)
        })
        .collect();
    // SSO's portal calls are not signed; the others sign for their own service.
    assert_eq!(signed_for, [None, Some("iot-jobs-data".to_owned()), Some("rds-data".to_owned())]);
}
