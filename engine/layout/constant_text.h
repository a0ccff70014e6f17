#pragma once
// Text that no record supplies — label text, numbering, colons, the office's own names — is set
// the same way in every document. set_text is a pure function of the font book, the text, the
// style and the box, so such text is set once and later documents copy that result into their
// frames. Record values never go through here: they would only churn the memo.

#include <memory>
#include <vector>

#include "engine/base/result.h"
#include "engine/layout/frame.h"
#include "engine/layout/text_layout.h"

namespace absah::layout {

// set_text(book, request), memoised by everything that decides the result (request.field only
// names the field in errors, and errors are not memoised).
Result<std::shared_ptr<const SetText>> set_constant_text(const text::FontBook& book,
                                                         const TextRequest& request);

// Set text on its way into a box: either made for this box (its items are moved out) or shared
// with the memo (its items are copied out, once, straight to where they go).
class BoxText {
 public:
  BoxText() = default;
  explicit BoxText(SetText&& own);
  explicit BoxText(std::shared_ptr<const SetText> shared);

  // Appends the items to `out`, moved by (dx, dy). Once only: a made text gives its items away.
  void place(std::vector<FrameItem>& out, double dx, double dy);

  double height = 0;
  double width = 0;
  double used_size = 0;
  int lines = 0;
  bool shrunk = false;

 private:
  std::vector<FrameItem> m_own;
  std::shared_ptr<const SetText> m_shared;
};

}  // namespace absah::layout
