ALTER TABLE gb_workers ADD COLUMN reason_until TEXT
