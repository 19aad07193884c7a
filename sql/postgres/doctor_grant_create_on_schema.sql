GRANT CREATE ON SCHEMA :"schema" TO :"role"
