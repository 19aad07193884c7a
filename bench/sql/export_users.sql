COPY (SELECT id, first_name, last_name, email, access_level, status FROM users ORDER BY id) TO STDOUT (FORMAT csv)
