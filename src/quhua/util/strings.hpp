// Small string helpers that know nothing of townships: trimming, splitting, number parsing without
// locale surprises, UTF-8 checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::util {

std::string_view trim(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string to_lower_ascii(std::string_view text);
bool iequals_ascii(std::string_view a, std::string_view b);
bool is_digits(std::string_view text);

/// Parses a decimal number; surrounding blanks allowed, thousands separators (',') tolerated when the
/// text has no other commas-as-decimal ambiguity ("12,345" -> 12345). Empty or garbage -> nullopt.
std::optional<double> parse_double(std::string_view text);
std::optional<long long> parse_int(std::string_view text);

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);
/// Length in bytes of the longest well-formed UTF-8 prefix of `text`: the offset of the first bad byte.
std::size_t utf8_valid_prefix(std::string_view text);
/// Number of code points in valid UTF-8 text (bytes counted as one each where invalid).
std::size_t utf8_length(std::string_view text);
/// The first control character in UTF-8 `text` (C0 such as a newline or a tab, DEL, C1, and the line and
/// paragraph separators U+2028/U+2029), as "U+000A"; empty when there is none.
std::string first_control_character(std::string_view text);
/// True when the text contains at least one CJK unified ideograph.
bool has_cjk(std::string_view text);

/// Formats a double with `decimals` digits after the point, no locale; every digit, however large the
/// number (1e300 prints its 301 digits; "inf", "nan" and "-inf" for the rest).
std::string fixed(double value, int decimals);
/// The shortest text that reads back as the same double ("5e+307", "0.1", "12345"), for messages
/// about values of any size.
std::string general(double value);

}  // namespace quhua::util
