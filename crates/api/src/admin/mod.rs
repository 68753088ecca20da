//! Administration (admin role): people's accounts and regional API clients.

mod api_clients;
mod jobs;
mod users;

pub use api_clients::{
    create_api_client, deactivate_api_client, list_api_clients, reactivate_api_client,
    ApiClientView, NewApiClient, NewApiClientResponse,
};
pub use jobs::{list_jobs, list_outbox, JobRunView, JobView, OutboxMessageView, OutboxPage};
pub use users::{
    create_user, deactivate_user, list_users, reactivate_user, NewUserRequest, UserView,
};
