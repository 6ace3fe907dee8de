//! Media works (issue 18). Writes check `domain::media` rules in their transaction; a
//! refusal is [`StoreError::Media`], a stale version [`StoreError::Conflict`] (queries in
//! `sql/media.rs` and `sql/media_read.rs`).

use super::once::made;
use crate::media_model::*;
use crate::model::{Created, OnceKey};
use crate::{Store, StoreError};
use domain::media::{MediaFileId, MediaStage, MediaWorkId};

impl Store {
    /// Records a work with its stage plans and countable record, in one transaction.
    pub async fn create_media_work(
        &self,
        input: &MediaInput,
        actor: &domain::Actor,
    ) -> Result<MediaWorkId, StoreError> {
        self.create_media_work_once(input, None, actor)
            .await
            .and_then(made)
    }

    /// [`Store::create_media_work`] from a form with a once-token: a second submit
    /// creates nothing and returns the path the first recorded.
    pub async fn create_media_work_once(
        &self,
        input: &MediaInput,
        once: Option<&OnceKey<'_>>,
        actor: &domain::Actor,
    ) -> Result<Created<MediaWorkId>, StoreError> {
        self.prune_before(once).await;
        dispatch!(
            self,
            media::create_media_work(&self.ctx, input, once, actor)
        )
    }

    /// Edits a work (not its stage); returns the new version.
    pub async fn update_media_work(
        &self,
        id: MediaWorkId,
        expected_version: i64,
        input: &MediaInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            media::update_media_work(&self.ctx, id, expected_version, input, actor)
        )
    }

    /// Moves a work one stage along đề cương → … → đã phát hành (or back one); publishing
    /// takes the publication date. The countable record and the item's status follow in
    /// the same transaction.
    pub async fn move_media_stage(
        &self,
        id: MediaWorkId,
        expected_version: i64,
        to: MediaStage,
        published_on: Option<chrono::NaiveDate>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            media::move_media_stage(&self.ctx, id, expected_version, to, published_on, actor)
        )
    }

    /// Records files (already stored) under a stage of the work.
    pub async fn add_media_files(
        &self,
        id: MediaWorkId,
        stage: MediaStage,
        files: &[NewMediaFile],
        actor: &domain::Actor,
    ) -> Result<Vec<MediaFileId>, StoreError> {
        dispatch!(
            self,
            media::add_media_files(&self.ctx, id, stage, files, actor)
        )
    }

    /// The work with its stage plans and files.
    pub async fn media_work(&self, id: MediaWorkId) -> Result<Option<MediaWork>, StoreError> {
        dispatch!(self, media_read::media_work(id))
    }

    /// A file and the unit whose work holds it.
    pub async fn media_file(
        &self,
        id: MediaFileId,
    ) -> Result<Option<(MediaFile, domain::UnitId)>, StoreError> {
        dispatch!(self, media_read::media_file(id))
    }

    /// Works, newest first (without stage plans and files).
    pub async fn list_media_works(
        &self,
        filter: &MediaFilter,
    ) -> Result<Vec<MediaWork>, StoreError> {
        // The item page's box asks for one item's works on every view.
        let key = format!("{filter:?}");
        self.memo("list_media_works", 0, &key, async {
            dispatch!(self, media_read::list_media_works(filter))
        })
        .await
    }
}
