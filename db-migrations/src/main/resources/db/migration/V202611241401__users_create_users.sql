-- The guide's setup.ts, verbatim: IF NOT EXISTS lets a database created by it migrate cleanly.
CREATE TABLE IF NOT EXISTS users (
  id SERIAL PRIMARY KEY,
  email VARCHAR(255) UNIQUE NOT NULL,
  name VARCHAR(100) NOT NULL,
  age INT DEFAULT 0,
  "isActive" BOOLEAN DEFAULT true,
  bio TEXT,
  metadata JSONB,
  "createdAt" TIMESTAMPTZ DEFAULT now(),
  "updatedAt" TIMESTAMPTZ DEFAULT now()
);
