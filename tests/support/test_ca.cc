#include "support/test_ca.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

namespace gb::test {
namespace {

Status Openssl(const std::string& args, const std::string& log) {
  const std::string command = "/usr/bin/openssl " + args + " >>" + log + " 2>&1";
  if (std::system(command.c_str()) != 0) {
    return Fail(ErrorKind::kInternal, "openssl " + args + " failed (see " + log + ")");
  }
  return {};
}

}  // namespace

Result<TestCa> MakeTestCa(const std::string& dir, const std::string& name) {
  const std::string base = dir + "/" + name;
  const std::string log = base + "-openssl.log";
  const std::string key_args = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  TestCa ca{base + "-ca.crt", base + "-server.crt", base + "-server.key"};
  // `req -x509` marks the certificate as a CA (the default v3_ca extensions).
  if (auto s = Openssl("req -x509 " + key_args + " -subj /CN=" + name + "-test-ca -days 2" +
                           " -keyout " + base + "-ca.key -out " + ca.ca_cert,
                       log);
      !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = Openssl("req " + key_args + " -subj /CN=localhost -keyout " + ca.server_key +
                           " -out " + base + "-server.csr",
                       log);
      !s) {
    return tl::unexpected(s.error());
  }
  std::ofstream(base + "-server.ext")
      << "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n"
      << "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n";
  if (auto s = Openssl("x509 -req -in " + base + "-server.csr -CA " + ca.ca_cert + " -CAkey " +
                           base + "-ca.key -CAcreateserial -days 2 -extfile " + base +
                           "-server.ext -out " + ca.server_cert,
                       log);
      !s) {
    return tl::unexpected(s.error());
  }
  chmod(ca.server_key.c_str(), 0600);
  chmod(ca.ca_cert.c_str(), 0644);
  return ca;
}

}  // namespace gb::test
