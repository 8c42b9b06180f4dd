pub mod edit;
pub mod plan;
pub mod upcoming;
