#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace quhua::util {

std::string_view trim(std::string_view text) {
  constexpr std::string_view k_blank = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(k_blank);
  if (first == std::string_view::npos) return {};
  // UTF-8 BOM at the start of a field is noise from Excel exports.
  std::string_view out = text.substr(first, text.find_last_not_of(k_blank) - first + 1);
  if (out.substr(0, 3) == "\xEF\xBB\xBF") out.remove_prefix(3);
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      break;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower_ascii(a) == to_lower_ascii(b);
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::string cleaned;
  cleaned.reserve(text.size());
  for (char c : text) {
    if (c != ',') cleaned.push_back(c);
  }
  if (cleaned.empty()) return std::nullopt;
  const char* begin = cleaned.data();
  const char* end = begin + cleaned.size();
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<long long> parse_int(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::size_t utf8_valid_prefix(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return n;
}

bool is_valid_utf8(std::string_view text) { return utf8_valid_prefix(text) == text.size(); }

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string first_control_character(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::optional<std::uint32_t> found;
  for (std::size_t i = 0; i < text.size() && !found; ++i) {
    if (s[i] < 0x20 || s[i] == 0x7F) {
      found = s[i];
    } else if (s[i] == 0xC2 && i + 1 < text.size() && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
      found = s[i + 1];  // C1: U+0080 .. U+009F
    } else if (s[i] == 0xE2 && i + 2 < text.size() && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
      found = 0x2000u + (s[i + 2] - 0x80u);  // U+2028, U+2029
    }
  }
  if (!found) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(*found));
  return buffer;
}

bool has_cjk(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i + 2 < text.size() + 0; ++i) {
    if ((s[i] & 0xF0) == 0xE0 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      const std::uint32_t cp = ((s[i] & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
    }
  }
  return false;
}

std::string fixed(double value, int decimals) {
  // Sized by a first pass: 1e308 has 309 digits before the point, and every one of them is printed.
  decimals = std::max(decimals, 0);
  const int size = std::snprintf(nullptr, 0, "%.*f", decimals, value);
  if (size <= 0) return {};
  std::string out(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(out.data(), out.size(), "%.*f", decimals, value);
  out.pop_back();
  return out;
}

std::string general(double value) {
  char buffer[32];  // the shortest round-trip form of a double takes at most 24 characters
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return fixed(value, 6);
  return std::string(buffer, end);
}

}  // namespace quhua::util
