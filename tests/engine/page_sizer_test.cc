// The page size a run asks and what it learns from the API's answers
// (engine/page_sizer.h): a silent cap is reported once (and its end), a
// refused size steps down to the norm once for every stream, and errors that
// are not about the query never change the size.
#include "engine/page_sizer.h"

#include <gtest/gtest.h>

namespace gb {
namespace {

Page PageOf(int nodes, bool has_next) {
  Page page;
  page.nodes.resize(static_cast<size_t>(nodes));
  page.has_next_page = has_next;
  return page;
}

Error GraphqlRefusal() {
  Error e;
  e.kind = ErrorKind::kConfig;
  e.code = "graphql";
  e.message = "Argument 'first' must be at most 100";
  return e;
}

TEST(PageSizerTest, ASilentCapIsReportedOnceThenItsEnd) {
  PageSizer sizer(500);
  EXPECT_EQ(sizer.Ask(), 500);
  EXPECT_FALSE(sizer.Answered(500, PageOf(500, true)));  // full pages: nothing to say
  auto cap = sizer.Answered(500, PageOf(100, true));
  ASSERT_TRUE(cap);
  EXPECT_EQ(cap->asked, 500);
  EXPECT_EQ(cap->honoured, 100);
  EXPECT_FALSE(cap->refused);
  EXPECT_FALSE(sizer.Answered(500, PageOf(100, true)));  // said once
  EXPECT_EQ(sizer.Ask(), 500);  // asking more costs nothing: the cap may be raised
  auto raised = sizer.Answered(500, PageOf(250, true));
  ASSERT_TRUE(raised);
  EXPECT_EQ(raised->honoured, 250);
  auto gone = sizer.Answered(500, PageOf(500, true));
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->honoured, 500);
}

TEST(PageSizerTest, TheLastPageOfASweepIsNotACap) {
  PageSizer sizer(500);
  EXPECT_FALSE(sizer.Answered(500, PageOf(37, false)));
  EXPECT_FALSE(sizer.Answered(500, PageOf(0, false)));
}

TEST(PageSizerTest, ARefusedSizeStepsDownToTheNormOnceForEveryStream) {
  PageSizer sizer(500);
  std::optional<PageSizeFound> report;
  ASSERT_TRUE(sizer.Refused(500, GraphqlRefusal(), &report));
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->refused);
  EXPECT_EQ(report->asked, 500);
  EXPECT_EQ(report->honoured, kNormPageSize);
  EXPECT_NE(report->answer.find("must be at most 100"), std::string::npos);
  EXPECT_EQ(sizer.Ask(), kNormPageSize);
  // Another stream's request of 500 was refused too: asked again, quietly.
  std::optional<PageSizeFound> second;
  EXPECT_TRUE(sizer.Refused(500, GraphqlRefusal(), &second));
  EXPECT_FALSE(second);
  // At the norm, a refusal is the error it is.
  EXPECT_FALSE(sizer.Refused(kNormPageSize, GraphqlRefusal(), &second));
  // An answer to a size given up says nothing.
  EXPECT_FALSE(sizer.Answered(500, PageOf(100, true)));
}

TEST(PageSizerTest, ErrorsNotAboutTheQueryKeepTheSize) {
  PageSizer sizer(500);
  std::optional<PageSizeFound> report;
  Error down{ErrorKind::kTransient, "HTTP 503", "503", {}};
  EXPECT_FALSE(sizer.Refused(500, down, &report));
  Error auth = GraphqlRefusal();
  auth.kind = ErrorKind::kAuth;
  EXPECT_FALSE(sizer.Refused(500, auth, &report));
  EXPECT_FALSE(report);
  EXPECT_EQ(sizer.Ask(), 500);
}

}  // namespace
}  // namespace gb
