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
    (
        2,
        """
        -- Volunteers, supervisors and admins promoted in the bot. Found by pseudonym like
        -- visitors; the alias is what others see (chosen by the volunteer, never a handle).
        CREATE TABLE staff (
            id         INTEGER PRIMARY KEY,
            pseudonym  BLOB NOT NULL UNIQUE,
            chat       BLOB NOT NULL,            -- encrypted chat id
            alias      TEXT UNIQUE COLLATE NOCASE,
            role       TEXT NOT NULL DEFAULT 'volunteer',
            status     TEXT NOT NULL,            -- naming, pending, active, revoked
            on_duty    INTEGER NOT NULL DEFAULT 0,
            duty_since REAL,
            created_at REAL NOT NULL
        );

        -- Single-use invites: only a hash of the code is kept.
        CREATE TABLE invites (
            code_hash  BLOB PRIMARY KEY,
            expires_at REAL NOT NULL,
            used_at    REAL
        ) WITHOUT ROWID;

        -- Visitors waiting for a volunteer: one row per visitor, so joining twice is a no-op.
        CREATE TABLE queue (
            id          INTEGER PRIMARY KEY,      -- breaks ties between equal join times
            visitor     BLOB NOT NULL UNIQUE,
            urgent      INTEGER NOT NULL DEFAULT 0,
            enqueued_at REAL NOT NULL,
            last_seen   REAL NOT NULL,
            prompted_at REAL,                    -- asked whether they are still waiting
            status_msg  INTEGER                  -- the message showing their place, edited
        );
        CREATE INDEX queue_order ON queue (urgent DESC, enqueued_at, id);

        -- Relay sessions. Closed ones are purged after RETENTION_DAYS.
        CREATE TABLE sessions (
            id               INTEGER PRIMARY KEY,
            visitor          BLOB NOT NULL,
            volunteer        BLOB NOT NULL,
            visitor_alias    TEXT NOT NULL,
            volunteer_alias  TEXT NOT NULL,
            status           TEXT NOT NULL,      -- active, closed
            urgent           INTEGER NOT NULL DEFAULT 0,
            waited           REAL NOT NULL,
            started_at       REAL NOT NULL,
            ended_at         REAL,
            end_reason       TEXT,
            last_visitor_at  REAL NOT NULL,
            last_volunteer_at REAL,
            idle_prompted_at REAL,
            reminded         INTEGER NOT NULL DEFAULT 0,
            fact_id          INTEGER
        );
        CREATE UNIQUE INDEX sessions_one_active ON sessions (visitor) WHERE status = 'active';
        CREATE INDEX sessions_volunteer ON sessions (volunteer, status);
        CREATE INDEX sessions_closed ON sessions (status, ended_at);

        -- Which copy belongs to which original, for replies and edits. Kept only while the
        -- session lasts. dst_id is NULL while the copy is being sent.
        CREATE TABLE message_pairs (
            session_id INTEGER NOT NULL,
            origin     TEXT NOT NULL,            -- visitor or volunteer: where the original is
            src_id     INTEGER NOT NULL,
            dst_id     INTEGER,
            PRIMARY KEY (session_id, origin, src_id)
        ) WITHOUT ROWID;
        CREATE INDEX message_pairs_dst ON message_pairs (session_id, origin, dst_id);

        -- Anonymous facts about finished chats, for stats: no pseudonym, no link to a person.
        CREATE TABLE chat_facts (
            id         INTEGER PRIMARY KEY,
            day        INTEGER NOT NULL,
            wait_s     INTEGER NOT NULL,
            duration_s INTEGER NOT NULL,
            urgent     INTEGER NOT NULL,
            answered   INTEGER NOT NULL,
            rating     INTEGER
        );
        CREATE INDEX chat_facts_day ON chat_facts (day);

        -- Durable inbox: each update is stored (encrypted) before Telegram is told it arrived,
        -- and marked done once handled, so a crash loses none and handles none twice.
        CREATE TABLE inbox (
            update_id   INTEGER PRIMARY KEY,
            payload     BLOB,                    -- encrypted update; NULL once handled
            received_at REAL NOT NULL,
            done        INTEGER NOT NULL DEFAULT 0
        );
        """,
    ),
    (
        3,
        """
        -- Append-only record of every admin and supervisor action. The bot never updates or
        -- deletes a row; the triggers make sure of it. Actors are aliases, never ids.
        CREATE TABLE audit (
            id     INTEGER PRIMARY KEY,
            at     REAL NOT NULL,
            actor  TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        -- Visitors blocked by a volunteer, by pseudonym, reviewable and with an expiry.
        -- `ref` is the visitor alias of the chat, so admins can talk about it without ids.
        CREATE TABLE blocks (
            pseudonym  BLOB PRIMARY KEY,
            ref        TEXT NOT NULL UNIQUE,
            blocked_by TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        ) WITHOUT ROWID;

        -- Content changes waiting for a second admin (crisis numbers and links).
        CREATE TABLE content_changes (
            id          INTEGER PRIMARY KEY,
            locale      TEXT NOT NULL,
            file        TEXT NOT NULL,
            body        BLOB NOT NULL,
            proposed_by BLOB NOT NULL,           -- pseudonym of the proposing admin
            proposer    TEXT NOT NULL,           -- their alias, for the audit log
            created_at  REAL NOT NULL,
            needs_second INTEGER NOT NULL,
            status      TEXT NOT NULL            -- pending, applied, cancelled
        );

        -- Wellbeing: when a volunteer's escalated chat needs a debrief prompt.
        ALTER TABLE sessions ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sessions ADD COLUMN observer BLOB;  -- a supervisor reading along (/join)
        ALTER TABLE staff ADD COLUMN rest_reminded INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        4,
        """
        -- Shift lengths for "volunteers on duty by hour": no pseudonym, no alias.
        CREATE TABLE duty_log (
            id         INTEGER PRIMARY KEY,
            started_at REAL NOT NULL,
            ended_at   REAL NOT NULL
        );
        CREATE INDEX duty_log_ended ON duty_log (ended_at);

        -- A content change that restores a kept version names that version here.
        ALTER TABLE content_changes ADD COLUMN rollback_of TEXT;
        """,
    ),
    (
        5,
        """
        -- What a visitor writes while waiting, by message id only (never the text), so the
        -- volunteer who takes them receives it. Gone once passed on, or when they leave.
        CREATE TABLE waiting_messages (
            visitor    BLOB NOT NULL,
            message_id INTEGER NOT NULL,
            PRIMARY KEY (visitor, message_id)
        ) WITHOUT ROWID;
        """,
    ),
    (
        6,
        """
        -- Visitors silent for VISITOR_RETENTION_DAYS are deleted: found by day, not by a scan.
        CREATE INDEX visitors_seen ON visitors (seen_day);
        """,
    ),
    (
        7,
        """
        -- Every content change waits for a second admin. `base` is a hash of the live file the
        -- change was checked against: a change made stale by another is refused at Apply.
        -- Status gains 'stale' and 'expired'. Pending rows from before have no base: stale.
        ALTER TABLE content_changes ADD COLUMN base BLOB;
        """,
    ),
    (
        8,
        """
        -- Making someone an admin waits for a second admin's confirmation (one admin alone
        -- could otherwise invite a second account of their own and promote it).
        CREATE TABLE role_requests (
            id          INTEGER PRIMARY KEY,
            staff_id    INTEGER NOT NULL,        -- who would become admin
            role        TEXT NOT NULL,
            proposed_by BLOB NOT NULL,           -- pseudonym of the asking admin
            proposer    TEXT NOT NULL,           -- their alias, for the audit log
            created_at  REAL NOT NULL,
            status      TEXT NOT NULL            -- pending, applied, cancelled, expired
        );
        """,
    ),
    (
        9,
        """
        -- Warm transfers waiting for the receiver's answer, so a restart keeps them. The
        -- handover note is encrypted (context: the row id) and goes with the row once the
        -- transfer settles (accepted, declined, withdrawn or timed out).
        CREATE TABLE transfers (
            id         INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL UNIQUE,  -- one transfer at a time per chat
            from_staff BLOB NOT NULL,            -- pseudonym of the volunteer handing over
            from_alias TEXT NOT NULL,
            to_staff   BLOB NOT NULL,            -- pseudonym of the one asked to take it
            to_alias   TEXT NOT NULL,
            note       BLOB,                     -- encrypted handover note, or NULL
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );

        -- A chat handed back to the queue by /transfer: the note for whoever takes the visitor
        -- next (encrypted, context: the pseudonym's row), gone once shown or when they leave.
        CREATE TABLE queue_notes (
            id         INTEGER PRIMARY KEY,
            visitor    BLOB NOT NULL UNIQUE,
            from_alias TEXT NOT NULL,
            note       BLOB NOT NULL,
            created_at REAL NOT NULL
        );

        -- Mentoring: a visitor who accepted a volunteer's offer may ask for them again. The
        -- handle is random (it names no one; the visitor's buttons carry it); nothing else
        -- links the two. `requested_at`: the visitor is asking now; `alerted_at`: the
        -- volunteer was told. /forget, the volunteer's /exit or their revocation end it.
        CREATE TABLE mentorships (
            id           INTEGER PRIMARY KEY,
            visitor      BLOB NOT NULL,
            volunteer    BLOB NOT NULL,
            alias        TEXT NOT NULL,           -- the volunteer's alias, as the visitor knows it
            handle       TEXT NOT NULL UNIQUE,
            created_at   REAL NOT NULL,
            requested_at REAL,
            alerted_at   REAL,
            UNIQUE (visitor, volunteer)
        );
        CREATE INDEX mentorships_volunteer ON mentorships (volunteer);
        """,
    ),
    (
        10,
        """
        -- Language-matched relay. A volunteer's languages: locale codes (a base language such
        -- as "ar", never a Telegram language_code), comma-separated; NULL: not said yet.
        ALTER TABLE staff ADD COLUMN languages TEXT;
        -- The language a waiting visitor chose for the bot (its base locale), so a volunteer
        -- who reads it takes them first; and whether another language is fine: NULL not asked,
        -- 0 waits for someone who reads theirs, 1 another language is fine. Gone with the row.
        ALTER TABLE queue ADD COLUMN language TEXT;
        ALTER TABLE queue ADD COLUMN any_language INTEGER;
        -- Walked a few steps at a time by /next (bot/storage/queue_languages.py).
        CREATE INDEX queue_language ON queue (language, any_language, urgent, enqueued_at, id);
        -- A chat's language, so a chat handed back to the queue keeps it (purged with the row).
        ALTER TABLE sessions ADD COLUMN language TEXT;
        """,
    ),
    (
        11,
        """
        -- A volunteer's private wrap-up note on a chat (/note). The text is only encrypted,
        -- under the note's id (random, so it is sealed before the insert), with the chat's id
        -- inside, checked on reading. The writer is a staff id, not a pseudonym. A note goes
        -- with its chat: at the retention purge and at the visitor's /forget.
        CREATE TABLE notes (
            id         INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            author     INTEGER NOT NULL,
            body       BLOB NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX notes_session ON notes (session_id);
        CREATE INDEX notes_author ON notes (author, created_at);
        """,
    ),
    (
        12,
        """
        -- Topics a chat touched, tapped by its volunteer at the end: counters per day,
        -- language and topic, never a row per chat (rows of one chat would read as a profile),
        -- no pseudonym, no session. The same for chats with topics noted, per language.
        CREATE TABLE topic_counts (
            day   INTEGER NOT NULL,
            lang  TEXT NOT NULL,
            topic TEXT NOT NULL,
            n     INTEGER NOT NULL,
            PRIMARY KEY (day, lang, topic)
        ) WITHOUT ROWID;
        CREATE TABLE language_counts (
            day  INTEGER NOT NULL,
            lang TEXT NOT NULL,
            n    INTEGER NOT NULL,
            PRIMARY KEY (day, lang)
        ) WITHOUT ROWID;
        -- Topics are noted once per chat (the flag goes with the chat at the retention purge).
        ALTER TABLE sessions ADD COLUMN topics_noted INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        13,
        """
        -- Practice chats: only that a volunteer finished a scenario (its content id) and when.
        -- No text of the practice is ever stored. Gone with the volunteer's row.
        CREATE TABLE practice_done (
            staff    INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
            scenario TEXT NOT NULL,
            done_at  REAL NOT NULL,
            PRIMARY KEY (staff, scenario)
        );
        -- Where a volunteer is in a practice (scenario and step ids, the language, the token
        -- its buttons carry), so a restart continues it. No text. Gone when it ends.
        CREATE TABLE practice_runs (
            staff    INTEGER PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
            token    TEXT NOT NULL,
            scenario TEXT NOT NULL,
            locale   TEXT NOT NULL,
            step     TEXT NOT NULL
        );
        """,
    ),
]
