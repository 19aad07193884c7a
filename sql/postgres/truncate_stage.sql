TRUNCATE gb_stage
