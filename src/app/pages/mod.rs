pub mod plan;
pub mod upcoming;
