// A certificate authority made by the test with the openssl CLI: a CA key and
// certificate, and a server certificate for 127.0.0.1 and localhost signed by
// it, so tests can verify TLS for real (sslmode=verify-full, curl's default
// peer verification) instead of turning verification off.
#pragma once

#include <string>

#include "core/error.h"

namespace gb::test {

struct TestCa {
  std::string ca_cert;      // PEM, the file a client trusts (sslrootcert=, CURLOPT_CAINFO)
  std::string server_cert;  // PEM, CN=localhost, SAN DNS:localhost, IP:127.0.0.1
  std::string server_key;   // PEM, mode 0600
};

// Writes <dir>/<name>-ca.{crt,key} and <dir>/<name>-server.{crt,key}.
Result<TestCa> MakeTestCa(const std::string& dir, const std::string& name);

}  // namespace gb::test
