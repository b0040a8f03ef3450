//! The validation of calls and values against the reference.

use serde_json::json;

use super::*;

fn call(method: &str, params: Value) -> Result<Map<String, Value>, ApiError> {
    call_with(method, params, Strictness::Strict)
}

fn call_with(
    method: &str,
    params: Value,
    strictness: Strictness,
) -> Result<Map<String, Value>, ApiError> {
    let spec = Spec::get();
    let method = spec.method(method).expect("method exists");
    let Value::Object(map) = params else {
        panic!("params must be an object")
    };
    let input = map.into_iter().map(|(k, v)| (k, Input::Json(v))).collect();
    spec.validate_call(method, input, strictness)
}

fn description(result: Result<Map<String, Value>, ApiError>) -> String {
    result.expect_err("the call must be refused").description
}

#[test]
fn methods_are_found_case_insensitively_and_by_legacy_alias() {
    let spec = Spec::get();
    assert_eq!(
        spec.method("SendMessage").map(|m| m.name.as_str()),
        Some("sendMessage")
    );
    assert_eq!(
        spec.method("GETUPDATES").map(|m| m.name.as_str()),
        Some("getUpdates")
    );
    assert_eq!(
        spec.method("kickChatMember").map(|m| m.name.as_str()),
        Some("banChatMember")
    );
    assert!(spec.method("sendTelepathy").is_none());
    assert_eq!(spec.version(), "Bot API 10.1");
}

#[test]
fn a_well_formed_call_passes_and_is_normalised() {
    let params = call(
        "sendMessage",
        json!({"chat_id": "42", "text": "hi", "reply_markup": "{\"inline_keyboard\":[[{\"text\":\"a\",\"callback_data\":\"b\"}]]}"}),
    )
    .expect("valid");
    assert_eq!(params["chat_id"], json!(42));
    assert_eq!(
        params["reply_markup"]["inline_keyboard"][0][0]["text"],
        json!("a")
    );
}

#[test]
fn a_missing_required_parameter_is_named() {
    let error = description(call("banChatMember", json!({"chat_id": -1001})));
    assert_eq!(error, "Bad Request: parameter \"user_id\" is required");
    let error = description(call("sendMessage", json!({"chat_id": 1})));
    assert_eq!(error, "Bad Request: message text is empty");
}

#[test]
fn an_unknown_parameter_is_named() {
    let error = description(call("sendDice", json!({"chat_id": 1, "colour": "red"})));
    assert_eq!(error, "Bad Request: unknown parameter \"colour\"");
}

#[test]
fn the_lenient_mode_leaves_unknown_parameters_and_fields_out_as_telegram_does() {
    let params = call_with(
        "sendMessage",
        json!({"chat_id": 1, "text": "hi", "colour": "red",
               "reply_parameters": {"message_id": 3, "colour": "red"}}),
        Strictness::Lenient,
    )
    .expect("accepted");
    assert_eq!(
        Value::Object(params),
        json!({"chat_id": 1, "text": "hi", "reply_parameters": {"message_id": 3}})
    );
    let error = description(call_with(
        "sendMessage",
        json!({"chat_id": 1, "text": 5, "colour": "red"}),
        Strictness::Lenient,
    ));
    assert_eq!(
        error,
        "Bad Request: parameter \"text\" must be of type String"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_named() {
    let error = description(call("setChatTitle", json!({"chat_id": 1, "title": 5})));
    assert_eq!(
        error,
        "Bad Request: parameter \"title\" must be of type String"
    );
    let error = description(call("sendMessage", json!({"chat_id": 1.5, "text": "x"})));
    assert_eq!(
        error,
        "Bad Request: parameter \"chat_id\" must be of type Integer or String"
    );
}

#[test]
fn nested_objects_are_checked_field_by_field() {
    let error = description(call(
        "sendMessage",
        json!({"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": 7, "callback_data": "b"}]]}}),
    ));
    assert_eq!(
        error,
        "Bad Request: field \"reply_markup.inline_keyboard[0][0].text\" must be of type String"
    );
    let error = description(call(
        "sendMessage",
        json!({"chat_id": 1, "text": "x", "reply_parameters": {"message_id": 1, "colour": 2}}),
    ));
    assert_eq!(
        error,
        "Bad Request: unknown field \"reply_parameters.colour\""
    );
}

#[test]
fn abstract_types_are_resolved_by_their_discriminator() {
    call(
        "setMyCommands",
        json!({"commands": [], "scope": {"type": "chat", "chat_id": 5}}),
    )
    .expect("chat scope is valid");
    let error = description(call(
        "setMyCommands",
        json!({"commands": [], "scope": {"type": "chat"}}),
    ));
    assert_eq!(error, "Bad Request: field \"scope.chat_id\" is required");
    let error = description(call(
        "setMyCommands",
        json!({"commands": [], "scope": {"type": "everyone"}}),
    ));
    assert_eq!(
        error,
        "Bad Request: field \"scope.type\" has unsupported value \"everyone\""
    );
}

#[test]
fn inline_results_sharing_a_discriminator_try_each_alternative() {
    call(
        "answerInlineQuery",
        json!({"inline_query_id": "1", "results": [
            {"type": "audio", "id": "a", "audio_file_id": "f"},
            {"type": "audio", "id": "b", "audio_url": "https://x/y.mp3", "title": "t"},
            {"type": "article", "id": "c", "title": "t", "input_message_content": {"message_text": "hi"}}
        ]}),
    )
    .expect("cached and uncached audio results are both valid");
}

#[test]
fn text_values_are_coerced_to_their_declared_types() {
    let spec = Spec::get();
    let method = spec.method("getUpdates").expect("exists");
    let input = vec![
        ("offset".to_owned(), Input::Text("-3".to_owned())),
        ("timeout".to_owned(), Input::Text("0".to_owned())),
        (
            "allowed_updates".to_owned(),
            Input::Text("[\"message\"]".to_owned()),
        ),
    ];
    let params = spec
        .validate_call(method, input, Strictness::Strict)
        .expect("valid");
    assert_eq!(params["offset"], json!(-3));
    assert_eq!(params["allowed_updates"], json!(["message"]));
    let input = vec![("limit".to_owned(), Input::Text("many".to_owned()))];
    let error = spec
        .validate_call(method, input, Strictness::Strict)
        .expect_err("not an integer");
    assert_eq!(
        error.description,
        "Bad Request: parameter \"limit\" must be of type Integer"
    );
}

#[test]
fn file_parts_are_accepted_only_where_an_input_file_is() {
    let spec = Spec::get();
    let method = spec.method("sendPhoto").expect("exists");
    let input = vec![
        ("chat_id".to_owned(), Input::Text("1".to_owned())),
        ("photo".to_owned(), Input::File("photo".to_owned())),
    ];
    let params = spec
        .validate_call(method, input, Strictness::Strict)
        .expect("valid");
    assert_eq!(params["photo"], json!("attach://photo"));
    let input = vec![
        ("chat_id".to_owned(), Input::Text("1".to_owned())),
        ("photo".to_owned(), Input::Text("x".to_owned())),
        ("caption".to_owned(), Input::File("caption".to_owned())),
    ];
    let error = spec
        .validate_call(method, input, Strictness::Strict)
        .expect_err("caption is no file");
    assert_eq!(
        error.description,
        "Bad Request: parameter \"caption\" must be of type String"
    );
}

#[test]
fn legacy_parameters_are_still_understood() {
    call(
        "sendMessage",
        json!({"chat_id": 1, "text": "x", "reply_to_message_id": 3}),
    )
    .expect("reply_to_message_id is still honoured");
    call("sendPoll", json!({"chat_id": 1, "question": "q", "options": [{"text": "a"}, {"text": "b"}], "correct_option_id": 0}))
        .expect("correct_option_id is still honoured");
}

#[test]
fn strict_checks_refuse_coercions() {
    let spec = Spec::get();
    assert!(
        spec.check_value(
            "User",
            &json!({"id": 1, "is_bot": false, "first_name": "A"})
        )
        .is_ok()
    );
    let error = spec.check_value(
        "User",
        &json!({"id": "1", "is_bot": false, "first_name": "A"}),
    );
    assert_eq!(
        error,
        Err("field \"User.id\" must be of type Integer".to_owned())
    );
}
