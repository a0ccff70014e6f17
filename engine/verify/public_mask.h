#pragma once
// What the public may see of a person: the first letter of each word of the name, the rest as
// asterisks ("BAIQ SRI WAHYUNI" → "B*** S** W******"), and of a NIK or KK number the region
// (4 digits) and the last 2 digits. Characters are counted as UTF-8 code points, so "ṢALIḤ"
// becomes "Ṣ****".

#include <string>
#include <string_view>

namespace absah::verify {

std::string mask_name(std::string_view name);
std::string mask_id(std::string_view id);

}  // namespace absah::verify
