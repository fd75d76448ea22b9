-- Scans attached to a petition (issue 4 item 2): the bytes live under DATA_DIR/files by content
-- hash (server/storage/file-store.ts); this row says whose they are and who may read them.
CREATE TABLE petition_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  petition_id  uuid NOT NULL REFERENCES petitions(id),
  file_name    text NOT NULL,
  media_type   text NOT NULL,
  size_bytes   int  NOT NULL,
  sha256       text NOT NULL,
  uploaded_by  uuid REFERENCES users(id),
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX petition_attachments_petition_idx ON petition_attachments (petition_id, uploaded_at);

GRANT SELECT, INSERT ON petition_attachments TO dt_scoped;
ALTER TABLE petition_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY petition_attachments_in_scope ON petition_attachments TO dt_scoped
  USING (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id));
