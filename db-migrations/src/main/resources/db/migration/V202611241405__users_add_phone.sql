-- The guide's raw-SQL migrations.
ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT;
