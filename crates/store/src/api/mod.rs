//! The [`Store`](crate::Store) API, one file per aggregate. Each method is one
//! `dispatch!` to the query of the same name in `sql/`, or a few of them composed.

mod accounts;
mod audit;
mod backup;
mod budget;
mod candidacies;
mod cities;
mod delegations;
mod department;
mod directions;
mod escalations;
mod evaluations;
mod event_prep;
mod events;
mod feeds;
mod import;
mod item_list;
mod item_tree;
mod items;
mod media;
mod my_work;
mod network;
mod once;
mod people;
mod plan_drafts;
mod plans;
mod progress;
mod publishing;
mod reminders;
mod report_reviews;
mod reports;
mod search;
mod sessions;
mod synthetic;
mod targets;
mod units;
