-- Scheduled reports (issue 6 item 4): a leader subscribes to a weekly or monthly form; the job
-- generates it at the set time, keeps the file under DATA_DIR/files and tells the leader.
CREATE TABLE report_subscriptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  form        text NOT NULL,
  frequency   text NOT NULL CHECK (frequency IN ('WEEKLY', 'MONTHLY')),
  unit_id     uuid NOT NULL REFERENCES units(id),
  next_run_at timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_subscriptions_due_idx ON report_subscriptions (next_run_at);

CREATE TABLE report_files (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid REFERENCES report_subscriptions(id) ON DELETE SET NULL,
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_name       text NOT NULL,
  sha256          text NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
