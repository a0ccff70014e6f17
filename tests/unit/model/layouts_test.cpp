// The shipped data against the model: the shared enumerations parse, every layout's schema
// parses with them, and every sample record validates against its layout's schema.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/model/schema.h"
#include "engine/model/validate.h"

namespace absah::model {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path data_dir() {
  if (const char* d = std::getenv("ABSAH_DATA_DIR")) return d;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
}

json read_jsonc(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
}

// Enough of the layout loader's "$include" for schemas: an object naming a part is replaced by
// the part, with the object's other keys laid over it.
void resolve(json& node, const fs::path& layouts, int depth = 0) {
  ASSERT_LT(depth, 8);
  if (node.is_object()) {
    if (node.contains("$include")) {
      json part = read_jsonc(layouts / node["$include"].get<std::string>());
      resolve(part, layouts, depth + 1);
      node.erase("$include");
      for (auto& [k, v] : node.items()) part[k] = v;
      node = std::move(part);
    }
    for (auto& [k, v] : node.items()) resolve(v, layouts, depth);
  } else if (node.is_array()) {
    for (auto& v : node) resolve(v, layouts, depth);
  }
}

Enumerations shipped_enums() {
  auto e = parse_enumerations(read_jsonc(data_dir() / "layouts" / "parts" / "enums.jsonc"));
  EXPECT_TRUE(e) << e.error().describe();
  return e ? *e : Enumerations{};
}

}  // namespace

TEST(ShippedData, EnumerationsHoldTheReferenceLists) {
  Enumerations e = shipped_enums();
  EXPECT_EQ(e.lists["pekerjaan"].size(), 89u);
  EXPECT_EQ(e.lists["pekerjaan"].front(), "BELUM/TIDAK BEKERJA");
  EXPECT_EQ(e.lists["pekerjaan"].back(), "LAINNYA");
  EXPECT_EQ(e.lists["shdk"].size(), 11u);
  EXPECT_EQ(e.lists["pendidikan"].size(), 10u);
  EXPECT_EQ(e.lists["agama"].back(), "KEPERCAYAAN TERHADAP TUHAN YME");
  EXPECT_EQ(e.lists["status_perkawinan"].size(), 4u);
  EXPECT_EQ(e.lists["status_perkawinan_kk"].size(), 6u);
  EXPECT_THAT(e.lists["golongan_darah"], ::testing::Contains("TIDAK TAHU"));
  EXPECT_THAT(e.lists["golongan_darah"], ::testing::Contains("-"));
  EXPECT_EQ(e.lists["kecamatan_mataram"].size(), 6u);
  for (const char* name :
       {"jenis_kelamin", "kewarganegaraan", "klasifikasi_pindah", "jenis_kepindahan",
        "status_kk_pindah", "tempat_dilahirkan", "jenis_kelahiran", "penolong_kelahiran"})
    EXPECT_TRUE(e.lists.count(name)) << name;
  for (const auto& [name, values] : e.lists)
    for (const std::string& v : values)
      EXPECT_EQ(v.find_first_of("abcdefghijklmnopqrstuvwxyz"), std::string::npos)
          << name << ": values are upper case as printed: " << v;
}

TEST(ShippedData, EveryLayoutSchemaParsesAndEverySampleValidates) {
  Enumerations enums = shipped_enums();
  const fs::path layouts = data_dir() / "layouts";
  int schemas = 0, samples = 0;
  for (const auto& entry : fs::directory_iterator(layouts)) {
    if (entry.path().extension() != ".jsonc") continue;
    std::string type = entry.path().stem().string();
    json layout = read_jsonc(entry.path());
    if (!layout.contains("schema")) continue;
    json schema_json = layout["schema"];
    resolve(schema_json, layouts);
    auto schema = parse_schema(schema_json, enums);
    ASSERT_TRUE(schema) << type << ": " << schema.error().describe();
    ++schemas;

    fs::path sample = data_dir() / "samples" / (type + ".json");
    if (!fs::exists(sample)) continue;
    json record = read_jsonc(sample);
    // The renderer takes the document keys out before validating (engine/render/renderer.h).
    std::optional<CivilDate> issued;
    if (record.contains("tanggal_terbit"))
      if (auto d = parse_iso_date(record["tanggal_terbit"].get<std::string>())) issued = *d;
    record.erase("nomor");
    record.erase("tanggal_terbit");
    auto r = validate_record(record, *schema, issued);
    ++samples;
    std::string problems;
    for (const Error& e : r.errors) problems += "\n  " + e.describe();
    EXPECT_TRUE(r.ok()) << "samples/" << type << ".json:" << problems;
  }
  EXPECT_GE(schemas, 5);
  EXPECT_GE(samples, 5);
}

}  // namespace absah::model
