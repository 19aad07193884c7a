REVOKE ALL ON TABLE :"schema".:"table" FROM :"role"
