ALTER TABLE users ADD COLUMN access_level TEXT
