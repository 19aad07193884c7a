// A TCP proxy that puts a round trip between a client and a server, as the
// internet puts 20-80 ms between the business's machine and its Supabase
// database (the kernel's netem is not available here). Every chunk read on
// one side is written to the other half the round trip later, in order; the
// bytes are not touched and the bandwidth is not limited. Both sockets have
// TCP_NODELAY, so no delay is added but the one asked.
//
// Usage: latency_proxy --to HOST:PORT --rtt-ms N [--port P]
// Prints "latency_proxy listening on 127.0.0.1:PORT" once it accepts, then
// serves until killed (bench/load_table.sh starts and stops it).
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Chunk {
  Clock::time_point due;
  std::string bytes;  // empty: the sender closed its side
};

// One direction of a connection: a reader that stamps each chunk with its due
// time and a writer that sends it then.
class Pump {
 public:
  Pump(int from, int to, std::chrono::microseconds delay) : from_(from), to_(to), delay_(delay) {}

  void Run() {
    std::thread writer([this] { Write(); });
    std::vector<char> buffer(64 * 1024);
    for (;;) {
      const ssize_t n = read(from_, buffer.data(), buffer.size());
      Push(n > 0 ? std::string(buffer.data(), static_cast<size_t>(n)) : std::string());
      if (n <= 0) break;
    }
    writer.join();
  }

 private:
  void Push(std::string bytes) {
    std::lock_guard lock(mu_);
    queue_.push_back({Clock::now() + delay_, std::move(bytes)});
    ready_.notify_one();
  }

  void Write() {
    for (;;) {
      Chunk chunk;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [this] { return !queue_.empty(); });
        chunk = std::move(queue_.front());
        queue_.pop_front();
      }
      std::this_thread::sleep_until(chunk.due);
      if (chunk.bytes.empty()) {
        shutdown(to_, SHUT_WR);
        return;
      }
      size_t sent = 0;
      while (sent < chunk.bytes.size()) {
        const ssize_t n = write(to_, chunk.bytes.data() + sent, chunk.bytes.size() - sent);
        if (n <= 0) {
          shutdown(from_, SHUT_RD);  // the reader sees the end and stops
          Drain();
          return;
        }
        sent += static_cast<size_t>(n);
      }
    }
  }

  // After a failed write: consume the rest until the reader's end marker.
  void Drain() {
    for (;;) {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [this] { return !queue_.empty(); });
      const bool end = queue_.front().bytes.empty();
      queue_.pop_front();
      if (end) return;
    }
  }

  int from_, to_;
  std::chrono::microseconds delay_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<Chunk> queue_;
};

void NoDelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int ConnectTo(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return -1;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const bool ok = fd >= 0 && connect(fd, found->ai_addr, found->ai_addrlen) == 0;
  freeaddrinfo(found);
  if (!ok) {
    if (fd >= 0) close(fd);
    return -1;
  }
  NoDelay(fd);
  return fd;
}

void Serve(int client, const std::string& host, const std::string& port,
           std::chrono::microseconds one_way) {
  const int server = ConnectTo(host, port);
  if (server < 0) {
    close(client);
    return;
  }
  NoDelay(client);
  Pump up(client, server, one_way);
  Pump down(server, client, one_way);
  std::thread upstream([&] { up.Run(); });
  down.Run();
  upstream.join();
  close(client);
  close(server);
}

[[noreturn]] void Usage(const char* why) {
  std::fprintf(stderr,
               "latency_proxy: %s\nusage: latency_proxy --to HOST:PORT --rtt-ms N [--port P]\n",
               why);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string to;
  double rtt_ms = -1;
  int listen_port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--to") {
      to = argv[i + 1];
    } else if (flag == "--rtt-ms") {
      rtt_ms = std::atof(argv[i + 1]);
    } else if (flag == "--port") {
      listen_port = std::atoi(argv[i + 1]);
    } else {
      Usage(("unknown flag " + flag).c_str());
    }
  }
  const size_t colon = to.rfind(':');
  if (colon == std::string::npos || rtt_ms < 0) Usage("--to HOST:PORT and --rtt-ms are required");
  const std::string host = to.substr(0, colon), port = to.substr(colon + 1);
  const auto one_way = std::chrono::microseconds(static_cast<int64_t>(rtt_ms * 500));

  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(listen_port));
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener, 128) != 0) {
    std::perror("latency_proxy: bind/listen");
    return 1;
  }
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::printf("latency_proxy listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  for (;;) {
    const int client = accept(listener, nullptr, nullptr);
    if (client < 0) continue;
    std::thread(Serve, client, host, port, one_way).detach();
  }
}
