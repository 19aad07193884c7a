REVOKE ALL ON SCHEMA :"schema" FROM :"role"
