//! Once-tokens of create forms (migration 0011): a create claims its form's token first in
//! its own transaction, and a second submit of the same form finds the row and answers
//! with the path of what the first made (issue 14, finding 7).

use super::{Conn, Pool, R};
use crate::StoreError;
use crate::model::OnceKey;
use domain::Actor;

/// Claims `key`'s token for `actor` inside the creating transaction, before the create
/// reads or writes anything. `None`: claimed, go on and create, then [`fulfil`] in the same
/// transaction; `Some(path)`: an earlier submit of the same form made its thing at `path`.
///
/// `ON CONFLICT DO NOTHING` settles the race. On PostgreSQL the second insert waits for
/// the first transaction: once that commits it inserts nothing and the next statement
/// reads the committed row (READ COMMITTED); if the first rolled back (refused), the
/// second claims the token and is checked the same way. On SQLite the write lock taken at
/// BEGIN orders the two.
pub(crate) async fn claim(
    conn: &mut Conn,
    at: i64,
    key: &OnceKey<'_>,
    actor: &Actor,
) -> R<Option<String>> {
    let claimed = sqlx::query(
        "INSERT INTO once_tokens (token, user_id, action, result, created_at)
         VALUES ($1, $2, $3, '', $4) ON CONFLICT (token) DO NOTHING",
    )
    .bind(key.token.as_str())
    .bind(actor.user_id.0)
    .bind(key.action)
    .bind(at)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if claimed {
        return Ok(None);
    }
    let row: Option<(i64, String, String)> =
        sqlx::query_as("SELECT user_id, action, result FROM once_tokens WHERE token = $1")
            .bind(key.token.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        Some((user, action, result)) if user == actor.user_id.0 && action == key.action => {
            Ok(Some(result))
        }
        // Tokens are drawn at random for one user's form: another user's or another
        // form's is not a second submit, and its result is not this user's to land on.
        _ => Err(StoreError::Invalid(
            "this form's once-token belongs to another form".into(),
        )),
    }
}

/// Records what the create made (`id`, as `key.result` makes it a path) on the token
/// [`claim`] took, in the create's transaction.
pub(crate) async fn fulfil(conn: &mut Conn, key: &OnceKey<'_>, id: i64) -> R<()> {
    sqlx::query("UPDATE once_tokens SET result = $1 WHERE token = $2")
        .bind((key.result)(id))
        .bind(key.token.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Claims the token when there is one; see [`claim`].
pub(crate) async fn claim_some(
    conn: &mut Conn,
    at: i64,
    key: Option<&OnceKey<'_>>,
    actor: &Actor,
) -> R<Option<String>> {
    match key {
        Some(key) => claim(conn, at, key, actor).await,
        None => Ok(None),
    }
}

/// Fulfils the token when there is one; see [`fulfil`].
pub(crate) async fn fulfil_some(conn: &mut Conn, key: Option<&OnceKey<'_>>, id: i64) -> R<()> {
    match key {
        Some(key) => fulfil(conn, key, id).await,
        None => Ok(()),
    }
}

/// Removes the tokens recorded before `before`.
pub(crate) async fn prune(pool: &Pool, before: i64) -> R<u64> {
    Ok(sqlx::query("DELETE FROM once_tokens WHERE created_at < $1")
        .bind(before)
        .execute(&pool.write)
        .await?
        .rows_affected())
}
