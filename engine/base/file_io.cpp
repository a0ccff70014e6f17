#include "engine/base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace absah {

Result<std::string> read_file(const std::filesystem::path& path, uint64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error(ErrorCode::Io, path.string(),
                 "cannot open file: " + std::string(std::strerror(errno)));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return Error(ErrorCode::Io, path.string(), "cannot determine file size");
  if (static_cast<uint64_t>(size) > max_bytes)
    return Error(ErrorCode::Io, path.string(),
                 "file is " + std::to_string(size) + " bytes, more than the limit of " +
                     std::to_string(max_bytes));
  in.seekg(0);
  std::string data(static_cast<size_t>(size), '\0');
  if (!in.read(data.data(), size)) return Error(ErrorCode::Io, path.string(), "read failed");
  return data;
}

Status check_owner_only(const std::filesystem::path& path, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return Error(ErrorCode::Io, path.string(),
                 "cannot read " + std::string(what) + " file: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return Error(ErrorCode::Io, path.string(), std::string(what) + " path is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Error(ErrorCode::Io, path.string(),
                 std::string(what) + " file is accessible by group or others (mode " + mode +
                     "); restrict it with chmod 600");
  }
  return ok_status();
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return Error(ErrorCode::Io, path.string(),
                 "cannot create: " + std::string(std::strerror(errno)));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error(ErrorCode::Io, path.string(), "write failed: " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Error(ErrorCode::Io, path.string(), "flush failed: " + why);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Error(ErrorCode::Io, path.string(), "rename failed: " + why);
  }
  return ok_status();
}

}  // namespace absah
