// Images: a photo or specimen signature from the record, fitted into its box keeping the
// aspect ratio, or — when the record has none — a neutral drawn placeholder.

#include "engine/base/base64.h"
#include "engine/layout/image_decode.h"
#include "engine/layout/node_layouter.h"

namespace absah::layout {

namespace {

void silhouette(Block& b, const Rect& r) {
  Shape bg;
  bg.rect = r;
  bg.fill = Color{0.86, 0.88, 0.9};
  b.items.push_back(bg);
  Color figure{0.62, 0.65, 0.7};
  Shape head;
  head.kind = Shape::Kind::Ellipse;
  double hw = r.width * 0.42, hh = r.height * 0.36;
  head.rect = {r.x + (r.width - hw) / 2, r.y + r.height * 0.16, hw, hh};
  head.fill = figure;
  b.items.push_back(head);
  Shape body;
  body.kind = Shape::Kind::Polygon;
  body.fill = figure;
  double top = r.y + r.height * 0.58;
  body.points = {
      {r.x + r.width * 0.12, r.y + r.height},        {r.x + r.width * 0.16, top + r.height * 0.12},
      {r.x + r.width * 0.3, top + r.height * 0.03},  {r.x + r.width * 0.7, top + r.height * 0.03},
      {r.x + r.width * 0.84, top + r.height * 0.12}, {r.x + r.width * 0.88, r.y + r.height}};
  b.items.push_back(body);
}

}  // namespace

Status NodeLayouter::image_node(const Node& n, const Scope& scope, double width,
                                std::vector<Block>& out) {
  double w = n.width > 0 ? n.width : width;
  double h = n.height > 0 ? n.height : w * 4 / 3;
  double x = n.style.align == Align::Center  ? (width - w) / 2
             : n.style.align == Align::Right ? width - w
                                             : 0;
  Block b;
  b.height = h;
  const nlohmann::json* v = scope.lookup(n.image_field);
  if (v && v->is_string() && !v->get_ref<const std::string&>().empty()) {
    auto raw = base64_decode(v->get<std::string>());
    if (!raw) {
      Error e = raw.take_error();
      e.path = n.image_field;
      e.code = ErrorCode::ImageInvalid;
      return e;
    }
    auto img = decode_image(*raw, n.image_field);
    if (!img) return img.take_error();
    // Fit inside the box, centred, keeping the aspect ratio.
    double scale = std::min(w / (*img)->width, h / (*img)->height);
    double iw = (*img)->width * scale, ih = (*img)->height * scale;
    b.items.push_back(Image{{x + (w - iw) / 2, (h - ih) / 2, iw, ih}, *img});
  } else if (n.placeholder == "silhouette") {
    silhouette(b, {x, 0, w, h});
  }
  if (n.stroke) {
    Shape frame;
    frame.rect = {x, 0, w, h};
    frame.stroke = n.stroke;
    frame.line_width = n.thickness;
    b.items.push_back(frame);
  }
  out.push_back(std::move(b));
  return ok_status();
}

}  // namespace absah::layout
