//! The OpenAPI document of `/api/v1`, generated from the routes' annotations and the views'
//! types, served at `/api/v1/openapi.json` (without a token: it holds no data).

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::errors::{ErrorBody, ErrorDetail};
use super::views::{
    AssigneeBody, AuditPage, AuditView, CloseBody, CustomerPage, CustomerView, DeliveryView,
    EmptyBody, FieldsBody, MemberView, MessageBody, PriorityBody, TagsBody, TicketPage, TicketView,
    WriteResult,
};
use super::{messages, reads, writes};

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(title = "threadesk API", description = "Customers and tickets of a threadesk helpdesk. Send `Authorization: Bearer <token>` with a token from `api_tokens`."),
    paths(
        reads::list_customers,
        reads::get_customer,
        reads::customer_tickets,
        reads::list_tickets,
        reads::get_delivery,
        reads::audit,
        messages::send_message,
        writes::close,
        writes::reopen,
        writes::priority,
        writes::tags,
        writes::assignee,
        writes::fields,
    ),
    components(schemas(
        CustomerView, TicketView, MemberView, CustomerPage, TicketPage, WriteResult,
        DeliveryView, AuditView, AuditPage, MessageBody, CloseBody, EmptyBody, PriorityBody,
        TagsBody, AssigneeBody, FieldsBody, ErrorBody, ErrorDetail,
    )),
    modifiers(&BearerToken),
)]
pub struct ApiDoc;

/// Declares the bearer token the routes require.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
