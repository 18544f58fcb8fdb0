-- The guide's idx_users_age, with the id after the age: a keyset window ordered by age
-- (order=-age is "age DESC, id DESC") seeks with the row comparison (age, id) < (?, ?), which this
-- index answers as one range starting at the cursor. Anything the one-column index served (filters
-- and orders on age) it still serves.
DROP INDEX IF EXISTS idx_users_age;
CREATE INDEX IF NOT EXISTS idx_users_age ON users (age, id);
