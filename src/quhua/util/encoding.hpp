// Text encodings met in Chinese government data: UTF-8 (with or without BOM) and GBK/GB18030
// (Excel's "CSV" on a Chinese Windows, most Shapefile .dbf files). Conversion goes through glibc's iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quhua::util {

enum class Encoding { utf8, gb18030 };
std::string_view encoding_name(Encoding encoding);  ///< "UTF-8", "GB18030"
/// Parses "UTF-8", "utf8", "GBK", "GB2312", "CP936", "GB18030" (any case). Unknown -> nullopt.
std::optional<Encoding> parse_encoding(std::string_view name);

/// Guesses the encoding of raw bytes: valid UTF-8 -> utf8; otherwise bytes that decode as GB18030
/// -> gb18030; otherwise nullopt (binary or unknown).
std::optional<Encoding> detect_encoding(std::string_view bytes);

/// Converts to UTF-8. Throws InputError(input_encoding) when the bytes are not valid in `from`.
std::string to_utf8(std::string_view bytes, Encoding from);

/// True when UTF-8 text looks like mojibake: GBK bytes decoded as Latin-1/CP1252 and re-encoded
/// ("ÄÏ³äÊÐ"), or runs of U+FFFD replacement characters.
bool looks_like_mojibake(std::string_view utf8_text);

}  // namespace quhua::util
