// TextTable: a plain terminal table that lines up columns of mixed Chinese and Latin text
// (East Asian wide characters take two columns on a terminal).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quhua::util {

/// Terminal display width of UTF-8 text: CJK and full-width forms count 2, others 1.
std::size_t display_width(std::string_view text);

class TextTable {
 public:
  enum class Align { left, right };

  explicit TextTable(std::vector<std::string> header, std::vector<Align> align = {});
  void add_row(std::vector<std::string> row);
  /// Renders with a rule under the header; columns separated by two spaces.
  std::string render() const;

 private:
  std::vector<std::string> m_header;
  std::vector<Align> m_align;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace quhua::util
