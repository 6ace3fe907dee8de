//! The Vietnamese network space's records (issue 19, part 2; `sql/network*.rs`).

use domain::network::Audience;
use domain::{CityId, EventId, PersonId, UserId};
use serde::Serialize;

/// A focal point the Board invites: the person (a contact of the city) and where the link
/// goes. The token itself never reaches the store, only its SHA-256.
#[derive(Debug, Clone)]
pub struct NewNetworkInvitation {
    pub city: CityId,
    pub person: PersonId,
    pub token_hash: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// An invitation as its sign-up page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkInvitation {
    pub id: i64,
    pub city: CityId,
    pub city_name: String,
    pub person: PersonId,
    pub person_name: String,
    pub email: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub user: Option<UserId>,
    pub created_at: i64,
}

/// A city of the network space with its people there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkMember {
    pub city: CityId,
    pub name: String,
    pub status: domain::CityStatus,
    /// Focal points (contacts with the role focal point): person, name, e-mail.
    pub focal_points: Vec<(PersonId, String, String)>,
    /// Accounts: login, display name.
    pub accounts: Vec<(String, String)>,
    /// Invitations not used yet, the newest per person (it may have expired).
    pub pending: Vec<NetworkInvitation>,
}

/// An event of the shared calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkEvent {
    pub id: i64,
    /// A Hanoi event shared with the network.
    pub event: Option<EventId>,
    /// The city that posted it (`None`: Hanoi).
    pub city: Option<CityId>,
    pub city_name: String,
    pub title: String,
    /// 'yyyy-mm-ddThh:mm', wall clock in `zone`.
    pub start_local: String,
    pub end_local: String,
    pub zone: String,
    pub place: String,
    pub notes: String,
    pub created_at: i64,
    /// Who posted it (the account's name).
    pub author: String,
    /// Bumped by each edit (a stale form is refused) and the feed's SEQUENCE.
    pub version: i64,
    pub updated_at: Option<i64>,
    /// Cities invited, and how many accepted and declined.
    pub invited: i64,
    pub accepted: i64,
    pub declined: i64,
}

/// A city invited to an event of the calendar, and its answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventInvitation {
    pub id: i64,
    pub event: i64,
    pub city: CityId,
    pub city_name: String,
    pub answer: domain::network::invitation::Answer,
    pub note: String,
    pub invited_at: i64,
    /// The account that answered (its name), empty while pending.
    pub responded_by: String,
    pub responded_at: Option<i64>,
}

/// Invitations just sent: the event's title and, per city invited, its network accounts'
/// addresses (for the e-mail).
#[derive(Debug, Clone, PartialEq)]
pub struct InvitesMade {
    pub event: i64,
    pub title: String,
    pub cities: Vec<(CityId, String, Vec<String>)>,
}

/// An answer recorded: the event's title, the answering city and the inviting city's
/// accounts' addresses (none for Hanoi's events).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerMade {
    pub title: String,
    pub city_name: String,
    pub inviter: Vec<String>,
}

/// An event a city or Hanoi posts on the calendar (checked by `domain::network`).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkEventInput {
    pub title: String,
    pub start_local: chrono::NaiveDateTime,
    pub end_local: chrono::NaiveDateTime,
    pub place: String,
    pub notes: String,
}

/// A document or a good practice of the shared library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkDocument {
    pub id: i64,
    pub city: Option<CityId>,
    pub city_name: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub audience: Audience,
    pub size: i64,
    pub mime: String,
    pub original_name: String,
    pub stored_path: String,
    pub created_at: i64,
    /// Bumped by each edit (a stale form is refused).
    pub version: i64,
    pub updated_at: Option<i64>,
}

/// What an edit of a library entry changes (its file stays).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkDocumentEdit {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub audience: Audience,
}

/// A new library entry with its stored file.
#[derive(Debug, Clone)]
pub struct NewNetworkDocument {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub audience: Audience,
    pub file: crate::NewDirectionFile,
}

/// A thread of the message board, as its list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkThread {
    pub id: i64,
    pub topic: domain::network::board::BoardTopic,
    pub title: String,
    /// The city that started it (`None`: Hanoi).
    pub city: Option<CityId>,
    pub city_name: String,
    pub author: String,
    pub created_at: i64,
    pub last_post_at: i64,
    pub replies: i64,
}

/// One message of a thread (its first one included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkPost {
    pub id: i64,
    pub city: Option<CityId>,
    pub city_name: String,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

/// A page of the board: its threads, newest activity first, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoardPage {
    pub threads: Vec<NetworkThread>,
    pub total: i64,
}

/// A reply recorded: the thread's title, and who wrote in it before (account, e-mail), for
/// `domain::network::board::reply_recipients`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyMade {
    pub post: i64,
    pub title: String,
    pub writers: Vec<(UserId, String)>,
}
