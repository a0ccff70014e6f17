#pragma once
// The page behind every QR code (GET /v/<seal>): server-side HTML that a phone shows without
// JavaScript. The verdict comes first, in large words and its colour, on an element carrying
// `data-verdict`; then what the seal says the document is. The holder's name is masked and no
// NIK, address or birth date is ever shown. Indonesian by default, English with ?lang=en.

#include <string>

#include "engine/verify/verifier.h"

namespace absah::server {

enum class PageLanguage { Indonesian, English };

struct PublicPageInput {
  const verify::VerificationReport* report = nullptr;  // nullptr: the seal could not be checked
  PageLanguage language = PageLanguage::Indonesian;
  std::string type_title;  // "KUTIPAN AKTA KELAHIRAN"; empty falls back to the type code
  std::string self_path;   // "/v/<seal>", for the language toggle
};

std::string render_public_page(const PublicPageInput& input);

// The page for a path that is not a seal at all (404).
std::string render_not_found_page(PageLanguage language);

// The page when the register cannot be reached (503): the seal was not judged.
std::string render_unavailable_page(PageLanguage language);

// A piece of text made safe inside HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace absah::server
