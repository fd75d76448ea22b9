-- Optional login by TLS client certificate (issue 3 item 2): an administrator maps a certificate's
-- subject (as the server prints it, e.g. "CN=canbo.hn,O=UBND TP Ha Noi") to one account.
ALTER TABLE users ADD COLUMN certificate_subject text;
CREATE UNIQUE INDEX users_certificate_subject_key ON users (certificate_subject) WHERE certificate_subject IS NOT NULL;
