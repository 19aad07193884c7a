REVOKE ALL ON SEQUENCE :"schema".:"sequence" FROM :"role"
