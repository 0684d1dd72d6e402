#include "quhua/util/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <vector>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::util {
namespace {

/// RAII owner of an iconv descriptor.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : m_cd(iconv_open(to, from)) {}
  ~Iconv() {
    if (valid()) iconv_close(m_cd);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool valid() const { return m_cd != reinterpret_cast<iconv_t>(-1); }

  /// Converts all of `in`; nullopt on an invalid or incomplete sequence.
  std::optional<std::string> convert(std::string_view in) {
    std::string out;
    std::vector<char> buffer(4096);
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    while (src_left > 0) {
      char* dst = buffer.data();
      std::size_t dst_left = buffer.size();
      const std::size_t rc = iconv(m_cd, &src, &src_left, &dst, &dst_left);
      out.append(buffer.data(), buffer.size() - dst_left);
      if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) return std::nullopt;
    }
    return out;
  }

 private:
  iconv_t m_cd;
};

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  return encoding == Encoding::utf8 ? "UTF-8" : "GB18030";
}

std::optional<Encoding> parse_encoding(std::string_view name) {
  const std::string n = to_lower_ascii(trim(name));
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "gbk" || n == "gb2312" || n == "cp936" || n == "936" || n == "gb18030" || n == "gb_2312-80" ||
      n == "ansi 936") {
    return Encoding::gb18030;
  }
  return std::nullopt;
}

std::optional<Encoding> detect_encoding(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return Encoding::utf8;
  Iconv cd("UTF-8", "GB18030");
  if (cd.valid() && cd.convert(bytes)) return Encoding::gb18030;
  return std::nullopt;
}

std::string to_utf8(std::string_view bytes, Encoding from) {
  if (from == Encoding::utf8) {
    if (!is_valid_utf8(bytes)) {
      throw InputError(ErrorCode::input_encoding, "text is not valid UTF-8");
    }
    return std::string(bytes);
  }
  Iconv cd("UTF-8", "GB18030");
  if (!cd.valid()) throw InternalError("iconv cannot convert from GB18030 on this system");
  auto out = cd.convert(bytes);
  if (!out) throw InputError(ErrorCode::input_encoding, "text is not valid GBK/GB18030");
  return *out;
}

bool looks_like_mojibake(std::string_view text) {
  // GBK double-byte characters read as Latin-1 become pairs of code points in U+0080..U+00FF;
  // Chinese text never has such runs, nor U+FFFD replacement characters.
  std::size_t latin_high = 0;
  std::size_t replacement = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (s[i] == 0xC2 || s[i] == 0xC3) {
      if ((s[i + 1] & 0xC0) == 0x80 && !(s[i] == 0xC2 && s[i + 1] < 0xA0)) ++latin_high;
    }
    if (i + 2 < text.size() && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD) ++replacement;
  }
  return latin_high >= 2 || replacement >= 1;
}

}  // namespace quhua::util
