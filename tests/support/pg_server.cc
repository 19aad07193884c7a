#include "support/pg_server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "support/free_port.h"
#include "support/test_ca.h"

namespace gb::test {
namespace {

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";
constexpr const char* kDirPrefix = "gb-pg-";

// Runs argv as `postgres` when we are root (initdb and pg_ctl refuse root),
// output appended to `log`, and returns the exit status.
int RunAsPostgres(const std::vector<std::string>& args, const std::string& cwd,
                  const std::string& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const passwd* pw = geteuid() == 0 ? getpwnam("postgres") : nullptr;
  uid_t uid = pw ? pw->pw_uid : 0;
  gid_t gid = pw ? pw->pw_gid : 0;
  pid_t pid = fork();
  if (pid == 0) {  // only async-signal-safe calls until exec
    if (pw != nullptr && (setgid(gid) != 0 || setgroups(0, nullptr) != 0 || setuid(uid) != 0)) {
      _exit(126);
    }
    int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0 || chdir(cwd.c_str()) != 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string Bin(const char* name) { return std::string(kBinDir) + "/" + name; }

pid_t ReadPid(const std::string& file) {
  std::ifstream in(file);
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

// A zombie counts as gone: in a container nobody may reap the daemonized postmaster.
bool Alive(pid_t pid) {
  if (pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH)) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  size_t paren = line.rfind(')');
  return paren == std::string::npos || paren + 2 >= line.size() || line[paren + 2] != 'Z';
}

void KillAndWait(pid_t pid, int sig) {
  if (pid <= 0 || kill(pid, sig) != 0) return;
  for (int i = 0; i < 200 && Alive(pid); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

// A previous test binary that crashed hard enough to take its watchdog along
// may have left servers behind: stop them by pid file and remove their dirs.
void ReapStale() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/tmp", ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(kDirPrefix, 0) != 0) continue;
    std::string dir = entry.path().string();
    pid_t owner = ReadPid(dir + "/owner.pid");
    if (owner <= 0 || Alive(owner)) continue;
    KillAndWait(ReadPid(dir + "/pgbouncer.pid"), SIGTERM);
    KillAndWait(ReadPid(dir + "/data/postmaster.pid"), SIGQUIT);
    std::filesystem::remove_all(dir, ec);
  }
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

std::string QuoteIdent(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// initdb once per machine (about 2 s), then copy the pristine cluster for each
// server (a few ms): every test process starts its own server.
constexpr const char* kTemplateDir = "/tmp/gb-pg-template-15";

Status EnsureTemplate(const std::string& log) {
  if (std::filesystem::exists(std::string(kTemplateDir) + "/PG_VERSION")) return {};
  TempDir build("gb-pg-template-tmp-");
  build.ChownTo("postgres");
  std::string data = build.File("data");
  int rc = RunAsPostgres({Bin("initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                          "--no-locale", "--no-sync"},
                         build.path(), log);
  if (rc != 0) return Fail(ErrorKind::kInternal, "initdb failed (see " + log + ")");
  // A self-signed certificate in the data dir (its default location), so
  // sslmode=require URLs work; without openssl the server simply has no TLS.
  RunAsPostgres({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-days",
                 "3650", "-keyout", data + "/server.key", "-out", data + "/server.crt"},
                build.path(), log);
  chmod(build.path().c_str(), 0755);  // the template's parent must be traversable by postgres
  // rename is atomic: a concurrent process either sees the whole template or none.
  if (rename(data.c_str(), kTemplateDir) != 0 && errno != ENOTEMPTY && errno != EEXIST) {
    return Fail(ErrorKind::kInternal, "cannot install the cluster template");
  }
  return {};
}

}  // namespace

PgServer::PgServer(PgServerOptions options) : options_(options) {
  auto started = Start();
  if (!started) error_ = started.error().message;
}

PgServer::~PgServer() {
  Stop();
  dir_.reset();
  if (watchdog_fd_ >= 0) close(watchdog_fd_);
  if (watchdog_pid_ > 0) waitpid(watchdog_pid_, nullptr, 0);
}

std::string PgServer::Url(const std::string& db) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
}

std::string PgServer::BouncerUrl(const std::string& db) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(bouncer_port_) + "/" + db;
}

std::string PgServer::VerifyFullUrl(const std::string& db) const {
  return Url(db) + "?sslmode=verify-full&sslrootcert=" + ca_file_;
}

Status PgServer::Start() {
  ReapStale();
  dir_ = std::make_unique<TempDir>(kDirPrefix);
  WriteFile(dir_->File("owner.pid"), std::to_string(getpid()));
  StartWatchdog();
  if (auto s = InitCluster(); !s) return s;
  if (auto s = StartCluster(); !s) return s;
  if (options_.bouncer) return StartBouncer();
  return {};
}

// A child that waits for our end of a pipe to close (which happens however
// this process ends) and then kills the servers and removes the directory.
void PgServer::StartWatchdog() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return;
  const std::string& d = dir_->path();
  std::string script =
      "cat >/dev/null; "
      "p=$(head -1 '" +
      d +
      "/pgbouncer.pid' 2>/dev/null); "
      "[ -n \"$p\" ] && kill -TERM $p 2>/dev/null; "
      "p=$(head -1 '" +
      d +
      "/data/postmaster.pid' 2>/dev/null); "
      "[ -n \"$p\" ] && kill -QUIT $p 2>/dev/null && "
      "for i in $(seq 100); do kill -0 $p 2>/dev/null || break; sleep 0.05; done; "
      "rm -rf '" +
      d + "'";
  pid_t pid = fork();
  if (pid == 0) {
    setsid();  // survive a Ctrl+C sent to the test's process group
    dup2(fds[0], 0);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[0]);
  watchdog_fd_ = fds[1];
  watchdog_pid_ = pid;
}

Status PgServer::InitCluster() {
  std::filesystem::create_directories(dir_->File("data"));
  std::string log = dir_->File("initdb.log");
  dir_->ChownTo("postgres");
  if (auto s = EnsureTemplate(log); !s)
    return Fail(ErrorKind::kInternal, s.error().message + LogTail(log));
  int rc = RunAsPostgres({"/bin/cp", "-a", std::string(kTemplateDir) + "/.", dir_->File("data")},
                         dir_->path(), log);
  if (rc != 0) return Fail(ErrorKind::kInternal, "copying the cluster failed: " + LogTail(log));
  chmod(dir_->File("data").c_str(), 0700);  // postgres refuses a group/world-readable data dir
  std::ostringstream conf;
  conf << "\nlisten_addresses = '127.0.0.1'\n"
       << "unix_socket_directories = '" << dir_->path() << "'\n"
       << "max_connections = " << options_.max_connections << "\n"
       << "fsync = " << (options_.fsync ? "on" : "off") << "\n";
  if (!options_.fsync) conf << "synchronous_commit = off\nfull_page_writes = off\n";
  if (std::filesystem::exists(dir_->File("data/server.key"))) conf << "ssl = on\n";
  std::ofstream(dir_->File("data/postgresql.conf"), std::ios::app) << conf.str();
  return options_.test_ca ? InstallTestCa() : Status{};
}

// Replaces the template's self-signed certificate by one signed by a CA of
// this server's own (the CA stays outside the data directory, readable).
Status PgServer::InstallTestCa() {
  auto ca = MakeTestCa(dir_->path(), "pg");
  if (!ca) return tl::unexpected(ca.error());
  std::error_code ec;
  const auto overwrite = std::filesystem::copy_options::overwrite_existing;
  std::filesystem::copy_file(ca->server_cert, dir_->File("data/server.crt"), overwrite, ec);
  if (!ec) std::filesystem::copy_file(ca->server_key, dir_->File("data/server.key"), overwrite, ec);
  if (ec)
    return Fail(ErrorKind::kInternal, "cannot install the test CA's certificate: " + ec.message());
  chmod(dir_->File("data/server.key").c_str(), 0600);  // postgres refuses a readable key
  dir_->ChownTo("postgres");
  ca_file_ = ca->ca_cert;
  return {};
}

Status PgServer::StartCluster() {
  std::string log = dir_->File("postgres.log");
  for (int attempt = 0; attempt < 5; ++attempt) {  // a random port can be taken meanwhile
    port_ = FreePort();
    int rc = RunAsPostgres({Bin("pg_ctl"), "-D", dir_->File("data"), "-l", log, "-w", "-t", "60",
                            "-o", "-p " + std::to_string(port_), "start"},
                           dir_->path(), dir_->File("pg_ctl.log"));
    if (rc == 0) {
      running_ = true;
      return WaitReady(Url());
    }
  }
  return Fail(ErrorKind::kInternal, "PostgreSQL did not start: " + LogTail(log));
}

Status PgServer::StartBouncer() {
  std::string ini = dir_->File("pgbouncer.ini");
  for (int attempt = 0; attempt < 5; ++attempt) {
    bouncer_port_ = FreePort();
    std::ostringstream text;
    text << "[databases]\n* = host=127.0.0.1 port=" << port_ << "\n\n[pgbouncer]\n"
         << "listen_addr = 127.0.0.1\nlisten_port = " << bouncer_port_ << "\n"
         << "unix_socket_dir =\nauth_type = trust\nauth_file = " << dir_->File("userlist.txt")
         << "\npool_mode = transaction\nmax_client_conn = 500\ndefault_pool_size = 40\n"
         << "ignore_startup_parameters = extra_float_digits,options\n"
         << "logfile = " << dir_->File("pgbouncer.log") << "\n"
         << "pidfile = " << dir_->File("pgbouncer.pid") << "\n";
    WriteFile(ini, text.str());
    WriteFile(dir_->File("userlist.txt"), "\"postgres\" \"\"\n");
    dir_->ChownTo("postgres");
    int rc = RunAsPostgres({"/usr/sbin/pgbouncer", "-d", "-q", ini}, dir_->path(),
                           dir_->File("pgbouncer.out"));
    if (rc == 0 && WaitReady(BouncerUrl())) return {};
    KillAndWait(ReadPid(dir_->File("pgbouncer.pid")), SIGTERM);
  }
  return Fail(ErrorKind::kInternal,
              "pgbouncer did not start: " + LogTail(dir_->File("pgbouncer.log")));
}

Status PgServer::WaitReady(const std::string& url) {
  for (int i = 0; i < 400; ++i) {
    if (PQping(url.c_str()) == PQPING_OK) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return Fail(ErrorKind::kInternal, "server not ready at " + url);
}

std::string PgServer::LogTail(const std::string& file) const {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

Status PgServer::Exec(const std::string& sql, const std::string& db) {
  PGconn* conn = PQconnectdb(Url(db).c_str());
  Status result;
  if (PQstatus(conn) != CONNECTION_OK) {
    result = Fail(ErrorKind::kTransient, PQerrorMessage(conn));
  } else {
    PGresult* res = PQexec(conn, sql.c_str());
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      result = Fail(ErrorKind::kData, PQerrorMessage(conn), state ? state : "");
    }
    PQclear(res);
  }
  PQfinish(conn);
  return result;
}

Result<std::string> PgServer::QueryValue(const std::string& sql, const std::string& db) {
  PGconn* conn = PQconnectdb(Url(db).c_str());
  Result<std::string> result = Fail(ErrorKind::kData, "no row: " + sql);
  if (PQstatus(conn) != CONNECTION_OK) {
    result = Fail(ErrorKind::kTransient, PQerrorMessage(conn));
  } else {
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      result = Fail(ErrorKind::kData, PQerrorMessage(conn));
    } else if (PQntuples(res) > 0) {
      result = std::string(PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
    }
    PQclear(res);
  }
  PQfinish(conn);
  return result;
}

Status PgServer::CreateDatabase(const std::string& name) {
  return Exec("CREATE DATABASE " + QuoteIdent(name));
}

Status PgServer::Restart() {
  int rc = RunAsPostgres(
      {Bin("pg_ctl"), "-D", dir_->File("data"), "-l", dir_->File("postgres.log"), "-w", "-t", "60",
       "-m", "fast", "-o", "-p " + std::to_string(port_), "restart"},
      dir_->path(), dir_->File("pg_ctl.log"));
  if (rc != 0)
    return Fail(ErrorKind::kInternal, "restart failed: " + LogTail(dir_->File("postgres.log")));
  running_ = true;
  return WaitReady(Url());
}

void PgServer::Stop() {
  if (!dir_) return;
  if (bouncer_port_ != 0) {
    KillAndWait(ReadPid(dir_->File("pgbouncer.pid")), SIGTERM);
    bouncer_port_ = 0;
  }
  if (running_) {
    // SIGQUIT = immediate shutdown; pg_ctl would refuse to run as root here.
    KillAndWait(ReadPid(dir_->File("data/postmaster.pid")), SIGQUIT);
    running_ = false;
  }
}

PgServer& PgServer::Shared() {
  static std::once_flag once;
  static PgServer* server = nullptr;
  std::call_once(once, [] {
    server = new PgServer(PgServerOptions{.fsync = false, .bouncer = true, .max_connections = 200});
    static pid_t owner = getpid();
    // A forked child that calls exit() must not tear down its parent's server.
    std::atexit([] {
      if (getpid() == owner) delete server;
    });
  });
  return *server;
}

void PgDatabaseTest::SetUp() {
  static std::atomic<int> counter{0};
  PgServer& s = PgServer::Shared();
  ASSERT_TRUE(s.ok()) << s.error();
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      "t" + std::to_string(counter++) + "_" + info->test_suite_name() + "_" + info->name();
  for (char& c : name) {
    c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
  }
  db_ = name.substr(0, 63);
  ASSERT_TRUE(s.CreateDatabase(db_)) << "CREATE DATABASE " << db_;
}

}  // namespace gb::test
