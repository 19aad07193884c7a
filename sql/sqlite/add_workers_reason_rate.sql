ALTER TABLE gb_workers ADD COLUMN reason_rate INTEGER
