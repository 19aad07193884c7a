COPY (SELECT id, first_name, last_name, email, role FROM users ORDER BY id) TO STDOUT (FORMAT csv)
