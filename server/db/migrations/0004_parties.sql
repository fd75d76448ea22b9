-- Parties of a petition (issue 3, item 4): complainants, denouncers, petitioners, representatives
-- and the persons complained of or denounced. Personal data is stored ONLY encrypted
-- (server/crypto/field-cipher.ts: AES-256-GCM, version | key id | IV | ciphertext | tag, bound to
-- its column and row); exact-match lookups use blind indexes (HMAC-SHA256 of the normalised
-- value under a key derived from the data key). No column here holds personal data in clear.
CREATE TABLE petition_parties (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Personal data goes with the petition when it is destroyed (TT 05/2021 Điều 28: tiêu hủy).
  petition_id        uuid NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
  -- Order as written in the petition (the first signatory first).
  position           smallint NOT NULL,
  -- NguoiKNTC / NguoiBiKNTC / NguoiUyQuyen of the national database (DOMAIN.md §6): the one who
  -- complains, denounces, recommends or reflects; their representative (authorised person,
  -- lawyer, group representative); the one complained of or denounced.
  role               text NOT NULL CHECK (role IN ('NGUOI_KHIEU_NAI','NGUOI_TO_CAO','NGUOI_KIEN_NGHI','NGUOI_PHAN_ANH',
                                                   'NGUOI_DAI_DIEN','NGUOI_BI_KHIEU_NAI','NGUOI_BI_TO_CAO')),
  full_name_enc      bytea NOT NULL,
  id_number_enc      bytea,
  address_enc        bytea,
  phone_enc          bytea,
  id_number_hash     bytea,
  phone_hash         bytea,
  name_hash          bytea NOT NULL,
  -- Key that encrypted this row's values (8 hex characters): a rotation re-encrypts WHERE key_id <> current.
  key_id             text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  -- Luật Tố cáo 2018 Điều 8.3, 9.1.b, 56: the denouncer's identity is kept secret.
  identity_protected boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT petition_parties_position_key UNIQUE (petition_id, position),
  CONSTRAINT petition_parties_denouncer_protected CHECK (role <> 'NGUOI_TO_CAO' OR identity_protected),
  CONSTRAINT petition_parties_id_number_indexed CHECK ((id_number_enc IS NULL) = (id_number_hash IS NULL)),
  CONSTRAINT petition_parties_phone_indexed CHECK ((phone_enc IS NULL) = (phone_hash IS NULL)),
  CONSTRAINT petition_parties_hash_length CHECK (
    octet_length(name_hash) = 32 AND coalesce(octet_length(id_number_hash), 32) = 32 AND coalesce(octet_length(phone_hash), 32) = 32)
);
-- Duplicate check (DESIGN.md budget: p95 ≤ 100 ms against 1,000,000 petitions): equality on a hash.
CREATE INDEX petition_parties_id_number_hash_idx ON petition_parties (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX petition_parties_phone_hash_idx ON petition_parties (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX petition_parties_name_hash_idx ON petition_parties (name_hash);
CREATE INDEX petition_parties_key_id_idx ON petition_parties (key_id);

COMMENT ON TABLE petition_parties IS 'Đương sự của đơn; dữ liệu cá nhân chỉ lưu dạng mã hoá (AES-256-GCM) / Petition parties; personal data encrypted only';

-- Row-level security as for petition_events (migration 0002): a scoped query sees the parties of
-- the petitions it sees, and can add parties only to those.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dt_scoped') THEN
    CREATE ROLE dt_scoped NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
GRANT SELECT, INSERT ON petition_parties TO dt_scoped;
ALTER TABLE petition_parties ENABLE ROW LEVEL SECURITY;
CREATE POLICY petition_parties_in_scope ON petition_parties TO dt_scoped
  USING (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id))
  WITH CHECK (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id));
