# Writes a C++ source defining haiquan::embedded::${SYMBOL}() over the bytes of ${IN}.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hex_len)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
math(EXPR size "${hex_len} / 2")
file(WRITE ${OUT}
  "#include <string_view>\n"
  "namespace haiquan::embedded {\n"
  "namespace { constexpr char kData[${size} + 1] = {${bytes} 0}; }\n"
  "std::string_view ${SYMBOL}() { return {kData, ${size}}; }\n"
  "}  // namespace haiquan::embedded\n")
