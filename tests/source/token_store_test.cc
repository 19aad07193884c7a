#include "source/token_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "core/redact.h"
#include "source/recording_observer.h"
#include "source/temp_dir.h"

namespace gb {
namespace {

int Mode(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(TokenStoreTest, SavesAtomicallyWithMode0600AndLoadsBack) {
  testing::TempDir dir;
  testing::RecordingObserver observer;
  std::string path = dir.File("config/token.json");  // the directory is created
  TokenStore store(path, observer);
  Token token;
  token.access_token = "access-abc-123";
  token.refresh_token = "refresh-def-456";
  token.expires_in = 7200;
  token.created_at = 1732000000;
  token.extra["scope"] = "read";
  ASSERT_TRUE(store.Save(token));
  EXPECT_EQ(Mode(path), 0600);
  // Only the token itself is left: no temp files beside it.
  int files = 0;
  for (auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(dir.path()) / "config")) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
  auto loaded = store.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->access_token, "access-abc-123");
  EXPECT_EQ(loaded->refresh_token, "refresh-def-456");
  EXPECT_EQ(loaded->ExpiresAt(), 1732007200);
  EXPECT_EQ(loaded->extra["scope"], "read");
  EXPECT_TRUE(observer.Of<Warning>().empty());
  // Loading registered the secrets: they no longer pass through messages.
  EXPECT_EQ(RedactSecrets("token access-abc-123"), "token ***");
}

TEST(TokenStoreTest, ReplacesAnExistingFileAndFixesItsMode) {
  testing::TempDir dir;
  NullObserver obs;
  std::string path = dir.Write("token.json", R"({"access_token":"old-token-1"})");
  chmod(path.c_str(), 0644);
  TokenStore store(path, obs);
  Token token;
  token.access_token = "new-token-2";
  ASSERT_TRUE(store.Save(token));
  EXPECT_EQ(Mode(path), 0600);
  EXPECT_EQ(store.Load()->access_token, "new-token-2");
}

TEST(TokenStoreTest, WorldReadableFileWarns) {
  testing::TempDir dir;
  testing::RecordingObserver observer;
  std::string path = dir.Write("token.json", R"({"access_token":"tok-world-1","expires_in":7200,)"
                                             R"("created_at":1732000000})");
  chmod(path.c_str(), 0644);
  ASSERT_TRUE(TokenStore(path, observer).Load());
  auto warnings = observer.Of<Warning>();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("chmod 600"), std::string::npos);
  EXPECT_NE(warnings[0].message.find("everyone"), std::string::npos);
  EXPECT_EQ(warnings[0].message.find("tok-world-1"), std::string::npos);
}

TEST(TokenStoreTest, MissingEmptyOrNotJsonSaysWhatToDo) {
  testing::TempDir dir;
  NullObserver obs;
  auto missing = TokenStore(dir.File("nope.json"), obs).Load();
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kAuth);
  EXPECT_NE(missing.error().message.find("--token-file"), std::string::npos);
  auto empty = TokenStore(dir.Write("empty.json", "  \n"), obs).Load();
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, ErrorKind::kConfig);
  EXPECT_NE(empty.error().message.find("is empty"), std::string::npos);
  auto garbage = TokenStore(dir.Write("bad.json", "access_token=abc"), obs).Load();
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().kind, ErrorKind::kConfig);
  EXPECT_NE(garbage.error().message.find("not a JSON object"), std::string::npos);
  auto no_access = TokenStore(dir.Write("na.json", R"({"refresh_token":"r-1234"})"), obs).Load();
  ASSERT_FALSE(no_access);
  EXPECT_NE(no_access.error().message.find("no access_token"), std::string::npos);
}

TEST(TokenStoreTest, SaveIntoUnwritableDirectoryFailsClearly) {
  if (geteuid() == 0) {
    // root writes anywhere: use a path under a regular file instead.
    testing::TempDir dir;
    NullObserver obs;
    std::string file = dir.Write("f", "x");
    auto s = TokenStore(file + "/token.json", obs).Save(Token{"a-token", "", 0, 0});
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("cannot write the token"), std::string::npos);
    return;
  }
  testing::TempDir dir;
  NullObserver obs;
  std::filesystem::create_directory(std::filesystem::path(dir.path()) / "ro");
  chmod((std::filesystem::path(dir.path()) / "ro").c_str(), 0500);
  auto s = TokenStore(dir.File("ro/token.json"), obs).Save(Token{"a-token", "", 0, 0});
  chmod((std::filesystem::path(dir.path()) / "ro").c_str(), 0700);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("cannot write the token"), std::string::npos);
}

}  // namespace
}  // namespace gb
