-- The network's message board (issue 19), SQLite. Keep in step with
-- ../postgres/0027_network_board.sql.

-- A thread per topic (domain::network::board::BoardTopic), started by a city (city_id) or by
-- Hanoi (NULL). last_post_at and replies are kept with each reply, for the board's order.
CREATE TABLE network_threads (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL CHECK (topic IN ('general', 'events', 'candidacy', 'practice', 'media')),
    title TEXT NOT NULL,
    city_id INTEGER REFERENCES cities (id) ON DELETE CASCADE,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_post_at BIGINT NOT NULL,
    replies BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX network_threads_last ON network_threads (last_post_at, id);
CREATE INDEX network_threads_topic ON network_threads (topic, last_post_at, id);

-- The thread's messages, its first one included.
CREATE TABLE network_posts (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES network_threads (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    city_id INTEGER REFERENCES cities (id) ON DELETE CASCADE,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX network_posts_thread ON network_posts (thread_id, id);

-- The address a reply's notice goes to: the account's own, else the one its invitation was
-- sent to (network accounts are made from an invitation).
UPDATE users SET email = (
    SELECT i.email FROM network_invitations i WHERE i.user_id = users.id ORDER BY i.id DESC LIMIT 1
) WHERE network_city_id IS NOT NULL AND (email IS NULL OR email = '');
