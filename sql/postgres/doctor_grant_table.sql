GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE :"schema".:"table" TO :"role"
