//! The Vietnamese network space (queries in `sql/network.rs` and `sql/network_space.rs`).

use crate::network_model::*;
use crate::{Created, OnceKey};
use crate::{Store, StoreError};
use domain::network::Viewer;
use domain::network::board::{BoardTopic, THREADS_PER_PAGE};
use domain::network::invitation::Answer;
use domain::{Actor, CityId, EventId, Language, UserId};

impl Store {
    /// Records a sign-up link for a city's focal point; returns its id and the address.
    pub async fn invite_focal_point(
        &self,
        inv: &NewNetworkInvitation,
        actor: &Actor,
    ) -> Result<(i64, String), StoreError> {
        dispatch!(self, network::invite_focal_point(&self.ctx, inv, actor))
    }

    pub async fn network_invitation(
        &self,
        token_hash: &str,
    ) -> Result<Option<NetworkInvitation>, StoreError> {
        dispatch!(self, network::network_invitation(token_hash))
    }

    /// Makes the account a sign-up link invites to (once, before it expires).
    pub async fn accept_network_invitation(
        &self,
        token_hash: &str,
        login: &str,
        password_hash: &str,
        language: Language,
    ) -> Result<UserId, StoreError> {
        dispatch!(
            self,
            network::accept_invitation(&self.ctx, token_hash, login, password_hash, language)
        )
    }

    pub async fn network_members(&self) -> Result<Vec<NetworkMember>, StoreError> {
        dispatch!(self, network::network_members())
    }

    pub async fn share_event_with_network(
        &self,
        event: EventId,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(self, network_space::share_event(&self.ctx, event, actor))
    }

    pub async fn event_is_shared_with_network(&self, event: EventId) -> Result<bool, StoreError> {
        dispatch!(self, network_space::event_is_shared(event))
    }

    pub async fn add_network_document(
        &self,
        d: &NewNetworkDocument,
        viewer: Viewer,
        user: UserId,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            network_library::add_network_document(&self.ctx, d, viewer, user)
        )
    }

    pub async fn network_documents(
        &self,
        viewer: Viewer,
    ) -> Result<Vec<NetworkDocument>, StoreError> {
        dispatch!(self, network_library::network_documents(viewer))
    }

    pub async fn network_document(&self, id: i64) -> Result<Option<NetworkDocument>, StoreError> {
        dispatch!(self, network_library::network_document(id))
    }

    /// Edits a library entry at the version the form was read at (its author only).
    pub async fn update_network_document(
        &self,
        (id, expected): (i64, i64),
        e: &NetworkDocumentEdit,
        viewer: Viewer,
        user: UserId,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            network_library::update_network_document(&self.ctx, (id, expected), e, viewer, user)
        )
    }

    /// Removes a library entry at the version the confirmation showed (its author only).
    pub async fn remove_network_document(
        &self,
        (id, expected): (i64, i64),
        viewer: Viewer,
        user: UserId,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            network_library::remove_network_document(&self.ctx, (id, expected), viewer, user)
        )
    }

    pub async fn set_network_feed(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
        dispatch!(self, network_space::set_network_feed(&self.ctx, user, hash))
    }

    pub async fn network_feed_user(&self, hash: &str) -> Result<Option<UserId>, StoreError> {
        dispatch!(self, network_space::network_feed_user(hash))
    }

    pub async fn has_network_feed(&self, user: UserId) -> Result<bool, StoreError> {
        dispatch!(self, network_space::has_network_feed(user))
    }
}

/// The message board (`sql/network_board.rs`).
impl Store {
    /// Starts a thread with its first message, as the viewer's city (or Hanoi).
    pub async fn start_network_thread(
        &self,
        (topic, title, body): (BoardTopic, &str, &str),
        viewer: Viewer,
        actor: &Actor,
        once: Option<&OnceKey<'_>>,
    ) -> Result<Created<i64>, StoreError> {
        dispatch!(
            self,
            network_board::start_thread(&self.ctx, (topic, title, body), (viewer, actor), once)
        )
    }

    /// Replies in a thread; says who wrote there before, for the e-mail notice.
    pub async fn reply_in_network_thread(
        &self,
        (thread, body): (i64, &str),
        viewer: Viewer,
        actor: &Actor,
        once: Option<&OnceKey<'_>>,
    ) -> Result<Created<ReplyMade>, StoreError> {
        dispatch!(
            self,
            network_board::reply(&self.ctx, (thread, body), (viewer, actor), once)
        )
    }

    /// A page of the board (`topic` `None`: every topic), latest activity first.
    pub async fn network_board(
        &self,
        topic: Option<BoardTopic>,
        page: i64,
    ) -> Result<BoardPage, StoreError> {
        let topic = topic.map_or("", |t| t.as_str());
        dispatch!(self, network_board::board(topic, page, THREADS_PER_PAGE))
    }

    pub async fn network_thread(
        &self,
        id: i64,
    ) -> Result<Option<(NetworkThread, Vec<NetworkPost>)>, StoreError> {
        dispatch!(self, network_board::thread(id))
    }
}

/// The shared calendar's events and the invitations between cities (`sql/network_events.rs`).
impl Store {
    /// Posts an event as the viewer's city (or Hanoi), without invitations.
    pub async fn post_network_event(
        &self,
        e: &NetworkEventInput,
        viewer: Viewer,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        match self
            .post_network_event_inviting(e, &[], viewer, actor, None)
            .await?
        {
            Created::New(made) => Ok(made.event),
            // Without a once-key nothing is claimed: an earlier submit cannot be found.
            Created::Earlier(path) => Err(StoreError::Invalid(path)),
        }
    }

    /// Posts an event and invites `cities` to it, in one transaction.
    pub async fn post_network_event_inviting(
        &self,
        e: &NetworkEventInput,
        cities: &[CityId],
        viewer: Viewer,
        actor: &Actor,
        once: Option<&OnceKey<'_>>,
    ) -> Result<Created<InvitesMade>, StoreError> {
        dispatch!(
            self,
            network_events::post_event(&self.ctx, (e, cities), (viewer, actor), once)
        )
    }

    /// The shared calendar's events starting in `[from, to)` ('yyyy-mm-dd').
    pub async fn network_events(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<NetworkEvent>, StoreError> {
        dispatch!(self, network_events::network_events(from, to))
    }

    pub async fn network_event(&self, id: i64) -> Result<Option<NetworkEvent>, StoreError> {
        dispatch!(self, network_events::network_event(id))
    }

    /// Edits an event posted on the calendar if `expected` is still its version; returns
    /// the new version.
    pub async fn edit_network_event(
        &self,
        id: i64,
        expected: i64,
        e: &NetworkEventInput,
        viewer: Viewer,
        user: UserId,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            network_events::edit_event(&self.ctx, (id, expected), e, viewer, user)
        )
    }

    /// Removes an event from the calendar with its invitations.
    pub async fn remove_network_event(
        &self,
        id: i64,
        expected: i64,
        viewer: Viewer,
        user: UserId,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            network_events::remove_event(&self.ctx, (id, expected), viewer, user)
        )
    }

    /// Invites cities to an event (its author only).
    pub async fn invite_to_network_event(
        &self,
        id: i64,
        cities: &[CityId],
        viewer: Viewer,
        actor: &Actor,
        once: Option<&OnceKey<'_>>,
    ) -> Result<Created<InvitesMade>, StoreError> {
        dispatch!(
            self,
            network_events::invite(&self.ctx, (id, cities), (viewer, actor), once)
        )
    }

    /// The viewer's city answers its invitation to an event.
    pub async fn answer_network_invitation(
        &self,
        id: i64,
        answer: Answer,
        note: &str,
        viewer: Viewer,
        user: UserId,
    ) -> Result<AnswerMade, StoreError> {
        dispatch!(
            self,
            network_events::answer(&self.ctx, id, (answer, note), viewer, user)
        )
    }

    pub async fn network_event_invitations(
        &self,
        id: i64,
    ) -> Result<Vec<EventInvitation>, StoreError> {
        dispatch!(self, network_events::invitations(id))
    }

    /// The events `city` is invited to and has not answered, ending `today` or later.
    pub async fn pending_network_invitations(
        &self,
        city: CityId,
        today: &str,
    ) -> Result<Vec<NetworkEvent>, StoreError> {
        dispatch!(self, network_events::pending_invitations(city, today))
    }
}
