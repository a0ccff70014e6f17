#pragma once
// The route template of a request ("/v1/documents/{number}"), used as the label of metrics and
// in access logs instead of the path: paths carry document numbers and seals (which encode a
// NIK), and a label per path would grow without bound.

#include <string>
#include <string_view>

namespace absah::server {

// "other" for anything the service does not route.
std::string route_template(std::string_view method, std::string_view path);

}  // namespace absah::server
