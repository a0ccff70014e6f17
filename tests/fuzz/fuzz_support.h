#pragma once
// What the fuzz targets share: the source tree's data (layouts, fonts, samples, development
// keys) and a trust list for seals. Everything here is built once per process, on first use,
// so each input costs only the code under test.

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/base/data_dir.h"
#include "engine/seal/seal_key.h"
#include "engine/seal/trust_list.h"
#include "engine/sign/dev_pki.h"

namespace absah::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline std::filesystem::path data_dir() {
  return resolve_data_dir();
}

// The development PKI (keys/dev, made by `absah keys init`) when present, so that seeds signed
// and sealed with the development keys reach the signature checks; otherwise a fresh one in a
// temporary folder.
inline const std::filesystem::path& dev_keys_dir() {
  static const std::filesystem::path dir = [] {
    namespace fs = std::filesystem;
    const fs::path dev = data_dir() / "keys" / "dev";
    if (fs::exists(dev / "seal-trust.json") && fs::exists(dev / "root-ca.pem")) return dev;
    sign::DevPkiOptions options;
    options.dir = fs::temp_directory_path() / ("absah-fuzz-keys." + std::to_string(getpid()));
    options.overwrite = sign::Overwrite::Yes;
    if (!sign::create_dev_pki(options)) std::abort();
    return options.dir;
  }();
  return dir;
}

inline const seal::TrustList& seal_trust() {
  static const seal::TrustList list = [] {
    auto loaded = seal::load_trust_list(dev_keys_dir() / "seal-trust.json");
    if (!loaded) std::abort();
    return std::move(loaded).value();
  }();
  return list;
}

// 2026-06-01T00:00:00Z: inside the development keys' validity.
constexpr int64_t kFuzzNow = 1780272000;

}  // namespace absah::fuzz
