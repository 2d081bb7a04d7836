#include "io/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dcload/error.hpp"

namespace dcload::detail {
namespace {

[[noreturn]] void fail(const InputFile& f, const std::string& why) {
  const std::string name = f.path.string();
  if (!f.from_file.empty())
    throw ConfigError(f.from_file, f.from_line, f.from_column, f.key,
                      (f.key.empty() ? std::string() : f.key + " = \"" + name + "\": ") + why);
  throw ConfigError(name, 0, 0, f.key, f.what + " " + name + ": " + why);
}

std::string mib(std::uintmax_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

}  // namespace

std::string read_input_file(const InputFile& f) {
  // Open without blocking (a FIFO with no writer would block open(2) forever), then decide on
  // the file type of what was opened (no race between a stat and the open).
  const int fd = ::open(f.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) fail(f, "no such " + f.what);
    fail(f, "cannot open the " + f.what + " (" + std::strerror(err) + ")");
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(f, std::string("cannot read the ") + f.what);
  if (S_ISDIR(st.st_mode)) fail(f, "is a directory, not a " + f.what);
  if (!S_ISREG(st.st_mode))
    fail(f, "is not a regular file (a FIFO, device or socket); give a " + f.what);
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > f.max_bytes)
    fail(f, "is " + std::to_string(size) + " bytes, larger than the " + mib(f.max_bytes) +
                " limit for a " + f.what);
  // Back to blocking reads for a regular file; read at most max_bytes + 1 so a file that grows
  // while we read it is caught too.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string text(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t r = ::read(fd, text.data() + got, text.size() - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      fail(f, std::string("cannot read the ") + f.what + " (" + std::strerror(errno) + ")");
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  text.resize(got);
  char extra = 0;
  if (::read(fd, &extra, 1) > 0)
    fail(f, "grew while being read; give a file that is not being written");
  return text;
}

}  // namespace dcload::detail
