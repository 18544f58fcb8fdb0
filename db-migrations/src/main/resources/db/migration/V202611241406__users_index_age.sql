CREATE INDEX IF NOT EXISTS idx_users_age ON users (age);
