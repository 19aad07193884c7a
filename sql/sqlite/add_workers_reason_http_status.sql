ALTER TABLE gb_workers ADD COLUMN reason_http_status INTEGER
