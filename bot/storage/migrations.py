"""Schema migrations, applied in order at start-up (tracked in SQLite's `user_version`).

Never edit a migration that has shipped: add a new one. Column comments say why each column
exists; nothing here may hold a Telegram id, name, username or message text in clear.
"""

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        -- Small key/value store: the encrypted pseudonym key lives here.
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );

        -- One row per person who has used the bot.
        CREATE TABLE visitors (
            pseudonym BLOB PRIMARY KEY,   -- HMAC of the Telegram id, never the id itself
            chat      BLOB NOT NULL,      -- encrypted private chat id, so the bot can write back
            prefs     BLOB NOT NULL,      -- encrypted JSON: language, country, discreet previews
            seen_day  INTEGER NOT NULL    -- day number of last use (coarse, for retention)
        ) WITHOUT ROWID;

        -- Message ids the quick exit may still delete (Telegram allows 48 hours).
        -- A message id alone reveals nothing; rows older than 48 hours are purged.
        CREATE TABLE chat_messages (
            pseudonym  BLOB NOT NULL,
            message_id INTEGER NOT NULL,
            sent_at    INTEGER NOT NULL,
            PRIMARY KEY (pseudonym, message_id)
        ) WITHOUT ROWID;
        CREATE INDEX chat_messages_sent_at ON chat_messages (sent_at);
        """,
    ),
]
