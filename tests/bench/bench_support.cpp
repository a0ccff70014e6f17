#include "tests/bench/bench_support.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engine/base/data_dir.h"
#include "engine/base/file_io.h"
#include "engine/base/json_path.h"
#include "engine/model/canonical_json.h"
#include "engine/model/civil_date.h"
#include "engine/qr/qr_matrix.h"
#include "engine/seal/seal.h"
#include "engine/sign/dev_pki.h"

namespace absah::bench {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path>& dirs_to_remove() {
  static std::vector<fs::path> dirs;
  return dirs;
}

void remove_temp_dirs() {
  std::error_code ec;
  for (const auto& d : dirs_to_remove()) fs::remove_all(d, ec);
}

}  // namespace

fs::path temp_dir(const std::string& tag) {
  static std::once_flag cleanup;
  std::call_once(cleanup, [] { std::atexit(remove_temp_dirs); });
  static int counter = 0;
  fs::path dir =
      fs::temp_directory_path() /
      ("absah-bench-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  dirs_to_remove().push_back(dir);
  return dir;
}

void run_or_throw(const std::string& command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

nlohmann::json sample_record(const std::string& type) {
  std::ifstream in(resolve_data_dir() / "samples" / (type + ".json"));
  if (!in) throw std::runtime_error("no sample for " + type);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

nlohmann::json subject_record(const std::string& type) {
  nlohmann::json record = sample_record(type);
  record.erase(render::kRecordNumberKey);
  record.erase(render::kRecordIssueDateKey);
  return record;
}

render::Renderer& shared_renderer() {
  static auto renderer = [] {
    auto made = render::Renderer::create({resolve_data_dir()});
    if (!made) throw std::runtime_error(made.error().describe());
    return std::move(*made);
  }();
  return *renderer;
}

DevKeys& dev_keys() {
  static DevKeys keys = [] {
    DevKeys k;
    k.dir = temp_dir("pki");
    sign::DevPkiOptions options;
    options.dir = k.dir;
    auto pki = sign::create_dev_pki(options);
    if (!pki) throw std::runtime_error(pki.error().describe());
    for (const char* which : {"ec", "rsa"}) {
      auto s = sign::KeyFileSigner::open({k.dir / (std::string("signing-") + which + "-key.pem"),
                                          k.dir / (std::string("signing-") + which + ".pem"),
                                          k.dir / "chain.pem"});
      if (!s) throw std::runtime_error(s.error().describe());
      (which[0] == 'e' ? k.ec_signer : k.rsa_signer) = std::move(*s);
    }
    auto pem = read_file(k.dir / "seal-key.pem");
    if (!pem) throw std::runtime_error(pem.error().describe());
    auto seal_key = seal::SealKey::from_pem(*pem);
    if (!seal_key) throw std::runtime_error(seal_key.error().describe());
    k.seal_key = std::make_unique<seal::SealKey>(std::move(*seal_key));
    auto trust = seal::load_trust_list(k.dir / "seal-trust.json");
    if (!trust) throw std::runtime_error(trust.error().describe());
    k.seal_trust = std::move(*trust);
    return k;
  }();
  return keys;
}

render::RenderRequest letter_request(sign::Signer* signer, bool sealed) {
  render::RenderRequest request{kLetterType, sample_record(kLetterType), kIssueTime};
  request.signer = signer;
  if (sealed) request.seal_key = dev_keys().seal_key.get();
  return request;
}

const LetterInputs& LetterInputs::get() {
  static const LetterInputs made = [] {
    LetterInputs l;
    auto spec = shared_renderer().layout(kLetterType);
    if (!spec) throw std::runtime_error(spec.error().describe());
    l.spec = *spec;
    l.record = subject_record(kLetterType);
    const auto full = sample_record(kLetterType);
    const std::string number = full.at("nomor");
    const std::string issue_date = full.at("tanggal_terbit");
    l.doc = {{"type", kLetterType},
             {"title", l.spec->title},
             {"number", number},
             {"issue_date", issue_date}};
    seal::SealPayload p;
    p.document_type = l.spec->type;
    p.document_number = number;
    p.issue_date = model::parse_iso_date(issue_date)->days_since_epoch();
    p.office = static_cast<uint32_t>(std::stoul(shared_renderer().office().value("code", "0")));
    p.subject_id = string_at_json_path(l.record, l.spec->subject_id_field);
    p.subject_name = string_at_json_path(l.record, l.spec->subject_name_field);
    const auto digest = model::record_digest(l.record);
    p.record_digest.assign(reinterpret_cast<const char*>(digest.data()), digest.size());
    auto url = seal::make_seal_url(p, *dev_keys().seal_key);
    if (!url) throw std::runtime_error(url.error().describe());
    auto qr = qr::encode_qr(*url, qr::QrEcLevel::M);
    if (!qr) throw std::runtime_error(qr.error().describe());
    l.inputs.seal = layout::SealImage{qr->size, qr->dark, *url};
    return l;
  }();
  return made;
}

layout::LayoutInputs LetterInputs::bound() const {
  layout::LayoutInputs i = inputs;
  i.record = &record;
  i.office = &shared_renderer().office();
  i.doc = &doc;
  return i;
}

const layout::DocumentFrames& letter_frames() {
  static const layout::DocumentFrames frames = [] {
    const auto& l = LetterInputs::get();
    auto laid = layout::layout_document(*l.spec, shared_renderer().fonts(), l.bound());
    if (!laid) throw std::runtime_error(laid.error().describe());
    return laid->frames;
  }();
  return frames;
}

std::string letter_scan_png(int dpi) {
  auto doc = shared_renderer().render(letter_request(dev_keys().ec_signer.get(), true));
  if (!doc) throw std::runtime_error(doc.error().describe());
  const auto dir = temp_dir("scan");
  if (!write_file_atomic(dir / "letter.pdf", doc->pdf).ok())
    throw std::runtime_error("cannot write " + (dir / "letter.pdf").string());
  run_or_throw("pdftoppm -r " + std::to_string(dpi) + " -gray -png -singlefile '" +
               (dir / "letter.pdf").string() + "' '" + (dir / "page").string() + "'");
  auto png = read_file(dir / "page.png");
  if (!png) throw std::runtime_error(png.error().describe());
  return std::move(*png);
}

}  // namespace absah::bench
