-- Directives, alerts and their delivery (issue 5 items 3-5), second part.
-- The directive, thread, notification and subscription tables are in 0016_directives.sql. This file
-- holds only what does not depend on them (it runs before 0016 on a new database and after it on an
-- existing one), so it names no table of 0016 in a foreign key: the service checks those links.

-- A directive about a case (vụ việc): the case is checked by query in the caller's scope when the
-- directive is issued. One row per directive at most.
CREATE TABLE directive_cases (
  directive_id uuid PRIMARY KEY,
  case_id      uuid NOT NULL
);
CREATE INDEX directive_cases_case_idx ON directive_cases (case_id);

-- Files sent with a thread message (PDF, images), kept on disk under DATA_DIR/files by their
-- SHA-256; an upload waits (message_seq NULL) until its author sends the message that carries it.
CREATE TABLE directive_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  directive_id uuid NOT NULL,
  message_seq  int,
  file_name    text NOT NULL,
  media_type   text NOT NULL,
  size_bytes   int  NOT NULL CHECK (size_bytes > 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by  uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directive_attachments_directive_idx ON directive_attachments (directive_id, message_seq);

-- Where the alert feed stands in the outbox: it turns petition events (new, transferred in, due
-- soon, overdue) into alerts in one transaction with moving this cursor, so each event gives its
-- alerts exactly once.
CREATE TABLE notification_feed (
  name      text PRIMARY KEY,
  last_seq  bigint NOT NULL
);

-- A client resuming after a cut asks for its own account's events after a seq.
CREATE INDEX outbox_user_seq_idx ON outbox (user_id, seq) WHERE user_id IS NOT NULL;

-- The login summary counts the petitions recorded in a scope since the previous login.
CREATE INDEX petitions_created_idx ON petitions (created_at);
