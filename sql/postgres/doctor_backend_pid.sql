-- doctor: which server process answers (a transaction pooler hands each
-- transaction to whichever it has free).
SELECT pg_backend_pid()
