#pragma once
// What the stage benchmarks share: the data directory, sample records, one Renderer per process,
// and a development PKI made once per process in a temporary directory (never keys/dev), so the
// benchmarks run on a fresh checkout and never touch a developer's keys.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/layout/layout.h"
#include "engine/render/renderer.h"
#include "engine/seal/seal_key.h"
#include "engine/seal/trust_list.h"
#include "engine/sign/key_file_signer.h"

namespace absah::bench {

// A sealed one-page letter is the document every stage benchmark measures: the same letter
// tests/bench/peers.sh renders with the peer tools.
inline constexpr const char* kLetterType = "sk_kelahiran";
// 2026-11-21 10:30 WITA: a fixed issue time keeps every rendering identical in size.
inline constexpr int64_t kIssueTime = 1795163400;

nlohmann::json sample_record(const std::string& type);
render::Renderer& shared_renderer();

// The record as layout sees it: the document keys (nomor, tanggal_terbit) taken out.
nlohmann::json subject_record(const std::string& type);

struct DevKeys {
  std::filesystem::path dir;
  std::unique_ptr<sign::KeyFileSigner> ec_signer;
  std::unique_ptr<sign::KeyFileSigner> rsa_signer;
  std::unique_ptr<seal::SealKey> seal_key;
  seal::TrustList seal_trust;
};

// Made on first call; the directory is removed at process exit. Throws when it cannot be made.
DevKeys& dev_keys();

// A render request for the letter, signed with `signer` (nullptr: unsigned) and sealed.
render::RenderRequest letter_request(sign::Signer* signer, bool sealed);

// Everything layout needs for the sealed letter, built once: the spec, the record as layout
// sees it, the document keys and the seal's QR grid.
struct LetterInputs {
  std::shared_ptr<const layout::LayoutSpec> spec;
  nlohmann::json record;
  nlohmann::json doc;
  layout::LayoutInputs inputs;  // seal only; bound() points at the rest

  static const LetterInputs& get();
  layout::LayoutInputs bound() const;
};

// The letter laid out once (the input of the PDF writing and subsetting benchmarks).
const layout::DocumentFrames& letter_frames();

// The signed, sealed letter rasterised by poppler (`pdftoppm -gray`, as a flatbed scanner
// would deliver it) at `dpi`, as PNG bytes.
std::string letter_scan_png(int dpi);

// A fresh empty temporary directory, removed at process exit.
std::filesystem::path temp_dir(const std::string& tag);

// Runs a shell command; throws with the command on a non-zero exit.
void run_or_throw(const std::string& command);

}  // namespace absah::bench
