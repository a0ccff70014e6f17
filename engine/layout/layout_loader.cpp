#include "engine/layout/layout_loader.h"

#include <algorithm>

#include "engine/base/file_io.h"
#include "engine/base/json_syntax.h"

namespace absah::layout {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kMaxIncludeDepth = 8;
constexpr uint64_t kMaxLayoutBytes = 1 << 20;

Result<json> parse_jsonc(const fs::path& file) {
  auto text = read_file(file, kMaxLayoutBytes);
  if (!text) return text.take_error();
  auto parsed = parse_json(*text, /*allow_comments=*/true);
  if (!parsed) {
    Error err = parsed.take_error();
    err.code = ErrorCode::LayoutSyntax;
    err.path = file.filename().string();
    return err;
  }
  return parsed;
}

Status resolve_includes(json& node, const fs::path& dir, int depth, const std::string& where) {
  if (depth > kMaxIncludeDepth)
    return Error(ErrorCode::LayoutInvalid, where, "includes nested more than 8 deep (a cycle?)");
  if (node.is_object()) {
    if (node.contains("$include")) {
      if (!node["$include"].is_string())
        return Error(ErrorCode::LayoutInvalid, where + ".$include", "expected a file name");
      std::string name = node["$include"].get<std::string>();
      if (name.find("..") != std::string::npos)
        return Error(ErrorCode::LayoutInvalid, where + ".$include",
                     "'..' is not allowed in include paths");
      auto part = parse_jsonc(dir / name);
      if (!part) return part.take_error();
      ABSAH_TRY_STATUS(resolve_includes(*part, dir, depth + 1, name));
      json local = node;
      local.erase("$include");
      if (part->is_object()) {
        json merged = std::move(*part);
        for (auto& [k, v] : local.items()) merged[k] = v;
        node = std::move(merged);
      } else {
        if (!local.empty())
          return Error(ErrorCode::LayoutInvalid, where, "an included list cannot take extra keys");
        node = std::move(*part);
      }
    }
    if (node.is_object()) {
      for (auto& [k, v] : node.items())
        ABSAH_TRY_STATUS(resolve_includes(v, dir, depth, where + "." + k));
    } else {
      ABSAH_TRY_STATUS(resolve_includes(node, dir, depth, where));
    }
  } else if (node.is_array()) {
    json out = json::array();
    for (size_t i = 0; i < node.size(); ++i) {
      json item = node[i];
      bool splice = item.is_object() && item.contains("$include") && item.size() == 1;
      ABSAH_TRY_STATUS(resolve_includes(item, dir, depth, where + "[" + std::to_string(i) + "]"));
      if (splice && item.is_array()) {
        for (auto& x : item) out.push_back(std::move(x));
      } else {
        out.push_back(std::move(item));
      }
    }
    node = std::move(out);
  }
  return ok_status();
}

struct Parser {
  std::string name;
  std::map<std::string, json> styles;

  Error err(const std::string& where, const std::string& msg) const {
    return Error(ErrorCode::LayoutInvalid, name + ": " + where, msg);
  }

  Result<double> number(const json& j, const std::string& where, double lo, double hi) const {
    if (!j.is_number()) return err(where, "expected a number");
    double v = j.get<double>();
    if (v < lo || v > hi)
      return err(where, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    return v;
  }

  Result<std::string> string(const json& j, const std::string& where) const {
    if (!j.is_string()) return err(where, "expected a string");
    return j.get<std::string>();
  }

  // "style": "name" | ["a", "b"] | {inline}; plus inline shorthand keys on the node itself.
  Result<TextStyle> style_of(const json& node, const TextStyle& inherited, const std::string& where,
                             const char* key = "style") const {
    TextStyle s = inherited;
    if (!node.contains(key)) return s;
    const json& st = node[key];
    std::vector<json> layers;
    if (st.is_string()) {
      auto it = styles.find(st.get<std::string>());
      if (it == styles.end())
        return err(where + "." + key, "unknown style '" + st.get<std::string>() + "'");
      layers.push_back(it->second);
    } else if (st.is_array()) {
      for (const auto& n : st) {
        if (!n.is_string()) return err(where + "." + key, "expected style names");
        auto it = styles.find(n.get<std::string>());
        if (it == styles.end())
          return err(where + "." + key, "unknown style '" + n.get<std::string>() + "'");
        layers.push_back(it->second);
      }
    } else if (st.is_object()) {
      layers.push_back(st);
    } else {
      return err(where + "." + key, "expected a style name, a list of names or an object");
    }
    for (const json& layer : layers) {
      auto r = apply_style(s, layer, name + ": " + where + "." + key);
      if (!r) return r.take_error();
      s = *r;
    }
    return s;
  }

  Result<TextTemplate> tmpl(const json& j, const std::string& where) const {
    auto s = string(j, where);
    if (!s) return s.take_error();
    return TextTemplate::parse(*s, name + ": " + where);
  }

  Result<Rect> rect_mm(const json& j, const std::string& where) const {
    if (!j.is_array() || j.size() != 4) return err(where, "expected [x, y, width, height] in mm");
    double v[4];
    for (int i = 0; i < 4; ++i) {
      auto n = number(j[i], where, -1000, 1000);
      if (!n) return n.take_error();
      v[i] = mm(*n);
    }
    return Rect{v[0], v[1], v[2], v[3]};
  }

  Result<Sides> sides_mm(const json& j, const std::string& where) const {
    if (j.is_number()) {
      double v = mm(j.get<double>());
      return Sides{v, v, v, v};
    }
    if (!j.is_array() || j.size() != 4)
      return err(where, "expected a number or [top, right, bottom, left] in mm");
    double v[4];
    for (int i = 0; i < 4; ++i) {
      auto n = number(j[i], where, 0, 200);
      if (!n) return n.take_error();
      v[i] = mm(*n);
    }
    return Sides{v[0], v[1], v[2], v[3]};
  }

  Result<std::vector<Node>> node_list(const json& j, const TextStyle& inherited,
                                      const std::string& where) const {
    if (!j.is_array()) return err(where, "expected a list of nodes");
    std::vector<Node> out;
    for (size_t i = 0; i < j.size(); ++i) {
      auto n = node(j[i], inherited, where + "[" + std::to_string(i) + "]");
      if (!n) return n.take_error();
      out.push_back(std::move(*n));
    }
    return out;
  }

  Result<Node> node(const json& j, const TextStyle& inherited, const std::string& where) const;
  Status fields(Node& n, const json& j, const std::string& where) const;
  Status table(Node& n, const json& j, const std::string& where) const;
};

Status Parser::fields(Node& n, const json& j, const std::string& where) const {
  // "fields": [rows], with "label_width" (mm), "numbered": true, "indent" (mm),
  // "label_style"/"value_style"/"heading_style".
  auto ls = style_of(j, n.style, where, "label_style");
  if (!ls) return ls.take_error();
  n.label_style = *ls;
  auto vs = style_of(j, n.style, where, "value_style");
  if (!vs) return vs.take_error();
  n.value_style = *vs;
  TextStyle hs = n.style;
  hs.bold = true;
  auto hsr = style_of(j, hs, where, "heading_style");
  if (!hsr) return hsr.take_error();
  n.heading_style = *hsr;
  n.label_width = mm(j.value("label_width", 40.0));
  n.number_width = j.value("numbered", false) ? mm(j.value("number_width", 6.0)) : 0;
  n.indent_width = mm(j.value("indent", 5.0));
  n.row_gap = mm(j.value("row_gap", 0.6));
  const json& rows = j["fields"];
  if (!rows.is_array()) return err(where + ".fields", "expected a list of rows");
  for (size_t i = 0; i < rows.size(); ++i) {
    const json& r = rows[i];
    std::string at = where + ".fields[" + std::to_string(i) + "]";
    if (!r.is_object()) return err(at, "expected {\"label\": ..., \"value\": ...}");
    FieldRow row;
    row.src = name + ": " + at;
    for (const auto& [k, v] : r.items()) {
      if (k == "label" || k == "value" || k == "heading") {
        auto t = tmpl(v, at + "." + k);
        if (!t) return t.take_error();
        (k == "label" ? row.label : k == "value" ? row.value : row.heading) = std::move(*t);
      } else if (k == "when") {
        row.when = v.get<std::string>();
      } else if (k == "unless") {
        row.unless = v.get<std::string>();
      } else if (k == "indent") {
        row.indent = v.get<int>();
      } else if (k == "numbered") {
        row.numbered = v.get<bool>();
      } else {
        return err(
            at + "." + k,
            "unknown key in a field row (label, value, heading, when, unless, indent, numbered)");
      }
    }
    if (!row.heading && !row.label) return err(at, "a row needs a label or a heading");
    n.rows.push_back(std::move(row));
  }
  return ok_status();
}

Status Parser::table(Node& n, const json& t, const std::string& where) const {
  if (!t.is_object()) return err(where + ".table", "expected an object");
  auto rows = string(t.value("rows", json()), where + ".table.rows");
  if (!rows) return rows.take_error();
  n.rows_path = *rows;
  n.min_rows = t.value("min_rows", 0);
  n.cell_padding = mm(t.value("cell_padding", 0.8));
  TextStyle hs = n.style;
  hs.bold = true;
  hs.upper = false;  // headers are written as the form prints them
  auto hsr = style_of(t, hs, where + ".table", "header_style");
  if (!hsr) return hsr.take_error();
  n.header_style = *hsr;
  if (t.contains("header_fill")) {
    auto c = parse_color(t["header_fill"], name + ": " + where + ".table.header_fill");
    if (!c) return c.take_error();
    n.header_fill = *c;
  }
  const json& cols = t.value("columns", json());
  if (!cols.is_array() || cols.empty())
    return err(where + ".table.columns", "expected a non-empty list");
  for (size_t i = 0; i < cols.size(); ++i) {
    const json& c = cols[i];
    std::string at = where + ".table.columns[" + std::to_string(i) + "]";
    TableColumn col;
    auto h = tmpl(c.value("header", json("")), at + ".header");
    if (!h) return h.take_error();
    col.header = std::move(*h);
    auto v = tmpl(c.value("value", json("")), at + ".value");
    if (!v) return v.take_error();
    col.value = std::move(*v);
    col.weight = c.value("weight", 1.0);
    col.fixed_width = mm(c.value("width", 0.0));
    col.group = c.value("group", "");
    std::string a = c.value("align", "left");
    col.align = a == "center" ? Align::Center : a == "right" ? Align::Right : Align::Left;
    n.columns.push_back(std::move(col));
  }
  return ok_status();
}

Result<Node> Parser::node(const json& j, const TextStyle& inherited,
                          const std::string& where) const {
  if (!j.is_object()) return err(where, "expected a node object");
  Node n;
  n.src = name + ": " + where;
  auto st = style_of(j, inherited, where);
  if (!st) return st.take_error();
  n.style = *st;
  n.when = j.value("when", "");
  n.unless = j.value("unless", "");
  n.space_before = mm(j.value("space_before", 0.0));
  n.space_after = mm(j.value("space_after", 0.0));
  n.keep_with_next = j.value("keep_with_next", false);
  if (j.contains("at")) {
    auto r = rect_mm(j["at"], where + ".at");
    if (!r) return r.take_error();
    n.at = *r;
  }
  if (j.contains("padding")) {
    auto p = sides_mm(j["padding"], where + ".padding");
    if (!p) return p.take_error();
    n.padding = *p;
  }
  for (const char* key : {"fill", "stroke"}) {
    if (j.contains(key)) {
      auto c = parse_color(j[key], name + ": " + where + "." + key);
      if (!c) return c.take_error();
      (std::string(key) == "fill" ? n.fill : n.stroke) = *c;
    }
  }
  n.width = mm(j.value("width", 0.0));
  n.height = mm(j.value("height", 0.0));
  n.gap = mm(j.value("gap", 0.0));
  n.thickness = j.value("thickness", 0.75);
  n.corner_radius = mm(j.value("radius", 0.0));
  if (j.contains("caption")) {
    auto c = tmpl(j["caption"], where + ".caption");
    if (!c) return c.take_error();
    n.caption = std::move(*c);
  }

  if (j.contains("text") || j.contains("paragraph")) {
    bool para = j.contains("paragraph");
    n.kind = para ? NodeKind::Paragraph : NodeKind::Text;
    auto t = tmpl(j[para ? "paragraph" : "text"], where + (para ? ".paragraph" : ".text"));
    if (!t) return t.take_error();
    n.text = std::move(*t);
  } else if (j.contains("fields")) {
    n.kind = NodeKind::Fields;
    ABSAH_TRY_STATUS(fields(n, j, where));
  } else if (j.contains("table")) {
    n.kind = NodeKind::Table;
    ABSAH_TRY_STATUS(table(n, j["table"], where));
  } else if (j.contains("image")) {
    n.kind = NodeKind::Image;
    auto f = string(j["image"], where + ".image");
    if (!f) return f.take_error();
    n.image_field = *f;
    n.placeholder = j.value("placeholder", "");
  } else if (j.contains("rule")) {
    n.kind = NodeKind::Rule;
    n.double_rule = j.value("double", false);
  } else if (j.contains("box") || j.contains("stack") || j.contains("row")) {
    const char* key = j.contains("box") ? "box" : j.contains("stack") ? "stack" : "row";
    n.kind = std::string(key) == "box"     ? NodeKind::Box
             : std::string(key) == "stack" ? NodeKind::Stack
                                           : NodeKind::Row;
    auto kids = node_list(j[key], n.style, where + "." + key);
    if (!kids) return kids.take_error();
    n.children = std::move(*kids);
    if (n.kind == NodeKind::Row) {
      if (j.contains("weights")) {
        for (const auto& w : j["weights"]) n.weights.push_back(w.get<double>());
        if (n.weights.size() != n.children.size())
          return err(where + ".weights", "needs one weight per child");
      } else {
        n.weights.assign(n.children.size(), 1.0);
      }
      std::string va = j.value("valign", "top");
      n.v_align = va == "middle" ? Align::Center : va == "bottom" ? Align::Right : Align::Left;
    }
  } else if (j.contains("spacer")) {
    n.kind = NodeKind::Spacer;
    auto h = number(j["spacer"], where + ".spacer", 0, 300);
    if (!h) return h.take_error();
    n.height = mm(*h);
  } else if (j.contains("seal")) {
    n.kind = NodeKind::Seal;
    n.module_size = mm(j.value("module", 0.0));
  } else if (j.contains("signature")) {
    n.kind = NodeKind::Signature;
  } else if (j.contains("emblem")) {
    n.kind = NodeKind::Emblem;
  } else if (j.contains("page_break")) {
    n.kind = NodeKind::PageBreak;
  } else {
    return err(where,
               "node has no kind (text, paragraph, fields, table, image, rule, box, stack, row, "
               "spacer, seal, signature, emblem, page_break)");
  }
  return n;
}

Result<Size> paper_size(const std::string& paper, const std::string& orientation,
                        const std::string& where) {
  Size s;
  if (paper == "A4")
    s = {mm(210), mm(297)};
  else if (paper == "F4")
    s = {mm(215), mm(330)};
  else if (paper == "ID-1")
    s = {mm(85.6), mm(53.98)};
  else
    return Error(ErrorCode::LayoutInvalid, where + ".paper",
                 "paper must be A4, F4 or ID-1, got \"" + paper + "\"");
  bool landscape = orientation == "landscape";
  if (orientation != "landscape" && orientation != "portrait")
    return Error(ErrorCode::LayoutInvalid, where + ".orientation",
                 "orientation must be portrait or landscape");
  bool wide = s.width > s.height;
  if (landscape != wide) std::swap(s.width, s.height);
  return s;
}

}  // namespace

Result<json> read_jsonc_with_includes(const fs::path& file, const fs::path& layouts_dir) {
  auto doc = parse_jsonc(file);
  if (!doc) return doc.take_error();
  ABSAH_TRY_STATUS(resolve_includes(*doc, layouts_dir, 0, file.filename().string()));
  return std::move(*doc);
}

namespace {

Result<std::shared_ptr<const LayoutSpec>> parse_layout_fields(const json& doc,
                                                              const std::string& name) {
  if (!doc.is_object()) return Error(ErrorCode::LayoutInvalid, name, "a layout is a JSON object");
  auto spec = std::make_shared<LayoutSpec>();
  Parser p{name, {}};
  spec->source_path = name;
  spec->type = doc.value("type", "");
  spec->title = doc.value("title", "");
  spec->family = doc.value("family", "letter");
  spec->paper = doc.value("paper", "A4");
  spec->orientation = doc.value("orientation", "portrait");
  if (spec->type.empty()) return p.err("type", "missing document type code");
  if (doc.contains("number")) {
    spec->number_field = doc["number"].value("field", "");
    spec->number_format = doc["number"].value("format", "");
  }
  if (doc.contains("subject")) {
    spec->subject_id_field = doc["subject"].value("id", "");
    spec->subject_name_field = doc["subject"].value("name", "");
  }
  if (doc.contains("styles")) {
    if (!doc["styles"].is_object()) return p.err("styles", "expected an object of named styles");
    for (const auto& [k, v] : doc["styles"].items()) p.styles[k] = v;
  }
  TextStyle base;
  if (p.styles.count("base")) {
    auto b = apply_style(base, p.styles["base"], name + ": styles.base");
    if (!b) return b.take_error();
    base = *b;
  }
  auto size = paper_size(spec->paper, spec->orientation, name);
  if (!size) return size.take_error();
  Sides margin{mm(20), mm(20), mm(20), mm(20)};
  if (doc.contains("margin")) {
    auto m = p.sides_mm(doc["margin"], "margin");
    if (!m) return m.take_error();
    margin = *m;
  }
  spec->schema = doc.value("schema", json::object());

  if (doc.contains("pages")) {
    spec->mode = PageMode::Fixed;
    const json& pages = doc["pages"];
    if (!pages.is_array() || pages.empty())
      return p.err("pages", "expected a non-empty list of pages");
    for (size_t i = 0; i < pages.size(); ++i) {
      std::string at = "pages[" + std::to_string(i) + "]";
      PageSpec page;
      page.name = pages[i].value("name", "page " + std::to_string(i + 1));
      page.size = *size;
      page.margin = margin;
      if (pages[i].contains("background")) {
        auto c = parse_color(pages[i]["background"], name + ": " + at + ".background");
        if (!c) return c.take_error();
        page.background = *c;
      }
      auto kids = p.node_list(pages[i].value("children", json::array()), base, at + ".children");
      if (!kids) return kids.take_error();
      page.children = std::move(*kids);
      spec->pages.push_back(std::move(page));
    }
  } else if (doc.contains("flow")) {
    spec->mode = PageMode::Flow;
    PageSpec page;
    page.name = "page";
    page.size = *size;
    page.margin = margin;
    auto kids = p.node_list(doc["flow"], base, "flow");
    if (!kids) return kids.take_error();
    page.children = std::move(*kids);
    spec->pages.push_back(std::move(page));
    if (doc.contains("footer")) {
      auto f = p.node_list(doc["footer"], base, "footer");
      if (!f) return f.take_error();
      spec->footer = std::move(*f);
    }
  } else {
    return p.err("", "a layout needs either \"flow\" (paginated) or \"pages\" (fixed pages)");
  }
  return std::shared_ptr<const LayoutSpec>(spec);
}

}  // namespace

Result<std::shared_ptr<const LayoutSpec>> parse_layout(const json& doc, const std::string& name) {
  // A value of the wrong JSON type (a string expected, an object given) makes nlohmann throw
  // from deep inside the field readers; it becomes the layout's error instead of a crash.
  try {
    return parse_layout_fields(doc, name);
  } catch (const json::exception& e) {
    return Error(ErrorCode::LayoutInvalid, name,
                 std::string("a field has the wrong JSON type: ") + e.what());
  }
}

Result<std::shared_ptr<const LayoutSpec>> load_layout(const fs::path& layouts_dir,
                                                      const std::string& type) {
  if (type.empty() ||
      type.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos)
    return Error(ErrorCode::UnknownDocumentType, "type",
                 "not a document type code: \"" + type + "\"");
  fs::path file = layouts_dir / (type + ".jsonc");
  if (!fs::exists(file)) {
    std::string known;
    for (const auto& t : list_layout_types(layouts_dir)) known += (known.empty() ? "" : ", ") + t;
    return Error(ErrorCode::UnknownDocumentType, "type",
                 "unknown document type \"" + type + "\"; known types: " + known);
  }
  auto doc = read_jsonc_with_includes(file, layouts_dir);
  if (!doc) return doc.take_error();
  return parse_layout(*doc, file.filename().string());
}

std::vector<std::string> list_layout_types(const fs::path& layouts_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(layouts_dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".jsonc")
      out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace absah::layout
